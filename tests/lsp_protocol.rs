//! Bad protocol traffic: requests before initialize, malformed JSON-RPC, edits that make no
//! sense, versions that go backwards, a flood of edits, and the shutdown/exit rules. The
//! server answers with an error where one is due and keeps running.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::copy_example;
use common::lsp::{TestServer, apply_change, apply_edits, codes, file_uri, read};
use connector_ls::text::Encoding;
use serde_json::{Value, json};

#[tokio::test]
async fn requests_before_initialize_are_refused_and_the_server_goes_on() {
    let mut server = TestServer::start();
    let early = server
        .request_raw("textDocument/hover", json!({"textDocument": {"uri": "file:///a.json"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(
        early["error"]["code"], -32002,
        "ServerNotInitialized: {early}"
    );
    let init = server
        .request("initialize", json!({"processId": null, "capabilities": {}}))
        .await;
    assert_eq!(init["serverInfo"]["name"], "connector-ls");
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_messages_get_errors_and_the_server_keeps_running() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    // Not JSON at all, then JSON that is not JSON-RPC, then a request with bad params.
    server.send_raw("{this is not json").await;
    server
        .send_raw(r#"{"jsonrpc": "2.0", "id": 90, "method": 42}"#)
        .await;
    let bad_params = server
        .request_raw("textDocument/hover", json!({"textDocument": 7}))
        .await;
    assert_eq!(
        bad_params["error"]["code"], -32602,
        "InvalidParams: {bad_params}"
    );
    let unknown = server.request_raw("connector-ls/nonsense", json!({})).await;
    assert_eq!(
        unknown["error"]["code"], -32601,
        "MethodNotFound: {unknown}"
    );
    // Still serving.
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    server
        .open(&uri, &std::fs::read_to_string(&path).unwrap(), 1)
        .await;
    assert!(!server.diagnostics_for(&uri, 1).await.is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn nonsense_edits_and_backward_versions_are_survived() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 5).await;
    server.diagnostics_for(&uri, 5).await;
    let changes = json!([
        {"range": {"start": {"line": 9000, "character": 0}, "end": {"line": 9001, "character": 4}}, "text": "x"},
        {"range": {"start": {"line": 3, "character": 50}, "end": {"line": 1, "character": 0}}, "text": ""},
        {"range": {"start": {"line": 0, "character": 4294967295u32}, "end": {"line": 0, "character": 4294967295u32}}, "text": " "}
    ]);
    // Version 3 after 5: the client's problem, but the text still changes and is analysed.
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": changes}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 3).await;
    assert!(codes(&diagnostics).iter().any(|c| c == "json-syntax-error"));
    // Edits to a document that was never opened, and a close of it, are ignored.
    let ghost = file_uri(&dir.join("apiProperties.json"));
    server
        .notify("textDocument/didChange", json!({"textDocument": {"uri": ghost, "version": 1}, "contentChanges": [{"text": "{"}]}))
        .await;
    server
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": ghost}}),
        )
        .await;
    // The document is still served, in the text the edits left: hover where its own
    // diagnostics say a finding is gives that finding's documentation.
    let finding = &diagnostics[0];
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": finding["range"]["start"]}),
        )
        .await;
    let contents = hover["contents"]["value"].as_str().unwrap_or_default();
    let heading = format!("**{}**", finding["code"].as_str().unwrap());
    assert!(contents.contains(&heading), "{heading} in {hover}");
    server.shutdown().await;
}

/// A document over the size limit (a 30 MB string value) is reported, not parsed; every
/// request on it still gets an answer, and cutting it down brings back the full analysis.
#[tokio::test]
async fn a_document_over_the_size_limit_is_reported_and_served() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let huge = format!(
        "{{\"swagger\": \"2.0\", \"x\": \"{}\"}}",
        "a".repeat(30 << 20)
    );
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &huge, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["file-too-large"]);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("up to 16 MB"), "{message}");
    let document = json!({"uri": uri});
    let at = json!({"textDocument": document, "position": {"line": 0, "character": 30}});
    for (method, params) in [
        ("textDocument/hover", at.clone()),
        ("textDocument/completion", at.clone()),
        ("textDocument/definition", at.clone()),
        (
            "textDocument/documentSymbol",
            json!({"textDocument": document}),
        ),
        (
            "textDocument/foldingRange",
            json!({"textDocument": document}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": document, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": diagnostics}}),
        ),
    ] {
        let reply = server.request_raw(method, params).await;
        assert!(reply.get("result").is_some(), "{method}: {reply}");
    }
    // Replace the whole text with the real definition: analysed in full again.
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": read(&path)}]}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 2).await;
    assert!(codes(&diagnostics).contains(&"operation-id-whitespace".to_string()));
    assert!(!codes(&diagnostics).contains(&"file-too-large".to_string()));
    server.shutdown().await;
}

#[tokio::test]
async fn a_flood_of_edits_ends_with_the_diagnostics_of_the_final_text() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    // 300 edits without waiting: type "X" at the start of the summary line and delete it again,
    // ending with a change that fixes "List Tasks".
    let line = text
        .lines()
        .position(|l| l.contains("\"List Tasks\""))
        .unwrap() as u32;
    let column = text
        .lines()
        .nth(line as usize)
        .unwrap()
        .find("List Tasks")
        .unwrap() as u32;
    let mut version = 1;
    for i in 0..300 {
        version += 1;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": "X"})
        } else {
            json!({"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}, "text": ""})
        };
        server
            .notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}))
            .await;
    }
    version += 1;
    let space = column + 4;
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": line, "character": space}, "end": {"line": line, "character": space + 1}}, "text": ""}
            ]}),
        )
        .await;
    let last = server.diagnostics_for(&uri, version).await;
    // The burst was coalesced: analyses waiting behind a running one are superseded by the
    // newest edit and never start (without that, each of the 302 versions is analysed).
    let analyses = connector_ls::workspace::analysis::analyses_run(&dir);
    assert!(
        analyses <= 302 / 4,
        "{analyses} analyses for {version} versions"
    );

    // The same text, opened fresh in a new server.
    let final_text = text.replacen("\"List Tasks\"", "\"ListTasks\"", 1);
    let (mut fresh, _) = TestServer::initialized(json!({}), Value::Null).await;
    fresh.open(&uri, &final_text, 1).await;
    let expected = fresh.diagnostics_for(&uri, 1).await;
    assert_eq!(last, expected);
    assert!(!codes(&last).iter().any(|c| c == "operation-id-whitespace"));
    // No publication for an older version came after the newest one.
    let later: Vec<Value> = server.pending("textDocument/publishDiagnostics");
    assert!(
        later
            .iter()
            .all(|p| p["params"]["version"] == json!(version)),
        "{later:?}"
    );
    server.shutdown().await;
    fresh.shutdown().await;
}

#[tokio::test]
async fn requests_after_shutdown_are_invalid() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.request("shutdown", Value::Null).await;
    let after = server
        .request_raw("textDocument/hover", json!({"textDocument": {"uri": "file:///a.json"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert_eq!(
        after["error"]["code"], -32600,
        "InvalidRequest after shutdown: {after}"
    );
}

fn exit_code_after(messages: &[Value]) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for message in messages {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    drop(stdin);
    child.wait().unwrap().code()
}

#[test]
fn exit_codes_follow_the_specification() {
    let initialize =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}});
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    assert_eq!(
        exit_code_after(&[initialize.clone(), shutdown, exit.clone()]),
        Some(0)
    );
    assert_eq!(
        exit_code_after(&[initialize, exit]),
        Some(1),
        "exit without shutdown is 1"
    );
    assert_eq!(
        exit_code_after(&[]),
        Some(1),
        "the client went away without shutdown"
    );
}

/// A seeded random session on two files of a connector: edits anywhere (past the end of a
/// line or of the document, reversed, breaking the JSON) interleaved with every kind of
/// request at random positions. Every request is answered with a result or an expected
/// error, never an internal one, and at the end the diagnostics of both files are those of a
/// fresh server that opens the final texts.
#[tokio::test]
async fn random_edits_and_requests_end_like_a_fresh_open() {
    let (_temp, dir) = copy_example("todo-broken");
    let capabilities = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    });
    let mut files = Vec::new();
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        let path = dir.join(name);
        files.push((file_uri(&path), read(&path), 1));
    }
    let (mut server, _) = TestServer::initialized(capabilities.clone(), Value::Null).await;
    for (uri, text, version) in &files {
        server.open(uri, text, *version).await;
    }
    let mut random = common::Random::new(0x5eed_1234_abcd_0001);
    let mut answered = 0;
    for _ in 0..1500 {
        let file = random.below(files.len());
        let lines = files[file].1.lines().count() + 2;
        let mut position = || json!({"line": random.below(lines), "character": random.below(90)});
        let (start, end) = (position(), position());
        let (uri, text, version) = &mut files[file];
        let document = json!({"uri": uri});
        let at = json!({"textDocument": document, "position": start});
        let (method, params) = match random.below(10) {
            0..=3 => {
                let inserted = common::EDIT_INSERTS[random.below(common::EDIT_INSERTS.len())];
                let range = json!({"start": start, "end": end});
                let edit = json!([{"range": range, "newText": inserted}]);
                *text = apply_edits(text, &edit, Encoding::Utf16);
                let change = json!({"range": range, "text": inserted});
                *version += 1;
                server
                    .notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
                    )
                    .await;
                continue;
            }
            4 => ("textDocument/hover", at),
            5 => ("textDocument/completion", at),
            6 => (
                ["textDocument/definition", "textDocument/prepareRename"][random.below(2)],
                at,
            ),
            7 => {
                let mut params = at;
                params["newName"] = json!("RenamedByTest");
                ("textDocument/rename", params)
            }
            8 => (
                "textDocument/codeAction",
                json!({"textDocument": document, "range": {"start": start, "end": start}, "context": {"diagnostics": []}}),
            ),
            _ => (
                [
                    "textDocument/documentSymbol",
                    "textDocument/foldingRange",
                    "textDocument/diagnostic",
                ][random.below(3)],
                json!({"textDocument": document}),
            ),
        };
        let reply = server.request_raw(method, params).await;
        let error = reply["error"]["code"].as_i64();
        assert!(
            reply.get("result").is_some() || error.is_some_and(|code| code != -32603),
            "{method}: {reply}"
        );
        answered += 1;
    }
    assert!(answered > 800);
    for (uri, text, version) in &files {
        assert!(*version > 50, "{uri}");
        let name = uri.rsplit('/').next().unwrap();
        assert_ne!(*text, read(&dir.join(name)), "{uri} was edited");
    }

    let (mut fresh, _) = TestServer::initialized(capabilities, Value::Null).await;
    for (uri, text, _) in &files {
        fresh.open(uri, text, 1).await;
    }
    for (uri, _, _) in &files {
        let params = json!({"textDocument": {"uri": uri}});
        let edited = server
            .request("textDocument/diagnostic", params.clone())
            .await;
        let expected = fresh.request("textDocument/diagnostic", params).await;
        assert_eq!(edited["items"], expected["items"], "{uri}");
        assert!(edited["items"].is_array());
    }
    server.shutdown().await;
    fresh.shutdown().await;
}

/// A frame whose header gives no usable length, then three valid requests: all three are
/// answered (the transport finds the next `Content-Length` header again).
#[tokio::test]
async fn a_frame_without_a_usable_length_does_not_desynchronise_the_stream() {
    let body =
        r#"{"jsonrpc": "2.0", "id": 99, "method": "workspace/symbol", "params": {"query": ""}}"#;
    let bad_frames = [
        // No Content-Length, and a body without a trailing newline.
        format!("Content-Type: application/json\r\n\r\n{body}"),
        // A Content-Length shorter than the body.
        format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10),
        // An impossible Content-Length.
        format!("Content-Length: 99999999999\r\n\r\n{body}"),
        // A header line that is not a header, then a body.
        format!("this is not a header\r\n\r\n{body}\r\n"),
    ];
    for bad in bad_frames {
        let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
        server.send_bytes(bad.as_bytes()).await;
        for _ in 0..3 {
            let answer = server
                .request_raw("workspace/symbol", json!({"query": ""}))
                .await;
            assert!(answer.get("result").is_some(), "{bad:?}: {answer}");
        }
        let errors = server.stray_errors();
        assert!(
            !errors.is_empty() && errors.iter().all(|e| e["id"].is_null()),
            "{bad:?}: the bad frame is answered with an error: {errors:?}"
        );
        // The bad frame's body was not taken for a request.
        assert!(
            !server.answered(99),
            "{bad:?}: request 99 had no usable frame"
        );
        server.shutdown().await;
    }
}

#[tokio::test]
async fn dollar_requests_get_method_not_found() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    for method in ["$/unknownRequest", "$/setTrace"] {
        let answer = server.request_raw(method, json!({"value": "off"})).await;
        assert_eq!(answer["error"]["code"], -32601, "{method}: {answer}");
    }
    // As notifications they are still ignored, and the server goes on.
    server
        .notify("$/setTrace", json!({"value": "verbose"}))
        .await;
    server
        .request("workspace/symbol", json!({"query": ""}))
        .await;
    assert!(server.stray_errors().is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn invalid_requests_are_explained_without_parser_internals() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    // Ids the harness does not use, so that no answer is taken for one of its requests.
    let bodies = [
        r#"[{"jsonrpc": "2.0", "id": 901, "method": "shutdown"}, {"jsonrpc": "2.0", "id": 902, "method": "shutdown"}]"#,
        "[1, 2, 3]",
        r#""a string""#,
        "null",
        r#"{"jsonrpc": "2.0", "id": {}, "method": "shutdown"}"#,
        r#"{"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}"#,
        r#"{"jsonrpc": "1.0", "id": 903, "method": "shutdown"}"#,
        r#"{"jsonrpc": "2.0", "id": 904, "method": 42}"#,
        r#"{"jsonrpc": "2.0", "id": 905, "method": "textDocument/hover", "params": "x"}"#,
    ];
    for body in bodies {
        server.send_raw(body).await;
    }
    server
        .request("workspace/symbol", json!({"query": ""}))
        .await;
    let errors = server.stray_errors();
    assert_eq!(errors.len(), bodies.len(), "{errors:?}");
    for (body, error) in bodies.iter().zip(&errors) {
        let message = error["error"]["message"].as_str().unwrap();
        if body.contains("\"params\": \"x\"") {
            assert_eq!(error["error"]["code"], -32602, "{body}: {error}");
        } else {
            assert_eq!(error["error"]["code"], -32600, "{body}: {error}");
            assert!(
                message.starts_with("Invalid Request: "),
                "{body}: {message}"
            );
        }
        for internal in ["invalid type", "untagged", "expected", "variant", "struct"] {
            assert!(!message.contains(internal), "{body}: {message}");
        }
        // The id is echoed only when it is a valid id.
        assert!(
            error["id"].is_null() || error["id"].is_number() || error["id"].is_string(),
            "{error}"
        );
    }
    assert_eq!(errors[4]["id"], Value::Null);
    // Params of the wrong shape: what is wrong, without the server's type names.
    for params in [json!({"textDocument": 7}), json!({"position": {}})] {
        let answer = server.request_raw("textDocument/hover", params).await;
        assert_eq!(answer["error"]["code"], -32602, "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        for internal in ["struct", "Params", "untagged", "Identifier"] {
            assert!(!message.contains(internal), "{message}");
        }
    }
    assert_eq!(errors[6]["id"], 903);
    server.shutdown().await;
}

/// Typing past the end of CRLF lines lands before the line break, never between `\r` and `\n`
/// (which would make one line two). The client's text is its own model (`apply_change`), not
/// the server's document code.
#[tokio::test]
async fn edits_past_the_end_of_crlf_lines_land_before_the_line_break() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let mut text = read(&path).replace("\r\n", "\n").replace('\n', "\r\n");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    server.diagnostics_for(&uri, 1).await;
    let mut version = 1;
    for line in 1..6 {
        version += 1;
        let at = json!({"line": line, "character": 999});
        let range = json!({"start": at, "end": at});
        server
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": " "}]}),
            )
            .await;
        apply_change(&mut text, &range, " ", Encoding::Utf16);
    }
    assert!(!text.contains("\r \n") && text.contains(" \r\n"));
    let last = server.diagnostics_for(&uri, version).await;
    let (mut fresh, _) = TestServer::initialized(json!({}), Value::Null).await;
    fresh.open(&uri, &text, 1).await;
    let expected = fresh.diagnostics_for(&uri, 1).await;
    assert!(!expected.is_empty());
    assert_eq!(last, expected);
    server.shutdown().await;
    fresh.shutdown().await;
}
