//! Rules grade their own findings by where their severity comes from: in the default profile
//! they lower what is uncertain and what published connectors get away with (a DELETE's missing
//! response schema is a hint); under the certification profile only what is uncertain; a
//! severity the user set is what they get. `analyze` also re-applies a configured severity to
//! every finding; these tests run a rule's check alone, so that each guard is tested on its
//! own, and `analyze` under each profile.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Connector;
use crate::model::index::ConnectorIndex;
use crate::rules::{Context, Grading, Profile, RuleConfig, RuleLevel, Sink, analyze, find_rule};

fn fixture(rule_id: &str, name: &str) -> Connector {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(rule_id)
        .join(name);
    Connector::load(&dir).expect("the fixture loads")
}

/// The findings of one rule's check, run with the sink at `severity` from `grading`.
fn check_at(rule_id: &str, name: &str, severity: Severity, grading: Grading) -> Vec<Diagnostic> {
    let rule = find_rule(rule_id).expect("a rule");
    let connector = fixture(rule_id, name);
    let index = ConnectorIndex::new(&connector);
    let context = Context::new(&index);
    let mut diagnostics = Vec::new();
    let mut sink = Sink::new(rule, severity, grading, &mut diagnostics);
    (rule.check)(&context, &mut sink);
    diagnostics
}

fn severity_where(diagnostics: &[Diagnostic], pointer_part: &str) -> Option<Severity> {
    diagnostics
        .iter()
        .find(|d| d.pointer.contains(pointer_part))
        .map(|d| d.severity)
}

#[test]
fn a_delete_without_a_response_schema_is_a_hint_unless_the_user_set_the_severity() {
    let rule = "response-schema-missing";
    let found = check_at(rule, "invalid", Severity::Warning, Grading::Default);
    assert_eq!(severity_where(&found, "/delete/"), Some(Severity::Hint));
    let found = check_at(rule, "invalid", Severity::Error, Grading::Certification);
    assert_eq!(severity_where(&found, "/delete/"), Some(Severity::Hint));
    for configured in [Severity::Error, Severity::Info] {
        let found = check_at(rule, "invalid", configured, Grading::Configured);
        assert_eq!(
            severity_where(&found, "/delete/"),
            Some(configured),
            "{configured:?}"
        );
    }
}

#[test]
fn what_published_connectors_get_away_with_is_lowered_only_in_the_default_profile() {
    // A required parameter filled from an optional one: 29 published connectors have it.
    let rule = "dynamic-parameter-type-mismatch";
    let required_mismatch = |found: &[Diagnostic]| {
        found
            .iter()
            .filter(|d| d.validator == Some("OperationParameterRequiredMismatch"))
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    let found = check_at(rule, "invalid", Severity::Warning, Grading::Default);
    assert_eq!(required_mismatch(&found), [Severity::Info; 2]);
    let found = check_at(rule, "invalid", Severity::Error, Grading::Certification);
    assert_eq!(required_mismatch(&found), [Severity::Error; 2]);
}

/// Every finding of `rule_id` on its invalid fixture, by validator code, under `config`.
fn severities(rule_id: &str, config: &RuleConfig) -> HashMap<&'static str, Severity> {
    analyze(&fixture(rule_id, "invalid"), config)
        .into_iter()
        .filter(|d| d.rule == rule_id)
        .filter_map(|d| Some((d.validator?, d.severity)))
        .collect()
}

#[test]
fn the_certification_profile_keeps_the_grades_of_uncertain_findings() {
    let certification = RuleConfig {
        profile: Some(Profile::Certification),
        ..RuleConfig::default()
    };
    let found = severities("value-invalid", &certification);
    assert_eq!(found["CollectionFormatValueNotSupported"], Severity::Error);
    // An unknown format is only a hint to the designer, not a rejection.
    assert_eq!(found["UnrecognizedTypeFormat"], Severity::Info);

    let configured = RuleConfig {
        overrides: HashMap::from([("value-invalid".to_string(), RuleLevel::On(Severity::Error))]),
        ..certification
    };
    let found = severities("value-invalid", &configured);
    assert_eq!(found["UnrecognizedTypeFormat"], Severity::Error);
}

#[test]
fn what_certified_connectors_pass_with_stays_a_warning_under_certification_unless_set() {
    let rule = "operation-family-revisions";
    let found = check_at(rule, "invalid", Severity::Error, Grading::Certification);
    let severity_of = |found: &[Diagnostic], code: &str| {
        found
            .iter()
            .find(|d| d.validator == Some(code))
            .map(|d| d.severity)
    };
    // What certified connectors pass with stays a warning: a missing suffix, a family's only
    // operation without a revision.
    for code in ["OperationIdShouldEndWithRevision", "OperationRevisionEmpty"] {
        assert_eq!(severity_of(&found, code), Some(Severity::Warning), "{code}");
    }
    assert_eq!(
        severity_of(&found, "OperationFamilyHasDuplicateRevisions"),
        Some(Severity::Error)
    );
    let found = check_at(rule, "invalid", Severity::Error, Grading::Configured);
    for code in ["OperationIdShouldEndWithRevision", "OperationRevisionEmpty"] {
        assert_eq!(severity_of(&found, code), Some(Severity::Error), "{code}");
    }
}

/// A certification severity is the one certification gives what it checks: only a rule that
/// reports a Swagger Validator or policy code declares one.
#[test]
fn only_certification_checks_declare_a_certification_severity() {
    for rule in crate::rules::RULES.iter() {
        assert!(
            rule.certification.is_none() || rule.is_certification_check(),
            "{} declares a certification severity but no code",
            rule.id
        );
    }
}

#[test]
fn the_default_level_is_the_severity_or_off() {
    let level = |id| find_rule(id).expect("a rule").default_level();
    assert_eq!(level("operation-id-whitespace"), "error");
    assert_eq!(level("info-contact-invalid"), "off");
}

#[test]
fn profiles_are_named_as_settings_write_them() {
    for name in Profile::NAMES {
        assert_eq!(Profile::parse(name).map(Profile::as_str), Some(name));
    }
    assert_eq!(Profile::parse("Certification"), None);
}
