use crate::diagnostic::{Prompt, Severity};
use crate::edit::schema_sample;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{
    NO_CONTENT, is_success_code, is_webhook, kind_of, notification_content, output_unseen,
    response_entries,
};

declare_rule! {
    /// ## What it does
    /// Reports an operation with success (`2xx`) responses none of which has a `schema`,
    /// following `$ref`s to `#/responses`. Operations whose only success codes are 202 or 204
    /// (no content expected) are left alone, and so are operations whose response makers never
    /// see as dynamic content: webhook registrations (the trigger's output is described by
    /// `x-ms-notification-content`, which is reported instead when it has no schema), `x-ms-visibility: internal` operations, operations that
    /// an `x-ms-dynamic-schema` or `x-ms-dynamic-properties` calls for a schema, MCP server
    /// operations (`x-ms-agentic-protocol`, whose 200 response has no schema by design) and
    /// file downloads (`produces` lists only file types such as `application/octet-stream`,
    /// `application/pdf` or `image/*`). Graded hint for DELETE operations, which rarely
    /// return anything useful, and warning otherwise.
    ///
    /// ## Why
    /// The response schema is what the designer turns into dynamic content. Without it a flow
    /// only gets an untyped `body` and makers must parse it themselves. The certification
    /// guidance asks for response schemas on every operation unless the response is dynamic.
    ///
    /// ## Example
    /// ```json
    /// "get": { "operationId": "GetItems", "responses": { "200": { "description": "OK" } } }
    /// ```
    ///
    /// ## Fix
    /// Add a `schema` that describes the body, inline or as a `$ref` to `#/definitions`. When
    /// the response has an example (`examples` under `application/json`), the fix "Generate
    /// schema from the example" infers one from it (unsafe: an example may not show every
    /// property). Editors also offer to generate it from a sample that you paste.
    ///
    /// ## Fix safety
    /// Unsafe. An example may not show every property, and the generated schema becomes the
    /// outputs makers see.
    RULE {
        id: "response-schema-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "No success response of an operation has a schema",
        reference: Some(links::CERTIFICATION),
        validator: ["SchemaDefinitionSetIncorrectly"],
        policy: ["5000.2.4.4"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let mut notifications_seen = Vec::new();
    for op in &swagger.operations {
        if output_unseen(ctx, swagger, op) {
            continue;
        }
        if is_webhook(swagger, op) {
            // The trigger's outputs are its notification content's schema.
            if let Some(content) = notification_content(swagger, op)
                && tree.get(content, "schema").is_none()
                && !notifications_seen.contains(&content)
            {
                notifications_seen.push(content);
                sink.at_key(
                    file.kind,
                    tree,
                    content,
                    format!(
                        "The x-ms-notification-content of trigger {} has no schema, so the \
                         trigger offers makers no outputs",
                        swagger.name(op)
                    ),
                );
            }
            continue;
        }
        let entries = response_entries(swagger, op);
        let successes: Vec<_> = entries
            .iter()
            .filter(|e| is_success_code(e.code()))
            .collect();
        if successes
            .iter()
            .any(|e| tree.get(e.node, "schema").is_some())
        {
            continue;
        }
        let Some(first) = successes.iter().find(|e| !NO_CONTENT.contains(&e.code())) else {
            continue;
        };
        let grade_hint = op.method == "delete" && sink.may_grade();
        let diagnostic = sink.report(
            file.kind,
            first.member.key_range,
            tree.pointer(first.member.value),
            format!(
                "Response {} of {} has no schema; makers get no dynamic content from this {}",
                first.code(),
                swagger.name(op),
                kind_of(swagger, op)
            ),
        );
        if grade_hint {
            diagnostic.severity = Severity::Hint;
        }
        match schema_sample::fix_from_example(file.kind, &file.text, tree, first.node) {
            Some(fix) => diagnostic.with_fix(fix),
            None => diagnostic.with_prompt(Prompt::SchemaFromSample {
                pointer: tree.pointer(first.member.value),
            }),
        };
        if first.is_shared() {
            let range = tree
                .member_of(first.node)
                .map_or(tree.range(first.node), |m| m.key_range);
            diagnostic.with_related(file.kind, range, "the shared response it refers to");
        }
    }
}
