//! Findings a project has chosen to ignore. Connector files are plain JSON, with no comments
//! to suppress a finding beside it, so the configuration file names them instead: by rule,
//! optionally narrowed to some files and to the part of a file under a JSON Pointer.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};

use crate::diagnostic::Diagnostic;
use crate::paths;

/// One `[[ignore]]` entry: a finding is ignored when its rule is one of `rules`, its file
/// matches one of `files` (any file when there are none) and its pointer is one of `pointers`
/// or lies under one (anywhere in the file when there are none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    pub rules: Vec<String>,
    pub files: Vec<FilePattern>,
    pub pointers: Vec<String>,
}

impl Ignore {
    /// Whether the entry applies to the file at `path`.
    pub fn applies_to(&self, path: &Path) -> bool {
        self.files.is_empty() || self.files.iter().any(|f| f.matches(path))
    }

    /// Whether the entry names this finding of a file it applies to.
    pub fn covers(&self, diagnostic: &Diagnostic) -> bool {
        self.rules.iter().any(|rule| rule == diagnostic.rule)
            && (self.pointers.is_empty()
                || self
                    .pointers
                    .iter()
                    .any(|p| is_at_or_under(&diagnostic.pointer, p)))
    }
}

/// Whether `pointer` is `prefix` or a pointer below it, whole segments only: `/paths/~1a`
/// is under `/paths` but not under `/pa`.
fn is_at_or_under(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A glob naming files. Without a `/` it matches a file's name in any folder, like a
/// `.gitignore` line; with one, it matches the path relative to the folder of the
/// configuration file that wrote it.
#[derive(Clone, Debug)]
pub struct FilePattern {
    glob: Glob,
    matcher: GlobMatcher,
    base: Option<PathBuf>,
}

impl FilePattern {
    pub fn new(pattern: &str, base: &Path) -> Result<FilePattern, String> {
        let glob = globset::GlobBuilder::new(pattern.trim_start_matches("./"))
            .literal_separator(true)
            .build()
            .map_err(|e| format!("'{pattern}' is not a valid glob: {}", e.kind()))?;
        Ok(FilePattern {
            matcher: glob.compile_matcher(),
            glob,
            base: pattern.contains('/').then(|| base.to_path_buf()),
        })
    }

    pub fn matches(&self, path: &Path) -> bool {
        match &self.base {
            None => path
                .file_name()
                .is_some_and(|name| self.matcher.is_match(name)),
            Some(base) => {
                paths::relative(base, path).is_some_and(|relative| self.matcher.is_match(relative))
            }
        }
    }
}

// The matcher is compiled from the glob: comparing the globs is enough.
impl PartialEq for FilePattern {
    fn eq(&self, other: &Self) -> bool {
        (&self.glob, &self.base) == (&other.glob, &other.base)
    }
}

impl Eq for FilePattern {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_match_whole_segments() {
        assert!(is_at_or_under("/paths/~1a/get", "/paths/~1a"));
        assert!(is_at_or_under("/paths/~1a", "/paths/~1a"));
        assert!(is_at_or_under("/paths", ""));
        assert!(!is_at_or_under("/paths/~1ab", "/paths/~1a"));
        assert!(!is_at_or_under("/info", "/paths"));
    }

    #[test]
    fn names_match_anywhere_and_paths_from_the_base() {
        let base = std::path::absolute("project").unwrap();
        let name = FilePattern::new("apiProperties.json", &base).unwrap();
        assert!(name.matches(&base.join("a/apiProperties.json")));
        assert!(!name.matches(&base.join("a/settings.json")));

        let path = FilePattern::new("legacy/*/apiDefinition.swagger.json", &base).unwrap();
        assert!(path.matches(&base.join("legacy/old/apiDefinition.swagger.json")));
        assert!(!path.matches(&base.join("legacy/a/b/apiDefinition.swagger.json")));
        assert!(!path.matches(&base.join("current/apiDefinition.swagger.json")));
        let deep = FilePattern::new("legacy/**", &base).unwrap();
        assert!(deep.matches(&base.join("legacy/a/b/apiDefinition.swagger.json")));
        assert!(!deep.matches(Path::new("/elsewhere/legacy/a.json")));

        assert!(
            FilePattern::new("a/[b", &base)
                .unwrap_err()
                .contains("'a/[b'")
        );
    }
}
