use crate::diagnostic::Fix;
use crate::edit::json::{Json, insert_items, insert_member};
use std::collections::HashSet;

use crate::links;
use crate::model::FileKind;
use crate::model::fields::{Side, Via};
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::Reported;
use crate::rules::operations::webhooks::{NOTIFICATION_URL, is_notification_url};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;

declare_rule! {
    /// ## What it does
    /// Checks every field marked `"x-ms-notification-url": true`, the field that receives the
    /// callback URL of a webhook trigger: it must be in the request body (a body property,
    /// or the body itself), of type `string`, required all the way down the body's schema
    /// (the body parameter's own `required` is not asked for: 26 published connectors leave
    /// it out), and internal (itself or a field above it). A definition used in a response as
    /// well as in a request is judged by the request.
    ///
    /// ## Why
    /// The platform generates the callback URL and writes it into that field when it
    /// registers the webhook. A visible field shows users a box they must not fill, an
    /// optional one may be left out of the request (optional internal fields are not sent),
    /// and a field in a response or a query string is never filled. Microsoft's validator
    /// rejects each (`NotificationUrlNotAllowedInThisPosition`, `NotificationUrlNotString`,
    /// `NotificationUrlNotRequired`, `NotificationUrlNotInternal`).
    ///
    /// ## Example
    /// ```json
    /// "properties": { "callbackUrl": { "type": "string", "x-ms-notification-url": true } }
    /// ```
    /// with `callbackUrl` neither required nor internal.
    ///
    /// ## Fix
    /// Add `"x-ms-visibility": "internal"` to a notification URL field that no field above
    /// hides; add each optional property of the chain to its parent's `required`.
    ///
    /// ## Fix safety
    /// Making the chain required is safe: the platform always fills the field, so it is only
    /// ever sent, never asked of the user (and the validator rejects the optional chain).
    /// Hiding the field is safe when it is required all the way: the platform fills it
    /// whatever the user sees. Unsafe otherwise: an optional internal field is not sent, so
    /// make it required too.
    RULE {
        id: "notification-url-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "The callback URL field of a webhook is misplaced, not a string, optional or visible",
        reference: Some(links::EXTENSIONS),
        validator: [
            "NotificationUrlNotAllowedInThisPosition",
            "NotificationUrlNotString",
            "NotificationUrlNotRequired",
            "NotificationUrlNotInternal",
        ],
        certification: Error,
        check: check,
    }
}

const POSITION: &str = "NotificationUrlNotAllowedInThisPosition";
const NOT_STRING: &str = "NotificationUrlNotString";
const NOT_REQUIRED: &str = "NotificationUrlNotRequired";
const NOT_INTERNAL: &str = "NotificationUrlNotInternal";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let mut reported = Reported::default();
    let all: Vec<_> = swagger
        .operations
        .iter()
        .zip(ctx.operation_fields())
        .collect();
    // A definition used both in a request and in a response (the webhook object a
    // registration returns) is fine: the request is where it counts.
    let inputs: HashSet<NodeId> = all
        .iter()
        .flat_map(|(_, fields)| fields.iter())
        .filter(|f| f.side == Side::Input && is_notification_url(swagger, f))
        .filter_map(|f| f.get(swagger, NOTIFICATION_URL))
        .collect();
    for (op, fields) in &all {
        let fields = fields.as_slice();
        for field in fields.iter().filter(|f| is_notification_url(swagger, f)) {
            let Some(flag) = field.get(swagger, NOTIFICATION_URL) else {
                continue;
            };
            let range = tree
                .member_of(flag)
                .map_or(tree.range(flag), |m| m.key_range);
            let mut report = |code: &'static str, message: String| {
                reported
                    .first(range, code)
                    .then(|| {
                        sink.report(FileKind::ApiDefinition, range, tree.pointer(flag), message)
                            .with_validator(code)
                    })
                    .is_some()
            };
            let top = field.chain(fields).last().unwrap_or(field);
            let in_body = top.via == Via::Parameter
                && top.get(swagger, "in").and_then(|v| tree.as_str(v)) == Some("body");
            if field.side == Side::Output && inputs.contains(&flag) {
                continue;
            }
            if field.side == Side::Output || !in_body {
                let place = if field.side == Side::Output {
                    "a response"
                } else {
                    "a parameter outside the body"
                };
                report(
                    POSITION,
                    format!(
                        "the callback URL field is in {place} of operation {}; it is allowed only in the request body",
                        swagger.name(op)
                    ),
                );
                continue;
            }
            let declared = field.declared_type(swagger);
            if declared != Some("string") {
                report(
                    NOT_STRING,
                    format!(
                        "the callback URL field must be of type string, not {}",
                        declared.map_or("untyped".to_string(), |t| format!("'{t}'"))
                    ),
                );
            }
            // The schema chain, as the validator reads it: the body parameter's own
            // `required` is not part of it (26 published connectors leave it out).
            let schema_chain = || field.chain(fields).filter(|f| f.via != Via::Parameter);
            let required = schema_chain().all(|f| f.is_required(swagger, fields));
            if !required && reported.first(range, NOT_REQUIRED) {
                let optional: Vec<_> = schema_chain()
                    .filter(|f| !f.is_required(swagger, fields))
                    .collect();
                let first = optional.first().and_then(|f| f.name).unwrap_or("the body");
                let message = format!(
                    "the callback URL field must be required all the way down the body's schema, but '{first}' is optional: the platform may leave it out of the request"
                );
                let diagnostic = sink
                    .report(FileKind::ApiDefinition, range, tree.pointer(flag), message)
                    .with_validator(NOT_REQUIRED);
                // Each optional property goes into its parent's `required`.
                let edits: Option<Vec<_>> = optional
                    .iter()
                    .map(|f| {
                        let (name, parent) = (f.name?, fields[f.parent?].node);
                        let item = Json::str(name);
                        match tree.get(parent, "required") {
                            Some(list) if tree.is_array(list) => insert_items(
                                FileKind::ApiDefinition,
                                &file.text,
                                tree,
                                list,
                                &[item],
                            ),
                            Some(_) => None,
                            None => {
                                let list = Json::array([item]);
                                let text = list.for_member_of(&file.text, tree, parent);
                                Some(insert_member(
                                    FileKind::ApiDefinition,
                                    &file.text,
                                    tree,
                                    parent,
                                    "required",
                                    &text,
                                ))
                            }
                        }
                    })
                    .collect();
                if let Some(edits) = edits.filter(|e| !e.is_empty()) {
                    diagnostic.with_fix(Fix::safe("Make the callback URL field required", edits));
                }
            }
            if !field.chain(fields).any(|f| f.is_internal(swagger)) {
                let object = if tree.is_object(field.site) && tree.get(field.site, "$ref").is_none()
                {
                    field.site
                } else {
                    field.node
                };
                let internal = Json::str("internal").for_member_of(&file.text, tree, object);
                let edit = insert_member(
                    FileKind::ApiDefinition,
                    &file.text,
                    tree,
                    object,
                    "x-ms-visibility",
                    &internal,
                );
                let title = "Add \"x-ms-visibility\": \"internal\"";
                let fix = if required {
                    Fix::safe(title, vec![edit])
                } else {
                    Fix::unsafe_(title, vec![edit])
                };
                let message = "the callback URL field must be internal (itself or a field above it): users must not fill it, the platform does".to_string();
                if reported.first(range, NOT_INTERNAL) {
                    sink.report(FileKind::ApiDefinition, range, tree.pointer(flag), message)
                        .with_validator(NOT_INTERNAL)
                        .with_fix(fix);
                }
            }
        }
    }
}
