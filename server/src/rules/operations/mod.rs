//! Rules about operations: their ids, every reference to an operation by its id, how many a
//! connector may have, and their versioning (`x-ms-api-annotation` families and status).

mod dynamic_calls;
pub mod dynamic_extension_misplaced;
pub mod dynamic_parameter_not_found;
pub mod dynamic_parameter_type_mismatch;
pub mod dynamic_required_parameter_missing;
pub mod dynamic_response_path_not_found;
pub mod dynamic_source_internal;
pub mod dynamic_unambiguous_form_missing;
pub mod notification_extension_misplaced;
pub mod notification_url_invalid;
pub mod operation_family_active;
pub mod operation_family_revisions;
pub mod operation_id_duplicate;
pub mod operation_id_invalid_chars;
pub mod operation_id_missing;
pub mod operation_id_not_pascal_case;
pub mod operation_id_whitespace;
pub mod operation_ref_unknown;
pub mod operation_replacement_invalid;
pub mod operation_status_ahead_of_connector;
pub mod operations_too_many;
pub mod policy_operation_unknown;
pub mod script_operation_id_literal_unknown;
pub mod script_operation_unknown;
pub mod script_operations_without_script;
pub mod webhook_incomplete;
mod webhooks;

pub(super) static RULES: &[&super::Rule] = &[
    &operation_id_missing::RULE,
    &operation_id_whitespace::RULE,
    &operation_id_invalid_chars::RULE,
    &operation_id_duplicate::RULE,
    &operation_id_not_pascal_case::RULE,
    &operation_ref_unknown::RULE,
    &dynamic_parameter_not_found::RULE,
    &dynamic_parameter_type_mismatch::RULE,
    &dynamic_required_parameter_missing::RULE,
    &dynamic_response_path_not_found::RULE,
    &dynamic_source_internal::RULE,
    &dynamic_extension_misplaced::RULE,
    &dynamic_unambiguous_form_missing::RULE,
    &notification_url_invalid::RULE,
    &webhook_incomplete::RULE,
    &notification_extension_misplaced::RULE,
    &script_operation_unknown::RULE,
    &policy_operation_unknown::RULE,
    &script_operations_without_script::RULE,
    &script_operation_id_literal_unknown::RULE,
    &operations_too_many::RULE,
    &operation_replacement_invalid::RULE,
    &operation_family_revisions::RULE,
    &operation_family_active::RULE,
    &operation_status_ahead_of_connector::RULE,
];
