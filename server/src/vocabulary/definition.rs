//! The keys of apiDefinition.swagger.json: Swagger 2.0 and the `x-ms-*` extensions Power
//! Platform reads, object kind by object kind.

use super::values::*;
use super::{Key, Kind, Only, Source, key, v};
use crate::links::{self, learn};

macro_rules! swagger {
    ($anchor:literal) => {
        concat!("https://swagger.io/specification/v2/#", $anchor)
    };
}

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
.one_of(VISIBILITY)
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
.link(links::VERSIONING)
.template(r#"{"family": "$1", "revision": ${2:1}, "status": "${3|Production,Preview|}"}"#);

const TYPE_PARAM: Key = key(
    "type",
    Kind::String,
    "The type of a non-body parameter. Body parameters use `schema` instead.",
)
.one_of(PARAMETER_TYPES)
.link(swagger!("parameter-object"))
.only(Only::NonBody)
.required();

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
.one_of(COLLECTION_FORMATS)
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

pub(super) const ROOT: &[Key] = &[
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
    .required()
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
    .one_of(SCHEMES)
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
    .required()
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

pub(super) const INFO: &[Key] = &[
    key(
        "title",
        Kind::String,
        "The connector's display name. It must not contain the words *API* or \
         *Connector*, nor Power Platform product names, and must end with a letter or \
         a digit. Independent publishers add *(Independent Publisher)* in the pull \
         request title, not here.",
    )
    .required()
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
    .required()
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
    .link(links::VERSIONING)
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
    key(
        "x-ms-openai-published-to-copilots",
        Kind::Any,
        "Copilot plugin metadata: where the connector's plugin is published. Seen in \
         published connectors; not documented.",
    )
    .link(links::AI_PLUGIN),
];

pub(super) const CONTACT: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The name of the support contact or team.",
    )
    .link(swagger!("contact-object")),
    key("url", Kind::String, "The URL of the support page.").link(swagger!("contact-object")),
    key("email", Kind::String, "The support email address.").link(swagger!("contact-object")),
];

pub(super) const LICENSE: &[Key] = &[
    key("name", Kind::String, "The license name.")
        .required()
        .link(swagger!("license-object")),
    key("url", Kind::String, "The URL of the license text.").link(swagger!("license-object")),
];

pub(super) const TAG: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The tag, as used in an operation's `tags`.",
    )
    .required()
    .link(swagger!("tag-object")),
    key("description", Kind::String, "What the tag groups.").link(swagger!("tag-object")),
    key(
        "externalDocs",
        Kind::Object,
        "More documentation about the tag.",
    )
    .link(swagger!("external-documentation-object")),
];

pub(super) const EXTERNAL_DOCS: &[Key] = &[
    key(
        "url",
        Kind::String,
        "The URL of the documentation. Required.",
    )
    .required()
    .link(swagger!("external-documentation-object")),
    key(
        "description",
        Kind::String,
        "What the linked documentation covers.",
    )
    .link(swagger!("external-documentation-object")),
];

const OPERATION_DOC: &str = "An operation: an action, or a trigger when it has `x-ms-trigger`.";

pub(super) const PATH_ITEM: &[Key] = &[
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

pub(super) const OPERATION: &[Key] = &[
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
    .one_of(SCHEMES)
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
    .one_of(TRIGGER)
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
    key(
        "x-ms-agentic-protocol",
        Kind::String,
        "Marks the operation as the endpoint of an MCP (Model Context Protocol) server for \
         Copilot Studio, such as `mcp-streamable-1.0`: the tools and their outputs come from \
         the server, so the operation needs no response schema.",
    )
    .link(links::AI_PLUGIN),
];

pub(super) const PARAMETER: &[Key] = &[
    key(
        "name",
        Kind::String,
        "The name sent to the service: the path variable, query parameter or header name. \
         `connectionId` is reserved.",
    )
    .required()
    .link(swagger!("parameter-object")),
    key(
        "in",
        Kind::String,
        "Where the parameter goes in the request.",
    )
    .required()
    .one_of(PARAMETER_IN)
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
    .one_of(URL_ENCODING)
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

pub(super) const ITEMS_KEYS: &[Key] = &[
    key("type", Kind::String, "The type of the items.")
        .required()
        .one_of(PARAMETER_TYPES)
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

pub(super) const RESPONSE: &[Key] = &[
    key(
        "description",
        Kind::String,
        "A short description of the response, such as `OK`. Required by Swagger.",
    )
    .required()
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

pub(super) const HEADER: &[Key] = &[
    DESCRIPTION,
    key("type", Kind::String, "The type of the header value.")
        .required()
        .one_of(PARAMETER_TYPES)
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

pub(super) const SCHEMA: &[Key] = &[
    key("type", Kind::String, "The JSON type of the value.")
        .one_of(SCHEMA_TYPES)
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
        "x-ms-capabilities",
        Kind::Object,
        "What Power Fx may delegate to the service about this column: `filterFunctions`. \
         For tabular connectors; only in response schemas.",
    )
    .link(links::VALIDATOR_RULES),
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

pub(super) const XML: &[Key] = &[
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

pub(super) const SECURITY_DEFINITION: &[Key] = &[
    key("type", Kind::String, "The kind of authentication.")
        .required()
        .one_of(SECURITY_TYPES)
        .link(swagger!("security-scheme-object")),
    key("description", Kind::String, "A description of the scheme.")
        .link(swagger!("security-scheme-object")),
    key(
        "name",
        Kind::String,
        "For `apiKey`: the name of the header or query parameter that carries the key.",
    )
    .link(swagger!("security-scheme-object"))
    .only(Only::ApiKey),
    key("in", Kind::String, "For `apiKey`: where the key is sent.")
        .one_of(API_KEY_IN)
        .link(swagger!("security-scheme-object"))
        .only(Only::ApiKey),
    key("flow", Kind::String, "For `oauth2`: the OAuth 2.0 flow.")
        .one_of(OAUTH_FLOWS)
        .link(swagger!("security-scheme-object"))
        .only(Only::OAuth2),
    key(
        "authorizationUrl",
        Kind::String,
        "For `oauth2` (`accessCode`, `implicit`): the URL where the user signs in.",
    )
    .link(swagger!("security-scheme-object"))
    .only(Only::OAuth2),
    key(
        "tokenUrl",
        Kind::String,
        "For `oauth2` (`accessCode`, `password`, `application`): the URL that issues tokens.",
    )
    .link(swagger!("security-scheme-object"))
    .only(Only::OAuth2),
    key(
        "scopes",
        Kind::Object,
        "For `oauth2`: the available scopes, each with a description.",
    )
    .link(swagger!("scopes-object"))
    .only(Only::OAuth2),
];

const DYNAMIC_OPERATION_ID: Key = key(
    "operationId",
    Kind::String,
    "The operation called to get the values. It must exist in this definition.",
)
.source(Source::OperationId)
.link(links::DYNAMIC_VALUES);

pub(super) const DYNAMIC_VALUES: &[Key] = &[
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

pub(super) const DYNAMIC_VALUES_ARG: &[Key] = &[key(
    "parameter",
    Kind::String,
    "The name of the parameter of this operation whose value is passed.",
)
.source(Source::OwnParameter)
.link(links::DYNAMIC_VALUES)];

pub(super) const DYNAMIC_LIST_ARG: &[Key] = &[
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
    key(
        "selectedItemValuePath",
        Kind::String,
        "In the `browse` call of `x-ms-dynamic-tree` only: the field of the node the user \
         opened whose value is passed, such as `id`.",
    )
    .link(links::EXTENSIONS),
];

const DYNAMIC_LIST_PARAMETERS: Key = key(
    "parameters",
    Kind::Object,
    "The inputs of the called operation, by parameter name or path: `{\"value\": …}` or \
     `{\"parameterReference\": \"name\"}`.",
)
.link(links::DYNAMIC_VALUES);

pub(super) const DYNAMIC_LIST: &[Key] = &[
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

pub(super) const DYNAMIC_SCHEMA: &[Key] = &[
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

pub(super) const DYNAMIC_PROPERTIES: &[Key] = &[
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

pub(super) const DYNAMIC_TREE: &[Key] = &[
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

pub(super) const DYNAMIC_TREE_SETTINGS: &[Key] = &[
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

pub(super) const DYNAMIC_TREE_CALL: &[Key] = &[
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

pub(super) const ENUM_VALUE: &[Key] = &[
    key("value", Kind::Any, "One of the values of `enum`.").link(links::EXTENSIONS),
    key(
        "displayName",
        Kind::String,
        "The label shown for that value. Required.",
    )
    .link(links::EXTENSIONS),
];

pub(super) const PAGEABLE: &[Key] = &[key(
    "nextLinkName",
    Kind::String,
    "The name of the root response property that holds the URL of the next page.",
)
.values(NEXT_LINK_NAMES)
.link(links::EXTENSIONS)
.limits("The validator accepts only `nextLink` and `@odata.nextLink`.")];

pub(super) const INFO_ANNOTATION: &[Key] = &[key(
    "status",
    Kind::String,
    "The release status of the connector.",
)
.one_of(ANNOTATION_STATUS)
.link(links::VERSIONING)];

pub(super) const OPERATION_ANNOTATION: &[Key] = &[
    key(
        "family",
        Kind::String,
        "The name shared by every revision of this operation.",
    )
    .link(links::VERSIONING),
    key(
        "revision",
        Kind::Integer,
        "The revision number within the family, from 1; the highest one is shown.",
    )
    .link(links::VERSIONING),
    key(
        "status",
        Kind::String,
        "The release status of this revision.",
    )
    .one_of(ANNOTATION_STATUS)
    .link(links::VERSIONING),
    key(
        "replacement",
        Kind::Object,
        "Only with `deprecated: true`: the operation that replaces this one, \
         `{\"api\": …, \"operationId\": …}`.",
    )
    .link(links::VERSIONING),
];

pub(super) const REPLACEMENT: &[Key] = &[
    key(
        "api",
        Kind::String,
        "The API (connector) of the replacing operation; the validator asks for it even when \
         it is this connector.",
    )
    .link(links::VERSIONING),
    key("operationId", Kind::String, "The replacing operation.")
        .source(Source::OperationId)
        .link(links::VERSIONING),
];

pub(super) const API_CAPABILITIES: &[Key] = &[
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

pub(super) const FILE_PICKER: &[Key] = &[
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

pub(super) const OPERATION_CALL: &[Key] = &[
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

pub(super) const OPERATION_CAPABILITIES: &[Key] = &[key(
    "chunkTransfer",
    Kind::Boolean,
    "The operation accepts content uploaded in chunks.",
)
.link(learn!("openapi-extensions#x-ms-capabilities"))];

pub(super) const SCHEMA_CAPABILITIES: &[Key] = &[key(
    "filterFunctions",
    Kind::Array,
    "The functions Power Fx may delegate to the service when it filters on this column \
     (`eq`, `startswith`…). Only in response schemas; not empty, each once.",
)
.values(FILTER_FUNCTIONS)
.link(links::VALIDATOR_RULES)];

pub(super) const TRIGGER_METADATA: &[Key] = &[
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

pub(super) const TRIGGER_VALUE: &[Key] = &[
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

pub(super) const NOTIFICATION: &[Key] = &[key(
    "operationId",
    Kind::String,
    "The operation that registers the webhook; it must exist in this definition.",
)
.source(Source::OperationId)
.link(learn!("create-webhook-trigger"))];

pub(super) const NOTIFICATION_CONTENT: &[Key] = &[
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

pub(super) const OPERATION_CONTEXT: &[Key] = &[key(
    "simulate",
    Kind::Object,
    "The operation called to simulate the trigger: `{\"operationId\": …, \"parameters\": …}`.",
)
.link(learn!("openapi-extensions#x-ms-operation-context"))
.template(r#"{"operationId": "$1", "parameters": {$2}}"#)];

pub(super) const CONNECTOR_METADATA: &[Key] = &[
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

pub(super) const DOCS: &[Key] = &[
    key("url", Kind::String, "The URL of the documentation.").link(links::EXTENSIONS),
    key(
        "description",
        Kind::String,
        "What the documentation covers.",
    )
    .link(links::EXTENSIONS),
];

pub(super) const OPENAI_DATA: &[Key] = &[
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

pub(super) const OPENAI_OPERATION: &[Key] = &[
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

pub(super) const OPENAI_MANIFEST: &[Key] = &[
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
