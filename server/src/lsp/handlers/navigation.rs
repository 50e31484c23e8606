//! Go to definition, find references, prepare rename and rename, answered by
//! `ide::navigation` on a fresh analysis of the document's connector. Targets in files that
//! are not open use those files' URIs on disk.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types as lsp;

use crate::diagnostic::Location;
use crate::ide::navigation;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientSupport;
use crate::lsp::convert;
use crate::lsp::server::Backend;
use crate::model::FileKind;
use crate::model::index::ConnectorIndex;

pub fn register(capabilities: &mut lsp::ServerCapabilities, support: &ClientSupport) {
    capabilities.definition_provider = Some(lsp::OneOf::Left(true));
    capabilities.references_provider = Some(lsp::OneOf::Left(true));
    // `RenameOptions` may only be sent to clients that announce `prepareSupport`.
    capabilities.rename_provider = Some(if support.prepare_rename {
        lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })
    } else {
        lsp::OneOf::Left(true)
    });
}

/// The analysis of the document's connector, its kind, and the byte offset of `position`.
async fn locate(
    backend: &Backend,
    position: &lsp::TextDocumentPositionParams,
) -> Option<(Analysis, FileKind, u32)> {
    let (analysis, kind) = backend.analysis_for(&position.text_document.uri).await?;
    let file = analysis.file(kind)?;
    let offset = convert::offset(file, position.position, backend.encoding());
    Some((analysis, kind, offset))
}

pub async fn definition(
    backend: &Backend,
    params: lsp::GotoDefinitionParams,
) -> Option<lsp::GotoDefinitionResponse> {
    let (analysis, kind, offset) = locate(backend, &params.text_document_position_params).await?;
    let encoding = backend.encoding();
    let ctx = ConnectorIndex::new(&analysis.connector);
    let (hit, targets) = navigation::definition(&ctx, kind, offset)?;
    let (connector, uris) = (&analysis.connector, &analysis.uris);
    if backend.definition_link_support() {
        let links: Vec<lsp::LocationLink> = targets
            .iter()
            .filter_map(|t| {
                convert::location_link(connector, uris, hit.file, hit.range, t, encoding)
            })
            .collect();
        (!links.is_empty()).then_some(lsp::GotoDefinitionResponse::Link(links))
    } else {
        let locations: Vec<lsp::Location> = targets
            .iter()
            .filter_map(|t| {
                let at = Location {
                    file: t.file,
                    range: t.selection,
                };
                convert::location(connector, uris, &at, encoding)
            })
            .collect();
        match <[lsp::Location; 1]>::try_from(locations) {
            Ok([one]) => Some(lsp::GotoDefinitionResponse::Scalar(one)),
            Err(many) => (!many.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(many)),
        }
    }
}

pub async fn references(
    backend: &Backend,
    params: lsp::ReferenceParams,
) -> Option<Vec<lsp::Location>> {
    let (analysis, kind, offset) = locate(backend, &params.text_document_position).await?;
    let ctx = ConnectorIndex::new(&analysis.connector);
    let include_declaration = params.context.include_declaration;
    let found = navigation::references(&ctx, kind, offset, include_declaration)?;
    Some(
        found
            .iter()
            .filter_map(|l| {
                convert::location(&analysis.connector, &analysis.uris, l, backend.encoding())
            })
            .collect(),
    )
}

/// The range of the name to rename, or an error saying why the cursor's place cannot be
/// renamed. Documents that are not connector files get no answer.
pub async fn prepare_rename(
    backend: &Backend,
    params: lsp::TextDocumentPositionParams,
) -> Result<Option<lsp::PrepareRenameResponse>> {
    let Some((analysis, kind, offset)) = locate(backend, &params).await else {
        return Ok(None);
    };
    let ctx = ConnectorIndex::new(&analysis.connector);
    let range = navigation::prepare_rename(&ctx, kind, offset).map_err(Error::invalid_params)?;
    let Some(file) = analysis.file(kind) else {
        return Ok(None);
    };
    Ok(Some(lsp::PrepareRenameResponse::Range(convert::range(
        file,
        range,
        backend.encoding(),
    ))))
}

/// Rename an operationId across the connector's files, or a definition, parameter or response
/// with its `$ref`s; an invalid or taken name is an error with the reason.
pub async fn rename(
    backend: &Backend,
    params: lsp::RenameParams,
) -> Result<Option<lsp::WorkspaceEdit>> {
    let Some((analysis, kind, offset)) = locate(backend, &params.text_document_position).await
    else {
        return Ok(None);
    };
    let ctx = ConnectorIndex::new(&analysis.connector);
    let edits =
        navigation::rename(&ctx, kind, offset, &params.new_name).map_err(Error::invalid_params)?;
    Ok(Some(convert::edits_workspace_edit(
        &analysis.connector,
        &analysis.uris,
        &edits,
        backend.encoding(),
    )))
}
