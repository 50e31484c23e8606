use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a definition without `"swagger": "2.0"`: the member is missing (as in an empty
    /// object `{}` or an OpenAPI 3 document, which has `"openapi"` instead), or holds another
    /// version.
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
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
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
            let openapi = tree.get_str(swagger.root, "openapi").map(short);
            let message = match openapi {
                Some(version) => format!(
                    "this is an OpenAPI {version} document; Power Platform accepts only \
                     Swagger 2.0 definitions (\"swagger\": \"2.0\")"
                ),
                None => "the definition has no \"swagger\": \"2.0\"; Power Platform accepts \
                         only Swagger 2.0 definitions"
                    .to_string(),
            };
            // At the opening brace: the whole object may be the whole file.
            let start = tree.range(swagger.root).start;
            let range = TextRange::new(start, start + 1);
            sink.report(file.kind, range, String::new(), message);
        }
    }
}

/// A version as quoted in a message: at most 20 characters of it.
fn short(version: &str) -> String {
    match version.char_indices().nth(20) {
        Some((end, _)) => format!("{}…", &version[..end]),
        None => version.to_string(),
    }
}
