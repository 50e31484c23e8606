//! One analysis of one connector for the server: an immutable snapshot of the open documents
//! goes in, the parsed connector and its diagnostics come out. Runs on a blocking thread.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::diagnostic::Diagnostic;
use crate::lsp::convert::{self, FileUris};
use crate::lsp::document::Encoding;
use crate::model::{Connector, FileKind, SourceFile};
use crate::rules::{self, RuleConfig};

/// An open document as captured for one analysis.
pub struct OpenFile {
    pub uri: Uri,
    pub path: PathBuf,
    pub kind: FileKind,
    pub text: String,
    pub version: i32,
}

/// Everything one analysis needs, detached from the live state.
pub struct Snapshot {
    pub dir: PathBuf,
    pub open: Vec<OpenFile>,
    pub config: RuleConfig,
}

/// The result of analysing one connector.
pub struct Analysis {
    pub connector: Connector,
    pub diagnostics: Vec<Diagnostic>,
    pub uris: FileUris,
    /// The open documents covered, with the version analysed.
    pub open: Vec<(Uri, FileKind, i32)>,
}

impl Analysis {
    pub fn run(snapshot: Snapshot) -> Analysis {
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

    pub fn file(&self, kind: FileKind) -> Option<&SourceFile> {
        self.connector.file(kind)
    }

    pub fn lsp_diagnostics(&self, kind: FileKind, encoding: Encoding) -> Vec<lsp::Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.file == kind)
            .filter_map(|d| convert::diagnostic(&self.connector, &self.uris, d, encoding))
            .collect()
    }
}

/// The connector file kind of a document, if it is one of ours. A `settings.json` counts only
/// beside connector files or when it names them (an editor's settings.json does not).
pub fn classify(path: &Path, text: &str) -> Option<FileKind> {
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
