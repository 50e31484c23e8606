use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::operations::webhooks::{is_trigger, is_webhook};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Checks `x-ms-notification`, which links a trigger to the webhook operation that
    /// registers it: it belongs on a trigger (`x-ms-trigger`) that is not itself a webhook
    /// registration, and its `operationId` must name a webhook operation (one that takes a
    /// callback URL, `x-ms-notification-url`, or declares `x-ms-notification-content`).
    ///
    /// ## Why
    /// The platform registers the trigger by calling the linked operation with a callback
    /// URL; on an action, on the webhook operation itself, or pointing to an operation that
    /// takes no callback URL, the link cannot work. Microsoft's validator rejects each case
    /// (`NotificationExtensionSupportedForTriggerOnly`,
    /// `NotificationExtensionNotSupportedInWebhookOperation`,
    /// `NotificationOperationMustBeWebhook`). No published connector uses the extension.
    ///
    /// ## Example
    /// ```json
    /// "get": { "operationId": "GetItems", "x-ms-notification": { "operationId": "ListHooks" } }
    /// ```
    /// on an action, or with `ListHooks` taking no callback URL.
    ///
    /// ## Fix
    /// Move the extension to the trigger, or point it to the webhook registration operation.
    ///
    /// ## Fix safety
    /// No automatic fix: which operation registers the webhook is the author's knowledge.
    RULE {
        id: "notification-extension-misplaced",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "x-ms-notification is not on a trigger, is on a webhook operation, or links to an operation that is no webhook",
        reference: Some(links::EXTENSIONS),
        validator: [
            "NotificationExtensionSupportedForTriggerOnly",
            "NotificationExtensionNotSupportedInWebhookOperation",
            "NotificationOperationMustBeWebhook",
        ],
        certification: Error,
        check: check,
    }
}

const TRIGGER_ONLY: &str = "NotificationExtensionSupportedForTriggerOnly";
const IN_WEBHOOK: &str = "NotificationExtensionNotSupportedInWebhookOperation";
const MUST_BE_WEBHOOK: &str = "NotificationOperationMustBeWebhook";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let file = FileKind::ApiDefinition;
    let all = ctx.operation_fields();
    for (op, fields) in swagger.operations.iter().zip(all) {
        let Some(extension) = tree.get(op.node, "x-ms-notification") else {
            continue;
        };
        let name = swagger.name(op);
        if !is_trigger(swagger, op) {
            let message = format!(
                "'x-ms-notification' is on operation {name}, which is not a trigger; it belongs on a trigger only"
            );
            sink.at_key(file, tree, extension, message)
                .with_validator(TRIGGER_ONLY);
        } else if is_webhook(swagger, op, fields) {
            let message = format!(
                "'x-ms-notification' is on operation {name}, which registers a webhook itself; it belongs on the trigger the webhook feeds"
            );
            sink.at_key(file, tree, extension, message)
                .with_validator(IN_WEBHOOK);
        }
        let Some(id_node) = tree.get(extension, "operationId") else {
            continue;
        };
        let target = tree.as_str(id_node).and_then(|id| {
            swagger
                .operations
                .iter()
                .position(|o| swagger.operation_id(o) == Some(id))
        });
        let Some(target) = target else {
            // An unknown id is operation-ref-unknown's finding.
            continue;
        };
        let (target, target_fields) = (&swagger.operations[target], &all[target]);
        if !is_webhook(swagger, target, target_fields) {
            let message = format!(
                "'x-ms-notification' links to operation {}, which registers no webhook (no 'x-ms-notification-url' field, no 'x-ms-notification-content')",
                swagger.name(target)
            );
            sink.at_value(file, tree, id_node, message)
                .with_validator(MUST_BE_WEBHOOK);
        }
    }
}
