//! The workspace the server keeps: the editor's open documents laid over the files on disk, by
//! path, and the caches that make an analysis per keystroke cheap (parsed files on disk, project
//! configuration files, the latest analysis of each connector, one gate per connector). It
//! knows nothing of the protocol: the server turns URIs into paths, notifications into calls
//! here (in wire order), and analyses into messages.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use dashmap::DashMap;

use crate::config::ConfigError;
use crate::model::FileKind;
use crate::rules::RuleConfig;
use crate::text::Encoding;

use super::analysis::{Analysis, AnalysisCache, Gates, OpenFile, Snapshot};
use super::base::BaseCache;
use super::cache::{DiskCache, ProjectConfigs};
use super::discover::{connector_file_kind, is_detached};
use super::document::{Document, TextChange};
use super::watch::DiskWatch;

#[derive(Default)]
pub struct Workspace {
    /// The open documents, by path.
    documents: DashMap<PathBuf, Document>,
    /// The rule settings the editor sent (connector-ls.toml goes on top of them).
    editor_config: RwLock<RuleConfig>,
    /// The latest analysis of each connector with open documents.
    analyses: AnalysisCache,
    /// One analysis at a time per connector, and at most one publication waiting.
    gates: Gates,
    /// Files that are not open, parsed, while they do not change on disk.
    disk: Arc<DiskCache>,
    /// The connector-ls.toml files that apply to connectors.
    project_configs: ProjectConfigs,
    /// The changes on disk the editor reports.
    watch: DiskWatch,
    /// The connectors at the base revision of the `baseRef` setting.
    bases: Arc<BaseCache>,
}

/// An analysis, and the project configuration file that applied: its path, or, when it has a
/// mistake (and was not used), the error to show.
pub struct Analysed {
    pub analysis: Analysis,
    pub config_file: Option<Result<PathBuf, ConfigError>>,
}

impl Workspace {
    pub fn set_editor_config(&self, config: RuleConfig) {
        *self.editor_config.write().expect("config lock") = config;
    }

    pub fn open(&self, path: PathBuf, text: &str, version: i32) {
        self.documents.insert(path, Document::new(text, version));
    }

    /// Apply an editor's changes to the open document at `path`; false if it is not open.
    pub fn change(
        &self,
        path: &Path,
        version: i32,
        changes: Vec<TextChange>,
        encoding: Encoding,
    ) -> bool {
        let Some(mut document) = self.documents.get_mut(path) else {
            return false;
        };
        document.apply(version, changes, encoding);
        true
    }

    /// Close the document at `path`. Returns whether its connector still has open documents;
    /// when it has none, everything cached about it is forgotten.
    pub fn close(&self, path: &Path) -> bool {
        self.documents.remove(path);
        let Some(dir) = path.parent() else {
            return false;
        };
        if self.open_connector_dirs().iter().any(|open| open == dir) {
            return true;
        }
        self.analyses.forget(dir);
        self.disk.forget(dir);
        self.gates.forget(dir);
        false
    }

    /// The text of the open document at `path`.
    pub fn text(&self, path: &Path) -> Option<String> {
        Some(self.documents.get(path)?.text())
    }

    /// The version of the open document at `path`.
    pub fn version(&self, path: &Path) -> Option<i32> {
        Some(self.documents.get(path)?.version)
    }

    /// The client now reports changes to the watched files under these folders.
    pub fn watching(&self, roots: Vec<PathBuf>) {
        self.watch.watching(roots);
    }

    /// Files changed on disk (the editor reported it, or saved one).
    pub fn disk_changed(&self) {
        self.watch.changed();
        // A commit or a checkout may have moved the base revision.
        self.bases.forget_all();
    }

    /// The kind of the open document at `path` (its text is only needed for settings.json).
    fn kind_of_open(path: &Path, document: &Document) -> Option<FileKind> {
        connector_file_kind(path, || Some(document.text()))
    }

    /// The connector folder and kind of the file at `path`, if it is a connector file.
    pub fn locate(&self, path: &Path) -> Option<(PathBuf, FileKind)> {
        let kind = match self.documents.get(path) {
            Some(document) => Self::kind_of_open(path, &document)?,
            None => connector_file_kind(path, || Some(String::new()))?,
        };
        Some((path.parent()?.to_path_buf(), kind))
    }

    /// The folders of the connectors that have an open document, sorted.
    pub fn open_connector_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .documents
            .iter()
            .filter(|entry| Self::kind_of_open(entry.key(), entry.value()).is_some())
            .filter_map(|entry| Some(entry.key().parent()?.to_path_buf()))
            .collect();
        dirs.sort();
        dirs.dedup();
        dirs
    }

    /// Capture the open documents of the connector in `dir` (sharing their ropes), and the
    /// rule settings: the editor's, under those of the project configuration file (so that
    /// the editor shows what `check` reports in CI).
    fn snapshot(&self, dir: &Path) -> (Snapshot, Option<Result<PathBuf, ConfigError>>) {
        let open = self
            .documents
            .iter()
            .filter(|entry| entry.key().parent() == Some(dir))
            .filter_map(|entry| {
                Some(OpenFile {
                    path: entry.key().clone(),
                    kind: Self::kind_of_open(entry.key(), entry.value())?,
                    document: entry.value().clone(),
                })
            })
            .collect();
        let freshness = self.analyses.freshness(dir, &self.watch);
        let editor_config = self.editor_config.read().expect("config lock").clone();
        // A detached document has no project: its folder is no folder on disk.
        let project = match is_detached(dir) {
            true => None,
            false => self.project_configs.for_dir(dir, freshness),
        };
        let (config, config_file) = match project {
            Some((path, Ok(project))) => (editor_config.overridden_by(&project), Some(Ok(path))),
            Some((_, Err(error))) => (editor_config, Some(Err(error))),
            None => (editor_config, None),
        };
        let snapshot = Snapshot {
            dir: dir.to_path_buf(),
            open,
            config,
            config_file: config_file.clone().and_then(Result::ok),
            disk: self.disk.clone(),
            bases: self.bases.clone(),
            freshness,
            previous: None,
        };
        (snapshot, config_file)
    }

    /// The analysis of the connector in `dir` as its files are now (cached while they do not
    /// change), for a `publication` of diagnostics after a change or for a request: `None`
    /// for a publication when another is already waiting (it will cover this change).
    pub async fn analyse(&self, dir: &Path, publication: bool) -> Option<Analysed> {
        // The snapshot is taken once it is our turn, so a waiter holds no copy of anything.
        let permit = self.gates.of(dir).enter(publication).await?;
        let (snapshot, config_file) = self.snapshot(dir);
        let analysis = self.analyses.get(snapshot, permit, &self.watch).await?;
        // Later analyses start from this one: the edits it has seen are not needed again.
        for open in analysis.open.iter() {
            if let Some(mut document) = self.documents.get_mut(&open.path) {
                document.forget_edits_until(open.revision);
            }
        }
        Some(Analysed {
            analysis,
            config_file,
        })
    }
}
