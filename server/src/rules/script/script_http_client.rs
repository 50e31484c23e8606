use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `new HttpClient` in script.csx.
    ///
    /// ## Why
    /// Scripts send requests with `this.Context.SendAsync(request, this.CancellationToken)`,
    /// which goes through the connector's authentication and policies and is cancelled with
    /// the script. Microsoft's "Write code in a custom connector" asks for it instead of an
    /// own `HttpClient`, which it says may be blocked in the future.
    ///
    /// ## Example
    /// ```csharp
    /// using (var client = new HttpClient()) { … }
    /// ```
    ///
    /// ## Fix
    /// Build an `HttpRequestMessage` and send it with `this.Context.SendAsync`. No automatic
    /// fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "script-http-client",
        severity: Warning,
        file: Some(FileKind::Script),
        summary: "script.csx creates its own HttpClient",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(outline) = ctx.script_outline.as_ref() else {
        return;
    };
    for &range in &outline.new_http_client {
        let message = "The script creates its own HttpClient; send requests with this.Context.SendAsync(request, this.CancellationToken), which the platform authenticates and cancels with the script";
        sink.report(FileKind::Script, range, String::new(), message);
    }
}
