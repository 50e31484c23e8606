//! An analysis as the protocol sees it: the workspace's analysis of a connector (by path and
//! revision, see [`crate::workspace::analysis`]) with the URI of each of its files, the
//! client's own for the open documents.

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::lsp::convert::{self, FileUris};
use crate::model::FileKind;
use crate::text::Encoding;
use crate::workspace::analysis::Analysis as WorkspaceAnalysis;

/// Cloning it is cheap: the analysis and the URIs are shared.
#[derive(Clone)]
pub struct Analysis {
    analysis: WorkspaceAnalysis,
    pub uris: Arc<FileUris>,
    /// The open documents analysed, with the version analysed.
    pub open: Arc<Vec<(Uri, FileKind, i32)>>,
}

/// The connector, its index and its diagnostics are the workspace analysis's own.
impl Deref for Analysis {
    type Target = WorkspaceAnalysis;

    fn deref(&self) -> &WorkspaceAnalysis {
        &self.analysis
    }
}

impl Analysis {
    /// `open_uri` gives the URI the client opened the document at a path with, if it is open.
    pub fn new(analysis: WorkspaceAnalysis, open_uri: impl Fn(&Path) -> Option<Uri>) -> Self {
        let open: Vec<(Uri, FileKind, i32)> = analysis
            .open
            .iter()
            .filter_map(|open| Some((open_uri(&open.path)?, open.kind, open.version)))
            .collect();
        let kinds: Vec<(FileKind, Uri)> = open
            .iter()
            .map(|(uri, kind, _)| (*kind, uri.clone()))
            .collect();
        let uris = FileUris::new(analysis.connector(), &kinds);
        Analysis {
            analysis,
            uris: Arc::new(uris),
            open: Arc::new(open),
        }
    }

    pub fn lsp_diagnostics(&self, kind: FileKind, encoding: Encoding) -> Vec<lsp::Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.file == kind)
            .filter_map(|d| convert::diagnostic(self.connector(), &self.uris, d, encoding))
            .collect()
    }
}
