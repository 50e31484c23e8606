//! The iterative, recovering parser: an explicit stack of open objects and arrays instead of
//! recursion, closing brackets guided by indentation where one is missing.

use super::lexer::{Lexer, Token};
use super::*;

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

pub(super) struct Parser<'a> {
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
    pub(super) fn new(text: &'a str) -> Self {
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

    pub(super) fn guided_by_indentation(mut self) -> Self {
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

    pub(super) fn at_depth(mut self, outer_depth: usize) -> Self {
        self.outer_depth = outer_depth;
        self
    }

    /// Parse text that should be exactly one container: `None` unless its first bracket is
    /// closed by its own bracket at the very end, with no recovery reaching outside it.
    pub(super) fn run_container(self) -> Option<Parsed> {
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

    pub(super) fn run(self) -> Parsed {
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
                    // A comma never comes before a colon: that text was meant as an object.
                    let kind = match token {
                        Token::Colon => SyntaxErrorKind::Other,
                        _ => SyntaxErrorKind::MissingComma,
                    };
                    self.error_of_kind(
                        TextRange::empty(self.prev_end(range)),
                        format!("expected {expected} before {}", token.describe()),
                        kind,
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
