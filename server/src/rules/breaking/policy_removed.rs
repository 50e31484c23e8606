use crate::links;
use crate::model::FileKind;
use crate::rules::breaking::was_at;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

/// The policy templates that rewrite the request the connector sends.
const REWRITES_REQUESTS: [&str; 5] = [
    "setheader",
    "setqueryparameter",
    "setproperty",
    "dynamichosturl",
    "routerequesttoendpoint",
];

declare_rule! {
    /// ## What it does
    /// With a base revision, reports a policy template instance of apiProperties.json that
    /// rewrote requests (`setheader`, `setqueryparameter`, `setproperty`, `dynamichosturl`,
    /// `routerequesttoendpoint`) and is gone, at `policyTemplateInstances` (or the nearest
    /// surviving parent), with where it was.
    ///
    /// ## Why
    /// Existing flows send what the operations declare and rely on the policy to turn it into
    /// what the API expects (a header, a host, a route). Without it, their requests may fail.
    ///
    /// ## Example
    /// At the base a `setheader` instance sets `Accept`; now it is gone.
    ///
    /// ## Fix
    /// Keep the policy, or make sure the API accepts the requests without it.
    ///
    /// ## Fix safety
    /// No automatic fix: only the author knows whether the API still needs the rewrite.
    RULE {
        id: "breaking-policy-removed",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "A policy that rewrote requests was removed",
        reference: Some(links::POLICIES),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(base) = &ctx.base else { return };
    let (Some((base_file, before)), Some((file, now))) = (&base.index.properties, &ctx.properties)
    else {
        return;
    };
    if base_file.text == file.text {
        return;
    }
    let tree = now.tree;
    let place = now
        .properties
        .and_then(|p| tree.member(p, "policyTemplateInstances"))
        .map(|member| (member.key_range, tree.pointer(member.value)))
        .or_else(|| {
            let member = tree.member(now.root, "properties")?;
            Some((member.key_range, tree.pointer(member.value)))
        })
        .unwrap_or_else(|| (tree.range(now.root), String::new()));
    for id in REWRITES_REQUESTS {
        let old: Vec<_> = before
            .policy_instances()
            .iter()
            .filter(|&&n| before.tree.get_str(n, "templateId") == Some(id))
            .collect();
        let kept = now
            .policy_instances()
            .iter()
            .filter(|&&n| tree.get_str(n, "templateId") == Some(id))
            .count();
        // Instances are told apart by their order: the last ones are the ones gone.
        for &&node in old.iter().skip(kept) {
            let title = before
                .tree
                .get_str(node, "title")
                .map(|t| format!(" ('{}')", excerpt(t)))
                .unwrap_or_default();
            let (range, pointer) = place.clone();
            let related = was_at(base_file, before.tree, node, base.label);
            sink.report(
                file.kind,
                range,
                pointer,
                format!(
                    "A '{id}' policy{title} was removed: requests of existing flows are no longer \
                     rewritten"
                ),
            )
            .with_related(file.kind, range, related);
        }
    }
}
