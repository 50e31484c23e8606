//! Renaming an operation together with every reference to it, choosing a name no other
//! operation has, and pointing one reference elsewhere: the fixes of the operationId rules and
//! the language server's rename share these.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Edit, Fix};
use crate::edit::names::{closest, json_string};
use crate::model::FileKind;
use crate::model::index::ConnectorIndex;
use crate::model::references::{OperationRef, RefKind};
use crate::model::swagger::{Operation, Swagger};
use crate::text::excerpt;

/// The operationIds the fixes of one analysis have proposed, and for each base name the next
/// suffix to try, so that n operations sharing one id get `base2`…`baseN` in linear time.
#[derive(Debug, Default)]
pub struct ProposedIds {
    names: HashSet<String>,
    next_suffix: HashMap<String, u64>,
}

/// `base`, or `base2`, `base3`… if another operation already has that id, or another fix of
/// this analysis already proposed it: the fixes of one pass are applied together, and two
/// operations renamed (or named) alike would end up with a duplicate id.
pub fn unique_operation_id(
    index: &ConnectorIndex,
    proposed: &mut ProposedIds,
    base: &str,
) -> String {
    let swagger = index.swagger();
    let taken = |names: &HashSet<String>, name: &str| {
        names.contains(name) || swagger.is_some_and(|s| s.find_operation(name).is_some())
    };
    let name = if taken(&proposed.names, base) {
        // Every suffix below the one recorded was taken, or given out, when it was tried.
        let first = proposed.next_suffix.get(base).copied().unwrap_or(2);
        let (suffix, name) = (first..)
            .map(|n| (n, format!("{base}{n}")))
            .find(|(_, candidate)| !taken(&proposed.names, candidate))
            .expect("some suffix is free");
        proposed.next_suffix.insert(base.to_string(), suffix + 1);
        name
    } else {
        base.to_string()
    };
    proposed.names.insert(name.clone());
    name
}

/// The edit that points one reference at `name`.
pub fn retarget(reference: &OperationRef, name: &str) -> Edit {
    // A literal compared after `ToLower()` must stay lower case to keep matching.
    let name = match reference.ignore_case {
        true if reference.name == reference.name.to_lowercase() => name.to_lowercase(),
        true if reference.name == reference.name.to_uppercase() => name.to_uppercase(),
        _ => name.to_string(),
    };
    let new_text = match reference.file {
        FileKind::Script => name,
        _ => json_string(&name),
    };
    Edit::replace(reference.file, reference.range, new_text)
}

/// Rename `op` to `new_name` and every reference that names it, in all files.
pub fn rename_fix(ctx: &ConnectorIndex, op: &Operation, new_name: &str, safe: bool) -> Option<Fix> {
    let swagger = ctx.swagger()?;
    let old = swagger.operation_id(op)?;
    let id_node = swagger.operation_id_node(op)?;
    let mut edits = vec![Edit::replace(
        FileKind::ApiDefinition,
        swagger.tree.range(id_node),
        json_string(new_name),
    )];
    let references = ctx.operation_refs_to(old);
    edits.extend(references.map(|r| retarget(r, new_name)));
    let count = edits.len() - 1;
    let new_name = excerpt(new_name);
    let title = match count {
        0 => format!("Rename operationId to '{new_name}'"),
        1 => format!("Rename operationId to '{new_name}' and its reference"),
        n => format!("Rename operationId to '{new_name}' and its {n} references"),
    };
    Some(if safe {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    })
}

/// The operationIds a reference can be pointed at: not those reported as errors themselves
/// (blank, with whitespace, which `operation-id-whitespace` renames, or shared by two
/// operations, which `operation-id-duplicate` renames).
fn suggestible_ids<'a>(swagger: &Swagger<'a>) -> Vec<&'a str> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for id in swagger.operation_ids() {
        *uses.entry(id).or_default() += 1;
    }
    swagger
        .operation_ids()
        .filter(|id| uses[id] == 1 && !id.trim().is_empty() && !id.chars().any(char::is_whitespace))
        .collect()
}

/// Whether Microsoft's validator rejects a definition in which this reference names no
/// operation (`OperationIdNotFound`, for the dynamic extensions): then no published connector
/// can depend on the broken reference, and correcting its case cannot change how one behaves.
fn validator_rejects_unknown(reference: &OperationRef) -> bool {
    matches!(reference.kind, RefKind::Extension(extension) if extension.starts_with("x-ms-dynamic-"))
}

/// A fix that replaces an unknown operation name with the closest existing operationId. Safe
/// only for a case-only difference in a reference the validator checks: elsewhere (policies,
/// `scriptOperations`, script.csx) the corrected name starts applying a policy, custom code or
/// a branch where it did not apply before.
pub fn closest_operation_fix(
    ctx: &ConnectorIndex,
    reference: &OperationRef,
) -> (Option<String>, Option<Fix>) {
    let Some(swagger) = ctx.swagger() else {
        return (None, None);
    };
    let Some(suggestion) = closest(&reference.name, suggestible_ids(swagger)) else {
        return (None, None);
    };
    let case_only = suggestion.eq_ignore_ascii_case(&reference.name);
    let title = format!("Replace with '{}'", excerpt(suggestion));
    let edits = vec![retarget(reference, suggestion)];
    let fix = if case_only && validator_rejects_unknown(reference) {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    };
    (Some(suggestion.to_string()), Some(fix))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{ProposedIds, unique_operation_id};
    use crate::model::index::ConnectorIndex;
    use crate::model::{Connector, FileKind, SourceFile};

    /// Names already taken, by an operation or by an earlier proposal, are skipped, also
    /// after the suffix of a base has moved on (the suffix is remembered per base).
    #[test]
    fn proposed_ids_skip_every_taken_name() {
        let definition = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
          "paths": {"/a": {"get": {"operationId": "Same"}, "put": {"operationId": "Same3"},
                           "post": {"operationId": "Other"}}}}"#;
        let file = SourceFile::from_text(
            FileKind::ApiDefinition,
            PathBuf::from("apiDefinition.swagger.json"),
            definition.to_string(),
        );
        let connector = Connector::from_files(PathBuf::from("."), vec![file], Vec::new());
        let index = ConnectorIndex::new(&connector);
        let mut proposed = ProposedIds::default();
        let names: Vec<String> = ["Same", "Same", "Other", "Same", "Fresh", "Fresh", "Same2"]
            .iter()
            .map(|base| unique_operation_id(&index, &mut proposed, base))
            .collect();
        assert_eq!(
            names,
            [
                "Same2", "Same4", "Other2", "Same5", "Fresh", "Fresh2", "Same22"
            ]
        );
    }
}
