//! The vocabulary of connector files, below the rules and the editor features that need it:
//! every key and `x-ms-*` extension with where it is allowed, its value kinds and enums, and
//! documentation written for hover.
//!
//! The table is organised by [`Loc`], the kind of object a key sits in (the root of the
//! definition, an operation, a parameter, a schema, an `oAuthSettings` block…). [`classify`]
//! turns the chain of keys and indices from the root of a file into a `Loc`, following the
//! nesting that Swagger allows without `$ref` (schemas inside `schema`, `properties/*`, `items`,
//! `allOf/*`, `additionalProperties`, `definitions/*`; parameters and responses declared at the
//! root or on an operation). Completion, hover and rules read this one table; its keys are
//! declared file by file in the submodules.

use crate::model::FileKind;
use crate::syntax::json::{JsonTree, NodeId};

mod api_properties;
mod definition;
mod policies;
pub mod script;
mod settings;
pub mod structure;
mod values;
mod walk;

use api_properties::*;
pub use api_properties::{CUSTOM_PARAMETERS, REDIRECT_MODES};
pub use definition::IGNORED_EXTENSIONS;
use definition::*;
use policies::{POLICY_INSTANCE, POLICY_PARAMETERS};
pub use policies::{
    POLICY_PARAM_PREFIX, POLICY_TEMPLATES, PolicyParam, PolicyTemplate, policy_template,
};
use settings::SETTINGS;
pub use values::{
    CONNECTOR_CATEGORIES, FILTER_FUNCTIONS, MAX_ACTIVE_IN_FAMILY, MAX_CONNECTOR_CATEGORIES,
    METADATA_NAMES, NEXT_LINK_NAMES,
};
pub use walk::{SCHEMA_LIKE, schema_like_objects};

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
    /// `x-ms-capabilities` of a schema: what Power Fx may delegate about the column.
    SchemaCapabilities,
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

    /// The kind with its article, for messages: `an integer`, `a string`.
    pub fn with_article(self) -> String {
        match self {
            Kind::Integer | Kind::Object | Kind::Array => format!("an {}", self.describe()),
            Kind::Any => self.describe().to_string(),
            _ => format!("a {}", self.describe()),
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

/// Which objects of their kind a keyword belongs to: parameters by their `in`, security
/// definitions by their `type`.
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
    /// A security definition of `type: apiKey`.
    ApiKey,
    /// A security definition of `type: oauth2`.
    OAuth2,
}

impl Only {
    /// The key whose value decides which keywords an object of this kind takes.
    pub fn discriminant(loc: Loc) -> Option<&'static str> {
        match loc {
            Loc::Parameter => Some("in"),
            Loc::SecurityDefinition => Some("type"),
            _ => None,
        }
    }

    /// Whether an object whose discriminant (see [`Only::discriminant`]) is `value` takes the
    /// keyword.
    pub fn admits(self, value: &str) -> bool {
        match self {
            Only::Always => true,
            Only::Body => value == "body",
            Only::NonBody => value != "body",
            Only::Path => value == "path",
            Only::QueryOrForm => matches!(value, "query" | "formData"),
            Only::ApiKey => value == "apiKey",
            Only::OAuth2 => value == "oauth2",
        }
    }
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
    /// Whether `values` is the closed list of what the platform accepts (not suggestions).
    pub closed: bool,
    /// Whether Swagger or the platform requires the key in every object of its kind (for the
    /// parameters of `only`); an object that is a `$ref` needs nothing else.
    pub required: bool,
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
        closed: false,
        required: false,
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

    /// `values` are the only ones accepted.
    const fn one_of(mut self, values: &'static [EnumValue]) -> Self {
        self = self.values(values);
        self.closed = true;
        self
    }

    const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The value documentation of `value`, if it is one of the listed values.
    pub fn value_doc(&self, value: &str) -> Option<&EnumValue> {
        self.values.iter().find(|v| v.value == value)
    }
}

/// The values of an enumerated key as they must be written, for rules that check them.
pub fn value_names(values: &'static [EnumValue]) -> impl Iterator<Item = &'static str> + Clone {
    values.iter().map(|value| value.value)
}

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
        Loc::SchemaCapabilities => SCHEMA_CAPABILITIES,
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
        FileKind::Script | FileKind::Readme | FileKind::Icon => Loc::Unknown,
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

/// The location of the member `key` of a node at `parent` ([`child`] without building a
/// [`Seg`]).
pub fn child_of_key(parent: Loc, key: &str) -> Loc {
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
        (Loc::Schema, "x-ms-capabilities") => Loc::SchemaCapabilities,

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

/// The path of keys and indices from the root to `node`.
pub fn path_to(tree: &JsonTree, node: NodeId) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut current = node;
    while let Some(parent) = tree.parent(current) {
        match tree.member_of(current) {
            Some(member) => segs.push(Seg::Key(member.key.to_string())),
            None => {
                let index = tree.items(parent).iter().position(|&i| i == current);
                segs.push(Seg::Index(index.unwrap_or(0)));
            }
        }
        current = parent;
    }
    segs.reverse();
    segs
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
}
