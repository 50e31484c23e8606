//! A parameter named `connectionId`, a name the platform keeps for itself.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a parameter (of an operation, a path item or the root `parameters`) named
    /// `connectionId`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`ConnectionIdParameterNotAllowed`: "A parameter
    /// cannot be named as 'connectionId'."). The platform routes every call through the
    /// connection it names `connectionId`, so a parameter of that name collides with it. No
    /// published connector has one.
    ///
    /// ## Example
    /// ```json
    /// { "name": "connectionId", "in": "query", "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter (for example `accountConnectionId`) and every reference to it.
    ///
    /// ## Fix safety
    /// No automatic fix: the name is what the service receives, so the new name must be one
    /// the service accepts (often through a policy that sets the header or query key).
    RULE {
        id: "parameter-connection-id",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A parameter is named 'connectionId'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ConnectionIdParameterNotAllowed"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for (parameter, _) in ctx.objects_at(&[Loc::Parameter]) {
        let Some(name) = tree.get(parameter, "name") else {
            continue;
        };
        if tree.as_str(name) == Some("connectionId") {
            sink.at_value(
                file.kind,
                tree,
                name,
                "A parameter cannot be named 'connectionId': the platform passes the \
                 connection under that name",
            );
        }
    }
}
