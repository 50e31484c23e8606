use crate::model::FileKind;
use crate::rules::breaking::{Side, definitions, field_name, field_place, key_place};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a new required input of an operation (a parameter, or a
    /// required property of its body) that has no default, at the input; and an optional
    /// input made required, at its `required`. Internal inputs are not reported (they must
    /// have a default, see `internal-optional-with-default`), nor a new parameter where one of
    /// the same place is gone (`breaking-input-removed` reports the rename).
    ///
    /// ## Why
    /// Existing flows do not set the new input: the request lacks it and the flow fails, or
    /// the designer asks every maker to edit the flow. Microsoft's change validator rejects
    /// the update ("The required input field has been added…").
    ///
    /// ## Example
    /// At the base `{ "name": "region", "in": "query", "required": false, … }`; now
    /// `"required": true`.
    ///
    /// ## Fix
    /// Keep the input optional, or give it a `default` the API accepts.
    ///
    /// ## Fix safety
    /// No automatic fix: only the author knows a sensible default.
    RULE {
        id: "breaking-input-required",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A new required input without a default, or an optional input made required",
        reference: None,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    let tree = defs.now.tree;
    for (op, base, fields) in defs.kept_operations(Side::Input) {
        let operation = defs.now.name(op);
        for (index, field) in fields.list.iter().enumerate() {
            if !field.required || field.has_default || fields.hidden(index) {
                continue;
            }
            let name = field_name(field);
            match base.get(&field.key) {
                Some(before) if !before.required => {
                    let (range, pointer) = match field.parent {
                        None => field_place(tree, field, "required"),
                        Some(_) => key_place(tree, field.site),
                    };
                    sink.report(
                        FileKind::ApiDefinition,
                        range,
                        pointer,
                        format!(
                            "Input {name} of operation {operation} was optional and is now \
                             required without a default: flows that do not set it break"
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    // A new field inside a new object is the object's change.
                    let parent_existed = field
                        .parent
                        .is_none_or(|p| base.get(&fields.list[p].key).is_some());
                    // A parameter that takes the place of one gone is reported as a rename by
                    // `breaking-input-removed`.
                    let renamed = field.parent.is_none()
                        && base.list.iter().any(|old| {
                            old.parent.is_none()
                                && old.location == field.location
                                && fields.get(&old.key).is_none()
                        });
                    if !parent_existed || renamed {
                        continue;
                    }
                    let (range, pointer) = key_place(tree, field.site);
                    sink.report(
                        FileKind::ApiDefinition,
                        range,
                        pointer,
                        format!(
                            "New required input {name} of operation {operation} has no \
                             default: existing flows do not set it"
                        ),
                    );
                }
            }
        }
    }
}
