use crate::diagnostic::{Edit, Fix};
use crate::edit::json::replace_value;
use crate::edit::json::{Json, insert_members};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::model::SourceFile;
use crate::model::api_properties::{ApiProperties, ConnectionParameter};
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::security::oauth::{self, FOLLOW_UP};
use crate::syntax::json::{JsonTree, Member, NodeId};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Compares the authentication declared in the swagger's `securityDefinitions` with the
    /// connection parameters of apiProperties.json (including `connectionParameterSets`):
    /// an `oauth2` definition needs an `oauthSetting` parameter and the other way round, an
    /// `apiKey` definition needs a `securestring` parameter, and a `basic` definition needs
    /// `username` and `password` parameters. The finding sits on the side that exists.
    ///
    /// ## Why
    /// The custom connector wizard writes both files from its Security tab. When they
    /// disagree, the pair was edited by hand: the connection dialog may not ask for what the
    /// API needs, and an import or download round-trip can lose the settings of one side.
    /// Microsoft's validator only sees the swagger, so it cannot notice.
    ///
    /// ## Example
    /// apiProperties.json declares `"token": { "type": "oauthSetting", … }` while the swagger
    /// has no `securityDefinitions`.
    ///
    /// ## Fix
    /// Generate the missing side (unsafe, review the generated values): an `oauth2`
    /// definition from the OAuth parameter's URLs and scopes, an `oauthSetting` parameter
    /// from an `oauth2` definition (with a placeholder clientId), an `api_key` parameter for
    /// an `apiKey` definition, `username`/`password` parameters for a `basic` definition. No
    /// parameter is generated next to parameters of another kind: choose the authentication
    /// by hand, or use `connectionParameterSets`.
    ///
    /// ## Fix safety
    /// Unsafe. The generated definition or parameters change how users sign in, and hold guessed
    /// values (a placeholder clientId, URLs and scopes copied from the other side).
    RULE {
        id: "security-mismatch",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "Swagger securityDefinitions and apiProperties connection parameters disagree",
        reference: Some(links::CONNECTION_PARAMETERS),
        check: check,
    }
}

/// The identity provider URL the wizard writes into the swagger for Microsoft Entra ID.
const AAD_AUTHORIZE_URL: &str = "https://login.windows.net/common/oauth2/authorize";

struct Both<'c, 'a> {
    definition_file: &'a SourceFile,
    swagger: &'c Swagger<'a>,
    properties_file: &'a SourceFile,
    properties: &'c ApiProperties<'a>,
}

impl<'a> Both<'_, 'a> {
    fn ptree(&self) -> &'a JsonTree {
        self.properties.tree
    }

    fn stree(&self) -> &'a JsonTree {
        self.swagger.tree
    }

    fn params(&self) -> &[ConnectionParameter<'a>] {
        &self.properties.connection_parameters
    }

    fn is_oauth(&self, param: &ConnectionParameter) -> bool {
        param
            .kind
            .is_some_and(|k| k.eq_ignore_ascii_case("oauthSetting"))
            || self.ptree().get(param.node, "oAuthSettings").is_some()
    }

    fn is_secure(param: &ConnectionParameter) -> bool {
        param
            .kind
            .is_some_and(|k| k.eq_ignore_ascii_case("securestring"))
    }

    fn has_param(&self, name: &str) -> bool {
        self.params()
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(name))
    }

    fn uses_sets(&self) -> bool {
        self.properties
            .properties
            .is_some_and(|p| self.ptree().get(p, "connectionParameterSets").is_some())
    }

    /// Where the connection parameters are declared, for related locations.
    fn params_anchor(&self) -> Option<(TextRange, &'static str)> {
        let tree = self.ptree();
        let properties = self.properties.properties?;
        for key in ["connectionParameters", "connectionParameterSets"] {
            if let Some(member) = tree.member(properties, key) {
                return Some((member.key_range, "the connection parameters"));
            }
        }
        tree.member_of(properties).map(|m| {
            (
                m.key_range,
                "apiProperties.json declares no connection parameters",
            )
        })
    }

    /// An edit adding connection parameters: into `connectionParameters`, or a new
    /// `connectionParameters` in `properties`. `None` when parameter sets are used or the
    /// file has parameters of another kind, where generated ones would be asked together.
    fn add_params(&self, params: Vec<(String, Json)>) -> Option<Edit> {
        if self.uses_sets() {
            return None;
        }
        let tree = self.ptree();
        let kind = FileKind::ApiProperties;
        let text = &self.properties_file.text;
        let properties = self.properties.properties?;
        match tree.get(properties, "connectionParameters") {
            Some(object) if tree.is_object(object) => {
                let params = params
                    .into_iter()
                    .map(|(key, value)| (oauth::free_key(tree, object, &key), value))
                    .collect::<Vec<_>>();
                insert_members(kind, text, tree, object, &params)
            }
            Some(_) => None,
            None => insert_members(
                kind,
                text,
                tree,
                properties,
                &[("connectionParameters".to_string(), Json::Object(params))],
            ),
        }
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let (Some((definition_file, swagger)), Some((properties_file, properties))) =
        (&ctx.definition, &ctx.properties)
    else {
        return;
    };
    // Both files must be fully recovered: a member lost to a syntax error would look missing.
    if !oauth::is_intact(definition_file) || !oauth::is_intact(properties_file) {
        return;
    }
    let both = Both {
        definition_file,
        swagger,
        properties_file,
        properties,
    };
    let stree = both.stree();
    let definitions_node = stree.get(swagger.root, "securityDefinitions");
    let definitions: Vec<(&Member, &str)> = definitions_node
        .map(|d| stree.members(d))
        .unwrap_or_default()
        .iter()
        .filter_map(|m| Some((m, stree.get_str(m.value, "type")?)))
        .collect();
    let has_oauth_param = both.params().iter().any(|p| both.is_oauth(p));
    let has_secure_param = both.params().iter().any(Both::is_secure);
    // Secure parameters other than those of basic authentication.
    let has_other_secret = both.params().iter().any(|p| {
        Both::is_secure(p)
            && !p.name.eq_ignore_ascii_case("username")
            && !p.name.eq_ignore_ascii_case("password")
    });

    for &(member, kind) in &definitions {
        let name = &member.key;
        let type_node = stree.get(member.value, "type").expect("type was read");
        match kind {
            "oauth2" if !has_oauth_param => {
                let message = format!(
                    "securityDefinition '{name}' is oauth2 but apiProperties.json has no OAuth connection parameter (type oauthSetting)"
                );
                let fix = oauth_param_from_definition(stree, member.value)
                    .filter(|_| !has_secure_param)
                    .and_then(|param| both.add_params(vec![("token".to_string(), param)]))
                    .map(|edit| {
                        Fix::unsafe_(
                            format!(
                                "Add an oauthSetting connection parameter built from '{name}', with a placeholder clientId; {FOLLOW_UP}"
                            ),
                            vec![edit],
                        )
                    });
                report_in_swagger(sink, &both, type_node, message, fix);
            }
            "apiKey" if !has_secure_param => {
                let message = match plain_param_named(&both, name) {
                    Some(param) => format!(
                        "securityDefinition '{name}' is apiKey but its connection parameter '{}' is not a securestring, so the key is shown in clear text",
                        param.name
                    ),
                    None => format!(
                        "securityDefinition '{name}' is apiKey but apiProperties.json has no securestring connection parameter for the key"
                    ),
                };
                let fix = match plain_param_named(&both, name) {
                    Some(param) => both
                        .ptree()
                        .get(param.node, "type")
                        .map(|node| {
                            replace_value(
                                FileKind::ApiProperties,
                                both.ptree(),
                                node,
                                &json_string("securestring"),
                            )
                        })
                        .map(|edit| {
                            Fix::unsafe_(
                                format!("Make '{}' a securestring parameter", param.name),
                                vec![edit],
                            )
                        }),
                    None if !has_oauth_param => both
                        .add_params(vec![("api_key".to_string(), api_key_param())])
                        .map(|edit| {
                            Fix::unsafe_(
                                "Add an 'api_key' securestring connection parameter",
                                vec![edit],
                            )
                        }),
                    None => None,
                };
                report_in_swagger(sink, &both, type_node, message, fix);
            }
            "basic" => {
                let missing: Vec<&str> = ["username", "password"]
                    .into_iter()
                    .filter(|n| !both.has_param(n))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let message = format!(
                    "securityDefinition '{name}' is basic but apiProperties.json has no {} connection parameter",
                    missing.join(" or ")
                );
                let fix = if has_oauth_param || has_other_secret {
                    None
                } else {
                    both.add_params(
                        missing
                            .iter()
                            .map(|n| (n.to_string(), basic_param(n)))
                            .collect(),
                    )
                    .map(|edit| {
                        Fix::unsafe_(
                            if missing.len() == 1 {
                                format!("Add a '{}' connection parameter", missing[0])
                            } else {
                                "Add 'username' and 'password' connection parameters".to_string()
                            },
                            vec![edit],
                        )
                    })
                };
                report_in_swagger(sink, &both, type_node, message, fix);
            }
            _ => {}
        }
    }

    let has_oauth_definition = definitions.iter().any(|&(_, kind)| kind == "oauth2");
    if !has_oauth_definition && let Some(param) = both.params().iter().find(|p| both.is_oauth(p)) {
        report_oauth_param(sink, &both, param, definitions_node);
    }
}

/// A non-secure parameter named like the apiKey definition (`secretKey` for `secretKey`).
fn plain_param_named<'p, 'a>(
    both: &'p Both<'_, 'a>,
    definition: &str,
) -> Option<&'p ConnectionParameter<'a>> {
    both.params()
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(definition) && !both.is_oauth(p))
}

fn report_in_swagger(
    sink: &mut Sink,
    both: &Both,
    type_node: NodeId,
    message: String,
    fix: Option<Fix>,
) {
    let diagnostic = sink.at_value(FileKind::ApiDefinition, both.stree(), type_node, message);
    if let Some((range, what)) = both.params_anchor() {
        diagnostic.with_related(FileKind::ApiProperties, range, what);
    }
    if let Some(fix) = fix {
        diagnostic.with_fix(fix);
    }
}

/// An OAuth connection parameter without an oauth2 definition in the swagger.
fn report_oauth_param(
    sink: &mut Sink,
    both: &Both,
    param: &ConnectionParameter,
    definitions: Option<NodeId>,
) {
    let ptree = both.ptree();
    let stree = both.stree();
    let message = format!(
        "apiProperties.json declares an OAuth connection parameter '{}' but the swagger has no oauth2 securityDefinition",
        param.name
    );
    let fix = definition_from_param(both, param).and_then(|definition| {
        let kind = FileKind::ApiDefinition;
        let text = &both.definition_file.text;
        let edit = match definitions {
            Some(object) if stree.is_object(object) => {
                let key = oauth::free_key(stree, object, "oauth2_auth");
                insert_members(kind, text, stree, object, &[(key, definition)])
            }
            Some(_) => None,
            None => insert_members(
                kind,
                text,
                stree,
                both.swagger.root,
                &[(
                    "securityDefinitions".to_string(),
                    Json::Object(vec![("oauth2_auth".to_string(), definition)]),
                )],
            ),
        }?;
        Some(Fix::unsafe_(
            "Add an oauth2 securityDefinition built from the OAuth connection parameter",
            vec![edit],
        ))
    });
    let diagnostic = sink.at_key(FileKind::ApiProperties, ptree, param.node, message);
    let related = definitions
        .and_then(|d| stree.member_of(d))
        .map(|m| (m.key_range, "the security definitions"))
        .or_else(|| {
            stree
                .member(both.swagger.root, "swagger")
                .map(|m| (m.key_range, "the swagger declares no securityDefinitions"))
        });
    if let Some((range, what)) = related {
        diagnostic.with_related(FileKind::ApiDefinition, range, what);
    }
    if let Some(fix) = fix {
        diagnostic.with_fix(fix);
    }
}

/// The scopes of an `oAuthSettings` object, space-separated lists split.
fn scopes_of(tree: &JsonTree, settings: NodeId) -> Vec<String> {
    let Some(list) = tree.get(settings, "scopes") else {
        return Vec::new();
    };
    let mut scopes: Vec<String> = Vec::new();
    for scope in tree.items(list).iter().filter_map(|&i| tree.as_str(i)) {
        for part in scope.split_whitespace() {
            if !scopes.iter().any(|s| s == part) {
                scopes.push(part.to_string());
            }
        }
    }
    scopes
}

/// The oauth2 definition the wizard would write for an OAuth parameter, when its identity
/// provider's URLs are known.
fn definition_from_param(both: &Both, param: &ConnectionParameter) -> Option<Json> {
    let tree = both.ptree();
    let settings = tree.get(param.node, "oAuthSettings")?;
    let (authorization, token) = match tree.get_str(settings, "identityProvider")? {
        "oauth2" => {
            let url = |key: &str| {
                tree.path(settings, &["customParameters", key, "value"])
                    .and_then(|n| tree.as_str(n))
                    .map(str::trim)
                    .filter(|u| u.starts_with("http"))
                    .map(str::to_string)
            };
            (url("authorizationUrl")?, url("tokenUrl")?)
        }
        "aad" | "aadcertificate" => (AAD_AUTHORIZE_URL.to_string(), AAD_AUTHORIZE_URL.to_string()),
        _ => return None,
    };
    let scopes = scopes_of(tree, settings)
        .into_iter()
        .map(|s| (s.clone(), Json::Str(s)))
        .collect();
    Some(Json::object(vec![
        ("type", Json::str("oauth2")),
        ("flow", Json::str("accessCode")),
        ("authorizationUrl", Json::Str(authorization)),
        ("tokenUrl", Json::Str(token)),
        ("scopes", Json::Object(scopes)),
    ]))
}

/// The OAuth connection parameter the wizard would write for an oauth2 definition.
fn oauth_param_from_definition(tree: &JsonTree, definition: NodeId) -> Option<Json> {
    if tree.get_str(definition, "flow") != Some("accessCode") {
        return None;
    }
    let url = |key: &str| {
        tree.get_str(definition, key)
            .map(str::trim)
            .filter(|u| u.starts_with("http"))
            .map(str::to_string)
    };
    let authorization = url("authorizationUrl")?;
    let token = url("tokenUrl")?;
    let scopes = tree
        .get(definition, "scopes")
        .map(|s| tree.members(s))
        .unwrap_or_default()
        .iter()
        .map(|m| Json::str(&*m.key))
        .collect();
    let value = |url: &str| Json::object(vec![("value", Json::str(url))]);
    Some(Json::object(vec![
        ("type", Json::str("oauthSetting")),
        (
            "oAuthSettings",
            Json::object(vec![
                ("identityProvider", Json::str("oauth2")),
                ("clientId", Json::str("[[DUMMY]]")),
                ("scopes", Json::Array(scopes)),
                ("redirectMode", Json::str("GlobalPerConnector")),
                (
                    "properties",
                    Json::object(vec![("IsFirstParty", Json::str("False"))]),
                ),
                (
                    "customParameters",
                    Json::object(vec![
                        ("authorizationUrl", value(&authorization)),
                        ("tokenUrl", value(&token)),
                        ("refreshUrl", value(&token)),
                    ]),
                ),
            ]),
        ),
    ]))
}

/// The `api_key` parameter the wizard writes.
fn api_key_param() -> Json {
    secure_param(
        "API Key",
        "The API Key for this api",
        "Provide your API Key",
        "2",
        false,
    )
}

/// The `username` / `password` parameters the wizard writes for basic authentication.
fn basic_param(name: &str) -> Json {
    let password = name == "password";
    secure_param(
        name,
        &format!("The {name} for this api"),
        &format!("Provide the {name}"),
        if password { "3" } else { "2" },
        !password,
    )
}

fn secure_param(
    display_name: &str,
    description: &str,
    tooltip: &str,
    tab_index: &'static str,
    clear_text: bool,
) -> Json {
    Json::object(vec![
        ("type", Json::str("securestring")),
        (
            "uiDefinition",
            Json::object(vec![
                ("displayName", Json::str(display_name)),
                ("description", Json::str(description)),
                ("tooltip", Json::str(tooltip)),
                (
                    "constraints",
                    Json::object(vec![
                        ("tabIndex", Json::raw(tab_index)),
                        (
                            "clearText",
                            Json::raw(if clear_text { "true" } else { "false" }),
                        ),
                        ("required", Json::str("true")),
                    ]),
                ),
            ]),
        ),
    ])
}
