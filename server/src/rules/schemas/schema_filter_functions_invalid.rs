//! `filterFunctions` of a schema's `x-ms-capabilities`: not empty, each once, known values,
//! in response schemas only.

use std::collections::HashSet;

use crate::diagnostic::Fix;
use crate::edit::json::remove_item;
use crate::edit::names::{closest, did_you_mean};
use crate::links;
use crate::model::FileKind;
use crate::model::fields::Side;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, lower_first, schema_objects};
use crate::text::excerpt;
use crate::vocabulary::{FILTER_FUNCTIONS, value_names};

declare_rule! {
    /// ## What it does
    /// Reports the `filterFunctions` list of a schema's `x-ms-capabilities` (the functions
    /// Power Fx may delegate to the service when it filters on that column) when it is empty
    /// (`FilterFunctionsPropertyEmpty`), names a function twice
    /// (`FilterFunctionsPropertyHasDuplicates`), names a function Power Fx does not know
    /// (`FilterFunctionsPropertyInvalidValue`; the known ones, lower case: `eq`, `ne`, `lt`,
    /// `le`, `gt`, `ge`, `and`, `or`, `not`, `contains`, `startswith`, `endswith`, `null`,
    /// the text, date and arithmetic functions, the aggregates, `top`, `cdsin`, `astype`,
    /// `arraylookup` and the joins), or stands in a schema that an operation's input reaches
    /// (`FilterFunctionsPropertyInInputSchema`). Each finding carries its own code.
    ///
    /// ## Why
    /// Microsoft's validator rejects each of these. The list describes the columns of a table
    /// the connector returns, so it means something only in a response schema; an unknown
    /// name (`EQ`, `equals`) is ignored by Power Fx, which then does not delegate the filter
    /// and works on the first rows only. No published connector of the corpus declares the
    /// list: a warning by default, an error under the certification profile.
    ///
    /// ## Example
    /// ```json
    /// "name": { "type": "string",
    ///   "x-ms-capabilities": { "filterFunctions": ["eq", "equals", "eq"] } }
    /// ```
    ///
    /// ## Fix
    /// Remove the duplicate (automatic), spell each function as Power Fx does, list at least
    /// one function or remove the list, and keep it out of request schemas.
    ///
    /// ## Fix safety
    /// Removing a duplicate is safe: the set of functions is the same.
    RULE {
        id: "schema-filter-functions-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A column's 'filterFunctions' is empty, repeats or misspells a function, or is in an input schema",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "FilterFunctionsPropertyEmpty",
            "FilterFunctionsPropertyHasDuplicates",
            "FilterFunctionsPropertyInInputSchema",
            "FilterFunctionsPropertyInvalidValue",
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
    let kind = file.kind;
    let mut inputs: Option<HashSet<_>> = None;
    for (node, loc) in schema_objects(ctx) {
        let Some(list) = tree.path(node, &["x-ms-capabilities", "filterFunctions"]) else {
            continue;
        };
        // Another type is the structural rules' (JsonTypeIncorrect).
        if !tree.is_array(list) {
            continue;
        }
        let what = describe(tree, node, loc);
        // Every schema an operation's input reaches, after `$ref` and where written.
        let inputs = inputs.get_or_insert_with(|| {
            ctx.operation_fields()
                .iter()
                .flatten()
                .filter(|field| field.side == Side::Input)
                .flat_map(|field| [field.node, field.site])
                .collect()
        });
        if inputs.contains(&node) {
            sink.at_key(
                kind,
                tree,
                list,
                format!(
                    "{what} is part of an operation's input, but 'filterFunctions' describes \
                     the columns a response returns; it belongs in response schemas only"
                ),
            )
            .with_validator("FilterFunctionsPropertyInInputSchema");
        }
        let items = tree.items(list);
        if items.is_empty() {
            sink.at_value(
                kind,
                tree,
                list,
                format!(
                    "The 'filterFunctions' of {} is empty; list at least one function or \
                     remove it",
                    lower_first(&what)
                ),
            )
            .with_validator("FilterFunctionsPropertyEmpty");
            continue;
        }
        let mut seen = HashSet::new();
        for (index, &item) in items.iter().enumerate() {
            let Some(name) = tree.as_str(item) else {
                continue;
            };
            if !seen.insert(name) {
                sink.at_value(
                    kind,
                    tree,
                    item,
                    format!(
                        "'{}' is listed twice in the 'filterFunctions' of {}",
                        excerpt(name),
                        lower_first(&what)
                    ),
                )
                .with_validator("FilterFunctionsPropertyHasDuplicates")
                .with_fix(Fix::safe(
                    format!("Remove the second '{}'", excerpt(name)),
                    vec![remove_item(kind, tree, list, index)],
                ));
            } else if !value_names(FILTER_FUNCTIONS).any(|known| known == name) {
                sink.at_value(
                    kind,
                    tree,
                    item,
                    format!(
                        "'{}' is not a function Power Fx delegates{}; Power Fx ignores it and \
                         filters only the first rows",
                        excerpt(name),
                        did_you_mean(closest(name, value_names(FILTER_FUNCTIONS)))
                    ),
                )
                .with_validator("FilterFunctionsPropertyInvalidValue");
            }
        }
    }
}
