use crate::model::FileKind;
use crate::rules::breaking::{
    Side, definitions, field_name, field_place, report_gone, topmost_gone,
};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports an input of an operation that is gone: a parameter or a
    /// property of its body deleted or renamed, or a parameter moved (its `in` changed). A
    /// moved parameter is reported at its `in`; a deleted one at its nearest surviving parent
    /// (the body, or the operation), with where it was. Inputs that were internal are not
    /// reported: no flow sets them.
    ///
    /// ## Why
    /// A flow stores the value of each input it sets under the input's name and place.
    /// Microsoft's change validator rejects the update (`InputFieldDeleted`): the value would
    /// no longer be sent, and the flow breaks.
    ///
    /// ## Example
    /// At the base a query parameter `top`; now it is called `limit`.
    ///
    /// ## Fix
    /// Keep the old input (an API that accepts both names can map it with a policy), or
    /// publish the change as a new operation and deprecate the old one.
    ///
    /// ## Fix safety
    /// No automatic fix: a rename may be deliberate.
    RULE {
        id: "breaking-input-removed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An input of an operation was deleted, renamed or moved",
        reference: None,
        validator: ["InputFieldDeleted"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for (op, base, fields) in defs.kept_operations(Side::Input) {
        let operation = defs.now.name(op);
        for (index, field) in base.list.iter().enumerate() {
            if base.hidden(index) || !topmost_gone(base, fields, index) {
                continue;
            }
            let name = field_name(field);
            if field.parent.is_none() {
                let moved = fields.list.iter().find(|f| {
                    f.parent.is_none() && f.name == field.name && f.location != field.location
                });
                if let Some(moved) = moved {
                    let place = field_place(defs.now.tree, moved, "in");
                    let message = format!(
                        "Input {name} of operation {operation} moved from '{}' to '{}': flows \
                         that set it send it where the API no longer reads it",
                        excerpt(field.location.unwrap_or_default()),
                        excerpt(moved.location.unwrap_or_default()),
                    );
                    defs.report_moved(sink, place, field.site, message);
                    continue;
                }
                let renamed = fields.list.iter().find(|f| {
                    f.parent.is_none() && f.location == field.location && base.get(&f.key).is_none()
                });
                let hint = renamed
                    .map(|f| format!(" (is it {} now?)", field_name(f)))
                    .unwrap_or_default();
                let message = format!(
                    "Input {name} of operation {operation} was deleted or renamed{hint}: flows \
                     that set it break"
                );
                report_gone(&defs, sink, base, fields, index, op, message);
                continue;
            }
            let message = format!(
                "Input field {name} of operation {operation} was deleted or renamed: flows that \
                 set it break"
            );
            report_gone(&defs, sink, base, fields, index, op, message);
        }
    }
}
