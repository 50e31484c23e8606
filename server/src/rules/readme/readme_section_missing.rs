use crate::links;
use crate::model::FileKind;
use crate::model::connector::Publishing;
use crate::rules::context::{Context, Sink};
use crate::rules::readme::{Section, normalize, readme, sections, title_heading, top};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a readme without a section the connectors repository's templates require: the
    /// title heading with its paragraph, `Publisher`, `Prerequisites`, `Supported Operations`,
    /// `Obtaining Credentials`, `Known Issues and Limitations`, and for a certified connector
    /// (a folder under `certified-connectors/`) `Deployment Instructions`.
    ///
    /// Headings are matched at any level and in any case, with the variants published
    /// readmes use: `Publisher: <name>`; `Pre-requisites`; `Supported Actions`, `Supported
    /// Triggers`, `Actions`, `Available Actions`; `How to get credentials`, any heading with
    /// "credential", `Authentication`; `Known Issues`, `Limitations`; `Deploying the
    /// connector`, `Deployment`. `Obtaining Credentials` is not asked of a connector whose
    /// connection asks for nothing (no connection parameter, no security definition).
    /// Samples under `custom-connectors/` are not checked.
    ///
    /// ## Why
    /// Reviewers send a pull request back for a missing section; the readme becomes the
    /// connector's documentation page. Many published readmes predate the templates (about
    /// half of them miss a section), so this is a warning.
    ///
    /// ## Example
    /// ```markdown
    /// # Contoso Tickets
    /// Contoso Tickets tracks support requests.
    ///
    /// ## Publisher: Contoso
    /// ## Supported Operations
    /// ```
    /// (no Prerequisites, Obtaining Credentials, Known Issues and Limitations)
    ///
    /// ## Fix
    /// Add the section with what it asks for (see the repository's `templates/readme.md`).
    ///
    /// ## Fix safety
    /// No automatic fix: the section's content is the publisher's to write.
    RULE {
        id: "readme-section-missing",
        severity: Warning,
        file: Some(FileKind::Readme),
        summary: "The readme lacks a section the connector templates require",
        reference: Some(links::README_TEMPLATE),
        check: check,
    }
}

/// Whether the connection asks makers for anything: a connection parameter, or a security
/// definition.
fn asks_for_credentials(ctx: &Context) -> bool {
    let parameters = ctx
        .api_properties()
        .is_some_and(|p| !p.connection_parameters.is_empty());
    let security = ctx.swagger().is_some_and(|swagger| {
        let tree = swagger.tree;
        tree.get(swagger.root, "securityDefinitions")
            .is_some_and(|node| !tree.members(node).is_empty())
    });
    parameters || security
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, outline)) = readme(ctx) else {
        return;
    };
    let at = top(outline);
    match title_heading(outline) {
        None => {
            sink.report(
                FileKind::Readme,
                at,
                String::new(),
                "the readme does not start with a title heading (`# <connector title>`) and a paragraph about the service",
            );
        }
        Some(title) => {
            let body = super::body(title);
            let first_below = outline
                .headings_in(body)
                .next()
                .map_or(body.end, |h| h.line.start);
            let paragraph = crate::text::TextRange::new(body.start, first_below);
            let has_paragraph = outline.lines_in(paragraph).next().is_some()
                || outline.items_in(paragraph).next().is_some();
            if !has_paragraph {
                sink.report(
                    FileKind::Readme,
                    at,
                    String::new(),
                    "the title heading has no paragraph about the service and the connector under it",
                );
            }
        }
    }
    let publishing = Publishing::of(&ctx.connector.dir);
    for section in Section::ALL {
        if !section.required_for(publishing) || sections(outline, section).next().is_some() {
            continue;
        }
        // A connector that asks for no credentials has none to explain how to obtain.
        if section == Section::ObtainingCredentials && !asks_for_credentials(ctx) {
            continue;
        }
        // `**Publisher:** Contoso` on a line of its own says it as well as a heading.
        if section == Section::Publisher
            && outline
                .lines
                .iter()
                .any(|line| normalize(&line.text).starts_with("publisher:"))
        {
            continue;
        }
        let message = format!("the readme has no \"{}\" section", section.title());
        sink.report(FileKind::Readme, at, String::new(), message);
    }
}
