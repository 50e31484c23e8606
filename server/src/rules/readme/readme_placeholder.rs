use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::readme::{normalize, readme};
use crate::rules::registry::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports text of the readme template left in the readme: the `# Title` heading,
    /// "Publisher's Name", the `Operation 1` and `Question 1` examples (and their
    /// "Description of operation 1."), and the template's instructions ("Required. Any plans
    /// or licenses, tools required from the connector.").
    ///
    /// ## Why
    /// The readme is published as the connector's documentation; template text in it is
    /// the first thing a reviewer sends back.
    ///
    /// ## Example
    /// ```markdown
    /// # Title
    /// Required. One paragraph, two to three sentences about the service and the connector.
    /// ```
    ///
    /// ## Fix
    /// Replace the placeholder with the connector's own text.
    ///
    /// ## Fix safety
    /// No automatic fix: the text is the publisher's to write.
    RULE {
        id: "readme-placeholder",
        severity: Warning,
        file: Some(FileKind::Readme),
        summary: "The readme still has text of the template",
        reference: Some(links::README_TEMPLATE),
        check: check,
    }
}

/// Headings and list entries of the template, normalized.
const PLACEHOLDER_NAMES: [&str; 5] = [
    "title",
    "operation 1",
    "operation 2",
    "question 1",
    "question 2",
];

/// Text of the template (instructions and examples), normalized, found inside a line.
const PLACEHOLDER_TEXT: [&str; 14] = [
    "publisher's name",
    "one paragraph, two to three sentences about the service and the connector",
    "it should be the company or organization name",
    "any plans or licenses, tools required from the connector",
    "any plans or licenses, tools requried from the connector",
    "describe actions, triggers, and other endpoints",
    "description of operation 1",
    "description of operation 2",
    "explain the authentication method and how to get the credentials",
    "how to get started with your connector",
    "include any known issues and limitations a user may encounter",
    "include frequently asked questions by your customer",
    "answer to question 1",
    "add instructions on how to deploy this connector as custom connector",
];

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, outline)) = readme(ctx) else {
        return;
    };
    let mut places: Vec<(TextRange, &str)> = Vec::new();
    let headings = outline.headings.iter().map(|h| (h.range, h.text.as_str()));
    let items = outline.items.iter().map(|i| (i.range, i.text.as_str()));
    let lines = outline.lines.iter().map(|l| (l.range, l.text.as_str()));
    for (range, text) in headings.chain(items).chain(lines) {
        let normalized = normalize(text);
        let placeholder = PLACEHOLDER_NAMES.contains(&normalized.as_str())
            || PLACEHOLDER_TEXT.iter().any(|t| normalized.contains(t));
        if placeholder {
            places.push((range, text));
        }
    }
    places.sort_by_key(|(range, _)| range.start);
    for (range, text) in places {
        let message = format!(
            "'{}' is text of the readme template: replace it with the connector's own",
            crate::text::excerpt(text)
        );
        sink.report(FileKind::Readme, range, String::new(), message);
    }
}
