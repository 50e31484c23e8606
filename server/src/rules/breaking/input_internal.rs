use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, field_place};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports an input of an operation (a parameter or a property of
    /// its body) that became `x-ms-visibility: internal`, at its `x-ms-visibility`.
    ///
    /// ## Why
    /// An internal input is not shown and takes its default: the value a flow chose for it is
    /// no longer sent. Microsoft's change validator rejects the update
    /// (`InputFieldVisibilityChangedToInternal`).
    ///
    /// ## Example
    /// At the base `{ "name": "format", "in": "query", "type": "string" }`; now it has
    /// `"x-ms-visibility": "internal"`.
    ///
    /// ## Fix
    /// Use `advanced` to tuck the input away without taking it from existing flows.
    ///
    /// ## Fix safety
    /// No automatic fix: the author decides whether the input may still be set.
    RULE {
        id: "breaking-input-internal",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An input of an operation became internal",
        reference: None,
        validator: ["InputFieldVisibilityChangedToInternal"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for (op, base, fields) in defs.kept_operations(Side::Input) {
        for field in &fields.list {
            if !field.internal {
                continue;
            }
            let Some(before) = base.index_of(&field.key) else {
                continue;
            };
            // Reported once, at the outermost field that became internal.
            if base.hidden(before) || field.parent.is_some_and(|p| fields.hidden(p)) {
                continue;
            }
            let (range, pointer) = field_place(defs.now.tree, field, "x-ms-visibility");
            sink.report(
                FileKind::ApiDefinition,
                range,
                pointer,
                format!(
                    "Input {} of operation {} became internal: the value flows set is no longer sent",
                    field_name(field),
                    defs.now.name(op)
                ),
            );
        }
    }
}
