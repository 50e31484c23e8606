//! The edit kit that rules' fixes and editor features share: JSON edits laid out like the file
//! around them, the one splitter that turns identifiers into words and titles, renaming an
//! operation with every reference to it, and a schema inferred from a sample.

pub mod json;
pub mod names;
pub mod rename;
pub mod revision;
pub mod schema_sample;
