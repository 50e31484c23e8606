//! Renaming a published operation without breaking the flows that use it, the way Microsoft
//! documents ("Deprecate an operation") and published connectors do it (Aletheia,
//! OutlookTasks, VirusTotal): the operation stays, `"deprecated": true`, revision 1 of its
//! `x-ms-api-annotation` family; a copy under the new operationId becomes the next revision,
//! at its own path (Swagger allows one operation per path and method), `/v2` and the old
//! path; a `routerequesttoendpoint` policy sends the copy's requests to the old path, so the
//! API is called exactly as before. Every policy and `scriptOperations` entry naming the old
//! operation names the copy too.

use crate::diagnostic::{Edit, Fix};
use crate::edit::json::{
    Json, indentation_at, insert_items, insert_member, insert_members, line_ending, replace_value,
};
use crate::edit::names::{json_string, with_revision_suffix};
use crate::model::FileKind;
use crate::model::annotation::{annotation, is_deprecated};
use crate::model::index::ConnectorIndex;
use crate::model::references::{OperationRef, RefKind};
use crate::model::schemas::number;
use crate::model::swagger::{Operation, Swagger};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::{TextRange, excerpt};

/// The policy template that sends a request to another backend path.
const ROUTE_TEMPLATE: &str = "routerequesttoendpoint";
/// How long a summary may be once " (deprecated)" is added.
const MAX_SUMMARY_CHARS: usize = 80;

/// The family and revisions of the kept operation and of its copy.
struct Revisions {
    family: String,
    /// The kept operation's revision; `None` when it has one already, written in the file.
    old: Option<u64>,
    new: u64,
}

/// The revisions `op` and its copy get: the operation's own family and revision when its
/// `x-ms-api-annotation` names both (a whole revision), else a new family named after it.
/// `None` when the annotation names only one of them: which family is meant is unclear.
fn revisions(text: &str, tree: &JsonTree, op: NodeId, id: &str) -> Option<Revisions> {
    let Some(found) = annotation(tree, op) else {
        return Some(Revisions {
            family: id.to_string(),
            old: Some(1),
            new: 2,
        });
    };
    let family = tree.as_str(found.family?)?;
    let revision = number(text, tree, found.revision?)?;
    (revision >= 1.0 && revision.fract() == 0.0 && revision < 1e9).then(|| Revisions {
        family: family.to_string(),
        old: None,
        new: revision as u64 + 1,
    })
}

/// The operationId of `op`'s next revision, suffixed as published connectors do
/// (`GetItemsV2`, `PdfOcr_V1` → `PdfOcr_V2`; see [`with_revision_suffix`]), or the first
/// later revision's that no operation has.
pub fn next_revision_id(index: &ConnectorIndex, op: &Operation) -> Option<String> {
    let swagger = index.swagger()?;
    let file = index.file(FileKind::ApiDefinition)?;
    let id = swagger.operation_id(op)?;
    let revisions = revisions(&file.text, swagger.tree, op.node, id)?;
    (revisions.new..)
        .map(|n| with_revision_suffix(id, n))
        .find(|name| swagger.find_operation(name).is_none())
}

/// The fix that keeps `op` for the flows that use it and adds its next revision under
/// `new_name`. `None` when the operation is deprecated already, when script.csx tests for
/// its name (the copy would not run that code), when there is no apiProperties.json
/// `properties` object to hold the routing policy, or when the operation's annotation is
/// half written.
pub fn keep_and_add_revision(
    index: &ConnectorIndex,
    op: &Operation,
    new_name: &str,
) -> Option<Fix> {
    let swagger = index.swagger()?;
    let definition = index.file(FileKind::ApiDefinition)?;
    let properties_file = index.file(FileKind::ApiProperties)?;
    let properties = index.api_properties()?;
    let properties_object = properties.properties?;
    let (text, tree) = (definition.text.as_str(), swagger.tree);
    let old = swagger.operation_id(op)?;
    let id_node = swagger.operation_id_node(op)?;
    if new_name == old || swagger.find_operation(new_name).is_some() || is_deprecated(tree, op.node)
    {
        return None;
    }
    let references: Vec<_> = index.operation_refs_to(old).collect();
    if references.iter().any(|r| r.kind == RefKind::ScriptLiteral) {
        return None;
    }
    let revisions = revisions(text, tree, op.node, old)?;
    let item = &swagger.paths[op.path];
    let new_path = free_path(swagger, item.template, revisions.new);

    let mut edits = deprecate(text, tree, op.node, revisions.old.map(|r| (&revisions, r)));
    edits.push(add_path_item(
        text, tree, op, id_node, &new_path, new_name, &revisions,
    )?);
    edits.extend(route_and_share_policies(
        &properties_file.text,
        properties.tree,
        properties_object,
        &references,
        item.template,
        new_name,
    ));
    Some(Fix::unsafe_(
        format!(
            "Keep '{}' for the flows that use it (deprecated) and add '{}' as its next \
             revision at '{}'",
            excerpt(old),
            excerpt(new_name),
            excerpt(&new_path)
        ),
        edits,
    ))
}

/// `/v{n}` and the old path, or `/v{n+1}`… when the definition has that path already.
fn free_path(swagger: &Swagger, template: &str, revision: u64) -> String {
    (revision..)
        .map(|n| format!("/v{n}{template}"))
        .find(|path| {
            !swagger
                .paths
                .iter()
                .any(|item| item.template.eq_ignore_ascii_case(path))
        })
        .expect("some version is free")
}

/// Mark the kept operation deprecated ("(deprecated)" after its summary and description, as
/// the page shows) and, when it has no annotation, revision 1 of a family of its name.
fn deprecate(
    text: &str,
    tree: &JsonTree,
    op: NodeId,
    annotate: Option<(&Revisions, u64)>,
) -> Vec<Edit> {
    let kind = FileKind::ApiDefinition;
    let mut edits = Vec::new();
    for (key, limit) in [("summary", MAX_SUMMARY_CHARS), ("description", usize::MAX)] {
        let Some(node) = tree.get(op, key) else {
            continue;
        };
        let Some(value) = tree.as_str(node) else {
            continue;
        };
        // "Gets the items (deprecated).", as the page writes it.
        let bare = value.trim_end();
        let marked = match bare.strip_suffix('.') {
            Some(sentence) => format!("{sentence} (deprecated)."),
            None => format!("{bare} (deprecated)"),
        };
        if !value.to_lowercase().contains("deprecated") && marked.chars().count() <= limit {
            edits.push(replace_value(kind, tree, node, &json_string(&marked)));
        }
    }
    let mut members = Vec::new();
    match tree.get(op, "deprecated") {
        Some(node) => edits.push(replace_value(kind, tree, node, "true")),
        None => members.push(("deprecated".to_string(), Json::raw("true"))),
    }
    if let Some((revisions, revision)) = annotate {
        members.push((
            "x-ms-api-annotation".to_string(),
            annotation_json(&revisions.family, revision),
        ));
    }
    edits.extend(insert_members(kind, text, tree, op, &members));
    edits
}

fn annotation_json(family: &str, revision: u64) -> Json {
    Json::object([
        ("family", Json::str(family)),
        ("revision", Json::raw(revision.to_string())),
    ])
}

/// The new path item after the old one: the path's own parameters and a copy of the
/// operation, renamed and annotated as the next revision of the family.
fn add_path_item(
    text: &str,
    tree: &JsonTree,
    op: &Operation,
    id_node: NodeId,
    new_path: &str,
    new_name: &str,
    revisions: &Revisions,
) -> Option<Edit> {
    let op_range = tree.range(op.node);
    // Edits made to the copy, in the original text's offsets.
    let mut inside = vec![replace_value(
        FileKind::ApiDefinition,
        tree,
        id_node,
        &json_string(new_name),
    )];
    let new_annotation = annotation_json(&revisions.family, revisions.new);
    match annotation(tree, op.node).and_then(|a| a.revision) {
        Some(revision) => inside.push(replace_value(
            FileKind::ApiDefinition,
            tree,
            revision,
            &revisions.new.to_string(),
        )),
        None => inside.push(insert_member(
            FileKind::ApiDefinition,
            text,
            tree,
            op.node,
            "x-ms-api-annotation",
            &new_annotation.for_member_of(text, tree, op.node),
        )),
    }
    if let Some(deprecated) = tree.get(op.node, "deprecated") {
        inside.push(replace_value(
            FileKind::ApiDefinition,
            tree,
            deprecated,
            "false",
        ));
    }
    let copy = apply_within(text, op_range, inside);

    let item_node = tree.parent(op.node)?;
    let item_key = tree.member_of(item_node)?.key_range;
    let method_key = op.method_key_range;
    let eol = line_ending(text);
    let item_indent = indentation_at(text, item_key.start);
    let member_indent = indentation_at(text, method_key.start);
    let mut item = format!(",{eol}{item_indent}{}: {{", json_string(new_path));
    if let Some(parameters) = tree.get(item_node, "parameters") {
        let range = tree.range(parameters);
        item += &format!(
            "{eol}{member_indent}\"parameters\": {},",
            &text[range.as_usize()]
        );
    }
    item += &format!(
        "{eol}{member_indent}{}: {copy}{eol}{item_indent}}}",
        &text[method_key.as_usize()]
    );
    Some(Edit::replace(
        FileKind::ApiDefinition,
        TextRange::empty(tree.range(item_node).end),
        item,
    ))
}

/// `text[range]` with `edits` (inside `range`, not overlapping) applied.
fn apply_within(text: &str, range: TextRange, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.range.start, edit.range.end)));
    let mut copy = text[range.as_usize()].to_string();
    for edit in edits {
        let start = (edit.range.start - range.start) as usize;
        let end = (edit.range.end - range.start) as usize;
        copy.replace_range(start..end, &edit.new_text);
    }
    copy
}

/// In apiProperties.json: the copy joins every policy and `scriptOperations` list naming the
/// old operation; unless one of those policies already routes it, a new
/// `routerequesttoendpoint` instance sends the copy's requests to the old path.
fn route_and_share_policies(
    text: &str,
    tree: &JsonTree,
    properties: NodeId,
    references: &[&OperationRef],
    old_path: &str,
    new_name: &str,
) -> Vec<Edit> {
    let kind = FileKind::ApiProperties;
    let mut edits = Vec::new();
    let mut routed = false;
    let mut lists = Vec::new();
    for reference in references {
        if !matches!(
            reference.kind,
            RefKind::PolicyOperation | RefKind::ScriptOperations
        ) {
            continue;
        }
        let Some(list) = reference.node.and_then(|node| tree.parent(node)) else {
            continue;
        };
        if lists.contains(&list) {
            continue;
        }
        lists.push(list);
        let instance = tree
            .parent(list)
            .and_then(|parameters| tree.parent(parameters));
        routed |= reference.kind == RefKind::PolicyOperation
            && instance
                .and_then(|instance| tree.get_str(instance, "templateId"))
                .is_some_and(|id| id.eq_ignore_ascii_case(ROUTE_TEMPLATE));
        edits.extend(insert_items(kind, text, tree, list, &[Json::str(new_name)]));
    }
    if routed {
        return edits;
    }
    let route = Json::object([
        ("templateId", Json::str(ROUTE_TEMPLATE)),
        ("title", Json::str(format!("Send {new_name} to {old_path}"))),
        (
            "parameters",
            Json::object([
                (
                    "x-ms-apimTemplate-operationName",
                    Json::array([Json::str(new_name)]),
                ),
                ("x-ms-apimTemplateParameter.newPath", Json::str(old_path)),
                (
                    "x-ms-apimTemplateParameter.httpMethod",
                    Json::str("@Request.OriginalHTTPMethod"),
                ),
            ]),
        ),
    ]);
    match tree.get(properties, "policyTemplateInstances") {
        Some(list) if tree.is_array(list) => {
            edits.extend(insert_items(kind, text, tree, list, &[route]));
        }
        Some(_) => {}
        None => edits.extend(insert_members(
            kind,
            text,
            tree,
            properties,
            &[("policyTemplateInstances".to_string(), Json::array([route]))],
        )),
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Connector, SourceFile};

    fn connector(definition: &str, properties: Option<&str>, script: Option<&str>) -> Connector {
        let dir = std::path::PathBuf::from("/c");
        let mut files = vec![SourceFile::from_text(
            FileKind::ApiDefinition,
            dir.join("apiDefinition.swagger.json"),
            definition.to_string(),
        )];
        if let Some(text) = properties {
            files.push(SourceFile::from_text(
                FileKind::ApiProperties,
                dir.join("apiProperties.json"),
                text.to_string(),
            ));
        }
        if let Some(text) = script {
            files.push(SourceFile::from_text(
                FileKind::Script,
                dir.join("script.csx"),
                text.to_string(),
            ));
        }
        Connector::from_files(dir, files, Vec::new())
    }

    fn definition(operation: &str) -> String {
        format!(r#"{{"swagger": "2.0", "paths": {{"/items": {{"get": {operation}}}}}}}"#)
    }

    const PROPERTIES: &str = r#"{"properties": {"policyTemplateInstances": []}}"#;

    /// The fix for the definition's only operation, renamed to its next revision's id, and
    /// that id.
    fn fix(connector: &Connector) -> Option<(String, Fix)> {
        let index = ConnectorIndex::new(connector);
        let op = &index.swagger()?.operations[0];
        let name = next_revision_id(&index, op)?;
        let fix = keep_and_add_revision(&index, op, &name)?;
        Some((name, fix))
    }

    fn applied(connector: &Connector, fix: &Fix, kind: FileKind) -> serde_json::Value {
        let mut text = connector.file(kind).unwrap().text.clone();
        let mut edits: Vec<_> = fix.edits.iter().filter(|e| e.file == kind).collect();
        edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
        for edit in edits {
            text.replace_range(edit.range.as_usize(), &edit.new_text);
        }
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn a_family_member_gets_the_next_revision_and_path() {
        let operation = r#"{"operationId": "GetItems_V3", "x-ms-api-annotation": {"family": "GetItems", "revision": 3}}"#;
        let connector = connector(&definition(operation), Some(PROPERTIES), None);
        let (name, fix) = fix(&connector).unwrap();
        assert_eq!(name, "GetItems_V4");
        let result = applied(&connector, &fix, FileKind::ApiDefinition);
        let kept = &result["paths"]["/items"]["get"];
        assert_eq!(kept["deprecated"], true);
        assert_eq!(kept["x-ms-api-annotation"]["revision"], 3);
        let copy = &result["paths"]["/v4/items"]["get"];
        assert_eq!(copy["operationId"], "GetItems_V4");
        assert_eq!(
            copy["x-ms-api-annotation"],
            serde_json::json!({"family": "GetItems", "revision": 4})
        );
        assert!(copy.get("deprecated").is_none());
    }

    #[test]
    fn a_policy_that_routes_the_operation_already_routes_its_copy() {
        let properties = r#"{"properties": {"policyTemplateInstances": [
            {"templateId": "routerequesttoendpoint", "parameters": {
                "x-ms-apimTemplate-operationName": ["GetItems"],
                "x-ms-apimTemplateParameter.newPath": "/api/items"}}]}}"#;
        let connector = connector(
            &definition(r#"{"operationId": "GetItems"}"#),
            Some(properties),
            None,
        );
        let (name, fix) = fix(&connector).unwrap();
        assert_eq!(name, "GetItemsV2");
        let result = applied(&connector, &fix, FileKind::ApiProperties);
        let policies = result["properties"]["policyTemplateInstances"]
            .as_array()
            .unwrap();
        assert_eq!(policies.len(), 1);
        assert_eq!(
            policies[0]["parameters"]["x-ms-apimTemplate-operationName"],
            serde_json::json!(["GetItems", "GetItemsV2"])
        );
    }

    #[test]
    fn no_fix_where_the_copy_would_not_behave_alike() {
        let plain = definition(r#"{"operationId": "GetItems"}"#);
        assert!(fix(&connector(&plain, Some(PROPERTIES), None)).is_some());
        // The script tests for the name: the copy would skip that code.
        let script = r#"public class Script : ScriptBase { public override async Task<HttpResponseMessage> ExecuteAsync() { if (Context.OperationId == "GetItems") { } return null; } }"#;
        assert!(fix(&connector(&plain, Some(PROPERTIES), Some(script))).is_none());
        // Nowhere to put the routing policy.
        assert!(fix(&connector(&plain, None, None)).is_none());
        // Already deprecated, or an annotation that names a family without a revision.
        let deprecated = definition(r#"{"operationId": "GetItems", "deprecated": true}"#);
        assert!(fix(&connector(&deprecated, Some(PROPERTIES), None)).is_none());
        let half =
            definition(r#"{"operationId": "GetItems", "x-ms-api-annotation": {"family": "F"}}"#);
        assert!(fix(&connector(&half, Some(PROPERTIES), None)).is_none());
    }
}
