//! The shared entry point for checking connectors on disk: find connector folders under the
//! given paths (honouring .gitignore), load them, and analyse them in parallel.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::{self, RuleConfig};

/// One unit of work: a whole connector folder, or one file checked in its folder's context.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Folder(PathBuf),
    File { path: PathBuf, kind: FileKind },
}

#[derive(Debug)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NotAConnectorFile(PathBuf),
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
        }
    }
}

/// The connectors of one check: reports in path order.
pub struct ConnectorReport {
    pub connector: Connector,
    pub diagnostics: Vec<Diagnostic>,
}

/// Turn command-line paths into targets. Folders are searched for connector folders.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Target>, DiscoverError> {
    let mut targets = BTreeSet::new();
    for path in paths {
        if path.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let kind = name
                .as_deref()
                .and_then(FileKind::from_file_name)
                .ok_or_else(|| DiscoverError::NotAConnectorFile(path.clone()))?;
            targets.insert(Target::File {
                path: path.clone(),
                kind,
            });
        } else if path.is_dir() {
            targets.extend(find_connector_dirs(path).into_iter().map(Target::Folder));
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
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let is_marker = FileKind::ALL
            .iter()
            .any(|k| *k != FileKind::Script && k.default_name() == name);
        if is_marker && let Some(parent) = entry.path().parent() {
            // settings.json is only a marker when it names connector files (not an editor's).
            if name == FileKind::Settings.default_name() && !Connector::is_connector_dir(parent) {
                continue;
            }
            dirs.insert(parent.to_path_buf());
        }
    }
    dirs.into_iter().collect()
}

/// Load and analyse one target.
pub fn check_target(target: &Target, config: &RuleConfig) -> std::io::Result<ConnectorReport> {
    match target {
        Target::Folder(dir) => {
            let connector = Connector::load(dir)?;
            let diagnostics = rules::analyze(&connector, config);
            Ok(ConnectorReport {
                connector,
                diagnostics,
            })
        }
        Target::File { path, kind } => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let file = SourceFile::read(*kind, path)?;
            let mut connector = Connector::load(dir)?;
            connector.replace_file(file);
            let mut diagnostics = rules::analyze(&connector, config);
            diagnostics.retain(|d| d.file == *kind);
            Ok(ConnectorReport {
                connector,
                diagnostics,
            })
        }
    }
}

/// Check every target in parallel; results keep the order of `targets`.
pub fn check_all(
    targets: &[Target],
    config: &RuleConfig,
) -> Vec<(Target, std::io::Result<ConnectorReport>)> {
    targets
        .par_iter()
        .map(|target| (target.clone(), check_target(target, config)))
        .collect()
}
