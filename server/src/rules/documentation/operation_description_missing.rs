use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{has_text, is_internal};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `description` (or with a blank one), unless it is
    /// `"x-ms-visibility": "internal"`.
    ///
    /// ## Why
    /// The description is what the designer's info button shows and what Copilot reads to
    /// choose the action. Microsoft's validator requires it for certification (`The
    /// 'description' property is required. ValuePath: /paths/~1/get`), and the certification
    /// checklist says no operation may miss a summary or description. The platform accepts a
    /// custom connector without it, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// "get": { "operationId": "GetTicket", "summary": "Get a ticket", "responses": { … } }
    /// ```
    ///
    /// ## Fix
    /// Add a sentence that says what the operation does and returns (not the summary again).
    ///
    /// ## Fix safety
    /// No automatic fix: a description has to say something the summary does not.
    RULE {
        id: "operation-description-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation has no description",
        reference: Some(links::STRING_GUIDANCE),
        validator: ["RequiredPropertyMissing"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        if !tree.is_object(op.node)
            || is_internal(tree, op.node)
            || has_text(tree, op.node, "description")
        {
            continue;
        }
        sink.report(
            file.kind,
            op.method_key_range,
            tree.pointer(op.node),
            format!(
                "Operation {} has no description; the validator requires one for certification",
                swagger.name(op)
            ),
        );
    }
}
