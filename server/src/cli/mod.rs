//! The command line: `check` for CI, `rules` and `explain` for the rule catalogue.

pub mod args;
pub mod check;
pub mod report;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::rules::{RULES, find_rule};
use args::{Cli, Command};

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
        Command::Rules => list_rules(),
        Command::Explain { rule } => explain(&rule),
    };
    status.into()
}

fn list_rules() -> ExitStatus {
    let mut out = std::io::stdout().lock();
    for rule in RULES.iter() {
        let _ = writeln!(
            out,
            "{:<40} {:<8} {}",
            rule.id,
            rule.default_severity.as_str(),
            rule.summary
        );
    }
    ExitStatus::Success
}

fn explain(id: &str) -> ExitStatus {
    match find_rule(id) {
        Some(rule) => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "# {}\n\n{} (default severity: {})\n\n{}",
                rule.id,
                rule.summary,
                rule.default_severity.as_str(),
                rule.docs_text().trim_end()
            );
            ExitStatus::Success
        }
        None => {
            eprintln!("connector-ls: unknown rule '{id}'; `connector-ls rules` lists them");
            ExitStatus::Error
        }
    }
}
