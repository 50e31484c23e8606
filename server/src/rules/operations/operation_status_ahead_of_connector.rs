use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::model::annotation::{STATUS_PREVIEW, STATUS_PRODUCTION};
use crate::model::annotation::{annotation, connector_status, is_production};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `x-ms-api-annotation` says `"status": "Production"` while
    /// the connector's own status, `info.x-ms-api-annotation.status`, is `Preview`.
    ///
    /// ## Why
    /// An operation cannot be further along than the connector that holds it; Microsoft's
    /// validator rejects it (`OperationStatusAheadOfConnector`). The connector's status is
    /// read only where it is written: Microsoft documents `Preview` as its default, yet
    /// certified connectors without `info.x-ms-api-annotation` have operations in
    /// Production, so a connector that does not state its status gets no finding. No
    /// published connector that states `Preview` has an operation in Production; a warning
    /// outside the certification profile, since the connector still works.
    ///
    /// ## Example
    /// ```json
    /// "info": { "x-ms-api-annotation": { "status": "Preview" } },
    /// …
    /// "x-ms-api-annotation": { "family": "GetItems", "revision": 1, "status": "Production" }
    /// ```
    ///
    /// ## Fix
    /// Set the operation's status to `Preview`, or move the connector to `Production` when it
    /// is ready.
    ///
    /// ## Fix safety
    /// Unsafe. The fix picks one of the two repairs, and the status shows in the designer
    /// (a Preview label on the action).
    RULE {
        id: "operation-status-ahead-of-connector",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation in Production status while the connector is in Preview",
        reference: Some(links::VERSIONING),
        validator: ["OperationStatusAheadOfConnector"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let Some(connector) = connector_status(swagger).filter(|&s| {
        tree.as_str(s)
            .is_some_and(|s| s.eq_ignore_ascii_case(STATUS_PREVIEW))
    }) else {
        return;
    };
    for op in &swagger.operations {
        let Some(status) = annotation(tree, op.node)
            .and_then(|a| a.status)
            .filter(|&s| is_production(tree, s))
        else {
            continue;
        };
        sink.at_value(
            FileKind::ApiDefinition,
            tree,
            status,
            format!(
                "Operation {} is in {STATUS_PRODUCTION} status while the connector is in \
                 {STATUS_PREVIEW}: an operation cannot be ahead of its connector",
                swagger.name(op)
            ),
        )
        .with_related(
            FileKind::ApiDefinition,
            tree.range(connector),
            format!("The connector's status is {STATUS_PREVIEW}"),
        )
        .with_fix(Fix::unsafe_(
            format!("Set the operation's status to {STATUS_PREVIEW}"),
            vec![replace_value(
                FileKind::ApiDefinition,
                tree,
                status,
                &json_string(STATUS_PREVIEW),
            )],
        ));
    }
}
