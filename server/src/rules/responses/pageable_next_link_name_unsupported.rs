use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::{
    declared_in_success_schema, next_link_name, supported_next_link_names,
};
use crate::syntax::json::NodeKind;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-pageable.nextLinkName` other than `nextLink` or `@odata.nextLink`, the
    /// two names Power Platform supports. A `null` value is left alone.
    ///
    /// ## Why
    /// Microsoft's validator rejects any other value (`InvalidNextLinkNameValue`), and the
    /// names are matched exactly, so `nextlink` or `@odata.nextlink` are not accepted either.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-pageable": { "nextLinkName": "nextlink" }
    /// ```
    ///
    /// ## Fix
    /// When the name differs from a supported one only in case and no success schema declares the
    /// name as written, replace it with that name. When the schema declares it, the API returns
    /// the link under that name: return it as `nextLink` instead (for example with custom code),
    /// and no fix is offered.
    ///
    /// ## Fix safety
    /// Unsafe. The extension names the field the platform reads the next link from; renaming it
    /// to a field the API does not return stops paging after the first page.
    RULE {
        id: "pageable-next-link-name-unsupported",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "x-ms-pageable.nextLinkName is not 'nextLink' or '@odata.nextLink'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["InvalidNextLinkNameValue"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let Some(node) = next_link_name(swagger, op) else {
            continue;
        };
        let name = match tree.kind(node) {
            NodeKind::String(name) => name,
            NodeKind::Null => continue,
            _ => {
                sink.at_value(
                    file.kind,
                    tree,
                    node,
                    format!(
                        "x-ms-pageable.nextLinkName of {} must be the string 'nextLink' or \
                         '@odata.nextLink'; the connector validator rejects anything else",
                        swagger.name(op)
                    ),
                );
                continue;
            }
        };
        if supported_next_link_names().any(|s| s == &**name) {
            continue;
        }
        let supported = supported_next_link_names().find(|s| s.eq_ignore_ascii_case(name));
        // When the response schema declares the field under the name as written, that is the
        // API's field: a supported spelling would name a field the response does not have,
        // and paging would stop after the first page.
        let real_field = declared_in_success_schema(swagger, op, |key| key == &**name).is_some();
        let shown = excerpt(name);
        let advice = if real_field {
            format!(
                "; the response schema declares '{shown}', so renaming it here would stop paging: \
                 return the link as 'nextLink' instead (for example with custom code)"
            )
        } else {
            String::new()
        };
        let diagnostic = sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "x-ms-pageable.nextLinkName '{shown}' of {} is not supported; use 'nextLink' or \
                 '@odata.nextLink', the only names the connector validator accepts{advice}",
                swagger.name(op)
            ),
        );
        if let Some(supported) = supported.filter(|_| !real_field) {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Replace with '{supported}'"),
                vec![replace_value(
                    file.kind,
                    tree,
                    node,
                    &json_string(supported),
                )],
            ));
        }
    }
}
