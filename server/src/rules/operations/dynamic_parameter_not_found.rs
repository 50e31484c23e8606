use crate::diagnostic::{Edit, Fix};
use crate::edit::names::{closest, did_you_mean, json_string};
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::{ArgValue, Lookup, find_body_property, find_field, lookup, segments};
use crate::model::fields::Via;
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Checks the names in the `parameters` of a dynamic call (`x-ms-dynamic-values`,
    /// `-schema`, `-list`, `-properties`, and the `open` and `browse` calls of
    /// `x-ms-dynamic-tree`): each key must be a parameter of the called operation (for the
    /// newer extensions, a path into its body such as `body/name`), and each reference
    /// (`{"parameter": …}`, `{"parameterReference": …}`) must name a parameter, or a property
    /// of the body, of the operation that makes the call. A key of `x-ms-dynamic-values` or
    /// `-schema` that is both a parameter of the called operation and a property of its body
    /// is reported as ambiguous.
    ///
    /// ## Why
    /// The designer fills the call from these names while the user edits the action. A name
    /// that matches nothing is dropped: the call goes out without the value and the dropdown
    /// or schema fails to load, or loads the wrong items. Microsoft's validator rejects it
    /// (`OperationParameterNameNotFound`, `OperationParameterNameIsAmbiguous`).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": {
    ///   "operationId": "ListTables",
    ///   "parameters": { "dataset": { "parameter": "datasetName" } }
    /// }
    /// ```
    /// where `ListTables` has no parameter `dataset`, or the calling operation has no
    /// parameter `datasetName`.
    ///
    /// ## Fix
    /// Rename the key or the reference to the closest existing name, when there is one.
    ///
    /// ## Fix safety
    /// Unsafe: the closest name is a guess, and it changes what the design-time call sends.
    RULE {
        id: "dynamic-parameter-not-found",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension passes a parameter the called operation does not have, or references one the calling operation does not have",
        reference: Some(links::DYNAMIC_VALUES),
        validator: ["OperationParameterNameNotFound", "OperationParameterNameIsAmbiguous"],
        certification: Error,
        check: check,
    }
}

const NOT_FOUND: &str = "OperationParameterNameNotFound";
const AMBIGUOUS: &str = "OperationParameterNameIsAmbiguous";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let mut reported = Reported::default();
    for_each_call(ctx, |site: &Site| {
        let kind = site.call.kind;
        let extension = kind.extension();
        if let Some((target, target_fields)) = site.target {
            let target_name = swagger.name(target);
            let parameter_names = || {
                target_fields
                    .iter()
                    .filter(|f| f.via == Via::Parameter)
                    .filter_map(|f| f.name)
            };
            for arg in &site.call.args {
                let path = segments(kind, arg.target);
                let as_parameter = find_field(target_fields, &path);
                let as_body = (!kind.by_path())
                    .then(|| find_body_property(target_fields, &path))
                    .flatten();
                if as_parameter.is_some() && as_body.is_some() {
                    if reported.first(arg.key_range, AMBIGUOUS) {
                        let message = format!(
                            "'{}' is both a parameter of operation {target_name} and a property of its body; \
                             use 'x-ms-dynamic-list' (or '-properties'), whose paths say which",
                            excerpt(arg.target)
                        );
                        sink.report(
                            FileKind::ApiDefinition,
                            arg.key_range,
                            tree.pointer(arg.node),
                            message,
                        )
                        .with_validator(AMBIGUOUS);
                    }
                    continue;
                }
                if as_parameter.is_some()
                    || as_body.is_some()
                    || !missing(ctx, target_fields, &path)
                {
                    continue;
                }
                if !reported.first(arg.key_range, NOT_FOUND) {
                    continue;
                }
                let suggestion = closest(path[0], parameter_names());
                let message = format!(
                    "'{extension}' passes '{}', but operation {target_name} has no such parameter{}",
                    excerpt(arg.target),
                    did_you_mean(suggestion)
                );
                let diagnostic = sink
                    .report(
                        FileKind::ApiDefinition,
                        arg.key_range,
                        tree.pointer(arg.node),
                        message,
                    )
                    .with_validator(NOT_FOUND);
                if path.len() == 1
                    && let Some(name) = suggestion
                    && !site.call.args.iter().any(|a| a.target == name)
                {
                    diagnostic.with_fix(Fix::unsafe_(
                        format!("Pass '{name}' instead"),
                        vec![Edit::replace(
                            FileKind::ApiDefinition,
                            arg.key_range,
                            json_string(name),
                        )],
                    ));
                }
            }
        }
        for arg in &site.call.args {
            let ArgValue::Reference { name, node } = arg.value else {
                continue;
            };
            let path = segments(kind, name);
            if find_field(site.fields, &path).is_some()
                || find_body_property(site.fields, &path).is_some()
                || !missing(ctx, site.fields, &path)
            {
                continue;
            }
            let range = tree.range(node);
            if !reported.first(range, NOT_FOUND) {
                continue;
            }
            let names = site
                .fields
                .iter()
                .filter(|f| f.via == Via::Parameter)
                .filter_map(|f| f.name);
            let suggestion = closest(path[0], names);
            let message = format!(
                "'{extension}' takes '{}' from operation {}, which has no such parameter or body property{}",
                excerpt(name),
                swagger.name(site.op),
                did_you_mean(suggestion)
            );
            let diagnostic = sink
                .at_value(FileKind::ApiDefinition, tree, node, message)
                .with_validator(NOT_FOUND);
            if path.len() == 1
                && let Some(suggestion) = suggestion
            {
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Take '{suggestion}' instead"),
                    vec![Edit::replace(
                        FileKind::ApiDefinition,
                        range,
                        json_string(suggestion),
                    )],
                ));
            }
        }
    });
}

/// Whether `path` definitely names nothing among `fields`: its first segment is no
/// parameter, or the rest is missing from a parameter's schema that lists its properties.
fn missing(ctx: &Context, fields: &[crate::model::fields::Field], path: &[&str]) -> bool {
    let Some(swagger) = ctx.swagger() else {
        return false;
    };
    let Some(parameter) = fields
        .iter()
        .find(|f| f.via == Via::Parameter && f.name == Some(path[0]))
    else {
        return true;
    };
    if path.len() == 1 {
        return false;
    }
    let Some(schema) = swagger.tree.get(parameter.node, "schema") else {
        return true;
    };
    matches!(lookup(swagger, schema, &path[1..]), Lookup::Missing { .. })
}
