//! Two paths of one method that differ only where one has a `{variable}` and the other a
//! static segment: a request can match both.

use std::collections::HashMap;

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::paths::normalize;
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a path that has an operation of the same method as an earlier path with the
    /// same number of segments, where each segment is equal to the other path's (case and
    /// variable names aside) or is a whole `{variable}` segment facing a static one, and at
    /// least one is such a pair: `/items/{id}` and `/items/search`. A segment that mixes text
    /// and a variable (`{name}.json`) is compared as written. Each path is reported once,
    /// with the earlier paths it overlaps; paths that are the same apart from case or
    /// variable names are `path-duplicate`'s.
    ///
    /// ## Why
    /// Microsoft's validator reports it (`PartialDuplicateOperationPath`: "… this can lead to
    /// an unexpected routing to a different operation in case an input path parameter value
    /// matches to a static value segment"). When a maker's item is called `search`, the call
    /// to `GET /items/{id}` may be routed to the operation of `GET /items/search`. Only the
    /// same method is compared: the platform routes by method first, so `GET /items/search`
    /// and `DELETE /items/{id}` never meet. Many published connectors have such paths (REST
    /// APIs often do) and work: an information by default, a warning under the certification
    /// profile.
    ///
    /// ## Example
    /// ```json
    /// "/items/{itemId}": { "get": { "operationId": "GetItem" } },
    /// "/items/search": { "get": { "operationId": "SearchItems" } }
    /// ```
    ///
    /// ## Fix
    /// Make the paths differ in a static segment (`/items/{itemId}` and `/search/items`), or
    /// route one of them to its real endpoint with a `routerequesttoendpoint` policy.
    ///
    /// ## Fix safety
    /// No automatic fix: the paths are the service's.
    RULE {
        id: "path-partial-duplicate",
        severity: Info,
        file: Some(FileKind::ApiDefinition),
        summary: "Two paths of one method differ only where one has a variable and the other a static segment",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["PartialDuplicateOperationPath"],
        certification: Warning,
        check: check,
    }
}

/// The segment that stands for a whole `{variable}` in a normalized path.
const VARIABLE: &str = "{}";

/// The earlier paths a finding names; the rest are counted.
const MAX_NAMED: usize = 5;

/// Trie nodes a definition's search may visit in all: a bound for crafted definitions (tens
/// of thousands of paths that all share variables), far above what real connectors need.
const MAX_VISITS: usize = 4_000_000;

/// The paths of one method, by segment, as they are declared: a path is compared with the
/// earlier ones by walking this trie, not with each of them.
#[derive(Default)]
struct Trie<'s> {
    nodes: Vec<TrieNode<'s>>,
}

#[derive(Default)]
struct TrieNode<'s> {
    children: HashMap<&'s str, usize>,
    /// The children in the order they were added, for a walk over all of them that is the
    /// same from run to run and can stop part-way.
    order: Vec<(&'s str, usize)>,
    /// The paths that end here.
    paths: Vec<usize>,
}

/// One step of the search: a node to visit, or the children of a node still to visit (below
/// a variable segment of the path searched for, every child matches).
enum Step {
    Visit {
        node: usize,
        depth: usize,
        partial: bool,
    },
    Children {
        node: usize,
        depth: usize,
        partial: bool,
        next: usize,
    },
}

impl<'s> Trie<'s> {
    fn insert(&mut self, segments: &[&'s str], path: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0;
        for &segment in segments {
            node = match self.nodes[node].children.get(segment) {
                Some(&child) => child,
                None => {
                    self.nodes.push(TrieNode::default());
                    let child = self.nodes.len() - 1;
                    self.nodes[node].children.insert(segment, child);
                    self.nodes[node].order.push((segment, child));
                    child
                }
            };
        }
        self.nodes[node].paths.push(path);
    }

    /// The paths that overlap `segments` only partly: as many segments, each equal or with a
    /// variable on one side, and at least one variable facing a static segment. At most
    /// `limit` of them, and fewer when `visits` (one per step) runs out.
    fn partly_overlapping(
        &self,
        segments: &[&str],
        limit: usize,
        visits: &mut usize,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        if self.nodes.is_empty() {
            return found;
        }
        let mut stack = vec![Step::Visit {
            node: 0,
            depth: 0,
            partial: false,
        }];
        while let Some(step) = stack.pop() {
            if found.len() >= limit || *visits == 0 {
                break;
            }
            *visits -= 1;
            match step {
                Step::Children {
                    node,
                    depth,
                    partial,
                    next,
                } => {
                    let Some(&(segment, child)) = self.nodes[node].order.get(next) else {
                        continue;
                    };
                    stack.push(Step::Children {
                        node,
                        depth,
                        partial,
                        next: next + 1,
                    });
                    stack.push(Step::Visit {
                        node: child,
                        depth: depth + 1,
                        partial: partial || segment != VARIABLE,
                    });
                }
                Step::Visit {
                    node,
                    depth,
                    partial,
                } => {
                    let trie_node = &self.nodes[node];
                    let Some(&segment) = segments.get(depth) else {
                        if partial {
                            found.extend(trie_node.paths.iter().take(limit - found.len()));
                        }
                        continue;
                    };
                    if segment == VARIABLE {
                        stack.push(Step::Children {
                            node,
                            depth,
                            partial,
                            next: 0,
                        });
                        continue;
                    }
                    // The variable child last, so that the static one is visited first.
                    if let Some(&child) = trie_node.children.get(VARIABLE) {
                        stack.push(Step::Visit {
                            node: child,
                            depth: depth + 1,
                            partial: true,
                        });
                    }
                    if let Some(&child) = trie_node.children.get(segment) {
                        stack.push(Step::Visit {
                            node: child,
                            depth: depth + 1,
                            partial,
                        });
                    }
                }
            }
        }
        found
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let normalized: Vec<String> = swagger
        .paths
        .iter()
        .map(|p| normalize(p.template))
        .collect();
    let segments: Vec<Vec<&str>> = normalized
        .iter()
        .map(|n| n.trim_end_matches('/').split('/').collect())
        .collect();
    // Each path with the earlier paths it overlaps, per method; paths are compared with the
    // earlier ones of their method as they come, in document order.
    let mut tries: HashMap<&str, Trie> = HashMap::new();
    let mut overlaps: Vec<(usize, &str, Vec<usize>)> = Vec::new();
    let mut visits = MAX_VISITS;
    for op in &swagger.operations {
        let trie = tries.entry(op.method).or_default();
        let path_segments = &segments[op.path];
        let earlier = trie.partly_overlapping(path_segments, MAX_NAMED + 1, &mut visits);
        if !earlier.is_empty() {
            overlaps.push((op.path, op.method, earlier));
        }
        trie.insert(path_segments, op.path);
    }
    // One finding per path, for all its methods.
    let mut by_path: Vec<(usize, Vec<&str>, Vec<usize>)> = Vec::new();
    for (path, method, earlier) in overlaps {
        match by_path.last_mut() {
            Some((last, methods, others)) if *last == path => {
                methods.push(method);
                others.extend(earlier);
            }
            _ => by_path.push((path, vec![method], earlier)),
        }
    }
    for (later, methods, mut others) in by_path {
        others.sort_unstable();
        others.dedup();
        let verbs: Vec<String> = methods.iter().map(|m| m.to_uppercase()).collect();
        let this = &swagger.paths[later];
        let mut names: Vec<String> = others
            .iter()
            .take(MAX_NAMED)
            .map(|&i| excerpt(swagger.paths[i].template).into_owned())
            .collect();
        if others.len() > MAX_NAMED {
            names.push("and others".to_string());
        }
        let diagnostic = sink.report(
            file.kind,
            this.key_range,
            swagger.tree.pointer(this.node),
            format!(
                "{} {} overlaps {}: a path parameter whose value is a static segment of the \
                 other path may be routed to the wrong operation",
                verbs.join(", "),
                excerpt(this.template),
                names.join(", ")
            ),
        );
        for &other in others.iter().take(MAX_NAMED) {
            let item = &swagger.paths[other];
            diagnostic.with_related(
                file.kind,
                item.key_range,
                format!("{} is declared here", excerpt(item.template)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle: a path against every earlier one, segment by segment.
    fn partly_overlap(a: &[&str], b: &[&str]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut partial = false;
        for (x, y) in a.iter().zip(b) {
            if x == y {
                continue;
            }
            if *x == VARIABLE || *y == VARIABLE {
                partial = true;
            } else {
                return false;
            }
        }
        partial
    }

    #[test]
    fn a_search_below_a_variable_stops_at_its_limit() {
        // 10,000 earlier paths all overlap `/{}/q`: finding the first six must not walk
        // them all (80,000 such paths made the search quadratic).
        let names: Vec<String> = (0..10_000).map(|i| format!("p{i}")).collect();
        let mut trie = Trie::default();
        for (index, name) in names.iter().enumerate() {
            trie.insert(&["", name, VARIABLE], index);
        }
        let mut visits = MAX_VISITS;
        let found = trie.partly_overlapping(&["", VARIABLE, "q"], 6, &mut visits);
        assert_eq!(found, [0, 1, 2, 3, 4, 5]);
        assert!(MAX_VISITS - visits < 100, "{} steps", MAX_VISITS - visits);
    }

    #[test]
    fn the_trie_finds_what_comparing_every_pair_finds() {
        let spellings = ["a", "b", "{}", "c"];
        let mut next = super::super::xorshift(11);
        for _ in 0..500 {
            let paths: Vec<Vec<&str>> = (0..next(8))
                .map(|_| (0..1 + next(3)).map(|_| spellings[next(4)]).collect())
                .collect();
            let mut trie = Trie::default();
            for (index, path) in paths.iter().enumerate() {
                let mut visits = MAX_VISITS;
                let mut found = trie.partly_overlapping(path, usize::MAX, &mut visits);
                found.sort_unstable();
                found.dedup();
                let mut expected: Vec<usize> = (0..index)
                    .filter(|&earlier| partly_overlap(&paths[earlier], path))
                    .collect();
                expected.dedup();
                assert_eq!(found, expected, "{paths:?} at {index}");
                trie.insert(path, index);
            }
        }
    }
}
