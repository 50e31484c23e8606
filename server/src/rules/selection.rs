//! Which rules run and which findings are reported: `select` and `ignore` (rule ids and family
//! names) and `min-severity`, from the command line (`check --select`) or connector-ls.toml.

use std::collections::BTreeSet;

use crate::diagnostic::Severity;
use crate::edit::names::closest;
use crate::rules::{FAMILIES, RULES, RuleLevel, find_rule};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these rules run; every rule when `None`.
    pub select: Option<BTreeSet<&'static str>>,
    /// These rules do not run, even when selected.
    pub ignore: BTreeSet<&'static str>,
    /// Findings less severe than this are not reported.
    pub min_severity: Option<Severity>,
}

impl Selection {
    /// Whether the rule `id` runs.
    pub fn runs(&self, id: &str) -> bool {
        self.select
            .as_ref()
            .is_none_or(|select| select.contains(id))
            && !self.ignore.contains(id)
    }

    /// Whether a finding of this severity is reported.
    pub fn reports(&self, severity: Severity) -> bool {
        // `Severity` orders from the most severe: Error < Warning < Info < Hint.
        self.min_severity.is_none_or(|least| severity <= least)
    }

    /// This selection with `other`'s on top: its `select` and `min-severity` replace these,
    /// and the ignored rules of both stay ignored.
    pub fn overridden_by(&self, other: &Selection) -> Selection {
        Selection {
            select: other.select.clone().or_else(|| self.select.clone()),
            ignore: self.ignore.union(&other.ignore).copied().collect(),
            min_severity: other.min_severity.or(self.min_severity),
        }
    }
}

/// The rule ids a name stands for: a rule id, or a family name (`operations`) for every rule
/// of that family. The error says what the name is not, with the closest name when there is
/// one.
pub fn rules_named(name: &str) -> Result<Vec<&'static str>, String> {
    if let Some(rule) = find_rule(name) {
        return Ok(vec![rule.id]);
    }
    if let Some((_, rules)) = FAMILIES.iter().find(|(family, _)| *family == name) {
        return Ok(rules.iter().map(|rule| rule.id).collect());
    }
    let names = RULES
        .iter()
        .map(|rule| rule.id)
        .chain(FAMILIES.iter().map(|(family, _)| *family));
    let hint = closest(name, names)
        .map(|known| format!("; did you mean '{known}'?"))
        .unwrap_or_default();
    Err(format!("unknown rule or family '{name}'{hint}"))
}

/// The severity a `min-severity` setting names: `error`, `warning`, `info` or `hint`.
pub fn parse_severity(name: &str) -> Option<Severity> {
    match RuleLevel::parse(name)? {
        RuleLevel::On(severity) => Some(severity),
        RuleLevel::Off => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_rules_or_families() {
        assert_eq!(
            rules_named("operation-id-missing").unwrap(),
            ["operation-id-missing"]
        );
        let responses = rules_named("responses").unwrap();
        assert!(responses.contains(&"response-schema-missing"));
        assert!(!responses.contains(&"operation-id-missing"));
        // Every rule is in exactly one family.
        let mut in_families: Vec<&str> = FAMILIES
            .iter()
            .flat_map(|(family, _)| rules_named(family).unwrap())
            .collect();
        in_families.sort_unstable();
        let mut all: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
        all.sort_unstable();
        assert_eq!(in_families, all);
        assert_eq!(
            rules_named("operation").unwrap_err(),
            "unknown rule or family 'operation'; did you mean 'operations'?"
        );
        assert_eq!(
            rules_named("response-schema-mising").unwrap_err(),
            "unknown rule or family 'response-schema-mising'; did you mean 'response-schema-missing'?"
        );
        assert_eq!(
            rules_named("zzz").unwrap_err(),
            "unknown rule or family 'zzz'"
        );
    }

    #[test]
    fn ignore_wins_over_select_and_the_top_selection_replaces() {
        let selection = Selection {
            select: Some(["a", "b"].into()),
            ignore: ["b"].into(),
            min_severity: Some(Severity::Warning),
        };
        assert!(selection.runs("a") && !selection.runs("b") && !selection.runs("c"));
        assert!(selection.reports(Severity::Error) && selection.reports(Severity::Warning));
        assert!(!selection.reports(Severity::Info) && !selection.reports(Severity::Hint));
        let everything = Selection::default();
        assert!(everything.runs("c") && everything.reports(Severity::Hint));

        let top = Selection {
            select: Some(["c"].into()),
            ignore: ["a"].into(),
            min_severity: None,
        };
        let both = selection.overridden_by(&top);
        assert_eq!(both.select, Some(["c"].into()));
        assert_eq!(both.ignore, ["a", "b"].into());
        assert_eq!(both.min_severity, Some(Severity::Warning));
        assert_eq!(everything.overridden_by(&selection), selection);
    }

    #[test]
    fn min_severity_names_a_severity() {
        assert_eq!(parse_severity("info"), Some(Severity::Info));
        assert_eq!(parse_severity("off"), None);
        assert_eq!(parse_severity("warn"), None);
    }
}
