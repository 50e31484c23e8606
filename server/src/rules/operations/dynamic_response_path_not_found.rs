use crate::edit::names::{closest, did_you_mean};
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::{CallKind, Lookup, lookup, success_schemas};
use crate::model::swagger::{Swagger, has_type};
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Follows the response paths of a dynamic call through the successful response schema
    /// of the operation it calls (through `$ref` and `allOf`): the collection
    /// (`value-collection`, `itemsPath`) must be an array, or the response itself when the
    /// path is absent; the item paths (`value-path`, `value-title`, `itemValuePath`,
    /// `itemTitlePath`) must be properties of its items;
    /// the `value-path` of `x-ms-dynamic-schema` and the `itemValuePath` of
    /// `x-ms-dynamic-properties` must be properties of the response. A schema that does not
    /// list its properties (no `properties`, `additionalProperties`, itself dynamic) is taken
    /// on trust.
    ///
    /// ## Why
    /// The designer reads the dropdown's items, values and titles, or the dynamic schema, at
    /// these paths. A path that the response does not have gives an empty dropdown, blank
    /// titles or no fields. Microsoft's validator rejects it
    /// (`InvokedOperationShouldProduceArray`, `InvokedOperationShouldProduceProperty`).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": { "operationId": "ListTables", "value-collection": "values", "value-path": "id" }
    /// ```
    /// where `ListTables` returns `{"value": [{"id": …}]}`.
    ///
    /// ## Fix
    /// Correct the path, or describe the called operation's response with the properties it
    /// returns.
    ///
    /// ## Fix safety
    /// No automatic fix: whether the path or the schema is wrong needs the service's real
    /// response.
    RULE {
        id: "dynamic-response-path-not-found",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension reads a path that the called operation's response does not have",
        reference: Some(links::DYNAMIC_VALUES),
        validator: ["InvokedOperationShouldProduceArray", "InvokedOperationShouldProduceProperty"],
        certification: Error,
        check: check,
    }
}

const ARRAY: &str = "InvokedOperationShouldProduceArray";
const PROPERTY: &str = "InvokedOperationShouldProduceProperty";

/// The key of the collection path, and the keys of the paths read from each item (or from
/// the response, for the schema extensions).
fn paths(kind: CallKind) -> (Option<&'static str>, &'static [&'static str]) {
    match kind {
        CallKind::Values => (Some("value-collection"), &["value-path", "value-title"]),
        CallKind::List => (Some("itemsPath"), &["itemValuePath", "itemTitlePath"]),
        // `itemIsParent` and `itemFullTitlePath` of the tree may be expressions
        // (`"itemIsParent": "true"` in published connectors), not paths.
        CallKind::Tree => (Some("itemsPath"), &["itemValuePath", "itemTitlePath"]),
        CallKind::Schema => (None, &["value-path"]),
        CallKind::Properties => (None, &["itemValuePath"]),
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let mut reported = Reported::default();
    for_each_call(ctx, |site: &Site| {
        let Some((target, _)) = site.target else {
            return;
        };
        let call = site.call;
        let (collection_key, item_keys) = paths(call.kind);
        let target_name = swagger.name(target);
        // A response that definitely lacks the path in every successful schema.
        for schema in success_schemas(swagger, target) {
            let items = match collection_key {
                None => Some(schema),
                Some(key) => {
                    let path = tree.get(call.node, key);
                    let text = path.and_then(|p| tree.as_str(p)).unwrap_or("");
                    match collection(swagger, schema, text) {
                        Collection::Items(items) => Some(items),
                        Collection::Unknown => None,
                        Collection::NotArray => {
                            let at = path
                                .or(call.operation_id.map(|(_, n)| n))
                                .unwrap_or(call.node);
                            if reported.first(tree.range(at), ARRAY) {
                                let message = if text.is_empty() {
                                    format!(
                                        "'{}' expects operation {target_name} to return an array, but its response is not one; set '{key}' to the path of the array",
                                        call.kind.extension()
                                    )
                                } else {
                                    format!(
                                        "'{}' expects an array at '{}' in the response of operation {target_name}, which has none there",
                                        call.kind.extension(),
                                        excerpt(text)
                                    )
                                };
                                sink.at_value(FileKind::ApiDefinition, tree, at, message)
                                    .with_validator(ARRAY);
                            }
                            None
                        }
                    }
                }
            };
            let Some(items) = items else { continue };
            for key in item_keys {
                let Some(path) = tree.get(call.node, key) else {
                    continue;
                };
                let Some(text) = tree.as_str(path).filter(|t| !t.is_empty()) else {
                    continue;
                };
                let segments: Vec<&str> = text.split('/').collect();
                let Lookup::Missing { at, segment } = lookup(swagger, items, &segments) else {
                    continue;
                };
                if reported.first(tree.range(path), PROPERTY) {
                    let place = if collection_key.is_some() {
                        "the items of the response"
                    } else {
                        "the response"
                    };
                    let names: Vec<&str> = tree
                        .get(at, "properties")
                        .map(|p| tree.members(p).iter().map(|m| &*m.key).collect())
                        .unwrap_or_default();
                    let message = format!(
                        "'{}' reads '{key}' '{}' from {place} of operation {target_name}, which has no property '{}' there{}",
                        call.kind.extension(),
                        excerpt(text),
                        excerpt(segments[segment]),
                        did_you_mean(closest(segments[segment], names.iter().copied()))
                    );
                    sink.at_value(FileKind::ApiDefinition, tree, path, message)
                        .with_validator(PROPERTY);
                }
            }
            // One successful schema is enough: the platform reads the first.
            break;
        }
    });
}

enum Collection {
    /// The schema of the items of the array.
    Items(NodeId),
    NotArray,
    Unknown,
}

/// The items of the array at `path` (the response itself when empty) in `schema`.
fn collection(swagger: &Swagger, schema: NodeId, path: &str) -> Collection {
    let tree = swagger.tree;
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let array = match lookup(swagger, schema, &segments) {
        Lookup::Found(node) => node,
        Lookup::Missing { .. } => return Collection::NotArray,
        Lookup::Unknown => return Collection::Unknown,
    };
    if has_type(tree, array, "array") {
        return match tree.get(array, "items") {
            Some(items) => Collection::Items(swagger.deref(items)),
            None => Collection::Unknown,
        };
    }
    // An object that lists its properties is definitely not an array; anything vaguer
    // (no type, a dynamic schema) is taken on trust.
    let definite_object =
        has_type(tree, array, "object") && tree.get(array, "properties").is_some();
    if definite_object {
        Collection::NotArray
    } else {
        Collection::Unknown
    }
}
