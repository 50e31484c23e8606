//! The one walk over a definition that the structural rules share (key-not-allowed,
//! extension-unknown, value-invalid, required-key-missing): it follows the nesting the
//! vocabulary describes ([`vocabulary::child_of_key`]), checks every object of a kind whose keys
//! the tables list in full against its table, and returns what it found for each rule to
//! report its part. It visits each node once, with an explicit stack: linear in the input and
//! safe at any depth.

use crate::edit::names::closest;
use crate::model::SourceFile;
use crate::rules::context::Context;
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::vocabulary::structure::{
    CHECKED_ELSEWHERE, DEFINITION_OBJECTS, DESIGNER_EXTENSIONS, EMPTY_MEANS_ABSENT,
    NOT_IN_SWAGGER_2, extension_names, is_known_extension, is_known_format, is_mime_type,
    is_root_section, is_supported_request_mime_type,
};
use crate::vocabulary::{self, IGNORED_EXTENSIONS, Key, Kind, Loc, Only, Seg};

/// What is wrong with one key or value.
#[derive(Clone, Copy, Debug)]
pub enum Problem {
    /// A key this kind of object does not have.
    NotAllowed,
    /// A keyword of JSON Schema or OpenAPI 3 that Swagger 2.0 does not have.
    KeywordNotInSwagger2,
    /// A keyword that a parameter with this `in` (or a security definition of this `type`)
    /// does not take: `type` on a body parameter, `schema` on a query parameter, `flow` on an
    /// apiKey definition.
    NotForLocation(&'static Key),
    /// A key next to `$ref`: the reference replaces the whole object, the key is ignored.
    NextToRef,
    /// `$ref` in a path item.
    PathItemRef,
    /// A root section (`securityDefinitions`…) in a path item or an operation.
    MisplacedSection,
    /// An `x-ms-` extension that does not exist, with the known one it may be a misspelling of.
    UnknownExtension(Option<&'static str>),
    /// An `x-ms-` extension that exists, but has no effect where it stands.
    MisplacedExtension,
    /// An AutoRest extension, which Power Platform ignores.
    IgnoredExtension,
    /// A value of the wrong JSON type.
    WrongType(&'static Key),
    /// A value outside the closed list of the key's values.
    NotInEnum(&'static Key),
    /// A `format` its type does not recognise.
    UnknownFormat,
    /// A `consumes` or `produces` item that is not written as a MIME type.
    MimeTypeNotValid,
    /// A `consumes` item that is a MIME type the validator does not list as supported.
    MimeTypeNotSupported,
    /// A required key that the object lacks.
    Missing(&'static Key),
}

/// One finding of the walk.
#[derive(Clone, Copy, Debug)]
pub struct Finding {
    /// The kind of object the finding is in.
    pub loc: Loc,
    pub object: NodeId,
    /// The index of the member at fault in `object`; `None` for a missing key.
    pub member: Option<usize>,
    /// The value at fault: the member's value or one of its items (for value problems).
    pub value: Option<NodeId>,
    pub problem: Problem,
}

/// Walk a definition from its root. An OpenAPI 3 document is not walked: swagger-version
/// says what it is, and nothing of Swagger 2.0 applies to it.
pub fn walk(tree: &JsonTree, text: &str, root: NodeId) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !tree.is_object(root) || tree.get(root, "openapi").is_some() {
        return findings;
    }
    let mut stack = vec![(root, Loc::Root)];
    while let Some((node, loc)) = stack.pop() {
        match tree.kind(node) {
            NodeKind::Object(members) => {
                if DEFINITION_OBJECTS.contains(&loc) {
                    check_object(tree, text, node, loc, &mut findings);
                }
                for member in members {
                    let child = vocabulary::child_of_key(loc, &member.key);
                    if child != Loc::Unknown {
                        stack.push((member.value, child));
                    }
                }
            }
            NodeKind::Array(items) => {
                for (index, &item) in items.iter().enumerate() {
                    let child = vocabulary::child(loc, &Seg::Index(index));
                    if child != Loc::Unknown {
                        stack.push((item, child));
                    }
                }
            }
            _ => {}
        }
    }
    findings
}

fn check_object(tree: &JsonTree, text: &str, object: NodeId, loc: Loc, out: &mut Vec<Finding>) {
    let members = tree.members(object);
    let is_ref = loc != Loc::PathItem
        && vocabulary::find(loc, "$ref").is_some()
        && tree.get(object, "$ref").is_some();
    // The `in` of a parameter or the `type` of a security definition, which decides some of
    // its keywords.
    let location = Only::discriminant(loc).and_then(|key| tree.get_str(object, key));
    let mut report = |member: Option<usize>, value: Option<NodeId>, problem| {
        out.push(Finding {
            loc,
            object,
            member,
            value,
            problem,
        });
    };
    for (index, member) in members.iter().enumerate() {
        let name = &*member.key;
        if is_ref && name != "$ref" {
            report(Some(index), None, Problem::NextToRef);
            continue;
        }
        if let Some(key) = vocabulary::find(loc, name) {
            if CHECKED_ELSEWHERE.contains(&(loc, name)) {
                continue;
            }
            if location.is_some_and(|l| !key.only.admits(l)) {
                report(Some(index), None, Problem::NotForLocation(key));
                continue;
            }
            value_problems(
                tree,
                text,
                object,
                key,
                member.value,
                &mut |node, problem| report(Some(index), Some(node), problem),
            );
            continue;
        }
        let problem = if name == "$ref" && loc == Loc::PathItem {
            Problem::PathItemRef
        } else if name.starts_with("x-ms-") {
            if DESIGNER_EXTENSIONS.contains(&name) {
                continue;
            } else if IGNORED_EXTENSIONS.contains(&name) {
                Problem::IgnoredExtension
            } else if loc == Loc::Parameter
                && location == Some("body")
                && name.starts_with("x-ms-dynamic-")
            {
                // One defect, one finding: dynamic-extension-misplaced reports it, with
                // where it belongs (the body's schema).
                continue;
            } else if is_known_extension(name) {
                Problem::MisplacedExtension
            } else {
                Problem::UnknownExtension(closest(name, extension_names().iter().copied()))
            }
        } else if name.starts_with("x-") {
            // Vendor extensions are allowed wherever Swagger allows extensions.
            continue;
        } else if NOT_IN_SWAGGER_2.contains(&name) {
            Problem::KeywordNotInSwagger2
        } else if matches!(loc, Loc::PathItem | Loc::Operation) && is_root_section(name) {
            Problem::MisplacedSection
        } else {
            Problem::NotAllowed
        };
        report(Some(index), None, problem);
    }
    if is_ref {
        return;
    }
    for key in vocabulary::keys(loc) {
        let applies = key.only == Only::Always || location.is_some_and(|l| key.only.admits(l));
        if key.required && applies && tree.get(object, key.name).is_none() {
            report(None, None, Problem::Missing(key));
        }
    }
}

/// The problems of the value of `key`, each at the value or the item at fault: a value of the
/// wrong type has no other.
fn value_problems(
    tree: &JsonTree,
    text: &str,
    object: NodeId,
    key: &'static Key,
    value: NodeId,
    report: &mut impl FnMut(NodeId, Problem),
) {
    if !has_kind(tree, text, value, key) {
        report(value, Problem::WrongType(key));
        return;
    }
    // The value itself, or each item of a list: the strings to check, without allocating.
    let nodes = match tree.kind(value) {
        NodeKind::Array(items) => items.as_slice(),
        _ => std::slice::from_ref(&value),
    };
    // One unsupported request type per list is enough: OData services list a dozen variants.
    let mut unsupported_reported = false;
    for (node, string) in nodes
        .iter()
        .filter_map(|&node| tree.as_str(node).map(|s| (node, s)))
    {
        let empty_means_absent = string.is_empty() && EMPTY_MEANS_ABSENT.contains(&key.name);
        if key.closed && key.value_doc(string).is_none() && !empty_means_absent {
            report(node, Problem::NotInEnum(key));
        } else if key.name == "format" && !is_known_format(tree.get_str(object, "type"), string) {
            report(node, Problem::UnknownFormat);
        } else if matches!(key.name, "consumes" | "produces") && !is_mime_type(string) {
            report(node, Problem::MimeTypeNotValid);
        } else if key.name == "consumes"
            && !is_supported_request_mime_type(string)
            && !unsupported_reported
        {
            unsupported_reported = true;
            report(node, Problem::MimeTypeNotSupported);
        }
    }
}

/// Whether `value` has the JSON type `key` takes. Swagger lets `additionalProperties` be a
/// boolean as well as a schema.
pub fn has_kind(tree: &JsonTree, text: &str, value: NodeId, key: &Key) -> bool {
    match (key.kind, tree.kind(value)) {
        (Kind::Any, _) | (_, NodeKind::Invalid) => true,
        (Kind::String, NodeKind::String(_)) => true,
        (Kind::Boolean, NodeKind::Bool(_)) => true,
        (Kind::Number, NodeKind::Number) => true,
        (Kind::Integer, NodeKind::Number) => {
            let range = tree.range(value);
            let literal = &text[range.start as usize..range.end as usize];
            !literal.contains(['.', 'e', 'E'])
        }
        (Kind::Object, NodeKind::Object(_)) => true,
        (Kind::Object, NodeKind::Bool(_)) => key.name == "additionalProperties",
        (Kind::Array, NodeKind::Array(_)) => true,
        _ => false,
    }
}

/// The JSON type of a value, as messages name it.
pub fn kind_name(tree: &JsonTree, value: NodeId) -> &'static str {
    match tree.kind(value) {
        NodeKind::Object(_) => "object",
        NodeKind::Array(_) => "array",
        NodeKind::String(_) => "string",
        NodeKind::Number => "number",
        NodeKind::Bool(_) => "boolean",
        NodeKind::Null => "null",
        NodeKind::Invalid => "invalid",
    }
}

/// The walk of the connector's definition, with the file and tree the findings are in: walked
/// once per analysis, whichever structural rule asks first.
pub fn definition_findings<'c, 'a>(
    ctx: &'c Context<'_, 'a>,
) -> Option<(&'a SourceFile, &'a JsonTree, &'c [Finding])> {
    let (file, swagger) = ctx.definition.as_ref()?;
    let findings = ctx.structure(|| walk(swagger.tree, &file.text, swagger.root));
    Some((file, swagger.tree, findings))
}

/// What an object kind is called in messages.
pub fn object_name(loc: Loc) -> &'static str {
    match loc {
        Loc::Root => "the definition's root",
        Loc::Info => "info",
        Loc::Contact => "info.contact",
        Loc::License => "info.license",
        Loc::Tag => "a tag",
        Loc::ExternalDocs => "externalDocs",
        Loc::PathItem => "a path item",
        Loc::Operation => "an operation",
        Loc::Parameter => "a parameter",
        Loc::Items => "the items of a parameter",
        Loc::Response => "a response",
        Loc::Header => "a response header",
        Loc::Schema => "a schema",
        Loc::Xml => "xml",
        Loc::SecurityDefinition => "a security definition",
        Loc::DynamicValues => "x-ms-dynamic-values",
        Loc::DynamicValuesArg => "an argument of x-ms-dynamic-values",
        Loc::DynamicList => "x-ms-dynamic-list",
        Loc::DynamicListArg => "an argument of x-ms-dynamic-list",
        Loc::DynamicSchema => "x-ms-dynamic-schema",
        Loc::DynamicProperties => "x-ms-dynamic-properties",
        Loc::DynamicTree => "x-ms-dynamic-tree",
        Loc::DynamicTreeSettings => "x-ms-dynamic-tree settings",
        Loc::DynamicTreeCall => "an x-ms-dynamic-tree operation",
        Loc::EnumValue => "an item of x-ms-enum-values",
        Loc::Pageable => "x-ms-pageable",
        Loc::InfoAnnotation | Loc::OperationAnnotation => "x-ms-api-annotation",
        Loc::Replacement => "an x-ms-api-annotation replacement",
        Loc::ApiCapabilities | Loc::OperationCapabilities => "x-ms-capabilities",
        Loc::FilePicker => "the file picker",
        Loc::OperationCall => "an operation call",
        Loc::TriggerMetadata => "x-ms-trigger-metadata",
        Loc::TriggerValue => "x-ms-trigger-value",
        Loc::Notification => "x-ms-notification",
        Loc::NotificationContent => "x-ms-notification-content",
        Loc::OperationContext => "x-ms-operation-context",
        Loc::ConnectorMetadata => "an item of x-ms-connector-metadata",
        Loc::Docs => "an item of x-ms-docs",
        Loc::OpenAiData => "x-ms-openai-data",
        Loc::OpenAiOperation => "an operation of x-ms-openai-data",
        Loc::OpenAiManifest => "x-ms-openai-manifest",
        _ => "this object",
    }
}
