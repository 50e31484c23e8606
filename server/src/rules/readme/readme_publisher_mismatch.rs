use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::readme::{Section, key, readme, sections};
use crate::rules::registry::declare_rule;
use crate::text::{TextRange, excerpt};

declare_rule! {
    /// ## What it does
    /// Reports a readme whose publisher (`## Publisher: <name>`, or the first line under a
    /// `## Publisher` heading) is not `publisher` of apiProperties.json. Case, spacing and
    /// punctuation are ignored; a readme that names several publishers (`Jane Doe, Contoso`)
    /// agrees when one of them is apiProperties.json's, and a longer name that contains the
    /// other (`Contoso` and `Contoso Ltd`) agrees too.
    ///
    /// ## Why
    /// Certification shows the publisher of apiProperties.json; the readme is the connector's
    /// documentation page. Two names for one publisher read as a copied readme or a stale one.
    ///
    /// ## Example
    /// ```markdown
    /// ## Publisher: Fabrikam
    /// ```
    /// with `"publisher": "Contoso"` in apiProperties.json.
    ///
    /// ## Fix
    /// Make both name the same publisher.
    ///
    /// ## Fix safety
    /// No automatic fix: either file may be the one that is wrong.
    RULE {
        id: "readme-publisher-mismatch",
        severity: Warning,
        file: Some(FileKind::Readme),
        summary: "The readme's publisher is not apiProperties.json's",
        reference: Some(links::README_TEMPLATE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, outline)) = readme(ctx) else {
        return;
    };
    let Some(properties) = ctx.api_properties() else {
        return;
    };
    let Some(publisher) = properties
        .properties
        .and_then(|p| properties.tree.get_str(p, "publisher"))
        .filter(|p| !key(p).is_empty())
    else {
        return;
    };
    let Some(heading) = sections(outline, Section::Publisher).next() else {
        return;
    };
    let Some(named) = named_publisher(&file.text, outline, heading) else {
        return;
    };
    let text = &file.text[named.as_usize()];
    if agrees(text, publisher) || key(text) == "publishersname" {
        // The template's "Publisher's Name" is readme-placeholder's finding.
        return;
    }
    let message = format!(
        "the readme names '{}' as publisher but apiProperties.json names '{}'",
        excerpt(text),
        excerpt(publisher)
    );
    sink.report(FileKind::Readme, named, String::new(), message);
}

/// Where the readme names its publisher: after `Publisher:` in the heading, else the first
/// line of the section.
fn named_publisher(
    text: &str,
    outline: &crate::syntax::markdown::Outline,
    heading: &crate::syntax::markdown::Heading,
) -> Option<TextRange> {
    let heading_text = &text[heading.range.as_usize()];
    let after = heading_text
        .char_indices()
        .find(|(_, c)| matches!(c, ':' | '-' | '–' | '—'))
        .map(|(at, c)| at + c.len_utf8());
    if let Some(after) = after {
        let rest = &heading_text[after..];
        let name = rest.trim().trim_matches(['*', '_']).trim();
        if !key(name).is_empty() {
            let start = heading.range.start as usize + after + rest.find(name)?;
            return Some(TextRange::new(start as u32, (start + name.len()) as u32));
        }
    }
    let body = super::body(heading);
    let line = outline.lines_in(body).next()?;
    let below = outline.headings_in(body).next();
    if below.is_some_and(|h| h.line.start < line.range.start) {
        return None;
    }
    Some(line.range)
}

/// Whether the readme's publisher text agrees with apiProperties.json's publisher.
fn agrees(readme: &str, publisher: &str) -> bool {
    let (readme_key, publisher_key) = (key(readme), key(publisher));
    if readme_key.contains(&publisher_key) || publisher_key.contains(&readme_key) {
        return true;
    }
    let names = |text: &str| -> Vec<String> {
        text.split([',', '|', '&', '/', ';'])
            .flat_map(|part| part.split(" and "))
            .map(key)
            .filter(|k| !k.is_empty())
            .collect()
    };
    let theirs = names(publisher);
    names(readme).iter().any(|name| theirs.contains(name))
}
