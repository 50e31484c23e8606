//! Go to definition, find references, prepare rename and rename, answered by
//! `ide::navigation` on a fresh analysis of the document's connector. Targets in files that
//! are not open use those files' URIs on disk.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types as lsp;

use crate::diagnostic::Location;
use crate::ide::navigation;
use crate::lsp::capabilities::ClientSupport;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;

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

pub fn definition(
    document: &DocumentSnapshot,
    params: lsp::GotoDefinitionParams,
) -> Option<lsp::GotoDefinitionResponse> {
    let (_, offset) = document.locate(params.text_document_position_params.position)?;
    let (analysis, encoding) = (&document.analysis, document.support.encoding);
    let ctx = analysis.index();
    let (hit, targets) = navigation::definition(ctx, document.kind, offset)?;
    let (connector, uris) = (analysis.connector(), &analysis.uris);
    if document.support.definition_links {
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

pub fn references(
    document: &DocumentSnapshot,
    params: lsp::ReferenceParams,
) -> Option<Vec<lsp::Location>> {
    let (_, offset) = document.locate(params.text_document_position.position)?;
    let analysis = &document.analysis;
    let ctx = analysis.index();
    let include_declaration = params.context.include_declaration;
    let found = navigation::references(ctx, document.kind, offset, include_declaration)?;
    let encoding = document.support.encoding;
    Some(
        found
            .iter()
            .filter_map(|l| convert::location(analysis.connector(), &analysis.uris, l, encoding))
            .collect(),
    )
}

/// The range of the name to rename, or an error saying why the cursor's place cannot be
/// renamed. Documents that are not connector files get no answer.
pub fn prepare_rename(
    document: &DocumentSnapshot,
    params: lsp::TextDocumentPositionParams,
) -> Result<Option<lsp::PrepareRenameResponse>> {
    let Some((file, offset)) = document.locate(params.position) else {
        return Ok(None);
    };
    let ctx = document.analysis.index();
    let range =
        navigation::prepare_rename(ctx, document.kind, offset).map_err(Error::invalid_params)?;
    Ok(Some(lsp::PrepareRenameResponse::Range(convert::range(
        file,
        range,
        document.support.encoding,
    ))))
}

/// What to tell the user about a rename of an operation that exists at the base revision
/// (the `baseRef` setting): it breaks the flows that use it, and Microsoft's non-breaking path.
pub fn rename_warning(document: &DocumentSnapshot, params: &lsp::RenameParams) -> Option<String> {
    let base = document.analysis.base.as_ref()?;
    let (_, offset) = document.locate(params.text_document_position.position)?;
    let old = navigation::renamed_operation_id(document.analysis.index(), document.kind, offset)?;
    if old == params.new_name || !base.has_operation(old) {
        return None;
    }
    let old = crate::text::excerpt(old);
    Some(format!(
        "connector-ls: renaming operation '{old}' breaks the flows that use it (it exists at \
         {}). To rename it without breaking them, undo this and use the refactoring \"Keep \
         '{old}' for the flows that use it…\" on its operationId: '{old}' stays, deprecated, \
         and its copy under the new name becomes its next revision.",
        crate::text::excerpt(&base.label)
    ))
}

/// Rename an operationId across the connector's files, or a definition, parameter or response
/// with its `$ref`s; an invalid or taken name is an error with the reason.
pub fn rename(
    document: &DocumentSnapshot,
    params: lsp::RenameParams,
) -> Result<Option<lsp::WorkspaceEdit>> {
    let Some((_, offset)) = document.locate(params.text_document_position.position) else {
        return Ok(None);
    };
    let analysis = &document.analysis;
    let ctx = analysis.index();
    let edits = navigation::rename(ctx, document.kind, offset, &params.new_name)
        .map_err(Error::invalid_params)?;
    Ok(Some(convert::edits_workspace_edit(
        analysis.connector(),
        &analysis.uris,
        &edits,
        document.support.encoding,
    )))
}
