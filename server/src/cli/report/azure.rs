//! `--format azure`: Azure Pipelines logging commands, the format of Microsoft's certification
//! pipeline itself (`##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;
//! code=…]message`), which Azure DevOps shows as errors and warnings of the run. Azure has no
//! issue of lower severity: infos and hints are written as plain log lines.

use super::{Lines, Located, defang_azure, escape_command_text, escape_controls};
use crate::diagnostic::Severity;

/// Logging commands (and plain lines), one per finding.
pub const REPORTER: Lines = Lines(command);

/// One logging command (or plain line). Lines and columns are 1-based, columns in characters.
fn command(located: &Located) -> String {
    let diagnostic = located.diagnostic;
    let span = &located.span;
    let code = diagnostic
        .validator
        .or(diagnostic.policy)
        .unwrap_or(diagnostic.rule);
    let message = match diagnostic.microsoft_codes() {
        Some(codes) => format!("{} ({codes}): {}", diagnostic.rule, diagnostic.message),
        None => format!("{}: {}", diagnostic.rule, diagnostic.message),
    };
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        level @ (Severity::Info | Severity::Hint) => {
            // A plain line: no command, and nothing in it may read as one.
            let line = format!(
                "{}:{}:{}: {}[{}] {}",
                span.path,
                span.start.line + 1,
                span.start.col_char + 1,
                level.as_str(),
                diagnostic.rule,
                diagnostic.message
            );
            return defang_azure(&escape_controls(&line)).into_owned();
        }
    };
    let properties = [
        ("type", kind.to_string()),
        ("sourcepath", escape_property(&span.path)),
        ("linenumber", (span.start.line + 1).to_string()),
        ("columnnumber", (span.start.col_char + 1).to_string()),
        ("code", escape_property(code)),
    ];
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    format!(
        "##vso[task.logissue {};]{}",
        properties.join(";"),
        escape_data(&message)
    )
}

/// Escape the message of a logging command: the agent decodes `%AZP25`, `%0D` and `%0A`;
/// other control characters are written as visible escapes. The command is the whole line, so
/// nothing in the message can start another.
fn escape_data(text: &str) -> String {
    escape_command_text(text, "%AZP25")
}

/// Escape a property value, which additionally ends at `;` and at the `]` that ends the
/// properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(';', "%3B").replace(']', "%5D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_messages_and_properties() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%AZP25 sure%0D%0Anext");
        assert_eq!(escape_data("%0A"), "%AZP250A");
        assert_eq!(
            escape_property("a;b]##vso[task.setvariable variable=x]y"),
            "a%3Bb%5D##vso[task.setvariable variable=x%5Dy"
        );
        assert_eq!(escape_data("a\x1b[31m\u{2028}"), "a\\x1B[31m\\u{2028}");
    }
}
