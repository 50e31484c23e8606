use crate::diagnostic::Fix;
use crate::edit::json::{insert_member, remove_member};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{is_success_code, response_entries};

declare_rule! {
    /// ## What it does
    /// Reports a `default` response that has a `schema`.
    ///
    /// ## Why
    /// `default` stands for the responses the definition does not list, which are errors in
    /// practice; the designer's outputs come from the success response. Microsoft's validator
    /// rejects a schema there for certification (`The 'default' response should not have
    /// schema definition. Schemas should be defined on expected responses only.`,
    /// `DefaultResponseHasSchema`), and the coding standards say the same. Dozens of published
    /// connectors still have one, hence a warning by default. An operation whose only
    /// response is `default` is left to `response-default-only`.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "200": { "description": "OK" },
    ///   "default": { "description": "OK", "schema": { "$ref": "#/definitions/Ticket" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// When the operation has a success response without a schema (and only one), move the
    /// schema there; when a success response already has a schema, delete the default's.
    ///
    /// ## Fix safety
    /// Moving is unsafe: the schema becomes the action's outputs, and it may describe the
    /// error body rather than the success body. Deleting is safe: the outputs come from the
    /// success response's schema, which does not change. A `default` shared through
    /// `#/responses/…` is not edited: other operations use it.
    RULE {
        id: "response-default-has-schema",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "The 'default' response has a schema",
        reference: Some(links::CODING_STANDARDS),
        validator: ["DefaultResponseHasSchema"],
        policy: ["5000.2.4.2"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    for op in &swagger.operations {
        let entries = response_entries(swagger, op);
        // One defect, one finding: an operation with no 2xx response is response-default-only's,
        // whose repair (the 'default' becomes the '200') makes this schema the success one.
        if !entries.iter().any(|e| is_success_code(e.code())) {
            continue;
        }
        for default in entries.iter().filter(|e| e.code() == "default") {
            let Some(schema_at) = tree
                .members(default.node)
                .iter()
                .position(|m| &*m.key == "schema")
            else {
                continue;
            };
            let diagnostic = sink.report(
                file.kind,
                default.member.key_range,
                tree.pointer(default.member.value),
                format!(
                    "The 'default' response of operation {} has a schema; define schemas on the \
                     expected (2xx) responses only",
                    swagger.name(op)
                ),
            );
            if default.is_shared() {
                continue;
            }
            let successes: Vec<_> = entries
                .iter()
                .filter(|e| is_success_code(e.code()))
                .collect();
            let remove = remove_member(file.kind, tree, default.node, schema_at);
            if successes
                .iter()
                .any(|e| tree.get(e.node, "schema").is_some())
            {
                diagnostic.with_fix(Fix::safe(
                    "Delete the schema of the 'default' response",
                    vec![remove],
                ));
            } else if let [success] = successes.as_slice()
                && !success.is_shared()
                && tree.is_object(success.node)
            {
                let schema = tree.members(default.node)[schema_at].value;
                let schema_text = &text[tree.range(schema).as_usize()];
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Move the schema to the '{}' response", success.code()),
                    vec![
                        insert_member(file.kind, text, tree, success.node, "schema", schema_text),
                        remove,
                    ],
                ));
            }
        }
    }
}
