//! A small validity check of ECMA-262 regular expressions, the dialect Swagger 2.0 gives
//! `pattern`: enough to find what fails to compile (unbalanced groups and classes, a
//! quantifier with nothing to repeat, a reversed `{n,m}` or class range, an unknown group
//! kind, a trailing backslash), without a regex engine. The Rust `regex` dialect would reject
//! valid ECMA patterns (lookaround, backreferences), so it is not used.

/// Why `pattern` is not a valid ECMA-262 regular expression, or `None` when it is.
pub fn ecma_pattern_error(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    // Open groups, each with whether it may be quantified when closed.
    let mut groups: Vec<usize> = Vec::new();
    // Whether the previous token can take a quantifier.
    let mut quantifiable = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                if i + 1 >= chars.len() {
                    return Some("it ends with a lone backslash".into());
                }
                i += 2;
                quantifiable = true;
                continue;
            }
            '[' => {
                match class_end(&chars, i) {
                    Ok(end) => i = end,
                    Err(error) => return Some(error),
                }
                quantifiable = true;
                continue;
            }
            '(' => {
                groups.push(i);
                quantifiable = false;
                if chars.get(i + 1) == Some(&'?') {
                    let rest: String = chars[i + 2..].iter().take(2).collect();
                    // The index after the group's prefix: `(?:`, `(?=`, `(?!`, `(?<=`,
                    // `(?<!` or `(?<name>`.
                    let after = if rest.starts_with([':', '=', '!']) {
                        Some(i + 3)
                    } else if rest == "<=" || rest == "<!" {
                        Some(i + 4)
                    } else if rest.starts_with('<') {
                        named_group_end(&chars, i + 3)
                    } else {
                        None
                    };
                    match after {
                        Some(after) => {
                            i = after;
                            continue;
                        }
                        None => {
                            return Some(format!(
                                "'(?' at character {} starts no known kind of group",
                                i + 1
                            ));
                        }
                    }
                }
            }
            ')' => {
                if groups.pop().is_none() {
                    return Some(format!("')' at character {} closes no group", i + 1));
                }
                quantifiable = true;
            }
            '*' | '+' | '?' => {
                if !quantifiable {
                    return Some(format!(
                        "'{c}' at character {} has nothing to repeat",
                        i + 1
                    ));
                }
                // A lazy marker after a quantifier.
                if chars.get(i + 1) == Some(&'?') {
                    i += 1;
                }
                quantifiable = false;
            }
            '{' => {
                if let Some((end, min, max)) = braces(&chars, i) {
                    if !quantifiable {
                        return Some(format!("'{{' at character {} has nothing to repeat", i + 1));
                    }
                    if max.is_some_and(|max| max < min) {
                        return Some(format!("the repetition at character {} is reversed", i + 1));
                    }
                    i = end;
                    if chars.get(i) == Some(&'?') {
                        i += 1;
                    }
                    quantifiable = false;
                    continue;
                }
                // A literal brace (Annex B).
                quantifiable = true;
            }
            '|' => quantifiable = false,
            '^' | '$' => quantifiable = false,
            _ => quantifiable = true,
        }
        i += 1;
    }
    groups
        .last()
        .map(|&open| format!("the group opened at character {} is not closed", open + 1))
}

/// The index after the character class that opens at `open`, or why it is invalid.
fn class_end(chars: &[char], open: usize) -> Result<usize, String> {
    let mut i = open + 1;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    let mut previous: Option<char> = None;
    while i < chars.len() {
        match chars[i] {
            ']' => return Ok(i + 1),
            '\\' => {
                previous = None;
                i += 2;
                continue;
            }
            '-' if previous.is_some() && chars.get(i + 1).is_some_and(|&c| c != ']') => {
                let low = previous.unwrap_or_default();
                let high = chars[i + 1];
                if high != '\\' && high < low {
                    return Err(format!(
                        "the class range '{low}-{high}' at character {} is reversed",
                        i
                    ));
                }
                previous = None;
                i += 2;
                continue;
            }
            c => previous = Some(c),
        }
        i += 1;
    }
    Err(format!(
        "the character class opened at character {} is not closed",
        open + 1
    ))
}

/// The index after `>` of a group name starting at `start`. Only name characters are read,
/// so a pattern of many `(?<` stays linear.
fn named_group_end(chars: &[char], start: usize) -> Option<usize> {
    let is_name = |c: &char| c.is_alphanumeric() || *c == '_' || *c == '$';
    let len = chars[start..].iter().take_while(|c| is_name(c)).count();
    let end = start + len;
    let starts_well = chars
        .get(start)
        .is_some_and(|c| c.is_alphabetic() || *c == '_' || *c == '$');
    (starts_well && chars.get(end) == Some(&'>')).then_some(end + 1)
}

/// A `{n}`, `{n,}` or `{n,m}` quantifier at `open`: the index after it and its bounds. Only
/// digits and one comma are read, so a pattern of many `{` stays linear.
fn braces(chars: &[char], open: usize) -> Option<(usize, u64, Option<u64>)> {
    let inside_len = chars[open + 1..]
        .iter()
        .position(|c| !c.is_ascii_digit() && *c != ',')?;
    let close = open + 1 + inside_len;
    if chars.get(close) != Some(&'}') {
        return None;
    }
    let inside: String = chars[open + 1..close].iter().collect();
    let (min, max) = match inside.split_once(',') {
        Some((min, "")) => (min.parse().ok()?, None),
        Some((min, max)) => (min.parse().ok()?, Some(max.parse().ok()?)),
        None => {
            let n = inside.parse().ok()?;
            (n, Some(n))
        }
    };
    Some((close + 1, min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_ecma_patterns() {
        for pattern in [
            "^[a-zA-Z0-9_-]+$",
            r"^\d{3}-\d{4}$",
            "^(?:https?://)?[^/]+$",
            "(?=.*[A-Z])(?!.*\\s).{8,}",
            r"(a)\1",
            "(?<year>[0-9]{4})",
            "(?<=@)\\w+",
            "a{,3}",
            "[-a-z]",
            "[a-]",
            "x*?",
            "",
        ] {
            assert_eq!(ecma_pattern_error(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn stays_linear_on_hostile_patterns() {
        // Quadratic scans would take minutes here.
        let braces = "a{".repeat(200_000);
        assert_eq!(ecma_pattern_error(&braces), None);
        let groups = "(?<".repeat(200_000);
        assert!(ecma_pattern_error(&groups).is_some());
    }

    #[test]
    fn rejects_what_does_not_compile() {
        for pattern in [
            "([a-z]+",
            "[a-z]+)",
            "*abc",
            "a|+b",
            "[a-z",
            "[z-a]",
            "a{3,1}",
            "abc\\",
            "(?P<name>x)",
            "a**",
        ] {
            assert!(ecma_pattern_error(pattern).is_some(), "{pattern}");
        }
    }
}
