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
