use crate::diagnostic::{Fix, Severity};
use crate::edit::json::{insert_member, replace_value};
use crate::edit::names::{closest, did_you_mean, json_string};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth::{self, FOLLOW_UP};
use crate::vocabulary::{REDIRECT_MODES, value_names};

declare_rule! {
    /// ## What it does
    /// Reports an `oAuthSettings.redirectMode` that is not one of `Global`,
    /// `GlobalPerConnector` or `Direct` (error), one written in another casing such as
    /// `direct` (warning), and an `oAuthSettings` object without `redirectMode` (warning).
    ///
    /// ## Why
    /// The values form a documented, case-sensitive enumeration. A certified connector ships
    /// with `direct`, so the platform tolerates other casings, but schemas and validators do
    /// not; an unknown value is not understood at all.
    /// Microsoft's published JSON schema only lists `Global` and `Direct`, so editors that use
    /// it wrongly reject `GlobalPerConnector`; connector-ls accepts all three. Without
    /// `redirectMode` the redirect URI the OAuth app must allow is left to a platform default.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": { "identityProvider": "oauth2", "redirectMode": "direct" }
    /// ```
    ///
    /// ## Fix
    /// A wrong-case value is replaced by the correct spelling. A missing mode is added as
    /// `"redirectMode": "GlobalPerConnector"` (after the next import, register the connector's
    /// redirect URL, shown on its Security tab, in the OAuth app); with a shared `redirectUrl`,
    /// `"redirectMode": "Global"` is offered as well.
    ///
    /// ## Fix safety
    /// The case correction is safe: the platform already reads other casings as the documented
    /// value (a certified connector ships with `direct`), so sign-in does not change. It is
    /// unsafe when the value also has spaces around it, which the platform is not known to
    /// ignore. Adding or replacing a mode is unsafe: it chooses the redirect URI the OAuth app
    /// must allow.
    RULE {
        id: "oauth-redirect-mode-invalid",
        severity: Error,
        file: Some(FileKind::ApiProperties),
        summary: "OAuth redirectMode is missing or not a known value",
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
    let modes = value_names(REDIRECT_MODES);
    let known = modes.clone().collect::<Vec<_>>().join(", ");
    for site in oauth::sites(properties) {
        let Some(mode) = site.mode else {
            if oauth::has_syntax_error_in(file, tree.range(site.settings)) {
                continue;
            }
            let message =
                "oAuthSettings has no redirectMode; add \"redirectMode\": \"GlobalPerConnector\"";
            let title = if site.url.is_some() {
                format!(
                    "Add \"redirectMode\": \"GlobalPerConnector\" in place of redirectUrl; {FOLLOW_UP}"
                )
            } else {
                format!("Add \"redirectMode\": \"GlobalPerConnector\"; {FOLLOW_UP}")
            };
            let edits = oauth::set_per_connector(file, tree, &site);
            let grades = sink.may_grade();
            let diagnostic = sink.at_key(kind, tree, site.settings, message);
            if grades {
                diagnostic.severity = Severity::Warning;
            }
            diagnostic.with_fix(Fix::unsafe_(title, edits));
            // A shared redirectUrl already says which mode the file means.
            if let oauth::Url::Text(url) = site.url(tree)
                && oauth::is_shared_redirect_url(url)
            {
                diagnostic.with_fix(Fix::unsafe_(
                    "Add \"redirectMode\": \"Global\", which matches the shared redirectUrl",
                    vec![insert_member(
                        kind,
                        &file.text,
                        tree,
                        site.settings,
                        "redirectMode",
                        &json_string("Global"),
                    )],
                ));
            }
            continue;
        };
        let per_connector_json = json_string("GlobalPerConnector");
        match tree.as_str(mode) {
            Some(value) if modes.clone().any(|m| m == value) => {}
            Some(value) => {
                let suggestion = closest(value.trim(), modes.clone());
                let case_only = suggestion.filter(|c| c.eq_ignore_ascii_case(value.trim()));
                // Only other casings are known to be read as the documented value (a certified
                // connector ships with `direct`); surrounding spaces are not.
                let padded = value.trim() != value;
                let (message, fix) = match (case_only, suggestion) {
                    (Some(correct), _) => (
                        format!(
                            "redirectMode '{value}' should be written '{correct}': the documented values ({known}) are case-sensitive, and only some tools accept other casings"
                        ),
                        {
                            let title = format!("Change to '{correct}'");
                            let edits =
                                vec![replace_value(kind, tree, mode, &json_string(correct))];
                            if padded {
                                Fix::unsafe_(title, edits)
                            } else {
                                Fix::safe(title, edits)
                            }
                        },
                    ),
                    (None, Some(correct)) => (
                        format!(
                            "redirectMode '{value}' is not a known value ({known}){}",
                            did_you_mean(suggestion)
                        ),
                        Fix::unsafe_(
                            format!("Change to '{correct}'"),
                            vec![replace_value(kind, tree, mode, &json_string(correct))],
                        ),
                    ),
                    (None, None) => (
                        format!("redirectMode '{value}' is not a known value ({known})"),
                        Fix::unsafe_(
                            format!("Change to 'GlobalPerConnector'; {FOLLOW_UP}"),
                            vec![replace_value(kind, tree, mode, &per_connector_json)],
                        ),
                    ),
                };
                let grades = sink.may_grade();
                let diagnostic = sink.at_value(kind, tree, mode, message).with_fix(fix);
                // A published, certified connector works with `direct`, so a casing slip is
                // not a broken connector.
                if case_only.is_some() && grades {
                    diagnostic.severity = Severity::Warning;
                }
            }
            None => {
                let message = format!("redirectMode must be a string, one of {known}");
                sink.at_value(kind, tree, mode, message)
                    .with_fix(Fix::unsafe_(
                        format!("Change to 'GlobalPerConnector'; {FOLLOW_UP}"),
                        vec![replace_value(kind, tree, mode, &per_connector_json)],
                    ));
            }
        }
    }
}
