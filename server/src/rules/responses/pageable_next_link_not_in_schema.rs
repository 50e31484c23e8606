use std::collections::HashSet;

use crate::diagnostic::{Edit, Fix};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::Swagger;
use crate::rules::edits::Json;
use crate::rules::edits::insert_member;
use crate::rules::responses::{is_success_code, next_link_name, response_entries};
use crate::rules::{Context, Sink, declare_rule};
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// For an operation with `x-ms-pageable`, reports a `nextLinkName` that is not a property at
    /// the root of any success (`2xx`) response schema. `$ref`s and `allOf` members are
    /// followed. Operations without a success schema (see `response-schema-missing`) and
    /// schemas built by `x-ms-dynamic-schema` are left alone.
    ///
    /// ## Why
    /// `nextLinkName` names "the property at the root of the response that has the next link
    /// url". When the response schema does not declare it, the definition contradicts itself:
    /// the paging contract points at a field the response does not have, so the link cannot be
    /// wired up or checked, and a misspelt name goes unnoticed.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-pageable": { "nextLinkName": "@odata.nextLink" },
    /// "responses": {
    ///   "200": {
    ///     "description": "OK",
    ///     "schema": { "type": "object", "properties": { "value": { "type": "string" } } }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add `"<nextLinkName>": {"type": "string", "description": "URL of the next page.",
    /// "x-ms-visibility": "internal"}` to the `properties` of the response schema, in the shared
    /// definition when the schema is a `$ref` (safe: the paging extension already promises the
    /// property). Pair `x-ms-pageable` with an `updatenextlink` policy so the link is routed
    /// through the connector.
    RULE {
        id: "pageable-next-link-not-in-schema",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "x-ms-pageable.nextLinkName is not a property of the response schema",
        reference: Some(links::EXTENSIONS),
        check: check,
    }
}

/// What a schema, with its `allOf` members, says about a property.
enum Lookup {
    Declared,
    /// The shape comes from a dynamic-schema extension and cannot be checked.
    Dynamic,
    Missing,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    for op in &swagger.operations {
        let Some(name_node) = next_link_name(swagger, op) else {
            continue;
        };
        let Some(name) = tree.as_str(name_node).filter(|n| !n.is_empty()) else {
            continue;
        };
        let schemas: Vec<_> = response_entries(swagger, op)
            .into_iter()
            .filter(|e| is_success_code(e.code()))
            .filter_map(|e| {
                let schema = tree.get(e.node, "schema")?;
                Some((e, swagger.deref(schema)))
            })
            .collect();
        if schemas
            .iter()
            .any(|(_, schema)| !matches!(lookup(swagger, *schema, name), Lookup::Missing))
        {
            continue;
        }
        let Some((entry, target)) = schemas.first() else {
            continue;
        };
        let diagnostic = sink.at_value(
            kind,
            tree,
            name_node,
            format!(
                "x-ms-pageable.nextLinkName '{}' is not a property of the {} response schema \
                 of {}; the paging link points at a field the response does not declare",
                excerpt(name),
                excerpt(entry.code()),
                swagger.name(op)
            ),
        );
        let target_range = tree
            .member_of(*target)
            .map_or(tree.range(*target), |m| m.key_range);
        diagnostic.with_related(kind, target_range, "the response schema");
        if let Some(edit) = add_property(file, swagger, *target, name) {
            diagnostic.with_fix(Fix::safe(
                format!("Add '{}' to the response schema", excerpt(name)),
                vec![edit],
            ));
        }
    }
}

/// Whether `schema` (after `$ref`) or one of its `allOf` members declares `name` at its root.
fn lookup(swagger: &Swagger, schema: NodeId, name: &str) -> Lookup {
    let tree = swagger.tree;
    let mut visited = HashSet::new();
    let mut stack = vec![schema];
    let mut dynamic = false;
    while let Some(node) = stack.pop() {
        let node = swagger.deref(node);
        if !visited.insert(node) {
            continue;
        }
        if tree
            .get(node, "properties")
            .is_some_and(|props| tree.get(props, name).is_some())
        {
            return Lookup::Declared;
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

/// Insert the next-link property into the `properties` of an object schema.
fn add_property(
    file: &crate::model::SourceFile,
    swagger: &Swagger,
    schema: NodeId,
    name: &str,
) -> Option<Edit> {
    let tree = swagger.tree;
    let text = &file.text;
    let is_object_schema = tree.is_object(schema)
        && tree.get(schema, "$ref").is_none()
        && tree
            .get(schema, "type")
            .is_none_or(|t| tree.as_str(t) == Some("object"));
    if !is_object_schema {
        return None;
    }
    let property = Json::object([
        ("type", Json::str("string")),
        ("description", Json::str("URL of the next page.")),
        ("x-ms-visibility", Json::str("internal")),
    ]);
    match tree.get(schema, "properties") {
        Some(properties) if tree.is_object(properties) => Some(insert_member(
            file.kind,
            text,
            tree,
            properties,
            name,
            &property.for_member_of(text, tree, properties),
        )),
        Some(_) => None,
        None => {
            let value = Json::Object(vec![(name.to_string(), property)]);
            Some(insert_member(
                file.kind,
                text,
                tree,
                schema,
                "properties",
                &value.for_member_of(text, tree, schema),
            ))
        }
    }
}
