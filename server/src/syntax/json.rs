//! An error-recovering, strict (RFC 8259) JSON parser that keeps the byte range of every key
//! and value. Parsing never fails: it returns a tree and a list of syntax errors, and the
//! tree holds everything that could be recovered around those errors.
//!
//! Why not jsonc-parser's AST: it stops at the first error and returns no tree, and it recurses
//! per nesting level. A document being typed is invalid most of the time, and 19 published
//! connectors have broken JSON, so rules must still see the rest of the file. The parser is
//! iterative and nodes live in one arena, so deep nesting neither overflows the stack while
//! parsing nor while dropping the tree.

use crate::text::TextRange;

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

    /// Whether a place given by its range start and JSON pointer lies in, or is about, an
    /// object or array whose members recovery guessed.
    pub fn is_uncertain(&self, offset: u32, pointer: &str) -> bool {
        self.uncertain.iter().any(|&node| {
            let container = self.tree.pointer(node);
            self.tree.range(node).contains(offset)
                || pointer
                    .strip_prefix(container.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
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

/// How an edit that replaced `removed` at `start` moves the text after it.
#[derive(Clone, Copy)]
struct Shift {
    start: u32,
    old_end: u32,
    delta: i64,
}

impl Shift {
    fn new(start: u32, removed: &str, inserted: &str) -> Shift {
        Shift {
            start,
            old_end: start + removed.len() as u32,
            delta: inserted.len() as i64 - removed.len() as i64,
        }
    }

    fn offset(self, offset: u32) -> u32 {
        (i64::from(offset) + self.delta) as u32
    }

    /// A range that starts at or after the edit moves; a range that ends after it grows or
    /// shrinks (a token ending exactly where text is inserted stays as it is).
    fn range(self, range: TextRange) -> TextRange {
        TextRange::new(
            if range.start >= self.old_end {
                self.offset(range.start)
            } else {
                range.start
            },
            if range.end > self.start && range.end >= self.old_end {
                self.offset(range.end)
            } else {
                range.end
            },
        )
    }
}

/// Where an edit falls in a tree.
enum EditPlace {
    /// Between tokens (or before or after the root value).
    Between,
    /// Inside the quotes of a string value.
    String(NodeId),
    /// Inside the quotes of member `.1` of object `.0`.
    Key(NodeId, usize),
}

impl Parsed {
    /// Update the parse for an edit that replaced `removed` at byte `start` by `inserted`
    /// (`text` is the whole text after the edit) without parsing the whole text again: in
    /// place when the edit leaves the tokens as they were, else by parsing again only the
    /// smallest object or array around the edit. Returns false, leaving the parse untouched,
    /// when neither gives what a full parse would: parse it all again.
    pub fn edit(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        self.tree.member_index = MemberIndex::default();
        if self.edit_in_place(text, start, removed, inserted) {
            return true;
        }
        if !self.reparse_container(text, start, removed, inserted) {
            return false;
        }
        // Unbalanced brackets make `parse` weigh a second reading of the whole text, which a
        // part parsed again cannot tell: take the full parse. Balanced, nothing is uncertain.
        if self.errors.iter().any(|e| e.kind.is_structural()) {
            *self = parse(text);
        } else {
            self.uncertain.clear();
        }
        true
    }

    /// The edit of [`Parsed::edit`] when it leaves the tokens as they were, in a text without
    /// syntax errors: a change inside one string or key that adds or removes no quote,
    /// backslash or control character, or whitespace added or removed between tokens. Every
    /// range after the edit moves; the one string changes.
    fn edit_in_place(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        let Some(root) = self.tree.root else {
            return false;
        };
        // At the very start, text could be inserted before a byte order mark.
        if !self.errors.is_empty() || start == 0 {
            return false;
        }
        let shift = Shift::new(start, removed, inserted);
        let Some(place) = self.edit_place(root, start, shift.old_end) else {
            return false;
        };
        let whitespace = |s: &str| s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        let plain = |s: &str| !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20);
        let fits = match place {
            EditPlace::Between => whitespace(removed) && whitespace(inserted),
            EditPlace::String(_) | EditPlace::Key(..) => plain(removed) && plain(inserted),
        };
        if !fits {
            return false;
        }
        // The new content of the edited string, which must still need no unescaping.
        let content = |range: TextRange| {
            let range = shift.range(range);
            text.get(range.start as usize + 1..(range.end as usize).saturating_sub(1))
                .filter(|content| !content.contains('\\'))
                .map(Box::<str>::from)
        };
        let new_string = match place {
            EditPlace::Between => None,
            EditPlace::String(node) => match content(self.tree.range(node)) {
                Some(value) => Some(value),
                None => return false,
            },
            EditPlace::Key(object, index) => {
                match content(self.tree.members(object)[index].key_range) {
                    Some(value) => Some(value),
                    None => return false,
                }
            }
        };
        for node in &mut self.tree.nodes {
            node.remap(|range| shift.range(range), |id| id);
        }
        match (place, new_string) {
            (EditPlace::String(node), Some(value)) => {
                self.tree.nodes[node as usize].kind = NodeKind::String(value);
            }
            (EditPlace::Key(object, index), Some(value)) => {
                if let NodeKind::Object(members) = &mut self.tree.nodes[object as usize].kind {
                    members[index].key = value;
                }
            }
            _ => {}
        }
        true
    }

    /// The edit of [`Parsed::edit`] by parsing again the smallest object or array that holds
    /// the edit strictly inside its brackets and was closed by its own bracket. Its new text
    /// is parsed alone, at its depth; when that parse closes it with its own bracket at its
    /// end, without recovery reaching past it, it is exactly what a full parse would make of
    /// it, and the rest of the tree only moves. Syntax errors inside it are replaced, those
    /// around it move.
    fn reparse_container(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        let shift = Shift::new(start, removed, inserted);
        let Some((container, depth)) = self.enclosing_container(start, shift.old_end) else {
            return false;
        };
        let old = self.tree.range(container);
        let new_end = shift.offset(old.end);
        let Some(slice) = text.get(old.start as usize..new_end as usize) else {
            return false;
        };
        let Some(sub) = Parser::new(slice).at_depth(depth).run_container() else {
            return false;
        };
        let at_container =
            |range: TextRange| TextRange::new(range.start + old.start, range.end + old.start);

        // The container's subtree is the run of ids from it to its last descendant.
        let first = container;
        let mut last = container;
        while let Some(&child) = match self.tree.kind(last) {
            NodeKind::Object(members) => members.last().map(|m| &m.value),
            NodeKind::Array(items) => items.last(),
            _ => None,
        } {
            last = child;
        }
        let old_count = last - first + 1;
        let new_count = sub.tree.nodes.len() as u32;
        let renumber = |id: NodeId| {
            if id > last {
                id - old_count + new_count
            } else {
                id
            }
        };
        let mut new_nodes = sub.tree.nodes;
        for node in &mut new_nodes {
            node.remap(at_container, |id| id + first);
        }
        let old_container = &self.tree.nodes[container as usize];
        (new_nodes[0].parent, new_nodes[0].slot) = (old_container.parent, old_container.slot);
        let outer = |mut node: Node| {
            node.remap(|range| shift.range(range), renumber);
            node
        };
        let mut old_nodes = std::mem::take(&mut self.tree.nodes).into_iter();
        let mut nodes = Vec::with_capacity(old_nodes.len() - old_count as usize + new_nodes.len());
        nodes.extend(old_nodes.by_ref().take(first as usize).map(outer));
        nodes.extend(new_nodes);
        nodes.extend(old_nodes.skip(old_count as usize).map(outer));
        self.tree.nodes = nodes;

        // Errors come in the order they were found: those before the container, its own,
        // then those after it. An error at its opening bracket is about what came before.
        let inside = |range: TextRange| old.start < range.start && range.start < old.end;
        let old_errors = std::mem::take(&mut self.errors);
        let before = old_errors
            .iter()
            .take_while(|e| !inside(e.range) && e.range.start < old.end)
            .count();
        let mut errors = Vec::with_capacity(old_errors.len() + sub.errors.len());
        let mut old_errors = old_errors.into_iter();
        errors.extend(old_errors.by_ref().take(before));
        errors.extend(sub.errors.into_iter().map(|mut error| {
            error.range = at_container(error.range);
            error
        }));
        errors.extend(old_errors.filter(|e| !inside(e.range)).map(|mut error| {
            error.range = shift.range(error.range);
            error
        }));
        self.errors = errors;
        true
    }

    /// The innermost container, other than the root, that holds `start..old_end` strictly
    /// inside its brackets and was closed by its own bracket, with its depth.
    fn enclosing_container(&self, start: u32, old_end: u32) -> Option<(NodeId, usize)> {
        let tree = &self.tree;
        let strictly_inside = |range: TextRange| range.start < start && old_end < range.end;
        let mut node = tree.root?;
        let mut depth = 0;
        let mut found = None;
        loop {
            let next = match tree.kind(node) {
                NodeKind::Object(members) => {
                    let at = members.partition_point(|m| m.key_range.start < start);
                    members[..at].last().map(|m| m.value)
                }
                NodeKind::Array(items) => {
                    let at = items.partition_point(|&item| tree.range(item).start < start);
                    items[..at].last().copied()
                }
                _ => None,
            };
            let Some(next) = next.filter(|&n| strictly_inside(tree.range(n))) else {
                return found;
            };
            depth += 1;
            if tree.nodes[next as usize].closing == Closing::OwnBracket {
                found = Some((next, depth));
            }
            node = next;
        }
    }

    /// The place of an edit of `start..old_end`; `None` inside a number or literal.
    fn edit_place(&self, root: NodeId, start: u32, old_end: u32) -> Option<EditPlace> {
        let tree = &self.tree;
        let strictly_inside = |range: TextRange| range.start < start && old_end < range.end;
        if !strictly_inside(tree.range(root)) {
            return Some(EditPlace::Between);
        }
        let mut node = root;
        loop {
            // Children are in document order: the only candidate is the last one starting
            // before the edit.
            let next = match tree.kind(node) {
                NodeKind::Object(members) => {
                    let at = members.partition_point(|m| m.key_range.start < start);
                    let Some(index) = at.checked_sub(1) else {
                        return Some(EditPlace::Between);
                    };
                    let member = &members[index];
                    if strictly_inside(member.key_range) {
                        return Some(EditPlace::Key(node, index));
                    }
                    member.value
                }
                NodeKind::Array(items) => {
                    let at = items.partition_point(|&item| tree.range(item).start < start);
                    let Some(index) = at.checked_sub(1) else {
                        return Some(EditPlace::Between);
                    };
                    items[index]
                }
                NodeKind::String(_) => return Some(EditPlace::String(node)),
                _ => return None,
            };
            if !strictly_inside(tree.range(next)) {
                return Some(EditPlace::Between);
            }
            node = next;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    String(Box<str>),
    Number,
    True,
    False,
    Null,
    /// A run of characters that is not JSON (already reported).
    Garbage,
    Eof,
}

impl Token {
    fn describe(&self) -> &'static str {
        match self {
            Token::LBrace => "'{'",
            Token::RBrace => "'}'",
            Token::LBracket => "'['",
            Token::RBracket => "']'",
            Token::Colon => "':'",
            Token::Comma => "','",
            Token::String(_) => "a string",
            Token::Number => "a number",
            Token::True | Token::False => "a boolean",
            Token::Null => "null",
            Token::Garbage => "invalid characters",
            Token::Eof => "end of file",
        }
    }
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    errors: Vec<SyntaxError>,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        let mut lexer = Lexer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            errors: Vec::new(),
        };
        // A UTF-8 byte order mark is tolerated, as paconn reads files as utf-8-sig.
        if text.starts_with('\u{feff}') {
            lexer.pos = 3;
        }
        lexer
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.error_of_kind(start, end, message, SyntaxErrorKind::Other);
    }

    fn error_of_kind(
        &mut self,
        start: usize,
        end: usize,
        message: impl Into<String>,
        kind: SyntaxErrorKind,
    ) {
        self.errors.push(SyntaxError {
            range: TextRange::new(start as u32, end as u32),
            message: message.into(),
            kind,
        });
    }

    fn char_end(&self, at: usize) -> usize {
        let mut end = at + 1;
        while end < self.bytes.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        end.min(self.bytes.len())
    }

    /// The next token and its byte range.
    fn next(&mut self) -> (Token, TextRange) {
        loop {
            while self.pos < self.bytes.len()
                && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
            {
                self.pos += 1;
            }
            let start = self.pos;
            let Some(&byte) = self.bytes.get(start) else {
                return (Token::Eof, TextRange::empty(start as u32));
            };
            let token = match byte {
                b'{' => self.single(Token::LBrace),
                b'}' => self.single(Token::RBrace),
                b'[' => self.single(Token::LBracket),
                b']' => self.single(Token::RBracket),
                b':' => self.single(Token::Colon),
                b',' => self.single(Token::Comma),
                b'"' => self.string(),
                b'-' | b'0'..=b'9' => self.number(),
                b'/' if matches!(self.bytes.get(start + 1), Some(b'/' | b'*')) => {
                    self.comment();
                    continue;
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(),
                _ => {
                    self.pos = self.char_end(start);
                    let shown = &self.text[start..self.pos];
                    self.error(start, self.pos, format!("unexpected character {shown:?}"));
                    Token::Garbage
                }
            };
            return (token, TextRange::new(start as u32, self.pos as u32));
        }
    }

    fn single(&mut self, token: Token) -> Token {
        self.pos += 1;
        token
    }

    fn comment(&mut self) {
        let start = self.pos;
        if self.bytes[start + 1] == b'/' {
            while self.pos < self.bytes.len() && !matches!(self.bytes[self.pos], b'\n' | b'\r') {
                self.pos += 1;
            }
        } else {
            match self.text[start + 2..].find("*/") {
                Some(end) => self.pos = start + 2 + end + 2,
                None => self.pos = self.bytes.len(),
            }
        }
        self.error(start, self.pos, "comments are not allowed in JSON");
    }

    fn word(&mut self) -> Token {
        let start = self.pos;
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')
        {
            self.pos += 1;
        }
        match &self.text[start..self.pos] {
            "true" => Token::True,
            "false" => Token::False,
            "null" => Token::Null,
            word => {
                let message = match word.to_ascii_lowercase().as_str() {
                    lower @ ("true" | "false" | "null") => {
                        format!("'{word}' is not a JSON literal; write '{lower}'")
                    }
                    _ => format!("unexpected word '{word}'; strings must be in double quotes"),
                };
                self.error(start, self.pos, message);
                Token::Garbage
            }
        }
    }

    fn number(&mut self) -> Token {
        let start = self.pos;
        while self.pos < self.bytes.len()
            && matches!(
                self.bytes[self.pos],
                b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'
            )
        {
            self.pos += 1;
        }
        if !is_strict_number(&self.bytes[start..self.pos]) {
            let shown = self.text[start..self.pos].to_string();
            self.error(start, self.pos, format!("invalid number '{shown}'"));
        }
        Token::Number
    }

    fn string(&mut self) -> Token {
        let start = self.pos;
        self.pos += 1;
        // Most strings have no escape and no control character: take them in one slice.
        let content = &self.bytes[self.pos..];
        if let Some(len) = content
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            && content[len] == b'"'
        {
            let value: Box<str> = Box::from(&self.text[self.pos..self.pos + len]);
            self.pos += len + 1;
            return Token::String(value);
        }
        let mut value = String::new();
        let mut chunk_start = self.pos;
        loop {
            let Some(&byte) = self.bytes.get(self.pos) else {
                value.push_str(&self.text[chunk_start..self.pos]);
                self.error(start, self.pos, "unterminated string");
                return Token::String(value.into());
            };
            match byte {
                b'"' => {
                    value.push_str(&self.text[chunk_start..self.pos]);
                    self.pos += 1;
                    return Token::String(value.into());
                }
                b'\n' | b'\r' => {
                    // A raw line break almost always means the closing quote is missing; ending
                    // the string here keeps the following lines parseable.
                    value.push_str(&self.text[chunk_start..self.pos]);
                    self.error(
                        start,
                        self.pos,
                        "unterminated string (missing closing '\"')",
                    );
                    return Token::String(value.into());
                }
                b'\\' => {
                    value.push_str(&self.text[chunk_start..self.pos]);
                    self.escape(&mut value);
                    chunk_start = self.pos;
                }
                0x00..=0x1f => {
                    value.push_str(&self.text[chunk_start..self.pos]);
                    value.push(byte as char);
                    let escaped = match byte {
                        b'\t' => "\\t".to_string(),
                        _ => format!("\\u{byte:04x}"),
                    };
                    self.error_of_kind(
                        self.pos,
                        self.pos + 1,
                        format!("control character U+{byte:04X} must be escaped as {escaped}"),
                        SyntaxErrorKind::ControlCharacter(byte),
                    );
                    self.pos += 1;
                    chunk_start = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Decode one escape sequence at `self.pos` (which is on the backslash).
    fn escape(&mut self, value: &mut String) {
        let start = self.pos;
        let Some(&kind) = self.bytes.get(start + 1) else {
            self.pos += 1;
            return;
        };
        self.pos += 2;
        let decoded = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => match self.hex4(start + 2) {
                Some(high @ 0xd800..=0xdbff) => {
                    self.pos = start + 6;
                    let low = (self.bytes.get(start + 6) == Some(&b'\\')
                        && self.bytes.get(start + 7) == Some(&b'u'))
                    .then(|| self.hex4(start + 8))
                    .flatten()
                    .filter(|low| (0xdc00..=0xdfff).contains(low));
                    match low {
                        Some(low) => {
                            self.pos = start + 12;
                            let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        None => '\u{fffd}',
                    }
                }
                Some(code) => {
                    self.pos = start + 6;
                    char::from_u32(code).unwrap_or('\u{fffd}')
                }
                None => {
                    self.error(start, self.pos, "invalid \\u escape; expected 4 hex digits");
                    '\u{fffd}'
                }
            },
            _ => {
                let end = self.char_end(start + 1);
                self.pos = end;
                let shown = self.text[start..end].to_string();
                self.error(start, end, format!("invalid escape sequence '{shown}'"));
                return;
            }
        };
        value.push(decoded);
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let digits = std::str::from_utf8(digits).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }
}

fn is_strict_number(bytes: &[u8]) -> bool {
    let mut i = 0;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let digits = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == bytes.len()
}

/// An object or array being built.
struct Frame {
    node: NodeId,
    is_object: bool,
    state: State,
    /// Where this container's members or items start on the parser's shared stacks.
    base: usize,
    /// A key whose value has not been parsed yet.
    pending_key: Option<(Box<str>, TextRange)>,
    /// The range of the last comma, to report a trailing comma.
    last_comma: Option<TextRange>,
    /// The indentation of the line of the opening bracket (when guided by indentation).
    indent: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// After `{` or `[`: a key/value or the closing bracket.
    First,
    /// After `,`: a key/value is required.
    AfterComma,
    /// Object: after a key, expecting `:`.
    Colon,
    /// Object: after `:`, expecting a value.
    Value,
    /// After a key/value: `,` or the closing bracket.
    CommaOrEnd,
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    nodes: Vec<Node>,
    stack: Vec<Frame>,
    /// The members and items of the open containers, innermost last: each container's are
    /// moved into one exactly sized vector when it closes.
    members: Vec<Member>,
    items: Vec<NodeId>,
    root: Option<NodeId>,
    /// A token read but not yet consumed.
    peeked: Option<(Token, TextRange)>,
    /// The number of containers around the text being parsed (when it is one container of a
    /// larger document), which counts toward `MAX_DEPTH`.
    outer_depth: usize,
    /// Recovery looked past the text being parsed: a bracket that closes nothing in it, or
    /// content after its value.
    reached_outside: bool,
    /// Close containers where the indentation shows their bracket is missing.
    guided: bool,
    /// The start of the line of the last token whose line was looked up, and where the search
    /// for line breaks stopped (lines are looked up in document order, so each byte is
    /// scanned once).
    line_start: usize,
    line_scanned: usize,
    /// Text follows the root value.
    content_after_root: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            lexer: Lexer::new(text),
            nodes: Vec::new(),
            stack: Vec::new(),
            members: Vec::new(),
            items: Vec::new(),
            root: None,
            peeked: None,
            outer_depth: 0,
            reached_outside: false,
            guided: false,
            line_start: 0,
            line_scanned: 0,
            content_after_root: false,
        }
    }

    fn guided_by_indentation(mut self) -> Self {
        self.guided = true;
        self
    }

    /// The indentation of the line that holds `offset` (not before the previous lookup), and
    /// whether only that indentation comes before `offset` on its line.
    fn indentation_at(&mut self, offset: usize) -> (usize, bool) {
        let bytes = self.lexer.bytes;
        if offset > self.line_scanned {
            if let Some(newline) = bytes[self.line_scanned..offset]
                .iter()
                .rposition(|&b| b == b'\n')
            {
                self.line_start = self.line_scanned + newline + 1;
            }
            self.line_scanned = offset;
        }
        let indent = bytes[self.line_start..offset]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        (indent, self.line_start + indent == offset)
    }

    /// Guided by indentation, before `token` is read inside the open containers: a token that
    /// starts a line indented no deeper than the line that opened the innermost container
    /// (a closing bracket: less deep) ends that container, whose bracket is missing. Closes
    /// them, reporting where each bracket belongs; a closing bracket must then be the one of
    /// the container indented as it is. A closing bracket indented deeper than the line that
    /// opened the innermost container closes nothing: it is reported and skipped (returns
    /// true).
    fn close_by_indentation(&mut self, token: &Token, range: TextRange) -> bool {
        let is_value = matches!(
            token,
            Token::String(_)
                | Token::Number
                | Token::True
                | Token::False
                | Token::Null
                | Token::LBrace
                | Token::LBracket
        );
        let closes = match token {
            Token::RBrace => Some(true),
            Token::RBracket => Some(false),
            _ => None,
        };
        if !is_value && closes.is_none() {
            return false;
        }
        let (indent, starts_line) = self.indentation_at(range.start as usize);
        if !starts_line {
            return false;
        }
        let top = self.stack.last().expect("inside a container");
        if closes == Some(top.is_object) && indent > top.indent {
            let message = format!("unexpected {}; it closes nothing", token.describe());
            self.error_of_kind(range, message, SyntaxErrorKind::ExtraClose);
            return true;
        }
        // The innermost container that the token belongs to (or, for a closing bracket, that
        // it closes), below the top one.
        let target = self.stack.iter().rposition(|frame| match closes {
            Some(_) => frame.indent <= indent,
            None => frame.indent < indent,
        });
        let Some(target) = target.filter(|&t| t + 1 < self.stack.len()) else {
            return false;
        };
        if let Some(is_object) = closes {
            let frame = &self.stack[target];
            if frame.indent != indent || frame.is_object != is_object {
                return false;
            }
        }
        let at = self.prev_end(range);
        while self.stack.len() > target + 1 {
            let open = self.stack.last().expect("frame");
            // A member or item follows the outermost one closed: its comma is missing too.
            let comma = self.stack.len() == target + 2 && closes.is_none();
            let missing = match (open.is_object, comma) {
                (true, false) => "}",
                (true, true) => "},",
                (false, false) => "]",
                (false, true) => "],",
            };
            self.error_of_kind(
                TextRange::empty(at),
                format!("expected '{missing}'"),
                SyntaxErrorKind::MissingClose(missing),
            );
            self.close(at, Closing::Indentation);
        }
        if closes.is_none() {
            // The comma was reported with the bracket.
            self.top().state = State::AfterComma;
        }
        false
    }

    fn at_depth(mut self, outer_depth: usize) -> Self {
        self.outer_depth = outer_depth;
        self
    }

    /// Parse text that should be exactly one container: `None` unless its first bracket is
    /// closed by its own bracket at the very end, with no recovery reaching outside it.
    fn run_container(self) -> Option<Parsed> {
        let len = self.lexer.bytes.len() as u32;
        let (parsed, reached_outside) = self.run_to_end();
        let root = parsed.tree.root?;
        let node = &parsed.tree.nodes[root as usize];
        (!reached_outside
            && root == 0
            && node.closing == Closing::OwnBracket
            && node.range == TextRange::new(0, len))
        .then_some(parsed)
    }

    fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.error_of_kind(range, message, SyntaxErrorKind::Other);
    }

    fn error_of_kind(
        &mut self,
        range: TextRange,
        message: impl Into<String>,
        kind: SyntaxErrorKind,
    ) {
        self.lexer.errors.push(SyntaxError {
            range,
            message: message.into(),
            kind,
        });
    }

    fn bump(&mut self) -> (Token, TextRange) {
        self.peeked.take().unwrap_or_else(|| self.lexer.next())
    }

    fn push_node(&mut self, kind: NodeKind, range: TextRange) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            kind,
            range,
            parent: NO_PARENT,
            slot: 0,
            closing: Closing::Guess,
        });
        id
    }

    fn run(self) -> Parsed {
        self.run_to_end().0
    }

    fn run_to_end(mut self) -> (Parsed, bool) {
        loop {
            let (token, range) = self.bump();
            if self.stack.is_empty() {
                if self.root.is_some() {
                    if token != Token::Eof {
                        self.reached_outside = true;
                        self.content_after_root = true;
                        self.error_of_kind(range, AFTER_ROOT, SyntaxErrorKind::Unbalanced);
                        // Everything after the root is ignored; it cannot become part of it.
                        loop {
                            let (token, _) = self.bump();
                            if token == Token::Eof {
                                break;
                            }
                        }
                    }
                    break;
                }
                match token {
                    Token::Eof => {
                        self.error(range, "the file is empty; expected a JSON object");
                        break;
                    }
                    Token::RBrace | Token::RBracket => {
                        let message = format!("unexpected {}", token.describe());
                        self.error_of_kind(range, message, SyntaxErrorKind::Unbalanced);
                        continue;
                    }
                    Token::Colon | Token::Comma => {
                        self.error(range, format!("unexpected {}", token.describe()));
                        continue;
                    }
                    _ => {
                        self.value(token, range);
                        continue;
                    }
                }
            }
            if token == Token::Eof {
                self.reached_outside = true;
                self.close_all_at_eof(range);
                break;
            }
            self.step(token, range);
        }
        let mut uncertain: Vec<NodeId> = (0..self.nodes.len() as NodeId)
            .filter(|&id| {
                let node = &self.nodes[id as usize];
                node.closing == Closing::Guess
                    && matches!(node.kind, NodeKind::Object(_) | NodeKind::Array(_))
            })
            .collect();
        if self.content_after_root
            && let Some(root) = self.root
            && !uncertain.contains(&root)
        {
            uncertain.insert(0, root);
        }
        let parsed = Parsed {
            tree: JsonTree {
                nodes: self.nodes,
                root: self.root,
                member_index: MemberIndex::default(),
            },
            errors: self.lexer.errors,
            uncertain,
        };
        (parsed, self.reached_outside)
    }

    /// Handle one token inside the innermost open object or array.
    fn step(&mut self, token: Token, range: TextRange) {
        if self.guided && self.close_by_indentation(&token, range) {
            return;
        }
        let frame = self.stack.last().expect("inside a container");
        let is_object = frame.is_object;
        let state = frame.state;
        let last_comma = frame.last_comma;
        let closes_this = matches!(
            (&token, is_object),
            (Token::RBrace, true) | (Token::RBracket, false)
        );
        let closes_other = matches!(
            (&token, is_object),
            (Token::RBrace, false) | (Token::RBracket, true)
        );
        match state {
            State::First | State::AfterComma | State::CommaOrEnd if closes_this => {
                if state == State::AfterComma {
                    self.error_of_kind(
                        last_comma.unwrap_or(range),
                        "trailing comma is not allowed in JSON",
                        SyntaxErrorKind::TrailingComma,
                    );
                }
                self.close(range.end, Closing::OwnBracket);
            }
            _ if closes_other => self.mismatched_close(token, range),
            State::CommaOrEnd => match token {
                Token::Comma => {
                    let frame = self.top();
                    frame.state = State::AfterComma;
                    frame.last_comma = Some(range);
                }
                _ => {
                    let expected = if is_object {
                        "',' or '}'"
                    } else {
                        "',' or ']'"
                    };
                    self.error_of_kind(
                        TextRange::empty(self.prev_end(range)),
                        format!("expected {expected} before {}", token.describe()),
                        SyntaxErrorKind::MissingComma,
                    );
                    // Most often a missing comma: read the token as the next element.
                    self.top().state = State::AfterComma;
                    self.peeked = Some((token, range));
                }
            },
            State::First | State::AfterComma if is_object => match token {
                Token::String(key) => self.expect_colon_after(key, range),
                Token::Comma => self.error(range, "expected a property name before ','"),
                Token::Colon => {
                    self.error(range, "expected a property name before ':'");
                    self.expect_value_after("".into(), TextRange::empty(range.start));
                }
                // Already reported by the lexer (an unquoted key, most likely).
                Token::Garbage => self.expect_colon_after("".into(), range),
                _ => {
                    let found = token.describe();
                    self.error(
                        range,
                        format!("expected a property name in double quotes, found {found}"),
                    );
                    self.expect_value_after("".into(), TextRange::empty(range.start));
                    self.peeked = Some((token, range));
                }
            },
            State::First | State::AfterComma => match token {
                Token::Comma => self.error(range, "expected a value before ','"),
                Token::Colon => self.error(range, "unexpected ':' in an array"),
                _ => self.value(token, range),
            },
            State::Colon => match token {
                Token::Colon => self.top().state = State::Value,
                _ => {
                    let found = token.describe();
                    self.error(
                        TextRange::empty(self.prev_end(range)),
                        format!("expected ':' after the property name, found {found}"),
                    );
                    self.top().state = State::Value;
                    self.peeked = Some((token, range));
                }
            },
            State::Value => match token {
                Token::Comma | Token::RBrace => {
                    self.error(
                        range,
                        format!("expected a value, found {}", token.describe()),
                    );
                    let missing = self.push_node(NodeKind::Invalid, TextRange::empty(range.start));
                    self.attach(missing);
                    self.peeked = Some((token, range));
                }
                Token::Colon => self.error(range, "unexpected ':'"),
                _ => self.value(token, range),
            },
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("inside a container")
    }

    fn expect_colon_after(&mut self, key: Box<str>, range: TextRange) {
        let frame = self.top();
        frame.pending_key = Some((key, range));
        frame.state = State::Colon;
    }

    fn expect_value_after(&mut self, key: Box<str>, range: TextRange) {
        let frame = self.top();
        frame.pending_key = Some((key, range));
        frame.state = State::Value;
    }

    /// The end of the token before `range`, for errors about something missing between.
    fn prev_end(&self, range: TextRange) -> u32 {
        let bytes = self.lexer.bytes;
        let mut end = range.start as usize;
        while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
            end -= 1;
        }
        end as u32
    }

    /// A `}` inside an array or a `]` inside an object.
    fn mismatched_close(&mut self, token: Token, range: TextRange) {
        let wants_object = token == Token::RBrace;
        let matching_frame = self.stack.iter().rposition(|f| f.is_object == wants_object);
        match matching_frame {
            Some(index) => {
                // Close the inner containers that were left open, then the matching one.
                while self.stack.len() > index + 1 {
                    let open = self.stack.last().expect("frame");
                    let closer = if open.is_object { "'}'" } else { "']'" };
                    self.error_of_kind(
                        TextRange::empty(self.prev_end(range)),
                        format!("expected {closer}"),
                        SyntaxErrorKind::Unbalanced,
                    );
                    self.close(self.prev_end(range), Closing::Guess);
                }
                self.step(token, range);
            }
            None => {
                self.reached_outside = true;
                let message = format!("unexpected {}", token.describe());
                self.error_of_kind(range, message, SyntaxErrorKind::Unbalanced);
            }
        }
    }

    fn close_all_at_eof(&mut self, eof: TextRange) {
        if self.guided && self.only_the_final_bracket_is_missing(eof) {
            let bracket = if self.stack[0].is_object { "}" } else { "]" };
            self.error_of_kind(
                eof,
                format!("unexpected end of file; expected '{bracket}'"),
                SyntaxErrorKind::MissingClose(bracket),
            );
            self.close(eof.end, Closing::Indentation);
            return;
        }
        while let Some(frame) = self.stack.last() {
            let closer = if frame.is_object { "'}'" } else { "']'" };
            if frame.state == State::Value || frame.state == State::Colon {
                let missing = self.push_node(NodeKind::Invalid, eof);
                self.attach(missing);
            }
            self.error_of_kind(
                eof,
                format!("unexpected end of file; expected {closer}"),
                SyntaxErrorKind::Unbalanced,
            );
            self.close(eof.end, Closing::Guess);
        }
    }

    /// Whether, at the end of the file, only the root is open and its last member or item is
    /// an object or array closed by its own bracket, on a line of its own, just before the
    /// end: the text is whole but for the root's own closing bracket (a truncated file ends
    /// elsewhere).
    fn only_the_final_bracket_is_missing(&mut self, eof: TextRange) -> bool {
        let [root] = &self.stack[..] else {
            return false;
        };
        if root.state != State::CommaOrEnd {
            return false;
        }
        let last = if root.is_object {
            self.members.last().map(|m| m.value)
        } else {
            self.items.last().copied()
        };
        let Some(last) = last else {
            return false;
        };
        let node = &self.nodes[last as usize];
        let end = node.range.end;
        node.closing == Closing::OwnBracket
            && matches!(node.kind, NodeKind::Object(_) | NodeKind::Array(_))
            && end == self.prev_end(eof)
            && self.indentation_at(end as usize - 1).1
    }

    /// Start a value at `token`: a scalar completes at once, a container opens a frame.
    fn value(&mut self, token: Token, range: TextRange) {
        let kind = match token {
            Token::LBrace | Token::LBracket => {
                if self.outer_depth + self.stack.len() >= MAX_DEPTH {
                    self.skip_nested(range);
                    return;
                }
                let is_object = token == Token::LBrace;
                let kind = if is_object {
                    NodeKind::Object(Vec::new())
                } else {
                    NodeKind::Array(Vec::new())
                };
                let node = self.push_node(kind, range);
                self.attach(node);
                let indent = if self.guided {
                    self.indentation_at(range.start as usize).0
                } else {
                    0
                };
                self.stack.push(Frame {
                    node,
                    is_object,
                    state: State::First,
                    base: if is_object {
                        self.members.len()
                    } else {
                        self.items.len()
                    },
                    pending_key: None,
                    last_comma: None,
                    indent,
                });
                return;
            }
            Token::String(s) => NodeKind::String(s),
            Token::Number => NodeKind::Number,
            Token::True => NodeKind::Bool(true),
            Token::False => NodeKind::Bool(false),
            Token::Null => NodeKind::Null,
            Token::Garbage => NodeKind::Invalid,
            other => {
                self.error(
                    range,
                    format!("expected a value, found {}", other.describe()),
                );
                NodeKind::Invalid
            }
        };
        let node = self.push_node(kind, range);
        self.attach(node);
    }

    /// Skip a container nested past `MAX_DEPTH` without building nodes for it.
    fn skip_nested(&mut self, open: TextRange) {
        let mut depth = 1usize;
        let mut end = open.end;
        while depth > 0 {
            let (token, range) = self.bump();
            match token {
                Token::LBrace | Token::LBracket => depth += 1,
                Token::RBrace | Token::RBracket => depth -= 1,
                Token::Eof => break,
                _ => {}
            }
            end = range.end;
        }
        let range = TextRange::new(open.start, end);
        self.error(
            TextRange::new(open.start, open.end),
            format!("nesting deeper than {MAX_DEPTH} levels; this value is not analysed"),
        );
        let node = self.push_node(NodeKind::Invalid, range);
        self.attach(node);
    }

    /// Attach a freshly created value to the innermost frame (or make it the root).
    fn attach(&mut self, node: NodeId) {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        self.nodes[node as usize].parent = frame.node;
        if frame.is_object {
            let (key, key_range) = frame.pending_key.take().unwrap_or_else(|| {
                (
                    "".into(),
                    TextRange::empty(self.nodes[node as usize].range.start),
                )
            });
            self.nodes[node as usize].slot = (self.members.len() - frame.base) as u32;
            self.members.push(Member {
                key,
                key_range,
                value: node,
            });
        } else {
            self.nodes[node as usize].slot = (self.items.len() - frame.base) as u32;
            self.items.push(node);
        }
        frame.state = State::CommaOrEnd;
    }

    fn close(&mut self, end: u32, closing: Closing) {
        let frame = self.stack.pop().expect("frame to close");
        let node = &mut self.nodes[frame.node as usize];
        node.range.end = end.max(node.range.start);
        node.closing = closing;
        node.kind = if frame.is_object {
            NodeKind::Object(self.members.split_off(frame.base))
        } else {
            NodeKind::Array(self.items.split_off(frame.base))
        };
    }
}

#[cfg(test)]
mod tests {
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
        assert!(parsed.is_uncertain(7, "/a/b"));
        // A mismatched bracket: only the array it closed.
        let text = "{\"x\": {\"a\": [1, 2}, \"b\": 3}";
        let parsed = parse(text);
        let root = parsed.tree.root().unwrap();
        let array = parsed.tree.path(root, &["x", "a"]).unwrap();
        assert_eq!(parsed.uncertain, [array]);
        assert!(!parsed.is_top_level_uncertain());
        assert!(parsed.is_uncertain(text.find('2').unwrap() as u32, "/x/a/1"));
        assert!(
            parsed.is_uncertain(1, "/x/a"),
            "a finding about the array itself"
        );
        assert!(!parsed.is_uncertain(text.find("\"b\"").unwrap() as u32, "/b"));
        assert!(!parsed.is_uncertain(1, "/x/ab"));
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
