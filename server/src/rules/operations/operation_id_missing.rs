use crate::diagnostic::Fix;
use crate::edit::json::{insert_member, replace_value};
use crate::edit::names::{json_string, to_pascal_case};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::{Operation, Swagger, template_variables};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operation (a method under a path) that has no `operationId`, or whose
    /// `operationId` is not a string or is blank.
    ///
    /// ## Why
    /// Power Platform identifies every action and trigger by its operationId: the designer,
    /// flows, Power Fx, policies, custom code and dynamic values all use it. Microsoft's
    /// validator rejects a definition with an operation that has none.
    ///
    /// ## Example
    /// ```json
    /// "/employees/{id}": { "get": { "summary": "Get employee", "responses": { … } } }
    /// ```
    ///
    /// ## Fix
    /// Insert an operationId built from the method and the path's static segments
    /// (`GetEmployees`), made unique with a number if needed.
    ///
    /// ## Fix safety
    /// Safe. The validator rejects an operation without an id, so no published connector has one
    /// and nothing can refer to it yet; the new id is unique, so no other operation changes.
    RULE {
        id: "operation-id-missing",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation has no operationId",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationIdRequired"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let id_node = swagger.operation_id_node(op);
        let problem = match id_node.map(|n| (n, tree.as_str(n))) {
            None => "has no operationId",
            Some((_, Some(id))) if !id.trim().is_empty() => continue,
            Some((_, Some(_))) => "has a blank operationId",
            Some((_, None)) => "has an operationId that is not a string",
        };
        let message = format!(
            "Operation {} {problem}; Power Platform needs one to identify the action",
            swagger.describe(op)
        );
        let name = ctx.unique_operation_id(&suggested_id(swagger, op));
        let edit = match id_node {
            Some(node) => replace_value(FileKind::ApiDefinition, tree, node, &json_string(&name)),
            None => insert_member(
                FileKind::ApiDefinition,
                &file.text,
                tree,
                op.node,
                "operationId",
                &json_string(&name),
            ),
        };
        let range = match id_node {
            Some(node) => tree.range(node),
            None => op.method_key_range,
        };
        sink.report(
            FileKind::ApiDefinition,
            range,
            tree.pointer(op.node),
            message,
        )
        .with_fix(Fix::safe(
            format!("Add operationId '{}'", excerpt(&name)),
            vec![edit],
        ));
    }
}

/// `GET /employees/{id}/tasks` → `GetEmployeesTasks`.
fn suggested_id(swagger: &Swagger, op: &Operation) -> String {
    let template = swagger.path_of(op).template;
    let variables: Vec<_> = template_variables(template)
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    let nouns: Vec<&str> = template
        .split('/')
        .filter(|segment| !segment.is_empty() && !segment.contains('{'))
        .filter(|segment| !variables.contains(segment))
        .collect();
    to_pascal_case(&format!("{} {}", op.method, nouns.join(" ")))
}
