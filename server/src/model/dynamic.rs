//! The calls the dynamic extensions make (`x-ms-dynamic-values`, `-schema`, `-list`,
//! `-properties`, and the `open` and `browse` calls of `-tree`): which field of which
//! operation makes them, the operation they call, and each argument, a reference to a field
//! of the calling operation or a static value. The rules about the wiring of these calls
//! (parameters that exist, required ones supplied, response paths that exist) read them.

use crate::model::fields::{Field, Side, Via};
use crate::model::swagger::{Operation, Swagger};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;

/// The kind of dynamic call, by the extension that makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Values,
    Schema,
    List,
    Properties,
    /// The `open` or `browse` call of `x-ms-dynamic-tree`.
    Tree,
}

impl CallKind {
    /// The extensions written as one object with `operationId` and `parameters`.
    pub const DIRECT: [CallKind; 4] = [
        CallKind::Values,
        CallKind::Schema,
        CallKind::List,
        CallKind::Properties,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            CallKind::Values => "x-ms-dynamic-values",
            CallKind::Schema => "x-ms-dynamic-schema",
            CallKind::List => "x-ms-dynamic-list",
            CallKind::Properties => "x-ms-dynamic-properties",
            CallKind::Tree => "x-ms-dynamic-tree",
        }
    }

    /// Whether arguments are `{"value": …}` / `{"parameterReference": …}` objects keyed by a
    /// path (`body/name`), as in the newer extensions; else they are literals or
    /// `{"parameter": …}` keyed by a parameter name.
    pub fn by_path(self) -> bool {
        matches!(self, CallKind::List | CallKind::Properties | CallKind::Tree)
    }

    /// The key that holds a reference in an argument object.
    pub fn reference_key(self) -> &'static str {
        if self.by_path() {
            "parameterReference"
        } else {
            "parameter"
        }
    }
}

/// One dynamic call made by a field of an operation.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    pub kind: CallKind,
    /// The object that holds `operationId` and `parameters` (for the tree, `open` or
    /// `browse`).
    pub node: NodeId,
    /// The field that makes the call, an index into the calling operation's fields.
    pub field: usize,
    /// The `operationId` called, and its value node.
    pub operation_id: Option<(&'a str, NodeId)>,
    pub args: Vec<Arg<'a>>,
}

/// One member of a call's `parameters`.
#[derive(Clone, Debug)]
pub struct Arg<'a> {
    /// The parameter of the called operation (or, for the newer extensions, the path into its
    /// body: `body/name`).
    pub target: &'a str,
    pub key_range: TextRange,
    /// The member's value.
    pub node: NodeId,
    pub value: ArgValue<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgValue<'a> {
    /// `{"parameter": name}` or `{"parameterReference": name}`: a field of the calling
    /// operation; `node` is the name's string.
    Reference { name: &'a str, node: NodeId },
    /// A literal (or `{"value": literal}`); `node` is the literal.
    Static(NodeId),
    /// An argument object without either form.
    Unknown,
}

/// The dynamic calls made by the fields of one operation (`fields` from
/// [`crate::model::fields::fields`]).
pub fn calls<'a>(swagger: &Swagger<'a>, fields: &[Field<'a>]) -> Vec<Call<'a>> {
    let tree = swagger.tree;
    let mut calls = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        // Outputs take only a dynamic schema; dropdowns and pickers are inputs (a definition
        // shared by a request and a response is walked on both sides).
        let output = field.side == Side::Output;
        for kind in CallKind::DIRECT {
            if output && !matches!(kind, CallKind::Schema | CallKind::Properties) {
                continue;
            }
            if let Some(node) = field.get(swagger, kind.extension())
                && tree.is_object(node)
            {
                calls.push(call(tree, kind, node, index));
            }
        }
        if let Some(dynamic_tree) = field
            .get(swagger, CallKind::Tree.extension())
            .filter(|_| !output)
        {
            for part in ["open", "browse"] {
                if let Some(node) = tree.get(dynamic_tree, part).filter(|&n| tree.is_object(n)) {
                    calls.push(call(tree, CallKind::Tree, node, index));
                }
            }
        }
    }
    calls
}

fn call<'a>(tree: &'a JsonTree, kind: CallKind, node: NodeId, field: usize) -> Call<'a> {
    let operation_id = tree
        .get(node, "operationId")
        .and_then(|id| Some((tree.as_str(id)?, id)));
    let args = tree
        .get(node, "parameters")
        .map(|parameters| {
            tree.members(parameters)
                .iter()
                .map(|member| Arg {
                    target: &member.key,
                    key_range: member.key_range,
                    node: member.value,
                    value: arg_value(tree, kind, member.value),
                })
                .collect()
        })
        .unwrap_or_default();
    Call {
        kind,
        node,
        field,
        operation_id,
        args,
    }
}

fn arg_value(tree: &JsonTree, kind: CallKind, node: NodeId) -> ArgValue<'_> {
    if !tree.is_object(node) {
        return if kind.by_path() {
            ArgValue::Unknown
        } else {
            ArgValue::Static(node)
        };
    }
    if let Some(name) = tree.get(node, kind.reference_key())
        && let Some(text) = tree.as_str(name)
    {
        return ArgValue::Reference {
            name: text,
            node: name,
        };
    }
    match tree.get(node, "value") {
        Some(value) if kind.by_path() => ArgValue::Static(value),
        _ => ArgValue::Unknown,
    }
}

/// The segments of a reference or argument path: `body/a/b` for the newer extensions;
/// `a.b` or `a/b` for `x-ms-dynamic-values` and `-schema`.
pub fn segments(kind: CallKind, path: &str) -> Vec<&str> {
    if kind.by_path() {
        path.split('/').collect()
    } else {
        path.split(['/', '.']).collect()
    }
}

/// The field of an operation that a path names: a parameter by its name, then properties of
/// its body schema.
pub fn find_field(fields: &[Field], segments: &[&str]) -> Option<usize> {
    let (first, rest) = segments.split_first()?;
    let parameter = fields
        .iter()
        .position(|f| f.via == Via::Parameter && f.name == Some(*first))?;
    rest.iter()
        .try_fold(parameter, |index, name| Field::child(fields, index, name))
}

/// The field a path names inside the body of an operation (the path does not name the body
/// parameter itself).
pub fn find_body_property(fields: &[Field], segments: &[&str]) -> Option<usize> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.via == Via::Parameter && f.side == Side::Input)
        .find_map(|(index, _)| {
            segments
                .iter()
                .try_fold(index, |at, name| Field::child(fields, at, name))
                .filter(|&found| found != index)
        })
}

/// What a path finds in a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The schema at the end of the path.
    Found(NodeId),
    /// The schema (`at`) has a closed list of properties, and `segment` (an index into the
    /// path's segments) is not one of them.
    Missing { at: NodeId, segment: usize },
    /// A schema on the way says nothing definite (no `properties`, open to any property, or
    /// fetched at run time).
    Unknown,
}

/// Follow `segments` (property names) from `schema`, through `$ref` and `allOf`.
pub fn lookup(swagger: &Swagger, schema: NodeId, segments: &[&str]) -> Lookup {
    let mut current = swagger.deref(schema);
    for (index, name) in segments.iter().enumerate() {
        match property(swagger, current, name, 0) {
            Some(Some(next)) => current = next,
            Some(None) => {
                return Lookup::Missing {
                    at: current,
                    segment: index,
                };
            }
            None => return Lookup::Unknown,
        }
    }
    Lookup::Found(current)
}

/// `Some(Some(property))`, `Some(None)` when `schema` definitely has no such property, `None`
/// when it cannot be told.
fn property(swagger: &Swagger, schema: NodeId, name: &str, depth: usize) -> Option<Option<NodeId>> {
    let tree = swagger.tree;
    if depth > crate::model::swagger::MAX_REF_HOPS {
        return None;
    }
    let open = [
        "additionalProperties",
        "x-ms-dynamic-schema",
        "x-ms-dynamic-properties",
    ]
    .iter()
    .any(|key| {
        tree.get(schema, key)
            .is_some_and(|v| tree.as_bool(v) != Some(false))
    });
    if let Some(found) = tree.path(schema, &["properties", name]) {
        return Some(Some(swagger.deref(found)));
    }
    let mut definite = tree.get(schema, "properties").is_some();
    if let Some(all_of) = tree.get(schema, "allOf") {
        for &part in tree.items(all_of) {
            match property(swagger, swagger.deref(part), name, depth + 1) {
                Some(Some(found)) => return Some(Some(found)),
                Some(None) => definite = true,
                None => return None,
            }
        }
    }
    (definite && !open).then_some(None)
}

/// The schemas of the successful (2xx) responses of an operation, or of its `default`
/// response when it has no successful one with a schema.
pub fn success_schemas(swagger: &Swagger, op: &Operation) -> Vec<NodeId> {
    let responses = swagger.responses(op);
    let schemas = |success: bool| -> Vec<NodeId> {
        responses
            .iter()
            .filter(|r| r.code.starts_with('2') == success && (success || r.code == "default"))
            .filter_map(|r| swagger.response_schema(r))
            .collect()
    };
    let success = schemas(true);
    if success.is_empty() {
        schemas(false)
    } else {
        success
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::fields;
    use crate::syntax::json::parse;

    const DOC: &str = r##"{
      "swagger": "2.0",
      "paths": {
        "/items": {
          "post": {
            "operationId": "CreateItem",
            "parameters": [
              {"name": "team", "in": "query", "type": "string"},
              {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}
            ],
            "responses": {"200": {"description": "OK", "schema": {"allOf": [
              {"$ref": "#/definitions/Item"},
              {"type": "object", "properties": {"extra": {"type": "object"}}}
            ]}}}
          }
        }
      },
      "definitions": {
        "Item": {"type": "object", "properties": {
          "owner": {"type": "object", "properties": {"name": {"type": "string",
            "x-ms-dynamic-values": {"operationId": "CreateItem", "parameters": {
              "team": {"parameter": "team"}, "top": 5
            }}}}},
          "bag": {"type": "object", "additionalProperties": true}
        }}
      }
    }"##;

    #[test]
    fn finds_calls_fields_and_response_paths() {
        let parsed = parse(DOC);
        let swagger = Swagger::new(&parsed.tree).unwrap();
        let op = &swagger.operations[0];
        let fields = fields(&swagger, op);
        // Parameters and body properties by path, through `$ref`.
        assert!(find_field(&fields, &["body", "owner", "name"]).is_some());
        assert!(find_field(&fields, &["body", "nobody"]).is_none());
        assert!(find_body_property(&fields, &["owner", "name"]).is_some());
        assert!(find_body_property(&fields, &["team"]).is_none());
        // The call, its reference and its static value.
        let calls = calls(&swagger, &fields);
        assert_eq!(calls.len(), 1);
        let kinds: Vec<_> = calls[0]
            .args
            .iter()
            .map(|a| (a.target, matches!(a.value, ArgValue::Reference { .. })))
            .collect();
        assert_eq!(kinds, [("team", true), ("top", false)]);
        assert_eq!(
            segments(CallKind::Values, "body.owner/name"),
            ["body", "owner", "name"]
        );
        assert_eq!(segments(CallKind::List, "body/a.b"), ["body", "a.b"]);
        // Response paths: through `allOf`, missing in a closed schema, unknown in an open one.
        let schema = success_schemas(&swagger, op)[0];
        assert!(matches!(
            lookup(&swagger, schema, &["owner", "name"]),
            Lookup::Found(_)
        ));
        assert!(matches!(
            lookup(&swagger, schema, &["extra"]),
            Lookup::Found(_)
        ));
        assert!(matches!(
            lookup(&swagger, schema, &["owner", "title"]),
            Lookup::Missing { segment: 1, .. }
        ));
        assert_eq!(
            lookup(&swagger, schema, &["bag", "anything"]),
            Lookup::Unknown
        );
        assert_eq!(
            lookup(&swagger, schema, &["extra", "anything"]),
            Lookup::Unknown
        );
    }
}
