//! The schemas of a Swagger definition as the platform uses them: the schemas reachable from
//! one through `$ref`, and the size and depth of a schema with its `$ref`s expanded (each
//! shared schema measured once, `$ref` cycles cut), both linear in the size of the document.
//! The walk that finds every schema-like object is `vocabulary::schema_like_objects`.

use std::collections::{HashMap, HashSet};

use crate::model::swagger::Swagger;
use crate::syntax::json::{JsonTree, NodeId, NodeKind};

/// The JSON type of a literal (a default, an enum value, a static argument) as Swagger names
/// types: a number written without fraction or exponent is an integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralType {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl LiteralType {
    /// The type of the value at `node` of a tree parsed from `text`; `None` for `null` and
    /// for what could not be parsed, which say nothing about a type.
    pub fn of(tree: &JsonTree, text: &str, node: NodeId) -> Option<LiteralType> {
        Some(match tree.kind(node) {
            NodeKind::String(_) => LiteralType::String,
            NodeKind::Number if text[tree.range(node).as_usize()].contains(['.', 'e', 'E']) => {
                LiteralType::Number
            }
            NodeKind::Number => LiteralType::Integer,
            NodeKind::Bool(_) => LiteralType::Boolean,
            NodeKind::Array(_) => LiteralType::Array,
            NodeKind::Object(_) => LiteralType::Object,
            NodeKind::Null | NodeKind::Invalid => return None,
        })
    }

    /// Swagger's name of the type: `integer`.
    pub fn name(self) -> &'static str {
        match self {
            LiteralType::String => "string",
            LiteralType::Integer => "integer",
            LiteralType::Number => "number",
            LiteralType::Boolean => "boolean",
            LiteralType::Array => "array",
            LiteralType::Object => "object",
        }
    }

    /// The type for messages: `an integer`.
    pub fn with_article(self) -> &'static str {
        match self {
            LiteralType::String => "a string",
            LiteralType::Integer => "an integer",
            LiteralType::Number => "a number",
            LiteralType::Boolean => "a boolean",
            LiteralType::Array => "an array",
            LiteralType::Object => "an object",
        }
    }

    /// Whether a value of this type is one of the `declared` type: an integer is a number
    /// too; a type Swagger does not have (`file`, a typo) is left to the checks of types.
    pub fn fits(self, declared: &str) -> bool {
        match declared {
            "number" => matches!(self, LiteralType::Integer | LiteralType::Number),
            "string" | "integer" | "boolean" | "array" | "object" => self.name() == declared,
            _ => true,
        }
    }
}

/// The schemas a schema holds directly: its properties, `items`, `additionalProperties`
/// (when a schema) and `allOf` members, each with whether it is one level deeper (an
/// `allOf` member describes the same value).
fn sub_schemas(tree: &JsonTree, schema: NodeId) -> Vec<(NodeId, bool)> {
    let mut subs = Vec::new();
    if let Some(properties) = tree.get(schema, "properties") {
        subs.extend(tree.members(properties).iter().map(|m| (m.value, true)));
    }
    match tree.get(schema, "items") {
        Some(items) if tree.is_array(items) => {
            subs.extend(tree.items(items).iter().map(|&i| (i, true)));
        }
        Some(items) => subs.push((items, true)),
        None => {}
    }
    if let Some(additional) = tree.get(schema, "additionalProperties")
        && tree.is_object(additional)
    {
        subs.push((additional, true));
    }
    if let Some(all_of) = tree.get(schema, "allOf") {
        subs.extend(tree.items(all_of).iter().map(|&i| (i, false)));
    }
    subs.retain(|&(node, _)| tree.is_object(node));
    subs
}

/// Every schema reachable from one of `starts` through nesting and `$ref` (each once, after
/// `$ref`, however many starts reach it).
pub fn reachable(swagger: &Swagger, starts: impl IntoIterator<Item = NodeId>) -> Vec<NodeId> {
    let tree = swagger.tree;
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut stack: Vec<NodeId> = starts.into_iter().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        let node = swagger.deref(node);
        if !tree.is_object(node) || !seen.insert(node) {
            continue;
        }
        order.push(node);
        stack.extend(sub_schemas(tree, node).into_iter().rev().map(|(n, _)| n));
    }
    order
}

/// The size of a schema with its `$ref`s expanded: how many schema objects it holds, itself
/// included, and how many levels deep it nests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub schemas: u64,
    pub depth: u32,
}

/// Measures schemas with their `$ref`s expanded, remembering every schema it has measured, so
/// that measuring all the schemas of a definition costs one pass over it. A `$ref` back to a
/// schema being measured (a recursive schema) counts nothing: the designer stops expanding
/// there too.
pub struct Sizes<'s, 'a> {
    swagger: &'s Swagger<'a>,
    known: HashMap<NodeId, Size>,
}

impl<'s, 'a> Sizes<'s, 'a> {
    pub fn new(swagger: &'s Swagger<'a>) -> Self {
        Sizes {
            swagger,
            known: HashMap::new(),
        }
    }

    /// The size of the schema at `node` (followed through `$ref`).
    pub fn of(&mut self, node: NodeId) -> Size {
        let tree = self.swagger.tree;
        let root = self.swagger.deref(node);
        if !tree.is_object(root) {
            return Size::default();
        }
        // An explicit stack (post-order), so that deep schemas cannot overflow the call
        // stack; a node is on `open` while its sub-schemas are measured.
        let mut open = HashSet::new();
        let mut stack = vec![(root, false)];
        while let Some((node, expanded)) = stack.pop() {
            if self.known.contains_key(&node) {
                continue;
            }
            let subs: Vec<(NodeId, bool)> = sub_schemas(tree, node)
                .into_iter()
                .map(|(sub, deeper)| (self.swagger.deref(sub), deeper))
                .filter(|&(sub, _)| tree.is_object(sub))
                .collect();
            if !expanded {
                open.insert(node);
                stack.push((node, true));
                for &(sub, _) in &subs {
                    if !self.known.contains_key(&sub) && !open.contains(&sub) {
                        stack.push((sub, false));
                    }
                }
                continue;
            }
            open.remove(&node);
            let mut size = Size {
                schemas: 1,
                depth: 1,
            };
            for (sub, deeper) in subs {
                // A sub-schema still open is a cycle back to an ancestor: cut.
                let Some(&sub_size) = self.known.get(&sub) else {
                    continue;
                };
                size.schemas = size.schemas.saturating_add(sub_size.schemas);
                let depth = if deeper {
                    sub_size.depth.saturating_add(1)
                } else {
                    sub_size.depth
                };
                size.depth = size.depth.max(depth);
            }
            self.known.insert(node, size);
        }
        self.known.get(&root).copied().unwrap_or_default()
    }
}

/// The value of a number node, read from the file's text.
pub fn number(text: &str, tree: &JsonTree, node: NodeId) -> Option<f64> {
    if !matches!(tree.kind(node), NodeKind::Number) {
        return None;
    }
    text.get(tree.range(node).as_usize())?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    const DOC: &str = r##"{
      "swagger": "2.0",
      "paths": {"/a": {"post": {
        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Node"}},
                       {"name": "q", "in": "query", "type": "string", "default": {"type": "x"}}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pair"}}}
      }}},
      "definitions": {
        "Node": {"type": "object", "properties": {
          "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
          "name": {"type": "string"}}},
        "Leaf": {"type": "string"},
        "Pair": {"type": "object", "properties": {
          "left": {"$ref": "#/definitions/Leaf"}, "right": {"$ref": "#/definitions/Leaf"}}}
      }
    }"##;

    #[test]
    fn measures_with_refs_expanded_and_cycles_cut() {
        let parsed = parse(DOC);
        let swagger = Swagger::new(&parsed.tree).unwrap();
        let tree = &parsed.tree;
        let mut sizes = Sizes::new(&swagger);
        let pair = tree.resolve_pointer("/definitions/Pair").unwrap();
        // Pair, left → Leaf, right → Leaf: the shared Leaf counts at both places.
        assert_eq!(
            sizes.of(pair),
            Size {
                schemas: 3,
                depth: 2
            }
        );
        let node = tree.resolve_pointer("/definitions/Node").unwrap();
        // Node, children, name; the items' $ref back to Node is cut.
        assert_eq!(
            sizes.of(node),
            Size {
                schemas: 3,
                depth: 2
            }
        );
        assert_eq!(reachable(&swagger, [node, pair]).len(), 5);
    }
}
