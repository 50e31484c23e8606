//! Document symbols, workspace symbols over the connectors of the open documents, and folding
//! ranges, answered by `ide::symbols`.

use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::ide::symbols;
use crate::lsp::analysis::Analysis;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;
use crate::model::SourceFile;
use crate::text::Encoding;
use crate::workspace::connector_file_kind;

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.document_symbol_provider = Some(lsp::OneOf::Left(true));
    capabilities.workspace_symbol_provider = Some(lsp::OneOf::Left(true));
    capabilities.folding_range_provider = Some(lsp::FoldingRangeProviderCapability::Simple(true));
}

pub fn document_symbol(document: &DocumentSnapshot) -> Option<lsp::DocumentSymbolResponse> {
    let file = document.file()?;
    let ctx = document.analysis.index();
    let encoding = document.support.encoding;
    let found = symbols::document_symbols(ctx, document.kind)
        .iter()
        .map(|symbol| convert::document_symbol(file, symbol, encoding))
        .collect();
    Some(lsp::DocumentSymbolResponse::Nested(found))
}

/// Operations and definitions of the connectors analysed (one analysis per connector with an
/// open document) whose name (or summary) contains the query, ignoring case.
pub fn workspace_symbol(
    analyses: &[Analysis],
    encoding: Encoding,
    params: lsp::WorkspaceSymbolParams,
) -> Option<lsp::WorkspaceSymbolResponse> {
    let mut found = Vec::new();
    for analysis in analyses {
        let ctx = analysis.index();
        found.extend(
            symbols::workspace_symbols(ctx, &params.query)
                .iter()
                .filter_map(|symbol| {
                    convert::symbol_information(
                        analysis.connector(),
                        &analysis.uris,
                        symbol,
                        encoding,
                    )
                }),
        );
    }
    // Folders are visited in path order; answer in an order that does not depend on it.
    found.sort_by(|a, b| {
        (&a.name, a.location.uri.as_str(), a.location.range.start).cmp(&(
            &b.name,
            b.location.uri.as_str(),
            b.location.range.start,
        ))
    });
    Some(lsp::WorkspaceSymbolResponse::Flat(found))
}

/// Folding needs only the document's own text, so it does not analyse the connector.
pub fn folding_range(uri: &Uri, text: String) -> Option<Vec<lsp::FoldingRange>> {
    let path = convert::document_path(uri)?;
    let kind = connector_file_kind(&path, || Some(text.clone()))?;
    let file = SourceFile::from_text(kind, path, text);
    Some(
        symbols::folding_ranges(&file)
            .iter()
            .map(convert::folding_range)
            .collect(),
    )
}
