//! Applying fixes to a connector in memory, for `check --fix` and `--diff`: repeat "analyse,
//! take every compatible fix that may be applied, apply" until nothing is left to fix, and keep
//! a file's new text only if it parses without a single syntax error. Writing is the caller's
//! business.

use crate::diagnostic::{Applicability, Diagnostic, Fix, compatible_fixes};
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::{RuleConfig, analyze};

/// Passes of "analyse and fix" before giving up on fixes that keep producing new ones.
const MAX_PASSES: usize = 10;

/// What fixing a connector did.
pub struct FixOutcome {
    /// The connector with the kept changes applied (and the rest as it was).
    pub connector: Connector,
    /// Files whose text changed and parses cleanly, with their original text.
    pub changed: Vec<(FileKind, String)>,
    /// How many fixes the kept changes contain.
    pub applied: usize,
}

/// Which fixes to apply.
#[derive(Clone, Copy, Debug)]
pub struct FixOptions {
    /// Also apply fixes marked unsafe.
    pub unsafe_fixes: bool,
    /// Only fix this file of the connector (a single file given on the command line).
    pub only: Option<FileKind>,
}

/// Whether a fix may be applied to the connector as it is now: what [`Fix::applies_to`]
/// allows (the rule fix-all in the editor follows too), within the options given.
fn applicable(
    connector: &Connector,
    diagnostic: &Diagnostic,
    fix: &Fix,
    options: FixOptions,
) -> bool {
    (fix.applicability == Applicability::Safe || options.unsafe_fixes)
        && options
            .only
            .is_none_or(|only| fix.edits.iter().all(|edit| edit.file == only))
        && fix.applies_to(diagnostic, connector)
}

fn apply(connector: &mut Connector, fixes: &[&Fix]) {
    for kind in FileKind::ALL {
        let mut edits: Vec<_> = fixes
            .iter()
            .flat_map(|fix| fix.edits.iter())
            .filter(|edit| edit.file == kind)
            .collect();
        if edits.is_empty() {
            continue;
        }
        let Some(file) = connector.file(kind) else {
            continue;
        };
        edits.sort_by_key(|edit| std::cmp::Reverse((edit.range.start, edit.range.end)));
        let mut text = file.text.clone();
        for edit in edits {
            text.replace_range(edit.range.as_usize(), &edit.new_text);
        }
        let path = file.path.clone();
        connector.replace_file(SourceFile::from_text(kind, path, text));
    }
}

/// Fix a connector in memory.
pub fn fix_connector(connector: Connector, config: &RuleConfig, options: FixOptions) -> FixOutcome {
    let original: Vec<(FileKind, String)> = connector
        .files
        .iter()
        .map(|f| (f.kind, f.text.clone()))
        .collect();
    let mut current = connector;
    let mut applied = 0;
    // Files a pass broke (a rule's faulty fix): restored, then left alone.
    let mut locked: Vec<FileKind> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diagnostics = analyze(&current, config);
        // The first fix of a diagnostic is its preferred one.
        let candidates = diagnostics.iter().filter_map(|d| {
            d.fixes.iter().find(|fix| {
                applicable(&current, d, fix, options)
                    && fix.edits.iter().all(|edit| !locked.contains(&edit.file))
            })
        });
        let chosen = compatible_fixes(candidates);
        if chosen.is_empty() {
            break;
        }
        let chosen: Vec<Fix> = chosen.into_iter().cloned().collect();
        let before = current.clone();
        apply(&mut current, &chosen.iter().collect::<Vec<_>>());
        // A pass that gives a clean file a syntax error is undone whole, so that no fix
        // survives in one file while its other half is dropped with the broken one.
        let broken: Vec<FileKind> = current
            .files
            .iter()
            .filter(|file| {
                file.has_syntax_errors()
                    && before
                        .file(file.kind)
                        .is_some_and(|old| !old.has_syntax_errors())
            })
            .map(|file| file.kind)
            .collect();
        if broken.is_empty() {
            applied += chosen.len();
        } else {
            current = before;
            locked.extend(broken);
        }
    }

    // Keep a changed file only if it is now free of syntax errors; otherwise restore it.
    let mut changed = Vec::new();
    for (kind, before) in original {
        let Some(file) = current.file(kind) else {
            continue;
        };
        if file.text == before {
            continue;
        }
        let clean = file.json.as_ref().is_none_or(|p| p.errors.is_empty());
        if clean {
            changed.push((kind, before));
        } else {
            let path = file.path.clone();
            current.replace_file(SourceFile::from_text(kind, path, before));
        }
    }
    if changed.is_empty() {
        applied = 0;
    }
    FixOutcome {
        connector: current,
        changed,
        applied,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn connector(kind: FileKind, text: &str) -> Connector {
        let file =
            SourceFile::from_text(kind, PathBuf::from(kind.default_name()), text.to_string());
        Connector::from_files(PathBuf::from("."), vec![file], Vec::new())
    }

    const OPTIONS: FixOptions = FixOptions {
        unsafe_fixes: false,
        only: None,
    };

    #[test]
    fn safe_fixes_repair_syntax_and_rename_in_passes() {
        let text = "{\r\n  \"swagger\": \"2.0\",\r\n  \"paths\": {\r\n    \"/a\": {\"get\": {\"operationId\": \"Get A\", \"summary\": \"Get A\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"string\"}}}},}\r\n  }\r\n}\r\n";
        let outcome = fix_connector(
            connector(FileKind::ApiDefinition, text),
            &RuleConfig::default(),
            OPTIONS,
        );
        let fixed = &outcome
            .connector
            .file(FileKind::ApiDefinition)
            .unwrap()
            .text;
        assert!(fixed.contains("\"operationId\": \"GetA\""), "{fixed}");
        assert!(
            !fixed.contains("}},}"),
            "the trailing comma is gone: {fixed}"
        );
        assert!(
            fixed.contains("\r\n") && !fixed.replace("\r\n", "").contains('\n'),
            "CRLF kept"
        );
        assert_eq!(outcome.changed.len(), 1);
        assert_eq!(outcome.applied, 2);
    }

    #[test]
    fn unsafe_fixes_need_the_option() {
        let text = r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "get-a", "summary": "Get A", "responses": {"200": {"description": "OK", "schema": {"type": "string"}}}}}}}"#;
        let safe_only = fix_connector(
            connector(FileKind::ApiDefinition, text),
            &RuleConfig::default(),
            OPTIONS,
        );
        assert!(safe_only.changed.is_empty());
        let options = FixOptions {
            unsafe_fixes: true,
            only: None,
        };
        let outcome = fix_connector(
            connector(FileKind::ApiDefinition, text),
            &RuleConfig::default(),
            options,
        );
        let fixed = &outcome
            .connector
            .file(FileKind::ApiDefinition)
            .unwrap()
            .text;
        assert!(fixed.contains("\"GetA\""), "{fixed}");
    }

    #[test]
    fn a_file_left_with_syntax_errors_is_not_changed() {
        // The trailing comma could be fixed, but the missing bracket cannot.
        let text = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\",}, \"paths\": {";
        let outcome = fix_connector(
            connector(FileKind::ApiDefinition, text),
            &RuleConfig::default(),
            OPTIONS,
        );
        assert!(outcome.changed.is_empty());
        assert_eq!(
            outcome
                .connector
                .file(FileKind::ApiDefinition)
                .unwrap()
                .text,
            text
        );
    }
}
