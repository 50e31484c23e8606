use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, report_gone, topmost_gone};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a property of an operation's response (its output) that
    /// is gone, also through `$ref` and `allOf`, at its nearest surviving parent schema (or
    /// the operation), with where it was. Moving a schema to `definitions` is no change.
    ///
    /// ## Why
    /// Flows use output fields as dynamic content in later steps. Microsoft's change
    /// validator rejects the update (`OutputFieldDeleted`): those steps lose their value.
    ///
    /// ## Example
    /// At the base the response of `GetItem` has `properties.price`; now it does not.
    ///
    /// ## Fix
    /// Keep the property in the schema (the API may still return it), or publish the change
    /// as a new operation.
    ///
    /// ## Fix safety
    /// No automatic fix: whether the API still returns the field is the author's to say.
    RULE {
        id: "breaking-output-removed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A property of an operation's response was deleted",
        reference: None,
        validator: ["OutputFieldDeleted"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for (op, base, fields) in defs.kept_operations(Side::Output) {
        let operation = defs.now.name(op);
        for (index, field) in base.list.iter().enumerate() {
            // A response gone as a whole is not a field's change.
            if field.parent.is_none() || base.hidden(index) || !topmost_gone(base, fields, index) {
                continue;
            }
            let message = format!(
                "Output field {} of operation {operation} was deleted: flows that use it lose \
                 its value",
                field_name(field)
            );
            report_gone(&defs, sink, base, fields, index, op, message);
        }
    }
}
