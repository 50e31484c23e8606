//! Snippet text: escaping for LSP snippet syntax, the plain text of a snippet for clients
//! without snippets, and indentation that follows the file's.

use crate::edit::names::json_string;

/// Escape literal text for LSP snippet syntax.
pub fn escape_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '$' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn escape_choice(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '$' | '}' | ',' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The snippet of a JSON string with this content.
pub(super) fn snippet_string(text: &str) -> String {
    escape_snippet(&json_string(text))
}

/// Turn LSP snippet syntax into the text it inserts by default: placeholders keep their
/// default, choices their first option, tab stops vanish.
pub fn snippet_to_plain(snippet: &str) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let mut out = String::new();
    plain_until(&chars, &mut 0, None, &mut out);
    out
}

/// Copy `chars` from `*i` into `out`, expanding snippet syntax, until `stop` (unescaped).
fn plain_until(chars: &[char], i: &mut usize, stop: Option<char>, out: &mut String) {
    while *i < chars.len() {
        let c = chars[*i];
        if Some(c) == stop {
            return;
        }
        match c {
            '\\' if *i + 1 < chars.len() => {
                out.push(chars[*i + 1]);
                *i += 2;
            }
            '$' if chars.get(*i + 1).is_some_and(char::is_ascii_digit) => {
                *i += 1;
                while chars.get(*i).is_some_and(char::is_ascii_digit) {
                    *i += 1;
                }
            }
            '$' if chars.get(*i + 1) == Some(&'{') => {
                *i += 2;
                while chars.get(*i).is_some_and(char::is_ascii_digit) {
                    *i += 1;
                }
                match chars.get(*i) {
                    Some(':') => {
                        *i += 1;
                        plain_until(chars, i, Some('}'), out);
                        *i += 1;
                    }
                    Some('|') => {
                        *i += 1;
                        let mut first = String::new();
                        plain_until(chars, i, Some(','), &mut first);
                        out.push_str(first.trim_end_matches('|'));
                        // Skip the other choices up to the closing `|}`.
                        while *i < chars.len()
                            && !(chars[*i] == '|' && chars.get(*i + 1) == Some(&'}'))
                        {
                            *i += if chars[*i] == '\\' { 2 } else { 1 };
                        }
                        *i += 2;
                    }
                    _ => *i += 1,
                }
            }
            _ => {
                out.push(c);
                *i += 1;
            }
        }
    }
}

/// Indentation of a multi-line template: every line after the first gets the base
/// indentation, and each leading tab of the template becomes one indentation unit.
pub(super) fn reindent(template: &str, base: &str, unit: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    for (n, line) in template.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
            out.push_str(base);
            let tabs = line.len() - line.trim_start_matches('\t').len();
            for _ in 0..tabs {
                out.push_str(unit);
            }
            out.push_str(&line[tabs..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The leading whitespace of the line that holds `offset`.
pub(super) fn line_indent(text: &str, offset: u32) -> String {
    let before = &text[..offset as usize];
    let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &text[start..];
    let trimmed = line.trim_start_matches([' ', '\t']);
    line[..line.len() - trimmed.len()].to_string()
}

/// The first character after `offset` that is not whitespace.
pub(super) fn next_significant(text: &str, offset: u32) -> Option<u8> {
    text.as_bytes()[offset as usize..]
        .iter()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}
