//! One reporter per output format over the same located diagnostics: `human` (source
//! snippets), `json`, `sarif` (SARIF 2.1.0 for code scanning) and `github` (workflow commands).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Connector, FileKind, SourceFile};
use crate::text::{LineCol, TextRange};
use crate::workspace::ConnectorReport;

/// A range in one file, with everything a reporter needs to print it: the file's display path
/// and text, and the line/column of both ends.
pub struct Span<'a> {
    /// The path relative to the current folder when possible, with `/` separators.
    pub path: String,
    pub source: &'a SourceFile,
    pub range: TextRange,
    pub start: LineCol,
    pub end: LineCol,
}

impl<'a> Span<'a> {
    fn new(source: &'a SourceFile, range: TextRange, cwd: Option<&Path>) -> Self {
        let index = &source.line_index;
        Span {
            path: display_path(&source.path, cwd),
            source,
            range,
            start: index.line_col(&source.text, range.start),
            end: index.line_col(&source.text, range.end),
        }
    }
}

/// A related location of a diagnostic ("the value that is used").
pub struct RelatedSpan<'a> {
    pub span: Span<'a>,
    pub message: &'a str,
}

/// A diagnostic located in its file, with its related locations located too.
pub struct Located<'a> {
    pub diagnostic: &'a Diagnostic,
    /// Where the diagnostic is.
    pub span: Span<'a>,
    /// Related locations whose file is part of the connector (others are dropped).
    pub related: Vec<RelatedSpan<'a>>,
}

/// What was checked, beyond the diagnostics themselves: the human summary line needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Connectors (folders, or single files in their folder) that were analysed.
    pub connectors: usize,
    /// Findings left out of the report because the baseline holds them.
    pub in_baseline: usize,
    /// Connectors that could not be checked (an I/O error, reported on standard error).
    pub unchecked: usize,
}

/// Locate every diagnostic of every report, in report order.
pub fn locate(reports: &[ConnectorReport]) -> Vec<Located<'_>> {
    let cwd = std::env::current_dir().ok();
    let cwd = cwd.as_deref();
    let mut located = Vec::new();
    for report in reports {
        let connector = &report.connector;
        for diagnostic in &report.diagnostics {
            let Some(span) = span_in(connector, diagnostic.file, diagnostic.range, cwd) else {
                continue;
            };
            let related = diagnostic
                .related
                .iter()
                .filter_map(|related| {
                    let location = &related.location;
                    Some(RelatedSpan {
                        span: span_in(connector, location.file, location.range, cwd)?,
                        message: &related.message,
                    })
                })
                .collect();
            located.push(Located {
                diagnostic,
                span,
                related,
            });
        }
    }
    located
}

fn span_in<'a>(
    connector: &'a Connector,
    kind: FileKind,
    range: TextRange,
    cwd: Option<&Path>,
) -> Option<Span<'a>> {
    let source = connector.file(kind)?;
    Some(Span::new(source, range, cwd))
}

pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// How many diagnostics there are of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Located]) -> Self {
        let mut counts = Counts::default();
        for located in diagnostics {
            match located.diagnostic.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
                Severity::Hint => counts.hints += 1,
            }
        }
        counts
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

/// Writes located diagnostics in one format.
pub trait Reporter {
    fn write(
        &self,
        diagnostics: &[Located],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}
