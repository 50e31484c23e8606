use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{TITLE_WORDS, restricted_words};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a connector title (`info.title`) that is blank, that uses a restricted word
    /// ("API" or "Connector", as whole words in any case), that is longer than 30 characters,
    /// or that ends with a character other than a letter, a digit or `)`.
    ///
    /// ## Why
    /// The title is the connector's name in every designer and in the catalogue. The
    /// certification rules and Microsoft's validator reject these titles (`The value 'title'
    /// contains at least one of the restricted words: 'api, connector'`,
    /// `ValueContainsRestrictedWords`; `The 'title' value goes over the character limit '30'`,
    /// `FieldLengthExceeded`; `ValueMustEndWithAlphanumeric`; a blank title is
    /// `RequiredValueEmpty`, "The 'title' property must have not empty value", which no
    /// published connector has). A `)` may end a title: the
    /// independent publishers' "(Independent Publisher)" suffix does. That suffix is the
    /// catalogue's, not asked of the definition: none of the 279 independent publishers'
    /// definitions in the connectors repository writes it. The platform accepts such a title
    /// for a custom connector, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// "info": { "title": "Contoso Tickets API.", "version": "1.0" }
    /// ```
    ///
    /// ## Fix
    /// Drop the restricted word ("Contoso Tickets") and keep the title within 30 characters;
    /// the string guidance also asks not to name Power Platform products there.
    /// A trailing non-alphanumeric character is removed by the fix.
    ///
    /// ## Fix safety
    /// Safe for the trailing characters: only the name shown changes, and no flow or app
    /// refers to a connector by its title. Not offered when the characters close a bracket
    /// (`Airtable [DEPRECATED]`): the title needs rewriting. Restricted words and length have no automatic fix:
    /// the new name is the publisher's choice.
    RULE {
        id: "info-title-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "The connector title uses a restricted word, is too long or ends badly",
        reference: Some(links::STRING_GUIDANCE),
        validator: [
            "RequiredValueEmpty",
            "ValueContainsRestrictedWords",
            "FieldLengthExceeded",
            "ValueMustEndWithAlphanumeric",
        ],
        policy: ["5000.2.2.1", "5000.2.2.2", "5000.2.2.3"],
        certification: Error,
        check: check,
    }
}

/// The longest title the certification rules allow.
const MAX_TITLE_CHARS: usize = 30;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(info) = tree.get(swagger.root, "info") else {
        return;
    };
    let Some(node) = tree.get(info, "title") else {
        return;
    };
    let Some(title) = tree.as_str(node) else {
        return;
    };
    if title.trim().is_empty() {
        sink.at_value(
            file.kind,
            tree,
            node,
            "The connector title is blank; makers find the connector by its title",
        )
        .with_validator("RequiredValueEmpty");
        return;
    }
    let words = restricted_words(title, &[&TITLE_WORDS]);
    if !words.is_empty() {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "Title '{}' contains the restricted word{} '{}'; certified connectors may not \
                 call themselves an API or a connector in their title",
                excerpt(title),
                if words.len() > 1 { "s" } else { "" },
                words.join("', '")
            ),
        )
        .with_validator("ValueContainsRestrictedWords")
        .with_policy("5000.2.2.2");
    }
    let length = title.chars().count();
    if length > MAX_TITLE_CHARS {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "Title '{}' is {length} characters; certified connectors have at most \
                 {MAX_TITLE_CHARS}",
                excerpt(title)
            ),
        )
        .with_validator("FieldLengthExceeded")
        .with_policy("5000.2.2.1");
    }
    if let Some(last) = title.chars().next_back()
        && !ends_well(last)
    {
        let trimmed = title.trim_end_matches(|c: char| !ends_well(c));
        // "Airtable [DEPRECATED]" would lose half of its brackets: that title is a person's
        // to rewrite, not a fix's.
        let closes_a_bracket = title[trimmed.len()..].contains([')', ']', '}']);
        let diagnostic = sink
            .at_value(
                file.kind,
                tree,
                node,
                format!(
                    "Title '{}' ends with '{}'; the validator wants it to end with a letter or \
                     digit",
                    excerpt(title),
                    last.escape_debug()
                ),
            )
            .with_validator("ValueMustEndWithAlphanumeric")
            .with_policy("5000.2.2.3");
        if !trimmed.is_empty() && !closes_a_bracket {
            diagnostic.with_fix(Fix::safe(
                format!("Change the title to '{}'", excerpt(trimmed)),
                vec![replace_value(file.kind, tree, node, &json_string(trimmed))],
            ));
        }
    }
}

/// Whether a title may end with `c`: a letter, a digit, or the `)` of "(Independent
/// Publisher)".
fn ends_well(c: char) -> bool {
    c.is_alphanumeric() || c == ')'
}
