//! The shared entry point for checking connectors on disk: the one rule for what a connector
//! file and folder are, finding connector folders under the given paths (honouring
//! .gitignore), and analysing them in parallel, each handed on in order as soon as it is done
//! so that a batch run holds a few connectors at a time.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::config::{self, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::fix::{FixOptions, fix_connector};
use crate::model::{Connector, FileKind, SourceFile, source};
use crate::rules::{self, RuleConfig};

/// One unit of work: a whole connector folder, or one file checked in its folder's context.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Folder(PathBuf),
    File { path: PathBuf, kind: FileKind },
}

impl Target {
    /// The connector folder.
    pub fn dir(&self) -> &Path {
        match self {
            Target::Folder(dir) => dir,
            Target::File { path, .. } => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        }
    }
}

/// Where the rule settings of a check come from.
#[derive(Clone, Debug)]
pub enum ConfigChoice {
    /// The configuration file found above each connector, if any.
    Discover,
    /// This file, for every connector.
    File(PathBuf),
    /// The default of every rule.
    Defaults,
}

/// The rule settings of each target's connector, every configuration file read once.
#[derive(Default)]
pub struct TargetConfigs {
    files: HashMap<PathBuf, RuleConfig>,
    file_of_dir: HashMap<PathBuf, PathBuf>,
    defaults: RuleConfig,
}

impl TargetConfigs {
    pub fn load(targets: &[Target], choice: &ConfigChoice) -> Result<Self, ConfigError> {
        let mut configs = TargetConfigs::default();
        for target in targets {
            let file = match choice {
                ConfigChoice::Discover => config::find(target.dir()),
                ConfigChoice::File(path) => Some(path.clone()),
                ConfigChoice::Defaults => None,
            };
            let Some(file) = file else { continue };
            if !configs.files.contains_key(&file) {
                configs.files.insert(file.clone(), config::load(&file)?);
            }
            configs.file_of_dir.insert(target.dir().to_path_buf(), file);
        }
        Ok(configs)
    }

    /// Every connector's settings with `overrides` (the command line's) on top.
    pub fn overridden_by(mut self, overrides: &RuleConfig) -> Self {
        for config in self.files.values_mut() {
            *config = config.overridden_by(overrides);
        }
        self.defaults = self.defaults.overridden_by(overrides);
        self
    }

    pub fn of(&self, target: &Target) -> &RuleConfig {
        self.file_of_dir
            .get(target.dir())
            .and_then(|file| self.files.get(file))
            .unwrap_or(&self.defaults)
    }
}

#[derive(Debug)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NotAConnectorFile(PathBuf),
    /// A settings.json that is not a connector's (an editor's).
    NotConnectorSettings(PathBuf),
    /// A named pipe, a device, a link to nothing, or a folder named like a connector file.
    NotARegularFile(std::io::Error),
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscoverError::NotFound(path) => {
                write!(f, "{}: no such file or directory", path.display())
            }
            DiscoverError::NotAConnectorFile(path) => write!(
                f,
                "{}: not a connector file (expected apiDefinition.swagger.json, apiProperties.json, settings.json or a .csx script)",
                path.display()
            ),
            DiscoverError::NotConnectorSettings(path) => write!(
                f,
                "{}: not a connector's settings.json (it names no apiDefinition, and no apiDefinition.swagger.json or apiProperties.json is beside it)",
                path.display()
            ),
            DiscoverError::NotARegularFile(error) => write!(f, "{error}"),
        }
    }
}

/// One connector of a check, analysed.
pub struct ConnectorReport {
    pub connector: Connector,
    pub diagnostics: Vec<Diagnostic>,
}

/// Turn command-line paths into targets. Folders are searched for connector folders.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Target>, DiscoverError> {
    let mut targets = BTreeSet::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if path.is_file() {
            let named = name.as_deref().and_then(FileKind::from_file_name);
            let kind = connector_file_kind(path, || std::fs::read_to_string(path).ok())
                .ok_or_else(|| match named {
                    Some(FileKind::Settings) => DiscoverError::NotConnectorSettings(path.clone()),
                    _ => DiscoverError::NotAConnectorFile(path.clone()),
                })?;
            targets.insert(Target::File {
                path: path.clone(),
                kind,
            });
        } else if path.is_dir() && !name.as_deref().is_some_and(is_marker_name) {
            targets.extend(find_connector_dirs(path).into_iter().map(Target::Folder));
        } else if let Some(error) = source::not_regular(path) {
            return Err(DiscoverError::NotARegularFile(error));
        } else {
            return Err(DiscoverError::NotFound(path.clone()));
        }
    }
    Ok(targets.into_iter().collect())
}

/// Every folder under `root` (itself included) that holds a connector, honouring .gitignore.
pub fn find_connector_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = BTreeSet::new();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .hidden(true)
        .build();
    for entry in walker.flatten() {
        let name = entry.file_name().to_string_lossy();
        // The searched folder itself is no marker of its parent.
        if entry.depth() == 0 || !is_marker_name(&name) {
            continue;
        }
        let Some(parent) = entry.path().parent() else {
            continue;
        };
        let regular = entry.file_type().is_some_and(|t| t.is_file());
        // settings.json is only a marker when it is a connector's (not an editor's).
        if name == FileKind::Settings.default_name()
            && !(regular
                && connector_file_kind(entry.path(), || std::fs::read_to_string(entry.path()).ok())
                    .is_some())
        {
            continue;
        }
        // A definition or properties file that is not a regular file (a link, a named pipe,
        // a folder) still marks a connector: loading it then says what is wrong.
        dirs.insert(parent.to_path_buf());
    }
    dirs.into_iter().collect()
}

/// The one rule, for `check` and the server alike, of what a connector file is: the kind its
/// name gives it, except that a `settings.json` is a connector's only beside a definition or
/// properties file or when it names a definition (an editor's `.vscode/settings.json` is not).
/// `read_text` gives the file's text, asked for only when the name alone does not decide.
pub fn connector_file_kind(
    path: &Path,
    read_text: impl FnOnce() -> Option<String>,
) -> Option<FileKind> {
    let kind = FileKind::from_file_name(path.file_name()?.to_str()?)?;
    if kind != FileKind::Settings {
        return Some(kind);
    }
    let dir = path.parent()?;
    let beside = [FileKind::ApiDefinition, FileKind::ApiProperties]
        .iter()
        .any(|k| dir.join(k.default_name()).is_file());
    let names_a_definition = || read_text().is_some_and(|text| text.contains("\"apiDefinition\""));
    (beside || names_a_definition()).then_some(kind)
}

/// Whether a file of this name marks its folder as a connector folder.
fn is_marker_name(name: &str) -> bool {
    FileKind::ALL
        .iter()
        .any(|k| *k != FileKind::Script && k.default_name() == name)
}

/// Load a target's connector; for a single file, the file the report is limited to.
fn load_target(target: &Target) -> std::io::Result<(Connector, Option<FileKind>)> {
    match target {
        Target::Folder(dir) => Ok((Connector::load(dir)?, None)),
        Target::File { path, kind } => {
            let file = SourceFile::read(*kind, path)?;
            let mut connector = Connector::load(target.dir())?;
            connector.replace_file(file);
            Ok((connector, Some(*kind)))
        }
    }
}

/// The files a check of `target` reads, located as loading does (through settings.json) but
/// without reading them, and the files under the conventional names in its folder: what a
/// report must not overwrite, known before the analysis.
pub fn files_of(target: &Target) -> Vec<PathBuf> {
    let dir = target.dir();
    let conventional = FileKind::ALL
        .iter()
        .map(|kind| dir.join(kind.default_name()));
    // Only settings.json is read (it says where the others are).
    let located = Connector::load_with(dir, |kind, path| match kind {
        FileKind::Settings => SourceFile::read(kind, path),
        _ => Ok(SourceFile::from_text(
            kind,
            path.to_path_buf(),
            String::new(),
        )),
    });
    let located = located
        .into_iter()
        .flat_map(|c| c.files.into_iter().map(|f| f.path));
    let named = match target {
        Target::File { path, .. } => Some(path.clone()),
        Target::Folder(_) => None,
    };
    conventional.chain(located).chain(named).collect()
}

fn report(connector: Connector, only: Option<FileKind>, config: &RuleConfig) -> ConnectorReport {
    let mut diagnostics = rules::analyze(&connector, config);
    if let Some(kind) = only {
        diagnostics.retain(|d| d.file == kind);
    }
    ConnectorReport {
        connector,
        diagnostics,
    }
}

/// Load and analyse one target.
pub fn check_target(target: &Target, config: &RuleConfig) -> std::io::Result<ConnectorReport> {
    let (connector, only) = load_target(target)?;
    Ok(report(connector, only, config))
}

/// A target after fixing: the diagnostics that remain, and what changed.
pub struct FixedReport {
    pub report: ConnectorReport,
    /// The files whose text changed, with their text before.
    pub changed: Vec<(FileKind, String)>,
    pub applied: usize,
}

/// Fix one target in memory (nothing is written) and analyse the result.
pub fn fix_target(
    target: &Target,
    config: &RuleConfig,
    unsafe_fixes: bool,
) -> std::io::Result<FixedReport> {
    let (connector, only) = load_target(target)?;
    let options = FixOptions { unsafe_fixes, only };
    let outcome = fix_connector(connector, config, options);
    Ok(FixedReport {
        report: report(outcome.connector, only, config),
        changed: outcome.changed,
        applied: outcome.applied,
    })
}

/// Fix every target in parallel, handing each result to `deliver` in the order of `targets`
/// (see [`in_order`]).
pub fn fix_each(
    targets: &[Target],
    configs: &TargetConfigs,
    unsafe_fixes: bool,
    deliver: impl FnMut(&Target, std::io::Result<FixedReport>),
) {
    in_order(
        targets,
        |target| contain_panic(|| fix_target(target, configs.of(target), unsafe_fixes)),
        deliver,
    );
}

/// Check every target in parallel, handing each report to `deliver` in the order of
/// `targets` (see [`in_order`]).
pub fn check_each(
    targets: &[Target],
    configs: &TargetConfigs,
    deliver: impl FnMut(&Target, std::io::Result<ConnectorReport>),
) {
    in_order(
        targets,
        |target| contain_panic(|| check_target(target, configs.of(target))),
        deliver,
    );
}

/// Fix every target in parallel; results keep the order of `targets`.
pub fn fix_all(
    targets: &[Target],
    configs: &TargetConfigs,
    unsafe_fixes: bool,
) -> Vec<(Target, std::io::Result<FixedReport>)> {
    let mut results = Vec::with_capacity(targets.len());
    fix_each(targets, configs, unsafe_fixes, |target, result| {
        results.push((target.clone(), result));
    });
    results
}

/// Check every target in parallel; results keep the order of `targets`.
pub fn check_all(
    targets: &[Target],
    configs: &TargetConfigs,
) -> Vec<(Target, std::io::Result<ConnectorReport>)> {
    let mut results = Vec::with_capacity(targets.len());
    check_each(targets, configs, |target, result| {
        results.push((target.clone(), result));
    });
    results
}

/// How many results may wait, per worker, for an earlier one to be delivered: enough that a
/// large connector does not stall the others, few enough that memory stays that of a handful
/// of connectors, whatever the number checked.
const AHEAD_PER_WORKER: usize = 2;

/// Run `work` on every item on worker threads (one per core) and hand each result
/// to `deliver` on this thread, in the order of `items`, as soon as the results before it have
/// been delivered. A worker does not start an item more than a bounded window ahead of the
/// next one to deliver, so that a batch run holds a few analysed connectors at a time, not all.
pub fn in_order<I: Sync, T: Send>(
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
    mut deliver: impl FnMut(&I, T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.clamp(1, items.len().max(1));
    let window = workers * AHEAD_PER_WORKER;
    let next = AtomicUsize::new(0);
    // The index of the next result to deliver; workers wait on it to stay in the window.
    let delivered = (Mutex::new(0usize), Condvar::new());
    let (send, receive) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, delivered, work) = (&next, &delivered, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let (lock, moved) = delivered;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while index >= *done + window {
                        done = moved.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if send.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Should `deliver` panic, the workers waiting for the window must not wait forever.
        let _release = ReleaseOnDrop(&delivered);
        let mut waiting = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (index, result) in receive {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&expected) {
                deliver(&items[expected], result);
                expected += 1;
                let (lock, moved) = &delivered;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                moved.notify_all();
            }
        }
    });
}

/// Opens the window of [`in_order`] completely when delivery stops.
struct ReleaseOnDrop<'a>(&'a (std::sync::Mutex<usize>, std::sync::Condvar));

impl Drop for ReleaseOnDrop<'_> {
    fn drop(&mut self) {
        let (lock, moved) = self.0;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = usize::MAX / 2;
        moved.notify_all();
    }
}

/// Run one target's work, turning a panic (a bug) into an error for that target, so that
/// `check` still reports the other connectors and exits with 2, never with a panic's 101.
fn contain_panic<T>(work: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(std::io::Error::other(
            "internal error while analysing (a bug in connector-ls; please report it)",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch run holds a bounded number of results, whatever the number of items: each is
    /// delivered, in order, before more than a window of later ones have been made.
    #[test]
    fn in_order_delivers_in_order_with_a_bounded_number_alive() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let alive = AtomicUsize::new(0);
        let most_alive = AtomicUsize::new(0);
        let items: Vec<usize> = (0..500).collect();
        let mut delivered = Vec::new();
        in_order(
            &items,
            |&item| {
                let now = alive.fetch_add(1, Ordering::SeqCst) + 1;
                most_alive.fetch_max(now, Ordering::SeqCst);
                // Later items finish first now and then, so that results wait to be ordered.
                if item % 7 == 0 {
                    std::thread::yield_now();
                }
                item * 2
            },
            |&item, result| {
                assert_eq!(result, item * 2);
                delivered.push(item);
                alive.fetch_sub(1, Ordering::SeqCst);
            },
        );
        assert_eq!(delivered, items);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let window = cores * AHEAD_PER_WORKER;
        let most = most_alive.load(Ordering::SeqCst);
        assert!(most <= window + 1, "{most} results alive at once");
    }

    /// The rule `check` discovers folders by, and the server classifies documents by.
    #[test]
    fn a_settings_json_is_a_connector_file_only_beside_one_or_naming_one() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("app");
        std::fs::create_dir(&app).unwrap();
        let settings = app.join("settings.json");
        let editor = r#"{"editor.fontSize": 12}"#;
        std::fs::write(&settings, editor).unwrap();
        let text = |text: &str| {
            let text = text.to_string();
            move || Some(text)
        };
        assert_eq!(connector_file_kind(&settings, text(editor)), None);
        assert_eq!(crate::lsp::analysis::classify(&settings, editor), None);
        assert!(find_connector_dirs(dir.path()).is_empty());

        let naming = r#"{"apiDefinition": "api.json"}"#;
        assert_eq!(
            connector_file_kind(&settings, text(naming)),
            Some(FileKind::Settings)
        );
        std::fs::write(&settings, naming).unwrap();
        assert_eq!(find_connector_dirs(dir.path()), vec![app.clone()]);

        std::fs::write(&settings, editor).unwrap();
        std::fs::write(app.join("apiProperties.json"), "{}").unwrap();
        assert_eq!(
            crate::lsp::analysis::classify(&settings, editor),
            Some(FileKind::Settings)
        );
        assert_eq!(find_connector_dirs(dir.path()), vec![app]);
    }

    #[test]
    fn a_panic_becomes_an_error_for_its_target() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let result: std::io::Result<()> = contain_panic(|| panic!("a bug"));
        std::panic::set_hook(quiet);
        let error = result.expect_err("the panic is contained");
        assert!(error.to_string().contains("internal error"), "{error}");
        assert_eq!(contain_panic(|| Ok(7)).unwrap(), 7);
    }
}
