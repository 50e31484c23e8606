//! The fields of an operation as the designer shows them: its parameters, every property of
//! its body schema (the input), and every property of its response and notification schemas
//! (the output), each with the field that holds it, following `$ref`. Rules that ask whether
//! a field is required or internal all the way up (webhook notification URLs, the sources of
//! dynamic extensions) read this one walk.

use crate::model::swagger::{Operation, Swagger};
use crate::syntax::json::NodeId;

/// Which side of the operation a field is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Input,
    Output,
}

/// One parameter or schema property of an operation.
#[derive(Clone, Debug)]
pub struct Field<'a> {
    /// The object of the field, after following `$ref`.
    pub node: NodeId,
    /// Where the field is written (a `$ref` object, or the field itself).
    pub site: NodeId,
    /// The parameter's `name`, or the property's name in its parent's `properties`; `None`
    /// for a response schema, an array's `items` and the schemas of `allOf`.
    pub name: Option<&'a str>,
    /// Index of the field that holds this one in the list [`fields`] returns.
    pub parent: Option<usize>,
    pub side: Side,
    /// How the field hangs off its parent.
    pub via: Via,
}

/// How a field hangs off the field above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A parameter of the operation (the top of an input chain).
    Parameter,
    /// The schema of a response or of `x-ms-notification-content` (the top of an output
    /// chain).
    Response,
    /// The schema of a body parameter, a member of `properties`, an array's `items`, a part of
    /// `allOf` or `additionalProperties`.
    Schema,
    Property,
    Items,
    AllOf,
    Additional,
}

/// Every field of `op`, parents before children. A schema reached twice (a `$ref` cycle, or
/// the same definition under two properties) is walked once.
pub fn fields<'a>(swagger: &Swagger<'a>, op: &Operation) -> Vec<Field<'a>> {
    let tree = swagger.tree;
    let mut walk = Walk {
        swagger,
        fields: Vec::new(),
        seen: std::collections::HashSet::new(),
    };
    for parameter in swagger.parameters(op) {
        let index = walk.push(Field {
            node: parameter.node,
            site: parameter.site,
            name: parameter.name,
            parent: None,
            side: Side::Input,
            via: Via::Parameter,
        });
        if let Some(schema) = tree.get(parameter.node, "schema") {
            walk.schema(schema, None, Some(index), Side::Input, Via::Schema);
        }
    }
    for response in swagger.responses(op) {
        if let Some(schema) = tree.get(response.node, "schema") {
            walk.schema(schema, None, None, Side::Output, Via::Response);
        }
    }
    let path_item = swagger.path_of(op).node;
    for holder in [op.node, path_item] {
        if let Some(schema) = tree.path(holder, &["x-ms-notification-content", "schema"]) {
            walk.schema(schema, None, None, Side::Output, Via::Response);
        }
    }
    walk.fields
}

struct Walk<'s, 'a> {
    swagger: &'s Swagger<'a>,
    fields: Vec<Field<'a>>,
    seen: std::collections::HashSet<(NodeId, bool)>,
}

impl<'a> Walk<'_, 'a> {
    fn push(&mut self, field: Field<'a>) -> usize {
        self.fields.push(field);
        self.fields.len() - 1
    }

    fn schema(
        &mut self,
        site: NodeId,
        name: Option<&'a str>,
        parent: Option<usize>,
        side: Side,
        via: Via,
    ) {
        let tree = self.swagger.tree;
        let node = self.swagger.deref(site);
        if !tree.is_object(node) || !self.seen.insert((node, side == Side::Input)) {
            return;
        }
        let index = self.push(Field {
            node,
            site,
            name,
            parent,
            side,
            via,
        });
        if let Some(properties) = tree.get(node, "properties") {
            for member in tree.members(properties) {
                self.schema(
                    member.value,
                    Some(&member.key),
                    Some(index),
                    side,
                    Via::Property,
                );
            }
        }
        for (key, via) in [
            ("items", Via::Items),
            ("additionalProperties", Via::Additional),
        ] {
            if let Some(child) = tree.get(node, key) {
                self.schema(child, None, Some(index), side, via);
            }
        }
        if let Some(all_of) = tree.get(node, "allOf") {
            for &item in tree.items(all_of) {
                self.schema(item, None, Some(index), side, Via::AllOf);
            }
        }
    }
}

impl<'a> Field<'a> {
    /// The value of `key` on the field: where it is written first (extensions written next
    /// to a `$ref`), then on the object it points to.
    pub fn get(&self, swagger: &Swagger, key: &str) -> Option<NodeId> {
        swagger
            .tree
            .get(self.site, key)
            .or_else(|| swagger.tree.get(self.node, key))
    }

    /// The `type` the field declares (a body parameter's, through its schema).
    pub fn declared_type(&self, swagger: &Swagger<'a>) -> Option<&'a str> {
        let tree = swagger.tree;
        let node = self.get(swagger, "type").or_else(|| {
            let schema = swagger.deref(tree.get(self.node, "schema")?);
            tree.get(schema, "type")
        })?;
        tree.as_str(node)
    }

    /// Whether the field has `x-ms-visibility: internal`.
    pub fn is_internal(&self, swagger: &Swagger) -> bool {
        self.get(swagger, "x-ms-visibility")
            .and_then(|v| swagger.tree.as_str(v))
            == Some("internal")
    }

    /// Whether the field is required where it stands: a parameter with `required: true`, a
    /// property listed in its parent's `required`; items and `allOf` parts count as
    /// required (their parent decides).
    pub fn is_required(&self, swagger: &Swagger, fields: &[Field]) -> bool {
        let tree = swagger.tree;
        match self.via {
            Via::Parameter => {
                return self.get(swagger, "required").and_then(|v| tree.as_bool(v)) == Some(true);
            }
            Via::Property => {}
            _ => return true,
        }
        let (Some(parent), Some(name)) = (self.parent, self.name) else {
            return true;
        };
        tree.get(fields[parent].node, "required")
            .is_some_and(|list| {
                tree.items(list)
                    .iter()
                    .any(|&i| tree.as_str(i) == Some(name))
            })
    }

    /// The child of this field (at `index` in `fields`) named `name`: a property, looked up
    /// through the parts of `allOf` too.
    pub fn child(fields: &[Field<'a>], index: usize, name: &str) -> Option<usize> {
        fields.iter().enumerate().find_map(|(i, f)| {
            if f.parent != Some(index) {
                return None;
            }
            match f.via {
                Via::Property if f.name == Some(name) => Some(i),
                Via::AllOf | Via::Schema => Field::child(fields, i, name),
                _ => None,
            }
        })
    }

    /// This field and the fields above it, nearest first.
    pub fn chain<'f>(&'f self, fields: &'f [Field<'a>]) -> impl Iterator<Item = &'f Field<'a>> {
        std::iter::successors(Some(self), move |field| field.parent.map(|p| &fields[p]))
    }
}
