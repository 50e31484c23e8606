//! Rules about the keywords of schemas and schema-like objects (parameters, `items`, response
//! headers): validation constraints, enums, `required`, defaults of the declared type, and the
//! limits on schema size.

use crate::model::schemas::number;
use crate::model::swagger::{in_data, is_name_map};
use crate::rules::Context;
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::text::excerpt;
use crate::vocabulary::Loc;

pub mod default_value_outside_schema;
pub mod default_value_type_mismatch;
mod defaults;
mod ecma_pattern;
pub mod internal_optional_with_default;
pub mod required_read_only_input;
pub mod schema_constraint_invalid;
pub mod schema_editor_dictionary_invalid;
pub mod schema_enum_invalid;
pub mod schema_enum_value_type_mismatch;
pub mod schema_file_or_binary_misplaced;
pub mod schema_filter_functions_invalid;
pub mod schema_required_invalid;
pub mod schema_required_loop;
pub mod schema_required_not_on_object;
pub mod schema_required_undefined;
pub mod schema_too_large;

pub(super) static RULES: &[&super::Rule] = &[
    &schema_constraint_invalid::RULE,
    &schema_enum_invalid::RULE,
    &schema_enum_value_type_mismatch::RULE,
    &schema_required_invalid::RULE,
    &schema_required_not_on_object::RULE,
    &schema_required_undefined::RULE,
    &default_value_type_mismatch::RULE,
    &default_value_outside_schema::RULE,
    &required_read_only_input::RULE,
    &internal_optional_with_default::RULE,
    &schema_too_large::RULE,
    &schema_file_or_binary_misplaced::RULE,
    &schema_editor_dictionary_invalid::RULE,
    &schema_filter_functions_invalid::RULE,
    &schema_required_loop::RULE,
];

/// The objects of a definition that hold `key` as a Swagger keyword: schemas and parameters,
/// not maps of names (`properties`, `definitions`) nor values inside examples and defaults.
fn objects_with_keyword<'t>(tree: &'t JsonTree, key: &'t str) -> impl Iterator<Item = NodeId> + 't {
    tree.ids().filter(move |&node| {
        tree.is_object(node)
            && tree.member(node, key).is_some()
            && !is_name_map(tree, node)
            && !in_data(tree, node)
    })
}

/// The places that carry validation keywords (`minimum`, `enum`, `pattern`…).
const CONSTRAINED: [Loc; 4] = [Loc::Parameter, Loc::Items, Loc::Header, Loc::Schema];

/// Every object of the definition that carries validation keywords, in document order.
fn constrained_objects(ctx: &Context) -> Vec<(NodeId, Loc)> {
    ctx.objects_at(&CONSTRAINED)
}

/// Every schema of the definition (not parameters, `items` or headers), in document order.
fn schema_objects(ctx: &Context) -> Vec<(NodeId, Loc)> {
    ctx.objects_at(&[Loc::Schema])
}

/// `Parameter 'top'`, `Property 'name'`, `Response header 'X-Rate'` or `Schema at /pointer`,
/// for messages.
fn describe(tree: &JsonTree, node: NodeId, loc: Loc) -> String {
    let key = tree
        .member_of(node)
        .map(|member| excerpt(&member.key).into_owned());
    let in_properties = tree
        .parent(node)
        .and_then(|parent| tree.member_of(parent))
        .is_some_and(|member| &*member.key == "properties");
    match (loc, key) {
        (Loc::Parameter, _) => match tree.get_str(node, "name") {
            Some(name) => format!("Parameter '{}'", excerpt(name)),
            None => format!("Parameter at {}", excerpt(&tree.pointer(node))),
        },
        (Loc::Header, Some(key)) => format!("Response header '{key}'"),
        (Loc::Schema, Some(key)) if in_properties => format!("Property '{key}'"),
        (Loc::Schema, Some(key)) if is_definition(tree, node) => format!("Definition '{key}'"),
        _ => format!("Schema at {}", excerpt(&tree.pointer(node))),
    }
}

/// Whether `node` is a member of the root's `definitions`.
fn is_definition(tree: &JsonTree, node: NodeId) -> bool {
    tree.parent(node).is_some_and(|parent| {
        tree.member_of(parent)
            .is_some_and(|member| &*member.key == "definitions")
            && tree.parent(parent) == tree.root()
    })
}

/// `Parameter 'top'` → `parameter 'top'`, for a description in the middle of a sentence.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A key that is equal for equal scalar JSON values (`1` and `1.0`, `"a"` and `"\u0061"`);
/// `None` for objects, arrays and unparsable values, which are not compared.
fn scalar_key(text: &str, tree: &JsonTree, node: NodeId) -> Option<String> {
    match tree.kind(node) {
        NodeKind::String(value) => Some(format!("s:{value}")),
        NodeKind::Bool(value) => Some(format!("b:{value}")),
        NodeKind::Null => Some("null".to_string()),
        NodeKind::Number => number(text, tree, node).map(|value| format!("n:{value}")),
        _ => None,
    }
}
