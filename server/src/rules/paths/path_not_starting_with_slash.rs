use crate::diagnostic::{Edit, Fix};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a path key that does not start with `/` (keys starting with `x-` are
    /// extensions and are skipped).
    ///
    /// ## Why
    /// Swagger 2.0 requires every path to begin with a slash, and Microsoft's validator
    /// rejects the definition (`OperationPathMustStartWithSlash`). The platform builds the URL
    /// as host + basePath + path, so `users/{id}` would be glued to the base path.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "users/{id}": { "get": { … } } }
    /// ```
    ///
    /// ## Fix
    /// Prefix the key with `/`, unless that path already exists.
    ///
    /// ## Fix safety
    /// Safe. The validator rejects such a path (`OperationPathMustStartWithSlash`), so no published
    /// connector has one, and host + basePath + `/path` is the URL the key meant. In a file with
    /// syntax errors it is not applied, since recovery may have put other keys under `paths`.
    RULE {
        id: "path-not-starting-with-slash",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A path does not start with '/'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationPathMustStartWithSlash"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for item in &swagger.paths {
        if item.template.starts_with('/') {
            continue;
        }
        let fixed = format!("/{}", item.template);
        let exists = swagger.has_path(&fixed);
        let mut message = format!("Path '{}' must start with '/'", excerpt(item.template));
        if exists {
            message.push_str(&format!(" ('{}' is already a path)", excerpt(&fixed)));
        }
        let diagnostic = sink.report(
            file.kind,
            item.key_range,
            swagger.tree.pointer(item.node),
            message,
        );
        if !exists {
            diagnostic.with_fix(Fix::safe(
                format!("Change the path to '{}'", excerpt(&fixed)),
                vec![Edit::replace(
                    file.kind,
                    item.key_range,
                    json_string(&fixed),
                )],
            ));
        }
    }
}
