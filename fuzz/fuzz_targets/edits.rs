//! The server's edit path: a random script of LSP edits (positions in UTF-16 or UTF-8, possibly
//! out of range, reversed, or inside a surrogate pair) applied to a connector file through the
//! document store. The text must equal that of a plain reference implementation of the
//! protocol's rules, and analysis of it must return. The edits the document logs, replayed on
//! the parse of the first text (in place, or by re-parsing the edited object or array, where
//! they can), must give exactly the parse of the final text.
//!
//! The first text is one of the JSON files under `fixtures/`, or, when
//! `CONNECTOR_LS_FUZZ_FILES` names a folder (such as ../shared/corpus), of the JSON files
//! below it too; the first two bytes of the input choose it.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use connector_ls::text::Encoding;
use connector_ls::workspace::document::{Document, Pos};
use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};
use libfuzzer_sys::fuzz_target;

/// The files edits start from, sorted by path so that an input always picks the same one.
static FILES: LazyLock<Vec<(FileKind, String)>> = LazyLock::new(|| {
    let mut roots = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")];
    roots.extend(std::env::var_os("CONNECTOR_LS_FUZZ_FILES").map(PathBuf::from));
    let mut paths = Vec::new();
    for root in roots {
        collect_json_files(&root, &mut paths);
    }
    paths.sort();
    let files: Vec<(FileKind, String)> = paths
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let kind = FileKind::from_file_name(name).unwrap_or(FileKind::ApiDefinition);
            // An LSP document is text: files that are not UTF-8 cannot be one.
            Some((kind, std::fs::read_to_string(path).ok()?))
        })
        .filter(|(_, text)| text.len() <= 256 * 1024)
        .collect();
    eprintln!("edits: {} files to start from", files.len());
    assert!(!files.is_empty(), "no JSON file under fixtures/");
    files
});

fn collect_json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// What an edit inserts: every JSON structural character, an escape, a digit, a space, a
/// non-BMP character and the three line breaks.
const INSERTS: [&str; 15] = [
    "", "{", "}", "[", "]", ",", "\"", ":", "\\", "0", " ", "é😀", "\n", "\r\n", "\r",
];

/// The byte offset of a position, by the protocol's rules, on a plain string.
fn reference_offset(text: &str, pos: Pos, encoding: Encoding) -> usize {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    let line = pos.line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let mut units = 0;
    for (at, c) in text[start..end].char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        } as u32;
        if units + width > pos.character {
            return start + at;
        }
        units += width;
    }
    end
}

fuzz_target!(|data: &[u8]| {
    let [a, b, flags, script @ ..] = data else {
        return;
    };
    let (kind, first_text) = &FILES[usize::from(u16::from_le_bytes([*a, *b])) % FILES.len()];
    let mut document = Document::new(first_text, 1);
    let first = document.revision();
    let mut reference = first_text.clone();
    let encoding = if flags & 1 == 1 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let lines = u32::try_from(document.rope.len_lines()).unwrap_or(u32::MAX);
    for chunk in script.chunks_exact(6).take(64) {
        // Lines up to two past the last, so that edits past the end are tried too.
        let line = u32::from(u16::from_le_bytes([chunk[0], chunk[1]])) % (lines + 2);
        let start = Pos {
            line,
            character: u32::from(chunk[2]),
        };
        let end = Pos {
            line: line + u32::from(chunk[3] % 3),
            character: u32::from(chunk[4]),
        };
        let insert = INSERTS[chunk[5] as usize % INSERTS.len()];
        document.edit(start, end, insert, encoding);
        let a = reference_offset(&reference, start, encoding);
        let b = reference_offset(&reference, end, encoding);
        reference.replace_range(a.min(b)..a.max(b), insert);
    }
    let text = document.text();
    assert_eq!(text, reference);
    let path = PathBuf::from(kind.default_name());
    let mut patched = SourceFile::from_text(*kind, path.clone(), first_text.clone());
    for edit in document.edits_since(first).expect("every edit is logged") {
        assert!(patched.edit(edit.start, edit.end, &edit.text));
    }
    let full = SourceFile::from_text(*kind, path, text);
    assert_eq!(patched.text, full.text);
    assert!(
        patched.json == full.json,
        "the patched parse is the full parse"
    );
    assert_eq!(
        patched
            .line_index
            .line_col(&patched.text, patched.text.len() as u32),
        full.line_index.line_col(&full.text, full.text.len() as u32)
    );
    analyze(
        &Connector::from_files(PathBuf::from("."), vec![full], Vec::new()),
        &RuleConfig::default(),
    );
});
