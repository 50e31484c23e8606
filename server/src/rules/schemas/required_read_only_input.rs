use crate::links;
use crate::model::FileKind;
use crate::model::schemas::reachable;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a property of a request body's schema that is both `readOnly` and listed in
    /// its object's `required`. The schemas of every body parameter are followed through
    /// `$ref`, `properties`, `items`, `allOf` and `additionalProperties` (each once).
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`RequiredReadOnlyPropertyNotAllowedAsInput`: "An
    /// input property cannot be 'readonly' and required."). The designer does not let makers
    /// set a read-only property, so a required one can never be filled and the action cannot
    /// be saved.
    ///
    /// ## Example
    /// ```json
    /// "Item": { "type": "object", "required": ["id"],
    ///   "properties": { "id": { "type": "string", "readOnly": true } } }
    /// ```
    ///
    /// ## Fix
    /// Remove the property from `required`, or `readOnly`, or give the request its own schema
    /// without the server-set property.
    ///
    /// ## Fix safety
    /// No automatic fix: a schema shared by the request and the response is often the cause,
    /// and which change is right depends on the API.
    RULE {
        id: "required-read-only-input",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A request body property is both readOnly and required",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["RequiredReadOnlyPropertyNotAllowedAsInput"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let bodies = ctx
        .objects_at(&[Loc::Parameter])
        .into_iter()
        .filter(|&(parameter, _)| tree.get_str(parameter, "in") == Some("body"))
        .filter_map(|(parameter, _)| tree.get(parameter, "schema"));
    // Each schema once, however many bodies use it.
    for object in reachable(swagger, bodies.collect::<Vec<_>>()) {
        let (Some(required), Some(properties)) =
            (tree.get(object, "required"), tree.get(object, "properties"))
        else {
            continue;
        };
        for &item in tree.items(required) {
            let Some(name) = tree.as_str(item) else {
                continue;
            };
            let read_only = tree.get(properties, name).is_some_and(|property| {
                let property = swagger.deref(property);
                tree.get(property, "readOnly").and_then(|r| tree.as_bool(r)) == Some(true)
            });
            if read_only {
                sink.at_value(
                    file.kind,
                    tree,
                    item,
                    format!(
                        "Property '{}' is readOnly but required in a request body; makers \
                         cannot set it, so the request can never be complete",
                        excerpt(name)
                    ),
                );
            }
        }
    }
}
