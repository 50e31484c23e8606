//! `textDocument/completion`: keys, values and snippets from `ide::completion`, converted to
//! protocol items (snippets only for clients that accept them).

use tower_lsp_server::ls_types as lsp;

use crate::ide::completion;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;

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

pub fn completion(
    document: &DocumentSnapshot,
    params: lsp::CompletionParams,
) -> Option<lsp::CompletionResponse> {
    let (file, offset) = document.locate(params.text_document_position.position)?;
    let (support, encoding) = (document.support, document.support.encoding);
    let candidates = completion::complete(document.analysis.connector(), document.kind, offset);
    if candidates.is_empty() {
        return None;
    }
    let client = convert::CompletionClient {
        snippets: support.snippets,
        markdown: support.markdown_completion_docs,
        insert_replace: support.insert_replace,
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
