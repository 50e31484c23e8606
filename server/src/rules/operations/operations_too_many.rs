use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

/// The most operations a connector may define (the limits table of Microsoft's connector
/// FAQ: 256 actions and triggers per connector).
pub const MAX_OPERATIONS: usize = 256;

declare_rule! {
    /// ## What it does
    /// Reports a definition with more than 256 operations (every method of every path,
    /// triggers included), at its `paths` key.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`TotalOperationsCountExceedsMaxAllowed`), and the
    /// custom connector FAQ lists 256 operations as the limit of one connector. The published
    /// connectors stay below it (the largest has 188).
    ///
    /// ## Example
    /// A generated definition with one operation for every endpoint of a large API: 300 paths
    /// with a `get` each.
    ///
    /// ## Fix
    /// Keep the operations makers need, or split the API into several connectors.
    ///
    /// ## Fix safety
    /// No automatic fix: which operations to keep is for a person to decide.
    RULE {
        id: "operations-too-many",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The definition has more operations than a connector may have",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["TotalOperationsCountExceedsMaxAllowed"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let count = swagger.operations.len();
    if count <= MAX_OPERATIONS {
        return;
    }
    let Some(paths) = swagger.tree.get(swagger.root, "paths") else {
        return;
    };
    sink.at_key(
        file.kind,
        swagger.tree,
        paths,
        format!(
            "The definition has {count} operations; a connector may have at most {MAX_OPERATIONS}"
        ),
    );
}
