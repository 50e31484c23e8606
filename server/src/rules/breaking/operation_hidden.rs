use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::model::annotation::{active_revisions, annotation, has_newer_revision, is_deprecated};
use crate::rules::breaking::definitions;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports an operation that became `x-ms-visibility: internal`
    /// (an error), or `deprecated: true` without a replacement (a warning): a replacement is
    /// named in `x-ms-api-annotation` (`replacement`), or is a newer revision of the
    /// operation's family that is not deprecated, as Microsoft's "Deprecate an operation"
    /// page shows.
    ///
    /// ## Why
    /// Microsoft's change validator rejects hiding an action (`OperationHidden`): makers can
    /// no longer find or reconfigure it in the flows that use it. An action deprecated with no
    /// replacement leaves them nowhere to go.
    ///
    /// ## Example
    /// At the base `"get": { "operationId": "ListItems" }`; now the same operation has
    /// `"x-ms-visibility": "internal"`.
    ///
    /// ## Fix
    /// Keep the operation visible; when it is replaced, deprecate it and give the new
    /// operation the next revision of its `x-ms-api-annotation` family (or name it in
    /// `"replacement": { "api": …, "operationId": … }`).
    ///
    /// ## Fix safety
    /// No automatic fix: only the author knows the replacement.
    RULE {
        id: "breaking-operation-hidden",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation of the base revision was hidden, or deprecated without a replacement",
        reference: Some(links::EXTENSIONS),
        validator: ["OperationHidden"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    let (base_tree, tree) = (defs.base.tree, defs.now.tree);
    let Some((file, _)) = &ctx.definition else {
        return;
    };
    let text = file.text.as_str();
    // Read once, and only when some operation was newly deprecated.
    let active = std::cell::OnceCell::new();
    for pair in defs.operations() {
        let (base_op, now) = (pair.base, pair.now);
        let Some(op) = now else { continue };
        let name = defs.now.name(op);
        let internal = |tree: &crate::syntax::json::JsonTree, node| {
            tree.get_str(node, "x-ms-visibility") == Some("internal")
        };
        if internal(tree, op.node) && !internal(base_tree, base_op.node) {
            let at = tree.get(op.node, "x-ms-visibility").unwrap_or(op.node);
            sink.at_value(
                FileKind::ApiDefinition,
                tree,
                at,
                format!("Operation {name} became internal: makers no longer see it in the flows that use it"),
            );
            continue;
        }
        let replaced = annotation(tree, op.node).is_some_and(|a| a.replacement.is_some())
            || has_newer_revision(
                text,
                tree,
                op.node,
                active.get_or_init(|| active_revisions(text, defs.now)),
            );
        if is_deprecated(tree, op.node) && !is_deprecated(base_tree, base_op.node) && !replaced {
            let at = tree.get(op.node, "deprecated").unwrap_or(op.node);
            let grades = sink.may_grade();
            let diagnostic = sink.at_value(
                FileKind::ApiDefinition,
                tree,
                at,
                format!(
                    "Operation {name} was deprecated without a replacement in \
                     'x-ms-api-annotation': the flows that use it have nowhere to go"
                ),
            );
            if grades {
                diagnostic.severity = Severity::Warning;
            }
        }
    }
}
