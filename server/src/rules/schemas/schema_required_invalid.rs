use std::collections::HashSet;

use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::{Swagger, has_type};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, lower_first, schema_objects};
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a schema's `required` list that is empty (`RequiredPropertyArrayEmpty`) and a `discriminator` that does not name a required string property of its schema
    /// (`DiscriminatorMustBeARequiredStringProperty`; the property is looked up through
    /// `$ref` and `allOf`). Each finding carries its own validator code. A `required` name
    /// with no property is `RequiredPropertyDefinitionMissing`, another rule's; a `required`
    /// on a schema that is not an object is `schema-required-not-on-object`.
    ///
    /// ## Why
    /// Microsoft's validator rejects each of these. An empty `required` says nothing, and a discriminator must be a string every
    /// instance carries, or the value cannot say which subtype it is.
    ///
    /// ## Example
    /// ```json
    /// "Pet": { "type": "object", "discriminator": "kind", "required": [],
    ///   "properties": { "kind": { "type": "integer" } } }
    /// ```
    ///
    /// ## Fix
    /// Remove an empty `required`. A discriminator needs a person: add the property to
    /// `required`, make it a string, or name another one.
    ///
    /// ## Fix safety
    /// Safe: an empty list requires nothing, so the values accepted are the same.
    RULE {
        id: "schema-required-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A schema's 'required' is empty or its 'discriminator' is not a required string",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "RequiredPropertyArrayEmpty",
            "DiscriminatorMustBeARequiredStringProperty",
        ],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    for (node, loc) in schema_objects(ctx) {
        let what = describe(tree, node, loc);
        let required_index = tree
            .members(node)
            .iter()
            .position(|m| &*m.key == "required" && tree.is_array(m.value));
        if let Some(index) = required_index {
            let list = tree.members(node)[index].value;
            let remove = || {
                Fix::safe(
                    "Remove 'required'",
                    vec![remove_member(kind, tree, node, index)],
                )
            };
            if tree.items(list).is_empty() {
                sink.at_key(
                    kind,
                    tree,
                    list,
                    format!(
                        "{what} has an empty 'required' list; remove it if no property is required"
                    ),
                )
                .with_validator("RequiredPropertyArrayEmpty")
                .with_fix(remove());
            }
        }
        let Some(discriminator) = tree.get(node, "discriminator") else {
            continue;
        };
        let Some(name) = tree.as_str(discriminator) else {
            continue;
        };
        let required = required_names(swagger, node);
        let property = find_property(swagger, node, name);
        let problem = match property {
            None => Some("names no property of the schema"),
            Some(property) if !has_type(tree, property, "string") => {
                Some("names a property that is not a string")
            }
            Some(_) if !required.contains(&name) => Some("names a property that is not required"),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            sink.at_value(
                kind,
                tree,
                discriminator,
                format!(
                    "The discriminator '{}' of {} {problem}; it must be a required string property",
                    excerpt(name),
                    lower_first(&what)
                ),
            )
            .with_validator("DiscriminatorMustBeARequiredStringProperty");
        }
    }
}

/// The schemas `schema` is made of: itself and its `allOf` members, through `$ref`.
fn parts(swagger: &Swagger, schema: NodeId) -> Vec<NodeId> {
    let tree = swagger.tree;
    let mut seen = HashSet::new();
    let mut stack = vec![schema];
    let mut found = Vec::new();
    while let Some(node) = stack.pop() {
        let node = swagger.deref(node);
        if !seen.insert(node) {
            continue;
        }
        found.push(node);
        if let Some(all_of) = tree.get(node, "allOf") {
            stack.extend(tree.items(all_of).iter().copied());
        }
    }
    found
}

/// The names the schema (with its `allOf` members) lists as `required`.
fn required_names<'t>(swagger: &Swagger<'t>, schema: NodeId) -> Vec<&'t str> {
    let tree = swagger.tree;
    parts(swagger, schema)
        .into_iter()
        .filter_map(|part| tree.get(part, "required"))
        .flat_map(|list| {
            tree.items(list)
                .iter()
                .filter_map(|&item| tree.as_str(item))
        })
        .collect()
}

/// The property `name` of the schema (with its `allOf` members), through `$ref`.
fn find_property(swagger: &Swagger, schema: NodeId, name: &str) -> Option<NodeId> {
    let tree = swagger.tree;
    parts(swagger, schema).into_iter().find_map(|part| {
        let properties = tree.get(part, "properties")?;
        tree.get(properties, name)
            .map(|property| swagger.deref(property))
    })
}
