//! `--format human` (the default): rustc-style reports with the source lines and the range
//! underlined (annotate-snippets), the JSON pointer and fix as notes, and a closing count.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{
    CiLog, Counts, Located, Reporter, Span, Summary, escape_controls, mask_secrets, secret_ranges,
    write_to_log,
};
use crate::diagnostic::{Applicability, Severity};
use crate::model::SourceFile;
use crate::text::TextRange;

/// The secret ranges of each file shown, found once per file (by address) rather than once
/// per snippet.
#[derive(Default)]
struct Secrets(HashMap<*const SourceFile, Vec<TextRange>>);

impl Secrets {
    fn of(&mut self, source: &SourceFile) -> &[TextRange] {
        self.0
            .entry(source as *const SourceFile)
            .or_insert_with(|| secret_ranges(source))
    }
}

pub struct HumanReporter {
    /// ANSI colours (only for terminals, or with `--color always`).
    pub color: bool,
    /// List every hint (`--show-hints`); otherwise they are counted by rule in one line, so
    /// that hundreds of naming hints do not bury the errors.
    pub show_hints: bool,
    /// The CI log the report goes to: see `write_to_log`.
    pub log: CiLog,
    /// What the closing lines count, over the connectors written so far.
    tally: Tally,
}

/// The counts of the closing lines of a report.
#[derive(Default)]
struct Tally {
    counts: Counts,
    hidden_hints: BTreeMap<&'static str, usize>,
}

impl HumanReporter {
    pub fn new(color: bool, show_hints: bool, log: CiLog) -> Self {
        HumanReporter {
            color,
            show_hints,
            log,
            tally: Tally::default(),
        }
    }

    /// Text that quotes the connector's files goes through `write_to_log` in a CI log.
    fn write_quoting(
        &self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.log == CiLog::Plain {
            return write(out);
        }
        let mut text = Vec::new();
        write(&mut text)?;
        if text.is_empty() {
            return Ok(());
        }
        write_to_log(out, &String::from_utf8_lossy(&text), self.log)
    }
}

impl Reporter for HumanReporter {
    fn connector(&mut self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()> {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let counts = Counts::of(diagnostics);
        let tally = &mut self.tally;
        tally.counts = tally.counts.plus(counts);
        let show_hints = self.show_hints;
        let mut shown = Vec::with_capacity(diagnostics.len());
        for located in diagnostics {
            let diagnostic = located.diagnostic;
            if diagnostic.severity == Severity::Hint && !show_hints {
                *tally.hidden_hints.entry(diagnostic.rule).or_default() += 1;
            } else {
                shown.push(located);
            }
        }
        self.write_quoting(out, |out| {
            // Secrets are found once per file of this connector (files are told apart by
            // address, which only holds while the connector lives).
            let mut secrets = Secrets::default();
            for located in shown {
                let (report, headers) = render(located, &mut secrets);
                let mut rendered = renderer.render(&[report]);
                correct_headers(&mut rendered, &headers);
                writeln!(out, "{rendered}\n")?;
            }
            Ok(())
        })
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let tally = &self.tally;
        self.write_quoting(out, |out| {
            if !tally.hidden_hints.is_empty() {
                writeln!(out, "{}", hidden_hints_line(&tally.hidden_hints))?;
            }
            writeln!(out, "{}", summary_line(tally.counts, summary))
        })
    }
}

/// "882 hints not listed: operation-id-not-pascal-case 800, response-schema-missing 82
/// (pass --show-hints to list them)." Most frequent rule first.
fn hidden_hints_line(hidden: &BTreeMap<&str, usize>) -> String {
    let total: usize = hidden.values().sum();
    let mut rules: Vec<(&str, usize)> = hidden.iter().map(|(r, n)| (*r, *n)).collect();
    rules.sort_by_key(|&(rule, n)| (std::cmp::Reverse(n), rule));
    let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
    format!(
        "{} not listed: {} (pass --show-hints to list them).",
        plural(total, "hint", "hints"),
        rules.join(", ")
    )
}

/// Annotations further apart than this in one file get a snippet each: a snippet shows
/// everything between its annotations, which on a minified file is the whole line, for every
/// finding (2,000 duplicate operationIds made 441 MB of report).
const NEAR: usize = 1000;
/// Annotations on one line share a snippet only within this many bytes: the renderer cuts a
/// long line to the terminal's width, and both must stay in view.
const ON_ONE_LINE: usize = 100;
/// Lines longer than this are shown as a window around the annotations: rendering a whole
/// megabyte-long line for every diagnostic would make the report quadratic in the file size.
const LONG_LINE: usize = 1000;
/// Context kept on each side of the annotations in such a window.
const WINDOW_CONTEXT: usize = 80;

/// A range to underline: the diagnostic's own (primary) or a related one, with its label.
struct Mark<'a> {
    span: &'a Span<'a>,
    label: Option<&'a str>,
    primary: bool,
    /// Position in the diagnostic's list of locations, which annotations keep.
    order: usize,
}

/// The marks of one diagnostic in snippets: per file, marks near each other share one, and
/// the snippet of the primary mark comes first.
fn snippet_marks<'a>(located: &'a Located<'a>) -> Vec<Vec<Mark<'a>>> {
    let primary = Mark {
        span: &located.span,
        label: None,
        primary: true,
        order: 0,
    };
    let related = located.related.iter().enumerate().map(|(i, r)| Mark {
        span: &r.span,
        label: Some(r.message),
        primary: false,
        order: i + 1,
    });
    let mut files: Vec<Vec<Mark>> = Vec::new();
    for mark in std::iter::once(primary).chain(related) {
        match files
            .iter_mut()
            .find(|marks| std::ptr::eq(marks[0].span.source, mark.span.source))
        {
            Some(marks) => marks.push(mark),
            None => files.push(vec![mark]),
        }
    }
    let mut snippets: Vec<Vec<Mark>> = Vec::new();
    for mut marks in files {
        marks.sort_by_key(|m| (m.span.range.start, m.span.range.end, m.order));
        let (mut end, mut line, mut line_low) = (0, u32::MAX, 0);
        for mark in marks {
            let (start, stop) = (mark.span.range.start as usize, mark.span.range.end as usize);
            let mark_line = mark.span.start.line;
            let same_line = mark_line == line;
            let near = |last: &Vec<Mark>| {
                std::ptr::eq(last[0].span.source, mark.span.source)
                    && start <= end + NEAR
                    && (!same_line || stop - line_low <= ON_ONE_LINE)
            };
            let joined = match snippets.last_mut() {
                Some(last) if near(last) => {
                    last.push(mark);
                    true
                }
                _ => {
                    snippets.push(vec![mark]);
                    end = 0;
                    false
                }
            };
            if !joined || !same_line {
                line_low = start;
            }
            line = mark_line;
            end = end.max(stop);
        }
    }
    for marks in &mut snippets {
        marks.sort_by_key(|m| m.order);
    }
    let first = snippets
        .iter()
        .position(|marks| marks.iter().any(|m| m.primary))
        .unwrap_or(0);
    let primary = snippets.remove(first);
    snippets.insert(0, primary);
    snippets
}

/// The lines a group of annotations in one file need, as a slice of the file's text: the
/// renderer then only scans those lines, however large the file is.
struct Excerpt {
    /// Byte offset of the excerpt in the file, and its first line (0-based).
    base: usize,
    first_line: u32,
    text: String,
    /// The characters of the first line left out before the excerpt (a window into a very
    /// long line, as in a minified file): the renderer counts columns from the window, and
    /// the `path:line:column` it prints is then corrected.
    window_column: u32,
}

impl Excerpt {
    fn new(marks: &[Mark], secrets: &mut Secrets) -> Self {
        let source = marks[0].span.source;
        let text = &source.text;
        let index = &source.line_index;
        let first_line = marks.iter().map(|m| m.span.start.line).min().unwrap_or(0);
        let last_line = marks.iter().map(|m| m.span.end.line).max().unwrap_or(0);
        let low = marks.iter().map(|m| m.span.range.start as usize).min();
        let high = marks.iter().map(|m| m.span.range.end as usize).max();
        let (low, high) = (low.unwrap_or(0), high.unwrap_or(0));
        let line_start = index.line_start(first_line) as usize;
        let first_line_end = index.line_range(text, first_line).end;
        let last_line_start = index.line_start(last_line) as usize;
        let mut base = line_start;
        let mut end = index.line_range(text, last_line).end;
        if first_line_end - line_start > LONG_LINE {
            base = low.saturating_sub(WINDOW_CONTEXT).max(line_start);
            while !text.is_char_boundary(base) {
                base -= 1;
            }
        }
        if end - last_line_start > LONG_LINE {
            // An annotation longer than a window (a whole minified object) is cut too.
            let cut = low.max(last_line_start) + 2 * LONG_LINE;
            end = (high + WINDOW_CONTEXT).min(cut).min(end).max(base);
            while !text.is_char_boundary(end) {
                end += 1;
            }
        }
        let window_column = index.line_col(text, base as u32).col_char;
        // Lone CRs end lines for us (as for LSP) but not for the renderer: show them as LFs,
        // which keeps every byte offset.
        let slice = &text[base..end];
        let bytes = slice.as_bytes();
        let mut excerpt = if slice.contains('\r') {
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
        mask_secrets(secrets.of(source), base, &mut excerpt);
        Excerpt {
            base,
            first_line,
            text: excerpt,
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

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// A `path:line:column` the renderer prints for a snippet shown through a window, and the
/// one it should print.
struct HeaderFix {
    printed: String,
    real: String,
}

/// The report of one diagnostic, and the corrections its snippet headers need, in order.
/// Everything quoted from the files (messages, labels, pointers, fix titles, paths) has its
/// control characters escaped; source lines get control pictures from the renderer.
fn render<'a>(located: &'a Located<'a>, secrets: &mut Secrets) -> (Group<'a>, Vec<HeaderFix>) {
    let diagnostic = located.diagnostic;
    let mut snippets = Vec::new();
    let mut headers = Vec::new();
    let mut origins = Vec::new();
    for (i, marks) in snippet_marks(located).into_iter().enumerate() {
        let path = escape_controls(&marks[0].span.path).into_owned();
        if !marks[0].span.source.kind.is_text() {
            // An image has no line to quote: its path alone says where.
            origins.push(Origin::path(path));
            continue;
        }
        let excerpt = Excerpt::new(&marks, secrets);
        // The renderer names the primary mark in the first snippet's header, and the first
        // mark of the first annotated line in the others.
        let header_mark = match i {
            0 => marks.iter().find(|m| m.primary),
            _ => {
                let line = marks.iter().map(|m| m.span.start.line).min();
                marks.iter().find(|m| Some(m.span.start.line) == line)
            }
        };
        if let Some(mark) = header_mark {
            let start = &mark.span.start;
            let shift = if start.line == excerpt.first_line {
                excerpt.window_column
            } else {
                0
            };
            let at = |column: u32| format!("{path}:{}:{}", start.line + 1, column + 1);
            headers.push(HeaderFix {
                printed: at(start.col_char - shift),
                real: at(start.col_char),
            });
        }
        let annotations: Vec<_> = marks
            .iter()
            .map(|mark| {
                let range = excerpt.range(mark.span);
                match mark.label {
                    _ if mark.primary => AnnotationKind::Primary.span(range),
                    Some(label) => AnnotationKind::Context
                        .span(range)
                        .label(escape_controls(label)),
                    None => AnnotationKind::Context.span(range),
                }
            })
            .collect();
        snippets.push(
            Snippet::source(excerpt.text)
                .path(path)
                .line_start(excerpt.first_line as usize + 1)
                .annotations(annotations),
        );
    }

    let mut group = level(diagnostic.severity)
        .primary_title(escape_controls(&diagnostic.message))
        .id(diagnostic.rule)
        .elements(origins)
        .elements(snippets);
    if !diagnostic.pointer.is_empty() {
        let pointer = escape_controls(&diagnostic.pointer);
        group = group.element(Level::NOTE.message(format!("JSON pointer: {pointer}")));
    }
    if let Some(code) = diagnostic.validator {
        let tool = crate::rules::validator::tool_of(code);
        group = group.element(Level::NOTE.message(format!("{tool}: {code}")));
    }
    if let Some(policy) = diagnostic
        .policy
        .and_then(crate::rules::policy::find_policy)
    {
        group = group.element(Level::NOTE.message(format!(
            "certification policy {}: {}",
            policy.code, policy.requirement
        )));
    }
    for fix in &diagnostic.fixes {
        let safety = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::Unsafe => "unsafe fix",
        };
        let title = escape_controls(&fix.title);
        group = group.element(Level::HELP.message(format!("{title} ({safety})")));
    }
    (group, headers)
}

/// Put the file's columns in the snippet headers of windowed lines, header after header.
fn correct_headers(rendered: &mut String, headers: &[HeaderFix]) {
    let mut cursor = 0;
    for header in headers {
        let Some(found) = rendered[cursor..].find(&header.printed) else {
            continue;
        };
        let at = cursor + found;
        let after = &rendered[at + header.printed.len()..];
        // "path:1:8" must not match the start of "path:1:81".
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        rendered.replace_range(at..at + header.printed.len(), &header.real);
        cursor = at + header.real.len();
    }
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
            prompt: None,
            validator: None,
            policy: None,
        }
    }

    fn human(reports: &[ConnectorReport]) -> String {
        human_with(reports, true)
    }

    fn human_with(reports: &[ConnectorReport], show_hints: bool) -> String {
        let located = super::super::locate(reports);
        let summary = Summary {
            connectors: reports.len(),
            ..Summary::default()
        };
        let mut out = Vec::new();
        HumanReporter::new(false, show_hints, CiLog::Plain)
            .write(&located, &summary, &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn far_apart_locations_on_a_long_line_get_a_window_each() {
        let filler = "x".repeat(5000);
        let text = format!("{{\"a\": \"first\", \"f\": \"{filler}\", \"b\": \"second\"}}");
        let connector = connector(&[(FileKind::ApiDefinition, &text)]);
        let at = |needle: &str| {
            let start = text.find(needle).unwrap() as u32;
            TextRange::new(start, start + needle.len() as u32)
        };
        let mut d = diagnostic(Severity::Error, FileKind::ApiDefinition, at("\"second\""));
        d.with_related(FileKind::ApiDefinition, at("\"first\""), "first used here");
        let output = human(&[ConnectorReport {
            connector,
            diagnostics: vec![d],
        }]);
        // The file's columns, not the windows'; and no filler between the two windows.
        let second = text.find("\"second\"").unwrap() + 1;
        assert!(
            output.contains(&format!(
                " --> Contoso/apiDefinition.swagger.json:1:{second}\n"
            )),
            "{output}"
        );
        assert!(
            output.contains(" ::: Contoso/apiDefinition.swagger.json:1:7\n"),
            "{output}"
        );
        assert!(output.len() < 1500, "{output}");
    }

    #[test]
    fn hints_are_counted_by_rule_unless_shown() {
        let text = "{\n  \"a\": 1\n}\n";
        let mut hint = diagnostic(
            Severity::Hint,
            FileKind::ApiDefinition,
            TextRange::new(4, 7),
        );
        hint.rule = "operation-id-not-pascal-case";
        let mut other = hint.clone();
        other.rule = "response-schema-missing";
        let error = diagnostic(
            Severity::Error,
            FileKind::ApiDefinition,
            TextRange::new(4, 7),
        );
        let diagnostics = vec![hint.clone(), other, error, hint];
        let report = || ConnectorReport {
            connector: connector(&[(FileKind::ApiDefinition, text)]),
            diagnostics: diagnostics.clone(),
        };
        let hidden = human_with(&[report()], false);
        assert_eq!(hidden.matches("hint[").count(), 0, "{hidden}");
        assert_eq!(hidden.matches("error[test-rule]").count(), 1, "{hidden}");
        assert!(
            hidden.ends_with(
                "3 hints not listed: operation-id-not-pascal-case 2, response-schema-missing 1 \
                 (pass --show-hints to list them).\nFound 1 error and 3 hints in 1 connector.\n"
            ),
            "{hidden}"
        );
        let shown = human_with(&[report()], true);
        assert_eq!(shown.matches("hint[").count(), 3, "{shown}");
        assert!(!shown.contains("--show-hints"), "{shown}");
    }

    #[test]
    fn quoted_text_cannot_start_a_line() {
        let text = "{\"a\": 1}";
        let mut d = diagnostic(
            Severity::Error,
            FileKind::ApiDefinition,
            TextRange::new(1, 4),
        );
        d.message = "operationId 'A\n::error::x\r\x1b[2J' is odd".to_string();
        d.pointer = "/paths/~1a\n::warning::y".to_string();
        d.with_related(
            FileKind::ApiDefinition,
            TextRange::new(6, 7),
            "see\n::notice::z",
        )
        .with_fix(Fix::safe("Rename to 'B\n::error::w'", Vec::new()));
        let output = human(&[ConnectorReport {
            connector: connector(&[(FileKind::ApiDefinition, text)]),
            diagnostics: vec![d],
        }]);
        assert!(
            output
                .starts_with("error[test-rule]: operationId 'A\\n::error::x\\r\\x1B[2J' is odd\n"),
            "{output}"
        );
        for line in output.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line}");
        }
        for quoted in [
            "JSON pointer: /paths/~1a\\n::warning::y",
            "see\\n::notice::z",
            "Rename to 'B\\n::error::w'",
        ] {
            assert!(output.contains(quoted), "{output}");
        }
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
    fn an_image_is_named_not_quoted() {
        let connector = connector(&[(FileKind::Icon, "")]);
        let diagnostics = vec![diagnostic(
            Severity::Warning,
            FileKind::Icon,
            TextRange::empty(0),
        )];
        let output = human(&[ConnectorReport {
            connector,
            diagnostics,
        }]);
        assert_eq!(
            output,
            "warning[test-rule]: something is off
--> Contoso/icon.png

Found 1 warning in 1 connector.
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
