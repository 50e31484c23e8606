//! What the server reads from disk, cached while it does not change: connector files that are
//! not open, parsed, and the project configuration files, each keyed by its size and
//! modification time; and the connector files that are there but cannot be read. Under
//! [`Freshness::Reported`] an entry checked since the last reported change is used without
//! looking at the disk (see [`super::watch`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::config::{self, ConfigError};
use crate::model::connector::Entry;
use crate::model::{FileKind, SourceFile};
use crate::rules::RuleConfig;

use super::watch::Freshness;

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
    files: Mutex<HashMap<PathBuf, Checked<(Stamp, SourceFile)>>>,
    /// [`not_regular_files`] of each folder, under trust only.
    irregular: Looked<Vec<Unreadable>>,
    /// The entries of each folder, under trust only.
    listings: Looked<Vec<String>>,
    /// What is at each path looked at, under trust only.
    entries: Looked<Entry>,
}

type Looked<T> = Mutex<HashMap<PathBuf, Checked<T>>>;

/// The value cached under `key`, if it can be trusted without looking at the disk.
fn trusted<T: Clone>(cache: &Looked<T>, key: &Path, freshness: Freshness) -> Option<T> {
    let cache = cache.lock().expect("disk cache");
    cache.get(key)?.trusted(freshness).cloned()
}

/// Keep what was looked at under `key`, while changes are reported (else it is looked at
/// again every time, and nothing needs keeping).
fn remember<T>(cache: &Looked<T>, key: &Path, freshness: Freshness, value: T) {
    if let Freshness::Reported(_) = freshness {
        let checked = Checked::new(value, freshness);
        let mut cache = cache.lock().expect("disk cache");
        cache.insert(key.to_path_buf(), checked);
    }
}

/// The value cached under `key`, or `look` at the disk (and keep the answer).
fn trusted_or<T: Clone>(
    cache: &Looked<T>,
    key: &Path,
    freshness: Freshness,
    look: impl FnOnce() -> T,
) -> T {
    trusted(cache, key, freshness).unwrap_or_else(|| {
        let value = look();
        remember(cache, key, freshness, value.clone());
        value
    })
}

/// A cached value and the count of reported changes it was last checked at.
struct Checked<T> {
    value: T,
    at: Option<u64>,
}

impl<T> Checked<T> {
    fn new(value: T, freshness: Freshness) -> Self {
        let mut checked = Checked { value, at: None };
        checked.checked(freshness);
        checked
    }

    /// The value was found unchanged on disk now.
    fn checked(&mut self, freshness: Freshness) {
        self.at = match freshness {
            Freshness::Reported(changes) => Some(changes),
            Freshness::Stat => None,
        };
    }

    /// The value, if it needs no look at the disk to be trusted.
    fn trusted(&self, freshness: Freshness) -> Option<&T> {
        match freshness {
            Freshness::Reported(changes) if self.at == Some(changes) => Some(&self.value),
            _ => None,
        }
    }
}

impl DiskCache {
    /// The file at `path`, from the cache if it has not changed on disk.
    pub fn read(
        &self,
        kind: FileKind,
        path: &Path,
        freshness: Freshness,
    ) -> std::io::Result<SourceFile> {
        let mut files = self.files.lock().expect("disk cache");
        if let Some(cached) = files.get(path)
            && let Some((_, file)) = cached.trusted(freshness)
            && file.kind == kind
        {
            return Ok(file.clone());
        }
        drop(files);
        let stamp = Stamp::of(&std::fs::metadata(path)?);
        files = self.files.lock().expect("disk cache");
        if let Some(cached) = files.get_mut(path)
            && cached.value.0 == stamp
            && cached.value.1.kind == kind
        {
            cached.checked(freshness);
            return Ok(cached.value.1.clone());
        }
        drop(files);
        let file = SourceFile::read(kind, path)?;
        self.files.lock().expect("disk cache").insert(
            path.to_path_buf(),
            Checked::new((stamp, file.clone()), freshness),
        );
        Ok(file)
    }

    /// [`not_regular_files`], looked up on disk only when it cannot be trusted.
    pub fn not_regular_files(
        &self,
        dir: &Path,
        open: &[&Path],
        freshness: Freshness,
    ) -> Vec<Unreadable> {
        let found = trusted_or(&self.irregular, dir, freshness, || {
            not_regular_files(dir, &[])
        });
        found
            .into_iter()
            .filter(|file| !open.contains(&file.path.as_path()))
            .collect()
    }

    /// The names of the entries of `dir`, listed only when they cannot be trusted.
    pub fn list(&self, dir: &Path, freshness: Freshness) -> std::io::Result<Vec<String>> {
        if let Some(names) = trusted(&self.listings, dir, freshness) {
            return Ok(names);
        }
        let entries = std::fs::read_dir(dir)?.flatten();
        let names: Vec<String> = entries
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        remember(&self.listings, dir, freshness, names.clone());
        Ok(names)
    }

    /// What is at `path`, looked at only when it cannot be trusted.
    pub fn entry(&self, path: &Path, freshness: Freshness) -> Entry {
        trusted_or(&self.entries, path, freshness, || Entry::on_disk(path))
    }

    /// Forget the files of a connector folder (when none of its documents is open any more).
    pub fn forget(&self, dir: &Path) {
        self.files
            .lock()
            .expect("disk cache")
            .retain(|path, _| path.parent() != Some(dir));
        self.irregular.lock().expect("disk cache").remove(dir);
        self.listings.lock().expect("disk cache").remove(dir);
        self.entries
            .lock()
            .expect("disk cache")
            .retain(|path, _| path.parent() != Some(dir));
    }
}

/// The project configuration files (connector-ls.toml) that apply to connector folders, read
/// again when they change on disk.
#[derive(Default)]
pub struct ProjectConfigs {
    files: Mutex<HashMap<PathBuf, Checked<(Stamp, ConfigResult)>>>,
    /// The file found for each folder, under trust only.
    found: Mutex<HashMap<PathBuf, Checked<Option<PathBuf>>>>,
}

pub type ConfigResult = Result<RuleConfig, ConfigError>;

impl ProjectConfigs {
    /// The configuration file that applies to `dir`, if there is one, and its rule settings.
    pub fn for_dir(&self, dir: &Path, freshness: Freshness) -> Option<(PathBuf, ConfigResult)> {
        let path = {
            let mut found = self.found.lock().expect("project configs");
            match found.get(dir).and_then(|c| c.trusted(freshness)) {
                Some(path) => path.clone(),
                None => {
                    let path = config::find(dir);
                    found.insert(dir.to_path_buf(), Checked::new(path.clone(), freshness));
                    path
                }
            }
        }?;
        let mut files = self.files.lock().expect("project configs");
        if let Some(cached) = files.get(&path)
            && let Some((_, config)) = cached.trusted(freshness)
        {
            return Some((path, config.clone()));
        }
        let stamp = std::fs::metadata(&path).ok().map(|m| Stamp::of(&m))?;
        if let Some(cached) = files.get_mut(&path)
            && cached.value.0 == stamp
        {
            cached.checked(freshness);
            return Some((path, cached.value.1.clone()));
        }
        let config = config::load(&path);
        files.insert(
            path.clone(),
            Checked::new((stamp, config.clone()), freshness),
        );
        Some((path, config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: Freshness = Freshness::Stat;

    /// A folder or a link to nothing under a connector file's name is reported with what it is;
    /// a regular file, a missing one and an open document are not.
    #[test]
    fn files_that_cannot_be_read_say_what_they_are() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::create_dir(dir.join("apiProperties.json")).unwrap();
        std::fs::write(dir.join("apiDefinition.swagger.json"), "{}").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("script.csx")).unwrap();
        let found = not_regular_files(dir, &[]);
        let folder = found
            .iter()
            .find(|u| u.path == dir.join("apiProperties.json"))
            .expect("the folder is reported");
        assert_eq!(folder.reason, "it is a folder");
        #[cfg(unix)]
        {
            let link = found
                .iter()
                .find(|u| u.path == dir.join("script.csx"))
                .expect("the dangling link is reported");
            assert_ne!(link.reason, "it is a folder");
            assert_eq!(found.len(), 2, "{found:?}");
        }
        // A named pipe is neither a file nor a folder.
        let pipe = dir.join("settings.json");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if made.is_ok_and(|status| status.success()) {
            let found = not_regular_files(dir, &[]);
            let fifo = found.iter().find(|u| u.path == pipe).expect("the pipe");
            assert_eq!(fifo.reason, "it is not a regular file");
        }
        // An open document is not read from disk, whatever is there.
        let open = dir.join("apiProperties.json");
        let found = not_regular_files(dir, &[open.as_path()]);
        assert!(found.iter().all(|u| u.path != open), "{found:?}");
    }

    /// Under trust, what was looked at stays as it was until a change is reported; looking
    /// always sees the disk as it is.
    #[test]
    fn listings_and_entries_are_trusted_until_a_change_is_reported() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let script = dir.join("script.csx");
        let cache = DiskCache::default();
        let before = Freshness::Reported(1);
        assert_eq!(cache.list(dir, before).unwrap(), Vec::<String>::new());
        assert_eq!(cache.entry(&script, before), Entry::Absent);
        std::fs::write(&script, "").unwrap();
        // Not reported: the cached answers stand.
        assert!(cache.list(dir, before).unwrap().is_empty());
        assert_eq!(cache.entry(&script, before), Entry::Absent);
        // Reported, or not trusted at all: the disk is looked at.
        for freshness in [Freshness::Reported(2), STAT] {
            assert_eq!(cache.list(dir, freshness).unwrap(), ["script.csx"]);
            assert_eq!(cache.entry(&script, freshness), Entry::File);
        }
        std::fs::remove_file(&script).unwrap();
        assert_eq!(cache.entry(&script, STAT), Entry::Absent);
    }

    /// A file that has not changed is taken from the cache, not read again; forgetting a folder
    /// drops its files and only them.
    #[test]
    fn unchanged_files_come_from_the_cache_until_their_folder_is_forgotten() {
        let temp = tempfile::tempdir().unwrap();
        let (one, two) = (temp.path().join("one"), temp.path().join("two"));
        std::fs::create_dir(&one).unwrap();
        std::fs::create_dir(&two).unwrap();
        let (a, b) = (
            one.join("apiProperties.json"),
            two.join("apiProperties.json"),
        );
        std::fs::write(&a, "{}").unwrap();
        std::fs::write(&b, "{}").unwrap();
        let cache = DiskCache::default();
        cache.read(FileKind::ApiProperties, &a, STAT).unwrap();
        cache.read(FileKind::ApiProperties, &b, STAT).unwrap();
        // Mark the cached copy: a read that hits the cache returns the mark.
        cache
            .files
            .lock()
            .unwrap()
            .get_mut(&a)
            .unwrap()
            .value
            .1
            .text = "cached".to_string();
        assert_eq!(
            cache.read(FileKind::ApiProperties, &a, STAT).unwrap().text,
            "cached"
        );
        // Read as another kind, the file is read again.
        assert_eq!(cache.read(FileKind::Settings, &a, STAT).unwrap().text, "{}");

        cache.forget(&one);
        let cached: Vec<PathBuf> = cache.files.lock().unwrap().keys().cloned().collect();
        assert_eq!(cached, [b]);
    }
}
