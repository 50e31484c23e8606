use crate::diagnostic::{Fix, Severity};
use crate::edit::json::Json;
use crate::edit::json::{insert_member, replace_value};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{is_webhook, ok_response, output_unseen};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `responses` object, with an empty one (nothing but
    /// vendor extensions), or with a `responses` value that is not an object. Also reports
    /// response keys that are neither a three-digit HTTP status code nor `default`, such as
    /// `2XX` or `OK`. Graded warning when no response is declared for an operation whose
    /// response nobody reads: a webhook registration (the trigger's output is its
    /// `x-ms-notification-content`) or an operation that makers never see (internal, a
    /// schema source for `x-ms-dynamic-schema`, an MCP server, a file download).
    ///
    /// ## Why
    /// Swagger 2.0 makes `responses` mandatory with at least one entry, and Microsoft's
    /// validator rejects an operation without one ("it must contain at least one response
    /// definition") as well as response keys that are not status codes or `default`. Without a
    /// response the designer also has nothing to describe the action's result with. The
    /// platform does accept a webhook registration with an empty `responses` (published
    /// certified connectors have them), hence the warning there.
    ///
    /// ## Example
    /// ```json
    /// "post": { "operationId": "CreateHook", "summary": "Create a webhook" }
    /// ```
    ///
    /// ## Fix
    /// Insert `"responses": {"200": {"description": "OK"}}`. Invalid response keys need a
    /// person.
    ///
    /// ## Fix safety
    /// Unsafe. The status code is a guess: check the code the service really returns, and add a
    /// schema.
    RULE {
        id: "responses-missing",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation defines no responses, or a response key is not a status code",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationMustHaveResponse", "ResponseMustBeDefaultOrHttpStatusCode"],
        check: check,
    }
}

/// The validator's code for an operation without a response.
const NO_RESPONSE: &str = "OperationMustHaveResponse";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    let kind = file.kind;
    for op in &swagger.operations {
        let name = swagger.name(op);
        let unread = is_webhook(swagger, op) || output_unseen(ctx, swagger, op);
        let severity = if unread && sink.lenient() {
            Severity::Warning
        } else {
            sink.severity()
        };
        let why = if unread {
            "Swagger 2.0 requires at least one response (the platform accepts none here, other \
             Swagger tools reject the file)"
        } else {
            "Swagger 2.0 and the connector validator require at least one response"
        };
        let Some(member) = tree.member(op.node, "responses") else {
            let value = Json::object([("200", ok_response())]);
            let edit = insert_member(
                kind,
                text,
                tree,
                op.node,
                "responses",
                &value.for_member_of(text, tree, op.node),
            );
            let diagnostic = sink.report(
                kind,
                op.method_key_range,
                tree.pointer(op.node),
                format!("Operation {name} has no 'responses'; {why}"),
            );
            diagnostic.severity = severity;
            diagnostic
                .with_validator(NO_RESPONSE)
                .with_fix(Fix::unsafe_("Add a '200' response", vec![edit]));
            continue;
        };
        let responses = member.value;
        if !tree.is_object(responses) {
            let value = Json::object([("200", ok_response())]);
            let edit = replace_value(kind, tree, responses, &value.for_value_of(text, member));
            sink.at_key(
                kind,
                tree,
                responses,
                format!(
                    "'responses' of operation {name} is not an object of status codes; the \
                     operation has no valid response"
                ),
            )
            .with_validator(NO_RESPONSE)
            .with_fix(Fix::unsafe_("Replace with a '200' response", vec![edit]));
            continue;
        }
        let codes: Vec<_> = tree
            .members(responses)
            .iter()
            .filter(|m| !m.key.starts_with("x-"))
            .collect();
        if codes.is_empty() {
            let value = ok_response();
            let edit = insert_member(
                kind,
                text,
                tree,
                responses,
                "200",
                &value.for_member_of(text, tree, responses),
            );
            let diagnostic = sink.at_key(
                kind,
                tree,
                responses,
                format!("Operation {name} declares no response in 'responses'; {why}"),
            );
            diagnostic.severity = severity;
            diagnostic
                .with_validator(NO_RESPONSE)
                .with_fix(Fix::unsafe_("Add a '200' response", vec![edit]));
            continue;
        }
        for code in codes {
            if is_valid_key(&code.key) {
                continue;
            }
            sink.at_key(
                kind,
                tree,
                code.value,
                format!(
                    "Response key '{}' of operation {name} must be a three-digit HTTP status code \
                     or 'default'; the connector validator rejects it",
                    excerpt(&code.key)
                ),
            )
            .with_validator("ResponseMustBeDefaultOrHttpStatusCode");
        }
    }
}

/// `^([0-9]{3})$|^(default)$`, the keys the validator accepts.
fn is_valid_key(key: &str) -> bool {
    key == "default" || (key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::is_valid_key;

    #[test]
    fn response_keys_are_three_digits_or_default() {
        for key in ["200", "404", "default"] {
            assert!(is_valid_key(key), "{key}");
        }
        for key in ["2000", "20", "2XX", "20x", "Default", ""] {
            assert!(!is_valid_key(key), "{key}");
        }
    }
}
