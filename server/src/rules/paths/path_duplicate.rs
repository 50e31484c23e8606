use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::paths::normalize;
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports two paths with an operation of the same method that are the same path once
    /// case and the names of `{variables}` are ignored (`/items/{itemId}` and `/Items/{id}`).
    /// Paths that differ only by a trailing `/` are reported as a hint.
    ///
    /// ## Why
    /// Microsoft's validator rejects such definitions (`PathRedefined`: paths must be unique
    /// when compared case-insensitively; `DuplicateOperationPath`), and the portal import fails.
    /// A trailing-slash twin (`/items` and `/items/`) is accepted and used by certified
    /// connectors to put two operations on one endpoint, but it is fragile: some back ends
    /// treat both the same, some redirect.
    ///
    /// ## Example
    /// ```json
    /// "paths": {
    ///   "/items/{itemId}": { "get": { "operationId": "GetItem", … } },
    ///   "/Items/{id}": { "get": { "operationId": "GetItemById", … } }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Merge the operations, or give one of them a distinct path and route it to the real
    /// endpoint with a `routerequesttoendpoint` policy. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "path-duplicate",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "Two paths are the same apart from case, variable names or a trailing '/'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["DuplicateOperationPath", "PathRedefined"],
        check: check,
    }
}

/// Of the paths seen so far with one method (in document order): the first, and the first
/// whose template differs from the first's.
#[derive(Default)]
struct FirstTwo {
    first: Option<usize>,
    first_different: Option<usize>,
}

impl FirstTwo {
    fn add<'t>(&mut self, index: usize, template: impl Fn(usize) -> &'t str) {
        match self.first {
            None => self.first = Some(index),
            Some(first) if self.first_different.is_none() && template(first) != template(index) => {
                self.first_different = Some(index);
            }
            Some(_) => {}
        }
    }

    /// The earliest path seen whose template is not `template` (the same key twice is a
    /// duplicate JSON key, reported by json-duplicate-key).
    fn other_than<'t>(
        &self,
        template: &str,
        templates: impl Fn(usize) -> &'t str,
    ) -> Option<usize> {
        let first = self.first?;
        if templates(first) != template {
            Some(first)
        } else {
            self.first_different
        }
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let mut methods: Vec<Vec<&str>> = vec![Vec::new(); swagger.paths.len()];
    for op in &swagger.operations {
        methods[op.path].push(op.method);
    }
    let normalized: Vec<String> = swagger
        .paths
        .iter()
        .map(|p| normalize(p.template))
        .collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, key) in normalized.iter().enumerate() {
        if !methods[index].is_empty() {
            groups
                .entry(key.trim_end_matches('/'))
                .or_default()
                .push(index);
        }
    }
    let mut findings = Vec::new();
    for group in groups.values().filter(|g| g.len() > 1) {
        // Per method, the earliest path of the group having it (`loose`), and the earliest
        // having it with the same normalized key (`exact`, keyed by that key): each later path
        // is compared with those, not with every earlier one (a group of n copies of one key
        // would be quadratic).
        let mut loose: HashMap<&str, FirstTwo> = HashMap::new();
        let mut exact: HashMap<(&str, &str), FirstTwo> = HashMap::new();
        for &later in group {
            let template = swagger.paths[later].template;
            let templates = |i: usize| swagger.paths[i].template;
            let earliest = |firsts: Option<&FirstTwo>| firsts?.other_than(template, templates);
            let exact_match = methods[later]
                .iter()
                .filter_map(|m| earliest(exact.get(&(normalized[later].as_str(), *m))))
                .min();
            let chosen = exact_match.map(|earlier| (earlier, true)).or_else(|| {
                let any = methods[later].iter().filter_map(|m| earliest(loose.get(m)));
                any.min().map(|earlier| (earlier, false))
            });
            if let Some((earlier, is_exact)) = chosen {
                let common: Vec<&str> = methods[later]
                    .iter()
                    .copied()
                    .filter(|m| methods[earlier].contains(m))
                    .collect();
                findings.push((later, earlier, common, is_exact));
            }
            for &method in &methods[later] {
                loose.entry(method).or_default().add(later, templates);
                let key = (normalized[later].as_str(), method);
                exact.entry(key).or_default().add(later, templates);
            }
        }
    }
    findings.sort();
    let grades = sink.may_grade();
    for (later, earlier, common, exact) in findings {
        let this = &swagger.paths[later];
        let other = &swagger.paths[earlier];
        let verbs = common
            .iter()
            .map(|m| m.to_uppercase())
            .collect::<Vec<_>>()
            .join(", ");
        let message = if exact {
            format!(
                "{verbs} {} duplicates {verbs} {}; paths must differ in static segments, not \
                 only in case or variable names",
                excerpt(this.template),
                excerpt(other.template)
            )
        } else {
            format!(
                "{verbs} {} differs from {verbs} {} only by a trailing '/'; this is accepted but \
                 fragile (a routerequesttoendpoint policy is the documented way to route two \
                 operations to one endpoint)",
                excerpt(this.template),
                excerpt(other.template)
            )
        };
        let diagnostic = sink
            .report(
                file.kind,
                this.key_range,
                swagger.tree.pointer(this.node),
                message,
            )
            .with_related(
                file.kind,
                other.key_range,
                format!("{verbs} {} is declared here", excerpt(other.template)),
            );
        // The validator's PathRedefined compares paths without regard to case; a twin that
        // also differs in a variable's name is DuplicateOperationPath. A trailing-slash twin
        // (a hint, which the validator accepts) is named after the check it comes closest to.
        let same_but_case = this.template.eq_ignore_ascii_case(other.template);
        diagnostic.with_validator(if exact && same_but_case {
            "PathRedefined"
        } else {
            "DuplicateOperationPath"
        });
        if !exact && grades {
            diagnostic.severity = Severity::Hint;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::swagger::Swagger;
    use crate::syntax::json::parse;

    use super::normalize;

    /// The oracle: each later path against every earlier one of its group.
    fn compared_with_every_earlier(swagger: &Swagger) -> Vec<(usize, usize, bool)> {
        let methods = |i: usize| -> Vec<&str> {
            swagger
                .operations
                .iter()
                .filter(|op| op.path == i)
                .map(|op| op.method)
                .collect()
        };
        let mut found = Vec::new();
        for later in 0..swagger.paths.len() {
            let key = |i: usize| normalize(swagger.paths[i].template);
            let candidates: Vec<(usize, bool)> = (0..later)
                .filter(|&earlier| {
                    key(earlier).trim_end_matches('/') == key(later).trim_end_matches('/')
                        && swagger.paths[earlier].template != swagger.paths[later].template
                        && methods(later).iter().any(|m| methods(earlier).contains(m))
                })
                .map(|earlier| (earlier, key(earlier) == key(later)))
                .collect();
            let chosen = candidates.iter().find(|c| c.1).or(candidates.first());
            found.extend(chosen.map(|&(earlier, exact)| (later, earlier, exact)));
        }
        found
    }

    #[test]
    fn each_path_is_compared_as_with_every_earlier_one() {
        let spellings = ["/a", "/A", "/a/", "/A/", "/{x}", "/{y}/", "/b"];
        let methods = ["get", "post"];
        let mut next = super::super::xorshift(7);
        for _ in 0..300 {
            let paths: Vec<String> = (0..next(9))
                .map(|_| {
                    let ops: Vec<String> = methods
                        .iter()
                        .filter(|_| next(2) == 0)
                        .map(|m| format!("\"{m}\": {{}}"))
                        .collect();
                    format!(
                        "\"{}\": {{{}}}",
                        spellings[next(spellings.len())],
                        ops.join(",")
                    )
                })
                .collect();
            let text = format!("{{\"paths\": {{{}}}}}", paths.join(","));
            let parsed = parse(&text);
            let swagger = Swagger::new(&parsed.tree).unwrap();
            let file = crate::model::SourceFile::from_text(
                crate::model::FileKind::ApiDefinition,
                "apiDefinition.swagger.json".into(),
                text.clone(),
            );
            let connector = crate::model::Connector::from_files(".".into(), vec![file], Vec::new());
            let reported: Vec<String> = crate::rules::analyze(&connector, &Default::default())
                .into_iter()
                .filter(|d| d.rule == "path-duplicate")
                .map(|d| d.message)
                .collect();
            let expected = compared_with_every_earlier(&swagger);
            assert_eq!(reported.len(), expected.len(), "{text}\n{reported:#?}");
            for (message, (later, earlier, exact)) in reported.iter().zip(&expected) {
                let (this, other) = (
                    swagger.paths[*later].template,
                    swagger.paths[*earlier].template,
                );
                let verb = if *exact { "duplicates" } else { "differs from" };
                assert!(
                    message.contains(&format!(" {this} {verb} "))
                        && message.contains(&format!(" {other}")),
                    "{text}\n{message}\nexpected {this} {verb} {other}"
                );
            }
        }
    }
}
