use crate::diagnostic::{Edit, Fix};
use crate::edit::json::{insert_member, replace_value};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth::{self, FOLLOW_UP, GLOBAL_REDIRECT_URL, Url};

declare_rule! {
    /// ## What it does
    /// Reports an OAuth connection parameter that uses the shared redirect URI (its
    /// `redirectMode` is `Global` or absent) but has no `redirectUrl`, or an empty one.
    /// `GlobalPerConnector` without `redirectUrl` is correct and not reported.
    ///
    /// ## Why
    /// In `Global` mode the platform expects both `redirectMode` and `redirectUrl`, the shared
    /// URI `https://global.consent.azure-apim.net/redirect`, as the Power Platform team
    /// explained in the connector repository. Without them it is unclear which redirect URI
    /// the OAuth app must allow.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": { "identityProvider": "oauth2", "redirectMode": "Global" }
    /// ```
    ///
    /// ## Fix
    /// Preferred: switch to `"redirectMode": "GlobalPerConnector"`, which needs no URL in the
    /// file (after the next import, register the connector's own redirect URL, shown on its
    /// Security tab, in the OAuth app); this is the same change `oauth-redirect-mode-global`
    /// offers. Alternative, for a connector that keeps `Global`: add
    /// `"redirectUrl": "https://global.consent.azure-apim.net/redirect"`.
    ///
    /// ## Fix safety
    /// Both unsafe. The switch changes the redirect URI sign-in uses. Adding the shared URL would
    /// not change sign-in in `Global` mode, but it contradicts the switch to `GlobalPerConnector`
    /// (which removes `redirectUrl`) that the block's other warning asks for, so only a person can
    /// choose between the two.
    RULE {
        id: "oauth-redirect-url-missing",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "OAuth settings use the shared redirect mode but have no redirectUrl",
        reference: Some(links::CERTIFICATION),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, properties)) = &ctx.properties else {
        return;
    };
    let kind = FileKind::ApiProperties;
    let tree = properties.tree;
    for site in oauth::sites(properties) {
        let url = site.url(tree);
        if !matches!(url, Url::Absent | Url::Empty) {
            continue;
        }
        let mode = match site.mode {
            None => None,
            Some(_) if site.mode_is(tree, "Global") => site.mode_str(tree),
            Some(_) => continue,
        };
        if url == Url::Absent && oauth::has_syntax_error_in(file, tree.range(site.settings)) {
            continue;
        }
        let message = match (mode, url) {
            (Some(mode), Url::Absent) => {
                format!("oAuthSettings has redirectMode '{mode}' but no redirectUrl")
            }
            (Some(mode), _) => format!("oAuthSettings has redirectMode '{mode}' but an empty redirectUrl"),
            (None, Url::Absent) => "oAuthSettings has neither redirectMode nor redirectUrl, so the redirect URI to register in the OAuth app is unspecified".to_string(),
            (None, _) => "oAuthSettings has no redirectMode and an empty redirectUrl, so the redirect URI to register in the OAuth app is unspecified".to_string(),
        };
        let per_connector = Fix::unsafe_(
            format!("Set redirectMode to 'GlobalPerConnector'; {FOLLOW_UP}"),
            oauth::set_per_connector(file, tree, &site),
        );
        let url_json = json_string(GLOBAL_REDIRECT_URL);
        let url_edit: Edit = match site.url {
            Some(node) => replace_value(kind, tree, node, &url_json),
            None => insert_member(
                kind,
                &file.text,
                tree,
                site.settings,
                "redirectUrl",
                &url_json,
            ),
        };
        // Adding the URL would not change the consent flow in Global mode, but it is the
        // opposite of the per-connector switch that oauth-redirect-mode-global and the first
        // fix here make (which removes redirectUrl): one block must not get contradictory
        // automatic fixes, so this alternative is for a person who keeps Global on purpose.
        let shared_url = Fix::unsafe_(
            format!("Add the shared redirectUrl {GLOBAL_REDIRECT_URL}"),
            vec![url_edit],
        );
        let diagnostic = match (url, site.url) {
            (Url::Empty, Some(node)) => sink.at_value(kind, tree, node, message),
            _ => sink.at_key(kind, tree, site.settings, message),
        };
        diagnostic.with_fix(per_connector).with_fix(shared_url);
    }
}
