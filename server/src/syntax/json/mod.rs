//! An error-recovering, strict (RFC 8259) JSON parser that keeps the byte range of every key
//! and value. Parsing never fails: it returns a tree and a list of syntax errors, and the
//! tree holds everything that could be recovered around those errors.
//!
//! Why not jsonc-parser's AST: it stops at the first error and returns no tree, and it recurses
//! per nesting level. A document being typed is invalid most of the time, and 19 published
//! connectors have broken JSON, so rules must still see the rest of the file. The parser is
//! iterative and nodes live in one arena, so deep nesting neither overflows the stack while
//! parsing nor while dropping the tree.
//!
//! The tree and its lookups are here; [`parser`] builds it from [`lexer`]'s tokens, and
//! [`incremental`] brings a parse up to date after an edit without parsing everything again.

use crate::text::TextRange;

mod incremental;
mod lexer;
mod parser;

use parser::Parser;

/// Nesting deeper than this is reported and skipped, so that every recursive walk over the tree
/// (schema rules, pointer resolution) stays bounded.
pub const MAX_DEPTH: usize = 256;

pub type NodeId = u32;
const NO_PARENT: NodeId = u32::MAX;

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Object(Vec<Member>),
    Array(Vec<NodeId>),
    String(Box<str>),
    Number,
    Bool(bool),
    Null,
    /// A value that is missing or could not be parsed.
    Invalid,
}

impl NodeKind {
    /// The kind of value as a message names it: "an object", "a number", "null".
    pub fn described(&self) -> &'static str {
        match self {
            NodeKind::Object(_) => "an object",
            NodeKind::Array(_) => "an array",
            NodeKind::String(_) => "a string",
            NodeKind::Number => "a number",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Null => "null",
            NodeKind::Invalid => "an invalid value",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: Box<str>,
    /// Range of the key including its quotes.
    pub key_range: TextRange,
    pub value: NodeId,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub range: TextRange,
    /// The enclosing object or array, `None` for the root.
    parent: NodeId,
    /// Member index in the parent object, or item index in the parent array.
    slot: u32,
    /// How a container was closed.
    closing: Closing,
}

/// How the parser closed an object or array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closing {
    /// By its own bracket: re-parsing it alone gives what a full parse gives.
    OwnBracket,
    /// By recovery where the indentation shows its bracket is missing (the next line is
    /// indented as its parent's members, or as its parent's closing bracket): what the text
    /// is laid out to mean.
    Indentation,
    /// By recovery at a mismatched bracket or at the end of the file, with nothing to show
    /// where its bracket really was: which members belong to it is a guess.
    Guess,
}

impl Node {
    /// Move the node's ranges and renumber the nodes it refers to.
    fn remap(&mut self, range: impl Fn(TextRange) -> TextRange, id: impl Fn(NodeId) -> NodeId) {
        self.range = range(self.range);
        if self.parent != NO_PARENT {
            self.parent = id(self.parent);
        }
        match &mut self.kind {
            NodeKind::Object(members) => {
                for member in members {
                    member.key_range = range(member.key_range);
                    member.value = id(member.value);
                }
            }
            NodeKind::Array(items) => {
                for item in items {
                    *item = id(*item);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
    pub kind: SyntaxErrorKind,
}

/// The errors that have a mechanical repair, the unbalanced brackets, and everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The range is the empty place, shown by the indentation, where this text belongs: a
    /// closing bracket, and the comma after it when a member or item follows.
    MissingClose(&'static str),
    /// The range is a closing bracket that, by the indentation, closes nothing: one too many.
    ExtraClose,
    /// A bracket that closes nothing, a container left open at the end of the file or closed
    /// by a mismatched bracket, or content after the end of the value: where the text's
    /// structure was lost.
    Unbalanced,
    /// The range is the comma to delete.
    TrailingComma,
    /// The range is the raw control character, which should be escaped.
    ControlCharacter(u8),
    /// The range is the empty place where a comma belongs.
    MissingComma,
    Other,
}

/// A parsed JSON document: an arena of nodes and the root, if any value was found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonTree {
    nodes: Vec<Node>,
    root: Option<NodeId>,
    member_index: MemberIndex,
}

/// Objects with more members than this are searched through [`MemberIndex`].
const INDEXED_MEMBERS: usize = 16;

/// For each object with more than [`INDEXED_MEMBERS`] members, its member slots sorted by key
/// (equal keys in document order), built on the first lookup in such an object. Without it a
/// lookup scans the members, and resolving n `$ref`s into an object of n definitions is
/// quadratic. It is derived data: trees compare equal whatever it holds, and an edit of the
/// tree drops it.
#[derive(Clone, Debug, Default)]
struct MemberIndex(std::sync::OnceLock<std::collections::HashMap<NodeId, Box<[u32]>>>);

impl PartialEq for MemberIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl SyntaxErrorKind {
    /// Whether the error is about which bracket closes what (so the tree's structure around it
    /// is recovery's reading of the text).
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            SyntaxErrorKind::MissingClose(_)
                | SyntaxErrorKind::ExtraClose
                | SyntaxErrorKind::Unbalanced
        )
    }
}

impl JsonTree {
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn kind(&self, id: NodeId) -> &NodeKind {
        &self.nodes[id as usize].kind
    }

    pub fn range(&self, id: NodeId) -> TextRange {
        self.nodes[id as usize].range
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every node id, in document order of their start.
    pub fn ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        0..self.nodes.len() as NodeId
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let parent = self.nodes[id as usize].parent;
        (parent != NO_PARENT).then_some(parent)
    }

    /// The member through which `id` hangs off its parent object, if it does.
    pub fn member_of(&self, id: NodeId) -> Option<&Member> {
        let node = &self.nodes[id as usize];
        let parent = self.parent(id)?;
        match self.kind(parent) {
            NodeKind::Object(members) => members.get(node.slot as usize),
            _ => None,
        }
    }

    /// The members of an object; empty for anything else.
    pub fn members(&self, id: NodeId) -> &[Member] {
        match self.kind(id) {
            NodeKind::Object(members) => members,
            _ => &[],
        }
    }

    /// The items of an array; empty for anything else.
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.kind(id) {
            NodeKind::Array(items) => items,
            _ => &[],
        }
    }

    pub fn is_object(&self, id: NodeId) -> bool {
        matches!(self.kind(id), NodeKind::Object(_))
    }

    pub fn is_array(&self, id: NodeId) -> bool {
        matches!(self.kind(id), NodeKind::Array(_))
    }

    /// The member named `key` of an object; the last one wins, as in every JSON consumer.
    pub fn member(&self, id: NodeId, key: &str) -> Option<&Member> {
        let members = self.members(id);
        if members.len() <= INDEXED_MEMBERS {
            return members.iter().rev().find(|m| &*m.key == key);
        }
        let sorted = &self.member_index.0.get_or_init(|| self.index_members())[&id];
        // The last of the slots whose key is `key`.
        let after = sorted.partition_point(|&slot| *members[slot as usize].key <= *key);
        let slot = *sorted[..after].last()? as usize;
        (*members[slot].key == *key).then(|| &members[slot])
    }

    fn index_members(&self) -> std::collections::HashMap<NodeId, Box<[u32]>> {
        self.ids()
            .filter_map(|id| {
                let members = self.members(id);
                (members.len() > INDEXED_MEMBERS).then(|| {
                    let mut slots: Vec<u32> = (0..members.len() as u32).collect();
                    // Stable: equal keys keep document order, so the last slot is the last one.
                    slots.sort_by(|&a, &b| members[a as usize].key.cmp(&members[b as usize].key));
                    (id, slots.into_boxed_slice())
                })
            })
            .collect()
    }

    /// The value of member `key` of an object.
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        self.member(id, key).map(|m| m.value)
    }

    pub fn as_str(&self, id: NodeId) -> Option<&str> {
        match self.kind(id) {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self, id: NodeId) -> Option<bool> {
        match self.kind(id) {
            NodeKind::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string value of member `key`.
    pub fn get_str(&self, id: NodeId, key: &str) -> Option<&str> {
        self.get(id, key).and_then(|v| self.as_str(v))
    }

    /// Follow a path of object keys from `id`.
    pub fn path(&self, id: NodeId, keys: &[&str]) -> Option<NodeId> {
        keys.iter().try_fold(id, |node, key| self.get(node, key))
    }

    /// The RFC 6901 JSON pointer of a node (`""` for the root).
    pub fn pointer(&self, id: NodeId) -> String {
        let mut segments = Vec::new();
        let mut current = id;
        while let Some(parent) = self.parent(current) {
            let slot = self.nodes[current as usize].slot as usize;
            match self.kind(parent) {
                NodeKind::Object(members) => segments.push(escape_pointer(&members[slot].key)),
                _ => segments.push(slot.to_string()),
            }
            current = parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
            pointer.push('/');
            pointer.push_str(segment);
        }
        pointer
    }

    /// Resolve an RFC 6901 pointer (already without the leading `#`).
    pub fn resolve_pointer(&self, pointer: &str) -> Option<NodeId> {
        let mut node = self.root?;
        if pointer.is_empty() {
            return Some(node);
        }
        let rest = pointer.strip_prefix('/')?;
        for raw in rest.split('/') {
            let segment = unescape_pointer(raw);
            node = match self.kind(node) {
                NodeKind::Object(_) => self.get(node, &segment)?,
                NodeKind::Array(items) => *items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The innermost node whose range contains `offset`.
    pub fn node_at(&self, offset: u32) -> Option<NodeId> {
        let mut node = self.root?;
        if !self.range(node).contains(offset) {
            return None;
        }
        loop {
            let child = match self.kind(node) {
                NodeKind::Object(members) => members
                    .iter()
                    .map(|m| m.value)
                    .find(|&v| self.range(v).contains(offset)),
                NodeKind::Array(items) => items
                    .iter()
                    .copied()
                    .find(|&v| self.range(v).contains(offset)),
                _ => None,
            };
            match child {
                Some(child) => node = child,
                None => return Some(node),
            }
        }
    }
}

pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub fn unescape_pointer(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The result of parsing: a tree that is always there, the syntax errors met on the way, and
/// the parts of the tree whose structure recovery could only guess.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub tree: JsonTree,
    pub errors: Vec<SyntaxError>,
    /// The objects and arrays whose members recovery may have got wrong (closed at the end of
    /// the file or at a mismatched bracket, or the root when text follows it), in document
    /// order: findings inside them may be artefacts of recovery.
    pub uncertain: Vec<NodeId>,
}

impl Parsed {
    /// Whether recovery could not tell what the top level holds (the root itself is
    /// uncertain): then nothing in the file, nor anything that refers into it, can be trusted.
    pub fn is_top_level_uncertain(&self) -> bool {
        self.tree
            .root
            .is_some_and(|root| self.uncertain.contains(&root))
    }

    /// Whether a place given by its range start (and JSON pointer, when it has one) lies in,
    /// or is about, an object or array whose members recovery guessed, or one that holds it:
    /// a container closed by guess may have taken the members that followed it in its parent
    /// (`"consumes": ["a/b", "info": {…}}` leaves the root without `info`).
    pub fn is_uncertain(&self, offset: u32, pointer: Option<&str>) -> bool {
        self.uncertain.iter().any(|&node| {
            let container = self.tree.pointer(node);
            self.tree.range(node).contains(offset)
                || pointer.is_some_and(|pointer| {
                    is_within(pointer, &container) || is_within(&container, pointer)
                })
        })
    }
}

/// How a control character is written inside a JSON string: `\t`, else `\u00XX` (a raw
/// line break is not one: it ends the string, see the lexer).
pub fn escape_control(byte: u8) -> String {
    match byte {
        b'\t' => "\\t".to_string(),
        _ => format!("\\u{byte:04x}"),
    }
}

/// Whether JSON pointer `inner` is `outer` or points inside it.
fn is_within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The error at text that follows the root value.
const AFTER_ROOT: &str = "unexpected content after the end of the JSON value";

/// Parse a text. A text whose brackets do not balance is parsed a second time with the
/// indentation as a guide to where a bracket is missing; that reading is kept when it meets
/// no more errors than the plain one (a pretty-printed file that lost one `}` then gets the
/// tree its author meant, and one error where the bracket belongs, instead of its top-level
/// sections read as members of the object left open).
pub fn parse(text: &str) -> Parsed {
    let plain = Parser::new(text).run();
    let structural = |parsed: &Parsed| {
        let count = parsed
            .errors
            .iter()
            .filter(|e| e.kind.is_structural())
            .count();
        (count, parsed.errors.len())
    };
    let (plain_structural, plain_total) = structural(&plain);
    if plain_structural == 0 {
        return plain;
    }
    let guided = Parser::new(text).guided_by_indentation().run();
    let (guided_structural, guided_total) = structural(&guided);
    // Text after the root is not read at all, so its errors are not counted: a reading that
    // the indentation explains whole is then better whatever it counts.
    let explained = |parsed: &Parsed| {
        parsed
            .errors
            .iter()
            .all(|e| e.kind != SyntaxErrorKind::Unbalanced)
    };
    let plain_stopped_early = plain.errors.iter().any(|e| e.message == AFTER_ROOT);
    if (guided_structural <= plain_structural && guided_total <= plain_total)
        || (plain_stopped_early && explained(&guided))
    {
        guided
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {

    /// Which reading `parse` keeps: the errors of the plain parse or of the guided one.
    fn kept(text: &str) -> &'static str {
        let errors = parse(text).errors;
        let plain = Parser::new(text).run().errors;
        let guided = Parser::new(text).guided_by_indentation().run().errors;
        assert_ne!(
            plain, guided,
            "the readings must differ for the test to mean anything"
        );
        match errors {
            e if e == plain => "plain",
            e if e == guided => "guided",
            _ => panic!("neither reading"),
        }
    }

    /// A plain reading that stopped at a stray `}` never saw the rest of the file; the guided
    /// one that reads it all, with no lost structure, is kept though it finds more (the
    /// trailing comma the plain one never reached).
    #[test]
    fn a_plain_reading_cut_short_gives_way_to_a_guided_one_that_explains_all() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n  },\n  \"c\": [1,],\n  \"d\": 2\n}\n";
        assert_eq!(kept(text), "guided");
    }

    /// A guided reading with more errors is dropped when the plain one read the whole file
    /// (here: a stray `{`, then `,}`), or when it loses structure itself.
    #[test]
    fn a_guided_reading_with_more_errors_is_dropped() {
        let read_whole = "{\n  \"a\": {\n    \"b\": {\n{      \"x\": 1\n    },\n    \"c\": 2\n  ,},\n  \"d\": 3\n}\n";
        assert_eq!(kept(read_whole), "plain");
        let lost = "{\n  \"a\": [\n      \"x\": 1\n    },\n    {\n      \"y\": 2\n    }\n  ]\n}\n";
        assert_eq!(kept(lost), "plain");
        // As many structural errors, one more in all: an array item that lost its `{`, and a
        // trailing comma far below, in a real definition.
        let example =
            include_str!("../../../../fixtures/examples/contoso-items/apiDefinition.swagger.json");
        let mut lines: Vec<String> = example.lines().map(str::to_string).collect();
        assert_eq!(lines[40].trim(), "{");
        lines[40] = String::new();
        assert_eq!(lines[160], "  },");
        lines[160] = "  ,},".to_string();
        assert_eq!(kept(&lines.join("\n")), "plain");
    }

    #[test]
    fn the_tree_counts_its_nodes() {
        let parsed = parse(r#"{"a": [1, 2], "b": {}}"#);
        // The root, "a"'s array and its two items, "b"'s object.
        assert_eq!(parsed.tree.len(), 5);
        assert!(!parsed.tree.is_empty());
        assert!(parse("").tree.is_empty());
    }

    #[test]
    fn every_kind_of_value_is_described() {
        let parsed = parse(r#"[{}, [], "s", 1, true, null, tru]"#);
        let tree = &parsed.tree;
        let described: Vec<&str> = (tree.items(tree.root().unwrap()).iter())
            .map(|&item| tree.kind(item).described())
            .collect();
        assert_eq!(
            described,
            [
                "an object",
                "an array",
                "a string",
                "a number",
                "a boolean",
                "null",
                "an invalid value"
            ]
        );
    }

    #[test]
    fn booleans_are_read_only_from_json_booleans() {
        let parsed = parse(r#"{"yes": true, "no": false, "text": "true"}"#);
        let (tree, root) = (&parsed.tree, parsed.tree.root().unwrap());
        let bool_of = |key| tree.as_bool(tree.get(root, key).unwrap());
        assert_eq!(bool_of("yes"), Some(true));
        assert_eq!(bool_of("no"), Some(false));
        assert_eq!(bool_of("text"), None);
    }

    /// Only the errors about which bracket closes what make recovery read the structure.
    #[test]
    fn structural_errors_are_the_bracket_ones() {
        assert!(SyntaxErrorKind::MissingClose("}").is_structural());
        assert!(SyntaxErrorKind::ExtraClose.is_structural());
        assert!(SyntaxErrorKind::Unbalanced.is_structural());
        for kind in [
            SyntaxErrorKind::TrailingComma,
            SyntaxErrorKind::ControlCharacter(9),
            SyntaxErrorKind::MissingComma,
            SyntaxErrorKind::Other,
        ] {
            assert!(!kind.is_structural(), "{kind:?}");
        }
    }

    use super::*;

    fn errors(text: &str) -> Vec<(String, String)> {
        parse(text)
            .errors
            .into_iter()
            .map(|e| (text[e.range.as_usize()].to_string(), e.message))
            .collect()
    }

    #[test]
    fn incremental_edits_match_a_full_parse() {
        let text = "\u{feff}{\r\n  \"name\": \"Ada é\",\r\n  \"n\": -12.5e3,\r\n  \"list\": [true, null, \"x\", {}],\r\n  \"esc\": \"a\\\"b\",\r\n  \"o\": {\"k\":\"v\"}\r\n}\r\n";
        let original = parse(text);
        assert!(original.errors.is_empty());
        let mut incremental = 0;
        for start in 0..=text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            let mut edits: Vec<(usize, &str)> = [" ", "x", "\n", "é", "\"", "\\", "1", ""]
                .iter()
                .map(|inserted| (start, *inserted))
                .collect();
            // And deleting the char at `start`.
            if let Some(c) = text[start..].chars().next() {
                edits.push((start + c.len_utf8(), ""));
            }
            for (end, inserted) in edits {
                let mut after = text.to_string();
                after.replace_range(start..end, inserted);
                let full = parse(&after);
                let mut patched = original.clone();
                if patched.edit(&after, start as u32, &text[start..end], inserted) {
                    incremental += 1;
                    assert!(
                        patched == full,
                        "edit {start}..{end} -> {inserted:?} differs from a full parse"
                    );
                } else {
                    assert!(patched == original, "a refused edit changed nothing");
                }
            }
        }
        assert!(incremental > 300, "{incremental} edits applied in place");
        // Text with errors is always parsed again.
        let broken = "{\"a\": 1,}";
        let mut parsed = parse(broken);
        assert!(!parsed.edit("{\"a\":  1,}", 5, "", " "));
    }

    /// Objects too big for a scan are searched through the member index: the same answers
    /// (the last duplicate wins, missing keys are missing), also after an edit renames a key.
    #[test]
    fn big_objects_are_looked_up_like_small_ones() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{}\": {i}", i % 60)).collect();
        let text = format!("{{{}}}", members.join(", "));
        let mut parsed = parse(&text);
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        for key in ["k0", "k7", "k59", "k1"] {
            let scanned = tree.members(root).iter().rev().find(|m| &*m.key == key);
            assert_eq!(tree.member(root, key), scanned, "{key}");
        }
        assert_eq!(
            tree.range(tree.get(root, "k7").unwrap()).len(),
            2,
            "67, not 7"
        );
        assert_eq!(tree.get(root, "k60"), None);
        assert_eq!(tree.get(root, "k"), None);
        let at = text.find("\"k3\"").unwrap() + 2;
        let renamed = format!("{}Z{}", &text[..at], &text[at + 1..]);
        assert!(parsed.edit(&renamed, at as u32, "3", "Z"));
        let root = parsed.tree.root().unwrap();
        assert!(parsed.tree.get(root, "kZ").is_some());
        assert_eq!(parsed.tree, parse(&renamed).tree);
    }

    /// Every single edit at every place of texts near the depth limit and full of errors:
    /// whatever path `edit` takes, the result is the full parse of the new text.
    #[test]
    fn structural_edits_match_a_full_parse_in_deep_and_broken_text() {
        let near_limit = MAX_DEPTH - 2;
        let deep = format!(
            "{}{{\"a\": [1, {{\"b\": 2}}], \"c\": {{}}}}{}",
            "[".repeat(near_limit),
            "]".repeat(near_limit)
        );
        let broken = "{\"a\": {\"b\": [1, 2}, \"c\": \"x\n\", \"d\": {\"e\" 1}},\n \"f\": [ {\"g\": /* c */ 1}, ], \"h\": {\"i\": [}}";
        // Pretty-printed with a bracket missing: parsed with the indentation as a guide.
        let pretty = "{\n  \"a\": {\n    \"b\": [\n      1,\n      {\"c\": 2}\n  },\n  \"d\": {\n    \"e\": 1\n\n  \"f\": 2\n}\n";
        assert!(
            parse(pretty)
                .errors
                .iter()
                .any(|e| e.kind == SyntaxErrorKind::MissingClose("]"))
        );
        for text in [deep.as_str(), broken, pretty] {
            let original = parse(text);
            let mut accepted = 0;
            for start in 0..=text.len() {
                let mut edits: Vec<(usize, &str)> = ["{", "}", "[", "]", "\"", ",", ":", "*/", "1"]
                    .iter()
                    .map(|inserted| (start, *inserted))
                    .collect();
                if start < text.len() {
                    edits.push((start + 1, ""));
                }
                for (end, inserted) in edits {
                    let mut after = text.to_string();
                    after.replace_range(start..end, inserted);
                    let mut patched = original.clone();
                    if patched.edit(&after, start as u32, &text[start..end], inserted) {
                        accepted += 1;
                        assert!(
                            patched == parse(&after),
                            "edit {start}..{end} -> {inserted:?} of {text:?}"
                        );
                    } else {
                        assert!(patched == original, "a refused edit changed nothing");
                    }
                }
            }
            assert!(
                accepted > text.len(),
                "{accepted} edits without a full parse"
            );
        }
    }

    /// Errors right at a container's brackets stay where a full parse puts them when the
    /// container is parsed again: one at its opening bracket is about what came before it,
    /// one right after its closing bracket about what follows, and they keep their order
    /// with the container's own errors.
    #[test]
    fn errors_next_to_a_reparsed_container_keep_their_place_and_order() {
        // The text, and an edit inside `{"a": 1}`: at the 1, what it removes and inserts.
        let cases = [
            ("[1{\"a\": 1}]", "1", "3"),
            ("[1 {\"a\": 1}]", "1", "3"),
            ("[{\"a\": 1}2]", "1", "3"),
            ("[{\"a\": 1}2]", "1", "1 3"),
            ("[{\"a\": 1 \"b\": 2}2]", "1", "3"),
        ];
        for (text, removed, inserted) in cases {
            let original = parse(text);
            assert!(!original.errors.is_empty(), "{text}");
            let at = text.find(": 1").unwrap() + 2;
            let after = format!("{}{inserted}{}", &text[..at], &text[at + removed.len()..]);
            let mut patched = original.clone();
            assert!(
                patched.edit(&after, at as u32, removed, inserted),
                "{after}"
            );
            assert!(patched == parse(&after), "{after}: {:?}", patched.errors);
        }
    }

    /// A part parsed again alone is taken only when it is exactly one container closed by
    /// its own bracket: not closed, followed by anything (even a space), preceded by
    /// anything, or closed by the other kind of bracket, the whole text is parsed again.
    #[test]
    fn a_part_parsed_alone_is_taken_only_when_it_is_one_closed_container() {
        let taken = |text: &str| parser::Parser::new(text).run_container().is_some();
        assert!(taken("{\"a\": [1, 2]}"));
        assert!(taken("[]"));
        for text in [
            "{\"a\": 1",
            "{\"a\": 1}}",
            "{\"a\": 1} ",
            " {\"a\": 1}",
            "{\"a\": 1]",
            "1",
        ] {
            assert!(!taken(text), "{text:?}");
        }
    }

    /// A comma or colon before the root value is reported alone, and the value still read.
    #[test]
    fn a_separator_before_the_root_is_reported_alone() {
        for text in [",{}", ":{}"] {
            let parsed = parse(text);
            let found: Vec<_> = parsed
                .errors
                .iter()
                .map(|e| (e.range, e.message.as_str(), e.kind))
                .collect();
            let message = format!("unexpected '{}'", &text[..1]);
            assert_eq!(
                found,
                [(
                    TextRange::new(0, 1),
                    message.as_str(),
                    SyntaxErrorKind::Other
                )]
            );
            let root = parsed.tree.root().unwrap();
            assert!(parsed.tree.is_object(root), "{text}");
        }
    }

    /// A closing bracket that starts a line closes, by the indentation, the containers opened
    /// after the line indented as it is when it is of that line's kind (`]` for an array);
    /// of the other kind, it closes only what it closes by itself.
    #[test]
    fn a_closing_bracket_at_an_outer_indentation_closes_by_its_kind() {
        let errors_of = |parsed: Parsed| -> Vec<(usize, String)> {
            parsed
                .errors
                .iter()
                .map(|e| (e.range.start as usize, e.message.clone()))
                .collect()
        };
        // `]` at the indentation of the middle array: `[3, 4` lacks its `]`, not the file.
        let text = "[\n  [\n    [1, 2],\n    [3, 4\n  ],\n  [5]\n]\n";
        let after_four = text.find("4\n").unwrap() + 1;
        assert_eq!(
            errors_of(parse(text)),
            [(after_four, "expected ']'".to_string())]
        );
        // `}` at the indentation of an array closes the object inside it by itself, and
        // the array lacks `]`: the indentation closes nothing more.
        let text = "{\n  \"a\": [\n    {\n      \"b\": 1\n  }\n}\n";
        let after_brace = text.find("  }").unwrap() + 3;
        let guided = parser::Parser::new(text).guided_by_indentation().run();
        assert_eq!(
            errors_of(guided),
            [(after_brace, "expected ']'".to_string())]
        );
    }

    /// A token where it cannot stand is reported once, with a message that says what was
    /// expected there, and reading goes on.
    #[test]
    fn misplaced_tokens_are_reported_once_with_what_was_expected() {
        let cases: [(&str, &[(&str, &str)]); 8] = [
            ("{,}", &[(",", "expected a property name before ','")]),
            ("{:1}", &[(":", "expected a property name before ':'")]),
            (
                "{a: 1}",
                &[("a", "unexpected word 'a'; strings must be in double quotes")],
            ),
            ("[:]", &[(":", "unexpected ':' in an array")]),
            (
                "{\"a\": ,}",
                &[
                    (",", "expected a value, found ','"),
                    (",", "trailing comma is not allowed in JSON"),
                ],
            ),
            ("{\"a\":}", &[("}", "expected a value, found '}'")]),
            ("{\"a\"::1}", &[(":", "unexpected ':'")]),
            (
                "{\"a\" 1}",
                &[("", "expected ':' after the property name, found a number")],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(at, message)| (at.to_string(), message.to_string()))
                .collect();
            assert_eq!(errors(text), expected, "{text}");
        }
    }

    #[test]
    fn a_missing_bracket_is_placed_by_the_indentation() {
        // The closing brace of "/b" is missing: the plain reading puts "parameters" in
        // "paths" and leaves the root open at the end.
        let text = "{\n  \"paths\": {\n    \"/a\": {\"get\": {}},\n    \"/b\": {\n      \"get\": {}\n  },\n  \"parameters\": {}\n}\n";
        let parsed = parse(text);
        let found: Vec<_> = parsed
            .errors
            .iter()
            .map(|e| (e.range, e.message.as_str(), e.kind))
            .collect();
        let at = text.find("{}\n  },").unwrap() as u32 + 2;
        assert_eq!(
            found,
            [(
                TextRange::empty(at),
                "expected '}'",
                SyntaxErrorKind::MissingClose("}")
            )]
        );
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        assert!(
            tree.get(root, "parameters").is_some(),
            "a top-level section"
        );
        assert_eq!(tree.members(tree.get(root, "paths").unwrap()).len(), 2);
        assert!(parsed.uncertain.is_empty(), "the indentation tells");

        // A missing "}" followed by a sibling member needs its comma too.
        let text = "{\n  \"a\": {\n    \"b\": 1\n  \"c\": 2\n}";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::MissingClose("},"));
        assert!(parsed.tree.get(parsed.tree.root().unwrap(), "c").is_some());

        // Valid JSON is read as written, whatever its indentation.
        let sloppy = "{\n  \"a\": {\n    \"b\": {\n      \"c\": 1\n  }\n  },\n\"d\": 2\n}";
        let parsed = parse(sloppy);
        assert!(parsed.errors.is_empty() && parsed.uncertain.is_empty());
        // And indentation that explains nothing is not followed.
        let flat = "{\n\"a\": {\n\"b\": 1,\n\"c\": 2\n";
        let errors = parse(flat).errors;
        assert!(errors.iter().all(|e| e.kind == SyntaxErrorKind::Unbalanced));
    }

    #[test]
    fn a_missing_final_bracket_and_an_extra_one_are_found_by_the_indentation() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::MissingClose("}"));
        assert_eq!(parsed.errors[0].range, TextRange::empty(text.len() as u32));
        assert!(parsed.uncertain.is_empty());

        let text = "{\n  \"a\": {\n    \"b\": {\n    }\n    }\n  },\n  \"c\": 1\n}";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::ExtraClose);
        assert_eq!(
            parsed.errors[0].range.start as usize,
            text.find("}\n  },").unwrap()
        );
        let root = parsed.tree.root().unwrap();
        assert!(parsed.tree.get(root, "c").is_some());
        assert!(parsed.uncertain.is_empty());
    }

    #[test]
    fn guessed_containers_are_marked_uncertain() {
        // Open at the end of a text without line breaks: the whole file is uncertain.
        let parsed = parse("{\"a\": {\"b\": 1, \"c\": 2}");
        assert!(parsed.is_top_level_uncertain());
        assert!(parsed.is_uncertain(7, Some("/a/b")));
        // A mismatched bracket: only the array it closed.
        let text = "{\"x\": {\"a\": [1, 2}, \"b\": 3}";
        let parsed = parse(text);
        let root = parsed.tree.root().unwrap();
        let array = parsed.tree.path(root, &["x", "a"]).unwrap();
        assert_eq!(parsed.uncertain, [array]);
        assert!(!parsed.is_top_level_uncertain());
        assert!(parsed.is_uncertain(text.find('2').unwrap() as u32, Some("/x/a/1")));
        assert!(
            parsed.is_uncertain(1, Some("/x/a")),
            "a finding about the array itself"
        );
        // The objects that hold it: members that followed the array may have gone into it.
        assert!(parsed.is_uncertain(1, Some("/x")));
        assert!(parsed.is_uncertain(0, Some("")));
        assert!(!parsed.is_uncertain(text.find("\"b\"").unwrap() as u32, Some("/b")));
        assert!(!parsed.is_uncertain(1, Some("/x/ab")));
        // A place without a pointer (a related place) by its offset alone.
        assert!(parsed.is_uncertain(text.find('2').unwrap() as u32, None));
        assert!(!parsed.is_uncertain(0, None));
        // Text after the root: what the root holds is uncertain.
        let parsed = parse("{\"a\": {}}}, \"b\": 1}");
        assert!(parsed.is_top_level_uncertain());
        // Balanced text has nothing uncertain, even with other errors.
        assert!(parse("{\"a\": [1,], // c\n}").uncertain.is_empty());
    }

    #[test]
    fn valid_document_has_no_errors_and_exact_ranges() {
        let text = r#"{"a": [1, true, null], "b": {"c": "d\u00e9"}}"#;
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        let c = tree.path(root, &["b", "c"]).unwrap();
        assert_eq!(tree.as_str(c), Some("dé"));
        assert_eq!(&text[tree.range(c).as_usize()], r#""d\u00e9""#);
        assert_eq!(tree.pointer(c), "/b/c");
        assert_eq!(
            tree.resolve_pointer("/a/1"),
            Some(tree.items(tree.get(root, "a").unwrap())[1])
        );
    }

    #[test]
    fn trailing_comma_is_reported_and_the_rest_parsed() {
        let text = "{\"a\": 1,\n \"b\": [2, 3,],\n}";
        let parsed = parse(text);
        let messages: Vec<_> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, ["trailing comma is not allowed in JSON"; 2]);
        let root = parsed.tree.root().unwrap();
        assert_eq!(
            parsed.tree.items(parsed.tree.get(root, "b").unwrap()).len(),
            2
        );
    }

    #[test]
    fn missing_comma_between_members_recovers() {
        let text = "{\"a\": 1\n \"b\": 2}";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].message.starts_with("expected ',' or '}'"));
        assert_eq!(parsed.errors[0].range, TextRange::empty(7));
        let root = parsed.tree.root().unwrap();
        assert!(parsed.tree.get(root, "b").is_some());
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::MissingComma);
        // Before a colon a comma cannot help (the array was meant as an object, or lost
        // its `]`): the same message, but nothing says a comma is missing there.
        let parsed = parse("{\"a\": [\"b\" \"c\", \"d\": 1]}");
        let kinds: Vec<_> = parsed.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds[0],
            SyntaxErrorKind::MissingComma,
            "{:?}",
            parsed.errors
        );
        assert!(
            parsed.errors[1]
                .message
                .starts_with("expected ',' or ']' before ':'")
        );
        assert!(
            !kinds[1..].contains(&SyntaxErrorKind::MissingComma),
            "{kinds:?}"
        );
    }

    #[test]
    fn control_characters_comments_and_bad_literals_are_errors() {
        let found = errors("{\"a\": \"x\ty\", // c\n \"b\": True, \"c\": 01}");
        let messages: Vec<_> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "control character U+0009 must be escaped as \\t",
                "comments are not allowed in JSON",
                "'True' is not a JSON literal; write 'true'",
                "invalid number '01'",
            ]
        );
    }

    #[test]
    fn truncated_input_closes_every_container() {
        let parsed = parse("{\"a\": {\"b\": [1, ");
        assert!(!parsed.errors.is_empty());
        let root = parsed.tree.root().unwrap();
        assert!(parsed.tree.path(root, &["a", "b"]).is_some());
    }

    #[test]
    fn stray_closing_brace_is_reported_once() {
        let found = errors("{\"a\": 1}}");
        assert_eq!(
            found,
            [(
                "}".to_string(),
                "unexpected content after the end of the JSON value".to_string()
            )]
        );
    }

    #[test]
    fn bom_is_accepted() {
        let parsed = parse("\u{feff}{\"a\": 1}");
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.tree.range(parsed.tree.root().unwrap()).start, 3);
    }

    #[test]
    fn deep_nesting_is_bounded_and_does_not_overflow() {
        let text = "[".repeat(200_000) + &"]".repeat(200_000);
        let parsed = parse(&text);
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].message.contains("nesting deeper than"));
        assert!(parsed.tree.len() <= MAX_DEPTH + 1);
    }

    #[test]
    fn mismatched_bracket_closes_inner_container() {
        let parsed = parse("{\"a\": [1, 2}");
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].message, "expected ']'");
    }

    #[test]
    fn node_at_finds_innermost_value() {
        let text = r#"{"a": {"b": "xyz"}}"#;
        let parsed = parse(text);
        let at = parsed
            .tree
            .node_at(text.find("xyz").unwrap() as u32)
            .unwrap();
        assert_eq!(parsed.tree.as_str(at), Some("xyz"));
    }
}
