use crate::model::FileKind;
use crate::model::api_properties::ConnectionParameter;
use crate::rules::breaking::was_at;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a connection parameter of apiProperties.json (in
    /// `connectionParameters` or a `connectionParameterSets` set) that is gone, deleted or
    /// renamed, at the parameters that remain, with where it was.
    ///
    /// ## Why
    /// Existing connections hold a value for each connection parameter by name. Microsoft's
    /// change validator rejects the update (`ConnectionParametersRemoved`): the connections
    /// no longer match the connector.
    ///
    /// ## Example
    /// At the base `"connectionParameters": { "api_key": … }`; now `{ "apiKey": … }`.
    ///
    /// ## Fix
    /// Keep the parameter's name; change only its display name (`uiDefinition`).
    ///
    /// ## Fix safety
    /// No automatic fix: a new name may be deliberate.
    RULE {
        id: "breaking-connection-parameter-removed",
        severity: Error,
        file: Some(FileKind::ApiProperties),
        summary: "A connection parameter was removed or renamed",
        reference: None,
        validator: ["ConnectionParametersRemoved"],
        check: check,
    }
}

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a connection parameter of apiProperties.json whose
    /// `type` changed (`securestring` to `oauthSetting`), or whose OAuth identity provider
    /// changed (`oAuthSettings.identityProvider`), at the new value.
    ///
    /// ## Why
    /// The value each existing connection holds was made for the old type or provider: every
    /// connection must be made again, and the flows that use them fail until it is.
    ///
    /// ## Example
    /// At the base `"identityProvider": "oauth2"`; now `"identityProvider": "aad"`.
    ///
    /// ## Fix
    /// Keep the parameter as it was and add the new authentication beside it
    /// (`connectionParameterSets`), or publish a new connector.
    ///
    /// ## Fix safety
    /// No automatic fix: authentication is the API's.
    CHANGED {
        id: "breaking-connection-parameter-changed",
        severity: Error,
        file: Some(FileKind::ApiProperties),
        summary: "The type or identity provider of a connection parameter changed",
        reference: None,
        check: check_changed,
    }
}

fn check_changed(ctx: &Context, sink: &mut Sink) {
    let Some(base) = &ctx.base else { return };
    let (Some((base_file, before)), Some((file, now))) = (&base.index.properties, &ctx.properties)
    else {
        return;
    };
    if base_file.text == file.text {
        return;
    }
    let provider_of = |tree, node| provider(tree, node).map(|(_, text)| text);
    for old in &before.connection_parameters {
        // The same name may stand in several `connectionParameterSets`: the parameter is
        // unchanged when one of today's has its type and provider.
        let same_name: Vec<&ConnectionParameter> = (now.connection_parameters.iter())
            .filter(|p| p.name == old.name)
            .collect();
        let old_provider = provider_of(before.tree, old.node);
        let unchanged = |new: &&ConnectionParameter| {
            new.kind == old.kind && provider_of(now.tree, new.node) == old_provider
        };
        let Some(&new) = same_name.first() else {
            continue;
        };
        if same_name.iter().any(unchanged) {
            continue;
        }
        let name = excerpt(old.name);
        let (at, what, was, is) = match (old.kind, new.kind) {
            (Some(was), Some(is)) if was != is => {
                let at = now.tree.get(new.node, "type").unwrap_or(new.node);
                (at, "type", was, is)
            }
            _ => match (old_provider, provider(now.tree, new.node)) {
                (Some(was), Some((at, is))) if was != is => (at, "identity provider", was, is),
                _ => continue,
            },
        };
        sink.at_value(
            file.kind,
            now.tree,
            at,
            format!(
                "The {what} of connection parameter '{name}' changed from '{}' to '{}': every \
                 existing connection must be made again",
                excerpt(was),
                excerpt(is)
            ),
        );
    }
}

/// The `oAuthSettings.identityProvider` of a connection parameter: its value node and text.
fn provider(tree: &JsonTree, node: NodeId) -> Option<(NodeId, &str)> {
    let value = tree.path(node, &["oAuthSettings", "identityProvider"])?;
    Some((value, tree.as_str(value)?))
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(base) = &ctx.base else { return };
    let (Some((base_file, before)), Some((file, now))) = (&base.index.properties, &ctx.properties)
    else {
        return;
    };
    if base_file.text == file.text {
        return;
    }
    let tree = now.tree;
    let place = ["connectionParameters", "connectionParameterSets"]
        .iter()
        .find_map(|key| tree.member(now.properties?, key))
        .map(|member| (member.key_range, tree.pointer(member.value)))
        .or_else(|| {
            let member = tree.member(now.root, "properties")?;
            Some((member.key_range, tree.pointer(member.value)))
        })
        .unwrap_or_else(|| (tree.range(now.root), String::new()));
    let mut reported = std::collections::HashSet::new();
    for parameter in &before.connection_parameters {
        if now
            .connection_parameters
            .iter()
            .any(|p| p.name == parameter.name)
            || !reported.insert(parameter.name)
        {
            continue;
        }
        let related = was_at(base_file, before.tree, parameter.node, base.label);
        let (range, pointer) = place.clone();
        sink.report(
            file.kind,
            range,
            pointer,
            format!(
                "Connection parameter '{}' was removed or renamed: existing connections no \
                 longer match the connector",
                excerpt(parameter.name)
            ),
        )
        .with_related(file.kind, range, related);
    }
}
