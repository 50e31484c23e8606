//! Syntax layer: the recovering JSON parser and the script.csx scanner.

pub mod csx;
pub mod json;
