//! The `breaking-` rules: what changed between the connector at a base revision (`check
//! --base`, the editor's `baseRef`) and now that breaks the flows and apps built on it, as
//! Microsoft's change validator (ValidateChange) rejects it. This module matches the two
//! versions once for all of them: operations by operationId (then by method and path, which
//! tells a changed operationId from a deleted operation), and every input and output field by
//! its place in the request or response once `$ref`, path-level parameters and `allOf` are
//! resolved, so that moving a definition, reordering keys or rewording is never a change.
//! Every rule is silent without a base.

use std::collections::HashMap;

pub(super) use crate::model::fields::Side;
use crate::model::swagger::{Operation, Swagger};
use crate::model::{FileKind, SourceFile};
use crate::rules::context::{Context, Sink};
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::text::{TextRange, excerpt};

pub mod auth_changed;
pub mod connection_parameter_removed;
pub mod input_enum_changed;
pub mod input_internal;
pub mod input_removed;
pub mod input_required;
pub mod input_type_changed;
pub mod operation_hidden;
pub mod operation_removed;
pub mod output_removed;
pub mod output_type_changed;
pub mod policy_removed;

pub(super) static RULES: &[&super::Rule] = &[
    &operation_removed::RULE,
    &operation_hidden::RULE,
    &input_removed::RULE,
    &input_internal::RULE,
    &input_required::RULE,
    &input_type_changed::RULE,
    &input_enum_changed::RULE,
    &output_removed::RULE,
    &output_type_changed::RULE,
    &auth_changed::RULE,
    &connection_parameter_removed::RULE,
    &connection_parameter_removed::CHANGED,
    &policy_removed::RULE,
];

/// The deepest a schema is followed, and the most fields one side of an operation may have:
/// past either, the operation's fields are not compared (a walk cut short would see changes
/// where the order of keys changed).
const MAX_DEPTH: usize = 12;
const MAX_FIELDS: usize = 4_000;

/// The two definitions compared: the base's and the current one, with their operations
/// matched.
pub(super) struct Definitions<'c, 'a> {
    pub now: &'c Swagger<'a>,
    pub base_file: &'c SourceFile,
    pub base: &'c Swagger<'c>,
    pub label: &'c str,
    compared: &'c Compared<'c, 'a>,
}

/// An operation of the base (with an operationId), the operation with that id now, and the
/// fields of both on each side.
pub(crate) struct Pair<'b, 'a> {
    pub base: &'b Operation,
    pub now: Option<&'b Operation>,
    /// Input and output fields, at the base and now; `None` when a side could not be walked
    /// whole.
    fields: [Option<(Fields<'b>, Fields<'a>)>; 2],
}

impl<'b, 'a> Pair<'b, 'a> {
    pub fn fields(&self, side: Side) -> Option<&(Fields<'b>, Fields<'a>)> {
        self.fields[side as usize].as_ref()
    }

    /// The fields of `side` that the operation has at the base and now, visible in both (a
    /// field internal on either side is no one's input or output): (before, now).
    pub fn kept_fields(&self, side: Side) -> impl Iterator<Item = (&Field<'b>, &Field<'a>)> {
        self.fields(side).into_iter().flat_map(|(base, now)| {
            now.list
                .iter()
                .enumerate()
                .filter_map(move |(index, field)| {
                    let before = base.index_of(&field.key)?;
                    (!base.hidden(before) && !now.hidden(index))
                        .then(|| (&base.list[before], field))
                })
        })
    }
}

/// The operations of the base matched with today's, and their fields: walked once per
/// analysis, for every rule of the family.
pub(crate) struct Compared<'b, 'a> {
    pairs: Vec<Pair<'b, 'a>>,
}

/// The two definitions, when there is a base and both parse.
pub(super) fn definitions<'c, 'i, 'a>(ctx: &'c Context<'i, 'a>) -> Option<Definitions<'c, 'a>> {
    let base = ctx.base.as_ref()?;
    let (file, now) = ctx.index.definition.as_ref()?;
    let (base_file, base_swagger) = base.index.definition.as_ref()?;
    // An unchanged definition has no breaking change (the common case: most connectors of a
    // pull request are untouched).
    if base_file.text == file.text {
        return None;
    }
    let compared = ctx.compared(|| Compared::new(base_swagger, base_file, now, file));
    Some(Definitions {
        now,
        base_file,
        base: base_swagger,
        label: base.label,
        compared,
    })
}

impl<'b, 'a> Compared<'b, 'a> {
    fn new(
        base: &'b Swagger<'b>,
        base_file: &SourceFile,
        now: &'b Swagger<'a>,
        file: &SourceFile,
    ) -> Self {
        let pairs = base
            .operations
            .iter()
            .filter_map(|op| {
                let id = base.operation_id(op)?;
                let found = now.find_operation(id);
                let walk = |side| {
                    let now_op = found?;
                    field_pairs((base, &base_file.text), (now, &file.text), op, now_op, side)
                };
                Some(Pair {
                    base: op,
                    now: found,
                    fields: [walk(Side::Input), walk(Side::Output)],
                })
            })
            .collect();
        Compared { pairs }
    }
}

impl<'c, 'a> Definitions<'c, 'a> {
    /// Every operation of the base with an operationId, and the operation with that id now.
    pub fn operations(&self) -> &'c [Pair<'c, 'a>] {
        &self.compared.pairs
    }

    /// The operations the base and today both have whose `side` could be walked whole: the
    /// operation now, and its fields of that side at the base and now.
    pub fn kept_operations(
        &self,
        side: Side,
    ) -> impl Iterator<Item = (&'c Operation, &'c Fields<'c>, &'c Fields<'a>)> {
        self.operations().iter().filter_map(move |pair| {
            let (base, now) = pair.fields(side)?;
            Some((pair.now?, base, now))
        })
    }

    /// The operation now at the method and path of `base_op`, if any.
    pub fn at_same_place(&self, base_op: &Operation) -> Option<&'c Operation> {
        let template = self.base.path_of(base_op).template;
        self.now
            .operations
            .iter()
            .find(|op| op.method == base_op.method && self.now.path_of(op).template == template)
    }

    /// Where a finding about `op` (now) stands: its operationId, else its method key.
    pub fn operation_range(&self, op: &Operation) -> (TextRange, String) {
        let tree = self.now.tree;
        match self.now.operation_id_node(op) {
            Some(node) => (tree.range(node), tree.pointer(node)),
            None => (op.method_key_range, tree.pointer(op.node)),
        }
    }

    /// Report at `range` (now) and name where `base_node` was at the base.
    pub fn report_moved<'s>(
        &self,
        sink: &'s mut Sink,
        (range, pointer): (TextRange, String),
        base_node: NodeId,
        message: String,
    ) -> &'s mut crate::diagnostic::Diagnostic {
        let related = self.was_at(base_node);
        sink.report(FileKind::ApiDefinition, range, pointer, message)
            .with_related(FileKind::ApiDefinition, range, related)
    }

    /// "was at line 12 (/paths/~1items/get) at HEAD", for the related information of a
    /// finding about something deleted.
    pub fn was_at(&self, base_node: NodeId) -> String {
        was_at(self.base_file, self.base.tree, base_node, self.label)
    }
}

/// "was at line 12 of the file (/pointer) at HEAD": the old location of a deleted thing, in
/// the base revision's file (the related information of its finding stands at the nearest
/// surviving parent, since the old file is not in the connector).
pub(super) fn was_at(file: &SourceFile, tree: &JsonTree, node: NodeId, label: &str) -> String {
    let at = file.line_index.line_col(&file.text, tree.range(node).start);
    format!(
        "was at line {} of {} ({}) at {}",
        at.line + 1,
        file.kind.default_name(),
        excerpt(&tree.pointer(node)),
        excerpt(label)
    )
}

/// One input or output field of an operation, as a flow sees it.
#[derive(Clone, Debug)]
pub(super) struct Field<'a> {
    /// What identifies the field across versions: `query:top`, `body:body/customer/name`,
    /// `200/items/[]/id`.
    pub key: String,
    /// The field for messages: `top`, `body/customer/name`, `items/[]/id`.
    pub name: String,
    /// The parameter's `in`, for a parameter.
    pub location: Option<&'a str>,
    /// Where the field is written (a `$ref` object, or the field itself).
    pub site: NodeId,
    /// The field's object after `$ref`.
    pub node: NodeId,
    pub parent: Option<usize>,
    pub required: bool,
    pub internal: bool,
    pub has_default: bool,
    pub kind: Option<&'a str>,
    pub format: Option<&'a str>,
    /// The values of `enum`, as JSON text.
    pub values: Option<Vec<String>>,
}

/// The fields of one side of an operation, keyed; `None` when the walk was cut short.
pub(super) struct Fields<'a> {
    pub list: Vec<Field<'a>>,
    by_key: HashMap<String, usize>,
}

impl<'a> Fields<'a> {
    pub fn get(&self, key: &str) -> Option<&Field<'a>> {
        self.index_of(key).map(|i| &self.list[i])
    }

    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Whether the field or one of its parents is internal.
    pub fn hidden(&self, index: usize) -> bool {
        let mut at = Some(index);
        while let Some(i) = at {
            if self.list[i].internal {
                return true;
            }
            at = self.list[i].parent;
        }
        false
    }
}

/// The fields of `op` on `side`; `None` when the schemas are too deep or too large to compare.
/// `response_code` renames a response code of this side to the code it is compared with.
pub(super) fn fields<'a>(
    swagger: &Swagger<'a>,
    text: &str,
    op: &Operation,
    side: Side,
    response_code: &dyn Fn(&str) -> String,
) -> Option<Fields<'a>> {
    let mut walk = Walk {
        swagger,
        text,
        list: Vec::new(),
        stack: Vec::new(),
        cut: false,
    };
    let tree = swagger.tree;
    match side {
        Side::Input => {
            for param in swagger.parameters(op) {
                let (Some(name), location) = (param.name, param.location) else {
                    continue;
                };
                let location_name = location.unwrap_or("");
                let schema = tree.get(param.node, "schema");
                let shape = schema.map_or(param.node, |s| swagger.deref(s));
                let index = walk.push(Field {
                    key: format!("{location_name}:{name}"),
                    name: name.to_string(),
                    location,
                    site: param.site,
                    node: param.node,
                    parent: None,
                    required: tree
                        .get(param.node, "required")
                        .and_then(|v| tree.as_bool(v))
                        == Some(true),
                    internal: is_internal(tree, param.site) || is_internal(tree, param.node),
                    has_default: tree.get(param.node, "default").is_some(),
                    kind: tree.get_str(shape, "type"),
                    format: tree.get_str(shape, "format"),
                    values: values(tree, text, param.node).or_else(|| values(tree, text, shape)),
                });
                if schema.is_some() {
                    let key = walk.list[index].key.clone();
                    walk.children(shape, &key, name, index);
                } else if let Some(items) = tree.get(param.node, "items") {
                    let key = walk.list[index].key.clone();
                    walk.schema(
                        items,
                        format!("{key}/[]"),
                        format!("{name}/[]"),
                        index,
                        true,
                    );
                }
            }
        }
        Side::Output => {
            for response in swagger.responses(op) {
                let Some(schema) = tree.get(response.node, "schema") else {
                    continue;
                };
                let code = response_code(response.code);
                walk.root(schema, code);
            }
        }
    }
    if walk.cut {
        return None;
    }
    let by_key = walk
        .list
        .iter()
        .enumerate()
        .map(|(i, f)| (f.key.clone(), i))
        .collect();
    Some(Fields {
        list: walk.list,
        by_key,
    })
}

/// The response codes of `op` that have a schema.
pub(super) fn schema_codes<'a>(swagger: &Swagger<'a>, op: &Operation) -> Vec<&'a str> {
    swagger
        .responses(op)
        .into_iter()
        .filter(|r| swagger.tree.get(r.node, "schema").is_some())
        .map(|r| r.code)
        .collect()
}

/// The input or output fields of an operation at the base and now, for the rules that
/// compare them: `None` when a side could not be walked whole.
fn field_pairs<'b, 'a>(
    (base, base_text): (&Swagger<'b>, &str),
    (now, text): (&Swagger<'a>, &str),
    base_op: &Operation,
    op: &Operation,
    side: Side,
) -> Option<(Fields<'b>, Fields<'a>)> {
    let same = |code: &str| code.to_string();
    let now_fields = fields(now, text, op, side, &same)?;
    // A response whose code changed (200 to 201) is the same response when each version has
    // exactly one success response with a schema.
    let base_codes = schema_codes(base, base_op);
    let now_codes = schema_codes(now, op);
    let success = |codes: &[&str]| {
        let found: Vec<String> = codes
            .iter()
            .filter(|c| c.starts_with('2'))
            .map(|c| c.to_string())
            .collect();
        (found.len() == 1).then(|| found[0].clone())
    };
    let (base_success, now_success) = (success(&base_codes), success(&now_codes));
    let rename = |code: &str| match (&base_success, &now_success) {
        (Some(b), Some(n)) if b == code && !now_codes.contains(&code) => n.clone(),
        _ => code.to_string(),
    };
    let base_fields = fields(base, base_text, base_op, side, &rename)?;
    Some((base_fields, now_fields))
}

/// Report a field that is gone at its nearest surviving parent (or the operation), with
/// where it was.
pub(super) fn report_gone(
    defs: &Definitions,
    sink: &mut Sink,
    base: &Fields,
    now: &Fields,
    index: usize,
    op: &Operation,
    message: String,
) {
    let mut parent = base.list[index].parent;
    let mut at = None;
    while let Some(p) = parent {
        if let Some(field) = now.get(&base.list[p].key) {
            at = Some(field.site);
            break;
        }
        parent = base.list[p].parent;
    }
    let place = match at {
        Some(site) => key_place(defs.now.tree, site),
        None => defs.operation_range(op),
    };
    defs.report_moved(sink, place, base.list[index].site, message);
}

/// The range of the key of the member holding `node` (its own range for array items), and
/// its pointer.
pub(super) fn key_place(tree: &JsonTree, node: NodeId) -> (TextRange, String) {
    let range = tree
        .member_of(node)
        .map_or(tree.range(node), |member| member.key_range);
    (range, tree.pointer(node))
}

/// Where a finding about `key` of a field (now) stands: that member's value where the field
/// is written or defined, else the field's own key.
pub(super) fn field_place(tree: &JsonTree, field: &Field, key: &str) -> (TextRange, String) {
    match tree
        .get(field.site, key)
        .or_else(|| tree.get(field.node, key))
    {
        Some(value) => (tree.range(value), tree.pointer(value)),
        None => key_place(tree, field.site),
    }
}

/// Whether a field of `base` at `index` is the topmost one missing now (its parent exists
/// now, or it has none).
pub(super) fn topmost_gone(base: &Fields, now: &Fields, index: usize) -> bool {
    now.get(&base.list[index].key).is_none()
        && base.list[index]
            .parent
            .is_none_or(|p| now.get(&base.list[p].key).is_some())
}

/// `'top'` for a parameter, `'customer/name' of the body` for a property, for messages.
pub(super) fn field_name(field: &Field) -> String {
    format!("'{}'", excerpt(&field.name))
}

fn is_internal(tree: &JsonTree, node: NodeId) -> bool {
    tree.get_str(node, "x-ms-visibility") == Some("internal")
}

/// The values of `enum` on `node`, as JSON text, when it has one.
fn values(tree: &JsonTree, text: &str, node: NodeId) -> Option<Vec<String>> {
    let list = tree.get(node, "enum")?;
    Some(
        tree.items(list)
            .iter()
            .map(|&item| match tree.kind(item) {
                NodeKind::String(text) => format!("{:?}", &**text),
                NodeKind::Bool(b) => b.to_string(),
                NodeKind::Null => "null".to_string(),
                // Numbers and anything else: the value as written.
                _ => text
                    .get(tree.range(item).start as usize..tree.range(item).end as usize)
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect(),
    )
}

struct Walk<'s, 'a> {
    swagger: &'s Swagger<'a>,
    text: &'s str,
    list: Vec<Field<'a>>,
    /// The schemas being walked, from the root: a schema met again inside itself is a cycle.
    stack: Vec<NodeId>,
    cut: bool,
}

impl<'a> Walk<'_, 'a> {
    fn push(&mut self, field: Field<'a>) -> usize {
        if self.list.len() >= MAX_FIELDS {
            self.cut = true;
        }
        self.list.push(field);
        self.list.len() - 1
    }

    fn root(&mut self, site: NodeId, code: String) {
        let tree = self.swagger.tree;
        let node = self.swagger.deref(site);
        let parts = self.parts(node);
        let index = self.push(Field {
            key: code.clone(),
            name: String::new(),
            location: None,
            site,
            node,
            parent: None,
            required: true,
            internal: false,
            has_default: false,
            kind: parts.iter().find_map(|&p| tree.get_str(p, "type")),
            format: parts.iter().find_map(|&p| tree.get_str(p, "format")),
            values: None,
        });
        self.children(node, &code, "", index);
    }

    /// The schema `node` and the parts of its `allOf`, each after `$ref`, recursively.
    fn parts(&self, node: NodeId) -> Vec<NodeId> {
        let tree = self.swagger.tree;
        let mut parts = vec![node];
        let mut at = 0;
        while at < parts.len() && parts.len() < 64 {
            if let Some(all_of) = tree.get(parts[at], "allOf") {
                for &item in tree.items(all_of) {
                    let part = self.swagger.deref(item);
                    if tree.is_object(part) && !parts.contains(&part) {
                        parts.push(part);
                    }
                }
            }
            at += 1;
        }
        parts
    }

    /// The properties and items of the schema `node` (with its `allOf` parts), as children
    /// of the field at `parent`.
    fn children(&mut self, node: NodeId, key: &str, name: &str, parent: usize) {
        if self.stack.contains(&node) || self.cut {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.cut = true;
            return;
        }
        self.stack.push(node);
        let tree = self.swagger.tree;
        let parts = self.parts(node);
        let required: Vec<&str> = parts
            .iter()
            .filter_map(|&p| tree.get(p, "required"))
            .flat_map(|list| tree.items(list).iter().filter_map(|&i| tree.as_str(i)))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let join = |base: &str, child: &str| {
            if base.is_empty() {
                child.to_string()
            } else {
                format!("{base}/{child}")
            }
        };
        for &part in &parts {
            let Some(properties) = tree.get(part, "properties") else {
                continue;
            };
            for member in tree.members(properties) {
                if !seen.insert(&*member.key) {
                    continue;
                }
                self.schema(
                    member.value,
                    format!("{key}/{}", member.key),
                    join(name, &member.key),
                    parent,
                    required.contains(&&*member.key),
                );
            }
        }
        if let Some(items) = parts.iter().find_map(|&p| tree.get(p, "items")) {
            self.schema(items, format!("{key}/[]"), join(name, "[]"), parent, true);
        }
        self.stack.pop();
    }

    fn schema(&mut self, site: NodeId, key: String, name: String, parent: usize, required: bool) {
        let tree = self.swagger.tree;
        let node = self.swagger.deref(site);
        if !tree.is_object(node) {
            return;
        }
        let parts = self.parts(node);
        let first = |k: &str| {
            tree.get_str(site, k)
                .or_else(|| parts.iter().find_map(|&p| tree.get_str(p, k)))
        };
        let index = self.push(Field {
            key: key.clone(),
            name: name.clone(),
            location: None,
            site,
            node,
            parent: Some(parent),
            required,
            internal: first("x-ms-visibility") == Some("internal"),
            has_default: tree.get(site, "default").is_some() || tree.get(node, "default").is_some(),
            kind: first("type"),
            format: first("format"),
            values: values(tree, self.text, site).or_else(|| values(tree, self.text, node)),
        });
        self.children(node, &key, &name, index);
    }
}

/// The security definitions of a definition: name and `type`.
pub(super) fn security_types<'a>(swagger: &Swagger<'a>) -> Vec<(&'a str, Option<&'a str>, NodeId)> {
    let tree = swagger.tree;
    tree.get(swagger.root, "securityDefinitions")
        .map(|defs| {
            tree.members(defs)
                .iter()
                .map(|m| (&*m.key, tree.get_str(m.value, "type"), m.value))
                .collect()
        })
        .unwrap_or_default()
}
