use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::script::is_supported_namespace;

declare_rule! {
    /// ## What it does
    /// Reports a `using` directive of script.csx whose namespace is not one the platform
    /// supports for custom code.
    ///
    /// ## Why
    /// The platform compiles scripts against a fixed list of namespaces (Microsoft's "Write
    /// code in a custom connector", "Supported namespaces"); reviewers reject scripts that
    /// import others, and code that uses them does not compile there. The namespace of the
    /// platform's own classes (`Microsoft.PowerPlatform.Connectors.CustomCode`) is allowed.
    ///
    /// ## Example
    /// ```csharp
    /// using System.Runtime.Remoting.Contexts;
    /// ```
    ///
    /// ## Fix
    /// Remove the directive and what uses it, or replace it with a supported namespace. No
    /// automatic fix: removing the directive alone can break the script.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "script-namespace-unsupported",
        severity: Warning,
        file: Some(FileKind::Script),
        summary: "script.csx imports a namespace the platform does not support",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(outline) = ctx.script_outline.as_ref() else {
        return;
    };
    for using in &outline.usings {
        if is_supported_namespace(&using.name) {
            continue;
        }
        let message = format!(
            "The namespace '{}' is not one the platform supports for custom code; the script may not compile there",
            excerpt(&using.name)
        );
        sink.report(FileKind::Script, using.range, String::new(), message);
    }
}
