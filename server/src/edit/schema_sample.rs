//! "Generate schema from sample": infer a Swagger 2.0 schema from a JSON example, and the edit
//! that gives a response that schema.
//!
//! The inference: objects become `type: object` with `properties` (in the order of the sample),
//! arrays get `items` merged from every element, integers and numbers are told apart, strings
//! that look like an RFC 3339 date-time, a date, a UUID, an email address or an http(s) URI get
//! the matching `format`, and `null` gives a schema without a type. Every property gets an
//! `x-ms-summary` title made from its key (`createdAt` → "Created At"). No `description`
//! placeholder is written: a placeholder is easily committed as is, and a made-up description
//! is worse than none (the title already names the property in the designer).
//!
//! Samples come from a response's `examples` in the file (read from the JSON tree, so keys
//! keep their order) or from an editor (a `serde_json::Value`, or JSON text parsed here so
//! that its key order survives too).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::diagnostic::{Edit, Fix};
use crate::edit::json::{Json, insert_members};
use crate::edit::names::title_of;
use crate::model::FileKind;
use crate::model::swagger::Swagger;
use crate::syntax::json::{self, JsonTree, NodeId, NodeKind};
use crate::text::LineIndex;

/// The title of the fix offered on responses with an example.
pub const FIX_TITLE: &str = "Generate schema from the example";

/// Nesting deeper than this is described as "anything" (no type), so that inference and
/// layout stay bounded whatever the sample.
const MAX_DEPTH: usize = 64;

/// A JSON sample, with the distinctions a schema cares about and object keys in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Sample {
    Null,
    Bool,
    Integer,
    Number,
    String(String),
    Array(Vec<Sample>),
    Object(Vec<(String, Sample)>),
}

impl Sample {
    /// From a value the editor sent. serde_json sorts object keys, so properties come out in
    /// alphabetical order; send JSON text to keep the sample's order.
    pub fn from_value(value: &serde_json::Value) -> Sample {
        use serde_json::Value;
        match value {
            Value::Null => Sample::Null,
            Value::Bool(_) => Sample::Bool,
            Value::Number(n) if n.is_i64() || n.is_u64() => Sample::Integer,
            Value::Number(_) => Sample::Number,
            Value::String(s) => Sample::String(s.clone()),
            Value::Array(items) => Sample::Array(items.iter().map(Sample::from_value).collect()),
            Value::Object(map) => Sample::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Sample::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// From a value in a parsed file. A duplicated key keeps its first place and its last
    /// value, as JSON consumers read it.
    pub fn from_tree(text: &str, tree: &JsonTree, node: NodeId) -> Sample {
        match tree.kind(node) {
            NodeKind::Null | NodeKind::Invalid => Sample::Null,
            NodeKind::Bool(_) => Sample::Bool,
            NodeKind::Number => {
                let literal = text.get(tree.range(node).as_usize()).unwrap_or("");
                if literal.contains(['.', 'e', 'E']) {
                    Sample::Number
                } else {
                    Sample::Integer
                }
            }
            NodeKind::String(s) => Sample::String(s.to_string()),
            NodeKind::Array(items) => Sample::Array(
                items
                    .iter()
                    .map(|&item| Sample::from_tree(text, tree, item))
                    .collect(),
            ),
            NodeKind::Object(members) => {
                let mut out: Vec<(String, Sample)> = Vec::with_capacity(members.len());
                // Where each key is in `out`: a scan per key is quadratic in the key count.
                let mut place: HashMap<&str, usize> = HashMap::with_capacity(members.len());
                for member in members {
                    let value = Sample::from_tree(text, tree, member.value);
                    match place.entry(&member.key) {
                        Entry::Occupied(at) => out[*at.get()].1 = value,
                        Entry::Vacant(slot) => {
                            slot.insert(out.len());
                            out.push((member.key.to_string(), value));
                        }
                    }
                }
                Sample::Object(out)
            }
        }
    }

    /// From JSON text (strict JSON; the message of the first error says where it is).
    pub fn parse(json_text: &str) -> Result<Sample, String> {
        let parsed = json::parse(json_text);
        if let Some(error) = parsed.errors.first() {
            let at = LineIndex::new(json_text).line_col(json_text, error.range.start);
            return Err(format!(
                "line {}, column {}: {}",
                at.line + 1,
                at.col_char + 1,
                error.message
            ));
        }
        match parsed.tree.root() {
            Some(root) => Ok(Sample::from_tree(json_text, &parsed.tree, root)),
            None => Err("no JSON value".to_string()),
        }
    }
}

/// An inferred schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub kind: Kind,
    pub format: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// No type: `null`, or samples that disagree.
    Any,
    Boolean,
    Integer,
    Number,
    String,
    Array(Box<Schema>),
    Object(Vec<(String, Schema)>),
}

impl Schema {
    fn of(kind: Kind) -> Schema {
        Schema { kind, format: None }
    }

    fn type_name(&self) -> Option<&'static str> {
        Some(match self.kind {
            Kind::Any => return None,
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        })
    }

    /// Whether the schema says anything: not `{}` and not an object without properties (what
    /// `response-schema-empty` reports).
    pub fn is_informative(&self) -> bool {
        match &self.kind {
            Kind::Any => false,
            Kind::Object(properties) => !properties.is_empty(),
            _ => true,
        }
    }

    /// The schema as JSON to write; `extra` members follow `type`.
    pub fn to_json(&self, extra: Vec<(String, Json)>) -> Json {
        self.to_json_titled(None, extra)
    }

    fn to_json_titled(&self, title: Option<&str>, extra: Vec<(String, Json)>) -> Json {
        let mut members: Vec<(String, Json)> = Vec::new();
        if let Some(name) = self.type_name() {
            members.push(("type".into(), Json::str(name)));
        }
        if let Some(format) = self.format {
            members.push(("format".into(), Json::str(format)));
        }
        if let Some(title) = title {
            members.push(("x-ms-summary".into(), Json::str(title)));
        }
        members.extend(extra);
        match &self.kind {
            Kind::Array(items) => members.push(("items".into(), items.to_json(Vec::new()))),
            Kind::Object(properties) if !properties.is_empty() => {
                let properties = properties
                    .iter()
                    .map(|(key, schema)| {
                        let title = title_of(key);
                        (key.clone(), schema.to_json_titled(Some(&title), Vec::new()))
                    })
                    .collect();
                members.push(("properties".into(), Json::Object(properties)));
            }
            _ => {}
        }
        Json::Object(members)
    }
}

/// The schema a sample suggests.
pub fn infer(sample: &Sample) -> Schema {
    infer_at(sample, 0)
}

fn infer_at(sample: &Sample, depth: usize) -> Schema {
    if depth > MAX_DEPTH {
        return Schema::of(Kind::Any);
    }
    match sample {
        Sample::Null => Schema::of(Kind::Any),
        Sample::Bool => Schema::of(Kind::Boolean),
        Sample::Integer => Schema::of(Kind::Integer),
        Sample::Number => Schema::of(Kind::Number),
        Sample::String(s) => Schema {
            kind: Kind::String,
            format: string_format(s),
        },
        Sample::Array(items) => {
            let merged = items
                .iter()
                .map(|item| infer_at(item, depth + 1))
                .reduce(merge)
                .unwrap_or(Schema::of(Kind::Any));
            Schema::of(Kind::Array(Box::new(merged)))
        }
        Sample::Object(members) => Schema::of(Kind::Object(
            members
                .iter()
                .map(|(key, value)| (key.clone(), infer_at(value, depth + 1)))
                .collect(),
        )),
    }
}

/// One schema for two samples of the same place (the elements of an array): properties are
/// united, integer and number make number, `null` takes the other's type, formats must agree,
/// and different types give a schema without a type.
pub fn merge(a: Schema, b: Schema) -> Schema {
    let format = if a.format == b.format { a.format } else { None };
    let kind = match (a.kind, b.kind) {
        (Kind::Any, other) | (other, Kind::Any) => {
            // `null` says nothing: keep the other side whole, format included.
            let format = a.format.or(b.format);
            return Schema {
                kind: other,
                format,
            };
        }
        (Kind::Integer, Kind::Number) | (Kind::Number, Kind::Integer) => Kind::Number,
        (Kind::Array(x), Kind::Array(y)) => Kind::Array(Box::new(merge(*x, *y))),
        (Kind::Object(mut x), Kind::Object(y)) => {
            let mut place: HashMap<String, usize> = x
                .iter()
                .enumerate()
                .map(|(at, (key, _))| (key.clone(), at))
                .collect();
            for (key, schema) in y {
                match place.get(&key) {
                    Some(&at) => {
                        let mine = std::mem::replace(&mut x[at].1, Schema::of(Kind::Any));
                        x[at].1 = merge(mine, schema);
                    }
                    None => {
                        place.insert(key.clone(), x.len());
                        x.push((key, schema));
                    }
                }
            }
            Kind::Object(x)
        }
        (x, y) if x == y => x,
        _ => Kind::Any,
    };
    let format = if matches!(kind, Kind::String) {
        format
    } else {
        None
    };
    Schema { kind, format }
}

/// The `format` a string value suggests.
fn string_format(s: &str) -> Option<&'static str> {
    if is_date_time(s) {
        Some("date-time")
    } else if is_date(s.as_bytes()) {
        Some("date")
    } else if is_uuid(s) {
        Some("uuid")
    } else if is_email(s) {
        Some("email")
    } else if is_uri(s) {
        Some("uri")
    } else {
        None
    }
}

fn digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

fn number(s: &[u8]) -> u32 {
    s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// `YYYY-MM-DD` with a real month and day.
fn is_date(b: &[u8]) -> bool {
    b.len() == 10
        && digits(&b[0..4])
        && b[4] == b'-'
        && digits(&b[5..7])
        && b[7] == b'-'
        && digits(&b[8..10])
        && (1..=12).contains(&number(&b[5..7]))
        && (1..=31).contains(&number(&b[8..10]))
}

/// ISO 8601 / RFC 3339 date and time: `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]` (the
/// separator may be `T`, `t` or a space; the zone may be missing, as .NET writes local times).
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    // Bytes, not chars: the string may have anything from its 11th byte on.
    if b.len() < 16 || !is_date(&b[..10]) || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let time = &b[11..];
    let hh_mm = |t: &[u8]| {
        t.len() >= 5
            && digits(&t[0..2])
            && t[2] == b':'
            && digits(&t[3..5])
            && number(&t[0..2]) < 24
            && number(&t[3..5]) < 60
    };
    if !hh_mm(time) {
        return false;
    }
    let mut rest = &time[5..];
    if rest.len() >= 3 && rest[0] == b':' {
        if !digits(&rest[1..3]) || number(&rest[1..3]) > 60 {
            return false;
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let fraction = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if fraction == 0 {
                return false;
            }
            rest = &rest[1 + fraction..];
        }
    }
    match rest {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', zone @ ..] => {
            (zone.len() == 5 && hh_mm(zone)) || (zone.len() == 4 && digits(zone))
        }
        _ => false,
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `local@domain.tld`, without spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2 && !tld.ends_with('.'))
}

/// An absolute http(s) URI, without spaces.
fn is_uri(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !s.contains(char::is_whitespace)
}

/// Whether a MIME type of `examples` holds JSON (`application/json`, with parameters, or
/// `text/json`, or any `+json` type).
fn is_json_mime(mime: &str) -> bool {
    let essence = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// The example of a response: its `examples` under a JSON MIME type (Swagger 2.0), else the
/// `example` of its inline schema.
pub fn response_example(tree: &JsonTree, response: NodeId) -> Option<NodeId> {
    let from_examples = tree.get(response, "examples").and_then(|examples| {
        tree.members(examples)
            .iter()
            .rev()
            .find(|m| is_json_mime(&m.key))
            .map(|m| m.value)
    });
    from_examples.or_else(|| {
        tree.get(response, "schema")
            .and_then(|schema| tree.get(schema, "example"))
    })
}

/// Members of an existing inline schema that a generated schema keeps: its documentation.
const KEPT_MEMBERS: [&str; 5] = [
    "description",
    "title",
    "x-ms-summary",
    "x-ms-visibility",
    "example",
];

/// The edit that sets the `schema` of `response` (a response object) to `schema`: a new member,
/// or a replacement of the one there (keeping the documentation members of an inline schema).
/// A response written on one line is rewritten over several lines, so that the schema is
/// laid out like the rest of the file.
pub fn schema_edit(
    kind: FileKind,
    text: &str,
    tree: &JsonTree,
    response: NodeId,
    schema: &Schema,
) -> Edit {
    let existing = tree.member(response, "schema");
    let kept: Vec<(String, Json)> = existing
        .filter(|m| tree.get(m.value, "$ref").is_none())
        .map(|m| {
            tree.members(m.value)
                .iter()
                .filter(|k| KEPT_MEMBERS.contains(&&*k.key))
                .filter(|k| !text[tree.range(k.value).as_usize()].contains(['\n', '\r']))
                .map(|k| (k.key.to_string(), raw_value(text, tree, k.value)))
                .collect()
        })
        .unwrap_or_default();
    let schema_json = schema.to_json(kept);
    let range = tree.range(response);
    let members = tree.members(response);
    let one_line = !text[range.as_usize()].contains(['\n', '\r']);
    if one_line && !members.is_empty() {
        let mut rewritten: Vec<(String, Json)> = Vec::new();
        let mut schema_json = Some(schema_json);
        for member in members {
            if &*member.key == "schema" {
                if let Some(schema_json) = schema_json.take() {
                    rewritten.push(("schema".into(), schema_json));
                }
                continue;
            }
            rewritten.push((member.key.to_string(), raw_value(text, tree, member.value)));
        }
        rewritten.extend(schema_json.map(|json| ("schema".into(), json)));
        return Edit::replace(
            kind,
            range,
            Json::Object(rewritten).laid_out_at(text, range.start),
        );
    }
    match existing {
        Some(member) => Edit::replace(
            kind,
            tree.range(member.value),
            schema_json.for_value_of(text, member),
        ),
        None => insert_members(
            kind,
            text,
            tree,
            response,
            &[("schema".into(), schema_json)],
        )
        .expect("one member"),
    }
}

/// A value of the file, copied as it is written.
fn raw_value(text: &str, tree: &JsonTree, node: NodeId) -> Json {
    Json::raw(&text[tree.range(node).as_usize()])
}

/// The fix "Generate schema from the example" for a response (after `$ref`) that has an
/// example, when the example says something (not `{}` or `null`). Unsafe: one example may not
/// show every property, and the titles are guesses.
pub fn fix_from_example(
    kind: FileKind,
    text: &str,
    tree: &JsonTree,
    response: NodeId,
) -> Option<Fix> {
    let example = response_example(tree, response)?;
    let schema = infer(&Sample::from_tree(text, tree, example));
    if !schema.is_informative() {
        return None;
    }
    Some(Fix::unsafe_(
        FIX_TITLE,
        vec![schema_edit(kind, text, tree, response, &schema)],
    ))
}

/// The response object a JSON pointer names, for the "generate schema" command: a response
/// of an operation (`/paths/~1items/get/responses/200`) or a shared one (`/responses/Name`),
/// or the `schema` of one; a `$ref` to a shared response is followed. A leading `#` is
/// allowed.
pub fn response_at(swagger: &Swagger, pointer: &str) -> Result<NodeId, String> {
    let tree = swagger.tree;
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    let node = tree
        .resolve_pointer(pointer)
        .ok_or_else(|| format!("nothing at the pointer '{pointer}'"))?;
    let is_response = |node: NodeId| {
        let Some(member) = tree.member_of(node) else {
            return false;
        };
        let Some(container) = tree.parent(node) else {
            return false;
        };
        let in_responses = tree
            .member_of(container)
            .is_some_and(|m| &*m.key == "responses");
        in_responses && !member.key.starts_with("x-") && tree.is_object(node)
    };
    let node = if tree.member_of(node).is_some_and(|m| &*m.key == "schema")
        && tree.parent(node).is_some_and(is_response)
    {
        tree.parent(node).expect("checked")
    } else {
        node
    };
    if !is_response(node) {
        return Err(format!(
            "'{pointer}' is not a response (a pointer such as /paths/~1items/get/responses/200)"
        ));
    }
    let target = swagger
        .resolve(node)
        .map_err(|_| format!("the $ref of the response at '{pointer}' does not resolve"))?;
    if !tree.is_object(target) {
        return Err(format!("the response at '{pointer}' is not an object"));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;
    use serde_json::json;

    fn schema_text(sample: &str) -> String {
        let schema = infer(&Sample::parse(sample).unwrap());
        schema
            .to_json(Vec::new())
            .laid_out_at("{\n  \"a\": 1\n}", 0)
    }

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range.as_usize(), &edit.new_text);
        out
    }

    #[test]
    fn string_formats() {
        for s in [
            "2024-01-15T10:30:00Z",
            "2022-11-05T22:03:36.2013322Z",
            "2022-12-09T12:53:07.5498113+05:30",
            "2024-01-15T10:30:00",
            "2024-01-15 10:30",
            "2024-01-15t10:30:00-0800",
        ] {
            assert_eq!(string_format(s), Some("date-time"), "{s}");
        }
        assert_eq!(string_format("2024-01-15"), Some("date"));
        assert_eq!(
            string_format("844c9fe0-81d3-4512-a835-2d0164a7d1a4"),
            Some("uuid")
        );
        assert_eq!(string_format("max.mustermann@smapone.com"), Some("email"));
        assert_eq!(string_format("https://example.com/a?b=c"), Some("uri"));
        for s in [
            "2024-13-01",
            "2024-01-15T25:00:00Z",
            "2024-01-15T10:30:00.Z",
            "2024-01-15T10:30:00+5",
            "20240115",
            "not @ email.com",
            "a@b",
            "ftp://example.com",
            "http://",
            "hello",
            "",
        ] {
            assert_eq!(string_format(s), None, "{s}");
        }
    }

    #[test]
    fn infers_objects_arrays_numbers_booleans_and_formats() {
        let text = schema_text(
            r#"{"id": 7, "price": 1.5, "active": true, "createdAt": "2024-01-15T10:30:00Z",
                "due": "2024-02-01", "note": null, "tags": ["a", "b"]}"#,
        );
        let expected = r#"{
  "type": "object",
  "properties": {
    "id": {
      "type": "integer",
      "x-ms-summary": "ID"
    },
    "price": {
      "type": "number",
      "x-ms-summary": "Price"
    },
    "active": {
      "type": "boolean",
      "x-ms-summary": "Active"
    },
    "createdAt": {
      "type": "string",
      "format": "date-time",
      "x-ms-summary": "Created At"
    },
    "due": {
      "type": "string",
      "format": "date",
      "x-ms-summary": "Due"
    },
    "note": {
      "x-ms-summary": "Note"
    },
    "tags": {
      "type": "array",
      "x-ms-summary": "Tags",
      "items": {
        "type": "string"
      }
    }
  }
}"#;
        assert_eq!(text, expected);
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "valid JSON"
        );
    }

    #[test]
    fn array_items_merge_every_element() {
        let schema = infer(
            &Sample::parse(
                r#"[{"a": 1, "b": null}, {"a": 2.5, "c": "x", "b": "2024-01-01"}, {"c": 3}]"#,
            )
            .unwrap(),
        );
        let Kind::Array(items) = schema.kind else {
            panic!("array")
        };
        let Kind::Object(properties) = items.kind else {
            panic!("object items")
        };
        let summary: Vec<(&str, Kind, Option<&str>)> = properties
            .iter()
            .map(|(k, s)| (k.as_str(), s.kind.clone(), s.format))
            .collect();
        assert_eq!(
            summary,
            [
                ("a", Kind::Number, None),
                ("b", Kind::String, Some("date")),
                ("c", Kind::Any, None),
            ]
        );
        // Formats must agree; integers widen to numbers; empty arrays say nothing.
        let s = infer(&Sample::parse(r#"["2024-01-01", "2024-01-01T00:00:00Z"]"#).unwrap());
        assert_eq!(
            s,
            Schema::of(Kind::Array(Box::new(Schema::of(Kind::String))))
        );
        let s = infer(&Sample::parse("[]").unwrap());
        assert_eq!(s, Schema::of(Kind::Array(Box::new(Schema::of(Kind::Any)))));
        assert_eq!(
            schema_text("[[1], [2.0]]"),
            "{\n  \"type\": \"array\",\n  \"items\": {\n    \"type\": \"array\",\n    \"items\": {\n      \"type\": \"number\"\n    }\n  }\n}"
        );
    }

    #[test]
    fn a_duplicated_key_keeps_its_first_place_and_its_last_value() {
        let sample = Sample::parse(r#"{"a": 1, "b": true, "a": "x", "c": null, "b": 2}"#).unwrap();
        let Sample::Object(members) = sample else {
            panic!("object")
        };
        let summary: Vec<(&str, &Sample)> = members.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            summary,
            [
                ("a", &Sample::String("x".into())),
                ("b", &Sample::Integer),
                ("c", &Sample::Null)
            ]
        );
    }

    #[test]
    fn samples_from_values_and_text() {
        let value = json!({"b": 1, "a": [1.5, null], "c": "x@y.org"});
        let sample = Sample::from_value(&value);
        assert_eq!(
            sample,
            Sample::Object(vec![
                (
                    "a".into(),
                    Sample::Array(vec![Sample::Number, Sample::Null])
                ),
                ("b".into(), Sample::Integer),
                ("c".into(), Sample::String("x@y.org".into())),
            ])
        );
        // Text keeps the order of keys; a duplicate keeps its place and its last value.
        let sample = Sample::parse(r#"{"b": 1, "a": true, "b": "x"}"#).unwrap();
        assert_eq!(
            sample,
            Sample::Object(vec![
                ("b".into(), Sample::String("x".into())),
                ("a".into(), Sample::Bool),
            ])
        );
        assert_eq!(Sample::parse("1e3").unwrap(), Sample::Number);
        let error = Sample::parse("{\n  \"a\": }").unwrap_err();
        assert!(error.starts_with("line 2, column 8:"), "{error}");
        assert!(Sample::parse("").is_err());
    }

    #[test]
    fn deep_samples_stay_bounded() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let schema = infer(&Sample::parse(&deep).unwrap());
        let text = schema.to_json(Vec::new()).laid_out_at("", 0);
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }

    #[test]
    fn tabs_and_crlf_follow_the_file() {
        let text = "{\r\n\t\"responses\": {\r\n\t\t\"200\": {\r\n\t\t\t\"description\": \"OK\"\r\n\t\t}\r\n\t}\r\n}";
        let parsed = parse(text);
        let tree = &parsed.tree;
        let response = tree.resolve_pointer("/responses/200").unwrap();
        let schema = infer(&Sample::parse(r#"{"n": 1}"#).unwrap());
        let fixed = apply(
            text,
            &schema_edit(FileKind::ApiDefinition, text, tree, response, &schema),
        );
        assert_eq!(
            fixed,
            "{\r\n\t\"responses\": {\r\n\t\t\"200\": {\r\n\t\t\t\"description\": \"OK\",\r\n\t\t\t\"schema\": {\r\n\t\t\t\t\"type\": \"object\",\r\n\t\t\t\t\"properties\": {\r\n\t\t\t\t\t\"n\": {\r\n\t\t\t\t\t\t\"type\": \"integer\",\r\n\t\t\t\t\t\t\"x-ms-summary\": \"N\"\r\n\t\t\t\t\t}\r\n\t\t\t\t}\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}"
        );
    }

    #[test]
    fn one_line_responses_are_rewritten_over_lines() {
        let text = "{\n  \"responses\": {\n    \"200\": {\"description\": \"OK\", \"examples\": {\"application/json\": {\"ok\": true}}}\n  }\n}";
        let parsed = parse(text);
        let tree = &parsed.tree;
        let response = tree.resolve_pointer("/responses/200").unwrap();
        let fix = fix_from_example(FileKind::ApiDefinition, text, tree, response).unwrap();
        assert_eq!(fix.title, FIX_TITLE);
        let fixed = apply(text, &fix.edits[0]);
        assert_eq!(
            fixed,
            "{\n  \"responses\": {\n    \"200\": {\n      \"description\": \"OK\",\n      \"examples\": {\"application/json\": {\"ok\": true}},\n      \"schema\": {\n        \"type\": \"object\",\n        \"properties\": {\n          \"ok\": {\n            \"type\": \"boolean\",\n            \"x-ms-summary\": \"Ok\"\n          }\n        }\n      }\n    }\n  }\n}"
        );
        assert!(parse(&fixed).errors.is_empty());
    }

    #[test]
    fn an_empty_schema_is_replaced_and_its_documentation_kept() {
        let text = r#"{
  "responses": {
    "200": {
      "description": "OK",
      "schema": {
        "type": "object",
        "description": "The status.",
        "example": {"up": true}
      }
    }
  }
}"#;
        let parsed = parse(text);
        let tree = &parsed.tree;
        let response = tree.resolve_pointer("/responses/200").unwrap();
        let fix = fix_from_example(FileKind::ApiDefinition, text, tree, response).unwrap();
        let fixed = apply(text, &fix.edits[0]);
        assert_eq!(
            fixed,
            r#"{
  "responses": {
    "200": {
      "description": "OK",
      "schema": {
        "type": "object",
        "description": "The status.",
        "example": {"up": true},
        "properties": {
          "up": {
            "type": "boolean",
            "x-ms-summary": "Up"
          }
        }
      }
    }
  }
}"#
        );
    }

    #[test]
    fn examples_that_say_nothing_give_no_fix() {
        for example in ["{}", "null"] {
            let text = format!(
                "{{\"responses\": {{\"200\": {{\"description\": \"OK\", \"examples\": {{\"application/json\": {example}}}}}}}}}"
            );
            let parsed = parse(&text);
            let response = parsed.tree.resolve_pointer("/responses/200").unwrap();
            assert!(
                fix_from_example(FileKind::ApiDefinition, &text, &parsed.tree, response).is_none()
            );
        }
        assert!(is_json_mime("application/json; charset=utf-8"));
        assert!(is_json_mime("application/vnd.api+json"));
        assert!(!is_json_mime("text/plain"));
    }

    #[test]
    fn pointers_to_responses() {
        let text = r##"{
  "paths": {"/items": {"get": {"responses": {
    "200": {"$ref": "#/responses/Ok"},
    "201": {"description": "Created", "schema": {}},
    "x-extra": {}
  }}}},
  "responses": {"Ok": {"description": "OK"}}
}"##;
        let parsed = parse(text);
        let tree = &parsed.tree;
        let swagger = Swagger::new(tree).unwrap();
        let shared = tree.resolve_pointer("/responses/Ok").unwrap();
        assert_eq!(
            response_at(&swagger, "/paths/~1items/get/responses/200"),
            Ok(shared)
        );
        assert_eq!(response_at(&swagger, "#/responses/Ok"), Ok(shared));
        let created = tree
            .resolve_pointer("/paths/~1items/get/responses/201")
            .unwrap();
        assert_eq!(
            response_at(&swagger, "/paths/~1items/get/responses/201/schema"),
            Ok(created)
        );
        for bad in [
            "/paths/~1items/get",
            "/paths/~1items/get/responses/x-extra",
            "/paths/~1items/get/responses/404",
            "/responses",
            "nonsense",
        ] {
            assert!(response_at(&swagger, bad).is_err(), "{bad}");
        }
    }
}
