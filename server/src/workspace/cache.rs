//! What the server reads from disk, cached while it does not change: connector files that are
//! not open, parsed, and the project configuration files, each keyed by its size and
//! modification time; and the connector files that are there but cannot be read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::config::{self, ConfigError};
use crate::model::{FileKind, SourceFile};
use crate::rules::RuleConfig;

/// A connector file that is there but cannot be read: the analysis goes on without it, and the
/// user must be told (as `check` reports it), not left to think it was checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

impl Unreadable {
    pub fn new(path: &Path, reason: impl std::fmt::Display) -> Self {
        Unreadable {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}

/// The connector files under their usual names in `dir` that are there but are not regular
/// files (a directory, a FIFO, a device, a link to nothing): loading leaves them out as if
/// they were absent. Open documents are not read from disk, so they do not count.
pub fn not_regular_files(dir: &Path, open: &[&Path]) -> Vec<Unreadable> {
    let kinds = [
        FileKind::ApiDefinition,
        FileKind::ApiProperties,
        FileKind::Settings,
        FileKind::Script,
    ];
    kinds
        .iter()
        .map(|kind| dir.join(kind.default_name()))
        .filter(|path| !open.contains(&path.as_path()))
        .filter(|path| std::fs::symlink_metadata(path).is_ok())
        .filter_map(|path| match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => None,
            Ok(metadata) if metadata.is_dir() => Some(Unreadable::new(&path, "it is a folder")),
            Ok(_) => Some(Unreadable::new(&path, "it is not a regular file")),
            Err(error) => Some(Unreadable::new(&path, error)),
        })
        .collect()
}

/// What a file on disk looked like: enough to tell that it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        }
    }
}

/// The entries of a connector folder with their stamps, sorted: a change on disk (a file
/// written, added, removed or renamed) changes it.
pub fn folder_stamp(dir: &Path) -> Vec<(std::ffi::OsString, Stamp)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name(), Stamp::of(&e.metadata().ok()?))))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// Files read from disk, parsed, by path; reused while their stamp is unchanged.
#[derive(Default)]
pub struct DiskCache {
    files: Mutex<HashMap<PathBuf, (Stamp, SourceFile)>>,
}

impl DiskCache {
    /// The file at `path`, from the cache if it has not changed on disk.
    pub fn read(&self, kind: FileKind, path: &Path) -> std::io::Result<SourceFile> {
        let stamp = Stamp::of(&std::fs::metadata(path)?);
        if let Some((cached, file)) = self.files.lock().expect("disk cache").get(path)
            && *cached == stamp
            && file.kind == kind
        {
            return Ok(file.clone());
        }
        let file = SourceFile::read(kind, path)?;
        self.files
            .lock()
            .expect("disk cache")
            .insert(path.to_path_buf(), (stamp, file.clone()));
        Ok(file)
    }

    /// Forget the files of a connector folder (when none of its documents is open any more).
    pub fn forget(&self, dir: &Path) {
        self.files
            .lock()
            .expect("disk cache")
            .retain(|path, _| path.parent() != Some(dir));
    }
}

/// The project configuration files (connector-ls.toml) that apply to connector folders, read
/// again when they change on disk.
#[derive(Default)]
pub struct ProjectConfigs {
    files: Mutex<HashMap<PathBuf, (Stamp, ConfigResult)>>,
}

pub type ConfigResult = Result<RuleConfig, ConfigError>;

impl ProjectConfigs {
    /// The configuration file that applies to `dir`, if there is one, and its rule settings.
    pub fn for_dir(&self, dir: &Path) -> Option<(PathBuf, ConfigResult)> {
        let path = config::find(dir)?;
        let stamp = std::fs::metadata(&path).ok().map(|m| Stamp::of(&m))?;
        let mut files = self.files.lock().expect("project configs");
        if let Some((cached, config)) = files.get(&path)
            && *cached == stamp
        {
            return Some((path, config.clone()));
        }
        let config = config::load(&path);
        files.insert(path.clone(), (stamp, config.clone()));
        Some((path, config))
    }
}
