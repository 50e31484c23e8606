//! One module per request family. Each handler converts protocol types at its edges and asks
//! the analysis (or the LSP-agnostic `ide` layer) for the answer.

pub mod code_action;
pub mod command;
pub mod completion;
pub mod hover;
pub mod navigation;
pub mod symbols;
pub mod workspace;
