use std::collections::HashSet;

use crate::diagnostic::Fix;
use crate::edit::json::{Json, insert_items, insert_members, replace_value};
use crate::edit::names::{description_of, json_string, title_of};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::{Operation, Swagger};
use crate::rules::context::{Context, Sink};
use crate::rules::paths::{
    MAX_FINDINGS_PER_PATH, misnamed_path_parameter, template_range, variables,
};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `{variable}` in a path key that no `in: path` parameter of the operation
    /// declares. Parameters declared on the path item, on the operation and through
    /// `#/parameters/…` references all count; names are compared case-sensitively. An
    /// operation with a parameter `$ref` that does not resolve is skipped (that reference may
    /// be the declaration; `ref-unresolved` reports it). An operation is reported at most 5 times;
    /// the fifth finding says how many more variables have no parameter.
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition (`OperationMissingPathParameter`). Even
    /// where a definition gets through, nothing fills the variable, so the request goes out
    /// with the literal text `{employeeId}` in its URL.
    ///
    /// ## Example
    /// ```json
    /// "/employees/{employeeId}": {
    ///   "get": { "operationId": "GetEmployee", "parameters": [], "responses": { … } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// When a path parameter differs only by case (`EmployeeId`), rename it to match the
    /// template. Otherwise insert a required string parameter `in: path` with a summary,
    /// description and `"x-ms-url-encoding": "single"` into the operation. A parameter named
    /// differently from the only undeclared variable is reported once, with its rename, by
    /// `path-parameter-not-in-template`; `{variables}` in a query string are query values, for
    /// `path-contains-query-or-fragment`.
    ///
    /// ## Fix safety
    /// Unsafe. The rename changes the name flows pass the value by, and a declared parameter's type
    /// and texts are guesses to review.
    RULE {
        id: "path-parameter-undeclared",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A path template variable has no 'in: path' parameter",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationMissingPathParameter"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for op in &swagger.operations {
        let item = swagger.path_of(op);
        let vars = variables(item.template);
        if vars.is_empty() {
            continue;
        }
        let params = swagger.parameters(op);
        // A `$ref` that does not resolve (reported by ref-unresolved) may be the declaration.
        if params
            .iter()
            .any(|p| p.site == p.node && swagger.tree.get(p.site, "$ref").is_some())
        {
            continue;
        }
        let path_params: Vec<_> = params
            .iter()
            .filter(|p| p.location == Some("path"))
            .collect();
        let declared: HashSet<&str> = path_params.iter().filter_map(|p| p.name).collect();
        let var_names: HashSet<&str> = vars.iter().map(|(var, _)| *var).collect();
        // A parameter named differently is reported once, with its rename, by
        // path-parameter-not-in-template.
        let misnamed = misnamed_path_parameter(item.template, &params).map(|(_, var)| var);
        let mut seen = HashSet::new();
        let undeclared: Vec<_> = vars
            .iter()
            .filter(|(var, _)| {
                seen.insert(*var) && !declared.contains(var) && misnamed != Some(*var)
            })
            .collect();
        let unreported = undeclared.len().saturating_sub(MAX_FINDINGS_PER_PATH);
        for (index, (var, span)) in undeclared.into_iter().enumerate() {
            if index == MAX_FINDINGS_PER_PATH {
                break;
            }
            let range = template_range(&file.text, item, span.clone());
            let mut message = format!(
                "Path template variable {{{}}} in {} has no 'in: path' parameter; requests \
                 will be sent with the literal text",
                excerpt(var),
                swagger.describe(op)
            );
            if index + 1 == MAX_FINDINGS_PER_PATH && unreported > 0 {
                message.push_str(&format!(
                    " ({unreported} more variables of this path have none; they are not reported)"
                ));
            }
            let fix = rename_fix(swagger, &path_params, &var_names, var)
                .or_else(|| insert_fix(&file.text, swagger, op, var));
            let diagnostic =
                sink.report(file.kind, range, swagger.tree.pointer(item.node), message);
            if let Some(fix) = fix {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// Rename a path parameter whose name differs from `var` only by case.
fn rename_fix(
    swagger: &Swagger,
    path_params: &[&crate::model::swagger::Parameter],
    vars: &HashSet<&str>,
    var: &str,
) -> Option<Fix> {
    let param = path_params.iter().find(|p| {
        p.name
            .is_some_and(|name| name.eq_ignore_ascii_case(var) && !vars.contains(name))
    })?;
    let name_node = swagger.tree.get(param.node, "name")?;
    Some(Fix::unsafe_(
        format!(
            "Rename parameter '{}' to '{}'",
            excerpt(param.name.unwrap_or_default()),
            excerpt(var)
        ),
        vec![replace_value(
            FileKind::ApiDefinition,
            swagger.tree,
            name_node,
            &json_string(var),
        )],
    ))
}

/// Insert a declaration of `var` into the operation's parameters.
fn insert_fix(text: &str, swagger: &Swagger, op: &Operation, var: &str) -> Option<Fix> {
    let tree = swagger.tree;
    let declaration = Json::object([
        ("name", Json::str(var)),
        ("in", Json::str("path")),
        ("required", Json::raw("true")),
        ("type", Json::str("string")),
        ("x-ms-summary", Json::str(title_of(var))),
        ("description", Json::str(description_of(var))),
        ("x-ms-url-encoding", Json::str("single")),
    ]);
    let kind = FileKind::ApiDefinition;
    let edit = match tree.get(op.node, "parameters") {
        Some(list) if tree.is_array(list) => insert_items(kind, text, tree, list, &[declaration])?,
        Some(_) => return None,
        None => insert_members(
            kind,
            text,
            tree,
            op.node,
            &[("parameters".to_string(), Json::array([declaration]))],
        )?,
    };
    Some(Fix::unsafe_(
        format!("Declare path parameter '{}'", excerpt(var)),
        vec![edit],
    ))
}
