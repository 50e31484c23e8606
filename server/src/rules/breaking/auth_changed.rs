use crate::model::FileKind;
use crate::rules::breaking::{definitions, key_place, security_types};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a security definition whose `type` changed (`basic` to
    /// `oauth2`), at the new type, and an authentication type of the base that no security
    /// definition has now, at `securityDefinitions` (or the nearest surviving parent), with
    /// where it was. Renaming a definition while keeping its type is no change.
    ///
    /// ## Why
    /// Every connection made with the old authentication stops working: each maker must create
    /// a new connection and fix every flow. Microsoft's change validator rejects the update
    /// (`AuthenticationMethodRemoved`).
    ///
    /// ## Example
    /// At the base `"securityDefinitions": { "api_key": { "type": "apiKey", … } }`; now
    /// `{ "oauth2_auth": { "type": "oauth2", … } }`.
    ///
    /// ## Fix
    /// Keep the old authentication beside the new one (multiple authentication types, with
    /// `connectionParameterSets`), or publish a new connector.
    ///
    /// ## Fix safety
    /// No automatic fix: authentication is the API's.
    RULE {
        id: "breaking-auth-changed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The authentication type changed or was removed",
        reference: None,
        validator: ["AuthenticationMethodRemoved"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(defs) = definitions(ctx) else {
        return;
    };
    let tree = defs.now.tree;
    let before = security_types(defs.base);
    let now = security_types(defs.now);
    for &(name, kind, node) in &before {
        let Some(kind) = kind else { continue };
        match now.iter().find(|(n, ..)| *n == name) {
            Some(&(_, Some(new_kind), new_node)) if new_kind != kind => {
                if before.iter().any(|(_, k, _)| *k == Some(new_kind)) {
                    // Another definition of the base had that type: the definitions were
                    // swapped; the missing type is reported below, if it is missing.
                    if now.iter().any(|(_, k, _)| *k == Some(kind)) {
                        continue;
                    }
                }
                let at = tree.get(new_node, "type").unwrap_or(new_node);
                sink.at_value(
                    FileKind::ApiDefinition,
                    tree,
                    at,
                    format!(
                        "The authentication type of '{}' changed from '{}' to '{}': every \
                         existing connection stops working",
                        excerpt(name),
                        excerpt(kind),
                        excerpt(new_kind)
                    ),
                );
            }
            Some(_) => {}
            None if now.iter().any(|(_, k, _)| *k == Some(kind)) => {}
            None => {
                let place = match tree.member(defs.now.root, "securityDefinitions") {
                    Some(member) => (member.key_range, tree.pointer(member.value)),
                    None => match tree.member(defs.now.root, "swagger") {
                        Some(member) => (member.key_range, tree.pointer(member.value)),
                        None => key_place(tree, defs.now.root),
                    },
                };
                let message = format!(
                    "The '{}' authentication ('{}') was removed: every existing connection \
                     stops working",
                    excerpt(kind),
                    excerpt(name)
                );
                defs.report_moved(sink, place, node, message);
            }
        }
    }
}
