//! A tag defined twice in the root `tags` list.

use std::collections::HashMap;

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a tag name defined a second time in the root `tags` list.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`TagRedefined`: "The 'tags' property defines tag
    /// '{0}' multiple times."), and Swagger 2.0 asks for unique tag names: the two entries may
    /// describe the tag differently and tools keep one. No published connector has one; the
    /// platform ignores tags, so it is a warning by default, an error under the certification
    /// profile.
    ///
    /// ## Example
    /// ```json
    /// "tags": [{ "name": "Items" }, { "name": "Items", "description": "Item operations" }]
    /// ```
    ///
    /// ## Fix
    /// Remove one of the entries (keep the description worth keeping).
    ///
    /// ## Fix safety
    /// No automatic fix: which entry to keep is for a person to decide.
    RULE {
        id: "tag-duplicate",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A tag is defined twice in 'tags'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["TagRedefined"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(tags) = tree.get(swagger.root, "tags") else {
        return;
    };
    let mut first_by_name: HashMap<&str, NodeId> = HashMap::new();
    for &tag in tree.items(tags) {
        let Some(name_node) = tree.get(tag, "name") else {
            continue;
        };
        let Some(name) = tree.as_str(name_node) else {
            continue;
        };
        match first_by_name.get(name) {
            Some(&first) => {
                sink.at_value(
                    file.kind,
                    tree,
                    name_node,
                    format!("Tag '{}' is defined twice in 'tags'", excerpt(name)),
                )
                .with_related(file.kind, tree.range(first), "the first definition");
            }
            None => {
                first_by_name.insert(name, name_node);
            }
        }
    }
}
