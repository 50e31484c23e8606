//! `connector-ls locate`: Microsoft's validator messages, pasted or saved from a pipeline log,
//! the portal or paconn, placed at their file, line and column in a connector and reported in
//! any of `check`'s formats (see [`crate::workspace::locate`]).

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;

use crate::cli::ExitStatus;
use crate::cli::args::Format;
use crate::cli::report::{self, CiLog, Summary};
use crate::model::Connector;
use crate::workspace::ConnectorReport;
use crate::workspace::locate::locate;

pub fn run(log: &Path, connector: Option<&Path>, format: Format) -> ExitStatus {
    let text = match read_log(log) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "connector-ls: cannot read {}: {error}",
                report::path_text(log)
            );
            return ExitStatus::Error;
        }
    };
    let path = connector.unwrap_or(Path::new("."));
    // A file names its folder.
    let dir = match path.is_file() {
        true => path.parent().filter(|p| !p.as_os_str().is_empty()),
        false => Some(path),
    };
    let loaded = Connector::load(dir.unwrap_or(Path::new(".")));
    let connector = match loaded {
        Ok(connector) if !connector.files.is_empty() => connector,
        Ok(_) => {
            let shown = report::path_text(path);
            eprintln!("connector-ls: {shown}: no connector files there");
            return ExitStatus::Error;
        }
        Err(error) => {
            eprintln!("connector-ls: {error}");
            return ExitStatus::Error;
        }
    };
    let diagnostics = locate(&text, &connector);
    if diagnostics.is_empty() {
        eprintln!(
            "connector-ls: no validator message found in {}",
            report::path_text(log)
        );
        return ExitStatus::Failure;
    }
    let reports = [ConnectorReport {
        connector,
        diagnostics,
    }];
    let ci_log = CiLog::detect();
    let color = format == Format::Human
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut reporter = report::reporter(format, color, true, ci_log);
    let mut out = BufWriter::new(report::stdout_for(format, ci_log));
    let summary = Summary {
        connectors: 1,
        ..Summary::default()
    };
    let written = reporter
        .connector(&report::locate(&reports), &mut out)
        .and_then(|()| reporter.finish(&summary, &mut out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitStatus::Success,
        Err(_) => ExitStatus::Error,
    }
}

/// The log's text (`-` is standard input); bytes that are not UTF-8 are replaced.
fn read_log(path: &Path) -> io::Result<String> {
    let mut bytes = Vec::new();
    match path.as_os_str() == "-" {
        true => io::stdin().lock().read_to_end(&mut bytes)?,
        false => std::fs::File::open(path)?.read_to_end(&mut bytes)?,
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
