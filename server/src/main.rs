//! The `connector-ls` binary: the command line and the language server side by side, over
//! one library.

use std::process::ExitCode;

use connector_ls::cli::{self, args::Command};

fn main() -> ExitCode {
    let command = match cli::parse() {
        Ok(cli) => cli.command,
        Err(code) => return code,
    };
    match command {
        // The protocol's rule: 0 when the client asked for shutdown before exit, else 1.
        Command::Lsp { stdio: _ } => match connector_ls::lsp::run_stdio() {
            Some(true) => ExitCode::SUCCESS,
            Some(false) => ExitCode::from(1),
            None => ExitCode::from(2),
        },
        command => cli::run(command),
    }
}
