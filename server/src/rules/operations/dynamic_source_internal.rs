use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::links;
use crate::model::FileKind;
use crate::model::dynamic::{ArgValue, find_body_property, find_field, segments};
use crate::rules::context::{Context, Sink};
use crate::rules::operations::dynamic_calls::{Reported, Site, for_each_call};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a reference in a dynamic call (`{"parameter": …}`, `{"parameterReference":
    /// …}`) to a field of the calling operation that is internal
    /// (`"x-ms-visibility": "internal"`), itself or one of the fields above it, when the
    /// calling operation is not internal itself.
    ///
    /// ## Why
    /// The user never sees an internal field, so nothing they choose flows into the call: the
    /// reference passes a constant in disguise, or nothing at all when the field is optional.
    /// Microsoft's validator rejects it (`SourcePropertyInternal`) and asks for a static
    /// value instead.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "required": true, "default": "2024-01-01", "x-ms-visibility": "internal" }
    /// …
    /// "parameters": { "api-version": { "parameter": "api-version" } }
    /// ```
    ///
    /// ## Fix
    /// Replace the reference with the field's `default` as a static value
    /// (`"2024-01-01"`, or `{"value": "2024-01-01"}` in the newer extensions).
    ///
    /// ## Fix safety
    /// Safe when the field is required and has a default: an internal required field always
    /// carries its default, so the call receives the same value. Not offered otherwise.
    RULE {
        id: "dynamic-source-internal",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A dynamic extension takes its value from an internal field",
        reference: Some(links::DYNAMIC_VALUES),
        validator: ["SourcePropertyInternal"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let mut reported = Reported::default();
    for_each_call(ctx, |site: &Site| {
        if tree.get_str(site.op.node, "x-ms-visibility") == Some("internal") {
            return;
        }
        let kind = site.call.kind;
        for arg in &site.call.args {
            let ArgValue::Reference { name, node } = arg.value else {
                continue;
            };
            let path = segments(kind, name);
            let Some(index) =
                find_field(site.fields, &path).or_else(|| find_body_property(site.fields, &path))
            else {
                continue;
            };
            let field = &site.fields[index];
            let Some(internal) = field.chain(site.fields).find(|f| f.is_internal(swagger)) else {
                continue;
            };
            if !reported.first(tree.range(node), "") {
                continue;
            }
            let whose = if std::ptr::eq(internal, field) {
                "is internal".to_string()
            } else {
                format!(
                    "is inside '{}', which is internal",
                    excerpt(internal.name.unwrap_or("the body"))
                )
            };
            let message = format!(
                "'{}' takes '{}' from operation {}, but that field {whose}: users never set it; pass a static value",
                kind.extension(),
                excerpt(name),
                swagger.name(site.op)
            );
            let diagnostic = sink.at_value(FileKind::ApiDefinition, tree, node, message);
            let default = field.get(swagger, "default");
            let always_sent = field
                .chain(site.fields)
                .all(|f| f.is_required(swagger, site.fields));
            if let (Some(default), true) = (default, always_sent) {
                let literal = &file.text[tree.range(default).as_usize()];
                let new_text = if kind.by_path() {
                    format!("{{\"value\": {literal}}}")
                } else {
                    literal.to_string()
                };
                diagnostic.with_fix(Fix::safe(
                    format!("Pass the default {} as a static value", excerpt(literal)),
                    vec![replace_value(
                        FileKind::ApiDefinition,
                        tree,
                        arg.node,
                        &new_text,
                    )],
                ));
            }
        }
    });
}
