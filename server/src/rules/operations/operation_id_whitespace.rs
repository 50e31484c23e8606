use crate::edit::names::to_pascal_case;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operationId that contains a space or other whitespace.
    ///
    /// ## Why
    /// Power Fx and flow expressions call operations by their id, and an id with a space
    /// cannot be written there. Microsoft's validator rejects such ids: not one of the 16,000
    /// operations of the published connectors has whitespace in its id.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "Get Employee"
    /// ```
    ///
    /// ## Fix
    /// Rename to PascalCase (`GetEmployee`) and update every reference to the old id in the
    /// definition, apiProperties.json and script.csx.
    ///
    /// ## Fix safety
    /// Safe. The validator rejects such an id, so no published flow or app calls it, and every
    /// reference in the connector's own files is renamed with it.
    RULE {
        id: "operation-id-whitespace",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operationId contains whitespace",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationIdSanitized"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    for op in &swagger.operations {
        let (Some(id), Some(node)) = (swagger.operation_id(op), swagger.operation_id_node(op))
        else {
            continue;
        };
        if id.trim().is_empty() || !id.chars().any(char::is_whitespace) {
            continue;
        }
        let message = format!(
            "operationId '{}' contains whitespace; Power Fx and flow expressions cannot call it",
            excerpt(id)
        );
        let diagnostic = sink.at_value(FileKind::ApiDefinition, swagger.tree, node, message);
        let new_name = ctx.unique_operation_id(&to_pascal_case(id));
        if let Some(fix) = ctx.rename_fix(op, &new_name, true) {
            diagnostic.with_fix(fix);
        }
    }
}
