use crate::diagnostic::Prompt;
use crate::edit::schema_sample;
use crate::links;
use crate::model::swagger::{Operation, Swagger};
use crate::model::{FileKind, SourceFile};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{
    NO_CONTENT, is_success_code, is_webhook, kind_of, notification_content, output_unseen,
    response_entries,
};
use crate::syntax::json::{JsonTree, NodeId};

declare_rule! {
    /// ## What it does
    /// Reports the schema of a success (`2xx`, except 202 and 204, which carry no content)
    /// response that describes nothing: `{}` or `{"type": "object"}`, possibly with a
    /// description, title, example, empty `properties` or other extensions (`x-ms-*`), but
    /// without `properties`, `items`, `additionalProperties`, `allOf` or a dynamic-schema
    /// extension. `$ref`s to `#/responses` and `#/definitions` are followed. For a webhook trigger it is the schema
    /// of `x-ms-notification-content` that is checked, since that is the trigger's output.
    /// Operations whose response makers never see are left alone: webhook registrations,
    /// `x-ms-visibility: internal` operations, operations that an `x-ms-dynamic-schema` or
    /// `x-ms-dynamic-properties` calls for a schema, MCP server operations
    /// (`x-ms-agentic-protocol`) and file downloads (`produces` lists only file types).
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
        policy: ["5000.2.4.4"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    let mut notifications_seen = Vec::new();
    for op in &swagger.operations {
        if output_unseen(ctx, swagger, op) {
            continue;
        }
        if is_webhook(swagger, op) {
            if let Some(content) = notification_content(swagger, op)
                && !notifications_seen.contains(&content)
            {
                notifications_seen.push(content);
                check_notification(file, swagger, op, content, sink);
            }
            continue;
        }
        for entry in response_entries(swagger, op) {
            if !is_success_code(entry.code()) || NO_CONTENT.contains(&entry.code()) {
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
            match schema_sample::fix_from_example(kind, &file.text, tree, entry.node) {
                Some(fix) => diagnostic.with_fix(fix),
                None => diagnostic.with_prompt(Prompt::SchemaFromSample {
                    pointer: tree.pointer(entry.member.value),
                }),
            };
        }
    }
}

/// Report the empty schema of a webhook trigger's notification content.
fn check_notification(
    file: &SourceFile,
    swagger: &Swagger,
    op: &Operation,
    content: NodeId,
    sink: &mut Sink,
) {
    let tree = swagger.tree;
    let Some(schema) = tree.member(content, "schema") else {
        return;
    };
    let resolved = swagger.deref(schema.value);
    if !is_empty_schema(tree, resolved) {
        return;
    }
    let message = format!(
        "The schema of the x-ms-notification-content of trigger {} is an empty object, so the \
         trigger offers makers no outputs; declare the properties of the notification (or use \
         x-ms-dynamic-schema if the shape is dynamic)",
        swagger.name(op)
    );
    let kind = file.kind;
    let diagnostic = sink.report(kind, schema.key_range, tree.pointer(schema.value), message);
    if resolved != schema.value {
        let range = tree
            .member_of(resolved)
            .map_or(tree.range(resolved), |m| m.key_range);
        diagnostic.with_related(kind, range, "the empty schema it refers to");
    }
    if let Some(fix) = schema_sample::fix_from_example(kind, &file.text, tree, content) {
        diagnostic.with_fix(fix);
    }
}

/// An object schema that declares no content. Extensions describe nothing of the body, except
/// the dynamic-schema ones that fetch it.
fn is_empty_schema(tree: &JsonTree, node: NodeId) -> bool {
    if !tree.is_object(node) {
        return false;
    }
    tree.members(node).iter().all(|member| match &*member.key {
        "type" => tree.as_str(member.value) == Some("object"),
        "properties" => tree.is_object(member.value) && tree.members(member.value).is_empty(),
        "description" | "title" | "example" | "required" => true,
        "x-ms-dynamic-schema" | "x-ms-dynamic-properties" => false,
        key => key.starts_with("x-"),
    })
}
