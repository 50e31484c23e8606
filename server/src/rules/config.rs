//! How the rules are configured for one run: per-rule levels, the findings to ignore, and which
//! rules run at which least severity; editor settings and connector-ls.toml layer into one.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Connector;
use crate::rules::ignore::IgnoreList;
use crate::rules::registry::Profile;
use crate::rules::selection::Selection;
use crate::rules::{Grading, Rule, find_rule};

/// How a rule is configured: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// Per-rule severity overrides; rules not named keep their default.
impl RuleLevel {
    /// The level a setting names: `off`, `error`, `warning`, `info` or `hint`.
    pub fn parse(name: &str) -> Option<RuleLevel> {
        Some(match name {
            "off" => RuleLevel::Off,
            "error" => RuleLevel::On(Severity::Error),
            "warning" => RuleLevel::On(Severity::Warning),
            "info" => RuleLevel::On(Severity::Info),
            "hint" => RuleLevel::On(Severity::Hint),
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleConfig {
    pub overrides: HashMap<String, RuleLevel>,
    /// Findings not to report.
    pub ignores: IgnoreList,
    /// The rules that run and the least severity reported.
    pub selection: Selection,
    /// The profile the severities of rules not named in `overrides` come from; the default
    /// profile when no layer chooses one.
    pub profile: Option<Profile>,
    /// The git revision the editor compares connectors with (`baseRef` in the editor,
    /// `base-ref` in connector-ls.toml), for the `breaking-` rules; none by default.
    pub base_ref: Option<String>,
}

impl RuleConfig {
    /// The severity `rule` runs at, or `None` when it is off: its own setting, else its
    /// severity in the profile.
    pub fn level_of(&self, rule: &Rule) -> Option<Severity> {
        match self.overrides.get(rule.id) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(severity)) => Some(*severity),
            None => {
                let profile = self.profile.unwrap_or_default();
                rule.runs_in(profile).then(|| rule.severity_in(profile))
            }
        }
    }

    /// Where `rule`'s severity comes from: the user's setting for it, else the profile.
    pub fn grading_of(&self, rule: &Rule) -> Grading {
        match (
            self.overrides.contains_key(rule.id),
            self.profile.unwrap_or_default(),
        ) {
            (true, _) => Grading::Configured,
            (false, Profile::Certification) => Grading::Certification,
            (false, Profile::Default) => Grading::Default,
        }
    }

    /// Read `{ "<rule-id>": "off" | "error" | "warning" | "info" | "hint" }` (editor
    /// settings); unknown rules and values are ignored.
    pub fn from_json(value: &serde_json::Value) -> Self {
        let mut overrides = HashMap::new();
        if let Some(map) = value.as_object() {
            for (rule, level) in map {
                if let Some(level) = level.as_str().and_then(RuleLevel::parse)
                    && find_rule(rule).is_some()
                {
                    overrides.insert(rule.clone(), level);
                }
            }
        }
        RuleConfig {
            overrides,
            ..RuleConfig::default()
        }
    }

    /// These settings with `other`'s on top; the ignores of both apply.
    pub fn overridden_by(&self, other: &RuleConfig) -> RuleConfig {
        let mut overrides = self.overrides.clone();
        overrides.extend(other.overrides.iter().map(|(k, v)| (k.clone(), *v)));
        RuleConfig {
            overrides,
            ignores: self.ignores.chain(&other.ignores),
            selection: self.selection.overridden_by(&other.selection),
            profile: other.profile.or(self.profile),
            base_ref: other.base_ref.clone().or_else(|| self.base_ref.clone()),
        }
    }

    /// Drop the findings that the ignore entries name.
    pub(super) fn drop_ignored(&self, connector: &Connector, diagnostics: &mut Vec<Diagnostic>) {
        self.ignores.drop_ignored(connector, diagnostics);
    }
}
