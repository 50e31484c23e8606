use crate::diagnostic::Fix;
use crate::edit::json::insert_member;
use crate::edit::names::{json_string, sentence_of};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{has_text, is_internal};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `summary` (or with a blank one), unless it is
    /// `"x-ms-visibility": "internal"`.
    ///
    /// ## Why
    /// The summary is the action's or trigger's name in the designer; without it makers see the
    /// operationId. Microsoft's validator requires it for certification (`The 'summary'
    /// property is required. ValuePath: /paths/…/post`). Internal operations are exempt: every
    /// published operation without a summary is internal. The platform accepts a custom
    /// connector without one, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// "post": { "operationId": "CreateTicket", "responses": { … } }
    /// ```
    ///
    /// ## Fix
    /// Add a summary in sentence case from the operationId (`CreateTicket` → "Create ticket").
    ///
    /// ## Fix safety
    /// Safe. The summary is only the name the designer shows; flows and apps call the
    /// operation by its operationId, which does not change.
    RULE {
        id: "operation-summary-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation has no summary (its name in the designer)",
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
            || has_text(tree, op.node, "summary")
        {
            continue;
        }
        let diagnostic = sink.report(
            file.kind,
            op.method_key_range,
            tree.pointer(op.node),
            format!(
                "Operation {} has no summary, so makers see its operationId as its name; the \
                 validator requires one for certification",
                swagger.name(op)
            ),
        );
        let Some(id) = swagger.operation_id(op).filter(|id| !id.trim().is_empty()) else {
            continue;
        };
        if tree.get(op.node, "summary").is_some() {
            continue;
        }
        let summary = sentence_of(id);
        diagnostic.with_fix(Fix::safe(
            format!("Add summary '{}'", excerpt(&summary)),
            vec![insert_member(
                file.kind,
                &file.text,
                tree,
                op.node,
                "summary",
                &json_string(&summary),
            )],
        ));
    }
}
