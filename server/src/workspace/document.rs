//! An open document, the overlay the workspace puts over the file on disk: its text as a rope,
//! its version, and incremental edits addressed in the negotiated position encoding.
//! Out-of-range positions are clamped, as the protocol asks. Every change gives the document a
//! new revision, unique in the process (clients may reopen a document with a version it had
//! before), and the edits are logged in bytes by revision, so that an analysis can bring the
//! parse of an earlier revision up to date instead of parsing the whole text again.

use std::sync::atomic::{AtomicU64, Ordering};

use ropey::Rope;

use crate::text::Encoding;

#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Changes with every edit and every new text.
    revision: u64,
    /// The edits made since revision `log_since`, oldest first.
    log: Vec<LoggedEdit>,
    log_since: u64,
}

/// A revision no document has had.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One edit of a document: bytes `start..end` of the text before it replaced by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedEdit {
    /// The revision the document had once the edit was made.
    pub revision: u64,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// At most this many edits are kept (analyses normally consume them long before).
const MAX_LOGGED: usize = 1024;

/// The text of a rope in one allocation (`to_string` goes through `Display` and grows the
/// string as it goes, copying a large document several times).
pub fn rope_text(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

/// Whether a rope holds exactly `text` (compared chunk by chunk, without copying).
pub fn rope_eq(rope: &Rope, text: &str) -> bool {
    if rope.len_bytes() != text.len() {
        return false;
    }
    let mut at = 0;
    for chunk in rope.chunks() {
        if text.as_bytes()[at..at + chunk.len()] != *chunk.as_bytes() {
            return false;
        }
        at += chunk.len();
    }
    true
}

/// A protocol position, independent of the LSP types crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

/// One change an editor sends: the text between two positions replaced, or the whole text.
#[derive(Clone, Debug)]
pub struct TextChange {
    pub range: Option<(Pos, Pos)>,
    pub text: String,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        let revision = next_revision();
        Document {
            rope: Rope::from_str(text),
            version,
            revision,
            log: Vec::new(),
            log_since: revision,
        }
    }

    /// The current revision.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The edits that turn revision `since` into the current text, if they are all logged.
    pub fn edits_since(&self, since: u64) -> Option<Vec<LoggedEdit>> {
        if since < self.log_since || since > self.revision {
            return None;
        }
        let first = self.log.partition_point(|e| e.revision <= since);
        Some(self.log[first..].to_vec())
    }

    /// Forget the edits up to revision `revision` (an analysis has seen it).
    pub fn forget_edits_until(&mut self, revision: u64) {
        if revision <= self.log_since || revision > self.revision {
            return;
        }
        let first = self.log.partition_point(|e| e.revision <= revision);
        self.log.drain(..first);
        self.log_since = revision;
    }

    pub fn text(&self) -> String {
        rope_text(&self.rope)
    }

    /// Apply an editor's changes, in order, as version `version`.
    pub fn apply(&mut self, version: i32, changes: Vec<TextChange>, encoding: Encoding) {
        // The new version first: the document logs its edits under it.
        self.version = version;
        for change in changes {
            match change.range {
                Some((start, end)) => self.edit(start, end, &change.text, encoding),
                None => *self = Document::new(&change.text, version),
            }
        }
    }

    /// Replace the text between two positions (in either order) with `text`, as a new
    /// revision.
    pub fn edit(&mut self, start: Pos, end: Pos, text: &str, encoding: Encoding) {
        let a = self.char_index(start, encoding);
        let b = self.char_index(end, encoding);
        let (from, to) = (a.min(b), a.max(b));
        if self.log.len() >= MAX_LOGGED {
            // Keep the newer half.
            let dropped = self.log[MAX_LOGGED / 2].revision;
            self.forget_edits_until(dropped);
        }
        self.revision = next_revision();
        self.log.push(LoggedEdit {
            revision: self.revision,
            start: self.rope.char_to_byte(from) as u32,
            end: self.rope.char_to_byte(to) as u32,
            text: text.to_string(),
        });
        self.rope.remove(from..to);
        self.rope.insert(from, text);
    }

    /// The char index of a position; lines past the end clamp to the end of the document and
    /// characters past the end of a line clamp to the end of that line.
    pub fn char_index(&self, pos: Pos, encoding: Encoding) -> usize {
        let rope = &self.rope;
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return rope.len_chars();
        }
        let line_start = rope.line_to_char(line);
        let line_slice = rope.line(line);
        let mut content_chars = line_slice.len_chars();
        // Exclude the line terminator: "\n", "\r\n" or "\r".
        if content_chars > 0 && line_slice.char(content_chars - 1) == '\n' {
            content_chars -= 1;
        }
        if content_chars > 0 && line_slice.char(content_chars - 1) == '\r' {
            content_chars -= 1;
        }
        let line_end = line_start + content_chars;
        let target = match encoding {
            Encoding::Utf16 => {
                let start_cu = rope.char_to_utf16_cu(line_start);
                let end_cu = rope.char_to_utf16_cu(line_end);
                let cu = (start_cu + pos.character as usize).min(end_cu);
                rope.utf16_cu_to_char(cu)
            }
            Encoding::Utf8 => {
                let start_byte = rope.char_to_byte(line_start);
                let end_byte = rope.char_to_byte(line_end);
                let byte = (start_byte + pos.character as usize).min(end_byte);
                rope.byte_to_char(byte)
            }
        };
        target.clamp(line_start, line_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Pos {
        Pos { line, character }
    }

    #[test]
    fn utf16_edit_after_a_surrogate_pair_and_crlf() {
        let mut doc = Document::new("{\r\n\"a\": \"😀x\"\r\n}", 1);
        // "😀" is two UTF-16 code units: `x` is at character 8 of line 1.
        doc.edit(pos(1, 8), pos(1, 9), "y", Encoding::Utf16);
        assert_eq!(doc.text(), "{\r\n\"a\": \"😀y\"\r\n}");
        doc.edit(pos(1, 11), pos(1, 11), "z", Encoding::Utf8);
        assert_eq!(doc.text(), "{\r\n\"a\": \"😀yz\"\r\n}");
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let mut doc = Document::new("ab\ncd", 1);
        doc.edit(pos(0, 99), pos(0, 99), "!", Encoding::Utf16);
        assert_eq!(doc.text(), "ab!\ncd");
        doc.edit(pos(9, 0), pos(9, 5), "?", Encoding::Utf16);
        assert_eq!(doc.text(), "ab!\ncd?");
        // End before start is treated as the same range.
        doc.edit(pos(0, 2), pos(0, 0), "", Encoding::Utf16);
        assert_eq!(doc.text(), "!\ncd?");
    }

    #[test]
    fn edits_are_logged_in_bytes_by_revision() {
        let mut doc = Document::new("{\"é\": 1}", 1);
        let first = doc.revision();
        doc.edit(pos(0, 7), pos(0, 7), " ", Encoding::Utf16);
        doc.edit(pos(0, 2), pos(0, 3), "e", Encoding::Utf16);
        let second = doc.revision();
        doc.edit(pos(0, 0), pos(0, 0), " ", Encoding::Utf16);
        let third = doc.revision();
        let logged = |e: &LoggedEdit| (e.start, e.end, e.text.clone());
        let since = |doc: &Document, revision| {
            doc.edits_since(revision)
                .map(|edits| edits.iter().map(logged).collect::<Vec<_>>())
        };
        assert_eq!(
            since(&doc, first),
            Some(vec![
                (8, 8, " ".to_string()),
                (2, 4, "e".to_string()),
                (0, 0, " ".to_string())
            ])
        );
        assert_eq!(since(&doc, second), Some(vec![(0, 0, " ".to_string())]));
        assert_eq!(since(&doc, third), Some(vec![]));
        assert_eq!(since(&doc, third + 1_000_000), None);
        // Replaying the log on the first text gives the current one.
        let mut text = "{\"é\": 1}".to_string();
        for e in doc.edits_since(first).unwrap() {
            text.replace_range(e.start as usize..e.end as usize, &e.text);
        }
        assert!(rope_eq(&doc.rope, &text));
        doc.forget_edits_until(second);
        assert_eq!(since(&doc, first), None);
        assert_eq!(since(&doc, second), Some(vec![(0, 0, " ".to_string())]));
        // The same text opened again is a new revision with nothing logged.
        let again = Document::new("{\"é\": 1}", 1);
        assert!(again.revision() > third);
        assert_eq!(again.edits_since(first), None);
    }

    #[test]
    fn the_log_is_bounded() {
        let mut doc = Document::new("", 0);
        let first = doc.revision();
        let mut revisions = Vec::new();
        for _ in 0..3000 {
            doc.edit(pos(0, 0), pos(0, 0), "x", Encoding::Utf16);
            revisions.push(doc.revision());
        }
        assert!(doc.log.len() <= MAX_LOGGED);
        assert_eq!(doc.edits_since(first), None);
        assert_eq!(doc.edits_since(revisions[2989]).map(|e| e.len()), Some(10));
    }

    #[test]
    fn positions_past_the_end_of_a_crlf_line_land_before_its_line_break() {
        let mut doc = Document::new("ab\r\ncd\r\n", 1);
        doc.edit(pos(0, 99), pos(0, 99), "!", Encoding::Utf16);
        assert_eq!(doc.text(), "ab!\r\ncd\r\n");
        doc.edit(pos(1, 2), pos(1, 99), "?", Encoding::Utf8);
        assert_eq!(doc.text(), "ab!\r\ncd?\r\n");
    }

    #[test]
    fn lone_cr_counts_as_a_line_break() {
        let mut doc = Document::new("a\rb\u{2028}c", 1);
        doc.edit(pos(1, 0), pos(1, 1), "B", Encoding::Utf16);
        assert_eq!(doc.text(), "a\rB\u{2028}c");
    }

    #[test]
    fn rope_eq_compares_every_chunk() {
        // Long enough for the rope to hold it in several chunks, and no two chunks alike.
        let text: String = (0..5000).map(|i| format!("{i},")).collect();
        let rope = Rope::from_str(&text);
        assert!(rope.chunks().count() > 1);
        assert!(rope_eq(&rope, &text));
        assert_eq!(rope_text(&rope), text);
        // The same length, one byte different in the last chunk.
        let mut changed = text.clone();
        changed.replace_range(text.len() - 2.., "x,");
        assert!(!rope_eq(&rope, &changed));
        assert!(!rope_eq(&rope, &text[1..]));
    }

    #[test]
    fn forgetting_up_to_the_current_revision_empties_the_log_and_a_later_one_is_ignored() {
        let mut doc = Document::new("ab", 1);
        let first = doc.revision();
        doc.edit(pos(0, 0), pos(0, 0), "x", Encoding::Utf16);
        let current = doc.revision();
        // A revision the document has not reached forgets nothing.
        doc.forget_edits_until(current + 1_000_000);
        assert_eq!(doc.edits_since(first).map(|e| e.len()), Some(1));
        assert_eq!(doc.edits_since(current), Some(vec![]));
        // An analysis of the current revision has seen every edit.
        doc.forget_edits_until(current);
        assert_eq!(doc.edits_since(first), None);
        assert_eq!(doc.edits_since(current), Some(vec![]));
        assert!(doc.log.is_empty());
    }

    #[test]
    fn a_full_log_drops_its_older_half_at_once() {
        let mut doc = Document::new("", 0);
        let mut revisions = Vec::new();
        for _ in 0..=MAX_LOGGED {
            doc.edit(pos(0, 0), pos(0, 0), "x", Encoding::Utf16);
            revisions.push(doc.revision());
        }
        // Dropping one edit per edit would move the whole log at every keystroke.
        let half = MAX_LOGGED / 2;
        assert_eq!(doc.edits_since(revisions[half - 1]), None);
        assert_eq!(
            doc.edits_since(revisions[half]).map(|e| e.len()),
            Some(half)
        );
        assert_eq!(doc.log.len(), half);
    }
}
