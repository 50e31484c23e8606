//! Changes on disk as the editor reports them. A client that watches files (the server asks it
//! to watch [`WATCHED_GLOBS`]) reports every change to such a file under its workspace folders;
//! for a connector whose files are all such files, the caches then trust the count of reported
//! changes instead of looking at the disk before every analysis, so that a keystroke analyses
//! the text the server holds without a single `stat`. Everything else (a client that does not
//! watch, a connector outside the workspace folders, a file that settings.json names and no glob
//! covers, a configuration file above the workspace folders) is checked by size and
//! modification time, as before.
//!
//! What trust costs: a file changed in a way the client does not report (a watcher excluded by
//! the editor's settings) is seen at the next reported change or save, not at once.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// The files whose changes on disk change a connector's diagnostics: the connector's files,
/// the project file, and git's references, which a commit, a checkout or a fetch moves (the
/// base revision of `baseRef` may then name another commit).
pub const WATCHED_GLOBS: [&str; 13] = [
    "**/apiDefinition*.json",
    "**/*.swagger.json",
    "**/apiProperties.json",
    "**/settings.json",
    "**/*.csx",
    "**/[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd]",
    "**/[Ii][Nn][Tt][Rr][Oo].[Mm][Dd]",
    "**/icon.png",
    "**/connector-ls.toml",
    "**/.connector-ls.toml",
    "**/.git/HEAD",
    "**/.git/packed-refs",
    "**/.git/refs/**",
];

/// How a cache knows that what it read from disk is still there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Look at the file: its size and modification time.
    Stat,
    /// Trust the reported changes: nothing changed while this count of them is current.
    Reported(u64),
}

/// The workspace folders the client watches, and the count of changes it reported.
pub struct DiskWatch {
    /// `None` while the client watches nothing.
    roots: RwLock<Option<Vec<PathBuf>>>,
    changes: AtomicU64,
    globs: GlobSet,
}

impl Default for DiskWatch {
    fn default() -> Self {
        let mut globs = GlobSetBuilder::new();
        for glob in WATCHED_GLOBS {
            globs.add(Glob::new(glob).expect("a valid glob"));
        }
        DiskWatch {
            roots: RwLock::new(None),
            changes: AtomicU64::new(0),
            globs: globs.build().expect("valid globs"),
        }
    }
}

impl DiskWatch {
    /// The client now watches [`WATCHED_GLOBS`] under these folders.
    pub fn watching(&self, roots: Vec<PathBuf>) {
        *self.roots.write().expect("watch roots") = Some(roots);
        self.changed();
    }

    /// Something changed on disk (reported by the client, or a save).
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }

    /// How the caches may check what they read now, for files all [covered](Self::covers).
    pub fn freshness(&self) -> Freshness {
        Freshness::Reported(self.changes.load(Ordering::SeqCst))
    }

    /// Whether every change to `path` is reported: the client watches, the file is under one
    /// of its workspace folders, and a watched glob matches it.
    pub fn covers(&self, path: &Path) -> bool {
        let roots = self.roots.read().expect("watch roots");
        let Some(roots) = roots.as_ref() else {
            return false;
        };
        roots.iter().any(|root| path.starts_with(root)) && self.globs.is_match(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_watched_files_under_a_workspace_folder_are_covered() {
        let watch = DiskWatch::default();
        let definition = Path::new("/work/app/apiDefinition.swagger.json");
        assert!(!watch.covers(definition), "the client watches nothing yet");
        let before = watch.freshness();
        watch.watching(vec![PathBuf::from("/work")]);
        assert_ne!(watch.freshness(), before);
        assert!(watch.covers(definition));
        assert!(watch.covers(Path::new("/work/app/script.csx")));
        assert!(watch.covers(Path::new("/work/app/README.md")));
        assert!(watch.covers(Path::new("/work/app/readme.md")));
        assert!(watch.covers(Path::new("/work/app/intro.md")));
        assert!(watch.covers(Path::new("/work/app/icon.png")));
        assert!(!watch.covers(Path::new("/work/app/notes.md")));
        assert!(watch.covers(Path::new("/work/connector-ls.toml")));
        // settings.json may name any file: one no glob matches is not covered.
        assert!(!watch.covers(Path::new("/work/app/api.json")));
        assert!(!watch.covers(Path::new("/elsewhere/apiProperties.json")));
        // A commit, a checkout, a fetch.
        assert!(watch.covers(Path::new("/work/.git/refs/heads/main")));
        assert!(watch.covers(Path::new("/work/.git/refs/remotes/origin/main")));
        assert!(watch.covers(Path::new("/work/.git/HEAD")));
        assert!(watch.covers(Path::new("/work/.git/packed-refs")));
        assert!(!watch.covers(Path::new("/work/.git/index")));
        let now = watch.freshness();
        watch.changed();
        assert_ne!(watch.freshness(), now);
    }
}
