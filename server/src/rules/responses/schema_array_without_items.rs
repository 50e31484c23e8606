use crate::diagnostic::Fix;
use crate::edit::json::Json;
use crate::edit::json::insert_member;
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::has_type;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::TextRange;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports every schema and every non-body parameter, response header or `items` object
    /// with `"type": "array"` but no `items`. It looks at definitions, shared parameters and
    /// responses, operation and path-level parameters, response schemas and headers,
    /// `x-ms-notification-content` schemas and everything nested in them (`properties`,
    /// `items`, `allOf`, `additionalProperties`). Examples, defaults, enums, test values and
    /// other vendor extensions are not schemas and are skipped.
    ///
    /// ## Why
    /// Swagger 2.0 requires `items` on arrays, and Microsoft's validator rejects an array
    /// without them ("The array should have items specified."). Even where a definition gets
    /// through, the designer cannot tell makers what the array holds, so its elements are
    /// unusable as dynamic content.
    ///
    /// ## Example
    /// ```json
    /// "attributes": { "type": "array", "description": "Referral attributes" }
    /// ```
    ///
    /// ## Fix
    /// Insert `"items": {"type": "string"}`.
    ///
    /// ## Fix safety
    /// Unsafe. `string` is a placeholder: replace it with the real element type or schema, which
    /// shapes the outputs makers see.
    RULE {
        id: "schema-array-without-items",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An array schema or parameter has no 'items'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ArrayHasNoItems"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, swagger)) = &ctx.definition else {
        return;
    };
    // Every schema-like object once, without following `$ref` (the shared walk of the
    // definition's grammar, which skips examples, defaults and other data).
    for (node, loc) in ctx.objects_at(&[Loc::Parameter, Loc::Items, Loc::Header, Loc::Schema]) {
        // A body parameter's array is described by its schema, which is walked on its own.
        if loc == Loc::Parameter && swagger.tree.get_str(node, "in") == Some("body") {
            continue;
        }
        report(sink, ctx, node, loc);
    }
}

/// Report `node` if it is an array without `items`.
fn report(sink: &mut Sink, ctx: &Context, node: NodeId, place: Loc) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    if !has_type(tree, node, "array") || tree.get(node, "items").is_some() {
        return;
    }
    let Some(type_member) = tree.member(node, "type") else {
        return;
    };
    let pointer = excerpt(&tree.pointer(node)).into_owned();
    let what = match place {
        Loc::Parameter => match tree.get_str(node, "name") {
            Some(name) => format!("Parameter '{}'", excerpt(name)),
            None => format!("Parameter at {pointer}"),
        },
        Loc::Header => match tree.member_of(node) {
            Some(member) => format!("Response header '{}'", excerpt(&member.key)),
            None => format!("Response header at {pointer}"),
        },
        Loc::Items => {
            // Climb `items` of `items` to the parameter or header that owns them.
            let mut owner = node;
            while let Some(member) = tree.member_of(owner)
                && &*member.key == "items"
                && let Some(parent) = tree.parent(owner)
            {
                owner = parent;
            }
            match tree.get_str(owner, "name") {
                Some(name) => format!("The 'items' object of parameter '{}'", excerpt(name)),
                None => format!("Items at {pointer}"),
            }
        }
        _ => format!("Schema at {pointer}"),
    };
    let range = TextRange::new(
        type_member.key_range.start,
        tree.range(type_member.value).end,
    );
    let items = Json::object([("type", Json::str("string"))]);
    let edit = insert_member(
        file.kind,
        &file.text,
        tree,
        node,
        "items",
        &items.for_member_of(&file.text, tree, node),
    );
    sink.report(
        file.kind,
        range,
        pointer,
        format!(
            "{what} is of type 'array' but has no 'items'; the connector validator rejects it and \
             makers cannot tell what the array holds"
        ),
    )
    .with_fix(Fix::unsafe_(
        "Add \"items\": {\"type\": \"string\"}",
        vec![edit],
    ));
}
