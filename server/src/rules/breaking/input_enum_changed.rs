use crate::diagnostic::Severity;
use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, field_place};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt_list;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports an input of an operation whose `enum` lost values (an
    /// error), or an open input that gained an `enum` (a warning), at the `enum`.
    ///
    /// ## Why
    /// Microsoft's change validator rejects both: "An enum value has been removed from the
    /// input field. Existing flows may have this value chosen and will continue to send it."
    /// and "The list of enum values has been added to the input field. Existing flows may use
    /// values outside of this list."
    ///
    /// ## Example
    /// At the base `"enum": ["pdf", "docx", "txt"]`; now `"enum": ["pdf", "docx"]`.
    ///
    /// ## Fix
    /// Keep the old values (the API may map them); list the suggested values with
    /// `x-ms-dynamic-values` or in the description instead of a new `enum`.
    ///
    /// ## Fix safety
    /// No automatic fix: the API decides which values it accepts.
    RULE {
        id: "breaking-input-enum-changed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "Values were removed from an input's enum, or an enum was added to an open input",
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
            let Some(values) = &field.values else {
                continue;
            };
            let name = field_name(field);
            let operation = defs.now.name(op);
            let (range, pointer) = field_place(defs.now.tree, field, "enum");
            match &before.values {
                Some(old) => {
                    let removed: Vec<&str> = old
                        .iter()
                        .filter(|v| !values.contains(v))
                        .map(String::as_str)
                        .collect();
                    if removed.is_empty() {
                        continue;
                    }
                    sink.report(
                        FileKind::ApiDefinition,
                        range,
                        pointer,
                        format!(
                            "Values were removed from the enum of input {name} of operation \
                             {operation} ({}): flows that chose them still send them",
                            excerpt_list(removed.into_iter())
                        ),
                    );
                }
                None => {
                    let grades = sink.may_grade();
                    let diagnostic = sink.report(
                        FileKind::ApiDefinition,
                        range,
                        pointer,
                        format!(
                            "Input {name} of operation {operation} now has an enum: flows may \
                             send values outside of it"
                        ),
                    );
                    if grades {
                        diagnostic.severity = Severity::Warning;
                    }
                }
            }
        }
    }
}
