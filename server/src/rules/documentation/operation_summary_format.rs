use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation `summary` that contains one of the characters `/ \ < > * % & ?`,
    /// or that is 120 characters or longer.
    ///
    /// ## Why
    /// The summary is the action's name in the designer. Microsoft's validator rejects these
    /// characters in it (`Summary string contains any of the restricted characters
    /// [/\<>*%&?]`, `RestrictedCharactersInSummary`) and summaries of 120 characters or more
    /// (`OperationSummaryTooLong`); the string guidance asks for at most 80. The platform
    /// accepts a custom connector with them, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// "summary": "Get/update a ticket?"
    /// ```
    ///
    /// ## Fix
    /// For restricted characters: write `/` as " or ", `&` as " and ", and drop the others
    /// ("Get or update a ticket"). Shorten a long summary by hand and move the detail to the
    /// description.
    ///
    /// ## Fix safety
    /// Safe. The summary is only the name the designer shows; flows and apps call the
    /// operation by its operationId. Shortening has no automatic fix: what to keep needs a
    /// person.
    RULE {
        id: "operation-summary-format",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation summary has restricted characters or is too long",
        reference: Some(links::STRING_GUIDANCE),
        validator: ["RestrictedCharactersInSummary", "OperationSummaryTooLong"],
        certification: Error,
        check: check,
    }
}

/// The characters the validator rejects in a summary.
const RESTRICTED: [char; 8] = ['/', '\\', '<', '>', '*', '%', '&', '?'];

/// The validator's limit: a summary must be fewer characters than this.
const MAX_SUMMARY_CHARS: usize = 120;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let Some(node) = tree.get(op.node, "summary") else {
            continue;
        };
        let Some(summary) = tree.as_str(node) else {
            continue;
        };
        let mut found: Vec<char> = summary.chars().filter(|c| RESTRICTED.contains(c)).collect();
        found.sort_unstable();
        found.dedup();
        if !found.is_empty() {
            let listed: Vec<String> = found.iter().map(|c| format!("'{c}'")).collect();
            let repaired = without_restricted(summary);
            let diagnostic = sink
                .at_value(
                    file.kind,
                    tree,
                    node,
                    format!(
                        "Summary '{}' of operation {} contains {}, which the validator rejects \
                         in summaries",
                        excerpt(summary),
                        swagger.name(op),
                        listed.join(", ")
                    ),
                )
                .with_validator("RestrictedCharactersInSummary");
            if !repaired.is_empty() {
                diagnostic.with_fix(Fix::safe(
                    format!("Change the summary to '{}'", excerpt(&repaired)),
                    vec![replace_value(
                        file.kind,
                        tree,
                        node,
                        &json_string(&repaired),
                    )],
                ));
            }
        }
        let length = summary.chars().count();
        if length >= MAX_SUMMARY_CHARS {
            sink.at_value(
                file.kind,
                tree,
                node,
                format!(
                    "Summary of operation {} is {length} characters; the validator wants fewer \
                     than {MAX_SUMMARY_CHARS} (the string guidance: at most 80)",
                    swagger.name(op)
                ),
            )
            .with_validator("OperationSummaryTooLong");
        }
    }
}

/// The summary with `/` written " or ", `&` " and ", the other restricted characters dropped
/// and runs of spaces collapsed.
fn without_restricted(summary: &str) -> String {
    let replaced = summary.replace('/', " or ").replace('&', " and ");
    let kept: String = replaced
        .chars()
        .filter(|c| !RESTRICTED.contains(c))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restricted_characters_are_written_out_or_dropped() {
        assert_eq!(
            without_restricted("Get/update a ticket?"),
            "Get or update a ticket"
        );
        assert_eq!(
            without_restricted("Terms & conditions (100%)"),
            "Terms and conditions (100)"
        );
        assert_eq!(without_restricted("???"), "");
    }
}
