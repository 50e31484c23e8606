use crate::diagnostic::Fix;
use crate::edit::json::{insert_member, replace_value};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::model::api_properties::ApiProperties;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth;
use crate::syntax::json::NodeId;

declare_rule! {
    /// ## What it does
    /// Reports an `oauth2` entry of the swagger's `securityDefinitions` that lacks a URL its
    /// `flow` requires, or has an empty one: `authorizationUrl` for `accessCode` and
    /// `implicit`, `tokenUrl` for `accessCode`, `password` and `application`.
    ///
    /// ## Why
    /// Swagger 2.0 makes these URLs required, and Microsoft's validator reports the missing
    /// property (`SecuritySchemePropertyRequired`), so the definition is rejected on upload.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": {
    ///   "oauth2_auth": {
    ///     "type": "oauth2",
    ///     "flow": "accessCode",
    ///     "authorizationUrl": "https://login.contoso.com/authorize",
    ///     "scopes": {}
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix
    /// When the OAuth connection parameter in apiProperties.json gives the URL in its
    /// `customParameters` (`authorizationUrl`, `tokenUrl`), the URL is copied into the
    /// definition. Otherwise add the identity provider's URL by hand.
    ///
    /// ## Fix safety
    /// Safe. The validator rejects the definition without the URL
    /// (`SecuritySchemePropertyRequired`), and the consent flow already uses the URL from
    /// apiProperties.json, so sign-in does not change.
    RULE {
        id: "security-oauth2-url-missing",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An oauth2 securityDefinition lacks authorizationUrl or tokenUrl",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["SecuritySchemePropertyRequired"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let kind = FileKind::ApiDefinition;
    let tree = swagger.tree;
    let Some(definitions) = tree.get(swagger.root, "securityDefinitions") else {
        return;
    };
    for member in tree.members(definitions) {
        let definition = member.value;
        if tree.get_str(definition, "type") != Some("oauth2") {
            continue;
        }
        let Some(flow) = tree.get_str(definition, "flow") else {
            continue;
        };
        let required: &[&str] = match flow {
            "accessCode" => &["authorizationUrl", "tokenUrl"],
            "implicit" => &["authorizationUrl"],
            "password" | "application" => &["tokenUrl"],
            _ => continue,
        };
        let name = &member.key;
        for &key in required {
            let value = tree.get(definition, key);
            let problem = match value {
                None if oauth::has_syntax_error_in(file, tree.range(definition)) => continue,
                None => "is missing",
                Some(node) => match tree.as_str(node) {
                    Some(url) if !url.trim().is_empty() => continue,
                    Some(_) => "has an empty",
                    None => "has a non-string",
                },
            };
            let message =
                format!("oauth2 securityDefinition '{name}' (flow {flow}) {problem} {key}");
            let known = ctx
                .api_properties()
                .and_then(|properties| url_from_properties(properties, key));
            let diagnostic = match value {
                Some(node) => sink.at_value(kind, tree, node, message),
                None => sink.at_key(kind, tree, definition, message),
            };
            let Some((url, source)) = known else { continue };
            let url_json = json_string(url);
            let edit = match value {
                Some(node) => replace_value(kind, tree, node, &url_json),
                None => insert_member(kind, &file.text, tree, definition, key, &url_json),
            };
            let properties_tree = ctx.api_properties().map(|p| p.tree);
            if let Some(properties_tree) = properties_tree {
                diagnostic.with_related(
                    FileKind::ApiProperties,
                    properties_tree.range(source),
                    format!("the {key} of the OAuth connection parameter"),
                );
            }
            diagnostic.with_fix(Fix::safe(
                format!("Use {key} {url} from apiProperties.json"),
                vec![edit],
            ));
        }
    }
}

/// The URL for `key` (`authorizationUrl` or `tokenUrl`) from the `customParameters` of an
/// OAuth connection parameter, with the node it is written in.
fn url_from_properties<'a>(properties: &ApiProperties<'a>, key: &str) -> Option<(&'a str, NodeId)> {
    let tree = properties.tree;
    properties.oauth_settings().find_map(|(_, settings)| {
        let custom = tree.get(settings, "customParameters")?;
        let names: &[&str] = match tree.get_str(settings, "identityProvider")? {
            "oauth2" => &[key],
            "oauth2generic" => match key {
                "authorizationUrl" => &["authorizationUrlTemplate"],
                _ => &["tokenUrlTemplate"],
            },
            _ => return None,
        };
        names.iter().find_map(|name| {
            let node = tree.path(custom, &[name, "value"])?;
            let url = tree.as_str(node)?.trim();
            // Templates with placeholders are filled at run time; only literal URLs help here.
            (url.starts_with("https://") || url.starts_with("http://"))
                .then_some(())
                .filter(|_| !url.contains('{'))
                .map(|_| (url, node))
        })
    })
}
