//! Rules about OAuth settings, redirect URIs and security definitions.

pub(super) static RULES: &[&super::Rule] = &[];
