use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports `x-ms-url-encoding` on an `in: query` parameter.
    ///
    /// ## Why
    /// Microsoft's validator reports it (`QueryParameterEncodingNotSupported`: "Encoding for
    /// query parameter '{0}' is not supported. All query parameters are single encoded by
    /// default."). The extension is for path parameters. Eleven published connectors, most of
    /// them certified, set it on query parameters, so it is a warning by default and an error
    /// under the certification profile.
    ///
    /// ## Example
    /// ```json
    /// { "name": "filter", "in": "query", "type": "string", "x-ms-url-encoding": "single" }
    /// ```
    ///
    /// ## Fix
    /// Remove `x-ms-url-encoding`.
    ///
    /// ## Fix safety
    /// Safe when the value is `single`: that is what query values get anyway. Unsafe for any
    /// other value: it states an encoding the query value may have relied on.
    RULE {
        id: "query-parameter-encoding-unsupported",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A query parameter sets x-ms-url-encoding",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["QueryParameterEncodingNotSupported"],
        certification: Error,
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
        if tree.get_str(node, "in") != Some("query") {
            continue;
        }
        let Some(index) = tree
            .members(node)
            .iter()
            .position(|m| &*m.key == "x-ms-url-encoding")
        else {
            continue;
        };
        let member = &tree.members(node)[index];
        let edit = remove_member(kind, tree, node, index);
        let fix = if tree.as_str(member.value) == Some("single") {
            Fix::safe("Remove \"x-ms-url-encoding\"", vec![edit])
        } else {
            Fix::unsafe_("Remove \"x-ms-url-encoding\"", vec![edit])
        };
        sink.at_key(
            kind,
            tree,
            member.value,
            format!(
                "{} is in the query, where \"x-ms-url-encoding\" is not supported: query values \
                 are always encoded once",
                parameter_name(swagger, node)
            ),
        )
        .with_fix(fix);
    }
}
