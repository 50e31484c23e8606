//! `textDocument/hover`: the documentation of the rules whose diagnostics cover the cursor,
//! then what `ide::hover` says of the key, value, `$ref` or operationId reference under it.

use std::collections::HashSet;

use tower_lsp_server::ls_types as lsp;

use crate::ide;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;
use crate::rules::find_rule;

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.hover_provider = Some(lsp::HoverProviderCapability::Simple(true));
}

pub fn hover(document: &DocumentSnapshot, params: lsp::HoverParams) -> Option<lsp::Hover> {
    let (analysis, kind) = (&document.analysis, document.kind);
    let encoding = document.support.encoding;
    let (file, offset) = document.locate(params.text_document_position_params.position)?;
    let mut seen = HashSet::new();
    let mut sections = Vec::new();
    for diagnostic in analysis.diagnostics.iter().filter(|d| d.file == kind) {
        let range = diagnostic.range;
        let inside = range.start <= offset && offset <= range.end.max(range.start + 1);
        if !inside || !seen.insert(diagnostic.rule) {
            continue;
        }
        if let Some(rule) = find_rule(diagnostic.rule) {
            let reference = rule
                .reference
                .map(|url| format!("\n\n[Reference]({url})"))
                .unwrap_or_default();
            // The finding's own validator code, as the validator would report it.
            let code = [
                diagnostic
                    .validator
                    .map(|c| format!(" · Swagger Validator `{c}`")),
                diagnostic
                    .policy
                    .map(|c| format!(" · certification policy `{c}`")),
            ]
            .into_iter()
            .flatten()
            .collect::<String>();
            sections.push(format!(
                "**{}**{code}\n\n{}{reference}",
                rule.id,
                ide::docs::rule_docs_for_hover(rule.docs_text().trim_end())
            ));
        }
    }
    let info = ide::hover::hover(analysis.connector(), kind, offset);
    let hover_range = info.as_ref().map(|i| i.range);
    sections.extend(info.map(|i| i.markdown));
    convert::hover(file, &sections, hover_range, encoding)
}
