use crate::edit::rename::rename_fix;
use crate::links;
use crate::model::FileKind;
use crate::rules::breaking::definitions;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision (`check --base`, the editor's `baseRef`), reports an operation of
    /// the base that is gone: deleted, or still at its method and path under another
    /// operationId. It stands at the operation's new operationId, else at its surviving path
    /// (or `paths`), with where it was as related information.
    ///
    /// ## Why
    /// Flows and apps call an action by its operationId. Microsoft's change validator rejects
    /// the update (`OperationDeleted`: "The operation has been deleted. This change breaks
    /// existing flows.") and every flow that uses the action fails.
    ///
    /// ## Example
    /// At the base `"operationId": "ListItems"`; now the same `get` has
    /// `"operationId": "GetItems"`.
    ///
    /// ## Fix
    /// Microsoft's path for renaming an action: keep the old operation beside the new one
    /// (at its own path), marked `"deprecated": true` and `"x-ms-visibility": "internal"`,
    /// and name its replacement in `x-ms-api-annotation`. For a changed operationId, the fix
    /// renames the operation back to its published id, with every reference to it.
    ///
    /// ## Fix safety
    /// Unsafe: renaming back undoes a change the author made on purpose; whether to keep,
    /// restore or really remove an operation is the author's decision.
    RULE {
        id: "breaking-operation-removed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation of the base revision was deleted or its operationId changed",
        reference: Some(links::EXTENSIONS),
        validator: ["OperationDeleted"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for pair in defs.operations() {
        let (base_op, now) = (pair.base, pair.now);
        if now.is_some() {
            continue;
        }
        let id = excerpt(defs.base.operation_id(base_op).unwrap_or_default()).into_owned();
        let describe = defs.base.describe(base_op);
        if let Some(op) = defs.at_same_place(base_op) {
            let new_id = defs.now.operation_id(op).map(excerpt).unwrap_or_default();
            let message = format!(
                "The operationId of {describe} changed from '{id}' to '{new_id}': flows that \
                 use '{id}' break (Microsoft's change validator: the operation has been deleted)"
            );
            let node = defs.base.operation_id_node(base_op).unwrap_or(base_op.node);
            let diagnostic = defs.report_moved(sink, defs.operation_range(op), node, message);
            let old_id = defs.base.operation_id(base_op).unwrap_or_default();
            if let Some(fix) = rename_fix(ctx.index, op, old_id, false) {
                diagnostic.with_fix(fix);
            }
            continue;
        }
        let tree = defs.now.tree;
        let template = defs.base.path_of(base_op).template;
        let place = match defs.now.paths.iter().find(|p| p.template == template) {
            Some(path) => (path.key_range, tree.pointer(path.node)),
            None => match tree.member(defs.now.root, "paths") {
                Some(member) => (member.key_range, tree.pointer(member.value)),
                None => (tree.range(defs.now.root), String::new()),
            },
        };
        let message = format!("Operation '{id}' ({describe}) was deleted: flows that use it break");
        defs.report_moved(sink, place, base_op.node, message);
    }
}
