//! Rules about parameters: where they may stand, how many of a kind an operation may have,
//! what their names and encodings may be.

use crate::model::swagger::{Operation, Parameter, Swagger};
use crate::syntax::json::NodeId;
use crate::text::excerpt;

pub mod form_consumes_incompatible;
pub mod form_consumes_missing;
pub mod parameter_body_in_get;
pub mod parameter_body_schema_missing;
pub mod parameter_connection_id;
pub mod parameter_duplicate;
pub mod parameter_location_invalid;
pub mod path_parameter_encoding_missing;
pub mod path_parameter_not_required;
pub mod query_parameter_encoding_unsupported;

pub(super) static RULES: &[&super::Rule] = &[
    &parameter_duplicate::RULE,
    &parameter_location_invalid::RULE,
    &parameter_body_in_get::RULE,
    &parameter_connection_id::RULE,
    &parameter_body_schema_missing::RULE,
    &form_consumes_missing::RULE,
    &form_consumes_incompatible::RULE,
    &path_parameter_not_required::RULE,
    &path_parameter_encoding_missing::RULE,
    &query_parameter_encoding_unsupported::RULE,
];

/// Where a finding about the MIME types an operation with form parameters consumes stands:
/// the operation's own `consumes`, else (the list is the definition's) the `in` of its first
/// form parameter.
fn consumes_place(swagger: &Swagger, op: &Operation, form: &Parameter) -> NodeId {
    let tree = swagger.tree;
    tree.get(op.node, "consumes")
        .or_else(|| tree.get(form.node, "in"))
        .unwrap_or(form.site)
}

/// The parameters written in the `parameters` list of `container` (a path item or an
/// operation), each after `$ref`: (list item, parameter object).
fn written_parameters(swagger: &Swagger, container: NodeId) -> Vec<(NodeId, NodeId)> {
    let tree = swagger.tree;
    let Some(list) = tree.get(container, "parameters") else {
        return Vec::new();
    };
    tree.items(list)
        .iter()
        .map(|&site| (site, swagger.deref(site)))
        .filter(|&(_, node)| tree.is_object(node))
        .collect()
}

/// `Parameter 'top'` or `Parameter at /pointer`, for messages.
fn parameter_name(swagger: &Swagger, node: NodeId) -> String {
    match swagger.tree.get_str(node, "name") {
        Some(name) => format!("Parameter '{}'", excerpt(name)),
        None => format!("Parameter at {}", excerpt(&swagger.tree.pointer(node))),
    }
}
