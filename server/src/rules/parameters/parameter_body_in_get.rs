use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `body` or `formData` parameter of a GET operation (path-level parameters
    /// included).
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`BodyOrFormDataParameterInFetchOperationNotAllowed`:
    /// "Operations using the 'GET' HTTP method can't have a body or form data."). HTTP gives
    /// a GET body no meaning, and many servers and proxies drop it. A few published connectors
    /// have one (the platform sends it), so it is a warning by default and an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "get": { "operationId": "FindCases",
    ///   "parameters": [{ "name": "body", "in": "body", "schema": { "type": "object" } }] }
    /// ```
    ///
    /// ## Fix
    /// Use POST for an operation that needs a body, or send the values as query parameters.
    ///
    /// ## Fix safety
    /// No automatic fix: the API decides which method and which parameters it accepts.
    RULE {
        id: "parameter-body-in-get",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A GET operation has a body or form data parameter",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for op in swagger.operations.iter().filter(|op| op.method == "get") {
        for param in swagger.parameters(op) {
            let Some(location @ ("body" | "formData")) = param.location else {
                continue;
            };
            let at = swagger.tree.get(param.node, "in").unwrap_or(param.site);
            sink.at_value(
                file.kind,
                swagger.tree,
                at,
                format!(
                    "{} of GET operation {} is in '{location}'; a GET request has no body",
                    parameter_name(swagger, param.node),
                    swagger.name(op)
                ),
            );
        }
    }
}
