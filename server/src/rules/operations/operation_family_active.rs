use crate::links;
use crate::model::FileKind;
use crate::model::annotation::STATUS_PRODUCTION;
use crate::model::annotation::{Member, families, is_production};
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::{LISTED_ITEMS, excerpt};
use crate::vocabulary::MAX_ACTIVE_IN_FAMILY;

declare_rule! {
    /// ## What it does
    /// Reports the older operations of a family (operations whose `x-ms-api-annotation`
    /// names the same `family`) that are still active, not `deprecated: true`: beyond the
    /// two newest revisions, and beyond the newest one in `Production` status. The finding
    /// is at the older operation's `family`, naming the others.
    ///
    /// ## Why
    /// A family exists so that makers see one current action and are led away from the old
    /// ones. Microsoft's validator allows at most two active operations in a family
    /// (`OperationFamilyHasManyActiveOperations`: extra operations must be deprecated) and
    /// asks that previous revisions in Production be deprecated
    /// (`OperationFamilyHasManyActiveProductionOperations`). No published connector breaks
    /// either; a warning outside the certification profile, since the connector still works.
    ///
    /// ## Example
    /// `GetItems` (revision 1), `GetItemsV2` (revision 2) and `GetItemsV3` (revision 3), all
    /// in family `GetItems` with `"status": "Production"` and none deprecated.
    ///
    /// ## Fix
    /// Mark the older revisions `"deprecated": true` (and, once certification allows it,
    /// name their replacement in `x-ms-api-annotation`).
    ///
    /// ## Fix safety
    /// No automatic fix: deprecating an operation hides it from makers, which the author
    /// decides.
    RULE {
        id: "operation-family-active",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation family with more than two active operations, or several active in Production",
        reference: Some(links::VERSIONING),
        validator: [
            "OperationFamilyHasManyActiveOperations",
            "OperationFamilyHasManyActiveProductionOperations",
        ],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let text = file.text.as_str();
    let tree = swagger.tree;
    for family in families(swagger) {
        // Newest first: by revision, an operation without one counting as the oldest, and
        // in document order among equals.
        let mut active: Vec<&Member> = family
            .members
            .iter()
            .filter(|m| !m.is_deprecated(tree))
            .collect();
        active.sort_by(|a, b| {
            let revision = |m: &Member| m.revision_number(text, tree).unwrap_or(f64::MIN);
            revision(b).total_cmp(&revision(a))
        });
        let too_many = active.len() > MAX_ACTIVE_IN_FAMILY;
        if too_many {
            for older in &active[MAX_ACTIVE_IN_FAMILY..] {
                report(
                    swagger,
                    older,
                    &active,
                    (
                        &format!(
                            "is one of {} active operations of family '{}'",
                            active.len(),
                            excerpt(family.name)
                        ),
                        &format!(
                            "at most {MAX_ACTIVE_IN_FAMILY} may be active; deprecate the older \
                             ones"
                        ),
                        "is also active",
                    ),
                    "OperationFamilyHasManyActiveOperations",
                    sink,
                );
            }
        }
        // With each one's place among the active operations, newest first.
        let production: Vec<(usize, &Member)> = active
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, m)| m.annotation.status.is_some_and(|s| is_production(tree, s)))
            .collect();
        let production_members: Vec<&Member> = production.iter().map(|&(_, m)| m).collect();
        for &(at, older) in production.iter().skip(1) {
            // Beyond the two newest active operations, the finding above already asks for it.
            if too_many && at >= MAX_ACTIVE_IN_FAMILY {
                continue;
            }
            report(
                swagger,
                older,
                &production_members,
                (
                    &format!(
                        "is one of {} active {STATUS_PRODUCTION} operations of family '{}'",
                        production.len(),
                        excerpt(family.name)
                    ),
                    "only the newest should be; deprecate the previous revisions",
                    "is also active",
                ),
                "OperationFamilyHasManyActiveProductionOperations",
                sink,
            );
        }
    }
}

/// Report `member` at its `family`: "Operation <name> <lead> (<others of `group`>):
/// <advice>", naming the first few others (and how many more), each as related information
/// labelled `<name> <related>`: linear in the size of the family, however large.
pub(super) fn report(
    swagger: &Swagger,
    member: &Member,
    group: &[&Member],
    (lead, advice, related): (&str, &str, &str),
    code: &'static str,
    sink: &mut Sink,
) {
    let tree = swagger.tree;
    let others: Vec<&&Member> = group
        .iter()
        .filter(|o| o.op.node != member.op.node)
        .take(LISTED_ITEMS)
        .collect();
    let mut names = others
        .iter()
        .map(|o| swagger.name(o.op))
        .collect::<Vec<_>>()
        .join(", ");
    let more = group.len().saturating_sub(1 + others.len());
    if more > 0 {
        names = format!("{names} and {more} more");
    }
    let diagnostic = sink.at_value(
        FileKind::ApiDefinition,
        tree,
        member.family,
        format!(
            "Operation {} {lead} ({names}): {advice}",
            swagger.name(member.op)
        ),
    );
    diagnostic.with_validator(code);
    for other in others {
        diagnostic.with_related(
            FileKind::ApiDefinition,
            tree.range(other.family),
            format!("{} {related}", swagger.name(other.op)),
        );
    }
}
