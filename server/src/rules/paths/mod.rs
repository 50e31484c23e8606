//! Rules about paths, path parameters, host, basePath, schemes, `$ref`s and settings.json
//! paths.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::swagger::{Parameter, PathItem, path_part, scan_template};
use crate::text::TextRange;

pub mod base_path_invalid;
pub mod host_invalid;
pub mod host_not_production;
pub mod path_contains_query_or_fragment;
pub mod path_duplicate;
pub mod path_not_starting_with_slash;
pub mod path_parameter_not_in_template;
pub mod path_parameter_undeclared;
pub mod path_partial_duplicate;
pub mod path_template_malformed;
pub mod ref_unresolved;
pub mod schemes_empty;
pub mod settings_file_missing;

pub(super) static RULES: &[&super::Rule] = &[
    &path_parameter_undeclared::RULE,
    &path_parameter_not_in_template::RULE,
    &path_contains_query_or_fragment::RULE,
    &path_not_starting_with_slash::RULE,
    &path_template_malformed::RULE,
    &host_invalid::RULE,
    &host_not_production::RULE,
    &base_path_invalid::RULE,
    &schemes_empty::RULE,
    &path_duplicate::RULE,
    &path_partial_duplicate::RULE,
    &ref_unresolved::RULE,
    &settings_file_missing::RULE,
];

/// The path as routing sees it: every `{variable}` replaced by `{}`, lowercased. Two paths
/// with the same key route the same requests (`path-duplicate`).
fn normalize(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = 0;
    for (_, span) in crate::model::swagger::template_variables(template) {
        out.push_str(&template[rest..span.start]);
        rest = span.end;
    }
    out.push_str(&template[rest..]);
    out.to_lowercase()
}

/// Findings of one kind reported for one path at most: a path made of thousands of braces or
/// variables is one mistake, and a finding for each (each carrying the path in its pointer)
/// would make the output quadratic. The last one reported says how many more there are.
const MAX_FINDINGS_PER_PATH: usize = 5;

/// The range of `span` (byte offsets into the path template) inside the quoted key of `item`,
/// or the whole key when the key is written with escape sequences (offsets would not match).
fn template_range(text: &str, item: &PathItem, span: Range<usize>) -> TextRange {
    let key = item.key_range;
    let inner = text.get(key.start as usize + 1..(key.end as usize).saturating_sub(1));
    if inner == Some(item.template) && span.end <= item.template.len() {
        TextRange::new(
            key.start + 1 + span.start as u32,
            key.start + 1 + span.end as u32,
        )
    } else {
        key
    }
}

/// The variables of the path part of a template as the parameter rules see them, with the
/// byte span of the whole `{…}`: `{name}`, and also the name of a malformed `{name=default}`
/// or of a `{name` left open before `/` or the end (those are reported by
/// `path-template-malformed`, so the parameter rules should not pile up on them). Empty names
/// are skipped. A `{name}` in a query string is not a path variable: see [`query_variables`].
fn variables(template: &str) -> Vec<(&str, Range<usize>)> {
    template_variables(path_part(template))
}

/// The names of the `{variables}` written in the query string or fragment of a path key
/// (`/departments?active={active}`): query values, which the repair of
/// `path-contains-query-or-fragment` declares as query parameters.
fn query_variables(template: &str) -> Vec<&str> {
    template_variables(&template[path_part(template).len()..])
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The `in: path` parameters of an operation whose name is not a variable of its path. A
/// parameter whose `{name}` is in the query string is not one of them: the repair of
/// `path-contains-query-or-fragment` moves it to the query with its variable.
fn parameters_not_in_template<'p, 'a>(
    template: &str,
    params: &'p [Parameter<'a>],
) -> Vec<&'p Parameter<'a>> {
    let vars = variables(template);
    let in_query = query_variables(template);
    params
        .iter()
        .filter(|p| {
            p.location == Some("path")
                && p.name.is_some_and(|name| {
                    !vars.iter().any(|(v, _)| *v == name) && !in_query.contains(&name)
                })
        })
        .collect()
}

/// The one `in: path` parameter of an operation that is not a variable of its path, and the
/// one variable that has no parameter, when there is exactly one of each and the parameter is
/// written on the operation or its path item (not shared through `#/parameters`). That is a
/// single defect, a parameter named differently from its variable:
/// `path-parameter-not-in-template` reports it once with the rename, and
/// `path-parameter-undeclared` leaves the variable alone.
fn misnamed_path_parameter<'a>(
    template: &'a str,
    params: &[Parameter<'a>],
) -> Option<(Parameter<'a>, &'a str)> {
    let extra = parameters_not_in_template(template, params);
    let mut seen = HashSet::new();
    let undeclared: Vec<&str> = variables(template)
        .into_iter()
        .map(|(v, _)| v)
        .filter(|v| {
            seen.insert(*v)
                && !params
                    .iter()
                    .any(|p| p.location == Some("path") && p.name == Some(*v))
        })
        .collect();
    match (extra.as_slice(), undeclared.as_slice()) {
        ([param], [var]) if param.site == param.node => Some(((*param).clone(), *var)),
        _ => None,
    }
}

/// The variables of a template as the parameter rules see them, with the span of the whole
/// `{…}`: closed or left open, the name before any `=default`; empty names are skipped.
fn template_variables(template: &str) -> Vec<(&str, Range<usize>)> {
    scan_template(template)
        .into_iter()
        .filter(|v| !v.name().is_empty())
        .map(|v| (v.name(), v.span))
        .collect()
}

/// A small deterministic generator for the path rules' randomized tests: `bound` > 0.
#[cfg(test)]
fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut seed = seed;
    move |bound| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_include_malformed_ones() {
        let vars = variables("/a/{id}/{x=1}/{}/{{y}/{open");
        assert_eq!(
            vars,
            [("id", 3..7), ("x", 8..13), ("y", 18..21), ("open", 22..27)]
        );
    }

    #[test]
    fn query_variables_are_not_path_variables() {
        let template = "/departments/{id}?active={active}&x=1#{frag}";
        let names: Vec<_> = variables(template).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["id"]);
        assert_eq!(query_variables(template), ["active", "frag"]);
    }
}
