//! Rules about responses and response schemas.

pub(super) static RULES: &[&super::Rule] = &[];
