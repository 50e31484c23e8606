//! A body parameter without a `schema`.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a parameter with `"in": "body"` that has no `schema`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`BodyParameterSchemaRequired`: "The 'body' parameter
    /// must define a 'schema' property."), and Swagger 2.0 requires it: without a schema the
    /// designer has no fields to show and sends no body. No published connector has one.
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "required": true }
    /// ```
    ///
    /// ## Fix
    /// Add the schema of the request body: `"schema": { "type": "object", "properties": {…} }`
    /// or a `$ref` to a definition.
    ///
    /// ## Fix safety
    /// No automatic fix: only the service's documentation says what the body holds.
    RULE {
        id: "parameter-body-schema-missing",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A body parameter has no schema",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["BodyParameterSchemaRequired"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for (parameter, _) in ctx.objects_at(&[Loc::Parameter]) {
        let Some(location) = tree.get(parameter, "in") else {
            continue;
        };
        if tree.as_str(location) != Some("body") || tree.get(parameter, "schema").is_some() {
            continue;
        }
        sink.at_value(
            file.kind,
            tree,
            location,
            format!(
                "{} is in the body but has no 'schema'; the designer cannot show its fields",
                parameter_name(swagger, parameter)
            ),
        );
    }
}
