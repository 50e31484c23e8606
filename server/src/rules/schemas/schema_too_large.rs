use std::collections::HashSet;

use crate::links;
use crate::model::FileKind;
use crate::model::schemas::{Size, Sizes};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;

/// The most schemas one body (a body parameter's or a response's schema) may hold, `$ref`s
/// expanded. Microsoft's page gives no number; 512 is the limit the project's design notes
/// record, and the largest body of the published connectors holds 457.
pub const MAX_BODY_SCHEMAS: u64 = 512;
/// The most schemas one operation may hold (its parameters, body and responses). No number
/// is published; the largest operation of the published connectors holds 691.
pub const MAX_OPERATION_SCHEMAS: u64 = 1024;
/// The most schemas a definition may hold (all its operations). No number is published; the
/// largest published connector holds 16,907.
pub const MAX_TOTAL_SCHEMAS: u64 = 20_000;
/// The deepest a schema may nest, `$ref`s expanded. No number is published; the deepest
/// schema of the published connectors has 15 levels.
pub const MAX_SCHEMA_DEPTH: u32 = 20;

declare_rule! {
    /// ## What it does
    /// Measures every schema the way the platform uses it, with its `$ref`s expanded (a
    /// shared definition counts at every place that uses it; a `$ref` back to a schema being
    /// expanded, a recursive schema, counts once): a body (a body parameter's or a response's
    /// schema) with more than 512 schemas (`BodySchemaCountExceedsMaxAllowed`) or more than
    /// 20 levels deep (`SchemaTooDeep`), an operation with more than 1,024
    /// (`OperationSchemaCountExceedsMaxAllowed`; each non-body parameter counts one), a
    /// definition with more than 20,000 (`TotalSchemaCountExceedsMaxAllowed`). Microsoft's
    /// page names the limits but not their values: 512 per body is the project's recorded
    /// limit; the others sit above what the largest published connectors reach (691 per
    /// operation, 16,907 per definition, 15 levels). Each shared schema is measured once, so
    /// the check is linear in the size of the definition.
    ///
    /// ## Why
    /// Microsoft's validator rejects definitions over its limits, and the designer slows down
    /// and truncates outputs on very large schemas. Since the exact values are not published,
    /// this is a warning.
    ///
    /// ## Example
    /// ```json
    /// "Order": { "type": "object", "properties": {
    ///   "lines": { "type": "array", "items": { "$ref": "#/definitions/Line" } }, … } }
    /// ```
    /// where `Line` and the definitions it uses expand to hundreds of schemas.
    ///
    /// ## Fix
    /// Leave out the properties makers do not need, or describe a large free-form part as
    /// `"type": "object"` without properties.
    ///
    /// ## Fix safety
    /// No automatic fix: which properties makers need is for a person to decide.
    RULE {
        id: "schema-too-large",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A schema, operation or definition is larger or deeper than the platform allows",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "BodySchemaCountExceedsMaxAllowed",
            "SchemaTooDeep",
            "OperationSchemaCountExceedsMaxAllowed",
            "TotalSchemaCountExceedsMaxAllowed",
        ],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    let mut sizes = Sizes::new(swagger);
    // A body reached through a shared parameter or response is reported once.
    let mut reported: HashSet<NodeId> = HashSet::new();
    let mut total: u64 = 0;
    let mut check_body =
        |sink: &mut Sink, sizes: &mut Sizes, schema: NodeId, what: String| -> u64 {
            let size: Size = sizes.of(schema);
            if reported.insert(schema) {
                if size.schemas > MAX_BODY_SCHEMAS {
                    sink.at_key(
                        kind,
                        tree,
                        schema,
                        format!(
                            "The schema of {what} holds {} schemas with its $refs expanded; a body \
                         may hold at most {MAX_BODY_SCHEMAS}",
                            size.schemas
                        ),
                    )
                    .with_validator("BodySchemaCountExceedsMaxAllowed");
                }
                if size.depth > MAX_SCHEMA_DEPTH {
                    sink.at_key(
                        kind,
                        tree,
                        schema,
                        format!(
                            "The schema of {what} nests {} levels deep with its $refs expanded; a \
                         schema may nest at most {MAX_SCHEMA_DEPTH}",
                            size.depth
                        ),
                    )
                    .with_validator("SchemaTooDeep");
                }
            }
            size.schemas
        };
    for op in &swagger.operations {
        let name = swagger.name(op);
        let mut count: u64 = 0;
        for param in swagger.parameters(op) {
            match tree.get(param.node, "schema") {
                Some(schema) if param.location == Some("body") => {
                    let what = format!("the body of {name}");
                    count = count.saturating_add(check_body(sink, &mut sizes, schema, what));
                }
                _ => count = count.saturating_add(1),
            }
        }
        for response in swagger.responses(op) {
            if let Some(schema) = tree.get(response.node, "schema") {
                let what = format!("response {} of {name}", response.code);
                count = count.saturating_add(check_body(sink, &mut sizes, schema, what));
            }
        }
        total = total.saturating_add(count);
        if count > MAX_OPERATION_SCHEMAS {
            sink.report(
                kind,
                op.method_key_range,
                tree.pointer(op.node),
                format!(
                    "Operation {name} holds {count} schemas with its $refs expanded; an operation \
                     may hold at most {MAX_OPERATION_SCHEMAS}"
                ),
            )
            .with_validator("OperationSchemaCountExceedsMaxAllowed");
        }
    }
    if total > MAX_TOTAL_SCHEMAS
        && let Some(paths) = tree.get(swagger.root, "paths")
    {
        sink.at_key(
            kind,
            tree,
            paths,
            format!(
                "The operations of the definition hold {total} schemas with their $refs \
                 expanded; a definition may hold at most {MAX_TOTAL_SCHEMAS}"
            ),
        )
        .with_validator("TotalSchemaCountExceedsMaxAllowed");
    }
}
