use crate::links;
use crate::model::FileKind;
use crate::model::annotation::{annotation, is_deprecated};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports the `replacement` of an operation's `x-ms-api-annotation` when the operation
    /// is not `deprecated: true`, or when it lacks `api` or `operationId`.
    ///
    /// ## Why
    /// A replacement tells the designer where makers of a deprecated action should go; on an
    /// operation that is not deprecated it means nothing. Microsoft's validator rejects it
    /// there (`ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations`) and asks for
    /// both `api` (the connector of the replacing operation) and `operationId`
    /// (`ApiAnnotationExtensionReplacementInfoMissingApiProperty`,
    /// `ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty`). No published
    /// connector writes a replacement, so the finding is a warning outside the certification
    /// profile.
    ///
    /// ## Example
    /// ```json
    /// "get": {
    ///   "operationId": "GetItems",
    ///   "x-ms-api-annotation": { "family": "GetItems", "revision": 1,
    ///                            "replacement": { "operationId": "GetItemsV2" } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Mark the replaced operation `"deprecated": true`, or remove `replacement` if the
    /// operation stays current; write both `api` and `operationId` in it.
    ///
    /// ## Fix safety
    /// No automatic fix: deprecating an operation hides it from makers, and only the author
    /// knows the name of the connector's API.
    RULE {
        id: "operation-replacement-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An x-ms-api-annotation replacement on an operation that is not deprecated, or without api or operationId",
        reference: Some(links::VERSIONING),
        validator: [
            "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
            "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
            "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
        ],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let file = FileKind::ApiDefinition;
    for op in &swagger.operations {
        let Some(replacement) = annotation(tree, op.node).and_then(|a| a.replacement) else {
            continue;
        };
        let name = swagger.name(op);
        if !is_deprecated(tree, op.node) {
            sink.at_key(
                file,
                tree,
                replacement.node,
                format!(
                    "Operation {name} names a replacement but is not deprecated: a replacement \
                     only applies to an operation marked \"deprecated\": true"
                ),
            )
            .with_validator("ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations");
        }
        if !tree.is_object(replacement.node) {
            // Its type is reported by the structural rules.
            continue;
        }
        for (missing, key, code) in [
            (
                replacement.api.is_none(),
                "api",
                "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
            ),
            (
                replacement.operation_id.is_none(),
                "operationId",
                "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
            ),
        ] {
            if missing {
                sink.at_key(
                    file,
                    tree,
                    replacement.node,
                    format!(
                        "The replacement of operation {name} has no '{key}': the validator asks \
                         for both 'api' and 'operationId'"
                    ),
                )
                .with_validator(code);
            }
        }
    }
}
