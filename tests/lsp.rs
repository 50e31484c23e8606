//! Language server tests through the in-process JSON-RPC harness (`common/lsp.rs`): every
//! test speaks real framed JSON-RPC to the real service, on copies of fixture connectors in a
//! temporary folder.

mod common;

use common::lsp::{TestServer, apply_edits, codes, copy_example, file_uri, read};
use connector_ls::lsp::document::Encoding;
use serde_json::{Value, json};

#[tokio::test]
async fn initialize_negotiates_encoding_and_capabilities() {
    let (server, result) = TestServer::initialized(json!({}), Value::Null).await;
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert!(
        capabilities.get("diagnosticProvider").is_none(),
        "push when the client cannot pull"
    );
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.connector-ls"])
    );
    server.shutdown().await;

    let utf8 = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (server, result) = TestServer::initialized(utf8, Value::Null).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    server.shutdown().await;
}

#[tokio::test]
async fn diagnostics_follow_incremental_edits() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let found = codes(&diagnostics);
    for expected in [
        "operation-id-whitespace",
        "operation-ref-unknown",
        "json-syntax-error",
    ] {
        assert!(
            found.iter().any(|c| c == expected),
            "{expected} in {found:?}"
        );
    }
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .unwrap();
    assert_eq!(whitespace["source"], "connector-ls");
    assert_eq!(whitespace["severity"], 1);
    // The range is the operationId value, "List Tasks" with its quotes.
    let line = text
        .lines()
        .position(|l| l.contains("\"List Tasks\""))
        .unwrap() as u64;
    let column = text
        .lines()
        .nth(line as usize)
        .unwrap()
        .find("\"List Tasks\"")
        .unwrap() as u64;
    assert_eq!(
        whitespace["range"],
        json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 12}})
    );

    // Delete the space: an incremental change of one character.
    let space = column + 5;
    server
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"range": {"start": {"line": line, "character": space}, "end": {"line": line, "character": space + 1}}, "text": ""}]
            }),
        )
        .await;
    let after = codes(&server.diagnostics_for(&uri, 2).await);
    assert!(
        !after.iter().any(|c| c == "operation-id-whitespace"),
        "{after:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn editing_one_file_rediagnoses_the_other() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server
        .open(&file_uri(&properties), &read(&properties), 1)
        .await;
    assert!(
        server
            .diagnostics_for(&file_uri(&properties), 1)
            .await
            .is_empty()
    );

    // Rename GetItem in the (unsaved) definition: the policy in apiProperties.json now
    // targets an operation that does not exist.
    let renamed = read(&definition).replace("\"GetItem\"", "\"FetchItem\"");
    server.open(&file_uri(&definition), &renamed, 1).await;
    let property_codes = codes(&server.diagnostics_for(&file_uri(&properties), 1).await);
    assert_eq!(property_codes, ["policy-operation-unknown"]);
    server.shutdown().await;
}

#[tokio::test]
async fn quick_fix_from_diagnostic_data_removes_the_diagnostic() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .unwrap()
        .clone();
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": whitespace["range"],
                "context": {"diagnostics": [whitespace], "only": ["quickfix"]}
            }),
        )
        .await;
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert!(
        action["title"]
            .as_str()
            .unwrap()
            .starts_with("Rename operationId to 'ListTasks'")
    );
    // The rename reaches the policy in apiProperties.json too.
    let changes = &action["edit"]["changes"];
    let properties_uri = file_uri(&dir.join("apiProperties.json"));
    assert!(
        changes.get(&properties_uri).is_none(),
        "todo-broken's policy already says ListTasks"
    );
    let fixed = apply_edits(&text, &changes[&uri], Encoding::Utf16);
    assert!(fixed.contains("\"operationId\": \"ListTasks\""));

    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    let after = codes(&server.diagnostics_for(&uri, 2).await);
    assert!(!after.iter().any(|c| c == "operation-id-whitespace"));
    assert!(!after.iter().any(|c| c == "policy-operation-unknown"));
    server.shutdown().await;
}

#[tokio::test]
async fn fix_all_applies_every_safe_fix() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    server.diagnostics_for(&uri, 1).await;
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]}
            }),
        )
        .await;
    let action = &actions[0];
    assert_eq!(action["kind"], "source.fixAll.connector-ls");
    let fixed = apply_edits(&text, &action["edit"]["changes"][&uri], Encoding::Utf16);
    assert!(
        serde_json::from_str::<Value>(&fixed).is_ok(),
        "fix-all leaves valid JSON"
    );
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    let after = codes(&server.diagnostics_for(&uri, 2).await);
    assert!(
        !after
            .iter()
            .any(|c| c == "json-syntax-error" || c == "operation-id-whitespace"),
        "{after:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_when_the_client_supports_them() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let capabilities = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut server, result) = TestServer::initialized(capabilities, Value::Null).await;
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "connector-ls"
    );
    server.open(&uri, &read(&path), 1).await;
    let report = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    assert!(codes(items).iter().any(|c| c == "operation-id-whitespace"));
    server.shutdown().await;
}

#[tokio::test]
async fn configuration_turns_rules_off_and_changes_severity() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let options =
        json!({"rules": {"operation-id-whitespace": "off", "json-syntax-error": "warning"}});
    let (mut server, _) = TestServer::initialized(json!({}), options).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        !codes(&diagnostics)
            .iter()
            .any(|c| c == "operation-id-whitespace")
    );
    let syntax = diagnostics
        .iter()
        .find(|d| d["code"] == "json-syntax-error")
        .unwrap();
    assert_eq!(syntax["severity"], 2);

    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"connectorLs": {"rules": {}}}}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        codes(&diagnostics)
            .iter()
            .any(|c| c == "operation-id-whitespace")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn hover_on_a_diagnostic_shows_the_rule_docs() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .unwrap();
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": whitespace["range"]["start"]}),
        )
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.starts_with("### operation-id-whitespace"),
        "{markdown}"
    );
    assert!(markdown.contains("## Why"));
    server.shutdown().await;
}

#[tokio::test]
async fn editor_settings_json_is_not_a_connector_file() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("settings.json");
    std::fs::write(&path, "{ // editor settings\n \"editor.tabSize\": 2 }").unwrap();
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &read(&path), 1).await;
    // A document of ours would be answered by publishDiagnostics; prove silence with a request
    // round trip, then check nothing was published.
    server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file_uri(&path)}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert!(server.pending("textDocument/publishDiagnostics").is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_documents_and_bad_positions_are_harmless() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let missing = "file:///nowhere/apiDefinition.swagger.json";
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": missing, "version": 3}, "contentChanges": [{"text": "{}"}]}),
        )
        .await;
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": missing}, "position": {"line": 99, "character": 99}}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    server.shutdown().await;
}
