//! One reporter per output format over the same located diagnostics: `human` (source
//! snippets), `json`, `sarif` (SARIF 2.1.0 for code scanning) and `github` (workflow commands);
//! and what every output of `check` shares: paths as text that names the file, control
//! characters escaped, secrets masked, and workflow commands stopped in a GitHub log.

pub mod azure;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::args::Format;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::api_properties::every_secret_value;
use crate::model::{Connector, FileKind, SourceFile};
use crate::text::{LineCol, TextRange};
use crate::workspace::ConnectorReport;

/// A range in one file, with everything a reporter needs to print it: the file's display path
/// and text, and the line/column of both ends.
pub struct Span<'a> {
    /// The path relative to the current folder when possible, as it is on disk.
    pub file: &'a Path,
    /// The same path as text (see [`path_text`]).
    pub path: String,
    pub source: &'a SourceFile,
    pub range: TextRange,
    pub start: LineCol,
    pub end: LineCol,
}

impl<'a> Span<'a> {
    fn new(source: &'a SourceFile, range: TextRange, cwd: Option<&Path>) -> Self {
        let index = &source.line_index;
        let file = relative_path(&source.path, cwd);
        Span {
            file,
            path: path_text(file),
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

/// The path relative to `cwd` when it is inside it, without a leading `./`.
pub fn relative_path<'p>(path: &'p Path, cwd: Option<&Path>) -> &'p Path {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    relative.strip_prefix(".").unwrap_or(relative)
}

/// [`relative_path`] as text.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    path_text(relative_path(path, cwd))
}

/// A path as text that names the same file: on Unix every byte as it is, except bytes that
/// are not UTF-8, written `\xFF`; on Windows with `/` separators (a `\` on Unix is part of a
/// name, not a separator). Control characters are left to each format to escape.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                text.push_str(&format!("\\x{byte:02X}"));
            }
        }
        text
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/")
    }
}

/// A path for a message on the terminal: [`path_text`] with its control characters escaped.
pub fn shown_path(path: &Path) -> String {
    escape_controls(&path_text(path)).into_owned()
}

/// Text quoted from a file or a file name, with every character that a terminal or a CI log
/// would act on written as a visible escape: control characters (`\n`, `\r`, `\t`, `\x1B`,
/// `\u{85}`), line and paragraph separators, and the bidirectional overrides that make text
/// read differently from what it is. A line break in an operationId can no longer start a
/// line of the report (where GitHub would run `::error` or `::stop-commands::` from it).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if c.is_ascii_control() => escaped.push_str(&format!("\\x{:02X}", c as u32)),
            c if needs_escape(c) => escaped.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// The text of a command in a CI log: `%`, CR and LF as the service decodes them (`percent` is
/// its spelling of `%`), any other control character as a visible escape, so that the
/// command stays one line.
pub fn escape_command_text(text: &str, percent: &str) -> String {
    let text = text
        .replace('%', percent)
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape_controls(&text).into_owned()
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The reporter of a format.
pub fn reporter(format: Format, color: bool, show_hints: bool, log: CiLog) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::HumanReporter::new(color, show_hints, log)),
        Format::Json => Box::new(json::JsonReporter::default()),
        Format::Sarif => Box::new(sarif::SarifReporter::default()),
        Format::Github => Box::new(github::REPORTER),
        Format::Azure => Box::new(azure::REPORTER),
    }
}

/// Standard output for a report in `format`: a JSON report on its way to a CI log goes
/// through [`JsonForLog`].
pub fn stdout_for(format: Format, log: CiLog) -> Box<dyn Write> {
    let stdout = io::stdout().lock();
    match (format, log) {
        (Format::Json | Format::Sarif, CiLog::GithubActions | CiLog::AzurePipelines) => {
            Box::new(JsonForLog::new(stdout))
        }
        _ => Box::new(stdout),
    }
}

/// The CI service whose log standard output goes to: both scan their logs for commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CiLog {
    /// A terminal, a file, or a CI service that runs no command from its log.
    Plain,
    GithubActions,
    AzurePipelines,
}

impl CiLog {
    /// The CI service this runs in, from the variables each sets in every job.
    pub fn detect() -> CiLog {
        let set =
            |name: &str| std::env::var(name).is_ok_and(|value| value.eq_ignore_ascii_case("true"));
        if set("GITHUB_ACTIONS") {
            CiLog::GithubActions
        } else if set("TF_BUILD") {
            CiLog::AzurePipelines
        } else {
            CiLog::Plain
        }
    }
}

/// Text in which the Azure Pipelines agent sees no logging command: the agent runs the
/// `##vso[` it finds anywhere in a line, so the second `#` is written as a visible escape.
pub fn defang_azure(text: &str) -> Cow<'_, str> {
    match text.contains("##vso[") {
        true => Cow::Owned(text.replace("##vso[", "#\\x23vso[")),
        false => Cow::Borrowed(text),
    }
}

/// A JSON report on its way to a CI log: `##` before `[` or `vso[` (a command to GitHub's
/// runner or Azure's agent, anywhere in a line) is written `#\u0023`, which is the same JSON.
pub struct JsonForLog<W: Write> {
    inner: W,
    /// The last bytes written, kept until it is known whether they start a command.
    held: Vec<u8>,
}

impl<W: Write> JsonForLog<W> {
    pub fn new(inner: W) -> Self {
        JsonForLog {
            inner,
            held: Vec::new(),
        }
    }

    /// Write out what is held, keeping back a tail that could start a command (all of it at
    /// the end).
    fn pass(&mut self, end: bool) -> io::Result<()> {
        const LONGEST: usize = b"##vso[".len();
        let text = std::mem::take(&mut self.held);
        let keep_from = match end {
            true => text.len(),
            false => text.len().saturating_sub(LONGEST - 1),
        };
        let mut out = Vec::with_capacity(text.len() + 8);
        let mut at = 0;
        while at < keep_from {
            let rest = &text[at..];
            if rest.starts_with(b"##")
                && (rest[2..].starts_with(b"[") || rest[2..].starts_with(b"vso["))
            {
                out.extend_from_slice(b"#\\u0023");
                at += 2;
            } else {
                out.push(text[at]);
                at += 1;
            }
        }
        self.held = text[at..].to_vec();
        self.inner.write_all(&out)
    }
}

impl<W: Write> Write for JsonForLog<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(true)?;
        self.inner.flush()
    }
}

/// Write text that quotes the connector's files to standard output, as the CI log it goes to
/// needs. In a GitHub Actions job the runner executes a line of its log that starts with `::`
/// after spaces (a context line of a diff, ` ::error::…`) or that holds `##[` anywhere (the
/// legacy form, `##[error]…` in an operationId): such text goes between
/// `::stop-commands::TOKEN` and `::TOKEN::`, the runner's own switch, with a token the files
/// cannot guess, so that it is only printed. Azure Pipelines has no such switch: `##vso[` is
/// defanged (see [`defang_azure`]).
pub fn write_to_log(out: &mut dyn Write, text: &str, log: CiLog) -> io::Result<()> {
    if log == CiLog::AzurePipelines {
        out.write_all(defang_azure(text).as_bytes())?;
        return out.flush();
    }
    let commands = text.lines().any(|line| {
        let line = line.trim_start();
        line.contains("##[") || (line.starts_with("::") && !line.starts_with("::: "))
    });
    if !(log == CiLog::GithubActions && commands) {
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    use std::hash::{BuildHasher, Hasher};
    let token = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let token = format!("connector-ls-{token:016x}");
    writeln!(out, "::stop-commands::{token}")?;
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    writeln!(out, "::{token}::")?;
    out.flush()
}

/// The byte ranges of a file's credential values, between their quotes: those of
/// apiProperties.json (see `every_secret_value`), none in other files.
pub fn secret_ranges(source: &SourceFile) -> Vec<TextRange> {
    secret_ranges_of(source, &source.text)
}

/// [`secret_ranges`] in another text of the same file (its text before the fixes).
pub fn secret_ranges_of(source: &SourceFile, text: &str) -> Vec<TextRange> {
    if source.kind != FileKind::ApiProperties {
        return Vec::new();
    }
    let parsed;
    let tree = match source.tree() {
        Some(tree) if text == source.text => tree,
        _ => {
            parsed = crate::syntax::json::parse(text).tree;
            &parsed
        }
    };
    every_secret_value(tree)
        .into_iter()
        .map(|node| tree.range(node).shrink(1))
        .collect()
}

/// Replace by `*`, byte for byte (so that offsets stay right), the part of each secret range
/// that lies in `text`, the slice of the file that starts at `base`: reports never print
/// secrets, nor do diffs.
pub fn mask_secrets(secrets: &[TextRange], base: usize, text: &mut String) {
    let end = base + text.len();
    for range in secrets {
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

    pub fn plus(self, other: Counts) -> Counts {
        Counts {
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
            infos: self.infos + other.infos,
            hints: self.hints + other.hints,
        }
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

/// Writes located diagnostics in one format, a connector at a time: a batch run reports each
/// connector as soon as it is analysed and then drops it.
pub trait Reporter {
    /// The located diagnostics of one connector; connectors come in report order.
    fn connector(&mut self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()>;

    /// What closes the report, once every connector has been written.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;

    /// A whole report at once.
    fn write(
        &mut self,
        diagnostics: &[Located],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.connector(diagnostics, out)?;
        self.finish(summary, out)
    }
}

/// A report of one line per finding and nothing else: the CI services' annotations
/// (`github::REPORTER`, `azure::REPORTER`).
#[derive(Clone, Copy)]
pub struct Lines(pub fn(&Located) -> String);

impl Reporter for Lines {
    fn connector(&mut self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()> {
        for located in diagnostics {
            writeln!(out, "{}", (self.0)(located))?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A JSON array written an element at a time, byte for byte as `serde_json`'s pretty printer
/// writes the whole array when it sits `depth` levels deep in the document.
pub struct PrettyArray {
    depth: usize,
    written: usize,
}

impl PrettyArray {
    pub fn at_depth(depth: usize) -> Self {
        PrettyArray { depth, written: 0 }
    }

    pub fn push(&mut self, value: &impl serde::Serialize, out: &mut dyn Write) -> io::Result<()> {
        // A pretty-printed value has no line break inside a string (they are escaped), so its
        // lines are its structure: indenting each gives the value as it would be nested.
        let text = serde_json::to_string_pretty(value)?;
        out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        let indent = "  ".repeat(self.depth + 1);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(indent.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        self.written += 1;
        Ok(())
    }

    pub fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.written == 0 {
            return out.write_all(b"[]");
        }
        write!(out, "\n{}]", "  ".repeat(self.depth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pretty_array_written_element_by_element_is_the_whole_array_pretty_printed() {
        let items = serde_json::json!([
            {"a": 1, "b": [1, 2], "c": {}, "d": [], "e": "line\nbreak"},
            {"a": {"nested": [{"x": null}]}},
        ]);
        let items = items.as_array().unwrap();
        for count in 0..=items.len() {
            let part = &items[..count];
            let expected =
                serde_json::to_string_pretty(&serde_json::json!({"outer": [{"results": part}]}))
                    .unwrap();
            let mut prefix =
                serde_json::to_string_pretty(&serde_json::json!({"outer": [{"results": []}]}))
                    .unwrap();
            let at = prefix.rfind("[]").unwrap();
            let suffix = prefix.split_off(at)[2..].to_string();
            let mut out = prefix.into_bytes();
            let mut array = PrettyArray::at_depth(3);
            for item in part {
                array.push(item, &mut out).unwrap();
            }
            array.close(&mut out).unwrap();
            out.extend_from_slice(suffix.as_bytes());
            assert_eq!(String::from_utf8(out).unwrap(), expected);

            let mut top = Vec::new();
            let mut array = PrettyArray::at_depth(0);
            for item in part {
                array.push(item, &mut top).unwrap();
            }
            array.close(&mut top).unwrap();
            assert_eq!(
                String::from_utf8(top).unwrap(),
                serde_json::to_string_pretty(part).unwrap()
            );
        }
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("plain: text, 100%"), "plain: text, 100%");
        assert_eq!(
            escape_controls("a\nb\rc\td\x1b[31m\x7f\u{85}\u{2028}\u{202E}é"),
            "a\\nb\\rc\\td\\x1B[31m\\x7F\\u{85}\\u{2028}\\u{202E}é"
        );
    }

    #[test]
    fn json_for_a_ci_log_holds_no_command_and_means_the_same() {
        let value =
            serde_json::json!({"operationId": "a##vso[task.setvariable]x##[error]y ## [z ##"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        // Written in pieces of every size, so that a command may be cut anywhere.
        for size in 1..=8 {
            let mut out = JsonForLog::new(Vec::new());
            for piece in text.as_bytes().chunks(size) {
                out.write_all(piece).unwrap();
            }
            out.flush().unwrap();
            let written = String::from_utf8(out.inner).unwrap();
            assert!(
                !written.contains("##vso[") && !written.contains("##["),
                "{written}"
            );
            let read: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(read, value, "{size}");
        }
    }

    #[test]
    fn commands_are_stopped_around_text_that_holds_them_in_a_github_log() {
        let written = |text: &str, github: bool| {
            let mut out = Vec::new();
            let log = match github {
                true => CiLog::GithubActions,
                false => CiLog::Plain,
            };
            write_to_log(&mut out, text, log).unwrap();
            String::from_utf8(out).unwrap()
        };
        let plain = "error: x\n  |\n ::: a.json:1:2\n";
        assert_eq!(written(plain, true), plain);
        for text in [" ::error::x\n", "1 | \"a##[error]b\"\n"] {
            assert_eq!(written(text, false), text);
            let guarded = written(text, true);
            let lines: Vec<&str> = guarded.lines().collect();
            let token = lines[0].strip_prefix("::stop-commands::").unwrap();
            assert_eq!(lines[1..lines.len() - 1].join("\n") + "\n", text);
            assert_eq!(lines[lines.len() - 1], format!("::{token}::"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn paths_as_text_name_the_file() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"bad\xff\xfe/quote\"and\\back"));
        assert_eq!(path_text(path), "bad\\xFF\\xFE/quote\"and\\back");
        assert_eq!(
            display_path(Path::new("/work/c/a.json"), Some(Path::new("/work"))),
            "c/a.json"
        );
        assert_eq!(display_path(Path::new("./c/a.json"), None), "c/a.json");
    }
}
