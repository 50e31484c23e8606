use crate::diagnostic::Fix;
use crate::edit::json::{Json, replace_value};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an empty `schemes` array, at the root of the definition or on an operation.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`SchemesArrayEmpty`: "The 'schemes' array requires at
    /// least one value."). With no scheme the request URL has no protocol; no published
    /// connector has an empty list.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api.contoso.com", "schemes": [] }
    /// ```
    ///
    /// ## Fix
    /// Write `["https"]`.
    ///
    /// ## Fix safety
    /// Unsafe: `https` is what nearly every API serves, but an API reached over plain `http`
    /// would need that instead.
    RULE {
        id: "schemes-empty",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The 'schemes' array is empty",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["SchemesArrayEmpty"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let owners = std::iter::once(swagger.root).chain(swagger.operations.iter().map(|op| op.node));
    for owner in owners {
        let Some(schemes) = tree.get(owner, "schemes") else {
            continue;
        };
        if !tree.is_array(schemes) || !tree.items(schemes).is_empty() {
            continue;
        }
        let https =
            Json::array([Json::str("https")]).laid_out_at(&file.text, tree.range(schemes).start);
        sink.at_key(
            file.kind,
            tree,
            schemes,
            "The 'schemes' array is empty; list the protocol the API is reached by, such as \
             \"https\"",
        )
        .with_fix(Fix::unsafe_(
            "Write [\"https\"]",
            vec![replace_value(file.kind, tree, schemes, &https)],
        ));
    }
}
