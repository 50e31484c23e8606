use crate::diagnostic::Fix;
use crate::edit::json::Json;
use crate::edit::json::insert_member;
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::{METHODS, has_type};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::TextRange;
use crate::text::excerpt;

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

/// What a node is in the grammar of a Swagger 2.0 document, as far as this rule cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    PathItem,
    Operation,
    Parameter,
    Response,
    Notification,
    Header,
    Items,
    Schema,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    // An explicit stack: the walk only goes from parents to children, so every node is seen
    // at most once and no `$ref` is followed.
    let mut stack: Vec<(NodeId, Place)> = vec![(swagger.root, Place::Root)];
    // Maps of names (definitions, properties, headers) keep keys starting with `x-`; in
    // `paths` and an operation's `responses` those are vendor extensions.
    let push_members = |stack: &mut Vec<(NodeId, Place)>, node: Option<NodeId>, place| {
        if let Some(node) = node {
            for member in tree.members(node) {
                let extension = member.key.starts_with("x-")
                    && matches!(place, Place::PathItem | Place::Response);
                if !extension {
                    stack.push((member.value, place));
                }
            }
        }
    };
    let push_items = |stack: &mut Vec<(NodeId, Place)>, node: Option<NodeId>, place| {
        if let Some(node) = node {
            stack.extend(tree.items(node).iter().map(|&item| (item, place)));
        }
    };
    while let Some((node, place)) = stack.pop() {
        if !tree.is_object(node) {
            continue;
        }
        let get = |key: &str| tree.get(node, key);
        match place {
            Place::Root => {
                push_members(&mut stack, get("definitions"), Place::Schema);
                push_members(&mut stack, get("parameters"), Place::Parameter);
                push_members(&mut stack, get("responses"), Place::Response);
                push_members(&mut stack, get("paths"), Place::PathItem);
            }
            Place::PathItem => {
                push_items(&mut stack, get("parameters"), Place::Parameter);
                if let Some(content) = get("x-ms-notification-content") {
                    stack.push((content, Place::Notification));
                }
                for member in tree.members(node) {
                    if METHODS.contains(&&*member.key) {
                        stack.push((member.value, Place::Operation));
                    }
                }
            }
            Place::Operation => {
                push_items(&mut stack, get("parameters"), Place::Parameter);
                push_members(&mut stack, get("responses"), Place::Response);
                if let Some(content) = get("x-ms-notification-content") {
                    stack.push((content, Place::Notification));
                }
            }
            Place::Response => {
                if let Some(schema) = get("schema") {
                    stack.push((schema, Place::Schema));
                }
                push_members(&mut stack, get("headers"), Place::Header);
            }
            Place::Notification => {
                if let Some(schema) = get("schema") {
                    stack.push((schema, Place::Schema));
                }
            }
            Place::Parameter => {
                let location = tree.get_str(node, "in");
                if location != Some("body") {
                    report(sink, ctx, node, place);
                    if let Some(items) = get("items") {
                        stack.push((items, Place::Items));
                    }
                }
                if matches!(location, None | Some("body"))
                    && let Some(schema) = get("schema")
                {
                    stack.push((schema, Place::Schema));
                }
            }
            Place::Header | Place::Items => {
                report(sink, ctx, node, place);
                if let Some(items) = get("items") {
                    stack.push((items, Place::Items));
                }
            }
            Place::Schema => {
                report(sink, ctx, node, place);
                push_members(&mut stack, get("properties"), Place::Schema);
                match get("items") {
                    Some(items) if tree.is_array(items) => {
                        push_items(&mut stack, Some(items), Place::Schema);
                    }
                    Some(items) => stack.push((items, Place::Schema)),
                    None => {}
                }
                for combinator in ["allOf", "anyOf", "oneOf"] {
                    push_items(&mut stack, get(combinator), Place::Schema);
                }
                for single in ["additionalProperties", "not"] {
                    if let Some(schema) = get(single) {
                        stack.push((schema, Place::Schema));
                    }
                }
            }
        }
    }
}

/// Report `node` if it is an array without `items`.
fn report(sink: &mut Sink, ctx: &Context, node: NodeId, place: Place) {
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
        Place::Parameter => match tree.get_str(node, "name") {
            Some(name) => format!("Parameter '{}'", excerpt(name)),
            None => format!("Parameter at {pointer}"),
        },
        Place::Header => match tree.member_of(node) {
            Some(member) => format!("Response header '{}'", excerpt(&member.key)),
            None => format!("Response header at {pointer}"),
        },
        Place::Items => {
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
