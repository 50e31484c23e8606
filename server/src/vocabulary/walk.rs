//! The walk over a Swagger definition that places every node with the grammar of
//! [`child`]: the schema-like objects the rules that check keywords read.

use crate::model::swagger::Swagger;
use crate::syntax::json::{NodeId, NodeKind};
use crate::vocabulary::{Loc, Seg, child, child_of_key};

/// The places of schema-like objects.
pub const SCHEMA_LIKE: [Loc; 4] = [Loc::Parameter, Loc::Items, Loc::Header, Loc::Schema];

/// Every schema-like object of the definition (parameters, `items`, response headers,
/// schemas), with its place, in document order. Examples, defaults and unknown keys are
/// data, not Swagger, and are not entered; `$ref`s are not followed, so every object is seen
/// once. Rules read it through `Context::objects_at`, which walks once per analysis.
pub fn schema_like_objects(swagger: &Swagger) -> Vec<(NodeId, Loc)> {
    let wanted = SCHEMA_LIKE;
    let tree = swagger.tree;
    let mut found = Vec::new();
    let mut stack = vec![(swagger.root, Loc::Root)];
    while let Some((node, loc)) = stack.pop() {
        if tree.is_object(node) && wanted.contains(&loc) {
            found.push((node, loc));
        }
        // Children in reverse so that the stack yields them in document order.
        match tree.kind(node) {
            NodeKind::Object(members) => {
                for member in members.iter().rev() {
                    let place = child_of_key(loc, &member.key);
                    if place != Loc::Unknown {
                        stack.push((member.value, place));
                    }
                }
            }
            NodeKind::Array(items) => {
                for (index, &item) in items.iter().enumerate().rev() {
                    let place = child(loc, &Seg::Index(index));
                    if place != Loc::Unknown {
                        stack.push((item, place));
                    }
                }
            }
            _ => {}
        }
    }
    found
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
        "responses": {"200": {"description": "OK"}}
      }}},
      "definitions": {
        "Node": {"type": "object", "properties": {
          "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
          "example": {"type": "string", "example": {"type": "object"}}}}
      }
    }"##;

    #[test]
    fn places_parameters_and_schemas_but_not_data() {
        let parsed = parse(DOC);
        let swagger = Swagger::new(&parsed.tree).unwrap();
        let found = schema_like_objects(&swagger);
        let pointers: Vec<String> = found
            .iter()
            .map(|&(node, _)| parsed.tree.pointer(node))
            .collect();
        assert!(pointers.contains(&"/paths/~1a/post/parameters/1".to_string()));
        assert!(pointers.contains(&"/definitions/Node/properties/children/items".to_string()));
        assert!(!pointers.iter().any(|p| p.contains("default")));
    }
}
