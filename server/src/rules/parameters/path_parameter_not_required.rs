use crate::diagnostic::Fix;
use crate::edit::json::{insert_member, replace_value};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports an `in: path` parameter without `"required": true` (absent, `false`, or not a
    /// boolean), wherever it is declared: on an operation, a path item or in the shared
    /// `parameters`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`PathParameterMustBeRequired`), and Swagger 2.0
    /// requires it: a path without its variable is another URL, so the value can never be
    /// left out.
    ///
    /// ## Example
    /// ```json
    /// { "name": "itemId", "in": "path", "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Set `"required": true`.
    ///
    /// ## Fix safety
    /// Safe. The platform already treats a path parameter as required (the request cannot be
    /// built without it), and the validator rejects the definition as written.
    RULE {
        id: "path-parameter-not-required",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A path parameter is not marked required",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["PathParameterMustBeRequired"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    for (node, _) in ctx.objects_at(&[Loc::Parameter]) {
        let Some(location) = tree.get(node, "in") else {
            continue;
        };
        if tree.as_str(location) != Some("path") {
            continue;
        }
        let required = tree.get(node, "required");
        if required.and_then(|r| tree.as_bool(r)) == Some(true) {
            continue;
        }
        let (at, edit) = match required {
            Some(required) => (required, replace_value(kind, tree, required, "true")),
            None => (
                location,
                insert_member(kind, &file.text, tree, node, "required", "true"),
            ),
        };
        sink.at_value(
            kind,
            tree,
            at,
            format!(
                "{} is in the path but not marked \"required\": true; a path cannot leave out its \
                 variables",
                parameter_name(swagger, node)
            ),
        )
        .with_fix(Fix::safe("Set \"required\": true", vec![edit]));
    }
}
