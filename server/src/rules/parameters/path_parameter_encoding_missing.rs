use crate::diagnostic::Fix;
use crate::edit::json::insert_member;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports an `in: path` parameter without `x-ms-url-encoding`.
    ///
    /// ## Why
    /// Microsoft's validator warns (`PathParameterMissingEncoding`: "Encoding for path
    /// parameter '{0}' is missing, which might lead to invalid requests. Use
    /// "x-ms-url-encoding": "single" to ensure the value is URL encoded."). Without it the
    /// platform encodes path values twice, so a value with `/`, `%` or a space reaches the API
    /// as `%252F`. 114 of the 457 published connectors with path parameters leave it out somewhere
    /// (1,630 parameters), so it is a hint by default and a warning under the certification
    /// profile.
    ///
    /// ## Example
    /// ```json
    /// { "name": "itemId", "in": "path", "required": true, "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-url-encoding": "single"`.
    ///
    /// ## Fix safety
    /// Unsafe: values with reserved characters are then sent encoded once instead of twice,
    /// which is what most APIs expect, but an API built around the double encoding would
    /// receive something else.
    RULE {
        id: "path-parameter-encoding-missing",
        severity: Hint,
        file: Some(FileKind::ApiDefinition),
        summary: "A path parameter has no x-ms-url-encoding",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["PathParameterMissingEncoding"],
        certification: Warning,
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
        if tree.as_str(location) != Some("path") || tree.get(node, "x-ms-url-encoding").is_some() {
            continue;
        }
        sink.at_value(
            kind,
            tree,
            location,
            format!(
                "{} has no \"x-ms-url-encoding\"; its value is encoded twice in the URL",
                parameter_name(swagger, node)
            ),
        )
        .with_fix(Fix::unsafe_(
            "Add \"x-ms-url-encoding\": \"single\"",
            vec![insert_member(
                kind,
                &file.text,
                tree,
                node,
                "x-ms-url-encoding",
                &json_string("single"),
            )],
        ));
    }
}
