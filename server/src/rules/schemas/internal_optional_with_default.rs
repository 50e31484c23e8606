use crate::diagnostic::{Fix, Severity};
use crate::edit::json::{Json, insert_items, insert_member, replace_value};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a value hidden from makers (`"x-ms-visibility": "internal"`) that has a
    /// `default` but is not required: a non-body parameter without `"required": true`
    /// (`InternalPropertyWithDefaultOptional`), or a schema property its object does not list
    /// in `required` (`PropertyMustBeRequired`). The page gives the two codes near-identical
    /// texts; published validator output quotes `PropertyMustBeRequired` for the fields of a
    /// trigger's body, so that code goes to schema properties and the other to parameters.
    ///
    /// ## Why
    /// "Optional internal fields are ignored": only required values are guaranteed to be
    /// sent, and makers cannot see an internal field to fill it, so the default the author
    /// wrote may never reach the API. Nine published connectors have such values: a warning
    /// by default, an error under the certification profile.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "type": "string", "default": "2024-01-01",
    ///   "x-ms-visibility": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Set `"required": true` on the parameter, or add the property to its object's
    /// `required` list.
    ///
    /// ## Fix safety
    /// Unsafe: the value is then sent on every request, which changes what the API receives
    /// (that is the point, but a person should confirm that the API accepts it everywhere).
    RULE {
        id: "internal-optional-with-default",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An internal value with a default is not required, so it may not be sent",
        reference: Some(links::EXTENSIONS),
        validator: ["InternalPropertyWithDefaultOptional", "PropertyMustBeRequired"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let kind = file.kind;
    let text = &file.text;
    for (node, loc) in ctx.objects_at(&[Loc::Parameter, Loc::Schema]) {
        if tree.get_str(node, "x-ms-visibility") != Some("internal")
            || tree.get(node, "default").is_none()
        {
            continue;
        }
        let Some(visibility) = tree.get(node, "x-ms-visibility") else {
            continue;
        };
        if loc == Loc::Parameter {
            if tree.get_str(node, "in") == Some("body") {
                continue;
            }
            let required = tree.get(node, "required");
            if required.and_then(|r| tree.as_bool(r)) == Some(true) {
                continue;
            }
            let name = tree.get_str(node, "name").unwrap_or_default();
            let edit = match required {
                Some(required) => replace_value(kind, tree, required, "true"),
                None => insert_member(kind, text, tree, node, "required", "true"),
            };
            let grades = sink.may_grade();
            let diagnostic = sink
                .at_value(
                    kind,
                    tree,
                    visibility,
                    format!(
                        "Internal parameter '{}' has a default but is optional; optional \
                         internal values are not guaranteed to be sent",
                        excerpt(name)
                    ),
                )
                .with_validator("InternalPropertyWithDefaultOptional")
                .with_fix(Fix::unsafe_("Set \"required\": true", vec![edit]));
            if grades {
                // The validator's own advice: "if this is intended, it may be left as is".
                diagnostic.severity = Severity::Warning;
            }
            continue;
        }
        // A schema property: a member of its object's `properties`.
        let Some(member) = tree.member_of(node) else {
            continue;
        };
        let Some(object) = tree.parent(node).and_then(|properties| {
            (tree.member_of(properties).map(|m| &*m.key) == Some("properties"))
                .then(|| tree.parent(properties))
                .flatten()
        }) else {
            continue;
        };
        let name = &*member.key;
        let required = tree.get(object, "required").filter(|&r| tree.is_array(r));
        if required.is_some_and(|list| {
            tree.items(list)
                .iter()
                .any(|&i| tree.as_str(i) == Some(name))
        }) {
            continue;
        }
        let edit = match required {
            Some(list) => insert_items(kind, text, tree, list, &[Json::str(name)]),
            None => Some(insert_member(
                kind,
                text,
                tree,
                object,
                "required",
                &Json::array([Json::str(name)]).for_member_of(text, tree, object),
            )),
        };
        let diagnostic = sink
            .at_value(
                kind,
                tree,
                visibility,
                format!(
                    "Internal property '{}' has a default but its object does not require it; \
                     optional internal fields are ignored",
                    excerpt(name)
                ),
            )
            .with_validator("PropertyMustBeRequired");
        if let Some(edit) = edit {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Add '{}' to 'required'", excerpt(name)),
                vec![edit],
            ));
        }
    }
}
