use crate::diagnostic::{Edit, Fix};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::readme::{key, readme, title_heading};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a readme whose title heading (its first heading) is not the connector's title,
    /// `info.title` of the definition. Case, spacing, punctuation and accents are ignored, and
    /// so are the words "connector" and "(Independent Publisher)"; a heading that contains
    /// the title, or that the title (cut to its 30 characters) starts, agrees.
    ///
    /// ## Why
    /// The readme is the connector's documentation page, found by the connector's name; a
    /// readme titled otherwise (an older name, a copied template) reads as another
    /// connector's.
    ///
    /// ## Example
    /// ```markdown
    /// # Contoso Tickets Connector
    /// ```
    /// with `"title": "Contoso Helpdesk"` in the definition.
    ///
    /// ## Fix
    /// The fix writes the definition's title into the heading.
    ///
    /// ## Fix safety
    /// Safe: only the readme's heading changes, to the name the connector is listed under.
    RULE {
        id: "readme-title-mismatch",
        severity: Warning,
        file: Some(FileKind::Readme),
        summary: "The readme's title is not the connector's title",
        reference: Some(links::README_TEMPLATE),
        check: check,
    }
}

/// Words around a title that do not make it another title.
const IGNORED_WORDS: [&str; 3] = ["independentpublisher", "connector", "customconnector"];

/// A title's key without the words that do not tell connectors apart.
fn title_key(text: &str) -> String {
    let mut key = key(text);
    for word in IGNORED_WORDS {
        key = key.replace(word, "");
    }
    key
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, outline)) = readme(ctx) else {
        return;
    };
    let Some(swagger) = ctx.swagger() else {
        return;
    };
    let tree = swagger.tree;
    let Some(title) = tree
        .get(swagger.root, "info")
        .and_then(|info| tree.get_str(info, "title"))
        .filter(|t| !t.trim().is_empty())
    else {
        return;
    };
    let Some(heading) = title_heading(outline) else {
        return;
    };
    let (theirs, ours) = (title_key(&heading.text), title_key(title));
    // One containing the other is the same name: a longer heading ("Contoso Tickets for
    // Teams"), or a title cut to the 30 characters allowed.
    let same = theirs.contains(&ours) || ours.contains(&theirs);
    if same || key(&heading.text) == "title" {
        // The template's `# Title` is readme-placeholder's finding.
        return;
    }
    let message = format!(
        "the readme is titled '{}' but the connector's title (info.title) is '{}'",
        excerpt(&heading.text),
        excerpt(title)
    );
    sink.report(FileKind::Readme, heading.range, String::new(), message)
        .with_fix(Fix::safe(
            format!("Title the readme '{}'", excerpt(title)),
            vec![Edit::replace(FileKind::Readme, heading.range, title)],
        ));
}
