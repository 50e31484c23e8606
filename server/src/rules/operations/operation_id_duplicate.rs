use std::collections::HashMap;

use crate::diagnostic::{Edit, Fix};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operationId that another operation of the definition already uses
    /// (compared case-sensitively). The diagnostic sits on every later use and points to the
    /// first.
    ///
    /// ## Why
    /// Operation ids must be unique (Swagger 2.0, and Microsoft's validator rejects
    /// duplicates): the designer, policies and custom code could not tell the operations apart.
    ///
    /// ## Example
    /// ```json
    /// "/employees": { "get": { "operationId": "GetEmployee" } },
    /// "/employees/{id}": { "get": { "operationId": "GetEmployee" } }
    /// ```
    ///
    /// ## Fix
    /// Give the later operation a unique id (`GetEmployee2`); references are left alone since
    /// they cannot say which operation they meant.
    ///
    /// ## Fix safety
    /// Unsafe. Flows, Power Fx and policies name the operation by its id, and the new id is a
    /// guess: which of the two operations keeps the old id is a decision.
    RULE {
        id: "operation-id-duplicate",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "Two operations share an operationId",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationIdNotUnique"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    for (index, op) in swagger.operations.iter().enumerate() {
        let (Some(id), Some(node)) = (swagger.operation_id(op), swagger.operation_id_node(op))
        else {
            continue;
        };
        if id.trim().is_empty() {
            continue;
        }
        let Some(&first) = first_use.get(id) else {
            first_use.insert(id, index);
            continue;
        };
        let first_op = &swagger.operations[first];
        let first_node = swagger.operation_id_node(first_op).expect("has an id");
        let message = format!(
            "operationId '{}' is also used by {}; operationIds must be unique",
            excerpt(id),
            swagger.describe(first_op)
        );
        let new_name = ctx.unique_operation_id(id);
        let edit = Edit::replace(
            FileKind::ApiDefinition,
            tree.range(node),
            json_string(&new_name),
        );
        sink.at_value(FileKind::ApiDefinition, tree, node, message)
            .with_related(
                FileKind::ApiDefinition,
                tree.range(first_node),
                "first used here",
            )
            .with_fix(Fix::unsafe_(
                format!("Rename this one to '{}'", excerpt(&new_name)),
                vec![edit],
            ));
    }
}
