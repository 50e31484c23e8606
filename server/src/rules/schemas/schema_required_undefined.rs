use crate::diagnostic::Fix;
use crate::edit::json::remove_item;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::objects_with_keyword;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a name in a schema's `required` list that is not one of its `properties`.
    /// Schemas that take properties from elsewhere (`allOf`, `$ref`, `additionalProperties`)
    /// are left alone.
    ///
    /// ## Why
    /// A required property that is not defined cannot be shown or filled in: the designer
    /// never offers it, yet the schema demands it. Microsoft's validator rejects it (`The
    /// required property '{0}' is not defined in the object schema.`,
    /// `RequiredPropertyDefinitionMissing`); usually the name is misspelled or the property was
    /// removed.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["title", "priorty"], "properties": { "title": { … }, "priority": { … } } }
    /// ```
    ///
    /// ## Fix
    /// Correct the name, or define the property. The fix removes the name from `required`.
    ///
    /// ## Fix safety
    /// Unsafe. The name may be a misspelling of a property that should stay required.
    RULE {
        id: "schema-required-undefined",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A schema requires a property it does not define",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["RequiredPropertyDefinitionMissing"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for schema in objects_with_keyword(tree, "required") {
        let Some(required) = tree.get(schema, "required").filter(|&r| tree.is_array(r)) else {
            continue;
        };
        let open = ["allOf", "$ref", "additionalProperties"]
            .iter()
            .any(|key| tree.get(schema, key).is_some());
        let properties = tree
            .get(schema, "properties")
            .filter(|&p| tree.is_object(p));
        if open || (properties.is_none() && tree.get_str(schema, "type") != Some("object")) {
            continue;
        }
        for (index, &item) in tree.items(required).iter().enumerate() {
            let Some(name) = tree.as_str(item) else {
                continue;
            };
            if properties.is_some_and(|p| tree.member(p, name).is_some()) {
                continue;
            }
            sink.at_value(
                file.kind,
                tree,
                item,
                format!(
                    "'{}' is required but the schema defines no such property",
                    excerpt(name)
                ),
            )
            .with_fix(Fix::unsafe_(
                format!("Remove '{}' from required", excerpt(name)),
                vec![remove_item(file.kind, tree, required, index)],
            ));
        }
    }
}
