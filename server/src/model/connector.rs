//! A connector folder: its files located (through settings.json where present), read and
//! parsed. This is the unit that cross-file rules analyse. Loading sees the disk through a
//! [`FolderReader`]: `check` reads the disk as it is ([`OnDisk`]); the server answers from its
//! open documents and caches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::settings;
use crate::model::source::{self, FileKind, SourceFile};

#[derive(Clone, Debug)]
pub struct Connector {
    pub dir: PathBuf,
    /// At most one file of each kind.
    pub files: Vec<SourceFile>,
    /// The names of the entries of the folder, for existence checks and suggestions.
    pub listing: Vec<String>,
    /// Whether each path named in settings.json exists (keyed by the path as written).
    pub settings_targets: BTreeMap<String, bool>,
    /// Where a connector file should be but something else is: a folder, a named pipe, a
    /// device or a link to nothing. It is not read.
    pub unreadable: Vec<PathBuf>,
}

/// What is at a path, as far as loading a connector is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A regular file (or an editor's buffer): it can be read.
    File,
    /// Something that is not a regular file: a folder, a named pipe, a device, a link to
    /// nothing. It is never read (a named pipe would block) nor taken for absent.
    NotRegular,
    Absent,
}

impl Entry {
    /// What is at `path` on disk.
    pub fn on_disk(path: &Path) -> Entry {
        if path.is_file() {
            Entry::File
        } else if path.symlink_metadata().is_ok() {
            Entry::NotRegular
        } else {
            Entry::Absent
        }
    }
}

/// What loading a connector reads of its folder.
pub trait FolderReader {
    /// The names of the entries of `dir`.
    fn list(&mut self, dir: &Path) -> std::io::Result<Vec<String>>;
    /// What is at `path`.
    fn entry(&mut self, path: &Path) -> Entry;
    /// The file at `path` (an [`Entry::File`]), parsed as `kind`.
    fn read(&mut self, kind: FileKind, path: &Path) -> std::io::Result<SourceFile>;
}

/// The disk as it is, with the files obtained from a function of their kind and path.
pub struct OnDisk<F>(pub F);

impl<F> FolderReader for OnDisk<F>
where
    F: FnMut(FileKind, &Path) -> std::io::Result<SourceFile>,
{
    fn list(&mut self, dir: &Path) -> std::io::Result<Vec<String>> {
        let entries = std::fs::read_dir(dir)?.flatten();
        Ok(entries
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect())
    }

    fn entry(&mut self, path: &Path) -> Entry {
        Entry::on_disk(path)
    }

    fn read(&mut self, kind: FileKind, path: &Path) -> std::io::Result<SourceFile> {
        (self.0)(kind, path)
    }
}

/// Where a connector is published, read from its folder in a checkout of Microsoft's
/// connectors repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publishing {
    /// Under `certified-connectors/`.
    Certified,
    /// Under `independent-publisher-connectors/`.
    IndependentPublisher,
    /// Under `custom-connectors/`: samples, never certified.
    Custom,
    /// Anywhere else.
    Unknown,
}

impl Publishing {
    pub fn of(dir: &Path) -> Publishing {
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let parent = absolute.parent().and_then(|p| p.file_name());
        match parent.and_then(|name| name.to_str()) {
            Some("certified-connectors") => Publishing::Certified,
            Some("independent-publisher-connectors") => Publishing::IndependentPublisher,
            Some("custom-connectors") => Publishing::Custom,
            _ => Publishing::Unknown,
        }
    }
}

impl Connector {
    /// Read the connector in `dir`. Files that are absent are simply not there; unreadable
    /// files, and a connector file that is not a regular file, are an I/O error naming it.
    pub fn load(dir: &Path) -> std::io::Result<Connector> {
        let connector = Connector::load_with(dir, SourceFile::read)?;
        match connector.unreadable.first() {
            Some(path) => Err(source::not_regular(path).unwrap_or_else(|| {
                std::io::Error::other(format!("{}: cannot be read", path.display()))
            })),
            None => Ok(connector),
        }
    }

    /// [`Connector::load`] with the files that exist obtained from `read` (given the kind and
    /// path of each).
    pub fn load_with(
        dir: &Path,
        read: impl FnMut(FileKind, &Path) -> std::io::Result<SourceFile>,
    ) -> std::io::Result<Connector> {
        Connector::load_from(dir, &mut OnDisk(read))
    }

    /// [`Connector::load`] through `folder`: an editor supplies its open buffers, and what it
    /// has already read and parsed.
    pub fn load_from(dir: &Path, folder: &mut dyn FolderReader) -> std::io::Result<Connector> {
        let mut listing = folder.list(dir).map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot list {}: {error}", dir.display()),
            )
        })?;
        listing.sort();

        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        // A regular file is read; anything else present under a connector file's name is
        // recorded, never read (a named pipe would block) nor taken for absent.
        let mut is_readable = |folder: &mut dyn FolderReader, path: &Path| {
            let entry = folder.entry(path);
            if entry == Entry::NotRegular {
                unreadable.push(path.to_path_buf());
            }
            entry == Entry::File
        };
        let mut named: BTreeMap<FileKind, String> = BTreeMap::new();
        let mut settings_targets = BTreeMap::new();
        let settings_path = dir.join(FileKind::Settings.default_name());
        if is_readable(folder, &settings_path) {
            let file = folder.read(FileKind::Settings, &settings_path)?;
            if let Some(tree) = file.tree() {
                for entry in settings::file_entries(tree) {
                    let target = resolve_inside(dir, entry.value);
                    let exists = target.is_some_and(|t| folder.entry(&t) == Entry::File);
                    settings_targets.insert(entry.value.to_string(), exists);
                    let kind = match entry.key {
                        "apiDefinition" => FileKind::ApiDefinition,
                        "apiProperties" => FileKind::ApiProperties,
                        "script" => FileKind::Script,
                        "icon" => FileKind::Icon,
                        _ => continue,
                    };
                    if exists {
                        named.insert(kind, entry.value.to_string());
                    }
                }
            }
            files.push(file);
        }

        for kind in [
            FileKind::ApiDefinition,
            FileKind::ApiProperties,
            FileKind::Script,
            FileKind::Icon,
        ] {
            let path = match named.get(&kind) {
                Some(name) => dir.join(name),
                None if kind == FileKind::Script => match find_script(&listing) {
                    Some(name) => dir.join(name),
                    None => continue,
                },
                // Only an icon that is there: its absence is no error of loading.
                None if kind == FileKind::Icon => match listing.iter().find(|n| *n == "icon.png") {
                    Some(name) => dir.join(name),
                    None => continue,
                },
                None => dir.join(kind.default_name()),
            };
            if is_readable(folder, &path) {
                files.push(folder.read(kind, &path)?);
            }
        }
        if let Some(name) = find_readme(&listing) {
            let path = dir.join(name);
            if is_readable(folder, &path) {
                files.push(folder.read(FileKind::Readme, &path)?);
            }
        }
        files.sort_by_key(|f| f.kind);
        Ok(Connector {
            dir: dir.to_path_buf(),
            files,
            listing,
            settings_targets,
            unreadable,
        })
    }

    /// A connector made of in-memory files (tests, and editors with unsaved buffers).
    pub fn from_files(dir: PathBuf, mut files: Vec<SourceFile>, listing: Vec<String>) -> Self {
        files.sort_by_key(|f| f.kind);
        let mut connector = Connector {
            dir,
            files,
            listing,
            settings_targets: BTreeMap::new(),
            unreadable: Vec::new(),
        };
        let entries: Vec<String> = connector
            .file(FileKind::Settings)
            .and_then(|f| f.tree())
            .map(|tree| {
                settings::file_entries(tree)
                    .into_iter()
                    .map(|e| e.value.to_string())
                    .collect()
            })
            .unwrap_or_default();
        for value in entries {
            let exists = connector.listing.contains(&value);
            connector.settings_targets.insert(value, exists);
        }
        connector
    }

    /// Put an editor's buffer in place of the file on disk: the file with the same path, else
    /// the file of the same kind.
    pub fn overlay(&mut self, path: &Path, kind: FileKind, text: String) {
        let kind = self
            .files
            .iter()
            .find(|f| f.path == path)
            .map_or(kind, |f| f.kind);
        self.replace_file(SourceFile::from_text(kind, path.to_path_buf(), text));
    }

    /// Use `file` as the connector's file of its kind.
    pub fn replace_file(&mut self, file: SourceFile) {
        self.files.retain(|f| f.kind != file.kind);
        self.files.push(file);
        self.files.sort_by_key(|f| f.kind);
    }

    pub fn file(&self, kind: FileKind) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.kind == kind)
    }

    /// Whether any JSON file of the connector has a syntax error.
    pub fn has_syntax_errors(&self) -> bool {
        self.files.iter().any(SourceFile::has_syntax_errors)
    }
}

/// The custom code file when settings.json does not name one: `script.csx`, else the folder's
/// only other `.csx` file.
fn find_script(listing: &[String]) -> Option<&str> {
    if let Some(exact) = listing.iter().find(|n| *n == "script.csx") {
        return Some(exact);
    }
    let mut scripts = listing
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".csx"));
    match (scripts.next(), scripts.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The readme: `readme.md` in any casing, else `intro.md` (the listing is sorted, so the
/// choice among casings is stable).
fn find_readme(listing: &[String]) -> Option<&str> {
    let readme = listing.iter().find(|n| n.eq_ignore_ascii_case("readme.md"));
    let intro = || listing.iter().find(|n| n.eq_ignore_ascii_case("intro.md"));
    readme.or_else(intro).map(String::as_str)
}

/// Join a relative path from settings.json onto the connector folder, refusing what would
/// lead out of it: absolute paths, `..` escapes, and symbolic links that point outside or
/// loop. Paths that do not exist yet are joined as written.
pub fn resolve_inside(dir: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    if path.is_absolute() {
        return None;
    }
    let mut depth = 0i32;
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            _ => return None,
        }
        if depth < 0 {
            return None;
        }
    }
    let joined = dir.join(path);
    if joined.symlink_metadata().is_err() {
        return Some(joined);
    }
    // It exists (possibly as a link): where it really leads must be inside the folder.
    let real = joined.canonicalize().ok()?;
    let real_dir = dir.canonicalize().ok()?;
    real.starts_with(&real_dir).then_some(joined)
}
