//! The rules: one file per rule, in families; each declares its id, default severity,
//! summary and documentation with `registry::declare_rule!`. The [`RULES`] catalogue feeds
//! analysis, `connector-ls rules`, `connector-ls explain`, SARIF metadata, hover and
//! docs/rules.md; [`analyze`] runs the enabled rules over one connector.

use std::sync::LazyLock;

use crate::diagnostic::Diagnostic;
use crate::model::index::ConnectorIndex;
use crate::model::{Connector, FileKind};

pub mod config;
pub mod context;
pub mod ignore;
pub mod policy;
pub mod registry;
pub mod selection;
#[cfg(test)]
mod severity_tests;
pub mod validator;

mod breaking;
mod documentation;
mod foundation;
mod operations;
mod parameters;
mod paths;
mod properties;
mod readme;
mod responses;
mod schemas;
mod script;
mod security;

pub use config::{RuleConfig, RuleLevel};
pub use context::{Base, Context, Grading, Sink};
pub use documentation::info_title_duplicate::TitlesSeen;
pub use registry::{Profile, Rule};

/// The rule families by name (`check --select operations`), in the order of the catalogue.
pub static FAMILIES: [(&str, &[&Rule]); 12] = [
    ("foundation", foundation::RULES),
    ("operations", operations::RULES),
    ("responses", responses::RULES),
    ("schemas", schemas::RULES),
    ("security", security::RULES),
    ("paths", paths::RULES),
    ("documentation", documentation::RULES),
    ("properties", properties::RULES),
    ("script", script::RULES),
    ("parameters", parameters::RULES),
    ("readme", readme::RULES),
    ("breaking", breaking::RULES),
];

/// Every rule, family by family in the order of the catalogue.
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    FAMILIES
        .iter()
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect()
});

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// Run every enabled rule over a connector. Diagnostics come back sorted by file and place.
pub fn analyze(connector: &Connector, config: &RuleConfig) -> Vec<Diagnostic> {
    analyze_indexed(&ConnectorIndex::new(connector), config)
}

/// [`analyze`] on the connector's index, when the caller keeps the index for other uses.
pub fn analyze_indexed(index: &ConnectorIndex, config: &RuleConfig) -> Vec<Diagnostic> {
    analyze_against(index, None, config)
}

/// [`analyze_indexed`] with the connector at a base revision, which the `breaking-` rules
/// compare with (they are silent without one).
pub fn analyze_against(
    index: &ConnectorIndex,
    base: Option<Base>,
    config: &RuleConfig,
) -> Vec<Diagnostic> {
    let connector = index.connector;
    let mut context = Context::new(index);
    context.base = base;
    let mut diagnostics = Vec::new();
    for rule in RULES.iter().filter(|rule| config.selection.runs(rule.id)) {
        let Some(severity) = config.level_of(rule) else {
            continue;
        };
        let grading = config.grading_of(rule);
        let start = diagnostics.len();
        let mut sink = Sink::new(rule, severity, grading, &mut diagnostics);
        (rule.check)(&context, &mut sink);
        for diagnostic in &mut diagnostics[start..] {
            if grading == Grading::Configured {
                // A configured severity applies to every finding, even ones a rule grades
                // itself.
                diagnostic.severity = severity;
            }
            debug_assert!(
                diagnostic
                    .validator
                    .is_none_or(|code| rule.validator.contains(&code)),
                "{} reported validator code {:?}, which it does not declare",
                rule.id,
                diagnostic.validator
            );
            debug_assert!(
                diagnostic
                    .policy
                    .is_none_or(|code| rule.policy.contains(&code)),
                "{} reported policy code {:?}, which it does not declare",
                rule.id,
                diagnostic.policy
            );
        }
    }
    drop_misreadings(index, &mut diagnostics);
    config.drop_ignored(connector, &mut diagnostics);
    drop_recovery_artefacts(connector, &mut diagnostics);
    diagnostics.retain(|diagnostic| config.selection.reports(diagnostic.severity));
    diagnostics.sort_by(|a, b| {
        (a.file, a.range.start, a.range.end, a.rule).cmp(&(
            b.file,
            b.range.start,
            b.range.end,
            b.rule,
        ))
    });
    diagnostics
}

/// In a definition of another format than Swagger 2.0 (an OpenAPI 3 document), keep only
/// swagger-version's finding and those of the rules about any JSON file (syntax, duplicate
/// keys): every Swagger 2.0 rule would misread it.
fn drop_misreadings(index: &ConnectorIndex, diagnostics: &mut Vec<Diagnostic>) {
    let Some((file, swagger)) = &index.definition else {
        return;
    };
    if !foundation::swagger_version::is_another_format(swagger.tree, swagger.root) {
        return;
    }
    diagnostics.retain(|d| {
        d.file != file.kind
            || d.rule == foundation::swagger_version::RULE.id
            || find_rule(d.rule).is_some_and(|rule| rule.file.is_none())
    });
}

/// Drop the findings that may be artefacts of syntax error recovery (a top-level section read
/// as a path because a `}` is missing). When recovery could not tell what the top level of a
/// file holds, only the findings about the files' text (syntax, encoding, size) are kept; else
/// the findings whose place, or a related place, is in or about an object or array whose
/// members recovery guessed, or about one that holds it, are dropped. The syntax errors say
/// where the text must be repaired; the rest is reported once it parses.
fn drop_recovery_artefacts(connector: &Connector, diagnostics: &mut Vec<Diagnostic>) {
    let uncertain = |file: FileKind| {
        connector
            .file(file)
            .and_then(|f| f.json.as_ref())
            .filter(|parsed| !parsed.uncertain.is_empty())
    };
    if !FileKind::ALL.iter().any(|&kind| uncertain(kind).is_some()) {
        return;
    }
    let top_level = FileKind::ALL
        .iter()
        .any(|&kind| uncertain(kind).is_some_and(|p| p.is_top_level_uncertain()));
    diagnostics.retain(|d| {
        if foundation::TEXT_RULES.iter().any(|rule| rule.id == d.rule) {
            return true;
        }
        if top_level {
            return false;
        }
        let at = |file: FileKind, offset: u32, pointer: Option<&str>| {
            uncertain(file).is_some_and(|parsed| parsed.is_uncertain(offset, pointer))
        };
        !at(d.file, d.range.start, Some(&d.pointer))
            && !d
                .related
                .iter()
                .any(|r| at(r.location.file, r.location.range.start, None))
    });
}
