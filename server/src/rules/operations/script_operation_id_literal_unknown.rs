use crate::edit::names::did_you_mean;
use crate::edit::rename::closest_operation_fix;
use crate::links;
use crate::model::FileKind;
use crate::model::references::RefKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a string in script.csx compared with `Context.OperationId` (`==`, `!=`,
    /// `.Equals("…")`, or a `case "…":` of a `switch` over it) that is not an operationId of
    /// the definition.
    ///
    /// ## Why
    /// Custom code branches on the operation being called. A stale or misspelled id makes
    /// that branch dead code: the operation then takes the default path, often an "unknown
    /// operation" error.
    ///
    /// ## Example
    /// ```csharp
    /// if (this.Context.OperationId == "ListCalendar") { … }
    /// ```
    ///
    /// ## Fix
    /// Replace with the closest existing operationId. An id that is an error itself (blank,
    /// with whitespace, or used by two operations) is never suggested.
    ///
    /// ## Fix safety
    /// Unsafe, even when only the case differs: the corrected literal makes the branch run for an
    /// operation that skips it today.
    RULE {
        id: "script-operation-id-literal-unknown",
        severity: Warning,
        file: Some(FileKind::Script),
        summary: "script.csx compares Context.OperationId with an unknown operationId",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    for reference in &ctx.operation_refs {
        if reference.kind != RefKind::ScriptLiteral || swagger.resolves(reference) {
            continue;
        }
        let (suggestion, fix) = closest_operation_fix(ctx, reference);
        let message = format!(
            "script.csx compares Context.OperationId with \"{}\", which is not an operationId, so this branch never runs{}",
            reference.name,
            did_you_mean(suggestion.as_deref())
        );
        let diagnostic = sink.report(FileKind::Script, reference.range, String::new(), message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
