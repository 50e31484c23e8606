//! Editor features that know nothing of LSP, in the spirit of rust-analyzer's `ide` crate:
//! they answer questions about a parsed connector ("what is at this offset", "where is this
//! defined", "what may be typed here") in byte offsets and plain data; `lsp/handlers`
//! converts the answers to protocol types.

pub mod completion;
pub mod docs;
pub mod hover;
pub mod navigation;
pub mod schema;
pub mod symbols;
