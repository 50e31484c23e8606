use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{PRODUCT_NAMES, REQUIRED_PROPERTY_MISSING, restricted_words};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a connector description (`info.description`) that is missing, shorter than 30
    /// or longer than 500 characters, or that names "Power Apps", "Power Automate" or "Logic
    /// Apps".
    ///
    /// ## Why
    /// The description is the connector's text in the catalogue and on its documentation page.
    /// Microsoft's validator requires it for certification (`The 'description' property is
    /// required. ValuePath: /info`), between 30 and 500 characters (`FieldLengthNotInRange`),
    /// and without product names (`The value 'description' contains at least one of the
    /// restricted words: 'power apps, power automate, logic apps'`). The platform accepts a
    /// custom connector without it, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// "info": { "title": "Contoso Tickets", "description": "Tickets", "version": "1.0" }
    /// ```
    ///
    /// ## Fix
    /// Write one to three sentences on what the service is and what the connector lets makers
    /// do with it, without naming the products it runs in.
    ///
    /// ## Fix safety
    /// No automatic fix: the text is the publisher's.
    RULE {
        id: "info-description-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "The connector description is missing, too short or long, or names a product",
        reference: Some(links::STRING_GUIDANCE),
        validator: [
            "RequiredPropertyMissing",
            "FieldLengthNotInRange",
            "ValueContainsRestrictedWords",
        ],
        policy: ["5000.2.3.4", "5000.2.3.5"],
        certification: Error,
        check: check,
    }
}

/// The length the validator accepts, in characters.
const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 30..=500;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(info) = tree
        .get(swagger.root, "info")
        .filter(|&i| tree.is_object(i))
    else {
        return;
    };
    let Some(node) = tree.get(info, "description") else {
        sink.at_key(
            file.kind,
            tree,
            info,
            "The connector has no description (info.description); the validator requires one \
             for certification",
        )
        .with_validator(REQUIRED_PROPERTY_MISSING);
        return;
    };
    let Some(description) = tree.as_str(node) else {
        return;
    };
    let length = description.trim().chars().count();
    if !DESCRIPTION_CHARS.contains(&length) {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "The connector description is {length} characters; the validator wants {} to {}",
                DESCRIPTION_CHARS.start(),
                DESCRIPTION_CHARS.end()
            ),
        )
        .with_validator("FieldLengthNotInRange")
        .with_policy("5000.2.3.4");
    }
    let words = restricted_words(description, &[&PRODUCT_NAMES]);
    if !words.is_empty() {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "The connector description names '{}'; certified connectors may not name Power \
                 Platform products in it ('{}')",
                words.join("', '"),
                excerpt(description)
            ),
        )
        .with_validator("ValueContainsRestrictedWords")
        .with_policy("5000.2.3.5");
    }
}
