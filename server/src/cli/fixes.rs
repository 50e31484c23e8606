//! `check --fix` and `check --diff`: write fixed files atomically (a temporary file in the same
//! folder, then a rename, keeping the file's permissions), or print the changes as a unified
//! diff without writing.

use std::io::{self, Write};
use std::path::Path;

use similar::TextDiff;

use crate::cli::ExitStatus;
use crate::cli::report::display_path;
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
    let mut out = io::stdout().lock();
    let mut files = 0;
    let mut applied = 0;
    for report in fixed {
        applied += report.applied;
        for (kind, before) in &report.changed {
            let Some(file) = report.report.connector.file(*kind) else {
                continue;
            };
            let path = display_path(&file.path, cwd.as_deref());
            let diff = TextDiff::from_lines(before.as_str(), file.text.as_str());
            let (old, new) = if path.starts_with('/') {
                (path.clone(), path.clone())
            } else {
                (format!("a/{path}"), format!("b/{path}"))
            };
            let unified = diff.unified_diff().header(&old, &new).to_string();
            if out.write_all(unified.as_bytes()).is_err() {
                return ExitStatus::Error;
            }
            files += 1;
        }
    }
    let _ = out.flush();
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
