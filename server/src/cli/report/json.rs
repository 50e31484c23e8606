//! `--format json`: one JSON object per diagnostic, in an array.

use std::io::{self, Write};

use serde::Serialize;

use super::{Located, PrettyArray, Reporter, Span, Summary};
use crate::diagnostic::Applicability;

/// The array of every connector's diagnostics, written as each connector comes.
pub struct JsonReporter {
    array: PrettyArray,
}

impl Default for JsonReporter {
    fn default() -> Self {
        JsonReporter {
            array: PrettyArray::at_depth(0),
        }
    }
}

#[derive(Serialize)]
struct Position {
    line: u32,
    character: u32,
}

/// The LSP range: 0-based lines, UTF-16 columns.
#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

impl Range {
    fn of(span: &Span) -> Self {
        Range {
            start: Position {
                line: span.start.line,
                character: span.start.col_utf16,
            },
            end: Position {
                line: span.end.line,
                character: span.end.col_utf16,
            },
        }
    }
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: Applicability,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    range: Range,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    rule: &'a str,
    /// The Swagger Validator code of the finding, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    validator: Option<&'a str>,
    /// The certification policy code of the finding, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
    severity: &'a str,
    message: &'a str,
    pointer: &'a str,
    /// 1-based line and column (in characters) of the start and the end.
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    range: Range,
    related: Vec<Related<'a>>,
    fixes: Vec<Fix<'a>>,
}

impl Reporter for JsonReporter {
    fn connector(&mut self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()> {
        for d in diagnostics {
            let item = JsonDiagnostic {
                file: &d.span.path,
                rule: d.diagnostic.rule,
                validator: d.diagnostic.validator,
                policy: d.diagnostic.policy,
                severity: d.diagnostic.severity.as_str(),
                message: &d.diagnostic.message,
                pointer: &d.diagnostic.pointer,
                line: d.span.start.line + 1,
                column: d.span.start.col_char + 1,
                end_line: d.span.end.line + 1,
                end_column: d.span.end.col_char + 1,
                range: Range::of(&d.span),
                related: d
                    .related
                    .iter()
                    .map(|r| Related {
                        file: &r.span.path,
                        message: r.message,
                        line: r.span.start.line + 1,
                        column: r.span.start.col_char + 1,
                        end_line: r.span.end.line + 1,
                        end_column: r.span.end.col_char + 1,
                        range: Range::of(&r.span),
                    })
                    .collect(),
                fixes: d
                    .diagnostic
                    .fixes
                    .iter()
                    .map(|f| Fix {
                        title: &f.title,
                        applicability: f.applicability,
                    })
                    .collect(),
            };
            self.array.push(&item, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.array.close(out)?;
        writeln!(out)
    }
}
