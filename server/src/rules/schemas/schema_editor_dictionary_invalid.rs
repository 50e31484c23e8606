//! `x-ms-editor: dictionary` on a schema that is not an object open to additional properties.

use crate::links;
use crate::model::FileKind;
use crate::model::swagger::has_type;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, schema_objects};
use crate::syntax::json::NodeKind;

declare_rule! {
    /// ## What it does
    /// Reports `"x-ms-editor": "dictionary"` on a schema (after `$ref`) whose `type` is not
    /// `object`, or whose `additionalProperties` is `false`. A schema without
    /// `additionalProperties` allows them, as JSON Schema says.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`InvalidCustomEditorExtensionDictionaryValue`: "The
    /// 'x-ms-editor' extension can be specified as 'dictionary' only for schema with type
    /// object and additional properties allowed."). The dictionary editor lets makers type
    /// key/value pairs, which only an object with open keys can hold; on anything else the
    /// designer shows an editor whose entries the service cannot receive. Five published
    /// connectors use the editor, all on objects: a warning by default, an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "tags": { "type": "string", "x-ms-editor": "dictionary" }
    /// ```
    ///
    /// ## Fix
    /// Give the schema `"type": "object"` with `additionalProperties` (for example
    /// `{"type": "string"}`), or remove `x-ms-editor`.
    ///
    /// ## Fix safety
    /// No automatic fix: whether the field is meant to be a dictionary is for a person to
    /// decide.
    RULE {
        id: "schema-editor-dictionary-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "'x-ms-editor: dictionary' is on a schema that is not an object open to additional properties",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["InvalidCustomEditorExtensionDictionaryValue"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for (node, loc) in schema_objects(ctx) {
        let Some(editor) = tree.get(node, "x-ms-editor") else {
            continue;
        };
        if tree.as_str(editor) != Some("dictionary") {
            continue;
        }
        // The editor describes the value, which a `$ref` beside it (reported by the
        // structural rules) would define.
        let schema = swagger.deref(node);
        let why = if !has_type(tree, schema, "object") {
            "its type is not 'object'"
        } else if matches!(
            tree.get(schema, "additionalProperties")
                .map(|a| tree.kind(a)),
            Some(NodeKind::Bool(false))
        ) {
            "its 'additionalProperties' is false"
        } else {
            continue;
        };
        sink.at_value(
            file.kind,
            tree,
            editor,
            format!(
                "{} has 'x-ms-editor: dictionary' but {why}; the dictionary editor is for \
                 objects that allow additional properties",
                describe(tree, node, loc)
            ),
        );
    }
}
