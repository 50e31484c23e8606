use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::template_variables;
use crate::rules::{Context, Sink, declare_rule};

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
        check: check,
    }
}

/// The path with every `{variable}` replaced by `{}`, lowercased.
fn normalize(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = 0;
    for (_, span) in template_variables(template) {
        out.push_str(&template[rest..span.start]);
        rest = span.end;
    }
    out.push_str(&template[rest..]);
    out.to_lowercase()
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
        for (position, &later) in group.iter().enumerate().skip(1) {
            let candidates = group[..position].iter().filter_map(|&earlier| {
                // The same key twice is a duplicate JSON key, reported by json-duplicate-key.
                if swagger.paths[earlier].template == swagger.paths[later].template {
                    return None;
                }
                let common: Vec<&str> = methods[later]
                    .iter()
                    .copied()
                    .filter(|m| methods[earlier].contains(m))
                    .collect();
                if common.is_empty() {
                    return None;
                }
                let exact = normalized[earlier] == normalized[later];
                Some((earlier, common, exact))
            });
            let candidates: Vec<_> = candidates.collect();
            let chosen = candidates
                .iter()
                .find(|(_, _, exact)| *exact)
                .or(candidates.first());
            if let Some((earlier, common, exact)) = chosen {
                findings.push((later, *earlier, common.clone(), *exact));
            }
        }
    }
    findings.sort();
    let default_severity = sink.is_default_severity();
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
                this.template, other.template
            )
        } else {
            format!(
                "{verbs} {} differs from {verbs} {} only by a trailing '/'; this is accepted but \
                 fragile (a routerequesttoendpoint policy is the documented way to route two \
                 operations to one endpoint)",
                this.template, other.template
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
                format!("{verbs} {} is declared here", other.template),
            );
        if !exact && default_severity {
            diagnostic.severity = Severity::Hint;
        }
    }
}
