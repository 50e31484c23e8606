//! The language server: `connector-ls lsp` on stdio. Only this module knows LSP and JSON-RPC;
//! it adds no rule logic and reuses the analysis core unchanged.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod convert;
pub mod document;
pub mod handlers;
pub mod server;

use tower_lsp_server::{ClientSocket, LspService, Server};

pub use server::Backend;

/// The service and its client socket, for the stdio server and for in-process tests.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::new(Backend::new)
}

/// Serve on stdin/stdout until the client exits. Returns false if the runtime failed.
pub fn run_stdio() -> bool {
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    else {
        return false;
    };
    runtime.block_on(async {
        let (service, socket) = service();
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    true
}
