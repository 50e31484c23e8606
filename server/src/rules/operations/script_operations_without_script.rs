use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `scriptOperations` in apiProperties.json when the connector folder has no
    /// custom code file (script.csx, or the script named in settings.json). An empty list
    /// routes nothing through code and is left alone.
    ///
    /// ## Why
    /// `scriptOperations` routes operations through custom code. Without the code file paconn
    /// uploads no script, and the operations run without the transformation the author
    /// expected, or the upload of the listed operations fails.
    ///
    /// ## Example
    /// ```json
    /// "scriptOperations": ["CreateItem"]
    /// ```
    /// in a folder without script.csx.
    ///
    /// ## Fix
    /// Add the script.csx file, or remove `scriptOperations`. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "script-operations-without-script",
        severity: Warning,
        file: Some(FileKind::ApiProperties),
        summary: "scriptOperations is set but the connector has no script.csx",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(properties) = ctx.api_properties() else {
        return;
    };
    let Some(list) = properties.script_operations() else {
        return;
    };
    // `[]` routes no operation through code: harmless without a script.
    if ctx.script.is_some()
        || (properties.tree.is_array(list) && properties.tree.items(list).is_empty())
    {
        return;
    }
    let message = "scriptOperations is set but the connector folder has no script.csx, so these operations run without custom code";
    sink.at_key(FileKind::ApiProperties, properties.tree, list, message);
}
