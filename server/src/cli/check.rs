//! `connector-ls check`: discover, analyse in parallel, report, and choose the exit status.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::baseline::Baseline;
use crate::cli::ExitStatus;
use crate::cli::args::{CheckArgs, ColorChoice, Format};
use crate::cli::fixes::{self, Outcome};
use crate::cli::report::{self, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::model::FileKind;
use crate::rules::RuleConfig;
use crate::rules::selection::rules_named;
use crate::workspace::{self, ConfigChoice, ConnectorReport, FixedReport, Target, TargetConfigs};

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
        let shown: Vec<String> = paths.iter().map(|p| report::shown_path(p)).collect();
        eprintln!(
            "connector-ls: warning: no connector found in {}",
            shown.join(", ")
        );
    }
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
    // Connectors that could not be read, and whether a fix could not be written.
    let mut unchecked = 0;
    let mut write_failed = false;
    let cannot_read = |target: &Target, error: io::Error| {
        eprintln!(
            "connector-ls: cannot check {}: {error}",
            report::shown_path(target.dir())
        );
        1
    };
    let mut fixed: Vec<(Target, FixedReport)> = Vec::new();
    let mut reports: Vec<ConnectorReport> = Vec::new();
    if args.fix || args.diff {
        for (target, result) in workspace::fix_all(&targets, &configs, args.unsafe_fixes) {
            match result {
                Ok(report) => fixed.push((target, report)),
                Err(error) => unchecked += cannot_read(&target, error),
            }
        }
        if args.diff {
            let fixed: Vec<FixedReport> = fixed.into_iter().map(|(_, f)| f).collect();
            return fixes::print_diff(&fixed, unchecked > 0);
        }
    } else {
        for (target, result) in workspace::check_all(&targets, &configs) {
            match result {
                Ok(report) => reports.push(report),
                Err(error) => unchecked += cannot_read(&target, error),
            }
        }
    }

    // Nothing is opened for writing before the analysis, and no report replaces a file
    // being checked.
    let checked = checked_files(&targets, &reports, &fixed);
    for path in [&args.output, &args.write_baseline].into_iter().flatten() {
        if let Some(file) = same_file_among(path, &checked) {
            eprintln!(
                "connector-ls: refusing to write the report to {}: it is a file being checked ({})",
                report::shown_path(path),
                report::shown_path(file)
            );
            return ExitStatus::Error;
        }
    }
    // The report file is created before fixes are written, so that a bad path changes nothing.
    let mut file = match &args.output {
        Some(path) => match File::create(path) {
            Ok(file) => Some(BufWriter::new(file)),
            Err(error) => {
                eprintln!(
                    "connector-ls: cannot write {}: {error}",
                    report::shown_path(path)
                );
                return ExitStatus::Error;
            }
        },
        None => None,
    };
    if args.fix {
        let (targets, fixed): (Vec<Target>, Vec<FixedReport>) = fixed.into_iter().unzip();
        let outcomes = fixes::write(&fixed);
        for ((target, fixed), outcome) in targets.iter().zip(fixed).zip(outcomes) {
            write_failed |= matches!(outcome, Outcome::Failed(_));
            if matches!(outcome, Outcome::Unchanged | Outcome::Written { .. }) {
                reports.push(fixed.report);
                continue;
            }
            // Not written: the report is about the files as they are on disk now.
            match workspace::check_target(target, configs.of(target)) {
                Ok(report) => reports.push(report),
                Err(error) => unchecked += cannot_read(target, error),
            }
        }
    }
    let io_failed = unchecked > 0 || write_failed;
    if let Some(path) = &args.write_baseline {
        return match Baseline::write(path, &reports) {
            Ok(count) => {
                eprintln!(
                    "connector-ls: recorded {count} findings in {}",
                    report::shown_path(path)
                );
                if io_failed {
                    ExitStatus::Error
                } else {
                    ExitStatus::Success
                }
            }
            Err(error) => {
                eprintln!(
                    "connector-ls: cannot write {}: {error}",
                    report::shown_path(path)
                );
                ExitStatus::Error
            }
        };
    }
    let in_baseline = baseline.map_or(0, |baseline| baseline.hide(&mut reports));
    let located = report::locate(&reports);
    let summary = Summary {
        connectors: reports.len(),
        in_baseline,
        unchecked,
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
        Format::Human => Box::new(report::human::HumanReporter {
            color,
            show_hints: args.show_hints,
            github_log: args.output.is_none() && report::in_github_actions(),
        }),
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
            // Standard output is line-buffered: a write per line of a large report.
            let mut out = BufWriter::new(io::stdout().lock());
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
                Some(path) => report::shown_path(path),
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

/// Every file being checked: the files of the connectors read, and for the connectors that
/// could not be read, the files under the conventional names in their folders.
fn checked_files(
    targets: &[Target],
    reports: &[ConnectorReport],
    fixed: &[(Target, FixedReport)],
) -> Vec<PathBuf> {
    let read = reports.iter().chain(fixed.iter().map(|(_, f)| &f.report));
    let conventional = targets.iter().flat_map(|target| {
        FileKind::ALL
            .iter()
            .map(|kind| target.dir().join(kind.default_name()))
    });
    read.flat_map(|report| report.connector.files.iter().map(|f| f.path.clone()))
        .chain(conventional)
        .collect()
}

/// The file among `files` that `path` is (the same file, whatever the path's spelling or
/// links), if any.
fn same_file_among<'a>(path: &Path, files: &'a [PathBuf]) -> Option<&'a Path> {
    let output = file_id(path)?;
    files
        .iter()
        .map(PathBuf::as_path)
        .find(|file| file_id(file).as_ref() == Some(&output))
}

/// What identifies an existing file: its device and inode.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
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
