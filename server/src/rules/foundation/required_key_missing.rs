//! required-key-missing: an object of the definition without a key Swagger requires in it.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{Problem, definition_findings, object_name};
use crate::rules::registry::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports an object of the definition without a key that Swagger 2.0 requires in it, by
    /// the vocabulary's tables: `info` and `paths` at the root, `title` and `version` in
    /// `info`, `name` and `in` in a parameter (and `type` in one that is not in the body),
    /// `description` in a response, `type` in a response header, in the `items` of a
    /// parameter and in a security definition, `name` in a tag and in `license`, `url` in
    /// `externalDocs`. An object that is a `$ref` needs nothing else. The `swagger` key is
    /// swagger-version's.
    ///
    /// ## Why
    /// Swagger tools, the portal and Microsoft's validator reject the definition
    /// (RequiredPropertyMissing): not one of the 764 published connectors lacks one of these
    /// keys. Power Platform cannot tell where a parameter without `in` goes or what it is
    /// called.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "200": { "schema": { "$ref": "#/definitions/Item" } } }
    /// ```
    ///
    /// ## Fix
    /// Add the key with its value (`"description": "OK"` for a response). No automatic fix.
    ///
    /// ## Fix safety
    /// There is no automatic fix: the value (a parameter's name, where it goes, the
    /// connector's title) takes a person.
    RULE {
        id: "required-key-missing",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "An object of the definition lacks a key Swagger requires",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["RequiredPropertyMissing"],
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, tree, findings)) = definition_findings(ctx) else {
        return;
    };
    for finding in findings.iter().copied() {
        let Problem::Missing(key) = finding.problem else {
            continue;
        };
        let message = format!(
            "{} has no '{}', which Swagger requires",
            capitalized(object_name(finding.loc)),
            key.name
        );
        if tree.parent(finding.object).is_none() {
            // At the opening brace: the root object is the whole file.
            let start = tree.range(finding.object).start;
            sink.report(
                file.kind,
                TextRange::new(start, start + 1),
                String::new(),
                message,
            );
        } else {
            sink.at_key(file.kind, tree, finding.object, message);
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
