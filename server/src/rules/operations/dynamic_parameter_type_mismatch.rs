use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::{ArgValue, find_body_property, find_field, segments};
use crate::model::fields::Field;
use crate::model::schemas::LiteralType;
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Compares each argument of a dynamic call with the parameter of the called operation
    /// it fills: a reference must come from a field of the same `type` (an integer may
    /// fill a number), a static value must be a JSON value of that type, and a required
    /// parameter must not be filled from an optional field without a default.
    ///
    /// ## Why
    /// The designer passes the value as it is. A value of another type is sent in a form the
    /// service may refuse (`"5"` for an integer, `true` for a string), and an optional
    /// source can be empty when the call is made, so the required parameter goes out
    /// missing. Microsoft's validator rejects all three (`OperationParameterTypeMismatch`,
    /// `OperationParameterStaticTypeMismatch`, `OperationParameterRequiredMismatch`).
    ///
    /// ## Example
    /// ```json
    /// "parameters": { "top": "10" }
    /// ```
    /// where the called operation's `top` is an integer.
    ///
    /// A required parameter filled from an optional field is graded info by default: 29
    /// published connectors do it.
    ///
    /// ## Fix
    /// Write the static value with the parameter's type (`10`), or make the types (or the
    /// required flags) of the two parameters agree.
    ///
    /// ## Fix safety
    /// No automatic fix: which side is wrong depends on what the service accepts.
    RULE {
        id: "dynamic-parameter-type-mismatch",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension fills a parameter with a value of another type, or a required one from an optional field",
        reference: Some(links::DYNAMIC_VALUES),
        validator: [
            "OperationParameterTypeMismatch",
            "OperationParameterStaticTypeMismatch",
            "OperationParameterRequiredMismatch",
        ],
        certification: Error,
        check: check,
    }
}

const TYPE: &str = "OperationParameterTypeMismatch";
const STATIC_TYPE: &str = "OperationParameterStaticTypeMismatch";
const REQUIRED: &str = "OperationParameterRequiredMismatch";

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
        let kind = site.call.kind;
        let target_name = swagger.name(target);
        for arg in &site.call.args {
            let path = segments(kind, arg.target);
            let Some(index) = find_field(target_fields, &path).or_else(|| {
                (!kind.by_path())
                    .then(|| find_body_property(target_fields, &path))
                    .flatten()
            }) else {
                continue;
            };
            let parameter = &target_fields[index];
            let expected = parameter.declared_type(swagger);
            match arg.value {
                ArgValue::Static(value) => {
                    let (Some(expected), Some(actual)) =
                        (expected, LiteralType::of(tree, &file.text, value))
                    else {
                        continue;
                    };
                    if !actual.fits(expected) && reported.first(tree.range(value), STATIC_TYPE) {
                        let message = format!(
                            "'{}' is of type {expected} in operation {target_name}, but '{}' passes a static {} value",
                            excerpt(arg.target),
                            kind.extension(),
                            actual.name()
                        );
                        sink.at_value(FileKind::ApiDefinition, tree, value, message)
                            .with_validator(STATIC_TYPE);
                    }
                }
                ArgValue::Reference { name, node } => {
                    let source_path = segments(kind, name);
                    let Some(source_index) = find_field(site.fields, &source_path)
                        .or_else(|| find_body_property(site.fields, &source_path))
                    else {
                        continue;
                    };
                    let source = &site.fields[source_index];
                    if let (Some(expected), Some(actual)) =
                        (expected, source.declared_type(swagger))
                        && !declared_fits(actual, expected)
                        && reported.first(tree.range(node), TYPE)
                    {
                        let message = format!(
                            "'{}' is of type {expected} in operation {target_name}, but '{}' fills it from '{}', of type {actual} in operation {}",
                            excerpt(arg.target),
                            kind.extension(),
                            excerpt(name),
                            swagger.name(site.op)
                        );
                        sink.at_value(FileKind::ApiDefinition, tree, node, message)
                            .with_validator(TYPE);
                    }
                    if is_parameter_required(swagger, target_fields, index)
                        && !source
                            .chain(site.fields)
                            .all(|f| f.is_required(swagger, site.fields))
                        && source.get(swagger, "default").is_none()
                        && reported.first(tree.range(node), REQUIRED)
                    {
                        let message = format!(
                            "'{}' is required by operation {target_name}, but '{}' fills it from '{}', which is optional in operation {}: the call can go out without it",
                            excerpt(arg.target),
                            kind.extension(),
                            excerpt(name),
                            swagger.name(site.op)
                        );
                        let lower = sink.lenient();
                        let diagnostic = sink
                            .at_value(FileKind::ApiDefinition, tree, node, message)
                            .with_validator(REQUIRED);
                        if lower {
                            // 29 published connectors do this (Microsoft's own among them):
                            // the validator does not hold it against a connector already
                            // published, and the designer usually has the value by then.
                            diagnostic.severity = Severity::Info;
                        }
                    }
                }
                ArgValue::Unknown => {}
            }
        }
    });
}

/// Whether the field at `index` is required all the way up to its parameter.
fn is_parameter_required(swagger: &Swagger, fields: &[Field], index: usize) -> bool {
    fields[index]
        .chain(fields)
        .all(|f| f.is_required(swagger, fields))
}

/// Whether a parameter declared of type `actual` fills one declared of type `expected`.
fn declared_fits(actual: &str, expected: &str) -> bool {
    actual == expected || (actual == "integer" && expected == "number")
}
