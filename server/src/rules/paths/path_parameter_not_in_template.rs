use std::collections::HashSet;

use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::paths::{misnamed_path_parameter, parameters_not_in_template};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a parameter declared `in: path` whose name does not appear as a `{variable}` in
    /// the path key of the operation. Path-level parameters and `#/parameters/…` references
    /// are checked too; names are compared case-sensitively.
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition (`PathParameterNotDefinedInTemplate`). The
    /// value a user enters for the parameter has nowhere to go in the URL, and is silently
    /// dropped.
    ///
    /// ## Example
    /// ```json
    /// "/employees/{employeeId}": {
    ///   "get": { "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string" }] }
    /// }
    /// ```
    ///
    /// ## Fix
    /// When exactly one variable of the path has no declaration, this one finding covers both
    /// sides (`path-parameter-undeclared` stays silent) and its fix renames the parameter to the
    /// variable. Otherwise add the variable to the path, or change `in` to `query`. A parameter
    /// whose `{name}` is in a query string is left to `path-contains-query-or-fragment`.
    ///
    /// ## Fix safety
    /// Unsafe. Flows and apps pass values by parameter name, so the rename must be checked.
    RULE {
        id: "path-parameter-not-in-template",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An 'in: path' parameter is not a variable of the path",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["PathParameterNotDefinedInTemplate"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    // A parameter written once (on the path item, or shared) is reported once.
    let mut reported = HashSet::new();
    for op in &swagger.operations {
        let item = swagger.path_of(op);
        let params = swagger.parameters(op);
        let misnamed = misnamed_path_parameter(item.template, &params);
        let extra = parameters_not_in_template(item.template, &params);
        for param in extra {
            if !reported.insert(param.site) {
                continue;
            }
            let name = param.name.unwrap_or_default();
            let Some(name_node) = tree.get(param.node, "name") else {
                continue;
            };
            let target = misnamed
                .as_ref()
                .filter(|(p, _)| p.site == param.site)
                .map(|(_, var)| *var);
            let (template, name) = (excerpt(item.template), excerpt(name));
            let mut message = format!(
                "Parameter '{name}' is declared 'in: path' but {template} has no {{{name}}}; its \
                 value is never sent"
            );
            if let Some(target) = target {
                message.push_str(&format!(
                    ", and {{{}}} has no 'in: path' parameter",
                    excerpt(target)
                ));
            }
            let shared = param.site != param.node;
            let diagnostic = match tree.get(param.site, "$ref").filter(|_| shared) {
                Some(reference) => sink
                    .at_value(file.kind, tree, reference, message)
                    .with_related(
                        file.kind,
                        tree.range(name_node),
                        format!("'{name}' is defined here"),
                    ),
                None => sink.at_value(file.kind, tree, name_node, message),
            };
            if let Some(target) = target {
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Rename parameter '{name}' to '{}'", excerpt(target)),
                    vec![replace_value(
                        file.kind,
                        tree,
                        name_node,
                        &json_string(target),
                    )],
                ));
            }
        }
    }
}
