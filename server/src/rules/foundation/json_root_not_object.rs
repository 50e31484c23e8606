use crate::rules::context::{Context, Sink};
use crate::rules::foundation::json_syntax_error::file_name;
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeKind;

declare_rule! {
    /// ## What it does
    /// Reports a connector JSON file whose top-level value is not an object: `null`, an array,
    /// a string, a number or a boolean.
    ///
    /// ## Why
    /// apiDefinition.swagger.json, apiProperties.json and settings.json are each one JSON
    /// object; paconn and the portal reject anything else. Without this finding such a file
    /// would pass silently, since no other rule finds anything to check in it.
    ///
    /// ## Example
    /// ```json
    /// null
    /// ```
    ///
    /// ## Fix
    /// Replace the value with the object the file should hold. No automatic fix.
    ///
    /// ## Fix safety
    /// There is no automatic fix: the content of the object cannot be guessed.
    RULE {
        id: "json-root-not-object",
        severity: Error,
        file: None,
        summary: "A connector JSON file does not hold an object",
        reference: None,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    for file in &ctx.connector.files {
        let Some(tree) = file.tree() else { continue };
        let Some(root) = tree.root() else { continue };
        let found = match tree.kind(root) {
            // An object is right; for an invalid value json-syntax-error says what is wrong.
            NodeKind::Object(_) | NodeKind::Invalid => continue,
            kind => kind.described(),
        };
        let message = format!(
            "{} must hold a JSON object, not {found}",
            file_name(&file.path)
        );
        sink.at_value(file.kind, tree, root, message);
    }
}
