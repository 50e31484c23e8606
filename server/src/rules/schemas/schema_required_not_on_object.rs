use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, schema_objects};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `required` list on a schema whose `type` is not `object` (an array, a
    /// string…). A schema without `type` is not reported.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`RequiredPropertyNotOnObject`: "The property
    /// 'required' is applicable to schemas with 'object' type only and should be removed.").
    /// Only objects have properties to require, so the list has no effect: usually it belongs
    /// to the schema of the array's `items`. Eight published connectors, all certified, have
    /// such lists, so the platform tolerates them: a warning by default, an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "schema": { "type": "array", "required": ["id"], "items": { "type": "object" } }
    /// ```
    ///
    /// ## Fix
    /// Remove the `required` list (move it to `items` if that is what it meant).
    ///
    /// ## Fix safety
    /// Safe: the list has no effect where it stands, so the values accepted are the same.
    RULE {
        id: "schema-required-not-on-object",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A 'required' list stands on a schema that is not an object",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["RequiredPropertyNotOnObject"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    for (node, loc) in schema_objects(ctx) {
        let Some(declared) = tree.get_str(node, "type").filter(|t| *t != "object") else {
            continue;
        };
        let Some(index) = tree
            .members(node)
            .iter()
            .position(|m| &*m.key == "required" && tree.is_array(m.value))
        else {
            continue;
        };
        let list = tree.members(node)[index].value;
        sink.at_key(
            kind,
            tree,
            list,
            format!(
                "{} is of type '{}' but has a 'required' list, which applies to objects only",
                describe(tree, node, loc),
                excerpt(declared)
            ),
        )
        .with_fix(Fix::safe(
            "Remove 'required'",
            vec![remove_member(kind, tree, node, index)],
        ));
    }
}
