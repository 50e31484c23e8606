//! An operation with form parameters that names no request MIME type.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::consumes_place;
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an operation with `formData` parameters whose `consumes` (its own, or the
    /// root's when it has none) lists no MIME type.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`ConsumesMissing`: "At least one supported MIME type
    /// must be provided in 'consumes' for operation '{0}'."). A form is sent either as
    /// `multipart/form-data` or as `application/x-www-form-urlencoded`, and without
    /// `consumes` nothing says which. Operations with only a JSON body are not reported: the
    /// platform sends `application/json` by default, and 123 published connectors (91
    /// certified) rely on that. One published connector (certified, 8 operations) has form
    /// operations with an empty `consumes`: a warning by default, an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "post": {
    ///   "consumes": [],
    ///   "parameters": [{ "name": "file", "in": "formData", "type": "file" }]
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add `"consumes": ["multipart/form-data"]` (for files) or
    /// `["application/x-www-form-urlencoded"]` to the operation.
    ///
    /// ## Fix safety
    /// No automatic fix: which of the two encodings the service reads is for a person to
    /// check.
    RULE {
        id: "form-consumes-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation with form parameters names no MIME type in 'consumes'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ConsumesMissing"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let parameters = swagger.parameters(op);
        let Some(form) = parameters.iter().find(|p| p.location == Some("formData")) else {
            continue;
        };
        let names_a_type = swagger
            .consumes(op)
            .is_some_and(|list| list.iter().any(|t| !t.trim().is_empty()));
        if names_a_type {
            continue;
        }
        let place = consumes_place(swagger, op, form);
        sink.at_value(
            file.kind,
            tree,
            place,
            format!(
                "Operation {} has form parameters but no MIME type in 'consumes'; add \
                 'multipart/form-data' or 'application/x-www-form-urlencoded'",
                swagger.name(op)
            ),
        );
    }
}
