//! The rule registry and the context rules run in. One file per rule; each declares its id,
//! default severity, summary and documentation with [`declare_rule!`], and the [`RULES`] table
//! below feeds analysis, `connector-ls rules`, `connector-ls explain` and SARIF metadata.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::index::ConnectorIndex;
use crate::model::{Connector, FileKind};
use crate::rules::ignore::IgnoreList;
use crate::rules::selection::Selection;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;

pub mod ignore;
pub mod selection;
#[cfg(test)]
mod severity_tests;

mod foundation;
mod operations;
mod paths;
mod responses;
mod security;

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
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
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

/// The rule families by name (`check --select operations`), in the order of the catalogue.
pub static FAMILIES: [(&str, &[&Rule]); 5] = [
    ("foundation", foundation::RULES),
    ("operations", operations::RULES),
    ("responses", responses::RULES),
    ("security", security::RULES),
    ("paths", paths::RULES),
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
}

impl RuleConfig {
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
        }
    }

    /// Drop the findings that the ignore entries name.
    fn drop_ignored(&self, connector: &Connector, diagnostics: &mut Vec<Diagnostic>) {
        self.ignores.drop_ignored(connector, diagnostics);
    }
}

/// What a rule reads about one connector (the connector's index), and the state one analysis
/// shares between its rules' fixes.
pub struct Context<'a> {
    pub index: ConnectorIndex<'a>,
    /// The new operationIds fixes of this analysis have proposed, so that two fixes applied
    /// together never give two operations the same id (see `rename::unique_operation_id`).
    proposed_operation_ids: RefCell<crate::edit::rename::ProposedIds>,
}

impl<'a> Context<'a> {
    pub fn new(connector: &'a Connector) -> Self {
        Context {
            index: ConnectorIndex::new(connector),
            proposed_operation_ids: RefCell::default(),
        }
    }

    /// `base`, or `base2`, `base3`… when an operation or another fix of this analysis already
    /// has that id.
    pub fn unique_operation_id(&self, base: &str) -> String {
        crate::edit::rename::unique_operation_id(
            &self.index,
            &mut self.proposed_operation_ids.borrow_mut(),
            base,
        )
    }
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = ConnectorIndex<'a>;

    fn deref(&self) -> &ConnectorIndex<'a> {
        &self.index
    }
}

/// Collects one rule's diagnostics, filling in its id and severity.
pub struct Sink<'r> {
    rule: &'static Rule,
    severity: Severity,
    diagnostics: &'r mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Report at a byte range; `pointer` names the JSON place (empty outside JSON).
    pub fn report(
        &mut self,
        file: FileKind,
        range: TextRange,
        pointer: String,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule: self.rule.id,
            severity: self.severity,
            file,
            range,
            pointer,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Report at a JSON value.
    pub fn at_value(
        &mut self,
        file: FileKind,
        tree: &JsonTree,
        node: NodeId,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.report(file, tree.range(node), tree.pointer(node), message)
    }

    /// Report at the key of the member that holds `node` (at the value for array items and
    /// the root).
    pub fn at_key(
        &mut self,
        file: FileKind,
        tree: &JsonTree,
        node: NodeId,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let range = tree
            .member_of(node)
            .map_or(tree.range(node), |member| member.key_range);
        self.report(file, range, tree.pointer(node), message)
    }

    /// The severity diagnostics get unless a rule lowers it for one finding.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether the rule runs at its default severity (so a rule may grade findings itself).
    pub fn is_default_severity(&self) -> bool {
        self.severity == self.rule.default_severity
    }
}

/// Run every enabled rule over a connector. Diagnostics come back sorted by file and place.
pub fn analyze(connector: &Connector, config: &RuleConfig) -> Vec<Diagnostic> {
    let context = Context::new(connector);
    let mut diagnostics = Vec::new();
    for rule in RULES.iter().filter(|rule| config.selection.runs(rule.id)) {
        let severity = match config.overrides.get(rule.id) {
            Some(RuleLevel::Off) => continue,
            Some(RuleLevel::On(severity)) => *severity,
            None => rule.default_severity,
        };
        let start = diagnostics.len();
        let mut sink = Sink {
            rule,
            severity,
            diagnostics: &mut diagnostics,
        };
        (rule.check)(&context, &mut sink);
        if severity != rule.default_severity {
            // A configured severity applies to every finding, even ones a rule grades itself.
            for diagnostic in &mut diagnostics[start..] {
                diagnostic.severity = severity;
            }
        }
    }
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

/// Drop the findings that may be artefacts of syntax error recovery (a top-level section read
/// as a path because a `}` is missing). When recovery could not tell what the top level of a
/// file holds, only the findings about the files' text (syntax, encoding, size) are kept; else
/// the findings whose place, or a related place, is in or about an object or array whose
/// members recovery guessed are dropped. The syntax errors say where the text must be
/// repaired; the rest is reported once it parses.
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
        if d.is_about_text() {
            return true;
        }
        if top_level {
            return false;
        }
        let at = |file: FileKind, offset: u32, pointer: &str| {
            uncertain(file).is_some_and(|parsed| parsed.is_uncertain(offset, pointer))
        };
        !at(d.file, d.range.start, &d.pointer)
            && !d
                .related
                .iter()
                .any(|r| at(r.location.file, r.location.range.start, ""))
    });
}
