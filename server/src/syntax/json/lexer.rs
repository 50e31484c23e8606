//! The tokens of JSON text, with the strict checks of RFC 8259 (numbers, escapes, control
//! characters) reported as syntax errors and the lenient reading kept for recovery.

use super::*;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
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
    pub(super) fn describe(&self) -> &'static str {
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

pub(super) struct Lexer<'a> {
    text: &'a str,
    pub(super) bytes: &'a [u8],
    pos: usize,
    pub(super) errors: Vec<SyntaxError>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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
    pub(super) fn next(&mut self) -> (Token, TextRange) {
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
                    let escaped = escape_control(byte);
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

#[cfg(test)]
mod tests {
    use crate::syntax::json::parse;

    /// The syntax errors of `text`: byte range and message.
    fn errors(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
        parse(text)
            .errors
            .iter()
            .map(|e| (e.range.as_usize(), e.message.clone()))
            .collect()
    }

    /// A raw line break ends a string whose closing quote is missing, so that the next line
    /// is read as JSON again (and not as more of the string, with a control character).
    #[test]
    fn a_line_break_ends_an_unterminated_string() {
        for text in ["{\"a\": \"abc\n, \"b\": 1}", "{\"a\": \"abc\r\n, \"b\": 1}"] {
            let parsed = parse(text);
            let found: Vec<&str> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
            assert_eq!(
                found,
                ["unterminated string (missing closing '\"')"],
                "{text:?}"
            );
            assert_eq!(parsed.errors[0].range.as_usize(), 6..10, "{text:?}");
            let root = parsed.tree.root().unwrap();
            assert!(parsed.tree.get(root, "b").is_some(), "{text:?}");
        }
    }

    /// Every escape of JSON decodes to its character, a surrogate pair to one character.
    #[test]
    fn escapes_decode() {
        let parsed = parse(r#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let tree = &parsed.tree;
        let item = tree.items(tree.root().unwrap())[0];
        assert_eq!(
            tree.as_str(item),
            Some("\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}")
        );
        // A high surrogate without its low half is one replacement character, and what
        // follows it is read as written.
        for (text, value) in [
            (r#"["\ud83dxudc00"]"#, "\u{fffd}xudc00"),
            (r#"["\ud83d\n"]"#, "\u{fffd}\n"),
            (r#"["\ud83d\u0041"]"#, "\u{fffd}A"),
        ] {
            let parsed = parse(text);
            let tree = &parsed.tree;
            let item = tree.items(tree.root().unwrap())[0];
            assert_eq!(tree.as_str(item), Some(value), "{text}");
        }
    }

    /// An unknown escape is reported with the character after the backslash, however many
    /// bytes it takes.
    #[test]
    fn an_invalid_escape_names_its_character() {
        assert_eq!(
            errors(r#"["\q"]"#),
            [(2..4, "invalid escape sequence '\\q'".to_string())]
        );
        assert_eq!(
            errors("[\"\\é\"]"),
            [(2..5, "invalid escape sequence '\\é'".to_string())]
        );
    }

    /// Numbers with an exponent, signed or not, are JSON; an exponent without digits is not.
    #[test]
    fn exponents_are_read_strictly() {
        assert_eq!(errors("[1e5, 2E-3, 0.5e+10, -0e0]"), []);
        for text in ["[1e]", "[1e+]", "[2E-]"] {
            assert_eq!(errors(text).len(), 1, "{text}");
        }
    }

    /// A backslash as the last byte of the file ends an unterminated string.
    #[test]
    fn a_backslash_at_the_end_of_the_file_ends_the_string() {
        let found = errors("[\"abc\\");
        assert_eq!(
            found[0],
            (1..6, "unterminated string".to_string()),
            "{found:?}"
        );
    }

    /// A control character in a string is reported at its own byte, with its escape.
    #[test]
    fn a_control_character_in_a_string_is_reported_at_its_byte() {
        assert_eq!(
            errors("[\"a\tb\u{1}\"]"),
            [
                (
                    3..4,
                    "control character U+0009 must be escaped as \\t".to_string()
                ),
                (
                    5..6,
                    "control character U+0001 must be escaped as \\u0001".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_character_that_is_not_json_is_reported_alone() {
        // 'é' is two bytes: the error covers exactly them, and the 1 after them is read on.
        let found = errors("[\u{e9}1]");
        assert_eq!(found[0], (1..3, "unexpected character \"é\"".to_string()));
        assert_eq!(found[1].0, 3..3, "{found:?}");
    }

    #[test]
    fn a_slash_starts_a_comment_only_before_another_slash_or_a_star() {
        assert_eq!(
            errors("[1, /]")[0],
            (4..5, "unexpected character \"/\"".to_string())
        );
        assert_eq!(
            errors("[1 /* two */]")[0],
            (3..12, "comments are not allowed in JSON".to_string())
        );
        assert_eq!(
            errors("[1 // one\n]")[0],
            (3..9, "comments are not allowed in JSON".to_string())
        );
    }

    #[test]
    fn messages_name_the_token_found() {
        for (text, message) in [
            ("}", "unexpected '}'"),
            ("]", "unexpected ']'"),
            (
                "{\"a\" 1}",
                "expected ':' after the property name, found a number",
            ),
            ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' before a string"),
            ("[1 true]", "expected ',' or ']' before a boolean"),
            ("[1 null]", "expected ',' or ']' before null"),
            ("[1 {}]", "expected ',' or ']' before '{'"),
            ("[1 []]", "expected ',' or ']' before '['"),
            ("{\"a\": 1 :}", "expected ',' or '}' before ':'"),
            ("{\"a\": 1 :}", "expected a value, found '}'"),
            ("[1,,2]", "expected a value before ','"),
            ("[1 x]", "expected ',' or ']' before invalid characters"),
        ] {
            let found = errors(text);
            assert!(found.iter().any(|(_, m)| m == message), "{text}: {found:?}");
        }
    }
}
