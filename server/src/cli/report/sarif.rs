//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. One
//! run; the driver lists every rule of the registry, and results point into it by index.
//! Written with our own serde structs, as ruff and biome do.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Located, PrettyArray, Reporter, Span, Summary};
use crate::diagnostic::Severity;
use crate::rules::{RULES, Rule};

/// One SARIF log whose results are written as each connector comes: the log up to its results
/// array first, the array element by element, then what closes the log.
#[derive(Default)]
pub struct SarifReporter {
    /// What follows the results array, once the log before it has been written.
    closing: Option<String>,
    results: Option<PrettyArray>,
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Region columns count UTF-16 code units, as LSP does.
    column_kind: &'static str,
    /// Always written empty: the results are streamed into its place (see [`SarifReporter`]).
    results: [SarifResult<'a>; 0],
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Markdown,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'static str>,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

#[derive(Serialize)]
struct RuleProperties {
    /// The Swagger Validator codes the rule reports.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    validator: &'static [&'static str],
    /// The certification policy codes the rule reports.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    policy: &'static [&'static str],
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Markdown {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    /// `false` for a rule that only the certification profile or a setting turns on.
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    /// The RFC 6901 pointer of the offending JSON value.
    #[serde(skip_serializing_if = "str::is_empty")]
    json_pointer: &'a str,
    /// The Swagger Validator code of the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    validator: Option<&'a str>,
    /// The certification policy code of the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// 1-based lines and columns; the end column is that of the first character after the range.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl PhysicalLocation {
    fn of(span: &Span) -> Self {
        PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri_reference(span.file),
            },
            region: Region {
                start_line: span.start.line + 1,
                start_column: span.start.col_utf16 + 1,
                end_line: span.end.line + 1,
                end_column: span.end.col_utf16 + 1,
            },
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let docs = rule.docs_text().trim().to_string();
    ReportingDescriptor {
        id: rule.id,
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text { text: docs.clone() },
        help: Markdown {
            text: docs.clone(),
            markdown: docs,
        },
        help_uri: rule.reference,
        default_configuration: Configuration {
            level: level(rule.default_severity),
            enabled: (!rule.on_by_default).then_some(false),
        },
        properties: rule.is_certification_check().then_some(RuleProperties {
            validator: rule.validator,
            policy: rule.policy,
        }),
    }
}

fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

impl SarifReporter {
    /// The results array, with the log before it written first.
    fn results(&mut self, out: &mut dyn Write) -> io::Result<&mut PrettyArray> {
        if self.results.is_none() {
            let log = Log {
                schema: SCHEMA,
                version: "2.1.0",
                runs: [Run {
                    tool: Tool {
                        driver: Driver {
                            name: "connector-ls",
                            version: env!("CARGO_PKG_VERSION"),
                            semantic_version: env!("CARGO_PKG_VERSION"),
                            information_uri: information_uri(),
                            rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
                        },
                    },
                    column_kind: "utf16CodeUnits",
                    results: [],
                }],
            };
            let mut opening = serde_json::to_string_pretty(&log)?;
            // The results are the log's last array: the last `[]` of the text.
            let at = opening.rfind("[]").expect("an empty results array");
            let closing = opening.split_off(at)[2..].to_string();
            out.write_all(opening.as_bytes())?;
            self.closing = Some(closing);
            // Log > runs > run > results.
            self.results = Some(PrettyArray::at_depth(3));
        }
        Ok(self.results.as_mut().expect("just made"))
    }
}

impl Reporter for SarifReporter {
    fn connector(&mut self, diagnostics: &[Located], out: &mut dyn Write) -> io::Result<()> {
        let results = self.results(out)?;
        for located in diagnostics {
            let diagnostic = located.diagnostic;
            let result = SarifResult {
                rule_id: diagnostic.rule,
                rule_index: RULES.iter().position(|rule| rule.id == diagnostic.rule),
                level: level(diagnostic.severity),
                message: Text {
                    text: diagnostic.message.clone(),
                },
                locations: [Location {
                    physical_location: PhysicalLocation::of(&located.span),
                }],
                related_locations: located
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, related)| RelatedLocation {
                        id,
                        physical_location: PhysicalLocation::of(&related.span),
                        message: Text {
                            text: related.message.to_string(),
                        },
                    })
                    .collect(),
                properties: (!diagnostic.pointer.is_empty()
                    || diagnostic.microsoft_codes().is_some())
                .then_some(Properties {
                    json_pointer: &diagnostic.pointer,
                    validator: diagnostic.validator,
                    policy: diagnostic.policy,
                }),
            };
            results.push(&result, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.results(out)?.close(out)?;
        let closing = self.closing.take().unwrap_or_default();
        out.write_all(closing.as_bytes())?;
        writeln!(out)
    }
}

/// A path as a URI reference: relative paths stay relative (resolved against the folder the
/// check ran in), absolute ones become `file:` URIs. Every byte outside the unreserved set
/// and `/` is percent-encoded, so spaces, `%`, `#`, `?`, `:`, `\\`, non-ASCII names and bytes
/// that are not UTF-8 (`%FF`) are safe and name the file.
fn uri_reference(path: &Path) -> String {
    uri_reference_of(&path_bytes(path), path.is_absolute())
}

/// The path's bytes as they are on disk (Unix); elsewhere its text with `/` separators.
fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        super::path_text(path).into_bytes()
    }
}

fn uri_reference_of(path: &[u8], absolute: bool) -> String {
    if !absolute {
        return percent_encode(path);
    }
    match path {
        // A Windows drive path, already with forward slashes: C:/Connectors/...
        [drive, b':', rest @ ..] if drive.is_ascii_alphabetic() => {
            format!("file:///{}:{}", *drive as char, percent_encode(rest))
        }
        // A UNC path: //server/share/...
        [b'/', b'/', ..] => format!("file:{}", percent_encode(path)),
        _ => format!("file://{}", percent_encode(path)),
    }
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut encoded = String::with_capacity(bytes.len());
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_references_are_percent_encoded() {
        assert_eq!(
            uri_reference(Path::new(
                "AXtension Content Gate/apiDefinition.swagger.json"
            )),
            "AXtension%20Content%20Gate/apiDefinition.swagger.json"
        );
        assert_eq!(
            uri_reference(Path::new("Brønnøysund #1/50%.json")),
            "Br%C3%B8nn%C3%B8ysund%20%231/50%25.json"
        );
        assert_eq!(uri_reference_of(b"a:b/x.json", false), "a%3Ab/x.json");
        assert_eq!(
            uri_reference_of(b"/tmp/My Connector/apiProperties.json", true),
            "file:///tmp/My%20Connector/apiProperties.json"
        );
        assert_eq!(
            uri_reference_of(b"C:/My Connector/apiProperties.json", true),
            "file:///C:/My%20Connector/apiProperties.json"
        );
        assert_eq!(
            uri_reference_of(b"//server/share/apiProperties.json", true),
            "file://server/share/apiProperties.json"
        );
        assert_eq!(
            uri_reference_of(b"bad\xff\xfe/a\\b.json", false),
            "bad%FF%FE/a%5Cb.json"
        );
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Hint), "note");
    }
}
