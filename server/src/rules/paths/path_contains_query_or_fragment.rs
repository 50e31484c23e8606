use std::collections::HashSet;

use crate::diagnostic::{Edit, Fix};
use crate::edit::json::{Json, insert_items, insert_members, remove_member, replace_value};
use crate::edit::names::{description_of, json_string, title_of};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::paths::template_range;
use crate::rules::registry::declare_rule;
use crate::text::{LISTED_ITEMS, excerpt};

declare_rule! {
    /// ## What it does
    /// Reports a path key that contains a query string (`?`) or a fragment (`#`).
    ///
    /// ## Why
    /// A Swagger path is only the path part of the URL. Microsoft's validator rejects the
    /// definition (`OperationPathMayNotContainQueryOrFragment`); a literal `?` or `#` must be
    /// URL-encoded. Fixed query values belong in query parameters, where the platform builds
    /// and encodes the query string itself.
    ///
    /// ## Example
    /// ```json
    /// "/search?type=user": { "get": { "operationId": "SearchUsers", … } }
    /// ```
    ///
    /// ## Fix
    /// Strip the query (and fragment) from the key and declare each pair as a query parameter: a
    /// fixed `name=value` as a required, internal parameter with the value as default, a
    /// `name={variable}` as a required parameter the user fills in (an `in: path` parameter of
    /// that variable becomes it, without its `x-ms-url-encoding`). When two paths would become equal, use a
    /// `routerequesttoendpoint` policy instead.
    ///
    /// ## Fix safety
    /// Unsafe. The generated parameters' types and texts are guesses, and the operation's inputs
    /// change.
    RULE {
        id: "path-contains-query-or-fragment",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A path contains a query string or a fragment",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["OperationPathMayNotContainQueryOrFragment"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for (index, item) in swagger.paths.iter().enumerate() {
        let Some(cut) = item.template.find(['?', '#']) else {
            continue;
        };
        let (query, fragment) = split_rest(&item.template[cut..]);
        let pairs = query_pairs(query);
        let stripped = &item.template[..cut];
        let collides = swagger.has_path(stripped);
        let path = excerpt(item.template);
        let mut message = if query.is_some() {
            match pairs.len() {
                0 => format!(
                    "Path '{path}' contains a query string; remove it, or URL-encode '?' as %3F"
                ),
                1 => format!(
                    "Path '{path}' contains a query string; move {} to a query parameter",
                    quoted_names(&pairs)
                ),
                _ => format!(
                    "Path '{path}' contains a query string; move {} to query parameters",
                    quoted_names(&pairs)
                ),
            }
        } else {
            format!(
                "Path '{path}' contains a fragment '{}' that is never sent to the server; \
                 remove it, or URL-encode '#' as %23",
                excerpt(fragment.unwrap_or_default())
            )
        };
        if collides {
            message.push_str(&format!(
                " ('{}' is already a path: use a routerequesttoendpoint policy)",
                excerpt(stripped)
            ));
        }
        let range = template_range(&file.text, item, cut..item.template.len());
        let pointer = swagger.tree.pointer(item.node);
        let fix = if collides || stripped.is_empty() {
            None
        } else {
            move_fix(&file.text, swagger, index, stripped, &pairs)
        };
        let diagnostic = sink.report(file.kind, range, pointer, message);
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`, or the first [`LISTED_ITEMS`] and how many more.
fn quoted_names(pairs: &[(&str, &str)]) -> String {
    let names: Vec<String> = pairs
        .iter()
        .take(LISTED_ITEMS)
        .map(|(name, _)| format!("'{}'", excerpt(name)))
        .collect();
    match (names.split_last(), pairs.len() - names.len()) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", names.join(", ")),
    }
}

/// The query (without `?`) and the fragment (with `#`) of the part of a key from `?` or `#`.
fn split_rest(rest: &str) -> (Option<&str>, Option<&str>) {
    match rest.strip_prefix('?') {
        Some(query) => match query.find('#') {
            Some(at) => (Some(&query[..at]), Some(&query[at..])),
            None => (Some(query), None),
        },
        None => (None, Some(rest)),
    }
}

/// The `name=value` pairs of a query, first occurrence of each name.
fn query_pairs(query: Option<&str>) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for pair in query.unwrap_or_default().split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !name.is_empty() && seen.insert(name) {
            pairs.push((name, value));
        }
    }
    pairs
}

/// The variable of a query value written as one whole `{variable}` (`active={active}`).
fn template_value(value: &str) -> Option<&str> {
    let name = value.strip_prefix('{')?.strip_suffix('}')?;
    (!name.is_empty() && !name.contains(['{', '}'])).then_some(name)
}

/// Strip the query from the key and declare its pairs as query parameters: a fixed value as a
/// required, internal path-level parameter with that default, a `{variable}` value as a
/// required parameter the user fills in. A variable already declared `in: path` on an
/// operation becomes that query parameter.
fn move_fix(
    text: &str,
    swagger: &Swagger,
    index: usize,
    stripped: &str,
    pairs: &[(&str, &str)],
) -> Option<Fix> {
    let tree = swagger.tree;
    let kind = FileKind::ApiDefinition;
    let item = &swagger.paths[index];
    let params: Vec<_> = swagger
        .operations
        .iter()
        .filter(|op| op.path == index)
        .flat_map(|op| swagger.parameters(op))
        .collect();
    let declared = |name: &str| {
        params
            .iter()
            .any(|p| p.name == Some(name) && p.location == Some("query"))
    };
    let mut edits = vec![Edit::replace(kind, item.key_range, json_string(stripped))];
    let mut declarations = Vec::new();
    let mut moved = HashSet::new();
    for &(name, value) in pairs {
        if name.contains(['{', '}']) {
            // A templated query name is not a parameter; a person must decide.
            return None;
        }
        if declared(name) {
            continue;
        }
        if let Some(variable) = template_value(value) {
            let in_path: Vec<_> = params
                .iter()
                .filter(|p| p.name == Some(variable) && p.location == Some("path"))
                .collect();
            if in_path.iter().any(|p| p.site != p.node) {
                // Shared through `#/parameters`: other paths may use it in their path.
                return None;
            }
            if in_path.is_empty() {
                declarations.push(Json::object([
                    ("name", Json::str(name)),
                    ("in", Json::str("query")),
                    ("required", Json::raw("true")),
                    ("type", Json::str("string")),
                    ("x-ms-summary", Json::str(title_of(name))),
                    ("description", Json::str(description_of(name))),
                ]));
            }
            for param in in_path {
                // A path-level parameter is seen once per operation; edit it once.
                if !moved.insert(param.node) {
                    continue;
                }
                edits.push(replace_value(
                    kind,
                    tree,
                    tree.get(param.node, "in")?,
                    &json_string("query"),
                ));
                if variable != name {
                    let name_node = tree.get(param.node, "name")?;
                    edits.push(replace_value(kind, tree, name_node, &json_string(name)));
                }
                // `x-ms-url-encoding` is for path parameters only.
                let members = tree.members(param.node);
                if let Some(index) = members.iter().position(|m| &*m.key == "x-ms-url-encoding") {
                    edits.push(remove_member(kind, tree, param.node, index));
                }
            }
            continue;
        }
        if value.contains(['{', '}']) {
            // Part of a value templated: a person must decide how to build it.
            return None;
        }
        declarations.push(Json::object([
            ("name", Json::str(name)),
            ("in", Json::str("query")),
            ("required", Json::raw("true")),
            ("type", Json::str("string")),
            ("default", Json::str(value)),
            ("x-ms-visibility", Json::str("internal")),
        ]));
    }
    match tree.get(item.node, "parameters") {
        _ if declarations.is_empty() => {}
        // Several items go in as one insertion, so that the edits do not share a position.
        Some(list) if tree.is_array(list) => {
            edits.extend(insert_items(kind, text, tree, list, &declarations))
        }
        Some(_) => return None,
        None => edits.extend(insert_members(
            kind,
            text,
            tree,
            item.node,
            &[("parameters".to_string(), Json::Array(declarations))],
        )),
    }
    let stripped = excerpt(stripped);
    let title = if edits.len() == 1 {
        format!("Change the path to '{stripped}'")
    } else {
        format!("Change the path to '{stripped}' and move the query to query parameters")
    };
    Some(Fix::unsafe_(title, edits))
}

#[cfg(test)]
mod tests {
    use super::template_value;

    #[test]
    fn a_template_value_is_one_whole_variable() {
        assert_eq!(template_value("{active}"), Some("active"));
        for value in ["{}", "{{a}}", "{a}b", "a{b}", "true"] {
            assert_eq!(template_value(value), None, "{value}");
        }
    }
}
