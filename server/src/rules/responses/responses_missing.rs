use crate::diagnostic::Fix;
use crate::links;
use crate::model::FileKind;
use crate::rules::edits::Json;
use crate::rules::edits::{insert_member, replace_value};
use crate::rules::responses::ok_response;
use crate::rules::{Context, Sink, declare_rule};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `responses` object, with an empty one (nothing but
    /// vendor extensions), or with a `responses` value that is not an object. Also reports
    /// response keys that are neither a three-digit HTTP status code nor `default`, such as
    /// `2XX` or `OK`.
    ///
    /// ## Why
    /// Swagger 2.0 makes `responses` mandatory with at least one entry, and Microsoft's
    /// validator rejects an operation without one ("it must contain at least one response
    /// definition") as well as response keys that are not status codes or `default`. Without a
    /// response the designer also has nothing to describe the action's result with.
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
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    let kind = file.kind;
    for op in &swagger.operations {
        let name = swagger.name(op);
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
            sink.report(
                kind,
                op.method_key_range,
                tree.pointer(op.node),
                format!(
                    "Operation {name} has no 'responses'; Swagger 2.0 and the connector validator \
                     require at least one response"
                ),
            )
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
            sink.at_key(
                kind,
                tree,
                responses,
                format!(
                    "Operation {name} declares no response in 'responses'; Swagger 2.0 and the \
                     connector validator require at least one"
                ),
            )
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
            );
        }
    }
}

/// `^([0-9]{3})$|^(default)$`, the keys the validator accepts.
fn is_valid_key(key: &str) -> bool {
    key == "default" || (key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit()))
}
