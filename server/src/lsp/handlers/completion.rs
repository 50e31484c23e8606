//! `textDocument/completion`. Not offered yet: `register` advertises nothing.

use tower_lsp_server::ls_types as lsp;

use crate::lsp::server::Backend;

pub fn register(_capabilities: &mut lsp::ServerCapabilities) {}

pub async fn completion(
    _backend: &Backend,
    _params: lsp::CompletionParams,
) -> Option<lsp::CompletionResponse> {
    None
}
