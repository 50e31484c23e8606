use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::{closest, did_you_mean, json_string};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Checks the security requirements of the definition, at the root and on operations
    /// (`"security": [{"oauth2": ["scope"]}]`), against `securityDefinitions`: each name
    /// must be a defined scheme, each value must be an array, an `apiKey` or `basic`
    /// requirement must list no scopes, and the scopes of an `oauth2` requirement must be
    /// declared in the scheme's `scopes`.
    ///
    /// ## Why
    /// The platform signs requests by the scheme a requirement names; a requirement it
    /// cannot match to a scheme or whose value is malformed is rejected by Microsoft's
    /// validator (`SecurityRequirementMustBeDefined`, `SecurityRequirementMustHaveValue`,
    /// `SecurityRequirementMustHaveEmptyValue`,
    /// `OAuthSecurityRequirementValueMustBeScopeName`).
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-Key", "in": "header" } },
    /// "security": [{ "apiKey": [] }]
    /// ```
    ///
    /// ## Fix
    /// Rename an undefined requirement to the closest defined scheme; replace a missing
    /// value, or the scopes of an `apiKey` or `basic` requirement, with `[]`.
    ///
    /// ## Fix safety
    /// `[]` is safe: only OAuth 2.0 has scopes, so the list changes nothing for the other
    /// schemes, and a requirement without a list is rejected as written. The rename is
    /// unsafe: the closest name is a guess.
    RULE {
        id: "security-requirement-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A security requirement names no defined scheme, or lists scopes it cannot have",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "SecurityRequirementMustBeDefined",
            "SecurityRequirementMustHaveValue",
            "SecurityRequirementMustHaveEmptyValue",
            "OAuthSecurityRequirementValueMustBeScopeName",
        ],
        certification: Error,
        check: check,
    }
}

const UNDEFINED: &str = "SecurityRequirementMustBeDefined";
const NO_VALUE: &str = "SecurityRequirementMustHaveValue";
const NOT_EMPTY: &str = "SecurityRequirementMustHaveEmptyValue";
const SCOPE: &str = "OAuthSecurityRequirementValueMustBeScopeName";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let definitions = tree.get(swagger.root, "securityDefinitions");
    let lists = std::iter::once(swagger.root)
        .chain(swagger.operations.iter().map(|op| op.node))
        .filter_map(|holder| tree.get(holder, "security"));
    for list in lists {
        for &requirement in tree.items(list) {
            for member in tree.members(requirement) {
                let scheme = definitions.and_then(|d| tree.get(d, &member.key));
                check_member(
                    tree,
                    sink,
                    definitions,
                    scheme,
                    &member.key,
                    member.key_range,
                    member.value,
                );
            }
        }
    }
}

fn check_member(
    tree: &JsonTree,
    sink: &mut Sink,
    definitions: Option<NodeId>,
    scheme: Option<NodeId>,
    name: &str,
    key_range: crate::text::TextRange,
    value: NodeId,
) {
    let file = FileKind::ApiDefinition;
    let Some(scheme) = scheme else {
        let names = definitions
            .map(|d| tree.members(d).iter().map(|m| &*m.key).collect::<Vec<_>>())
            .unwrap_or_default();
        let suggestion =
            closest(name, names.iter().copied()).or_else(|| (names.len() == 1).then(|| names[0]));
        let message = format!(
            "security requirement '{}' names no scheme of 'securityDefinitions'{}",
            excerpt(name),
            did_you_mean(suggestion)
        );
        let diagnostic = sink
            .report(file, key_range, tree.pointer(value), message)
            .with_validator(UNDEFINED);
        // Offered only when the requirement, renamed, is valid as it stands (its scopes fit
        // the scheme's kind).
        let fits = |name: &str| {
            definitions
                .and_then(|d| tree.get(d, name))
                .is_some_and(|scheme| requirement_fits(tree, scheme, value))
        };
        if let Some(suggestion) = suggestion.filter(|s| fits(s)) {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Rename to '{suggestion}'"),
                vec![crate::diagnostic::Edit::replace(
                    file,
                    key_range,
                    json_string(suggestion),
                )],
            ));
        }
        return;
    };
    if !tree.is_array(value) {
        let message = format!(
            "security requirement '{}' must be an array of scopes; write [] when it needs none",
            excerpt(name)
        );
        sink.at_value(file, tree, value, message)
            .with_validator(NO_VALUE)
            .with_fix(Fix::safe(
                "Replace with []",
                vec![replace_value(file, tree, value, "[]")],
            ));
        return;
    }
    let kind = tree.get_str(scheme, "type").unwrap_or("");
    if kind != "oauth2" {
        if !tree.items(value).is_empty() {
            let message = format!(
                "security requirement '{}' names a scheme of type '{}', which has no scopes; its list must be empty",
                excerpt(name),
                excerpt(kind)
            );
            sink.at_value(file, tree, value, message)
                .with_validator(NOT_EMPTY)
                .with_fix(Fix::safe(
                    "Replace with []",
                    vec![replace_value(file, tree, value, "[]")],
                ));
        }
        return;
    }
    let scopes = tree.get(scheme, "scopes");
    for &scope in tree.items(value) {
        let Some(text) = tree.as_str(scope) else {
            continue;
        };
        if scopes.is_some_and(|s| tree.get(s, text).is_some()) {
            continue;
        }
        let message = format!(
            "security requirement '{}' asks for scope '{}', which its scheme's 'scopes' does not declare",
            excerpt(name),
            excerpt(text)
        );
        sink.at_value(file, tree, scope, message)
            .with_validator(SCOPE);
    }
}

/// Whether a requirement's value is valid for `scheme`: an array, empty unless the scheme is
/// OAuth 2.0, whose scopes must all be declared.
fn requirement_fits(tree: &JsonTree, scheme: NodeId, value: NodeId) -> bool {
    if !tree.is_array(value) {
        return false;
    }
    let scopes = tree.get(scheme, "scopes");
    match tree.get_str(scheme, "type") {
        Some("oauth2") => tree.items(value).iter().all(|&scope| {
            tree.as_str(scope)
                .is_some_and(|text| scopes.is_some_and(|s| tree.get(s, text).is_some()))
        }),
        _ => tree.items(value).is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::requirement_fits;
    use crate::syntax::json::parse;

    #[test]
    fn a_requirement_fits_its_scheme_by_its_scopes() {
        let parsed = parse(
            r#"{"oauth": {"type": "oauth2", "scopes": {"read": ""}}, "key": {"type": "apiKey"},
                "values": [["read"], ["write"], [], "read"]}"#,
        );
        let tree = &parsed.tree;
        let root = tree.root().unwrap();
        let scheme = |name| tree.get(root, name).unwrap();
        let values = tree.items(tree.get(root, "values").unwrap());
        let fits = |name| -> Vec<bool> {
            let scheme = scheme(name);
            values
                .iter()
                .map(|&v| requirement_fits(tree, scheme, v))
                .collect()
        };
        // OAuth 2.0: declared scopes only; another kind: no scope at all; always an array.
        assert_eq!(fits("oauth"), [true, false, true, false]);
        assert_eq!(fits("key"), [false, false, true, false]);
    }
}
