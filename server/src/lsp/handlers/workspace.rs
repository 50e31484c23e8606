//! Workspace-wide plumbing: the file watcher registered with the client, and
//! `workspace/diagnostic` (every file of every connector that has an open document).

use tower_lsp_server::ls_types as lsp;

use crate::lsp::analysis::Analysis;
use crate::text::Encoding;
use crate::workspace::watch::WATCHED_GLOBS;

/// `client/registerCapability` for `workspace/didChangeWatchedFiles` on [`WATCHED_GLOBS`].
pub fn watched_files_registration() -> lsp::Registration {
    let options = lsp::DidChangeWatchedFilesRegistrationOptions {
        watchers: WATCHED_GLOBS
            .iter()
            .map(|glob| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect(),
    };
    lsp::Registration {
        id: "connector-ls/watched-files".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: Some(serde_json::to_value(options).expect("serializable")),
    }
}

/// Full reports for every file of the connectors analysed (those that have an open document),
/// with the version of the open ones.
pub fn workspace_diagnostic(
    analyses: &[Analysis],
    encoding: Encoding,
) -> lsp::WorkspaceDiagnosticReportResult {
    let mut items = Vec::new();
    for analysis in analyses {
        for file in &analysis.connector().files {
            let Some(uri) = analysis.uris.get(file.kind) else {
                continue;
            };
            let version = analysis
                .open
                .iter()
                .find(|(open, _, _)| open == uri)
                .map(|(_, _, version)| i64::from(*version));
            items.push(lsp::WorkspaceDocumentDiagnosticReport::Full(
                lsp::WorkspaceFullDocumentDiagnosticReport {
                    uri: uri.clone(),
                    version,
                    full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                        result_id: None,
                        items: analysis.lsp_diagnostics(file.kind, encoding),
                    },
                },
            ));
        }
    }
    lsp::WorkspaceDiagnosticReportResult::Report(lsp::WorkspaceDiagnosticReport { items })
}
