use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::model::connector::Publishing;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Checks `iconBrandColor` in apiProperties.json: a colour `#RRGGBB`; for a certified
    /// connector not `#007ee5` (the portal's default) or `#ffffff`; for an independent
    /// publisher's connector `#da3b01`.
    ///
    /// ## Why
    /// The colour is the background of the connector's icon wherever it is shown. Microsoft's
    /// certification rejects the default blue and white, and requires `#da3b01` of
    /// independent publishers. Where a connector is published is read from its folder in a
    /// checkout of the connectors repository (`certified-connectors/`,
    /// `independent-publisher-connectors/`; `custom-connectors/` are not certified). Outside
    /// such a checkout, the certification requirements are reported only under the
    /// certification profile (as a hint otherwise).
    ///
    /// ## Example
    /// ```json
    /// "iconBrandColor": "#007ee5"
    /// ```
    ///
    /// ## Fix
    /// Choose the brand's colour (`#da3b01` for independent publishers). No automatic fix,
    /// except for an independent publisher, where the colour is prescribed.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "icon-brand-color-invalid",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "iconBrandColor is not a colour certification accepts",
        reference: Some(links::CERTIFICATION),
        policy: ["5000.2.1.1"],
        certification: Error,
        check: check,
    }
}

/// What independent publishers must use.
const INDEPENDENT_PUBLISHER_COLOR: &str = "#da3b01";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    let Some(node) = properties
        .properties
        .and_then(|p| tree.get(p, "iconBrandColor"))
    else {
        return;
    };
    let Some(color) = tree.as_str(node) else {
        return;
    };
    let is_hex = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    let publishing = Publishing::of(&ctx.connector.dir);
    let problem = if !is_hex {
        Some(format!(
            "iconBrandColor '{}' is not a colour '#RRGGBB'",
            excerpt(color)
        ))
    } else if publishing == Publishing::IndependentPublisher
        && !color.eq_ignore_ascii_case(INDEPENDENT_PUBLISHER_COLOR)
    {
        Some(format!(
            "Independent publishers' connectors use iconBrandColor {INDEPENDENT_PUBLISHER_COLOR}, not '{color}'"
        ))
    } else if publishing != Publishing::IndependentPublisher
        && publishing != Publishing::Custom
        && ["#007ee5", "#ffffff"].contains(&color.to_ascii_lowercase().as_str())
    {
        Some(format!(
            "iconBrandColor '{color}' is the portal's default or white, which certification rejects: use the brand's colour"
        ))
    } else {
        None
    };
    let Some(message) = problem else { return };
    // Outside a checkout of the connectors repository, certification is a guess.
    let guess = is_hex && publishing == Publishing::Unknown && sink.lenient();
    let diagnostic = sink.at_value(FileKind::ApiProperties, tree, node, message);
    if guess {
        diagnostic.severity = Severity::Hint;
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Connector, FileKind, SourceFile};
    use crate::rules::{RuleConfig, analyze};

    /// The findings of the rule for a connector in `folder` whose colour is `color`.
    fn findings(folder: &str, color: &str) -> Vec<(crate::diagnostic::Severity, String)> {
        let text = format!(r#"{{"properties": {{"iconBrandColor": "{color}"}}}}"#);
        let dir = std::path::Path::new("/repo").join(folder).join("Contoso");
        let file = SourceFile::from_text(
            FileKind::ApiProperties,
            dir.join("apiProperties.json"),
            text,
        );
        let connector = Connector::from_files(dir, vec![file], Vec::new());
        analyze(&connector, &RuleConfig::default())
            .into_iter()
            .filter(|d| d.rule == "icon-brand-color-invalid")
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn the_colour_certification_wants_depends_on_where_the_connector_is_published() {
        use crate::diagnostic::Severity::{Hint, Warning};
        let ip = "independent-publisher-connectors";
        assert_eq!(findings(ip, "#da3b01"), []);
        assert_eq!(findings(ip, "#DA3B01"), []);
        assert_eq!(findings(ip, "#1f6feb")[0].0, Warning);
        assert!(findings(ip, "#1f6feb")[0].1.contains("#da3b01"));
        assert_eq!(findings("certified-connectors", "#FFFFFF")[0].0, Warning);
        assert_eq!(findings("certified-connectors", "#da3b01"), []);
        assert_eq!(findings("custom-connectors", "#007ee5"), []);
        assert_eq!(findings("elsewhere", "#007ee5")[0].0, Hint);
        assert_eq!(findings("custom-connectors", "#07e")[0].0, Warning);
    }
}
