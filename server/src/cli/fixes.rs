//! `check --fix` and `check --diff`: write fixed files atomically (a temporary file in the same
//! folder, then a rename, keeping the file's permissions), or print the changes as a unified
//! diff without writing.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use similar::TextDiff;

use crate::cli::ExitStatus;
use crate::cli::report::{
    display_path, escape_controls, in_github_actions, mask_secrets, secret_ranges_of, write_to_log,
};
use crate::model::SourceFile;
use crate::workspace::FixedReport;

/// Replace `path` with `text` atomically. The text is written exactly as given: the fixes keep
/// the file's BOM, line endings and indentation.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Write every changed file; say what was fixed. Returns false if a file could not be written.
pub fn write(fixed: &[FixedReport]) -> bool {
    let mut ok = true;
    let mut files = 0;
    let mut applied = 0;
    for report in fixed {
        applied += report.applied;
        for (kind, _) in &report.changed {
            let Some(file) = report.report.connector.file(*kind) else {
                continue;
            };
            match write_atomically(&file.path, &file.text) {
                Ok(()) => files += 1,
                Err(error) => {
                    eprintln!(
                        "connector-ls: cannot write {}: {error}",
                        file.path.display()
                    );
                    ok = false;
                }
            }
        }
    }
    if applied > 0 {
        let s = if applied == 1 { "" } else { "s" };
        let fs = if files == 1 { "" } else { "s" };
        eprintln!("Fixed {applied} problem{s} in {files} file{fs}.");
    }
    ok
}

/// Print the changes the fixes would make; exit 1 when there are some.
pub fn print_diff(fixed: &[FixedReport], io_failed: bool) -> ExitStatus {
    let cwd = std::env::current_dir().ok();
    let mut diffs = String::new();
    let mut files = 0;
    let mut applied = 0;
    for report in fixed {
        applied += report.applied;
        for (kind, before) in &report.changed {
            let Some(file) = report.report.connector.file(*kind) else {
                continue;
            };
            let path = escape_controls(&display_path(&file.path, cwd.as_deref())).into_owned();
            let before = masked(file, before);
            let after = masked(file, &file.text);
            let diff = TextDiff::from_lines(before.as_ref(), after.as_ref());
            let (old, new) = if path.starts_with('/') {
                (path.clone(), path.clone())
            } else {
                (format!("a/{path}"), format!("b/{path}"))
            };
            diffs.push_str(&escape_lines(
                &diff.unified_diff().header(&old, &new).to_string(),
            ));
            files += 1;
        }
    }
    let mut out = io::stdout().lock();
    if write_to_log(&mut out, &diffs, in_github_actions()).is_err() {
        return ExitStatus::Error;
    }
    if io_failed {
        return ExitStatus::Error;
    }
    if files == 0 {
        eprintln!("No fixes to apply.");
        return ExitStatus::Success;
    }
    let s = if applied == 1 { "" } else { "s" };
    let fs = if files == 1 { "" } else { "s" };
    eprintln!("Would fix {applied} problem{s} in {files} file{fs}.");
    ExitStatus::Failure
}

/// The text of a file with its credentials masked (see `mask_secrets`): the unsafe fix of
/// `secret-committed` removes a secret, and the diff must not print it on the `-` line.
fn masked<'t>(file: &SourceFile, text: &'t str) -> Cow<'t, str> {
    let secrets = secret_ranges_of(file, text);
    if secrets.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut text = text.to_string();
    mask_secrets(&secrets, 0, &mut text);
    Cow::Owned(text)
}

/// Escape the control characters of each diff line (a raw ESC, or a lone CR that a CI log
/// reads as a line break and then as a workflow command), keeping tabs and line endings.
fn escape_lines(diff: &str) -> String {
    let mut escaped = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let body = match line.strip_suffix('\n') {
            Some(body) => body.strip_suffix('\r').unwrap_or(body),
            None => line,
        };
        let mut parts = body.split('\t');
        escaped.push_str(&escape_controls(parts.next().unwrap_or_default()));
        for part in parts {
            escaped.push('\t');
            escaped.push_str(&escape_controls(part));
        }
        escaped.push_str(&line[body.len()..]);
    }
    escaped
}
