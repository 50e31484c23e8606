//! The `LanguageServer` implementation: the negotiated session, the URIs of the open
//! documents, and the dispatch of each request to its handler. The documents themselves, the
//! caches and the analyses are the [`Workspace`]'s, by path.
//!
//! Notifications change the workspace before their first `.await`, so state changes happen in
//! wire order; analysis runs on an immutable snapshot in a blocking task, one at a time per
//! connector, with at most one publication waiting, which covers every change made while it
//! waits (see [`crate::workspace::analysis::Gate`]); a result is published only if the
//! document is still at the analysed version (checked under one lock, so an older result can
//! never overwrite a newer one).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use dashmap::DashMap;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{self as lsp, Uri};
use tower_lsp_server::{Client, LanguageServer};

use crate::config::ConfigError;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::{ClientSupport, server_capabilities};
use crate::lsp::convert;
use crate::lsp::handlers::{
    DocumentSnapshot, code_action, command, completion, hover, navigation, symbols, workspace,
};
use crate::model::FileKind;
use crate::rules::{Profile, RuleConfig};
use crate::text::Encoding;
use crate::workspace::Workspace;
use crate::workspace::cache::Unreadable;
use crate::workspace::document::TextChange;

pub struct Backend {
    client: Client,
    /// The open documents, the caches and the analyses.
    workspace: Workspace,
    /// The URI the client opened each open document with, by path.
    uris: DashMap<PathBuf, Uri>,
    /// What the client can do, read at `initialize`.
    support: OnceLock<ClientSupport>,
    /// The workspace folders, read at `initialize`: the client watches files under them.
    roots: OnceLock<Vec<PathBuf>>,
    /// Held while publishing, so version checks and publications do not interleave.
    publish_lock: tokio::sync::Mutex<()>,
    /// A `workspace/diagnostic/refresh` is in flight, and whether another is due once it is
    /// answered: an edit burst asks the client to pull at most twice, not once per edit.
    pull_requests: Mutex<PullRequests>,
    /// Set by `shutdown`: the process exit status depends on it.
    shutdown_requested: Arc<AtomicBool>,
    /// The mistakes in connector-ls.toml files already shown to the user.
    shown_config_errors: Mutex<HashSet<ConfigError>>,
    /// The connector files that could not be read, by connector folder, as last shown.
    shown_unreadable: Mutex<HashMap<PathBuf, Vec<Unreadable>>>,
    /// True once the settings are known (after the initial `workspace/configuration` pull),
    /// so that no document is first diagnosed with the wrong rule settings.
    configured: tokio::sync::watch::Sender<bool>,
}

/// The state of the server's requests to pull diagnostics again.
#[derive(Default)]
struct PullRequests {
    in_flight: bool,
    again: bool,
}

/// How long analysis waits for the client's configuration before going on without it.
const CONFIGURATION_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

impl Backend {
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            workspace: Workspace::default(),
            uris: DashMap::new(),
            support: OnceLock::new(),
            roots: OnceLock::new(),
            publish_lock: tokio::sync::Mutex::new(()),
            pull_requests: Mutex::new(PullRequests::default()),
            shutdown_requested,
            shown_config_errors: Mutex::new(HashSet::new()),
            shown_unreadable: Mutex::new(HashMap::new()),
            configured: tokio::sync::watch::Sender::new(false),
        }
    }

    /// What the client can do (nothing before `initialize`).
    fn support(&self) -> ClientSupport {
        self.support.get().copied().unwrap_or_default()
    }

    fn set_config(&self, config: RuleConfig) {
        self.workspace.set_editor_config(config);
    }

    /// Ask a client that supports it for the `connectorLs` settings section. Returns whether
    /// the client answered with settings.
    async fn fetch_configuration(&self) -> bool {
        if !self.support().pull_configuration {
            return false;
        }
        let item = lsp::ConfigurationItem {
            scope_uri: None,
            section: Some("connectorLs".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => match values.into_iter().next() {
                Some(value) if value.is_object() => {
                    self.set_config(config_from(&value));
                    true
                }
                _ => false,
            },
            Err(_) => false,
        }
    }

    /// The negotiated position encoding.
    fn encoding(&self) -> Encoding {
        self.support().encoding
    }

    /// The connector folder and kind of a document we analyse.
    fn locate(&self, uri: &Uri) -> Option<(PathBuf, FileKind)> {
        self.workspace.locate(&convert::document_path(uri)?)
    }

    /// An analysis of the workspace, with the URIs of its files.
    fn with_uris(&self, analysis: crate::workspace::analysis::Analysis) -> Analysis {
        Analysis::new(analysis, |path| Some(self.uris.get(path)?.clone()))
    }

    /// Tell the user, once, that a configuration file has a mistake: a message, and a
    /// diagnostic on the file at the mistake.
    async fn show_config_error(&self, error: ConfigError) {
        if !self
            .shown_config_errors
            .lock()
            .expect("shown config errors")
            .insert(error.clone())
        {
            return;
        }
        self.client
            .show_message(
                lsp::MessageType::WARNING,
                format!("connector-ls: {error} (the file is not used until this is fixed)"),
            )
            .await;
        let text = std::fs::read_to_string(&error.path).unwrap_or_default();
        if let Some(uri) = Uri::from_file_path(&error.path) {
            let diagnostic = convert::config_error_diagnostic(&error, &text, self.encoding());
            self.client
                .publish_diagnostics(uri, vec![diagnostic], None)
                .await;
        }
    }

    /// Tell the user about the files of the connector in `dir` that cannot be read (a message
    /// and an error on the file, once), and clear what was shown about those readable again.
    async fn show_unreadable(&self, dir: &Path, unreadable: &[Unreadable]) {
        let shown = {
            let mut shown = self.shown_unreadable.lock().expect("shown unreadable");
            if shown.get(dir).map(Vec::as_slice).unwrap_or_default() == unreadable {
                return;
            }
            let new = unreadable.to_vec();
            match new.is_empty() {
                true => shown.remove(dir),
                false => shown.insert(dir.to_path_buf(), new),
            }
            .unwrap_or_default()
        };
        for gone in shown.iter().filter(|file| !unreadable.contains(file)) {
            if let Some(uri) = Uri::from_file_path(&gone.path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        for file in unreadable.iter().filter(|file| !shown.contains(file)) {
            let message = format!(
                "cannot read {}: {}; the connector is checked without it",
                file.path.display(),
                file.reason
            );
            self.client
                .show_message(lsp::MessageType::ERROR, format!("connector-ls: {message}"))
                .await;
            if let Some(uri) = Uri::from_file_path(&file.path) {
                let diagnostic = lsp::Diagnostic {
                    severity: Some(lsp::DiagnosticSeverity::ERROR),
                    source: Some("connector-ls".to_string()),
                    message,
                    ..Default::default()
                };
                self.client
                    .publish_diagnostics(uri, vec![diagnostic], None)
                    .await;
            }
        }
    }

    /// Clear what was shown about the mistakes of configuration files that are `fixed`, or
    /// that are gone.
    async fn clear_config_errors(&self, fixed: Option<&Path>) {
        let mut cleared = Vec::new();
        self.shown_config_errors
            .lock()
            .expect("shown config errors")
            .retain(|error| {
                let stale = Some(error.path.as_path()) == fixed || !error.path.exists();
                if stale {
                    cleared.push(error.path.clone());
                }
                !stale
            });
        cleared.sort();
        cleared.dedup();
        for path in cleared {
            if let Some(uri) = Uri::from_file_path(&path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }

    /// The analysis of the connector in `dir` as its files are now (cached while they do not
    /// change).
    async fn analyse(&self, dir: &Path) -> Option<Analysis> {
        self.analyse_for_publication(dir, false).await
    }

    /// [`Self::analyse`], for a publication of diagnostics after a change, or for a request:
    /// `None` for a publication when another is already waiting (it will cover this change).
    async fn analyse_for_publication(&self, dir: &Path, publication: bool) -> Option<Analysis> {
        let mut configured = self.configured.subscribe();
        let _ =
            tokio::time::timeout(CONFIGURATION_PATIENCE, configured.wait_for(|ready| *ready)).await;
        let analysed = self.workspace.analyse(dir, publication).await?;
        match analysed.config_file {
            Some(Err(error)) => self.show_config_error(error).await,
            Some(Ok(path)) => self.clear_config_errors(Some(&path)).await,
            None => self.clear_config_errors(None).await,
        }
        self.show_unreadable(dir, &analysed.analysis.unreadable)
            .await;
        Some(self.with_uris(analysed.analysis))
    }

    /// The analysis of the connector of `uri`, and the kind of that document.
    async fn analysis_for(&self, uri: &Uri) -> Option<(Analysis, FileKind)> {
        let (dir, kind) = self.locate(uri)?;
        Some((self.analyse(&dir).await?, kind))
    }

    /// What a request about the document at `uri` reads, if it is a connector file.
    async fn document_snapshot(&self, uri: &Uri) -> Option<DocumentSnapshot> {
        let (analysis, kind) = self.analysis_for(uri).await?;
        Some(DocumentSnapshot {
            analysis,
            kind,
            support: self.support(),
        })
    }

    /// One analysis per connector folder with an open document (any of its documents will
    /// do), in the order of the folders' paths.
    async fn analyses_of_open_documents(&self) -> Vec<Analysis> {
        let mut analyses = Vec::new();
        for dir in self.workspace.open_connector_dirs() {
            analyses.extend(self.analyse(&dir).await);
        }
        analyses
    }

    /// Re-analyse the connector in `dir` and push diagnostics for its open documents (or ask
    /// a pulling client to pull again).
    async fn refresh(&self, dir: &Path) {
        let support = self.support();
        if support.pull_diagnostics {
            if support.diagnostic_refresh {
                self.ask_to_pull().await;
            }
            return;
        }
        let Some(analysis) = self.analyse_for_publication(dir, true).await else {
            return;
        };
        let _guard = self.publish_lock.lock().await;
        for (uri, kind, version) in analysis.open.iter() {
            let path = convert::document_path(uri);
            if path.and_then(|path| self.workspace.version(&path)) != Some(*version) {
                continue;
            }
            let diagnostics = analysis.lsp_diagnostics(*kind, support.encoding);
            self.client
                .publish_diagnostics(uri.clone(), diagnostics, Some(*version))
                .await;
        }
    }

    /// Ask a pulling client to pull again; while such a request is in flight, only note that
    /// one more is due after it.
    async fn ask_to_pull(&self) {
        {
            let mut requests = self.pull_requests.lock().expect("pull requests");
            if requests.in_flight {
                requests.again = true;
                return;
            }
            requests.in_flight = true;
        }
        loop {
            let _ = self.client.workspace_diagnostic_refresh().await;
            let mut requests = self.pull_requests.lock().expect("pull requests");
            if !std::mem::take(&mut requests.again) {
                requests.in_flight = false;
                return;
            }
        }
    }

    async fn refresh_document(&self, uri: &Uri) {
        if let Some((dir, _)) = self.locate(uri) {
            self.refresh(&dir).await;
        }
    }

    /// Re-analyse every connector that has an open document.
    async fn refresh_all(&self) {
        for dir in self.workspace.open_connector_dirs() {
            self.refresh(&dir).await;
        }
    }
}

/// The local folders the client has open (the workspace folders, else the root): the files
/// it watches are under them.
fn workspace_roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    #[allow(deprecated)]
    let root = params.root_uri.iter();
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    folders
        .chain(root)
        .filter_map(convert::local_path)
        .collect()
}

/// Read `{ "rules": { "<rule-id>": "off" | "error" | "warning" | "info" | "hint" }, "profile":
/// "default" | "certification", "baseRef": "<git revision>" }`, also when nested under `connectorLs` (the shape of VS Code
/// settings).
fn config_from(value: &serde_json::Value) -> RuleConfig {
    let settings = value.get("connectorLs").unwrap_or(value);
    let mut config =
        RuleConfig::from_json(settings.get("rules").unwrap_or(&serde_json::Value::Null));
    // An unknown profile is ignored, as unknown rules are.
    config.profile = settings
        .get("profile")
        .and_then(serde_json::Value::as_str)
        .and_then(Profile::parse);
    // An empty or invalid revision is no base, as unknown settings are ignored.
    config.base_ref = settings
        .get("baseRef")
        .and_then(serde_json::Value::as_str)
        .filter(|reference| crate::config::is_revision(reference))
        .map(str::to_string);
    config
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let support = ClientSupport::from_client(&params.capabilities);
        let _ = self.support.set(support);
        let _ = self.roots.set(workspace_roots(&params));
        if !support.pull_configuration {
            self.configured.send_replace(true);
        }
        if let Some(options) = &params.initialization_options {
            self.set_config(config_from(options));
        }
        let capabilities = server_capabilities(&support);
        Ok(lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "connector-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        if self.support().watch_files {
            let registration = workspace::watched_files_registration();
            if self
                .client
                .register_capability(vec![registration])
                .await
                .is_ok()
            {
                let roots = self.roots.get().cloned().unwrap_or_default();
                self.workspace.watching(roots);
            }
        }
        let fetched = self.fetch_configuration().await;
        self.configured.send_replace(true);
        if fetched {
            self.refresh_all().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let document = params.text_document;
        let Some(path) = convert::document_path(&document.uri) else {
            return;
        };
        self.uris.insert(path.clone(), document.uri.clone());
        self.workspace.open(path, &document.text, document.version);
        self.refresh_document(&document.uri).await;
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(path) = convert::document_path(&uri) else {
            return;
        };
        let changes = params
            .content_changes
            .into_iter()
            .map(|change| TextChange {
                range: change
                    .range
                    .map(|range| (convert::to_pos(range.start), convert::to_pos(range.end))),
                text: change.text,
            })
            .collect();
        let version = params.text_document.version;
        if self
            .workspace
            .change(&path, version, changes, self.encoding())
        {
            self.refresh_document(&uri).await;
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        // Files that are not open are read from disk, so a save can change other documents'
        // diagnostics.
        self.workspace.disk_changed();
        self.refresh_document(&params.text_document.uri).await;
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let path = convert::document_path(&uri);
        if !self.support().pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
        let Some(path) = path else {
            return;
        };
        self.uris.remove(&path);
        let still_open = self.workspace.close(&path);
        let Some(dir) = path.parent() else {
            return;
        };
        match still_open {
            // The other open files of the connector now see the file on disk.
            true => self.refresh(dir).await,
            false => self.show_unreadable(dir, &[]).await,
        }
    }

    async fn did_change_watched_files(&self, _: lsp::DidChangeWatchedFilesParams) {
        self.workspace.disk_changed();
        self.refresh_all().await;
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        // Clients that answer workspace/configuration often send empty or partial settings
        // here and expect the server to pull.
        if !self.fetch_configuration().await && !params.settings.is_null() {
            self.set_config(config_from(&params.settings));
        }
        self.refresh_all().await;
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        let items = match self.analysis_for(&params.text_document.uri).await {
            Some((analysis, kind)) => analysis.lsp_diagnostics(kind, self.encoding()),
            None => Vec::new(),
        };
        Ok(lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn workspace_diagnostic(
        &self,
        _params: lsp::WorkspaceDiagnosticParams,
    ) -> Result<lsp::WorkspaceDiagnosticReportResult> {
        let analyses = self.analyses_of_open_documents().await;
        Ok(workspace::workspace_diagnostic(&analyses, self.encoding()))
    }

    async fn execute_command(
        &self,
        params: lsp::ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        let invocation = command::invocation(params, self.support())?;
        let uri = invocation.uri().clone();
        let args = match invocation {
            command::Invocation::GenerateSchema(args) => args,
            command::Invocation::Locate(args) => {
                let document = self.document_snapshot(&uri).await.ok_or_else(|| {
                    Error::invalid_params(format!("{} is not a connector file", uri.as_str()))
                })?;
                return Ok(Some(command::locate(&document, &args)));
            }
        };
        let document = self
            .document_snapshot(&args.uri)
            .await
            .filter(|document| document.kind == FileKind::ApiDefinition)
            .ok_or_else(|| {
                Error::invalid_params(format!(
                    "{} is not the API definition of a connector",
                    args.uri.as_str()
                ))
            })?;
        let edit = command::schema_edit(&document, &args)?;
        let response = self.client.apply_edit(edit).await.map_err(|e| Error {
            code: ErrorCode::InternalError,
            message: format!("workspace/applyEdit failed: {}", e.message).into(),
            data: None,
        })?;
        command::outcome(response)
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let document = match code_action::wants_analysis(&params) {
            true => self.document_snapshot(&params.text_document.uri).await,
            false => None,
        };
        Ok(code_action::code_action(
            &params,
            self.support(),
            document.as_ref(),
        ))
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let Some(document) = self.document_snapshot(uri).await else {
            return Ok(None);
        };
        Ok(hover::hover(&document, params))
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        let uri = &params.text_document_position.text_document.uri;
        let Some(document) = self.document_snapshot(uri).await else {
            return Ok(None);
        };
        Ok(completion::completion(&document, params))
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let Some(document) = self.document_snapshot(uri).await else {
            return Ok(None);
        };
        Ok(navigation::definition(&document, params))
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let uri = &params.text_document_position.text_document.uri;
        let Some(document) = self.document_snapshot(uri).await else {
            return Ok(None);
        };
        Ok(navigation::references(&document, params))
    }

    async fn prepare_rename(
        &self,
        params: lsp::TextDocumentPositionParams,
    ) -> Result<Option<lsp::PrepareRenameResponse>> {
        let Some(document) = self.document_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        navigation::prepare_rename(&document, params)
    }

    async fn rename(&self, params: lsp::RenameParams) -> Result<Option<lsp::WorkspaceEdit>> {
        let uri = &params.text_document_position.text_document.uri;
        let Some(document) = self.document_snapshot(uri).await else {
            return Ok(None);
        };
        let warning = navigation::rename_warning(&document, &params);
        let renamed = navigation::rename(&document, params)?;
        if let (Some(warning), Some(_)) = (warning, &renamed) {
            self.client
                .show_message(lsp::MessageType::WARNING, warning)
                .await;
        }
        Ok(renamed)
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let Some(document) = self.document_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(symbols::document_symbol(&document))
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
        let analyses = self.analyses_of_open_documents().await;
        Ok(symbols::workspace_symbol(
            &analyses,
            self.encoding(),
            params,
        ))
    }

    async fn folding_range(
        &self,
        params: lsp::FoldingRangeParams,
    ) -> Result<Option<Vec<lsp::FoldingRange>>> {
        let uri = &params.text_document.uri;
        let text = convert::document_path(uri).and_then(|path| self.workspace.text(&path));
        let Some(text) = text else {
            return Ok(None);
        };
        Ok(symbols::folding_range(uri, text))
    }
}
