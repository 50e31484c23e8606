use crate::links;
use crate::model::FileKind;
use crate::rules::responses::{is_success_code, is_webhook, kind_of, response_entries};
use crate::rules::schema_sample;
use crate::rules::{Context, Sink, declare_rule};
use crate::syntax::json::{JsonTree, NodeId};

declare_rule! {
    /// ## What it does
    /// Reports the schema of a success (`2xx`, except 204) response that describes nothing: `{}`
    /// or `{"type": "object"}`, possibly with a description, title, example or empty
    /// `properties`, but without `properties`, `items`, `additionalProperties`, `allOf` or a
    /// dynamic-schema extension. `$ref`s to `#/responses` and `#/definitions` are followed.
    /// Webhook operations are left alone: their output is `x-ms-notification-content`.
    ///
    /// ## Why
    /// An empty schema gives makers exactly what a missing one gives: no dynamic content,
    /// only an untyped body. The certification guidance does not allow empty response schemas
    /// except where the response is dynamic, and reviewers ask for them to be filled in.
    ///
    /// ## Example
    /// ```json
    /// "200": { "description": "OK", "schema": { "type": "object" } }
    /// ```
    ///
    /// ## Fix
    /// Declare the properties of the body, or describe a response whose shape depends on the
    /// input with `x-ms-dynamic-schema`. When the response has an example (`examples` under
    /// `application/json`, or the schema's `example`), the fix "Generate schema from the
    /// example" infers the schema from it (unsafe: an example may not show every property).
    /// Editors also offer to generate it from a sample that you paste.
    ///
    /// ## Fix safety
    /// Unsafe. An example may not show every property, and the generated schema becomes the
    /// outputs makers see.
    RULE {
        id: "response-schema-empty",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A success response schema is an empty object",
        reference: Some(links::CERTIFICATION),
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
        if is_webhook(swagger, op) {
            continue;
        }
        for entry in response_entries(swagger, op) {
            if !is_success_code(entry.code()) || entry.code() == "204" {
                continue;
            }
            let Some(schema) = tree.member(entry.node, "schema") else {
                continue;
            };
            let resolved = swagger.deref(schema.value);
            if !is_empty_schema(tree, resolved) {
                continue;
            }
            let message = format!(
                "The schema of response {} of {} is an empty object; declare its properties so \
                 makers get dynamic content from this {} (or use x-ms-dynamic-schema if the shape \
                 is dynamic)",
                entry.code(),
                swagger.name(op),
                kind_of(swagger, op)
            );
            let diagnostic = if entry.is_shared() {
                sink.report(
                    kind,
                    entry.member.key_range,
                    tree.pointer(entry.member.value),
                    message,
                )
                .with_related(
                    kind,
                    schema.key_range,
                    "the schema of the shared response it refers to",
                )
            } else {
                sink.report(kind, schema.key_range, tree.pointer(schema.value), message)
            };
            if resolved != schema.value {
                let range = tree
                    .member_of(resolved)
                    .map_or(tree.range(resolved), |m| m.key_range);
                diagnostic.with_related(kind, range, "the empty schema it refers to");
            }
            if let Some(fix) = schema_sample::fix_from_example(kind, &file.text, tree, entry.node) {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// An object schema that declares no content.
fn is_empty_schema(tree: &JsonTree, node: NodeId) -> bool {
    if !tree.is_object(node) {
        return false;
    }
    tree.members(node).iter().all(|member| match &*member.key {
        "type" => tree.as_str(member.value) == Some("object"),
        "properties" => tree.is_object(member.value) && tree.members(member.value).is_empty(),
        "description" | "title" | "x-ms-summary" | "x-ms-visibility" | "example" | "required" => {
            true
        }
        _ => false,
    })
}
