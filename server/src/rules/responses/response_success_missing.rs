use crate::diagnostic::Fix;
use crate::edit::json::insert_member;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{is_success_code, ok_response, response_entries, responses_object};
use crate::text::excerpt_list;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose responses are all error codes: no `2xx` status code and no
    /// `default`. (An operation with `default` but no `2xx` is reported by
    /// `response-default-only`, one without any response by `responses-missing`.)
    ///
    /// ## Why
    /// The designer takes an action's outputs from its success response. Microsoft's validator
    /// warns that every operation "should have at least one successful response definition",
    /// and the coding standards ask for the success code as a `2xx` response.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "400": { "description": "Bad request" },
    ///   "404": { "description": "Not found" }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add `"200": {"description": "OK"}` to the responses.
    ///
    /// ## Fix safety
    /// Unsafe. 200 is a guess: use the code the service really returns and describe its body with
    /// a schema.
    RULE {
        id: "response-success-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation defines no 2xx response",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationShouldHaveSuccessfulResponse"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    for op in &swagger.operations {
        let entries = response_entries(swagger, op);
        if entries.is_empty()
            || entries
                .iter()
                .any(|e| is_success_code(e.code()) || e.code() == "default")
        {
            continue;
        }
        let Some(responses) = responses_object(swagger, op) else {
            continue;
        };
        let codes = excerpt_list(entries.iter().map(|e| e.code()));
        let edit = insert_member(
            file.kind,
            text,
            tree,
            responses,
            "200",
            &ok_response().for_member_of(text, tree, responses),
        );
        sink.at_key(
            file.kind,
            tree,
            responses,
            format!(
                "Operation {} defines no 2xx response (only {}); the designer has no success \
                 result to offer as outputs",
                swagger.name(op),
                codes
            ),
        )
        .with_fix(Fix::unsafe_("Add a '200' response", vec![edit]));
    }
}
