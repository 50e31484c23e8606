//! An in-process JSON-RPC harness for the language server: the real service runs on a tokio
//! task behind a duplex pipe, and the test speaks to it with real `Content-Length` framing.
//! Requests the server sends to the client (refresh, registration, applyEdit) are recorded and
//! answered: with `null`, `{"applied": true}` for `workspace/applyEdit`, or what the test set
//! with [`TestServer::answer`].

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use connector_ls::text::Encoding;
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

/// How long to wait for one message before the test fails (a hang is a failure, not a wait).
const PATIENCE: Duration = Duration::from_secs(20);

pub struct TestServer {
    writer: WriteHalf<DuplexStream>,
    reader: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notifications: VecDeque<Value>,
    /// Requests the server sent to the client, in order.
    server_requests: Vec<Value>,
    /// The result to answer server requests with, by method.
    answers: HashMap<String, Value>,
}

impl TestServer {
    pub fn start() -> Self {
        let (client, server) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server);
        tokio::spawn(connector_ls::lsp::serve(server_read, server_write));
        let (reader, writer) = tokio::io::split(client);
        TestServer {
            writer,
            reader: BufReader::new(reader),
            next_id: 1,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            answers: HashMap::from([("workspace/applyEdit".to_string(), json!({"applied": true}))]),
        }
    }

    /// Start and initialize with the given client capabilities and options.
    pub async fn initialized(capabilities: Value, options: Value) -> (Self, Value) {
        Self::initialized_in(None, capabilities, options).await
    }

    /// Start and initialize with a workspace folder, client capabilities and options.
    pub async fn initialized_in(
        folder: Option<&std::path::Path>,
        capabilities: Value,
        options: Value,
    ) -> (Self, Value) {
        let mut server = Self::start();
        let folders = folder.map(|f| json!([{"uri": file_uri(f), "name": "workspace"}]));
        let result = server
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "workspaceFolders": folders, "capabilities": capabilities, "initializationOptions": options}),
            )
            .await;
        server.notify("initialized", json!({})).await;
        (server, result)
    }

    /// Write bytes to the server as they are, framing included.
    pub async fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.expect("write to server");
        self.writer.flush().await.expect("flush");
    }

    pub async fn send_raw(&mut self, body: &str) {
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer
            .write_all(frame.as_bytes())
            .await
            .expect("write to server");
        self.writer.flush().await.expect("flush");
    }

    async fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string()).await;
    }

    async fn receive(&mut self) -> Value {
        tokio::time::timeout(PATIENCE, async {
            let mut length = None;
            loop {
                let mut line = String::new();
                let read = self.reader.read_line(&mut line).await.expect("read header");
                assert!(read > 0, "server closed the stream");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = Some(value.parse::<usize>().expect("length"));
                }
            }
            let mut body = vec![0; length.expect("Content-Length header")];
            self.reader.read_exact(&mut body).await.expect("read body");
            serde_json::from_slice(&body).expect("JSON body")
        })
        .await
        .expect("the server answered in time")
    }

    /// Read one message; record and answer server-to-client requests; return responses and
    /// notifications.
    async fn next_message(&mut self) -> Value {
        loop {
            if let Some(message) = self.next_message_or_request().await {
                return message;
            }
        }
    }

    /// Read one message: a server-to-client request is recorded and answered (`None`), and
    /// anything else returned.
    async fn next_message_or_request(&mut self) -> Option<Value> {
        let message = self.receive().await;
        if let (Some(method), Some(id)) = (message["method"].as_str(), message.get("id")) {
            let result = self.answers.get(method).cloned().unwrap_or(Value::Null);
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}))
                .await;
            self.server_requests.push(message);
            return None;
        }
        Some(message)
    }

    /// Answer the server's requests of `method` with `result` from now on.
    pub fn answer(&mut self, method: &str, result: Value) {
        self.answers.insert(method.to_string(), result);
    }

    /// The params of the requests of `method` the server has sent so far.
    pub fn server_requests(&self, method: &str) -> Vec<Value> {
        self.server_requests
            .iter()
            .filter(|r| r["method"] == method)
            .map(|r| r["params"].clone())
            .collect()
    }

    /// The params of the first request of `method` the server sends (waiting for it).
    pub async fn server_request(&mut self, method: &str) -> Value {
        loop {
            if let Some(params) = self.server_requests(method).into_iter().next() {
                return params;
            }
            if let Some(message) = self.next_message_or_request().await {
                self.notifications.push_back(message);
            }
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The whole response, error included.
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Send a request without waiting for its answer; its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    /// The response to the request with this id (waiting for it).
    pub async fn response(&mut self, id: i64) -> Value {
        if let Some(index) = self
            .notifications
            .iter()
            .position(|m| m.get("id") == Some(&json!(id)))
        {
            return self.notifications.remove(index).expect("present");
        }
        loop {
            let message = self.next_message().await;
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
            self.notifications.push_back(message);
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// The next notification with this method (earlier ones of other methods are kept).
    pub async fn notification(&mut self, method: &str) -> Value {
        if let Some(index) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method)
        {
            return self.notifications.remove(index).expect("present")["params"].clone();
        }
        loop {
            let message = self.next_message().await;
            if message["method"] == method {
                return message["params"].clone();
            }
            self.notifications.push_back(message);
        }
    }

    /// Error responses received so far that answered no request of this harness (replies to
    /// malformed messages).
    pub fn stray_errors(&self) -> Vec<Value> {
        self.notifications
            .iter()
            .filter(|m| m.get("error").is_some())
            .cloned()
            .collect()
    }

    /// Whether a response with this id was received and not taken by a request of the harness.
    pub fn answered(&self, id: i64) -> bool {
        self.notifications
            .iter()
            .any(|m| m.get("id") == Some(&json!(id)))
    }

    /// Notifications of `method` received so far and not yet consumed.
    pub fn pending(&self, method: &str) -> Vec<Value> {
        self.notifications
            .iter()
            .filter(|n| n["method"] == method)
            .cloned()
            .collect()
    }

    /// The diagnostics published for `uri` at `version` (older publications are skipped).
    pub async fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let params = self.notification("textDocument/publishDiagnostics").await;
            if params["uri"] == uri && params["version"] == json!(version) {
                return params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    /// The quick fixes offered for `diagnostic` (as the server published it) in `uri`.
    /// Ask for `source.fixAll.connector-ls` on a document; `None` when nothing is offered.
    pub async fn fix_all(&mut self, uri: &str) -> Option<Value> {
        let actions = self
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "context": {"diagnostics": [], "only": ["source.fixAll"]}
                }),
            )
            .await;
        let action = actions.as_array()?.first()?.clone();
        assert_eq!(action["kind"], "source.fixAll.connector-ls");
        Some(action)
    }

    pub async fn quick_fixes(&mut self, uri: &str, diagnostic: &Value) -> Value {
        self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}
            }),
        )
        .await
    }

    pub async fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn shutdown(mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

/// The titles of a list of code actions.
pub fn titles(actions: &Value) -> Vec<&str> {
    actions
        .as_array()
        .map(|actions| {
            actions
                .iter()
                .map(|a| a["title"].as_str().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// The rule ids of a list of LSP diagnostics.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub fn file_uri(path: &std::path::Path) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .unwrap()
        .to_string()
}

/// `value` with the URIs under `dir` written as `file:///<folder name>/…`, for snapshots that
/// do not depend on the temporary folder.
pub fn redact(value: &Value, dir: &std::path::Path) -> Value {
    let prefix = file_uri(dir);
    let name = dir.file_name().unwrap().to_string_lossy();
    let text = value
        .to_string()
        .replace(&prefix, &format!("file:///{name}"));
    serde_json::from_str(&text).unwrap()
}

/// The byte offset of an LSP position in `text`, as an editor computes it. This is the test
/// client's own model of the text, written independently of the server's document code, so
/// that a mistake there shows up as a difference. Lines end at `\n`, `\r\n` or `\r`; a
/// character past the end of a line is the end of that line (before its line break); a line
/// past the end is the end of the text; a position inside a character is that character's
/// start.
pub fn offset_at(text: &str, position: &Value, encoding: Encoding) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let bytes = text.as_bytes();
    let mut start = 0;
    for _ in 0..line {
        let Some(at) = text[start..].find(['\r', '\n']).map(|at| start + at) else {
            return text.len();
        };
        start = match (bytes[at], bytes.get(at + 1)) {
            (b'\r', Some(b'\n')) => at + 2,
            _ => at + 1,
        };
    }
    let end = text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |at| start + at);
    let mut units = 0;
    for (at, c) in text[start..end].char_indices() {
        units += match encoding {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        };
        if units > character {
            return start + at;
        }
    }
    end
}

/// The byte range of an LSP range in `text` (an end before the start counts as the start).
fn byte_range(text: &str, range: &Value, encoding: Encoding) -> std::ops::Range<usize> {
    let start = offset_at(text, &range["start"], encoding);
    let end = offset_at(text, &range["end"], encoding);
    start.min(end)..start.max(end)
}

/// Apply one LSP change (a range in `encoding` and its new text) to a text, as an editor does.
pub fn apply_change(text: &mut String, range: &Value, new_text: &str, encoding: Encoding) {
    let range = byte_range(text, range, encoding);
    text.replace_range(range, new_text);
}

/// Apply LSP text edits (positions in `encoding`, all relative to the original text) to a text.
pub fn apply_edits(text: &str, edits: &Value, encoding: Encoding) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, usize, &str)> = edits
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(index, e)| {
            let range = byte_range(text, &e["range"], encoding);
            (range, index, e["newText"].as_str().unwrap())
        })
        .collect();
    // From the end, so earlier offsets stay valid; inserts at one place keep their order.
    edits.sort_by_key(|(range, index, _)| std::cmp::Reverse((range.start, range.end, *index)));
    let mut result = text.to_string();
    for (range, _, new_text) in edits {
        result.replace_range(range, new_text);
    }
    result
}

/// The text a range (in UTF-16 positions) covers.
pub fn text_at(text: &str, range: &Value) -> String {
    text[byte_range(text, range, Encoding::Utf16)].to_string()
}

/// The position (UTF-16) of the `nth` occurrence of `needle` in `text`, `delta` chars in.
pub fn position_of(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth}"))
        .0
        + delta;
    position(text, offset)
}

/// The position (UTF-16) of a byte offset of a text.
pub fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    serde_json::json!({"line": line, "character": character})
}

pub fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
