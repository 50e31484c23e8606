use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::operations::webhooks::{has_notification_content, has_notification_url_input};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a webhook registration operation that has only one of its two halves: a
    /// field that receives the callback URL (`x-ms-notification-url`) without
    /// `x-ms-notification-content` (the schema of what the service posts back), or
    /// `x-ms-notification-content` without a callback URL field. The URL field is looked for
    /// through `$ref`, in every parameter and body property.
    ///
    /// ## Why
    /// Power Automate registers the webhook by sending the callback URL in that field, and
    /// builds the trigger's outputs from the notification content. Without the URL field
    /// the service never learns where to post; without the content schema the trigger has
    /// no outputs to use in the flow. Microsoft's validator rejects both
    /// (`WebhookOperationsMissingNotificationUrlProperty`,
    /// `OperationMustHaveNotificationContentExtension`).
    ///
    /// ## Example
    /// ```json
    /// "post": { "operationId": "OnNewItem", "x-ms-trigger": "single",
    ///   "x-ms-notification-content": { "schema": { "$ref": "#/definitions/Item" } },
    ///   "parameters": [{ "name": "body", "in": "body", "schema": { "properties": { "url": { "type": "string" } } } }] }
    /// ```
    ///
    /// ## Fix
    /// Mark the body property that receives the callback URL with
    /// `"x-ms-notification-url": true` (and make it required and internal), or add
    /// `x-ms-notification-content` with the schema of the posted payload.
    ///
    /// ## Fix safety
    /// No automatic fix: which field takes the URL, and what the service posts, are known
    /// only from the service's documentation.
    RULE {
        id: "webhook-incomplete",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A webhook operation has a callback URL field without notification content, or the other way round",
        reference: Some(links::EXTENSIONS),
        validator: [
            "WebhookOperationsMissingNotificationUrlProperty",
            "OperationMustHaveNotificationContentExtension",
        ],
        certification: Error,
        check: check,
    }
}

const NO_URL: &str = "WebhookOperationsMissingNotificationUrlProperty";
const NO_CONTENT: &str = "OperationMustHaveNotificationContentExtension";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    for (op, fields) in swagger.operations.iter().zip(ctx.operation_fields()) {
        let url = has_notification_url_input(swagger, fields);
        let content = has_notification_content(swagger, op, url);
        let at = swagger.operation_id_node(op);
        let (range, pointer) = match at {
            Some(node) => (tree.range(node), tree.pointer(node)),
            None => (op.method_key_range, tree.pointer(op.node)),
        };
        if url && !content {
            let message = format!(
                "operation {} takes a callback URL (x-ms-notification-url) but has no 'x-ms-notification-content': the trigger has no outputs",
                swagger.name(op)
            );
            sink.report(FileKind::ApiDefinition, range, pointer, message)
                .with_validator(NO_CONTENT);
        } else if content && !url {
            let message = format!(
                "webhook operation {} declares 'x-ms-notification-content' but no field marked 'x-ms-notification-url': the service is never told where to post",
                swagger.name(op)
            );
            sink.report(FileKind::ApiDefinition, range, pointer, message)
                .with_validator(NO_URL);
        }
    }
}
