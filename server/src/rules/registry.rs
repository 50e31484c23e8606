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
    /// The codes of Microsoft's Swagger Validator this rule reports (see
    /// [`crate::rules::validator::CODES`]); empty when the validator has no such check.
    pub validator: &'static [&'static str],
    /// The certification policy codes this rule reports (`5000.2.2.1`, see
    /// [`crate::rules::policy::POLICIES`]); empty when no policy names its check.
    pub policy: &'static [&'static str],
    /// The severity under the certification profile, for a rule certification checks (it
    /// reports a validator or policy code); `None` keeps the default severity.
    pub certification: Option<Severity>,
    /// Whether the rule runs in the default profile; a rule about what only certification
    /// asks for (a contact, the listing metadata) runs only under the certification profile
    /// or when a setting names it.
    pub on_by_default: bool,
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

    /// The severity of the rule under `profile`, before any per-rule setting.
    pub fn severity_in(&self, profile: Profile) -> Severity {
        match profile {
            Profile::Default => self.default_severity,
            // Only a rule certification checks declares one (a test holds every rule to it).
            Profile::Certification => self.certification.unwrap_or(self.default_severity),
        }
    }

    /// The rule's level in the default profile, as the documentation names it: its severity,
    /// or "off" for a rule that only the certification profile or a setting turns on.
    pub fn default_level(&self) -> &'static str {
        if self.on_by_default {
            self.default_severity.as_str()
        } else {
            "off"
        }
    }

    /// Whether the rule runs under `profile` when no setting names it.
    pub fn runs_in(&self, profile: Profile) -> bool {
        self.on_by_default || (profile == Profile::Certification && self.is_certification_check())
    }

    /// Whether certification judges what the rule checks: a Swagger Validator code or a
    /// certification policy code names it.
    pub fn is_certification_check(&self) -> bool {
        !self.validator.is_empty() || !self.policy.is_empty()
    }

    /// The one validator code of a rule that declares exactly one.
    pub fn only_validator_code(&self) -> Option<&'static str> {
        match self.validator {
            [code] => Some(code),
            _ => None,
        }
    }

    /// The one policy code of a rule that declares exactly one.
    pub fn only_policy_code(&self) -> Option<&'static str> {
        match self.policy {
            [code] => Some(code),
            _ => None,
        }
    }
}

/// A set of rule severities chosen as a whole (`check --profile`, `profile` in
/// connector-ls.toml, the editor's `connectorLs.profile`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Today's severities: an error only where Power Platform rejects the connector or it
    /// breaks.
    #[default]
    Default,
    /// Every rule that reports a Swagger Validator or certification policy code, at the
    /// severity certification gives it, as the certification pipeline judges the connector.
    Certification,
}

impl Profile {
    pub const NAMES: [&'static str; 2] = ["default", "certification"];

    pub fn parse(name: &str) -> Option<Profile> {
        match name {
            "default" => Some(Profile::Default),
            "certification" => Some(Profile::Certification),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Certification => "certification",
        }
    }
}

/// Declare a rule; its doc comment becomes the rule's documentation. `validator` (the
/// Swagger Validator codes the rule reports), `policy` (the certification policy codes it
/// reports), `certification` (its severity under the
/// certification profile) and `default: off` (it runs only under the certification profile
/// or when a setting names it) are optional.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            file: $file:expr,
            summary: $summary:literal,
            reference: $reference:expr,
            $(validator: [$($code:literal),* $(,)?],)?
            $(policy: [$($policy:literal),* $(,)?],)?
            $(certification: $certification:ident,)?
            $(default: $off:ident,)?
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
            validator: &[$($($code),*)?],
            policy: &[$($($policy),*)?],
            certification: $crate::rules::registry::declare_rule!(@severity $($certification)?),
            on_by_default: $crate::rules::registry::declare_rule!(@on $($off)?),
            check: $check,
        };
    };
    (@severity) => { None };
    (@on) => { true };
    (@on off) => { false };
    (@severity $severity:ident) => { Some($crate::diagnostic::Severity::$severity) };
}
pub(crate) use declare_rule;
