use crate::diagnostic::Severity;
use crate::edit::names::did_you_mean;
use crate::edit::rename::closest_operation_fix;
use crate::links;
use crate::model::FileKind;
use crate::model::references::RefKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports an extension of the definition that names an operation by an operationId that
    /// does not exist: `x-ms-dynamic-values`, `x-ms-dynamic-list`, `x-ms-dynamic-schema`,
    /// `x-ms-dynamic-properties`, `x-ms-dynamic-tree` (`open`, `browse`),
    /// `x-ms-notification`, `x-ms-operation-context.simulate`, the root
    /// `x-ms-capabilities` (`testConnection`, `file-picker`), `x-ms-openai-data.operations`
    /// and a local `x-ms-api-annotation.replacement`. References in `x-ms-openai-data` are
    /// graded warning: the platform's validator accepts them, and only the AI plugin
    /// loses the operation.
    ///
    /// ## Why
    /// The designer calls that operation to fill a dropdown, fetch a schema or test a
    /// connection; with a wrong id the call fails at design time and makers see an error.
    /// Ids are compared case-sensitively, as the platform does.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": { "operationId": "ListTable", "value-path": "id" }
    /// ```
    ///
    /// ## Fix
    /// Replace with the closest existing operationId. An id that is an error itself (blank,
    /// with whitespace, or used by two operations) is never suggested.
    ///
    /// ## Fix safety
    /// Safe when only the case differs in one of the `x-ms-dynamic-*` extensions: the validator
    /// rejects those references (`OperationIdNotFound`), so no published connector depends on the
    /// broken one. Unsafe otherwise: another name may be the wrong operation, and references the
    /// validator does not check (such as `x-ms-openai-data`) may be in use as written.
    RULE {
        id: "operation-ref-unknown",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An extension refers to an operationId that does not exist",
        reference: Some(links::EXTENSIONS),
        validator: ["OperationIdNotFound"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    for reference in &ctx.operation_refs {
        let RefKind::Extension(extension) = reference.kind else {
            continue;
        };
        if swagger.resolves(reference) {
            continue;
        }
        let (suggestion, fix) = closest_operation_fix(ctx, reference);
        let message = format!(
            "{extension} refers to operationId '{}', which does not exist{}",
            excerpt(&reference.name),
            did_you_mean(suggestion.as_deref())
        );
        let node = reference.node.expect("definition references are JSON");
        let grade_warning = extension == "x-ms-openai-data" && sink.may_grade();
        let diagnostic = sink.at_value(FileKind::ApiDefinition, swagger.tree, node, message);
        if grade_warning {
            diagnostic.severity = Severity::Warning;
        }
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}
