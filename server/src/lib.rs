//! connector-ls: a language server and CI linter for Power Platform custom connectors.
//!
//! The analysis core (`syntax`, `model`, `rules`, `workspace`) knows nothing of LSP or of
//! output formats; `cli` renders its diagnostics for `connector-ls check`, and `lsp` serves
//! them to editors.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod ide;
pub mod links;
pub mod lsp;
pub mod model;
pub mod paths;
pub mod rules;
pub mod syntax;
pub mod text;
pub mod vocabulary;
pub mod workspace;
