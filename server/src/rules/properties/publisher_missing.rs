use crate::links;
use crate::model::FileKind;
use crate::model::connector::Publishing;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports apiProperties.json without `publisher` or `stackOwner` (or with an empty one).
    ///
    /// ## Why
    /// Certification shows who publishes the connector and who owns the service behind it;
    /// reviewers asked for `stackOwner` in seven pull-request threads. Published connectors
    /// from before the requirement lack them (41 certified ones have no `publisher`, 53 no
    /// `stackOwner`), so this is a warning; no validator or policy code names it, so it stays
    /// one under the certification profile.
    /// Samples under `custom-connectors/` are not certified and are left alone.
    ///
    /// ## Example
    /// ```json
    /// "properties": { "iconBrandColor": "#da3b01", "publisher": "Jane Doe" }
    /// ```
    ///
    /// ## Fix
    /// Add `"stackOwner"`: the company that owns the service (for a verified publisher, the
    /// publisher itself). No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "publisher-missing",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "apiProperties.json does not say who publishes the connector and owns the service",
        reference: Some(links::CERTIFICATION),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let Some(object) = properties.properties else {
        return;
    };
    if Publishing::of(&ctx.connector.dir) == Publishing::Custom {
        return;
    }
    let tree = properties.tree;
    for (key, who) in [
        ("publisher", "who publishes the connector"),
        ("stackOwner", "who owns the service behind it"),
    ] {
        let value = tree.get(object, key);
        if value
            .and_then(|v| tree.as_str(v))
            .is_some_and(|text| !text.trim().is_empty())
        {
            continue;
        }
        let message = format!("apiProperties.json has no {key}: certification shows {who}");
        match value {
            Some(value) => sink.at_value(FileKind::ApiProperties, tree, value, message),
            None => sink.at_key(FileKind::ApiProperties, tree, object, message),
        };
    }
}
