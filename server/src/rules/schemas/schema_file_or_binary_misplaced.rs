//! A file schema (`type: file`, or `type: string` with `format: binary`) below the top of a
//! body or a response.

use std::collections::HashSet;

use crate::links;
use crate::model::FileKind;
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, schema_objects};
use crate::syntax::json::NodeId;

declare_rule! {
    /// ## What it does
    /// Reports a schema of `type: file` that is not the root schema of a response, and a
    /// schema of `type: string`, `format: binary` that is neither the root schema of a body
    /// parameter nor of a response: a file inside an object or an array, or a file as a body
    /// schema. Both are allowed when the root is a `$ref` to them. (A parameter of `type:
    /// file` outside `formData` is `parameter-location-invalid`.)
    ///
    /// ## Why
    /// Microsoft's validator rejects them (`SchemaTypeFileNotValid`: "Only parameters in
    /// 'formData' and the root response schema may be of type 'file'";
    /// `InvalidStringBinaryProperty`: "A schema with type/format 'string/binary' can only be
    /// at the top level of a body or formData parameter"). The platform sends and receives a
    /// file as the whole body; inside JSON it has no encoding for raw bytes (use `format:
    /// byte`, base64). Responses are allowed here too: 48 published connectors, certified
    /// ones among them, return `string/binary` at a response's root. 11 published connectors
    /// (all certified, 32 schemas) nest `string/binary` in JSON, none `file`: a legacy the
    /// platform tolerates, so a warning by default, an error under the certification profile.
    ///
    /// ## Example
    /// ```json
    /// "properties": { "content": { "type": "string", "format": "binary" } }
    /// ```
    ///
    /// ## Fix
    /// Inside JSON, send the file's content as `"format": "byte"` (base64); to send a file,
    /// make it the whole body or a `formData` parameter of `type: file`.
    ///
    /// ## Fix safety
    /// No automatic fix: changing the format changes what the service receives.
    RULE {
        id: "schema-file-or-binary-misplaced",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A file schema stands below the top of a body or response",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["SchemaTypeFileNotValid", "InvalidStringBinaryProperty"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let (response_roots, body_roots) = root_schemas(swagger);
    for (node, loc) in schema_objects(ctx) {
        let Some(type_node) = tree.get(node, "type") else {
            continue;
        };
        let is_response_root = response_roots.contains(&node);
        let (allowed, code, what) = match tree.as_str(type_node) {
            Some("file") => (is_response_root, "SchemaTypeFileNotValid", "type 'file'"),
            Some("string") if tree.get_str(node, "format") == Some("binary") => (
                is_response_root || body_roots.contains(&node),
                "InvalidStringBinaryProperty",
                "type 'string', format 'binary'",
            ),
            _ => continue,
        };
        if allowed {
            continue;
        }
        sink.at_value(
            file.kind,
            tree,
            type_node,
            format!(
                "{} is of {what}, allowed only at the root of a {}; inside JSON send the \
                 content as format 'byte' (base64)",
                describe(tree, node, loc),
                if code == "SchemaTypeFileNotValid" {
                    "response schema"
                } else {
                    "body parameter's or a response's schema"
                }
            ),
        )
        .with_validator(code);
    }
}

/// The root schemas of every response and of every body parameter (operation, path item and
/// root definitions), each after `$ref`.
fn root_schemas(swagger: &Swagger) -> (HashSet<NodeId>, HashSet<NodeId>) {
    let tree = swagger.tree;
    let schema_of = |holder: NodeId| tree.get(holder, "schema").map(|s| swagger.deref(s));
    let shared = |key: &str| -> Vec<NodeId> {
        tree.get(swagger.root, key)
            .map(|map| {
                tree.members(map)
                    .iter()
                    .map(|m| swagger.deref(m.value))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut responses: Vec<NodeId> = shared("responses");
    let mut parameters: Vec<NodeId> = shared("parameters");
    for op in &swagger.operations {
        responses.extend(swagger.responses(op).iter().map(|r| r.node));
        parameters.extend(swagger.parameters(op).iter().map(|p| p.node));
    }
    let response_roots = responses.into_iter().filter_map(schema_of).collect();
    let body_roots = parameters
        .into_iter()
        .filter(|&p| tree.get_str(p, "in") == Some("body"))
        .filter_map(schema_of)
        .collect();
    (response_roots, body_roots)
}
