//! extension-unknown: an `x-ms-` extension that does not exist, or has no effect where it
//! stands, with a "did you mean" and a rename for misspellings.

use crate::diagnostic::{Fix, Severity};
use crate::edit::json::rename_key;
use crate::edit::names::did_you_mean;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::structure::{Problem, definition_findings, object_name};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;
use crate::vocabulary::{self, structure::extension_places};

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-` key of the definition that Power Platform does not read where it
    /// stands: an extension that does not exist (`x-ms-visibilty`), with the known one it is
    /// probably a misspelling of; a known extension in an object where it has no effect
    /// (`x-ms-trigger` on a parameter), with where it belongs; and an AutoRest extension
    /// (`x-ms-enum`, `x-ms-client-name`), which Power Platform ignores everywhere (info).
    /// Vendor extensions that do not start with `x-ms-` are not reported.
    ///
    /// ## Why
    /// Power Platform silently ignores an extension it does not know: a misspelled
    /// `x-ms-visibility` leaves an internal parameter visible to every user, and nothing says
    /// so; `x-ms-visibilty`, `x-ms-visibiltiy`, `x-ms-sumamry` and `x-ms-summmary` are in
    /// published connectors. Microsoft's validator lets them through (its ExtensionNameNotValid
    /// is about names that do not begin with `x-`, which key-not-allowed reports): this rule is
    /// a warning under the certification profile too.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "x-ms-visibilty": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Rename a misspelled extension to the extension it is closest to (offered when that
    /// one is allowed in the object and not already there); move a misplaced one where it
    /// belongs; remove an AutoRest one.
    ///
    /// ## Fix safety
    /// Unsafe. The rename makes the platform read an extension it ignored until now, so it
    /// changes what the connector does: the parameter becomes internal, the dropdown fills, the
    /// trigger fires differently. A person should check that the extension says what they
    /// meant.
    RULE {
        id: "extension-unknown",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "An x-ms- extension that does not exist or has no effect where it stands",
        reference: Some(links::EXTENSIONS),
        validator: ["ExtensionNameNotValid"],
        // The validator's own check is of names that do not begin with `x-` (key-not-allowed):
        // certified connectors carry every kind of finding of this rule.
        certification: Warning,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, tree, findings)) = definition_findings(ctx) else {
        return;
    };
    let grades = sink.may_grade();
    for finding in findings.iter().copied() {
        let Some(index) = finding.member else {
            continue;
        };
        let member = &tree.members(finding.object)[index];
        let key = excerpt(&member.key);
        let object = object_name(finding.loc);
        let mut rename = None;
        let (message, severity) = match finding.problem {
            Problem::UnknownExtension(suggestion) => {
                let fits = suggestion.filter(|&name| {
                    vocabulary::find(finding.loc, name).is_some()
                        && tree.get(finding.object, name).is_none()
                });
                rename = fits;
                (
                    format!(
                        "'{key}' is not an extension Power Platform knows; it is ignored{}",
                        did_you_mean(suggestion)
                    ),
                    None,
                )
            }
            Problem::MisplacedExtension => {
                let places: Vec<&str> = extension_places(&member.key).map(object_name).collect();
                (
                    format!(
                        "'{key}' has no effect in {object}; it is read in {}",
                        places.join(", ")
                    ),
                    None,
                )
            }
            Problem::IgnoredExtension => (
                format!("'{key}' is an AutoRest extension; Power Platform ignores it"),
                Some(Severity::Info),
            ),
            _ => continue,
        };
        let diagnostic = sink.report(
            file.kind,
            member.key_range,
            tree.pointer(member.value),
            message,
        );
        if let (true, Some(severity)) = (grades, severity) {
            diagnostic.severity = severity;
        }
        if let Some(name) = rename {
            diagnostic.with_fix(Fix::unsafe_(
                format!("Rename to '{name}'"),
                vec![rename_key(file.kind, member, name)],
            ));
        }
    }
}
