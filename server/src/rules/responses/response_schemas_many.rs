//! An operation with more than one response that has a schema.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::response_entries;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation where more than one response (other than `default`, which
    /// `response-default-has-schema` covers) has a `schema`, once per operation, at the
    /// second such response.
    ///
    /// ## Why
    /// Microsoft's validator names it (`OperationHasManyResponsesWithSchema`: "The operation
    /// has more than one response with specified schema, only one schema will be used in the
    /// designer."): makers see the outputs of one schema only, whatever the service answers.
    /// 141 published connectors (108 certified) have such operations, 2,011 in all, so it is
    /// not a rejection, and an error schema on a 4xx response is common practice: a hint by
    /// default (counted, not listed, in the human report), a warning under the certification
    /// profile.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "200": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } },
    ///   "400": { "description": "Bad request", "schema": { "$ref": "#/definitions/Error" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Keep the schema on the success response the designer should show; describe the others
    /// in their `description`.
    ///
    /// ## Fix safety
    /// No automatic fix: which schema makers should see is for a person to decide.
    RULE {
        id: "response-schemas-many",
        severity: Hint,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation has more than one response with a schema",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationHasManyResponsesWithSchema"],
        certification: Warning,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let with_schema: Vec<_> = response_entries(swagger, op)
            .into_iter()
            .filter(|entry| entry.code() != "default" && tree.get(entry.node, "schema").is_some())
            .collect();
        let [first, second, ..] = with_schema.as_slice() else {
            continue;
        };
        sink.report(
            file.kind,
            second.member.key_range,
            tree.pointer(second.member.value),
            format!(
                "Operation {} has {} responses with a schema ('{}', '{}'…); the designer shows \
                 one only",
                swagger.name(op),
                with_schema.len(),
                excerpt(first.code()),
                excerpt(second.code())
            ),
        )
        .with_related(
            file.kind,
            first.member.key_range,
            "the first response with a schema",
        );
    }
}
