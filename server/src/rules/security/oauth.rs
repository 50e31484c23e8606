//! Helpers shared by the OAuth and security rules: the redirect settings of every
//! `oAuthSettings` object, the consent service's URLs, edits that switch a parameter to
//! `GlobalPerConnector`, and JSON text for generated members laid out like the file.

use crate::diagnostic::Edit;
use crate::edit::json::{insert_member, remove_member, replace_value};
use crate::edit::names::json_string;
use crate::model::FileKind;
use crate::model::SourceFile;
use crate::model::api_properties::ApiProperties;
use crate::syntax::json::{JsonTree, NodeId, NodeKind, SyntaxErrorKind};
use crate::text::TextRange;

/// The shared redirect URI of `redirectMode: "Global"`.
pub(super) const GLOBAL_REDIRECT_URL: &str = "https://global.consent.azure-apim.net/redirect";
/// The shared redirect URI of Microsoft's test environment (certification asks to allow both).
const GLOBAL_TEST_REDIRECT_URL: &str = "https://global-test.consent.azure-apim.net/redirect";

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
        parsed.errors.iter().all(|e| {
            matches!(
                e.kind,
                SyntaxErrorKind::TrailingComma
                    | SyntaxErrorKind::MissingComma
                    | SyntaxErrorKind::ControlCharacter(_)
            )
        })
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
