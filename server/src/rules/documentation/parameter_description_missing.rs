use crate::diagnostic::Fix;
use crate::edit::json::insert_member;
use crate::edit::names::{description_of, json_string};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::{has_text, parameter_range, visible_parameters};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a parameter makers fill in that has no `description`: not the body, not
    /// `"x-ms-visibility": "internal"`, of an operation that is not internal. A parameter
    /// shared through `#/parameters/…` is reported once, where it is defined.
    ///
    /// ## Why
    /// The description is the hint under the field in the designer and what Copilot reads to
    /// fill it in. Microsoft's validator requires it for certification (`The 'description'
    /// property is required. ValuePath: /paths/…/parameters/0`). The platform accepts a custom
    /// connector without it, hence a warning by default.
    ///
    /// ## Example
    /// ```json
    /// { "name": "matterId", "in": "path", "required": true, "type": "string", "x-ms-summary": "Matter ID" }
    /// ```
    ///
    /// ## Fix
    /// Write what the value is and where makers find it. The fix adds a stub built from the name
    /// (`matterId` → "The matter ID."), to be completed.
    ///
    /// ## Fix safety
    /// Unsafe. The stub only repeats the name; applied blindly it would silence the finding
    /// without documenting anything.
    RULE {
        id: "parameter-description-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A parameter has no description",
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
        if has_text(tree, parameter.node, "description") {
            continue;
        }
        let name = parameter.name.unwrap_or_default();
        let diagnostic = sink.report(
            file.kind,
            parameter_range(tree, &parameter),
            tree.pointer(parameter.node),
            format!(
                "Parameter '{}' has no description; the validator requires one for \
                     certification",
                excerpt(name)
            ),
        );
        if name.trim().is_empty() || tree.get(parameter.node, "description").is_some() {
            continue;
        }
        diagnostic.with_fix(Fix::unsafe_(
            "Add a description stub",
            vec![insert_member(
                file.kind,
                &file.text,
                tree,
                parameter.node,
                "description",
                &json_string(&description_of(name.trim())),
            )],
        ));
    }
}
