use crate::diagnostic::Fix;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth::{self, FOLLOW_UP};

declare_rule! {
    /// ## What it does
    /// Reports an OAuth connection parameter whose `oAuthSettings.redirectMode` is `Global`,
    /// in `connectionParameters` and in every `connectionParameterSets` value.
    ///
    /// ## Why
    /// `Global` sends every connector's sign-in through one shared redirect URI,
    /// `https://global.consent.azure-apim.net/redirect`. `GlobalPerConnector` gives the
    /// connector a redirect URI of its own, which an OAuth app can trust without trusting
    /// every other connector. Microsoft's certification reviewers have required
    /// `GlobalPerConnector` since late 2023; most published connectors still use `Global`,
    /// so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": {
    ///   "identityProvider": "oauth2",
    ///   "redirectMode": "Global",
    ///   "redirectUrl": "https://global.consent.azure-apim.net/redirect"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Set `"redirectMode": "GlobalPerConnector"` and remove `redirectUrl`. The new redirect URI
    /// exists only once the connector is imported: after the next import, copy the redirect URL
    /// shown on the connector's Security tab into the OAuth app registration of the identity
    /// provider, or sign-in fails for new connections.
    ///
    /// ## Fix safety
    /// Unsafe. Sign-in uses another redirect URI from the next import on, which the OAuth app must
    /// allow first.
    RULE {
        id: "oauth-redirect-mode-global",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "OAuth redirectMode 'Global' uses the shared redirect URI",
        reference: Some(links::CERTIFICATION),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    for site in oauth::sites(properties) {
        let Some(mode) = site.mode else { continue };
        if !site.mode_is(tree, "Global") {
            continue;
        }
        let written = site.mode_str(tree).unwrap_or("Global");
        let message = format!(
            "redirectMode '{written}' uses the shared redirect URI; use 'GlobalPerConnector' and register the per-connector URI in your OAuth app"
        );
        let title = if site.url.is_some() {
            format!("Set redirectMode to 'GlobalPerConnector' and remove redirectUrl; {FOLLOW_UP}")
        } else {
            format!("Set redirectMode to 'GlobalPerConnector'; {FOLLOW_UP}")
        };
        let edits = oauth::set_per_connector(file, tree, &site);
        sink.at_value(FileKind::ApiProperties, tree, mode, message)
            .with_fix(Fix::unsafe_(title, edits));
    }
}
