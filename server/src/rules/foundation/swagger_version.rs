use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a definition without `"swagger": "2.0"`: an OpenAPI 3 document (at its
    /// `"openapi"` key), a `swagger` member holding another version, or no member at all (as in
    /// an empty object `{}`). In an OpenAPI 3 document, or one of another Swagger version, no
    /// other rule reports (except those about the file's JSON text): they would all misread it.
    ///
    /// ## Why
    /// Power Platform custom connectors are Swagger 2.0 (OpenAPI 2.0) documents only;
    /// Microsoft's validator rejects anything else (`SpecificationVersionIncorrect`), and
    /// paconn refuses to upload it. A definition without the member is usually not a
    /// definition at all, which no other rule would notice.
    ///
    /// ## Example
    /// ```json
    /// { "openapi": "3.0.1", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    ///
    /// ## Fix
    /// Start the definition with `"swagger": "2.0"`; convert an OpenAPI 3 document to Swagger
    /// 2.0 first (with a converter such as `api-spec-converter`). No automatic fix.
    ///
    /// ## Fix safety
    /// There is no automatic fix: adding the member to an OpenAPI 3 document would only hide
    /// the real problem.
    RULE {
        id: "swagger-version",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "The definition is not a Swagger 2.0 document",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["SpecificationVersionIncorrect"],
        policy: ["5000.2.6.3"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    if let Some(member) = tree.member(swagger.root, "openapi") {
        let version = tree.as_str(member.value).map_or("3".to_string(), short);
        let message = format!(
            "this is an OpenAPI {version} document; Power Platform accepts only Swagger 2.0 \
             definitions (\"swagger\": \"2.0\")"
        );
        sink.at_key(file.kind, tree, member.value, message);
        return;
    }
    match tree.member(swagger.root, "swagger") {
        Some(member) => {
            let version = tree.as_str(member.value);
            if version == Some("2.0") {
                return;
            }
            let found = version.map_or("not a string".to_string(), |v| format!("'{}'", short(v)));
            let message = format!(
                "swagger is {found}; Power Platform accepts only Swagger 2.0 definitions \
                 (\"swagger\": \"2.0\")"
            );
            sink.at_value(file.kind, tree, member.value, message);
        }
        None => {
            let message = "the definition has no \"swagger\": \"2.0\"; Power Platform accepts \
                           only Swagger 2.0 definitions";
            // At the opening brace: the whole object may be the whole file.
            let start = tree.range(swagger.root).start;
            let range = TextRange::new(start, start + 1);
            sink.report(file.kind, range, String::new(), message);
        }
    }
}

/// Whether the definition is written in another format than Swagger 2.0 (an OpenAPI 3
/// document, or a `swagger` version string other than "2.0"): then only this rule, and the
/// rules about the file's text, report in it, since every Swagger 2.0 rule would misread it.
/// A definition without the member, or with a version that is not a string, is read as
/// Swagger 2.0 with that one mistake.
pub fn is_another_format(tree: &JsonTree, root: NodeId) -> bool {
    tree.member(root, "openapi").is_some()
        || tree
            .get_str(root, "swagger")
            .is_some_and(|version| version != "2.0")
}

/// A version as quoted in a message: at most 20 characters of it.
fn short(version: &str) -> String {
    match version.char_indices().nth(20) {
        Some((end, _)) => format!("{}…", &version[..end]),
        None => version.to_string(),
    }
}
