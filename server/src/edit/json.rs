//! Text edits that keep JSON valid and the file's layout intact: insert a member with the
//! indentation and line ending the file already uses, remove a member with its comma,
//! replace a value. Fixes are built from these, never from ad-hoc string surgery.

use crate::diagnostic::Edit;
use crate::edit::names::json_string;
use crate::model::FileKind;
use crate::syntax::json::{JsonTree, Member, NodeId};
use crate::text::TextRange;

/// How far the layout helpers below look for line breaks and indentation. Fixes are built
/// per finding, so a scan of the whole text each time is quadratic on a minified file with
/// many findings; within this window the answer is exact for any normally laid out file.
const LAYOUT_WINDOW: usize = 16 * 1024;

/// The line ending the file uses: that of its first line break, or of its last one when the
/// first line is longer than [`LAYOUT_WINDOW`] (a minified file ending in `\r\n`).
pub fn line_ending(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    let head = &bytes[..bytes.len().min(LAYOUT_WINDOW)];
    let tail_start = bytes.len().saturating_sub(LAYOUT_WINDOW);
    let newline = memchr::memchr(b'\n', head)
        .or_else(|| memchr::memrchr(b'\n', &bytes[tail_start..]).map(|at| tail_start + at));
    match newline {
        Some(at) if at > 0 && bytes[at - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The whitespace that starts the line containing `offset`; none when more than
/// [`LAYOUT_WINDOW`] bytes of that line come before `offset` (a long line is minified text).
pub fn indentation_at(text: &str, offset: u32) -> &str {
    let offset = offset as usize;
    let window_start = offset.saturating_sub(LAYOUT_WINDOW);
    let line_start = match memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[window_start..offset]) {
        Some(at) => window_start + at + 1,
        None if window_start == 0 => 0,
        None => return "",
    };
    let line = &text[line_start..];
    let width = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..width]
}

/// One level of indentation as the file writes it: a tab, or the spaces of its first indented
/// line (guessed from the first 400 lines within [`LAYOUT_WINDOW`]; two spaces when nothing
/// is indented).
pub fn indent_unit(text: &str) -> String {
    let mut end = text.len().min(LAYOUT_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for line in text[..end].lines().take(400) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.is_empty() || indent.is_empty() {
            continue;
        }
        if indent.starts_with('\t') {
            return "\t".to_string();
        }
        return " ".repeat(indent.len().min(8));
    }
    "  ".to_string()
}

/// Replace a value node with new JSON text.
pub fn replace_value(file: FileKind, tree: &JsonTree, node: NodeId, new_json: &str) -> Edit {
    Edit::replace(file, tree.range(node), new_json)
}

/// Rename the key of `member`, keeping its value where it is.
pub fn rename_key(file: FileKind, member: &Member, new_name: &str) -> Edit {
    Edit::replace(file, member.key_range, json_string(new_name))
}

/// Insert `"key": value_json` as the last member of `object`.
pub fn insert_member(
    file: FileKind,
    text: &str,
    tree: &JsonTree,
    object: NodeId,
    key: &str,
    value_json: &str,
) -> Edit {
    let key = crate::edit::names::json_string(key);
    let eol = line_ending(text);
    let object_range = tree.range(object);
    match tree.members(object).last() {
        Some(last) => {
            let end = tree.range(last.value).end;
            let multiline = text[object_range.as_usize()].contains('\n');
            let separator = if multiline {
                format!(",{eol}{}", indentation_at(text, last.key_range.start))
            } else {
                ", ".to_string()
            };
            Edit::replace(
                file,
                TextRange::empty(end),
                format!("{separator}{key}: {value_json}"),
            )
        }
        None => {
            let open = object_range.start + 1;
            let outer = indentation_at(text, object_range.start);
            let inner = format!("{outer}{}", indent_unit(text));
            Edit::replace(
                file,
                TextRange::new(open, object_range.end.saturating_sub(1).max(open)),
                format!("{eol}{inner}{key}: {value_json}{eol}{outer}"),
            )
        }
    }
}

/// Remove member `index` of `object`, with the comma that separates it from its neighbour.
pub fn remove_member(file: FileKind, tree: &JsonTree, object: NodeId, index: usize) -> Edit {
    let members = tree.members(object);
    let member = &members[index];
    let value_end = tree.range(member.value).end;
    let range = if let Some(next) = members.get(index + 1) {
        TextRange::new(member.key_range.start, next.key_range.start)
    } else if index > 0 {
        TextRange::new(tree.range(members[index - 1].value).end, value_end)
    } else {
        TextRange::new(member.key_range.start, value_end)
    };
    Edit::replace(file, range, "")
}

/// Remove item `index` of `array`, with its separating comma.
pub fn remove_item(file: FileKind, tree: &JsonTree, array: NodeId, index: usize) -> Edit {
    let items = tree.items(array);
    let item = tree.range(items[index]);
    let range = if let Some(&next) = items.get(index + 1) {
        TextRange::new(item.start, tree.range(next).start)
    } else if index > 0 {
        TextRange::new(tree.range(items[index - 1]).end, item.end)
    } else {
        item
    };
    Edit::replace(file, range, "")
}

/// Insert `items` as the last items of `array`, in one edit. In an array written over several
/// lines each item goes on its own line, indented like the last item; in a one-line array they
/// stay on the line.
pub fn insert_items(
    kind: FileKind,
    text: &str,
    tree: &JsonTree,
    array: NodeId,
    items: &[Json],
) -> Option<Edit> {
    if items.is_empty() {
        return None;
    }
    let eol = line_ending(text);
    let array_range = tree.range(array);
    let multiline = text[array_range.as_usize()].contains('\n');
    let (range, layout, lead, trail) = match tree.items(array).last() {
        Some(&last) if multiline => {
            let indent = indentation_at(text, tree.range(last).start).to_string();
            let layout = Layout::pretty(indent.clone(), text);
            (
                TextRange::empty(tree.range(last).end),
                layout,
                ",",
                String::new(),
            )
        }
        Some(&last) => (
            TextRange::empty(tree.range(last).end),
            Layout { pretty: None },
            ", ",
            String::new(),
        ),
        None => {
            let open = array_range.start + 1;
            let outer = indentation_at(text, array_range.start);
            let inner = format!("{outer}{}", indent_unit(text));
            let range = TextRange::new(open, array_range.end.saturating_sub(1).max(open));
            (
                range,
                Layout::pretty(inner, text),
                "",
                format!("{eol}{outer}"),
            )
        }
    };
    let mut new_text = String::new();
    for (i, item) in items.iter().enumerate() {
        new_text.push_str(if i == 0 { lead } else { "," });
        match layout.pretty {
            Some(_) => layout.newline(&mut new_text, 0),
            None if i > 0 => new_text.push(' '),
            None => {}
        }
        item.write(&mut new_text, &layout, 0);
    }
    new_text.push_str(&trail);
    Some(Edit::replace(kind, range, new_text))
}

/// A JSON value to generate, with members in the order they are written.
pub enum Json {
    Str(String),
    /// A literal such as `true`, `2` or `{}`.
    Raw(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// A literal such as `true`, `2` or `{}`.
    pub fn raw(text: impl Into<String>) -> Json {
        Json::Raw(text.into())
    }

    pub fn array(items: impl IntoIterator<Item = Json>) -> Json {
        Json::Array(items.into_iter().collect())
    }

    pub fn object<'k>(members: impl IntoIterator<Item = (&'k str, Json)>) -> Json {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// The text of this value as a new member of `object` inserted with [`insert_member`]:
    /// one line in a one-line object, else laid out like the file.
    pub fn for_member_of(&self, text: &str, tree: &JsonTree, object: NodeId) -> String {
        let mut out = String::new();
        self.write(&mut out, &layout_for(text, tree, object), 0);
        out
    }

    /// The text of this value replacing the value of `member`, laid out like the member.
    pub fn for_value_of(&self, text: &str, member: &Member) -> String {
        self.laid_out_at(text, member.key_range.start)
    }

    /// The text of this value over several lines, starting on the line that holds `offset` and
    /// indented from that line's indentation.
    pub fn laid_out_at(&self, text: &str, offset: u32) -> String {
        let layout = Layout::pretty(indentation_at(text, offset).to_string(), text);
        let mut out = String::new();
        self.write(&mut out, &layout, 0);
        out
    }

    fn is_scalar(&self) -> bool {
        matches!(self, Json::Str(_) | Json::Raw(_))
    }

    fn write(&self, out: &mut String, layout: &Layout, depth: usize) {
        match self {
            Json::Str(text) => out.push_str(&json_string(text)),
            Json::Raw(text) => out.push_str(text),
            Json::Array(items) => {
                // Lists of scalars stay on one line, as connector files usually write them.
                if items.iter().all(Json::is_scalar) || layout.pretty.is_none() {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        item.write(out, layout, depth);
                    }
                    out.push(']');
                } else {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(if i > 0 { "," } else { "" });
                        layout.newline(out, depth + 1);
                        item.write(out, layout, depth + 1);
                    }
                    layout.newline(out, depth);
                    out.push(']');
                }
            }
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if layout.pretty.is_some() {
                        layout.newline(out, depth + 1);
                    } else if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(&json_string(key));
                    out.push_str(": ");
                    value.write(out, layout, depth + 1);
                }
                if layout.pretty.is_some() {
                    layout.newline(out, depth);
                }
                out.push('}');
            }
        }
    }
}

/// How generated JSON is laid out: one line, or one member per line with the file's
/// indentation unit and line ending, starting from the indentation of the new member.
struct Layout {
    /// `(base indentation, unit, line ending)`.
    pretty: Option<(String, String, &'static str)>,
}

impl Layout {
    /// One member per line from `base`, with `text`'s indentation unit and line ending.
    fn pretty(base: String, text: &str) -> Layout {
        Layout {
            pretty: Some((base, indent_unit(text), line_ending(text))),
        }
    }

    fn newline(&self, out: &mut String, depth: usize) {
        if let Some((base, unit, eol)) = &self.pretty {
            out.push_str(eol);
            out.push_str(base);
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
    }
}

/// The layout of members added to `object`, matching what `insert_member` does.
fn layout_for(text: &str, tree: &JsonTree, object: NodeId) -> Layout {
    let range = tree.range(object);
    match tree.members(object).last() {
        Some(last) if text[range.as_usize()].contains('\n') => {
            Layout::pretty(indentation_at(text, last.key_range.start).to_string(), text)
        }
        Some(_) => Layout { pretty: None },
        None => Layout::pretty(
            format!("{}{}", indentation_at(text, range.start), indent_unit(text)),
            text,
        ),
    }
}

/// Insert members as the last members of `object`, in one edit.
pub fn insert_members(
    kind: FileKind,
    text: &str,
    tree: &JsonTree,
    object: NodeId,
    members: &[(String, Json)],
) -> Option<Edit> {
    let ((first_key, first_value), rest) = members.split_first()?;
    let layout = layout_for(text, tree, object);
    let mut value = String::new();
    first_value.write(&mut value, &layout, 0);
    for (key, member_value) in rest {
        value.push(',');
        match &layout.pretty {
            Some(_) => layout.newline(&mut value, 0),
            None => value.push(' '),
        }
        value.push_str(&json_string(key));
        value.push_str(": ");
        member_value.write(&mut value, &layout, 0);
    }
    Some(insert_member(kind, text, tree, object, first_key, &value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::{Parsed, parse};

    /// The value of the root's member `key`.
    fn member(parsed: &Parsed, key: &str) -> NodeId {
        parsed
            .tree
            .path(parsed.tree.root().unwrap(), &[key])
            .unwrap()
    }

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range.as_usize(), &edit.new_text);
        out
    }

    #[test]
    fn insert_keeps_indentation_and_crlf() {
        let text = "{\r\n    \"a\": 1\r\n}";
        let parsed = parse(text);
        let root = parsed.tree.root().unwrap();
        let edit = insert_member(FileKind::ApiProperties, text, &parsed.tree, root, "b", "2");
        assert_eq!(
            apply(text, &edit),
            "{\r\n    \"a\": 1,\r\n    \"b\": 2\r\n}"
        );
    }

    #[test]
    fn insert_into_empty_object() {
        let text = "{\n  \"o\": {}\n}";
        let parsed = parse(text);
        let o = member(&parsed, "o");
        let edit = insert_member(FileKind::ApiProperties, text, &parsed.tree, o, "k", "true");
        let fixed = apply(text, &edit);
        assert_eq!(fixed, "{\n  \"o\": {\n    \"k\": true\n  }\n}");
        assert!(parse(&fixed).errors.is_empty());
    }

    #[test]
    fn remove_first_middle_last_and_only_member() {
        let text = r#"{"a": 1, "b": 2, "c": 3}"#;
        let parsed = parse(text);
        let root = parsed.tree.root().unwrap();
        let removed: Vec<String> = (0..3)
            .map(|i| {
                apply(
                    text,
                    &remove_member(FileKind::ApiProperties, &parsed.tree, root, i),
                )
            })
            .collect();
        assert_eq!(
            removed,
            [
                r#"{"b": 2, "c": 3}"#,
                r#"{"a": 1, "c": 3}"#,
                r#"{"a": 1, "b": 2}"#
            ]
        );
        let only = r#"{"a": 1}"#;
        let parsed = parse(only);
        let edit = remove_member(
            FileKind::ApiProperties,
            &parsed.tree,
            parsed.tree.root().unwrap(),
            0,
        );
        assert_eq!(apply(only, &edit), "{}");
    }

    #[test]
    fn insert_items_into_multiline_one_line_and_empty_arrays() {
        let item = || Json::object([("name", Json::str("x")), ("in", Json::str("path"))]);
        let insert = |text: &str, items: &[Json]| {
            let parsed = parse(text);
            let p = member(&parsed, "p");
            let edit = insert_items(FileKind::ApiDefinition, text, &parsed.tree, p, items);
            let fixed = apply(text, &edit.unwrap());
            assert!(parse(&fixed).errors.is_empty(), "{fixed}");
            fixed
        };
        assert_eq!(
            insert(
                "{\r\n  \"p\": [\r\n    {\"name\": \"a\"}\r\n  ]\r\n}",
                &[item(), Json::raw("true")]
            ),
            "{\r\n  \"p\": [\r\n    {\"name\": \"a\"},\r\n    {\r\n      \"name\": \"x\",\r\n      \"in\": \"path\"\r\n    },\r\n    true\r\n  ]\r\n}"
        );
        assert_eq!(
            insert("{\"p\": [1]}", &[item(), Json::raw("2")]),
            "{\"p\": [1, {\"name\": \"x\", \"in\": \"path\"}, 2]}"
        );
        assert_eq!(
            insert(
                "{\n\t\"p\": []\n}",
                &[Json::raw("true"), Json::raw("false")]
            ),
            "{\n\t\"p\": [\n\t\ttrue,\n\t\tfalse\n\t]\n}"
        );
        let parsed = parse("{\"p\": []}");
        let p = member(&parsed, "p");
        assert!(
            insert_items(FileKind::ApiDefinition, "{\"p\": []}", &parsed.tree, p, &[]).is_none()
        );
    }

    #[test]
    fn nested_values_follow_the_member_indentation() {
        let text = "{\n  \"o\": {\n    \"a\": 1\n  }\n}";
        let parsed = parse(text);
        let o = member(&parsed, "o");
        let value = Json::array([Json::object([("n", Json::raw("1"))])]);
        let edit = insert_members(
            FileKind::ApiDefinition,
            text,
            &parsed.tree,
            o,
            &[("p".to_string(), value)],
        );
        let fixed = apply(text, &edit.unwrap());
        assert_eq!(
            fixed,
            "{\n  \"o\": {\n    \"a\": 1,\n    \"p\": [\n      {\n        \"n\": 1\n      }\n    ]\n  }\n}"
        );
        assert!(parse(&fixed).errors.is_empty());
    }

    fn sample() -> Vec<(String, Json)> {
        vec![
            (
                "api_key".into(),
                Json::object(vec![
                    ("type", Json::str("securestring")),
                    ("scopes", Json::Array(vec![Json::str("a"), Json::str("b")])),
                    ("empty", Json::raw("{}")),
                ]),
            ),
            ("flag".into(), Json::raw("true")),
        ]
    }

    #[test]
    fn inserts_pretty_members_with_the_file_layout() {
        let text = "{\r\n  \"p\": {\r\n    \"a\": 1\r\n  }\r\n}";
        let parsed = parse(text);
        let p = member(&parsed, "p");
        let edit =
            insert_members(FileKind::ApiProperties, text, &parsed.tree, p, &sample()).unwrap();
        let fixed = apply(text, &edit);
        assert_eq!(
            fixed,
            "{\r\n  \"p\": {\r\n    \"a\": 1,\r\n    \"api_key\": {\r\n      \"type\": \"securestring\",\r\n      \"scopes\": [\"a\", \"b\"],\r\n      \"empty\": {}\r\n    },\r\n    \"flag\": true\r\n  }\r\n}"
        );
        assert!(parse(&fixed).errors.is_empty());
    }

    #[test]
    fn inserts_into_empty_and_one_line_objects() {
        for text in ["{\n  \"p\": {}\n}", "{\"p\": {\"a\": 1}}"] {
            let parsed = parse(text);
            let p = member(&parsed, "p");
            let edit =
                insert_members(FileKind::ApiProperties, text, &parsed.tree, p, &sample()).unwrap();
            let fixed = apply(text, &edit);
            assert!(parse(&fixed).errors.is_empty(), "{fixed}");
            assert!(fixed.contains("\"flag\": true"));
        }
    }

    #[test]
    fn layout_is_read_from_a_bounded_window() {
        let long_line = format!("  {}", "x".repeat(2 * LAYOUT_WINDOW));
        // Far into a long line its indentation is not looked for: the line is minified text.
        assert_eq!(indentation_at(&long_line, long_line.len() as u32), "");
        assert_eq!(indentation_at(&long_line, 10), "  ");
        let text = format!("{long_line}\n  b");
        assert_eq!(indentation_at(&text, text.len() as u32), "  ");
        // A minified file's line ending is its last one.
        assert_eq!(line_ending(&format!("{long_line}\r\n")), "\r\n");
        assert_eq!(line_ending(&long_line), "\n");
        assert_eq!(indent_unit(&format!("{long_line}\n\tb")), "  ");
    }
}
