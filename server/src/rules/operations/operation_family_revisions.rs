use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::edit::names::{has_revision_suffix, revision_suffix, with_revision_suffix};
use crate::links;
use crate::model::FileKind;
use crate::model::annotation::{Family, Member, annotation, families};
use crate::model::schemas::number;
use crate::model::swagger::Swagger;
use crate::rules::context::{Context, Sink};
use crate::rules::operations::operation_family_active::report;
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reads the revisions of each operation family (operations whose `x-ms-api-annotation`
    /// names the same `family`) and reports an operation of a family without a `revision`
    /// (at its `family`), two operations of a family with the same revision (at the second
    /// `revision`), and an operationId that does not end with the suffix of its revision
    /// (`V2` for revision 2, as in `GetItemsV2` or `GetItems_V2`; revision 1 needs none).
    ///
    /// ## Why
    /// The designer shows makers the newest revision of a family and hides the others behind
    /// it; it cannot order revisions that are missing or equal. Microsoft's validator reports
    /// `OperationRevisionEmpty` (one operation of a family without a revision),
    /// `OperationFamilyHasManyEmptyRevisions` (several), `OperationFamilyHasDuplicateRevisions`
    /// and `OperationIdShouldEndWithRevision`. Among published connectors, two operations have
    /// a family and no revision (each the only one of its family, in a certified connector),
    /// none repeats a revision, and 36 operations (in six connectors, four of them certified)
    /// keep the suffix of an older revision or none (`PdfOcr_V1` at revision 2): a warning
    /// outside the certification profile, and a missing suffix or the revision of a family's
    /// only operation a warning in it too, since certified connectors pass with them.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "GetItems_V1",
    /// "x-ms-api-annotation": { "family": "GetItems", "revision": 2 }
    /// ```
    ///
    /// ## Fix
    /// Give every operation of the family its own revision, from 1; name revision 2 and
    /// later with the suffix (`GetItemsV2`). The fix renames the operation with every
    /// reference to it.
    ///
    /// ## Fix safety
    /// Unsafe. Flows and apps call an operation by its operationId: renaming a published one
    /// breaks them. Publish the renamed revision as a new operation instead.
    RULE {
        id: "operation-family-revisions",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An operation family with a missing or repeated revision, or an operationId without its revision suffix",
        reference: Some(links::VERSIONING),
        validator: [
            "OperationRevisionEmpty",
            "OperationFamilyHasManyEmptyRevisions",
            "OperationFamilyHasDuplicateRevisions",
            "OperationIdShouldEndWithRevision",
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
    for family in families(swagger) {
        check_empty_revisions(swagger, &family, sink);
        check_duplicate_revisions(swagger, text, &family, sink);
    }
    check_suffixes(ctx, swagger, text, sink);
}

/// `OperationRevisionEmpty` for the one operation of a family without a revision,
/// `OperationFamilyHasManyEmptyRevisions` for each of several.
fn check_empty_revisions(swagger: &Swagger, family: &Family, sink: &mut Sink) {
    let tree = swagger.tree;
    let empty: Vec<&Member> = family
        .members
        .iter()
        .filter(|m| m.annotation.revision.is_none())
        .collect();
    let family_name = excerpt(family.name);
    if let [only] = empty[..] {
        let may_grade = sink.may_grade();
        let diagnostic = sink
            .at_value(
                FileKind::ApiDefinition,
                tree,
                only.family,
                format!(
                    "Operation {} is in family '{family_name}' but has no revision: the designer \
                 cannot tell which revision of the family it is",
                    swagger.name(only.op)
                ),
            )
            .with_validator("OperationRevisionEmpty");
        // A certified connector (Adobe Experience Manager) passed the validator with two
        // families of one operation and no revision: a warning in every profile unless the
        // user sets the rule.
        if may_grade {
            diagnostic.severity = Severity::Warning;
        }
        return;
    }
    for member in &empty {
        report(
            swagger,
            member,
            &empty,
            (
                &format!("of family '{family_name}' has no revision, nor do others of it"),
                "only one operation of a family may go without one",
                "has no revision either",
            ),
            "OperationFamilyHasManyEmptyRevisions",
            sink,
        );
    }
}

/// `OperationFamilyHasDuplicateRevisions` at each revision an earlier operation of the family
/// already has.
fn check_duplicate_revisions(swagger: &Swagger, text: &str, family: &Family, sink: &mut Sink) {
    let tree = swagger.tree;
    // The first operation with each revision, by the number's bits (`2` and `2.0` alike).
    let mut first_with: HashMap<u64, &Member> = HashMap::new();
    for member in &family.members {
        let (Some(revision), Some(node)) = (
            member.revision_number(text, tree),
            member.annotation.revision,
        ) else {
            continue;
        };
        let first = *first_with
            .entry((revision + 0.0).to_bits())
            .or_insert(member);
        if std::ptr::eq(first, member) {
            continue;
        }
        let first_revision = first.annotation.revision.expect("it has a number");
        sink.at_value(
            FileKind::ApiDefinition,
            tree,
            node,
            format!(
                "Operation {} has revision {revision} of family '{}', as {} does: each \
                 revision of a family must be its own",
                swagger.name(member.op),
                excerpt(family.name),
                swagger.name(first.op)
            ),
        )
        .with_validator("OperationFamilyHasDuplicateRevisions")
        .with_related(
            FileKind::ApiDefinition,
            tree.range(first_revision),
            format!("{} has revision {revision}", swagger.name(first.op)),
        );
    }
}

/// `OperationIdShouldEndWithRevision` at the operationId of every operation at revision 2 or
/// later whose id does not end with that revision's suffix.
fn check_suffixes(ctx: &Context, swagger: &Swagger, text: &str, sink: &mut Sink) {
    let tree = swagger.tree;
    for op in &swagger.operations {
        let Some(annotation) = annotation(tree, op.node) else {
            continue;
        };
        let Some(revision) = annotation
            .revision
            .and_then(|node| number(text, tree, node))
            .filter(|r| r.fract() == 0.0 && *r >= 2.0 && *r <= u32::MAX as f64)
            .map(|r| r as u64)
        else {
            continue;
        };
        let of_family = annotation
            .family
            .and_then(|node| tree.as_str(node))
            .map_or_else(String::new, |name| {
                format!(" of family '{}'", excerpt(name))
            });
        let (Some(id), Some(id_node)) = (swagger.operation_id(op), swagger.operation_id_node(op))
        else {
            continue;
        };
        if id.trim().is_empty() || has_revision_suffix(id, revision) {
            continue;
        }
        let may_grade = sink.may_grade();
        let diagnostic = sink.at_value(
            FileKind::ApiDefinition,
            tree,
            id_node,
            format!(
                "operationId '{}' is revision {revision}{of_family} but does not end with the \
                 revision suffix '{}'",
                excerpt(id),
                revision_suffix(revision)
            ),
        );
        diagnostic.with_validator("OperationIdShouldEndWithRevision");
        // Four certified connectors keep an older suffix, so how the validator reads the
        // suffix is not certain: a warning in every profile unless the user sets the rule.
        if may_grade {
            diagnostic.severity = Severity::Warning;
        }
        let wanted = with_revision_suffix(id, revision);
        // Another operation may already have the suffixed name; numbering it further would
        // lose the suffix again, so there is no fix then.
        if ctx.unique_operation_id(&wanted) == wanted
            && let Some(fix) = ctx.rename_fix(op, &wanted, false)
        {
            diagnostic.with_fix(fix);
        }
    }
}
