use crate::diagnostic::{Edit, Fix, Severity};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::csx::Class;
use crate::text::{TextRange, excerpt};
use crate::vocabulary::script::MAX_SCRIPT_BYTES;

declare_rule! {
    /// ## What it does
    /// Checks the platform's contract for custom code: script.csx declares a class named
    /// `Script` that derives from `ScriptBase` and overrides `ExecuteAsync`, and is at most
    /// 1 MB.
    ///
    /// ## Why
    /// The platform compiles the script and calls `ExecuteAsync` of the class `Script`; without
    /// it, the upload fails, or every operation routed through the script fails. Microsoft's
    /// "Write code in a custom connector" states each requirement. Two published scripts name
    /// the class `script`: a warning, as the platform's own checks are not documented to be
    /// case sensitive.
    ///
    /// ## Example
    /// ```csharp
    /// public class Transformer : ScriptBase
    /// {
    ///     public async Task<HttpResponseMessage> ExecuteAsync() { … }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Name the class `Script` (offered when only the name is wrong), declare
    /// `public override async Task<HttpResponseMessage> ExecuteAsync()`, and move anything
    /// large out of the script.
    ///
    /// ## Fix safety
    /// Renaming the class is unsafe: only the declaration is renamed, and code that names the
    /// class (a constructor, `new script()`) must be renamed by hand.
    RULE {
        id: "script-contract",
        severity: Error,
        file: Some(FileKind::Script),
        summary: "script.csx does not follow the platform's contract for custom code",
        reference: Some(links::WRITE_CODE),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let (Some(script), Some(outline)) = (ctx.script, ctx.script_outline.as_ref()) else {
        return;
    };
    let size = script.text.len();
    if size > MAX_SCRIPT_BYTES {
        let message = format!(
            "script.csx is {size} bytes; the platform accepts custom code of at most 1 MB ({MAX_SCRIPT_BYTES} bytes)"
        );
        sink.report(
            FileKind::Script,
            TextRange::empty(0),
            String::new(),
            message,
        );
    }
    let derived: Vec<&Class> = outline
        .classes
        .iter()
        .filter(|class| class.base.as_ref().is_some_and(|b| b.name == "ScriptBase"))
        .collect();
    let Some(class) = derived
        .iter()
        .find(|class| class.name.name == "Script")
        .or(derived.first())
    else {
        let message = "script.csx declares no class that derives from ScriptBase: the platform runs `public class Script : ScriptBase`, and finds none";
        sink.report(
            FileKind::Script,
            TextRange::empty(0),
            String::new(),
            message,
        );
        return;
    };
    if class.name.name != "Script" {
        let name = excerpt(&class.name.name);
        let message = format!(
            "The class that derives from ScriptBase is named '{name}'; the platform runs the class named 'Script'"
        );
        let lower = sink.may_grade();
        let diagnostic = sink.report(FileKind::Script, class.name.range, String::new(), message);
        if lower && class.name.name.eq_ignore_ascii_case("Script") {
            diagnostic.severity = Severity::Warning;
        }
        diagnostic.with_fix(Fix::unsafe_(
            format!("Rename the class '{name}' to 'Script'"),
            vec![Edit::replace(FileKind::Script, class.name.range, "Script")],
        ));
    }
    let methods: Vec<_> = outline
        .execute_async
        .iter()
        .filter(|method| class.body.contains(method.name.start))
        .collect();
    match methods
        .iter()
        .find(|method| method.is_override)
        .or(methods.first())
    {
        None => {
            let message = format!(
                "The class '{}' has no ExecuteAsync: the platform calls `public override async Task<HttpResponseMessage> ExecuteAsync()`",
                excerpt(&class.name.name)
            );
            sink.report(FileKind::Script, class.name.range, String::new(), message);
        }
        Some(method) if !method.is_override => {
            let message = "ExecuteAsync does not override ScriptBase's: declare it `public override`, or the platform's call never reaches it";
            sink.report(FileKind::Script, method.name, String::new(), message);
        }
        Some(_) => {}
    }
}
