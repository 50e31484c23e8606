//! An open document: its text as a rope, its version, and incremental edits addressed in the
//! negotiated position encoding. Out-of-range positions are clamped, as the protocol asks.

use ropey::Rope;

/// How LSP `character` offsets count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
}

/// A protocol position, independent of the LSP types crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Replace the text between two positions (in either order) with `text`.
    pub fn edit(&mut self, start: Pos, end: Pos, text: &str, encoding: Encoding) {
        let a = self.char_index(start, encoding);
        let b = self.char_index(end, encoding);
        let (from, to) = (a.min(b), a.max(b));
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
    fn lone_cr_counts_as_a_line_break() {
        let mut doc = Document::new("a\rb\u{2028}c", 1);
        doc.edit(pos(1, 0), pos(1, 1), "B", Encoding::Utf16);
        assert_eq!(doc.text(), "a\rB\u{2028}c");
    }
}
