//! Rules about responses and response schemas.

use std::collections::HashSet;

use crate::edit::json::Json;
use crate::model::references::RefKind;
use crate::model::swagger::{Operation, Swagger};
use crate::rules::Context;
use crate::syntax::json::{JsonTree, Member, NodeId};
use crate::vocabulary::{NEXT_LINK_NAMES, value_names};

pub mod pageable_next_link_name_unsupported;
pub mod pageable_next_link_not_in_schema;
pub mod response_default_has_schema;
pub mod response_default_only;
pub mod response_example_not_produced;
pub mod response_header_duplicate;
pub mod response_schema_empty;
pub mod response_schema_missing;
pub mod response_schemas_many;
pub mod response_success_missing;
pub mod responses_missing;
pub mod schema_array_without_items;

pub(super) static RULES: &[&super::Rule] = &[
    &responses_missing::RULE,
    &response_success_missing::RULE,
    &response_default_only::RULE,
    &response_default_has_schema::RULE,
    &response_schema_missing::RULE,
    &response_schema_empty::RULE,
    &response_schemas_many::RULE,
    &response_header_duplicate::RULE,
    &response_example_not_produced::RULE,
    &schema_array_without_items::RULE,
    &pageable_next_link_not_in_schema::RULE,
    &pageable_next_link_name_unsupported::RULE,
];

/// One response of an operation as written: its member in `responses` and the response object
/// after following a `$ref` to `#/responses/…`.
struct ResponseEntry<'t> {
    member: &'t Member,
    /// The response object, after `$ref`.
    node: NodeId,
}

impl ResponseEntry<'_> {
    fn code(&self) -> &str {
        &self.member.key
    }

    /// Whether the response is written as a `$ref` to a shared response.
    fn is_shared(&self) -> bool {
        self.node != self.member.value
    }
}

/// The `responses` object of an operation, if it is an object.
fn responses_object(swagger: &Swagger, op: &Operation) -> Option<NodeId> {
    swagger
        .tree
        .get(op.node, "responses")
        .filter(|&node| swagger.tree.is_object(node))
}

/// The responses of an operation (vendor extensions left out), each resolved through `$ref`.
fn response_entries<'t>(swagger: &Swagger<'t>, op: &Operation) -> Vec<ResponseEntry<'t>> {
    let tree: &'t JsonTree = swagger.tree;
    let Some(responses) = responses_object(swagger, op) else {
        return Vec::new();
    };
    tree.members(responses)
        .iter()
        .filter(|m| !m.key.starts_with("x-"))
        .map(|member| ResponseEntry {
            member,
            node: swagger.deref(member.value),
        })
        .collect()
}

/// Success codes that carry no body to describe: 202 Accepted (the work goes on after the
/// call) and 204 No Content.
const NO_CONTENT: [&str; 2] = ["202", "204"];

/// `2xx` status codes.
fn is_success_code(code: &str) -> bool {
    code.len() == 3 && code.starts_with('2') && code.bytes().all(|b| b.is_ascii_digit())
}

/// Webhook operations: the operation or its path item carries `x-ms-notification-content`,
/// so the trigger's output comes from there, not from the registration's response.
fn is_webhook(swagger: &Swagger, op: &Operation) -> bool {
    let tree = swagger.tree;
    tree.get(op.node, "x-ms-notification-content").is_some()
        || tree
            .get(swagger.path_of(op).node, "x-ms-notification-content")
            .is_some()
}

/// Whether makers never see an operation's response body, so that a missing or empty
/// response schema costs them nothing: internal operations, operations whose body is the
/// schema of another (`x-ms-dynamic-schema`, `x-ms-dynamic-properties`), MCP server
/// operations (`x-ms-agentic-protocol`: the tools and their outputs come from the server)
/// and file downloads.
fn output_unseen(ctx: &Context, swagger: &Swagger, op: &Operation) -> bool {
    let tree = swagger.tree;
    let is_schema_source = || {
        swagger.operation_id(op).is_some_and(|id| {
            ctx.operation_refs_to(id).any(|reference| {
                matches!(
                    reference.kind,
                    RefKind::Extension("x-ms-dynamic-schema" | "x-ms-dynamic-properties")
                )
            })
        })
    };
    tree.get_str(op.node, "x-ms-visibility") == Some("internal")
        || tree.get(op.node, "x-ms-agentic-protocol").is_some()
        || is_schema_source()
        || is_file_download(swagger, op)
}

/// Media types of a body that is a file, not a structure to describe.
fn is_file_media_type(media_type: &str) -> bool {
    let media_type = media_type.trim().to_ascii_lowercase();
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    [
        "image/",
        "audio/",
        "video/",
        "application/vnd.openxmlformats-officedocument.",
        "application/vnd.ms-",
    ]
    .iter()
    .any(|prefix| essence.starts_with(prefix))
        || [
            "application/octet-stream",
            "application/pdf",
            "application/zip",
            "application/msword",
            "text/csv",
        ]
        .contains(&essence)
}

/// An operation whose `produces` (its own, else the definition's) lists only file types.
fn is_file_download(swagger: &Swagger, op: &Operation) -> bool {
    swagger.produces(op).is_some_and(|types| {
        !types.is_empty()
            && types
                .iter()
                .all(|media_type| is_file_media_type(media_type))
    })
}

/// The `x-ms-notification-content` of a webhook trigger (its own, else its path item's): the
/// description of what the trigger outputs. `None` for the other operations of a webhook
/// path, such as the one that deletes the subscription.
fn notification_content(swagger: &Swagger, op: &Operation) -> Option<NodeId> {
    let tree = swagger.tree;
    tree.get(op.node, "x-ms-trigger")?;
    tree.get(op.node, "x-ms-notification-content")
        .or_else(|| tree.get(swagger.path_of(op).node, "x-ms-notification-content"))
}

/// "action" or "trigger", for messages.
fn kind_of(swagger: &Swagger, op: &Operation) -> &'static str {
    if swagger.tree.get(op.node, "x-ms-trigger").is_some() {
        "trigger"
    } else {
        "action"
    }
}

/// The `x-ms-pageable.nextLinkName` value node of an operation.
fn next_link_name(swagger: &Swagger, op: &Operation) -> Option<NodeId> {
    let pageable = swagger.tree.get(op.node, "x-ms-pageable")?;
    swagger.tree.get(pageable, "nextLinkName")
}

/// The `nextLinkName` values Power Platform supports, in their only valid spelling.
fn supported_next_link_names() -> impl Iterator<Item = &'static str> + Clone {
    value_names(NEXT_LINK_NAMES)
}

/// The schemas of an operation's success (`2xx`) responses, after `$ref`, with their response.
fn success_schemas<'t>(swagger: &Swagger<'t>, op: &Operation) -> Vec<(ResponseEntry<'t>, NodeId)> {
    let tree = swagger.tree;
    response_entries(swagger, op)
        .into_iter()
        .filter(|e| is_success_code(e.code()))
        .filter_map(|e| {
            let schema = tree.get(e.node, "schema")?;
            Some((e, swagger.deref(schema)))
        })
        .collect()
}

/// What a schema, with its `allOf` members, says about a property at its root.
enum Lookup<'t> {
    /// Declared, under this exact key.
    Declared(&'t str),
    /// The shape comes from a dynamic-schema extension and cannot be checked.
    Dynamic,
    Missing,
}

/// Whether `schema` (after `$ref`) or one of its `allOf` members declares a property at its
/// root whose key `matches`.
fn lookup<'t>(swagger: &Swagger<'t>, schema: NodeId, matches: impl Fn(&str) -> bool) -> Lookup<'t> {
    let tree: &'t JsonTree = swagger.tree;
    let mut visited = HashSet::new();
    let mut stack = vec![schema];
    let mut dynamic = false;
    while let Some(node) = stack.pop() {
        let node = swagger.deref(node);
        if !visited.insert(node) {
            continue;
        }
        if let Some(props) = tree.get(node, "properties")
            && let Some(member) = tree.members(props).iter().find(|m| matches(&m.key))
        {
            return Lookup::Declared(&member.key);
        }
        if tree.get(node, "x-ms-dynamic-schema").is_some()
            || tree.get(node, "x-ms-dynamic-properties").is_some()
        {
            dynamic = true;
        }
        if let Some(all_of) = tree.get(node, "allOf") {
            stack.extend(tree.items(all_of).iter().copied());
        }
    }
    if dynamic {
        Lookup::Dynamic
    } else {
        Lookup::Missing
    }
}

/// The key under which some success schema of `op` declares a property whose key `matches`.
fn declared_in_success_schema<'t>(
    swagger: &Swagger<'t>,
    op: &Operation,
    matches: impl Fn(&str) -> bool + Copy,
) -> Option<&'t str> {
    success_schemas(swagger, op).iter().find_map(|(_, schema)| {
        match lookup(swagger, *schema, matches) {
            Lookup::Declared(key) => Some(key),
            _ => None,
        }
    })
}

/// `{"description": "OK"}`, the smallest valid success response.
fn ok_response() -> Json {
    Json::object([("description", Json::str("OK"))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    #[test]
    fn file_media_types_are_binary_documents_not_structured_text() {
        for file in [
            "application/octet-stream",
            "Application/PDF",
            "image/png",
            "image/*",
            "audio/mpeg",
            "application/zip",
            "text/csv; charset=utf-8",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/msword",
        ] {
            assert!(is_file_media_type(file), "{file}");
        }
        for body in [
            "application/json",
            "text/plain",
            "text/html",
            "application/xml",
            "*/*",
            "application/vnd.sas.collection+json",
        ] {
            assert!(!is_file_media_type(body), "{body}");
        }
    }

    #[test]
    fn lays_out_values_like_the_file() {
        let text =
            "{\r\n\t\"a\": {\r\n\t\t\"b\": 1\r\n\t},\r\n\t\"e\": {},\r\n\t\"o\": {\"x\": 1}\r\n}";
        let parsed = parse(text);
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        let value = Json::object([("200", ok_response())]);
        let a = tree.get(root, "a").unwrap();
        assert_eq!(
            value.for_member_of(text, tree, a),
            "{\r\n\t\t\t\"200\": {\r\n\t\t\t\t\"description\": \"OK\"\r\n\t\t\t}\r\n\t\t}"
        );
        let e = tree.get(root, "e").unwrap();
        assert_eq!(
            value.for_member_of(text, tree, e),
            "{\r\n\t\t\t\"200\": {\r\n\t\t\t\t\"description\": \"OK\"\r\n\t\t\t}\r\n\t\t}"
        );
        let o = tree.get(root, "o").unwrap();
        assert_eq!(
            value.for_member_of(text, tree, o),
            r#"{"200": {"description": "OK"}}"#
        );
    }
}
