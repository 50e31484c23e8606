//! The value lists that several keys share: parameter locations and types, formats, MIME types,
//! visibility, security types and the like.

use super::{EnumValue, v};
use crate::model::annotation::{STATUS_PREVIEW, STATUS_PRODUCTION};

pub(super) const VISIBILITY: &[EnumValue] = &[
    v(
        "important",
        "Shown first, before everything else, and always visible in the designer.",
    ),
    v(
        "advanced",
        "Folded away behind *Show advanced options*; use it for rarely changed inputs.",
    ),
    v(
        "internal",
        "Never shown to the user. An internal parameter that is required needs a `default`, \
         since nobody can type its value.",
    ),
];

pub(super) const PARAMETER_IN: &[EnumValue] = &[
    v(
        "path",
        "Part of the URL path: the name must match a `{variable}` of the path template, and \
         the parameter must be `required: true`.",
    ),
    v("query", "Sent in the query string (`?name=value`)."),
    v("header", "Sent as an HTTP request header."),
    v(
        "body",
        "The request body. Describe it with `schema`; an operation has at most one body \
         parameter, and no body together with `formData`.",
    ),
    v(
        "formData",
        "A field of a `multipart/form-data` or `application/x-www-form-urlencoded` body.",
    ),
];

pub(super) const PARAMETER_TYPES: &[EnumValue] = &[
    v(
        "string",
        "Text. Combine with `format` for dates, binary content, etc.",
    ),
    v(
        "number",
        "A number with a fractional part (`format`: float or double).",
    ),
    v("integer", "A whole number (`format`: int32 or int64)."),
    v(
        "boolean",
        "`true` or `false`; the designer shows a yes/no choice.",
    ),
    v("array", "A list; describe the items with `items`."),
    v("file", "A file upload; only for `in: formData`."),
];

pub(super) const SCHEMA_TYPES: &[EnumValue] = &[
    v(
        "object",
        "A JSON object; list its fields under `properties`.",
    ),
    v(
        "array",
        "A JSON array; describe its items with `items` (required).",
    ),
    v(
        "string",
        "Text. Combine with `format` for dates, binary content, etc.",
    ),
    v("number", "A number with a fractional part."),
    v("integer", "A whole number."),
    v("boolean", "`true` or `false`."),
    v(
        "file",
        "Binary file content (Swagger 2.0 only allows it in responses).",
    ),
];

pub(super) const FORMATS: &[EnumValue] = &[
    v("int32", "Signed 32-bit integer."),
    v("int64", "Signed 64-bit integer."),
    v("float", "Single-precision number."),
    v("double", "Double-precision number."),
    v("byte", "Base64-encoded content."),
    v("binary", "Raw bytes, such as file content."),
    v("date", "A calendar date, `2024-01-31`."),
    v(
        "date-time",
        "A timestamp with its offset, `2024-01-31T09:30:00Z`.",
    ),
    v(
        "date-no-tz",
        "Power Platform: a date and time without a time-zone offset.",
    ),
    v("password", "A secret; the designer masks it."),
    v("email", "An email address."),
    v(
        "html",
        "Power Platform: HTML content; the designer offers a rich-text editor and viewer.",
    ),
    v("uri", "An absolute URI."),
    v("uuid", "A GUID."),
];

pub(super) const COLLECTION_FORMATS: &[EnumValue] = &[
    v("csv", "Comma-separated: `a,b,c` (the default)."),
    v("ssv", "Space-separated: `a b c`."),
    v("tsv", "Tab-separated."),
    v("pipes", "Pipe-separated: `a|b|c`."),
    v(
        "multi",
        "One `name=value` pair per item (`?id=1&id=2`); query and formData only.",
    ),
];

pub(super) const URL_ENCODING: &[EnumValue] = &[
    v(
        "single",
        "The value is URL-encoded once before it is put in the path (the default).",
    ),
    v(
        "double",
        "The value is URL-encoded twice, for backends that decode the path once before \
         routing (values containing `/`).",
    ),
];

pub(super) const SCHEMES: &[EnumValue] = &[
    v(
        "https",
        "TLS. The only scheme certification accepts for public connectors.",
    ),
    v("http", "Plain HTTP; avoid it outside development."),
];

pub(super) const MIME_TYPES: &[EnumValue] = &[
    v("application/json", "JSON, the usual choice."),
    v("text/plain", "Plain text."),
    v(
        "multipart/form-data",
        "Multipart form, for file uploads with `formData`.",
    ),
    v(
        "application/x-www-form-urlencoded",
        "URL-encoded form fields with `formData`.",
    ),
    v("application/xml", "XML."),
    v("text/xml", "XML."),
    v("text/html", "HTML."),
    v("application/octet-stream", "Raw bytes."),
];

pub(super) const TRIGGER: &[EnumValue] = &[
    v("single", "The trigger returns one object per event."),
    v(
        "batch",
        "The trigger returns a batch of events: an array of items.",
    ),
];

pub(super) const ANNOTATION_STATUS: &[EnumValue] = &[
    v(STATUS_PRODUCTION, "Generally available."),
    v(
        STATUS_PREVIEW,
        "In preview; marked as such in the designer.",
    ),
];

/// How many operations of one `x-ms-api-annotation` family may be active (not `deprecated`):
/// the validator asks that the others be deprecated (`OperationFamilyHasManyActiveOperations`).
pub const MAX_ACTIVE_IN_FAMILY: usize = 2;

pub(super) const MEDIA_KIND: &[EnumValue] = &[
    v("image", "The field holds an image."),
    v("audio", "The field holds audio."),
];

pub const NEXT_LINK_NAMES: &[EnumValue] = &[
    v(
        "nextLink",
        "The response has a root `nextLink` property with the next page URL.",
    ),
    v(
        "@odata.nextLink",
        "The response has a root `@odata.nextLink` property (OData services).",
    ),
];

/// The functions a column may declare in `x-ms-capabilities.filterFunctions`: the operators
/// Power Fx reads from delegation metadata (`DelegationMetadataOperatorConstants` in
/// Microsoft's Power Fx sources), in their only spelling (lower case).
pub const FILTER_FUNCTIONS: &[EnumValue] = &[
    v("eq", "Equal to."),
    v("ne", "Not equal to."),
    v("lt", "Less than."),
    v("le", "Less than or equal to."),
    v("gt", "Greater than."),
    v("ge", "Greater than or equal to."),
    v("and", "Both conditions."),
    v("or", "Either condition."),
    v("not", "The condition negated."),
    v("contains", "The text contains a value."),
    v("indexof", "The position of a value in the text."),
    v("substringof", "The value is part of the text."),
    v("startswith", "The text starts with a value."),
    v("endswith", "The text ends with a value."),
    v("year", "The year of a date."),
    v("month", "The month of a date."),
    v("day", "The day of a date."),
    v("hour", "The hour of a time."),
    v("minute", "The minute of a time."),
    v("second", "The second of a time."),
    v("date", "The date part of a date and time."),
    v("tolower", "The text in lower case."),
    v("toupper", "The text in upper case."),
    v("trim", "The text without surrounding spaces."),
    v("length", "The length of the text."),
    v("null", "Comparison with blank."),
    v("add", "Addition."),
    v("sub", "Subtraction."),
    v("mul", "Multiplication."),
    v("div", "Division."),
    v("sum", "Sum of the column."),
    v("min", "Smallest value."),
    v("max", "Largest value."),
    v("average", "Average value."),
    v("count", "Number of rows."),
    v("countdistinct", "Number of distinct values."),
    v("distinct", "The distinct values."),
    v("top", "The first rows."),
    v("cdsin", "Membership in a list (`in`)."),
    v("astype", "Cast to a record type."),
    v("arraylookup", "Lookup in an array column."),
    v("joininner", "Inner join."),
    v("joinleft", "Left join."),
    v("joinright", "Right join."),
    v("joinfull", "Full join."),
];

/// The `propertyName`s of `x-ms-connector-metadata`: each is required for certification.
pub const METADATA_NAMES: &[EnumValue] = &[
    v("Website", "The public website of the service."),
    v("Privacy policy", "The URL of the service's privacy policy."),
    v(
        "Categories",
        "Semicolon-separated list of at most two categories, such as `Productivity;Collaboration`.",
    ),
];

/// The categories a certified connector may list in its `Categories` metadata (at most
/// [`MAX_CONNECTOR_CATEGORIES`]), as the certification submission page names them.
pub const CONNECTOR_CATEGORIES: [&str; 19] = [
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// How many categories a connector may list.
pub const MAX_CONNECTOR_CATEGORIES: usize = 2;

pub(super) const SECURITY_TYPES: &[EnumValue] = &[
    v(
        "oauth2",
        "OAuth 2.0. Pair it with an `oauthSetting` connection parameter in apiProperties.json.",
    ),
    v(
        "apiKey",
        "A key sent in a header or the query string; pair it with a `securestring` \
         connection parameter.",
    ),
    v(
        "basic",
        "HTTP basic authentication; the connection asks for a user name and a password.",
    ),
];

pub(super) const OAUTH_FLOWS: &[EnumValue] = &[
    v(
        "accessCode",
        "Authorization code flow: the user signs in and consents. Needs `authorizationUrl` \
         and `tokenUrl`.",
    ),
    v("implicit", "Implicit flow. Needs `authorizationUrl`."),
    v(
        "password",
        "Resource owner password flow. Needs `tokenUrl`.",
    ),
    v("application", "Client credentials flow. Needs `tokenUrl`."),
];

pub(super) const API_KEY_IN: &[EnumValue] = &[
    v(
        "header",
        "The key is sent in the HTTP header named by `name`.",
    ),
    v(
        "query",
        "The key is sent as the query parameter named by `name`.",
    ),
];

pub(super) const TRUE_FALSE_STRINGS: &[EnumValue] = &[
    v("true", "Yes (this key takes the word as a string)."),
    v("false", "No (this key takes the word as a string)."),
];
