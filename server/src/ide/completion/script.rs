//! Completion in script.csx: the operationIds a `Context.OperationId` comparison can name.

use std::collections::HashSet;

use crate::ide::docs::operation_markdown;
use crate::model::swagger::Swagger;
use crate::model::{Connector, FileKind, SourceFile};
use crate::syntax::csx;
use crate::text::TextRange;

use super::{Candidate, CandidateKind};

/// In script.csx: the operationIds, inside a string compared with `Context.OperationId`.
pub(super) fn complete_script(
    connector: &Connector,
    file: &SourceFile,
    offset: u32,
) -> Vec<Candidate> {
    let literals = csx::operation_id_literals(&file.text);
    let Some(literal) = literals
        .iter()
        .find(|l| l.range.start <= offset && offset <= l.range.end)
    else {
        return Vec::new();
    };
    let Some(swagger) = connector
        .file(FileKind::ApiDefinition)
        .and_then(|f| f.tree())
        .and_then(Swagger::new)
    else {
        return Vec::new();
    };
    // Replace the name typed so far, not what an unterminated literal runs into.
    let bytes = file.text.as_bytes();
    let mut end = offset as usize;
    while end < literal.range.end as usize
        && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_')
    {
        end += 1;
    }
    let range = TextRange::new(literal.range.start, end as u32);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for op in &swagger.operations {
        let Some(id) = swagger.operation_id(op) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        out.push(Candidate {
            label: id.to_string(),
            kind: CandidateKind::Operation,
            detail: Some(swagger.describe(op)),
            documentation: Some(operation_markdown(&swagger, op)),
            insert: id.to_string(),
            snippet: false,
            filter: None,
            range,
            additional: Vec::new(),
            sort: format!("{:04}", out.len()),
        });
    }
    out
}
