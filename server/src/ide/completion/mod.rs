//! Completion candidates at an offset of a connector file (keys, values, snippets).
//!
//! The cursor's context comes from a forward lexical scan of the text up to the cursor
//! ([`cursor_context`]): it tracks the open objects and arrays, the last key of each object
//! and the index of each array, the way the recovering parser does, so it works on a document
//! that is half typed and invalid (an unterminated string, a missing value or comma, a file
//! cut short). The scan gives the path of keys and indices to the enclosing container and
//! whether a key, a value or an array item is being typed; the parsed tree, looked up by that
//! path, gives the keys already present and the sibling values (the `operationId` of an
//! `x-ms-dynamic-values`, the `templateId` of a policy). Candidates are plain data with byte
//! ranges; `lsp/convert.rs` turns them into protocol items.
//!
//! [`cursor`] finds the cursor's context, `candidates` builds the candidates of JSON files from
//! the vocabulary and the connector, [`snippets`] writes their snippet text, and `script`
//! completes operationIds in script.csx.

use crate::model::{Connector, FileKind};
use crate::text::TextRange;

mod candidates;
pub mod cursor;
mod script;
pub mod snippets;

use cursor::scan_string;
pub use cursor::{CursorContext, cursor_context, resolve_path};
use snippets::snippet_to_plain;

/// What a candidate is, for the editor's icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    Property,
    Value,
    EnumMember,
    Snippet,
    Operation,
    Reference,
    File,
    Keyword,
}

/// One completion candidate, in byte offsets of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub kind: CandidateKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The text that replaces `range`: LSP snippet syntax when `snippet` is true.
    pub insert: String,
    pub snippet: bool,
    /// The text the editor matches what was typed against (from the start of `range`).
    pub filter: Option<String>,
    /// What the insertion replaces (LSP's replace range). Inside a string it stays between the
    /// quotes, see [`fit_inside_string`].
    pub range: TextRange,
    /// Other edits: a comma that the insertion needs after the previous member, for instance.
    pub additional: Vec<(TextRange, String)>,
    pub sort: String,
}

impl Candidate {
    /// The insertion without snippet syntax, for clients that do not support snippets.
    pub fn plain_insert(&self) -> String {
        if self.snippet {
            snippet_to_plain(&self.insert)
        } else {
            self.insert.clone()
        }
    }

    /// LSP's insert range: the part of `range` before the cursor at `cursor`, for an editor
    /// that keeps the text after the cursor.
    pub fn insert_range(&self, cursor: u32) -> TextRange {
        let end = cursor.clamp(self.range.start, self.range.end);
        TextRange::new(self.range.start, end)
    }
}

/// What is being typed at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Nothing yet: the file is empty or has no root value.
    Root,
    /// A key of the enclosing object.
    Key,
    /// The value of this key of the enclosing object.
    Value(String),
    /// The item at this index of the enclosing array.
    Item(usize),
}

/// Completion candidates at `offset` in the connector file of this kind.
pub fn complete(connector: &Connector, kind: FileKind, offset: u32) -> Vec<Candidate> {
    let Some(file) = connector.file(kind) else {
        return Vec::new();
    };
    match kind {
        FileKind::Script => script::complete_script(connector, file, offset),
        _ => candidates::complete_json(connector, kind, file, offset),
    }
}

/// Candidates are built to replace the whole token at the cursor; inside a string, the edit
/// is moved between its quotes. Editors do not agree on the text after the cursor: Neovim
/// 0.11 replaces from the start of the range to the cursor and keeps the rest, whatever the
/// range's end says, so an edit over `""` that brings its own quotes leaves one behind
/// (`"ListItems"",`). So the quotes already typed stay where they are: the edit starts after
/// the opening quote and, when the string is closed, ends before the closing one and puts
/// only the string's content (a value, or a key's name: its colon and value would have to go
/// after the closing quote). So in a closed string, a candidate that is not a string value or
/// a key (a literal, an object, a whole structure) is left out; after a lone opening quote,
/// so is a candidate that does not start with a quote.
fn fit_inside_string(mut candidate: Candidate, cursor: &CursorContext) -> Option<Candidate> {
    if !cursor.quoted {
        return Some(candidate);
    }
    let rest = candidate.insert.strip_prefix('"')?;
    let content_start = cursor.replace.start + 1;
    if cursor.closed {
        // The end of the inserted string's content: its closing quote.
        let (end, closed) = scan_string(candidate.insert.as_bytes(), 0);
        if !closed {
            return None;
        }
        let after = &candidate.insert[end..];
        let is_key = candidate.kind == CandidateKind::Property && cursor.role == Role::Key;
        if !(is_key || after.is_empty() || after == ",") {
            return None;
        }
        candidate.insert = candidate.insert[1..end - 1].to_string();
        candidate.range = TextRange::new(content_start, cursor.replace.end - 1);
    } else {
        candidate.insert = rest.to_string();
        candidate.range = TextRange::new(content_start, cursor.replace.end);
    }
    // The editor matches what is typed after the opening quote.
    candidate.filter = candidate.filter.map(|filter| {
        let filter = filter.strip_prefix('"').unwrap_or(&filter);
        filter.strip_suffix('"').unwrap_or(filter).to_string()
    });
    Some(candidate)
}

#[cfg(test)]
mod tests {
    use super::snippets::{escape_snippet, reindent};
    use super::*;
    use crate::model::SourceFile;
    use crate::vocabulary::Seg;
    use std::path::PathBuf;

    /// A text with `$0` marking the cursor.
    fn at(marked: &str) -> (String, u32) {
        let offset = marked.find("$0").expect("a cursor marker");
        (marked.replacen("$0", "", 1), offset as u32)
    }

    fn context(marked: &str) -> CursorContext {
        let (text, offset) = at(marked);
        cursor_context(&text, offset).expect("a context")
    }

    fn keys(path: &[Seg]) -> Vec<String> {
        path.iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            })
            .collect()
    }

    fn connector(kind: FileKind, text: &str) -> Connector {
        let file =
            SourceFile::from_text(kind, PathBuf::from(kind.default_name()), text.to_string());
        Connector::from_files(PathBuf::from("/c"), vec![file], Vec::new())
    }

    fn labels(kind: FileKind, marked: &str) -> Vec<String> {
        let (text, offset) = at(marked);
        complete(&connector(kind, &text), kind, offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn key_position_in_an_unterminated_key() {
        let found = context("{\"info\": {\"ti$0\n}}");
        assert_eq!(keys(&found.path), ["info"]);
        assert_eq!(found.role, Role::Key);
        assert!(found.quoted);
        assert_eq!(found.replace, TextRange::new(10, 13));
    }

    #[test]
    fn value_position_after_a_colon_and_in_a_string() {
        let found = context("{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"in\": $0");
        assert_eq!(keys(&found.path), ["paths", "/a", "get", "parameters", "0"]);
        assert_eq!(found.role, Role::Value("in".into()));
        let found = context("{\"x\": [1, 2, {\"a\": \"b\"}, {\"in\": \"q$0\"}]}");
        assert_eq!(keys(&found.path), ["x", "3"]);
        assert_eq!(found.role, Role::Value("in".into()));
        assert_eq!(found.replace.len(), 3);
    }

    #[test]
    fn item_position_and_missing_comma() {
        let found = context("{\"schemes\": [\"https\" $0]}");
        assert_eq!(found.role, Role::Item(1));
        assert_eq!(found.missing_comma, Some(20));
        let found = context("{\"a\": 1\n$0}");
        assert_eq!(found.role, Role::Key);
        assert_eq!(found.missing_comma, Some(7));
    }

    #[test]
    fn strings_with_escapes_and_brackets_do_not_confuse_the_scan() {
        let found = context("{\"a\\\"{[\": {\"b\": \"}]\", $0");
        assert_eq!(keys(&found.path), ["a\"{["]);
        assert_eq!(found.role, Role::Key);
    }

    #[test]
    fn mismatched_brackets_close_like_the_parser() {
        let found = context("{\"a\": [1, {\"b\": 2]\n, $0");
        assert!(found.path.is_empty(), "{:?}", found.path);
        assert_eq!(found.role, Role::Key);
    }

    #[test]
    fn nothing_inside_comments_or_after_the_root() {
        let (text, offset) = at("{\"a\": 1 // note $0\n}");
        assert_eq!(cursor_context(&text, offset), None);
        let (text, offset) = at("{\"a\": 1}\n$0");
        assert_eq!(cursor_context(&text, offset), None);
    }

    #[test]
    fn query_string_variables_are_not_offered_as_path_parameters() {
        let found = labels(
            FileKind::ApiDefinition,
            "{\"swagger\": \"2.0\", \"paths\": {\"/d/{id}?active={active}\": {\"get\": {\"parameters\": [$0]}}}}",
        );
        assert!(
            found.contains(&"path parameter id".to_string()),
            "{found:?}"
        );
        assert!(!found.iter().any(|l| l.contains("active")), "{found:?}");
    }

    #[test]
    fn present_keys_are_not_offered_again() {
        let found = labels(
            FileKind::ApiDefinition,
            "{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\", \"$0\"}}",
        );
        assert!(found.contains(&"description".to_string()), "{found:?}");
        assert!(!found.contains(&"title".to_string()), "{found:?}");
    }

    #[test]
    fn parameter_keys_follow_in() {
        let base =
            "{\"paths\": {\"/a/{id}\": {\"get\": {\"parameters\": [{\"in\": \"path\", $0}]}}}}";
        let found = labels(FileKind::ApiDefinition, base);
        assert!(found.contains(&"x-ms-url-encoding".to_string()));
        assert!(!found.contains(&"schema".to_string()));
        let body = base.replace("\"path\"", "\"body\"");
        let found = labels(FileKind::ApiDefinition, &body);
        assert!(found.contains(&"schema".to_string()));
        assert!(!found.contains(&"x-ms-url-encoding".to_string()));
    }

    #[test]
    fn enum_values_and_redirect_modes() {
        let found = labels(
            FileKind::ApiProperties,
            "{\"properties\": {\"connectionParameters\": {\"token\": {\"oAuthSettings\": {\"redirectMode\": \"$0\"}}}}}",
        );
        assert_eq!(found, ["GlobalPerConnector", "Global", "Direct"]);
    }

    #[test]
    fn inside_a_string_only_what_fits_between_its_quotes() {
        let required =
            "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"in\": \"query\", \"required\": ";
        // A boolean is offered on an empty value, not inside a string.
        let found = labels(FileKind::ApiDefinition, &format!("{required}$0}}]}}}}}}}}"));
        assert_eq!(found, ["true", "false"]);
        let found = labels(
            FileKind::ApiDefinition,
            &format!("{required}\"$0\"}}]}}}}}}}}"),
        );
        assert!(found.is_empty(), "{found:?}");
        // A whole path item is offered after a lone opening quote, not inside `""`.
        let paths = "{\"swagger\": \"2.0\", \"paths\": {";
        let found = labels(FileKind::ApiDefinition, &format!("{paths}\"$0\n}}}}"));
        assert!(
            found.contains(&"path with a GET operation".to_string()),
            "{found:?}"
        );
        let found = labels(FileKind::ApiDefinition, &format!("{paths}\"$0\"}}}}"));
        assert!(found.is_empty(), "{found:?}");
        // Inside `""` the edit covers the content only, and a value loses its quotes.
        let (text, offset) = at("{\"schemes\": [\"ht$0\"]}");
        let kind = FileKind::ApiDefinition;
        let found = complete(&connector(kind, &text), kind, offset);
        let https = found.iter().find(|c| c.label == "https").expect("https");
        assert_eq!(
            (https.insert.as_str(), https.range),
            ("https", TextRange::new(14, 16))
        );
        assert_eq!(https.insert_range(offset), TextRange::new(14, 16));
    }

    #[test]
    fn security_requirements_offer_the_security_definitions() {
        let found = labels(
            FileKind::ApiDefinition,
            "{\"securityDefinitions\": {\"oauth\": {\"type\": \"oauth2\"}, \"key\": {\"type\": \"apiKey\"}}, \"security\": [{\"key\": [], $0}]}",
        );
        assert_eq!(found, ["oauth"]);
    }

    #[test]
    fn an_empty_file_gets_a_skeleton() {
        let (text, offset) = at("$0");
        let found = complete(
            &connector(FileKind::ApiDefinition, &text),
            FileKind::ApiDefinition,
            offset,
        );
        assert_eq!(found.len(), 1);
        let plain = found[0].plain_insert();
        let value: serde_json::Value = serde_json::from_str(&plain).expect(&plain);
        assert_eq!(value["swagger"], "2.0");
        let (text, offset) = at("  $0\n");
        let found = complete(
            &connector(FileKind::ApiProperties, &text),
            FileKind::ApiProperties,
            offset,
        );
        assert_eq!(found[0].label, "apiProperties");
    }

    #[test]
    fn schema_required_offers_the_property_names_not_yet_listed() {
        let found = labels(
            FileKind::ApiDefinition,
            "{\"definitions\": {\"A\": {\"properties\": {\"id\": {}, \"name\": {}, \"tags\": {}}, \"required\": [\"id\", $0]}}}",
        );
        assert_eq!(found, ["name", "tags"]);
    }

    #[test]
    fn snippet_text_becomes_plain_text() {
        assert_eq!(snippet_to_plain("\"a\": \"${1|x,y|}\""), "\"a\": \"x\"");
        assert_eq!(
            snippet_to_plain("{\"\\$ref\": \"${1:#/x}\"}$0"),
            "{\"$ref\": \"#/x\"}"
        );
        assert_eq!(snippet_to_plain("[$1] ${2:a\\}b}"), "[] a}b");
        assert_eq!(escape_snippet("$x}"), "\\$x\\}");
    }

    #[test]
    fn multi_line_snippets_follow_the_file_indentation() {
        assert_eq!(
            reindent("{\n\t\"a\": 1\n}", "    ", "  "),
            "{\n      \"a\": 1\n    }"
        );
        assert_eq!(crate::edit::json::indent_unit("{\n    \"a\": 1\n}"), "    ");
        assert_eq!(crate::edit::json::indent_unit("{\n\t\"a\": 1\n}"), "\t");
    }
}
