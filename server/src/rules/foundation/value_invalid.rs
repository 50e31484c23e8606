//! value-invalid: a value of the wrong JSON type, outside its key's closed list, a format its
//! type does not recognise, or a MIME type that is not one.

use crate::diagnostic::{Fix, Severity};
use crate::edit::json::replace_value;
use crate::edit::names::{closest, did_you_mean, json_string};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{Problem, definition_findings, kind_name};
use crate::rules::registry::declare_rule;
use crate::text::{excerpt, excerpt_list};
use crate::vocabulary::structure::SUPPORTED_REQUEST_MIME_TYPES;
use crate::vocabulary::value_names;

declare_rule! {
    /// ## What it does
    /// Reports a value of the definition that its key does not take, by the vocabulary's
    /// table of each kind of object: a value of the wrong JSON type (`"required": "true"`, a
    /// string where a boolean goes), a value outside the closed list of its key (`in`, `type`,
    /// `collectionFormat`, `schemes`, `x-ms-visibility`, `x-ms-trigger`, `x-ms-url-encoding`,
    /// a security definition's `type`, `flow` and `in`), a `format` that its `type` does not
    /// recognise (info: Swagger's formats and Power Platform's `date-no-tz`, `html`, `email`,
    /// `uri`, `uuid` are recognised), a `consumes` or `produces` item that is not written
    /// as a MIME type, and a `consumes` item outside the four request types the validator
    /// lists as supported (info: 29 published connectors accept `text/json`, XML or
    /// `application/*+json`).
    ///
    /// Empty `enum`, `schemes` and `required` lists are the schema rules' (`schema-enum-invalid`,
    /// `schemes-empty`, `schema-required-invalid`): one defect, one finding.
    ///
    /// ## Why
    /// Power Platform reads such a value as absent or fails to import the definition: an
    /// `x-ms-visibility` of `"hidden"` leaves the parameter visible, a string `required`
    /// leaves it optional. Microsoft's validator rejects these values (JsonTypeIncorrect,
    /// JsonValueNotInEnum and the codes of the same check for `schemes`, WebSocket ones
    /// apart, and `collectionFormat`). A value of the wrong type is an error: not one of the 764
    /// published connectors has one, the portal rejects the definition. Values outside a
    /// closed list are warnings (three published connectors have one: `Internal`,
    /// `production`, a `null` type). Unknown formats are common in published connectors (35
    /// connectors: `guid`, `enum`, a definition name on an object) and harmless beyond the
    /// designer's hints: they are info.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "type": "string", "x-ms-visibility": "Internal" }
    /// ```
    ///
    /// ## Fix
    /// Write the value the key takes. For a value close to an allowed one (`Internal`,
    /// `quer`), the fix replaces it with that value.
    ///
    /// ## Fix safety
    /// Replacing a value is unsafe: the platform starts reading a value it ignored until now,
    /// so the connector behaves differently (the parameter becomes internal); a person should
    /// check that the value is the one they meant.
    RULE {
        id: "value-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A value its key does not take: its JSON type, value, format, MIME type or emptiness",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "JsonTypeIncorrect",
            "JsonValueNotInEnum",
            "SchemeNotValid",
            "SchemeNotSupported",
            "CollectionFormatValueNotSupported",
            "UnrecognizedTypeFormat",
            "MimeTypeNotValid",
            "MimeTypeNotSupported",
        ],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, tree, findings)) = definition_findings(ctx) else {
        return;
    };
    let grades = sink.may_grade();
    for finding in findings.iter().copied() {
        let (Some(index), Some(value)) = (finding.member, finding.value) else {
            continue;
        };
        let member = &tree.members(finding.object)[index];
        let name = excerpt(&member.key);
        let text = tree.as_str(value).unwrap_or_default();
        let mut suggestion = None;
        let (code, message, severity) = match finding.problem {
            Problem::WrongType(key) => (
                "JsonTypeIncorrect",
                format!(
                    "'{name}' takes {}, not {}",
                    key.kind.with_article(),
                    kind_name(tree, value)
                ),
                // No published connector has one: the portal rejects the definition.
                Some(Severity::Error),
            ),
            Problem::NotInEnum(key) => {
                suggestion = closest(text, value_names(key.values));
                let code = match key.name {
                    "schemes" if matches!(text, "ws" | "wss") => "SchemeNotSupported",
                    "schemes" => "SchemeNotValid",
                    "collectionFormat" => "CollectionFormatValueNotSupported",
                    _ => "JsonValueNotInEnum",
                };
                (
                    code,
                    format!(
                        "'{}' is not a value of '{name}', which takes {}{}",
                        excerpt(text),
                        excerpt_list(key.values.iter().map(|v| v.value)),
                        did_you_mean(suggestion)
                    ),
                    None,
                )
            }
            Problem::UnknownFormat => {
                let type_name = tree.get_str(finding.object, "type");
                (
                    "UnrecognizedTypeFormat",
                    match type_name {
                        Some(t) => format!(
                            "format '{}' is not one that type '{}' recognises",
                            excerpt(text),
                            excerpt(t)
                        ),
                        None => format!("format '{}' is not recognised", excerpt(text)),
                    },
                    Some(Severity::Info),
                )
            }
            Problem::MimeTypeNotValid => (
                "MimeTypeNotValid",
                format!(
                    "'{}' in '{name}' is not a MIME type (type/subtype, such as application/json)",
                    excerpt(text)
                ),
                None,
            ),
            Problem::MimeTypeNotSupported => (
                "MimeTypeNotSupported",
                format!(
                    "'{}' in '{name}' is not a request type the validator supports ({})",
                    excerpt(text),
                    SUPPORTED_REQUEST_MIME_TYPES.join(", ")
                ),
                Some(Severity::Info),
            ),
            _ => continue,
        };
        let diagnostic = sink
            .at_value(file.kind, tree, value, message)
            .with_validator(code);
        if let (true, Some(severity)) = (grades, severity) {
            diagnostic.severity = severity;
        }
        if let Some(right) = suggestion {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Replace with '{right}'"),
                vec![replace_value(file.kind, tree, value, &json_string(right))],
            ));
        }
    }
}
