//! Framing and dispatch of JSON-RPC messages between a byte stream and the service.
//!
//! tower-lsp-server's own `Server` stops reading at the first malformed message (tokio-util's
//! framed reader ends its stream after a decode error), so a client that sends one bad frame
//! would silently lose its server. This transport answers such a frame with a JSON-RPC error,
//! finds the next frame's `Content-Length` header again, and keeps going. It answers `$/`
//! requests it does not know with MethodNotFound, and says what is wrong with a bad message in
//! the protocol's terms. It also polls each handler once as soon as its message arrives, so
//! every notification's synchronous state change happens in wire order.

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

/// The header that starts a frame, lower case (header names are case-insensitive).
const CONTENT_LENGTH: &[u8] = b"content-length";

/// Where a `Content-Length` header starts in a line, if it does.
fn content_length_at(line: &[u8]) -> Option<usize> {
    line.windows(CONTENT_LENGTH.len())
        .position(|window| window.eq_ignore_ascii_case(CONTENT_LENGTH))
}

/// Read frames until the input ends. Header lines are `Name: value` until an empty line;
/// only `Content-Length` matters.
///
/// A frame whose header is unusable (no, an invalid or a too-short `Content-Length`) leaves
/// the reader somewhere in or before a body of unknown length. It resynchronises on the next
/// `Content-Length` header, even one glued to the end of a body without a line break: that
/// header starts a new frame, and whatever came before it in its header block is dropped.
async fn read_frames<I: AsyncRead + Unpin>(input: I, frames: mpsc::Sender<Frame>) {
    let mut reader = BufReader::new(input);
    // After a bad header, skip everything up to the next `Content-Length`.
    let mut resynchronising = false;
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
            let line = match content_length_at(&line) {
                // A new frame starts here: forget the header lines read before it.
                Some(at) => {
                    resynchronising = false;
                    length = None;
                    bad_header = None;
                    &line[at..]
                }
                None if resynchronising => continue,
                None => &line[..],
            };
            let line = String::from_utf8_lossy(line);
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
                            bad_header =
                                Some(format!("invalid Content-Length '{}'", quoted(value.trim())))
                        }
                    }
                }
                Some(_) => {}
                None => bad_header = Some(format!("invalid header line '{}'", quoted(line))),
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
        resynchronising = matches!(frame, Frame::BadHeader(_));
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

/// At most this much of a bad header line is quoted back.
const QUOTED_HEADER_CHARS: usize = 80;

fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED_HEADER_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// What is wrong with a body that is JSON but not a JSON-RPC request, in the protocol's terms
/// (serde's wording names Rust types and enum variants the client knows nothing of).
fn invalid_request_problem(value: &Value) -> &'static str {
    let Some(object) = value.as_object() else {
        return match value {
            Value::Array(_) => "batches are not supported; send one request object per message",
            _ => "not a JSON-RPC request object",
        };
    };
    if object.get("jsonrpc") != Some(&json!("2.0")) {
        return "\"jsonrpc\" must be \"2.0\"";
    }
    match object.get("method") {
        None => return "a request needs a \"method\"",
        Some(method) if !method.is_string() => return "\"method\" must be a string",
        _ => {}
    }
    if object.get("id").is_some_and(|id| valid_id(id).is_none()) {
        return "\"id\" must be an integer or a string";
    }
    "not a JSON-RPC request object"
}

/// The id to answer a bad message with: its own when it is a valid id, else null.
fn valid_id(id: &Value) -> Option<Value> {
    let valid = id.is_string() || id.is_i64() || id.is_u64() || id.is_null();
    valid.then(|| id.clone())
}

fn classify(body: &[u8]) -> Incoming {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Incoming::Invalid(error(
            Value::Null,
            -32700,
            "Parse error: the body is not JSON",
        ));
    };
    let id = value.get("id").and_then(valid_id).unwrap_or(Value::Null);
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
    let problem = invalid_request_problem(&value);
    if value
        .get("params")
        .is_some_and(|params| !params.is_object() && !params.is_array() && !params.is_null())
    {
        return Incoming::Invalid(error(
            id,
            -32602,
            "Invalid params: \"params\" must be an object or an array",
        ));
    }
    match serde_json::from_value::<Request>(value) {
        Ok(request) => Incoming::Request(request),
        Err(_) => Incoming::Invalid(error(id, -32600, &format!("Invalid Request: {problem}"))),
    }
}

/// The answer to a request (with an id) for a `$/` method: such methods are optional, and the
/// specification asks a server that does not implement one to answer MethodNotFound
/// (tower-lsp-server drops them, as it should for notifications, and the client would wait
/// forever).
fn dollar_request_answer(request: &Request) -> Option<Value> {
    let id = request.id()?;
    request.method().starts_with("$/").then(|| {
        error(
            serde_json::to_value(id).unwrap_or(Value::Null),
            -32601,
            &format!("Method not found: {}", quoted(request.method())),
        )
    })
}

/// An invalid-params answer as the client should read it: serde's wording names the server's
/// Rust types ("expected struct HoverParams", "untagged enum"), which mean nothing to a client;
/// what is wrong with the value stays.
fn plain_params_error(response: Response) -> Response {
    const INTERNALS: [&str; 3] = [", expected struct ", ", expected enum ", "untagged enum"];
    let (id, result) = response.into_parts();
    match result {
        Err(mut error)
            if error.code == jsonrpc::ErrorCode::InvalidParams
                && INTERNALS.iter().any(|i| error.message.contains(i)) =>
        {
            let message = error.message.to_string();
            let plain = match INTERNALS.iter().filter_map(|i| message.find(i)).min() {
                Some(at) if at > 0 && !message.contains("untagged enum") => &message[..at],
                _ => "a value has none of the accepted shapes",
            };
            let plain = plain.trim_start_matches("Invalid params: ");
            error.message = format!("Invalid params: {plain}").into();
            Response::from_error(id, error)
        }
        Err(error) => Response::from_error(id, error),
        Ok(value) => Response::from_ok(id, value),
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
                        if let Some(answer) = dollar_request_answer(&request) {
                            enqueue(&out_tx, &answer);
                            continue;
                        }
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
                            Poll::Ready(Some(response)) => {
                                enqueue(&out_tx, &plain_params_error(response))
                            }
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
                    enqueue(&out_tx, &plain_params_error(response));
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
