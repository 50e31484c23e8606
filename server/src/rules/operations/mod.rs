//! Rules about operations: their ids, every reference to an operation by its id, and how
//! many a connector may have.

pub mod operation_id_duplicate;
pub mod operation_id_invalid_chars;
pub mod operation_id_missing;
pub mod operation_id_not_pascal_case;
pub mod operation_id_whitespace;
pub mod operation_ref_unknown;
pub mod operations_too_many;
pub mod policy_operation_unknown;
pub mod script_operation_id_literal_unknown;
pub mod script_operation_unknown;
pub mod script_operations_without_script;

pub(super) static RULES: &[&super::Rule] = &[
    &operation_id_missing::RULE,
    &operation_id_whitespace::RULE,
    &operation_id_invalid_chars::RULE,
    &operation_id_duplicate::RULE,
    &operation_id_not_pascal_case::RULE,
    &operation_ref_unknown::RULE,
    &script_operation_unknown::RULE,
    &policy_operation_unknown::RULE,
    &script_operations_without_script::RULE,
    &script_operation_id_literal_unknown::RULE,
    &operations_too_many::RULE,
];
