//! A response example keyed by a MIME type its operation does not produce.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::responses::response_entries;
use crate::text::excerpt;
use crate::vocabulary::structure::mime_type_covers;

declare_rule! {
    /// ## What it does
    /// Reports a key of a response's `examples` that names a MIME type the operation does not
    /// produce: none of its `produces` (its own, else the definition's) is that type, a
    /// wildcard that covers it (`*/*`, `application/*`), nor the type with other parameters
    /// (`application/json; charset=utf-8` is `application/json`). Case is ignored, as in
    /// HTTP. An operation that declares no `produces` at all is not reported: there is nothing
    /// to compare with.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`ResponseExampleMustBeProducedByOperation`: "The
    /// response example '{0}' is not produced by the operation '{1}'."). In Swagger 2.0 the
    /// keys of `examples` are MIME types of the response; an example of a type the operation
    /// never returns documents nothing, and usually the `produces` list is what is wrong.
    /// Examples have no effect at run time: a warning by default, an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "produces": ["application/json"],
    /// "responses": { "200": { "description": "OK",
    ///   "examples": { "application/xml": "<item/>" } } }
    /// ```
    ///
    /// ## Fix
    /// Key the example by a type of `produces`, or add the type to `produces` if the service
    /// returns it.
    ///
    /// ## Fix safety
    /// No automatic fix: whether the example or the list is wrong is for a person to decide.
    RULE {
        id: "response-example-not-produced",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A response example is keyed by a MIME type the operation does not produce",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ResponseExampleMustBeProducedByOperation"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for op in &swagger.operations {
        let Some(produces) = swagger.produces(op) else {
            continue;
        };
        for entry in response_entries(swagger, op) {
            let Some(examples) = tree
                .get(entry.node, "examples")
                .filter(|&node| tree.is_object(node))
            else {
                continue;
            };
            for example in tree.members(examples) {
                if produces
                    .iter()
                    .any(|listed| mime_type_covers(listed, &example.key))
                {
                    continue;
                }
                let listed = if produces.is_empty() {
                    "produces nothing".to_string()
                } else {
                    let names: Vec<String> = produces
                        .iter()
                        .map(|p| format!("'{}'", excerpt(p)))
                        .collect();
                    format!("produces only {}", names.join(", "))
                };
                sink.at_key(
                    file.kind,
                    tree,
                    example.value,
                    format!(
                        "The example '{}' of response {} is not produced by operation {}, which \
                         {listed}",
                        excerpt(&example.key),
                        excerpt(entry.code()),
                        swagger.name(op)
                    ),
                );
            }
        }
    }
}
