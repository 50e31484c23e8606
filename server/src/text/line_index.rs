//! Byte offset → line/column conversion. Lines end at `\n`, `\r\n` or a lone `\r`, exactly
//! as LSP counts them; columns are available in UTF-8 bytes, UTF-16 code units and chars.

/// A zero-based position; `col_*` count from the start of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col_utf8: u32,
    pub col_utf16: u32,
    pub col_char: u32,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first entry is always 0.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: u32) -> u32 {
        self.line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.len)
    }

    /// Byte range of `line` without its line terminator.
    pub fn line_range(&self, text: &str, line: u32) -> std::ops::Range<usize> {
        let start = self.line_start(line) as usize;
        let next = self
            .line_starts
            .get(line as usize + 1)
            .map_or(text.len(), |&n| n as usize);
        let bytes = text.as_bytes();
        let mut end = next;
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The line/column of `offset`; an offset inside a multi-byte char counts as that char.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &text[start..end];
        LineCol {
            line: line as u32,
            col_utf8: (end - start) as u32,
            col_utf16: prefix.chars().map(char::len_utf16).sum::<usize>() as u32,
            col_char: prefix.chars().count() as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lf_crlf_and_lone_cr_but_not_unicode_separators() {
        let text = "a\u{2028}b\r\nc\rd\ne";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(text, text.find('c').unwrap() as u32).line, 1);
        assert_eq!(index.line_col(text, text.find('d').unwrap() as u32).line, 2);
        assert_eq!(index.line_range(text, 0), 0..5);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "{\"k\": \"😀x\"}";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        let pos = index.line_col(text, x);
        assert_eq!(pos.col_utf16, 9);
        assert_eq!(pos.col_char, 8);
        assert_eq!(pos.col_utf8, 11);
    }
}
