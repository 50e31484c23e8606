use crate::links;
use crate::model::FileKind;
use crate::model::schemas::LiteralType;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{constrained_objects, describe};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an `enum` value whose JSON type is not the declared `type` of its schema,
    /// parameter, `items` or header: `"true"` in a boolean enum, `"1"` or `1.5` in an integer
    /// enum, `3` in a string enum. `null` is allowed (a nullable value).
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`InvalidEnumValue`: "The type of the enum value is
    /// '{0}' but it should be '{1}' as specified in the schema."). 14 published connectors,
    /// certified ones among them, write `"true"` and `"false"` in boolean enums, so the
    /// platform tolerates it: a warning by default, an error under the certification profile.
    ///
    /// ## Example
    /// ```json
    /// "allDay": { "type": "boolean", "enum": ["true", "false"] }
    /// ```
    ///
    /// ## Fix
    /// Write the values as literals of the declared type (`true`, `false`), or change the
    /// `type`.
    ///
    /// ## Fix safety
    /// No automatic fix: which of the two is wrong, the values or the type, is for a person to
    /// decide.
    RULE {
        id: "schema-enum-value-type-mismatch",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An enum value is not of the schema's declared type",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["InvalidEnumValue"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    for (node, loc) in constrained_objects(ctx) {
        let (Some(list), Some(expected)) = (tree.get(node, "enum"), tree.get_str(node, "type"))
        else {
            continue;
        };
        for &item in tree.items(list) {
            let Some(actual) = mismatched_type(text, tree, item, expected) else {
                continue;
            };
            sink.at_value(
                file.kind,
                tree,
                item,
                format!(
                    "{} is of type '{expected}' but its enum value {} is {}; write it as a \
                     literal of type '{expected}'",
                    describe(tree, node, loc),
                    excerpt(&text[tree.range(item).as_usize()]),
                    actual.with_article()
                ),
            );
        }
    }
}

/// What an enum value is when its JSON type does not fit the declared scalar `type`; `None`
/// when it fits, is `null`, or the type is not a scalar type (an enum of arrays or objects is
/// not compared).
fn mismatched_type(
    text: &str,
    tree: &JsonTree,
    node: NodeId,
    expected: &str,
) -> Option<LiteralType> {
    let scalar = matches!(expected, "string" | "integer" | "number" | "boolean");
    LiteralType::of(tree, text, node).filter(|actual| scalar && !actual.fits(expected))
}
