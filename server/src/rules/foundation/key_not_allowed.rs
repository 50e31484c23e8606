//! key-not-allowed: a key that the kind of object it stands in does not have.

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{Problem, definition_findings, object_name};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::Loc;
use crate::vocabulary::structure::is_swagger_object;

declare_rule! {
    /// ## What it does
    /// Reports a key that the object it stands in does not have, by the vocabulary's table of
    /// each kind of object (the root, `info`, a path item, an operation, a parameter, a
    /// response, a schema, a security definition, and the objects of the `x-ms-*`
    /// extensions): an unknown key, a keyword of JSON Schema or OpenAPI 3 that Swagger 2.0
    /// lacks (`nullable`, `oneOf`, `requestBody`), a parameter keyword that the parameter's
    /// `in` does not take (`type` on a body parameter, `schema` on a query parameter,
    /// `x-ms-url-encoding` on a header; the parameter rules report `allowEmptyValue` outside
    /// query and formData and `x-ms-url-encoding` on a query parameter), a
    /// security definition property its `type` does not take (`flow` on an `apiKey`), a
    /// key next to `$ref`, a `$ref` in a path item, and a root section
    /// (`securityDefinitions`, `definitions`) inside a path item or an operation. Vendor
    /// extensions (`x-` but not `x-ms-`) are allowed anywhere; extension-unknown checks the
    /// `x-ms-` ones. An OpenAPI 3 document is not checked (swagger-version reports it).
    ///
    /// ## Why
    /// Power Platform ignores what it does not know: the key has no effect, and the author
    /// believes it does (a `nullable` that makes nothing optional, a `description` next to a
    /// `$ref` that never shows). Microsoft's validator rejects these keys: an unknown key in
    /// an object of Swagger's own, which allows extensions, as ExtensionNameNotValid ("if this
    /// property is an extension, its name must begin with x-"); one in the object of an
    /// `x-ms-*` extension, which allows nothing else, as AdditionalPropertyNotAllowed. Each is
    /// a warning: published connectors carry them (a key next to `$ref` in 24 of 764, an
    /// unknown key in 17). A root section inside a path item is worse: a brace is out of
    /// place, and the root lacks the section, so the connector has no authentication or no
    /// schemas; that one is an error, and so is a `$ref` in a path item, whose operations do
    /// not exist for the platform (no published connector has either).
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
            "ExtensionNameNotValid",
            "AdditionalPropertyNotAllowed",
            "AdditionalPropertyNotAllowedAdjacentToRef",
            "SwaggerKeywordNotSupported",
            "PathItemRefNotSuppored",
            "BodyParameterPropertyNotValid",
            "NonBodyParameterSchemaNotValid",
            "SecuritySchemePropertyNotValid",
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
        let Some(index) = finding.member else {
            continue;
        };
        let member = &tree.members(finding.object)[index];
        let key = excerpt(&member.key);
        let object = object_name(finding.loc);
        let (code, message, severity) = match finding.problem {
            Problem::NotAllowed if is_swagger_object(finding.loc) => (
                "ExtensionNameNotValid",
                format!(
                    "'{key}' is not a key of {object}; Power Platform ignores it (an extension's \
                     name must begin with 'x-')"
                ),
                None,
            ),
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
            Problem::MisplacedSection => {
                let root_has_it = tree
                    .root()
                    .is_some_and(|root| tree.get(root, &key).is_some());
                let consequence = if root_has_it {
                    "Power Platform reads only the root's"
                } else {
                    "a brace is probably out of place, and the root lacks it"
                };
                (
                    "ExtensionNameNotValid",
                    format!(
                        "'{key}' is a section of the definition's root, not a key of {object}: \
                         {consequence}"
                    ),
                    (!root_has_it).then_some(Severity::Error),
                )
            }
            Problem::NotForLocation(_) if finding.loc == Loc::SecurityDefinition => {
                let kind = tree.get_str(finding.object, "type").unwrap_or_default();
                (
                    "SecuritySchemePropertyNotValid",
                    format!(
                        "'{key}' is not a property of a security definition of type '{}'; \
                         Power Platform ignores it",
                        excerpt(kind)
                    ),
                    None,
                )
            }
            Problem::NotForLocation(keyword) => {
                let location = tree.get_str(finding.object, "in").unwrap_or_default();
                // One defect, one finding: the parameter rules report these, with their fixes
                // (parameter-location-invalid, query-parameter-encoding-unsupported).
                if keyword.name == "allowEmptyValue"
                    || (keyword.name == "x-ms-url-encoding" && location == "query")
                {
                    continue;
                }
                let code = match (keyword.name, location) {
                    ("schema", _) => "NonBodyParameterSchemaNotValid",
                    (_, "body") => "BodyParameterPropertyNotValid",
                    _ => "AdditionalPropertyNotAllowed",
                };
                let why = match (keyword.name, location) {
                    ("x-ms-url-encoding", _) => "it only encodes path parameters",
                    (_, "body") => "a body parameter is described by its 'schema'",
                    _ => "Power Platform ignores it there",
                };
                (
                    code,
                    format!(
                        "'{key}' is not a keyword of a parameter in '{}': {why}",
                        excerpt(location)
                    ),
                    None,
                )
            }
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
