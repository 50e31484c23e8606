use crate::edit::names::did_you_mean;
use crate::edit::rename::closest_operation_fix;
use crate::links;
use crate::model::FileKind;
use crate::model::references::RefKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operationId in a policy template instance's
    /// `x-ms-apimTemplate-operationName` list (apiProperties.json) that does not exist in
    /// the definition.
    ///
    /// ## Why
    /// The policy only applies to the operations it names. A wrong name means the header,
    /// host rewrite or route silently does not happen at run time, which shows up as failing
    /// requests far from the cause.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-apimTemplate-operationName": ["Listforms"]
    /// ```
    ///
    /// ## Fix
    /// Replace with the closest existing operationId. An id that is an error itself (blank,
    /// with whitespace, or used by two operations) is never suggested.
    ///
    /// ## Fix safety
    /// Unsafe, even when only the case differs: the corrected name makes the policy apply to an
    /// operation it does not apply to today, which changes the requests that operation sends.
    RULE {
        id: "policy-operation-unknown",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A policy targets an operationId that does not exist",
        reference: Some(links::POLICIES),
        check: check,
    }
}

/// The policy instance object that holds an operation name (item → list → parameters →
/// instance, or name → parameters → instance).
fn policy_title(tree: &JsonTree, name: NodeId) -> Option<&str> {
    let mut node = tree.parent(name)?;
    if tree.is_array(node) {
        node = tree.parent(node)?;
    }
    let instance = tree.parent(node)?;
    tree.get_str(instance, "title")
        .or_else(|| tree.get_str(instance, "templateId"))
}

fn check(ctx: &Context, sink: &mut Sink) {
    let (Some(swagger), Some(properties)) = (ctx.swagger(), ctx.api_properties()) else {
        return;
    };
    let tree = properties.tree;
    for reference in &ctx.operation_refs {
        if reference.kind != RefKind::PolicyOperation || swagger.resolves(reference) {
            continue;
        }
        let node = reference.node.expect("apiProperties references are JSON");
        let (suggestion, fix) = closest_operation_fix(ctx, reference);
        let policy =
            policy_title(tree, node).map_or_else(String::new, |t| format!(" '{}'", excerpt(t)));
        let message = format!(
            "Policy{policy} targets operationId '{}', which does not exist, so the policy never applies to it{}",
            excerpt(&reference.name),
            did_you_mean(suggestion.as_deref())
        );
        let diagnostic = sink.at_value(FileKind::ApiProperties, tree, node, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
