//! Findings a project has chosen to ignore. Connector files are plain JSON, with no comments
//! to suppress a finding beside it, so the configuration file names them instead: by rule,
//! optionally narrowed to some files and to the part of a file under a JSON Pointer.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::diagnostic::Diagnostic;
use crate::model::Connector;
use crate::model::FileKind;
use crate::paths;
use crate::text::excerpt;

/// One `[[ignore]]` entry: a finding is ignored when its rule is one of `rules`, its file
/// matches one of `files` (any file when there are none) and its pointer is one of `pointers`
/// or lies under one (anywhere in the file when there are none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    pub rules: Vec<String>,
    pub files: Vec<FilePattern>,
    pub pointers: Vec<String>,
}

/// `pointer` and every pointer it lies under, whole segments only: `/a/b`, `/a` and ``
/// (`/paths/~1a` is under `/paths` but not under `/pa`).
fn pointer_and_parents(pointer: &str) -> impl Iterator<Item = &str> {
    let cuts = pointer.match_indices('/').map(|(at, _)| at);
    std::iter::once(pointer).chain(cuts.map(|at| &pointer[..at]))
}

/// A glob naming files. Without a `/` it matches a file's name in any folder, like a
/// `.gitignore` line; with one, it matches the path relative to the folder of the
/// configuration file that wrote it. It is compiled with the others of a configuration
/// ([`IgnoreList`]), not alone: a compiled glob takes about 19 KB.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePattern {
    /// The glob as written, without a leading `./`; parsed again when compiled (a parsed
    /// glob keeps a token per character).
    glob: Box<str>,
    base: Option<PathBuf>,
}

impl FilePattern {
    /// The pattern, or why it is not one: invalid glob syntax, or a glob too large to compile
    /// (globset's compiled size limit; a glob of 150,000 alternatives is over it).
    pub fn new(pattern: &str, base: &Path) -> Result<FilePattern, String> {
        let invalid =
            |reason: String| format!("'{}' is not a valid glob: {reason}", excerpt(pattern));
        let text = pattern.trim_start_matches("./");
        if !is_literal(text) {
            let glob = parse_glob(text).map_err(|e| invalid(e.kind().to_string()))?;
            // Compile it once to know it compiles; `compile_matcher` would panic.
            GlobSet::builder()
                .add(glob)
                .build()
                .map_err(|_| invalid("it is too large to compile".to_string()))?;
        }
        Ok(FilePattern {
            glob: text.into(),
            base: pattern.contains('/').then(|| base.to_path_buf()),
        })
    }

    /// Whether the pattern matches the file at `path` (compiling it: for one-off checks).
    pub fn matches(&self, path: &Path) -> bool {
        let list = [Ignore {
            rules: Vec::new(),
            files: vec![self.clone()],
            pointers: Vec::new(),
        }];
        !FileMatcher::new(&list).applying(path).is_empty()
    }
}

/// What a pattern of a configuration in `base` is matched against for the file at `path`:
/// its name (no base), or its path from the base folder with `/` separators.
fn subject(base: Option<&Path>, path: &Path) -> Option<PathBuf> {
    match base {
        None => path.file_name().map(PathBuf::from),
        Some(base) => paths::relative(base, path).map(PathBuf::from),
    }
}

/// A glob without wildcards, classes or alternatives matches exactly its own text.
fn is_literal(glob: &str) -> bool {
    !glob.contains(['*', '?', '[', ']', '{', '}', '\\'])
}

/// The ignore entries of a configuration, with their file patterns compiled together on first
/// use. A clone shares the compiled patterns; adding an entry drops them.
#[derive(Clone, Debug, Default)]
pub struct IgnoreList {
    entries: Vec<Ignore>,
    compiled: Arc<OnceLock<FileMatcher>>,
}

impl IgnoreList {
    pub fn push(&mut self, ignore: Ignore) {
        self.entries.push(ignore);
        self.compiled = Arc::default();
    }

    /// The entries of `self`, then those of `other`.
    pub fn chain(&self, other: &IgnoreList) -> IgnoreList {
        IgnoreList {
            entries: [&self.entries[..], &other.entries[..]].concat(),
            compiled: Arc::default(),
        }
    }

    /// Drop the findings that the entries name. The cost is one match of each file against
    /// all patterns, then a few hash lookups per finding, whatever the number of entries.
    pub fn drop_ignored(&self, connector: &Connector, diagnostics: &mut Vec<Diagnostic>) {
        if self.entries.is_empty() {
            return;
        }
        let matcher = self
            .compiled
            .get_or_init(|| FileMatcher::new(&self.entries));
        let by_file: HashMap<FileKind, FileIgnores> = connector
            .files
            .iter()
            .map(|file| {
                let applying = matcher.applying(&file.path).into_iter();
                (
                    file.kind,
                    FileIgnores::new(applying.map(|i| &self.entries[i])),
                )
            })
            .collect();
        diagnostics.retain(|diagnostic| {
            !by_file
                .get(&diagnostic.file)
                .is_some_and(|ignores| ignores.covers(diagnostic))
        });
    }
}

impl std::ops::Deref for IgnoreList {
    type Target = [Ignore];

    fn deref(&self) -> &[Ignore] {
        &self.entries
    }
}

// The compiled patterns are derived from the entries.
impl PartialEq for IgnoreList {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for IgnoreList {}

fn parse_glob(text: &str) -> Result<Glob, globset::Error> {
    globset::GlobBuilder::new(text)
        .literal_separator(true)
        .build()
}

/// The file patterns of a list of entries, grouped by what they are matched against (file
/// names, or paths from one base folder): literal ones in a hash map, the others compiled into
/// few glob sets. A glob set keeps every parsed glob (about 1 KB each), and the patterns
/// "Ignore this finding" writes are literal paths.
#[derive(Debug)]
struct FileMatcher {
    /// Entries without file patterns: they apply to every file.
    everywhere: Vec<usize>,
    groups: Vec<PatternGroup>,
}

#[derive(Debug)]
struct PatternGroup {
    base: Option<PathBuf>,
    /// Entries by the literal text of their patterns.
    literals: HashMap<Box<str>, Vec<usize>>,
    /// Compiled globs, with the entry of each glob.
    sets: Vec<(GlobSet, Vec<usize>)>,
}

impl FileMatcher {
    fn new(entries: &[Ignore]) -> FileMatcher {
        let mut everywhere = Vec::new();
        let mut literals: HashMap<Option<&Path>, HashMap<Box<str>, Vec<usize>>> = HashMap::new();
        let mut globs: HashMap<Option<&Path>, Vec<(Glob, usize)>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            if entry.files.is_empty() {
                everywhere.push(index);
            }
            for file in &entry.files {
                let base = file.base.as_deref();
                if is_literal(&file.glob) {
                    let owners = literals.entry(base).or_default();
                    owners.entry(file.glob.clone()).or_default().push(index);
                } else if let Ok(glob) = parse_glob(&file.glob) {
                    // (Each glob parsed when its pattern was made.)
                    globs.entry(base).or_default().push((glob, index));
                }
            }
        }
        let bases: HashSet<Option<&Path>> = literals.keys().chain(globs.keys()).copied().collect();
        let groups = bases
            .into_iter()
            .map(|base| PatternGroup {
                base: base.map(Path::to_path_buf),
                literals: literals.remove(&base).unwrap_or_default(),
                sets: globs
                    .remove(&base)
                    .map_or_else(Vec::new, |globs| compile(&globs)),
            })
            .collect();
        FileMatcher { everywhere, groups }
    }

    /// The indices of the entries that apply to the file at `path`.
    fn applying(&self, path: &Path) -> Vec<usize> {
        let mut found: Vec<usize> = self.everywhere.clone();
        for group in &self.groups {
            let Some(subject) = subject(group.base.as_deref(), path) else {
                continue;
            };
            if let Some(owners) = subject.to_str().and_then(|s| group.literals.get(s)) {
                found.extend(owners);
            }
            for (set, owners) in &group.sets {
                found.extend(set.matches(&subject).into_iter().map(|i| owners[i]));
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Compile globs into as few sets as possible: all in one, or, when together they are over
/// the compiled size limit (each is under it alone: [`FilePattern::new`] checked), in halves.
fn compile(globs: &[(Glob, usize)]) -> Vec<(GlobSet, Vec<usize>)> {
    let mut builder = GlobSetBuilder::new();
    for (glob, _) in globs {
        builder.add(glob.clone());
    }
    match builder.build() {
        Ok(set) => vec![(set, globs.iter().map(|&(_, owner)| owner).collect())],
        Err(_) if globs.len() > 1 => {
            let (first, second) = globs.split_at(globs.len() / 2);
            let mut sets = compile(first);
            sets.extend(compile(second));
            sets
        }
        Err(_) => Vec::new(),
    }
}

/// The entries that apply to one file, by rule: whether every finding of the rule is ignored,
/// and the pointers under which findings are.
struct FileIgnores<'a> {
    by_rule: HashMap<&'a str, RuleIgnores<'a>>,
}

#[derive(Default)]
struct RuleIgnores<'a> {
    everywhere: bool,
    pointers: HashSet<&'a str>,
}

impl<'a> FileIgnores<'a> {
    fn new(entries: impl Iterator<Item = &'a Ignore>) -> Self {
        let mut by_rule: HashMap<&str, RuleIgnores> = HashMap::new();
        for entry in entries {
            for rule in &entry.rules {
                let ignores = by_rule.entry(rule).or_default();
                ignores.everywhere |= entry.pointers.is_empty();
                ignores
                    .pointers
                    .extend(entry.pointers.iter().map(String::as_str));
            }
        }
        FileIgnores { by_rule }
    }

    fn covers(&self, diagnostic: &Diagnostic) -> bool {
        self.by_rule.get(diagnostic.rule).is_some_and(|ignores| {
            ignores.everywhere
                || pointer_and_parents(&diagnostic.pointer)
                    .any(|pointer| ignores.pointers.contains(pointer))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle: whether `pointer` is `prefix` or a pointer below it.
    fn is_at_or_under(pointer: &str, prefix: &str) -> bool {
        pointer
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    #[test]
    fn a_chain_holds_the_entries_of_both_lists_in_order() {
        let entry = |rule: &str| Ignore {
            rules: vec![rule.to_string()],
            files: Vec::new(),
            pointers: Vec::new(),
        };
        let (mut editor, mut project) = (IgnoreList::default(), IgnoreList::default());
        editor.push(entry("a"));
        project.push(entry("b"));
        project.push(entry("c"));
        let both = editor.chain(&project);
        let rules: Vec<&str> = both.iter().map(|i| i.rules[0].as_str()).collect();
        assert_eq!(rules, ["a", "b", "c"]);
        // Lists are equal by their entries: the analysis cache's key compares them.
        assert_eq!(editor, editor.chain(&IgnoreList::default()));
        assert_ne!(editor, project);
        assert_ne!(editor, both);
    }

    #[test]
    fn parents_of_a_pointer_are_whole_segments() {
        for pointer in ["/paths/~1a/get", "/paths/~1ab", "", "/"] {
            let parents: Vec<&str> = pointer_and_parents(pointer).collect();
            for prefix in ["/paths/~1a/get", "/paths/~1a", "/paths", "", "/pa", "/"] {
                assert_eq!(
                    parents.contains(&prefix),
                    is_at_or_under(pointer, prefix),
                    "{pointer} under {prefix}"
                );
            }
        }
    }

    /// A glob over globset's compiled size limit is a configuration mistake, not a panic.
    #[test]
    fn a_glob_too_large_to_compile_is_an_error() {
        let alternatives: Vec<String> = (0..150_000).map(|i| format!("a{i}")).collect();
        let pattern = format!("{{{}}}", alternatives.join(","));
        let error = FilePattern::new(&pattern, Path::new("project")).unwrap_err();
        assert!(error.contains("too large to compile"), "{error}");
        assert!(error.len() < 400, "the message quotes an excerpt: {error}");
    }

    /// Globs that compile alone but not together are compiled in parts, each owned by its
    /// entry.
    #[test]
    fn globs_too_large_together_are_compiled_in_parts() {
        let glob = |prefix: &str| {
            let alternatives: Vec<String> = (0..80_000).map(|i| format!("{prefix}{i}")).collect();
            parse_glob(&format!("{{{}}}", alternatives.join(","))).unwrap()
        };
        let globs = [(glob("a"), 7), (glob("b"), 9)];
        let sets = compile(&globs);
        let owners: Vec<&[usize]> = sets.iter().map(|(_, owners)| &owners[..]).collect();
        assert_eq!(owners, [[7], [9]]);
        assert!(sets[0].0.is_match("a79999") && sets[1].0.is_match("b0"));
    }

    /// Entries are matched through one index: by file, rule and pointer, as each entry says.
    #[test]
    fn findings_are_dropped_as_the_entries_say() {
        use crate::diagnostic::Severity;
        use crate::model::SourceFile;
        use crate::text::TextRange;

        let base = std::path::absolute("project").unwrap();
        let folder = base.join("c");
        let files = [FileKind::ApiDefinition, FileKind::ApiProperties].map(|kind| {
            SourceFile::from_text(kind, folder.join(kind.default_name()), String::new())
        });
        let connector = Connector::from_files(folder.clone(), files.to_vec(), Vec::new());
        let finding = |file, rule, pointer: &str| Diagnostic {
            rule,
            severity: Severity::Warning,
            file,
            range: TextRange::empty(0),
            pointer: pointer.to_string(),
            message: String::new(),
            related: Vec::new(),
            fixes: Vec::new(),
            prompt: None,
            validator: None,
            policy: None,
        };
        let entry = |rules: &[&str], files: &[&str], pointers: &[&str]| Ignore {
            rules: rules.iter().map(|r| r.to_string()).collect(),
            files: files
                .iter()
                .map(|f| FilePattern::new(f, &base).unwrap())
                .collect(),
            pointers: pointers.iter().map(|p| p.to_string()).collect(),
        };
        let mut list = IgnoreList::default();
        list.push(entry(&["host-invalid"], &[], &[]));
        list.push(entry(
            &["ref-unresolved"],
            &["c/apiDefinition.swagger.json"],
            &["/paths/~1a"],
        ));
        list.push(entry(&["secret-committed"], &["apiProperties.json"], &[]));
        list.push(entry(&["secret-committed"], &["other/**"], &[]));
        let (definition, properties) = (FileKind::ApiDefinition, FileKind::ApiProperties);
        let mut diagnostics = vec![
            finding(definition, "host-invalid", "/host"),
            finding(definition, "ref-unresolved", "/paths/~1a/get"),
            finding(definition, "ref-unresolved", "/paths/~1ab"),
            finding(definition, "secret-committed", ""),
            finding(properties, "secret-committed", "/x"),
            finding(properties, "ref-unresolved", "/paths/~1a"),
        ];
        list.drop_ignored(&connector, &mut diagnostics);
        let kept: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.file, d.rule, d.pointer.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                (definition, "ref-unresolved", "/paths/~1ab"),
                (definition, "secret-committed", ""),
                (properties, "ref-unresolved", "/paths/~1a"),
            ]
        );
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
