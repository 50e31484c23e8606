//! `textDocument/completion`: keys, values and snippets from `ide::completion`, converted to
//! protocol items (snippets only for clients that accept them).

use tower_lsp_server::ls_types as lsp;

use crate::ide::completion;
use crate::lsp::convert;
use crate::lsp::server::Backend;

/// `"` starts a key or a value, `:` a value, `/` and `#` continue a `$ref` pointer, a space
/// follows a colon.
pub const TRIGGER_CHARACTERS: [&str; 5] = ["\"", ":", "/", "#", " "];

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.completion_provider = Some(lsp::CompletionOptions {
        trigger_characters: Some(TRIGGER_CHARACTERS.iter().map(|c| c.to_string()).collect()),
        resolve_provider: Some(false),
        ..Default::default()
    });
}

pub async fn completion(
    backend: &Backend,
    params: lsp::CompletionParams,
) -> Option<lsp::CompletionResponse> {
    let position = params.text_document_position;
    let (analysis, kind) = backend.analysis_for(&position.text_document.uri).await?;
    let file = analysis.file(kind)?;
    let encoding = backend.encoding();
    let offset = convert::offset(file, position.position, encoding);
    let candidates = completion::complete(&analysis.connector, kind, offset);
    if candidates.is_empty() {
        return None;
    }
    let client = convert::CompletionClient {
        snippets: backend.snippet_support(),
        markdown: backend.markdown_completion_docs(),
        insert_replace: backend.insert_replace_support(),
    };
    let items = candidates
        .iter()
        .map(|c| convert::completion_item(file, c, offset, encoding, client))
        .collect();
    Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: false,
        items,
    }))
}
