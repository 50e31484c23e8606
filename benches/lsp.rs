//! `cargo bench --bench lsp`: latency of the language server as an editor sees it, on the
//! largest definition of the real-connector corpus (`../shared/corpus`, or
//! `CONNECTOR_LS_CORPUS`; HubSpot CRM V2, 1.0 MB). The real service runs in-process behind a
//! duplex pipe and is spoken to with framed JSON-RPC, as in `tests/common/lsp.rs`.
//!
//! - open the definition, then 200 one-character edits spread evenly over the file (a space
//!   inserted after a `:`, then one deleted after another `:`, so the text stays valid JSON),
//!   each followed by `textDocument/diagnostic`: the time from sending the edit to receiving
//!   the fresh diagnostics, p50 / p99 / max;
//! - the same with pushed diagnostics (a client that does not pull): edit to
//!   `textDocument/publishDiagnostics` of the new version;
//! - `textDocument/hover` and `textDocument/completion` sent right after an edit;
//! - typing a new member (`"note": 1, `) key by key at places spread over the file, each key
//!   followed by a pull: the JSON is invalid while it is typed, so each key re-parses the
//!   object around it, or the whole file when a quote swallows a bracket and the structure
//!   changes up to the root;
//! - resident memory (`VmRSS`, `VmHWM` from /proc/self/status) with the file open.
//!
//! Goals (issue 3): diagnostics p50 under 5 ms and p99 under 10 ms; hover and completion
//! under 5 ms.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tower_lsp_server::ls_types::Uri;

const EDITS: usize = 200;
const SAMPLES: usize = 100;

fn corpus() -> PathBuf {
    std::env::var_os("CONNECTOR_LS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// A client speaking framed JSON-RPC to an in-process server.
struct Client {
    writer: WriteHalf<DuplexStream>,
    reader: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let (client, server) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server);
        tokio::spawn(connector_ls::lsp::serve(server_read, server_write));
        let (reader, writer) = tokio::io::split(client);
        Client {
            writer,
            reader: BufReader::new(reader),
            next_id: 1,
        }
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    async fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.reader.read_line(&mut line).await.unwrap() > 0,
                "closed"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next message that is not a server request (those are answered with `null`).
    async fn next(&mut self) -> Value {
        loop {
            let message = self.receive().await;
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
                continue;
            }
            return message;
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let message = self.next().await;
            if message.get("id") == Some(&json!(id)) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
        }
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Wait for the diagnostics published for `version`.
    async fn published(&mut self, version: i32) -> Value {
        loop {
            let message = self.next().await;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["version"] == json!(version)
            {
                return message["params"]["diagnostics"].clone();
            }
        }
    }

    async fn initialize(&mut self, capabilities: Value) {
        self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        )
        .await;
        self.notify("initialized", json!({})).await;
    }
}

/// A one-character edit: insert a space after a `:` or delete the space after one.
struct Edit {
    line: u32,
    character: u32,
    insert: bool,
}

impl Edit {
    fn change(&self, uri: &str, version: i32) -> Value {
        let start = json!({"line": self.line, "character": self.character});
        let (end, text) = if self.insert {
            (start.clone(), " ")
        } else {
            (
                json!({"line": self.line, "character": self.character + 1}),
                "",
            )
        };
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]
        })
    }
}

/// One-character edits at `count` places on distinct lines spread evenly over the file, each
/// just after the first `": ` of its line (UTF-16 columns). The first round alternately
/// inserts a space and deletes the one there; each later round undoes the previous one, so
/// the text is always valid JSON.
struct Edits {
    spots: Vec<(u32, u32)>,
    /// Whether each place differs from the original text.
    changed: Vec<bool>,
    next: usize,
}

impl Edits {
    fn new(text: &str, count: usize) -> Edits {
        let lines: Vec<(u32, u32)> = text
            .lines()
            .enumerate()
            .filter_map(|(line, content)| {
                let at = content.find("\": ")?;
                let column: usize = content[..at + 2].chars().map(char::len_utf16).sum();
                Some((line as u32, column as u32))
            })
            .collect();
        let spots = (0..count).map(|i| lines[i * lines.len() / count]).collect();
        Edits {
            spots,
            changed: vec![false; count],
            next: 0,
        }
    }

    fn next(&mut self) -> Edit {
        let i = self.next % self.spots.len();
        self.next += 1;
        let (line, character) = self.spots[i];
        let first_round_insert = i.is_multiple_of(2);
        let insert = first_round_insert != self.changed[i];
        self.changed[i] = !self.changed[i];
        Edit {
            line,
            character,
            insert,
        }
    }

    fn line(&self, i: usize) -> u32 {
        self.spots[i].0
    }
}

struct Stats(Vec<Duration>);

impl Stats {
    fn report(mut self, name: &str) {
        self.0.sort();
        let n = self.0.len();
        let p = |q: f64| self.0[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
        println!(
            "{name:<38} min {:>8.2?}  p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}  ({n})",
            self.0[0],
            p(0.50),
            p(0.99),
            self.0[n - 1]
        );
    }
}

/// CPU time used by this process so far (every thread, user and system), from
/// /proc/self/stat in clock ticks (assumed 100 per second, as on Linux).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 14th field.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// `VmRSS` and `VmHWM` of this process, in MB.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or("?".to_string(), |kb| format!("{:.1} MB", kb / 1024.0))
    };
    format!("VmRSS {}, VmHWM {}", field("VmRSS:"), field("VmHWM:"))
}

fn largest_definition(root: &Path) -> Option<PathBuf> {
    connector_ls::workspace::find_connector_dirs(root)
        .iter()
        .map(|d| d.join("apiDefinition.swagger.json"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .max()
        .map(|(_, p)| p)
}

async fn pull(path: &Path, text: &str) {
    let uri = Uri::from_file_path(path).unwrap().to_string();
    let mut client = Client::start();
    // As VS Code: pull diagnostics, and accept refresh requests.
    client
        .initialize(json!({
            "textDocument": {"diagnostic": {}},
            "workspace": {"diagnostics": {"refreshSupport": true}}
        }))
        .await;
    let start = Instant::now();
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}),
        )
        .await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    println!(
        "open + first pull: {:.2?} ({} diagnostics)",
        start.elapsed(),
        report["items"].as_array().map_or(0, Vec::len)
    );
    println!("memory with the file open: {}", memory());

    let mut edits = Edits::new(text, EDITS);
    let mut times = Vec::new();
    let mut version = 0;
    let cpu = cpu_time();
    for _ in 0..EDITS {
        let edit = edits.next();
        version += 1;
        let start = Instant::now();
        client
            .notify("textDocument/didChange", edit.change(&uri, version))
            .await;
        let report = client
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        times.push(start.elapsed());
        assert_eq!(report["kind"], "full");
    }
    Stats(times).report("edit -> pulled diagnostics");
    println!(
        "  CPU time per edit and pull (all threads): {:.2?}",
        (cpu_time() - cpu) / EDITS as u32
    );

    // Hover where a diagnostic is (so that the hover has something to say), and completion
    // at the start of a line, each sent right after an edit.
    let items = report_items(&mut client, &uri).await;
    let hover_at = items
        .first()
        .map_or(json!({"line": 1, "character": 4}), |d| {
            d["range"]["start"].clone()
        });
    for (method, position) in [
        ("textDocument/hover", hover_at),
        (
            "textDocument/completion",
            json!({"line": edits.line(EDITS / 2), "character": 0}),
        ),
    ] {
        let mut times = Vec::new();
        for _ in 0..SAMPLES {
            let edit = edits.next();
            version += 1;
            client
                .notify("textDocument/didChange", edit.change(&uri, version))
                .await;
            let start = Instant::now();
            client
                .request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": position}),
                )
                .await;
            times.push(start.elapsed());
        }
        Stats(times).report(&format!("edit, then {method}"));
    }

    // Typing a new member, `"note": 1, `, one key at a time before an existing key: the
    // JSON is invalid from the first quote to the comma.
    let typed = "\"note\": 1, ";
    let places: Vec<(u32, u32)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_start().starts_with('"') && line.contains("\": "))
        .map(|(line, content)| {
            let column = content.len() - content.trim_start().len();
            (line as u32, column as u32)
        })
        .collect();
    let count = EDITS / typed.len();
    let mut times = Vec::new();
    let cpu = cpu_time();
    for k in 0..count {
        let (line, column) =
            places[(k * places.len() / count + places.len() / (2 * count)).min(places.len() - 1)];
        for (i, c) in typed.chars().enumerate() {
            version += 1;
            let at = json!({"line": line, "character": column + i as u32});
            let start = Instant::now();
            client
                .notify(
                    "textDocument/didChange",
                    json!({
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"range": {"start": at, "end": at}, "text": c.to_string()}]
                    }),
                )
                .await;
            client
                .request(
                    "textDocument/diagnostic",
                    json!({"textDocument": {"uri": uri}}),
                )
                .await;
            times.push(start.elapsed());
        }
    }
    let keys = times.len() as u32;
    Stats(times).report("typing a member -> pulled diagnostics");
    println!(
        "  CPU time per key and pull (all threads): {:.2?}",
        (cpu_time() - cpu) / keys
    );
    println!("memory after the edits: {}", memory());
}

async fn report_items(client: &mut Client, uri: &str) -> Vec<Value> {
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    report["items"].as_array().cloned().unwrap_or_default()
}

async fn push(path: &Path, text: &str) {
    let uri = Uri::from_file_path(path).unwrap().to_string();
    let mut client = Client::start();
    client.initialize(json!({})).await;
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}),
        )
        .await;
    client.published(0).await;
    let mut times = Vec::new();
    let mut edits = Edits::new(text, EDITS);
    for i in 0..EDITS {
        let edit = edits.next();
        let version = i as i32 + 1;
        let start = Instant::now();
        client
            .notify("textDocument/didChange", edit.change(&uri, version))
            .await;
        client.published(version).await;
        times.push(start.elapsed());
    }
    Stats(times).report("edit -> pushed diagnostics");
}

fn main() {
    let root = corpus();
    let Some(path) = largest_definition(&root) else {
        eprintln!(
            "corpus not found at {}; set CONNECTOR_LS_CORPUS",
            root.display()
        );
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read the definition");
    println!("{} ({} bytes)", path.display(), text.len());
    println!("memory before opening: {}", memory());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(pull(&path, &text));
    runtime.block_on(push(&path, &text));
}
