//! The connector at a base revision of its git repository (`check --base REF`, the editor's
//! `baseRef`), read through git without checking anything out: `git rev-parse` names the
//! commit once per repository, and `git cat-file --batch` processes (one per worker, reused
//! from connector to connector) list the folders and read the files. Git runs as a process with separate arguments, never through a shell.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use crate::model::connector::{Entry, FolderReader};
use crate::model::{Connector, FileKind, SourceFile};

/// Why the base revision cannot be read: the message says which path or ref, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseError(pub String);

impl std::fmt::Display for BaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BaseError {}

impl From<BaseError> for std::io::Error {
    fn from(error: BaseError) -> Self {
        std::io::Error::other(error.0)
    }
}

/// A git revision to compare connectors with, and what was learnt of each repository.
#[derive(Debug)]
pub struct GitBase {
    reference: String,
    /// The commit the revision names, by repository top folder.
    commits: Mutex<HashMap<PathBuf, Result<String, BaseError>>>,
    /// `git cat-file` processes not in use, for the next connectors.
    pool: Mutex<Vec<CatFile>>,
}

/// Where a connector folder is in its repository at the base.
struct Place {
    top: PathBuf,
    /// The folder relative to `top`, with `/` separators (empty at the top).
    prefix: String,
    commit: String,
}

impl GitBase {
    pub fn new(reference: &str) -> Self {
        GitBase {
            reference: reference.to_string(),
            commits: Mutex::default(),
            pool: Mutex::default(),
        }
    }

    /// The revision as the user named it.
    pub fn label(&self) -> &str {
        &self.reference
    }

    /// Check that `dir` is in a git repository where the revision names a commit.
    pub fn check(&self, dir: &Path) -> Result<(), BaseError> {
        self.place(dir).map(drop)
    }

    /// The connector in `dir` as it was at the revision; `None` when the folder did not exist
    /// there (a new connector). A file whose bytes are those of the file of `current` is not
    /// parsed again: the parsed file is copied.
    pub fn connector_at(
        &self,
        dir: &Path,
        current: Option<&Connector>,
    ) -> Result<Option<Connector>, BaseError> {
        let place = self.place(dir)?;
        let mut reader = GitFolder::new(&place, dir, &self.pool)?;
        reader.current = current;
        if reader.root_listing()?.is_none() {
            return Ok(None);
        }
        // Reading the old folder fails only as git does, which `reader` reports.
        match Connector::load_from(dir, &mut reader) {
            Ok(connector) => Ok(Some(connector)),
            Err(error) => Err(reader
                .failure
                .take()
                .unwrap_or(BaseError(error.to_string()))),
        }
    }

    fn place(&self, dir: &Path) -> Result<Place, BaseError> {
        let absolute = std::path::absolute(dir)
            .and_then(|p| p.canonicalize())
            .map_err(|error| BaseError(format!("{}: {error}", dir.display())))?;
        let top = absolute
            .ancestors()
            .find(|folder| folder.join(".git").exists())
            .ok_or_else(|| {
                BaseError(format!(
                    "{} is not inside a git repository; --base compares with a git revision",
                    dir.display()
                ))
            })?;
        let prefix = absolute
            .strip_prefix(top)
            .unwrap_or(Path::new(""))
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let mut commits = self.commits.lock().unwrap_or_else(|e| e.into_inner());
        let commit = commits
            .entry(top.to_path_buf())
            .or_insert_with(|| resolve(top, &self.reference))
            .clone()?;
        Ok(Place {
            top: top.to_path_buf(),
            prefix,
            commit,
        })
    }
}

/// The commit `reference` names in the repository at `top`.
fn resolve(top: &Path, reference: &str) -> Result<String, BaseError> {
    if reference.starts_with('-') || reference.is_empty() {
        return Err(BaseError(format!("'{reference}' is not a git revision")));
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{reference}^{{commit}}"))
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| BaseError(format!("cannot run git: {error}")))?;
    let commit = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || commit.is_empty() {
        return Err(BaseError(format!(
            "'{reference}' is not a commit of the git repository {} (a branch, tag or commit, \
             e.g. HEAD or origin/main)",
            top.display()
        )));
    }
    Ok(commit)
}

/// A `git cat-file --batch` process of one repository: it answers `<commit>:<path>` with the
/// object there, for any commit, so one serves every connector of the repository in turn.
#[derive(Debug)]
struct CatFile {
    top: PathBuf,
    git: Child,
    /// Closed (taken) when dropped, which ends git.
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl CatFile {
    fn start(top: &Path) -> Result<CatFile, BaseError> {
        let mut git = Command::new("git")
            .arg("-C")
            .arg(top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| BaseError(format!("cannot run git: {error}")))?;
        let (Some(input), Some(output)) = (git.stdin.take(), git.stdout.take()) else {
            return Err(BaseError("cannot talk to git".to_string()));
        };
        Ok(CatFile {
            top: top.to_path_buf(),
            git,
            input: Some(input),
            output: BufReader::new(output),
        })
    }
}

impl Drop for CatFile {
    fn drop(&mut self) {
        drop(self.input.take());
        let _ = self.git.wait();
    }
}

/// A connector folder at a commit, as loading reads a folder, through a `git cat-file` process
/// taken from the pool of [`GitBase`] (and given back when done, unless git failed).
struct GitFolder<'p> {
    place: &'p Place,
    dir: &'p Path,
    cat: Option<CatFile>,
    pool: &'p Mutex<Vec<CatFile>>,
    /// The connector as it is now, whose parsed files are reused where the bytes are the same.
    current: Option<&'p Connector>,
    /// Listings by folder (relative to the top), `None` for a folder that does not exist.
    trees: HashMap<String, Option<Vec<(String, bool)>>>,
    /// The first failure of git, which loading turns into an I/O error.
    failure: Option<BaseError>,
}

impl<'p> GitFolder<'p> {
    fn new(
        place: &'p Place,
        dir: &'p Path,
        pool: &'p Mutex<Vec<CatFile>>,
    ) -> Result<Self, BaseError> {
        let pooled = {
            let mut pool = pool.lock().unwrap_or_else(|e| e.into_inner());
            let at = pool.iter().position(|cat| cat.top == place.top);
            at.map(|at| pool.swap_remove(at))
        };
        let cat = match pooled {
            Some(cat) => cat,
            None => CatFile::start(&place.top)?,
        };
        Ok(GitFolder {
            place,
            dir,
            cat: Some(cat),
            pool,
            current: None,
            trees: HashMap::new(),
            failure: None,
        })
    }

    /// The object at `path` (relative to the top) in the commit: its type and content.
    fn object(&mut self, path: &str) -> Result<Option<(String, Vec<u8>)>, BaseError> {
        let broken = |error: std::io::Error| BaseError(format!("reading git objects: {error}"));
        if path.contains('\n') {
            return Ok(None);
        }
        let Some(CatFile {
            input: Some(input),
            output,
            ..
        }) = &mut self.cat
        else {
            return Ok(None);
        };
        writeln!(input, "{}:{path}", self.place.commit).map_err(broken)?;
        input.flush().map_err(broken)?;
        let mut header = String::new();
        output.read_line(&mut header).map_err(broken)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [_, kind, size] = fields[..] else {
            // "<name> missing" (or ambiguous): nothing there.
            return Ok(None);
        };
        let size: usize = size
            .parse()
            .map_err(|_| BaseError(format!("unexpected answer from git: {header}")))?;
        let mut content = vec![0; size + 1];
        output.read_exact(&mut content).map_err(broken)?;
        content.pop();
        Ok(Some((kind.to_string(), content)))
    }

    /// The entries of the folder at `path` (relative to the top): name, and whether it is a
    /// file.
    fn tree(&mut self, path: &str) -> Result<Option<Vec<(String, bool)>>, BaseError> {
        if let Some(listing) = self.trees.get(path) {
            return Ok(listing.clone());
        }
        let listing = match self.object(path)? {
            Some((kind, content)) if kind == "tree" => Some(parse_tree(&content)),
            _ => None,
        };
        self.trees.insert(path.to_string(), listing.clone());
        Ok(listing)
    }

    fn root_listing(&mut self) -> Result<Option<Vec<(String, bool)>>, BaseError> {
        let prefix = self.place.prefix.clone();
        self.tree(&prefix)
    }

    /// `path` (a path under the connector folder as loading names it) relative to the top,
    /// `None` when it leaves the repository.
    fn in_repository(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(self.dir).ok()?;
        let mut parts: Vec<String> = self
            .place
            .prefix
            .split('/')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        for component in relative.components() {
            match component {
                Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
                Component::ParentDir => {
                    parts.pop()?;
                }
                Component::CurDir => {}
                _ => return None,
            }
        }
        Some(parts.join("/"))
    }

    fn note(&mut self, error: BaseError) -> std::io::Error {
        let io = std::io::Error::other(error.0.clone());
        self.failure.get_or_insert(error);
        io
    }
}

impl FolderReader for GitFolder<'_> {
    fn list(&mut self, dir: &Path) -> std::io::Result<Vec<String>> {
        let Some(path) = self.in_repository(dir) else {
            return Ok(Vec::new());
        };
        match self.tree(&path) {
            Ok(listing) => Ok(listing
                .unwrap_or_default()
                .into_iter()
                .map(|(name, _)| name)
                .collect()),
            Err(error) => Err(self.note(error)),
        }
    }

    fn entry(&mut self, path: &Path) -> Entry {
        let Some(relative) = self.in_repository(path) else {
            return Entry::Absent;
        };
        let (folder, name) = match relative.rsplit_once('/') {
            Some((folder, name)) => (folder.to_string(), name.to_string()),
            None => (String::new(), relative),
        };
        match self.tree(&folder) {
            Ok(Some(listing)) => match listing.iter().find(|(n, _)| *n == name) {
                Some((_, true)) => Entry::File,
                Some((_, false)) => Entry::NotRegular,
                None => Entry::Absent,
            },
            Ok(None) => Entry::Absent,
            Err(error) => {
                self.failure.get_or_insert(error);
                Entry::Absent
            }
        }
    }

    fn read(&mut self, kind: FileKind, path: &Path) -> std::io::Result<SourceFile> {
        let relative = self.in_repository(path).unwrap_or_default();
        match self.object(&relative) {
            Ok(Some((object, content))) if object == "blob" => {
                let unchanged = self.current.and_then(|c| c.file(kind)).filter(|file| {
                    file.path == path
                        && file.encoding_error.is_none()
                        && file.too_large.is_none()
                        && file.text.as_bytes() == content.as_slice()
                });
                Ok(match unchanged {
                    Some(file) => file.clone(),
                    None => SourceFile::from_bytes(kind, path.to_path_buf(), &content),
                })
            }
            Ok(_) => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a file at the base", path.display()),
            )),
            Err(error) => Err(self.note(error)),
        }
    }
}

impl Drop for GitFolder<'_> {
    fn drop(&mut self) {
        // A process that failed once is not trusted again: it ends here.
        if self.failure.is_none()
            && let Some(cat) = self.cat.take()
        {
            self.pool
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(cat);
        }
    }
}

/// The entries of a git tree object: `<mode> <name>\0<20- or 32-byte id>` each; a file is a
/// blob (mode 100644 or 100755).
fn parse_tree(content: &[u8]) -> Vec<(String, bool)> {
    // The id's length: SHA-1 repositories use 20 bytes, SHA-256 ones 32; found by trying
    // which length parses the whole object.
    for id_len in [20, 32] {
        if let Some(entries) = parse_tree_with(content, id_len) {
            return entries;
        }
    }
    Vec::new()
}

fn parse_tree_with(content: &[u8], id_len: usize) -> Option<Vec<(String, bool)>> {
    let mut entries = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ')?;
        let mode = std::str::from_utf8(&rest[..space]).ok()?;
        let after = &rest[space + 1..];
        let nul = after.iter().position(|&b| b == 0)?;
        let name = String::from_utf8_lossy(&after[..nul]).into_owned();
        if after.len() < nul + 1 + id_len {
            return None;
        }
        entries.push((name, mode.starts_with("100")));
        rest = &after[nul + 1 + id_len..];
    }
    Some(entries)
}

/// A connector at a base revision, as the editor compares with it.
#[derive(Debug)]
pub struct BaseConnector {
    /// The revision as the setting names it.
    pub label: String,
    /// The connector there; `None` when it is new there, or the revision cannot be read.
    pub connector: Option<Connector>,
    /// Why the revision cannot be read, if it cannot.
    pub error: Option<BaseError>,
}

impl BaseConnector {
    /// Whether an operation with this operationId exists at the base.
    pub fn has_operation(&self, operation_id: &str) -> bool {
        let Some(file) = self
            .connector
            .as_ref()
            .and_then(|c| c.file(FileKind::ApiDefinition))
        else {
            return false;
        };
        file.tree()
            .and_then(crate::model::swagger::Swagger::new)
            .is_some_and(|swagger| swagger.find_operation(operation_id).is_some())
    }
}

/// The connectors at base revisions the editor compares with, read once per revision and
/// folder: git runs when the setting changes or files change on disk, never per keystroke.
#[derive(Debug, Default)]
pub struct BaseCache {
    entries: Mutex<HashMap<(String, PathBuf), std::sync::Arc<BaseConnector>>>,
}

impl BaseCache {
    /// The connector in `dir` at `reference`, read through git on first use.
    pub fn get(&self, reference: &str, dir: &Path) -> std::sync::Arc<BaseConnector> {
        let key = (reference.to_string(), dir.to_path_buf());
        if let Some(found) = self.lock().get(&key) {
            return found.clone();
        }
        // Git runs outside the lock: other connectors' analyses do not wait for it.
        let git = GitBase::new(reference);
        let (connector, error) = match git.connector_at(dir, None) {
            Ok(connector) => (connector, None),
            Err(error) => (None, Some(error)),
        };
        let read = std::sync::Arc::new(BaseConnector {
            label: reference.to_string(),
            connector,
            error,
        });
        self.lock().entry(key).or_insert(read).clone()
    }

    /// Forget every connector read: the revisions may name other commits now.
    pub fn forget_all(&self) {
        self.lock().clear();
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, PathBuf), std::sync::Arc<BaseConnector>>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}
