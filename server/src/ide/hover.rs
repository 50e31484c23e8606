//! Hover documentation at an offset of a connector file: the documentation of a key or an
//! enum value, what a `$ref` points to, and the operation an operationId reference names
//! (in the definition's extensions, apiProperties.json and script.csx). The rule
//! documentation of diagnostics is added by the LSP handler.

use crate::ide::docs::{self, describe_parameter, operation_markdown, ref_markdown};
use crate::model::references::{self, OperationRef};
use crate::model::swagger::{Swagger, in_data, is_name_map};
use crate::model::{Connector, FileKind};
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::text::TextRange;
use crate::vocabulary::{self, CUSTOM_PARAMETERS, Key, Loc, POLICY_PARAM_PREFIX, Source, path_to};

/// Markdown for the range under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    pub markdown: String,
    pub range: TextRange,
}

/// What the cursor is on in a JSON tree.
enum Hit {
    /// The key of member `index` of object `object`.
    Key { object: NodeId, index: usize },
    /// A scalar value (or an empty container).
    Value(NodeId),
}

fn inside(range: TextRange, offset: u32) -> bool {
    range.start <= offset && offset < range.end.max(range.start + 1)
}

fn hit_at(tree: &JsonTree, offset: u32) -> Option<Hit> {
    let mut node = tree.root()?;
    if !inside(tree.range(node), offset) {
        return None;
    }
    loop {
        let next = match tree.kind(node) {
            NodeKind::Object(members) => {
                if let Some(index) = members.iter().position(|m| inside(m.key_range, offset)) {
                    return Some(Hit::Key {
                        object: node,
                        index,
                    });
                }
                members
                    .iter()
                    .map(|m| m.value)
                    .find(|&v| inside(tree.range(v), offset))
            }
            NodeKind::Array(items) => items
                .iter()
                .copied()
                .find(|&v| inside(tree.range(v), offset)),
            _ => None,
        };
        match next {
            Some(child) => node = child,
            None if tree.is_object(node) || tree.is_array(node) => return None,
            None => return Some(Hit::Value(node)),
        }
    }
}

/// The hover at `offset` in the connector file of this kind.
pub fn hover(connector: &Connector, kind: FileKind, offset: u32) -> Option<HoverInfo> {
    let file = connector.file(kind)?;
    let definition = connector
        .file(FileKind::ApiDefinition)
        .and_then(|f| f.tree());
    let refs: Vec<OperationRef> = match kind {
        FileKind::ApiDefinition => file
            .tree()
            .map(references::definition_refs)
            .unwrap_or_default(),
        FileKind::ApiProperties => file
            .tree()
            .map(references::properties_refs)
            .unwrap_or_default(),
        FileKind::Script => references::script_refs(file),
        FileKind::Settings | FileKind::Readme | FileKind::Icon => Vec::new(),
    };
    let inclusive = kind == FileKind::Script;
    if let Some(reference) = refs.iter().find(|r| {
        inside(r.range, offset) || (inclusive && r.range.start <= offset && offset <= r.range.end)
    }) {
        return Some(HoverInfo {
            markdown: operation_reference(definition, reference),
            range: reference.range,
        });
    }
    let tree = file.tree()?;
    match hit_at(tree, offset)? {
        Hit::Key { object, index } => {
            let member = &tree.members(object)[index];
            let loc = vocabulary::classify(kind, &path_to(tree, object));
            let markdown = key_hover(connector, tree, loc, object, &member.key, member.value)?;
            Some(HoverInfo {
                markdown,
                range: member.key_range,
            })
        }
        Hit::Value(node) => {
            let markdown = value_hover(kind, tree, node)?;
            Some(HoverInfo {
                markdown,
                range: tree.range(node),
            })
        }
    }
}

fn operation_reference(definition: Option<&JsonTree>, reference: &OperationRef) -> String {
    let swagger = definition.and_then(Swagger::new);
    let found = swagger.as_ref().and_then(|s| {
        s.operations
            .iter()
            .find(|op| s.operation_id(op).is_some_and(|id| reference.matches(id)))
            .map(|op| operation_markdown(s, op))
    });
    found.unwrap_or_else(|| {
        format!(
            "**`{}`** · no operation of the definition has this operationId",
            reference.name
        )
    })
}

/// The length of a string value against a key's limit.
fn length_note(tree: &JsonTree, key: &Key, value: NodeId) -> String {
    let Some(text) = tree.as_str(value).filter(|_| key.max_len > 0) else {
        return String::new();
    };
    let length = text.chars().count();
    let verdict = if length > key.max_len {
        format!(
            ": **{} over the limit of {}**",
            length - key.max_len,
            key.max_len
        )
    } else {
        format!(" (limit {})", key.max_len)
    };
    format!("\n\nThis value has {length} characters{verdict}.")
}

fn key_hover(
    connector: &Connector,
    tree: &JsonTree,
    loc: Loc,
    object: NodeId,
    name: &str,
    value: NodeId,
) -> Option<String> {
    if let Some(key) = vocabulary::find(loc, name) {
        return Some(docs::key_markdown(key) + &length_note(tree, key, value));
    }
    match loc {
        Loc::PolicyParameters => {
            let param = name.strip_prefix(POLICY_PARAM_PREFIX)?;
            let template = tree
                .parent(object)
                .and_then(|i| tree.get_str(i, "templateId"))
                .and_then(vocabulary::policy_template)?;
            let param = template.params.iter().find(|p| p.name == param)?;
            return Some(docs::policy_param_markdown(template, param));
        }
        Loc::DynamicValuesParams | Loc::DynamicListParams => {
            let definition = connector.file(FileKind::ApiDefinition)?.tree()?;
            let swagger = Swagger::new(definition)?;
            let target = tree
                .parent(object)
                .and_then(|e| tree.get_str(e, "operationId"))?;
            let op = swagger.find_operation(target)?;
            let param = swagger
                .parameters(op)
                .into_iter()
                .find(|p| p.name == Some(name))?;
            let mut out = format!(
                "**`{name}`** · parameter of `{target}` ({})",
                describe_parameter(definition, param.node)
            );
            if let Some(description) = definition.get_str(param.node, "description") {
                out.push_str(&format!("\n\n{description}"));
            }
            return Some(out);
        }
        Loc::CustomParameters => {
            let provider = tree
                .parent(object)
                .and_then(|s| tree.get_str(s, "identityProvider"))
                .unwrap_or("oauth2");
            let (_, params) = CUSTOM_PARAMETERS.iter().find(|(p, _)| *p == provider)?;
            let param = params.iter().find(|p| p.value == name)?;
            return Some(format!(
                "**`{name}`** · custom parameter of `{provider}`\n\n{}",
                param.doc
            ));
        }
        Loc::Paths => {
            let swagger = Swagger::new(tree)?;
            let operations: Vec<String> = swagger
                .operations
                .iter()
                .filter(|op| swagger.path_of(op).node == value)
                .map(|op| {
                    let id = swagger.operation_id(op).unwrap_or("?");
                    format!("- `{}` {id}", op.method.to_uppercase())
                })
                .collect();
            return Some(format!(
                "**`{name}`** · path with {} operation{}\n\n{}",
                operations.len(),
                if operations.len() == 1 { "" } else { "s" },
                operations.join("\n")
            ));
        }
        _ => {}
    }
    if vocabulary::IGNORED_EXTENSIONS.contains(&name) {
        return Some(format!(
            "**`{name}`** · AutoRest extension\n\nPower Platform ignores this extension; it \
             has no effect on the connector."
        ));
    }
    if name.starts_with("x-ms-")
        && let Some((_, key)) = vocabulary::find_anywhere(name)
    {
        return Some(format!(
            "{}\n\n*Not expected at this place of the file.*",
            docs::key_markdown(key)
        ));
    }
    None
}

fn value_hover(kind: FileKind, tree: &JsonTree, node: NodeId) -> Option<String> {
    let parent = tree.parent(node)?;
    // An item of an array: documented by the array's key.
    let (holder, key_node) = if tree.is_array(parent) {
        (tree.parent(parent)?, parent)
    } else {
        (parent, node)
    };
    let name = tree.member_of(key_node)?.key.to_string();
    let loc = vocabulary::classify(kind, &path_to(tree, holder));
    let text = tree.as_str(node);
    if name == "$ref" && !is_name_map(tree, holder) && !in_data(tree, holder) {
        let reference = text?;
        return Some(ref_markdown(tree, reference).unwrap_or_else(|| {
            format!("**`{reference}`** · this reference points to nothing in the file")
        }));
    }
    if loc == Loc::PolicyParameters
        && let Some(param) = name.strip_prefix(POLICY_PARAM_PREFIX)
    {
        let template = tree
            .parent(holder)
            .and_then(|i| tree.get_str(i, "templateId"))
            .and_then(vocabulary::policy_template)?;
        let param = template.params.iter().find(|p| p.name == param)?;
        if let Some(value) = text.and_then(|t| param.values.iter().find(|v| v.value == t)) {
            return Some(format!(
                "**`{}`** · value of `{POLICY_PARAM_PREFIX}{}`\n\n{}",
                value.value, param.name, value.doc
            ));
        }
        return Some(docs::policy_param_markdown(template, param));
    }
    let key = vocabulary::find(loc, &name)?;
    if key.source == Source::PolicyTemplate {
        return text
            .and_then(vocabulary::policy_template)
            .map(docs::policy_markdown);
    }
    if let Some(value) = text.and_then(|t| key.value_doc(t)) {
        return Some(docs::value_markdown(key, value));
    }
    Some(docs::key_markdown(key) + &length_note(tree, key, node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFile;
    use std::path::PathBuf;

    fn hover_at(kind: FileKind, marked: &str) -> Option<String> {
        let offset = marked.find("$0").unwrap() as u32;
        let text = marked.replacen("$0", "", 1);
        let file = SourceFile::from_text(kind, PathBuf::from(kind.default_name()), text);
        let connector = Connector::from_files(PathBuf::from("/c"), vec![file], Vec::new());
        hover(&connector, kind, offset).map(|h| h.markdown)
    }

    #[test]
    fn key_docs_with_the_length_of_the_value() {
        let text = hover_at(
            FileKind::ApiDefinition,
            "{\"info\": {\"ti$0tle\": \"A title that is much longer than thirty characters\"}}",
        )
        .unwrap();
        assert!(text.starts_with("**`title`**"), "{text}");
        assert!(text.contains("over the limit of 30"), "{text}");
    }

    #[test]
    fn enum_value_docs() {
        let text = hover_at(
            FileKind::ApiProperties,
            "{\"properties\": {\"connectionParameters\": {\"token\": {\"oAuthSettings\": {\"redirectMode\": \"Global$0PerConnector\"}}}}}",
        )
        .unwrap();
        assert!(
            text.starts_with("**`GlobalPerConnector`** · value of `redirectMode`"),
            "{text}"
        );
    }

    #[test]
    fn ref_shows_the_target() {
        let text = hover_at(
            FileKind::ApiDefinition,
            "{\"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/It$0em\"}}}}}}, \"definitions\": {\"Item\": {\"type\": \"object\", \"description\": \"One item.\", \"properties\": {\"id\": {\"type\": \"string\"}}}}}",
        )
        .unwrap();
        assert_eq!(
            text,
            "**`#/definitions/Item`** · object\n\nOne item.\n\nProperties: `id`"
        );
    }

    #[test]
    fn ignored_and_misplaced_extensions() {
        let text = hover_at(FileKind::ApiDefinition, "{\"x-ms-en$0um\": {}}").unwrap();
        assert!(text.contains("ignores this extension"), "{text}");
        let text = hover_at(FileKind::ApiDefinition, "{\"x-ms-trig$0ger\": \"single\"}").unwrap();
        assert!(text.contains("Not expected at this place"), "{text}");
    }
}
