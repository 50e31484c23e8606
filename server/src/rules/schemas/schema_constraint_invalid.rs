use crate::diagnostic::{Fix, Severity};
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::model::schemas::number;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::ecma_pattern::ecma_pattern_error;
use crate::rules::schemas::{constrained_objects, describe};
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports the validation keywords of a schema, parameter, `items` or response header
    /// that contradict themselves: `exclusiveMaximum` / `exclusiveMinimum` without `maximum`
    /// / `minimum`; a negative `maxItems`, `maxLength`, `maxProperties`, `minItems`,
    /// `minLength` or `minProperties`; `minimum` above `maximum`, `minItems` above `maxItems`,
    /// `minLength` above `maxLength`; a `multipleOf` that is not above zero; a `pattern` that
    /// is not a valid ECMA-262 regular expression (the dialect Swagger 2.0 names; checked by a
    /// small parser of its syntax: groups, classes, quantifiers, group kinds). Each finding
    /// carries its own validator code.
    ///
    /// An `exclusiveMaximum` / `exclusiveMinimum` of `false` without its bound is a warning:
    /// it states the default and changes nothing (one published connector has two).
    ///
    /// ## Why
    /// Microsoft's validator rejects each of these (the Metadata codes of its page). No value
    /// satisfies a contradictory constraint, so a maker could never fill the field, and a
    /// pattern that does not compile cannot check anything.
    ///
    /// ## Example
    /// ```json
    /// "pageSize": { "type": "integer", "minimum": 100, "maximum": 10, "exclusiveMaximum": true }
    /// ```
    ///
    /// ## Fix
    /// Remove a negative `minItems`, `minLength` or `minProperties` (no lower bound is what a
    /// negative one means) and an `exclusiveMaximum` / `exclusiveMinimum` with nothing to
    /// qualify. Reversed bounds, negative maxima, `multipleOf` and patterns need a person:
    /// which bound is wrong is not written anywhere.
    ///
    /// ## Fix safety
    /// Safe. The removed keywords constrain nothing (a negative lower bound, an exclusivity
    /// flag without its bound), so the values accepted are the same, and the validator
    /// rejects them as written.
    RULE {
        id: "schema-constraint-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A schema's validation keywords contradict themselves",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "ExclusiveMaximumRequiresMaximum",
            "ExclusiveMinimumRequiresMinimum",
            "MaxItemsMustBeGreaterThanOrEqualToZero",
            "MaxLengthMustBeGreaterThanOrEqualToZero",
            "MaxPropertiesMustBeGreaterThanOrEqualToZero",
            "MinItemsMustBeGreaterThanOrEqualToZero",
            "MinLengthMustBeGreaterThanOrEqualToZero",
            "MinPropertiesMustBeGreaterThanOrEqualToZero",
            "MinimumShouldBeLessThanOrEqualToMaximum",
            "MinItemsShouldBeLessThanOrEqualToMaxItems",
            "MinLengthShouldBeLessThanOrEqualToMaxLength",
            "MultipleOfMustBeGreaterThanZero",
            "PatternShouldBeValidRegularExpression",
        ],
        check: check,
    }
}

/// Keywords that may not be negative, with their code and whether removing a negative value
/// changes nothing (a negative lower bound bounds nothing).
const NON_NEGATIVE: [(&str, &str, bool); 6] = [
    ("maxItems", "MaxItemsMustBeGreaterThanOrEqualToZero", false),
    (
        "maxLength",
        "MaxLengthMustBeGreaterThanOrEqualToZero",
        false,
    ),
    (
        "maxProperties",
        "MaxPropertiesMustBeGreaterThanOrEqualToZero",
        false,
    ),
    ("minItems", "MinItemsMustBeGreaterThanOrEqualToZero", true),
    ("minLength", "MinLengthMustBeGreaterThanOrEqualToZero", true),
    (
        "minProperties",
        "MinPropertiesMustBeGreaterThanOrEqualToZero",
        true,
    ),
];

/// Lower and upper bounds that must be in order, with their code.
const ORDERED: [(&str, &str, &str); 3] = [
    (
        "minimum",
        "maximum",
        "MinimumShouldBeLessThanOrEqualToMaximum",
    ),
    (
        "minItems",
        "maxItems",
        "MinItemsShouldBeLessThanOrEqualToMaxItems",
    ),
    (
        "minLength",
        "maxLength",
        "MinLengthShouldBeLessThanOrEqualToMaxLength",
    ),
];

/// Exclusivity flags and the bound each qualifies, with their code.
const EXCLUSIVE: [(&str, &str, &str); 2] = [
    (
        "exclusiveMaximum",
        "maximum",
        "ExclusiveMaximumRequiresMaximum",
    ),
    (
        "exclusiveMinimum",
        "minimum",
        "ExclusiveMinimumRequiresMinimum",
    ),
];

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    let value_of = |node: NodeId, key: &str| {
        tree.get(node, key)
            .and_then(|value| number(&file.text, tree, value))
    };
    for (node, loc) in constrained_objects(ctx) {
        let what = describe(tree, node, loc);
        for (flag, bound, code) in EXCLUSIVE {
            if tree.get(node, bound).is_some() {
                continue;
            }
            let Some(index) = tree.members(node).iter().position(|m| &*m.key == flag) else {
                continue;
            };
            let member = &tree.members(node)[index];
            // `false` states the default and changes nothing: worth removing, not blocking.
            let harmless = tree.as_bool(member.value) == Some(false);
            let grade_itself = sink.may_grade();
            let diagnostic = sink
                .at_key(
                    kind,
                    tree,
                    member.value,
                    format!(
                        "{what} sets '{flag}' but no '{bound}': there is no bound for it to make \
                         exclusive"
                    ),
                )
                .with_validator(code)
                .with_fix(Fix::safe(
                    format!("Remove '{flag}'"),
                    vec![remove_member(kind, tree, node, index)],
                ));
            if harmless && grade_itself {
                diagnostic.severity = Severity::Warning;
            }
        }
        for (key, code, removable) in NON_NEGATIVE {
            let Some(value) = value_of(node, key).filter(|v| *v < 0.0) else {
                continue;
            };
            let Some(index) = tree.members(node).iter().position(|m| &*m.key == key) else {
                continue;
            };
            let member = &tree.members(node)[index];
            let diagnostic = sink
                .at_value(
                    kind,
                    tree,
                    member.value,
                    format!("{what} has '{key}' {value}; a count or length cannot be negative"),
                )
                .with_validator(code);
            if removable {
                diagnostic.with_fix(Fix::safe(
                    format!("Remove '{key}'"),
                    vec![remove_member(kind, tree, node, index)],
                ));
            }
        }
        for (low, high, code) in ORDERED {
            let (Some(min), Some(max)) = (value_of(node, low), value_of(node, high)) else {
                continue;
            };
            // Negative bounds are reported above, on their own.
            if min <= max || min < 0.0 || max < 0.0 {
                continue;
            }
            let (Some(low_node), Some(high_node)) = (tree.get(node, low), tree.get(node, high))
            else {
                continue;
            };
            sink.at_value(
                kind,
                tree,
                low_node,
                format!("{what} has '{low}' {min} above '{high}' {max}; no value satisfies both"),
            )
            .with_validator(code)
            .with_related(kind, tree.range(high_node), format!("'{high}' is here"));
        }
        if let Some(value) = value_of(node, "multipleOf").filter(|v| *v <= 0.0)
            && let Some(value_node) = tree.get(node, "multipleOf")
        {
            sink.at_value(
                kind,
                tree,
                value_node,
                format!("{what} has 'multipleOf' {value}; it must be greater than zero"),
            )
            .with_validator("MultipleOfMustBeGreaterThanZero");
        }
        if let Some(pattern_node) = tree.get(node, "pattern")
            && let Some(pattern) = tree.as_str(pattern_node)
            && let Some(error) = ecma_pattern_error(pattern)
        {
            sink.at_value(
                kind,
                tree,
                pattern_node,
                format!(
                    "{what} has 'pattern' '{}', which is not a valid regular expression: {error}",
                    excerpt(pattern)
                ),
            )
            .with_validator("PatternShouldBeValidRegularExpression");
        }
    }
}
