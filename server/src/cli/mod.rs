//! The command line: `check` for CI, `rules` and `explain` for the rule catalogue.

pub mod args;
pub mod check;
pub mod fixes;
pub mod report;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::rules::{RULES, find_rule};
use args::{Cli, Command, RulesFormat};

/// Exit statuses shared by every subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No error (and no warning under `--deny-warnings`).
    Success = 0,
    /// Findings at or above the failure threshold.
    Failure = 1,
    /// Usage, configuration or I/O error.
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::Error.into()
            } else {
                ExitStatus::Success.into()
            };
        }
    };
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
        // The protocol's rule: 0 when the client asked for shutdown before exit, else 1.
        Command::Lsp { stdio: _ } => match crate::lsp::run_stdio() {
            Some(true) => ExitStatus::Success,
            Some(false) => ExitStatus::Failure,
            None => ExitStatus::Error,
        },
    };
    status.into()
}

fn list_rules(format: RulesFormat) -> ExitStatus {
    let mut out = std::io::stdout().lock();
    let written = match format {
        RulesFormat::Text => RULES.iter().try_for_each(|rule| {
            writeln!(
                out,
                "{:<40} {:<8} {}",
                rule.id,
                rule.default_severity.as_str(),
                rule.summary
            )
        }),
        RulesFormat::Json => {
            #[derive(serde::Serialize)]
            struct RuleInfo {
                id: &'static str,
                severity: &'static str,
                summary: &'static str,
                docs: String,
            }
            let rules: Vec<RuleInfo> = RULES
                .iter()
                .map(|rule| RuleInfo {
                    id: rule.id,
                    severity: rule.default_severity.as_str(),
                    summary: rule.summary,
                    docs: rule.docs_text().trim().to_string(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    finish(written)
}

/// A failed write to stdout is an I/O error, unless the reader simply went away.
fn finish(written: std::io::Result<()>) -> ExitStatus {
    match written {
        Ok(()) => ExitStatus::Success,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(error) => {
            eprintln!("connector-ls: cannot write to standard output: {error}");
            ExitStatus::Error
        }
    }
}

fn explain(id: &str) -> ExitStatus {
    match find_rule(id) {
        Some(rule) => {
            let mut out = std::io::stdout().lock();
            finish(writeln!(
                out,
                "# {}\n\n{} (default severity: {})\n\n{}",
                rule.id,
                rule.summary,
                rule.default_severity.as_str(),
                rule.docs_text().trim()
            ))
        }
        None => {
            eprintln!("connector-ls: unknown rule '{id}'; `connector-ls rules` lists them");
            ExitStatus::Error
        }
    }
}
