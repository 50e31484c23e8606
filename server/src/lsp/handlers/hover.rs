//! `textDocument/hover`: the documentation of the rules whose diagnostics cover the cursor.

use std::collections::HashSet;

use tower_lsp_server::ls_types as lsp;

use crate::lsp::convert;
use crate::lsp::server::Backend;
use crate::rules::find_rule;

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.hover_provider = Some(lsp::HoverProviderCapability::Simple(true));
}

pub async fn hover(backend: &Backend, params: lsp::HoverParams) -> Option<lsp::Hover> {
    let position = params.text_document_position_params;
    let (analysis, kind) = backend.analysis_for(&position.text_document.uri).await?;
    let file = analysis.file(kind)?;
    let offset = convert::offset(file, position.position, backend.encoding());
    let mut seen = HashSet::new();
    let mut sections = Vec::new();
    for diagnostic in analysis.diagnostics.iter().filter(|d| d.file == kind) {
        let range = diagnostic.range;
        let inside = range.start <= offset && offset <= range.end.max(range.start + 1);
        if !inside || !seen.insert(diagnostic.rule) {
            continue;
        }
        if let Some(rule) = find_rule(diagnostic.rule) {
            sections.push(format!(
                "### {}\n\n{}",
                rule.id,
                rule.docs_text().trim_end()
            ));
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: None,
    })
}
