use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, field_place};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports an input of an operation whose `type` changed, or that
    /// gained or changed a `format`, at the new value. Both versions are read after `$ref`
    /// and `allOf`, so moving a schema is no change.
    ///
    /// ## Why
    /// The value an existing flow sends was valid for the old type; the designer now
    /// validates it against the new one, and the API may reject it.
    ///
    /// ## Example
    /// At the base `"count": { "type": "string" }`; now `"type": "integer"`.
    ///
    /// ## Fix
    /// Keep the type and accept both forms in the API, or add a new input beside the old one.
    ///
    /// ## Fix safety
    /// No automatic fix: the API decides what it accepts.
    RULE {
        id: "breaking-input-type-changed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The type or format of an input changed",
        reference: None,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    for pair in defs.operations() {
        let Some(op) = pair.now else { continue };
        for (before, field) in pair.kept_fields(Side::Input) {
            let name = field_name(field);
            let operation = defs.now.name(op);
            let (key, old, new) = match (before.kind, field.kind) {
                (Some(old), Some(new)) if old != new => ("type", old, new),
                _ => match (before.format, field.format) {
                    (old, Some(new)) if old != Some(new) => ("format", old.unwrap_or("none"), new),
                    _ => continue,
                },
            };
            let (range, pointer) = field_place(defs.now.tree, field, key);
            sink.report(
                FileKind::ApiDefinition,
                range,
                pointer,
                format!(
                    "The {key} of input {name} of operation {operation} changed from '{}' to \
                     '{}': values existing flows send may no longer be accepted",
                    excerpt(old),
                    excerpt(new)
                ),
            );
        }
    }
}
