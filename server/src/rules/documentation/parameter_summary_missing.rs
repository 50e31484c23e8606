use crate::diagnostic::Fix;
use crate::edit::json::{insert_member, replace_value};
use crate::edit::names::{json_string, title_of};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{has_text, parameter_range, visible_parameters};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a parameter makers fill in that has no `x-ms-summary`: not the body, not
    /// `"x-ms-visibility": "internal"`, of an operation that is not internal. A parameter
    /// shared through `#/parameters/…` is reported once, where it is defined.
    ///
    /// ## Why
    /// `x-ms-summary` is the parameter's display name in the designer; without it makers see
    /// the raw name (`teamId`). Microsoft's validator requires it for certification (`The
    /// 'x-ms-summary' property is required. ValuePath: /paths/…/parameters/0`), the most
    /// frequent comment on connector pull requests. The platform accepts a custom connector
    /// without it, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// { "name": "teamId", "in": "path", "required": true, "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Set `"x-ms-summary"` (added, or replacing a blank one) to the name in Title Case, words split at case changes and
    /// separators, acronyms kept (`teamId` → "Team ID", `page_size` → "Page Size").
    ///
    /// ## Fix safety
    /// Safe. The display name changes only what the designer shows; requests, and flows and
    /// apps that use the parameter, are the same.
    RULE {
        id: "parameter-summary-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A parameter has no x-ms-summary (its display name)",
        reference: Some(links::STRING_GUIDANCE),
        validator: ["RequiredPropertyMissing"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for parameter in visible_parameters(swagger) {
        if has_text(tree, parameter.node, "x-ms-summary") {
            continue;
        }
        let name = parameter.name.unwrap_or_default();
        let diagnostic = sink.report(
            file.kind,
            parameter_range(tree, &parameter),
            tree.pointer(parameter.node),
            format!(
                "Parameter '{}' has no x-ms-summary, so makers see its raw name; the \
                     validator requires one for certification",
                excerpt(name)
            ),
        );
        if name.trim().is_empty() {
            continue;
        }
        let title = title_of(name.trim());
        // A blank x-ms-summary is replaced, not added twice.
        let edit = match tree.get(parameter.node, "x-ms-summary") {
            Some(blank) => replace_value(file.kind, tree, blank, &json_string(&title)),
            None => insert_member(
                file.kind,
                &file.text,
                tree,
                parameter.node,
                "x-ms-summary",
                &json_string(&title),
            ),
        };
        diagnostic.with_fix(Fix::safe(
            format!("Set x-ms-summary to '{}'", excerpt(&title)),
            vec![edit],
        ));
    }
}
