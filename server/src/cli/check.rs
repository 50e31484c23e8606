//! `connector-ls check`: discover, analyse in parallel, report, and choose the exit status.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::ExitStatus;
use crate::cli::args::{CheckArgs, ColorChoice, Format};
use crate::cli::report::{self, Reporter};
use crate::diagnostic::Severity;
use crate::rules::RuleConfig;
use crate::workspace::{self, ConnectorReport};

pub fn run(args: &CheckArgs) -> ExitStatus {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let targets = match workspace::discover(&paths) {
        Ok(targets) => targets,
        Err(error) => {
            eprintln!("connector-ls: {error}");
            return ExitStatus::Error;
        }
    };
    let config = RuleConfig::default();
    let mut io_failed = false;
    let mut reports: Vec<ConnectorReport> = Vec::new();
    for (target, result) in workspace::check_all(&targets, &config) {
        match result {
            Ok(report) => reports.push(report),
            Err(error) => {
                eprintln!("connector-ls: cannot read {target:?}: {error}");
                io_failed = true;
            }
        }
    }
    let located = report::locate(&reports);

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => args.output.is_none() && io::stdout().is_terminal(),
    };
    let reporter: Box<dyn Reporter> = match args.format {
        Format::Json => Box::new(report::json::JsonReporter),
        Format::Human | Format::Sarif | Format::Github => {
            let _ = color;
            Box::new(report::json::JsonReporter)
        }
    };
    let written = match &args.output {
        Some(path) => File::create(path).and_then(|file| {
            let mut out = BufWriter::new(file);
            reporter.write(&located, &mut out)?;
            out.flush()
        }),
        None => {
            let mut out = io::stdout().lock();
            reporter
                .write(&located, &mut out)
                .and_then(|()| out.flush())
        }
    };
    if let Err(error) = written {
        eprintln!("connector-ls: cannot write the report: {error}");
        return ExitStatus::Error;
    }
    if io_failed {
        return ExitStatus::Error;
    }
    let fails = |severity: Severity| {
        severity == Severity::Error || (args.deny_warnings && severity == Severity::Warning)
    };
    if located.iter().any(|d| fails(d.diagnostic.severity)) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
