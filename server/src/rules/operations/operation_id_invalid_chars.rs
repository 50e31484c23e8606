use crate::edit::names::to_pascal_case;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::{LISTED_ITEMS, excerpt};

declare_rule! {
    /// ## What it does
    /// Reports an operationId with characters other than letters, digits and `_` (for
    /// example `-`, `.` or `/`). Whitespace is reported by `operation-id-whitespace`.
    ///
    /// ## Why
    /// Microsoft's validator compares the id with its sanitized form and asks to avoid
    /// non-alphanumeric characters; Power Fx has to quote such names. Dozens of certified
    /// connectors still use `-`, so this is a warning, not an error.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "get-employee"
    /// ```
    ///
    /// ## Fix
    /// Rename to PascalCase (`GetEmployee`) and update every reference in the definition,
    /// apiProperties.json and script.csx.
    ///
    /// ## Fix safety
    /// Unsafe. Dozens of published connectors use such ids, and flows and apps call an operation
    /// by its id: renaming a published operation breaks them.
    RULE {
        id: "operation-id-invalid-chars",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operationId contains characters other than letters, digits and '_'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationIdSanitized"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    for op in &swagger.operations {
        let (Some(id), Some(node)) = (swagger.operation_id(op), swagger.operation_id_node(op))
        else {
            continue;
        };
        if id.chars().any(char::is_whitespace) {
            continue;
        }
        let mut invalid: Vec<char> = id
            .chars()
            .filter(|c| !c.is_ascii_alphanumeric() && *c != '_')
            .collect();
        if invalid.is_empty() {
            continue;
        }
        let mut seen = std::collections::HashSet::new();
        invalid.retain(|c| seen.insert(*c));
        // Each distinct character once, and a bounded number of them.
        let shown: Vec<String> = invalid
            .iter()
            .take(LISTED_ITEMS)
            .map(|c| format!("'{c}'"))
            .collect();
        let more = match invalid.len() - shown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let message = format!(
            "operationId '{}' contains {}{more}; use only letters, digits and '_' so that Power Fx and policies can name it",
            excerpt(id),
            shown.join(", ")
        );
        let diagnostic = sink.at_value(FileKind::ApiDefinition, swagger.tree, node, message);
        let new_name = ctx.unique_operation_id(&to_pascal_case(id));
        if let Some(fix) = ctx.rename_fix(op, &new_name, false) {
            diagnostic.with_fix(fix);
        }
    }
}
