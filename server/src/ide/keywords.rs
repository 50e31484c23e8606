//! What the connector files may contain: every key and `x-ms-*` extension with where it is
//! allowed, its value kinds and enums, and documentation written for hover.
//!
//! The table is organised by [`Loc`], the kind of object a key sits in (the root of the
//! definition, an operation, a parameter, a schema, an `oAuthSettings` block…). [`classify`]
//! turns the chain of keys and indices from the root of a file into a `Loc`, following the
//! nesting that Swagger allows without `$ref` (schemas inside `schema`, `properties/*`, `items`,
//! `allOf/*`, `additionalProperties`, `definitions/*`; parameters and responses declared at the
//! root or on an operation). Completion and hover both read this one table.

use crate::links::{self, learn};
use crate::model::FileKind;

/// One step of the path from the root of a file to a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// The kind of object (or array) a node is, as far as the connector files are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    // apiDefinition.swagger.json
    Root,
    Info,
    Contact,
    License,
    Tag,
    TagList,
    ExternalDocs,
    Paths,
    PathItem,
    Operation,
    ParameterList,
    Parameter,
    Items,
    Responses,
    Response,
    Headers,
    Header,
    Schema,
    SchemaList,
    /// A map from names to schemas: `definitions`, a schema's `properties`.
    SchemaMap,
    Xml,
    ParameterDefinitions,
    ResponseDefinitions,
    SecurityDefinitions,
    SecurityDefinition,
    /// An item of `security`: security definition names mapped to their scopes.
    SecurityRequirement,
    SecurityList,
    DynamicValues,
    /// `x-ms-dynamic-values.parameters`: keys are the target operation's parameters.
    DynamicValuesParams,
    /// One argument of `x-ms-dynamic-values`: a literal or `{"parameter": …}`.
    DynamicValuesArg,
    DynamicList,
    /// `parameters` of `x-ms-dynamic-list`, `-properties` and `-tree`.
    DynamicListParams,
    /// One argument of `x-ms-dynamic-list`: `{"value": …}` or `{"parameterReference": …}`.
    DynamicListArg,
    DynamicSchema,
    DynamicProperties,
    DynamicTree,
    DynamicTreeSettings,
    DynamicTreeCall,
    EnumValueList,
    EnumValue,
    Pageable,
    InfoAnnotation,
    OperationAnnotation,
    Replacement,
    ApiCapabilities,
    FilePicker,
    /// `{operationId, parameters}` of `testConnection`, `simulate` and the file picker.
    OperationCall,
    OperationCapabilities,
    TriggerMetadata,
    TriggerValue,
    Notification,
    NotificationContent,
    OperationContext,
    ConnectorMetadataList,
    ConnectorMetadata,
    DocsList,
    Docs,
    OpenAiData,
    OpenAiOperationList,
    OpenAiOperation,
    OpenAiManifest,
    // apiProperties.json
    PropertiesRoot,
    Properties,
    ConnectionParameters,
    ConnectionParameter,
    UiDefinition,
    Constraints,
    AllowedValueList,
    AllowedValue,
    AllowedValueUi,
    ParameterMetadata,
    OAuthSettings,
    OAuthProperties,
    CustomParameters,
    CustomParameter,
    ParameterSets,
    ParameterSetList,
    ParameterSet,
    SetUiDefinition,
    PolicyList,
    PolicyInstance,
    PolicyParameters,
    // settings.json
    Settings,
    /// Anything else: free-form content (examples, defaults, unknown keys).
    Unknown,
}

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Boolean,
    Integer,
    Number,
    Object,
    Array,
    Any,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::Any => "any value",
        }
    }
}

/// Where the completions of a value come from (of each item, for arrays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    None,
    /// The key's fixed list of values.
    Enum,
    Bool,
    /// An operationId of the definition.
    OperationId,
    /// A local `$ref` target.
    Ref,
    /// A parameter name of the operation that holds the extension.
    OwnParameter,
    /// A property name of the same schema (for `required`).
    PropertyName,
    /// A file of the connector folder.
    FileName,
    /// A policy template id.
    PolicyTemplate,
}

/// Which parameters a parameter keyword belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    Always,
    /// `in: body` only.
    Body,
    /// Every `in` but body.
    NonBody,
    /// `in: path` only.
    Path,
    /// `in: query` or `formData`.
    QueryOrForm,
}

/// One allowed value of an enumerated key, and what it means.
#[derive(Clone, Copy, Debug)]
pub struct EnumValue {
    pub value: &'static str,
    pub doc: &'static str,
}

const fn v(value: &'static str, doc: &'static str) -> EnumValue {
    EnumValue { value, doc }
}

/// One key allowed at a location.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub source: Source,
    /// The allowed values (of each item, for arrays), when they are a closed or suggested list.
    pub values: &'static [EnumValue],
    /// Markdown, written for hover.
    pub doc: &'static str,
    /// The official page; empty when there is none.
    pub link: &'static str,
    /// The limits that apply, in words; empty when none.
    pub limits: &'static str,
    /// A length limit for string values (0: none), shown against the current value on hover.
    pub max_len: usize,
    /// A snippet for the value (LSP snippet syntax, one line); empty: derived from the kind.
    pub template: &'static str,
    pub only: Only,
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        source: match kind {
            Kind::Boolean => Source::Bool,
            _ => Source::None,
        },
        values: &[],
        doc,
        link: "",
        limits: "",
        max_len: 0,
        template: "",
        only: Only::Always,
    }
}

impl Key {
    const fn link(mut self, link: &'static str) -> Self {
        self.link = link;
        self
    }

    const fn limits(mut self, limits: &'static str) -> Self {
        self.limits = limits;
        self
    }

    const fn max_len(mut self, max: usize) -> Self {
        self.max_len = max;
        self
    }

    const fn values(mut self, values: &'static [EnumValue]) -> Self {
        self.values = values;
        self.source = Source::Enum;
        self
    }

    const fn source(mut self, source: Source) -> Self {
        self.source = source;
        self
    }

    const fn template(mut self, template: &'static str) -> Self {
        self.template = template;
        self
    }

    const fn only(mut self, only: Only) -> Self {
        self.only = only;
        self
    }

    /// The value documentation of `value`, if it is one of the listed values.
    pub fn value_doc(&self, value: &str) -> Option<&EnumValue> {
        self.values.iter().find(|v| v.value == value)
    }
}

macro_rules! swagger {
    ($anchor:literal) => {
        concat!("https://swagger.io/specification/v2/#", $anchor)
    };
}

// ---------------------------------------------------------------------------------------------
// Shared value lists

const VISIBILITY: &[EnumValue] = &[
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

const PARAMETER_IN: &[EnumValue] = &[
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

const PARAMETER_TYPES: &[EnumValue] = &[
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

const SCHEMA_TYPES: &[EnumValue] = &[
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

const FORMATS: &[EnumValue] = &[
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

const COLLECTION_FORMATS: &[EnumValue] = &[
    v("csv", "Comma-separated: `a,b,c` (the default)."),
    v("ssv", "Space-separated: `a b c`."),
    v("tsv", "Tab-separated."),
    v("pipes", "Pipe-separated: `a|b|c`."),
    v(
        "multi",
        "One `name=value` pair per item (`?id=1&id=2`); query and formData only.",
    ),
];

const URL_ENCODING: &[EnumValue] = &[
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

const SCHEMES: &[EnumValue] = &[
    v(
        "https",
        "TLS. The only scheme certification accepts for public connectors.",
    ),
    v("http", "Plain HTTP; avoid it outside development."),
];

const MIME_TYPES: &[EnumValue] = &[
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

const TRIGGER: &[EnumValue] = &[
    v("single", "The trigger returns one object per event."),
    v(
        "batch",
        "The trigger returns a batch of events: an array of items.",
    ),
];

const ANNOTATION_STATUS: &[EnumValue] = &[
    v("Production", "Generally available."),
    v("Preview", "In preview; marked as such in the designer."),
];

const MEDIA_KIND: &[EnumValue] = &[
    v("image", "The field holds an image."),
    v("audio", "The field holds audio."),
];

const NEXT_LINK_NAMES: &[EnumValue] = &[
    v(
        "nextLink",
        "The response has a root `nextLink` property with the next page URL.",
    ),
    v(
        "@odata.nextLink",
        "The response has a root `@odata.nextLink` property (OData services).",
    ),
];

const METADATA_NAMES: &[EnumValue] = &[
    v("Website", "The public website of the service."),
    v("Privacy policy", "The URL of the service's privacy policy."),
    v(
        "Categories",
        "Semicolon-separated list of at most two categories, such as `Productivity;Collaboration`.",
    ),
];

const SECURITY_TYPES: &[EnumValue] = &[
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

const OAUTH_FLOWS: &[EnumValue] = &[
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

const API_KEY_IN: &[EnumValue] = &[
    v(
        "header",
        "The key is sent in the HTTP header named by `name`.",
    ),
    v(
        "query",
        "The key is sent as the query parameter named by `name`.",
    ),
];

const TRUE_FALSE_STRINGS: &[EnumValue] = &[
    v("true", "Yes (this key takes the word as a string)."),
    v("false", "No (this key takes the word as a string)."),
];

// ---------------------------------------------------------------------------------------------
// apiDefinition.swagger.json

const X_MS_SUMMARY: Key = key(
    "x-ms-summary",
    Kind::String,
    "The display name of the field: the label users see in the designer for a parameter, \
     a body property or an output. Child fields are shown prefixed with their parent's \
     label. Certification requires it on every parameter that is not internal.",
)
.link(learn!("openapi-extensions#x-ms-summary"))
.limits("At most 80 characters, in title case.")
.max_len(80);

const X_MS_VISIBILITY: Key = key(
    "x-ms-visibility",
    Kind::String,
    "How prominently the designer shows this operation, parameter or field. Without it \
     (or with an empty string) the item has normal visibility.",
)
.values(VISIBILITY)
.link(learn!("openapi-extensions#x-ms-visibility"));

const DESCRIPTION: Key = key(
    "description",
    Kind::String,
    "Help text shown as a tooltip in the designer. Write a full sentence that ends with a \
     period, and make it say more than the summary.",
)
.link(learn!("connector-string-guidance"));

const X_MS_DYNAMIC_VALUES: Key = key(
    "x-ms-dynamic-values",
    Kind::Object,
    "Fills a dropdown with values returned by another operation of the connector: \
     `operationId` names it, `parameters` passes its inputs, `value-collection` is the path \
     to the array in its response, `value-path` the field used as the value and \
     `value-title` the field shown. Not allowed on a body parameter itself: put it on a \
     property of the body schema.",
)
.link(links::DYNAMIC_VALUES)
.template(
    r#"{"operationId": "$1", "value-collection": "${2:value}", "value-path": "${3:id}", "value-title": "${4:name}"}"#,
);

const X_MS_DYNAMIC_LIST: Key = key(
    "x-ms-dynamic-list",
    Kind::Object,
    "The newer, unambiguous form of `x-ms-dynamic-values`: its parameters are addressed by \
     path and each takes `{\"value\": …}` or `{\"parameterReference\": …}`. The validator \
     requires it next to `x-ms-dynamic-values` when a reference points into a body.",
)
.link(links::DYNAMIC_VALUES)
.template(
    r#"{"operationId": "$1", "itemsPath": "${2:value}", "itemValuePath": "${3:id}", "itemTitlePath": "${4:name}"}"#,
);

const X_MS_DYNAMIC_SCHEMA: Key = key(
    "x-ms-dynamic-schema",
    Kind::Object,
    "The schema of this body or response is fetched at design time from another \
     operation: `operationId` names it, `parameters` passes its inputs and `value-path` \
     is the path to the schema in its response.",
)
.link(links::DYNAMIC_SCHEMA)
.template(r#"{"operationId": "$1", "value-path": "${2:schema}"}"#);

const X_MS_DYNAMIC_PROPERTIES: Key = key(
    "x-ms-dynamic-properties",
    Kind::Object,
    "The unambiguous form of `x-ms-dynamic-schema`. `itemValuePath` must equal the \
     dynamic schema's `value-path` without its trailing `properties`.",
)
.link(links::DYNAMIC_SCHEMA)
.template(r#"{"operationId": "$1", "itemValuePath": "${2:schema}"}"#);

const X_MS_DYNAMIC_TREE: Key = key(
    "x-ms-dynamic-tree",
    Kind::Object,
    "A hierarchical picker (folders and files): `open` lists the children of a node, \
     `browse` navigates into one, `settings` says which nodes can be selected.",
)
.link(links::EXTENSIONS);

const X_MS_ENUM_VALUES: Key = key(
    "x-ms-enum-values",
    Kind::Array,
    "Friendly labels for the values of `enum`: a list of `{\"value\": …, \"displayName\": …}`. \
     Each value must appear in `enum`, once, and each needs a display name.",
)
.link(links::EXTENSIONS);

const X_MS_TEST_VALUE: Key = key(
    "x-ms-test-value",
    Kind::Any,
    "A sample value used by Microsoft's automated tests of the connector. Never put a \
     secret or personal data here.",
)
.link(links::EXTENSIONS);

const X_MS_LOCALIZE_DEFAULT: Key = key(
    "x-ms-localizeDefaultValue",
    Kind::Boolean,
    "The `default` value is text that may be translated for the user's language.",
)
.link(links::EXTENSIONS);

const X_MS_NOTIFICATION_URL: Key = key(
    "x-ms-notification-url",
    Kind::Boolean,
    "Marks the parameter or body field that receives the callback URL of a webhook \
     trigger. It must be a string, required, internal (itself or a parent), and only in \
     the request of the webhook registration operation.",
)
.link(learn!("openapi-extensions#x-ms-notification-url"));

const X_MS_TRIGGER_VALUE: Key = key(
    "x-ms-trigger-value",
    Kind::Object,
    "Where the value of a trigger parameter comes from in the trigger's output: \
     `value-collection` and `value-path`.",
)
.link(links::EXTENSIONS);

const X_MS_API_ANNOTATION_OP: Key = key(
    "x-ms-api-annotation",
    Kind::Object,
    "Versioning metadata of an operation: `family` groups the revisions of one action, \
     `revision` numbers them (from 1), `status` says Production or Preview, and \
     `replacement` points a deprecated revision to its successor.",
)
.link(learn!("operational-versioning"))
.template(r#"{"family": "$1", "revision": ${2:1}, "status": "${3|Production,Preview|}"}"#);

const TYPE_PARAM: Key = key(
    "type",
    Kind::String,
    "The type of a non-body parameter. Body parameters use `schema` instead.",
)
.values(PARAMETER_TYPES)
.link(swagger!("parameter-object"))
.only(Only::NonBody);

const FORMAT: Key = key(
    "format",
    Kind::String,
    "Refines `type`: the size of a number, or the kind of string (dates, binary content). \
     Power Platform adds `date-no-tz` and `html`.",
)
.values(FORMATS)
.link(swagger!("data-types"));

const DEFAULT: Key = key(
    "default",
    Kind::Any,
    "The value used when the user leaves the field empty. Required for an internal \
     parameter that is also required.",
)
.link(swagger!("parameter-object"));

const ENUM: Key = key(
    "enum",
    Kind::Array,
    "The closed list of allowed values; the designer shows a dropdown. Add \
     `x-ms-enum-values` to give them friendly labels.",
)
.link(swagger!("parameter-object"));

const COLLECTION_FORMAT: Key = key(
    "collectionFormat",
    Kind::String,
    "How the items of an array parameter are joined into one value.",
)
.values(COLLECTION_FORMATS)
.link(swagger!("parameter-object"));

const ITEMS: Key = key(
    "items",
    Kind::Object,
    "The type of the items of an array. Required when `type` is `array`.",
)
.link(swagger!("items-object"))
.template(r#"{"type": "${1|string,integer,number,boolean,object|}"}"#);

const MAXIMUM: Key = key("maximum", Kind::Number, "The largest allowed number.");
const MINIMUM: Key = key("minimum", Kind::Number, "The smallest allowed number.");
const EXCLUSIVE_MAXIMUM: Key = key(
    "exclusiveMaximum",
    Kind::Boolean,
    "`maximum` itself is not allowed.",
);
const EXCLUSIVE_MINIMUM: Key = key(
    "exclusiveMinimum",
    Kind::Boolean,
    "`minimum` itself is not allowed.",
);
const MAX_LENGTH: Key = key("maxLength", Kind::Integer, "The longest allowed string.");
const MIN_LENGTH: Key = key("minLength", Kind::Integer, "The shortest allowed string.");
const PATTERN: Key = key(
    "pattern",
    Kind::String,
    "A regular expression (ECMA 262) that string values must match.",
);
const MAX_ITEMS: Key = key(
    "maxItems",
    Kind::Integer,
    "The most items an array may have.",
);
const MIN_ITEMS: Key = key(
    "minItems",
    Kind::Integer,
    "The fewest items an array may have.",
);
const UNIQUE_ITEMS: Key = key(
    "uniqueItems",
    Kind::Boolean,
    "The items of the array must all be different.",
);
const MULTIPLE_OF: Key = key(
    "multipleOf",
    Kind::Number,
    "Numbers must be a multiple of this value.",
);

const REF: Key = key(
    "$ref",
    Kind::String,
    "A reference to a definition of this file, as a JSON pointer: `#/definitions/Name` \
     for a schema, `#/parameters/Name` for a parameter, `#/responses/Name` for a \
     response. The other keys of an object with `$ref` are ignored.",
)
.source(Source::Ref)
.link(swagger!("reference-object"));

const ROOT: &[Key] = &[
    key(
        "swagger",
        Kind::String,
        "The specification version. Power Platform only accepts Swagger (OpenAPI) 2.0.",
    )
    .values(&[v("2.0", "Swagger 2.0, the only version connectors accept.")])
    .link(swagger!("swagger-object")),
    key(
        "info",
        Kind::Object,
        "The connector's title, description, version and contact.",
    )
    .link(swagger!("info-object"))
    .template(r#"{"title": "$1", "description": "$2", "version": "${3:1.0}"}"#),
    key(
        "host",
        Kind::String,
        "The backend host name, without scheme or path: `api.contoso.com`, optionally with \
         a port. The backend URL is built from the first scheme, the host and `basePath`.",
    )
    .link(swagger!("swagger-object"))
    .limits("No scheme, no path, no template braces: `name[:port]` only."),
    key(
        "basePath",
        Kind::String,
        "The path prefix of every operation, such as `/v1`. Must start with `/`.",
    )
    .link(swagger!("swagger-object")),
    key(
        "schemes",
        Kind::Array,
        "The transfer protocols of the API. Power Platform only uses `https` (and `http`).",
    )
    .values(SCHEMES)
    .link(swagger!("swagger-object")),
    key(
        "consumes",
        Kind::Array,
        "The MIME types of request bodies that operations accept by default.",
    )
    .values(MIME_TYPES)
    .link(swagger!("swagger-object")),
    key(
        "produces",
        Kind::Array,
        "The MIME types of responses that operations return by default.",
    )
    .values(MIME_TYPES)
    .link(swagger!("swagger-object")),
    key(
        "paths",
        Kind::Object,
        "The operations, grouped by path template (`/items/{itemId}`) and HTTP method.",
    )
    .link(swagger!("paths-object"))
    .limits("At most 256 operations per connector, and a definition file under 1 MB."),
    key(
        "definitions",
        Kind::Object,
        "Reusable schemas, referenced as `#/definitions/Name`.",
    )
    .link(swagger!("definitions-object")),
    key(
        "parameters",
        Kind::Object,
        "Reusable parameters, referenced as `#/parameters/Name`.",
    )
    .link(swagger!("parameters-definitions-object")),
    key(
        "responses",
        Kind::Object,
        "Reusable responses, referenced as `#/responses/Name`.",
    )
    .link(swagger!("responses-definitions-object")),
    key(
        "securityDefinitions",
        Kind::Object,
        "The authentication schemes of the API (`oauth2`, `apiKey` or `basic`). They must \
         agree with the connection parameters of apiProperties.json.",
    )
    .link(swagger!("security-definitions-object")),
    key(
        "security",
        Kind::Array,
        "The security schemes that apply to every operation; each name must be declared \
         in `securityDefinitions`.",
    )
    .link(swagger!("security-requirement-object")),
    key(
        "tags",
        Kind::Array,
        "Tags with descriptions, used to group operations in documentation.",
    )
    .link(swagger!("tag-object")),
    key(
        "externalDocs",
        Kind::Object,
        "A link to more documentation about the API.",
    )
    .link(swagger!("external-documentation-object")),
    key(
        "x-ms-connector-metadata",
        Kind::Array,
        "Listing metadata of the connector: a list of `{\"propertyName\", \"propertyValue\"}` \
         with the `Website`, the `Privacy policy` URL and the `Categories`. Required for \
         certification.",
    )
    .link(links::CERTIFICATION)
    .limits("Categories: at most two, separated by `;`."),
    key(
        "x-ms-capabilities",
        Kind::Object,
        "Connector-wide capabilities: `testConnection` (an operation that checks a new \
         connection; not supported for custom connectors) and `file-picker`.",
    )
    .link(learn!("openapi-extensions#x-ms-capabilities")),
    key(
        "x-ms-docs",
        Kind::Array,
        "Links to external documentation: a list of `{\"url\", \"description\"}`.",
    )
    .link(links::EXTENSIONS),
    key(
        "x-ms-openai-manifest",
        Kind::Object,
        "Plugin manifest data for Copilot: `humanName`, `modelDescription`, \
         `contactEmail` and `legalUrl`.",
    )
    .link(links::AI_PLUGIN),
];

const INFO: &[Key] = &[
    key(
        "title",
        Kind::String,
        "The connector's display name. It must not contain the words *API* or \
         *Connector*, nor Power Platform product names, and must end with a letter or \
         a digit. Independent publishers add *(Independent Publisher)* in the pull \
         request title, not here.",
    )
    .link(links::CERTIFICATION)
    .limits("At most 30 characters for certification.")
    .max_len(30),
    key(
        "description",
        Kind::String,
        "What the connector does, shown on its page. Certification asks for plain English \
         without product names.",
    )
    .link(links::CERTIFICATION)
    .limits("Between 30 and 500 characters for certification.")
    .max_len(500),
    key(
        "version",
        Kind::String,
        "The version of the definition, such as `1.0`. Required by Swagger.",
    )
    .link(swagger!("info-object")),
    key(
        "contact",
        Kind::Object,
        "Who supports the connector: `name`, `url`, `email`. Required for certification.",
    )
    .link(swagger!("contact-object"))
    .template(r#"{"name": "$1", "url": "$2", "email": "$3"}"#),
    key(
        "license",
        Kind::Object,
        "The license of the API: `name` and `url`.",
    )
    .link(swagger!("license-object")),
    key(
        "termsOfService",
        Kind::String,
        "The URL of the API's terms of service.",
    )
    .link(swagger!("info-object")),
    key(
        "x-ms-api-annotation",
        Kind::Object,
        "The release status of the connector: `{\"status\": \"Production\"}` or `Preview`.",
    )
    .link(learn!("operational-versioning"))
    .template(r#"{"status": "${1|Production,Preview|}"}"#),
    key(
        "x-ms-deployment-version",
        Kind::String,
        "An internal deployment version stamp, digits separated by dots.",
    )
    .link(links::EXTENSIONS),
    key(
        "x-ms-keywords",
        Kind::Array,
        "Search keywords that help Copilot find the connector's actions.",
    )
    .link(links::AI_PLUGIN),
];

const CONTACT: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The name of the support contact or team.",
    )
    .link(swagger!("contact-object")),
    key("url", Kind::String, "The URL of the support page.").link(swagger!("contact-object")),
    key("email", Kind::String, "The support email address.").link(swagger!("contact-object")),
];

const LICENSE: &[Key] = &[
    key("name", Kind::String, "The license name.").link(swagger!("license-object")),
    key("url", Kind::String, "The URL of the license text.").link(swagger!("license-object")),
];

const TAG: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The tag, as used in an operation's `tags`.",
    )
    .link(swagger!("tag-object")),
    key("description", Kind::String, "What the tag groups.").link(swagger!("tag-object")),
    key(
        "externalDocs",
        Kind::Object,
        "More documentation about the tag.",
    )
    .link(swagger!("external-documentation-object")),
];

const EXTERNAL_DOCS: &[Key] = &[
    key(
        "url",
        Kind::String,
        "The URL of the documentation. Required.",
    )
    .link(swagger!("external-documentation-object")),
    key(
        "description",
        Kind::String,
        "What the linked documentation covers.",
    )
    .link(swagger!("external-documentation-object")),
];

const OPERATION_DOC: &str = "An operation: an action, or a trigger when it has `x-ms-trigger`.";

const PATH_ITEM: &[Key] = &[
    key("get", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("post", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("put", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("patch", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("delete", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("head", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key("options", Kind::Object, OPERATION_DOC).link(swagger!("operation-object")),
    key(
        "parameters",
        Kind::Array,
        "Parameters shared by every operation of this path (typically its path \
         parameters). An operation parameter with the same name and `in` overrides one.",
    )
    .link(swagger!("path-item-object")),
    key(
        "x-ms-notification-content",
        Kind::Object,
        "The payload the service posts to a webhook's callback URL: its `schema` becomes \
         the output of the webhook trigger.",
    )
    .link(learn!("openapi-extensions#x-ms-notification-content"))
    .template(r#"{"description": "$1", "schema": {"type": "object", "properties": {$2}}}"#),
];

const OPERATION: &[Key] = &[
    key(
        "operationId",
        Kind::String,
        "The unique name of the operation. Flows, policies (`x-ms-apimTemplate-operationName`), \
         custom code (`Context.OperationId`), `scriptOperations` and the dynamic extensions \
         refer to it, so renaming it breaks them.",
    )
    .link(swagger!("operation-object"))
    .limits(
        "Required and unique; letters and digits only (PascalCase recommended); the \
         validator also limits its length.",
    ),
    key(
        "summary",
        Kind::String,
        "The name of the action or trigger in the designer. Sentence case; triggers read \
         *When a …*.",
    )
    .link(learn!("connector-string-guidance"))
    .limits(
        "At most 80 characters; none of `/ \\ < > * % & ?`; must end with a letter or a \
         digit (a closing parenthesis is tolerated). Required for certification.",
    )
    .max_len(80),
    key(
        "description",
        Kind::String,
        "What the operation does, shown as its help text. A full sentence ending with a \
         period, different from `summary`.",
    )
    .link(learn!("connector-string-guidance")),
    key(
        "parameters",
        Kind::Array,
        "The inputs of the operation: path, query, header and formData parameters, and at \
         most one body parameter.",
    )
    .link(swagger!("parameter-object")),
    key(
        "responses",
        Kind::Object,
        "The possible responses by status code. Define the success response (2xx) with \
         its exact schema: it becomes the output of the action.",
    )
    .link(swagger!("responses-object"))
    .template(
        r#"{"200": {"description": "${1:OK}", "schema": {"type": "object", "properties": {$2}}}}"#,
    ),
    key(
        "tags",
        Kind::Array,
        "Tags that group the operation in documentation.",
    )
    .link(swagger!("operation-object")),
    key(
        "consumes",
        Kind::Array,
        "The request MIME types of this operation, overriding the root `consumes`.",
    )
    .values(MIME_TYPES)
    .link(swagger!("operation-object")),
    key(
        "produces",
        Kind::Array,
        "The response MIME types of this operation, overriding the root `produces`.",
    )
    .values(MIME_TYPES)
    .link(swagger!("operation-object")),
    key(
        "schemes",
        Kind::Array,
        "The transfer protocols of this operation, overriding the root `schemes`.",
    )
    .values(SCHEMES)
    .link(swagger!("operation-object")),
    key(
        "deprecated",
        Kind::Boolean,
        "`true` hides the operation from new flows; existing flows keep working. Add \
         *(deprecated)* to its summary and description.",
    )
    .link(learn!("deprecate-operation")),
    key(
        "security",
        Kind::Array,
        "The security schemes of this operation, overriding the root `security`.",
    )
    .link(swagger!("security-requirement-object")),
    key(
        "externalDocs",
        Kind::Object,
        "A link to more documentation about the operation.",
    )
    .link(swagger!("external-documentation-object")),
    X_MS_VISIBILITY,
    key(
        "x-ms-trigger",
        Kind::String,
        "Makes the operation a trigger (without it, it is an action).",
    )
    .values(TRIGGER)
    .link(learn!("openapi-extensions#x-ms-trigger")),
    key(
        "x-ms-trigger-hint",
        Kind::String,
        "Tells the user how to fire the trigger while testing a flow, such as *To see it \
         work, add an item*.",
    )
    .link(learn!("openapi-extensions#x-ms-trigger-hint")),
    key(
        "x-ms-trigger-metadata",
        Kind::Object,
        "Marks a polling trigger: `{\"kind\": \"query\", \"mode\": \"polling\"}`, used with the \
         `pollingtrigger` policy.",
    )
    .link(learn!("create-polling-trigger"))
    .template(r#"{"kind": "query", "mode": "polling"}"#),
    key(
        "x-ms-notification",
        Kind::Object,
        "Links a webhook trigger to the operation that registers the webhook: \
         `{\"operationId\": …}`.",
    )
    .link(learn!("create-webhook-trigger"))
    .template(r#"{"operationId": "$1"}"#),
    key(
        "x-ms-notification-content",
        Kind::Object,
        "The payload the service posts to the webhook's callback URL; its `schema` becomes \
         the output of the webhook trigger.",
    )
    .link(learn!("openapi-extensions#x-ms-notification-content"))
    .template(r#"{"description": "$1", "schema": {"type": "object", "properties": {$2}}}"#),
    key(
        "x-ms-pageable",
        Kind::Object,
        "The operation returns results in pages: the designer follows the URL in the \
         response property named by `nextLinkName`. Pair it with the `updatenextlink` \
         policy so that the link goes through the connector.",
    )
    .link(links::EXTENSIONS)
    .template(r#"{"nextLinkName": "${1|nextLink,@odata.nextLink|}"}"#),
    X_MS_API_ANNOTATION_OP,
    key(
        "x-ms-capabilities",
        Kind::Object,
        "Operation capabilities: `{\"chunkTransfer\": true}` when the operation accepts \
         uploads in chunks.",
    )
    .link(learn!("openapi-extensions#x-ms-capabilities"))
    .template(r#"{"chunkTransfer": ${1|true,false|}}"#),
    key(
        "x-ms-no-generic-test",
        Kind::Boolean,
        "Excludes the operation from Microsoft's generic automated tests.",
    )
    .link(links::EXTENSIONS),
    key(
        "x-ms-safe-operation",
        Kind::Boolean,
        "Declares that an operation other than GET has no side effects.",
    )
    .link(links::EXTENSIONS),
    key(
        "x-ms-operation-context",
        Kind::Object,
        "Lets the designer simulate the trigger firing while testing, by calling another \
         operation: `{\"simulate\": {\"operationId\": …, \"parameters\": …}}`.",
    )
    .link(learn!("openapi-extensions#x-ms-operation-context")),
    key(
        "x-ms-openai-data",
        Kind::Object,
        "Makes operations available to Copilot as plugin actions: `openai-enabled` and the \
         list of `operations`.",
    )
    .link(links::AI_PLUGIN),
];

const PARAMETER: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The name sent to the service: the path variable, query parameter or header name. \
         `connectionId` is reserved.",
    )
    .link(swagger!("parameter-object")),
    key(
        "in",
        Kind::String,
        "Where the parameter goes in the request.",
    )
    .values(PARAMETER_IN)
    .link(swagger!("parameter-object")),
    DESCRIPTION,
    key(
        "required",
        Kind::Boolean,
        "The user must give a value. Path parameters must be `required: true`.",
    )
    .link(swagger!("parameter-object")),
    X_MS_SUMMARY,
    X_MS_VISIBILITY,
    key(
        "schema",
        Kind::Object,
        "The schema of the body. Only body parameters have one.",
    )
    .link(swagger!("schema-object"))
    .only(Only::Body)
    .template(r#"{"type": "object", "properties": {$1}}"#),
    TYPE_PARAM,
    FORMAT.only(Only::NonBody),
    DEFAULT.only(Only::NonBody),
    ENUM.only(Only::NonBody),
    ITEMS.only(Only::NonBody),
    COLLECTION_FORMAT.only(Only::NonBody),
    key(
        "x-ms-url-encoding",
        Kind::String,
        "How a path parameter's value is URL-encoded. The validator warns when a path \
         parameter has none; `single` is the usual value. Not allowed on query parameters.",
    )
    .values(URL_ENCODING)
    .link(learn!("openapi-extensions#x-ms-url-encoding"))
    .only(Only::Path),
    key(
        "allowEmptyValue",
        Kind::Boolean,
        "An empty value may be sent (`?name=`).",
    )
    .link(swagger!("parameter-object"))
    .only(Only::QueryOrForm),
    X_MS_DYNAMIC_VALUES,
    X_MS_DYNAMIC_LIST,
    X_MS_DYNAMIC_TREE.only(Only::NonBody),
    X_MS_ENUM_VALUES.only(Only::NonBody),
    X_MS_TEST_VALUE,
    X_MS_LOCALIZE_DEFAULT.only(Only::NonBody),
    X_MS_TRIGGER_VALUE.only(Only::NonBody),
    X_MS_NOTIFICATION_URL,
    MAXIMUM.only(Only::NonBody),
    MINIMUM.only(Only::NonBody),
    EXCLUSIVE_MAXIMUM.only(Only::NonBody),
    EXCLUSIVE_MINIMUM.only(Only::NonBody),
    MAX_LENGTH.only(Only::NonBody),
    MIN_LENGTH.only(Only::NonBody),
    PATTERN.only(Only::NonBody),
    MAX_ITEMS.only(Only::NonBody),
    MIN_ITEMS.only(Only::NonBody),
    UNIQUE_ITEMS.only(Only::NonBody),
    MULTIPLE_OF.only(Only::NonBody),
    REF,
];

const ITEMS_KEYS: &[Key] = &[
    key("type", Kind::String, "The type of the items.")
        .values(PARAMETER_TYPES)
        .link(swagger!("items-object")),
    FORMAT,
    ITEMS,
    COLLECTION_FORMAT,
    DEFAULT,
    ENUM,
    MAXIMUM,
    MINIMUM,
    EXCLUSIVE_MAXIMUM,
    EXCLUSIVE_MINIMUM,
    MAX_LENGTH,
    MIN_LENGTH,
    PATTERN,
    MAX_ITEMS,
    MIN_ITEMS,
    UNIQUE_ITEMS,
    MULTIPLE_OF,
];

const RESPONSE: &[Key] = &[
    key(
        "description",
        Kind::String,
        "A short description of the response, such as `OK`. Required by Swagger.",
    )
    .link(swagger!("response-object")),
    key(
        "schema",
        Kind::Object,
        "The shape of the response body: it becomes the outputs of the action. A `default` \
         response must not have one for certification.",
    )
    .link(swagger!("schema-object"))
    .template(r#"{"type": "object", "properties": {$1}}"#),
    key("headers", Kind::Object, "The response headers, by name.").link(swagger!("headers-object")),
    key("examples", Kind::Object, "Example bodies, by MIME type.").link(swagger!("example-object")),
    X_MS_SUMMARY,
    REF,
];

const HEADER: &[Key] = &[
    DESCRIPTION,
    key("type", Kind::String, "The type of the header value.")
        .values(PARAMETER_TYPES)
        .link(swagger!("header-object")),
    FORMAT,
    ITEMS,
    COLLECTION_FORMAT,
    DEFAULT,
    ENUM,
    X_MS_SUMMARY,
    X_MS_VISIBILITY,
    MAXIMUM,
    MINIMUM,
    MAX_LENGTH,
    MIN_LENGTH,
    PATTERN,
];

const SCHEMA: &[Key] = &[
    key("type", Kind::String, "The JSON type of the value.")
        .values(SCHEMA_TYPES)
        .link(swagger!("schema-object")),
    key(
        "properties",
        Kind::Object,
        "The fields of an object, each with its own schema.",
    )
    .link(swagger!("schema-object")),
    key(
        "items",
        Kind::Object,
        "The schema of the items of an array. Required when `type` is `array`.",
    )
    .link(swagger!("schema-object"))
    .template(r#"{"type": "${1|object,string,integer,number,boolean|}"}"#),
    X_MS_SUMMARY,
    DESCRIPTION,
    X_MS_VISIBILITY,
    FORMAT,
    key(
        "required",
        Kind::Array,
        "The names of the properties that must be present.",
    )
    .source(Source::PropertyName)
    .link(swagger!("schema-object")),
    key("title", Kind::String, "A short title of the schema.").link(swagger!("schema-object")),
    key(
        "default",
        Kind::Any,
        "The value assumed when none is given.",
    )
    .link(swagger!("schema-object")),
    key("enum", Kind::Array, "The closed list of allowed values.").link(swagger!("schema-object")),
    key(
        "additionalProperties",
        Kind::Any,
        "The schema of the values of an object whose keys are not known in advance (a \
         dictionary), or `false` to forbid other keys.",
    )
    .link(swagger!("schema-object")),
    key(
        "allOf",
        Kind::Array,
        "A list of schemas that the value must all satisfy; used to extend a definition.",
    )
    .link(swagger!("composition-and-inheritance-polymorphism")),
    key(
        "readOnly",
        Kind::Boolean,
        "The property is only returned, never sent.",
    )
    .link(swagger!("schema-object")),
    key("example", Kind::Any, "An example value.").link(swagger!("schema-object")),
    key(
        "discriminator",
        Kind::String,
        "The property whose value names the concrete schema (polymorphism).",
    )
    .link(swagger!("schema-object")),
    key("xml", Kind::Object, "How the value is written in XML.").link(swagger!("xml-object")),
    key(
        "externalDocs",
        Kind::Object,
        "A link to more documentation about the schema.",
    )
    .link(swagger!("external-documentation-object")),
    MAXIMUM,
    MINIMUM,
    EXCLUSIVE_MAXIMUM,
    EXCLUSIVE_MINIMUM,
    MAX_LENGTH,
    MIN_LENGTH,
    PATTERN,
    MAX_ITEMS,
    MIN_ITEMS,
    UNIQUE_ITEMS,
    MULTIPLE_OF,
    key(
        "maxProperties",
        Kind::Integer,
        "The most properties an object may have.",
    ),
    key(
        "minProperties",
        Kind::Integer,
        "The fewest properties an object may have.",
    ),
    X_MS_DYNAMIC_VALUES,
    X_MS_DYNAMIC_LIST,
    X_MS_DYNAMIC_SCHEMA,
    X_MS_DYNAMIC_PROPERTIES,
    X_MS_DYNAMIC_TREE,
    X_MS_ENUM_VALUES,
    X_MS_NOTIFICATION_URL,
    key(
        "x-ms-media-kind",
        Kind::String,
        "The field carries media of this kind.",
    )
    .values(MEDIA_KIND)
    .link(links::EXTENSIONS),
    key(
        "x-ms-editor",
        Kind::String,
        "A custom designer editor for the field. `dictionary` is for an object with \
         `additionalProperties` (key/value pairs).",
    )
    .values(&[v("dictionary", "Edit the object as key/value pairs.")])
    .link(links::EXTENSIONS),
    key(
        "x-ms-editor-options",
        Kind::Object,
        "Options of `x-ms-editor`.",
    )
    .link(links::EXTENSIONS),
    X_MS_TEST_VALUE,
    X_MS_LOCALIZE_DEFAULT,
    REF,
];

const XML: &[Key] = &[
    key("name", Kind::String, "The element or attribute name.").link(swagger!("xml-object")),
    key("namespace", Kind::String, "The namespace URI.").link(swagger!("xml-object")),
    key("prefix", Kind::String, "The namespace prefix.").link(swagger!("xml-object")),
    key(
        "attribute",
        Kind::Boolean,
        "Written as an attribute, not an element.",
    )
    .link(swagger!("xml-object")),
    key(
        "wrapped",
        Kind::Boolean,
        "An array is wrapped in an outer element.",
    )
    .link(swagger!("xml-object")),
];

const SECURITY_DEFINITION: &[Key] = &[
    key("type", Kind::String, "The kind of authentication.")
        .values(SECURITY_TYPES)
        .link(swagger!("security-scheme-object")),
    key("description", Kind::String, "A description of the scheme.")
        .link(swagger!("security-scheme-object")),
    key(
        "name",
        Kind::String,
        "For `apiKey`: the name of the header or query parameter that carries the key.",
    )
    .link(swagger!("security-scheme-object")),
    key("in", Kind::String, "For `apiKey`: where the key is sent.")
        .values(API_KEY_IN)
        .link(swagger!("security-scheme-object")),
    key("flow", Kind::String, "For `oauth2`: the OAuth 2.0 flow.")
        .values(OAUTH_FLOWS)
        .link(swagger!("security-scheme-object")),
    key(
        "authorizationUrl",
        Kind::String,
        "For `oauth2` (`accessCode`, `implicit`): the URL where the user signs in.",
    )
    .link(swagger!("security-scheme-object")),
    key(
        "tokenUrl",
        Kind::String,
        "For `oauth2` (`accessCode`, `password`, `application`): the URL that issues tokens.",
    )
    .link(swagger!("security-scheme-object")),
    key(
        "scopes",
        Kind::Object,
        "For `oauth2`: the available scopes, each with a description.",
    )
    .link(swagger!("scopes-object")),
];

const DYNAMIC_OPERATION_ID: Key = key(
    "operationId",
    Kind::String,
    "The operation called to get the values. It must exist in this definition.",
)
.source(Source::OperationId)
.link(links::DYNAMIC_VALUES);

const DYNAMIC_VALUES: &[Key] = &[
    DYNAMIC_OPERATION_ID,
    key(
        "parameters",
        Kind::Object,
        "The inputs of the called operation, by its parameter names: a literal value, or \
         `{\"parameter\": \"name\"}` to pass the value of another parameter of this operation.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "value-collection",
        Kind::String,
        "The path (without a leading `/`) to the array in the response. Leave it out when \
         the response is the array itself.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "value-path",
        Kind::String,
        "The field of each item used as the selected value.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "value-title",
        Kind::String,
        "The field of each item shown in the dropdown.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "builtInOperation",
        Kind::String,
        "A platform operation to call instead of `operationId`, such as `AadGraph.GetUsers`.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "capability",
        Kind::String,
        "A capability to use instead of an operation, such as `file-picker`.",
    )
    .values(&[v(
        "file-picker",
        "Browse files and folders with the file picker.",
    )])
    .link(links::DYNAMIC_VALUES),
];

const DYNAMIC_VALUES_ARG: &[Key] = &[key(
    "parameter",
    Kind::String,
    "The name of the parameter of this operation whose value is passed.",
)
.source(Source::OwnParameter)
.link(links::DYNAMIC_VALUES)];

const DYNAMIC_LIST_ARG: &[Key] = &[
    key(
        "value",
        Kind::Any,
        "A literal value passed to the called operation.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "parameterReference",
        Kind::String,
        "The parameter of this operation whose value is passed; a path such as \
         `body/id` reaches into a body.",
    )
    .source(Source::OwnParameter)
    .link(links::DYNAMIC_VALUES),
];

const DYNAMIC_LIST_PARAMETERS: Key = key(
    "parameters",
    Kind::Object,
    "The inputs of the called operation, by parameter name or path: `{\"value\": …}` or \
     `{\"parameterReference\": \"name\"}`.",
)
.link(links::DYNAMIC_VALUES);

const DYNAMIC_LIST: &[Key] = &[
    DYNAMIC_OPERATION_ID,
    DYNAMIC_LIST_PARAMETERS,
    key(
        "itemsPath",
        Kind::String,
        "The path to the array in the response; leave it out when the response is the array.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "itemValuePath",
        Kind::String,
        "The field of each item used as the value.",
    )
    .link(links::DYNAMIC_VALUES),
    key(
        "itemTitlePath",
        Kind::String,
        "The field of each item shown to the user.",
    )
    .link(links::DYNAMIC_VALUES),
];

const DYNAMIC_SCHEMA: &[Key] = &[
    DYNAMIC_OPERATION_ID.link(links::DYNAMIC_SCHEMA),
    key(
        "parameters",
        Kind::Object,
        "The inputs of the called operation: literals, or `{\"parameter\": \"name\"}`.",
    )
    .link(links::DYNAMIC_SCHEMA),
    key(
        "value-path",
        Kind::String,
        "The path to the schema in the response, such as `schema`.",
    )
    .link(links::DYNAMIC_SCHEMA),
];

const DYNAMIC_PROPERTIES: &[Key] = &[
    DYNAMIC_OPERATION_ID.link(links::DYNAMIC_SCHEMA),
    DYNAMIC_LIST_PARAMETERS.link(links::DYNAMIC_SCHEMA),
    key(
        "itemValuePath",
        Kind::String,
        "The path to the schema in the response: the dynamic schema's `value-path` \
         without a trailing `properties`.",
    )
    .link(links::DYNAMIC_SCHEMA),
];

const DYNAMIC_TREE: &[Key] = &[
    key("settings", Kind::Object, "Which nodes the user can select.")
        .link(links::EXTENSIONS)
        .template(
            r#"{"canSelectParentNodes": ${1|true,false|}, "canSelectLeafNodes": ${2|true,false|}}"#,
        ),
    key(
        "open",
        Kind::Object,
        "The operation that lists the root nodes or a node's children.",
    )
    .link(links::EXTENSIONS),
    key(
        "browse",
        Kind::Object,
        "The operation that lists the children of a selected node.",
    )
    .link(links::EXTENSIONS),
];

const DYNAMIC_TREE_SETTINGS: &[Key] = &[
    key(
        "canSelectParentNodes",
        Kind::Boolean,
        "Folders (nodes with children) can be selected.",
    )
    .link(links::EXTENSIONS),
    key(
        "canSelectLeafNodes",
        Kind::Boolean,
        "Leaves (nodes without children) can be selected.",
    )
    .link(links::EXTENSIONS),
];

const DYNAMIC_TREE_CALL: &[Key] = &[
    DYNAMIC_OPERATION_ID.link(links::EXTENSIONS),
    DYNAMIC_LIST_PARAMETERS.link(links::EXTENSIONS),
    key(
        "itemsPath",
        Kind::String,
        "The path to the array of nodes in the response.",
    )
    .link(links::EXTENSIONS),
    key(
        "itemValuePath",
        Kind::String,
        "The field of a node used as its value.",
    )
    .link(links::EXTENSIONS),
    key(
        "itemTitlePath",
        Kind::String,
        "The field of a node shown to the user.",
    )
    .link(links::EXTENSIONS),
    key(
        "itemFullTitlePath",
        Kind::String,
        "The field with the node's full title (its path).",
    )
    .link(links::EXTENSIONS),
    key(
        "itemIsParent",
        Kind::String,
        "The field (or expression) telling whether a node has children.",
    )
    .link(links::EXTENSIONS),
    key(
        "selectedItemValuePath",
        Kind::String,
        "Only in `browse`: the field of the selected node passed to the next call.",
    )
    .link(links::EXTENSIONS),
];

const ENUM_VALUE: &[Key] = &[
    key("value", Kind::Any, "One of the values of `enum`.").link(links::EXTENSIONS),
    key(
        "displayName",
        Kind::String,
        "The label shown for that value. Required.",
    )
    .link(links::EXTENSIONS),
];

const PAGEABLE: &[Key] = &[key(
    "nextLinkName",
    Kind::String,
    "The name of the root response property that holds the URL of the next page.",
)
.values(NEXT_LINK_NAMES)
.link(links::EXTENSIONS)
.limits("The validator accepts only `nextLink` and `@odata.nextLink`.")];

const INFO_ANNOTATION: &[Key] = &[key(
    "status",
    Kind::String,
    "The release status of the connector.",
)
.values(ANNOTATION_STATUS)
.link(learn!("operational-versioning"))];

const OPERATION_ANNOTATION: &[Key] = &[
    key(
        "family",
        Kind::String,
        "The name shared by every revision of this operation.",
    )
    .link(learn!("operational-versioning")),
    key(
        "revision",
        Kind::Integer,
        "The revision number within the family, from 1; the highest one is shown.",
    )
    .link(learn!("operational-versioning")),
    key(
        "status",
        Kind::String,
        "The release status of this revision.",
    )
    .values(ANNOTATION_STATUS)
    .link(learn!("operational-versioning")),
    key(
        "replacement",
        Kind::Object,
        "Only with `deprecated: true`: the operation that replaces this one, \
         `{\"api\": …, \"operationId\": …}`.",
    )
    .link(learn!("operational-versioning")),
];

const REPLACEMENT: &[Key] = &[
    key(
        "api",
        Kind::String,
        "The connector of the replacing operation, when it is another one.",
    )
    .link(learn!("operational-versioning")),
    key("operationId", Kind::String, "The replacing operation.")
        .source(Source::OperationId)
        .link(learn!("operational-versioning")),
];

const API_CAPABILITIES: &[Key] = &[
    key(
        "testConnection",
        Kind::Object,
        "An operation called to check a new connection: `{\"operationId\": …, \"parameters\": …}`. \
         Not supported for custom connectors.",
    )
    .link(learn!("openapi-extensions#x-ms-capabilities"))
    .template(r#"{"operationId": "$1", "parameters": {$2}}"#),
    key(
        "file-picker",
        Kind::Object,
        "Configures file and folder browsing: the `open` and `browse` operations and the \
         item fields that carry titles, folders and media.",
    )
    .link(learn!("openapi-extensions#x-ms-capabilities")),
];

const FILE_PICKER: &[Key] = &[
    key(
        "open",
        Kind::Object,
        "The operation that lists the root folder.",
    )
    .link(links::EXTENSIONS),
    key("browse", Kind::Object, "The operation that lists a folder.").link(links::EXTENSIONS),
    key(
        "value-title",
        Kind::String,
        "The field shown for each item.",
    )
    .link(links::EXTENSIONS),
    key(
        "value-collection",
        Kind::String,
        "The path to the array of items in the response.",
    )
    .link(links::EXTENSIONS),
    key(
        "value-folder-property",
        Kind::String,
        "The boolean field telling whether an item is a folder.",
    )
    .link(links::EXTENSIONS),
    key(
        "value-media-property",
        Kind::String,
        "The field with the item's media type.",
    )
    .link(links::EXTENSIONS),
];

const OPERATION_CALL: &[Key] = &[
    key(
        "operationId",
        Kind::String,
        "The operation to call. It must exist in this definition.",
    )
    .source(Source::OperationId)
    .link(links::EXTENSIONS),
    key(
        "parameters",
        Kind::Object,
        "The inputs passed to that operation, by parameter name.",
    )
    .link(links::EXTENSIONS),
];

const OPERATION_CAPABILITIES: &[Key] = &[key(
    "chunkTransfer",
    Kind::Boolean,
    "The operation accepts content uploaded in chunks.",
)
.link(learn!("openapi-extensions#x-ms-capabilities"))];

const TRIGGER_METADATA: &[Key] = &[
    key(
        "kind",
        Kind::String,
        "Always `query` for a polling trigger.",
    )
    .values(&[v("query", "The trigger queries the service.")])
    .link(learn!("create-polling-trigger")),
    key(
        "mode",
        Kind::String,
        "Always `polling` for a polling trigger.",
    )
    .values(&[v(
        "polling",
        "The platform calls the operation on a schedule.",
    )])
    .link(learn!("create-polling-trigger")),
];

const TRIGGER_VALUE: &[Key] = &[
    key(
        "value-collection",
        Kind::String,
        "The path to the collection in the trigger output.",
    )
    .link(links::EXTENSIONS),
    key(
        "value-path",
        Kind::String,
        "The field of each item used as the value.",
    )
    .link(links::EXTENSIONS),
];

const NOTIFICATION: &[Key] = &[key(
    "operationId",
    Kind::String,
    "The operation that registers the webhook; it must exist in this definition.",
)
.source(Source::OperationId)
.link(learn!("create-webhook-trigger"))];

const NOTIFICATION_CONTENT: &[Key] = &[
    key(
        "description",
        Kind::String,
        "A description of the notification payload.",
    )
    .link(learn!("openapi-extensions#x-ms-notification-content")),
    key(
        "schema",
        Kind::Object,
        "The schema of the payload; it becomes the trigger's outputs.",
    )
    .link(learn!("openapi-extensions#x-ms-notification-content"))
    .template(r#"{"type": "object", "properties": {$1}}"#),
];

const OPERATION_CONTEXT: &[Key] = &[key(
    "simulate",
    Kind::Object,
    "The operation called to simulate the trigger: `{\"operationId\": …, \"parameters\": …}`.",
)
.link(learn!("openapi-extensions#x-ms-operation-context"))
.template(r#"{"operationId": "$1", "parameters": {$2}}"#)];

const CONNECTOR_METADATA: &[Key] = &[
    key("propertyName", Kind::String, "Which piece of listing metadata this is.")
        .values(METADATA_NAMES)
        .link(links::CERTIFICATION),
    key(
        "propertyValue",
        Kind::String,
        "The value: a URL, or for `Categories` up to two categories separated by `;`.",
    )
    .link(links::CERTIFICATION)
    .limits("Categories: at most two, from Microsoft's list (AI, Collaboration, Data, Productivity, Sales and CRM…)."),
];

const DOCS: &[Key] = &[
    key("url", Kind::String, "The URL of the documentation.").link(links::EXTENSIONS),
    key(
        "description",
        Kind::String,
        "What the documentation covers.",
    )
    .link(links::EXTENSIONS),
];

const OPENAI_DATA: &[Key] = &[
    key(
        "openai-enabled",
        Kind::Boolean,
        "Copilot may call these operations.",
    )
    .link(links::AI_PLUGIN),
    key(
        "operations",
        Kind::Array,
        "The operations exposed to Copilot.",
    )
    .link(links::AI_PLUGIN),
];

const OPENAI_OPERATION: &[Key] = &[
    key(
        "operationId",
        Kind::String,
        "The exposed operation; it must exist in this definition.",
    )
    .source(Source::OperationId)
    .link(links::AI_PLUGIN),
    key(
        "x-ms-require-user-confirmation",
        Kind::Boolean,
        "Copilot asks the user before running the operation.",
    )
    .link(links::AI_PLUGIN),
    key("parameters", Kind::Array, "Parameter settings for Copilot.").link(links::AI_PLUGIN),
];

const OPENAI_MANIFEST: &[Key] = &[
    key(
        "humanName",
        Kind::String,
        "The plugin name shown to people.",
    )
    .link(links::AI_PLUGIN),
    key(
        "modelDescription",
        Kind::String,
        "What the plugin does, written for the model.",
    )
    .link(links::AI_PLUGIN),
    key(
        "contactEmail",
        Kind::String,
        "The publisher's contact email.",
    )
    .link(links::AI_PLUGIN),
    key("legalUrl", Kind::String, "The URL of the legal terms.").link(links::AI_PLUGIN),
];

// ---------------------------------------------------------------------------------------------
// apiProperties.json

const IDENTITY_PROVIDERS: &[EnumValue] = &[
    v(
        "oauth2",
        "Generic OAuth 2.0 (authorization code). Give `authorizationUrl`, `tokenUrl` and \
         `refreshUrl` in `customParameters`.",
    ),
    v(
        "oauth2pkce",
        "Generic OAuth 2.0 with PKCE (proof key for code exchange), for services that \
         require it; same custom parameters as `oauth2`. Newer than Microsoft's published \
         schema, which does not list it yet.",
    ),
    v(
        "oauth2generic",
        "OAuth 2.0 with templated URLs and bodies (`authorizationUrlTemplate`, \
         `tokenUrlTemplate`, `tokenBodyTemplate`, …) for services that deviate from the \
         standard.",
    ),
    v(
        "aad",
        "Microsoft Entra ID (Azure AD). `customParameters` needs `resourceUri`; \
         `loginUri` and `tenantId` are usually `https://login.microsoftonline.com` and \
         `common`.",
    ),
    v(
        "aadcertificate",
        "Microsoft Entra ID with a certificate; only for first-party (Microsoft) connectors.",
    ),
    v("facebook", "Facebook sign-in."),
];

const REDIRECT_MODES: &[EnumValue] = &[
    v(
        "GlobalPerConnector",
        "A redirect URI unique to this connector, generated by the platform \
         (`https://global.consent.azure-apim.net/redirect/<connector>`). Microsoft \
         reviewers require it for new and updated connectors; leave `redirectUrl` out, or \
         register the generated URI with the service.",
    ),
    v(
        "Global",
        "The shared redirect URI `https://global.consent.azure-apim.net/redirect`. Older \
         connectors use it; reviewers now ask to move to `GlobalPerConnector`.",
    ),
    v(
        "Direct",
        "The redirect URI given in `redirectUrl` is used as is; rarely used.",
    ),
];

const CONNECTION_PARAMETER_TYPES: &[EnumValue] = &[
    v("string", "Plain text typed by the user."),
    v(
        "securestring",
        "A secret (an API key, a password): masked while typed and never shown again.",
    ),
    v("int", "A whole number."),
    v("bool", "A yes/no choice."),
    v(
        "oauthSetting",
        "The OAuth sign-in; configure it in `oAuthSettings`. By convention the parameter \
         is named `token`.",
    ),
    v("gatewaySetting", "An on-premises data gateway selection."),
];

const CAPABILITIES: &[EnumValue] = &[
    v("actions", "The connector offers actions."),
    v("triggers", "The connector offers triggers."),
    v(
        "gateway",
        "The connector can reach on-premises services through a data gateway.",
    ),
];

const POLICY_SECTIONS: &[EnumValue] = &[
    v(
        "Request",
        "Applied to the request, before it is sent to the service.",
    ),
    v(
        "Response",
        "Applied to the response, before it reaches the flow.",
    ),
    v("Failure", "Applied to an error response."),
];

const PROPERTIES_ROOT: &[Key] = &[key(
    "properties",
    Kind::Object,
    "Everything of apiProperties.json lives under this key; paconn fails without it.",
)
.link(links::PACONN)];

const PROPERTIES: &[Key] = &[
    key(
        "iconBrandColor",
        Kind::String,
        "The background colour of the connector's icon, `#RRGGBB`. Required.",
    )
    .link(links::CERTIFICATION)
    .limits(
        "Certified connectors must not use `#007ee5` (the default) or `#ffffff`; \
         independent publishers use `#da3b01`.",
    ),
    key("capabilities", Kind::Array, "What the connector offers.")
        .values(CAPABILITIES)
        .link(links::PACONN),
    key(
        "publisher",
        Kind::String,
        "The company or person who publishes the connector.",
    )
    .link(links::CERTIFICATION),
    key(
        "stackOwner",
        Kind::String,
        "The company that owns the backend service.",
    )
    .link(links::CERTIFICATION),
    key(
        "connectionParameters",
        Kind::Object,
        "The inputs asked when a user creates a connection (the authentication). Their \
         types must agree with the definition's `securityDefinitions`.",
    )
    .link(learn!("connection-parameters")),
    key(
        "connectionParameterSets",
        Kind::Object,
        "Several ways to authenticate, of which the user picks one when creating a \
         connection: `uiDefinition` and a list of `values`, each with its own `parameters`. \
         Not editable in the custom connector wizard.",
    )
    .link(links::MULTI_AUTH),
    key(
        "policyTemplateInstances",
        Kind::Array,
        "Policies that rewrite requests and responses at run time without code (set a \
         header, route to another path, change the host…).",
    )
    .link(links::POLICIES),
    key(
        "scriptOperations",
        Kind::Array,
        "The operationIds whose calls run through the custom code (script.csx). An empty \
         list sends every operation through the script.",
    )
    .source(Source::OperationId)
    .link(learn!("write-code"))
    .limits("The script must finish within 5 seconds and be at most 1 MB."),
];

const CONNECTION_PARAMETER: &[Key] = &[
    key("type", Kind::String, "The kind of input.")
        .values(CONNECTION_PARAMETER_TYPES)
        .link(learn!("connection-parameters")),
    key(
        "uiDefinition",
        Kind::Object,
        "How the input is shown: `displayName`, `description`, `tooltip`, `constraints`.",
    )
    .link(learn!("connection-parameters"))
    .template(r#"{"displayName": "$1", "description": "$2", "tooltip": "$3", "constraints": {"required": "${4|true,false|}"}}"#),
    key(
        "oAuthSettings",
        Kind::Object,
        "The OAuth configuration of an `oauthSetting` parameter: provider, client id, \
         scopes, redirect mode and the provider's URLs.",
    )
    .link(learn!("connection-parameters"))
    ,
    key(
        "allowedValues",
        Kind::Array,
        "The choices offered: a list of `{\"value\", \"uiDefinition\": {\"displayName\"}}`.",
    )
    .link(learn!("connection-parameters")),
    key("defaultValue", Kind::Any, "The value used when the user gives none.")
        .link(learn!("connection-parameters")),
    key(
        "metadata",
        Kind::Object,
        "Extra data; `{\"sourceType\": \"AzureActiveDirectoryTenant\"}` for a `token:TenantId` \
         parameter.",
    )
    .link(learn!("connection-parameters")),
];

const UI_DEFINITION: &[Key] = &[
    key("displayName", Kind::String, "The label of the input.")
        .link(learn!("connection-parameters")),
    key("description", Kind::String, "The help text of the input.")
        .link(learn!("connection-parameters")),
    key("tooltip", Kind::String, "The tooltip of the input.").link(learn!("connection-parameters")),
    key(
        "constraints",
        Kind::Object,
        "`required`, `hidden` (as the strings `\"true\"`/`\"false\"`), `clearText`, \
         `tabIndex`, `allowedValues`, `capability`, `dependencies`.",
    )
    .link(learn!("connection-parameters")),
    key(
        "schema",
        Kind::Object,
        "In a parameter set: `{\"type\", \"description\"}` of the input.",
    )
    .link(links::MULTI_AUTH),
];

const CONSTRAINTS: &[Key] = &[
    key(
        "required",
        Kind::String,
        "Whether the input must be filled, written as a string.",
    )
    .values(TRUE_FALSE_STRINGS)
    .link(learn!("connection-parameters")),
    key(
        "hidden",
        Kind::String,
        "Whether the input is hidden, written as a string.",
    )
    .values(TRUE_FALSE_STRINGS)
    .link(learn!("connection-parameters")),
    key(
        "clearText",
        Kind::Boolean,
        "Show a secure value in clear text.",
    )
    .link(learn!("connection-parameters")),
    key(
        "tabIndex",
        Kind::Integer,
        "The order of the input in the form.",
    )
    .link(learn!("connection-parameters")),
    key(
        "allowedValues",
        Kind::Array,
        "The choices: `{\"text\", \"value\"}` items.",
    )
    .link(learn!("connection-parameters")),
    key(
        "capability",
        Kind::Array,
        "Where the input applies, such as `cloud` or `gateway`.",
    )
    .values(&[
        v("cloud", "Connections made in the cloud."),
        v(
            "gateway",
            "Connections made through an on-premises data gateway.",
        ),
    ])
    .link(learn!("connection-parameters")),
    key(
        "dependencies",
        Kind::Object,
        "Show the input only when another input has one of some values.",
    )
    .link(learn!("connection-parameters")),
];

const ALLOWED_VALUE: &[Key] = &[
    key(
        "value",
        Kind::Any,
        "The value stored when this choice is picked.",
    )
    .link(learn!("connection-parameters")),
    key(
        "uiDefinition",
        Kind::Object,
        "`displayName` and `description` of the choice.",
    )
    .link(learn!("connection-parameters")),
    key("text", Kind::String, "The label of the choice.").link(learn!("connection-parameters")),
];

const ALLOWED_VALUE_UI: &[Key] = &[
    key("displayName", Kind::String, "The label of the choice.")
        .link(learn!("connection-parameters")),
    key("description", Kind::String, "The help text of the choice.")
        .link(learn!("connection-parameters")),
];

const PARAMETER_METADATA: &[Key] =
    &[
        key("sourceType", Kind::String, "Where the value comes from.")
            .values(&[v(
                "AzureActiveDirectoryTenant",
                "The tenant id of the signed-in Microsoft Entra ID user.",
            )])
            .link(learn!("connection-parameters")),
    ];

const OAUTH_SETTINGS: &[Key] = &[
    key(
        "identityProvider",
        Kind::String,
        "The OAuth flavour the platform uses.",
    )
    .values(IDENTITY_PROVIDERS)
    .link(learn!("connection-parameters")),
    key(
        "clientId",
        Kind::String,
        "The client id of the app registered with the service. In the public repository \
         keep a placeholder such as `[[DUMMY]]`.",
    )
    .link(links::CERTIFICATION),
    key(
        "clientSecret",
        Kind::String,
        "Never commit it: paconn takes it from `--secret` at upload.",
    )
    .link(links::PACONN),
    key("scopes", Kind::Array, "The scopes requested at sign-in.")
        .link(learn!("connection-parameters")),
    key(
        "redirectMode",
        Kind::String,
        "Which redirect URI the consent service uses. Microsoft's schema still lists only \
         `Global` and `Direct`, but `GlobalPerConnector` is valid and is what reviewers ask for.",
    )
    .values(REDIRECT_MODES)
    .link(links::CERTIFICATION),
    key(
        "redirectUrl",
        Kind::String,
        "The redirect URI. With `Global` it must be \
         `https://global.consent.azure-apim.net/redirect`; with `GlobalPerConnector` the \
         platform generates it, so leave it out.",
    )
    .link(links::CERTIFICATION),
    key(
        "properties",
        Kind::Object,
        "Provider options: `IsFirstParty`, `AzureActiveDirectoryResourceId`, \
         `IsOnbehalfofLoginSupported`.",
    )
    .link(learn!("connection-parameters")),
    key(
        "customParameters",
        Kind::Object,
        "The provider's URLs and options, each as `{\"value\": …}`: `authorizationUrl`, \
         `tokenUrl`, `refreshUrl` for `oauth2`; `resourceUri`, `loginUri`, `tenantId` for \
         `aad`.",
    )
    .link(learn!("connection-parameters")),
    key(
        "additionalParameters",
        Kind::Object,
        "Extra inputs added to the connection only under some conditions.",
    )
    .link(learn!("connection-parameters")),
];

const OAUTH_PROPERTIES: &[Key] = &[
    key(
        "IsFirstParty",
        Kind::String,
        "Whether the connector is Microsoft's own.",
    )
    .values(&[
        v("False", "A third-party connector (the usual value)."),
        v("True", "A Microsoft first-party connector."),
    ])
    .link(learn!("connection-parameters")),
    key(
        "AzureActiveDirectoryResourceId",
        Kind::String,
        "The Microsoft Entra ID resource the token is for.",
    )
    .link(learn!("connection-parameters")),
    key(
        "IsOnbehalfofLoginSupported",
        Kind::Boolean,
        "The connection may use the on-behalf-of flow.",
    )
    .link(learn!("connection-parameters")),
];

const CUSTOM_PARAMETER: &[Key] =
    &[key("value", Kind::String, "The value of this setting.")
        .link(learn!("connection-parameters"))];

/// The `customParameters` of each identity provider: name and meaning.
pub const CUSTOM_PARAMETERS: &[(&str, &[EnumValue])] = &[
    (
        "oauth2",
        &[
            v("authorizationUrl", "Where the user signs in and consents."),
            v("tokenUrl", "Where the code is exchanged for a token."),
            v(
                "refreshUrl",
                "Where tokens are refreshed (often the token URL).",
            ),
        ],
    ),
    (
        "oauth2pkce",
        &[
            v("authorizationUrl", "Where the user signs in and consents."),
            v("tokenUrl", "Where the code is exchanged for a token."),
            v(
                "refreshUrl",
                "Where tokens are refreshed (often the token URL).",
            ),
        ],
    ),
    (
        "aad",
        &[
            v(
                "loginUri",
                "The sign-in authority, usually `https://login.microsoftonline.com`.",
            ),
            v("tenantId", "The tenant, usually `common`."),
            v("resourceUri", "The resource the token is for. Required."),
            v(
                "enableOnbehalfOfLogin",
                "Allow the on-behalf-of flow (`\"true\"`/`\"false\"`).",
            ),
        ],
    ),
    (
        "aadcertificate",
        &[
            v("loginUri", "The sign-in authority."),
            v("loginUriAAD", "The Microsoft Entra ID sign-in authority."),
            v("tenantId", "The tenant."),
            v("resourceUri", "The resource the token is for. Required."),
        ],
    ),
    (
        "oauth2generic",
        &[
            v("authorizationUrlTemplate", "Template of the sign-in URL."),
            v(
                "authorizationUrlQueryStringTemplate",
                "Template of the sign-in query string.",
            ),
            v("tokenUrlTemplate", "Template of the token URL."),
            v(
                "tokenUrlQueryStringTemplate",
                "Template of the token query string.",
            ),
            v("tokenBodyTemplate", "Template of the token request body."),
            v("refreshUrlTemplate", "Template of the refresh URL."),
            v(
                "refreshUrlQueryStringTemplate",
                "Template of the refresh query string.",
            ),
            v(
                "refreshBodyTemplate",
                "Template of the refresh request body.",
            ),
            v("scopeListDelimiter", "The character that separates scopes."),
        ],
    ),
];

const PARAMETER_SETS: &[Key] = &[
    key(
        "uiDefinition",
        Kind::Object,
        "The label and help of the choice between the sets.",
    )
    .link(links::MULTI_AUTH),
    key(
        "values",
        Kind::Array,
        "The sets: each with a `name`, a `uiDefinition` and its `parameters`.",
    )
    .link(links::MULTI_AUTH),
];

const PARAMETER_SET: &[Key] = &[
    key("name", Kind::String, "The identifier of the set.").link(links::MULTI_AUTH),
    key(
        "uiDefinition",
        Kind::Object,
        "`displayName` and `description` of the set.",
    )
    .link(links::MULTI_AUTH),
    key(
        "parameters",
        Kind::Object,
        "The connection parameters of this set.",
    )
    .link(links::MULTI_AUTH),
    key(
        "metadata",
        Kind::Object,
        "Options of the set, such as `allowSharing`.",
    )
    .link(links::MULTI_AUTH),
];

const SET_UI_DEFINITION: &[Key] = &[
    key("displayName", Kind::String, "The label shown to the user.").link(links::MULTI_AUTH),
    key(
        "description",
        Kind::String,
        "The help text shown to the user.",
    )
    .link(links::MULTI_AUTH),
];

const POLICY_INSTANCE: &[Key] = &[
    key(
        "templateId",
        Kind::String,
        "Which policy template this instance uses.",
    )
    .source(Source::PolicyTemplate)
    .link(links::POLICIES),
    key("title", Kind::String, "A name for this policy instance.").link(links::POLICIES),
    key(
        "type",
        Kind::String,
        "`PollingTrigger` for a `pollingtrigger` instance.",
    )
    .values(&[v(
        "PollingTrigger",
        "The instance turns an operation into a polling trigger.",
    )])
    .link(links::POLICIES),
    key(
        "parameters",
        Kind::Object,
        "The template's parameters (`x-ms-apimTemplateParameter.<name>`), the operations \
         it applies to and the section of the pipeline.",
    )
    .link(links::POLICIES),
];

const OPERATION_NAME: Key = key(
    "x-ms-apimTemplate-operationName",
    Kind::Array,
    "The operationIds the policy applies to. Leave it out to apply the policy to every \
     operation.",
)
.source(Source::OperationId)
.link(links::POLICIES);

const POLICY_SECTION: Key = key(
    "x-ms-apimTemplate-policySection",
    Kind::String,
    "Where in the pipeline the policy runs.",
)
.values(POLICY_SECTIONS)
.link(links::POLICIES);

const POLICY_PARAMETERS: &[Key] = &[OPERATION_NAME, POLICY_SECTION];

/// One parameter of a policy template (the part after `x-ms-apimTemplateParameter.`).
#[derive(Clone, Copy, Debug)]
pub struct PolicyParam {
    pub name: &'static str,
    pub required: bool,
    pub doc: &'static str,
    pub values: &'static [EnumValue],
}

const fn req(name: &'static str, doc: &'static str) -> PolicyParam {
    PolicyParam {
        name,
        required: true,
        doc,
        values: &[],
    }
}

const fn opt(name: &'static str, doc: &'static str) -> PolicyParam {
    PolicyParam {
        name,
        required: false,
        doc,
        values: &[],
    }
}

const EXISTS_ACTION: &[EnumValue] = &[
    v("override", "Replace the existing value."),
    v("skip", "Keep the existing value."),
    v("append", "Add the value after the existing one."),
];

const HTTP_METHODS: &[EnumValue] = &[
    v("GET", "GET"),
    v("POST", "POST"),
    v("PUT", "PUT"),
    v("PATCH", "PATCH"),
    v("DELETE", "DELETE"),
    v(
        "@Request.OriginalHTTPMethod",
        "Keep the method of the original request.",
    ),
];

/// A policy template of `policyTemplateInstances`.
#[derive(Clone, Copy, Debug)]
pub struct PolicyTemplate {
    pub id: &'static str,
    pub doc: &'static str,
    pub link: &'static str,
    pub params: &'static [PolicyParam],
}

macro_rules! policy_link {
    ($id:literal) => {
        concat!(
            "https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/",
            $id,
            "/",
            $id
        )
    };
}

pub const POLICY_TEMPLATES: &[PolicyTemplate] = &[
    PolicyTemplate {
        id: "setheader",
        doc: "Adds or replaces an HTTP header of the request or the response.",
        link: policy_link!("setheader"),
        params: &[
            req("name", "The header name."),
            req(
                "value",
                "The header value; may use `@connectionParameters('name')`.",
            ),
            PolicyParam {
                values: EXISTS_ACTION,
                ..opt("existsAction", "What to do when the header is already set.")
            },
        ],
    },
    PolicyTemplate {
        id: "setqueryparameter",
        doc: "Adds or replaces a query parameter of the request.",
        link: policy_link!("setqueryparameter"),
        params: &[
            req("name", "The query parameter name."),
            req(
                "value",
                "The value; may use `@connectionParameters('name')`.",
            ),
            PolicyParam {
                values: EXISTS_ACTION,
                ..opt(
                    "existsAction",
                    "What to do when the parameter is already set.",
                )
            },
        ],
    },
    PolicyTemplate {
        id: "dynamichosturl",
        doc: "Sends the request to a host computed per call, for example a tenant \
              sub-domain taken from a connection parameter.",
        link: policy_link!("dynamichosturl"),
        params: &[req(
            "urlTemplate",
            "The new base URL; may use `@connectionParameters('x')`, `@headers('h')`, \
             `@queryParameters('q')`.",
        )],
    },
    PolicyTemplate {
        id: "routerequesttoendpoint",
        doc: "Sends the request to another backend path (and optionally method); a common \
              way to give two operations the same backend path.",
        link: policy_link!("routerequesttoendpoint"),
        params: &[
            req(
                "newPath",
                "The backend path; may contain `{parameter}` placeholders.",
            ),
            PolicyParam {
                values: HTTP_METHODS,
                ..opt("httpMethod", "The HTTP method to use.")
            },
        ],
    },
    PolicyTemplate {
        id: "setproperty",
        doc: "Sets a property of the request or response body.",
        link: policy_link!("setproperty"),
        params: &[
            req(
                "newPropertyParentPathTemplate",
                "The object that receives the property.",
            ),
            req("newPropertySubPathTemplate", "The name of the property."),
            req(
                "propertyValuePathTemplate",
                "The value, or the path it is read from.",
            ),
        ],
    },
    PolicyTemplate {
        id: "setvaluefromurl",
        doc: "Sets a header or query value from the response of another call.",
        link: policy_link!("setvaluefromurl"),
        params: &[
            req("parameterTemplate", "The header or query parameter to set."),
            req("parameterValueUrl", "The URL called to get the value."),
            req(
                "parameterValuePathTemplate",
                "The path to the value in that response.",
            ),
            PolicyParam {
                values: HTTP_METHODS,
                ..opt("httpMethod", "The method of that call.")
            },
        ],
    },
    PolicyTemplate {
        id: "pollingtrigger",
        doc: "Turns an operation into a polling trigger; the instance needs \
              `\"type\": \"PollingTrigger\"`.",
        link: policy_link!("pollingtrigger"),
        params: &[
            req(
                "triggerConfig",
                "An object; `x-ms-triggerConfig-nextLink` says how to poll next.",
            ),
            req(
                "triggerDataPath",
                "The path to the new items in the response.",
            ),
        ],
    },
    PolicyTemplate {
        id: "updatenextlink",
        doc: "Rewrites the next-page link of a paged response so that it goes through the \
              connector; pair it with `x-ms-pageable`.",
        link: policy_link!("updatenextlink"),
        params: &[
            req(
                "nextLinkPropertyName",
                "The property that holds the next link.",
            ),
            opt(
                "nextLinkParentPropertyPath",
                "The object that holds that property.",
            ),
        ],
    },
    PolicyTemplate {
        id: "stringreplace",
        doc: "Replaces text inside a property.",
        link: policy_link!("stringreplace"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("sourceString", "The text to find."),
            req("replacementString", "The replacement."),
            req("newPropertyPath", "Where the result is written."),
        ],
    },
    PolicyTemplate {
        id: "stringtoarray",
        doc: "Splits a string property into an array.",
        link: policy_link!("stringtoarray"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("delimiterList", "The separators."),
            req("childPropertyName", "The name of each item's field."),
            req("newPropertyPath", "Where the array is written."),
        ],
    },
    PolicyTemplate {
        id: "convertarraytoobject",
        doc: "Turns an array into an object keyed by one field of its items.",
        link: policy_link!("convertarraytoobject"),
        params: &[
            req("propertyParentPath", "The object that holds the array."),
            opt("propertySubPath", "The array inside that object."),
            req("keyWithinCollectionPath", "The field used as the key."),
            req("newPropertyPath", "Where the object is written."),
            PolicyParam {
                values: TRUE_FALSE_STRINGS,
                ..opt("retainKey", "Keep the key field inside each value.")
            },
        ],
    },
    PolicyTemplate {
        id: "convertobjecttoarray",
        doc: "Turns an object into an array of key/value items.",
        link: policy_link!("convertobjecttoarray"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The object inside that object."),
            req("newPropertyPath", "Where the array is written."),
            opt("keyName", "The name of the key field of each item."),
            opt("valueName", "The name of the value field of each item."),
        ],
    },
    PolicyTemplate {
        id: "encodepropertyvalue",
        doc: "Encodes the value of a property.",
        link: policy_link!("encodepropertyvalue"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("newPropertyPath", "Where the encoded value is written."),
        ],
    },
];

/// The policy template with this id (the platform matches ids regardless of case).
pub fn policy_template(id: &str) -> Option<&'static PolicyTemplate> {
    POLICY_TEMPLATES
        .iter()
        .find(|t| t.id.eq_ignore_ascii_case(id))
}

/// The prefix of policy template parameter keys.
pub const POLICY_PARAM_PREFIX: &str = "x-ms-apimTemplateParameter.";

// ---------------------------------------------------------------------------------------------
// settings.json

const SETTINGS: &[Key] = &[
    key(
        "apiDefinition",
        Kind::String,
        "The path of the Swagger definition, relative to the folder paconn runs in.",
    )
    .source(Source::FileName)
    .link(links::PACONN),
    key(
        "apiProperties",
        Kind::String,
        "The path of apiProperties.json.",
    )
    .source(Source::FileName)
    .link(links::PACONN),
    key("icon", Kind::String, "The path of the icon (PNG).")
        .source(Source::FileName)
        .link(links::PACONN),
    key(
        "script",
        Kind::String,
        "The path of the custom code file. paconn reads it, although Microsoft's settings \
         schema does not list it.",
    )
    .source(Source::FileName)
    .link(links::PACONN)
    .limits("The script must finish within 5 seconds and be at most 1 MB."),
    key(
        "connectorId",
        Kind::String,
        "The id of the connector to update or download.",
    )
    .link(links::PACONN),
    key(
        "environment",
        Kind::String,
        "The Power Platform environment id (a GUID; the default environment is \
         `Default-<guid>`).",
    )
    .link(links::PACONN),
    key("powerAppsUrl", Kind::String, "The Power Apps API endpoint.")
        .values(&[v("https://api.powerapps.com", "The public cloud endpoint.")])
        .link(links::PACONN),
    key(
        "powerAppsApiVersion",
        Kind::String,
        "The Power Apps API version.",
    )
    .values(&[v("2016-11-01", "The only version in use.")])
    .link(links::PACONN),
    key("flowUrl", Kind::String, "The Power Automate API endpoint.")
        .values(&[v(
            "https://api.flow.microsoft.com",
            "The public cloud endpoint.",
        )])
        .link(links::PACONN),
    key(
        "flowApiVersion",
        Kind::String,
        "The Power Automate API version.",
    )
    .values(&[v("2016-11-01", "The only version in use.")])
    .link(links::PACONN),
    key(
        "$schema",
        Kind::String,
        "The JSON schema an editor may use for this file.",
    )
    .link(links::PACONN),
];

/// AutoRest extensions that Power Platform ignores: hover says so, completion never offers
/// them.
pub const IGNORED_EXTENSIONS: &[&str] = &[
    "x-ms-enum",
    "x-ms-parameter-location",
    "x-ms-skip-url-encoding",
    "x-ms-client-name",
    "x-ms-mutability",
    "x-ms-discriminator-value",
    "x-ms-identifiers",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-secret",
    "x-ms-examples",
    "x-ms-parameterized-host",
    "x-ms-azure-resource",
    "x-ms-client-flatten",
    "x-ms-paths",
];

/// The keys allowed in an object of this kind (empty for maps, whose keys are names).
pub fn keys(loc: Loc) -> &'static [Key] {
    match loc {
        Loc::Root => ROOT,
        Loc::Info => INFO,
        Loc::Contact => CONTACT,
        Loc::License => LICENSE,
        Loc::Tag => TAG,
        Loc::ExternalDocs => EXTERNAL_DOCS,
        Loc::PathItem => PATH_ITEM,
        Loc::Operation => OPERATION,
        Loc::Parameter => PARAMETER,
        Loc::Items => ITEMS_KEYS,
        Loc::Response => RESPONSE,
        Loc::Header => HEADER,
        Loc::Schema => SCHEMA,
        Loc::Xml => XML,
        Loc::SecurityDefinition => SECURITY_DEFINITION,
        Loc::DynamicValues => DYNAMIC_VALUES,
        Loc::DynamicValuesArg => DYNAMIC_VALUES_ARG,
        Loc::DynamicList => DYNAMIC_LIST,
        Loc::DynamicListArg => DYNAMIC_LIST_ARG,
        Loc::DynamicSchema => DYNAMIC_SCHEMA,
        Loc::DynamicProperties => DYNAMIC_PROPERTIES,
        Loc::DynamicTree => DYNAMIC_TREE,
        Loc::DynamicTreeSettings => DYNAMIC_TREE_SETTINGS,
        Loc::DynamicTreeCall => DYNAMIC_TREE_CALL,
        Loc::EnumValue => ENUM_VALUE,
        Loc::Pageable => PAGEABLE,
        Loc::InfoAnnotation => INFO_ANNOTATION,
        Loc::OperationAnnotation => OPERATION_ANNOTATION,
        Loc::Replacement => REPLACEMENT,
        Loc::ApiCapabilities => API_CAPABILITIES,
        Loc::FilePicker => FILE_PICKER,
        Loc::OperationCall => OPERATION_CALL,
        Loc::OperationCapabilities => OPERATION_CAPABILITIES,
        Loc::TriggerMetadata => TRIGGER_METADATA,
        Loc::TriggerValue => TRIGGER_VALUE,
        Loc::Notification => NOTIFICATION,
        Loc::NotificationContent => NOTIFICATION_CONTENT,
        Loc::OperationContext => OPERATION_CONTEXT,
        Loc::ConnectorMetadata => CONNECTOR_METADATA,
        Loc::Docs => DOCS,
        Loc::OpenAiData => OPENAI_DATA,
        Loc::OpenAiOperation => OPENAI_OPERATION,
        Loc::OpenAiManifest => OPENAI_MANIFEST,
        Loc::PropertiesRoot => PROPERTIES_ROOT,
        Loc::Properties => PROPERTIES,
        Loc::ConnectionParameter => CONNECTION_PARAMETER,
        Loc::UiDefinition => UI_DEFINITION,
        Loc::Constraints => CONSTRAINTS,
        Loc::AllowedValue => ALLOWED_VALUE,
        Loc::AllowedValueUi => ALLOWED_VALUE_UI,
        Loc::ParameterMetadata => PARAMETER_METADATA,
        Loc::OAuthSettings => OAUTH_SETTINGS,
        Loc::OAuthProperties => OAUTH_PROPERTIES,
        Loc::CustomParameter => CUSTOM_PARAMETER,
        Loc::ParameterSets => PARAMETER_SETS,
        Loc::ParameterSet => PARAMETER_SET,
        Loc::SetUiDefinition => SET_UI_DEFINITION,
        Loc::PolicyInstance => POLICY_INSTANCE,
        Loc::PolicyParameters => POLICY_PARAMETERS,
        Loc::Settings => SETTINGS,
        Loc::TagList
        | Loc::Paths
        | Loc::ParameterList
        | Loc::Responses
        | Loc::Headers
        | Loc::SchemaList
        | Loc::SchemaMap
        | Loc::ParameterDefinitions
        | Loc::ResponseDefinitions
        | Loc::SecurityDefinitions
        | Loc::SecurityRequirement
        | Loc::SecurityList
        | Loc::DynamicValuesParams
        | Loc::DynamicListParams
        | Loc::EnumValueList
        | Loc::ConnectorMetadataList
        | Loc::DocsList
        | Loc::OpenAiOperationList
        | Loc::ConnectionParameters
        | Loc::AllowedValueList
        | Loc::CustomParameters
        | Loc::ParameterSetList
        | Loc::PolicyList
        | Loc::Unknown => &[],
    }
}

/// The key `name` allowed at `loc`.
pub fn find(loc: Loc, name: &str) -> Option<&'static Key> {
    keys(loc).iter().find(|k| k.name == name)
}

/// Every location that has keywords, for looking a key up wherever it is documented.
const ALL_LOCS: &[Loc] = &[
    Loc::Root,
    Loc::Info,
    Loc::Operation,
    Loc::Parameter,
    Loc::Schema,
    Loc::Response,
    Loc::PathItem,
    Loc::SecurityDefinition,
    Loc::Properties,
    Loc::ConnectionParameter,
    Loc::OAuthSettings,
    Loc::PolicyInstance,
    Loc::Settings,
];

/// A key documented somewhere, for hovering a key found in an unexpected place.
pub fn find_anywhere(name: &str) -> Option<(Loc, &'static Key)> {
    ALL_LOCS
        .iter()
        .find_map(|&loc| find(loc, name).map(|k| (loc, k)))
}

/// The location of the root object of a file.
pub fn root_loc(kind: FileKind) -> Loc {
    match kind {
        FileKind::ApiDefinition => Loc::Root,
        FileKind::ApiProperties => Loc::PropertiesRoot,
        FileKind::Settings => Loc::Settings,
        FileKind::Script => Loc::Unknown,
    }
}

/// The location of the node at the end of `path` from the root of a file of this kind.
pub fn classify(kind: FileKind, path: &[Seg]) -> Loc {
    path.iter().fold(root_loc(kind), child)
}

/// The location of the child `seg` of a node at `parent`.
pub fn child(parent: Loc, seg: &Seg) -> Loc {
    let key = match seg {
        Seg::Key(key) => Some(key.as_str()),
        Seg::Index(_) => None,
    };
    match (parent, key) {
        // Lists: every item has the same location.
        (Loc::TagList, None) => Loc::Tag,
        (Loc::ParameterList, None) => Loc::Parameter,
        (Loc::SchemaList, None) => Loc::Schema,
        (Loc::EnumValueList, None) => Loc::EnumValue,
        (Loc::ConnectorMetadataList, None) => Loc::ConnectorMetadata,
        (Loc::DocsList, None) => Loc::Docs,
        (Loc::OpenAiOperationList, None) => Loc::OpenAiOperation,
        (Loc::AllowedValueList, None) => Loc::AllowedValue,
        (Loc::ParameterSetList, None) => Loc::ParameterSet,
        (Loc::PolicyList, None) => Loc::PolicyInstance,
        (Loc::SecurityList, None) => Loc::SecurityRequirement,
        (_, None) => Loc::Unknown,
        (_, Some(key)) => child_of_key(parent, key),
    }
}

fn child_of_key(parent: Loc, key: &str) -> Loc {
    match (parent, key) {
        // Maps: every value has the same location, whatever its name.
        (Loc::Paths, k) if !k.starts_with("x-") => Loc::PathItem,
        (Loc::SchemaMap, _) => Loc::Schema,
        (Loc::ParameterDefinitions, _) => Loc::Parameter,
        (Loc::ResponseDefinitions | Loc::Responses, k) if !k.starts_with("x-") => Loc::Response,
        (Loc::Headers, _) => Loc::Header,
        (Loc::SecurityDefinitions, _) => Loc::SecurityDefinition,
        (Loc::DynamicValuesParams, _) => Loc::DynamicValuesArg,
        (Loc::DynamicListParams, _) => Loc::DynamicListArg,
        (Loc::ConnectionParameters, _) => Loc::ConnectionParameter,
        (Loc::CustomParameters, _) => Loc::CustomParameter,

        (Loc::Root, "info") => Loc::Info,
        (Loc::Root, "paths") => Loc::Paths,
        (Loc::Root, "definitions") => Loc::SchemaMap,
        (Loc::Root, "parameters") => Loc::ParameterDefinitions,
        (Loc::Root, "responses") => Loc::ResponseDefinitions,
        (Loc::Root, "securityDefinitions") => Loc::SecurityDefinitions,
        (Loc::Root | Loc::Operation, "security") => Loc::SecurityList,
        (Loc::Root, "tags") => Loc::TagList,
        (Loc::Root | Loc::Operation | Loc::Tag | Loc::Schema, "externalDocs") => Loc::ExternalDocs,
        (Loc::Root, "x-ms-capabilities") => Loc::ApiCapabilities,
        (Loc::Root, "x-ms-connector-metadata") => Loc::ConnectorMetadataList,
        (Loc::Root, "x-ms-docs") => Loc::DocsList,
        (Loc::Root, "x-ms-openai-manifest") => Loc::OpenAiManifest,

        (Loc::Info, "contact") => Loc::Contact,
        (Loc::Info, "license") => Loc::License,
        (Loc::Info, "x-ms-api-annotation") => Loc::InfoAnnotation,

        (Loc::PathItem, m) if crate::model::swagger::METHODS.contains(&m) => Loc::Operation,
        (Loc::PathItem | Loc::Operation, "parameters") => Loc::ParameterList,
        (Loc::PathItem | Loc::Operation, "x-ms-notification-content") => Loc::NotificationContent,

        (Loc::Operation, "responses") => Loc::Responses,
        (Loc::Operation, "x-ms-pageable") => Loc::Pageable,
        (Loc::Operation, "x-ms-api-annotation") => Loc::OperationAnnotation,
        (Loc::Operation, "x-ms-capabilities") => Loc::OperationCapabilities,
        (Loc::Operation, "x-ms-trigger-metadata") => Loc::TriggerMetadata,
        (Loc::Operation, "x-ms-notification") => Loc::Notification,
        (Loc::Operation, "x-ms-operation-context") => Loc::OperationContext,
        (Loc::Operation, "x-ms-openai-data") => Loc::OpenAiData,

        (Loc::Parameter | Loc::NotificationContent | Loc::Response, "schema") => Loc::Schema,
        (Loc::Parameter | Loc::Items | Loc::Header, "items") => Loc::Items,
        (Loc::Response, "headers") => Loc::Headers,

        (Loc::Schema, "properties") => Loc::SchemaMap,
        (Loc::Schema, "items" | "additionalProperties") => Loc::Schema,
        (Loc::Schema, "allOf") => Loc::SchemaList,
        (Loc::Schema, "xml") => Loc::Xml,

        (Loc::Parameter | Loc::Schema, "x-ms-dynamic-values") => Loc::DynamicValues,
        (Loc::Parameter | Loc::Schema, "x-ms-dynamic-list") => Loc::DynamicList,
        (Loc::Parameter | Loc::Schema, "x-ms-dynamic-tree") => Loc::DynamicTree,
        (Loc::Parameter | Loc::Schema, "x-ms-enum-values") => Loc::EnumValueList,
        (Loc::Parameter, "x-ms-trigger-value") => Loc::TriggerValue,
        (Loc::Schema, "x-ms-dynamic-schema") => Loc::DynamicSchema,
        (Loc::Schema, "x-ms-dynamic-properties") => Loc::DynamicProperties,

        (Loc::DynamicValues | Loc::DynamicSchema, "parameters") => Loc::DynamicValuesParams,
        (Loc::DynamicList | Loc::DynamicProperties | Loc::DynamicTreeCall, "parameters") => {
            Loc::DynamicListParams
        }
        (Loc::DynamicTree, "settings") => Loc::DynamicTreeSettings,
        (Loc::DynamicTree, "open" | "browse") => Loc::DynamicTreeCall,

        (Loc::OperationAnnotation, "replacement") => Loc::Replacement,
        (Loc::ApiCapabilities, "testConnection") => Loc::OperationCall,
        (Loc::ApiCapabilities, "file-picker") => Loc::FilePicker,
        (Loc::FilePicker, "open" | "browse") => Loc::OperationCall,
        (Loc::OperationContext, "simulate") => Loc::OperationCall,
        (Loc::OpenAiData, "operations") => Loc::OpenAiOperationList,

        (Loc::PropertiesRoot, "properties") => Loc::Properties,
        (Loc::Properties, "connectionParameters") => Loc::ConnectionParameters,
        (Loc::Properties, "connectionParameterSets") => Loc::ParameterSets,
        (Loc::Properties, "policyTemplateInstances") => Loc::PolicyList,
        (Loc::ConnectionParameter, "uiDefinition") => Loc::UiDefinition,
        (Loc::ConnectionParameter, "oAuthSettings") => Loc::OAuthSettings,
        (Loc::ConnectionParameter, "allowedValues") => Loc::AllowedValueList,
        (Loc::ConnectionParameter, "metadata") => Loc::ParameterMetadata,
        (Loc::UiDefinition, "constraints") => Loc::Constraints,
        (Loc::AllowedValue, "uiDefinition") => Loc::AllowedValueUi,
        (Loc::OAuthSettings, "properties") => Loc::OAuthProperties,
        (Loc::OAuthSettings, "customParameters") => Loc::CustomParameters,
        (Loc::ParameterSets, "uiDefinition") => Loc::SetUiDefinition,
        (Loc::ParameterSets, "values") => Loc::ParameterSetList,
        (Loc::ParameterSet, "uiDefinition") => Loc::SetUiDefinition,
        (Loc::ParameterSet, "parameters") => Loc::ConnectionParameters,
        (Loc::PolicyInstance, "parameters") => Loc::PolicyParameters,

        _ => Loc::Unknown,
    }
}

/// A short summary of a key's value for completion details: `string`, or the enum.
pub fn describe_value(key: &Key) -> String {
    if !key.values.is_empty() && key.values.len() <= 6 {
        let values: Vec<String> = key
            .values
            .iter()
            .map(|v| format!("\"{}\"", v.value))
            .collect();
        let joined = values.join(" | ");
        return if key.kind == Kind::Array {
            format!("array of {joined}")
        } else {
            joined
        };
    }
    key.kind.describe().to_string()
}

/// The hover documentation of a key: what it is, its values, its limits and its page.
pub fn key_markdown(key: &Key) -> String {
    let mut out = format!(
        "**`{}`** · {}\n\n{}",
        key.name,
        key.kind.describe(),
        key.doc
    );
    if !key.values.is_empty() {
        out.push_str("\n\nValues:\n");
        for value in key.values {
            out.push_str(&format!("- `{}`: {}\n", value.value, value.doc));
        }
        while out.ends_with('\n') {
            out.pop();
        }
    }
    if !key.limits.is_empty() {
        out.push_str(&format!("\n\n**Limits:** {}", key.limits));
    }
    if !key.link.is_empty() {
        out.push_str(&format!("\n\n[Documentation]({})", key.link));
    }
    out
}

/// The hover documentation of one value of a key.
pub fn value_markdown(key: &Key, value: &EnumValue) -> String {
    let mut out = format!(
        "**`{}`** · value of `{}`\n\n{}",
        value.value, key.name, value.doc
    );
    if !key.link.is_empty() {
        out.push_str(&format!("\n\n[Documentation]({})", key.link));
    }
    out
}

/// The hover documentation of a policy template.
pub fn policy_markdown(template: &PolicyTemplate) -> String {
    let mut out = format!(
        "**`{}`** · policy template\n\n{}\n\nParameters:\n",
        template.id, template.doc
    );
    for param in template.params {
        let required = if param.required { " (required)" } else { "" };
        out.push_str(&format!(
            "- `{POLICY_PARAM_PREFIX}{}`{required}: {}\n",
            param.name, param.doc
        ));
    }
    out.push_str(&format!("\n[Documentation]({})", template.link));
    out
}

/// The hover documentation of a policy template parameter.
pub fn policy_param_markdown(template: &PolicyTemplate, param: &PolicyParam) -> String {
    let required = if param.required {
        "required"
    } else {
        "optional"
    };
    let mut out = format!(
        "**`{POLICY_PARAM_PREFIX}{}`** · {required} parameter of `{}`\n\n{}",
        param.name, template.id, param.doc
    );
    if !param.values.is_empty() {
        out.push_str("\n\nValues:\n");
        for value in param.values {
            out.push_str(&format!("- `{}`: {}\n", value.value, value.doc));
        }
        out.pop();
    }
    out.push_str(&format!("\n\n[Documentation]({})", template.link));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segments: &[&str]) -> Vec<Seg> {
        segments
            .iter()
            .map(
                |s| match s.strip_prefix('[').and_then(|i| i.strip_suffix(']')) {
                    Some(index) => Seg::Index(index.parse().unwrap()),
                    None => Seg::Key(s.to_string()),
                },
            )
            .collect()
    }

    fn loc(kind: FileKind, segments: &[&str]) -> Loc {
        classify(kind, &path(segments))
    }

    #[test]
    fn classifies_swagger_locations() {
        let d = FileKind::ApiDefinition;
        assert_eq!(loc(d, &[]), Loc::Root);
        assert_eq!(loc(d, &["info"]), Loc::Info);
        assert_eq!(loc(d, &["info", "contact"]), Loc::Contact);
        assert_eq!(loc(d, &["paths", "/items"]), Loc::PathItem);
        assert_eq!(loc(d, &["paths", "/items", "get"]), Loc::Operation);
        assert_eq!(
            loc(d, &["paths", "/items", "get", "parameters", "[0]"]),
            Loc::Parameter
        );
        assert_eq!(
            loc(d, &["paths", "/items", "parameters", "[1]"]),
            Loc::Parameter
        );
        assert_eq!(loc(d, &["parameters", "ItemId"]), Loc::Parameter);
        assert_eq!(loc(d, &["responses", "NotFound"]), Loc::Response);
        assert_eq!(
            loc(d, &["paths", "/a", "get", "responses", "200"]),
            Loc::Response
        );
        assert_eq!(
            loc(d, &["securityDefinitions", "oauth"]),
            Loc::SecurityDefinition
        );
        assert_eq!(
            loc(
                d,
                &[
                    "paths",
                    "/a",
                    "get",
                    "parameters",
                    "[0]",
                    "x-ms-dynamic-values"
                ]
            ),
            Loc::DynamicValues
        );
        assert_eq!(
            loc(
                d,
                &[
                    "paths",
                    "/a",
                    "get",
                    "parameters",
                    "[0]",
                    "x-ms-dynamic-values",
                    "parameters"
                ]
            ),
            Loc::DynamicValuesParams
        );
    }

    #[test]
    fn classifies_nested_schemas_without_refs() {
        let d = FileKind::ApiDefinition;
        let response_schema = ["paths", "/a", "get", "responses", "200", "schema"];
        assert_eq!(loc(d, &response_schema), Loc::Schema);
        let mut deep = response_schema.to_vec();
        deep.extend(["properties", "value", "items", "properties", "id"]);
        assert_eq!(loc(d, &deep), Loc::Schema);
        assert_eq!(
            loc(d, &["definitions", "Item", "allOf", "[0]"]),
            Loc::Schema
        );
        assert_eq!(
            loc(d, &["definitions", "Map", "additionalProperties"]),
            Loc::Schema
        );
        assert_eq!(
            loc(
                d,
                &[
                    "paths",
                    "/a",
                    "post",
                    "parameters",
                    "[0]",
                    "schema",
                    "properties",
                    "x"
                ]
            ),
            Loc::Schema
        );
        assert_eq!(
            loc(d, &["definitions", "Item", "properties"]),
            Loc::SchemaMap
        );
        // A property named like a keyword is still a schema.
        assert_eq!(
            loc(d, &["definitions", "Item", "properties", "type"]),
            Loc::Schema
        );
        assert_eq!(
            loc(d, &["definitions", "Item", "example", "type"]),
            Loc::Unknown
        );
    }

    #[test]
    fn classifies_properties_and_settings() {
        let p = FileKind::ApiProperties;
        assert_eq!(loc(p, &["properties"]), Loc::Properties);
        assert_eq!(
            loc(
                p,
                &[
                    "properties",
                    "connectionParameters",
                    "token",
                    "oAuthSettings"
                ]
            ),
            Loc::OAuthSettings
        );
        assert_eq!(
            loc(
                p,
                &["properties", "policyTemplateInstances", "[0]", "parameters"]
            ),
            Loc::PolicyParameters
        );
        assert_eq!(
            loc(
                p,
                &[
                    "properties",
                    "connectionParameterSets",
                    "values",
                    "[0]",
                    "parameters",
                    "key"
                ]
            ),
            Loc::ConnectionParameter
        );
        assert_eq!(loc(FileKind::Settings, &[]), Loc::Settings);
    }

    #[test]
    fn every_location_lists_each_key_once() {
        let mut seen_locs = 0;
        for loc in ALL_LOCS
            .iter()
            .chain(&[Loc::DynamicValues, Loc::Constraints])
        {
            let names: Vec<&str> = keys(*loc).iter().map(|k| k.name).collect();
            let mut sorted = names.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "duplicate key in {loc:?}");
            seen_locs += 1;
        }
        assert!(seen_locs > 10);
    }

    #[test]
    fn documented_values_that_schemas_miss_are_present() {
        let redirect = find(Loc::OAuthSettings, "redirectMode").unwrap();
        assert!(redirect.value_doc("GlobalPerConnector").is_some());
        let provider = find(Loc::OAuthSettings, "identityProvider").unwrap();
        assert!(provider.value_doc("oauth2pkce").is_some());
        assert!(find(Loc::Properties, "scriptOperations").is_some());
        assert!(policy_template("SetHeader").is_some());
    }

    #[test]
    fn markdown_has_doc_limits_and_link() {
        let summary = find(Loc::Operation, "summary").unwrap();
        let text = key_markdown(summary);
        assert!(text.contains("80 characters"), "{text}");
        assert!(text.contains("](https://learn.microsoft.com/"), "{text}");
    }
}
