use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::model::FileKind;
use crate::model::connector::Connector;
use crate::model::swagger::Swagger;
use crate::rules::config::RuleConfig;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a connector whose title (`info.title`) another connector checked before it in
    /// the same run already has (case and spacing aside): `connector-ls check` on a checkout
    /// of the connectors repository, or on any folder of connectors. The finding is on the
    /// later connector, in the order the folders are checked (sorted by path). It needs the
    /// other connectors, so the language server, which analyses one connector, does not
    /// report it.
    ///
    /// ## Why
    /// The title is the connector's name in the catalogue: two connectors with one name
    /// cannot be told apart, and certification asks for a unique title. Six titles appear
    /// twice among the published connectors (a certified connector and its independent
    /// publisher's version, a new version beside the old).
    ///
    /// ## Example
    /// `certified-connectors/Jira/apiDefinition.swagger.json` and
    /// `independent-publisher-connectors/Jira/apiDefinition.swagger.json` both with
    /// `"title": "JIRA"`.
    ///
    /// ## Fix
    /// Give one of them another title. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix: the name is the publisher's choice.
    RULE {
        id: "info-title-duplicate",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "Another connector checked in the same run has the same title",
        reference: Some(links::CERTIFICATION),
        policy: ["5000.2.2.5"],
        check: check,
    }
}

/// One connector alone has no duplicate: the rule reports through [`TitlesSeen`], which a
/// batch of connectors feeds.
fn check(_: &Context, _: &mut Sink) {}

/// The titles of the connectors of one run so far, each with the folder that had it first.
#[derive(Default)]
pub struct TitlesSeen {
    first: HashMap<String, PathBuf>,
}

impl TitlesSeen {
    /// Note the connector's title, and add the finding to `diagnostics` (its analysis) when a
    /// connector before it had the same title and `config` runs the rule.
    pub fn note(
        &mut self,
        connector: &Connector,
        config: &RuleConfig,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(file) = connector.file(FileKind::ApiDefinition) else {
            return;
        };
        let Some(swagger) = file.tree().and_then(Swagger::new) else {
            return;
        };
        let tree = swagger.tree;
        let Some(node) = tree
            .get(swagger.root, "info")
            .and_then(|i| tree.get(i, "title"))
        else {
            return;
        };
        let Some(title) = tree.as_str(node).filter(|t| !t.trim().is_empty()) else {
            return;
        };
        let key = title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let Some(first) = self.first.get(&key) else {
            self.first.insert(key, connector.dir.clone());
            return;
        };
        let Some(severity) = config
            .level_of(&RULE)
            .filter(|_| config.selection.runs(RULE.id))
        else {
            return;
        };
        let mut found = Vec::new();
        let message = format!(
            "the connector {} has the title '{}' too: titles tell connectors apart in the catalogue",
            shown(first),
            excerpt(title)
        );
        Sink::new(&RULE, severity, config.grading_of(&RULE), &mut found).at_value(
            FileKind::ApiDefinition,
            tree,
            node,
            message,
        );
        config.ignores.drop_ignored(connector, &mut found);
        found.retain(|d| config.selection.reports(d.severity));
        diagnostics.extend(found);
        diagnostics.sort_by(|a, b| {
            (a.file, a.range.start, a.range.end, a.rule).cmp(&(
                b.file,
                b.range.start,
                b.range.end,
                b.rule,
            ))
        });
    }
}

/// A folder as the message names it: its last two components (`certified-connectors/Jira`).
fn shown(dir: &Path) -> String {
    let parts: Vec<_> = dir.components().rev().take(2).collect();
    let mut parts: Vec<String> = parts
        .iter()
        .rev()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        parts.push(dir.display().to_string());
    }
    parts.join("/")
}
