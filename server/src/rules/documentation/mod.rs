//! Rules about what makers and certification reviewers read: the connector's title,
//! description and contact, its listing metadata, and the summaries, descriptions and display
//! names of operations and parameters.

use std::collections::HashSet;

use crate::model::swagger::{Parameter, Swagger};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;

pub mod connector_metadata_invalid;
pub mod info_contact_invalid;
pub mod info_description_invalid;
pub mod info_title_duplicate;
pub mod info_title_invalid;
pub mod operation_description_missing;
pub mod operation_summary_format;
pub mod operation_summary_missing;
pub mod parameter_description_missing;
pub mod parameter_summary_missing;
pub mod tag_duplicate;
pub mod url_invalid;
pub mod value_not_english;

pub(super) static RULES: &[&super::Rule] = &[
    &info_title_invalid::RULE,
    &info_title_duplicate::RULE,
    &info_description_invalid::RULE,
    &info_contact_invalid::RULE,
    &connector_metadata_invalid::RULE,
    &operation_summary_missing::RULE,
    &operation_summary_format::RULE,
    &operation_description_missing::RULE,
    &parameter_summary_missing::RULE,
    &parameter_description_missing::RULE,
    &tag_duplicate::RULE,
    &url_invalid::RULE,
    &value_not_english::RULE,
];

/// The validator's code for a member a certified connector must have.
const REQUIRED_PROPERTY_MISSING: &str = "RequiredPropertyMissing";

/// Whether an operation, parameter or property is hidden from makers
/// (`"x-ms-visibility": "internal"`, in any case): the validator asks nothing of its strings.
fn is_internal(tree: &JsonTree, node: NodeId) -> bool {
    tree.get_str(node, "x-ms-visibility")
        .is_some_and(|visibility| visibility.eq_ignore_ascii_case("internal"))
}

/// Whether `node` has a string member `key` with more than blanks in it.
fn has_text(tree: &JsonTree, node: NodeId, key: &str) -> bool {
    tree.get_str(node, key)
        .is_some_and(|text| !text.trim().is_empty())
}

/// The parameters makers fill in, each parameter object once (a shared `#/parameters/…`
/// definition is one parameter however many operations use it): those of operations that are
/// not internal, not internal themselves, and not the body (whose schema's properties are what
/// makers see).
fn visible_parameters<'a>(swagger: &Swagger<'a>) -> Vec<Parameter<'a>> {
    let tree = swagger.tree;
    let mut seen = HashSet::new();
    let mut parameters = Vec::new();
    for op in &swagger.operations {
        if is_internal(tree, op.node) {
            continue;
        }
        for parameter in swagger.parameters(op) {
            // A `$ref` that does not resolve is ref-unresolved's finding, not a parameter.
            if !tree.is_object(parameter.node)
                || tree.get(parameter.node, "$ref").is_some()
                || parameter.location == Some("body")
                || is_internal(tree, parameter.node)
                || !seen.insert(parameter.node)
            {
                continue;
            }
            parameters.push(parameter);
        }
    }
    parameters.sort_by_key(|p| tree.range(p.node).start);
    parameters
}

/// Where a finding about a parameter is shown: its `name` value, else its opening brace.
fn parameter_range(tree: &JsonTree, parameter: &Parameter) -> TextRange {
    match tree.get(parameter.node, "name") {
        Some(name) => tree.range(name),
        None => {
            let start = tree.range(parameter.node).start;
            TextRange::new(start, start + 1)
        }
    }
}

/// Whether `phrase` occurs in `text` as a whole word or phrase, ignoring case.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let text = text.to_lowercase();
    let phrase = phrase.to_lowercase();
    let is_word_char = |c: char| c.is_alphanumeric();
    text.match_indices(&phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// The words a connector's title may not use, as the validator lists them (`The value
/// 'title' contains at least one of the restricted words: 'api, connector'`).
const TITLE_WORDS: [&str; 2] = ["api", "connector"];

/// The product names a connector's description may not use, as the validator lists them
/// (`… restricted words: 'power apps, power automate, logic apps'`). The string guidance also
/// asks not to name other Power Platform products, but the validator does not check them.
const PRODUCT_NAMES: [&str; 3] = ["power apps", "power automate", "logic apps"];

/// The words of `lists` that `text` contains as whole words, in order.
fn restricted_words(text: &str, lists: &[&[&'static str]]) -> Vec<&'static str> {
    lists
        .iter()
        .flat_map(|list| list.iter().copied())
        .filter(|word| contains_phrase(text, word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase("Contoso API", "api"));
        assert!(contains_phrase("The Power Apps maker", "power apps"));
        assert!(!contains_phrase("Rapid Tasks", "api"));
        assert!(!contains_phrase("Capital", "api"));
        assert!(contains_phrase("api-first", "api"));
        assert_eq!(
            restricted_words(
                "Contoso Connector API in Logic Apps",
                &[&TITLE_WORDS, &PRODUCT_NAMES]
            ),
            ["api", "connector", "logic apps"]
        );
    }
}
