//! `connector-ls check`: discover, analyse in parallel, report each connector as it comes (then
//! drop it), and choose the exit status.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::baseline::{Baseline, Recorder};
use crate::cli::ExitStatus;
use crate::cli::args::{CheckArgs, ColorChoice, Format};
use crate::cli::fixes::{self, Outcome};
use crate::cli::report::{self, CiLog, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::rules::RuleConfig;
use crate::rules::selection::rules_named;
use crate::workspace::{self, ConfigChoice, ConnectorReport, GitBase, Target, TargetConfigs};

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
    let mut configs = match TargetConfigs::load(&targets, &choice) {
        Ok(configs) => configs.overridden_by(&command_line),
        Err(error) => {
            eprintln!("connector-ls: {error}");
            return ExitStatus::Error;
        }
    };
    if let Some(reference) = &args.base {
        let base = GitBase::new(reference);
        // Every connector's repository and the revision in it, before anything is checked.
        for target in &targets {
            if let Err(error) = base.check(target.dir()) {
                eprintln!("connector-ls: --base: {error}");
                return ExitStatus::Error;
            }
        }
        configs = configs.with_base(base);
    }
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
    if args.diff {
        let mut printer = fixes::DiffPrinter::default();
        workspace::fix_each(
            &targets,
            &configs,
            args.unsafe_fixes,
            |target, result| match result {
                Ok(fixed) => printer.add(&fixed),
                Err(error) => unchecked += cannot_read(target, error),
            },
        );
        return printer.finish(unchecked > 0);
    }
    // No report replaces a file being checked: refused before anything is written.
    for path in [&args.output, &args.write_baseline].into_iter().flatten() {
        if file_id(path).is_none() {
            continue;
        }
        let checked: Vec<PathBuf> = targets.iter().flat_map(workspace::files_of).collect();
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
    let ci_log = CiLog::detect();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let log = match args.output {
        None => ci_log,
        Some(_) => CiLog::Plain,
    };
    let reporter = report::reporter(args.format, color, args.show_hints, log);
    // In a GitHub Actions job or an Azure Pipelines run, the human report also becomes the
    // service's annotations (commands on standard output, after the report), with no set-up.
    let annotator: Option<Box<dyn Reporter>> = match (args.format, ci_log) {
        (Format::Human, CiLog::GithubActions) => Some(Box::new(report::github::REPORTER)),
        (Format::Human, CiLog::AzurePipelines) => Some(Box::new(report::azure::REPORTER)),
        _ => None,
    };
    let mut stdout = None;
    let out: &mut dyn Write = match &mut file {
        Some(file) => file,
        // Standard output is line-buffered: a write per line of a large report.
        None => stdout.insert(BufWriter::new(report::stdout_for(args.format, ci_log))),
    };
    let mut batch = Batch {
        reporter,
        out,
        written: Ok(()),
        annotations: annotator.map(|reporter| (reporter, Vec::new())),
        baseline,
        recorder: args.write_baseline.as_deref().map(Recorder::new),
        summary: Summary::default(),
        fails: false,
        deny_warnings: args.deny_warnings,
    };
    if args.fix {
        let mut writer = fixes::Writer::default();
        workspace::fix_each(&targets, &configs, args.unsafe_fixes, |target, result| {
            let fixed = match result {
                Ok(fixed) => fixed,
                Err(error) => return unchecked += cannot_read(target, error),
            };
            let outcome = writer.write(&fixed);
            write_failed |= matches!(outcome, Outcome::Failed(_));
            if matches!(outcome, Outcome::Unchanged | Outcome::Written { .. }) {
                return batch.report(fixed.report);
            }
            drop(fixed);
            // Not written: the report is about the files as they are on disk now.
            match workspace::check_target_against(target, configs.of(target), configs.base()) {
                Ok(report) => batch.report(report),
                Err(error) => unchecked += cannot_read(target, error),
            }
        });
        writer.finish();
    } else {
        workspace::check_each(&targets, &configs, |target, result| match result {
            Ok(report) => batch.report(report),
            Err(error) => unchecked += cannot_read(target, error),
        });
    }
    batch.summary.unchecked = unchecked;
    let io_failed = unchecked > 0 || write_failed;
    if let Some(recorder) = batch.recorder.take() {
        let path = recorder.path().to_path_buf();
        return match recorder.write() {
            Ok(count) => {
                eprintln!(
                    "connector-ls: recorded {count} findings in {}",
                    report::shown_path(&path)
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
                    report::shown_path(&path)
                );
                ExitStatus::Error
            }
        };
    }
    let fails = batch.fails;
    match batch.finish() {
        Ok(()) => {}
        // The reader went away (`connector-ls check | head`): not worth a message.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe && args.output.is_none() => {}
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
    if fails {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// A batch run's reporting: each connector reported (or recorded for a baseline) as soon as
/// it is analysed, then dropped; what spans connectors is counted here.
struct Batch<'o> {
    reporter: Box<dyn Reporter>,
    out: &'o mut dyn Write,
    /// The first error writing the report; nothing more is written after it.
    written: io::Result<()>,
    /// The CI service's annotations of the human report, written after it.
    annotations: Option<(Box<dyn Reporter>, Vec<u8>)>,
    baseline: Option<Baseline>,
    /// With `--write-baseline`, the findings to record; there is no report then.
    recorder: Option<Recorder>,
    summary: Summary,
    /// Whether a finding makes the check fail.
    fails: bool,
    deny_warnings: bool,
}

impl Batch<'_> {
    fn report(&mut self, mut connector: ConnectorReport) {
        if let Some(recorder) = &mut self.recorder {
            return recorder.record(&connector);
        }
        if let Some(baseline) = &mut self.baseline {
            self.summary.in_baseline += baseline.hide_in(&mut connector);
        }
        self.summary.connectors += 1;
        let located = report::locate(std::slice::from_ref(&connector));
        let deny_warnings = self.deny_warnings;
        let fails = |severity: Severity| {
            severity == Severity::Error || (deny_warnings && severity == Severity::Warning)
        };
        self.fails |= located.iter().any(|d| fails(d.diagnostic.severity));
        if self.written.is_ok() {
            self.written = self.reporter.connector(&located, self.out);
        }
        if let Some((annotator, annotations)) = &mut self.annotations {
            // Writing to memory does not fail.
            let _ = annotator.connector(&located, annotations);
        }
    }

    fn finish(mut self) -> io::Result<()> {
        self.written?;
        self.reporter.finish(&self.summary, self.out)?;
        self.out.flush()?;
        if let Some((_, annotations)) = self.annotations {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&annotations)?;
            stdout.flush()?;
        }
        Ok(())
    }
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

/// The rule settings of `--select`, `--ignore`, `--min-severity` and `--profile`, which go on top of the
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
    config.profile = args.profile.map(Into::into);
    Ok(config)
}
