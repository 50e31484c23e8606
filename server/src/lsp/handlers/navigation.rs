//! Go to definition, find references, rename. Not offered yet: `register` advertises nothing.

use tower_lsp_server::ls_types as lsp;

use crate::lsp::server::Backend;

pub fn register(_capabilities: &mut lsp::ServerCapabilities) {}

pub async fn definition(
    _backend: &Backend,
    _params: lsp::GotoDefinitionParams,
) -> Option<lsp::GotoDefinitionResponse> {
    None
}

pub async fn references(
    _backend: &Backend,
    _params: lsp::ReferenceParams,
) -> Option<Vec<lsp::Location>> {
    None
}

pub async fn prepare_rename(
    _backend: &Backend,
    _params: lsp::TextDocumentPositionParams,
) -> Option<lsp::PrepareRenameResponse> {
    None
}

pub async fn rename(_backend: &Backend, _params: lsp::RenameParams) -> Option<lsp::WorkspaceEdit> {
    None
}
