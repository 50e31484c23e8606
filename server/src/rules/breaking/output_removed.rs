use crate::model::FileKind;
use crate::model::swagger::Operation;
use crate::rules::breaking::{
    Definitions, Fields, Side, definitions, field_name, key_place, report_gone, topmost_gone,
};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a property of an operation's response (its output) that
    /// is gone, also through `$ref` and `allOf`, at its nearest surviving parent schema (or
    /// the operation), with where it was; and a success response that lost its schema as a
    /// whole, once, at that response (or the operation's `responses`). Moving a schema to
    /// `definitions` is no change, nor is a success response renumbered (200 to 201).
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
            if base.hidden(index) || !topmost_gone(base, fields, index) {
                continue;
            }
            if field.parent.is_none() {
                report_response_gone(&defs, sink, op, base, index);
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

/// A success response of the base whose schema is gone now (the schema removed, or the
/// response itself): one finding for all its outputs. Error responses are not outputs flows
/// use, and a schema that said nothing (`{}`) offered none.
fn report_response_gone(
    defs: &Definitions,
    sink: &mut Sink,
    op: &Operation,
    base: &Fields,
    index: usize,
) {
    let response = &base.list[index];
    let code = response.key.as_str();
    // A schema's fields follow it in the list, so its first child comes right after it.
    let has_children = base
        .list
        .get(index + 1)
        .is_some_and(|f| f.parent == Some(index));
    if !code.starts_with('2') || (response.kind.is_none() && !has_children) {
        return;
    }
    let (swagger, tree) = (&defs.now, defs.now.tree);
    let place = match swagger.responses(op).iter().find(|r| r.code == code) {
        Some(now) => key_place(tree, now.node),
        None => match tree.member(op.node, "responses") {
            Some(member) => (member.key_range, tree.pointer(member.value)),
            None => defs.operation_range(op),
        },
    };
    let message = format!(
        "The response {code} of operation {} lost its schema: flows that use its outputs lose \
         all of them",
        swagger.name(op)
    );
    defs.report_moved(sink, place, response.site, message);
}
