//! The server's edit path: a random script of LSP edits (positions in UTF-16 or UTF-8, possibly
//! out of range, reversed, or inside a surrogate pair) applied to the example definition
//! through the document store. The text must equal that of a plain reference implementation
//! of the protocol's rules, and analysis of it must return. The edits the document logs,
//! replayed on the parse of the first text (in place, or by re-parsing the edited object or
//! array, where they can), must give exactly the parse of the final text.

#![no_main]

use std::path::PathBuf;

use connector_ls::lsp::document::{Document, Encoding, Pos};
use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};
use libfuzzer_sys::fuzz_target;

const DEFINITION: &str =
    include_str!("../../fixtures/examples/contoso-items/apiDefinition.swagger.json");
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
    let mut document = Document::new(DEFINITION, 1);
    let first = document.revision();
    let mut reference = DEFINITION.to_string();
    let encoding = if data.first().is_some_and(|b| b & 1 == 1) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    for chunk in data.chunks_exact(5).take(64) {
        let start = Pos {
            line: u32::from(chunk[0] % 200),
            character: u32::from(chunk[1]),
        };
        let end = Pos {
            line: start.line + u32::from(chunk[2] % 3),
            character: u32::from(chunk[3]),
        };
        let insert = INSERTS[chunk[4] as usize % INSERTS.len()];
        document.edit(start, end, insert, encoding);
        let a = reference_offset(&reference, start, encoding);
        let b = reference_offset(&reference, end, encoding);
        reference.replace_range(a.min(b)..a.max(b), insert);
    }
    let text = document.text();
    assert_eq!(text, reference);
    let path = PathBuf::from("apiDefinition.swagger.json");
    let mut patched =
        SourceFile::from_text(FileKind::ApiDefinition, path.clone(), DEFINITION.into());
    for edit in document.edits_since(first).expect("every edit is logged") {
        assert!(patched.edit(edit.start, edit.end, &edit.text));
    }
    let full = SourceFile::from_text(FileKind::ApiDefinition, path, text.clone());
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
    let file = SourceFile::from_text(
        FileKind::ApiDefinition,
        PathBuf::from("apiDefinition.swagger.json"),
        text,
    );
    analyze(
        &Connector::from_files(PathBuf::from("."), vec![file], Vec::new()),
        &RuleConfig::default(),
    );
});
