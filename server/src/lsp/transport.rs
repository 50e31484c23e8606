//! Framing and dispatch of JSON-RPC messages between a byte stream and the service.
//!
//! tower-lsp-server's own `Server` stops reading at the first malformed message (tokio-util's
//! framed reader ends its stream after a decode error), so a client that sends one bad frame
//! would silently lose its server. This transport answers such a frame with a JSON-RPC error
//! and keeps going. It also polls each handler once as soon as its message arrives, so every
//! notification's synchronous state change happens in wire order.

use std::collections::VecDeque;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::Poll;

use futures::stream::FuturesUnordered;
use futures::{FutureExt, SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp_server::jsonrpc::{self, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService};

use crate::lsp::server::Backend;

/// Bodies larger than this are refused without being read into memory whole.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// One frame read from the input.
enum Frame {
    Body(Vec<u8>),
    /// A frame whose header could not be understood.
    BadHeader(String),
}

/// Read frames until the input ends. Header lines are `Name: value` until an empty line;
/// only `Content-Length` matters.
async fn read_frames<I: AsyncRead + Unpin>(input: I, frames: mpsc::Sender<Frame>) {
    let mut reader = BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut bad_header = None;
        let mut saw_header = false;
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            match line.split_once(':') {
                Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                    match value.trim().parse::<usize>() {
                        Ok(n) if n <= MAX_MESSAGE_BYTES => length = Some(n),
                        _ => {
                            bad_header = Some(format!("invalid Content-Length '{}'", value.trim()))
                        }
                    }
                }
                Some(_) => {}
                None => bad_header = Some(format!("invalid header line '{line}'")),
            }
        }
        let frame = match (length, bad_header) {
            (Some(length), None) => {
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).await.is_err() {
                    return;
                }
                Frame::Body(body)
            }
            (_, Some(problem)) => Frame::BadHeader(problem),
            (None, None) => Frame::BadHeader("missing Content-Length".to_string()),
        };
        if frames.send(frame).await.is_err() {
            return;
        }
    }
}

/// What a frame's body is.
enum Incoming {
    Request(Request),
    Response(Response),
    /// Answer with this error (the id is null when the message has none).
    Invalid(Value),
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

fn classify(body: &[u8]) -> Incoming {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Incoming::Invalid(error(
            Value::Null,
            -32700,
            "Parse error: the body is not JSON",
        ));
    };
    let id = value.get("id").cloned();
    if value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some())
    {
        return match serde_json::from_value::<Response>(value) {
            Ok(response) => Incoming::Response(response),
            Err(_) => Incoming::Invalid(error(
                Value::Null,
                -32600,
                "Invalid Request: malformed response",
            )),
        };
    }
    match serde_json::from_value::<Request>(value) {
        Ok(request) => Incoming::Request(request),
        Err(problem) => Incoming::Invalid(error(
            id.unwrap_or(Value::Null),
            -32600,
            &format!("Invalid Request: {problem}"),
        )),
    }
}

async fn write_frame<O: AsyncWrite + Unpin>(output: &mut O, body: &str) -> std::io::Result<()> {
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    output.write_all(frame.as_bytes()).await?;
    output.flush().await
}

type Pending = Pin<Box<dyn Future<Output = Option<Response>> + Send>>;

/// A handler that cannot take the server down: a panic in it (a bug) becomes an internal
/// error answer to its request, and the server goes on with the next message. The panic's
/// message still goes to standard error, where clients keep the server's log.
fn guarded<F>(handler: F, id: Option<Id>) -> Pending
where
    F: Future<Output = Option<Response>> + Send + 'static,
{
    Box::pin(async move {
        match AssertUnwindSafe(handler).catch_unwind().await {
            Ok(response) => response,
            Err(_) => id.map(|id| {
                let mut error = jsonrpc::Error::internal_error();
                error.message =
                    "connector-ls failed on this request (a bug; the server goes on)".into();
                Response::from_error(id, error)
            }),
        }
    })
}

fn enqueue<T: serde::Serialize>(out: &mpsc::UnboundedSender<String>, message: &T) {
    if let Ok(body) = serde_json::to_string(message) {
        let _ = out.send(body);
    }
}

/// Serve the service on a byte stream until `exit` or the end of the input.
pub async fn serve<I, O>(
    input: I,
    mut output: O,
    mut service: LspService<Backend>,
    socket: ClientSocket,
) where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (frames_tx, mut frames) = mpsc::channel(64);
    let reader = tokio::spawn(read_frames(input, frames_tx));
    let (mut server_requests, mut client_responses) = socket.split();
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<String>();

    let writer = tokio::spawn(async move {
        while let Some(body) = out_rx.recv().await {
            if write_frame(&mut output, &body).await.is_err() {
                return;
            }
        }
    });

    let mut pending: FuturesUnordered<Pending> = FuturesUnordered::new();
    let mut backlog: VecDeque<Response> = VecDeque::new();
    loop {
        tokio::select! {
            frame = frames.recv() => {
                let Some(frame) = frame else { break };
                let incoming = match frame {
                    Frame::Body(body) => classify(&body),
                    Frame::BadHeader(problem) => {
                        Incoming::Invalid(error(Value::Null, -32700, &format!("Parse error: {problem}")))
                    }
                };
                match incoming {
                    Incoming::Invalid(answer) => enqueue(&out_tx, &answer),
                    Incoming::Response(response) => backlog.push_back(response),
                    Incoming::Request(request) => {
                        let exit = request.method() == "exit";
                        if std::future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                            break;
                        }
                        let id = request.id().cloned();
                        let call = service.call(request);
                        let mut future = guarded(async move { call.await.ok().flatten() }, id);
                        // Poll once now: a handler's work before its first await happens in
                        // wire order.
                        match futures::poll!(&mut future) {
                            Poll::Ready(Some(response)) => enqueue(&out_tx, &response),
                            Poll::Ready(None) => {}
                            Poll::Pending => pending.push(future),
                        }
                        if exit {
                            break;
                        }
                    }
                }
                while let Some(response) = backlog.pop_front() {
                    if client_responses.send(response).await.is_err() {
                        break;
                    }
                }
            }
            Some(response) = pending.next(), if !pending.is_empty() => {
                if let Some(response) = response {
                    enqueue(&out_tx, &response);
                }
            }
            Some(request) = server_requests.next() => enqueue(&out_tx, &request),
        }
    }
    reader.abort();
    drop(out_tx);
    let _ = writer.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_answers_its_request_with_an_internal_error() {
        let answer = guarded(async { panic!("a bug") }, Some(Id::Number(7))).await;
        let answer = serde_json::to_value(answer.expect("the request is answered")).unwrap();
        assert_eq!(answer["id"], 7);
        assert_eq!(answer["error"]["code"], -32603);
        // A notification has no one to answer.
        assert!(guarded(async { panic!("a bug") }, None).await.is_none());
        // Handlers that return are untouched.
        let fine = Response::from_ok(Id::Number(1), json!(null));
        assert_eq!(
            guarded(std::future::ready(Some(fine.clone())), Some(Id::Number(1))).await,
            Some(fine)
        );
    }
}
