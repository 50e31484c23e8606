use std::collections::HashMap;

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::parameters::written_parameters;
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a parameter list (of an operation, or of a path item, which all its operations
    /// share) that declares the same name and location twice, or more than one `in: body`
    /// parameter. Header names are compared without regard to case, as HTTP compares them;
    /// the others exactly. Parameters written as `$ref` are compared after following it. Two
    /// entries of an operation's list written exactly alike (the same `$ref` twice, a
    /// parameter pasted twice) are named `OperationParametersAreNotUnique`, as the validator
    /// names a repeated entry.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`OperationParametersContainDuplicateParameter`,
    /// `PathParametersContainDuplicateParameter`,
    /// `OperationParametersContainMultipleBodyParameters`,
    /// `PathParametersContainMultipleBodyParameters`), and Swagger 2.0 forbids it: a request
    /// has one body, and two parameters for one query key or header leave the platform to
    /// pick which value to send.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [
    ///   { "name": "top", "in": "query", "type": "integer" },
    ///   { "name": "top", "in": "query", "type": "string" }
    /// ]
    /// ```
    ///
    /// ## Fix
    /// Remove one of the two, or merge two body parameters into one schema.
    ///
    /// ## Fix safety
    /// No automatic fix: which declaration (type, summary, default) is the right one is for a
    /// person to decide.
    RULE {
        id: "parameter-duplicate",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A parameter list declares a parameter, or a body, twice",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "OperationParametersAreNotUnique",
            "OperationParametersContainDuplicateParameter",
            "PathParametersContainDuplicateParameter",
            "OperationParametersContainMultipleBodyParameters",
            "PathParametersContainMultipleBodyParameters",
        ],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let lists = swagger
        .paths
        .iter()
        .map(|item| {
            (
                item.node,
                true,
                format!("path '{}'", excerpt(item.template)),
            )
        })
        .chain(
            swagger
                .operations
                .iter()
                .map(|op| (op.node, false, format!("operation {}", swagger.name(op)))),
        );
    for (container, on_path, owner) in lists {
        let (duplicate_code, body_code) = if on_path {
            (
                "PathParametersContainDuplicateParameter",
                "PathParametersContainMultipleBodyParameters",
            )
        } else {
            (
                "OperationParametersContainDuplicateParameter",
                "OperationParametersContainMultipleBodyParameters",
            )
        };
        let mut seen: HashMap<(String, String), NodeId> = HashMap::new();
        let mut first_body = None;
        for (site, node) in written_parameters(swagger, container) {
            let (Some(name), Some(location)) =
                (tree.get_str(node, "name"), tree.get_str(node, "in"))
            else {
                continue;
            };
            if location == "body" {
                match first_body {
                    None => first_body = Some(site),
                    Some(first) => {
                        let code = if !on_path && written_alike(&file.text, tree, first, site) {
                            "OperationParametersAreNotUnique"
                        } else {
                            body_code
                        };
                        sink.at_value(
                            file.kind,
                            tree,
                            site,
                            format!(
                                "The {owner} has a second 'body' parameter ('{}'); a request has \
                                 one body",
                                excerpt(name)
                            ),
                        )
                        .with_validator(code)
                        .with_related(
                            file.kind,
                            tree.range(first),
                            "the first body parameter",
                        );
                    }
                }
                continue;
            }
            let key_name = if location == "header" {
                name.to_ascii_lowercase()
            } else {
                name.to_string()
            };
            if let Some(&first) = seen.get(&(key_name.clone(), location.to_string())) {
                let code = if !on_path && written_alike(&file.text, tree, first, site) {
                    "OperationParametersAreNotUnique"
                } else {
                    duplicate_code
                };
                sink.at_value(
                    file.kind,
                    tree,
                    site,
                    format!(
                        "The {owner} declares the {location} parameter '{}' twice",
                        excerpt(name)
                    ),
                )
                .with_validator(code)
                .with_related(
                    file.kind,
                    tree.range(first),
                    "the first declaration",
                );
            } else {
                seen.insert((key_name, location.to_string()), site);
            }
        }
    }
}

/// Whether two list entries are the same JSON value, whatever the spacing and key order.
fn written_alike(text: &str, tree: &JsonTree, a: NodeId, b: NodeId) -> bool {
    let value = |node: NodeId| {
        serde_json::from_str::<serde_json::Value>(&text[tree.range(node).as_usize()]).ok()
    };
    matches!((value(a), value(b)), (Some(x), Some(y)) if x == y)
}
