use crate::diagnostic::{Edit, Fix, Severity};
use crate::edit::json::{indentation_at, line_ending};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `host` that is not a bare host name with an optional port: a scheme
    /// (`https://`), a path, whitespace, `{placeholders}` or other characters that the
    /// Swagger schema pattern `^[^{}/ :\\]+(?::\d+)?$` forbids.
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition ("The 'host' property, if present, must be
    /// a valid URI host without a scheme or path", `HostNameNotValid`), and paconn builds the
    /// backend URL as `schemes[0]://host + basePath`, so a scheme in `host` doubles up. When
    /// apiProperties.json has a `dynamichosturl` policy, the real host is set at run time and
    /// the finding is only a warning, but a valid placeholder host is still expected.
    ///
    /// ## Example
    /// ```json
    /// { "host": "https://api.contoso.com/v1", "schemes": ["https"] }
    /// ```
    ///
    /// ## Fix
    /// Split a URL into `host`, `basePath` (when there is none yet) and `schemes` (when there
    /// is none yet).
    ///
    /// ## Fix safety
    /// Unsafe. With a `dynamichosturl` policy the connector may run with this host today, and the
    /// split is a reading of the URL that someone should check.
    RULE {
        id: "host-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "host is not a bare host name",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["HostNameNotValid"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(member) = tree.member(swagger.root, "host") else {
        return;
    };
    let node = member.value;
    let dynamic_host = ctx
        .api_properties()
        .is_some_and(|properties| properties.has_policy("dynamichosturl"));
    let mut message = match tree.as_str(node) {
        None => "host must be a string holding a host name such as 'api.contoso.com'".to_string(),
        Some(host) => match problem(host) {
            None => return,
            Some(problem) => format!("host '{}' {problem}", excerpt(host)),
        },
    };
    if dynamic_host {
        message.push_str(
            "; the dynamichosturl policy sets the real host at run time, but the definition \
             still needs a valid placeholder such as 'contoso.example.com'",
        );
    }
    let fix = tree
        .as_str(node)
        .and_then(|host| split_fix(&file.text, swagger, member.key_range.start, node, host));
    let grades = sink.may_grade();
    let diagnostic = sink.at_value(file.kind, tree, node, message);
    if dynamic_host && grades {
        diagnostic.severity = Severity::Warning;
    }
    if let Some(fix) = fix {
        diagnostic.with_fix(fix);
    }
}

/// Why `host` is not a valid host, if it is not.
fn problem(host: &str) -> Option<&'static str> {
    if host.contains("://") {
        return Some("must be a host name without scheme or path");
    }
    if host.contains('/') {
        return Some("must be a host name without a path; put the path in basePath");
    }
    if host.trim().is_empty() {
        return Some("is empty; it must be a host name such as 'api.contoso.com'");
    }
    if host.chars().any(char::is_whitespace) {
        return Some("must be a host name without whitespace");
    }
    if host.contains(['{', '}']) {
        return Some("must be a host name without '{' or '}' placeholders");
    }
    if !is_valid_host(host) {
        return Some("must be a host name with an optional numeric port (no '\\' or extra ':')");
    }
    None
}

/// The Swagger 2.0 schema pattern for host: `^[^{}/ :\\]+(?::\d+)?$`.
fn is_valid_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '{' | '}' | '/' | ' ' | ':' | '\\') || c.is_whitespace())
}

/// Split `https://api.contoso.com/v1` into host, basePath and schemes.
fn split_fix(
    text: &str,
    swagger: &crate::model::swagger::Swagger,
    key_start: u32,
    node: crate::syntax::json::NodeId,
    value: &str,
) -> Option<Fix> {
    let tree = swagger.tree;
    let value = value.trim();
    let (scheme, rest) = match value.split_once("://") {
        Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
        None => (None, value),
    };
    let (host, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    if !is_valid_host(host) || path.contains(['?', '#', '{', '}']) {
        return None;
    }
    let base_path = path.trim_end_matches('/');
    let root = swagger.root;
    let mut new_text = json_string(host);
    let separator = if text[tree.range(root).as_usize()].contains('\n') {
        format!(",{}{}", line_ending(text), indentation_at(text, key_start))
    } else {
        ", ".to_string()
    };
    let mut parts = Vec::new();
    if !base_path.is_empty() {
        if tree.get(root, "basePath").is_some() {
            return None;
        }
        new_text.push_str(&format!(
            "{separator}\"basePath\": {}",
            json_string(base_path)
        ));
        parts.push("basePath");
    }
    if let Some(scheme) = scheme {
        if scheme != "https" && scheme != "http" {
            return None;
        }
        if tree.get(root, "schemes").is_none() {
            new_text.push_str(&format!(
                "{separator}\"schemes\": [{}]",
                json_string(&scheme)
            ));
            parts.push("schemes");
        }
    }
    let host = excerpt(host);
    let title = if parts.is_empty() {
        format!("Change host to '{host}'")
    } else {
        format!("Change host to '{host}' and add {}", parts.join(" and "))
    };
    Some(Fix::unsafe_(
        title,
        vec![Edit::replace(
            FileKind::ApiDefinition,
            tree.range(node),
            new_text,
        )],
    ))
}
