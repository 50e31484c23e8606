//! Syntax layer: the recovering JSON parser, the script.csx scanner and the readme outline.

pub mod csx;
pub mod json;
pub mod markdown;
