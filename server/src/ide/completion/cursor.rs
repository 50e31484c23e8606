//! Where the cursor is, from a forward lexical scan of the text up to it: the path of keys and
//! indices to the enclosing container, and whether a key, a value or an item is being typed.
//! It works on half-typed, invalid text.

use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;
use crate::vocabulary::Seg;

use super::Role;

/// Where the cursor is, as found by the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CursorContext {
    /// The path from the root to the enclosing object or array.
    pub path: Vec<Seg>,
    pub role: Role,
    /// The token under the cursor (a string with its quotes, or a bare word), or an empty
    /// range at the cursor.
    pub replace: TextRange,
    /// `replace` starts with a double quote.
    pub quoted: bool,
    /// `replace` is a string with its closing quote.
    pub closed: bool,
    /// Where a comma is missing between the previous member or item and the cursor.
    pub missing_comma: Option<u32>,
    /// The offset of the opening bracket of the enclosing container (0 at the root).
    pub container_start: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// After `{` or `[`.
    Start,
    AfterComma,
    /// Object: after a key, before `:`.
    AfterKey,
    /// Object: after `:`.
    AfterColon,
    AfterValue,
}

/// A path segment as found by the scan: a key as the byte range of its raw text (inside the
/// quotes, still escaped), so that the scan allocates nothing per token.
#[derive(Clone, Copy, Debug)]
enum RawSeg {
    Key(u32, u32),
    Index(usize),
}

fn key_text(text: &str, (start, end): (u32, u32)) -> String {
    unescape_json(&text[start as usize..end as usize])
}

#[derive(Clone, Debug)]
struct Frame {
    object: bool,
    /// How this container hangs off its parent (`None` for the root).
    seg: Option<RawSeg>,
    state: State,
    /// The raw text range of the last key read (objects).
    key: (u32, u32),
    /// The number of items read (arrays).
    count: usize,
    /// The end of the last member or item.
    last_end: u32,
    /// The offset of the opening bracket.
    open: u32,
}

impl Frame {
    fn expects_key(&self) -> bool {
        self.object
            && matches!(
                self.state,
                State::Start | State::AfterComma | State::AfterValue
            )
    }
}

/// Scan a string token starting at the quote at `at`: its end (after the closing quote, or at
/// the line break or end of text where it stops) and whether it was closed. Same rules as
/// the parser's lexer: a raw line break ends an unterminated string.
pub(super) fn scan_string(bytes: &[u8], at: usize) -> (usize, bool) {
    let mut j = at + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'"' => return (j + 1, true),
            b'\\' => j += 2,
            b'\n' | b'\r' => return (j, false),
            _ => j += 1,
        }
    }
    (bytes.len(), false)
}

pub(super) fn unescape_json(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'.')
}

/// Find what is being typed at `offset` in a JSON text, however broken the text is.
pub fn cursor_context(text: &str, offset: u32) -> Option<CursorContext> {
    let bytes = text.as_bytes();
    let offset = (offset as usize).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut root_done = false;
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while i < offset {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'"' => {
                let (end, closed) = scan_string(bytes, i);
                if offset < end || (!closed && offset == end) {
                    let token = Token {
                        start: i,
                        end,
                        quoted: true,
                        closed,
                    };
                    return token_context(text, &stack, root_done, token);
                }
                let inner_end = if closed { end - 1 } else { end };
                let is_key = stack.last().is_some_and(Frame::expects_key);
                let key = is_key.then_some((i as u32 + 1, inner_end as u32));
                scalar(&mut stack, &mut root_done, key, end as u32);
                i = end;
            }
            b'{' | b'[' => {
                if stack.is_empty() && root_done {
                    return None;
                }
                open(&mut stack, b == b'{', i as u32);
                i += 1;
            }
            b'}' | b']' => {
                close(&mut stack, &mut root_done, b == b'}', i as u32 + 1);
                i += 1;
            }
            b':' => {
                if let Some(frame) = stack.last_mut()
                    && frame.object
                    && frame.state == State::AfterKey
                {
                    frame.state = State::AfterColon;
                }
                i += 1;
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    frame.state = State::AfterComma;
                }
                i += 1;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                let end = if bytes[i + 1] == b'/' {
                    text[i..].find(['\n', '\r']).map_or(bytes.len(), |e| i + e)
                } else {
                    text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |e| i + 2 + e + 2)
                };
                if offset < end || (offset == end && bytes[i + 1] == b'/') {
                    return None;
                }
                i = end;
            }
            _ if is_word_byte(b) => {
                let start = i;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                if offset <= i {
                    let token = Token {
                        start,
                        end: i,
                        quoted: false,
                        closed: false,
                    };
                    return token_context(text, &stack, root_done, token);
                }
                let is_key = stack.last().is_some_and(Frame::expects_key);
                scalar(
                    &mut stack,
                    &mut root_done,
                    is_key.then_some((0, 0)),
                    i as u32,
                );
            }
            _ => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    gap_context(text, &stack, root_done, offset as u32)
}

/// A string or word token was read: a key (when `key` is given) or a value.
fn scalar(stack: &mut [Frame], root_done: &mut bool, key: Option<(u32, u32)>, end: u32) {
    let Some(frame) = stack.last_mut() else {
        *root_done = true;
        return;
    };
    if frame.object {
        match key {
            Some(key) => {
                frame.key = key;
                frame.state = State::AfterKey;
            }
            None => {
                frame.state = State::AfterValue;
                frame.last_end = end;
            }
        }
    } else {
        frame.count += 1;
        frame.state = State::AfterValue;
        frame.last_end = end;
    }
}

fn open(stack: &mut Vec<Frame>, object: bool, at: u32) {
    let seg = match stack.last_mut() {
        None => None,
        Some(parent) if parent.object => {
            if parent.expects_key() {
                // A container where a key belongs: the parser reads it as the value of "".
                parent.key = (0, 0);
            }
            parent.state = State::AfterValue;
            Some(RawSeg::Key(parent.key.0, parent.key.1))
        }
        Some(parent) => {
            let seg = RawSeg::Index(parent.count);
            parent.count += 1;
            parent.state = State::AfterValue;
            Some(seg)
        }
    };
    stack.push(Frame {
        object,
        seg,
        state: State::Start,
        key: (0, 0),
        count: 0,
        last_end: at + 1,
        open: at,
    });
}

/// A closing bracket: close the innermost container of its kind and any left open inside it
/// (as the parser does); a bracket that matches nothing is ignored.
fn close(stack: &mut Vec<Frame>, root_done: &mut bool, object: bool, end: u32) {
    let Some(index) = stack.iter().rposition(|f| f.object == object) else {
        return;
    };
    stack.truncate(index);
    match stack.last_mut() {
        Some(parent) => {
            parent.state = State::AfterValue;
            parent.last_end = end;
        }
        None => *root_done = true,
    }
}

fn path_of(text: &str, stack: &[Frame]) -> Vec<Seg> {
    stack
        .iter()
        .filter_map(|f| match f.seg? {
            RawSeg::Key(start, end) => Some(Seg::Key(key_text(text, (start, end)))),
            RawSeg::Index(index) => Some(Seg::Index(index)),
        })
        .collect()
}

fn role_in(text: &str, frame: &Frame) -> Option<(Role, Option<u32>)> {
    let missing = (frame.state == State::AfterValue).then_some(frame.last_end);
    if frame.object {
        match frame.state {
            State::Start | State::AfterComma | State::AfterValue => Some((Role::Key, missing)),
            State::AfterColon => Some((Role::Value(key_text(text, frame.key)), None)),
            State::AfterKey => None,
        }
    } else {
        Some((Role::Item(frame.count), missing))
    }
}

/// The string or word under the cursor.
struct Token {
    start: usize,
    end: usize,
    quoted: bool,
    closed: bool,
}

fn token_context(
    text: &str,
    stack: &[Frame],
    root_done: bool,
    token: Token,
) -> Option<CursorContext> {
    let replace = TextRange::new(token.start as u32, token.end as u32);
    let Some(frame) = stack.last() else {
        return (!root_done).then(|| CursorContext {
            path: Vec::new(),
            role: Role::Root,
            replace,
            quoted: token.quoted,
            closed: token.closed,
            missing_comma: None,
            container_start: 0,
        });
    };
    let (role, missing_comma) = role_in(text, frame)?;
    Some(CursorContext {
        path: path_of(text, stack),
        role,
        replace,
        quoted: token.quoted,
        closed: token.closed,
        missing_comma,
        container_start: frame.open,
    })
}

fn gap_context(text: &str, stack: &[Frame], root_done: bool, offset: u32) -> Option<CursorContext> {
    let Some(frame) = stack.last() else {
        return (!root_done).then(|| CursorContext {
            path: Vec::new(),
            role: Role::Root,
            replace: TextRange::empty(offset),
            quoted: false,
            closed: false,
            missing_comma: None,
            container_start: 0,
        });
    };
    let (role, missing_comma) = role_in(text, frame)?;
    Some(CursorContext {
        path: path_of(text, stack),
        role,
        replace: TextRange::empty(offset),
        quoted: false,
        closed: false,
        missing_comma,
        container_start: frame.open,
    })
}

/// The node at `path` in a tree (the last of duplicate keys, as everywhere).
pub fn resolve_path(tree: &JsonTree, path: &[Seg]) -> Option<NodeId> {
    let mut node = tree.root()?;
    for seg in path {
        node = match seg {
            Seg::Key(key) => tree.get(node, key)?,
            Seg::Index(index) => *tree.items(node).get(*index)?,
        };
    }
    Some(node)
}
