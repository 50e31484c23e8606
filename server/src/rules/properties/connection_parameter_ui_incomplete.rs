use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a connection parameter shown to users whose `uiDefinition` has no
    /// `description` or no `displayName` (or an empty one).
    ///
    /// ## Why
    /// The connection dialog shows the display name as the field's label and the description
    /// under it; without them users meet a bare key (`api_key`) and no word on where to find
    /// the value. Microsoft's apiProperties validator calls a missing description critical.
    /// Hidden parameters (`constraints.hidden: "true"`, such as `token:TenantId`) are never
    /// shown and are left alone: 38 published connectors have such parameters without a
    /// description, 5 have a shown one.
    ///
    /// ## Example
    /// ```json
    /// "region": { "type": "string", "uiDefinition": { "displayName": "Region" } }
    /// ```
    ///
    /// ## Fix
    /// Write what the value is and where users find it. No automatic fix: a generated
    /// description would say nothing the label does not.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "connection-parameter-ui-incomplete",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A connection parameter shown to users has no description or display name",
        reference: Some(links::CONNECTION_PARAMETERS),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    for parameter in &properties.connection_parameters {
        let Some(ui) = tree.get(parameter.node, "uiDefinition") else {
            continue;
        };
        if !tree.is_object(ui) {
            continue;
        }
        let hidden = tree
            .get(ui, "constraints")
            .and_then(|c| tree.get(c, "hidden"))
            .is_some_and(|h| {
                tree.as_bool(h) == Some(true)
                    || tree
                        .as_str(h)
                        .is_some_and(|s| s.eq_ignore_ascii_case("true"))
            });
        if hidden {
            continue;
        }
        for (key, shows) in [
            (
                "displayName",
                "the label of its field in the connection dialog",
            ),
            (
                "description",
                "the explanation the connection dialog shows under its field",
            ),
        ] {
            let value = tree.get(ui, key);
            if value
                .and_then(|v| tree.as_str(v))
                .is_some_and(|text| !text.trim().is_empty())
            {
                continue;
            }
            let message = format!(
                "The connection parameter '{}' has no {key}, {shows}",
                excerpt(parameter.name)
            );
            match value {
                Some(value) => sink.at_value(FileKind::ApiProperties, tree, value, message),
                None => sink.at_key(FileKind::ApiProperties, tree, ui, message),
            };
        }
    }
}
