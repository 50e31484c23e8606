//! Every conversion between the analysis core's types and the LSP types lives here: positions
//! in the negotiated encoding, diagnostics (with their fixes carried in `data`), fixes and
//! renames as workspace edits, locations, symbols and folding ranges. When the LSP types
//! crate changes, this is the module to touch.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::config::ConfigError;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location, Prompt, Severity};
use crate::ide::completion::{Candidate, CandidateKind};
use crate::ide::navigation::Target;
use crate::ide::symbols::{Fold, FoldKind, Symbol, SymbolKind, WorkspaceSymbol};
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::find_rule;
use crate::text::Encoding;
use crate::text::{LineIndex, TextRange};
use crate::workspace;
use crate::workspace::document::Pos;

/// The file on this machine a document is, if it is one. Only a `file:` URI with no host or
/// `localhost` names a local file: an `http:`, `untitled:` or `file://otherhost/` document is
/// not the local file its path spells, and must never be read or edited as that file.
pub fn local_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let host = uri.authority().map(|a| a.host()).unwrap_or_default();
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    Some(uri.to_file_path()?.into_owned())
}

/// Where the server places a document: its file when it is a local one; else the file of its
/// name in a folder of its own, one per URI (see [`workspace::detached_path`]).
pub fn document_path(uri: &Uri) -> Option<PathBuf> {
    if let Some(path) = local_path(uri) {
        return Some(path);
    }
    let path = uri.path().decode().to_string_lossy().into_owned();
    let name = path.rsplit('/').next().filter(|name| !name.is_empty())?;
    let mut hasher = DefaultHasher::new();
    uri.as_str().hash(&mut hasher);
    Some(workspace::detached_path(hasher.finish(), name))
}

pub fn to_pos(position: lsp::Position) -> Pos {
    Pos {
        line: position.line,
        character: position.character,
    }
}

pub fn position(file: &SourceFile, offset: u32, encoding: Encoding) -> lsp::Position {
    text_position(&file.line_index, &file.text, offset, encoding)
}

/// The LSP position of a byte offset of any text, given its line index.
fn text_position(index: &LineIndex, text: &str, offset: u32, encoding: Encoding) -> lsp::Position {
    let at = index.line_col(text, offset);
    let character = match encoding {
        Encoding::Utf8 => at.col_utf8,
        Encoding::Utf16 => at.col_utf16,
    };
    lsp::Position::new(at.line, character)
}

pub fn range(file: &SourceFile, range: TextRange, encoding: Encoding) -> lsp::Range {
    lsp::Range::new(
        position(file, range.start, encoding),
        position(file, range.end, encoding),
    )
}

/// The byte offset of an LSP position in a file's text (clamped to its line).
pub fn offset(file: &SourceFile, position: lsp::Position, encoding: Encoding) -> u32 {
    let line = position.line;
    if line as usize >= file.line_index.line_count() {
        return file.text.len() as u32;
    }
    let line_range = file.line_index.line_range(&file.text, line);
    let line_text = &file.text[line_range.clone()];
    let mut units = 0u32;
    for (byte, c) in line_text.char_indices() {
        if units >= position.character {
            return (line_range.start + byte) as u32;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        };
    }
    line_range.end as u32
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// Where each file of a connector lives, as a URI.
pub struct FileUris(HashMap<FileKind, Uri>);

impl FileUris {
    /// URIs for a connector's files; `open` gives the URIs the client used for open files.
    pub fn new(connector: &Connector, open: &[(FileKind, Uri)]) -> Self {
        let mut uris: HashMap<FileKind, Uri> = connector
            .files
            .iter()
            .filter_map(|f| Some((f.kind, Uri::from_file_path(&f.path)?)))
            .collect();
        uris.extend(open.iter().cloned());
        FileUris(uris)
    }

    pub fn get(&self, kind: FileKind) -> Option<&Uri> {
        self.0.get(&kind)
    }
}

/// One quick fix as carried in a diagnostic's `data`: ready to become a code action.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edit: lsp::WorkspaceEdit,
}

/// What a diagnostic carries in `data`, for code actions: its quick fixes and the JSON pointer
/// of the place it reports (which commands such as "generate schema" take as an argument).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DiagnosticData {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<FixData>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pointer: String,
    /// An action that needs the user's input, such as a sample to generate a schema from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<Prompt>,
}

/// A fix as a workspace edit over the connector's files.
pub fn workspace_edit(
    connector: &Connector,
    uris: &FileUris,
    fixes: &[&Fix],
    encoding: Encoding,
) -> lsp::WorkspaceEdit {
    edits_workspace_edit(
        connector,
        uris,
        fixes.iter().flat_map(|fix| &fix.edits),
        encoding,
    )
}

/// Edits of the connector's files as a workspace edit.
pub fn edits_workspace_edit<'e>(
    connector: &Connector,
    uris: &FileUris,
    edits: impl IntoIterator<Item = &'e Edit>,
    encoding: Encoding,
) -> lsp::WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for edit in edits {
        let (Some(file), Some(uri)) = (connector.file(edit.file), uris.get(edit.file)) else {
            continue;
        };
        changes
            .entry(uri.clone())
            .or_default()
            .push(lsp::TextEdit::new(
                range(file, edit.range, encoding),
                edit.new_text.clone(),
            ));
    }
    lsp::WorkspaceEdit::new(changes)
}

/// A diagnostic on a configuration file (whose text is `text`) at its mistake, or on its first
/// line when the mistake is not at one place.
pub fn config_error_diagnostic(
    error: &ConfigError,
    text: &str,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let index = LineIndex::new(text);
    let position = |offset: usize| text_position(&index, text, offset as u32, encoding);
    let range = match &error.at {
        Some((span, _, _)) => lsp::Range::new(position(span.start), position(span.end)),
        None => lsp::Range::default(),
    };
    lsp::Diagnostic {
        range,
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("connector-ls".to_string()),
        message: format!(
            "{} (this file is not used until this is fixed)",
            error.message
        ),
        ..Default::default()
    }
}

/// An edit that appends `text` to the file at `path`, whose text is `existing`, or creates it
/// with `text` when it does not exist (`None`).
pub fn append_edit(
    path: &std::path::Path,
    existing: Option<&str>,
    text: String,
    encoding: Encoding,
) -> Option<lsp::WorkspaceEdit> {
    let uri = Uri::from_file_path(path)?;
    let Some(existing) = existing else {
        let create = lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
            uri: uri.clone(),
            options: Some(lsp::CreateFileOptions {
                overwrite: Some(false),
                ignore_if_exists: Some(true),
            }),
            annotation_id: None,
        }));
        let write = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
            text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![lsp::OneOf::Left(lsp::TextEdit::new(
                lsp::Range::default(),
                text,
            ))],
        });
        return Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![create, write])),
            ..Default::default()
        });
    };
    let index = LineIndex::new(existing);
    let end = text_position(&index, existing, existing.len() as u32, encoding);
    Some(lsp::WorkspaceEdit::new(HashMap::from([(
        uri,
        vec![lsp::TextEdit::new(lsp::Range::new(end, end), text)],
    )])))
}

/// The same edit as `documentChanges` that name the version of each open document, so that
/// the client refuses it if the document changed since the edit was computed (for edits the
/// server applies itself with `workspace/applyEdit`). Files that are not open get no version.
pub fn versioned(edit: lsp::WorkspaceEdit, open: &[(Uri, FileKind, i32)]) -> lsp::WorkspaceEdit {
    let mut changes: Vec<(Uri, Vec<lsp::TextEdit>)> =
        edit.changes.unwrap_or_default().into_iter().collect();
    changes.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    let edits = changes
        .into_iter()
        .map(|(uri, edits)| {
            let version = open.iter().find(|(u, _, _)| *u == uri).map(|(_, _, v)| *v);
            lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }
        })
        .collect();
    lsp::WorkspaceEdit {
        changes: None,
        document_changes: Some(lsp::DocumentChanges::Edits(edits)),
        change_annotations: None,
    }
}

pub fn diagnostic(
    connector: &Connector,
    uris: &FileUris,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> Option<lsp::Diagnostic> {
    let file = connector.file(diagnostic.file)?;
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let location = &related.location;
            let related_file = connector.file(location.file)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(
                    uris.get(location.file)?.clone(),
                    range(related_file, location.range, encoding),
                ),
                message: related.message.clone(),
            })
        })
        .collect();
    // Only the fixes that may be applied now are offered (see `Fix::applies_to`).
    let fixes: Vec<FixData> = diagnostic
        .fixes
        .iter()
        .filter(|fix| fix.applies_to(diagnostic, connector))
        .map(|fix| FixData {
            title: fix.title.clone(),
            safe: fix.applicability == Applicability::Safe,
            edit: workspace_edit(connector, uris, &[fix], encoding),
        })
        .collect();
    Some(lsp::Diagnostic {
        range: range(file, diagnostic.range, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(lsp::NumberOrString::String(diagnostic.rule.to_string())),
        code_description: code_description(diagnostic.rule),
        source: Some("connector-ls".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: (!fixes.is_empty() || !diagnostic.pointer.is_empty()).then(|| {
            serde_json::to_value(DiagnosticData {
                fixes,
                pointer: diagnostic.pointer.clone(),
                prompt: diagnostic.prompt.clone(),
            })
            .expect("serializable")
        }),
    })
}

/// The link a client shows on the rule id: the official page the rule is built on.
fn code_description(rule: &str) -> Option<lsp::CodeDescription> {
    let href = find_rule(rule)?.reference?.parse().ok()?;
    Some(lsp::CodeDescription { href })
}

/// The data carried by a diagnostic the client sent back (empty if it is not ours).
pub fn data_of(diagnostic: &lsp::Diagnostic) -> DiagnosticData {
    diagnostic
        .data
        .clone()
        .and_then(|data| serde_json::from_value(data).ok())
        .unwrap_or_default()
}

/// The quick fixes carried by a diagnostic the client sent back.
pub fn fixes_from_data(diagnostic: &lsp::Diagnostic) -> Vec<FixData> {
    data_of(diagnostic).fixes
}

/// A place in one of the connector's files, also one that is not open.
pub fn location(
    connector: &Connector,
    uris: &FileUris,
    location: &Location,
    encoding: Encoding,
) -> Option<lsp::Location> {
    let file = connector.file(location.file)?;
    Some(lsp::Location::new(
        uris.get(location.file)?.clone(),
        range(file, location.range, encoding),
    ))
}

/// A definition target as a link from `origin`, a range of the file of kind `from`.
pub fn location_link(
    connector: &Connector,
    uris: &FileUris,
    from: FileKind,
    origin: TextRange,
    target: &Target,
    encoding: Encoding,
) -> Option<lsp::LocationLink> {
    let origin_file = connector.file(from)?;
    let target_file = connector.file(target.file)?;
    Some(lsp::LocationLink {
        origin_selection_range: Some(range(origin_file, origin, encoding)),
        target_uri: uris.get(target.file)?.clone(),
        target_range: range(target_file, target.full, encoding),
        target_selection_range: range(target_file, target.selection, encoding),
    })
}

pub fn symbol_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Namespace => lsp::SymbolKind::NAMESPACE,
        SymbolKind::Module => lsp::SymbolKind::MODULE,
        SymbolKind::Method => lsp::SymbolKind::METHOD,
        SymbolKind::Struct => lsp::SymbolKind::STRUCT,
        SymbolKind::Field => lsp::SymbolKind::FIELD,
        SymbolKind::Property => lsp::SymbolKind::PROPERTY,
        SymbolKind::Key => lsp::SymbolKind::KEY,
        SymbolKind::File => lsp::SymbolKind::FILE,
        SymbolKind::Object => lsp::SymbolKind::OBJECT,
        SymbolKind::Function => lsp::SymbolKind::FUNCTION,
    }
}

pub fn document_symbol(
    file: &SourceFile,
    symbol: &Symbol,
    encoding: Encoding,
) -> lsp::DocumentSymbol {
    let children: Vec<lsp::DocumentSymbol> = symbol
        .children
        .iter()
        .map(|child| document_symbol(file, child, encoding))
        .collect();
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: range(file, symbol.range, encoding),
        selection_range: range(file, symbol.selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn symbol_information(
    connector: &Connector,
    uris: &FileUris,
    symbol: &WorkspaceSymbol,
    encoding: Encoding,
) -> Option<lsp::SymbolInformation> {
    #[allow(deprecated)]
    Some(lsp::SymbolInformation {
        name: symbol.name.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        location: location(connector, uris, &symbol.location, encoding)?,
        container_name: symbol.container.clone(),
    })
}

/// Lines are the same in every position encoding, so a fold needs no conversion of columns.
pub fn folding_range(fold: &Fold) -> lsp::FoldingRange {
    lsp::FoldingRange {
        start_line: fold.start_line,
        end_line: fold.end_line,
        kind: Some(match fold.kind {
            FoldKind::Region => lsp::FoldingRangeKind::Region,
            FoldKind::Comment => lsp::FoldingRangeKind::Comment,
        }),
        ..Default::default()
    }
}

fn completion_kind(kind: CandidateKind) -> lsp::CompletionItemKind {
    match kind {
        CandidateKind::Property => lsp::CompletionItemKind::PROPERTY,
        CandidateKind::Value => lsp::CompletionItemKind::VALUE,
        CandidateKind::EnumMember => lsp::CompletionItemKind::ENUM_MEMBER,
        CandidateKind::Snippet => lsp::CompletionItemKind::SNIPPET,
        CandidateKind::Operation => lsp::CompletionItemKind::FUNCTION,
        CandidateKind::Reference => lsp::CompletionItemKind::REFERENCE,
        CandidateKind::File => lsp::CompletionItemKind::FILE,
        CandidateKind::Keyword => lsp::CompletionItemKind::KEYWORD,
    }
}

/// What the client accepts in completion items.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompletionClient {
    /// Snippet syntax.
    pub snippets: bool,
    /// Markdown documentation.
    pub markdown: bool,
    /// `InsertReplaceEdit`s.
    pub insert_replace: bool,
}

/// A completion candidate as a protocol item, asked for at byte `cursor`: an edit over the
/// candidate's range (with its insert range too, for a client that takes both), with snippet
/// syntax only when the client supports it.
pub fn completion_item(
    file: &SourceFile,
    candidate: &Candidate,
    cursor: u32,
    encoding: Encoding,
    client: CompletionClient,
) -> lsp::CompletionItem {
    let CompletionClient {
        snippets,
        markdown,
        insert_replace,
    } = client;
    let snippet = candidate.snippet && snippets;
    let new_text = if snippet {
        candidate.insert.clone()
    } else {
        candidate.plain_insert()
    };
    let additional: Vec<lsp::TextEdit> = candidate
        .additional
        .iter()
        .map(|(edit_range, text)| {
            lsp::TextEdit::new(range(file, *edit_range, encoding), text.clone())
        })
        .collect();
    lsp::CompletionItem {
        label: candidate.label.clone(),
        kind: Some(completion_kind(candidate.kind)),
        detail: candidate.detail.clone(),
        documentation: candidate.documentation.as_ref().map(|value| {
            if markdown {
                lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: value.clone(),
                })
            } else {
                lsp::Documentation::String(value.clone())
            }
        }),
        sort_text: Some(candidate.sort.clone()),
        filter_text: candidate.filter.clone(),
        insert_text_format: Some(if snippet {
            lsp::InsertTextFormat::SNIPPET
        } else {
            lsp::InsertTextFormat::PLAIN_TEXT
        }),
        // Multi-line insertions are already indented for their place.
        insert_text_mode: new_text
            .contains('\n')
            .then_some(lsp::InsertTextMode::AS_IS),
        text_edit: Some(if insert_replace {
            lsp::CompletionTextEdit::InsertAndReplace(lsp::InsertReplaceEdit {
                new_text,
                insert: range(file, candidate.insert_range(cursor), encoding),
                replace: range(file, candidate.range, encoding),
            })
        } else {
            // One range: the replace range, which is also what Neovim starts from.
            lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                range(file, candidate.range, encoding),
                new_text,
            ))
        }),
        additional_text_edits: (!additional.is_empty()).then_some(additional),
        ..Default::default()
    }
}

/// Hover sections (markdown, joined by rules) over an optional range.
pub fn hover(
    file: &SourceFile,
    sections: &[String],
    hover_range: Option<TextRange>,
    encoding: Encoding,
) -> Option<lsp::Hover> {
    if sections.is_empty() {
        return None;
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: hover_range.map(|r| range(file, r, encoding)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        text.parse().unwrap()
    }

    #[test]
    fn only_file_uris_without_a_remote_host_are_local_files() {
        let local = Some(PathBuf::from("/c/apiDefinition.swagger.json"));
        assert_eq!(
            local_path(&uri("file:///c/apiDefinition.swagger.json")),
            local
        );
        assert_eq!(
            local_path(&uri("file://localhost/c/apiDefinition.swagger.json")),
            local
        );
        assert_eq!(
            local_path(&uri("FILE:///c/apiDefinition.swagger.json")),
            local
        );
        for remote in [
            "file://otherhost/c/apiDefinition.swagger.json",
            "http://example.com/c/apiDefinition.swagger.json",
            "untitled:/c/apiDefinition.swagger.json",
        ] {
            assert_eq!(local_path(&uri(remote)), None, "{remote}");
            // Placed alone, under its own name, in a folder that is none on disk.
            let path = document_path(&uri(remote)).unwrap();
            assert_eq!(path.file_name().unwrap(), "apiDefinition.swagger.json");
            assert!(workspace::is_detached(path.parent().unwrap()), "{remote}");
        }
        let one = document_path(&uri("untitled:/c/apiDefinition.swagger.json")).unwrap();
        let other = document_path(&uri("http://h/c/apiDefinition.swagger.json")).unwrap();
        assert_ne!(one.parent(), other.parent());
        assert!(!workspace::is_detached(std::path::Path::new("/c")));
    }

    fn definition(text: &str) -> SourceFile {
        SourceFile::from_text(
            FileKind::ApiDefinition,
            PathBuf::from("/c/apiDefinition.swagger.json"),
            text.to_string(),
        )
    }

    #[test]
    fn a_configuration_error_is_ours_and_at_its_place() {
        let text = "[rules]\nfoo = 1\n";
        let error = ConfigError {
            path: PathBuf::from("/c/connector-ls.toml"),
            message: "unknown rule `foo`".to_string(),
            at: Some((8..11, 2, 1)),
        };
        let diagnostic = config_error_diagnostic(&error, text, Encoding::Utf16);
        // The source tells the user which tool to configure differently.
        assert_eq!(diagnostic.source.as_deref(), Some("connector-ls"));
        assert_eq!(diagnostic.severity, Some(lsp::DiagnosticSeverity::ERROR));
        assert_eq!(
            diagnostic.range,
            lsp::Range::new(lsp::Position::new(1, 0), lsp::Position::new(1, 3))
        );
        assert!(diagnostic.message.starts_with("unknown rule `foo` ("));
        let nowhere = ConfigError { at: None, ..error };
        let diagnostic = config_error_diagnostic(&nowhere, text, Encoding::Utf16);
        assert_eq!(diagnostic.range, lsp::Range::default());
    }

    #[test]
    fn a_diagnostic_carries_related_places_and_data_only_when_it_has_them() {
        let text = "{\"swagger\": \"2.0\"}";
        let connector =
            Connector::from_files(PathBuf::from("/c"), vec![definition(text)], Vec::new());
        let uris = FileUris::new(&connector, &[]);
        let bare = Diagnostic {
            rule: "some-rule",
            severity: Severity::Warning,
            file: FileKind::ApiDefinition,
            range: TextRange::new(1, 10),
            pointer: String::new(),
            message: "a finding".to_string(),
            related: Vec::new(),
            fixes: Vec::new(),
            prompt: None,
            validator: None,
            policy: None,
        };
        let shown = diagnostic(&connector, &uris, &bare, Encoding::Utf16).unwrap();
        assert_eq!(shown.related_information, None);
        assert_eq!(shown.data, None);
        // A fix without a pointer (as in script.csx) is still carried.
        let mut full = bare.clone();
        full.with_related(FileKind::ApiDefinition, TextRange::new(12, 17), "here")
            .with_fix(Fix::safe(
                "Use 2.0",
                vec![Edit::replace(
                    FileKind::ApiDefinition,
                    TextRange::new(13, 16),
                    "2.0",
                )],
            ));
        let shown = diagnostic(&connector, &uris, &full, Encoding::Utf16).unwrap();
        let related = shown.related_information.clone().unwrap();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0].message, "here");
        let data = data_of(&shown);
        assert_eq!(data.fixes.len(), 1);
        assert!(data.fixes[0].safe);
        assert_eq!(data.pointer, "");
    }
}
