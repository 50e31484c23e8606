use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::parameter_name;
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports parameters whose location does not allow what they declare: `type: file`
    /// outside `formData` (`FileParameterMustBeInFormData`); `allowEmptyValue` outside
    /// `query` and `formData` (`AllowEmptyValueOnlyValidForQueryFormData`); a `formData`
    /// name with characters outside US-ASCII (`InvalidFormDataParameterName`); an operation
    /// with both `body` and `formData` parameters (`ParameterListContainsFormDataAndBody`,
    /// path-level parameters included); and a file (`type: file`, or `string` / `binary`) in
    /// an operation that consumes only `application/x-www-form-urlencoded`
    /// (`StringBinaryNotSupportedForFormUrlEncoded`). Each finding carries its own code.
    ///
    /// ## Why
    /// Microsoft's validator rejects each of these, and Swagger 2.0 defines them so: a file is
    /// sent as a part of a multipart form, an URL-encoded form cannot carry binary content, a
    /// request body is either JSON (`body`) or a form (`formData`), never both, and only
    /// query and form values can be sent empty.
    ///
    /// ## Example
    /// ```json
    /// { "name": "file", "in": "query", "type": "file" }
    /// ```
    ///
    /// ## Fix
    /// Remove `allowEmptyValue` where it does not apply. The others need a person: move the
    /// file into a multipart form, rename the form field, choose between body and form.
    ///
    /// ## Fix safety
    /// Safe: outside query and form data `allowEmptyValue` means nothing, so removing it
    /// changes no request.
    RULE {
        id: "parameter-location-invalid",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A parameter declares what its location does not allow",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "FileParameterMustBeInFormData",
            "AllowEmptyValueOnlyValidForQueryFormData",
            "InvalidFormDataParameterName",
            "ParameterListContainsFormDataAndBody",
            "StringBinaryNotSupportedForFormUrlEncoded",
        ],
        check: check,
    }
}

const FORM_URL_ENCODED: &str = "application/x-www-form-urlencoded";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    for (node, _) in ctx.objects_at(&[Loc::Parameter]) {
        let location = tree.get_str(node, "in");
        let what = parameter_name(swagger, node);
        if let Some(type_node) = tree.get(node, "type")
            && tree.as_str(type_node) == Some("file")
            && location.is_some_and(|l| l != "formData")
        {
            sink.at_value(
                kind,
                tree,
                type_node,
                format!(
                    "{what} is of type 'file' but is in '{}'; files can only be sent as form data",
                    excerpt(location.unwrap_or_default())
                ),
            )
            .with_validator("FileParameterMustBeInFormData");
        }
        if let Some(index) = tree
            .members(node)
            .iter()
            .position(|m| &*m.key == "allowEmptyValue")
            && location.is_some_and(|l| l != "query" && l != "formData")
        {
            let member = &tree.members(node)[index];
            sink.at_key(
                kind,
                tree,
                member.value,
                format!(
                    "{what} is in '{}', where 'allowEmptyValue' does not apply (query and form \
                     data only)",
                    excerpt(location.unwrap_or_default())
                ),
            )
            .with_validator("AllowEmptyValueOnlyValidForQueryFormData")
            .with_fix(Fix::safe(
                "Remove 'allowEmptyValue'",
                vec![remove_member(kind, tree, node, index)],
            ));
        }
        if location == Some("formData")
            && let Some(name_node) = tree.get(node, "name")
            && let Some(name) = tree.as_str(name_node)
            && !name.is_ascii()
        {
            sink.at_value(
                kind,
                tree,
                name_node,
                format!(
                    "Form data parameter name '{}' has characters outside US-ASCII, which a form \
                     field name cannot carry",
                    excerpt(name)
                ),
            )
            .with_validator("InvalidFormDataParameterName");
        }
    }
    for op in &swagger.operations {
        let params = swagger.parameters(op);
        let body = params.iter().find(|p| p.location == Some("body"));
        let form = params.iter().find(|p| p.location == Some("formData"));
        if let (Some(body), Some(form)) = (body, form) {
            sink.at_value(
                kind,
                tree,
                form.site,
                format!(
                    "Operation {} has both a 'body' parameter and 'formData' parameters; a \
                     request body is either JSON or a form",
                    swagger.name(op)
                ),
            )
            .with_validator("ParameterListContainsFormDataAndBody")
            .with_related(kind, tree.range(body.site), "the body parameter");
        }
        let consumes = swagger.consumes(op).unwrap_or_default();
        let url_encoded_only = !consumes.is_empty()
            && consumes
                .iter()
                .all(|c| c.trim().eq_ignore_ascii_case(FORM_URL_ENCODED));
        if !url_encoded_only {
            continue;
        }
        for param in &params {
            let Some(binary) = binary_type(swagger, param.node, param.location) else {
                continue;
            };
            sink.at_value(
                kind,
                tree,
                binary,
                format!(
                    "{} is binary, but operation {} consumes only '{FORM_URL_ENCODED}', which \
                     cannot carry binary content",
                    parameter_name(swagger, param.node),
                    swagger.name(op)
                ),
            )
            .with_validator("StringBinaryNotSupportedForFormUrlEncoded");
        }
    }
}

/// The `type` node of a parameter that sends binary content (`file`, or `string` with format
/// `binary`, on the parameter or its body schema).
fn binary_type(
    swagger: &crate::model::swagger::Swagger,
    node: NodeId,
    location: Option<&str>,
) -> Option<NodeId> {
    let tree = swagger.tree;
    let described = if location == Some("body") {
        swagger.deref(tree.get(node, "schema")?)
    } else {
        node
    };
    let type_node = tree.get(described, "type")?;
    let binary = match tree.as_str(type_node)? {
        "file" => true,
        "string" => tree.get_str(described, "format") == Some("binary"),
        _ => false,
    };
    binary.then_some(type_node)
}
