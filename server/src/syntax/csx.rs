//! A small tolerant scanner for `script.csx`: it finds the string literals that the script
//! compares with `Context.OperationId`. It is not a C# parser; it only knows enough of the
//! lexical grammar (comments, regular, verbatim and interpolated strings) not to be fooled.

use crate::text::TextRange;

/// A string literal compared with `OperationId`: its value and the range inside the quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationIdLiteral {
    pub value: String,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str { value: String, inner: TextRange },
    Punct(&'static str),
    Other,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2);
            }
            b'@' | b'$' if matches!(bytes.get(i + 1), Some(b'"' | b'@' | b'$')) => {
                let mut j = i;
                let mut verbatim = false;
                while j < bytes.len() && matches!(bytes[j], b'@' | b'$') {
                    verbatim |= bytes[j] == b'@';
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') {
                    i = j;
                    continue;
                }
                let (end, _) = scan_string(bytes, j, verbatim);
                // Interpolated strings never name an operation on their own; keep them opaque.
                tokens.push(Tok::Other);
                i = end;
            }
            b'"' => {
                let (end, closed) = scan_string(bytes, i, false);
                let inner_end = if closed { end - 1 } else { end };
                let inner = TextRange::new(i as u32 + 1, inner_end as u32);
                tokens.push(Tok::Str {
                    value: unescape(&text[inner.as_usize()]),
                    inner,
                });
                i = end;
            }
            b'\'' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'\'' && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                tokens.push(Tok::Other);
                i = (j + 1).min(bytes.len());
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                tokens.push(Tok::Ident(text[start..i].to_string()));
            }
            _ => {
                const PUNCTS: [&str; 10] = ["==", "!=", "(", ")", "{", "}", ".", ":", ";", ","];
                match PUNCTS.iter().find(|p| text[i..].starts_with(**p)) {
                    Some(p) => {
                        tokens.push(Tok::Punct(p));
                        i += p.len();
                    }
                    None => {
                        tokens.push(Tok::Other);
                        i += text[i..].chars().next().map_or(1, char::len_utf8);
                    }
                }
            }
        }
    }
    tokens
}

/// Scan a string starting at the opening quote `at`; returns the end offset and whether the
/// closing quote was found.
fn scan_string(bytes: &[u8], at: usize, verbatim: bool) -> (usize, bool) {
    let mut j = at + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'"' if verbatim && bytes.get(j + 1) == Some(&b'"') => j += 2,
            b'"' => return (j + 1, true),
            b'\\' if !verbatim => j += 2,
            b'\n' if !verbatim => return (j, false),
            _ => j += 1,
        }
    }
    (bytes.len(), false)
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_operation_id(tok: &Tok) -> bool {
    matches!(tok, Tok::Ident(name) if name == "OperationId")
}

/// Every string literal that the script compares with `OperationId`.
pub fn operation_id_literals(text: &str) -> Vec<OperationIdLiteral> {
    let tokens = tokenize(text);
    let mut found = Vec::new();
    let mut push = |tok: &Tok| {
        if let Tok::Str { value, inner } = tok {
            found.push(OperationIdLiteral {
                value: value.clone(),
                range: *inner,
            });
        }
    };
    // Brace depths at which `case "X":` labels belong to a switch over OperationId.
    let mut switch_bodies: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut pending_switch = false;
    for (i, tok) in tokens.iter().enumerate() {
        let next = |n: usize| tokens.get(i + n);
        match tok {
            Tok::Ident(name) if name == "OperationId" => {
                // OperationId == "X" / != "X"
                if matches!(next(1), Some(Tok::Punct("==" | "!="))) {
                    next(2).into_iter().for_each(&mut push);
                }
                // OperationId.Equals("X", ...)
                if next(1) == Some(&Tok::Punct("."))
                    && matches!(next(2), Some(Tok::Ident(m)) if m == "Equals")
                    && next(3) == Some(&Tok::Punct("("))
                {
                    next(4).into_iter().for_each(&mut push);
                }
            }
            Tok::Str { .. } => {
                // "X" == this.Context.OperationId
                if matches!(next(1), Some(Tok::Punct("==" | "!="))) {
                    let rhs = tokens[i + 2..].iter().take(7);
                    let mut rhs = rhs.take_while(|t| matches!(t, Tok::Ident(_) | Tok::Punct(".")));
                    if rhs.any(is_operation_id) {
                        push(tok);
                    }
                }
                // case "X": inside switch (…OperationId)
                if i > 0
                    && matches!(&tokens[i - 1], Tok::Ident(k) if k == "case")
                    && next(1) == Some(&Tok::Punct(":"))
                    && switch_bodies.last() == Some(&depth)
                {
                    push(tok);
                }
            }
            Tok::Ident(k) if k == "switch" && next(1) == Some(&Tok::Punct("(")) => {
                let subject = tokens[i + 2..]
                    .iter()
                    .take_while(|t| **t != Tok::Punct(")"))
                    .take(12);
                pending_switch = subject.clone().any(is_operation_id);
            }
            Tok::Punct("{") => {
                depth += 1;
                if pending_switch {
                    switch_bodies.push(depth);
                    pending_switch = false;
                }
            }
            Tok::Punct("}") => {
                if switch_bodies.last() == Some(&depth) {
                    switch_bodies.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    found
}

/// Whether the script declares `class Script : ScriptBase` (used to recognise connector code).
pub fn declares_script_class(text: &str) -> bool {
    let tokens = tokenize(text);
    tokens.windows(4).any(|w| {
        matches!(&w[0], Tok::Ident(c) if c == "class")
            && matches!(&w[2], Tok::Punct(":"))
            && matches!(&w[3], Tok::Ident(b) if b == "ScriptBase")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        operation_id_literals(text)
            .into_iter()
            .map(|l| l.value)
            .collect()
    }

    #[test]
    fn finds_comparisons_in_every_form() {
        let text = r#"
            if (this.Context.OperationId == "ListA") {}
            if ("ListB" == Context.OperationId) {}
            if (Context.OperationId.Equals("ListC", StringComparison.OrdinalIgnoreCase)) {}
            switch (this.Context.OperationId) {
                case "ListD": { if (x) { } break; }
                case "ListE": break;
            }
            switch (other) { case "NotAnOperation": break; }
            // if (Context.OperationId == "Commented") {}
            var s = @"Context.OperationId == ""Verbatim""";
        "#;
        assert_eq!(values(text), ["ListA", "ListB", "ListC", "ListD", "ListE"]);
    }

    #[test]
    fn literal_range_is_inside_the_quotes() {
        let text = r#"if (OperationId == "Op1") {}"#;
        let found = operation_id_literals(text);
        assert_eq!(&text[found[0].range.as_usize()], "Op1");
    }

    #[test]
    fn recognises_the_script_class() {
        assert!(declares_script_class(
            "public class Script : ScriptBase { }"
        ));
        assert!(!declares_script_class("public class Script { }"));
    }
}
