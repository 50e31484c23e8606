//! Document symbols (paths with their operations, definitions, parameters, responses, security
//! definitions; connection parameters, policies and scriptOperations; settings entries),
//! workspace symbols (operations and definitions) and folding ranges. Answers are byte ranges
//! and lines; `lsp/handlers/symbols.rs` turns them into protocol types.

use crate::diagnostic::Location;
use crate::model::index::ConnectorIndex;
use crate::model::settings::FILE_ENTRIES;
use crate::model::swagger::Swagger;
use crate::model::{FileKind, SourceFile};
use crate::syntax::csx;
use crate::syntax::json::{JsonTree, Member, NodeId};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A path of the definition.
    Namespace,
    /// A group: `definitions`, `connectionParameters`, …
    Module,
    /// An operation.
    Method,
    /// A schema of `definitions`.
    Struct,
    /// A parameter of `parameters`.
    Field,
    /// A connection parameter.
    Property,
    /// A security definition.
    Key,
    /// A settings.json entry that names a file.
    File,
    /// A response, a policy instance, a parameter set.
    Object,
    /// An entry of `scriptOperations`.
    Function,
}

/// One symbol of a document, with its children. `selection` (the name) is inside `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

/// A symbol of a connector for workspace symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub container: Option<String>,
    pub location: Location,
}

/// A symbol name is never empty (clients reject empty names): an empty key shows as `""`.
fn display(name: &str) -> String {
    if name.trim().is_empty() {
        format!("{name:?}")
    } else {
        name.to_string()
    }
}

fn member_range(tree: &JsonTree, member: &Member) -> TextRange {
    TextRange::new(
        member.key_range.start,
        tree.range(member.value).end.max(member.key_range.end),
    )
}

/// A symbol for an object member, selecting its key.
fn member_symbol(
    tree: &JsonTree,
    member: &Member,
    kind: SymbolKind,
    detail: Option<&str>,
    children: Vec<Symbol>,
) -> Symbol {
    Symbol {
        name: display(&member.key),
        detail: detail.map(str::to_string),
        kind,
        range: member_range(tree, member),
        selection: member.key_range,
        children,
    }
}

/// A symbol for an array item, selecting the value of its member `name_key` when it has one.
fn item_symbol(
    tree: &JsonTree,
    item: NodeId,
    name: String,
    name_key: &[&str],
    kind: SymbolKind,
    detail: Option<&str>,
    children: Vec<Symbol>,
) -> Symbol {
    let range = tree.range(item);
    let selection = name_key
        .iter()
        .find_map(|key| tree.get(item, key))
        .map_or(range, |node| tree.range(node));
    Symbol {
        name: display(&name),
        detail: detail.map(str::to_string),
        kind,
        range,
        selection,
        children,
    }
}

/// The outline of one connector file.
pub fn document_symbols(ctx: &ConnectorIndex, file: FileKind) -> Vec<Symbol> {
    match file {
        FileKind::ApiDefinition => ctx.swagger().map(definition_symbols).unwrap_or_default(),
        FileKind::ApiProperties => ctx
            .file(file)
            .and_then(|f| f.tree())
            .map(properties_symbols)
            .unwrap_or_default(),
        FileKind::Settings => ctx
            .file(file)
            .and_then(|f| f.tree())
            .map(settings_symbols)
            .unwrap_or_default(),
        FileKind::Script | FileKind::Readme | FileKind::Icon => Vec::new(),
    }
}

/// `GET ListItems`, or `GET` and the path when the operation has no id.
fn operation_name(swagger: &Swagger, op: &crate::model::swagger::Operation) -> String {
    let method = op.method.to_uppercase();
    match swagger.operation_id(op) {
        Some(id) => format!("{method} {}", display(id)),
        None => format!("{method} {}", swagger.path_of(op).template),
    }
}

/// The detail shown beside a member of a definition group.
type Detail = fn(&JsonTree, NodeId) -> Option<String>;

fn definition_symbols(swagger: &Swagger) -> Vec<Symbol> {
    let tree = swagger.tree;
    let mut symbols = Vec::new();
    for (index, path) in swagger.paths.iter().enumerate() {
        let operations = swagger
            .operations
            .iter()
            .filter(|op| op.path == index)
            .map(|op| Symbol {
                name: operation_name(swagger, op),
                detail: tree.get_str(op.node, "summary").map(str::to_string),
                kind: SymbolKind::Method,
                range: TextRange::new(op.method_key_range.start, tree.range(op.node).end),
                selection: op.method_key_range,
                children: Vec::new(),
            })
            .collect();
        let member = tree.member_of(path.node).expect("a path is a member");
        symbols.push(member_symbol(
            tree,
            member,
            SymbolKind::Namespace,
            None,
            operations,
        ));
    }
    let groups: [(&str, SymbolKind, Detail); 4] = [
        ("definitions", SymbolKind::Struct, |tree, node| {
            tree.get_str(node, "type").map(str::to_string)
        }),
        ("parameters", SymbolKind::Field, |tree, node| {
            let name = tree.get_str(node, "name")?;
            Some(match tree.get_str(node, "in") {
                Some(location) => format!("{name} in {location}"),
                None => name.to_string(),
            })
        }),
        ("responses", SymbolKind::Object, |tree, node| {
            tree.get_str(node, "description").map(str::to_string)
        }),
        ("securityDefinitions", SymbolKind::Key, |tree, node| {
            tree.get_str(node, "type").map(str::to_string)
        }),
    ];
    for (key, kind, detail) in groups {
        let Some(group) = tree.member(swagger.root, key) else {
            continue;
        };
        let children = tree
            .members(group.value)
            .iter()
            .map(|m| {
                let detail = detail(tree, m.value);
                member_symbol(tree, m, kind, detail.as_deref(), Vec::new())
            })
            .collect();
        symbols.push(member_symbol(
            tree,
            group,
            SymbolKind::Module,
            None,
            children,
        ));
    }
    symbols
}

/// Connection parameters as properties, with their type.
fn parameter_symbols(tree: &JsonTree, parameters: NodeId) -> Vec<Symbol> {
    tree.members(parameters)
        .iter()
        .map(|m| {
            let kind = tree.get_str(m.value, "type");
            member_symbol(tree, m, SymbolKind::Property, kind, Vec::new())
        })
        .collect()
}

fn properties_symbols(tree: &JsonTree) -> Vec<Symbol> {
    let Some(properties) = tree
        .root()
        .and_then(|root| tree.get(root, "properties"))
        .filter(|&p| tree.is_object(p))
    else {
        return Vec::new();
    };
    let mut symbols = Vec::new();
    for member in tree.members(properties) {
        let value = member.value;
        let children = match &*member.key {
            "connectionParameters" => parameter_symbols(tree, value),
            "connectionParameterSets" => {
                let sets = tree.get(value, "values").map_or(&[][..], |v| tree.items(v));
                sets.iter()
                    .enumerate()
                    .map(|(index, &set)| {
                        let name = tree
                            .get_str(set, "name")
                            .map_or_else(|| format!("set {}", index + 1), str::to_string);
                        let detail = tree.path(set, &["uiDefinition", "displayName"]);
                        let parameters = tree
                            .get(set, "parameters")
                            .map(|p| parameter_symbols(tree, p))
                            .unwrap_or_default();
                        item_symbol(
                            tree,
                            set,
                            name,
                            &["name"],
                            SymbolKind::Object,
                            detail.and_then(|d| tree.as_str(d)),
                            parameters,
                        )
                    })
                    .collect()
            }
            "policyTemplateInstances" => tree
                .items(value)
                .iter()
                .enumerate()
                .map(|(index, &instance)| {
                    let title = tree.get_str(instance, "title");
                    let template = tree.get_str(instance, "templateId");
                    let name = title
                        .or(template)
                        .map_or_else(|| format!("policy {}", index + 1), str::to_string);
                    let detail = title.and(template);
                    item_symbol(
                        tree,
                        instance,
                        name,
                        &["title", "templateId"],
                        SymbolKind::Object,
                        detail,
                        Vec::new(),
                    )
                })
                .collect(),
            "scriptOperations" => tree
                .items(value)
                .iter()
                .filter_map(|&item| {
                    let name = tree.as_str(item)?.to_string();
                    Some(item_symbol(
                        tree,
                        item,
                        name,
                        &[],
                        SymbolKind::Function,
                        None,
                        Vec::new(),
                    ))
                })
                .collect(),
            _ => continue,
        };
        symbols.push(member_symbol(
            tree,
            member,
            SymbolKind::Module,
            None,
            children,
        ));
    }
    symbols
}

fn settings_symbols(tree: &JsonTree) -> Vec<Symbol> {
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    tree.members(root)
        .iter()
        .map(|m| {
            let names_file = FILE_ENTRIES.iter().any(|(key, _)| *key == &*m.key);
            let kind = if names_file {
                SymbolKind::File
            } else {
                SymbolKind::Property
            };
            member_symbol(tree, m, kind, tree.as_str(m.value), Vec::new())
        })
        .collect()
}

/// The operations (by operationId or summary) and definitions of a connector whose name
/// contains `query`, ignoring case. Operations without an id are listed by method and path.
pub fn workspace_symbols(ctx: &ConnectorIndex, query: &str) -> Vec<WorkspaceSymbol> {
    let Some(swagger) = ctx.swagger() else {
        return Vec::new();
    };
    let tree = swagger.tree;
    let query = query.to_lowercase();
    let wanted = |text: &str| text.to_lowercase().contains(&query);
    let file = FileKind::ApiDefinition;
    let mut symbols = Vec::new();
    for op in &swagger.operations {
        let id = swagger.operation_id(op);
        let summary = tree.get_str(op.node, "summary");
        let described = swagger.describe(op);
        if !(id.is_some_and(wanted)
            || summary.is_some_and(wanted)
            || (id.is_none() && wanted(&described)))
        {
            continue;
        }
        let (name, range) = match (id, swagger.operation_id_node(op)) {
            (Some(id), Some(node)) => (display(id), tree.range(node).shrink(1)),
            _ => (described.clone(), op.method_key_range),
        };
        let container = match summary {
            Some(summary) => format!("{described} · {summary}"),
            None => described,
        };
        symbols.push(WorkspaceSymbol {
            name,
            kind: SymbolKind::Method,
            container: Some(container),
            location: Location { file, range },
        });
    }
    if let Some(definitions) = tree.get(swagger.root, "definitions") {
        for member in tree.members(definitions) {
            if !wanted(&member.key) {
                continue;
            }
            symbols.push(WorkspaceSymbol {
                name: display(&member.key),
                kind: SymbolKind::Struct,
                container: Some("definitions".to_string()),
                location: Location {
                    file,
                    range: member.key_range.shrink(1),
                },
            });
        }
    }
    symbols
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
}

/// A foldable range of lines: `start_line` stays visible, the lines after it up to and
/// including `end_line` fold away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
    pub kind: FoldKind,
}

/// The folding ranges of a file: every JSON object or array (script brace block, block
/// comment) that spans lines. A closing bracket that starts its line stays visible, as in
/// every editor's JSON folding; of several ranges starting on one line, the outermost is kept.
/// Lines are the same in every position encoding.
pub fn folding_ranges(file: &SourceFile) -> Vec<Fold> {
    let mut spans: Vec<(TextRange, FoldKind)> = Vec::new();
    match file.tree() {
        Some(tree) => {
            for id in tree.ids() {
                if tree.is_object(id) || tree.is_array(id) {
                    spans.push((tree.range(id), FoldKind::Region));
                }
            }
        }
        None => {
            spans.extend(
                csx::brace_blocks(&file.text)
                    .into_iter()
                    .map(|r| (r, FoldKind::Region)),
            );
            spans.extend(
                csx::block_comments(&file.text)
                    .into_iter()
                    .map(|r| (r, FoldKind::Comment)),
            );
            spans.sort_by_key(|(range, _)| range.start);
        }
    }
    let text = file.text.as_str();
    let index = &file.line_index;
    let mut folds: Vec<Fold> = Vec::new();
    for (range, kind) in spans {
        if range.is_empty() {
            continue;
        }
        let mut start_line = index.line_col(text, range.start).line;
        // A script block whose `{` starts its line folds from the line that opens it
        // (`class Script : ScriptBase` above `{`).
        if file.kind == FileKind::Script
            && kind == FoldKind::Region
            && start_line > 0
            && text
                .get(index.line_start(start_line) as usize..range.start as usize)
                .is_some_and(|before| before.trim().is_empty())
        {
            start_line -= 1;
        }
        let last = range.end - 1;
        let mut end_line = index.line_col(text, last).line;
        let line_start = index.line_start(end_line) as usize;
        let closes_alone = kind == FoldKind::Region
            && text
                .get(line_start..last as usize)
                .is_some_and(|before| before.chars().all(|c| c == ' ' || c == '\t'));
        if closes_alone {
            end_line = end_line.saturating_sub(1);
        }
        if end_line <= start_line || folds.last().is_some_and(|f| f.start_line == start_line) {
            continue;
        }
        folds.push(Fold {
            start_line,
            end_line,
            kind,
        });
    }
    folds
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::Connector;

    const DEFINITION: &str =
        include_str!("../../../fixtures/examples/contoso-items/apiDefinition.swagger.json");
    const PROPERTIES: &str =
        include_str!("../../../fixtures/examples/contoso-items/apiProperties.json");
    const SETTINGS: &str = include_str!("../../../fixtures/examples/contoso-items/settings.json");

    fn contoso() -> Connector {
        let dir = PathBuf::from("/connector");
        let file = |kind: FileKind, text: &str| {
            SourceFile::from_text(kind, dir.join(kind.default_name()), text.to_string())
        };
        Connector::from_files(
            dir.clone(),
            vec![
                file(FileKind::ApiDefinition, DEFINITION),
                file(FileKind::ApiProperties, PROPERTIES),
                file(FileKind::Settings, SETTINGS),
            ],
            Vec::new(),
        )
    }

    /// Names as an indented outline, checking that every selection is inside its range and
    /// every child inside its parent.
    fn outline(symbols: &[Symbol], parent: Option<TextRange>, depth: usize, out: &mut String) {
        for symbol in symbols {
            let (range, selection) = (symbol.range, symbol.selection);
            assert!(range.start <= selection.start && selection.end <= range.end);
            if let Some(parent) = parent {
                assert!(parent.start <= range.start && range.end <= parent.end);
            }
            out.push_str(&"  ".repeat(depth));
            out.push_str(&symbol.name);
            if let Some(detail) = &symbol.detail {
                out.push_str(&format!(" ({detail})"));
            }
            out.push('\n');
            outline(&symbol.children, Some(range), depth + 1, out);
        }
    }

    fn outline_of(connector: &Connector, file: FileKind) -> String {
        let ctx = ConnectorIndex::new(connector);
        let mut out = String::new();
        outline(&document_symbols(&ctx, file), None, 0, &mut out);
        out
    }

    #[test]
    fn definition_outline_nests_operations_under_paths() {
        let outline = outline_of(&contoso(), FileKind::ApiDefinition);
        let expected = "\
/items
  GET ListItems (List items)
  POST CreateItem (Create an item)
/items/{itemId}
  GET GetItem (Get an item)
  DELETE DeleteItem (Delete an item)
/categories/{categoryId}/items
  GET ListCategoryItems (List the items of a category)
/categories
  GET ListCategories (List categories)
definitions
  Item (object)
  ItemPage (object)
parameters
  ItemId (itemId in path)
securityDefinitions
  oauth2_auth (oauth2)
";
        assert_eq!(outline, expected);
    }

    #[test]
    fn properties_and_settings_outlines() {
        let connector = contoso();
        let expected = "\
connectionParameters
  token (oauthSetting)
policyTemplateInstances
  Send the API version (setheader)
scriptOperations
  CreateItem
";
        assert_eq!(outline_of(&connector, FileKind::ApiProperties), expected);
        let expected = "\
apiDefinition (apiDefinition.swagger.json)
apiProperties (apiProperties.json)
script (script.csx)
";
        assert_eq!(outline_of(&connector, FileKind::Settings), expected);
    }

    #[test]
    fn truncated_files_give_valid_symbols_and_folds() {
        let texts = [
            (FileKind::ApiDefinition, DEFINITION),
            (FileKind::ApiProperties, PROPERTIES),
            (FileKind::Settings, SETTINGS),
        ];
        for (kind, text) in texts {
            for end in (0..text.len()).step_by(7) {
                let file = SourceFile::from_text(kind, PathBuf::from("f"), text[..end].into());
                let connector = Connector::from_files(PathBuf::from("."), vec![file], Vec::new());
                let ctx = ConnectorIndex::new(&connector);
                outline(&document_symbols(&ctx, kind), None, 0, &mut String::new());
                workspace_symbols(&ctx, "");
                let lines = connector.files[0].line_index.line_count() as u32;
                for fold in folding_ranges(&connector.files[0]) {
                    assert!(fold.start_line < fold.end_line && fold.end_line < lines);
                }
            }
        }
    }

    #[test]
    fn workspace_symbols_match_ids_summaries_and_definitions() {
        let connector = contoso();
        let ctx = ConnectorIndex::new(&connector);
        let names = |query: &str| -> Vec<String> {
            workspace_symbols(&ctx, query)
                .into_iter()
                .map(|s| s.name)
                .collect()
        };
        assert_eq!(names("categor"), ["ListCategoryItems", "ListCategories"]);
        assert_eq!(names("DELETE AN"), ["DeleteItem"]);
        assert_eq!(names("itempage"), ["ItemPage"]);
        assert_eq!(names("").len(), 8);
    }

    #[test]
    fn folds_objects_and_arrays_keeping_closing_brackets_visible() {
        let text = "{\r\n  \"a\": [1,\r\n    2],\r\n  \"b\": {\r\n    \"c\": {}\r\n  },\r\n  \"d\": {\r\n  }\r\n}";
        let file = SourceFile::from_text(FileKind::Settings, PathBuf::from("s.json"), text.into());
        let folds: Vec<(u32, u32)> = folding_ranges(&file)
            .iter()
            .map(|f| (f.start_line, f.end_line))
            .collect();
        assert_eq!(folds, [(0, 7), (1, 2), (3, 4)]);
    }

    #[test]
    fn folds_script_blocks_and_comments() {
        let text = "/*\n * a\n */\nclass A\n{\n  void F() {\n    G();\n  }\n}\n";
        let file = SourceFile::from_text(FileKind::Script, PathBuf::from("s.csx"), text.into());
        let folds: Vec<(u32, u32, FoldKind)> = folding_ranges(&file)
            .iter()
            .map(|f| (f.start_line, f.end_line, f.kind))
            .collect();
        assert_eq!(
            folds,
            [
                (0, 2, FoldKind::Comment),
                (3, 7, FoldKind::Region),
                (5, 6, FoldKind::Region)
            ]
        );
    }
}
