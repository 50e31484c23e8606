//! `textDocument/codeAction`: the quick fixes carried in each diagnostic's `data`, "ignore
//! this finding" in the project configuration file, and `source.fixAll.connector-ls`, which
//! applies every safe fix that does not conflict. While the connector has syntax errors, the
//! only fixes offered are their repairs (`Fix::applies_to`, the rule `check --fix` follows).
//! On an operationId, the refactoring that renames a published operation without breaking
//! its flows (`edit::revision`).

use tower_lsp_server::ls_types as lsp;

use crate::config;
use crate::diagnostic::{Applicability, compatible_fixes};
use crate::edit::revision;
use crate::ide::navigation;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientSupport;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;
use crate::lsp::handlers::command;
use crate::model::FileKind;
use crate::text::Encoding;

/// The code action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.connector-ls";

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.code_action_provider = Some(lsp::CodeActionProviderCapability::Options(
        lsp::CodeActionOptions {
            code_action_kinds: Some(vec![
                lsp::CodeActionKind::QUICKFIX,
                lsp::CodeActionKind::REFACTOR_REWRITE,
                lsp::CodeActionKind::new(FIX_ALL_KIND),
            ]),
            ..Default::default()
        },
    ));
}

/// Whether the client's `only` filter admits `kind` (a filter entry admits its sub-kinds).
fn wants(only: &Option<Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
    }
}

fn quick_fixes(diagnostic: &lsp::Diagnostic) -> Vec<lsp::CodeActionOrCommand> {
    if diagnostic.source.as_deref() != Some("connector-ls") {
        return Vec::new();
    }
    let fixes = convert::fixes_from_data(diagnostic);
    let preferred = fixes.first().is_some_and(|f| f.safe);
    fixes
        .into_iter()
        .enumerate()
        .map(|(index, fix)| {
            let title = if fix.safe {
                fix.title
            } else {
                format!("{} (review the change)", fix.title)
            };
            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(fix.edit),
                is_preferred: Some(preferred && index == 0),
                ..Default::default()
            })
        })
        .collect()
}

/// "Ignore this finding": an `[[ignore]]` entry for the diagnostic's rule, file and JSON
/// Pointer, appended to the configuration file that applies to the document, or written to a
/// new `connector-ls.toml` beside it when there is none and the client can create files.
fn ignore_action(
    support: ClientSupport,
    uri: &lsp::Uri,
    diagnostic: &lsp::Diagnostic,
) -> Option<lsp::CodeActionOrCommand> {
    let Some(lsp::NumberOrString::String(rule)) = &diagnostic.code else {
        return None;
    };
    if diagnostic.source.as_deref() != Some("connector-ls") {
        return None;
    }
    let path = convert::local_path(uri)?;
    let dir = path.parent()?;
    let (config_path, existing) = match config::find(dir) {
        Some(found) => {
            let text = std::fs::read_to_string(&found).ok()?;
            (found, Some(text))
        }
        None if support.create_files => (dir.join(config::FILE_NAMES[0]), None),
        None => return None,
    };
    let pointer = convert::data_of(diagnostic).pointer;
    let entry = config::ignore_entry(
        &config_path,
        existing.as_deref().unwrap_or_default(),
        &path,
        rule,
        &pointer,
    )?;
    let edit = convert::append_edit(&config_path, existing.as_deref(), entry, support.encoding)?;
    let config_name = config_path.file_name()?.to_string_lossy();
    Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: format!("Ignore {rule} here (in {config_name})"),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        is_preferred: Some(false),
        ..Default::default()
    }))
}

/// One action with every safe fix of a file's diagnostics that can be applied together (and
/// may be applied now: only the syntax repairs while the connector has syntax errors).
pub fn fix_all(analysis: &Analysis, kind: FileKind, encoding: Encoding) -> Option<lsp::CodeAction> {
    let safe = analysis
        .diagnostics
        .iter()
        .filter(|d| d.file == kind)
        .flat_map(|d| d.fixes.iter().map(move |fix| (d, fix)))
        .filter(|(d, fix)| {
            fix.applicability == Applicability::Safe && fix.applies_to(d, analysis.connector())
        })
        .map(|(_, fix)| fix);
    let fixes = compatible_fixes(safe);
    if fixes.is_empty() {
        return None;
    }
    let edit = convert::workspace_edit(analysis.connector(), &analysis.uris, &fixes, encoding);
    Some(lsp::CodeAction {
        title: match fixes.len() {
            1 => "Apply the safe connector-ls fix".to_string(),
            n => format!("Apply {n} safe connector-ls fixes"),
        },
        kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(edit),
        ..Default::default()
    })
}

/// Whether the request admits an action that needs an analysis of the document: fix-all or
/// the refactoring.
pub fn wants_analysis(params: &lsp::CodeActionParams) -> bool {
    let only = &params.context.only;
    wants(only, FIX_ALL_KIND) || wants(only, lsp::CodeActionKind::REFACTOR_REWRITE.as_str())
}

/// On the operationId of an operation that is published (it exists at the base revision, or
/// no base is set to tell), "keep it for the flows that use it and add its next revision",
/// named as [`revision::next_revision_id`] names it (`GetItemsV2`), which the user may then
/// rename freely. Not while the connector has syntax
/// errors.
fn revision_action(document: &DocumentSnapshot, at: lsp::Position) -> Option<lsp::CodeAction> {
    let analysis = &document.analysis;
    if analysis.connector().has_syntax_errors() {
        return None;
    }
    let (_, offset) = document.locate(at)?;
    let index = analysis.index();
    let id = navigation::renamed_operation_id(index, document.kind, offset)?;
    if analysis
        .base
        .as_ref()
        .is_some_and(|base| !base.has_operation(id))
    {
        return None;
    }
    let op = index.swagger()?.find_operation(id)?;
    let name = revision::next_revision_id(index, op)?;
    let fix = revision::keep_and_add_revision(index, op, &name)?;
    let edit = convert::edits_workspace_edit(
        analysis.connector(),
        &analysis.uris,
        &fix.edits,
        document.support.encoding,
    );
    Some(lsp::CodeAction {
        title: fix.title,
        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
        edit: Some(edit),
        ..Default::default()
    })
}

/// The code actions of a request; `document` is the document's snapshot when the request
/// admits an action that needs it (see [`wants_analysis`]) and the document is a connector
/// file.
pub fn code_action(
    params: &lsp::CodeActionParams,
    support: ClientSupport,
    document: Option<&DocumentSnapshot>,
) -> Option<lsp::CodeActionResponse> {
    let only = &params.context.only;
    let mut actions = Vec::new();
    if wants(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
        let uri = &params.text_document.uri;
        for diagnostic in &params.context.diagnostics {
            actions.extend(quick_fixes(diagnostic));
            actions.extend(command::schema_action(support, uri, diagnostic));
            actions.extend(ignore_action(support, uri, diagnostic));
        }
    }
    if let Some(document) = document {
        if wants(only, lsp::CodeActionKind::REFACTOR_REWRITE.as_str())
            && let Some(action) = revision_action(document, params.range.start)
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
        if wants(only, FIX_ALL_KIND)
            && let Some(action) = fix_all(&document.analysis, document.kind, support.encoding)
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
    }
    (!actions.is_empty()).then_some(actions)
}
