use std::collections::HashMap;

use crate::diagnostic::Fix;
use crate::edit::json::replace_value;
use crate::edit::names::{closest, did_you_mean, json_string};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::MAX_REF_HOPS;
use crate::model::swagger::{RefError, ref_container_and_name, ref_sites, resolve_local_ref};
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId, escape_pointer};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Checks every `$ref` of the definition (outside `example`, `examples`, `x-example`,
    /// `default` and `x-ms-test-value` values): it must be a local JSON pointer (`#/…`) that
    /// points to an object of the same file, and a chain of `$ref`s must not loop. In a file
    /// with JSON syntax errors, missing targets are not reported: they may sit in a part the
    /// parser could not recover.
    ///
    /// ## Why
    /// Microsoft's validator rejects dangling references (`SchemaReferenceNotFound`,
    /// `ParameterReferenceNotFound`, `ResponseReferenceNotFound`, `JsonPointerNotValid`), and
    /// paconn has answered them with a bare HTTP 500. A connector definition is a single file,
    /// so references to other files or URLs are not supported either.
    ///
    /// ## Example
    /// ```json
    /// "schema": { "$ref": "#/definitions/Notificaton" }
    /// ```
    ///
    /// ## Fix
    /// Replace the reference with the closest existing name in the same container, or turn a
    /// reference into another file into the local pointer it names when that exists.
    ///
    /// ## Fix safety
    /// Safe when only the case differs (or a `/` after `#` is missing) and no other name
    /// differs from it only by case: the validator rejects a dangling reference, so no
    /// published connector has one, and that is the only name it can mean. Unsafe otherwise: a
    /// near name or another file's local pointer may be a different schema. A target that
    /// would be reported itself (not an object, or a `$ref` chain that breaks or loops) is
    /// never suggested.
    RULE {
        id: "ref-unresolved",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A $ref does not resolve within the definition",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["JsonPointerNotValid", "ParameterReferenceNotFound", "ParameterReferenceNotValid", "ParameterRefLoopNotAllowed", "ResponseReferenceNotFound", "ResponseReferenceNotValid", "ResponseRefLoopNotAllowed", "SchemaReferenceNotFound", "SchemaReferenceNotValid", "SchemaRefLoopNotAllowed"],
        check: check,
    }
}

/// The validator's code for a `$ref` that is not a pointer into this document's sections.
const JSON_POINTER_NOT_VALID: &str = "JsonPointerNotValid";

/// The validator's codes for a broken `$ref`, which it names after what the reference points
/// at: a parameter, a response or a schema.
struct Codes {
    not_found: &'static str,
    not_valid: &'static str,
    loops: &'static str,
}

impl Codes {
    fn of(reference: &str) -> Codes {
        let local = reference.find('#').map_or("", |at| &reference[at..]);
        if local.starts_with("#/parameters/") {
            Codes {
                not_found: "ParameterReferenceNotFound",
                not_valid: "ParameterReferenceNotValid",
                loops: "ParameterRefLoopNotAllowed",
            }
        } else if local.starts_with("#/responses/") {
            Codes {
                not_found: "ResponseReferenceNotFound",
                not_valid: "ResponseReferenceNotValid",
                loops: "ResponseRefLoopNotAllowed",
            }
        } else if local.starts_with("#/definitions/") {
            Codes {
                not_found: "SchemaReferenceNotFound",
                not_valid: "SchemaReferenceNotValid",
                loops: "SchemaRefLoopNotAllowed",
            }
        } else {
            // Not into a section a reference may name.
            Codes {
                not_found: JSON_POINTER_NOT_VALID,
                not_valid: "SchemaReferenceNotValid",
                loops: "SchemaRefLoopNotAllowed",
            }
        }
    }
}

/// Suggestions may repair at most this many pointer segments.
const MAX_REPAIRS: usize = 2;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    // After a syntax error part of the file may be missing from the tree (an extra `}` ends
    // the document early), so a missing target may only be unrecovered: json-syntax-error
    // covers that file.
    let broken = file
        .json
        .as_ref()
        .is_some_and(|parsed| !parsed.errors.is_empty());
    let mut targets = Targets {
        tree,
        known: HashMap::new(),
    };
    for site in ref_sites(tree) {
        let (object, node) = (site.object, site.value);
        let Some(reference) = tree.as_str(node) else {
            sink.at_value(
                file.kind,
                tree,
                node,
                "$ref must be a string holding a JSON pointer such as '#/definitions/Item'",
            )
            .with_validator(JSON_POINTER_NOT_VALID);
            continue;
        };
        match targets.get(reference) {
            Err(RefError::External) => report_external(sink, file.kind, tree, node, reference),
            Err(_) if broken => {}
            Err(_) => {
                let suggestion = suggest(tree, reference);
                let message = format!(
                    "$ref '{}' does not resolve{}",
                    excerpt(reference),
                    match &suggestion {
                        Some((text, _)) => did_you_mean(Some(text)),
                        None => "; nothing in this definition has that pointer".to_string(),
                    }
                );
                let diagnostic = sink
                    .at_value(file.kind, tree, node, message)
                    .with_validator(Codes::of(reference).not_found);
                if let Some((text, mechanical)) = suggestion {
                    let title = format!("Change the reference to '{}'", excerpt(&text));
                    let edits = vec![replace_value(file.kind, tree, node, &json_string(&text))];
                    diagnostic.with_fix(if mechanical {
                        Fix::safe(title, edits)
                    } else {
                        Fix::unsafe_(title, edits)
                    });
                }
            }
            Ok(target) => {
                if !tree.is_object(target) {
                    let kind = tree.kind(target).described();
                    sink.at_value(
                        file.kind,
                        tree,
                        node,
                        format!(
                            "$ref '{}' points to {kind}, not to an object",
                            excerpt(reference)
                        ),
                    )
                    .with_validator(JSON_POINTER_NOT_VALID);
                } else if targets.is_cycle(object) {
                    report_cycle(sink, file.kind, &mut targets, object, node, reference);
                }
            }
        }
    }
}

/// Where each `$ref` text leads, resolved once: a chain of n links is followed from each of
/// its n starts for up to [`MAX_REF_HOPS`] links, and resolving a pointer is far dearer than
/// looking it up here.
struct Targets<'t> {
    tree: &'t JsonTree,
    known: HashMap<&'t str, Result<NodeId, RefError>>,
}

impl<'t> Targets<'t> {
    fn get(&mut self, reference: &'t str) -> Result<NodeId, RefError> {
        let tree = self.tree;
        self.known
            .entry(reference)
            .or_insert_with(|| resolve_local_ref(tree, reference))
            .clone()
    }

    /// Whether the `$ref`s from `object` go on for more than [`MAX_REF_HOPS`] links (or loop),
    /// as [`crate::model::swagger::Swagger::resolve`] finds.
    fn is_cycle(&mut self, object: NodeId) -> bool {
        let mut current = object;
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = self.tree.get_str(current, "$ref") else {
                return false;
            };
            match self.get(target) {
                Ok(next) => current = next,
                Err(_) => return false,
            }
        }
        true
    }
}

fn report_external(
    sink: &mut Sink,
    kind: FileKind,
    tree: &JsonTree,
    node: NodeId,
    reference: &str,
) {
    let local = reference
        .find('#')
        .map(|at| &reference[at..])
        .filter(|local| {
            local.len() > 1
                && resolve_local_ref(tree, local).is_ok_and(|node| is_sound_target(tree, node))
        });
    let message = format!(
        "$ref '{}' points outside this file; only local references ('#/definitions/…', \
         '#/parameters/…', '#/responses/…') are supported{}",
        excerpt(reference),
        did_you_mean(local)
    );
    let diagnostic = sink
        .at_value(kind, tree, node, message)
        .with_validator(Codes::of(reference).not_valid);
    if let Some(local) = local {
        diagnostic.with_fix(Fix::unsafe_(
            format!("Change the reference to '{}'", excerpt(local)),
            vec![replace_value(kind, tree, node, &json_string(local))],
        ));
    }
}

fn report_cycle<'t>(
    sink: &mut Sink,
    kind: FileKind,
    targets: &mut Targets<'t>,
    object: NodeId,
    node: NodeId,
    reference: &str,
) {
    let tree = targets.tree;
    // The chain, for the message: stop when a pointer repeats.
    let mut chain: Vec<&str> = Vec::new();
    let reference = excerpt(reference);
    let mut current = object;
    let mut loops = false;
    while let Some(next) = tree.get_str(current, "$ref") {
        loops = chain.contains(&next);
        chain.push(next);
        if loops || chain.len() > MAX_REF_HOPS {
            break;
        }
        match targets.get(next) {
            Ok(target) => current = target,
            Err(_) => break,
        }
    }
    // Show the start of the chain (and where it loops back).
    if chain.len() > 9 {
        let last = chain[chain.len() - 1];
        chain.truncate(8);
        chain.push("…");
        if loops {
            chain.push(last);
        }
    }
    let chain: Vec<_> = chain.into_iter().map(excerpt).collect();
    sink.at_value(
        kind,
        tree,
        node,
        if loops {
            format!(
                "$ref '{reference}' never reaches a definition: the chain of $refs loops ({})",
                chain.join(" → ")
            )
        } else {
            format!(
                "$ref '{reference}' starts a chain of more than {MAX_REF_HOPS} $refs ({}); connector-ls stops following there, and so should readers of the definition",
                chain.join(" → ")
            )
        },
    )
    .with_validator(Codes::of(&reference).loops);
}

/// Whether a `$ref` may point at `node`: an object, and if it is a `$ref` itself, one whose
/// chain ends at an object within [`MAX_REF_HOPS`] hops.
fn is_sound_target(tree: &JsonTree, node: NodeId) -> bool {
    let mut node = node;
    for _ in 0..MAX_REF_HOPS {
        if !tree.is_object(node) {
            return false;
        }
        let Some(next) = tree.get_str(node, "$ref") else {
            return true;
        };
        match resolve_local_ref(tree, next) {
            Ok(target) => node = target,
            Err(_) => return false,
        }
    }
    false
}

/// A pointer close to `reference` that resolves, and whether the repair is mechanical (only
/// case or a missing `/` after `#`).
fn suggest(tree: &JsonTree, reference: &str) -> Option<(String, bool)> {
    let pointer = reference.strip_prefix('#')?;
    let mut mechanical = true;
    let pointer = match pointer.strip_prefix('/') {
        Some(rest) => rest,
        None => pointer,
    };
    let mut segments: Vec<String> = pointer.split('/').map(str::to_string).collect();
    let mut repairs = 0;
    let mut parent = tree.root()?;
    for index in 0..segments.len() {
        let prefix = format!("#/{}", segments[..=index].join("/"));
        if let Ok(node) = resolve_local_ref(tree, &prefix) {
            parent = node;
            continue;
        }
        repairs += 1;
        if repairs > MAX_REPAIRS || !tree.is_object(parent) {
            return None;
        }
        let (_, wanted) = ref_container_and_name(&format!("#/_/{}", segments[index]))?;
        // Never suggest a target that would be reported itself (not an object, or a chain of
        // `$ref`s that breaks or loops).
        let names = tree
            .members(parent)
            .iter()
            .filter(|m| is_sound_target(tree, m.value))
            .map(|m| &*m.key);
        let found = closest(&wanted, names.clone())?;
        let same_but_case = names.filter(|n| n.to_lowercase() == wanted.to_lowercase());
        // Only a case slip with a single candidate is mechanical: with `item` and `ITEM`
        // both present, which one `Item` meant is a guess.
        if found.to_lowercase() != wanted.to_lowercase() || same_but_case.count() > 1 {
            mechanical = false;
        }
        segments[index] = escape_pointer(found);
        parent = resolve_local_ref(tree, &format!("#/{}", segments[..=index].join("/"))).ok()?;
    }
    let suggestion = format!("#/{}", segments.join("/"));
    (suggestion != reference && resolve_local_ref(tree, &suggestion).is_ok())
        .then_some((suggestion, mechanical))
}

#[cfg(test)]
mod tests {
    use super::suggest;
    use crate::syntax::json::parse;

    #[test]
    fn suggests_close_pointers() {
        let parsed = parse(
            r#"{"definitions": {"Notification": {}, "Item": {}, "a/b": {}}, "parameters": {"Id": {}}}"#,
        );
        let tree = &parsed.tree;
        assert_eq!(
            suggest(tree, "#/definitions/Notificaton"),
            Some(("#/definitions/Notification".into(), false))
        );
        assert_eq!(
            suggest(tree, "#/definitions/item"),
            Some(("#/definitions/Item".into(), true))
        );
        assert_eq!(
            suggest(tree, "#definitions/Item"),
            Some(("#/definitions/Item".into(), true))
        );
        assert_eq!(
            suggest(tree, "#/definition/Item"),
            Some(("#/definitions/Item".into(), false))
        );
        assert_eq!(
            suggest(tree, "#/definitions/A~1b"),
            Some(("#/definitions/a~1b".into(), true))
        );
        assert_eq!(suggest(tree, "#/definitions/Unrelated"), None);
        assert_eq!(suggest(tree, "#/parameters/id/x/y/z"), None);
    }

    #[test]
    fn suggests_at_most_two_repairs() {
        let parsed = parse(r#"{"definitions": {"Item": {"properties": {"name": {}}}}}"#);
        let tree = &parsed.tree;
        assert_eq!(
            suggest(tree, "#/definition/Iten/properties"),
            Some(("#/definitions/Item/properties".into(), false))
        );
        assert_eq!(suggest(tree, "#/definition/Iten/propertes"), None);
    }

    #[test]
    fn suggests_only_targets_that_are_sound() {
        let parsed = parse(
            r##"{"definitions": {"Itm": "not a schema", "Items": {}, "Loop": {"$ref": "#/definitions/Loop"}, "Lop": {}}}"##,
        );
        let tree = &parsed.tree;
        // 'Itm' is closer but is not an object: a $ref to it would be an error itself.
        assert_eq!(
            suggest(tree, "#/definitions/Item"),
            Some(("#/definitions/Items".into(), false))
        );
        assert_eq!(
            suggest(tree, "#/definitions/loop"),
            Some(("#/definitions/Lop".into(), false))
        );
        let twins = parse(r#"{"definitions": {"item": {}, "ITEM": {}}}"#);
        let (_, mechanical) = suggest(&twins.tree, "#/definitions/Item").unwrap();
        assert!(!mechanical, "two names differ from it only by case");
    }
}
