use crate::diagnostic::{Edit, Fix};
use crate::links;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{self, SyntaxErrorKind};
use crate::text::TextRange;

/// Reporting stops after this many errors in one file; the rest are usually consequences.
const MAX_PER_FILE: usize = 100;

declare_rule! {
    /// ## What it does
    /// Reports every place where a JSON file of the connector is not strict JSON (RFC 8259):
    /// trailing commas, missing commas, comments, unquoted keys, raw control characters in
    /// strings, unbalanced brackets, truncated files.
    ///
    /// ## Why
    /// paconn, the portal import and Microsoft's validator all use strict JSON parsers and
    /// reject the whole file. connector-ls recovers around the error and keeps analysing the
    /// rest of the file, so other diagnostics still appear.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", }, }
    /// ```
    ///
    /// ## Fix
    /// Trailing commas are removed, a missing comma is inserted and raw tabs or line breaks in
    /// strings are escaped. A missing closing bracket is inserted where the indentation shows it
    /// belongs, and a closing bracket that the indentation shows closes nothing is removed.
    /// Other errors need a person.
    ///
    /// ## Fix safety
    /// The repairs of commas, comments, quotes and escapes are safe: paconn, the portal and the
    /// validator reject a file that is not strict JSON, so no connector runs with this text, and
    /// each repair is the reading the recovering parser already makes of it (no value changes).
    /// An inserted or removed bracket is unsafe: the indentation that places it could mislead.
    /// `check --fix` keeps a repaired file only when it then parses without a single syntax
    /// error, and while a connector has syntax errors these repairs are the only fixes `check
    /// --fix` and fix-all apply; the others wait until the files parse.
    RULE {
        id: "json-syntax-error",
        severity: Error,
        file: None,
        summary: "A connector file is not valid JSON",
        reference: Some(links::JSON_RFC),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    for file in &ctx.connector.files {
        let Some(parsed) = &file.json else { continue };
        let name = file_name(&file.path);
        for error in parsed.errors.iter().take(MAX_PER_FILE) {
            let pointer = parsed
                .tree
                .node_at(error.range.start)
                .map(|node| parsed.tree.pointer(node))
                .unwrap_or_default();
            let message = format!("{name} is not valid JSON: {}", error.message);
            let diagnostic = sink.report(file.kind, error.range, pointer, message);
            let repair = match error.kind {
                SyntaxErrorKind::TrailingComma => {
                    Some(("Remove the trailing comma", String::new()))
                }
                SyntaxErrorKind::MissingComma => Some(("Insert the missing comma", ",".into())),
                SyntaxErrorKind::ControlCharacter(byte) => {
                    Some(("Escape the control character", json::escape_control(byte)))
                }
                SyntaxErrorKind::MissingClose(missing) => {
                    // Where the indentation says it belongs, which a person should confirm.
                    let edit = Edit::replace(file.kind, error.range, missing);
                    let title = format!("Insert the missing '{missing}'");
                    diagnostic.with_fix(Fix::unsafe_(title, vec![edit]));
                    None
                }
                SyntaxErrorKind::ExtraClose => {
                    let edit = Edit::replace(file.kind, error.range, "");
                    let bracket = file.text.get(error.range.as_usize()).unwrap_or_default();
                    let title = format!("Remove the extra '{bracket}'");
                    diagnostic.with_fix(Fix::unsafe_(title, vec![edit]));
                    None
                }
                SyntaxErrorKind::Unbalanced | SyntaxErrorKind::Other => None,
            };
            if let Some((title, text)) = repair {
                let edit = Edit::replace(
                    file.kind,
                    TextRange::new(error.range.start, error.range.end),
                    text,
                );
                diagnostic.with_fix(Fix::safe(title, vec![edit]));
            }
        }
    }
}

pub(crate) fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
