//! Document symbols, workspace symbols and folding ranges. Not offered yet: `register`
//! advertises nothing.

use tower_lsp_server::ls_types as lsp;

use crate::lsp::server::Backend;

pub fn register(_capabilities: &mut lsp::ServerCapabilities) {}

pub async fn document_symbol(
    _backend: &Backend,
    _params: lsp::DocumentSymbolParams,
) -> Option<lsp::DocumentSymbolResponse> {
    None
}

pub async fn workspace_symbol(
    _backend: &Backend,
    _params: lsp::WorkspaceSymbolParams,
) -> Option<lsp::WorkspaceSymbolResponse> {
    None
}

pub async fn folding_range(
    _backend: &Backend,
    _params: lsp::FoldingRangeParams,
) -> Option<Vec<lsp::FoldingRange>> {
    None
}
