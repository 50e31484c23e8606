//! What a rule is: its metadata and check function, declared in the rule's own file with
//! [`declare_rule!`], whose doc comment becomes the rule's documentation.

use crate::diagnostic::Severity;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};

/// A lint rule: metadata plus the function that finds its problems.
pub struct Rule {
    pub id: &'static str,
    pub default_severity: Severity,
    /// The file the rule reports in; `None` for rules that apply to every JSON file.
    pub file: Option<FileKind>,
    pub summary: &'static str,
    /// Markdown with the sections "What it does", "Why", "Example", "Fix" and "Fix safety".
    pub docs: &'static str,
    /// The official page that documents the requirement the rule checks, if there is one.
    pub reference: Option<&'static str>,
    pub check: fn(&Context, &mut Sink),
}

impl Rule {
    /// The documentation without the one-space indent that doc comments carry.
    pub fn docs_text(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Declare a rule; its doc comment becomes the rule's documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            file: $file:expr,
            summary: $summary:literal,
            reference: $reference:expr,
            check: $check:path $(,)?
        }
    ) => {
        pub static $name: $crate::rules::registry::Rule = $crate::rules::registry::Rule {
            id: $id,
            default_severity: $crate::diagnostic::Severity::$severity,
            file: $file,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            reference: $reference,
            check: $check,
        };
    };
}
pub(crate) use declare_rule;
