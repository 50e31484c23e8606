//! Helpers shared by the OAuth and security rules: the redirect settings of every
//! `oAuthSettings` object, the consent service's URLs, edits that switch a parameter to
//! `GlobalPerConnector`, and JSON text for generated members laid out like the file.

use crate::diagnostic::Edit;
use crate::model::FileKind;
use crate::model::SourceFile;
use crate::model::api_properties::ApiProperties;
use crate::rules::edits::{
    indentation_at, insert_member, line_ending, remove_member, replace_value,
};
use crate::rules::names::json_string;
use crate::syntax::json::{JsonTree, NodeId, NodeKind, SyntaxErrorKind};
use crate::text::TextRange;

/// The shared redirect URI of `redirectMode: "Global"`.
pub(super) const GLOBAL_REDIRECT_URL: &str = "https://global.consent.azure-apim.net/redirect";
/// The shared redirect URI of Microsoft's test environment (certification asks to allow both).
const GLOBAL_TEST_REDIRECT_URL: &str = "https://global-test.consent.azure-apim.net/redirect";

/// The values `redirectMode` accepts, in their only valid spelling.
pub(super) const REDIRECT_MODES: [&str; 3] = ["Global", "GlobalPerConnector", "Direct"];

/// What a user must do after switching to `GlobalPerConnector`, for fix titles.
pub(super) const FOLLOW_UP: &str = "after the next import, copy the redirect URL shown on the connector's Security tab into the OAuth app registration";

/// One `oAuthSettings` object and its redirect members.
pub(super) struct OAuthSite {
    /// The `oAuthSettings` object.
    pub settings: NodeId,
    /// The value of `redirectMode`, if the member exists.
    pub mode: Option<NodeId>,
    /// The value of `redirectUrl`, if the member exists.
    pub url: Option<NodeId>,
}

/// What `redirectUrl` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Url<'a> {
    Absent,
    /// `""`, only whitespace, or `null`.
    Empty,
    Text(&'a str),
    /// A number, boolean, array or object.
    NotString,
}

impl OAuthSite {
    /// The string value of `redirectMode`.
    pub fn mode_str<'a>(&self, tree: &'a JsonTree) -> Option<&'a str> {
        self.mode.and_then(|m| tree.as_str(m))
    }

    /// Whether `redirectMode` is `mode`, ignoring case.
    pub fn mode_is(&self, tree: &JsonTree, mode: &str) -> bool {
        self.mode_str(tree)
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(mode))
    }

    pub fn url<'a>(&self, tree: &'a JsonTree) -> Url<'a> {
        let Some(url) = self.url else {
            return Url::Absent;
        };
        match tree.kind(url) {
            NodeKind::String(s) if s.trim().is_empty() => Url::Empty,
            NodeKind::String(s) => Url::Text(s),
            NodeKind::Null => Url::Empty,
            _ => Url::NotString,
        }
    }
}

/// Every `oAuthSettings` object of the connection parameters, including those of
/// `connectionParameterSets`.
pub(super) fn sites(properties: &ApiProperties) -> Vec<OAuthSite> {
    let tree = properties.tree;
    properties
        .oauth_settings()
        .map(|(_, settings)| OAuthSite {
            settings,
            mode: tree.get(settings, "redirectMode"),
            url: tree.get(settings, "redirectUrl"),
        })
        .collect()
}

/// Whether a URL is one of the consent service's shared redirect URIs.
pub(super) fn is_shared_redirect_url(url: &str) -> bool {
    let url = url.trim().trim_end_matches('/');
    url.eq_ignore_ascii_case(GLOBAL_REDIRECT_URL)
        || url.eq_ignore_ascii_case(GLOBAL_TEST_REDIRECT_URL)
}

/// Whether a syntax error of the file touches `range`: members the parser could not
/// recover may be missing there, so "missing member" findings would be guesses.
pub(super) fn has_syntax_error_in(file: &SourceFile, range: TextRange) -> bool {
    file.json.as_ref().is_some_and(|parsed| {
        parsed
            .errors
            .iter()
            .any(|e| e.range.start < range.end && range.start <= e.range.end)
    })
}

/// Whether the parser recovered the whole file: every syntax error, if any, has a mechanical
/// repair (trailing or missing comma, raw control character) that loses nothing.
pub(super) fn is_intact(file: &SourceFile) -> bool {
    file.json.as_ref().is_some_and(|parsed| {
        parsed
            .errors
            .iter()
            .all(|e| e.kind != SyntaxErrorKind::Other)
    })
}

/// The index of the member `key` of `object` (the last one, as JSON consumers read it).
pub(super) fn member_index(tree: &JsonTree, object: NodeId, key: &str) -> Option<usize> {
    tree.members(object).iter().rposition(|m| &*m.key == key)
}

/// The edits that make a site use `"redirectMode": "GlobalPerConnector"` without a
/// `redirectUrl`: the mode is set or inserted and the URL removed. When only a URL exists its
/// member is rewritten in place, so no two edits touch the same place.
pub(super) fn set_per_connector(file: &SourceFile, tree: &JsonTree, site: &OAuthSite) -> Vec<Edit> {
    let kind = FileKind::ApiProperties;
    let mode_json = json_string("GlobalPerConnector");
    let url_index = member_index(tree, site.settings, "redirectUrl");
    match (site.mode, url_index) {
        (Some(mode), url) => {
            let mut edits = vec![replace_value(kind, tree, mode, &mode_json)];
            if let Some(index) = url {
                edits.push(remove_member(kind, tree, site.settings, index));
            }
            edits
        }
        (None, Some(index)) => {
            let member = &tree.members(site.settings)[index];
            let range = TextRange::new(member.key_range.start, tree.range(member.value).end);
            vec![Edit::replace(
                kind,
                range,
                format!("{}: {mode_json}", json_string("redirectMode")),
            )]
        }
        (None, None) => vec![insert_member(
            kind,
            &file.text,
            tree,
            site.settings,
            "redirectMode",
            &mode_json,
        )],
    }
}

/// A JSON value to generate, with members in the order they are written.
pub(super) enum Json {
    Str(String),
    /// A literal such as `true`, `2` or `{}`.
    Raw(&'static str),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    pub fn object(members: Vec<(&str, Json)>) -> Json {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    fn is_scalar(&self) -> bool {
        matches!(self, Json::Str(_) | Json::Raw(_))
    }

    fn write(&self, out: &mut String, layout: &Layout, depth: usize) {
        match self {
            Json::Str(text) => out.push_str(&json_string(text)),
            Json::Raw(text) => out.push_str(text),
            Json::Array(items) => {
                // Lists of scalars stay on one line, as connector files usually write them.
                if items.iter().all(Json::is_scalar) || layout.pretty.is_none() {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        item.write(out, layout, depth);
                    }
                    out.push(']');
                } else {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(if i > 0 { "," } else { "" });
                        layout.newline(out, depth + 1);
                        item.write(out, layout, depth + 1);
                    }
                    layout.newline(out, depth);
                    out.push(']');
                }
            }
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if layout.pretty.is_some() {
                        layout.newline(out, depth + 1);
                    } else if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(&json_string(key));
                    out.push_str(": ");
                    value.write(out, layout, depth + 1);
                }
                if layout.pretty.is_some() {
                    layout.newline(out, depth);
                }
                out.push('}');
            }
        }
    }
}

/// How generated JSON is laid out: one line, or one member per line with the file's
/// indentation unit and line ending, starting from the indentation of the new member.
struct Layout {
    /// `(base indentation, unit, line ending)`.
    pretty: Option<(String, String, &'static str)>,
}

impl Layout {
    fn newline(&self, out: &mut String, depth: usize) {
        if let Some((base, unit, eol)) = &self.pretty {
            out.push_str(eol);
            out.push_str(base);
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
    }
}

/// One level of indentation as the file writes it (guessed from the first indented line).
fn indent_unit(text: &str) -> &str {
    text.lines()
        .map(|line| &line[..line.len() - line.trim_start_matches([' ', '\t']).len()])
        .find(|indent| !indent.is_empty())
        .unwrap_or("  ")
}

/// The layout of members added to `object`, matching what `insert_member` does.
fn layout_for(text: &str, tree: &JsonTree, object: NodeId) -> Layout {
    let range = tree.range(object);
    match tree.members(object).last() {
        Some(last) if text[range.as_usize()].contains('\n') => Layout {
            pretty: Some((
                indentation_at(text, last.key_range.start).to_string(),
                indent_unit(text).to_string(),
                line_ending(text),
            )),
        },
        Some(_) => Layout { pretty: None },
        None => Layout {
            pretty: Some((
                format!("{}{}", indentation_at(text, range.start), indent_unit(text)),
                indent_unit(text).to_string(),
                line_ending(text),
            )),
        },
    }
}

/// Insert members as the last members of `object`, in one edit.
pub(super) fn insert_members(
    kind: FileKind,
    text: &str,
    tree: &JsonTree,
    object: NodeId,
    members: &[(String, Json)],
) -> Option<Edit> {
    let ((first_key, first_value), rest) = members.split_first()?;
    let layout = layout_for(text, tree, object);
    let mut value = String::new();
    first_value.write(&mut value, &layout, 0);
    for (key, member_value) in rest {
        value.push(',');
        match &layout.pretty {
            Some(_) => layout.newline(&mut value, 0),
            None => value.push(' '),
        }
        value.push_str(&json_string(key));
        value.push_str(": ");
        member_value.write(&mut value, &layout, 0);
    }
    Some(insert_member(kind, text, tree, object, first_key, &value))
}

/// A name for a new member of `object`: `base`, else `base_2`, `base_3`…
pub(super) fn free_key(tree: &JsonTree, object: NodeId, base: &str) -> String {
    let taken = |key: &str| tree.members(object).iter().any(|m| &*m.key == key);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|key| !taken(key))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range.as_usize(), &edit.new_text);
        out
    }

    fn sample() -> Vec<(String, Json)> {
        vec![
            (
                "api_key".into(),
                Json::object(vec![
                    ("type", Json::str("securestring")),
                    ("scopes", Json::Array(vec![Json::str("a"), Json::str("b")])),
                    ("empty", Json::Raw("{}")),
                ]),
            ),
            ("flag".into(), Json::Raw("true")),
        ]
    }

    #[test]
    fn inserts_pretty_members_with_the_file_layout() {
        let text = "{\r\n  \"p\": {\r\n    \"a\": 1\r\n  }\r\n}";
        let parsed = parse(text);
        let p = parsed
            .tree
            .path(parsed.tree.root().unwrap(), &["p"])
            .unwrap();
        let edit =
            insert_members(FileKind::ApiProperties, text, &parsed.tree, p, &sample()).unwrap();
        let fixed = apply(text, &edit);
        assert_eq!(
            fixed,
            "{\r\n  \"p\": {\r\n    \"a\": 1,\r\n    \"api_key\": {\r\n      \"type\": \"securestring\",\r\n      \"scopes\": [\"a\", \"b\"],\r\n      \"empty\": {}\r\n    },\r\n    \"flag\": true\r\n  }\r\n}"
        );
        assert!(parse(&fixed).errors.is_empty());
    }

    #[test]
    fn inserts_into_empty_and_one_line_objects() {
        for text in ["{\n  \"p\": {}\n}", "{\"p\": {\"a\": 1}}"] {
            let parsed = parse(text);
            let p = parsed
                .tree
                .path(parsed.tree.root().unwrap(), &["p"])
                .unwrap();
            let edit =
                insert_members(FileKind::ApiProperties, text, &parsed.tree, p, &sample()).unwrap();
            let fixed = apply(text, &edit);
            assert!(parse(&fixed).errors.is_empty(), "{fixed}");
            assert!(fixed.contains("\"flag\": true"));
        }
    }

    #[test]
    fn shared_redirect_urls() {
        assert!(is_shared_redirect_url(
            "https://global.consent.azure-apim.net/redirect/"
        ));
        assert!(!is_shared_redirect_url(
            "https://global.consent.azure-apim.net/redirect/contoso-1234"
        ));
    }
}
