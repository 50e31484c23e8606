use crate::diagnostic::{Edit, Fix};
use crate::edit::json::Json;
use crate::edit::json::insert_member;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{is_success_code, response_entries, responses_object};

declare_rule! {
    /// ## What it does
    /// Reports an operation whose only response is `default`, or whose responses are
    /// `default` and error codes: no `2xx` response at all.
    ///
    /// ## Why
    /// `default` stands for "any other status", which usually means errors. When it is the only
    /// response the definition never says which code success is or which body it carries, and
    /// the coding standards for connectors say not to use `default` as the only response. The
    /// platform still accepts it (many older certified connectors do this), hence a warning.
    ///
    /// ## Example
    /// ```json
    /// "responses": {
    ///   "default": { "description": "Vote added", "schema": { "$ref": "#/definitions/Vote" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Rename `default` to `200`, keeping its description and schema, and add a schema-less
    /// `default` for errors.
    ///
    /// ## Fix safety
    /// Unsafe. 200 is a guess at the code the service returns, and the designer's outputs come
    /// from the success response.
    RULE {
        id: "response-default-only",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation only defines a 'default' response",
        reference: Some(links::CODING_STANDARDS),
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
        let defaults: Vec<_> = entries.iter().filter(|e| e.code() == "default").collect();
        if defaults.is_empty() || entries.iter().any(|e| is_success_code(e.code())) {
            continue;
        }
        let Some(responses) = responses_object(swagger, op) else {
            continue;
        };
        let last = defaults.last().expect("not empty");
        let others: Vec<&str> = entries
            .iter()
            .map(|e| e.code())
            .filter(|&code| code != "default")
            .collect();
        let what = if others.is_empty() {
            "only defines a 'default' response".to_string()
        } else {
            format!(
                "defines no 2xx response, only 'default' and {}",
                others.join(", ")
            )
        };
        let diagnostic = sink.report(
            file.kind,
            last.member.key_range,
            tree.pointer(last.member.value),
            format!(
                "Operation {} {what}; add a 2xx response so the success code and its body are \
                 documented",
                swagger.name(op)
            ),
        );
        if defaults.len() == 1 {
            let error = Json::object([("description", Json::str("Error"))]);
            let edits = vec![
                Edit::replace(file.kind, last.member.key_range, "\"200\""),
                insert_member(
                    file.kind,
                    text,
                    tree,
                    responses,
                    "default",
                    &error.for_member_of(text, tree, responses),
                ),
            ];
            diagnostic.with_fix(Fix::unsafe_(
                "Rename 'default' to '200' and add a 'default' for errors",
                edits,
            ));
        }
    }
}
