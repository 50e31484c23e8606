//! The one workspace of `check` and the server. For `check`: targets (a connector folder, or
//! one file in its folder's context) with their rule settings, loaded, analysed and fixed in
//! memory; `batch` runs many targets in parallel, each handed on in order as soon as it is
//! done, so that a batch run holds a few connectors at a time. For the server: [`Workspace`],
//! the open documents over the disk by path and revision, with the cached analyses (`analysis`)
//! and the caches of what is on disk (`cache`, trusted through the changes the editor reports,
//! `watch`). [`discover`] holds the one rule for what a connector file and folder are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{self, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::model::index::ConnectorIndex;
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::{self, RuleConfig};
use fix::{FixOptions, fix_connector};

pub mod analysis;
mod base;
mod batch;
pub mod cache;
mod discover;
pub mod document;
pub mod fix;
pub mod locate;
mod open;
pub mod watch;

pub use base::{BaseCache, BaseConnector, BaseError, GitBase};
pub use batch::{check_all, check_each, fix_all, fix_each, in_order};
pub use discover::{
    DiscoverError, connector_file_kind, detached_path, discover, find_connector_dirs, is_detached,
};
pub use open::{Analysed, Workspace};

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

/// The rule settings of each target's connector, every configuration file read once, and
/// the git revision each connector is compared with (`check --base`), if any.
#[derive(Default)]
pub struct TargetConfigs {
    files: HashMap<PathBuf, RuleConfig>,
    file_of_dir: HashMap<PathBuf, PathBuf>,
    defaults: RuleConfig,
    base: Option<GitBase>,
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

    /// Compare every connector with its version at `base`.
    pub fn with_base(mut self, base: GitBase) -> Self {
        self.base = Some(base);
        self
    }

    pub fn base(&self) -> Option<&GitBase> {
        self.base.as_ref()
    }

    pub fn of(&self, target: &Target) -> &RuleConfig {
        self.file_of_dir
            .get(target.dir())
            .and_then(|file| self.files.get(file))
            .unwrap_or(&self.defaults)
    }
}

/// One connector of a check, analysed.
pub struct ConnectorReport {
    pub connector: Connector,
    pub diagnostics: Vec<Diagnostic>,
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

fn report(
    connector: Connector,
    only: Option<FileKind>,
    config: &RuleConfig,
    base: Option<(&GitBase, Option<Connector>)>,
) -> ConnectorReport {
    let index = ConnectorIndex::new(&connector);
    let mut diagnostics = match &base {
        Some((git, Some(old))) => {
            let old = ConnectorIndex::new(old);
            let base = rules::Base {
                index: &old,
                label: git.label(),
            };
            rules::analyze_against(&index, Some(base), config)
        }
        _ => rules::analyze_indexed(&index, config),
    };
    drop(index);
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
    check_target_against(target, config, None)
}

/// [`check_target`], comparing the connector with its version at `base` when there is one.
pub fn check_target_against(
    target: &Target,
    config: &RuleConfig,
    base: Option<&GitBase>,
) -> std::io::Result<ConnectorReport> {
    let (connector, only) = load_target(target)?;
    let old = load_base(target, base, &connector)?;
    Ok(report(connector, only, config, old))
}

/// The target's connector at `base` (`None` inside when it is new there); the files it has
/// in common with `current` are not parsed again.
fn load_base<'b>(
    target: &Target,
    base: Option<&'b GitBase>,
    current: &Connector,
) -> std::io::Result<Option<(&'b GitBase, Option<Connector>)>> {
    let Some(git) = base else {
        return Ok(None);
    };
    Ok(Some((git, git.connector_at(target.dir(), Some(current))?)))
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
    fix_target_against(target, config, unsafe_fixes, None)
}

/// [`fix_target`], comparing the fixed connector with its version at `base` when there is
/// one.
pub fn fix_target_against(
    target: &Target,
    config: &RuleConfig,
    unsafe_fixes: bool,
    base: Option<&GitBase>,
) -> std::io::Result<FixedReport> {
    let (connector, only) = load_target(target)?;
    let old = load_base(target, base, &connector)?;
    let options = FixOptions { unsafe_fixes, only };
    let outcome = fix_connector(connector, config, options);
    Ok(FixedReport {
        report: report(outcome.connector, only, config, old),
        changed: outcome.changed,
        applied: outcome.applied,
    })
}

#[cfg(test)]
mod tests {
    use super::batch::{AHEAD_PER_WORKER, contain_panic};
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
        // The server's face: the same file open in the editor.
        let server = Workspace::default();
        server.open(settings.clone(), editor, 1);
        assert_eq!(server.locate(&settings), None);
        assert!(server.open_connector_dirs().is_empty());
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
            server.locate(&settings),
            Some((app.clone(), FileKind::Settings))
        );
        assert_eq!(find_connector_dirs(dir.path()), vec![app]);
    }

    /// A readme is a connector file beside one (a project's README.md is not), is loaded in
    /// any casing, and alone marks no folder as a connector's.
    #[test]
    fn a_readme_is_a_connector_file_only_beside_one() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("app");
        std::fs::create_dir(&app).unwrap();
        let readme = app.join("README.MD");
        std::fs::write(&readme, "# Contoso\n").unwrap();
        assert_eq!(connector_file_kind(&readme, || None), None);
        assert!(find_connector_dirs(dir.path()).is_empty());
        let server = Workspace::default();
        server.open(readme.clone(), "# Contoso\n", 1);
        assert_eq!(server.locate(&readme), None);

        std::fs::write(app.join("apiProperties.json"), "{}").unwrap();
        assert_eq!(
            connector_file_kind(&readme, || None),
            Some(FileKind::Readme)
        );
        assert_eq!(
            server.locate(&readme),
            Some((app.clone(), FileKind::Readme))
        );
        let connector = Connector::load(&app).unwrap();
        let loaded = connector
            .file(FileKind::Readme)
            .expect("the readme is loaded");
        assert_eq!(loaded.path, readme);
        assert!(loaded.json.is_none());

        // intro.md when there is no readme.
        std::fs::remove_file(&readme).unwrap();
        std::fs::write(app.join("intro.md"), "# Contoso\n").unwrap();
        let connector = Connector::load(&app).unwrap();
        assert_eq!(
            connector.file(FileKind::Readme).map(|f| f.path.clone()),
            Some(app.join("intro.md"))
        );
    }

    /// A title a connector checked before has is reported on the later connector, once; the
    /// rule turned off reports nothing.
    #[test]
    fn a_batch_reports_a_title_twice_on_the_later_connector() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/todo-broken");
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            let copy = dir.path().join(name);
            std::fs::create_dir(&copy).unwrap();
            for entry in std::fs::read_dir(&example).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
            }
        }
        let definition = dir.path().join("c/apiDefinition.swagger.json");
        let text = std::fs::read_to_string(&definition).unwrap();
        let text = text.replacen("\"Contoso Tasks\"", "\"Another Title\"", 1);
        std::fs::write(&definition, text).unwrap();
        let targets = discover(&[dir.path().to_path_buf()]).unwrap();
        let duplicates = |configs: &TargetConfigs| -> Vec<String> {
            check_all(&targets, configs)
                .into_iter()
                .flat_map(|(target, report)| {
                    let dir = target.dir().to_path_buf();
                    report
                        .unwrap()
                        .diagnostics
                        .into_iter()
                        .filter(|d| d.rule == "info-title-duplicate")
                        .map(move |d| {
                            format!(
                                "{}: {}",
                                dir.file_name().unwrap().to_string_lossy(),
                                d.message
                            )
                        })
                })
                .collect()
        };
        let found = duplicates(&TargetConfigs::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("b: the connector "), "{found:?}");
        let off = RuleConfig {
            overrides: [(
                "info-title-duplicate".to_string(),
                crate::rules::RuleLevel::Off,
            )]
            .into(),
            ..RuleConfig::default()
        };
        let configs = TargetConfigs::default().overridden_by(&off);
        assert!(duplicates(&configs).is_empty());
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
