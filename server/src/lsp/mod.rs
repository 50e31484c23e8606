//! The language server: `connector-ls lsp` on stdio. Only this module knows LSP and JSON-RPC;
//! it adds no rule logic and reuses the analysis core unchanged.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod capabilities;
pub mod convert;
pub mod handlers;
pub mod server;
pub mod transport;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

pub use server::Backend;

/// Serve the language server on a byte stream until `exit` or the end of the input. Returns
/// whether the client asked for `shutdown` first (the process then exits with 0, else 1).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
    transport::serve(input, output, service, socket).await;
    shutdown.load(Ordering::SeqCst)
}

/// Serve on stdin/stdout. `None` if the runtime could not start.
pub fn run_stdio() -> Option<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .ok()?;
    let shut_down = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Tokio reads stdin on a blocking thread that only returns at end of input, and dropping
    // the runtime would wait for it: after `exit` the process must end even though the
    // client keeps its end of the pipe open (pygls does; it waits for the process).
    runtime.shutdown_background();
    Some(shut_down)
}
