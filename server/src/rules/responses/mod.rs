//! Rules about responses and response schemas.

use crate::model::swagger::{Operation, Swagger};
use crate::rules::edits::{indentation_at, line_ending};
use crate::rules::names::json_string;
use crate::syntax::json::{JsonTree, Member, NodeId};

pub mod pageable_next_link_name_unsupported;
pub mod pageable_next_link_not_in_schema;
pub mod response_default_only;
pub mod response_schema_empty;
pub mod response_schema_missing;
pub mod response_success_missing;
pub mod responses_missing;
pub mod schema_array_without_items;

pub(super) static RULES: &[&super::Rule] = &[
    &responses_missing::RULE,
    &response_success_missing::RULE,
    &response_default_only::RULE,
    &response_schema_missing::RULE,
    &response_schema_empty::RULE,
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

/// A JSON value a fix inserts, laid out to match the file.
enum Json {
    Str(String),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn str(text: &str) -> Json {
        Json::Str(text.to_string())
    }

    fn obj<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Obj(
            members
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect(),
        )
    }

    fn compact(&self) -> String {
        match self {
            Json::Str(text) => json_string(text),
            Json::Obj(members) if members.is_empty() => "{}".to_string(),
            Json::Obj(members) => {
                let inner: Vec<String> = members
                    .iter()
                    .map(|(key, value)| format!("{}: {}", json_string(key), value.compact()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
        }
    }

    fn pretty(&self, indent: &str, unit: &str, eol: &str) -> String {
        match self {
            Json::Obj(members) if !members.is_empty() => {
                let inner = format!("{indent}{unit}");
                let lines: Vec<String> = members
                    .iter()
                    .map(|(key, value)| {
                        format!(
                            "{inner}{}: {}",
                            json_string(key),
                            value.pretty(&inner, unit, eol)
                        )
                    })
                    .collect();
                format!("{{{eol}{}{eol}{indent}}}", lines.join(&format!(",{eol}")))
            }
            _ => self.compact(),
        }
    }

    /// The text of this value as a new member of `object` inserted with
    /// [`crate::rules::edits::insert_member`]: one line in a one-line object, else indented
    /// like the file.
    fn for_member_of(&self, text: &str, tree: &JsonTree, object: NodeId) -> String {
        let range = tree.range(object);
        let members = tree.members(object);
        let one_line = !members.is_empty() && !text[range.as_usize()].contains('\n');
        if one_line {
            return self.compact();
        }
        let unit = indent_unit(text);
        let indent = match members.last() {
            Some(last) => indentation_at(text, last.key_range.start).to_string(),
            None => format!("{}{unit}", indentation_at(text, range.start)),
        };
        self.pretty(&indent, unit, line_ending(text))
    }

    /// The text of this value replacing the value of `member`, indented like the member.
    fn for_value_of(&self, text: &str, member: &Member) -> String {
        let indent = indentation_at(text, member.key_range.start);
        self.pretty(indent, indent_unit(text), line_ending(text))
    }
}

/// One level of indentation as the file writes it (guessed from the first indented line).
fn indent_unit(text: &str) -> &str {
    text.lines()
        .map(|line| &line[..line.len() - line.trim_start_matches([' ', '\t']).len()])
        .find(|indent| !indent.is_empty())
        .unwrap_or("  ")
}

/// `{"description": "OK"}`, the smallest valid success response.
fn ok_response() -> Json {
    Json::obj([("description", Json::str("OK"))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    #[test]
    fn lays_out_values_like_the_file() {
        let text =
            "{\r\n\t\"a\": {\r\n\t\t\"b\": 1\r\n\t},\r\n\t\"e\": {},\r\n\t\"o\": {\"x\": 1}\r\n}";
        let parsed = parse(text);
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        let value = Json::obj([("200", ok_response())]);
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
