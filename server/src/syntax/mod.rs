//! Syntax layer: the recovering JSON parser, the script.csx scanner, the readme outline and
//! the header of a PNG icon.

pub mod csx;
pub mod json;
pub mod markdown;
pub mod png;
