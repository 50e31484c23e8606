use crate::diagnostic::{Fix, Severity};
use crate::edit::json::replace_value;
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::model::connector::resolve_inside;
use crate::model::settings::file_entries;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Checks the file paths in settings.json (`apiDefinition`, `apiProperties`, `icon`,
    /// `script`): each must name a file in the connector folder. Paths that are absolute or
    /// climb out with `..` are reported as warnings, since they only work from one place.
    ///
    /// ## Why
    /// paconn stops with "File does not exist" when the definition or the properties file is
    /// missing (error). A missing icon or script is skipped without a word, so the connector
    /// is created without its icon or its custom code (warning). paconn resolves the paths
    /// from its working directory, so the convention is to run it from the connector folder
    /// and keep the paths relative to it.
    ///
    /// ## Example
    /// ```json
    /// { "apiDefinition": "apiDefinition.swagger.json", "icon": "Icon.png" }
    /// ```
    /// with `icon.png` in the folder.
    ///
    /// ## Fix
    /// Point the entry to the file of the folder whose name differs only by case, when there is
    /// exactly one. Otherwise add the file or correct the path.
    ///
    /// ## Fix safety
    /// Safe. settings.json is read only by paconn at upload, never by the platform at run time; on
    /// a case-insensitive file system paconn already uploads that very file.
    RULE {
        id: "settings-file-missing",
        severity: Error,
        file: Some(FileKind::Settings),
        summary: "A file named in settings.json does not exist",
        reference: Some(links::PACONN),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(file) = ctx.file(FileKind::Settings) else {
        return;
    };
    let Some(tree) = file.tree() else {
        return;
    };
    let connector = ctx.connector;
    let grades = sink.may_grade();
    for entry in file_entries(tree) {
        let value = entry.value;
        let outside = resolve_inside(&connector.dir, value).is_none();
        let exists = !outside
            && connector
                .settings_targets
                .get(value)
                .copied()
                .unwrap_or_else(|| connector.listing.iter().any(|n| n == value));
        if exists {
            continue;
        }
        let shown = excerpt(value);
        let (message, severity) = if outside {
            (
                format!(
                    "settings.json: {} '{shown}' leads outside the connector folder (an \
                     absolute path, '..', or a symbolic link that points out or loops); \
                     connector-ls does not follow it, and paconn resolves it from its working \
                     directory, so it only works from one place",
                    entry.key
                ),
                Severity::Warning,
            )
        } else if entry.required {
            (
                format!(
                    "settings.json: {} '{shown}' does not exist next to settings.json; paconn \
                     stops with 'File does not exist'",
                    entry.key
                ),
                Severity::Error,
            )
        } else {
            (
                format!(
                    "settings.json: {} '{shown}' does not exist next to settings.json; paconn \
                     skips it and the connector is created without it",
                    entry.key
                ),
                Severity::Warning,
            )
        };
        // Only a single file whose name differs only by case: with `Icon.png` and `ICON.png`
        // both present, which one was meant is a guess.
        let candidate = (!outside && !value.contains(['/', '\\']))
            .then(|| {
                let mut same_but_case = connector
                    .listing
                    .iter()
                    .filter(|name| name.eq_ignore_ascii_case(value) && *name != value);
                same_but_case
                    .next()
                    .filter(|_| same_but_case.next().is_none())
            })
            .flatten();
        let diagnostic = sink.at_value(file.kind, tree, entry.node, message);
        if grades {
            diagnostic.severity = severity;
        }
        if let Some(name) = candidate {
            diagnostic.with_fix(Fix::safe(
                format!("Use '{}'", excerpt(name)),
                vec![replace_value(
                    file.kind,
                    tree,
                    entry.node,
                    &json_string(name),
                )],
            ));
        }
    }
}
