use std::collections::HashMap;

use crate::diagnostic::{Fix, Severity};
use crate::edit::json::{insert_member, remove_item, remove_member};
use crate::edit::names::{json_string, title_of};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{constrained_objects, describe, lower_first, scalar_key};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an `enum` that is empty (`EnumMustContainAtLeastOneElement`) or lists a value
    /// twice (`ArrayDuplicateValue`), and an
    /// `x-ms-enum-values` list whose entry has no `displayName`
    /// (`MissingEnumValuesDisplayName`), whose `value` is not in the `enum`
    /// (`InvalidEnumValuesExtensionValue`) or repeats another entry's
    /// (`DuplicateEnumValuesInExtension`). Schemas, parameters, `items` and headers are
    /// checked; A value of the wrong type is `schema-enum-value-type-mismatch`.
    ///
    /// ## Why
    /// Microsoft's validator rejects each of these. A repeated value is a warning outside the
    /// certification profile: one published connector has one, so the platform takes it.
    /// An empty enum admits no value; the designer shows the
    /// `x-ms-enum-values` labels in the dropdown, so an entry without a label or for a value
    /// the enum does not have shows makers a choice the API refuses.
    ///
    /// ## Example
    /// ```json
    /// "status": { "type": "string", "enum": ["open", "closed", "open"],
    ///   "x-ms-enum-values": [{ "value": "archived", "displayName": "Archived" }] }
    /// ```
    ///
    /// ## Fix
    /// Remove a repeated `enum` value and an empty `enum`; give an entry without a label the
    /// Title Case of its value as `displayName`.
    ///
    /// ## Fix safety
    /// Removing a repeated enum value is safe (the set of values is the same), and so is
    /// removing an empty `enum`, which the validator rejects. The `displayName` is unsafe:
    /// makers read it, and a Title Case of the value is only a first draft.
    RULE {
        id: "schema-enum-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An enum or x-ms-enum-values list is empty, repeats a value or mismatches",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "EnumMustContainAtLeastOneElement",
            "ArrayDuplicateValue",
            "MissingEnumValuesDisplayName",
            "InvalidEnumValuesExtensionValue",
            "DuplicateEnumValuesInExtension",
        ],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    let text = &file.text;
    for (node, loc) in constrained_objects(ctx) {
        let what = describe(tree, node, loc);
        let enum_node = tree.get(node, "enum").filter(|&e| tree.is_array(e));
        let mut enum_values: Vec<String> = Vec::new();
        if let Some(list) = enum_node {
            let items = tree.items(list);
            if items.is_empty() {
                let index = tree
                    .members(node)
                    .iter()
                    .position(|m| &*m.key == "enum")
                    .expect("enum is a member");
                sink.at_key(
                    kind,
                    tree,
                    list,
                    format!("{what} has an empty 'enum': no value is allowed"),
                )
                .with_validator("EnumMustContainAtLeastOneElement")
                .with_fix(Fix::safe(
                    "Remove the empty 'enum'",
                    vec![remove_member(kind, tree, node, index)],
                ));
            }
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (index, &item) in items.iter().enumerate() {
                if let Some(key) = scalar_key(text, tree, item) {
                    if seen.insert(key.clone(), index).is_some() {
                        // A published connector has one: the platform takes it (a warning),
                        // certification does not.
                        let lower = sink.lenient();
                        let diagnostic = sink
                            .at_value(
                                kind,
                                tree,
                                item,
                                format!(
                                    "{what} lists the enum value {} twice",
                                    value_text(text, tree, item)
                                ),
                            )
                            .with_validator("ArrayDuplicateValue")
                            .with_fix(Fix::safe(
                                "Remove the repeated value",
                                vec![remove_item(kind, tree, list, index)],
                            ));
                        if lower {
                            diagnostic.severity = Severity::Warning;
                        }
                    }
                    enum_values.push(key);
                }
            }
        }
        let Some(labels) = tree
            .get(node, "x-ms-enum-values")
            .filter(|&l| tree.is_array(l))
        else {
            continue;
        };
        let mut seen_values: HashMap<String, usize> = HashMap::new();
        for &entry in tree.items(labels) {
            if !tree.is_object(entry) {
                continue;
            }
            let value = tree.get(entry, "value");
            if tree.get(entry, "displayName").is_none() {
                let label = value
                    .map(|v| title_of(&plain_text(text, tree, v)))
                    .unwrap_or_default();
                let diagnostic = sink
                    .at_value(
                        kind,
                        tree,
                        entry,
                        format!("An 'x-ms-enum-values' entry of {} has no 'displayName'; the dropdown has no label to show", lower_first(&what)),
                    )
                    .with_validator("MissingEnumValuesDisplayName");
                if !label.is_empty() {
                    diagnostic.with_fix(Fix::unsafe_(
                        format!("Add \"displayName\": \"{}\"", excerpt(&label)),
                        vec![insert_member(
                            kind,
                            text,
                            tree,
                            entry,
                            "displayName",
                            &json_string(&label),
                        )],
                    ));
                }
            }
            let Some(value) = value else { continue };
            let Some(key) = scalar_key(text, tree, value) else {
                continue;
            };
            if seen_values.insert(key.clone(), 0).is_some() {
                sink.at_value(
                    kind,
                    tree,
                    value,
                    format!(
                        "The 'x-ms-enum-values' of {} map the value {} twice; only one label can show",
                        lower_first(&what),
                        value_text(text, tree, value)
                    ),
                )
                .with_validator("DuplicateEnumValuesInExtension");
            }
            if enum_node.is_some() && !enum_values.contains(&key) {
                sink.at_value(
                    kind,
                    tree,
                    value,
                    format!(
                        "The 'x-ms-enum-values' of {} label the value {}, which its 'enum' does not list",
                        lower_first(&what),
                        value_text(text, tree, value)
                    ),
                )
                .with_validator("InvalidEnumValuesExtensionValue");
            }
        }
    }
}

/// The JSON text of a value, shortened, for messages.
fn value_text(text: &str, tree: &JsonTree, node: NodeId) -> String {
    excerpt(&text[tree.range(node).as_usize()]).into_owned()
}

/// A string value without quotes, any other value as written.
fn plain_text(text: &str, tree: &JsonTree, node: NodeId) -> String {
    tree.as_str(node).map_or_else(
        || text[tree.range(node).as_usize()].to_string(),
        str::to_string,
    )
}
