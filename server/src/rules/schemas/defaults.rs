//! Defaults checked against their own schema, all the way down: the walk that
//! default-value-type-mismatch (JSON types, `null`) and default-value-outside-schema (enum
//! values, required properties) report from.

use crate::model::schemas::LiteralType;
use crate::model::swagger::Swagger;
use crate::rules::schemas::objects_with_keyword;
use crate::syntax::json::{JsonTree, NodeId, NodeKind};

/// What is wrong with a default, or with a value inside one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Problem<'t> {
    /// The value is of another JSON type than the schema declares.
    WrongType {
        declared: &'t str,
        found: LiteralType,
    },
    /// `null` where the schema declares a type and does not say `x-nullable`.
    Null { declared: &'t str },
    /// None of the schema's enum values (of the value's own JSON type).
    NotInEnum,
    /// An object default without properties its schema requires (an empty object, which
    /// says nothing, is not one).
    MissingRequired(Vec<&'t str>),
}

/// One problem of `value` (the default, or a value inside it). `holder` is the object whose
/// `default` this is (a parameter or schema), for fixes.
#[derive(Clone, Debug)]
pub(super) struct Finding<'t> {
    pub holder: NodeId,
    pub value: NodeId,
    pub problem: Problem<'t>,
}

impl Finding<'_> {
    /// Whether the finding is about the default as a whole, not a value inside it.
    pub fn is_whole_default(&self, tree: &JsonTree) -> bool {
        tree.get(self.holder, "default") == Some(self.value)
    }
}

/// Every problem of every default of a definition, in document order of the defaults.
pub(super) fn findings<'t>(swagger: &Swagger<'t>, text: &str) -> Vec<Finding<'t>> {
    let tree = swagger.tree;
    let mut found = Vec::new();
    for holder in objects_with_keyword(tree, "default") {
        if let Some(default) = tree.get(holder, "default") {
            let mut walk = Walk {
                swagger,
                text,
                holder,
                found: &mut found,
            };
            walk.value(holder, default);
        }
    }
    found
}

struct Walk<'w, 't> {
    swagger: &'w Swagger<'t>,
    text: &'w str,
    holder: NodeId,
    found: &'w mut Vec<Finding<'t>>,
}

impl<'t> Walk<'_, 't> {
    fn report(&mut self, value: NodeId, problem: Problem<'t>) {
        self.found.push(Finding {
            holder: self.holder,
            value,
            problem,
        });
    }

    /// Check `value` against `schema`; the walk descends with the value, which is finite, so
    /// `$ref` loops in the schemas cannot make it loop.
    fn value(&mut self, schema: NodeId, value: NodeId) {
        let tree = self.swagger.tree;
        let Some(declared) = declared_type(self.swagger, schema) else {
            return self.inside(schema, value);
        };
        if tree.kind(value) == &NodeKind::Null {
            let nullable = tree.get(self.swagger.deref(schema), "x-nullable");
            if nullable.and_then(|n| tree.as_bool(n)) != Some(true) {
                self.report(value, Problem::Null { declared });
            }
            return;
        }
        let Some(found) = LiteralType::of(tree, self.text, value) else {
            return;
        };
        if !found.fits(declared) {
            return self.report(value, Problem::WrongType { declared, found });
        }
        if !in_enum(self.swagger, self.text, schema, value) {
            self.report(value, Problem::NotInEnum);
        }
        self.inside(schema, value);
    }

    /// Check what an object or array value holds: the properties its schema requires, and
    /// each property and item against its own schema.
    fn inside(&mut self, schema: NodeId, value: NodeId) {
        let tree = self.swagger.tree;
        let schema = self.swagger.deref(schema);
        match tree.kind(value) {
            NodeKind::Object(_) => {
                if let Some(required) = tree.get(schema, "required")
                    && !tree.members(value).is_empty()
                {
                    let missing: Vec<&str> = tree
                        .items(required)
                        .iter()
                        .filter_map(|&name| tree.as_str(name))
                        .filter(|name| tree.get(value, name).is_none())
                        .collect();
                    if !missing.is_empty() {
                        self.report(value, Problem::MissingRequired(missing));
                    }
                }
                let Some(properties) = tree.get(schema, "properties") else {
                    return;
                };
                for member in tree.members(value) {
                    if let Some(property) = tree.get(properties, &member.key) {
                        self.value(property, member.value);
                    }
                }
            }
            NodeKind::Array(_) => {
                if let Some(items) = tree.get(schema, "items") {
                    for &item in tree.items(value) {
                        self.value(items, item);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The type a schema declares: its own `type`, or that of the first schema of its `allOf`
/// that declares one (through `$ref`).
fn declared_type<'t>(swagger: &Swagger<'t>, schema: NodeId) -> Option<&'t str> {
    let tree = swagger.tree;
    let schema = swagger.deref(schema);
    tree.get_str(schema, "type").or_else(|| {
        let all_of = tree.get(schema, "allOf")?;
        tree.items(all_of)
            .iter()
            .find_map(|&part| tree.get_str(swagger.deref(part), "type"))
    })
}

/// Whether `value` is one of the schema's enum values. Only enum values of the value's own
/// JSON type count: an enum written in another type than the declared one is
/// schema-enum-value-type-mismatch's finding, not the default's.
fn in_enum(swagger: &Swagger, text: &str, schema: NodeId, value: NodeId) -> bool {
    let tree = swagger.tree;
    let Some(values) = tree.get(swagger.deref(schema), "enum") else {
        return true;
    };
    let kind = std::mem::discriminant(tree.kind(value));
    let literal = &text[tree.range(value).as_usize()];
    let mut comparable = tree
        .items(values)
        .iter()
        .filter(|&&item| std::mem::discriminant(tree.kind(item)) == kind)
        .map(|&item| &text[tree.range(item).as_usize()])
        .peekable();
    comparable.peek().is_none() || comparable.any(|item| same_value(item, literal))
}

/// Whether two JSON literals of one kind are the same value (`1.0` and `1` are).
fn same_value(a: &str, b: &str) -> bool {
    use serde_json::Value;
    match (
        serde_json::from_str::<Value>(a),
        serde_json::from_str::<Value>(b),
    ) {
        (Ok(Value::Number(x)), Ok(Value::Number(y))) => x.as_f64() == y.as_f64(),
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
