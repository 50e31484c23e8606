//! Name helpers shared by rules, their fixes and the editor: "did you mean" suggestions, the
//! one splitter of identifiers into words and the one list of acronyms, from which every
//! generated PascalCase name, display title (`x-ms-summary`) and description is built, and
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
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        // Cheap filter first (connectors can have thousands of names): one edit changes the
        // length by at most 4 bytes, so a candidate further than that cannot be close.
        if candidate.len().abs_diff(name.len()) > 4 * limit {
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

/// Words written in capitals in titles, lower case, with the spelling they take (`ids` → `IDs`).
const ACRONYMS: &[(&str, &str)] = &[
    ("api", "API"),
    ("csv", "CSV"),
    ("guid", "GUID"),
    ("html", "HTML"),
    ("http", "HTTP"),
    ("https", "HTTPS"),
    ("id", "ID"),
    ("ids", "IDs"),
    ("ip", "IP"),
    ("json", "JSON"),
    ("odata", "OData"),
    ("pdf", "PDF"),
    ("sku", "SKU"),
    ("sms", "SMS"),
    ("uri", "URI"),
    ("url", "URL"),
    ("utc", "UTC"),
    ("uuid", "UUID"),
    ("xml", "XML"),
];

/// The spelling of `word` if it is a known acronym, whatever its case.
fn acronym(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    ACRONYMS
        .iter()
        .find(|(key, _)| *key == lower)
        .map(|(_, spelling)| *spelling)
}

/// One word of an identifier, and whether it was written as part of a run of capitals with no
/// lower-case letter (`GET` in `GET_ITEMS`, not `HTTP` in `HTTPStatus`): such a word is
/// shouted, not an acronym, unless the acronym list says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub shouted: bool,
}

/// The words of an identifier in any style: split at every character that is not a letter or
/// digit, at camelCase humps (`createdAt`, `line1Text`) and before the last capital of a run
/// (`HTTPStatus` → `HTTP`, `Status`). Digits stay with the word before them (`address2`).
pub fn words(identifier: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    for chunk in identifier.split(|c: char| !c.is_alphanumeric()) {
        if chunk.is_empty() {
            continue;
        }
        let shouted = !chunk.chars().any(char::is_lowercase);
        let chars: Vec<(usize, char)> = chunk.char_indices().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (prev, cur) = (chars[i - 1].1, chars[i].1);
            let next_lower = chars.get(i + 1).is_some_and(|(_, c)| c.is_lowercase());
            let hump = (prev.is_lowercase() || prev.is_numeric()) && cur.is_uppercase();
            let acronym_end = prev.is_uppercase() && cur.is_uppercase() && next_lower;
            if hump || acronym_end {
                words.push(Word {
                    text: &chunk[start..chars[i].0],
                    shouted,
                });
                start = chars[i].0;
            }
        }
        words.push(Word {
            text: &chunk[start..],
            shouted,
        });
    }
    words
}

/// `word` with its first letter in capitals and, when it was shouted, the rest in lower case.
fn capitalized(word: &Word) -> String {
    let mut chars = word.text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let rest = chars.as_str();
    let rest = if word.shouted {
        rest.to_lowercase()
    } else {
        rest.to_string()
    };
    first.to_uppercase().chain(rest.chars()).collect()
}

/// A word as a title writes it: an acronym in its spelling, else capitalized.
fn title_word(word: &Word) -> String {
    acronym(word.text).map_or_else(|| capitalized(word), str::to_string)
}

/// A display title (`x-ms-summary`) for a key or parameter name: `createdAt` → "Created At",
/// `employee_id` → "Employee ID", `HTTPStatus` → "HTTP Status", `@odata.nextLink` → "OData
/// Next Link", `FIRST_NAME` → "First Name". A name without letters or digits stays as it is.
pub fn title_of(name: &str) -> String {
    let words = words(name);
    if words.is_empty() {
        return name.to_string();
    }
    words.iter().map(title_word).collect::<Vec<_>>().join(" ")
}

/// A name in sentence case for an operation summary: `CreateTicket` → "Create ticket",
/// `getHTTPStatus` → "Get HTTP status", `list_user_ids` → "List user IDs". An identifier
/// without letters or digits stays as it is.
pub fn sentence_of(identifier: &str) -> String {
    let words = words(identifier);
    let mut written = Vec::with_capacity(words.len());
    for (index, word) in words.iter().enumerate() {
        written.push(match acronym(word.text) {
            Some(spelling) => spelling.to_string(),
            None if index == 0 => capitalized(&Word {
                text: word.text,
                shouted: true,
            }),
            None => word.text.to_lowercase(),
        });
    }
    if written.is_empty() {
        return identifier.to_string();
    }
    written.join(" ")
}

/// A one-sentence description for a parameter: `employeeId` → "The employee ID."
pub fn description_of(name: &str) -> String {
    let words: Vec<String> = words(name)
        .iter()
        .map(|word| acronym(word.text).map_or_else(|| word.text.to_lowercase(), str::to_string))
        .collect();
    if words.is_empty() {
        format!("The {name}.")
    } else {
        format!("The {}.", words.join(" "))
    }
}

/// PascalCase of an identifier written in any style: `get employee`, `get-employee`,
/// `get_employee`, `getEmployee`, `GET_EMPLOYEE` → `GetEmployee`. Capitals the identifier
/// wrote inside a word are kept (`getHTTPStatus` → `GetHTTPStatus`); a shouted word is
/// capitalized unless it is an acronym (`LIST_USER_IDS` → `ListUserIDs`). Only ASCII letters
/// and digits are kept, a leading digit gets an `N`, and a `_V2` revision suffix stays.
pub fn to_pascal_case(name: &str) -> String {
    let (stem, revision) = match name.rfind("_V") {
        Some(at) if name[at + 2..].chars().all(|c| c.is_ascii_digit()) && at + 2 < name.len() => {
            (&name[..at], &name[at..])
        }
        _ => (name, ""),
    };
    let mut out = String::with_capacity(name.len());
    for word in words(stem) {
        let written = match acronym(word.text) {
            Some(spelling) if word.shouted => spelling.to_string(),
            _ => capitalized(&word),
        };
        out.extend(written.chars().filter(char::is_ascii_alphanumeric));
    }
    if let Some(first) = out.chars().next().filter(char::is_ascii_lowercase) {
        out.replace_range(..1, &first.to_ascii_uppercase().to_string());
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

/// The suffix that names revision `revision` of an operation family in an operationId: `V2`.
/// Published connectors write it `GetItemsV2`, `GetItems_V2` or `SendSMSv3`; revision 1 is
/// usually the unsuffixed original (`GetItems`).
pub fn revision_suffix(revision: u64) -> String {
    format!("V{revision}")
}

/// Whether `operation_id` ends with the suffix of `revision`, in either case (`_v2` too), and
/// not as the tail of a longer number (`V12` is not revision 2).
pub fn has_revision_suffix(operation_id: &str, revision: u64) -> bool {
    let suffix = revision_suffix(revision);
    operation_id.len() > suffix.len()
        && operation_id
            .get(operation_id.len() - suffix.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(&suffix))
}

/// `operation_id` named for `revision`: a revision suffix it already ends with (`_V1`, `V3`)
/// gets the new number, keeping its `_`; otherwise `V<revision>` is appended
/// (`PdfOcr_V1` → `PdfOcr_V2`, `GetItems` → `GetItemsV2`).
pub fn with_revision_suffix(operation_id: &str, revision: u64) -> String {
    let stem = operation_id.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = match stem.strip_suffix(['V', 'v']) {
        Some(before) if stem.len() < operation_id.len() && !before.is_empty() => before,
        _ => operation_id,
    };
    format!("{stem}{}", revision_suffix(revision))
}

/// A JSON string literal for `value`, with quotes and escapes.
pub fn json_string(value: &str) -> String {
    serde_json::to_string(value).expect("strings always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One table for every name the tool writes: identifier, PascalCase, title, description.
    const NAMES: &[(&str, &str, &str, &str)] = &[
        (
            "Get Employee",
            "GetEmployee",
            "Get Employee",
            "The get employee.",
        ),
        (
            "get-employee.by/id",
            "GetEmployeeById",
            "Get Employee By ID",
            "The get employee by ID.",
        ),
        (
            "listContacts",
            "ListContacts",
            "List Contacts",
            "The list contacts.",
        ),
        (
            "GetItems_V2",
            "GetItems_V2",
            "Get Items V2",
            "The get items v2.",
        ),
        ("get_items", "GetItems", "Get Items", "The get items."),
        ("2fa check", "N2faCheck", "2fa Check", "The 2fa check."),
        (
            "GET_PROJECT_LIST",
            "GetProjectList",
            "Get Project List",
            "The get project list.",
        ),
        (
            "GET_PROJECT_LIST_V3",
            "GetProjectList_V3",
            "Get Project List V3",
            "The get project list v3.",
        ),
        (
            "LIST_USER_IDS",
            "ListUserIDs",
            "List User IDs",
            "The list user IDs.",
        ),
        (
            "employeeId",
            "EmployeeId",
            "Employee ID",
            "The employee ID.",
        ),
        ("userIp", "UserIp", "User IP", "The user IP."),
        ("user_ip", "UserIp", "User IP", "The user IP."),
        ("USER_IP", "UserIP", "User IP", "The user IP."),
        ("userIP", "UserIP", "User IP", "The user IP."),
        (
            "getHTTPStatus",
            "GetHTTPStatus",
            "Get HTTP Status",
            "The get HTTP status.",
        ),
        (
            "@odata.nextLink",
            "OdataNextLink",
            "OData Next Link",
            "The OData next link.",
        ),
        ("item_url", "ItemUrl", "Item URL", "The item URL."),
        ("API2Key", "API2Key", "API2 Key", "The api2 key."),
        ("address2", "Address2", "Address2", "The address2."),
        ("line1Text", "Line1Text", "Line1 Text", "The line1 text."),
        ("ÉtéDate", "TDate", "Été Date", "The été date."),
        ("createdAt", "CreatedAt", "Created At", "The created at."),
        ("first_name", "FirstName", "First Name", "The first name."),
        ("userID", "UserID", "User ID", "The user ID."),
        ("id", "Id", "ID", "The ID."),
        (
            "HTTPStatus",
            "HTTPStatus",
            "HTTP Status",
            "The HTTP status.",
        ),
        ("user-ids", "UserIds", "User IDs", "The user IDs."),
        (
            "already Spaced words",
            "AlreadySpacedWords",
            "Already Spaced Words",
            "The already spaced words.",
        ),
        ("x", "X", "X", "The x."),
        ("$", "Operation", "$", "The $."),
    ];

    /// Only `_V` and digits at the very end is a revision suffix.
    #[test]
    fn revision_suffixes_are_read_and_written_as_published_connectors_do() {
        assert!(has_revision_suffix("GetItemsV2", 2));
        assert!(has_revision_suffix("GetItems_V2", 2));
        assert!(has_revision_suffix("SendSMSv3", 3));
        assert!(!has_revision_suffix("GetItemsV12", 2));
        assert!(!has_revision_suffix("PdfOcr_V1", 2));
        assert!(!has_revision_suffix("V2", 2));
        assert!(!has_revision_suffix("GetItemsÉ", 2));
        assert_eq!(with_revision_suffix("PdfOcr_V1", 2), "PdfOcr_V2");
        assert_eq!(with_revision_suffix("incomingV3", 2), "incomingV2");
        assert_eq!(with_revision_suffix("GetItems", 2), "GetItemsV2");
        assert_eq!(
            with_revision_suffix("SignDocumentJob84", 2),
            "SignDocumentJob84V2"
        );
        assert_eq!(with_revision_suffix("V1", 2), "V1V2");
    }

    #[test]
    fn a_revision_suffix_is_v_and_digits() {
        assert_eq!(to_pascal_case("GetItems_V12"), "GetItems_V12");
        assert_eq!(to_pascal_case("get_VIP"), "GetVip");
        assert_eq!(to_pascal_case("get_V"), "GetV");
    }

    #[test]
    fn names_of_every_style() {
        for &(identifier, pascal, title, description) in NAMES {
            assert_eq!(
                to_pascal_case(identifier),
                pascal,
                "PascalCase of {identifier}"
            );
            assert_eq!(title_of(identifier), title, "title of {identifier}");
            assert_eq!(
                description_of(identifier),
                description,
                "description of {identifier}"
            );
        }
    }

    #[test]
    fn summaries_are_sentences() {
        assert_eq!(sentence_of("CreateTicket"), "Create ticket");
        assert_eq!(sentence_of("getHTTPStatus"), "Get HTTP status");
        assert_eq!(sentence_of("LIST_USER_IDS"), "List user IDs");
        assert_eq!(sentence_of("$"), "$");
    }

    #[test]
    fn words_split_at_humps_runs_and_separators() {
        let texts = |s| words(s).into_iter().map(|w| w.text).collect::<Vec<_>>();
        assert_eq!(texts("HTTPStatusCode"), ["HTTP", "Status", "Code"]);
        assert_eq!(texts("GET_PROJECT_LIST"), ["GET", "PROJECT", "LIST"]);
        assert_eq!(texts("user-ids"), ["user", "ids"]);
        assert_eq!(
            texts("already Spaced words"),
            ["already", "Spaced", "words"]
        );
        assert!(words("GET_X").iter().all(|w| w.shouted));
        assert!(!words("getHTTP").iter().any(|w| w.shouted));
    }

    #[test]
    fn closest_prefers_case_insensitive_then_distance() {
        let names = ["ListTables", "ListTablesV2", "GetRow"];
        assert_eq!(closest("listtables", names), Some("ListTables"));
        assert_eq!(closest("ListTable", names), Some("ListTables"));
        assert_eq!(closest("Something", names), None);
        // Within a third of the name's length: 3 edits are too many for 7 characters.
        assert_eq!(closest("ListTbl", ["ListTables"]), None);
        assert_eq!(closest("ListTbles", ["ListTables"]), Some("ListTables"));
        // An edit is a character, however many bytes it takes.
        assert_eq!(closest("abcd", ["abcd😀"]), Some("abcd😀"));
        assert_eq!(closest("abcdef", ["abcde😀😀"]), Some("abcde😀😀"));
        assert_eq!(closest("abcd", ["abcd😀😀"]), None);
        // The nearest wins; between equals, the first.
        assert_eq!(closest("abcdef", ["abcxyf", "abcdeg"]), Some("abcdeg"));
        assert_eq!(closest("abcdef", ["abcdex", "abcdey"]), Some("abcdex"));
    }
}
