use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Points at what risks the 5-second limit of custom code: loops that await each pass
    /// (paging inside the script, when the loop sends requests), and calls that block a
    /// thread until a task ends (`.Result`, `.Wait()`, `.GetResult()`, `Thread.Sleep`).
    ///
    /// ## Why
    /// The platform stops a script that runs longer than 5 seconds, and the operation fails.
    /// A loop that sends one request per page, or waits for each call before the next, grows
    /// with the data, not with the code; a blocking call holds a thread the platform shares.
    /// These are hints: a short loop or a `.Result` on a finished task is fine.
    ///
    /// ## Example
    /// ```csharp
    /// while (next != null) { var page = await this.Context.SendAsync(next, CancellationToken); … }
    /// var body = response.Content.ReadAsStringAsync().Result;
    /// ```
    ///
    /// ## Fix
    /// Let the flow page (`x-ms-pageable`) instead of the script, start independent requests
    /// together and await them with `Task.WhenAll`, and `await` instead of blocking. No
    /// automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "script-time-limit-risk",
        severity: Hint,
        file: Some(FileKind::Script),
        summary: "script.csx does something that risks the 5-second limit",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(outline) = ctx.script_outline.as_ref() else {
        return;
    };
    for found in &outline.awaiting_loops {
        let message = match found.sends {
            true => {
                "This loop sends a request and waits for it on each pass (paging inside the script): the time grows with the data, and the platform stops scripts after 5 seconds"
            }
            false => {
                "This loop waits for a task on each pass: the time grows with the passes, and the platform stops scripts after 5 seconds"
            }
        };
        sink.report(FileKind::Script, found.keyword, String::new(), message);
    }
    for call in &outline.blocking {
        let instead = match call.name.as_str() {
            "Thread.Sleep" => "await Task.Delay instead",
            _ => "await the task instead",
        };
        let message = format!(
            "{} blocks a thread while it waits; {instead} (the platform stops scripts after 5 seconds)",
            call.name
        );
        sink.report(FileKind::Script, call.range, String::new(), message);
    }
}
