use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::objects_with_keyword;
use crate::syntax::json::{JsonTree, NodeId, NodeKind};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `default` whose JSON type is not the `type` declared beside it: a string
    /// default on an `integer`, a number on a `string`, `"true"` on a `boolean`, a fraction on
    /// an `integer`… in parameters and in schemas.
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
    /// ## Fix safety
    /// Safe on query, path, header and form parameters: they travel as text, so the request is
    /// the same. Unsafe in schemas: a body property's JSON type changes in the request.
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
    for object in objects_with_keyword(tree, "default") {
        let (Some(declared), Some(default)) =
            (tree.get_str(object, "type"), tree.get(object, "default"))
        else {
            continue;
        };
        let literal = &text[tree.range(default).as_usize()];
        let Some(found) = type_of(tree, default, literal) else {
            continue;
        };
        if matches(declared, found) {
            continue;
        }
        let diagnostic = sink.at_value(
            file.kind,
            tree,
            default,
            format!(
                "The default {} is {found}, but the declared type is '{declared}'",
                excerpt(literal)
            ),
        );
        let Some(converted) = convert(tree, default, literal, declared) else {
            continue;
        };
        let title = format!("Write the default as {}", excerpt(&converted));
        let edits = vec![replace_value(file.kind, tree, default, &converted)];
        // Parameters that are not the body travel as text: the request does not change.
        let travels_as_text = tree
            .get_str(object, "in")
            .is_some_and(|location| location != "body");
        diagnostic.with_fix(if travels_as_text {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        });
    }
}

/// The JSON type of a value as the validator names types; `None` for `null` and for values
/// that could not be parsed, which say nothing about a type.
fn type_of(tree: &JsonTree, node: NodeId, literal: &str) -> Option<&'static str> {
    Some(match tree.kind(node) {
        NodeKind::String(_) => "a string",
        NodeKind::Number if is_integer_literal(literal) => "an integer",
        NodeKind::Number => "a number",
        NodeKind::Bool(_) => "a boolean",
        NodeKind::Array(_) => "an array",
        NodeKind::Object(_) => "an object",
        NodeKind::Null | NodeKind::Invalid => return None,
    })
}

/// Whether a value of type `found` is a valid default for the declared type; an unknown
/// declared type (`file`, a typo) is left to other checks.
fn matches(declared: &str, found: &str) -> bool {
    match declared {
        "string" => found == "a string",
        "integer" => found == "an integer",
        "number" => found == "an integer" || found == "a number",
        "boolean" => found == "a boolean",
        "array" => found == "an array",
        "object" => found == "an object",
        _ => true,
    }
}

fn is_integer_literal(literal: &str) -> bool {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
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
