//! `--format github`: GitHub Actions workflow commands, which GitHub turns into annotations on
//! the pull request (`::error file=…,line=…::message`).

use super::{Lines, Located, escape_command_text};
use crate::diagnostic::Severity;

/// Workflow commands, one per finding.
pub const REPORTER: Lines = Lines(command);

/// One workflow command. Columns (1-based, in characters) are only given when the range sits
/// on one line: GitHub rejects `col`/`endColumn` on a multi-line range.
fn command(located: &Located) -> String {
    let diagnostic = located.diagnostic;
    let span = &located.span;
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let mut properties = vec![
        ("file", escape_property(&span.path)),
        ("line", (span.start.line + 1).to_string()),
        ("endLine", (span.end.line + 1).to_string()),
    ];
    if span.start.line == span.end.line {
        properties.push(("col", (span.start.col_char + 1).to_string()));
        properties.push(("endColumn", (span.end.col_char + 1).to_string()));
    }
    properties.push((
        "title",
        escape_property(&match diagnostic.microsoft_codes() {
            Some(codes) => format!("connector-ls ({} / {codes})", diagnostic.rule),
            None => format!("connector-ls ({})", diagnostic.rule),
        }),
    ));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&diagnostic.message)
    )
}

/// Escape the message of a workflow command: the runner decodes `%25`, `%0D` and `%0A`;
/// other control characters (an ESC from a file name) are written as visible escapes.
fn escape_data(text: &str) -> String {
    escape_command_text(text, "%25")
}

/// Escape a property value, which additionally ends at `,` and must not contain `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_messages() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        // Escaping runs once: an existing escape sequence is not decoded.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(
            escape_data("a\x1b[31m\u{85}\u{2028}::error::x"),
            "a\\x1B[31m\\u{85}\\u{2028}::error::x"
        );
    }

    #[test]
    fn escapes_properties() {
        assert_eq!(
            escape_property("C:/Connectors/Contoso, Inc/50%\n"),
            "C%3A/Connectors/Contoso%2C Inc/50%25%0A"
        );
        assert_eq!(
            escape_property("connector-ls (json-syntax-error)"),
            "connector-ls (json-syntax-error)"
        );
    }

    #[test]
    fn columns_only_on_single_line_ranges() {
        use crate::model::{Connector, FileKind, SourceFile};
        use crate::rules::RuleConfig;
        use crate::workspace::ConnectorReport;

        let text = "{\n  \"a\": 1,\n  \"a\": 2 /* two\n lines */\n}\n";
        let file = SourceFile::from_text(
            FileKind::ApiDefinition,
            "Contoso, Inc/apiDefinition.swagger.json".into(),
            text.to_string(),
        );
        let connector = Connector::from_files("Contoso, Inc".into(), vec![file], Vec::new());
        let diagnostics = crate::rules::analyze(&connector, &RuleConfig::default());
        let reports = [ConnectorReport {
            connector,
            diagnostics,
        }];
        let commands: Vec<String> = super::super::locate(&reports).iter().map(command).collect();
        let duplicate = commands
            .iter()
            .find(|c| c.contains("json-duplicate-key"))
            .unwrap();
        assert_eq!(
            duplicate,
            "::warning file=Contoso%2C Inc/apiDefinition.swagger.json,line=2,endLine=2,col=3,\
             endColumn=6,title=connector-ls (json-duplicate-key)::Duplicate key 'a' in this \
             object; the later value wins and this one is ignored"
        );
        let comment = commands
            .iter()
            .find(|c| c.contains("comments are not allowed"))
            .unwrap();
        assert!(
            comment.starts_with(
                "::error file=Contoso%2C Inc/apiDefinition.swagger.json,line=3,endLine=4,\
                 title=connector-ls (json-syntax-error)::"
            ),
            "{comment}"
        );
    }
}
