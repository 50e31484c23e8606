//! The versioning metadata of a definition, read once for every rule and for the operationId
//! references: the connector's release status (`info.x-ms-api-annotation.status`), each
//! operation's `deprecated` flag and `x-ms-api-annotation` (family, revision, status,
//! replacement), and the families those annotations group operations into.

use std::collections::HashMap;

use crate::model::schemas::number;
use crate::model::swagger::{Operation, Swagger};
use crate::syntax::json::{JsonTree, NodeId, NodeKind};

/// The release status that says generally available (the vocabulary lists both statuses
/// with their documentation).
pub const STATUS_PRODUCTION: &str = "Production";
/// The release status that says in preview.
pub const STATUS_PREVIEW: &str = "Preview";

/// An operation's `x-ms-api-annotation` object: the value node of each member it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub node: NodeId,
    pub family: Option<NodeId>,
    pub revision: Option<NodeId>,
    pub status: Option<NodeId>,
    pub replacement: Option<Replacement>,
}

/// The `replacement` object of an annotation: the operation that replaces a deprecated one,
/// `api` naming its connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub node: NodeId,
    pub api: Option<NodeId>,
    pub operation_id: Option<NodeId>,
}

/// The annotation of the operation object `op_node`, when it has one that is an object.
pub fn annotation(tree: &JsonTree, op_node: NodeId) -> Option<Annotation> {
    let node = tree
        .get(op_node, "x-ms-api-annotation")
        .filter(|&n| tree.is_object(n))?;
    let present = |key| tree.get(node, key).filter(|&v| !is_null(tree, v));
    let replacement = present("replacement").map(|replacement| Replacement {
        node: replacement,
        api: tree.get(replacement, "api"),
        operation_id: tree.get(replacement, "operationId"),
    });
    Some(Annotation {
        node,
        family: present("family"),
        revision: present("revision"),
        status: present("status"),
        replacement,
    })
}

/// Whether the operation object `op_node` says `"deprecated": true`.
pub fn is_deprecated(tree: &JsonTree, op_node: NodeId) -> bool {
    tree.get(op_node, "deprecated")
        .and_then(|v| tree.as_bool(v))
        == Some(true)
}

/// Whether a `status` value says Production, read without regard to case: ten operations
/// of a published connector write `production` (`value-invalid` reports the spelling; the
/// rules about status judge what it means).
pub fn is_production(tree: &JsonTree, status: NodeId) -> bool {
    tree.as_str(status)
        .is_some_and(|s| s.eq_ignore_ascii_case(STATUS_PRODUCTION))
}

/// The connector's own release status, `info.x-ms-api-annotation.status`, when it is written.
pub fn connector_status(swagger: &Swagger) -> Option<NodeId> {
    swagger
        .tree
        .path(swagger.root, &["info", "x-ms-api-annotation", "status"])
}

/// One operation of a family, with its annotation.
#[derive(Clone, Copy, Debug)]
pub struct Member<'s> {
    pub op: &'s Operation,
    pub annotation: Annotation,
    /// The annotation's `family` value.
    pub family: NodeId,
}

impl Member<'_> {
    /// The revision as a number, when it is one.
    pub fn revision_number(&self, text: &str, tree: &JsonTree) -> Option<f64> {
        number(text, tree, self.annotation.revision?)
    }

    pub fn is_deprecated(&self, tree: &JsonTree) -> bool {
        is_deprecated(tree, self.op.node)
    }
}

/// The operations whose annotations name the same `family`, in document order.
#[derive(Clone, Debug)]
pub struct Family<'s, 'a> {
    pub name: &'a str,
    pub members: Vec<Member<'s>>,
}

/// The families of a definition, in the order of their first operation; a family of one
/// operation is listed too.
pub fn families<'s, 'a>(swagger: &'s Swagger<'a>) -> Vec<Family<'s, 'a>> {
    let tree = swagger.tree;
    let mut families: Vec<Family<'s, 'a>> = Vec::new();
    let mut by_name: HashMap<&'a str, usize> = HashMap::new();
    for op in &swagger.operations {
        let Some(annotation) = annotation(tree, op.node) else {
            continue;
        };
        let Some((family, name)) = annotation
            .family
            .and_then(|node| Some((node, tree.as_str(node)?)))
        else {
            continue;
        };
        let member = Member {
            op,
            annotation,
            family,
        };
        match by_name.get(name) {
            Some(&index) => families[index].members.push(member),
            None => {
                by_name.insert(name, families.len());
                families.push(Family {
                    name,
                    members: vec![member],
                });
            }
        }
    }
    families
}

/// For each family, the highest revision of an operation of it that is not deprecated: the
/// revision that replaces the older ones, as Microsoft's "Deprecate an operation" page shows.
pub fn active_revisions<'a>(text: &str, swagger: &Swagger<'a>) -> HashMap<&'a str, f64> {
    let mut active: HashMap<&'a str, f64> = HashMap::new();
    for family in families(swagger) {
        for member in &family.members {
            if member.is_deprecated(swagger.tree) {
                continue;
            }
            if let Some(revision) = member.revision_number(text, swagger.tree) {
                let highest = active.entry(family.name).or_insert(revision);
                *highest = highest.max(revision);
            }
        }
    }
    active
}

/// Whether `op` has a newer revision in its family that is not deprecated (see
/// [`active_revisions`]).
pub fn has_newer_revision(
    text: &str,
    tree: &JsonTree,
    op: NodeId,
    active: &HashMap<&str, f64>,
) -> bool {
    let Some(found) = annotation(tree, op) else {
        return false;
    };
    let family = found.family.and_then(|node| tree.as_str(node));
    let revision = found.revision.and_then(|node| number(text, tree, node));
    match (family.and_then(|f| active.get(f)), revision) {
        (Some(&newest), Some(revision)) => newest > revision,
        _ => false,
    }
}

fn is_null(tree: &JsonTree, node: NodeId) -> bool {
    matches!(tree.kind(node), NodeKind::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse;

    const DOC: &str = r#"{
      "swagger": "2.0",
      "info": {"x-ms-api-annotation": {"status": "Preview"}},
      "paths": {
        "/a": {
          "get": {"operationId": "GetA", "deprecated": true,
                  "x-ms-api-annotation": {"family": "GetA", "revision": 1,
                                          "replacement": {"operationId": "GetAV2"}}},
          "post": {"operationId": "PostA", "x-ms-api-annotation": {"status": "production"}}
        },
        "/b": {"get": {"operationId": "GetAV2",
                       "x-ms-api-annotation": {"family": "GetA", "revision": 2, "status": null}}}
      }
    }"#;

    #[test]
    fn reads_annotations_and_groups_families() {
        let parsed = parse(DOC);
        let tree = &parsed.tree;
        let swagger = Swagger::new(tree).unwrap();
        let families = families(&swagger);
        assert_eq!(families.len(), 1);
        let family = &families[0];
        assert_eq!(family.name, "GetA");
        let ids: Vec<_> = family
            .members
            .iter()
            .map(|m| swagger.operation_id(m.op).unwrap())
            .collect();
        assert_eq!(ids, ["GetA", "GetAV2"]);
        let revisions: Vec<_> = family
            .members
            .iter()
            .map(|m| m.revision_number(DOC, tree))
            .collect();
        assert_eq!(revisions, [Some(1.0), Some(2.0)]);
        assert!(family.members[0].is_deprecated(tree));
        assert!(!family.members[1].is_deprecated(tree));
        let replacement = family.members[0].annotation.replacement.unwrap();
        assert!(replacement.api.is_none());
        assert!(replacement.operation_id.is_some());
        // A null status is no status.
        assert!(family.members[1].annotation.status.is_none());
        let post = annotation(tree, swagger.operations[1].node).unwrap();
        assert!(is_production(tree, post.status.unwrap()));
        let status = connector_status(&swagger).unwrap();
        assert!(!is_production(tree, status));
    }
}
