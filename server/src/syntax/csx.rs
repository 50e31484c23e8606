//! A small tolerant scanner for `script.csx`: it finds the string literals that the script
//! compares with `Context.OperationId`, and the outline the platform's contract for custom
//! code is checked on ([`outline`]: using directives, classes, `ExecuteAsync`, the calls that
//! risk the time limit). It is not a C# parser; it only knows enough of the lexical grammar
//! (comments, regular, verbatim and interpolated strings) not to be fooled.

use crate::text::TextRange;

/// A string literal compared with `OperationId`: its value and the range inside the quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationIdLiteral {
    pub value: String,
    pub range: TextRange,
    /// The comparison ignores case (`OperationId.ToLower()`, `StringComparison.…IgnoreCase`).
    pub ignore_case: bool,
}

const CASE_FOLDING: [&str; 4] = ["ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant"];

fn is_case_folding(tok: &Tok) -> bool {
    matches!(tok, Tok::Ident(name) if CASE_FOLDING.contains(&name.as_str()))
}

fn is_ignore_case(tok: &Tok) -> bool {
    matches!(tok, Tok::Ident(name) if name.ends_with("IgnoreCase"))
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str { value: String, inner: TextRange },
    Punct(&'static str),
    Other,
}

fn tokenize(text: &str) -> Vec<Tok> {
    scan(text).tokens
}

/// The tokens of a script, where each starts, and the block comments met on the way.
struct Scan {
    tokens: Vec<Tok>,
    starts: Vec<u32>,
    block_comments: Vec<TextRange>,
}

fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut starts = Vec::new();
    let mut block_comments = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let count = tokens.len();
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
                block_comments.push(TextRange::new(start as u32, i as u32));
            }
            // A verbatim identifier (`@class`, `@Context`) is the identifier itself.
            b'@' if bytes
                .get(i + 1)
                .is_some_and(|&next| next.is_ascii_alphabetic() || next == b'_') =>
            {
                i += 1;
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
        if tokens.len() > count {
            starts.push(start as u32);
        }
    }
    Scan {
        tokens,
        starts,
        block_comments,
    }
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
    let mut push = |tok: Option<&Tok>, ignore_case: bool| {
        if let Some(Tok::Str { value, inner }) = tok {
            found.push(OperationIdLiteral {
                value: value.clone(),
                range: *inner,
                ignore_case,
            });
        }
    };
    // Brace depths of the bodies of switches over OperationId, and whether each ignores case.
    let mut switch_bodies: Vec<(usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_switch: Option<bool> = None;
    for (i, tok) in tokens.iter().enumerate() {
        let at = |n: usize| tokens.get(i + n);
        match tok {
            Tok::Ident(name) if name == "OperationId" => {
                // Skip a case-folding call: OperationId.ToLower()
                let folded = at(1) == Some(&Tok::Punct("."))
                    && at(2).is_some_and(is_case_folding)
                    && at(3) == Some(&Tok::Punct("("))
                    && at(4) == Some(&Tok::Punct(")"));
                let next = if folded { 5 } else { 1 };
                // OperationId == "X" / != "X"
                if matches!(at(next), Some(Tok::Punct("==" | "!="))) {
                    push(at(next + 1), folded);
                }
                // OperationId.Equals("X", StringComparison.OrdinalIgnoreCase)
                if at(next) == Some(&Tok::Punct("."))
                    && matches!(at(next + 1), Some(Tok::Ident(m)) if m == "Equals")
                    && at(next + 2) == Some(&Tok::Punct("("))
                {
                    let arguments = tokens[i + next + 3..]
                        .iter()
                        .take_while(|t| **t != Tok::Punct(")"))
                        .take(8);
                    let ignore_case = folded || arguments.clone().any(is_ignore_case);
                    push(at(next + 3), ignore_case);
                }
            }
            Tok::Str { .. } => {
                // "X" == this.Context.OperationId
                if matches!(at(1), Some(Tok::Punct("==" | "!="))) {
                    let rhs = tokens[i + 2..].iter().take(7);
                    let mut rhs = rhs.take_while(|t| matches!(t, Tok::Ident(_) | Tok::Punct(".")));
                    if rhs.any(is_operation_id) {
                        push(Some(tok), false);
                    }
                }
                // case "X": inside switch (…OperationId)
                if i > 0
                    && matches!(&tokens[i - 1], Tok::Ident(k) if k == "case")
                    && at(1) == Some(&Tok::Punct(":"))
                    && let Some(&(body, ignore_case)) = switch_bodies.last()
                    && body == depth
                {
                    push(Some(tok), ignore_case);
                }
            }
            Tok::Ident(k) if k == "switch" && at(1) == Some(&Tok::Punct("(")) => {
                let subject: Vec<&Tok> = tokens[i + 2..]
                    .iter()
                    .take_while(|t| **t != Tok::Punct(")"))
                    .take(12)
                    .collect();
                pending_switch = subject
                    .iter()
                    .any(|t| is_operation_id(t))
                    .then(|| subject.iter().any(|t| is_case_folding(t)));
            }
            Tok::Punct("{") => {
                depth += 1;
                if let Some(ignore_case) = pending_switch.take() {
                    switch_bodies.push((depth, ignore_case));
                }
            }
            Tok::Punct("}") => {
                if switch_bodies.last().is_some_and(|(body, _)| *body == depth) {
                    switch_bodies.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    found
}

/// The brace blocks of a script, each from its `{` to its `}` (inclusive), outermost first;
/// braces in strings and comments do not count, and an unclosed block runs to the end.
pub fn brace_blocks(text: &str) -> Vec<TextRange> {
    let scan = scan(text);
    let mut blocks = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (tok, &start) in scan.tokens.iter().zip(&scan.starts) {
        match tok {
            Tok::Punct("{") => {
                open.push(blocks.len());
                blocks.push(TextRange::new(start, text.len() as u32));
            }
            Tok::Punct("}") => {
                if let Some(index) = open.pop() {
                    blocks[index].end = start + 1;
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The `/* … */` comments of a script.
pub fn block_comments(text: &str) -> Vec<TextRange> {
    scan(text).block_comments
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

/// A name in the script and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub range: TextRange,
}

/// `class Name : Base { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    pub name: Named,
    /// The first type after `:`.
    pub base: Option<Named>,
    /// From `{` to `}`.
    pub body: TextRange,
}

/// The declaration of an `ExecuteAsync` method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    pub name: TextRange,
    pub is_override: bool,
}

/// A loop whose body awaits: each pass waits for the one before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwaitingLoop {
    /// The `for`, `foreach`, `while` or `do` keyword.
    pub keyword: TextRange,
    /// The body sends requests (`SendAsync`): paging inside the script.
    pub sends: bool,
}

/// What the platform's contract for custom code is checked on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The namespaces of the `using` directives (not `using (…)` statements).
    pub usings: Vec<Named>,
    pub classes: Vec<Class>,
    pub execute_async: Vec<Method>,
    /// `new HttpClient`.
    pub new_http_client: Vec<TextRange>,
    /// Calls that block a thread until a task ends: `.Result`, `.Wait()`, `.GetResult()`,
    /// `Thread.Sleep(…)`, named by what is written.
    pub blocking: Vec<Named>,
    /// The outermost loops whose body awaits.
    pub awaiting_loops: Vec<AwaitingLoop>,
}

/// The outline of a script, in one pass over its tokens (and a stack of open braces).
pub fn outline(text: &str) -> Outline {
    let scan = scan(text);
    let tokens = &scan.tokens;
    let starts = &scan.starts;
    let end_of = |i: usize| -> u32 {
        starts[i]
            + match &tokens[i] {
                Tok::Ident(name) => name.len() as u32,
                Tok::Punct(p) => p.len() as u32,
                _ => 1,
            }
    };
    let ident = |i: usize, name: &str| matches!(tokens.get(i), Some(Tok::Ident(n)) if n == name);
    let punct = |i: usize, p: &str| matches!(tokens.get(i), Some(Tok::Punct(q)) if *q == p);
    // The index of the token that closes the bracket opened at `open` (or the last token).
    let closing = |open: usize, (left, right): (&str, &str)| {
        let mut depth = 0usize;
        for (i, tok) in tokens.iter().enumerate().skip(open) {
            match tok {
                Tok::Punct(p) if *p == left => depth += 1,
                Tok::Punct(p) if *p == right => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        tokens.len().saturating_sub(1)
    };
    let mut outline = Outline::default();
    let mut depth = 0usize;
    // Where the current declaration or statement started (after the last `;`, `{` or `}`).
    let mut statement = 0;
    let mut awaiting_until = 0u32;
    for i in 0..tokens.len() {
        match &tokens[i] {
            Tok::Punct("{") => {
                depth += 1;
                statement = i + 1;
            }
            Tok::Punct("}") => {
                depth = depth.saturating_sub(1);
                statement = i + 1;
            }
            Tok::Punct(";") => statement = i + 1,
            Tok::Ident(word) => match word.as_str() {
                "using" if depth == 0 && !punct(i + 1, "(") => {
                    let mut j = i + 1;
                    let mut name = String::new();
                    let mut first = None;
                    let is_static = ident(i + 1, "static");
                    while let Some(tok) = tokens.get(j) {
                        match tok {
                            // `using static System.Math;` imports a type's members.
                            Tok::Ident(part) if part == "static" && name.is_empty() => {}
                            Tok::Ident(part) => {
                                first.get_or_insert(j);
                                name.push_str(part);
                            }
                            Tok::Punct(".") => name.push('.'),
                            // An alias: `using Name = Namespace.Type;` names what follows.
                            Tok::Other => (name, first) = (String::new(), None),
                            _ => break,
                        }
                        j += 1;
                    }
                    if let Some(first) = first
                        && j > first
                    {
                        // `using static Namespace.Type;` imports from the type's namespace.
                        if is_static && let Some((namespace, _)) = name.rsplit_once('.') {
                            name = namespace.to_string();
                        }
                        let range = TextRange::new(starts[first], end_of(j - 1));
                        outline.usings.push(Named { name, range });
                    }
                }
                "class" => {
                    let Some(Tok::Ident(name)) = tokens.get(i + 1) else {
                        continue;
                    };
                    let named = |k: usize, name: &str| Named {
                        name: name.to_string(),
                        range: TextRange::new(starts[k], end_of(k)),
                    };
                    let base = match (punct(i + 2, ":"), tokens.get(i + 3)) {
                        (true, Some(Tok::Ident(base))) => Some(named(i + 3, base)),
                        _ => None,
                    };
                    let open = (i + 2..tokens.len()).find(|&k| punct(k, "{") || punct(k, ";"));
                    let body = match open {
                        Some(open) if punct(open, "{") => {
                            let close = closing(open, ("{", "}"));
                            TextRange::new(starts[open], end_of(close))
                        }
                        _ => TextRange::empty(end_of(i + 1)),
                    };
                    outline.classes.push(Class {
                        name: named(i + 1, name),
                        base,
                        body,
                    });
                }
                "ExecuteAsync" if punct(i + 1, "(") && !(i > 0 && punct(i - 1, ".")) => {
                    let declaration = &tokens[statement..i];
                    let is_declaration = declaration
                        .iter()
                        .any(|t| matches!(t, Tok::Ident(w) if w == "Task" || w == "override"));
                    if is_declaration {
                        outline.execute_async.push(Method {
                            name: TextRange::new(starts[i], end_of(i)),
                            is_override: declaration
                                .iter()
                                .any(|t| matches!(t, Tok::Ident(w) if w == "override")),
                        });
                    }
                }
                "new" if ident(i + 1, "HttpClient") => outline
                    .new_http_client
                    .push(TextRange::new(starts[i], end_of(i + 1))),
                "Result" if i > 0 && punct(i - 1, ".") && !punct(i + 1, "(") => {
                    outline.blocking.push(Named {
                        name: ".Result".to_string(),
                        range: TextRange::new(starts[i], end_of(i)),
                    })
                }
                "Wait" | "GetResult" if i > 0 && punct(i - 1, ".") && punct(i + 1, "(") => {
                    outline.blocking.push(Named {
                        name: format!(".{word}()"),
                        range: TextRange::new(starts[i], end_of(i)),
                    })
                }
                "Sleep" if i > 1 && punct(i - 1, ".") && ident(i - 2, "Thread") => {
                    outline.blocking.push(Named {
                        name: "Thread.Sleep".to_string(),
                        range: TextRange::new(starts[i - 2], end_of(i)),
                    })
                }
                "for" | "foreach" | "while" | "do" if starts[i] >= awaiting_until => {
                    let body = match word.as_str() {
                        "do" => Some(i + 1).filter(|&k| punct(k, "{")),
                        _ if punct(i + 1, "(") => {
                            Some(closing(i + 1, ("(", ")")) + 1).filter(|&k| punct(k, "{"))
                        }
                        _ => None,
                    };
                    let Some(open) = body else { continue };
                    let close = closing(open, ("{", "}"));
                    let inside = &tokens[open..=close];
                    if inside
                        .iter()
                        .any(|t| matches!(t, Tok::Ident(w) if w == "await"))
                    {
                        outline.awaiting_loops.push(AwaitingLoop {
                            keyword: TextRange::new(starts[i], end_of(i)),
                            sends: inside
                                .iter()
                                .any(|t| matches!(t, Tok::Ident(w) if w == "SendAsync")),
                        });
                        awaiting_until = end_of(close);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    outline
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
    fn case_folding_comparisons_ignore_case() {
        let text = r#"
            switch (this.Context.OperationId.ToLower()) { case "sendmessage": break; }
            if (Context.OperationId.ToLowerInvariant() == "listitems") {}
            if (Context.OperationId.Equals("getitem", StringComparison.OrdinalIgnoreCase)) {}
            if (Context.OperationId == "Exact") {}
        "#;
        let found: Vec<_> = operation_id_literals(text)
            .into_iter()
            .map(|l| (l.value, l.ignore_case))
            .collect();
        let expected = [
            ("sendmessage", true),
            ("listitems", true),
            ("getitem", true),
            ("Exact", false),
        ];
        let expected: Vec<_> = expected.iter().map(|(v, c)| (v.to_string(), *c)).collect();
        assert_eq!(found, expected);
    }

    /// What is not a comparison of OperationId, or not a case-insensitive one, is not read as
    /// one: a character literal holding a quote, a division, a verbatim string ending with a
    /// backslash do not hide what follows on their line; a verbatim identifier is the
    /// identifier.
    #[test]
    fn literals_are_found_past_tricky_tokens() {
        let text = r#"
            var q = '"'; if (Context.OperationId == "AfterChar") {}
            var e = '\"'; if (Context.OperationId == "AfterEscapedChar") {}
            var half = total / 2;
            if (Context.OperationId == "AfterDivision") {}
            var path = @"C:\temp\"; if (Context.OperationId == "AfterVerbatim") {}
            if (@Context.OperationId == "AtIdentifier") {}
        "#;
        assert_eq!(
            values(text),
            [
                "AfterChar",
                "AfterEscapedChar",
                "AfterDivision",
                "AfterVerbatim",
                "AtIdentifier"
            ]
        );
        let text = r#"
            switch (this.Context.OperationId) { case "Exact": break; }
            if (Context.OperationId.Equals("Ordinal", StringComparison.Ordinal)) {}
            if (Context.OperationId.Trim() == "Trimmed") {}
        "#;
        let ignore_case: Vec<bool> = operation_id_literals(text)
            .iter()
            .map(|l| l.ignore_case)
            .collect();
        assert_eq!(ignore_case, [false, false]);
    }

    /// A line comment, `@`/`$` marks, an open character literal or an identifier at the very
    /// end of the script end the scan cleanly.
    #[test]
    fn the_end_of_the_script_ends_any_token() {
        for last in ["// end", "x = $@", "x = 'c", "return result"] {
            let text = format!(r#"if (Context.OperationId == "A") {{}} {last}"#);
            assert_eq!(values(&text), ["A"], "{text}");
        }
    }

    #[test]
    fn literal_range_is_inside_the_quotes() {
        let text = r#"if (OperationId == "Op1") {}"#;
        let found = operation_id_literals(text);
        assert_eq!(&text[found[0].range.as_usize()], "Op1");
    }

    #[test]
    fn finds_brace_blocks_outside_strings_and_comments() {
        let text = "class A {\n  void F() { var s = \"{\"; /* } */ }\n}\n{";
        let blocks: Vec<&str> = brace_blocks(text)
            .into_iter()
            .map(|r| &text[r.as_usize()])
            .collect();
        assert_eq!(
            blocks,
            [
                "{\n  void F() { var s = \"{\"; /* } */ }\n}",
                "{ var s = \"{\"; /* } */ }",
                "{"
            ]
        );
        assert_eq!(block_comments(text).len(), 1);
    }

    #[test]
    fn outlines_what_the_contract_is_checked_on() {
        let text = r#"using System;
using System.Net.Http;
using static System.Math;
using Json = Newtonsoft.Json.Linq;
using System.Runtime.Remoting.Contexts;
public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        using (var client = new HttpClient()) { }
        var r = this.Context.SendAsync(request, CancellationToken).Result;
        task.Wait();
        Thread.Sleep(100);
        foreach (var page in pages) { if (x) { await Send(); } for (;;) { await Other(); } }
        while (more) { var p = await this.Context.SendAsync(next, CancellationToken); }
        for (var i = 0; i < 3; i++) { Compute(); }
        return await ExecuteAsync2();
    }
    // ExecuteAsync( in a comment, "ExecuteAsync(" in a string
}
class Helper { }
"#;
        let outline = outline(text);
        let names: Vec<&str> = outline.usings.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "System",
                "System.Net.Http",
                "System",
                "Newtonsoft.Json.Linq",
                "System.Runtime.Remoting.Contexts"
            ]
        );
        let at = |range: TextRange| &text[range.as_usize()];
        assert_eq!(at(outline.usings[1].range), "System.Net.Http");
        let classes: Vec<(&str, Option<&str>)> = outline
            .classes
            .iter()
            .map(|c| {
                (
                    c.name.name.as_str(),
                    c.base.as_ref().map(|b| b.name.as_str()),
                )
            })
            .collect();
        assert_eq!(classes, [("Script", Some("ScriptBase")), ("Helper", None)]);
        assert!(at(outline.classes[0].body).starts_with('{'));
        assert!(at(outline.classes[0].body).ends_with('}'));
        assert_eq!(outline.execute_async.len(), 1);
        assert!(outline.execute_async[0].is_override);
        assert_eq!(at(outline.execute_async[0].name), "ExecuteAsync");
        assert_eq!(outline.new_http_client.len(), 1);
        assert_eq!(at(outline.new_http_client[0]), "new HttpClient");
        let blocking: Vec<&str> = outline.blocking.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(blocking, [".Result", ".Wait()", "Thread.Sleep"]);
        assert_eq!(at(outline.blocking[2].range), "Thread.Sleep");
        let loops: Vec<(&str, bool)> = outline
            .awaiting_loops
            .iter()
            .map(|l| (at(l.keyword), l.sends))
            .collect();
        assert_eq!(loops, [("foreach", false), ("while", true)]);
    }

    #[test]
    fn a_method_without_override_and_a_misnamed_class_are_seen() {
        let outline = outline(
            "public class script : ScriptBase { public async Task<HttpResponseMessage> ExecuteAsync() { } }",
        );
        assert_eq!(outline.classes[0].name.name, "script");
        assert!(!outline.execute_async[0].is_override);
        assert_eq!(super::outline("").classes, []);
    }

    #[test]
    fn recognises_the_script_class() {
        assert!(declares_script_class(
            "public class Script : ScriptBase { }"
        ));
        assert!(!declares_script_class("public class Script { }"));
    }
}
