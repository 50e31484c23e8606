//! Source text primitives: byte ranges, a line index that turns byte offsets into
//! line/column pairs in the encodings the reporters and the protocol layer need, and bounded
//! excerpts of user text for messages.

mod encoding;
mod excerpt;
mod line_index;

pub use encoding::Encoding;
pub use excerpt::{EXCERPT_CHARS, LISTED_ITEMS, excerpt, excerpt_list};
pub use line_index::{LineCol, LineIndex};

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end, "range start {start} after end {end}");
        TextRange { start, end }
    }

    pub fn empty(at: u32) -> Self {
        TextRange { start: at, end: at }
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The range shrunk by `inner` bytes on both sides (for the inside of a quoted string).
    pub fn shrink(self, inner: u32) -> Self {
        if self.len() >= 2 * inner {
            TextRange::new(self.start + inner, self.end - inner)
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_empty_only_when_it_starts_where_it_ends() {
        assert!(TextRange::empty(4).is_empty());
        assert!(!TextRange::new(4, 5).is_empty());
        assert!(TextRange::new(4, 5).contains(4));
        assert!(!TextRange::new(4, 5).contains(5));
    }

    /// The inside of a quoted string: `""` has an empty inside; a range too short for both
    /// sides stays as it is.
    #[test]
    fn shrinking_takes_the_same_number_of_bytes_from_both_sides() {
        assert_eq!(TextRange::new(10, 12).shrink(1), TextRange::empty(11));
        assert_eq!(TextRange::new(10, 15).shrink(1), TextRange::new(11, 14));
        assert_eq!(TextRange::new(10, 14).shrink(2), TextRange::empty(12));
        assert_eq!(TextRange::new(10, 13).shrink(2), TextRange::new(10, 13));
    }
}
