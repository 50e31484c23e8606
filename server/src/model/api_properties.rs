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
        let last = |object: NodeId, key: &str| tree.get(object, key).into_iter().collect();
        let connection_parameters = properties
            .map(|properties| parameter_objects(tree, properties, &last))
            .unwrap_or_default()
            .into_iter()
            .flat_map(|params| tree.members(params))
            .map(|member| ConnectionParameter {
                name: &member.key,
                node: member.value,
                kind: tree.get_str(member.value, "type"),
            })
            .collect();
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

    /// Whether a policy template instance uses the template `template_id` (in any case).
    pub fn has_policy(&self, template_id: &str) -> bool {
        self.policy_instances().iter().any(|&instance| {
            self.tree
                .get_str(instance, "templateId")
                .is_some_and(|id| id.eq_ignore_ascii_case(template_id))
        })
    }

    /// Whether `capabilities` lists `capability` (`actions`, `triggers`, `gateway`).
    pub fn has_capability(&self, capability: &str) -> bool {
        let list = self
            .properties
            .and_then(|p| self.tree.get(p, "capabilities"));
        list.is_some_and(|list| {
            self.tree
                .items(list)
                .iter()
                .any(|&item| self.tree.as_str(item) == Some(capability))
        })
    }

    /// The `scriptOperations` value node, if present.
    pub fn script_operations(&self) -> Option<NodeId> {
        self.properties
            .and_then(|p| self.tree.get(p, "scriptOperations"))
    }
}

/// The objects of `properties` whose members are connection parameters: `connectionParameters`
/// and the `parameters` of every `connectionParameterSets` value. `values` gives the values of
/// a key: the one JSON readers take, or every duplicate.
fn parameter_objects(
    tree: &JsonTree,
    properties: NodeId,
    values: &dyn Fn(NodeId, &str) -> Vec<NodeId>,
) -> Vec<NodeId> {
    let mut objects = values(properties, "connectionParameters");
    for sets in values(properties, "connectionParameterSets") {
        for list in values(sets, "values") {
            for &set in tree.items(list) {
                objects.extend(values(set, "parameters"));
            }
        }
    }
    objects
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
/// policy sets for a header or query parameter named like a credential. `secret-committed`
/// checks whether they look real.
pub fn secret_values(tree: &JsonTree) -> Vec<NodeId> {
    credential_values(tree, false)
}

/// The same values wherever a duplicated key hides them too (JSON readers take the last of
/// duplicate keys, but the earlier values are committed all the same): what reports never
/// print.
pub fn every_secret_value(tree: &JsonTree) -> Vec<NodeId> {
    credential_values(tree, true)
}

/// The credential values, following only the member that JSON readers take for each key, or
/// (`every_duplicate`) every member of that key.
fn credential_values(tree: &JsonTree, every_duplicate: bool) -> Vec<NodeId> {
    let values = |object: NodeId, key: &str| -> Vec<NodeId> {
        if every_duplicate {
            let members = tree.members(object).iter();
            members
                .filter(|m| &*m.key == key)
                .map(|m| m.value)
                .collect()
        } else {
            tree.get(object, key).into_iter().collect()
        }
    };
    let any_str = |object: NodeId, key: &str, wanted: &dyn Fn(&str) -> bool| {
        values(object, key)
            .into_iter()
            .any(|value| tree.as_str(value).is_some_and(wanted))
    };
    let mut secrets = Vec::new();
    let Some(root) = tree.root().filter(|&r| tree.is_object(r)) else {
        return secrets;
    };
    let mut parameters = Vec::new();
    let mut policy_values = Vec::new();
    for properties in values(root, "properties") {
        for list in parameter_objects(tree, properties, &values) {
            parameters.extend(tree.members(list).iter().map(|m| m.value));
        }
        for list in values(properties, "policyTemplateInstances") {
            for &instance in tree.items(list) {
                for parameters in values(instance, "parameters") {
                    let name = "x-ms-apimTemplateParameter.name";
                    if any_str(parameters, name, &is_sensitive_name) {
                        let value = "x-ms-apimTemplateParameter.value";
                        policy_values.extend(values(parameters, value));
                    }
                }
            }
        }
    }
    for &parameter in &parameters {
        for settings in values(parameter, "oAuthSettings") {
            if tree.is_object(settings) {
                secrets.extend(values(settings, "clientSecret"));
            }
        }
    }
    for &parameter in &parameters {
        if any_str(parameter, "type", &|kind| kind == "securestring") {
            secrets.extend(values(parameter, "defaultValue"));
        }
    }
    secrets.extend(policy_values);
    secrets.retain(|&node| tree.as_str(node).is_some());
    secrets
}
