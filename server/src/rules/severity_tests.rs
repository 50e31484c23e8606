//! Rules that grade their own findings (a DELETE's missing response schema is a hint) do so
//! only at the rule's default severity: a severity the user configured is what they get.
//! `analyze` also re-applies a configured severity to every finding; these tests run a
//! rule's check alone, so that each of the two guards is tested on its own.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Connector;
use crate::model::index::ConnectorIndex;
use crate::rules::{Context, Sink, find_rule};

/// The findings of one rule's check, run with the sink at `severity`.
fn check_at(rule_id: &str, fixture: &str, severity: Severity) -> Vec<Diagnostic> {
    let rule = find_rule(rule_id).expect("a rule");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(rule_id)
        .join(fixture);
    let connector = Connector::load(&dir).expect("the fixture loads");
    let index = ConnectorIndex::new(&connector);
    let context = Context::new(&index);
    let mut diagnostics = Vec::new();
    let mut sink = Sink::new(rule, severity, &mut diagnostics);
    (rule.check)(&context, &mut sink);
    diagnostics
}

fn delete_severity(diagnostics: &[Diagnostic]) -> Option<Severity> {
    diagnostics
        .iter()
        .find(|d| d.pointer.contains("/delete/"))
        .map(|d| d.severity)
}

#[test]
fn a_delete_without_a_response_schema_is_a_hint_only_at_the_default_severity() {
    let found = check_at("response-schema-missing", "invalid", Severity::Warning);
    assert_eq!(delete_severity(&found), Some(Severity::Hint));
    for configured in [Severity::Error, Severity::Info] {
        let found = check_at("response-schema-missing", "invalid", configured);
        assert_eq!(delete_severity(&found), Some(configured), "{configured:?}");
    }
}
