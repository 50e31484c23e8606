//! Rules about schemas and the values they hold: defaults of the declared type, required
//! properties that exist.

use crate::model::swagger::{in_data, is_name_map};
use crate::syntax::json::{JsonTree, NodeId};

pub mod default_value_type_mismatch;
pub mod schema_required_undefined;

pub(super) static RULES: &[&super::Rule] = &[
    &default_value_type_mismatch::RULE,
    &schema_required_undefined::RULE,
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
