//! A baseline: the findings a project accepts for now, recorded by `check --write-baseline`
//! and hidden by `check --baseline`, so that CI fails only on new ones. An entry is a rule, a
//! file (relative to the baseline's folder) and a JSON Pointer, not a line, so that edits
//! elsewhere in the file leave it valid.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::FileKind;
use crate::paths;
use crate::workspace::ConnectorReport;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    file: String,
    pointer: String,
}

/// A baseline read from its file: how many findings of each entry it holds.
pub struct Baseline {
    base: PathBuf,
    counts: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        // A byte order mark is accepted, as in connector files and connector-ls.toml (Windows
        // PowerShell 5 writes one).
        let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let file: BaselineFile = serde_json::from_str(json).map_err(|e| {
            format!(
                "{}: not a connector-ls baseline (write one with --write-baseline): {e}",
                path.display()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (this connector-ls reads version {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut counts = HashMap::new();
        for entry in file.findings {
            *counts.entry(entry).or_default() += 1;
        }
        Ok(Baseline {
            base: paths::folder_of(path),
            counts,
        })
    }

    /// Write every finding of `reports` to `path`, sorted so that the file diffs well; the
    /// number of findings written.
    pub fn write(path: &Path, reports: &[ConnectorReport]) -> std::io::Result<usize> {
        let mut recorder = Recorder::new(path);
        for report in reports {
            recorder.record(report);
        }
        recorder.write()
    }

    /// Remove the findings the baseline holds from `reports` (as many of each entry as it
    /// recorded); the number removed.
    pub fn hide(&self, reports: &mut [ConnectorReport]) -> usize {
        let mut left = Baseline {
            base: self.base.clone(),
            counts: self.counts.clone(),
        };
        reports.iter_mut().map(|report| left.hide_in(report)).sum()
    }

    /// Remove the findings the baseline still holds from one report, using them up: a batch
    /// run calls it on each connector in turn. The number removed.
    pub fn hide_in(&mut self, report: &mut ConnectorReport) -> usize {
        let mut hidden = 0;
        let mut keys = entries(&self.base, report).into_iter();
        report.diagnostics.retain(|_| {
            let key = keys.next().expect("one entry per diagnostic");
            match self.counts.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    hidden += 1;
                    false
                }
                _ => true,
            }
        });
        hidden
    }
}

/// The findings of a batch run gathered for a baseline, connector by connector: only their
/// entries are kept, not the connectors.
pub struct Recorder {
    path: PathBuf,
    base: PathBuf,
    findings: Vec<Entry>,
}

impl Recorder {
    /// A recorder for the baseline file at `path`.
    pub fn new(path: &Path) -> Self {
        Recorder {
            path: path.to_path_buf(),
            base: paths::folder_of(path),
            findings: Vec::new(),
        }
    }

    /// The baseline file it writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn record(&mut self, report: &ConnectorReport) {
        self.findings.extend(entries(&self.base, report));
    }

    /// Write the findings, sorted so that the file diffs well; the number written.
    pub fn write(mut self) -> std::io::Result<usize> {
        self.findings.sort();
        let count = self.findings.len();
        let mut text = serde_json::to_string_pretty(&BaselineFile {
            version: VERSION,
            findings: self.findings,
        })?;
        text.push('\n');
        std::fs::write(&self.path, text)?;
        Ok(count)
    }
}

/// The entry of each diagnostic of a report, in order.
fn entries(base: &Path, report: &ConnectorReport) -> Vec<Entry> {
    // Each file's name in the baseline, worked out once; a file outside the baseline's
    // folder keeps its absolute path.
    let names: Vec<(FileKind, String)> = report
        .connector
        .files
        .iter()
        .map(|file| {
            let name = paths::relative(base, &file.path)
                .unwrap_or_else(|| paths::absolute(&file.path).to_string_lossy().into_owned());
            (file.kind, name)
        })
        .collect();
    report
        .diagnostics
        .iter()
        .map(|diagnostic| Entry {
            rule: diagnostic.rule.to_string(),
            file: names
                .iter()
                .find(|(kind, _)| *kind == diagnostic.file)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            pointer: diagnostic.pointer.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleConfig;
    use crate::workspace::{Target, check_target};

    fn todo_broken() -> ConnectorReport {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/todo-broken");
        check_target(&Target::Folder(dir), &RuleConfig::default()).unwrap()
    }

    #[test]
    fn each_entry_hides_as_many_findings_as_it_recorded() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("baseline.json");
        let report = todo_broken();
        let recorded = report.diagnostics.len();
        assert_eq!(Baseline::write(&path, &[report]).unwrap(), recorded);
        let baseline = Baseline::read(&path).unwrap();

        // The same finding twice: the baseline recorded it once, so one is new.
        let mut twice = todo_broken();
        let first = twice.diagnostics[0].clone();
        twice.diagnostics.push(first.clone());
        let mut reports = [twice];
        assert_eq!(baseline.hide(&mut reports), recorded);
        assert_eq!(reports[0].diagnostics.len(), 1);
        assert_eq!(reports[0].diagnostics[0].rule, first.rule);
        assert_eq!(reports[0].diagnostics[0].pointer, first.pointer);

        // Findings are keyed by where they are, not by their message or line.
        let mut reworded = todo_broken();
        for diagnostic in &mut reworded.diagnostics {
            diagnostic.message = "another wording".to_string();
            diagnostic.range = crate::text::TextRange::empty(0);
        }
        let mut reports = [reworded];
        assert_eq!(baseline.hide(&mut reports), recorded);
        assert!(reports[0].diagnostics.is_empty());
    }
}
