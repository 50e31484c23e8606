use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `basePath` that is not a string starting with `/`, that is a whole URL, or
    /// that contains `{variables}`, a query (`?`) or a fragment (`#`).
    ///
    /// ## Why
    /// Swagger 2.0 requires the base path to start with a slash and does not support
    /// templating in it; Microsoft's validator rejects other values (`BasePathNotValid`). The
    /// request URL is `host + basePath + path`, so `api/v1` would be glued to the host name.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api.contoso.com", "basePath": "api/v1" }
    /// ```
    ///
    /// ## Fix
    /// Prefix a relative base path with `/`. Other problems need a person: move the host of a URL
    /// to `host`, and variables into the paths.
    ///
    /// ## Fix safety
    /// Safe. The validator rejects a base path without a leading `/` (`BasePathNotValid`), so no
    /// published connector has one, and the prefix gives the URL the request was meant to have.
    RULE {
        id: "base-path-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "basePath does not start with '/' or is not a plain path",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["BasePathNotValid"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(node) = tree.get(swagger.root, "basePath") else {
        return;
    };
    let Some(base_path) = tree.as_str(node) else {
        sink.at_value(
            file.kind,
            tree,
            node,
            "basePath must be a string starting with '/', such as '/v1'",
        );
        return;
    };
    let shown = excerpt(base_path);
    let (message, fixable) = if base_path.contains("://") {
        (
            format!(
                "basePath '{shown}' must be a path such as '/v1', not a URL; put the host \
                 name in 'host'"
            ),
            false,
        )
    } else if !base_path.starts_with('/') {
        (
            format!(
                "basePath '{shown}' must start with '/'; the request URL is host + basePath \
                 + path"
            ),
            !base_path.contains(['{', '}', '?', '#']),
        )
    } else if base_path.contains(['{', '}']) {
        (
            format!("basePath '{shown}' cannot contain variables; move them into the paths"),
            false,
        )
    } else if base_path.contains(['?', '#']) {
        (
            format!("basePath '{shown}' cannot contain a query string or a fragment"),
            false,
        )
    } else {
        return;
    };
    let diagnostic = sink.at_value(file.kind, tree, node, message);
    if fixable {
        let fixed = format!("/{base_path}");
        diagnostic.with_fix(Fix::safe(
            format!("Change basePath to '{}'", excerpt(&fixed)),
            vec![replace_value(file.kind, tree, node, &json_string(&fixed))],
        ));
    }
}
