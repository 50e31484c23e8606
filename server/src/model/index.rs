//! The semantic index of one connector: its files' parsed views (the Swagger definition,
//! apiProperties.json, the script, the readme's outline) and every reference to an operation by its operationId,
//! found once and read by the rules, the editor features and the language server alike.

use std::collections::HashMap;

use crate::model::api_properties::ApiProperties;
use crate::model::references::{self, OperationRef};
use crate::model::swagger::Swagger;
use crate::model::{Connector, FileKind, SourceFile};
use crate::syntax::csx::{Outline, outline};
use crate::syntax::markdown;

/// Everything known about one connector's files, parsed once and shared by every reader.
pub struct ConnectorIndex<'a> {
    pub connector: &'a Connector,
    pub definition: Option<(&'a SourceFile, Swagger<'a>)>,
    pub properties: Option<(&'a SourceFile, ApiProperties<'a>)>,
    pub script: Option<&'a SourceFile>,
    /// What the script declares and calls, for the rules of the custom code contract.
    pub script_outline: Option<Outline>,
    /// The readme and its headings and list items, for the readme rules.
    pub readme: Option<(&'a SourceFile, markdown::Outline)>,
    /// Every reference to an operation by its operationId, in all files.
    pub operation_refs: Vec<OperationRef>,
    /// Indexes into `operation_refs` by the lower-case name referred to.
    refs_by_name: HashMap<String, Vec<usize>>,
}

impl<'a> ConnectorIndex<'a> {
    pub fn new(connector: &'a Connector) -> Self {
        let definition = connector.file(FileKind::ApiDefinition).and_then(|file| {
            let swagger = Swagger::of(file)?;
            Some((file, swagger))
        });
        let properties = connector.file(FileKind::ApiProperties).and_then(|file| {
            let properties = ApiProperties::new(file.tree()?)?;
            Some((file, properties))
        });
        let script = connector.file(FileKind::Script);
        let mut operation_refs = Vec::new();
        if let Some((_, swagger)) = &definition {
            operation_refs.extend(references::definition_refs(swagger.tree));
        }
        if let Some((_, properties)) = &properties {
            operation_refs.extend(references::properties_refs(properties.tree));
        }
        if let Some(script) = script {
            operation_refs.extend(references::script_refs(script));
        }
        let mut refs_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, reference) in operation_refs.iter().enumerate() {
            refs_by_name
                .entry(reference.name.to_lowercase())
                .or_default()
                .push(index);
        }
        ConnectorIndex {
            connector,
            definition,
            properties,
            script,
            script_outline: script.map(|script| outline(&script.text)),
            readme: connector
                .file(FileKind::Readme)
                .map(|readme| (readme, markdown::outline(&readme.text))),
            operation_refs,
            refs_by_name,
        }
    }

    /// The references that name the operation whose id is `operation_id`.
    pub fn operation_refs_to<'s>(
        &'s self,
        operation_id: &'s str,
    ) -> impl Iterator<Item = &'s OperationRef> + 's {
        let indexes = self.refs_by_name.get(&operation_id.to_lowercase());
        indexes
            .into_iter()
            .flatten()
            .map(|&index| &self.operation_refs[index])
            .filter(move |reference| reference.matches(operation_id))
    }

    pub fn swagger(&self) -> Option<&Swagger<'a>> {
        self.definition.as_ref().map(|(_, swagger)| swagger)
    }

    pub fn api_properties(&self) -> Option<&ApiProperties<'a>> {
        self.properties.as_ref().map(|(_, properties)| properties)
    }

    pub fn file(&self, kind: FileKind) -> Option<&'a SourceFile> {
        self.connector.file(kind)
    }
}
