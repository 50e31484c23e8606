//! A range-carrying view of apiProperties.json: connection parameters (including those of
//! `connectionParameterSets`), their OAuth settings, policy template instances and
//! `scriptOperations`.

use crate::syntax::json::{JsonTree, NodeId};

#[derive(Clone, Debug)]
pub struct ConnectionParameter<'a> {
    pub name: &'a str,
    pub node: NodeId,
    pub kind: Option<&'a str>,
}

pub struct ApiProperties<'a> {
    pub tree: &'a JsonTree,
    pub root: NodeId,
    /// The `properties` object, if present.
    pub properties: Option<NodeId>,
    /// Parameters of `connectionParameters` and of every `connectionParameterSets` value.
    pub connection_parameters: Vec<ConnectionParameter<'a>>,
}

impl<'a> ApiProperties<'a> {
    pub fn new(tree: &'a JsonTree) -> Option<Self> {
        let root = tree.root().filter(|&r| tree.is_object(r))?;
        let properties = tree.get(root, "properties").filter(|&p| tree.is_object(p));
        let mut connection_parameters = Vec::new();
        if let Some(properties) = properties {
            let mut collect = |params: NodeId| {
                for member in tree.members(params) {
                    connection_parameters.push(ConnectionParameter {
                        name: &member.key,
                        node: member.value,
                        kind: tree.get_str(member.value, "type"),
                    });
                }
            };
            if let Some(params) = tree.get(properties, "connectionParameters") {
                collect(params);
            }
            if let Some(values) = tree.path(properties, &["connectionParameterSets", "values"]) {
                for &set in tree.items(values) {
                    if let Some(params) = tree.get(set, "parameters") {
                        collect(params);
                    }
                }
            }
        }
        Some(ApiProperties {
            tree,
            root,
            properties,
            connection_parameters,
        })
    }

    /// `oAuthSettings` objects of every `oauthSetting` parameter, with the parameter.
    pub fn oauth_settings(&self) -> impl Iterator<Item = (&ConnectionParameter<'a>, NodeId)> + '_ {
        self.connection_parameters.iter().filter_map(|p| {
            let settings = self.tree.get(p.node, "oAuthSettings")?;
            self.tree.is_object(settings).then_some((p, settings))
        })
    }

    /// The items of `policyTemplateInstances`.
    pub fn policy_instances(&self) -> &'a [NodeId] {
        match self
            .properties
            .and_then(|p| self.tree.get(p, "policyTemplateInstances"))
        {
            Some(list) => self.tree.items(list),
            None => &[],
        }
    }

    /// The `scriptOperations` value node, if present.
    pub fn script_operations(&self) -> Option<NodeId> {
        self.properties
            .and_then(|p| self.tree.get(p, "scriptOperations"))
    }
}

/// Header or query parameter names whose values are credentials.
fn is_sensitive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["auth", "key", "token", "secret", "password", "signature"]
        .iter()
        .any(|word| lower.contains(word))
}

/// The string values of apiProperties.json that hold credentials when filled in: every
/// `clientSecret`, the default value of a `securestring` parameter, and the literal value a
/// policy sets for a header or query parameter named like a credential. Reporters never print
/// them, and `secret-committed` checks whether they look real.
pub fn secret_values(tree: &JsonTree) -> Vec<NodeId> {
    let mut secrets = Vec::new();
    let Some(properties) = ApiProperties::new(tree) else {
        return secrets;
    };
    for (_, settings) in properties.oauth_settings() {
        secrets.extend(tree.get(settings, "clientSecret"));
    }
    for parameter in &properties.connection_parameters {
        if parameter.kind == Some("securestring") {
            secrets.extend(tree.get(parameter.node, "defaultValue"));
        }
    }
    for &instance in properties.policy_instances() {
        let Some(parameters) = tree.get(instance, "parameters") else {
            continue;
        };
        let name = tree.get_str(parameters, "x-ms-apimTemplateParameter.name");
        if name.is_some_and(is_sensitive_name) {
            secrets.extend(tree.get(parameters, "x-ms-apimTemplateParameter.value"));
        }
    }
    secrets.retain(|&node| tree.as_str(node).is_some());
    secrets
}
