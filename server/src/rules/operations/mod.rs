//! Rules about operationIds and every reference to an operation by its id.

pub(super) static RULES: &[&super::Rule] = &[];
