use crate::edit::names::to_pascal_case;
use crate::links;
use crate::model::FileKind;
use crate::model::annotation::is_deprecated;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an operationId made of letters, digits and `_` that is not PascalCase
    /// (`^[A-Z][A-Za-z0-9]*`, optionally followed by a revision suffix such as `_V2`).
    ///
    /// ## Why
    /// Microsoft's coding standard for connectors asks for PascalCase ids; they read well in
    /// Power Fx (`Contoso.ListItems()`). Hundreds of published connectors differ, so this is
    /// only a hint. A deprecated operation is left alone: the flows that still use it fix its
    /// name.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "listContacts"
    /// ```
    ///
    /// ## Fix
    /// Rename to PascalCase (`ListContacts`, `GET_PROJECT_LIST` → `GetProjectList`) and update
    /// every reference. When the operation exists at the base revision (`--base`, the
    /// editor's `baseRef`), a second fix renames it the way Microsoft documents for published
    /// operations: the old one stays, deprecated, and the renamed copy becomes its next
    /// revision at `/v2` and the old path, routed to the old path by a
    /// `routerequesttoendpoint` policy.
    ///
    /// ## Fix safety
    /// Unsafe. Flows and apps call an operation by its id: renaming a published operation breaks
    /// them. The second fix keeps them working but adds an operation, a path and a policy,
    /// which someone should read.
    RULE {
        id: "operation-id-not-pascal-case",
        severity: Hint,
        file: Some(FileKind::ApiDefinition),
        summary: "An operationId is not PascalCase",
        reference: Some(links::CODING_STANDARDS),
        check: check,
    }
}

/// `^[A-Z][A-Za-z0-9]*(_V[0-9]+)?$`
fn is_pascal_case(id: &str) -> bool {
    let stem = match id.rfind("_V") {
        Some(at) if at + 2 < id.len() && id[at + 2..].bytes().all(|b| b.is_ascii_digit()) => {
            &id[..at]
        }
        _ => id,
    };
    stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem.chars().all(|c| c.is_ascii_alphanumeric())
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    for op in &swagger.operations {
        let (Some(id), Some(node)) = (swagger.operation_id(op), swagger.operation_id_node(op))
        else {
            continue;
        };
        // Other characters are reported by operation-id-whitespace and -invalid-chars.
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if is_pascal_case(id) || is_deprecated(swagger.tree, op.node) {
            continue;
        }
        let pascal = to_pascal_case(id);
        let message = format!(
            "operationId '{}' should be PascalCase ({})",
            excerpt(id),
            excerpt(&pascal)
        );
        let diagnostic = sink.at_value(FileKind::ApiDefinition, swagger.tree, node, message);
        if pascal != id {
            let new_name = ctx.unique_operation_id(&pascal);
            if let Some(fix) = ctx.rename_fix(op, &new_name, false) {
                diagnostic.with_fix(fix);
            }
            if let Some(fix) = ctx.keep_published_fix(op, &new_name) {
                diagnostic.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_pascal_case;

    #[test]
    fn pascal_case_with_revision_suffix() {
        assert!(is_pascal_case("GetItems_V2"));
        assert!(is_pascal_case("GetItems"));
        assert!(!is_pascal_case("getItems"));
        assert!(!is_pascal_case("Get_Items"));
    }
}
