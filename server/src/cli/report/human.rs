//! `--format human` (the default): rustc-style reports with the source lines and the range
//! underlined (annotate-snippets), the JSON pointer and fix as notes, and a closing count.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Counts, Located, Reporter, Span, Summary};
use crate::diagnostic::{Applicability, Severity};
use crate::model::api_properties::secret_values;
use crate::model::{FileKind, SourceFile};

pub struct HumanReporter {
    /// ANSI colours (only for terminals, or with `--color always`).
    pub color: bool,
}

impl Reporter for HumanReporter {
    fn write(
        &self,
        diagnostics: &[Located],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        for located in diagnostics {
            let (report, header_fix) = render(located);
            let mut rendered = renderer.render(&[report]);
            if let Some((window_header, file_header)) = header_fix {
                rendered = rendered.replacen(&window_header, &file_header, 1);
            }
            writeln!(out, "{rendered}\n")?;
        }
        writeln!(out, "{}", summary_line(Counts::of(diagnostics), summary))
    }
}

/// The lines a group of annotations in one file need, as a slice of the file's text: the
/// renderer then only scans those lines, however large the file is.
struct Excerpt<'a> {
    path: &'a str,
    /// Byte offset of the excerpt in the file, and its first line (0-based).
    base: usize,
    first_line: u32,
    text: String,
    /// Set when the excerpt is a window into one very long line (a minified file): the
    /// renderer reports the column within the window, which is then corrected to the file's
    /// (the window's start column, to add).
    window_column: Option<u32>,
}

/// Lines longer than this are shown as a window around the annotations: rendering a whole
/// megabyte-long line for every diagnostic would make the report quadratic in the file size.
const LONG_LINE: usize = 1000;
/// Context kept on each side of the annotations in such a window.
const WINDOW_CONTEXT: usize = 80;

impl<'a> Excerpt<'a> {
    fn new(spans: &[&'a Span]) -> Self {
        let first = spans[0];
        let source = first.source;
        let first_line = spans.iter().map(|s| s.start.line).min().unwrap_or(0);
        let last_line = spans.iter().map(|s| s.end.line).max().unwrap_or(0);
        let index = &source.line_index;
        let mut base = index.line_start(first_line) as usize;
        let mut end = index.line_range(&source.text, last_line).end;
        let mut window_column = None;
        if first_line == last_line && end - base > LONG_LINE {
            let text = &source.text;
            let low = spans
                .iter()
                .map(|s| s.range.start as usize)
                .min()
                .unwrap_or(base);
            let high = spans
                .iter()
                .map(|s| s.range.end as usize)
                .max()
                .unwrap_or(base);
            let mut start = low.saturating_sub(WINDOW_CONTEXT).max(base);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut stop = (high + WINDOW_CONTEXT).min(end);
            while !text.is_char_boundary(stop) {
                stop += 1;
            }
            let line_start = index.line_start(first_line) as usize;
            window_column = Some(text[line_start..start].chars().count() as u32);
            base = start;
            end = stop;
        }
        // Lone CRs end lines for us (as for LSP) but not for the renderer: show them as LFs,
        // which keeps every byte offset.
        let slice = &source.text[base..end];
        let bytes = slice.as_bytes();
        let mut text = if slice.contains('\r') {
            slice
                .char_indices()
                .map(|(i, c)| match c {
                    '\r' if bytes.get(i + 1) != Some(&b'\n') => '\n',
                    c => c,
                })
                .collect()
        } else {
            slice.to_string()
        };
        mask_secrets(source, base, &mut text);
        Excerpt {
            path: &first.path,
            base,
            first_line,
            text,
            window_column,
        }
    }

    /// The span's byte range within the excerpt, clamped to it.
    fn range(&self, span: &Span) -> std::ops::Range<usize> {
        let clamp = |offset: u32| {
            (offset as usize)
                .saturating_sub(self.base)
                .min(self.text.len())
        };
        clamp(span.range.start)..clamp(span.range.end)
    }
}

/// Replace every credential value shown in the excerpt by `*`, byte for byte (so that the
/// annotation offsets stay right): reports never print secrets.
fn mask_secrets(source: &SourceFile, base: usize, text: &mut String) {
    if source.kind != FileKind::ApiProperties {
        return;
    }
    let Some(tree) = source.tree() else { return };
    let end = base + text.len();
    for node in secret_values(tree) {
        let range = tree.range(node).shrink(1);
        let (start, stop) = (range.start as usize, range.end as usize);
        if stop <= base || start >= end {
            continue;
        }
        let (from, to) = (start.max(base) - base, stop.min(end) - base);
        if text.is_char_boundary(from) && text.is_char_boundary(to) {
            let stars = "*".repeat(to - from);
            text.replace_range(from..to, &stars);
        }
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// The report of one diagnostic, and, when its line was shown through a window, the
/// `path:line:column` the renderer prints and the one it should print.
fn render<'a>(located: &'a Located<'a>) -> (Group<'a>, Option<(String, String)>) {
    let diagnostic = located.diagnostic;
    // One snippet per file: the diagnostic's own, then those of related files in order.
    let mut files: Vec<Vec<&Span>> = vec![vec![&located.span]];
    for related in &located.related {
        match files
            .iter_mut()
            .find(|spans| std::ptr::eq(spans[0].source, related.span.source))
        {
            Some(spans) => spans.push(&related.span),
            None => files.push(vec![&related.span]),
        }
    }
    let excerpts: Vec<Excerpt> = files.iter().map(|spans| Excerpt::new(spans)).collect();
    let header_fix = excerpts[0].window_column.map(|window_column| {
        let start = &located.span.start;
        let at = |column: u32| format!("{}:{}:{}", located.span.path, start.line + 1, column + 1);
        (at(start.col_char - window_column), at(start.col_char))
    });

    let mut snippets = Vec::new();
    for (i, excerpt) in excerpts.into_iter().enumerate() {
        let mut annotations = Vec::new();
        if i == 0 {
            annotations.push(AnnotationKind::Primary.span(excerpt.range(&located.span)));
        }
        for related in &located.related {
            if std::ptr::eq(related.span.source, files[i][0].source) {
                annotations.push(
                    AnnotationKind::Context
                        .span(excerpt.range(&related.span))
                        .label(related.message),
                );
            }
        }
        snippets.push(
            Snippet::source(excerpt.text)
                .path(excerpt.path)
                .line_start(excerpt.first_line as usize + 1)
                .annotations(annotations),
        );
    }

    let mut group = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule)
        .elements(snippets);
    if !diagnostic.pointer.is_empty() {
        group = group.element(Level::NOTE.message(format!("JSON pointer: {}", diagnostic.pointer)));
    }
    for fix in &diagnostic.fixes {
        let safety = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::Unsafe => "unsafe fix",
        };
        group = group.element(Level::HELP.message(format!("{} ({safety})", fix.title)));
    }
    (group, header_fix)
}

/// "Found 3 errors, 2 warnings and 1 hint in 2 connectors." or "No problems found in 5
/// connectors.", and how many findings the baseline hid.
fn summary_line(counts: Counts, summary: &Summary) -> String {
    let connectors = plural(summary.connectors, "connector", "connectors");
    let hidden = match summary.in_baseline {
        0 => String::new(),
        n => format!(
            " ({} in the baseline not shown)",
            plural(n, "finding", "findings")
        ),
    };
    // Never "No problems found" alone next to a connector that could not be read.
    let unchecked = match summary.unchecked {
        0 => String::new(),
        n => format!(
            "{} could not be checked; ",
            plural(n, "connector", "connectors")
        ),
    };
    if counts.total() == 0 {
        let found = if unchecked.is_empty() { "No" } else { "no" };
        return format!("{unchecked}{found} problems found in {connectors}{hidden}.");
    }
    let parts: Vec<String> = [
        (counts.errors, "error", "errors"),
        (counts.warnings, "warning", "warnings"),
        (counts.infos, "info", "infos"),
        (counts.hints, "hint", "hints"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let list = match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let found = if unchecked.is_empty() {
        "Found"
    } else {
        "found"
    };
    format!("{unchecked}{found} {list} in {connectors}{hidden}.")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Fix};
    use crate::model::{Connector, FileKind, SourceFile};
    use crate::text::TextRange;
    use crate::workspace::ConnectorReport;

    fn connector(files: &[(FileKind, &str)]) -> Connector {
        let files = files
            .iter()
            .map(|(kind, text)| {
                let path = format!("Contoso/{}", kind.default_name());
                SourceFile::from_text(*kind, path.into(), text.to_string())
            })
            .collect();
        Connector::from_files("Contoso".into(), files, Vec::new())
    }

    fn diagnostic(severity: Severity, file: FileKind, range: TextRange) -> Diagnostic {
        Diagnostic {
            rule: "test-rule",
            severity,
            file,
            range,
            pointer: String::new(),
            message: "something is off".to_string(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    fn human(reports: &[ConnectorReport]) -> String {
        let located = super::super::locate(reports);
        let summary = Summary {
            connectors: reports.len(),
            ..Summary::default()
        };
        let mut out = Vec::new();
        HumanReporter { color: false }
            .write(&located, &summary, &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn related_location_in_another_file() {
        let definition = "{\n  \"operationId\": \"ListItems\"\n}\n";
        let properties = "{\n  \"scriptOperations\": [\"ListItem\"]\n}\n";
        let connector = connector(&[
            (FileKind::ApiDefinition, definition),
            (FileKind::ApiProperties, properties),
        ]);
        let at = properties.find("\"ListItem\"").unwrap() as u32;
        let mut d = diagnostic(
            Severity::Hint,
            FileKind::ApiProperties,
            TextRange::new(at, at + 10),
        );
        let target = definition.find("\"ListItems\"").unwrap() as u32;
        d.with_related(
            FileKind::ApiDefinition,
            TextRange::new(target, target + 11),
            "did you mean this operation?",
        )
        .with_fix(Fix::safe("Rename to 'ListItems'", Vec::new()));
        let output = human(&[ConnectorReport {
            connector,
            diagnostics: vec![d],
        }]);
        assert_eq!(
            output,
            "hint[test-rule]: something is off
 --> Contoso/apiProperties.json:2:24
  |
2 |   \"scriptOperations\": [\"ListItem\"]
  |                        ^^^^^^^^^^
  |
 ::: Contoso/apiDefinition.swagger.json:2:18
  |
2 |   \"operationId\": \"ListItems\"
  |                  ----------- did you mean this operation?
  |
  = help: Rename to 'ListItems' (safe fix)

Found 1 hint in 1 connector.
"
        );
    }

    #[test]
    fn empty_files_and_lone_carriage_returns_render() {
        let text = "{\r  \"a\": 1\r  \"b\": 2\r}";
        let connector = connector(&[(FileKind::ApiDefinition, text), (FileKind::Settings, "")]);
        let at = text.find("\r  \"b\"").unwrap() as u32;
        let diagnostics = vec![
            diagnostic(
                Severity::Error,
                FileKind::ApiDefinition,
                TextRange::empty(at),
            ),
            diagnostic(Severity::Info, FileKind::Settings, TextRange::empty(0)),
        ];
        let output = human(&[ConnectorReport {
            connector,
            diagnostics,
        }]);
        assert_eq!(
            output,
            "error[test-rule]: something is off
 --> Contoso/apiDefinition.swagger.json:2:9
  |
2 |   \"a\": 1
  |         ^

info[test-rule]: something is off
 --> Contoso/settings.json:1:1
  |
1 |
  | ^

Found 1 error and 1 info in 1 connector.
"
        );
    }

    #[test]
    fn summary_lines() {
        let summary = |connectors| Summary {
            connectors,
            ..Summary::default()
        };
        let counts = |errors, warnings, infos, hints| Counts {
            errors,
            warnings,
            infos,
            hints,
        };
        assert_eq!(
            summary_line(counts(0, 0, 0, 0), &summary(5)),
            "No problems found in 5 connectors."
        );
        assert_eq!(
            summary_line(counts(0, 0, 0, 0), &summary(1)),
            "No problems found in 1 connector."
        );
        assert_eq!(
            summary_line(counts(3, 2, 0, 1), &summary(2)),
            "Found 3 errors, 2 warnings and 1 hint in 2 connectors."
        );
        assert_eq!(
            summary_line(counts(0, 1, 2, 0), &summary(1)),
            "Found 1 warning and 2 infos in 1 connector."
        );
        let baselined = |in_baseline| Summary {
            connectors: 1,
            in_baseline,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(counts(0, 0, 0, 0), &baselined(3)),
            "No problems found in 1 connector (3 findings in the baseline not shown)."
        );
        assert_eq!(
            summary_line(counts(1, 0, 0, 0), &baselined(1)),
            "Found 1 error in 1 connector (1 finding in the baseline not shown)."
        );
        let unreadable = |connectors, unchecked| Summary {
            connectors,
            unchecked,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(counts(0, 0, 0, 0), &unreadable(0, 1)),
            "1 connector could not be checked; no problems found in 0 connectors."
        );
        assert_eq!(
            summary_line(counts(2, 0, 0, 0), &unreadable(3, 2)),
            "2 connectors could not be checked; found 2 errors in 3 connectors."
        );
    }
}
