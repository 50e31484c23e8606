//! One end-to-end test on the built binary: `connector-ls lsp --stdio` as an editor starts it,
//! through initialize, didOpen, diagnostics, hover, codeAction, shutdown and exit.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::lsp::titles;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::Uri;

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Read framed messages from the server's stdout on a thread, so a hang fails the test.
fn reader(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = value.parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    receiver
}

fn wait_for(receiver: &mpsc::Receiver<Value>, what: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answered in time");
        if what(&message) {
            return message;
        }
    }
}

#[test]
fn stdio_session_on_the_built_binary() {
    let temp = tempfile::tempdir().unwrap();
    let source = common::repo_root().join("fixtures/examples/todo-broken");
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(source.join(name), temp.path().join(name)).unwrap();
    }
    let path = temp.path().join("apiDefinition.swagger.json");
    let uri = Uri::from_file_path(&path).unwrap().to_string();
    let text = common::without_syntax_error(&std::fs::read_to_string(&path).unwrap());

    let mut child = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let messages = reader(child.stdout.take().unwrap());
    let mut send = |message: Value| stdin.write_all(&frame(&message)).unwrap();

    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    let init = wait_for(&messages, |m| m["id"] == 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "connector-ls");
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}}),
    );
    let published = wait_for(&messages, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let diagnostics = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .expect("operation-id-whitespace is published")
        .clone();

    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": whitespace["range"]["start"]}}),
    );
    let hover = wait_for(&messages, |m| m["id"] == 2);
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("operation-id-whitespace")
    );

    send(
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": whitespace["range"], "context": {"diagnostics": [whitespace]}}}),
    );
    let actions = wait_for(&messages, |m| m["id"] == 3);
    let titles = titles(&actions["result"]);
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Rename operationId to 'ListTasks'")),
        "{titles:?}"
    );

    send(json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}));
    let shutdown = wait_for(&messages, |m| m["id"] == 4);
    assert_eq!(shutdown["result"], Value::Null);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "exit after shutdown is success: {status:?}"
    );
}
