//! The `connector-ls` binary: a thin shell around the library's command line.

fn main() -> std::process::ExitCode {
    connector_ls::cli::main()
}
