//! `check --fix` and `check --diff`: write the fixed files of each connector, or print the
//! changes as a unified diff without writing.
//!
//! Writing never loses data. A connector's files are written all or nothing: every new text
//! goes to a temporary file beside the file it replaces (in the folder of a symbolic link's
//! target, so that the link stays a link), with the original's permissions and, where
//! permitted, owner and group; then each original is checked to be still the text that was
//! read, and only then are the temporary files renamed over the originals, one right after the
//! other. If a rename fails, the files already replaced get their old text back. Nothing is
//! written to a connector with a file that is read-only (its owner's intent), that has other
//! hard links (a new file would leave them with the old text), that changed since it was read
//! (someone else's save wins), or that settings.json names for two roles (the fixes of each
//! role were made on separate copies). Temporary files are removed on every error; a kill
//! between writing and renaming can leave one, hidden and named
//! `.<file>.<random>.connector-ls.tmp`, which the next `--fix` of the connector removes. A kill
//! between two renames (a window of microseconds) can still leave the files of a connector
//! inconsistent: renames cannot be made one atomic step.

use std::borrow::Cow;
use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use similar::TextDiff;
use tempfile::NamedTempFile;

use crate::cli::ExitStatus;
use crate::cli::report::{
    CiLog, display_path, escape_controls, mask_secrets, secret_ranges_of, shown_path, write_to_log,
};
use crate::model::{FileKind, SourceFile};
use crate::workspace::FixedReport;

/// What became of one connector's fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No file needed a change.
    Unchanged,
    /// Every changed file was replaced.
    Written { files: usize },
    /// Nothing was written, on purpose; the reason names the file.
    Skipped(String),
    /// Nothing was written (or what was written was restored) because of an I/O error; the
    /// message names the file.
    Failed(String),
}

/// One file to replace.
struct Replacement<'a> {
    /// The path the connector knows the file by.
    path: &'a Path,
    /// Where the bytes really are: the path with every symbolic link resolved.
    target: PathBuf,
    /// The text that was read, and the text to write.
    before: &'a str,
    after: &'a str,
    metadata: Metadata,
}

/// Write the changed files of one connector, all or nothing. Prints nothing.
pub fn write_connector(fixed: &FixedReport) -> Outcome {
    remove_leftover_temporaries(fixed);
    if fixed.changed.is_empty() {
        return Outcome::Unchanged;
    }
    let replacements = match plan(fixed) {
        Ok(replacements) => replacements,
        Err(outcome) => return outcome,
    };
    // Every new text is on disk before any original is touched.
    let mut temps = Vec::new();
    for replacement in &replacements {
        match write_temporary(
            &replacement.target,
            replacement.after,
            &replacement.metadata,
        ) {
            Ok(temp) => temps.push(temp),
            Err(error) => {
                return Outcome::Failed(format!(
                    "cannot write {}: {error}; nothing was written",
                    shown_path(replacement.path)
                ));
            }
        }
    }
    for replacement in &replacements {
        if !still_as_read(&replacement.target, replacement.before) {
            return Outcome::Skipped(format!(
                "{} changed since it was read; run the fix again",
                shown_path(replacement.path)
            ));
        }
    }
    let mut replaced: Vec<&Replacement> = Vec::new();
    for (replacement, temp) in replacements.iter().zip(temps) {
        if let Err(error) = temp.persist(&replacement.target) {
            let restored = replaced.iter().all(|done| {
                write_temporary(&done.target, done.before, &done.metadata)
                    .and_then(|temp| temp.persist(&done.target).map_err(|e| e.error))
                    .is_ok()
            });
            let others = if replaced.is_empty() {
                "; nothing was written"
            } else if restored {
                "; the connector's other files were restored"
            } else {
                "; the connector's other files could not all be restored: check them"
            };
            return Outcome::Failed(format!(
                "cannot replace {}: {}{others}",
                shown_path(replacement.path),
                error.error
            ));
        }
        replaced.push(replacement);
    }
    Outcome::Written {
        files: replaced.len(),
    }
}

/// Resolve and check every file to replace, or say why the connector is not written.
fn plan(fixed: &FixedReport) -> Result<Vec<Replacement<'_>>, Outcome> {
    if let Some(why) = one_file_for_two_roles(fixed) {
        return Err(Outcome::Skipped(why));
    }
    let mut replacements: Vec<Replacement> = Vec::new();
    for (kind, before) in &fixed.changed {
        let Some(file) = fixed.report.connector.file(*kind) else {
            continue;
        };
        let path = file.path.as_path();
        let failed = |error: io::Error| {
            Outcome::Failed(format!(
                "{}: {error}; nothing was written",
                shown_path(path)
            ))
        };
        let target = std::fs::canonicalize(path).map_err(failed)?;
        let metadata = std::fs::metadata(&target).map_err(failed)?;
        let skip = |why: String| Err(Outcome::Skipped(format!("{} {why}", shown_path(path))));
        if !metadata.is_file() {
            return skip("is no longer a regular file".into());
        }
        if metadata.permissions().readonly() {
            return skip("is read-only; make it writable to fix it".into());
        }
        let links = hard_links(&metadata);
        if links > 1 {
            return skip(format!(
                "has {links} hard links; replacing it would leave the other names with the old \
                 text, so fix a copy or remove the other links"
            ));
        }
        // A file that cannot be opened for writing (immutable, or not ours) cannot be
        // replaced either: find out before anything is written.
        File::options().write(true).open(&target).map_err(|error| {
            Outcome::Failed(format!(
                "cannot write {}: {error}; nothing was written",
                shown_path(path)
            ))
        })?;
        replacements.push(Replacement {
            path,
            target,
            before,
            after: &file.text,
            metadata,
        });
    }
    Ok(replacements)
}

/// Why the fixes cannot be written when settings.json names one file for two roles that both
/// changed: the fixes of each role were made on a separate copy of the file.
fn one_file_for_two_roles(fixed: &FixedReport) -> Option<String> {
    let files: Vec<(FileKind, &Path, PathBuf)> = fixed
        .changed
        .iter()
        .filter_map(|(kind, _)| fixed.report.connector.file(*kind))
        .map(|file| {
            let real = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
            (file.kind, file.path.as_path(), real)
        })
        .collect();
    files
        .iter()
        .enumerate()
        .find_map(|(i, (kind, path, real))| {
            let (other, _, _) = files[..i].iter().find(|(_, _, r)| r == real)?;
            Some(format!(
                "{} is both the {} and the {} file (settings.json names it twice); the fixes of \
             each were made on a separate copy and cannot both be applied, so fix it by hand",
                shown_path(path),
                settings_key(*other),
                settings_key(*kind)
            ))
        })
}

/// The key settings.json names a file of this kind with.
fn settings_key(kind: FileKind) -> &'static str {
    match kind {
        FileKind::ApiDefinition => "apiDefinition",
        FileKind::ApiProperties => "apiProperties",
        FileKind::Settings => "settings",
        FileKind::Script => "script",
        // Never named by settings.json: the name its role goes by.
        FileKind::Readme => "readme",
        FileKind::Icon => "icon",
    }
}

const TEMPORARY_SUFFIX: &str = ".connector-ls.tmp";
const TEMPORARY_RANDOM_CHARS: usize = 6;

/// Whether `entry` is one of our temporary files for the file named `name`.
fn is_temporary_of(entry: &str, name: &str) -> bool {
    entry
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMPORARY_RANDOM_CHARS
                && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Remove the temporary files a killed `--fix` left beside the connector's files (a kill
/// between writing and renaming gives no chance to clean up).
fn remove_leftover_temporaries(fixed: &FixedReport) {
    for file in &fixed.report.connector.files {
        let Ok(target) = std::fs::canonicalize(&file.path) else {
            continue;
        };
        let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
            continue;
        };
        let name = name.to_string_lossy();
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let is_leftover = is_temporary_of(&entry.file_name().to_string_lossy(), &name)
                && entry.file_type().is_ok_and(|t| t.is_file());
            if is_leftover {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A temporary file beside `target` holding `text`, with the permissions (and, where
/// permitted, the owner and group) of `original`, flushed to disk. It is removed when dropped.
fn write_temporary(target: &Path, text: &str, original: &Metadata) -> io::Result<NamedTempFile> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .rand_bytes(TEMPORARY_RANDOM_CHARS)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().set_permissions(original.permissions())?;
    keep_owner(temp.as_file(), original)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Give `file` the owner and group of `original`. Only a privileged user may give a file away;
/// others keep at least the group where they belong to it, else the file stays theirs.
#[cfg(unix)]
fn keep_owner(file: &File, original: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    match fchown(file, Some(original.uid()), Some(original.gid())) {
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            let _ = fchown(file, None, Some(original.gid()));
            Ok(())
        }
        result => result,
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn hard_links(metadata: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn hard_links(_: &Metadata) -> u64 {
    1
}

/// Whether the file at `target` still holds exactly the text that was read.
fn still_as_read(target: &Path, before: &str) -> bool {
    std::fs::read(target).is_ok_and(|bytes| bytes == before.as_bytes())
}

/// The fixes of a check written connector by connector, saying what was written (only that),
/// with the count at the end.
#[derive(Default)]
pub struct Writer {
    files: usize,
    applied: usize,
}

impl Writer {
    /// Write one connector's changed files (see [`write_connector`]) and say what went wrong.
    pub fn write(&mut self, fixed: &FixedReport) -> Outcome {
        let outcome = write_connector(fixed);
        let dir = shown_path(&fixed.report.connector.dir);
        match &outcome {
            Outcome::Unchanged => {}
            Outcome::Written { files: written } => {
                self.files += written;
                self.applied += fixed.applied;
            }
            Outcome::Skipped(why) => eprintln!("connector-ls: not fixing {dir}: {why}"),
            Outcome::Failed(error) => eprintln!("connector-ls: cannot fix {dir}: {error}"),
        }
        outcome
    }

    /// Say how many problems were fixed, if any.
    pub fn finish(self) {
        if self.applied > 0 {
            let s = if self.applied == 1 { "" } else { "s" };
            let fs = if self.files == 1 { "" } else { "s" };
            eprintln!(
                "Fixed {} problem{s} in {} file{fs}.",
                self.applied, self.files
            );
        }
    }
}

/// The changes the fixes would make (`--diff`), gathered connector by connector and printed
/// at the end.
pub struct DiffPrinter {
    cwd: Option<PathBuf>,
    diffs: String,
    files: usize,
    applied: usize,
    refused: bool,
}

impl Default for DiffPrinter {
    fn default() -> Self {
        DiffPrinter {
            cwd: std::env::current_dir().ok(),
            diffs: String::new(),
            files: 0,
            applied: 0,
            refused: false,
        }
    }
}

impl DiffPrinter {
    /// Add the changes of one connector.
    pub fn add(&mut self, report: &FixedReport) {
        if let Some(why) = one_file_for_two_roles(report) {
            let dir = shown_path(&report.report.connector.dir);
            eprintln!("connector-ls: not showing the fixes of {dir}: {why}");
            self.refused = true;
            return;
        }
        self.applied += report.applied;
        for (kind, before) in &report.changed {
            let Some(file) = report.report.connector.file(*kind) else {
                continue;
            };
            let path = escape_controls(&display_path(&file.path, self.cwd.as_deref())).into_owned();
            let before = masked(file, before);
            let after = masked(file, &file.text);
            let diff = TextDiff::from_lines(before.as_ref(), after.as_ref());
            let (old, new) = if path.starts_with('/') {
                (path.clone(), path.clone())
            } else {
                (format!("a/{path}"), format!("b/{path}"))
            };
            self.diffs.push_str(&escape_lines(
                &diff.unified_diff().header(&old, &new).to_string(),
            ));
            self.files += 1;
        }
    }

    /// Print the changes; exit 1 when there are some.
    pub fn finish(self, io_failed: bool) -> ExitStatus {
        let mut out = io::stdout().lock();
        if write_to_log(&mut out, &self.diffs, CiLog::detect()).is_err() {
            return ExitStatus::Error;
        }
        if io_failed {
            return ExitStatus::Error;
        }
        if self.files == 0 {
            if !self.refused {
                eprintln!("No fixes to apply.");
            }
            return ExitStatus::Success;
        }
        let s = if self.applied == 1 { "" } else { "s" };
        let fs = if self.files == 1 { "" } else { "s" };
        eprintln!(
            "Would fix {} problem{s} in {} file{fs}.",
            self.applied, self.files
        );
        ExitStatus::Failure
    }
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
