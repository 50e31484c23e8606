//! `connector-ls check`: discover, analyse in parallel, report, and choose the exit status.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use crate::baseline::Baseline;
use crate::cli::ExitStatus;
use crate::cli::args::{CheckArgs, ColorChoice, Format};
use crate::cli::fixes;
use crate::cli::report::{self, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleConfig;
use crate::rules::selection::rules_named;
use crate::workspace::{self, ConfigChoice, ConnectorReport, Target, TargetConfigs};

pub fn run(args: &CheckArgs) -> ExitStatus {
    let command_line = match command_line_config(args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("connector-ls: {message}");
            return ExitStatus::Error;
        }
    };
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
    if targets.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "connector-ls: warning: no connector found in {}",
            shown.join(", ")
        );
    }
    // Open the report file before the analysis, so that a bad path fails at once.
    let mut file = match &args.output {
        Some(path) => match File::create(path) {
            Ok(file) => Some(BufWriter::new(file)),
            Err(error) => {
                eprintln!("connector-ls: cannot write {}: {error}", path.display());
                return ExitStatus::Error;
            }
        },
        None => None,
    };

    let choice = match (&args.config, args.no_config) {
        (Some(file), _) => ConfigChoice::File(file.clone()),
        (None, true) => ConfigChoice::Defaults,
        (None, false) => ConfigChoice::Discover,
    };
    let configs = match TargetConfigs::load(&targets, &choice) {
        Ok(configs) => configs.overridden_by(&command_line),
        Err(error) => {
            eprintln!("connector-ls: {error}");
            return ExitStatus::Error;
        }
    };
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("connector-ls: {error}");
            return ExitStatus::Error;
        }
    };
    let mut io_failed = false;
    let mut reports: Vec<ConnectorReport> = Vec::new();
    let cannot_read = |target: &Target, error: io::Error| {
        let path = match target {
            Target::Folder(path) | Target::File { path, .. } => path,
        };
        eprintln!("connector-ls: cannot check {}: {error}", path.display());
    };
    if args.fix || args.diff {
        let mut fixed = Vec::new();
        for (target, result) in workspace::fix_all(&targets, &configs, args.unsafe_fixes) {
            match result {
                Ok(report) => fixed.push(report),
                Err(error) => {
                    cannot_read(&target, error);
                    io_failed = true;
                }
            }
        }
        if args.diff {
            return fixes::print_diff(&fixed, io_failed);
        }
        io_failed |= !fixes::write(&fixed);
        reports = fixed.into_iter().map(|f| f.report).collect();
    } else {
        for (target, result) in workspace::check_all(&targets, &configs) {
            match result {
                Ok(report) => reports.push(report),
                Err(error) => {
                    cannot_read(&target, error);
                    io_failed = true;
                }
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        return match Baseline::write(path, &reports) {
            Ok(count) => {
                eprintln!(
                    "connector-ls: recorded {count} findings in {}",
                    path.display()
                );
                if io_failed {
                    ExitStatus::Error
                } else {
                    ExitStatus::Success
                }
            }
            Err(error) => {
                eprintln!("connector-ls: cannot write {}: {error}", path.display());
                ExitStatus::Error
            }
        };
    }
    let in_baseline = baseline.map_or(0, |baseline| baseline.hide(&mut reports));
    let located = report::locate(&reports);
    let summary = Summary {
        connectors: reports.len(),
        in_baseline,
    };

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(report::human::HumanReporter { color }),
        Format::Json => Box::new(report::json::JsonReporter),
        Format::Sarif => Box::new(report::sarif::SarifReporter),
        Format::Github => Box::new(report::github::GithubReporter),
    };
    // In a GitHub Actions job, the human report also becomes annotations on the pull request
    // (workflow commands on standard output), with no set-up.
    let annotate = args.format == Format::Human
        && std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    let written = match &mut file {
        Some(out) => reporter
            .write(&located, &summary, out)
            .and_then(|()| out.flush()),
        None => {
            let mut out = io::stdout().lock();
            reporter
                .write(&located, &summary, &mut out)
                .and_then(|()| out.flush())
        }
    }
    .and_then(|()| {
        if !annotate {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        report::github::GithubReporter
            .write(&located, &summary, &mut out)
            .and_then(|()| out.flush())
    });
    match written {
        Ok(()) => {}
        // The reader went away (`connector-ls check | head`): not worth a message.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe && file.is_none() => {}
        Err(error) => {
            let target = match &args.output {
                Some(path) => path.display().to_string(),
                None => "the report".to_string(),
            };
            eprintln!("connector-ls: cannot write {target}: {error}");
            return ExitStatus::Error;
        }
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

/// The rule settings of `--select`, `--ignore` and `--min-severity`, which go on top of the
/// configuration file's.
fn command_line_config(args: &CheckArgs) -> Result<RuleConfig, String> {
    let named = |flag: &str, names: &[String]| -> Result<BTreeSet<&'static str>, String> {
        let mut ids = BTreeSet::new();
        for name in names {
            ids.extend(rules_named(name.trim()).map_err(|message| format!("{flag}: {message}"))?);
        }
        Ok(ids)
    };
    let mut config = RuleConfig::default();
    if !args.select.is_empty() {
        config.selection.select = Some(named("--select", &args.select)?);
    }
    config.selection.ignore = named("--ignore", &args.ignore)?;
    config.selection.min_severity = args.min_severity.map(Severity::from);
    Ok(config)
}
