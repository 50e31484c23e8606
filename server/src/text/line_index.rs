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
    /// Start offsets of the non-ASCII chars, so that columns in chars and UTF-16 units cost a
    /// binary search instead of a scan of the line (minified files are one long line).
    wide_starts: Vec<u32>,
    /// For each entry of `wide_starts`, the extra UTF-8 bytes (beyond one per char) of all
    /// wide chars up to and including it.
    extra_bytes: Vec<u32>,
    /// Likewise, the extra UTF-16 units (one per char outside the BMP).
    extra_utf16: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // In "\r\n" the line starts after the "\n", which the search finds next.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(i as u32 + 1);
        }
        let mut wide_starts = Vec::new();
        let mut extra_bytes = Vec::new();
        let mut extra_utf16 = Vec::new();
        let (mut bytes_total, mut utf16_total) = (0u32, 0u32);
        if !text.is_ascii() {
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                bytes_total += c.len_utf8() as u32 - 1;
                utf16_total += c.len_utf16() as u32 - 1;
                wide_starts.push(at as u32);
                extra_bytes.push(bytes_total);
                extra_utf16.push(utf16_total);
            }
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
            wide_starts,
            extra_bytes,
            extra_utf16,
        }
    }

    /// Extra UTF-8 bytes and UTF-16 units of the wide chars that start before `offset`.
    fn extra_before(&self, offset: u32) -> (u32, u32) {
        let count = self.wide_starts.partition_point(|&start| start < offset);
        match count {
            0 => (0, 0),
            n => (self.extra_bytes[n - 1], self.extra_utf16[n - 1]),
        }
    }

    /// Update the index for an edit that replaced `removed` at byte `start` by `inserted`
    /// (`text` is the whole text after it): the following lines and wide chars move when the
    /// edit adds and removes only ASCII and no line break, else the index is built again.
    pub fn edit(&mut self, text: &str, start: u32, removed: &str, inserted: &str) {
        let breaks = |s: &str| s.contains(['\n', '\r']);
        // After a `\r`, an edit can join it to a `\n` or separate them.
        let after_cr = start > 0 && text.as_bytes().get(start as usize - 1) == Some(&b'\r');
        if breaks(removed)
            || breaks(inserted)
            || after_cr
            || !removed.is_ascii()
            || !inserted.is_ascii()
        {
            *self = LineIndex::new(text);
            return;
        }
        let delta = inserted.len() as i64 - removed.len() as i64;
        let moved = |offset: &mut u32| *offset = (i64::from(*offset) + delta) as u32;
        let first_line = self.line_starts.partition_point(|&line| line <= start);
        self.line_starts[first_line..].iter_mut().for_each(moved);
        // Only ASCII was removed and inserted: the wide chars after the edit just move.
        let first_wide = self.wide_starts.partition_point(|&wide| wide < start);
        self.wide_starts[first_wide..].iter_mut().for_each(moved);
        self.len = text.len() as u32;
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
        let start = self.line_starts[line];
        let mut end = offset as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let end = end as u32;
        let (bytes_at_end, utf16_at_end) = self.extra_before(end);
        let (bytes_at_start, utf16_at_start) = self.extra_before(start);
        let col_utf8 = end - start;
        let col_char = col_utf8 - (bytes_at_end - bytes_at_start);
        LineCol {
            line: line as u32,
            col_utf8,
            col_utf16: col_char + (utf16_at_end - utf16_at_start),
            col_char,
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
    fn columns_agree_with_a_scan_of_the_line() {
        let text = "é😀a\r\nxß😀\u{2028}y\nz";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let at = index.line_col(text, offset as u32);
            let start = index.line_start(at.line) as usize;
            let prefix = &text[start..offset];
            assert_eq!(at.col_char as usize, prefix.chars().count(), "at {offset}");
            assert_eq!(
                at.col_utf16 as usize,
                prefix.encode_utf16().count(),
                "at {offset}"
            );
            assert_eq!(at.col_utf8 as usize, prefix.len());
        }
    }

    /// What `line_col` must give, computed by a plain scan: the offset is clamped to the text
    /// and moved back to the start of the char it falls in; lines end at `\n`, `\r\n` or a
    /// lone `\r`.
    fn scanned(text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let mut line = 0;
        let mut line_start = 0;
        let bytes = before.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line =
                b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
            if ends_line {
                line += 1;
                line_start = i + 1;
            }
        }
        let prefix = &text[line_start..offset];
        LineCol {
            line,
            col_utf8: prefix.len() as u32,
            col_utf16: prefix.encode_utf16().count() as u32,
            col_char: prefix.chars().count() as u32,
        }
    }

    #[test]
    fn every_byte_offset_agrees_with_a_scan() {
        for text in [
            "",
            "a",
            "\r\n",
            "\r\r\n\n",
            "é😀a\r\nxß😀\u{2028}y\nz\r",
            "{\"k\": \"😀\"}\r\n  \"é\": 1\rß",
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line_col(text, offset as u32),
                    scanned(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn edits_match_a_new_index() {
        let text = "a\r\nbé\rd\n\n😀e";
        for start in 0..=text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            for end in start..=text.len().min(start + 4) {
                if !text.is_char_boundary(end) {
                    continue;
                }
                for inserted in ["", "x", "\n", "\r", "é", "😀"] {
                    let mut after = text.to_string();
                    after.replace_range(start..end, inserted);
                    let mut index = LineIndex::new(text);
                    index.edit(&after, start as u32, &text[start..end], inserted);
                    let fresh = LineIndex::new(&after);
                    assert_eq!(
                        (
                            index.line_starts,
                            index.len,
                            index.wide_starts,
                            index.extra_bytes,
                            index.extra_utf16
                        ),
                        (
                            fresh.line_starts,
                            fresh.len,
                            fresh.wide_starts,
                            fresh.extra_bytes,
                            fresh.extra_utf16
                        ),
                        "{start}..{end} -> {inserted:?}"
                    );
                }
            }
        }
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
