//! How columns count: in UTF-8 bytes or in UTF-16 code units, as a client negotiates for the
//! `character` of LSP positions (UTF-16 unless both sides speak UTF-8).

/// The unit of a column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}
