use crate::diagnostic::Severity;
use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, field_place};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a field of an operation's response (its output) whose
    /// `type` or `format` changed, also through `$ref` and `allOf`, at the new value. A type
    /// that only widens (`integer` to `number`) or a changed format is a warning; another
    /// type is an error.
    ///
    /// ## Why
    /// Microsoft's change validator rejects the update (`OutputFieldTypeChanged`: "The type
    /// has been changed for the output field. Existing flows may be broken if they are using
    /// this field and actual payload has been changed."): later steps were built for the old
    /// type.
    ///
    /// ## Example
    /// At the base `"total": { "type": "integer" }`; now `"type": "string"`.
    ///
    /// ## Fix
    /// Keep the old type, or add the new shape as a new property.
    ///
    /// ## Fix safety
    /// No automatic fix: the schema must say what the API returns.
    RULE {
        id: "breaking-output-type-changed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The type or format of a field of an operation's response changed",
        reference: None,
        validator: ["OutputFieldTypeChanged"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for pair in defs.operations() {
        let Some(op) = pair.now else { continue };
        for (before, field) in pair.kept_fields(Side::Output) {
            let (key, old, new, widened) = match (before.kind, field.kind) {
                (Some(old), Some(new)) if old != new => {
                    ("type", old, new, old == "integer" && new == "number")
                }
                _ => match (before.format, field.format) {
                    (Some(old), Some(new)) if old != new => ("format", old, new, true),
                    _ => continue,
                },
            };
            let what = if field.name.is_empty() {
                "The response".to_string()
            } else {
                format!("Output field {}", field_name(field))
            };
            let (range, pointer) = field_place(defs.now.tree, field, key);
            let grades = sink.may_grade();
            let diagnostic = sink.report(
                FileKind::ApiDefinition,
                range,
                pointer,
                format!(
                    "{what} of operation {} changed {key} from '{}' to '{}': steps that use it \
                     may break",
                    defs.now.name(op),
                    excerpt(old),
                    excerpt(new)
                ),
            );
            if widened && grades {
                diagnostic.severity = Severity::Warning;
            }
        }
    }
}
