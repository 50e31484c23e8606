use crate::diagnostic::{Fix, Severity};
use crate::edit::json::{remove_member, replace_value};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::defaults::{self, Problem};
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `default` whose JSON type is not the `type` declared beside it: a string
    /// default on an `integer`, a number on a `string`, `"true"` on a `boolean`, a fraction on
    /// an `integer`… in parameters and in schemas. The properties and items of an object or
    /// array default are checked against their schemas all the way down (through `$ref`); a
    /// `null` default, which Swagger 2.0 cannot declare (there is no null type), is reported as
    /// information. A default outside its enum is default-value-outside-schema's.
    ///
    /// ## Why
    /// The designer pre-fills the field with the default, and Microsoft's validator rejects a
    /// default of another type (`The 'default' value is of type 'String', but should match
    /// the given type 'Integer'.`, `DefaultValueMustMatchType`). A body property then sends a
    /// value of the wrong JSON type when the maker keeps the default.
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "default": "10" }
    /// ```
    ///
    /// ## Fix
    /// Write the default as a literal of the declared type when the conversion loses nothing:
    /// `"10"` → `10`, `"true"` → `true`, `2.0` → `2` for an integer, `10` → `"10"` for a string.
    ///
    /// Leave out a `null` default (no default is what it means).
    ///
    /// ## Fix safety
    /// Safe on query, path, header and form parameters: they travel as text, so the request is
    /// the same. Unsafe in schemas: a body property's JSON type changes in the request. Removing
    /// a `null` default is unsafe: a client may show an empty field differently from none.
    RULE {
        id: "default-value-type-mismatch",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A default value is not of the declared type",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["DefaultValueMustMatchType"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let text = &file.text;
    let grades = sink.may_grade();
    for finding in defaults::findings(swagger, text) {
        let value = finding.value;
        let whole = finding.is_whole_default(tree);
        let literal = &text[tree.range(value).as_usize()];
        match &finding.problem {
            &Problem::WrongType { declared, found } => {
                let message = match whole {
                    true => format!(
                        "The default {} is {}, but the declared type is '{declared}'",
                        excerpt(literal),
                        found.with_article()
                    ),
                    false => format!(
                        "In the default, {} is {}, but its schema declares type '{declared}'",
                        excerpt(literal),
                        found.with_article()
                    ),
                };
                let diagnostic = sink.at_value(file.kind, tree, value, message);
                let converted = whole
                    .then(|| convert(tree, value, literal, declared))
                    .flatten();
                let Some(converted) = converted else {
                    continue;
                };
                let title = format!("Write the default as {}", excerpt(&converted));
                let edits = vec![replace_value(file.kind, tree, value, &converted)];
                // Parameters that are not the body travel as text: the request does not change.
                let travels_as_text = tree
                    .get_str(finding.holder, "in")
                    .is_some_and(|location| location != "body");
                diagnostic.with_fix(if travels_as_text {
                    Fix::safe(title, edits)
                } else {
                    Fix::unsafe_(title, edits)
                });
            }
            &Problem::Null { declared } => {
                let diagnostic = sink.at_value(
                    file.kind,
                    tree,
                    value,
                    format!(
                        "The default is null where the declared type is '{}': Swagger 2.0 has \
                         no null type; leave the value out for none",
                        excerpt(declared)
                    ),
                );
                // No value is meant, and a validator that compares JSON types rejects it: a
                // note, not a warning.
                if grades {
                    diagnostic.severity = Severity::Info;
                }
                let index = tree
                    .members(finding.holder)
                    .iter()
                    .position(|member| member.value == value);
                if let (true, Some(index)) = (whole, index) {
                    let removal = remove_member(file.kind, tree, finding.holder, index);
                    diagnostic.with_fix(Fix::unsafe_("Remove the null default", vec![removal]));
                }
            }
            Problem::NotInEnum | Problem::MissingRequired(_) => {}
        }
    }
}

/// The default written as a literal of the declared type, when that loses nothing.
fn convert(tree: &JsonTree, node: NodeId, literal: &str, declared: &str) -> Option<String> {
    match (declared, tree.kind(node)) {
        ("string", NodeKind::Number | NodeKind::Bool(_)) => Some(json_string(literal)),
        ("integer", NodeKind::String(text)) => {
            let value: i64 = text.trim().parse().ok()?;
            (value.to_string() == text.as_ref()).then(|| value.to_string())
        }
        ("integer", NodeKind::Number) => {
            // 2.0 or 2e0: an integer written as a fraction.
            let value: f64 = literal.parse().ok()?;
            (value.fract() == 0.0 && value.abs() < 9.0e15).then(|| format!("{}", value as i64))
        }
        ("number", NodeKind::String(text)) => {
            let value: f64 = text.parse().ok()?;
            let valid_json = serde_json::from_str::<serde_json::Number>(text).is_ok();
            (value.is_finite() && valid_json).then(|| text.to_string())
        }
        ("boolean", NodeKind::String(text)) => match text.as_ref() {
            "true" | "false" => Some(text.to_string()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    /// The conversion of the default in `{"default": <literal>}` to `declared`.
    fn converted(literal: &str, declared: &str) -> Option<String> {
        let text = format!("{{\"default\": {literal}}}");
        let tree = parse(&text).tree;
        let node = tree.get(tree.root().unwrap(), "default").unwrap();
        convert(&tree, node, literal, declared)
    }

    #[test]
    fn only_lossless_conversions_are_offered() {
        assert_eq!(converted("\"10\"", "integer").as_deref(), Some("10"));
        assert_eq!(converted("\"010\"", "integer"), None);
        assert_eq!(converted("\"ten\"", "integer"), None);
        assert_eq!(converted("2.0", "integer").as_deref(), Some("2"));
        assert_eq!(converted("2.5", "integer"), None);
        assert_eq!(converted("\"2.5\"", "number").as_deref(), Some("2.5"));
        assert_eq!(converted("\".5\"", "number"), None);
        assert_eq!(converted("\"true\"", "boolean").as_deref(), Some("true"));
        assert_eq!(converted("\"yes\"", "boolean"), None);
        assert_eq!(converted("10", "string").as_deref(), Some("\"10\""));
        assert_eq!(converted("false", "string").as_deref(), Some("\"false\""));
    }
}
