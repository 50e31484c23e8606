//! key-not-allowed: a key that the kind of object it stands in does not have.

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{Problem, definition_findings, object_name};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a key that the object it stands in does not have, by the vocabulary's table of
    /// each kind of object (the root, `info`, a path item, an operation, a parameter, a
    /// response, a schema, a security definition, and the objects of the `x-ms-*`
    /// extensions): an unknown key, a keyword of JSON Schema or OpenAPI 3 that Swagger 2.0
    /// lacks (`nullable`, `oneOf`, `requestBody`), a key next to `$ref`, a `$ref` in a path
    /// item, and a root section (`securityDefinitions`, `definitions`) inside a path item or
    /// an operation. Vendor extensions (`x-` but not `x-ms-`) are allowed anywhere;
    /// extension-unknown checks the `x-ms-` ones.
    ///
    /// ## Why
    /// Power Platform ignores what it does not know: the key has no effect, and the author
    /// believes it does (a `nullable` that makes nothing optional, a `description` next to a
    /// `$ref` that never shows). Microsoft's validator rejects these keys. A root section
    /// inside a path item is worse: a brace is out of place, and the root lacks the section,
    /// so the connector has no authentication or no schemas; that one is an error.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/items": { "get": { … }, "securityDefinitions": { "oauth": { … } } } }
    /// ```
    ///
    /// ## Fix
    /// Remove the key, or move it where it has an effect (the root section to the root, the
    /// `description` next to `$ref` into the referenced definition). No automatic fix.
    ///
    /// ## Fix safety
    /// There is no automatic fix: whether the key is a mistake to delete or content to move
    /// elsewhere takes a person.
    RULE {
        id: "key-not-allowed",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A key the object it stands in does not have",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "AdditionalPropertyNotAllowed",
            "AdditionalPropertyNotAllowedAdjacentToRef",
            "SwaggerKeywordNotSupported",
            "PathItemRefNotSuppored",
        ],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, tree, findings)) = definition_findings(ctx) else {
        return;
    };
    let grades = sink.is_default_severity();
    for finding in findings {
        let Some(index) = finding.member else {
            continue;
        };
        let member = &tree.members(finding.object)[index];
        let key = excerpt(&member.key);
        let object = object_name(finding.loc);
        let (code, message, severity) = match finding.problem {
            Problem::NotAllowed => (
                "AdditionalPropertyNotAllowed",
                format!("'{key}' is not a key of {object}; Power Platform ignores it"),
                None,
            ),
            Problem::KeywordNotInSwagger2 => (
                "SwaggerKeywordNotSupported",
                format!(
                    "'{key}' is a keyword of JSON Schema or OpenAPI 3, not of Swagger 2.0; \
                     Power Platform ignores it in {object}"
                ),
                None,
            ),
            Problem::NextToRef => (
                "AdditionalPropertyNotAllowedAdjacentToRef",
                format!(
                    "'{key}' next to '$ref' is ignored: the reference replaces the whole object"
                ),
                None,
            ),
            Problem::PathItemRef => (
                "PathItemRefNotSuppored",
                "'$ref' in a path item is not supported: Power Platform does not read the \
                 operations it points to"
                    .to_string(),
                Some(Severity::Error),
            ),
            Problem::MisplacedSection => (
                "AdditionalPropertyNotAllowed",
                format!(
                    "'{key}' is a section of the definition's root, not a key of {object}: a \
                     brace is probably out of place, and the root lacks it"
                ),
                Some(Severity::Error),
            ),
            _ => continue,
        };
        let diagnostic = sink
            .report(
                file.kind,
                member.key_range,
                tree.pointer(member.value),
                message,
            )
            .with_validator(code);
        if let (true, Some(severity)) = (grades, severity) {
            diagnostic.severity = severity;
        }
    }
}
