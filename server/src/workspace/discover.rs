//! What a connector is, for `check` and the server alike: the one rule for connector files and
//! folders, and command-line paths turned into targets (folders searched for connector folders,
//! honouring .gitignore).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::{FileKind, source};

use super::Target;

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
                "{}: not a connector file (expected apiDefinition.swagger.json, apiProperties.json, settings.json, a .csx script, or a readme.md or intro.md beside a definition)",
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
/// properties file or when it names a definition (an editor's `.vscode/settings.json` is not),
/// and a readme only beside a definition, properties or settings file (a project's README.md
/// is not).
/// `read_text` gives the file's text, asked for only when the name alone does not decide.
pub fn connector_file_kind(
    path: &Path,
    read_text: impl FnOnce() -> Option<String>,
) -> Option<FileKind> {
    let kind = FileKind::from_file_name(path.file_name()?.to_str()?)?;
    let dir = path.parent()?;
    if kind == FileKind::Readme {
        let beside = [
            FileKind::ApiDefinition,
            FileKind::ApiProperties,
            FileKind::Settings,
        ]
        .iter()
        .any(|k| dir.join(k.default_name()).is_file());
        return beside.then_some(kind);
    }
    if kind != FileKind::Settings {
        return Some(kind);
    }
    let beside = [FileKind::ApiDefinition, FileKind::ApiProperties]
        .iter()
        .any(|k| dir.join(k.default_name()).is_file());
    let names_a_definition = || read_text().is_some_and(|text| text.contains("\"apiDefinition\""));
    (beside || names_a_definition()).then_some(kind)
}

/// What starts the folder of a document that is not a local file. A NUL byte is in no path on
/// disk, so nothing is ever read there: such a folder holds its one document and nothing else.
const DETACHED_FOLDER: &str = "/\0connector-ls-detached-";

/// Where a document that is not a local file is placed: the file of its `name` in a folder of
/// its own (one per `id`), so that it is analysed alone: no sibling files, no project
/// configuration, no edit to any other file.
pub fn detached_path(id: u64, name: &str) -> PathBuf {
    PathBuf::from(format!("{DETACHED_FOLDER}{id:016x}")).join(name)
}

/// Whether a folder is that of a document that is not a local file.
pub fn is_detached(dir: &Path) -> bool {
    dir.as_os_str().as_encoded_bytes().contains(&0)
}

/// Whether a file of this name marks its folder as a connector folder.
fn is_marker_name(name: &str) -> bool {
    FileKind::ALL
        .iter()
        .any(|k| k.is_json() && k.default_name() == name)
}
