//! What the structural rules need beyond the key tables: which object kinds of the definition
//! have a closed set of keys, the keywords of JSON Schema and OpenAPI 3 that Swagger 2.0 lacks,
//! the root sections that mean a brace is out of place when found deeper, the formats each
//! type recognises and what a MIME type looks like.

use std::sync::LazyLock;

use super::{Loc, keys};

/// The object kinds of apiDefinition.swagger.json whose keys the tables list in full: any other
/// key is not allowed there, unless it is a vendor extension (`x-` but not `x-ms-`).
pub const DEFINITION_OBJECTS: &[Loc] = &[
    Loc::Root,
    Loc::Info,
    Loc::Contact,
    Loc::License,
    Loc::Tag,
    Loc::ExternalDocs,
    Loc::PathItem,
    Loc::Operation,
    Loc::Parameter,
    Loc::Items,
    Loc::Response,
    Loc::Header,
    Loc::Schema,
    Loc::Xml,
    Loc::SecurityDefinition,
    Loc::DynamicValues,
    Loc::DynamicValuesArg,
    Loc::DynamicList,
    Loc::DynamicListArg,
    Loc::DynamicSchema,
    Loc::DynamicProperties,
    Loc::DynamicTree,
    Loc::DynamicTreeSettings,
    Loc::DynamicTreeCall,
    Loc::EnumValue,
    Loc::Pageable,
    Loc::InfoAnnotation,
    Loc::OperationAnnotation,
    Loc::Replacement,
    Loc::ApiCapabilities,
    Loc::FilePicker,
    Loc::OperationCall,
    Loc::OperationCapabilities,
    Loc::TriggerMetadata,
    Loc::TriggerValue,
    Loc::Notification,
    // Not `x-ms-notification-content`: Microsoft's schema leaves it open, and 13 published
    // connectors give it `headers`.
    Loc::OperationContext,
    Loc::ConnectorMetadata,
    Loc::Docs,
    Loc::OpenAiData,
    Loc::OpenAiOperation,
    Loc::OpenAiManifest,
];

/// Whether objects of this kind are Swagger 2.0's own, which allow extensions (`x-`): an
/// unknown key there is, in the validator's words, an extension whose name does not begin with
/// `x-`. The objects of the `x-ms-*` extensions allow no other key.
pub fn is_swagger_object(loc: Loc) -> bool {
    matches!(
        loc,
        Loc::Root
            | Loc::Info
            | Loc::Contact
            | Loc::License
            | Loc::Tag
            | Loc::ExternalDocs
            | Loc::PathItem
            | Loc::Operation
            | Loc::Parameter
            | Loc::Items
            | Loc::Response
            | Loc::Header
            | Loc::Schema
            | Loc::Xml
            | Loc::SecurityDefinition
    )
}

/// Keys whose values other rules check (swagger-version, host-invalid, base-path-invalid, the
/// operationId rules, responses-missing, pageable-next-link-name-unsupported): the
/// structural rules leave them alone, so that a value is reported once.
pub const CHECKED_ELSEWHERE: &[(Loc, &str)] = &[
    (Loc::Root, "swagger"),
    (Loc::Root, "host"),
    (Loc::Root, "basePath"),
    (Loc::Operation, "operationId"),
    (Loc::Operation, "responses"),
    (Loc::Pageable, "nextLinkName"),
];

/// Keys whose empty string means the same as no key at all (`x-ms-visibility`: normal
/// visibility), whatever their closed list of values says.
pub const EMPTY_MEANS_ABSENT: &[&str] = &["x-ms-visibility"];

/// Keywords of JSON Schema and OpenAPI 3 that Swagger 2.0 does not have: written in a Swagger
/// 2.0 definition they are ignored, and the validator rejects them.
pub const NOT_IN_SWAGGER_2: &[&str] = &[
    // JSON Schema
    "oneOf",
    "anyOf",
    "not",
    "const",
    "$schema",
    "$id",
    "id",
    "definitions",
    "patternProperties",
    "additionalItems",
    "dependencies",
    "propertyNames",
    "contains",
    "if",
    "then",
    "else",
    "examples",
    "writeOnly",
    "$comment",
    "contentEncoding",
    "contentMediaType",
    // OpenAPI 3
    "nullable",
    "openapi",
    "servers",
    "components",
    "requestBody",
    "callbacks",
    "content",
    "links",
    "style",
    "explode",
    "allowReserved",
];

/// The root sections of a definition that no other object has: found in a path item or an
/// operation, they mean a closing brace is out of place, and the root lacks them.
pub fn is_root_section(name: &str) -> bool {
    !name.starts_with("x-")
        && !matches!(
            name,
            // Also keys of operations or path items.
            "parameters"
                | "security"
                | "tags"
                | "externalDocs"
                | "consumes"
                | "produces"
                | "schemes"
        )
        && keys(Loc::Root).iter().any(|key| key.name == name)
}

/// Extensions the designer reads in the schemas it generates or fetches (dynamic schemas,
/// built-in connectors) that Microsoft does not document for connector authors: they exist, so
/// they are never reported as unknown or misplaced, but no table offers them.
pub const DESIGNER_EXTENSIONS: &[&str] = &[
    "x-ms-property-name-alias",
    "x-ms-base-path",
    "x-ms-content-hint",
    "x-ms-displayFormat",
    "x-ms-dynamically-added",
    "x-ms-format",
    "x-ms-headers",
    "x-ms-method",
    "x-ms-path",
    "x-ms-permission",
    "x-ms-relationships",
    "x-ms-scheduler-recommendation",
    "x-ms-scheduler-trigger",
    "x-ms-serialization",
];

/// Every `x-ms-` extension the definition's tables know, wherever it stands, sorted: built
/// once, since the structural rules ask for each `x-ms-` key they meet.
pub fn extension_names() -> &'static [&'static str] {
    static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut names: Vec<&str> = DEFINITION_OBJECTS
            .iter()
            .flat_map(|&loc| keys(loc).iter())
            .map(|key| key.name)
            .filter(|name| name.starts_with("x-ms-"))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    });
    &NAMES
}

/// Whether the definition's tables know the extension `name` somewhere.
pub fn is_known_extension(name: &str) -> bool {
    extension_names().binary_search(&name).is_ok()
}

/// The object kinds where the extension `name` has an effect.
pub fn extension_places(name: &str) -> impl Iterator<Item = Loc> + '_ {
    DEFINITION_OBJECTS
        .iter()
        .copied()
        .filter(move |&loc| keys(loc).iter().any(|key| key.name == name))
}

/// The formats each type recognises: Swagger 2.0's, and those Power Platform adds for strings
/// (`date-no-tz`, `html`, `email`, `uri`, `uuid`). A format on a value without `type` is read
/// with any type.
pub fn is_known_format(type_name: Option<&str>, format: &str) -> bool {
    const INTEGER: &[&str] = &["int32", "int64"];
    const NUMBER: &[&str] = &["float", "double", "decimal", "int32", "int64"];
    const STRING: &[&str] = &[
        "byte",
        "binary",
        "date",
        "date-time",
        "date-no-tz",
        "password",
        "email",
        "html",
        "uri",
        "uuid",
    ];
    match type_name {
        Some("integer") => INTEGER.contains(&format),
        Some("number") => NUMBER.contains(&format),
        Some("string") => STRING.contains(&format),
        // `file` takes no format; formats on other types mean nothing.
        Some(_) => false,
        None => [INTEGER, NUMBER, STRING]
            .iter()
            .any(|f| f.contains(&format)),
    }
}

/// The request MIME types Microsoft's validator lists as supported (its page, under
/// MimeTypeNotValid); parameters (`; charset=utf-8`) aside.
pub const SUPPORTED_REQUEST_MIME_TYPES: &[&str] = &[
    "application/json",
    "text/plain",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
];

/// The request MIME types that carry `formData` parameters: a form is sent in one of them.
pub const FORM_MIME_TYPES: &[&str] = &["multipart/form-data", "application/x-www-form-urlencoded"];

/// Whether a request MIME type is one of [`SUPPORTED_REQUEST_MIME_TYPES`].
pub fn is_supported_request_mime_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    SUPPORTED_REQUEST_MIME_TYPES
        .iter()
        .any(|supported| supported.eq_ignore_ascii_case(essence))
}

/// The type and subtype of a MIME type, without its parameters (`; charset=utf-8`) and
/// lowercased, for comparing MIME types as HTTP does.
pub fn mime_essence(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a MIME type of a list (`produces`, `consumes`) covers `value`: the same essence, or
/// a wildcard (`*/*`, `application/*`) that includes it.
pub fn mime_type_covers(listed: &str, value: &str) -> bool {
    let (listed, value) = (mime_essence(listed), mime_essence(value));
    listed == value
        || listed == "*/*"
        || listed
            .strip_suffix("/*")
            .is_some_and(|kind| value.split('/').next() == Some(kind))
}

/// Whether `value` is written as a MIME type: `type/subtype`, each a token (`*` allowed), with
/// optional `; parameter=value` parts.
pub fn is_mime_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let token = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-*".contains(c))
    };
    let parameters_ok = value.split(';').skip(1).all(|parameter| {
        parameter
            .trim()
            .split_once('=')
            .is_some_and(|(n, _)| token(n.trim()))
    });
    matches!(essence.split_once('/'), Some((kind, sub)) if token(kind) && token(sub))
        && parameters_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_are_recognised_by_shape() {
        assert!(is_mime_type("application/json"));
        assert!(is_mime_type("application/json; charset=utf-8"));
        assert!(is_mime_type("application/*+json"));
        assert!(is_mime_type("*/*"));
        assert!(!is_mime_type("json"));
        assert!(!is_mime_type("application/"));
        assert!(!is_mime_type("application json/x"));
        assert!(!is_mime_type("text/plain; charset"));
    }

    #[test]
    fn formats_depend_on_the_type() {
        assert!(is_known_format(Some("integer"), "int32"));
        assert!(!is_known_format(Some("integer"), "float"));
        assert!(is_known_format(Some("string"), "date-no-tz"));
        assert!(!is_known_format(Some("object"), "int32"));
        assert!(is_known_format(None, "double"));
        assert!(!is_known_format(Some("string"), "guid"));
    }

    #[test]
    fn root_sections_exclude_keys_operations_share() {
        assert!(is_root_section("securityDefinitions"));
        assert!(is_root_section("definitions"));
        assert!(!is_root_section("parameters"));
        assert!(!is_root_section("x-ms-connector-metadata"));
    }

    #[test]
    fn extensions_are_known_with_their_places() {
        assert!(is_known_extension("x-ms-visibility"));
        assert!(is_known_extension("x-ms-agentic-protocol"));
        assert!(!is_known_extension("x-ms-visibilty"));
        assert!(extension_places("x-ms-trigger").eq([Loc::Operation]));
    }
}
