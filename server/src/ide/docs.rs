//! The Markdown that hover and completion show: documentation of keys, enum values, policy
//! templates and their parameters from the vocabulary, of operations and of `$ref` targets.

use crate::model::swagger::{self, Swagger};
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::vocabulary::{EnumValue, Key, Kind, POLICY_PARAM_PREFIX, PolicyParam, PolicyTemplate};

/// A rule's documentation as a hover shows it: its `##` headings as bold lines, since editors
/// render Markdown headings in a hover as large titles.
pub fn rule_docs_for_hover(docs: &str) -> String {
    docs.lines()
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => format!("**{}**", heading.trim()),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A short summary of a key's value for completion details: `string`, or the enum.
pub fn describe_value(key: &Key) -> String {
    if !key.values.is_empty() && key.values.len() <= 6 {
        let values: Vec<String> = key
            .values
            .iter()
            .map(|v| format!("\"{}\"", v.value))
            .collect();
        let joined = values.join(" | ");
        return if key.kind == Kind::Array {
            format!("array of {joined}")
        } else {
            joined
        };
    }
    key.kind.describe().to_string()
}

/// The hover documentation of a key: what it is, its values, its limits and its page.
pub fn key_markdown(key: &Key) -> String {
    let mut out = format!(
        "**`{}`** · {}\n\n{}",
        key.name,
        key.kind.describe(),
        key.doc
    );
    if !key.values.is_empty() {
        out.push_str("\n\nValues:\n");
        for value in key.values {
            out.push_str(&format!("- `{}`: {}\n", value.value, value.doc));
        }
        while out.ends_with('\n') {
            out.pop();
        }
    }
    if !key.limits.is_empty() {
        out.push_str(&format!("\n\n**Limits:** {}", key.limits));
    }
    if !key.link.is_empty() {
        out.push_str(&format!("\n\n[Documentation]({})", key.link));
    }
    out
}

/// The hover documentation of one value of a key.
pub fn value_markdown(key: &Key, value: &EnumValue) -> String {
    let mut out = format!(
        "**`{}`** · value of `{}`\n\n{}",
        value.value, key.name, value.doc
    );
    if !key.link.is_empty() {
        out.push_str(&format!("\n\n[Documentation]({})", key.link));
    }
    out
}

/// The hover documentation of a policy template.
pub fn policy_markdown(template: &PolicyTemplate) -> String {
    let mut out = format!(
        "**`{}`** · policy template\n\n{}\n\nParameters:\n",
        template.id, template.doc
    );
    for param in template.params {
        let required = if param.required { " (required)" } else { "" };
        out.push_str(&format!(
            "- `{POLICY_PARAM_PREFIX}{}`{required}: {}\n",
            param.name, param.doc
        ));
    }
    out.push_str(&format!("\n[Documentation]({})", template.link));
    out
}

/// The hover documentation of a policy template parameter.
pub fn policy_param_markdown(template: &PolicyTemplate, param: &PolicyParam) -> String {
    let required = if param.required {
        "required"
    } else {
        "optional"
    };
    let mut out = format!(
        "**`{POLICY_PARAM_PREFIX}{}`** · {required} parameter of `{}`\n\n{}",
        param.name, template.id, param.doc
    );
    if !param.values.is_empty() {
        out.push_str("\n\nValues:\n");
        for value in param.values {
            out.push_str(&format!("- `{}`: {}\n", value.value, value.doc));
        }
        out.pop();
    }
    out.push_str(&format!("\n\n[Documentation]({})", template.link));
    out
}

/// `in: query · string · required`, for a parameter node.
pub fn describe_parameter(tree: &JsonTree, node: NodeId) -> String {
    let mut parts = Vec::new();
    if let Some(location) = tree.get_str(node, "in") {
        parts.push(format!("in {location}"));
    }
    if let Some(kind) = tree.get_str(node, "type") {
        parts.push(kind.to_string());
    } else if tree.get(node, "schema").is_some() {
        parts.push("schema".to_string());
    }
    if tree.get(node, "required").and_then(|r| tree.as_bool(r)) == Some(true) {
        parts.push("required".to_string());
    }
    parts.join(" · ")
}

/// Hover and completion documentation of an operation: id, method and path, summary,
/// description.
pub fn operation_markdown(swagger: &Swagger, op: &swagger::Operation) -> String {
    let tree = swagger.tree;
    let id = swagger.operation_id(op).unwrap_or("(no operationId)");
    let mut out = format!("**`{id}`** · `{}`", swagger.describe(op));
    if tree.get_str(op.node, "x-ms-trigger").is_some() {
        out.push_str(" · trigger");
    }
    if let Some(summary) = tree.get_str(op.node, "summary") {
        out.push_str(&format!("\n\n{summary}"));
    }
    if let Some(description) = tree.get_str(op.node, "description") {
        out.push_str(&format!("\n\n{description}"));
    }
    out
}

/// What a `$ref` target is: a schema's type, a parameter's place, a response.
pub fn ref_type(tree: &JsonTree, node: NodeId) -> String {
    let pointer = tree.pointer(node);
    if pointer.starts_with("/parameters/") {
        return format!("parameter · {}", describe_parameter(tree, node));
    }
    if pointer.starts_with("/responses/") {
        let schema = tree.get(node, "schema").map(|s| schema_type(tree, s));
        return match schema {
            Some(kind) => format!("response · {kind}"),
            None => "response".to_string(),
        };
    }
    schema_type(tree, node)
}

fn schema_type(tree: &JsonTree, node: NodeId) -> String {
    if let Some(reference) = tree.get_str(node, "$ref") {
        return reference.to_string();
    }
    match tree.get(node, "type").map(|t| tree.kind(t)) {
        Some(NodeKind::String(kind)) if &**kind == "array" => {
            let items = tree.get(node, "items").map(|i| schema_type(tree, i));
            match items {
                Some(items) => format!("array of {items}"),
                None => "array".to_string(),
            }
        }
        Some(NodeKind::String(kind)) => kind.to_string(),
        _ if tree.get(node, "properties").is_some() => "object".to_string(),
        _ => "schema".to_string(),
    }
}

/// Hover and completion documentation of a `$ref` target: its type and description.
pub fn ref_markdown(tree: &JsonTree, reference: &str) -> Option<String> {
    let node = swagger::resolve_local_ref(tree, reference).ok()?;
    let mut out = format!("**`{reference}`** · {}", ref_type(tree, node));
    for field in ["title", "x-ms-summary", "description"] {
        if let Some(text) = tree.get_str(node, field) {
            out.push_str(&format!("\n\n{text}"));
        }
    }
    if let Some(properties) = tree.get(node, "properties") {
        let names: Vec<String> = tree
            .members(properties)
            .iter()
            .take(20)
            .map(|m| format!("`{}`", m.key))
            .collect();
        if !names.is_empty() {
            let more = if tree.members(properties).len() > 20 {
                ", …"
            } else {
                ""
            };
            out.push_str(&format!("\n\nProperties: {}{more}", names.join(", ")));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::key_markdown;
    use crate::vocabulary::{Loc, find};

    #[test]
    fn markdown_has_doc_limits_and_link() {
        let summary = find(Loc::Operation, "summary").unwrap();
        let text = key_markdown(summary);
        assert!(text.contains("80 characters"), "{text}");
        assert!(text.contains("](https://learn.microsoft.com/"), "{text}");
    }
}
