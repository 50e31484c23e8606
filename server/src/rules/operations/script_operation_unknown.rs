use crate::diagnostic::Fix;
use crate::edit::json::remove_item;
use crate::edit::names::did_you_mean;
use crate::edit::rename::closest_operation_fix;
use crate::links;
use crate::model::FileKind;
use crate::model::references::RefKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an entry of `scriptOperations` in apiProperties.json that is not the
    /// operationId of any operation in the definition.
    ///
    /// ## Why
    /// `scriptOperations` lists the operations whose requests go through script.csx. A typo
    /// means the intended operation silently bypasses the custom code. Two certified
    /// connectors still carry `postCall`, copied from the paconn README sample.
    ///
    /// ## Example
    /// ```json
    /// "scriptOperations": ["postCall"]
    /// ```
    ///
    /// ## Fix
    /// Replace with the closest existing operationId, or remove the entry. An id that is an
    /// error itself (blank, with whitespace, or used by two operations) is never suggested.
    ///
    /// ## Fix safety
    /// Both unsafe, even when only the case differs: the corrected entry sends an operation
    /// through custom code that it bypasses today, and removing the entry drops what the author
    /// meant to route.
    RULE {
        id: "script-operation-unknown",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A scriptOperations entry is not an operationId",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let (Some(swagger), Some(properties)) = (ctx.swagger(), ctx.api_properties()) else {
        return;
    };
    let tree = properties.tree;
    for reference in &ctx.operation_refs {
        if reference.kind != RefKind::ScriptOperations || swagger.resolves(reference) {
            continue;
        }
        let node = reference.node.expect("apiProperties references are JSON");
        let (suggestion, fix) = closest_operation_fix(ctx, reference);
        let message = format!(
            "scriptOperations entry '{}' does not match any operationId, so no operation runs script.csx for it{}",
            excerpt(&reference.name),
            did_you_mean(suggestion.as_deref())
        );
        let diagnostic = sink.at_value(FileKind::ApiProperties, tree, node, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
        if let Some(list) = tree.parent(node) {
            let index = tree.items(list).iter().position(|&item| item == node);
            if let Some(index) = index {
                let edit = remove_item(FileKind::ApiProperties, tree, list, index);
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Remove '{}'", excerpt(&reference.name)),
                    vec![edit],
                ));
            }
        }
    }
}
