//! A loop of required properties through `$ref`: a value that can never be written down.

use std::collections::HashMap;

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::{describe, schema_objects};
use crate::syntax::json::NodeId;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a schema that requires a property whose schema is, through `$ref` and
    /// `allOf`, the schema itself, directly (`Node` requires `parent`, a `Node`) or through a
    /// chain (`A` requires `b`, a `B`, which requires `a`, an `A`). A loop that goes through
    /// an optional property or an array's `items` is not reported: an absent property or an
    /// empty array ends it. Each set of schemas that loop into each other is reported once,
    /// at the `required` entry of the first of them (in document order) that leads into the
    /// loop.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`RequiredLoopInSchemaNotAllowed`: "Loops of required
    /// schema properties are not allowed."). No finite value satisfies such a schema: every
    /// `Node` must hold another `Node`, forever. The designer, which expands required
    /// properties, cannot show it either.
    ///
    /// ## Example
    /// ```json
    /// "Node": { "type": "object", "required": ["parent"],
    ///   "properties": { "parent": { "$ref": "#/definitions/Node" } } }
    /// ```
    ///
    /// ## Fix
    /// Make one property of the loop optional (remove it from `required`).
    ///
    /// ## Fix safety
    /// No automatic fix: which property may be left out is the service's to say.
    RULE {
        id: "schema-required-loop",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "Required properties loop back to their own schema through '$ref'",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["RequiredLoopInSchemaNotAllowed"],
        check: check,
    }
}

/// A schema's link to another that a value of it must contain: a required property (with
/// the `required` entry that names it), or a part of its `allOf`.
#[derive(Clone, Copy)]
struct Edge {
    to: usize,
    /// The `required` entry, for a required property; `None` for an `allOf` part.
    required: Option<NodeId>,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    // Every schema after `$ref`, numbered in document order, with where it is written.
    let mut index: HashMap<NodeId, usize> = HashMap::new();
    let mut schemas: Vec<(NodeId, Loc)> = Vec::new();
    for (written, loc) in schema_objects(ctx) {
        let node = swagger.deref(written);
        if tree.is_object(node) && !index.contains_key(&node) {
            index.insert(node, schemas.len());
            schemas.push((node, loc));
        }
    }
    let edges: Vec<Vec<Edge>> = schemas
        .iter()
        .map(|&(node, _)| {
            let mut out = Vec::new();
            let properties = tree.get(node, "properties");
            if let (Some(required), Some(properties)) = (tree.get(node, "required"), properties) {
                for &entry in tree.items(required) {
                    let target = tree
                        .as_str(entry)
                        .and_then(|name| tree.get(properties, name))
                        .and_then(|property| index.get(&swagger.deref(property)));
                    if let Some(&to) = target {
                        out.push(Edge {
                            to,
                            required: Some(entry),
                        });
                    }
                }
            }
            if let Some(all_of) = tree.get(node, "allOf") {
                for &part in tree.items(all_of) {
                    if let Some(&to) = index.get(&swagger.deref(part)) {
                        out.push(Edge { to, required: None });
                    }
                }
            }
            out
        })
        .collect();
    let component = strongly_connected(&edges);
    // Per set of schemas that reach each other, the first required property that stays in
    // the set: it lies on a loop.
    let mut first: HashMap<usize, (usize, NodeId, usize)> = HashMap::new();
    for (from, out) in edges.iter().enumerate() {
        for edge in out {
            let Some(entry) = edge.required else { continue };
            if component[from] != component[edge.to] {
                continue;
            }
            first
                .entry(component[from])
                .or_insert((from, entry, edge.to));
        }
    }
    let mut loops: Vec<(usize, NodeId, usize)> = first.into_values().collect();
    loops.sort_unstable_by_key(|&(from, entry, _)| (from, entry));
    for (from, entry, to) in loops {
        let (node, loc) = schemas[from];
        let name = tree.as_str(entry).unwrap_or_default();
        let message = if from == to {
            format!(
                "{} requires '{}', which is the schema itself: no value can end this loop of \
                 required properties",
                describe(tree, node, loc),
                excerpt(name)
            )
        } else {
            let (target, target_loc) = schemas[to];
            format!(
                "{} requires '{}', whose schema ({}) requires its way back here: no value can \
                 end this loop of required properties",
                describe(tree, node, loc),
                excerpt(name),
                super::lower_first(&describe(tree, target, target_loc))
            )
        };
        sink.at_value(file.kind, tree, entry, message);
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, with an explicit stack
/// so that deep chains of schemas cannot overflow the call stack). A component holds the
/// nodes that reach each other.
fn strongly_connected(edges: &[Vec<Edge>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut components = 0;
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut calls = vec![(root, 0usize)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = calls.last_mut() {
            if let Some(edge) = edges[node].get(*next) {
                *next += 1;
                let to = edge.to;
                if order[to] == UNSEEN {
                    order[to] = next_order;
                    low[to] = next_order;
                    next_order += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    calls.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(links: &[(usize, usize)], count: usize) -> Vec<Vec<Edge>> {
        let mut edges = vec![Vec::new(); count];
        for &(from, to) in links {
            edges[from].push(Edge { to, required: None });
        }
        edges
    }

    #[test]
    fn components_are_the_sets_of_nodes_that_reach_each_other() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 3, 4 alone.
        let component = strongly_connected(&graph(&[(0, 1), (1, 2), (2, 0), (2, 3), (3, 3)], 5));
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[2], component[3]);
        assert_ne!(component[3], component[4]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let count = 200_000;
        let links: Vec<(usize, usize)> = (0..count).map(|i| (i, (i + 1) % count)).collect();
        let component = strongly_connected(&graph(&links, count));
        assert!(component.iter().all(|&c| c == component[0]));
    }
}
