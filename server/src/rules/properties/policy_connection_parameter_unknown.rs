use crate::diagnostic::Severity;
use crate::edit::names::{closest, did_you_mean};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeKind;
use crate::text::{TextRange, excerpt};

declare_rule! {
    /// ## What it does
    /// Reports `@connectionParameters('name')` in a policy template's parameters when the
    /// connector has no connection parameter of that name.
    ///
    /// ## Why
    /// The platform fills the expression from the connection when it runs the policy; a name
    /// no connection parameter has leaves nothing to fill, and every request the policy applies
    /// to fails (a host URL, a header, a path built from it). Names are matched regardless of
    /// case: eight published connectors differ from their parameters only in case and work.
    /// With a default value (`@connectionParameters('name', 'default')`) the policy still runs:
    /// a warning.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('subdomian').contoso.com"
    /// ```
    ///
    /// ## Fix
    /// Name an existing connection parameter (the closest is suggested), or declare the
    /// parameter. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix: which parameter was meant is the author's call.
    RULE {
        id: "policy-connection-parameter-unknown",
        severity: Error,
        file: Some(FileKind::ApiProperties),
        summary: "A policy template uses a connection parameter that does not exist",
        reference: Some(links::POLICIES),
        check: check,
    }
}

const CALL: &str = "@connectionParameters(";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    let names: Vec<&str> = properties
        .connection_parameters
        .iter()
        .map(|p| p.name)
        .collect();
    let exists = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    for &instance in properties.policy_instances() {
        let Some(parameters) = tree.get(instance, "parameters") else {
            continue;
        };
        for member in tree.members(parameters) {
            if !matches!(tree.kind(member.value), NodeKind::String(_)) {
                continue;
            }
            // The raw text, so that the ranges are the file's (names are plain ASCII).
            let range = tree.range(member.value);
            let raw = &file.text[range.as_usize()];
            let mut at = 0;
            while let Some(found) = raw[at..].find(CALL) {
                let start = at + found + CALL.len();
                at = start;
                let rest = &raw[start..];
                let quote = rest.trim_start().chars().next();
                let Some(quote @ ('\'' | '"')) = quote else {
                    continue;
                };
                let open = start + rest.find(quote).unwrap_or_default() + 1;
                let Some(length) = raw[open..].find(quote) else {
                    continue;
                };
                let name = &raw[open..open + length];
                if exists(name) {
                    continue;
                }
                let after = raw[open + length + 1..].trim_start();
                let has_default = after.starts_with(',');
                let message = format!(
                    "The policy uses the connection parameter '{}', which the connector does not have: {}{}",
                    excerpt(name),
                    match has_default {
                        true => "its default value is used on every request",
                        false => "the requests this policy applies to fail",
                    },
                    did_you_mean(closest(name, names.iter().copied()))
                );
                let name_range = TextRange::new(
                    range.start + open as u32,
                    range.start + (open + length) as u32,
                );
                let lower = sink.may_grade() && has_default;
                let pointer = tree.pointer(member.value);
                let diagnostic = sink.report(FileKind::ApiProperties, name_range, pointer, message);
                if lower {
                    diagnostic.severity = Severity::Warning;
                }
            }
        }
    }
}
