//! Rules about the connector's readme (`readme.md` in any casing, or `intro.md`): the sections
//! the connectors repository's templates require, template text left in, and what it says that
//! the definition says too (title, publisher, the supported operations). They are a family of
//! their own, apart from `documentation` (the definition's strings): they report in another
//! file, are only asked of published connectors (never of `custom-connectors/` samples), and a
//! project that keeps no readme turns them off as one (`--ignore readme`).
//!
//! Headings are matched leniently: any level, any case, emphasis and trailing punctuation
//! ignored, and the variants the published readmes use (`Pre-requisites`, `How to get
//! credentials`, `Supported Actions`…), so that a finding means the section is really absent.

use crate::model::FileKind;
use crate::model::SourceFile;
use crate::model::annotation::is_deprecated;
use crate::model::connector::Publishing;
use crate::model::swagger::{Operation, Swagger};
use crate::rules::context::Context;
use crate::syntax::markdown::{self, Heading, Outline};
use crate::text::TextRange;

pub mod readme_operations_mismatch;
pub mod readme_placeholder;
pub mod readme_publisher_mismatch;
pub mod readme_section_missing;
pub mod readme_title_mismatch;

pub(super) static RULES: &[&super::Rule] = &[
    &readme_section_missing::RULE,
    &readme_placeholder::RULE,
    &readme_title_mismatch::RULE,
    &readme_publisher_mismatch::RULE,
    &readme_operations_mismatch::RULE,
];

/// The readme and its outline, when the connector has one and is not a sample under
/// `custom-connectors/` (samples are never certified, and their readmes are tutorials).
fn readme<'c>(ctx: &'c Context) -> Option<(&'c SourceFile, &'c Outline)> {
    let (file, outline) = ctx.index.readme.as_ref()?;
    if Publishing::of(&ctx.connector.dir) == Publishing::Custom {
        return None;
    }
    debug_assert_eq!(file.kind, FileKind::Readme);
    Some((file, outline))
}

/// Heading or entry text as compared: lower case, emphasis, code marks, zero-width spaces and
/// trailing punctuation removed, blanks collapsed.
fn normalize(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '\u{200b}' | '\u{feff}'))
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '?', '.', '!'])
        .trim()
        .to_lowercase()
}

/// Letters and digits only, in lower case: how a readme entry is matched with an operation's
/// summary or id (`Get item's details`, `Get Items Details` and `GetItemsDetails` are one).
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

/// The unaccented letter of a common accented Latin one, so that `Pertilä` and `Pertila`,
/// `Comunicação` and `Comunicacao` (apiProperties.json is often kept ASCII) are one name.
fn fold_accent(c: char) -> char {
    const FOLDS: [(&str, char); 11] = [
        ("àáâãäåā", 'a'),
        ("çćč", 'c'),
        ("èéêëēę", 'e'),
        ("ìíîïī", 'i'),
        ("ñń", 'n'),
        ("òóôõöøō", 'o'),
        ("ùúûüū", 'u'),
        ("ýÿ", 'y'),
        ("śšß", 's'),
        ("źżž", 'z'),
        ("ł", 'l'),
    ];
    FOLDS
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map_or(c, |(_, plain)| *plain)
}

/// A section the templates require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Publisher,
    Prerequisites,
    SupportedOperations,
    ObtainingCredentials,
    KnownIssues,
    DeploymentInstructions,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Publisher,
        Section::Prerequisites,
        Section::SupportedOperations,
        Section::ObtainingCredentials,
        Section::KnownIssues,
        Section::DeploymentInstructions,
    ];

    /// The heading the templates give it.
    fn title(self) -> &'static str {
        match self {
            Section::Publisher => "Publisher",
            Section::Prerequisites => "Prerequisites",
            Section::SupportedOperations => "Supported Operations",
            Section::ObtainingCredentials => "Obtaining Credentials",
            Section::KnownIssues => "Known Issues and Limitations",
            Section::DeploymentInstructions => "Deployment Instructions",
        }
    }

    /// Whether a heading (normalized) names this section, in the template's words or a
    /// variant the published readmes use.
    fn named_by(self, heading: &str) -> bool {
        let h = heading;
        match self {
            Section::Publisher => h.starts_with("publisher"),
            Section::Prerequisites => ["prerequisite", "pre-requisite", "pre requisite"]
                .iter()
                .any(|p| h.starts_with(p)),
            Section::SupportedOperations => is_operations_heading(h),
            Section::ObtainingCredentials => {
                h.contains("credential") || h.starts_with("authentication")
            }
            Section::KnownIssues => h.contains("known issue") || h.contains("limitation"),
            Section::DeploymentInstructions => {
                h.starts_with("deployment")
                    || h.starts_with("deploying")
                    || h.starts_with("deploy ")
            }
        }
    }

    /// Whether a connector published this way must have the section: deployment instructions
    /// are required of certified connectors only (optional in the independent publishers'
    /// template).
    fn required_for(self, publishing: Publishing) -> bool {
        self != Section::DeploymentInstructions || publishing == Publishing::Certified
    }
}

/// `Supported Operations` and its variants: `Supported Actions`, `Actions`, `Available
/// Actions`, `Supported Triggers`, `Actions and Triggers`…
fn is_operations_heading(heading: &str) -> bool {
    let rest = heading
        .strip_prefix("supported ")
        .or_else(|| heading.strip_prefix("available "))
        .unwrap_or(heading);
    let words: Vec<&str> = rest
        .split([' ', '&', ','])
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            matches!(
                *w,
                "operation" | "operations" | "action" | "actions" | "trigger" | "triggers"
            )
        })
}

/// The headings of the readme that name `section`.
fn sections(outline: &Outline, section: Section) -> impl Iterator<Item = &Heading> {
    outline
        .headings
        .iter()
        .filter(move |h| section.named_by(&normalize(&h.text)))
}

/// The title heading: the readme's first heading of its highest level (a `### NOTE` above
/// `## Contoso` is no title), unless it is one of the required sections.
fn title_heading(outline: &Outline) -> Option<&Heading> {
    let top = outline.headings.iter().map(|h| h.level).min()?;
    let first = outline.headings.iter().find(|h| h.level == top)?;
    let name = normalize(&first.text);
    (!Section::ALL.iter().any(|s| s.named_by(&name))).then_some(first)
}

/// Where a finding about the readme as a whole is shown: its title heading, else its start.
fn top(outline: &Outline) -> TextRange {
    title_heading(outline).map_or(TextRange::empty(0), |h| h.range)
}

/// The operations makers see: not `x-ms-visibility: internal`, not `deprecated`.
fn visible_operations<'s>(swagger: &'s Swagger) -> Vec<&'s Operation> {
    let tree = swagger.tree;
    swagger
        .operations
        .iter()
        .filter(|op| {
            let internal = tree
                .get_str(op.node, "x-ms-visibility")
                .is_some_and(|v| v.eq_ignore_ascii_case("internal"));
            !internal && !is_deprecated(tree, op.node)
        })
        .collect()
}

/// The part of a heading's section below the heading line.
fn body(heading: &Heading) -> TextRange {
    markdown::body(heading)
}
