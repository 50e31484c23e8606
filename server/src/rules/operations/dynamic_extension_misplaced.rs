use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::CallKind;
use crate::model::swagger::in_data;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::vocabulary::{Loc, classify, path_to};

declare_rule! {
    /// ## What it does
    /// Reports dynamic extensions written where the platform does not read them: an
    /// `x-ms-dynamic-*` extension on a body parameter itself (it belongs in the body's
    /// schema), `selectedItemValuePath` anywhere but under the `browse` call of
    /// `x-ms-dynamic-tree`, and an `x-ms-dynamic-values` that asks for the file picker
    /// (`"capability": "file-picker"`) without the `x-ms-dynamic-tree` that drives it.
    ///
    /// ## Why
    /// The designer reads the dynamic extensions of a body from its schema and its
    /// properties, the selected item's path only when browsing, and the file picker's
    /// navigation from `x-ms-dynamic-tree`: written elsewhere they do nothing, and the
    /// dropdown or picker does not appear. Microsoft's validator rejects each
    /// (`DynamicExtensionDefinitionNotAllowedInParameter`,
    /// `SelectedItemValuePathNotAllowedInThisPosition`, `DynamicTreeExtensionMissing`);
    /// no published connector has any of them.
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "schema": { "$ref": "#/definitions/Item" },
    ///   "x-ms-dynamic-schema": { "operationId": "GetItemSchema", "value-path": "schema" } }
    /// ```
    ///
    /// ## Fix
    /// Move the extension into the body's schema (or onto the property it fills), move
    /// `selectedItemValuePath` to `browse`, add `x-ms-dynamic-tree` next to the file picker.
    ///
    /// ## Fix safety
    /// No automatic fix: the schema may be a shared `$ref`, and the tree's calls must be
    /// written for the service.
    RULE {
        id: "dynamic-extension-misplaced",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension is on a body parameter, selectedItemValuePath is outside browse, or a file picker has no x-ms-dynamic-tree",
        reference: Some(links::DYNAMIC_SCHEMA),
        validator: [
            "DynamicExtensionDefinitionNotAllowedInParameter",
            "SelectedItemValuePathNotAllowedInThisPosition",
            "DynamicTreeExtensionMissing",
        ],
        check: check,
    }
}

const ON_BODY: &str = "DynamicExtensionDefinitionNotAllowedInParameter";
const SELECTED_PATH: &str = "SelectedItemValuePathNotAllowedInThisPosition";
const TREE_MISSING: &str = "DynamicTreeExtensionMissing";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(swagger) = ctx.swagger() else { return };
    let tree = swagger.tree;
    let file = FileKind::ApiDefinition;
    let tree_extension = CallKind::Tree.extension();
    for id in tree.ids() {
        for member in tree.members(id) {
            let key = &*member.key;
            if key == "selectedItemValuePath"
                && !under_browse(ctx, member.value)
                && !in_data(tree, id)
            {
                let message = "'selectedItemValuePath' is read only under the 'browse' call of 'x-ms-dynamic-tree'; here it does nothing";
                sink.at_key(file, tree, member.value, message)
                    .with_validator(SELECTED_PATH);
            }
            if key == CallKind::Values.extension()
                && tree.get_str(member.value, "capability") == Some("file-picker")
                && tree.get(id, tree_extension).is_none()
            {
                let message = "'x-ms-dynamic-values' asks for the file picker, which needs 'x-ms-dynamic-tree' next to it to browse";
                sink.at_key(file, tree, member.value, message)
                    .with_validator(TREE_MISSING);
            }
        }
        let is_dynamic = |key: &str| {
            CallKind::DIRECT
                .iter()
                .map(|kind| kind.extension())
                .chain([tree_extension])
                .any(|extension| extension == key)
        };
        if tree.get_str(id, "in") != Some("body")
            || !tree.members(id).iter().any(|m| is_dynamic(&m.key))
            || classify(file, &path_to(tree, id)) != Loc::Parameter
        {
            continue;
        }
        for member in tree.members(id).iter().filter(|m| is_dynamic(&m.key)) {
            let message = format!(
                "'{}' is on the body parameter itself, where it is not read; put it in the body's schema",
                member.key
            );
            sink.at_key(file, tree, member.value, message)
                .with_validator(ON_BODY);
        }
    }
}

/// Whether `node` lies under the `browse` call of an `x-ms-dynamic-tree`.
fn under_browse(ctx: &Context, node: crate::syntax::json::NodeId) -> bool {
    let Some(swagger) = ctx.swagger() else {
        return false;
    };
    let tree = swagger.tree;
    let mut current = node;
    while let Some(parent) = tree.parent(current) {
        if tree.member_of(current).is_some_and(|m| &*m.key == "browse")
            && tree
                .member_of(parent)
                .is_some_and(|m| &*m.key == CallKind::Tree.extension())
        {
            return true;
        }
        current = parent;
    }
    false
}
