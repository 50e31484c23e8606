//! Name helpers shared by rules and their fixes: "did you mean" suggestions, PascalCase, and
//! JSON string literals for edits.

use crate::text::excerpt;

/// The Levenshtein distance between two strings, by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `name`: an exact case-insensitive match first, else the nearest
/// within an edit distance of a third of the name's length (at most 3).
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let length = name.chars().count();
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        // Cheap filter first: no candidate whose length differs by more than the limit can be
        // close, and connectors can have thousands of names.
        if candidate.len().abs_diff(name.len()) > 4 * limit
            && candidate.chars().count().abs_diff(length) > limit
        {
            continue;
        }
        if candidate.to_lowercase() == lower {
            return Some(candidate);
        }
        let distance = edit_distance(&lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `" (did you mean 'X'?)"` or nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| {
        format!(" (did you mean '{}'?)", excerpt(s))
    })
}

/// PascalCase of an identifier written in any style: `get employee`, `get-employee`,
/// `get_employee`, `getEmployee` → `GetEmployee`. Keeps a `_V2` revision suffix.
pub fn to_pascal_case(name: &str) -> String {
    let (stem, revision) = match name.rfind("_V") {
        Some(at) if name[at + 2..].chars().all(|c| c.is_ascii_digit()) && at + 2 < name.len() => {
            (&name[..at], &name[at..])
        }
        _ => (name, ""),
    };
    let mut out = String::with_capacity(name.len());
    for word in stem.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    if out.is_empty() {
        out.push_str("Operation");
    }
    out.push_str(revision);
    out
}

/// A JSON string literal for `value`, with quotes and escapes.
pub fn json_string(value: &str) -> String {
    serde_json::to_string(value).expect("strings always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_of_every_style() {
        assert_eq!(to_pascal_case("Get Employee"), "GetEmployee");
        assert_eq!(to_pascal_case("get-employee.by/id"), "GetEmployeeById");
        assert_eq!(to_pascal_case("listContacts"), "ListContacts");
        assert_eq!(to_pascal_case("GetItems_V2"), "GetItems_V2");
        assert_eq!(to_pascal_case("get_items"), "GetItems");
        assert_eq!(to_pascal_case("2fa check"), "N2faCheck");
    }

    #[test]
    fn closest_prefers_case_insensitive_then_distance() {
        let names = ["ListTables", "ListTablesV2", "GetRow"];
        assert_eq!(closest("listtables", names), Some("ListTables"));
        assert_eq!(closest("ListTable", names), Some("ListTables"));
        assert_eq!(closest("Something", names), None);
    }
}
