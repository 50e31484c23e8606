//! Rules about paths, path parameters, host, basePath, `$ref`s and settings.json paths.

pub(super) static RULES: &[&super::Rule] = &[];
