//! What the client can do, read once from its `initialize` capabilities, and the capabilities
//! the server announces in return, built from that.

use tower_lsp_server::ls_types as lsp;

use crate::lsp::handlers::{code_action, command, completion, hover, navigation, symbols};
use crate::text::Encoding;

/// The client's capabilities that change what the server sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSupport {
    /// How `character` offsets count: UTF-8 when the client offers it, else UTF-16.
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`) and accepts refresh requests,
    /// so the server does not push.
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// The client accepts `LocationLink`s from go to definition.
    pub definition_links: bool,
    /// The client accepts snippets in completion items.
    pub snippets: bool,
    /// Completion documentation may be Markdown (`completionItem.documentationFormat`).
    pub markdown_completion_docs: bool,
    /// Completion edits may have both an insert and a replace range.
    pub insert_replace: bool,
    /// The client accepts `workspace/applyEdit`.
    pub apply_edit: bool,
    /// The client accepts `documentChanges` (versioned edits) in workspace edits.
    pub document_changes: bool,
    /// The client accepts file creation in workspace edits.
    pub create_files: bool,
    /// The client lets the server register file watchers dynamically.
    pub watch_files: bool,
    /// The client answers `workspace/configuration`.
    pub pull_configuration: bool,
    /// The client asks `textDocument/prepareRename` before a rename.
    pub prepare_rename: bool,
    /// The client asks the user for the sample that `connector-ls.generateSchema` needs when a
    /// code action runs it without one (`experimental.connectorLs.promptsForSample`: the VS
    /// Code extension and the Neovim config do; Helix cannot).
    pub prompts_for_sample: bool,
}

impl ClientSupport {
    pub fn from_client(client: &lsp::ClientCapabilities) -> Self {
        let offers_utf8 = client
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&lsp::PositionEncodingKind::UTF8));
        let workspace = client.workspace.as_ref();
        let text_document = client.text_document.as_ref();
        let diagnostic_refresh = workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let completion_item = text_document
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref());
        let workspace_edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let document_changes = workspace_edit
            .and_then(|e| e.document_changes)
            .unwrap_or(false);
        ClientSupport {
            encoding: if offers_utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            // Pull only when the server can also ask for a pull: an edit to one file changes
            // the diagnostics of the connector's other files, and a client without refresh
            // (Neovim 0.11) pulls only for the buffer it changed, so the others would go stale.
            pull_diagnostics: diagnostic_refresh
                && text_document.is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh,
            definition_links: text_document
                .and_then(|t| t.definition.as_ref())
                .and_then(|d| d.link_support)
                .unwrap_or(false),
            snippets: completion_item
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            markdown_completion_docs: completion_item
                .and_then(|i| i.documentation_format.as_ref())
                .is_some_and(|formats| formats.contains(&lsp::MarkupKind::Markdown)),
            insert_replace: completion_item
                .and_then(|i| i.insert_replace_support)
                .unwrap_or(false),
            apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
            document_changes,
            // A file creation can only be sent in `documentChanges`, so a client that declares
            // it takes them (Neovim 0.11 declares `create` but not `documentChanges`, and
            // applies both).
            create_files: workspace_edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|kinds| kinds.contains(&lsp::ResourceOperationKind::Create)),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            pull_configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            prepare_rename: text_document
                .and_then(|t| t.rename.as_ref())
                .and_then(|r| r.prepare_support)
                .unwrap_or(false),
            prompts_for_sample: client
                .experimental
                .as_ref()
                .and_then(|e| e.pointer("/connectorLs/promptsForSample"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
        }
    }
}

/// What the server announces to a client with this support.
pub fn server_capabilities(support: &ClientSupport) -> lsp::ServerCapabilities {
    let mut capabilities = lsp::ServerCapabilities {
        position_encoding: Some(match support.encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        diagnostic_provider: support.pull_diagnostics.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("connector-ls".to_string()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                ..Default::default()
            })
        }),
        ..Default::default()
    };
    code_action::register(&mut capabilities);
    command::register(&mut capabilities);
    hover::register(&mut capabilities);
    completion::register(&mut capabilities);
    navigation::register(&mut capabilities, support);
    symbols::register(&mut capabilities);
    capabilities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(value: serde_json::Value) -> lsp::ClientCapabilities {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_bare_client_gets_utf16_pushed_diagnostics_and_plain_rename() {
        let support = ClientSupport::from_client(&client(serde_json::json!({})));
        assert_eq!(support, ClientSupport::default());
        let capabilities = server_capabilities(&support);
        assert_eq!(
            capabilities.position_encoding,
            Some(lsp::PositionEncodingKind::UTF16)
        );
        assert!(capabilities.diagnostic_provider.is_none());
        assert_eq!(capabilities.rename_provider, Some(lsp::OneOf::Left(true)));
    }

    #[test]
    fn pulling_needs_refresh_and_file_creation_is_declared_by_resource_operations() {
        let support = ClientSupport::from_client(&client(serde_json::json!({
            "general": {"positionEncodings": ["utf-16", "utf-8"]},
            "textDocument": {"diagnostic": {}, "rename": {"prepareSupport": true}},
            "workspace": {"workspaceEdit": {"resourceOperations": ["create"]}},
        })));
        assert_eq!(support.encoding, Encoding::Utf8);
        // Without `workspace.diagnostics.refreshSupport`, the server pushes.
        assert!(!support.pull_diagnostics);
        assert!(
            support.create_files,
            "create declared without documentChanges"
        );
        assert!(support.prepare_rename);

        let support = ClientSupport::from_client(&client(serde_json::json!({
            "textDocument": {"diagnostic": {}},
            "workspace": {
                "diagnostics": {"refreshSupport": true},
                "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
            },
        })));
        assert!(support.pull_diagnostics && support.create_files);
        let capabilities = server_capabilities(&support);
        assert!(capabilities.diagnostic_provider.is_some());
    }
}
