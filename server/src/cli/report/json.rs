//! `--format json`: one JSON object per diagnostic, in an array.

use std::io::{self, Write};

use serde::Serialize;

use super::{Located, Reporter};

pub struct JsonReporter;

#[derive(Serialize)]
struct Position {
    line: u32,
    character: u32,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: crate::diagnostic::Applicability,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    pointer: &'a str,
    /// 1-based line and column (in characters) of the start.
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    /// The LSP range: 0-based lines, UTF-16 columns.
    range: Range,
    fixes: Vec<Fix<'a>>,
}

impl Reporter for JsonReporter {
    fn write(&self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()> {
        let items: Vec<JsonDiagnostic> = diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: &d.path,
                rule: d.diagnostic.rule,
                severity: d.diagnostic.severity.as_str(),
                message: &d.diagnostic.message,
                pointer: &d.diagnostic.pointer,
                line: d.start.line + 1,
                column: d.start.col_char + 1,
                end_line: d.end.line + 1,
                end_column: d.end.col_char + 1,
                range: Range {
                    start: Position {
                        line: d.start.line,
                        character: d.start.col_utf16,
                    },
                    end: Position {
                        line: d.end.line,
                        character: d.end.col_utf16,
                    },
                },
                fixes: d
                    .diagnostic
                    .fixes
                    .iter()
                    .map(|f| Fix {
                        title: &f.title,
                        applicability: f.applicability,
                    })
                    .collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items)?;
        writeln!(out)
    }
}
