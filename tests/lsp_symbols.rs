//! Document symbols, workspace symbols and folding ranges through the in-process JSON-RPC
//! harness, on copies of the example connectors.

mod common;

use std::path::Path;

use common::copy_example;
use common::lsp::{TestServer, file_uri, redact, text_at};
use serde_json::{Value, json};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn document(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

/// Every selection range inside its range, every child inside its parent.
fn check_ranges(symbols: &Value, parent: Option<&Value>) {
    let key = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    let inside = |inner: &Value, outer: &Value| {
        key(&outer["start"]) <= key(&inner["start"]) && key(&inner["end"]) <= key(&outer["end"])
    };
    for symbol in symbols.as_array().unwrap() {
        assert!(!symbol["name"].as_str().unwrap().is_empty());
        assert!(
            inside(&symbol["selectionRange"], &symbol["range"]),
            "{symbol}"
        );
        if let Some(parent) = parent {
            assert!(inside(&symbol["range"], parent), "{symbol}");
        }
        if let Some(children) = symbol.get("children") {
            check_ranges(children, Some(&symbol["range"]));
        }
    }
}

#[tokio::test]
async fn symbol_capabilities_are_registered() {
    let (server, result) = TestServer::initialized(json!({}), Value::Null).await;
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["documentSymbolProvider"], true);
    assert_eq!(capabilities["workspaceSymbolProvider"], true);
    assert_eq!(capabilities["foldingRangeProvider"], true);
    server.shutdown().await;
}

#[tokio::test]
async fn definition_symbols_nest_operations_under_paths() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let symbols = server
        .request("textDocument/documentSymbol", document(&uri))
        .await;
    check_ranges(&symbols, None);
    let items = &symbols[0];
    assert_eq!(items["name"], "/items");
    assert_eq!(items["kind"], 3, "namespace");
    let operations: Vec<(&str, &str)> = items["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| (op["name"].as_str().unwrap(), op["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(
        operations,
        [
            ("GET ListItems", "List items"),
            ("POST CreateItem", "Create an item")
        ]
    );
    assert_eq!(
        text_at(&text, &items["children"][0]["selectionRange"]),
        "\"get\""
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "/items",
            "/items/{itemId}",
            "/categories/{categoryId}/items",
            "/categories",
            "definitions",
            "parameters",
            "securityDefinitions"
        ]
    );
    insta::assert_json_snapshot!("definition_symbols", symbols);
    server.shutdown().await;
}

#[tokio::test]
async fn properties_and_settings_symbols() {
    let (_temp, dir) = copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    let settings = dir.join("settings.json");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server
        .open(&file_uri(&properties), &read(&properties), 1)
        .await;
    server.open(&file_uri(&settings), &read(&settings), 1).await;
    let symbols = server
        .request(
            "textDocument/documentSymbol",
            document(&file_uri(&properties)),
        )
        .await;
    check_ranges(&symbols, None);
    insta::assert_json_snapshot!("properties_symbols", symbols);
    let symbols = server
        .request(
            "textDocument/documentSymbol",
            document(&file_uri(&settings)),
        )
        .await;
    check_ranges(&symbols, None);
    insta::assert_json_snapshot!("settings_symbols", symbols);
    server.shutdown().await;
}

#[tokio::test]
async fn workspace_symbols_cover_every_open_connector() {
    let (_temp, contoso) = copy_example("contoso-items");
    let (_temp2, todo) = copy_example("todo-broken");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    // One open document per connector is enough; the definitions need not be open.
    let properties = contoso.join("apiProperties.json");
    server
        .open(&file_uri(&properties), &read(&properties), 1)
        .await;
    let definition = todo.join("apiDefinition.swagger.json");
    server
        .open(&file_uri(&definition), &read(&definition), 1)
        .await;

    let reply = server
        .request("workspace/symbol", json!({"query": "LIST"}))
        .await;
    let names: Vec<&str> = reply
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"ListItems") && names.contains(&"List Tasks"),
        "{names:?}"
    );
    assert!(names.contains(&"TaskList"), "definitions too: {names:?}");
    let redacted = redact(&redact(&reply, &contoso), &todo);
    insta::assert_json_snapshot!("workspace_symbols_list", redacted);

    // Summaries match too.
    let reply = server
        .request("workspace/symbol", json!({"query": "delete a"}))
        .await;
    let names: Vec<&str> = reply
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["DeleteItem", "DeleteTask"]);
    server.shutdown().await;
}

#[tokio::test]
async fn folding_ranges_are_the_same_with_crlf_and_in_utf8() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let uri = file_uri(&definition);
    server.open(&uri, &text, 1).await;
    let lf = server
        .request("textDocument/foldingRange", document(&uri))
        .await;
    // The root object folds from its first line to the line before its closing brace.
    let lines = text.lines().count() as u64;
    assert_eq!(
        lf[0],
        json!({"startLine": 0, "endLine": lines - 2, "kind": "region"})
    );

    let crlf = text.replace('\n', "\r\n");
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": crlf}]}),
        )
        .await;
    let folds = server
        .request("textDocument/foldingRange", document(&uri))
        .await;
    assert_eq!(folds, lf);
    server.shutdown().await;

    // Lines do not depend on the position encoding.
    let utf8 = json!({"general": {"positionEncodings": ["utf-8"]}});
    let (mut server, _) = TestServer::initialized(utf8, Value::Null).await;
    server.open(&uri, &crlf, 1).await;
    let folds = server
        .request("textDocument/foldingRange", document(&uri))
        .await;
    assert_eq!(folds, lf);
    server.shutdown().await;
}

#[tokio::test]
async fn folding_ranges_of_properties_and_script() {
    let (_temp, dir) = copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    let script = dir.join("script.csx");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server
        .open(&file_uri(&properties), &read(&properties), 1)
        .await;
    server.open(&file_uri(&script), &read(&script), 1).await;
    let folds = server
        .request(
            "textDocument/foldingRange",
            document(&file_uri(&properties)),
        )
        .await;
    insta::assert_json_snapshot!("properties_folds", folds);
    let folds = server
        .request("textDocument/foldingRange", document(&file_uri(&script)))
        .await;
    assert_eq!(
        folds,
        json!([
            {"startLine": 0, "endLine": 13, "kind": "region"},
            {"startLine": 2, "endLine": 12, "kind": "region"},
            {"startLine": 4, "endLine": 10, "kind": "region"}
        ])
    );
    server.shutdown().await;
}
