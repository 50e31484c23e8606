//! Rules about the files themselves: JSON syntax, text encoding, duplicate keys, what the top
//! of each file must be, and the structure of the definition (which keys stand where, with
//! which values), checked by one shared walk.

pub mod extension_unknown;
pub mod file_encoding_not_utf8;
pub mod file_too_large;
pub mod json_duplicate_key;
pub mod json_root_not_object;
pub mod json_syntax_error;
pub mod key_not_allowed;
pub mod required_key_missing;
pub mod structure;
pub mod swagger_version;
pub mod value_invalid;

pub(super) static RULES: &[&super::Rule] = &[
    &json_syntax_error::RULE,
    &file_encoding_not_utf8::RULE,
    &json_duplicate_key::RULE,
    &file_too_large::RULE,
    &json_root_not_object::RULE,
    &swagger_version::RULE,
    &key_not_allowed::RULE,
    &extension_unknown::RULE,
    &value_invalid::RULE,
    &required_key_missing::RULE,
];

/// The rules about a file's text (its JSON syntax, encoding and size) rather than about what it
/// says: their findings cannot be artefacts of the parser's recovery.
pub(super) static TEXT_RULES: [&super::Rule; 3] = [
    &json_syntax_error::RULE,
    &file_encoding_not_utf8::RULE,
    &file_too_large::RULE,
];

#[cfg(test)]
mod tests {
    /// The fix guard below the rules names the syntax error rule by its id.
    #[test]
    fn the_syntax_error_rule_is_the_one_the_fix_guard_names() {
        assert_eq!(
            super::json_syntax_error::RULE.id,
            crate::diagnostic::SYNTAX_ERROR_RULE
        );
    }
}
