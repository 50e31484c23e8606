use crate::diagnostic::{Edit, Fix};
use crate::edit::json::Json;
use crate::edit::json::insert_member;
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{
    Lookup, declared_in_success_schema, lookup, next_link_name, success_schemas,
    supported_next_link_names,
};
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
    /// definition when the schema is a `$ref`. No fix is offered when the schema declares the
    /// name in another case (the API's real field), and names other than `nextLink` and
    /// `@odata.nextLink` are left to `pageable-next-link-name-unsupported`. Pair `x-ms-pageable`
    /// with an `updatenextlink` policy so the link is routed through the connector.
    ///
    /// ## Fix safety
    /// Unsafe. The property is added on the word of the extension, not of the API: if the response
    /// does not have that field, the schema now declares an invented one.
    RULE {
        id: "pageable-next-link-not-in-schema",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "x-ms-pageable.nextLinkName is not a property of the response schema",
        reference: Some(links::EXTENSIONS),
        check: check,
    }
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
        // An unsupported name is pageable-next-link-name-unsupported's finding: the name has
        // to change first, and a property added under it would be invented.
        if !supported_next_link_names().any(|s| s == name) {
            continue;
        }
        let schemas = success_schemas(swagger, op);
        if schemas.iter().any(|(_, schema)| {
            !matches!(lookup(swagger, *schema, |key| key == name), Lookup::Missing)
        }) {
            continue;
        }
        let Some((entry, target)) = schemas.first() else {
            continue;
        };
        // The API's field under another spelling: adding `name` would invent a field.
        let variant = declared_in_success_schema(swagger, op, |key| key.eq_ignore_ascii_case(name));
        let (shown, code) = (excerpt(name), excerpt(entry.code()));
        let declared = variant.map_or(String::new(), |key| {
            format!(", which declares '{}'", excerpt(key))
        });
        let message = format!(
            "x-ms-pageable.nextLinkName '{shown}' is not a property of the {code} response schema \
             of {}{declared}; the paging link points at a field the response does not declare",
            swagger.name(op)
        );
        let diagnostic = sink.at_value(kind, tree, name_node, message);
        let target_range = tree
            .member_of(*target)
            .map_or(tree.range(*target), |m| m.key_range);
        diagnostic.with_related(kind, target_range, "the response schema");
        if variant.is_none()
            && let Some(edit) = add_property(file, swagger, *target, name)
        {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Add '{shown}' to the response schema"),
                vec![edit],
            ));
        }
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
