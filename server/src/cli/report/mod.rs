//! One reporter per output format over the same located diagnostics.

pub mod json;

use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::SourceFile;
use crate::text::LineCol;
use crate::workspace::ConnectorReport;

/// A diagnostic with everything a reporter needs: its file's display path and text, and the
/// line/column of both ends of its range.
pub struct Located<'a> {
    /// The path relative to the current folder when possible, with `/` separators.
    pub path: String,
    pub source: &'a SourceFile,
    pub diagnostic: &'a Diagnostic,
    pub start: LineCol,
    pub end: LineCol,
}

/// Locate every diagnostic of every report, in report order.
pub fn locate(reports: &[ConnectorReport]) -> Vec<Located<'_>> {
    let cwd = std::env::current_dir().ok();
    let mut located = Vec::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let Some(source) = report.connector.file(diagnostic.file) else {
                continue;
            };
            let index = &source.line_index;
            located.push(Located {
                path: display_path(&source.path, cwd.as_deref()),
                source,
                diagnostic,
                start: index.line_col(&source.text, diagnostic.range.start),
                end: index.line_col(&source.text, diagnostic.range.end),
            });
        }
    }
    located
}

pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Writes located diagnostics in one format.
pub trait Reporter {
    fn write(&self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()>;
}
