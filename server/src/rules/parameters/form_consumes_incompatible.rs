//! An operation with form parameters whose `consumes` names no form MIME type.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::consumes_place;
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::structure::{FORM_MIME_TYPES, mime_type_covers};

declare_rule! {
    /// ## What it does
    /// Reports an operation with `formData` parameters whose `consumes` (its own, or the
    /// definition's when it has none) lists MIME types but neither `multipart/form-data` nor
    /// `application/x-www-form-urlencoded` (parameters such as `; charset=utf-8` and case
    /// aside). An empty `consumes` is `form-consumes-missing`'s. A `body` parameter sent as
    /// a form is not reported: five published connectors (four certified) send a JSON
    /// schema as `multipart/form-data`, and the validator accepts it.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`MimeTypeNotCompatibleWithRequestContentSchemaType`:
    /// "The MIME type(s) are not compatible with the request content type '{0}' for
    /// operation '{1}'."). Form parameters are sent as a form, which no other MIME type
    /// describes: with `application/json` the service receives a form labelled as JSON and
    /// rejects it. No published connector has it.
    ///
    /// ## Example
    /// ```json
    /// "post": {
    ///   "consumes": ["application/json"],
    ///   "parameters": [{ "name": "file", "in": "formData", "type": "file" }]
    /// }
    /// ```
    ///
    /// ## Fix
    /// List `multipart/form-data` (for files) or `application/x-www-form-urlencoded` in the
    /// operation's `consumes`.
    ///
    /// ## Fix safety
    /// No automatic fix: which of the two encodings the service reads is for a person to
    /// check.
    RULE {
        id: "form-consumes-incompatible",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation with form parameters consumes no form MIME type",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["MimeTypeNotCompatibleWithRequestContentSchemaType"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for op in &swagger.operations {
        let parameters = swagger.parameters(op);
        let Some(form) = parameters.iter().find(|p| p.location == Some("formData")) else {
            continue;
        };
        let Some(consumes) = swagger.consumes(op) else {
            continue;
        };
        let listed: Vec<&str> = consumes
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        let sends_a_form = listed.iter().any(|listed| {
            FORM_MIME_TYPES
                .iter()
                .any(|form_type| mime_type_covers(listed, form_type))
        });
        if listed.is_empty() || sends_a_form {
            continue;
        }
        let names: Vec<String> = listed.iter().map(|t| format!("'{}'", excerpt(t))).collect();
        sink.at_value(
            file.kind,
            swagger.tree,
            consumes_place(swagger, op, form),
            format!(
                "Operation {} has form parameters but consumes only {}, which cannot carry a \
                 form; list 'multipart/form-data' or 'application/x-www-form-urlencoded'",
                swagger.name(op),
                names.join(", ")
            ),
        );
    }
}
