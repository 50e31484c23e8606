use crate::diagnostic::{Fix, Severity};
use crate::edit::json::{remove_member, replace_value};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth::{self, GLOBAL_REDIRECT_URL, Url};

declare_rule! {
    /// ## What it does
    /// Reports a `redirectUrl` that contradicts `redirectMode`: the shared global URL with
    /// `GlobalPerConnector`, or another URL with `Global`. A `redirectUrl` that is not a
    /// string at all is an error.
    ///
    /// ## Why
    /// With `GlobalPerConnector` the platform generates the connector's own redirect URI, so a
    /// shared URL in the file is misleading and certification reviewers ask to remove it. With
    /// `Global` the consent flow uses the shared URI
    /// `https://global.consent.azure-apim.net/redirect`, so any other URL is not the one the
    /// OAuth app must allow. A non-string value (a published connector has an array) is
    /// rejected by the schema.
    ///
    /// ## Example
    /// ```json
    /// "redirectMode": "GlobalPerConnector",
    /// "redirectUrl": "https://global.consent.azure-apim.net/redirect"
    /// ```
    ///
    /// ## Fix
    /// With `GlobalPerConnector`, remove `redirectUrl`. With `Global`, set it to the shared
    /// global URL. A `redirectUrl` that is not a string is removed (or, with `Global`, set).
    ///
    /// ## Fix safety
    /// Removing the shared URL with `GlobalPerConnector` is safe: in that mode the platform
    /// generates the connector's own redirect URI and does not use `redirectUrl`. The other fixes
    /// are unsafe: check which URL the OAuth app registration allows.
    RULE {
        id: "oauth-redirect-url-mode-mismatch",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "OAuth redirectUrl does not match redirectMode",
        reference: Some(links::CERTIFICATION),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let kind = FileKind::ApiProperties;
    let tree = properties.tree;
    for site in oauth::sites(properties) {
        let Some(url_node) = site.url else { continue };
        let Some(url_index) = oauth::member_index(tree, site.settings, "redirectUrl") else {
            continue;
        };
        let global = site.mode_is(tree, "Global");
        let per_connector = site.mode_is(tree, "GlobalPerConnector");
        let remove = |title: &str, safe: bool| {
            let edits = vec![remove_member(kind, tree, site.settings, url_index)];
            if safe {
                Fix::safe(title, edits)
            } else {
                Fix::unsafe_(title, edits)
            }
        };
        let set_global = || {
            Fix::unsafe_(
                format!("Set redirectUrl to the shared global URL {GLOBAL_REDIRECT_URL}"),
                vec![replace_value(
                    kind,
                    tree,
                    url_node,
                    &json_string(GLOBAL_REDIRECT_URL),
                )],
            )
        };
        match site.url(tree) {
            Url::NotString => {
                let found = tree.kind(url_node).described();
                let message = format!("redirectUrl must be a URL string, but it is {found}");
                let fix = if global {
                    set_global()
                } else {
                    remove("Remove redirectUrl", false)
                };
                let grades = sink.may_grade();
                let diagnostic = sink.at_value(kind, tree, url_node, message);
                if grades {
                    diagnostic.severity = Severity::Error;
                }
                diagnostic.with_fix(fix);
            }
            Url::Text(url) if per_connector && oauth::is_shared_redirect_url(url) => {
                let mode = site.mode_str(tree).unwrap_or("GlobalPerConnector");
                let message = format!(
                    "redirectMode '{mode}' but redirectUrl is the shared global URL; remove redirectUrl"
                );
                sink.at_value(kind, tree, url_node, message)
                    .with_fix(remove("Remove redirectUrl", true));
            }
            Url::Text(url) if global && !oauth::is_shared_redirect_url(url) => {
                let mode = site.mode_str(tree).unwrap_or("Global");
                let message = format!(
                    "redirectMode '{mode}' uses the shared redirect URI {GLOBAL_REDIRECT_URL}, but redirectUrl is '{url}'"
                );
                sink.at_value(kind, tree, url_node, message)
                    .with_fix(set_global());
            }
            _ => {}
        }
    }
}
