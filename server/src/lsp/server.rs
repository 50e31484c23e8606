//! The `LanguageServer` implementation. Notifications change the document store before their
//! first `.await`, so state changes happen in wire order; analysis runs on an immutable
//! snapshot in a blocking task; a result is published only if every document it covers is
//! still at the analysed version (checked under one lock, so an older result can never
//! overwrite a newer one).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use dashmap::DashMap;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{self as lsp, Uri};
use tower_lsp_server::{Client, LanguageServer};

use crate::diagnostic::{Applicability, Diagnostic, compatible_fixes};
use crate::lsp::convert::{self, FileUris};
use crate::lsp::document::{Document, Encoding};
use crate::model::{Connector, FileKind};
use crate::rules::{self, RuleConfig, find_rule};

/// The code action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.connector-ls";

/// What was negotiated at initialize and configured since.
#[derive(Clone, Debug, Default)]
struct Session {
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so we do not push.
    pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    diagnostic_refresh: bool,
    config: RuleConfig,
}

pub struct Backend {
    client: Client,
    documents: DashMap<Uri, Document>,
    session: RwLock<Session>,
    /// Held while publishing, so version checks and publications do not interleave.
    publish_lock: tokio::sync::Mutex<()>,
}

/// An open document as captured for one analysis.
struct OpenFile {
    uri: Uri,
    path: PathBuf,
    kind: FileKind,
    text: String,
    version: i32,
}

/// Everything one analysis needs, detached from the live state.
struct Snapshot {
    dir: PathBuf,
    open: Vec<OpenFile>,
    config: RuleConfig,
}

/// The result of analysing one connector.
struct Analysis {
    connector: Connector,
    diagnostics: Vec<Diagnostic>,
    uris: FileUris,
    /// The open documents covered, with the version analysed.
    open: Vec<(Uri, FileKind, i32)>,
}

impl Analysis {
    fn lsp_diagnostics(&self, kind: FileKind, encoding: Encoding) -> Vec<lsp::Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.file == kind)
            .filter_map(|d| convert::diagnostic(&self.connector, &self.uris, d, encoding))
            .collect()
    }
}

fn run_analysis(snapshot: Snapshot) -> Analysis {
    let dir = snapshot.dir;
    let mut connector = Connector::load(&dir)
        .unwrap_or_else(|_| Connector::from_files(dir.clone(), Vec::new(), Vec::new()));
    for file in &snapshot.open {
        connector.overlay(&file.path, file.kind, file.text.clone());
    }
    let diagnostics = rules::analyze(&connector, &snapshot.config);
    let open_uris: Vec<(FileKind, Uri)> = snapshot
        .open
        .iter()
        .map(|f| (f.kind, f.uri.clone()))
        .collect();
    let uris = FileUris::new(&connector, &open_uris);
    let open = snapshot
        .open
        .into_iter()
        .map(|f| (f.uri, f.kind, f.version))
        .collect();
    Analysis {
        connector,
        diagnostics,
        uris,
        open,
    }
}

/// The connector file kind of a document, if it is one of ours. A `settings.json` counts only
/// beside connector files or when it names them (an editor's settings.json does not).
fn classify(path: &Path, text: &str) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    let kind = FileKind::from_file_name(name)?;
    if kind == FileKind::Settings {
        let dir = path.parent()?;
        let beside = [FileKind::ApiDefinition, FileKind::ApiProperties]
            .iter()
            .any(|k| dir.join(k.default_name()).is_file());
        if !beside && !text.contains("\"apiDefinition\"") {
            return None;
        }
    }
    Some(kind)
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend {
            client,
            documents: DashMap::new(),
            session: RwLock::new(Session::default()),
            publish_lock: tokio::sync::Mutex::new(()),
        }
    }

    fn session(&self) -> Session {
        self.session.read().expect("session lock").clone()
    }

    /// The connector folder and kind of a document we analyse.
    fn locate(&self, uri: &Uri) -> Option<(PathBuf, FileKind)> {
        let path = uri.to_file_path()?.into_owned();
        let text = self
            .documents
            .get(uri)
            .map(|d| d.text())
            .unwrap_or_default();
        let kind = classify(&path, &text)?;
        Some((path.parent()?.to_path_buf(), kind))
    }

    /// Capture the open documents of the connector in `dir`.
    fn snapshot(&self, dir: &Path) -> Snapshot {
        let mut open = Vec::new();
        for entry in self.documents.iter() {
            let Some(path) = entry.key().to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.parent() != Some(dir) {
                continue;
            }
            let text = entry.value().text();
            let Some(kind) = classify(&path, &text) else {
                continue;
            };
            open.push(OpenFile {
                uri: entry.key().clone(),
                path,
                kind,
                text,
                version: entry.value().version,
            });
        }
        Snapshot {
            dir: dir.to_path_buf(),
            open,
            config: self.session().config,
        }
    }

    async fn analyse(&self, dir: &Path) -> Option<Analysis> {
        let snapshot = self.snapshot(dir);
        tokio::task::spawn_blocking(move || run_analysis(snapshot))
            .await
            .ok()
    }

    /// Re-analyse the connector in `dir` and push diagnostics for its open documents (or ask
    /// a pulling client to pull again).
    async fn refresh(&self, dir: &Path) {
        let session = self.session();
        if session.pull_diagnostics {
            if session.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        let Some(analysis) = self.analyse(dir).await else {
            return;
        };
        let _guard = self.publish_lock.lock().await;
        for (uri, kind, version) in &analysis.open {
            if self.documents.get(uri).map(|d| d.version) != Some(*version) {
                continue;
            }
            let diagnostics = analysis.lsp_diagnostics(*kind, session.encoding);
            self.client
                .publish_diagnostics(uri.clone(), diagnostics, Some(*version))
                .await;
        }
    }

    async fn refresh_document(&self, uri: &Uri) {
        if let Some((dir, _)) = self.locate(uri) {
            self.refresh(&dir).await;
        }
    }

    /// Re-analyse every connector that has an open document.
    async fn refresh_all(&self) {
        let mut dirs: Vec<PathBuf> = self
            .documents
            .iter()
            .filter_map(|e| Some(e.key().to_file_path()?.parent()?.to_path_buf()))
            .collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            self.refresh(&dir).await;
        }
    }

    fn fix_all_action(
        &self,
        analysis: &Analysis,
        kind: FileKind,
        encoding: Encoding,
    ) -> Option<lsp::CodeAction> {
        let safe = analysis
            .diagnostics
            .iter()
            .filter(|d| d.file == kind)
            .flat_map(|d| d.fixes.iter())
            .filter(|f| f.applicability == Applicability::Safe);
        let fixes = compatible_fixes(safe);
        if fixes.is_empty() {
            return None;
        }
        let edit = convert::workspace_edit(&analysis.connector, &analysis.uris, &fixes, encoding);
        Some(lsp::CodeAction {
            title: format!("Apply {} safe connector-ls fixes", fixes.len()),
            kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
            edit: Some(edit),
            ..Default::default()
        })
    }
}

/// Read `{ "rules": { "<rule-id>": "off" | "error" | "warning" | "info" | "hint" } }`.
fn config_from(value: &serde_json::Value) -> RuleConfig {
    let settings = value.get("connectorLs").unwrap_or(value);
    RuleConfig::from_json(settings.get("rules").unwrap_or(&serde_json::Value::Null))
}

fn wants(only: &Option<Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let capabilities = &params.capabilities;
        let offers_utf8 = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&lsp::PositionEncodingKind::UTF8));
        let encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let pull_diagnostics = capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let diagnostic_refresh = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        {
            let mut session = self.session.write().expect("session lock");
            session.encoding = encoding;
            session.pull_diagnostics = pull_diagnostics;
            session.diagnostic_refresh = diagnostic_refresh;
            if let Some(options) = &params.initialization_options {
                session.config = config_from(options);
            }
        }
        let position_encoding = match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        };
        Ok(lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(position_encoding),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                    lsp::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                        save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                diagnostic_provider: pull_diagnostics.then(|| {
                    lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                        identifier: Some("connector-ls".to_string()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: false,
                        ..Default::default()
                    })
                }),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                    lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![
                            lsp::CodeActionKind::QUICKFIX,
                            lsp::CodeActionKind::new(FIX_ALL_KIND),
                        ]),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "connector-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.documents.insert(
            document.uri.clone(),
            Document::new(&document.text, document.version),
        );
        self.refresh_document(&document.uri).await;
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.session().encoding;
        {
            let Some(mut document) = self.documents.get_mut(&uri) else {
                return;
            };
            for change in params.content_changes {
                match change.range {
                    Some(range) => document.edit(
                        convert::to_pos(range.start),
                        convert::to_pos(range.end),
                        &change.text,
                        encoding,
                    ),
                    None => *document = Document::new(&change.text, document.version),
                }
            }
            document.version = params.text_document.version;
        }
        self.refresh_document(&uri).await;
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        // Files that are not open are read from disk, so a save can change other documents'
        // diagnostics.
        self.refresh_document(&params.text_document.uri).await;
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents.remove(&uri);
        if !self.session().pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
        self.refresh_document(&uri).await;
    }

    async fn did_change_watched_files(&self, _: lsp::DidChangeWatchedFilesParams) {
        self.refresh_all().await;
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        if !params.settings.is_null() {
            self.session.write().expect("session lock").config = config_from(&params.settings);
        }
        self.refresh_all().await;
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let mut items = Vec::new();
        if let Some((dir, kind)) = self.locate(&uri)
            && let Some(analysis) = self.analyse(&dir).await
        {
            items = analysis.lsp_diagnostics(kind, self.session().encoding);
        }
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

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let only = &params.context.only;
        let mut actions = Vec::new();
        if wants(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
            for diagnostic in &params.context.diagnostics {
                if diagnostic.source.as_deref() != Some("connector-ls") {
                    continue;
                }
                let fixes = convert::fixes_from_data(diagnostic);
                let preferred = fixes.first().is_some_and(|f| f.safe);
                for (index, fix) in fixes.into_iter().enumerate() {
                    let title = if fix.safe {
                        fix.title
                    } else {
                        format!("{} (review the change)", fix.title)
                    };
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title,
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        edit: Some(fix.edit),
                        is_preferred: Some(preferred && index == 0),
                        ..Default::default()
                    }));
                }
            }
        }
        if wants(only, FIX_ALL_KIND)
            && let Some((dir, kind)) = self.locate(&params.text_document.uri)
            && let Some(analysis) = self.analyse(&dir).await
            && let Some(action) = self.fix_all_action(&analysis, kind, self.session().encoding)
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let Some((dir, kind)) = self.locate(&uri) else {
            return Ok(None);
        };
        let Some(analysis) = self.analyse(&dir).await else {
            return Ok(None);
        };
        let encoding = self.session().encoding;
        let Some(file) = analysis.connector.file(kind) else {
            return Ok(None);
        };
        let offset = convert::offset(file, position, encoding);
        let mut seen: HashMap<&str, ()> = HashMap::new();
        let mut sections = Vec::new();
        for diagnostic in analysis.diagnostics.iter().filter(|d| d.file == kind) {
            let range = diagnostic.range;
            let inside = range.start <= offset && offset <= range.end.max(range.start + 1);
            if !inside || seen.insert(diagnostic.rule, ()).is_some() {
                continue;
            }
            if let Some(rule) = find_rule(diagnostic.rule) {
                sections.push(format!(
                    "### {}\n\n{}",
                    rule.id,
                    rule.docs_text().trim_end()
                ));
            }
        }
        if sections.is_empty() {
            return Ok(None);
        }
        Ok(Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range: None,
        }))
    }
}
