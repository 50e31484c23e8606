//! One analysis of one connector: an immutable snapshot of the open documents goes in, the
//! parsed connector, its semantic index and its diagnostics come out. Runs on a blocking
//! thread. Everything here speaks in paths and revisions; the protocol layer maps them to URIs.
//!
//! Analyses are cached per connector folder, keyed by what they were computed from: the
//! revisions of the open documents, the configuration, and the files on disk (their sizes and
//! modification times, or the count of changes the editor reported, see [`super::watch`]). A
//! pull right after a push analysis, a hover after a pull, or two requests arriving together
//! share one analysis (the second waits for the first). Files that are not open are read
//! through the [`DiskCache`], so a keystroke in one file does not re-read and re-parse the
//! others; open documents are never read from disk.
//!
//! A new analysis takes over the parsed files of the one it replaces (when nothing else holds
//! it) and brings each open document up to date with the edits logged since: an edit inside a
//! string or in whitespace moves the ranges after it instead of parsing the document again
//! (see [`crate::syntax::json::Parsed::edit`]). The result is checked against the document's
//! text, and anything else is parsed in full.
//!
//! Analyses of one connector run one at a time, with at most one publication waiting behind
//! the running one ([`Gate`]); the waiting one takes its snapshot only when its turn comes, so
//! it covers every change made while it waited. However fast the edits come, each connector
//! has at most one analysis running and one waiting, and memory stays at about two parsed
//! copies of each connector with open documents.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

use crate::diagnostic::Diagnostic;
use crate::model::connector::{Entry, FolderReader};
use crate::model::index::ConnectorIndex;
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::{self, RuleConfig};

use super::base::{BaseCache, BaseConnector};
use super::cache::{DiskCache, Stamp, Unreadable, folder_stamp};
use super::discover::is_detached;
use super::document::{Document, rope_eq, rope_text};
use super::watch::{DiskWatch, Freshness};

/// An open document as captured for one analysis (its rope is shared, not copied).
pub struct OpenFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub document: Document,
}

/// The analysis a new one replaces, taken over whole: its parsed files and the revisions of the
/// open documents they were parsed from.
pub struct Previous {
    pub connector: Connector,
    pub revisions: Vec<(PathBuf, u64)>,
}

/// Everything one analysis needs, detached from the live state.
pub struct Snapshot {
    pub dir: PathBuf,
    pub open: Vec<OpenFile>,
    /// The editor's rule settings under the project configuration file's.
    pub config: RuleConfig,
    /// The project configuration file read, if any.
    pub config_file: Option<PathBuf>,
    pub disk: Arc<DiskCache>,
    /// The connectors at base revisions, for the `baseRef` setting.
    pub bases: Arc<BaseCache>,
    /// How what was read from disk before is known to be unchanged.
    pub freshness: Freshness,
    /// Set by the cache when it can hand over the analysis this one replaces.
    pub previous: Option<Previous>,
}

self_cell::self_cell!(
    /// A parsed connector and its semantic index, which borrows it.
    struct IndexedConnector {
        owner: Connector,
        #[covariant]
        dependent: ConnectorIndex,
    }
);

/// An open document as an analysis saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenVersion {
    pub path: PathBuf,
    pub kind: FileKind,
    /// The editor's version of the document.
    pub version: i32,
    pub revision: u64,
}

/// The result of analysing one connector. Cloning it is cheap: the connector and the
/// diagnostics are shared.
#[derive(Clone)]
pub struct Analysis {
    /// The parsed connector with its semantic index, built once and read by every request.
    indexed: Arc<IndexedConnector>,
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// The open documents covered, as analysed.
    pub open: Arc<Vec<OpenVersion>>,
    /// The connector's files that could not be read.
    pub unreadable: Arc<Vec<Unreadable>>,
    /// The connector at the base revision of the `baseRef` setting, when one is set.
    pub base: Option<Arc<BaseConnector>>,
}

/// How many analyses have run, by connector folder with open documents: a seam for the tests
/// that check that edit bursts are coalesced (a count, not a time).
static RUNS: Mutex<Vec<(PathBuf, usize)>> = Mutex::new(Vec::new());

/// How many analyses of the connector in `dir` have run since it last had no open document.
pub fn analyses_run(dir: &Path) -> usize {
    let runs = RUNS.lock().expect("analysis runs");
    runs.iter().find(|(d, _)| d == dir).map_or(0, |(_, n)| *n)
}

fn count_run(dir: &Path) {
    let mut runs = RUNS.lock().expect("analysis runs");
    match runs.iter_mut().find(|(d, _)| d == dir) {
        Some((_, n)) => *n += 1,
        None => runs.push((dir.to_path_buf(), 1)),
    }
}

impl Analysis {
    pub fn run(mut snapshot: Snapshot) -> Analysis {
        let dir = snapshot.dir.clone();
        count_run(&dir);
        let mut folder = Overlay {
            pending: snapshot.open.iter().map(Some).collect(),
            previous: snapshot.previous.take(),
            disk: &snapshot.disk,
            freshness: snapshot.freshness,
            unreadable: Vec::new(),
        };
        let loaded = Connector::load_from(&dir, &mut folder);
        let Overlay {
            pending,
            mut previous,
            mut unreadable,
            ..
        } = folder;
        let open: Vec<&Path> = snapshot.open.iter().map(|f| f.path.as_path()).collect();
        let disk = &snapshot.disk;
        unreadable.extend(disk.not_regular_files(&dir, &open, snapshot.freshness));
        let connector = match loaded {
            Ok(mut connector) => {
                // Open documents the folder does not lead to (not the file settings.json
                // names) take the place of the file of their kind.
                for file in pending.into_iter().flatten() {
                    connector.replace_file(open_source(file, file.kind, &mut previous));
                }
                connector
            }
            // The folder cannot be read: the open documents alone.
            Err(_) => {
                let files = snapshot
                    .open
                    .iter()
                    .map(|file| open_source(file, file.kind, &mut previous))
                    .collect();
                Connector::from_files(dir.clone(), files, Vec::new())
            }
        };
        // What is left of the previous analysis is dropped out of the way.
        if let Some(previous) = previous {
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => drop(runtime.spawn_blocking(move || drop(previous))),
                Err(_) => drop(previous),
            }
        }
        let indexed = IndexedConnector::new(connector, |connector| ConnectorIndex::new(connector));
        // A detached document has no folder on disk, so no history.
        let base = (snapshot.config.base_ref.as_deref())
            .filter(|_| !is_detached(&dir))
            .map(|reference| snapshot.bases.get(reference, &dir));
        let index = indexed.borrow_dependent();
        let diagnostics = match base.as_deref() {
            Some(BaseConnector {
                label,
                connector: Some(old),
                ..
            }) => {
                let old = ConnectorIndex::new(old);
                let base = rules::Base { index: &old, label };
                rules::analyze_against(index, Some(base), &snapshot.config)
            }
            _ => rules::analyze_indexed(index, &snapshot.config),
        };
        let open = snapshot
            .open
            .into_iter()
            .map(|f| OpenVersion {
                revision: f.document.revision(),
                version: f.document.version,
                path: f.path,
                kind: f.kind,
            })
            .collect();
        Analysis {
            indexed: Arc::new(indexed),
            diagnostics: Arc::new(diagnostics),
            open: Arc::new(open),
            unreadable: Arc::new(unreadable),
            base,
        }
    }

    pub fn connector(&self) -> &Connector {
        self.indexed.borrow_owner()
    }

    /// The connector's semantic index, for requests (built with the analysis).
    pub fn index(&self) -> &ConnectorIndex<'_> {
        self.indexed.borrow_dependent()
    }

    pub fn file(&self, kind: FileKind) -> Option<&SourceFile> {
        self.connector().file(kind)
    }

    /// The analysis taken over whole, if nothing else holds it.
    fn into_previous(self) -> Option<Previous> {
        let revisions = self
            .open
            .iter()
            .map(|open| (open.path.clone(), open.revision))
            .collect();
        let connector = Arc::try_unwrap(self.indexed).ok()?.into_owner();
        Some(Previous {
            connector,
            revisions,
        })
    }
}

/// The connector's folder as an analysis sees it: the open documents over the disk cache.
struct Overlay<'s> {
    /// The open documents not read yet.
    pending: Vec<Option<&'s OpenFile>>,
    previous: Option<Previous>,
    disk: &'s DiskCache,
    freshness: Freshness,
    /// The files on disk that could not be read.
    unreadable: Vec<Unreadable>,
}

impl FolderReader for Overlay<'_> {
    fn list(&mut self, dir: &Path) -> std::io::Result<Vec<String>> {
        self.disk.list(dir, self.freshness)
    }

    fn entry(&mut self, path: &Path) -> Entry {
        // An open document is there, saved or not.
        match self.pending.iter().flatten().any(|f| f.path == path) {
            true => Entry::File,
            false => self.disk.entry(path, self.freshness),
        }
    }

    fn read(&mut self, kind: FileKind, path: &Path) -> std::io::Result<SourceFile> {
        let open = self
            .pending
            .iter_mut()
            .find(|f| f.is_some_and(|f| f.path == path))
            .and_then(Option::take);
        match open {
            Some(file) => Ok(open_source(file, kind, &mut self.previous)),
            None => self
                .disk
                .read(kind, path, self.freshness)
                .inspect_err(|error| self.unreadable.push(Unreadable::new(path, error))),
        }
    }
}

/// The parsed text of an open document: the previous analysis's parse of it brought up to
/// date with the edits made since, when they are all known, else a full parse.
fn open_source(file: &OpenFile, kind: FileKind, previous: &mut Option<Previous>) -> SourceFile {
    let rope = &file.document.rope;
    if let Some(previous) = previous
        && let Some(&(_, revision)) = previous.revisions.iter().find(|(p, _)| *p == file.path)
        && let Some(edits) = file.document.edits_since(revision)
        && let Some(index) = previous
            .connector
            .files
            .iter()
            .position(|f| f.path == file.path && f.kind == kind)
    {
        let mut source = previous.connector.files.swap_remove(index);
        let applied = edits
            .iter()
            .all(|edit| source.edit(edit.start, edit.end, &edit.text));
        if applied && rope_eq(rope, &source.text) {
            return source;
        }
        previous.connector.files.push(source);
    }
    SourceFile::from_text(kind, file.path.clone(), rope_text(rope))
}

/// What an analysis was computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    /// The open documents and their revisions.
    open: Vec<(PathBuf, u64)>,
    config: RuleConfig,
    disk: DiskState,
}

/// What the files on disk were like.
#[derive(Clone, Debug, PartialEq, Eq)]
enum DiskState {
    /// The entries of the connector folder with their stamps.
    Folder(Vec<(std::ffi::OsString, Stamp)>),
    /// The count of changes the editor had reported.
    Reported(u64),
}

impl Key {
    fn of(snapshot: &Snapshot) -> Key {
        let mut open: Vec<(PathBuf, u64)> = snapshot
            .open
            .iter()
            .map(|f| (f.path.clone(), f.document.revision()))
            .collect();
        open.sort();
        let disk = match snapshot.freshness {
            Freshness::Reported(changes) => DiskState::Reported(changes),
            Freshness::Stat => DiskState::Folder(folder_stamp(&snapshot.dir)),
        };
        Key {
            open,
            config: snapshot.config.clone(),
            disk,
        }
    }
}

/// One cached analysis, possibly still being computed.
struct Slot {
    key: Key,
    /// Stamps of the connector's files outside its folder (settings.json may point into a
    /// subfolder), checked on reuse when changes are not reported.
    outside: Mutex<Vec<(PathBuf, Stamp)>>,
    /// Every change to the connector's files is reported by the editor.
    covered: AtomicBool,
    analysis: tokio::sync::OnceCell<Analysis>,
}

impl Slot {
    /// The finished analysis, if nothing else holds its connector.
    fn take_over(self) -> Option<Previous> {
        self.analysis.into_inner()?.into_previous()
    }

    fn unchanged_on_disk(&self) -> bool {
        if matches!(self.key.disk, DiskState::Reported(_)) {
            return true;
        }
        self.outside
            .lock()
            .expect("slot")
            .iter()
            .all(|(path, stamp)| {
                std::fs::metadata(path).ok().map(|m| Stamp::of(&m)) == Some(*stamp)
            })
    }
}

/// The latest analysis of each connector folder that has open documents.
#[derive(Default)]
pub struct AnalysisCache {
    slots: Mutex<HashMap<PathBuf, Arc<Slot>>>,
}

impl AnalysisCache {
    /// How the next analysis of `dir` may trust what was read from disk: by the changes the
    /// editor reports once the last analysis found every file of the connector covered by
    /// them, else by looking.
    pub fn freshness(&self, dir: &Path, watch: &DiskWatch) -> Freshness {
        let slots = self.slots.lock().expect("analysis cache");
        match slots.get(dir) {
            Some(slot) if slot.covered.load(Ordering::SeqCst) => watch.freshness(),
            _ => Freshness::Stat,
        }
    }

    /// The analysis of `snapshot`: the cached one if it was computed from the same inputs,
    /// else a new one (computed once, on a blocking thread, however many ask for it).
    /// `permit` (the connector's [`Gate`]) is held until a new analysis ends, even when the
    /// caller stops waiting for it (a cancelled request): no second analysis of the connector
    /// starts while one still runs.
    pub async fn get(
        &self,
        mut snapshot: Snapshot,
        permit: OwnedMutexGuard<()>,
        watch: &DiskWatch,
    ) -> Option<Analysis> {
        let key = Key::of(&snapshot);
        let dir = snapshot.dir.clone();
        let config_file = snapshot.config_file.clone();
        let slot = {
            let mut slots = self.slots.lock().expect("analysis cache");
            match slots.get(&dir) {
                Some(slot) if slot.key == key && slot.unchanged_on_disk() => slot.clone(),
                _ => {
                    let slot = Arc::new(Slot {
                        key,
                        outside: Mutex::new(Vec::new()),
                        covered: AtomicBool::new(false),
                        analysis: tokio::sync::OnceCell::new(),
                    });
                    if let Some(old) = slots.insert(dir.clone(), slot.clone()) {
                        match Arc::try_unwrap(old) {
                            // Nothing else holds the old analysis: the new one takes it over.
                            Ok(old) => snapshot.previous = old.take_over(),
                            // Dropping a large parsed connector takes a while: not here.
                            Err(old) => drop(tokio::task::spawn_blocking(move || drop(old))),
                        }
                    }
                    slot
                }
            }
        };
        let analysis = slot
            .analysis
            .get_or_try_init(|| async {
                let analysis = tokio::task::spawn_blocking(move || {
                    let _running = permit;
                    Analysis::run(snapshot)
                })
                .await
                .map_err(|_| ())?;
                let connector = analysis.connector();
                let mut read = connector.files.iter().map(|f| f.path.as_path());
                // Files not there yet take their usual names in the folder.
                let covered = watch.covers(&dir.join(FileKind::ApiDefinition.default_name()))
                    && read.all(|path| watch.covers(path))
                    && config_file.as_deref().is_none_or(|path| watch.covers(path));
                slot.covered.store(covered, Ordering::SeqCst);
                if matches!(slot.key.disk, DiskState::Folder(_)) {
                    let outside = connector
                        .files
                        .iter()
                        .filter(|f| f.path.parent() != Some(&connector.dir))
                        .filter_map(|f| {
                            Some((f.path.clone(), Stamp::of(&std::fs::metadata(&f.path).ok()?)))
                        })
                        .collect();
                    *slot.outside.lock().expect("slot") = outside;
                }
                Ok::<_, ()>(analysis)
            })
            .await
            .ok()?;
        Some(analysis.clone())
    }

    /// Forget the analysis of a folder.
    pub fn forget(&self, dir: &Path) {
        RUNS.lock()
            .expect("analysis runs")
            .retain(|(d, _)| d != dir);
        let old = self.slots.lock().expect("analysis cache").remove(dir);
        if let Some(old) = old {
            tokio::task::spawn_blocking(move || drop(old));
        }
    }
}

/// Lets one analysis of a connector run at a time, with at most one publication of its
/// diagnostics waiting behind it: a change made while one waits needs no publication of its
/// own, because the waiting one takes its snapshot only when its turn comes, so it sees that
/// change.
#[derive(Default)]
pub struct Gate {
    running: Arc<tokio::sync::Mutex<()>>,
    /// A publication is waiting for its turn.
    queued: AtomicBool,
}

/// How long a publication waits for more changes before it queues for its turn: a burst of
/// keystrokes is analysed about once per this time, not once per analysis finished.
const PUBLICATION_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(25);

/// Clears [`Gate::queued`] when its publication gets its turn or stops waiting.
struct Queued<'a>(&'a AtomicBool);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Gate {
    /// Wait for the connector's turn to be analysed. A `publication` (of diagnostics after a
    /// change) gets `None` at once when another one is already waiting: that one will analyse
    /// the text as it is when its turn comes, this change included. Requests always get a turn.
    pub async fn enter(&self, publication: bool) -> Option<OwnedMutexGuard<()>> {
        let _queued = match publication {
            true if self.queued.swap(true, Ordering::SeqCst) => return None,
            true => Some(Queued(&self.queued)),
            false => None,
        };
        if publication {
            // The changes of a burst that come meanwhile join this publication.
            tokio::time::sleep(PUBLICATION_DEBOUNCE).await;
        }
        Some(self.running.clone().lock_owned().await)
    }
}

/// The [`Gate`] of each connector folder with open documents.
#[derive(Default)]
pub struct Gates {
    gates: Mutex<HashMap<PathBuf, Arc<Gate>>>,
}

impl Gates {
    pub fn of(&self, dir: &Path) -> Arc<Gate> {
        let mut gates = self.gates.lock().expect("gates");
        gates.entry(dir.to_path_buf()).or_default().clone()
    }

    /// Forget the gate of a folder (none of its documents is open any more; waiters that
    /// still hold it finish normally).
    pub fn forget(&self, dir: &Path) {
        self.gates.lock().expect("gates").remove(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Encoding;
    use crate::workspace::document::Pos;

    const TEXT: &str = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},\n  \"paths\": {\"/a\": {\"get\": {\"operationId\": \"GetA\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}}\n}\n";

    fn snapshot(dir: &Path, document: &Document, previous: Option<Previous>) -> Snapshot {
        let path = dir.join("apiDefinition.swagger.json");
        Snapshot {
            dir: dir.to_path_buf(),
            open: vec![OpenFile {
                path,
                kind: FileKind::ApiDefinition,
                document: document.clone(),
            }],
            config: RuleConfig::default(),
            config_file: None,
            disk: Arc::new(DiskCache::default()),
            bases: Arc::default(),
            freshness: Freshness::Stat,
            previous,
        }
    }

    #[tokio::test]
    async fn at_most_one_publication_waits_behind_a_running_analysis() {
        let gate = Arc::new(Gate::default());
        // An analysis is running: the gate is held.
        let running = gate.enter(false).await.unwrap();
        // The first change of a burst queues a publication; the 99 others need none.
        let queued = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.enter(true).await.is_some() })
        };
        tokio::task::yield_now().await;
        for _ in 0..99 {
            assert!(gate.enter(true).await.is_none());
        }
        // A request waits for its turn as well.
        let request = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.enter(false).await.is_some() })
        };
        tokio::task::yield_now().await;
        drop(running);
        assert!(queued.await.unwrap());
        assert!(request.await.unwrap());
        // Once the queued one had its turn, the next change queues a publication again.
        assert!(gate.enter(true).await.is_some());
    }

    #[test]
    fn runs_are_counted_per_folder() {
        let (a, b) = (
            Path::new("/runs-are-counted/a"),
            Path::new("/runs-are-counted/b"),
        );
        count_run(a);
        count_run(b);
        count_run(a);
        assert_eq!((analyses_run(a), analyses_run(b)), (2, 1));
    }

    /// An edit one column into "GetA" on the fourth line of [`TEXT`]: inside a string.
    fn edit_inside_get_a(document: &mut Document) {
        let column = TEXT.lines().nth(3).unwrap().find("GetA").unwrap() as u32 + 3;
        let at = Pos {
            line: 3,
            character: column,
        };
        document.version += 1;
        document.edit(at, at, " ", Encoding::Utf16);
    }

    #[tokio::test]
    async fn the_cache_reuses_an_analysis_and_hands_a_replaced_one_over() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::write(dir.join("apiDefinition.swagger.json"), TEXT).unwrap();
        let mut document = Document::new(TEXT, 1);
        let (cache, gate, watch) = (
            AnalysisCache::default(),
            Gate::default(),
            DiskWatch::default(),
        );
        let analyse = |document: &Document| {
            let snapshot = snapshot(dir, document, None);
            let (cache, gate, watch) = (&cache, &gate, &watch);
            async move {
                let permit = gate.enter(false).await.unwrap();
                cache.get(snapshot, permit, watch).await.unwrap()
            }
        };
        let first = analyse(&document).await;
        let again = analyse(&document).await;
        assert!(Arc::ptr_eq(&first.diagnostics, &again.diagnostics));
        assert_eq!(analyses_run(dir), 1, "the same inputs are analysed once");
        let before = nodes_at(&first);
        drop((first, again));

        edit_inside_get_a(&mut document);
        let second = analyse(&document).await;
        assert_eq!(analyses_run(dir), 2);
        let file = second.file(FileKind::ApiDefinition).unwrap();
        assert!(rope_eq(&document.rope, &file.text));
        // Taken over: the text grew in place (a fresh copy is allocated to its length) and
        // the tree is the same one.
        assert!(file.text.capacity() > file.text.len());
        assert_eq!(nodes_at(&second), before);

        // Forgotten (its documents are closed): counted and analysed afresh, other folders not.
        let other = Path::new("/the-cache-reuses-an-analysis/other");
        count_run(other);
        cache.forget(dir);
        assert_eq!((analyses_run(dir), analyses_run(other)), (0, 1));
        drop(second);
        analyse(&document).await;
        assert_eq!(analyses_run(dir), 1);
    }

    /// A previous analysis whose only file is `file`, parsed from `revision` of its document.
    fn previous_of(dir: &Path, file: SourceFile, revision: u64) -> Previous {
        Previous {
            revisions: vec![(file.path.clone(), revision)],
            connector: Connector::from_files(dir.to_path_buf(), vec![file], Vec::new()),
        }
    }

    #[test]
    fn a_previous_parse_is_taken_only_when_it_matches_the_document() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let path = dir.join("apiDefinition.swagger.json");
        std::fs::write(&path, TEXT).unwrap();
        let mut document = Document::new(TEXT, 1);
        let revision = document.revision();
        edit_inside_get_a(&mut document);
        let analysed = |previous| {
            let analysis = Analysis::run(snapshot(dir, &document, Some(previous)));
            let file = analysis.file(FileKind::ApiDefinition).unwrap();
            assert!(rope_eq(&document.rope, &file.text));
            assert_eq!(file.kind, FileKind::ApiDefinition);
            assert!((analysis.diagnostics.iter()).any(|d| d.rule == "operation-id-whitespace"));
        };
        // Its text at that revision was not the document's: the edits would not give it.
        let other = TEXT.replace("GetA", "GetB");
        analysed(previous_of(
            dir,
            SourceFile::from_text(FileKind::ApiDefinition, path.clone(), other),
            revision,
        ));
        // The same path read as another kind of file.
        analysed(previous_of(
            dir,
            SourceFile::from_text(FileKind::ApiProperties, path.clone(), TEXT.to_string()),
            revision,
        ));
    }

    #[test]
    fn each_folder_has_one_gate_until_it_is_forgotten() {
        let gates = Gates::default();
        let (a, b) = (Path::new("/gates/a"), Path::new("/gates/b"));
        let gate = gates.of(a);
        assert!(Arc::ptr_eq(&gate, &gates.of(a)));
        assert!(!Arc::ptr_eq(&gate, &gates.of(b)));
        gates.forget(a);
        assert!(!Arc::ptr_eq(&gate, &gates.of(a)));
    }

    fn take_over(analysis: Analysis) -> Option<Previous> {
        analysis.into_previous()
    }

    /// The address of the tree's first node: the same when a parse is reused in place.
    fn nodes_at(analysis: &Analysis) -> *const crate::syntax::json::Node {
        let tree = analysis
            .file(FileKind::ApiDefinition)
            .unwrap()
            .tree()
            .unwrap();
        tree.node(0)
    }

    #[test]
    fn edits_inside_strings_reuse_the_previous_parse() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::write(dir.join("apiDefinition.swagger.json"), TEXT).unwrap();
        let mut document = Document::new(TEXT, 1);
        let first = Analysis::run(snapshot(dir, &document, None));
        let before = nodes_at(&first);
        assert!(
            first
                .diagnostics
                .iter()
                .all(|d| d.rule != "operation-id-whitespace")
        );

        // "GetA" becomes "Get A": a string edit, applied in place.
        edit_inside_get_a(&mut document);
        let second = Analysis::run(snapshot(dir, &document, take_over(first)));
        assert_eq!(nodes_at(&second), before, "the parse was reused");
        let whitespace: Vec<_> = second
            .diagnostics
            .iter()
            .filter(|d| d.rule == "operation-id-whitespace")
            .collect();
        assert_eq!(whitespace.len(), 1);
        let file = second.file(FileKind::ApiDefinition).unwrap();
        assert_eq!(&file.text[whitespace[0].range.as_usize()], "\"Get A\"");

        // A quote is not a string edit: the document is parsed again, and still right.
        document.version = 3;
        let at = Pos {
            line: 1,
            character: 2,
        };
        document.edit(at, at, "\"", Encoding::Utf16);
        let third = Analysis::run(snapshot(dir, &document, take_over(second)));
        let file = third.file(FileKind::ApiDefinition).unwrap();
        assert!(rope_eq(&document.rope, &file.text));
        assert!(
            third
                .diagnostics
                .iter()
                .any(|d| d.rule == "json-syntax-error")
        );

        // A previous analysis of a version the log no longer covers is not used.
        let mut other = Document::new(&rope_text(&document.rope), 4);
        other.version = 5;
        other.edit(
            Pos {
                line: 0,
                character: 1,
            },
            Pos {
                line: 0,
                character: 1,
            },
            " ",
            Encoding::Utf16,
        );
        let fourth = Analysis::run(snapshot(dir, &other, take_over(third)));
        assert!(rope_eq(
            &other.rope,
            &fourth.file(FileKind::ApiDefinition).unwrap().text
        ));
    }
}
