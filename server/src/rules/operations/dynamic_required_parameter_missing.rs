use crate::diagnostic::Fix;
use crate::edit::json::{Json, insert_member};
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::segments;
use crate::model::fields::{Field, Via};
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a dynamic call (`x-ms-dynamic-values`, `-schema`, `-list`, `-properties`, the
    /// calls of `x-ms-dynamic-tree`) that does not pass a parameter the called operation
    /// requires. A required parameter with a `default` counts as supplied: the designer
    /// sends its default.
    ///
    /// ## Why
    /// The designer makes the call with what `parameters` passes and nothing else: without
    /// the required value the request is incomplete, the service rejects it, and the dropdown
    /// or schema stays empty. Microsoft's validator rejects the call
    /// (`OperationMissingRequiredProperty`).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": { "operationId": "ListTables", "value-path": "id" }
    /// ```
    /// where `ListTables` requires `dataset`.
    ///
    /// ## Fix
    /// When the calling operation has a parameter of the same name, pass it:
    /// `"dataset": {"parameter": "dataset"}` (`{"parameterReference": …}` in the newer
    /// extensions).
    ///
    /// ## Fix safety
    /// Unsafe: a parameter with the same name is likely, not certain, to hold the value the
    /// called operation expects.
    RULE {
        id: "dynamic-required-parameter-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension does not pass a parameter the called operation requires",
        reference: Some(links::DYNAMIC_VALUES),
        validator: ["OperationMissingRequiredProperty"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let mut reported = Reported::default();
    for_each_call(ctx, |site: &Site| {
        let Some((target, target_fields)) = site.target else {
            return;
        };
        let call = site.call;
        let kind = call.kind;
        // A parameter is supplied by name, or a body by one of its properties (as
        // `x-ms-dynamic-values` and `-schema` pass them).
        let supplied = |index: usize, name: &str| {
            call.args.iter().any(|arg| {
                let first = segments(kind, arg.target)[0];
                first == name || Field::child(target_fields, index, first).is_some()
            })
        };
        for (index, parameter) in target_fields.iter().enumerate() {
            let Some(name) = parameter.name.filter(|_| parameter.via == Via::Parameter) else {
                continue;
            };
            if !parameter.is_required(swagger, target_fields)
                || parameter.get(swagger, "default").is_some()
                || supplied(index, name)
            {
                continue;
            }
            let parameters = tree.get(call.node, "parameters");
            let at = parameters
                .or(call.operation_id.map(|(_, node)| node))
                .unwrap_or(call.node);
            let range = tree
                .member_of(at)
                .map_or(tree.range(at), |member| member.key_range);
            if !reported.first(range, name) {
                continue;
            }
            let message = format!(
                "'{}' calls operation {} without its required parameter '{}'",
                kind.extension(),
                swagger.name(target),
                excerpt(name)
            );
            let diagnostic = sink.report(FileKind::ApiDefinition, range, tree.pointer(at), message);
            let own = site
                .fields
                .iter()
                .any(|f| f.via == Via::Parameter && f.name == Some(name));
            if let Some(parameters) = parameters.filter(|&p| own && tree.is_object(p)) {
                let value = Json::object([(kind.reference_key(), Json::str(name))]);
                let text = value.for_member_of(&file.text, tree, parameters);
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Pass '{name}' from the calling operation"),
                    vec![insert_member(
                        FileKind::ApiDefinition,
                        &file.text,
                        tree,
                        parameters,
                        name,
                        &text,
                    )],
                ));
            }
        }
    });
}
