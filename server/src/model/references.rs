//! Every place in a connector that names an operation by its operationId: the dynamic and
//! capability extensions of the definition, `scriptOperations` and policy operation lists in
//! apiProperties.json, and the operationId literals of script.csx. Rules check them; the
//! language server will use the same index for navigation and rename.

use serde::Serialize;

use crate::model::annotation::annotation;
use crate::model::source::{FileKind, SourceFile};
use crate::syntax::csx;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RefKind {
    /// An `x-ms-*` extension of the definition; the extension's name.
    Extension(&'static str),
    /// An item of `scriptOperations`.
    ScriptOperations,
    /// An item of a policy's `x-ms-apimTemplate-operationName`.
    PolicyOperation,
    /// A string compared with `Context.OperationId` in script.csx.
    ScriptLiteral,
}

#[derive(Clone, Debug)]
pub struct OperationRef {
    pub name: String,
    pub file: FileKind,
    /// The string value's range: with quotes in JSON, inside the quotes in script.csx.
    pub range: TextRange,
    /// The JSON node of the string, for JSON files.
    pub node: Option<NodeId>,
    pub kind: RefKind,
    /// The reference matches operationIds regardless of case (a case-folding comparison in
    /// script.csx); everything else is matched exactly, as the platform does.
    pub ignore_case: bool,
}

impl OperationRef {
    pub fn matches(&self, operation_id: &str) -> bool {
        if self.ignore_case {
            self.name.eq_ignore_ascii_case(operation_id)
        } else {
            self.name == operation_id
        }
    }
}

/// Extensions whose object carries an `operationId` directly.
const DIRECT: [&str; 5] = [
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-notification",
];

fn push_string(
    refs: &mut Vec<OperationRef>,
    tree: &JsonTree,
    node: Option<NodeId>,
    file: FileKind,
    kind: RefKind,
) {
    let Some(node) = node else { return };
    if let Some(name) = tree.as_str(node) {
        refs.push(OperationRef {
            name: name.to_string(),
            file,
            range: tree.range(node),
            node: Some(node),
            kind,
            ignore_case: false,
        });
    }
}

/// References made by the definition's extensions.
pub fn definition_refs(tree: &JsonTree) -> Vec<OperationRef> {
    let mut refs = Vec::new();
    let root = tree.root();
    let file = FileKind::ApiDefinition;
    for id in tree.ids() {
        for member in tree.members(id) {
            let value = member.value;
            let key = &*member.key;
            if let Some(ext) = DIRECT.iter().find(|e| **e == key) {
                let kind = RefKind::Extension(ext);
                push_string(&mut refs, tree, tree.get(value, "operationId"), file, kind);
                continue;
            }
            match key {
                "x-ms-dynamic-tree" => {
                    let kind = RefKind::Extension("x-ms-dynamic-tree");
                    for part in ["open", "browse"] {
                        let node = tree.path(value, &[part, "operationId"]);
                        push_string(&mut refs, tree, node, file, kind);
                    }
                }
                "x-ms-operation-context" => {
                    let kind = RefKind::Extension("x-ms-operation-context");
                    let node = tree.path(value, &["simulate", "operationId"]);
                    push_string(&mut refs, tree, node, file, kind);
                }
                "x-ms-capabilities" if Some(id) == root => {
                    let kind = RefKind::Extension("x-ms-capabilities");
                    for path in [
                        &["testConnection", "operationId"][..],
                        &["file-picker", "open", "operationId"],
                        &["file-picker", "browse", "operationId"],
                    ] {
                        push_string(&mut refs, tree, tree.path(value, path), file, kind);
                    }
                }
                "x-ms-openai-data" => {
                    let kind = RefKind::Extension("x-ms-openai-data");
                    if let Some(ops) = tree.get(value, "operations") {
                        for &op in tree.items(ops) {
                            push_string(&mut refs, tree, tree.get(op, "operationId"), file, kind);
                        }
                    }
                }
                "x-ms-api-annotation" => {
                    // A replacement may point into another connector (`api`); only references
                    // without `api` are known to be local.
                    if let Some(replacement) = annotation(tree, id).and_then(|a| a.replacement)
                        && replacement.api.is_none()
                    {
                        let kind = RefKind::Extension("x-ms-api-annotation");
                        push_string(&mut refs, tree, replacement.operation_id, file, kind);
                    }
                }
                _ => {}
            }
        }
    }
    refs
}

/// References made by apiProperties.json: `scriptOperations` and policy operation lists.
pub fn properties_refs(tree: &JsonTree) -> Vec<OperationRef> {
    let mut refs = Vec::new();
    let file = FileKind::ApiProperties;
    let Some(properties) = tree.root().and_then(|r| tree.get(r, "properties")) else {
        return refs;
    };
    if let Some(list) = tree.get(properties, "scriptOperations") {
        for &item in tree.items(list) {
            push_string(&mut refs, tree, Some(item), file, RefKind::ScriptOperations);
        }
    }
    if let Some(instances) = tree.get(properties, "policyTemplateInstances") {
        for &instance in tree.items(instances) {
            let names = tree.path(instance, &["parameters", "x-ms-apimTemplate-operationName"]);
            let Some(names) = names else { continue };
            if tree.is_array(names) {
                for &item in tree.items(names) {
                    push_string(&mut refs, tree, Some(item), file, RefKind::PolicyOperation);
                }
            } else {
                push_string(&mut refs, tree, Some(names), file, RefKind::PolicyOperation);
            }
        }
    }
    refs
}

/// References made by script.csx.
pub fn script_refs(script: &SourceFile) -> Vec<OperationRef> {
    csx::operation_id_literals(&script.text)
        .into_iter()
        .map(|literal| OperationRef {
            name: literal.value,
            file: FileKind::Script,
            range: literal.range,
            node: None,
            kind: RefKind::ScriptLiteral,
            ignore_case: literal.ignore_case,
        })
        .collect()
}
