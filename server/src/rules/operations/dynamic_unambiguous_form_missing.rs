use crate::diagnostic::Fix;
use crate::edit::json::{Json, insert_member, replace_value};
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::{ArgValue, CallKind, find_body_property, find_field, segments};
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-dynamic-values` or `x-ms-dynamic-schema` that needs its unambiguous
    /// companion (`x-ms-dynamic-list`, `x-ms-dynamic-properties`) and does not have it: a
    /// reference that points inside a field (`{"parameter": "body.owner"}`) or to a body
    /// property rather than a parameter, a reference whose name is both a parameter and a
    /// body property, a schema `value-path` that points to schema properties
    /// (`…/properties`). It also checks that `x-ms-dynamic-properties.itemValuePath` is
    /// the dynamic schema's `value-path` without its trailing `properties`.
    ///
    /// ## Why
    /// The older extensions address values by bare names, which cannot say which field of a
    /// body they mean; the designer then takes the wrong value or none. The newer forms say
    /// it with paths, and when both are written they must agree. Microsoft's validator
    /// rejects each case (`DynamicListExtensionRequiredForNonParameterReferences`,
    /// `DynamicListExtensionRequiredForAmbiguousReferences`,
    /// `DynamicPropertiesExtensionRequiredForNonParameterReferences`,
    /// `DynamicPropertiesExtensionRequiredForAmbiguousReferences`,
    /// `DynamicPropertiesExtensionRequiredForPropertiesValuePath`,
    /// `DynamicPropertiesItemValuePathMismatch`).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": { "operationId": "ListOwners", "parameters": { "team": { "parameter": "body.team" } } }
    /// ```
    /// with no `x-ms-dynamic-list` beside it.
    ///
    /// ## Fix
    /// Write the companion extension with paths (`{"parameterReference": "body/team"}`).
    /// For a mismatched `itemValuePath`, set it to the expected path.
    ///
    /// ## Fix safety
    /// The `itemValuePath` fix is unsafe: the designer that reads the newer extension uses the
    /// path as written, and either of the two may be the right one.
    RULE {
        id: "dynamic-unambiguous-form-missing",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An x-ms-dynamic-values or -schema needs x-ms-dynamic-list or -properties beside it, or disagrees with it",
        reference: Some(links::DYNAMIC_VALUES),
        validator: [
            "DynamicListExtensionRequiredForNonParameterReferences",
            "DynamicListExtensionRequiredForAmbiguousReferences",
            "DynamicPropertiesExtensionRequiredForNonParameterReferences",
            "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
            "DynamicPropertiesExtensionRequiredForPropertiesValuePath",
            "DynamicPropertiesItemValuePathMismatch",
        ],
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
        let call = site.call;
        let (companion, non_parameter, ambiguous) = match call.kind {
            CallKind::Values => (
                CallKind::List,
                "DynamicListExtensionRequiredForNonParameterReferences",
                "DynamicListExtensionRequiredForAmbiguousReferences",
            ),
            CallKind::Schema => (
                CallKind::Properties,
                "DynamicPropertiesExtensionRequiredForNonParameterReferences",
                "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
            ),
            _ => return,
        };
        let field = &site.fields[call.field];
        let sibling = field.get(swagger, companion.extension());
        let (extension, wanted) = (call.kind.extension(), companion.extension());
        if sibling.is_none() {
            for arg in &call.args {
                let ArgValue::Reference { name, node } = arg.value else {
                    continue;
                };
                let path = segments(call.kind, name);
                let parameter = find_field(site.fields, &path[..1]);
                let body = find_body_property(site.fields, &path);
                let code = if path.len() > 1 && find_field(site.fields, &path).is_some() {
                    Some((non_parameter, "points inside a field"))
                } else if parameter.is_some() && body.is_some() {
                    Some((ambiguous, "is both a parameter and a body property"))
                } else if parameter.is_none() && body.is_some() {
                    Some((non_parameter, "is a body property, not a parameter"))
                } else {
                    None
                };
                let Some((code, why)) = code else { continue };
                if reported.first(tree.range(node), code) {
                    let message = format!(
                        "'{extension}' takes '{}', which {why}; add '{wanted}', whose paths say which field it means",
                        excerpt(name)
                    );
                    sink.at_value(FileKind::ApiDefinition, tree, node, message)
                        .with_validator(code);
                }
            }
        }
        if call.kind != CallKind::Schema {
            return;
        }
        let Some(value_path) = tree.get(call.node, "value-path") else {
            return;
        };
        let text = tree.as_str(value_path).unwrap_or("");
        let expected = text
            .trim_matches('/')
            .strip_suffix("properties")
            .map(|rest| rest.trim_end_matches('/'));
        match (sibling, expected) {
            (None, Some(_)) => {
                let code = "DynamicPropertiesExtensionRequiredForPropertiesValuePath";
                if reported.first(tree.range(value_path), code) {
                    let message = format!(
                        "'value-path' '{}' points to schema properties; add 'x-ms-dynamic-properties', which points to the schema object",
                        excerpt(text)
                    );
                    sink.at_value(FileKind::ApiDefinition, tree, value_path, message)
                        .with_validator(code);
                }
            }
            (Some(properties), expected) => {
                let expected = expected.unwrap_or(text.trim_matches('/'));
                let item = tree.get(properties, "itemValuePath");
                let actual = item
                    .and_then(|i| tree.as_str(i))
                    .unwrap_or("")
                    .trim_matches('/');
                let code = "DynamicPropertiesItemValuePathMismatch";
                if actual == expected {
                    return;
                }
                let at = item.unwrap_or(properties);
                if !reported.first(tree.range(at), code) {
                    return;
                }
                let message = format!(
                    "'x-ms-dynamic-properties' reads the schema at '{}', but 'x-ms-dynamic-schema' reads it at '{}': expected itemValuePath '{}'",
                    excerpt(actual),
                    excerpt(text),
                    excerpt(expected)
                );
                let value = Json::str(expected);
                let edit = match item {
                    Some(item) => replace_value(
                        FileKind::ApiDefinition,
                        tree,
                        item,
                        &value.laid_out_at(&file.text, tree.range(item).start),
                    ),
                    None => insert_member(
                        FileKind::ApiDefinition,
                        &file.text,
                        tree,
                        properties,
                        "itemValuePath",
                        &value.for_member_of(&file.text, tree, properties),
                    ),
                };
                let diagnostic = match item {
                    Some(item) => sink.at_value(FileKind::ApiDefinition, tree, item, message),
                    None => sink.at_key(FileKind::ApiDefinition, tree, properties, message),
                };
                diagnostic.with_validator(code).with_fix(Fix::unsafe_(
                    format!("Set itemValuePath to '{}'", excerpt(expected)),
                    vec![edit],
                ));
            }
            (None, None) => {}
        }
    });
}
