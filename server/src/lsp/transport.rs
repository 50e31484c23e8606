//! Framing and dispatch of JSON-RPC messages between a byte stream and the service.
//!
//! tower-lsp-server's own `Server` stops reading at the first malformed message (tokio-util's
//! framed reader ends its stream after a decode error), so a client that sends one bad frame
//! would silently lose its server. This transport answers such a frame with a JSON-RPC error
//! and keeps going. It also polls each handler once as soon as its message arrives, so every
//! notification's synchronous state change happens in wire order.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use futures::stream::FuturesUnordered;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
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
                        let call = service.call(request);
                        let mut future: Pending = Box::pin(async move { call.await.ok().flatten() });
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
