//! Helpers shared by the integration tests: load a fixture connector, render diagnostics as
//! stable text for snapshots, and apply fixes.

#![allow(dead_code)]

pub mod lsp;

use std::path::{Path, PathBuf};

use connector_ls::diagnostic::{Diagnostic, Fix};
use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};

/// A temporary copy of `fixtures/examples/<name>`: the guard and the connector folder.
pub fn copy_example(name: &str) -> (tempfile::TempDir, PathBuf) {
    copy_connector(&repo_root().join("fixtures/examples").join(name), name)
}

/// A temporary copy, named `name`, of the files of the connector folder `source`, which
/// `--fix` may write (the copies are new files, whatever the originals' permissions: the
/// corpus's are read-only, and `--fix` leaves read-only files alone).
pub fn copy_connector(source: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join(name);
    std::fs::create_dir(&dir).unwrap();
    for entry in std::fs::read_dir(source).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            std::fs::write(dir.join(entry.file_name()), bytes).unwrap();
        }
    }
    (temp, dir)
}

/// What random edits insert: nothing, a space, a letter, a line break, a quote, an escape, every
/// JSON structural character, a comment opener and a whole member.
pub const EDIT_INSERTS: [&str; 14] = [
    "",
    " ",
    "x",
    "\n",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "/*",
    "\"k\": 1,",
];

/// A seeded xorshift generator: property tests draw the same "random" cases on every run.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed.max(1))
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
}

/// todo-broken's definition without its trailing comma, its one syntax error: while a
/// connector has a syntax error, only its repairs are offered, so tests of the other fixes
/// start from this text.
pub fn without_syntax_error(todo_definition: &str) -> String {
    let repaired = todo_definition.replace(
        "\"name\": { \"type\": \"string\" },\n      }",
        "\"name\": { \"type\": \"string\" }\n      }",
    );
    assert_ne!(repaired, todo_definition, "the trailing comma is there");
    repaired
}

/// The offsets of the bytes of `text` in `wanted` that are JSON punctuation, not string
/// content.
pub fn structural_offsets(text: &str, wanted: &[u8]) -> Vec<usize> {
    let (mut in_string, mut escaped) = (false, false);
    let mut offsets = Vec::new();
    for (at, byte) in text.bytes().enumerate() {
        if !in_string && wanted.contains(&byte) {
            offsets.push(at);
        }
        if byte == b'"' && !escaped {
            in_string = !in_string;
        }
        escaped = in_string && byte == b'\\' && !escaped;
    }
    offsets
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(dir: &Path) -> Connector {
    Connector::load(dir).unwrap_or_else(|e| panic!("cannot load {}: {e}", dir.display()))
}

pub fn check(connector: &Connector) -> Vec<Diagnostic> {
    analyze(connector, &RuleConfig::default())
}

/// [`check`] with the rule `id` on, also when only the certification profile turns it on.
pub fn check_with(connector: &Connector, id: &str) -> Vec<Diagnostic> {
    let rule = connector_ls::rules::find_rule(id).expect("a known rule");
    // A rule that only certification asks for runs in that profile; no severity is set, so
    // that the rule grades its findings as it does for users.
    let config = RuleConfig {
        profile: (!rule.on_by_default).then_some(connector_ls::rules::Profile::Certification),
        ..RuleConfig::default()
    };
    analyze(connector, &config)
}

fn file_name(connector: &Connector, kind: FileKind) -> String {
    connector
        .file(kind)
        .and_then(|f| f.path.file_name())
        .map_or_else(
            || kind.default_name().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
}

fn position(connector: &Connector, kind: FileKind, offset: u32) -> String {
    match connector.file(kind) {
        Some(file) => {
            let at = file.line_index.line_col(&file.text, offset);
            format!("{}:{}", at.line + 1, at.col_char + 1)
        }
        None => "?".to_string(),
    }
}

fn excerpt(connector: &Connector, kind: FileKind, range: connector_ls::text::TextRange) -> String {
    let Some(file) = connector.file(kind) else {
        return String::new();
    };
    let text = file.text.get(range.as_usize()).unwrap_or("");
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 70 {
        format!("{}…", one_line.chars().take(70).collect::<String>())
    } else {
        one_line
    }
}

/// A stable, reviewable text form of diagnostics (rule, place, message, related, fixes).
pub fn render(connector: &Connector, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "{}[{}] {}:{} {}\n  {}\n  > {}\n",
            d.severity.as_str(),
            d.rule,
            file_name(connector, d.file),
            position(connector, d.file, d.range.start),
            if d.pointer.is_empty() {
                "-"
            } else {
                &d.pointer
            },
            d.message,
            excerpt(connector, d.file, d.range),
        ));
        if let Some(code) = d.validator {
            out.push_str(&format!("  validator {code}\n"));
        }
        if let Some(code) = d.policy {
            out.push_str(&format!("  policy {code}\n"));
        }
        for related in &d.related {
            out.push_str(&format!(
                "  related {}:{} {}\n",
                file_name(connector, related.location.file),
                position(
                    connector,
                    related.location.file,
                    related.location.range.start
                ),
                related.message
            ));
        }
        for fix in &d.fixes {
            out.push_str(&format!("  fix ({:?}): {}\n", fix.applicability, fix.title));
            for edit in &fix.edits {
                out.push_str(&format!(
                    "    {}:{} replace {:?} with {:?}\n",
                    file_name(connector, edit.file),
                    position(connector, edit.file, edit.range.start),
                    excerpt(connector, edit.file, edit.range),
                    edit.new_text
                ));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}

/// The connector with one fix applied (edits applied back to front in each file).
pub fn apply_fix(connector: &Connector, fix: &Fix) -> Connector {
    let mut files = Vec::new();
    for file in &connector.files {
        let mut edits: Vec<_> = fix.edits.iter().filter(|e| e.file == file.kind).collect();
        if edits.is_empty() {
            files.push(file.clone());
            continue;
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut text = file.text.clone();
        for edit in edits {
            text.replace_range(edit.range.as_usize(), &edit.new_text);
        }
        files.push(SourceFile::from_text(file.kind, file.path.clone(), text));
    }
    Connector::from_files(connector.dir.clone(), files, connector.listing.clone())
}

pub fn syntax_error_count(connector: &Connector) -> usize {
    connector
        .files
        .iter()
        .filter_map(|f| f.json.as_ref())
        .map(|p| p.errors.len())
        .sum()
}
