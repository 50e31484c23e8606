use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::model::api_properties::secret_values;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a credential written into apiProperties.json that looks real: an
    /// `oAuthSettings.clientSecret`, the `defaultValue` of a `securestring` connection
    /// parameter, or the literal value a policy sends in a header or query parameter named
    /// like a key, token, secret or authorization. Placeholders (`[[DUMMY]]`, `<client
    /// secret>`, `YOUR_SECRET`), empty values and policy expressions such as
    /// `@connectionParameters('api_key')` are fine. connector-ls never prints the value.
    ///
    /// ## Why
    /// Connector folders are committed and shared (the public connector repository runs a
    /// credential scanner on every pull request). paconn takes the OAuth secret from
    /// `paconn create --secret`, and API keys belong in connection parameters, which users
    /// fill in when they create a connection.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": { "clientId": "[[DUMMY]]", "clientSecret": "8Qx7~pW2vK9…" }
    /// ```
    ///
    /// ## Fix
    /// Remove the member, and revoke the secret, since it has been exposed.
    ///
    /// ## Fix safety
    /// Unsafe. The connector or its policy stops sending the credential: supply it another way
    /// (`paconn create --secret`, a connection parameter) first.
    RULE {
        id: "secret-committed",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A real-looking secret is committed in apiProperties.json",
        reference: Some(links::PACONN),
        check: check,
    }
}

/// A value that is probably a real credential rather than a placeholder: long, without
/// spaces, mixing letters and digits, varied, and not written as a placeholder or expression.
pub(crate) fn looks_real(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    let placeholder = value.starts_with(['<', '[', '{', '@', '$'])
        || value.contains("@connectionParameters")
        || [
            "your",
            "dummy",
            "placeholder",
            "example",
            "secret",
            "xxxx",
            "****",
            "value-from",
        ]
        .iter()
        .any(|word| lower.contains(word));
    let letters = value.chars().any(|c| c.is_ascii_alphabetic());
    let digits = value.chars().any(|c| c.is_ascii_digit());
    let mut distinct: Vec<char> = value.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    !placeholder
        && value.len() >= 12
        && !value.contains(char::is_whitespace)
        && letters
        && digits
        && distinct.len() >= 8
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(properties) = ctx.api_properties() else {
        return;
    };
    let tree = properties.tree;
    for node in secret_values(tree) {
        let value = tree.as_str(node).unwrap_or_default();
        if !looks_real(value) {
            continue;
        }
        let Some(member) = tree.member_of(node) else {
            continue;
        };
        let what = match &*member.key {
            "clientSecret" => "oAuthSettings.clientSecret",
            "defaultValue" => "the default value of a securestring connection parameter",
            _ => "the value this policy sends as a credential",
        };
        let message = format!(
            "{what} looks like a real secret; remove it from the file (and revoke it): pass OAuth secrets with `paconn create --secret` and let users enter keys in connection parameters"
        );
        let diagnostic = sink.at_value(FileKind::ApiProperties, tree, node, message);
        if let Some(object) = tree.parent(node)
            && let Some(index) = tree.members(object).iter().position(|m| m.value == node)
        {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Remove '{}'", member.key),
                vec![remove_member(FileKind::ApiProperties, tree, object, index)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::looks_real;

    #[test]
    fn placeholders_are_not_real() {
        for placeholder in [
            "[[DUMMY]]",
            "<Enter client secret>",
            "YOUR_CLIENT_SECRET",
            "Value-From-Your-App-Registration",
            "test",
            "@connectionParameters('api_key')",
            "Bearer @connectionParameters('token')",
            "",
        ] {
            assert!(!looks_real(placeholder), "{placeholder}");
        }
        for real in [
            "8Qx7~pW2vK9mN4bL6cR1",
            "a1b2c3d4e5f6g7h8i9j0",
            "sk_live_51HxQ2eK8r9T",
        ] {
            assert!(looks_real(real), "{real}");
        }
    }
}
