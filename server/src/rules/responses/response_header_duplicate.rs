//! Two headers of one response whose names differ only in case.

use std::collections::{HashMap, HashSet};

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a response header declared twice in one response's `headers` under names that
    /// differ only in case (`X-Rate-Limit` and `x-rate-limit`). Names written exactly alike
    /// are `json-duplicate-key`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`ResponseHeadersAreNotUnique`: "The response headers
    /// are not unique."). HTTP header names are case-insensitive, so both declarations
    /// describe one header and the designer offers two outputs for it. No published connector
    /// has one.
    ///
    /// ## Example
    /// ```json
    /// "headers": { "X-Total": { "type": "integer" }, "x-total": { "type": "integer" } }
    /// ```
    ///
    /// ## Fix
    /// Remove one of the two declarations.
    ///
    /// ## Fix safety
    /// No automatic fix: which declaration (type, description) is right is for a person to
    /// decide.
    RULE {
        id: "response-header-duplicate",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A response declares one header twice, in different case",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ResponseHeadersAreNotUnique"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let shared = tree
        .get(swagger.root, "responses")
        .map(|map| {
            tree.members(map)
                .iter()
                .map(|m| m.value)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let written = swagger
        .operations
        .iter()
        .flat_map(|op| swagger.responses(op).into_iter().map(|r| r.node));
    let mut seen_responses: HashSet<NodeId> = HashSet::new();
    for response in shared.into_iter().chain(written) {
        if !seen_responses.insert(response) {
            continue;
        }
        let Some(headers) = tree.get(response, "headers") else {
            continue;
        };
        let mut first_by_name: HashMap<String, &str> = HashMap::new();
        for member in tree.members(headers) {
            let folded = member.key.to_ascii_lowercase();
            match first_by_name.get(&folded) {
                Some(&first) if first != &*member.key => {
                    sink.report(
                        file.kind,
                        member.key_range,
                        tree.pointer(member.value),
                        format!(
                            "Response header '{}' is also declared as '{}'; header names are \
                             case-insensitive",
                            excerpt(&member.key),
                            excerpt(first)
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    first_by_name.insert(folded, &member.key);
                }
            }
        }
    }
}
