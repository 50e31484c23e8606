//! Document symbols, workspace symbols over the connectors of the open documents, and folding
//! ranges, answered by `ide::symbols`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::ide::symbols;
use crate::lsp::analysis::classify;
use crate::lsp::convert;
use crate::lsp::server::Backend;
use crate::model::SourceFile;
use crate::model::index::ConnectorIndex;

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.document_symbol_provider = Some(lsp::OneOf::Left(true));
    capabilities.workspace_symbol_provider = Some(lsp::OneOf::Left(true));
    capabilities.folding_range_provider = Some(lsp::FoldingRangeProviderCapability::Simple(true));
}

pub async fn document_symbol(
    backend: &Backend,
    params: lsp::DocumentSymbolParams,
) -> Option<lsp::DocumentSymbolResponse> {
    let (analysis, kind) = backend.analysis_for(&params.text_document.uri).await?;
    let file = analysis.file(kind)?;
    let ctx = ConnectorIndex::new(&analysis.connector);
    let encoding = backend.encoding();
    let found = symbols::document_symbols(&ctx, kind)
        .iter()
        .map(|symbol| convert::document_symbol(file, symbol, encoding))
        .collect();
    Some(lsp::DocumentSymbolResponse::Nested(found))
}

/// Operations and definitions of every connector with an open document whose name (or
/// summary) contains the query, ignoring case.
pub async fn workspace_symbol(
    backend: &Backend,
    params: lsp::WorkspaceSymbolParams,
) -> Option<lsp::WorkspaceSymbolResponse> {
    // One analysis per connector folder: any of its open documents will do.
    let mut folders: BTreeMap<PathBuf, Vec<Uri>> = BTreeMap::new();
    for entry in backend.documents().iter() {
        if let Some(dir) =
            convert::document_path(entry.key()).and_then(|p| Some(p.parent()?.to_path_buf()))
        {
            folders.entry(dir).or_default().push(entry.key().clone());
        }
    }
    let encoding = backend.encoding();
    let mut found = Vec::new();
    for mut uris in folders.into_values() {
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for uri in uris {
            let Some((analysis, _)) = backend.analysis_for(&uri).await else {
                continue;
            };
            let ctx = ConnectorIndex::new(&analysis.connector);
            found.extend(
                symbols::workspace_symbols(&ctx, &params.query)
                    .iter()
                    .filter_map(|symbol| {
                        convert::symbol_information(
                            &analysis.connector,
                            &analysis.uris,
                            symbol,
                            encoding,
                        )
                    }),
            );
            break;
        }
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

/// Folding needs only the document itself, so it does not analyse the connector.
pub async fn folding_range(
    backend: &Backend,
    params: lsp::FoldingRangeParams,
) -> Option<Vec<lsp::FoldingRange>> {
    let uri = &params.text_document.uri;
    let text = backend.documents().get(uri)?.text();
    let path = convert::document_path(uri)?;
    let kind = classify(&path, &text)?;
    let file = SourceFile::from_text(kind, path, text);
    Some(
        symbols::folding_ranges(&file)
            .iter()
            .map(convert::folding_range)
            .collect(),
    )
}
