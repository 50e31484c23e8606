//! One module per request family. A handler is a function of what the request reads, never of
//! the server: an immutable [`DocumentSnapshot`] (or several analyses, for workspace requests)
//! and the request's parameters. It converts protocol types at its edges and asks the analysis
//! (or the LSP-agnostic `ide` layer) for the answer; the server takes the snapshot, calls the
//! handler, and does what only it can (sending requests to the client).

pub mod code_action;
pub mod command;
pub mod completion;
pub mod hover;
pub mod navigation;
pub mod symbols;
pub mod workspace;

use tower_lsp_server::ls_types as lsp;

use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientSupport;
use crate::lsp::convert;
use crate::model::{FileKind, SourceFile};

/// What a request about one document reads: an analysis of its connector (immutable, shared
/// with other requests on the same revisions), the document's kind in it, and what the client
/// supports.
pub struct DocumentSnapshot {
    pub analysis: Analysis,
    pub kind: FileKind,
    pub support: ClientSupport,
}

impl DocumentSnapshot {
    /// The document's file as analysed.
    pub fn file(&self) -> Option<&SourceFile> {
        self.analysis.file(self.kind)
    }

    /// The document's file and the byte offset of `position` in it.
    pub fn locate(&self, position: lsp::Position) -> Option<(&SourceFile, u32)> {
        let file = self.file()?;
        Some((file, convert::offset(file, position, self.support.encoding)))
    }
}
