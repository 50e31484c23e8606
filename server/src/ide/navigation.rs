//! Definitions, references and renames: `$ref` targets and operationIds across the connector
//! files. Answers are byte ranges in the connector's files; `lsp/handlers/navigation.rs`
//! turns them into protocol types.
//!
//! What can be under the cursor:
//! - an operationId: the `operationId` of an operation (the declaration), or a reference to
//!   it from the index of [`crate::model::references`] (dynamic extensions, scriptOperations,
//!   policy operation names, script.csx literals);
//! - a `$ref` (its value or its key), which leads to the node it points to;
//! - a member key of the definition (a definition, parameter or response name), which `$ref`s
//!   point to.

use crate::diagnostic::{Edit, Location};
use crate::edit::names::json_string;
use crate::edit::rename::rename_fix;
use crate::model::FileKind;
use crate::model::index::ConnectorIndex;
use crate::model::references::OperationRef;
use crate::model::swagger::{
    Operation, Swagger, in_data, is_name_map, percent_decode, ref_sites, resolve_local_ref,
};
use crate::syntax::json::{JsonTree, NodeId, escape_pointer, unescape_pointer};
use crate::text::TextRange;

/// The containers of the definition whose members `$ref`s name; their members can be renamed.
pub const COMPONENTS: [&str; 3] = ["definitions", "parameters", "responses"];

/// What the cursor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The `operationId` value of an operation; the index is into `Swagger::operations`.
    OperationId(usize),
    /// A reference to an operation; the index is into `Context::operation_refs`.
    OperationRef(usize),
    /// A `$ref` member of the definition (cursor on its key or its value): the value node.
    Ref(NodeId),
    /// A member key of the definition: the member's value node.
    Key(NodeId),
}

/// The subject under the cursor and the token it was found on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub subject: Subject,
    pub file: FileKind,
    /// The token under the cursor: a JSON string or key with its quotes, a script literal with
    /// its quotes.
    pub range: TextRange,
}

/// Where a definition lives: `full` spans the whole thing (a member from its key to the end of
/// its value), `selection` its name; `selection` is inside `full`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub file: FileKind,
    pub full: TextRange,
    pub selection: TextRange,
}

/// What the cursor is on at `offset` of `file`, also when the cursor sits just after the token.
pub fn subject_at(ctx: &ConnectorIndex, file: FileKind, offset: u32) -> Option<Hit> {
    subject_exactly_at(ctx, file, offset)
        .or_else(|| subject_exactly_at(ctx, file, offset.checked_sub(1)?))
}

fn subject_exactly_at(ctx: &ConnectorIndex, file: FileKind, offset: u32) -> Option<Hit> {
    let hit = |subject, range| Hit {
        subject,
        file,
        range,
    };
    if let Some((index, reference)) = ctx
        .operation_refs
        .iter()
        .enumerate()
        .find(|(_, r)| r.file == file && token_range(r).contains(offset))
    {
        return Some(hit(Subject::OperationRef(index), token_range(reference)));
    }
    if file != FileKind::ApiDefinition {
        return None;
    }
    let swagger = ctx.swagger()?;
    let tree = swagger.tree;
    for (index, op) in swagger.operations.iter().enumerate() {
        if let Some(node) = swagger.operation_id_node(op)
            && tree.as_str(node).is_some()
            && tree.range(node).contains(offset)
        {
            return Some(hit(Subject::OperationId(index), tree.range(node)));
        }
    }
    let node = tree.node_at(offset)?;
    // On a key, `node_at` answers the object that holds the member.
    if let Some(member) = tree
        .members(node)
        .iter()
        .find(|m| m.key_range.contains(offset))
    {
        let subject = if &*member.key == "$ref" && is_ref_object(tree, node) {
            Subject::Ref(member.value)
        } else {
            Subject::Key(member.value)
        };
        return Some(hit(subject, member.key_range));
    }
    let parent = tree.parent(node)?;
    let member = tree.member_of(node)?;
    (&*member.key == "$ref" && tree.as_str(node).is_some() && is_ref_object(tree, parent))
        .then(|| hit(Subject::Ref(node), tree.range(node)))
}

/// Whether the `$ref` member of `object` is a reference (not a property name or example data).
fn is_ref_object(tree: &JsonTree, object: NodeId) -> bool {
    !is_name_map(tree, object) && !in_data(tree, object)
}

/// The token of a reference: JSON ranges include the quotes, script ranges do not.
fn token_range(reference: &OperationRef) -> TextRange {
    match reference.file {
        FileKind::Script => {
            let TextRange { start, end } = reference.range;
            TextRange::new(start.saturating_sub(1), end + 1)
        }
        _ => reference.range,
    }
}

/// The name of a reference, inside its quotes.
fn name_range(reference: &OperationRef) -> TextRange {
    match reference.file {
        FileKind::Script => reference.range,
        _ => reference.range.shrink(1),
    }
}

/// The operations a subject names: the declaration itself, or every operation a reference
/// matches.
fn operations_of<'c>(ctx: &'c ConnectorIndex, subject: Subject) -> Vec<&'c Operation> {
    let Some(swagger) = ctx.swagger() else {
        return Vec::new();
    };
    match subject {
        Subject::OperationId(index) => swagger.operations.get(index).into_iter().collect(),
        Subject::OperationRef(index) => {
            let reference = &ctx.operation_refs[index];
            swagger
                .operations
                .iter()
                .filter(|op| {
                    swagger
                        .operation_id(op)
                        .is_some_and(|id| reference.matches(id))
                })
                .collect()
        }
        Subject::Ref(_) | Subject::Key(_) => Vec::new(),
    }
}

/// An operation as a target: the whole method member, selecting its operationId.
fn operation_target(swagger: &Swagger, op: &Operation) -> Target {
    let tree = swagger.tree;
    let full = TextRange::new(op.method_key_range.start, tree.range(op.node).end);
    let selection = swagger
        .operation_id_node(op)
        .map_or(op.method_key_range, |node| tree.range(node));
    Target {
        file: FileKind::ApiDefinition,
        full,
        selection,
    }
}

/// A node of the definition as a target: its member from the key (selected) to the end of
/// the value; an array item or the root is its own selection.
fn node_target(tree: &JsonTree, node: NodeId) -> Target {
    let range = tree.range(node);
    match tree.member_of(node) {
        Some(member) => Target {
            file: FileKind::ApiDefinition,
            full: TextRange::new(member.key_range.start, range.end),
            selection: member.key_range,
        },
        None => Target {
            file: FileKind::ApiDefinition,
            full: range,
            selection: range,
        },
    }
}

/// The node a `$ref` value resolves to.
fn ref_target(tree: &JsonTree, value: NodeId) -> Option<NodeId> {
    resolve_local_ref(tree, tree.as_str(value)?).ok()
}

/// Go to definition: the operation an operationId reference names, or the node a `$ref`
/// points to. Also answers on a declaration (with itself), so that clients can offer
/// references from there.
pub fn definition(ctx: &ConnectorIndex, file: FileKind, offset: u32) -> Option<(Hit, Vec<Target>)> {
    let hit = subject_at(ctx, file, offset)?;
    let swagger = ctx.swagger()?;
    let targets: Vec<Target> = match hit.subject {
        Subject::OperationId(_) | Subject::OperationRef(_) => operations_of(ctx, hit.subject)
            .into_iter()
            .map(|op| operation_target(swagger, op))
            .collect(),
        Subject::Ref(value) => vec![node_target(swagger.tree, ref_target(swagger.tree, value)?)],
        Subject::Key(_) => Vec::new(),
    };
    (!targets.is_empty()).then_some((hit, targets))
}

/// Find references: for an operationId, every reference to the operation in all files (and
/// its declaration); for a `$ref` or a key, every `$ref` that resolves to the same node (and
/// the key). Sorted by file and place.
pub fn references(
    ctx: &ConnectorIndex,
    file: FileKind,
    offset: u32,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let hit = subject_at(ctx, file, offset)?;
    let swagger = ctx.swagger();
    let mut found = Vec::new();
    match hit.subject {
        Subject::OperationId(_) | Subject::OperationRef(_) => {
            let operations = operations_of(ctx, hit.subject);
            let mut names: Vec<&str> = operations
                .iter()
                .filter_map(|op| swagger?.operation_id(op))
                .collect();
            if let Subject::OperationRef(index) = hit.subject
                && names.is_empty()
            {
                // A reference to nothing: its namesakes.
                names.push(&ctx.operation_refs[index].name);
            }
            found.extend(
                ctx.operation_refs
                    .iter()
                    .filter(|r| names.iter().any(|name| r.matches(name) || r.name == *name))
                    .map(|r| Location {
                        file: r.file,
                        range: name_range(r),
                    }),
            );
            if include_declaration && let Some(swagger) = swagger {
                let declarations = swagger.operations.iter().filter_map(|op| {
                    let id = swagger.operation_id(op)?;
                    names.contains(&id).then(|| swagger.operation_id_node(op))?
                });
                found.extend(declarations.map(|node| Location {
                    file: FileKind::ApiDefinition,
                    range: swagger.tree.range(node).shrink(1),
                }));
            }
        }
        Subject::Ref(value) => {
            let tree = swagger?.tree;
            let target = ref_target(tree, value)?;
            found = refs_to(tree, target);
            if include_declaration && let Some(member) = tree.member_of(target) {
                found.push(definition_location(member.key_range));
            }
        }
        Subject::Key(value) => {
            let tree = swagger?.tree;
            found = refs_to(tree, value);
            if found.is_empty() && component_of(tree, value).is_none() {
                return None;
            }
            if include_declaration && let Some(member) = tree.member_of(value) {
                found.push(definition_location(member.key_range));
            }
        }
    }
    found.sort_by_key(|l| (l.file, l.range.start, l.range.end));
    found.dedup();
    Some(found)
}

fn definition_location(key_range: TextRange) -> Location {
    Location {
        file: FileKind::ApiDefinition,
        range: key_range.shrink(1),
    }
}

/// Every `$ref` of the definition that resolves to `target`, each as the range inside its
/// quotes.
fn refs_to(tree: &JsonTree, target: NodeId) -> Vec<Location> {
    ref_sites(tree)
        .filter(|site| ref_target(tree, site.value) == Some(target))
        .map(|site| Location {
            file: FileKind::ApiDefinition,
            range: tree.range(site.value).shrink(1),
        })
        .collect()
}

/// A member of `#/definitions`, `#/parameters` or `#/responses`: its container and name.
fn component_of(tree: &JsonTree, node: NodeId) -> Option<(&'static str, &str)> {
    let container = tree.parent(node)?;
    let container_member = tree.member_of(container)?;
    let kind = COMPONENTS.iter().find(|c| **c == &*container_member.key)?;
    if tree.parent(container) != tree.root() {
        return None;
    }
    Some((kind, &tree.member_of(node)?.key))
}

/// The raw segments of a local `$ref` (`#/definitions/Item/properties` → `definitions`,
/// `Item`, `properties`), as written.
fn ref_segments(reference: &str) -> Option<Vec<&str>> {
    Some(reference.strip_prefix("#/")?.split('/').collect())
}

/// One pointer segment as a name.
fn decode_segment(raw: &str) -> String {
    unescape_pointer(&percent_decode(raw))
}

/// What a rename acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Renamed {
    Operation(usize),
    /// A member of a component container: its value node.
    Component(NodeId),
}

const NOT_RENAMEABLE: &str =
    "only operationIds and the names of definitions, parameters and responses can be renamed";

/// What the cursor would rename, and the range of the name under the cursor (inside the
/// quotes).
/// The operationId a rename at `offset` changes, when it renames an operation.
pub fn renamed_operation_id<'a>(
    ctx: &ConnectorIndex<'a>,
    file: FileKind,
    offset: u32,
) -> Option<&'a str> {
    let (Renamed::Operation(index), _) = renameable(ctx, file, offset).ok()? else {
        return None;
    };
    let swagger = ctx.swagger()?;
    swagger.operation_id(&swagger.operations[index])
}

fn renameable(
    ctx: &ConnectorIndex,
    file: FileKind,
    offset: u32,
) -> Result<(Renamed, TextRange), String> {
    let hit = subject_at(ctx, file, offset).ok_or(NOT_RENAMEABLE)?;
    let source = ctx.file(file).ok_or(NOT_RENAMEABLE)?;
    match hit.subject {
        Subject::OperationId(index) => Ok((Renamed::Operation(index), hit.range.shrink(1))),
        Subject::OperationRef(index) => {
            let reference = &ctx.operation_refs[index];
            let swagger = ctx.swagger().ok_or(NOT_RENAMEABLE)?;
            let Some(op) = operations_of(ctx, hit.subject).first().copied() else {
                return Err(format!(
                    "'{}' names no operation of the definition, so there is nothing to rename",
                    reference.name
                ));
            };
            let index = swagger
                .operations
                .iter()
                .position(|o| std::ptr::eq(o, op))
                .expect("an operation of the definition");
            Ok((Renamed::Operation(index), name_range(reference)))
        }
        Subject::Key(value) => {
            let tree = ctx.swagger().ok_or(NOT_RENAMEABLE)?.tree;
            component_of(tree, value).ok_or(NOT_RENAMEABLE)?;
            Ok((Renamed::Component(value), hit.range.shrink(1)))
        }
        Subject::Ref(value) => {
            let tree = ctx.swagger().ok_or(NOT_RENAMEABLE)?.tree;
            let reference = tree.as_str(value).ok_or(NOT_RENAMEABLE)?;
            let segments = ref_segments(reference).ok_or(NOT_RENAMEABLE)?;
            let [container, name, ..] = segments[..] else {
                return Err(NOT_RENAMEABLE.to_string());
            };
            let component = tree
                .root()
                .and_then(|root| tree.get(root, &decode_segment(container)))
                .and_then(|c| tree.get(c, &decode_segment(name)))
                .filter(|&node| component_of(tree, node).is_some())
                .ok_or_else(|| format!("'{reference}' does not name a definition, parameter or response of this file"))?;
            // The name inside the string, when the JSON text is the pointer as is (no escapes).
            let inner = tree.range(value).shrink(1);
            let range = if source.text.get(inner.as_usize()) == Some(reference) {
                let start = inner.start + 2 + container.len() as u32 + 1;
                TextRange::new(start, start + name.len() as u32)
            } else {
                inner
            };
            Ok((Renamed::Component(component), range))
        }
    }
}

/// Prepare rename: the range of the name under the cursor, or why it cannot be renamed.
pub fn prepare_rename(
    ctx: &ConnectorIndex,
    file: FileKind,
    offset: u32,
) -> Result<TextRange, String> {
    renameable(ctx, file, offset).map(|(_, range)| range)
}

/// Rename what is under the cursor to `new_name`: an operationId with every reference to it
/// in all files (the rename of the operationId rules' fixes), or a definition, parameter or
/// response with every `$ref` to it (and into it). No edits when the name does not change.
pub fn rename(
    ctx: &ConnectorIndex,
    file: FileKind,
    offset: u32,
    new_name: &str,
) -> Result<Vec<Edit>, String> {
    let (renamed, _) = renameable(ctx, file, offset)?;
    let swagger = ctx.swagger().ok_or(NOT_RENAMEABLE)?;
    match renamed {
        Renamed::Operation(index) => {
            let op = &swagger.operations[index];
            let old = swagger.operation_id(op).unwrap_or_default();
            check_operation_id(swagger, index, new_name)?;
            if old == new_name {
                return Ok(Vec::new());
            }
            let fix = rename_fix(ctx, op, new_name, false).ok_or(NOT_RENAMEABLE)?;
            Ok(fix.edits)
        }
        Renamed::Component(node) => rename_component(swagger.tree, node, new_name),
    }
}

/// Why `new_name` cannot become the operationId of operation `index`.
fn check_operation_id(swagger: &Swagger, index: usize, new_name: &str) -> Result<(), String> {
    const ALLOWED: &str = "an operationId may contain only letters, digits and '_'";
    if new_name.is_empty() {
        return Err(format!("the new name is empty; {ALLOWED}"));
    }
    if new_name.chars().any(char::is_whitespace) {
        return Err(format!("'{new_name}' contains whitespace; {ALLOWED}"));
    }
    let mut invalid: Vec<char> = new_name
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric() && *c != '_')
        .collect();
    if !invalid.is_empty() {
        invalid.dedup();
        let shown: Vec<String> = invalid.iter().map(|c| format!("'{c}'")).collect();
        return Err(format!(
            "'{new_name}' contains {}; {ALLOWED}",
            shown.join(", ")
        ));
    }
    let taken = swagger
        .operations
        .iter()
        .enumerate()
        .find(|(i, op)| *i != index && swagger.operation_id(op) == Some(new_name));
    if let Some((_, other)) = taken {
        return Err(format!(
            "operation {} already has the operationId '{new_name}'",
            swagger.describe(other)
        ));
    }
    Ok(())
}

/// Rename a member of `#/definitions`, `#/parameters` or `#/responses` and every `$ref` that
/// names it, also the ones that point inside it (`#/definitions/Item/properties/id`).
fn rename_component(tree: &JsonTree, node: NodeId, new_name: &str) -> Result<Vec<Edit>, String> {
    let (container, old) = component_of(tree, node).ok_or(NOT_RENAMEABLE)?;
    let what = container.trim_end_matches('s');
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if new_name.is_empty() || !new_name.chars().all(valid) {
        return Err(format!(
            "'{new_name}' is not a valid {what} name; use letters, digits, '_', '.' and '-'"
        ));
    }
    if old == new_name {
        return Ok(Vec::new());
    }
    let siblings = tree.parent(node).map_or(&[][..], |c| tree.members(c));
    if siblings.iter().any(|m| &*m.key == new_name) {
        return Err(format!("a {what} named '{new_name}' already exists"));
    }
    let file = FileKind::ApiDefinition;
    let key_range = tree.member_of(node).ok_or(NOT_RENAMEABLE)?.key_range;
    let mut edits = vec![Edit::replace(file, key_range, json_string(new_name))];
    for site in ref_sites(tree) {
        let Some(reference) = tree.as_str(site.value) else {
            continue;
        };
        let Some(segments) = ref_segments(reference) else {
            continue;
        };
        let [first, name, ref rest @ ..] = segments[..] else {
            continue;
        };
        if decode_segment(first) != container || decode_segment(name) != old {
            continue;
        }
        let mut pointer = format!("#/{first}/{}", escape_pointer(new_name));
        for segment in rest {
            pointer.push('/');
            pointer.push_str(segment);
        }
        edits.push(Edit::replace(
            file,
            tree.range(site.value),
            json_string(&pointer),
        ));
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::{Connector, SourceFile};
    use crate::rules::{RuleConfig, analyze};

    const DEFINITION: &str =
        include_str!("../../../fixtures/examples/contoso-items/apiDefinition.swagger.json");
    const PROPERTIES: &str =
        include_str!("../../../fixtures/examples/contoso-items/apiProperties.json");
    const SCRIPT: &str = include_str!("../../../fixtures/examples/contoso-items/script.csx");

    fn connector(definition: &str, properties: &str, script: &str) -> Connector {
        let dir = PathBuf::from("/connector");
        let file = |kind: FileKind, text: &str| {
            SourceFile::from_text(kind, dir.join(kind.default_name()), text.to_string())
        };
        Connector::from_files(
            dir.clone(),
            vec![
                file(FileKind::ApiDefinition, definition),
                file(FileKind::ApiProperties, properties),
                file(FileKind::Script, script),
            ],
            Vec::new(),
        )
    }

    fn contoso() -> Connector {
        connector(DEFINITION, PROPERTIES, SCRIPT)
    }

    /// The offset of the `nth` occurrence of `needle` in `text`, plus `delta`.
    fn at(text: &str, needle: &str, nth: usize, delta: u32) -> u32 {
        let start = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle:?} #{nth}"))
            .0;
        start as u32 + delta
    }

    fn text_of(connector: &Connector, kind: FileKind, range: TextRange) -> &str {
        &connector.file(kind).unwrap().text[range.as_usize()]
    }

    /// Apply edits to the connector's files, in memory.
    fn apply(connector: &Connector, edits: &[Edit]) -> Connector {
        let mut files = Vec::new();
        for file in &connector.files {
            let mut mine: Vec<&Edit> = edits.iter().filter(|e| e.file == file.kind).collect();
            mine.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            let mut text = file.text.clone();
            for edit in mine {
                text.replace_range(edit.range.as_usize(), &edit.new_text);
            }
            files.push(SourceFile::from_text(file.kind, file.path.clone(), text));
        }
        Connector::from_files(connector.dir.clone(), files, Vec::new())
    }

    #[test]
    fn definition_of_a_policy_operation_name_is_the_operation() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(PROPERTIES, "\"GetItem\"", 0, 3);
        let (hit, targets) = definition(&ctx, FileKind::ApiProperties, offset).unwrap();
        assert_eq!(text_of(&connector, hit.file, hit.range), "\"GetItem\"");
        assert_eq!(targets.len(), 1);
        let target = targets[0];
        assert_eq!(target.file, FileKind::ApiDefinition);
        let selected = text_of(&connector, target.file, target.selection);
        assert_eq!(selected, "\"GetItem\"");
        assert!(text_of(&connector, target.file, target.full).starts_with("\"get\": {"));
    }

    #[test]
    fn definition_of_script_literals_and_dynamic_values() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        // Just after the closing quote still counts.
        let offset = at(SCRIPT, "\"CreateItem\"", 0, 12);
        let (_, targets) = definition(&ctx, FileKind::Script, offset).unwrap();
        assert_eq!(
            targets[0].selection.start,
            at(DEFINITION, "\"CreateItem\"", 0, 0)
        );
        let offset = at(DEFINITION, "\"ListCategories\"", 0, 1);
        let (_, targets) = definition(&ctx, FileKind::ApiDefinition, offset).unwrap();
        assert_eq!(
            targets[0].selection.start,
            at(DEFINITION, "\"ListCategories\"", 1, 0)
        );
    }

    #[test]
    fn definition_of_a_ref_is_its_target_key() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        for needle in ["\"#/parameters/ItemId\"", "\"$ref\": \"#/parameters"] {
            let offset = at(DEFINITION, needle, 0, 2);
            let (_, targets) = definition(&ctx, FileKind::ApiDefinition, offset).unwrap();
            let selected = text_of(&connector, FileKind::ApiDefinition, targets[0].selection);
            assert_eq!(selected, "\"ItemId\"");
        }
        let offset = at(DEFINITION, "#/definitions/ItemPage", 0, 5);
        let (_, targets) = definition(&ctx, FileKind::ApiDefinition, offset).unwrap();
        let full = text_of(&connector, FileKind::ApiDefinition, targets[0].full);
        assert!(full.starts_with("\"ItemPage\": {") && full.ends_with('}'));
        // Nothing on a plain key or on whitespace.
        let offset = at(DEFINITION, "\"summary\"", 0, 2);
        assert!(definition(&ctx, FileKind::ApiDefinition, offset).is_none());
        assert!(definition(&ctx, FileKind::ApiDefinition, 1).is_none());
    }

    #[test]
    fn references_of_an_operation_span_all_files() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(SCRIPT, "CreateItem", 0, 0);
        let found = references(&ctx, FileKind::Script, offset, true).unwrap();
        let shown: Vec<(FileKind, &str)> = found
            .iter()
            .map(|l| (l.file, text_of(&connector, l.file, l.range)))
            .collect();
        assert_eq!(
            shown,
            [
                (FileKind::ApiDefinition, "CreateItem"),
                (FileKind::ApiProperties, "CreateItem"),
                (FileKind::Script, "CreateItem"),
            ]
        );
        let without = references(&ctx, FileKind::Script, offset, false).unwrap();
        assert_eq!(without.len(), 2);
    }

    #[test]
    fn references_of_a_definition_are_its_refs() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(DEFINITION, "\"Item\": {", 0, 1);
        let found = references(&ctx, FileKind::ApiDefinition, offset, false).unwrap();
        assert_eq!(found.len(), 4);
        assert!(
            found
                .iter()
                .all(|l| text_of(&connector, l.file, l.range) == "#/definitions/Item")
        );
        // From one of the $refs, with the declaration.
        let offset = at(DEFINITION, "#/definitions/Item\"", 1, 3);
        let with = references(&ctx, FileKind::ApiDefinition, offset, true).unwrap();
        assert_eq!(with.len(), 5);
        // A key nothing points to is not a symbol.
        let offset = at(DEFINITION, "\"summary\"", 0, 2);
        assert!(references(&ctx, FileKind::ApiDefinition, offset, true).is_none());
    }

    #[test]
    fn rename_from_a_script_literal_renames_everywhere() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(SCRIPT, "CreateItem", 0, 4);
        let range = prepare_rename(&ctx, FileKind::Script, offset).unwrap();
        assert_eq!(text_of(&connector, FileKind::Script, range), "CreateItem");
        let edits = rename(&ctx, FileKind::Script, offset, "AddItem").unwrap();
        assert_eq!(edits.len(), 3);
        let renamed = apply(&connector, &edits);
        for kind in [
            FileKind::ApiDefinition,
            FileKind::ApiProperties,
            FileKind::Script,
        ] {
            let text = &renamed.file(kind).unwrap().text;
            assert!(!text.contains("CreateItem") && text.contains("AddItem"));
        }
        let before = analyze(&connector, &RuleConfig::default());
        let after = analyze(&renamed, &RuleConfig::default());
        assert_eq!(before, Vec::new());
        assert_eq!(after, Vec::new());
    }

    #[test]
    fn rename_checks_the_new_name() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(DEFINITION, "\"GetItem\"", 0, 1);
        for (name, message) in [
            ("Get Item", "'Get Item' contains whitespace"),
            ("get-item", "'get-item' contains '-'"),
            ("", "the new name is empty"),
            (
                "ListItems",
                "operation GET /items already has the operationId",
            ),
        ] {
            let error = rename(&ctx, FileKind::ApiDefinition, offset, name).unwrap_err();
            assert!(error.starts_with(message), "{error}");
        }
        assert_eq!(
            rename(&ctx, FileKind::ApiDefinition, offset, "GetItem"),
            Ok(Vec::new())
        );
    }

    #[test]
    fn prepare_rename_rejects_what_is_not_a_name() {
        let base = contoso();
        let ctx = ConnectorIndex::new(&base);
        let offset = at(DEFINITION, "\"summary\"", 0, 2);
        let error = prepare_rename(&ctx, FileKind::ApiDefinition, offset).unwrap_err();
        assert_eq!(error, NOT_RENAMEABLE);
        let unknown = connector(
            DEFINITION,
            &PROPERTIES.replace("[\"CreateItem\"]", "[\"Nope\"]"),
            SCRIPT,
        );
        let ctx = ConnectorIndex::new(&unknown);
        let offset = at(&unknown.files[1].text, "\"Nope\"", 0, 1);
        let error = prepare_rename(&ctx, FileKind::ApiProperties, offset).unwrap_err();
        assert!(error.starts_with("'Nope' names no operation"), "{error}");
    }

    #[test]
    fn every_place_of_truncated_and_unusual_files_is_answered() {
        // Multi-byte text, a JSON-escaped pointer and an unclosed script literal.
        let unusual = DEFINITION.replace("List items", "Élément 😀").replacen(
            "\"#/definitions/Item\"",
            "\"#\\/definitions\\/Item\"",
            1,
        );
        let script = format!("{SCRIPT}\nif (Context.OperationId == \"ListItems");
        for end in (0..unusual.len()).step_by(211).chain([unusual.len()]) {
            let Some(truncated) = unusual.get(..end) else {
                continue;
            };
            let connector = connector(truncated, PROPERTIES, &script);
            let ctx = ConnectorIndex::new(&connector);
            for file in [
                FileKind::ApiDefinition,
                FileKind::ApiProperties,
                FileKind::Script,
            ] {
                let len = connector.file(file).unwrap().text.len() as u32;
                for offset in (0..=len + 1).step_by(3) {
                    definition(&ctx, file, offset);
                    references(&ctx, file, offset, true);
                    if let Ok(range) = prepare_rename(&ctx, file, offset) {
                        assert!(range.end <= len);
                        let edits = rename(&ctx, file, offset, "Renamed").unwrap();
                        assert!(!edits.is_empty());
                    }
                }
            }
        }
        // The escaped pointer renames as a whole string.
        let connector = connector(&unusual, PROPERTIES, SCRIPT);
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(&unusual, "#\\/definitions", 0, 3);
        let range = prepare_rename(&ctx, FileKind::ApiDefinition, offset).unwrap();
        let shown = text_of(&connector, FileKind::ApiDefinition, range);
        assert_eq!(shown, "#\\/definitions\\/Item");
        let edits = rename(&ctx, FileKind::ApiDefinition, offset, "Product").unwrap();
        let renamed = apply(&connector, &edits);
        assert!(analyze(&renamed, &RuleConfig::default()).is_empty());
    }

    #[test]
    fn rename_a_definition_and_every_ref_to_it() {
        let definition = DEFINITION.replace(
            "\"nextLink\": { \"type\": \"string\", \"x-ms-visibility\": \"internal\"",
            // Alone: a key next to `$ref` is ignored (key-not-allowed).
            "\"nextLink\": { \"$ref\": \"#/definitions/Item/properties/id\"",
        );
        let connector = connector(&definition, PROPERTIES, SCRIPT);
        let ctx = ConnectorIndex::new(&connector);
        let offset = at(&definition, "\"#/definitions/Item\"", 0, 16);
        let range = prepare_rename(&ctx, FileKind::ApiDefinition, offset).unwrap();
        assert_eq!(text_of(&connector, FileKind::ApiDefinition, range), "Item");
        let edits = rename(&ctx, FileKind::ApiDefinition, offset, "Product").unwrap();
        assert_eq!(edits.len(), 6, "the key, four refs and one into it");
        let renamed = apply(&connector, &edits);
        let text = &renamed.file(FileKind::ApiDefinition).unwrap().text;
        assert!(text.contains("\"Product\": {"));
        assert!(text.contains("\"#/definitions/Product/properties/id\""));
        assert!(!text.contains("#/definitions/Item\""));
        assert!(analyze(&renamed, &RuleConfig::default()).is_empty());

        let error = rename(&ctx, FileKind::ApiDefinition, offset, "ItemPage").unwrap_err();
        assert_eq!(error, "a definition named 'ItemPage' already exists");
        let error = rename(&ctx, FileKind::ApiDefinition, offset, "An Item").unwrap_err();
        assert!(error.contains("not a valid definition name"), "{error}");
    }
}
