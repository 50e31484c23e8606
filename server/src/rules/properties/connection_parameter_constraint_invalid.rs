use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{has_kind, kind_name};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeKind;
use crate::text::excerpt;
use crate::vocabulary::{self, Loc, value_names};

declare_rule! {
    /// ## What it does
    /// Reports a value in a connection parameter's `uiDefinition.constraints` that is not
    /// of the type the key takes: `required` and `hidden` as anything but the strings
    /// `"true"` and `"false"`, `clearText` as anything but a boolean, `tabIndex` as anything
    /// but an integer, `allowedValues` and `capability` as anything but lists.
    ///
    /// ## Why
    /// The connection dialog reads these keys to mark a field required, hide it, mask it and
    /// order it. Microsoft's documentation and the apiProperties schema (paconn's) write
    /// `required` and `hidden` as strings; 902 of the 922 such values in published
    /// connectors are strings, 5 `required` and 15 `hidden` values are booleans (in 10
    /// connectors). Whether the platform reads a boolean the same way is not settled by any
    /// published source, so a boolean is a warning that says so, not an error; any other
    /// type (a number, `"yes"`) is read by no source and is a warning too. No published
    /// connector has a `clearText` or `tabIndex` of the wrong type.
    ///
    /// ## Example
    /// ```json
    /// "constraints": { "required": true, "clearText": "false" }
    /// ```
    ///
    /// ## Fix
    /// For a boolean `required` or `hidden`, the fix writes the same word as a string
    /// (`true` becomes `"true"`).
    ///
    /// ## Fix safety
    /// Unsafe: if the platform ignores the boolean today, the string makes the field
    /// required or hidden from now on, which changes the connection dialog.
    RULE {
        id: "connection-parameter-constraint-invalid",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A connection parameter's constraint written with a type its key does not take",
        reference: Some(links::CONNECTION_PARAMETERS),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    for parameter in &properties.connection_parameters {
        let Some(constraints) = tree
            .get(parameter.node, "uiDefinition")
            .and_then(|ui| tree.get(ui, "constraints"))
        else {
            continue;
        };
        for member in tree.members(constraints) {
            let Some(key) = vocabulary::find(Loc::Constraints, &member.key) else {
                continue;
            };
            let value = member.value;
            let name = excerpt(&member.key);
            let words = || value_names(key.values).collect::<Vec<_>>();
            let message = match (tree.kind(value), key.values.is_empty()) {
                (NodeKind::Bool(b), false) => {
                    let word = if *b { "true" } else { "false" };
                    let message = format!(
                        "'{name}' of connection parameter '{}' is the boolean {word}: \
                         Microsoft's documentation and schema write the string \"{word}\", and \
                         no published source says whether the connection dialog reads a \
                         boolean",
                        excerpt(parameter.name)
                    );
                    let fix = Fix::unsafe_(
                        format!("Write \"{word}\" as a string"),
                        vec![replace_value(
                            file.kind,
                            tree,
                            value,
                            &format!("\"{word}\""),
                        )],
                    );
                    sink.at_value(file.kind, tree, value, message).with_fix(fix);
                    continue;
                }
                (NodeKind::String(text), false) if !words().contains(&&**text) => format!(
                    "'{name}' of connection parameter '{}' is \"{}\": the connection dialog \
                     reads only \"{}\"",
                    excerpt(parameter.name),
                    excerpt(text),
                    words().join("\" or \"")
                ),
                _ if has_kind(tree, &file.text, value, key) => continue,
                _ => format!(
                    "'{name}' of connection parameter '{}' takes {}, not {}: Microsoft's \
                     apiProperties schema rejects it",
                    excerpt(parameter.name),
                    key.kind.with_article(),
                    kind_name(tree, value)
                ),
            };
            sink.at_value(file.kind, tree, value, message);
        }
    }
}
