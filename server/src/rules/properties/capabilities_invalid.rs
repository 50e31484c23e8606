use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::{excerpt, excerpt_list};
use crate::vocabulary::{self, Loc};

declare_rule! {
    /// ## What it does
    /// Reports an item of `capabilities` in apiProperties.json that is not one the platform
    /// knows (`actions`, `triggers`, `gateway`), or not a string. Case is not compared:
    /// published certified connectors write `Actions`.
    ///
    /// ## Why
    /// `capabilities` says what the connector offers; an unknown value is a typo the
    /// platform does not read (the connector then offers less than meant), and reviewers ask
    /// for it to be corrected.
    ///
    /// ## Example
    /// ```json
    /// "capabilities": ["actions", "trigger"]
    /// ```
    ///
    /// ## Fix
    /// Write one of the known values. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "capabilities-invalid",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "capabilities lists a value the platform does not know",
        reference: Some(links::PACONN),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    let Some(list) = properties
        .properties
        .and_then(|p| tree.get(p, "capabilities"))
        .filter(|&node| tree.is_array(node))
    else {
        return;
    };
    let Some(key) = vocabulary::find(Loc::Properties, "capabilities") else {
        return;
    };
    let known = || key.values.iter().map(|v| v.value);
    for &item in tree.items(list) {
        let accepted = tree
            .as_str(item)
            .is_some_and(|value| known().any(|k| k.eq_ignore_ascii_case(value)));
        if accepted {
            continue;
        }
        let shown = tree.as_str(item).map_or_else(
            || "a value that is not a string".to_string(),
            |value| format!("'{}'", excerpt(value)),
        );
        let message = format!(
            "capabilities lists {shown}, which is none of {}",
            excerpt_list(known().collect::<Vec<_>>().into_iter())
        );
        sink.at_value(FileKind::ApiProperties, tree, item, message);
    }
}
