//! A range-carrying view of a Swagger 2.0 definition over the JSON tree: paths, operations,
//! parameters (path-level merge, `$ref` to `#/parameters`), responses (`$ref` to
//! `#/responses`) and local `$ref` resolution. Extensions are read straight from the tree.

use std::collections::{HashMap, HashSet};

use crate::model::SourceFile;
use crate::syntax::json::{JsonTree, NodeId, NodeKind, unescape_pointer};
use crate::text::TextRange;

/// The HTTP methods Swagger 2.0 allows as path-item keys.
pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// `$ref` chains longer than this are treated as cycles.
pub const MAX_REF_HOPS: usize = 32;

#[derive(Clone, Debug)]
pub struct PathItem<'a> {
    pub template: &'a str,
    pub key_range: TextRange,
    pub node: NodeId,
}

#[derive(Clone, Debug)]
pub struct Operation {
    /// Index into [`Swagger::paths`].
    pub path: usize,
    pub method: &'static str,
    pub method_key_range: TextRange,
    pub node: NodeId,
}

/// Whether a parameter was declared on the path item or on the operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLevel {
    Path,
    Operation,
}

#[derive(Clone, Debug)]
pub struct Parameter<'a> {
    /// The parameter object, after following `$ref`.
    pub node: NodeId,
    /// The array item where the parameter is written (an inline object or a `$ref` object).
    pub site: NodeId,
    pub name: Option<&'a str>,
    pub location: Option<&'a str>,
    pub level: ParamLevel,
}

#[derive(Clone, Debug)]
pub struct Response<'a> {
    pub code: &'a str,
    pub key_range: TextRange,
    /// The response object, after following `$ref`.
    pub node: NodeId,
}

/// Why a `$ref` does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// Not a local pointer (`other.json#/…`, `http://…`).
    External,
    /// A local pointer to nothing.
    Missing,
    /// A chain of `$ref`s that loops or is too long.
    Cycle,
}

pub struct Swagger<'a> {
    pub tree: &'a JsonTree,
    pub root: NodeId,
    pub paths: Vec<PathItem<'a>>,
    pub operations: Vec<Operation>,
    /// The templates of `paths`, for rules that ask whether a repaired path already exists.
    templates: HashSet<&'a str>,
    /// Operation index by operationId (the first operation with that id).
    by_id: HashMap<&'a str, usize>,
    /// Operation ids by their lower-case form, for references that ignore case.
    by_lowercase_id: HashMap<String, &'a str>,
    /// Recovery from a syntax error guessed which operations `paths` holds: an operationId
    /// missing from `operations` may be in the text all the same.
    pub operations_guessed: bool,
}

impl<'a> Swagger<'a> {
    /// The view over a parsed definition; `None` when the root is not an object.
    pub fn new(tree: &'a JsonTree) -> Option<Self> {
        let root = tree.root().filter(|&r| tree.is_object(r))?;
        let mut paths = Vec::new();
        let mut operations = Vec::new();
        if let Some(paths_node) = tree.get(root, "paths") {
            for member in tree.members(paths_node) {
                if member.key.starts_with("x-") || !tree.is_object(member.value) {
                    continue;
                }
                let path = paths.len();
                paths.push(PathItem {
                    template: &member.key,
                    key_range: member.key_range,
                    node: member.value,
                });
                for op in tree.members(member.value) {
                    let Some(method) = METHODS.iter().find(|m| **m == &*op.key) else {
                        continue;
                    };
                    if tree.is_object(op.value) {
                        operations.push(Operation {
                            path,
                            method,
                            method_key_range: op.key_range,
                            node: op.value,
                        });
                    }
                }
            }
        }
        let mut by_id = HashMap::new();
        let mut by_lowercase_id = HashMap::new();
        for (index, op) in operations.iter().enumerate() {
            if let Some(id) = tree.get_str(op.node, "operationId") {
                by_id.entry(id).or_insert(index);
                by_lowercase_id.entry(id.to_lowercase()).or_insert(id);
            }
        }
        Some(Swagger {
            tree,
            root,
            templates: paths.iter().map(|item| item.template).collect(),
            paths,
            operations,
            by_id,
            by_lowercase_id,
            operations_guessed: false,
        })
    }

    /// The view over a definition file, knowing whether recovery from a syntax error guessed
    /// its operations: `paths` or a container around or inside it closed by guess, or no
    /// `paths` while some container was (it may have taken `paths` in).
    pub fn of(file: &'a SourceFile) -> Option<Self> {
        let parsed = file.json.as_ref()?;
        let mut swagger = Swagger::new(&parsed.tree)?;
        swagger.operations_guessed = !parsed.uncertain.is_empty()
            && parsed.tree.get(swagger.root, "paths").is_none_or(|paths| {
                parsed.is_uncertain(parsed.tree.range(paths).start, Some("/paths"))
            });
        Some(swagger)
    }

    /// Whether one of `paths` is `template`.
    pub fn has_path(&self, template: &str) -> bool {
        self.templates.contains(template)
    }

    pub fn path_of(&self, op: &Operation) -> &PathItem<'a> {
        &self.paths[op.path]
    }

    /// The `operationId` value node, if the member exists.
    pub fn operation_id_node(&self, op: &Operation) -> Option<NodeId> {
        self.tree.get(op.node, "operationId")
    }

    pub fn operation_id(&self, op: &Operation) -> Option<&'a str> {
        self.tree.get_str(op.node, "operationId")
    }

    /// `GET /employees/{id}`, for messages.
    pub fn describe(&self, op: &Operation) -> String {
        let template = crate::text::excerpt(self.path_of(op).template);
        format!("{} {template}", op.method.to_uppercase())
    }

    /// `'GetEmployee'` when the operation has an id, else `GET /employees/{id}`.
    pub fn name(&self, op: &Operation) -> String {
        match self.operation_id(op) {
            Some(id) if !id.trim().is_empty() => format!("'{}'", crate::text::excerpt(id)),
            _ => self.describe(op),
        }
    }

    /// The operation whose id is `id` (the first, when duplicated).
    pub fn find_operation(&self, id: &str) -> Option<&Operation> {
        self.by_id.get(id).map(|&index| &self.operations[index])
    }

    /// Whether some operation's id is the one `reference` names, or may be: when recovery
    /// guessed the operations, no reference is taken for unknown.
    pub fn resolves(&self, reference: &crate::model::references::OperationRef) -> bool {
        if self.operations_guessed {
            true
        } else if reference.ignore_case {
            self.by_lowercase_id
                .contains_key(&reference.name.to_lowercase())
        } else {
            self.by_id.contains_key(reference.name.as_str())
        }
    }

    pub fn operation_ids(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.operations
            .iter()
            .filter_map(|op| self.operation_id(op))
    }

    /// Follow `$ref` from `node` until a node without `$ref`.
    pub fn resolve(&self, node: NodeId) -> Result<NodeId, RefError> {
        let mut current = node;
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = self.tree.get_str(current, "$ref") else {
                return Ok(current);
            };
            current = resolve_local_ref(self.tree, target)?;
        }
        Err(RefError::Cycle)
    }

    /// `resolve`, falling back to the node itself when the reference is broken (that is
    /// reported by `ref-unresolved`; other rules go on with what is written).
    pub fn deref(&self, node: NodeId) -> NodeId {
        self.resolve(node).unwrap_or(node)
    }

    /// The merged parameters of an operation: path-level ones first, overridden by operation
    /// parameters with the same name and location.
    pub fn parameters(&self, op: &Operation) -> Vec<Parameter<'a>> {
        let tree = self.tree;
        let collect = |container: NodeId, level: ParamLevel| -> Vec<Parameter<'a>> {
            let Some(list) = tree.get(container, "parameters") else {
                return Vec::new();
            };
            tree.items(list)
                .iter()
                .map(|&site| {
                    let node = self.deref(site);
                    Parameter {
                        node,
                        site,
                        name: tree.get_str(node, "name"),
                        location: tree.get_str(node, "in"),
                        level,
                    }
                })
                .collect()
        };
        let own = collect(op.node, ParamLevel::Operation);
        let mut merged: Vec<Parameter<'a>> = collect(self.path_of(op).node, ParamLevel::Path)
            .into_iter()
            .filter(|p| {
                !own.iter()
                    .any(|o| o.name == p.name && o.location == p.location)
            })
            .collect();
        merged.extend(own);
        merged
    }

    /// The responses of an operation, each resolved through `#/responses/…`.
    pub fn responses(&self, op: &Operation) -> Vec<Response<'a>> {
        let tree = self.tree;
        let Some(responses) = tree.get(op.node, "responses") else {
            return Vec::new();
        };
        tree.members(responses)
            .iter()
            .filter(|m| !m.key.starts_with("x-"))
            .map(|m| Response {
                code: &m.key,
                key_range: m.key_range,
                node: self.deref(m.value),
            })
            .collect()
    }

    /// The MIME types an operation consumes: its own `consumes`, else the definition's;
    /// `None` when neither declares the list (strings only; other items are the structural
    /// rules' to report).
    pub fn consumes(&self, op: &Operation) -> Option<Vec<&'a str>> {
        self.media_types(op, "consumes")
    }

    /// The MIME types an operation produces: its own `produces`, else the definition's.
    pub fn produces(&self, op: &Operation) -> Option<Vec<&'a str>> {
        self.media_types(op, "produces")
    }

    fn media_types(&self, op: &Operation, key: &str) -> Option<Vec<&'a str>> {
        let tree = self.tree;
        let list = tree
            .get(op.node, key)
            .or_else(|| tree.get(self.root, key))
            .filter(|&node| tree.is_array(node))?;
        Some(
            tree.items(list)
                .iter()
                .filter_map(|&item| tree.as_str(item))
                .collect(),
        )
    }

    /// The schema of a response, resolved through `$ref`.
    pub fn response_schema(&self, response: &Response) -> Option<NodeId> {
        self.tree
            .get(response.node, "schema")
            .map(|s| self.deref(s))
    }
}

/// Keys whose values are data, not Swagger: `$ref` members there are not references.
const DATA_KEYS: [&str; 5] = [
    "example",
    "examples",
    "x-example",
    "default",
    "x-ms-test-value",
];

/// Keys whose members are user-chosen names, so a member called `default` or `$ref` there is
/// a name and not a keyword.
const NAME_MAPS: [&str; 7] = [
    "properties",
    "patternProperties",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "paths",
];

/// One `$ref` of a definition: the object that holds it and its value node (a string, unless
/// the definition is wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefSite {
    pub object: NodeId,
    pub value: NodeId,
}

/// Every `$ref` member of a definition, in document order, except those that are names (a
/// property called `$ref`) or data (inside `example`, `default`, …).
pub fn ref_sites(tree: &JsonTree) -> impl Iterator<Item = RefSite> + '_ {
    tree.ids().filter_map(move |object| {
        let member = tree
            .members(object)
            .iter()
            .rev()
            .find(|m| &*m.key == "$ref")?;
        if is_name_map(tree, object) || in_data(tree, object) {
            return None;
        }
        Some(RefSite {
            object,
            value: member.value,
        })
    })
}

/// Whether `object` is a map of names (its members are not keywords).
pub fn is_name_map(tree: &JsonTree, object: NodeId) -> bool {
    tree.member_of(object)
        .is_some_and(|m| NAME_MAPS.contains(&&*m.key))
}

/// Whether `node` lies inside an example or default value.
pub fn in_data(tree: &JsonTree, node: NodeId) -> bool {
    let mut current = node;
    while let Some(parent) = tree.parent(current) {
        if let Some(member) = tree.member_of(current)
            && DATA_KEYS.contains(&&*member.key)
            && !is_name_map(tree, parent)
        {
            return true;
        }
        current = parent;
    }
    false
}

/// Resolve a `$ref` string against the document: only local pointers (`#/…`) resolve.
pub fn resolve_local_ref(tree: &JsonTree, reference: &str) -> Result<NodeId, RefError> {
    let Some(pointer) = reference.strip_prefix('#') else {
        return Err(RefError::External);
    };
    let decoded = percent_decode(pointer);
    if !decoded.is_empty() && !decoded.starts_with('/') {
        return Err(RefError::Missing);
    }
    tree.resolve_pointer(&decoded).ok_or(RefError::Missing)
}

/// Decode the `%XX` escapes of a URI fragment (invalid escapes are kept as written).
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The segments of a `$ref` pointer, for "did you mean" suggestions (`#/definitions/Foo` →
/// container `definitions`, name `Foo`).
pub fn ref_container_and_name(reference: &str) -> Option<(String, String)> {
    let pointer = reference.strip_prefix("#/")?;
    let mut parts = pointer.splitn(2, '/');
    let container = unescape_pointer(parts.next()?);
    let name = unescape_pointer(&percent_decode(parts.next()?));
    Some((container, name))
}

/// Whether a node is a JSON schema whose `type` is `kind`.
pub fn has_type(tree: &JsonTree, node: NodeId, kind: &str) -> bool {
    match tree.get(node, "type").map(|t| tree.kind(t)) {
        Some(NodeKind::String(t)) => &**t == kind,
        Some(NodeKind::Array(items)) => items.iter().any(|&i| tree.as_str(i) == Some(kind)),
        _ => false,
    }
}

/// The path part of a path key, before a query string (`?`) or fragment (`#`): a `{name}`
/// after them is a query value, not a path parameter.
pub fn path_part(template: &str) -> &str {
    &template[..template.find(['?', '#']).unwrap_or(template.len())]
}

/// One `{…}` of a path template, as it is written: closed by its `}`, or left open before a
/// `/` or the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateVariable<'t> {
    /// What the braces hold (`name=default` in a malformed one).
    pub content: &'t str,
    pub content_range: std::ops::Range<usize>,
    /// The whole variable: its braces included, or to the `/` or end that leaves it open.
    pub span: std::ops::Range<usize>,
    pub closed: bool,
}

impl<'t> TemplateVariable<'t> {
    /// The variable's name: its content before any `=default`.
    pub fn name(&self) -> &'t str {
        self.content.split('=').next().unwrap_or_default()
    }
}

/// Every `{…}` of a path template, closed or left open; a `{` followed by another `{` before
/// any `}` or `/` opens nothing. The one reading of template syntax: the platform's variables
/// are the closed ones ([`template_variables`]); the path rules also see the open ones, so as
/// not to report their names again.
pub fn scan_template(template: &str) -> Vec<TemplateVariable<'_>> {
    let mut vars = Vec::new();
    let mut at = 0;
    while let Some(open) = template[at..].find('{') {
        let open = at + open;
        let (end, closed) = match template[open + 1..].find(['{', '}', '/']) {
            Some(i) if template.as_bytes()[open + 1 + i] == b'{' => {
                at = open + 1 + i;
                continue;
            }
            Some(i) => (open + 1 + i, template.as_bytes()[open + 1 + i] == b'}'),
            None => (template.len(), false),
        };
        let span_end = if closed { end + 1 } else { end };
        vars.push(TemplateVariable {
            content: &template[open + 1..end],
            content_range: open + 1..end,
            span: open..span_end,
            closed,
        });
        at = span_end.max(open + 1);
    }
    vars
}

/// The template variables of a path key, as the platform reads them (closed `{name}`s):
/// `/a/{id}/b/{name}` → `[("id", range), ...]`, with each range inside `key_range` (the
/// quoted key) when the key has no escapes.
pub fn template_variables(template: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    scan_template(template)
        .into_iter()
        .filter(|v| v.closed)
        .map(|v| (v.content, v.content_range))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    const DOC: &str = r##"{
      "swagger": "2.0",
      "paths": {
        "/items/{id}": {
          "parameters": [{"$ref": "#/parameters/id"}, {"name": "q", "in": "query"}],
          "get": {
            "operationId": "GetItem",
            "parameters": [{"name": "q", "in": "query", "required": true}],
            "responses": {"200": {"$ref": "#/responses/Ok"}}
          }
        }
      },
      "parameters": {"id": {"name": "id", "in": "path"}},
      "responses": {"Ok": {"description": "OK", "schema": {"$ref": "#/definitions/It%65m"}}},
      "definitions": {"Item": {"type": "object"}, "A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}
    }"##;

    #[test]
    fn merges_parameters_and_resolves_refs() {
        let parsed = parse(DOC);
        let swagger = Swagger::new(&parsed.tree).unwrap();
        let op = &swagger.operations[0];
        assert_eq!(swagger.operation_id(op), Some("GetItem"));
        let params = swagger.parameters(op);
        let names: Vec<_> = params.iter().map(|p| (p.name.unwrap(), p.level)).collect();
        assert_eq!(
            names,
            [("id", ParamLevel::Path), ("q", ParamLevel::Operation)]
        );
        let responses = swagger.responses(op);
        let schema = swagger.response_schema(&responses[0]).unwrap();
        assert!(has_type(&parsed.tree, schema, "object"));
        let a = parsed.tree.resolve_pointer("/definitions/A").unwrap();
        assert_eq!(swagger.resolve(a), Err(RefError::Cycle));
    }

    #[test]
    fn finds_template_variables() {
        let vars: Vec<_> = template_variables("/a/{id}/b/{x}{y}/{bad")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert_eq!(vars, ["id", "x", "y"]);
    }

    /// The one scan of a template sees the closed variables the platform reads and the ones
    /// left open (before a `/` or the end), with their spans; `{{` opens nothing.
    #[test]
    fn scans_closed_and_open_variables() {
        let template = "/a/{id}/{x=1}/{open/{{y}/{end";
        let found: Vec<(&str, &str, bool)> = scan_template(template)
            .iter()
            .map(|v| (v.name(), &template[v.span.clone()], v.closed))
            .collect();
        assert_eq!(
            found,
            [
                ("id", "{id}", true),
                ("x", "{x=1}", true),
                ("open", "{open", false),
                ("y", "{y}", true),
                ("end", "{end", false),
            ]
        );
        let platform: Vec<&str> = template_variables(template).iter().map(|v| v.0).collect();
        assert_eq!(platform, ["id", "x=1", "y"]);
    }
}
