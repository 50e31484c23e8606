//! What the rules about webhook triggers share: which fields receive the callback URL
//! (`x-ms-notification-url`) and which operations register webhooks.

use crate::model::fields::{Field, Side};
use crate::model::swagger::{Operation, Swagger};
use crate::syntax::json::NodeKind;

pub const NOTIFICATION_URL: &str = "x-ms-notification-url";
pub const NOTIFICATION_CONTENT: &str = "x-ms-notification-content";

/// Whether `field` is marked `x-ms-notification-url: true` (the string `"true"` too, which
/// published connectors write).
pub fn is_notification_url(swagger: &Swagger, field: &Field) -> bool {
    field
        .get(swagger, NOTIFICATION_URL)
        .is_some_and(|value| match swagger.tree.kind(value) {
            NodeKind::Bool(flag) => *flag,
            NodeKind::String(text) => text.eq_ignore_ascii_case("true"),
            _ => false,
        })
}

/// Whether the operation declares `x-ms-notification-content`, itself or on its path item.
/// Published connectors put it on the path item, next to the `delete` that removes the
/// webhook: there it counts only for a trigger or an operation that takes the callback URL
/// (`takes_url`; a "send and wait" action), not for its neighbours.
pub fn has_notification_content(swagger: &Swagger, op: &Operation, takes_url: bool) -> bool {
    let tree = swagger.tree;
    tree.get(op.node, NOTIFICATION_CONTENT).is_some()
        || ((takes_url || is_trigger(swagger, op))
            && tree
                .get(swagger.path_of(op).node, NOTIFICATION_CONTENT)
                .is_some())
}

/// Whether the operation is a trigger (`x-ms-trigger`).
pub fn is_trigger(swagger: &Swagger, op: &Operation) -> bool {
    swagger.tree.get(op.node, "x-ms-trigger").is_some()
}

/// Whether some input field of the operation receives the callback URL.
pub fn has_notification_url_input(swagger: &Swagger, fields: &[Field]) -> bool {
    fields
        .iter()
        .any(|f| f.side == Side::Input && is_notification_url(swagger, f))
}

/// Whether the operation registers a webhook: it takes a callback URL or declares what
/// the service posts to it.
pub fn is_webhook(swagger: &Swagger, op: &Operation, fields: &[Field]) -> bool {
    has_notification_url_input(swagger, fields) || has_notification_content(swagger, op, false)
}
