//! Go to definition, find references, prepare rename and rename through the in-process
//! JSON-RPC harness, on copies of the example connectors. Replies are reviewed as insta JSON
//! snapshots (with the temporary folder's URIs redacted) and checked for what they do.

mod common;

use std::path::Path;

use common::copy_example;
use common::lsp::{TestServer, apply_edits, codes, file_uri, position_of, redact, text_at};
use connector_ls::text::Encoding;
use serde_json::{Value, json};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A client that supports links from go to definition and prepare rename.
fn capabilities() -> Value {
    json!({"textDocument": {
        "definition": {"linkSupport": true},
        "rename": {"prepareSupport": true}
    }})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[tokio::test]
async fn navigation_capabilities_are_registered() {
    let (server, result) = TestServer::initialized(capabilities(), Value::Null).await;
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["referencesProvider"], true);
    assert_eq!(
        capabilities["renameProvider"],
        json!({"prepareProvider": true})
    );
    server.shutdown().await;

    // Without prepareSupport, rename is offered without prepare.
    let (server, result) = TestServer::initialized(json!({}), Value::Null).await;
    assert_eq!(result["capabilities"]["renameProvider"], true);
    server.shutdown().await;
}

#[tokio::test]
async fn definition_from_a_policy_lands_on_the_operation_id_in_the_closed_definition() {
    let (_temp, dir) = copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    let definition = dir.join("apiDefinition.swagger.json");
    let text = read(&properties);
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&file_uri(&properties), &text, 1).await;
    let reply = server
        .request(
            "textDocument/definition",
            at(
                &file_uri(&properties),
                position_of(&text, "\"GetItem\"", 0, 3),
            ),
        )
        .await;
    let link = &reply[0];
    assert_eq!(link["targetUri"], file_uri(&definition));
    let target = read(&definition);
    assert_eq!(
        text_at(&target, &link["targetSelectionRange"]),
        "\"GetItem\""
    );
    assert!(text_at(&target, &link["targetRange"]).starts_with("\"get\": {"));
    assert_eq!(text_at(&text, &link["originSelectionRange"]), "\"GetItem\"");
    insta::assert_json_snapshot!("definition_from_policy", redact(&reply, &dir));

    // From scriptOperations and from the script literal too.
    let position = position_of(&text, "[\"CreateItem\"]", 0, 2);
    let reply = server
        .request(
            "textDocument/definition",
            at(&file_uri(&properties), position),
        )
        .await;
    let selected = text_at(&target, &reply[0]["targetSelectionRange"]);
    assert_eq!(selected, "\"CreateItem\"");
    let script = dir.join("script.csx");
    let script_text = read(&script);
    server.open(&file_uri(&script), &script_text, 1).await;
    let position = position_of(&script_text, "CreateItem", 0, 0);
    let reply = server
        .request("textDocument/definition", at(&file_uri(&script), position))
        .await;
    assert_eq!(reply[0]["targetUri"], file_uri(&definition));
    let selected = text_at(&target, &reply[0]["targetSelectionRange"]);
    assert_eq!(selected, "\"CreateItem\"");
    server.shutdown().await;
}

#[tokio::test]
async fn definition_of_refs_without_link_support_is_a_location() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    // A $ref'd parameter: the cursor on the pointer lands on the parameter's name.
    let reply = server
        .request(
            "textDocument/definition",
            at(&uri, position_of(&text, "#/parameters/ItemId", 0, 14)),
        )
        .await;
    assert_eq!(reply["uri"], uri);
    assert_eq!(text_at(&text, &reply["range"]), "\"ItemId\"");
    insta::assert_json_snapshot!("definition_of_parameter_ref", redact(&reply, &dir));

    // A schema $ref, and a dynamic-values operationId.
    let reply = server
        .request(
            "textDocument/definition",
            at(&uri, position_of(&text, "#/definitions/ItemPage", 0, 16)),
        )
        .await;
    assert_eq!(text_at(&text, &reply["range"]), "\"ItemPage\"");
    let reply = server
        .request(
            "textDocument/definition",
            at(&uri, position_of(&text, "\"ListCategories\"", 0, 1)),
        )
        .await;
    let declaration = position_of(&text, "\"ListCategories\"", 1, 0);
    assert_eq!(reply["range"]["start"], declaration);

    // Nothing on a key that is not a reference.
    let reply = server
        .request(
            "textDocument/definition",
            at(&uri, position_of(&text, "\"summary\"", 0, 2)),
        )
        .await;
    assert_eq!(reply, Value::Null);
    server.shutdown().await;
}

#[tokio::test]
async fn references_of_an_operation_span_the_connector_files() {
    let (_temp, dir) = copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    let text = read(&properties);
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&file_uri(&properties), &text, 1).await;
    let position = position_of(&text, "[\"CreateItem\"]", 0, 3);
    let mut params = at(&file_uri(&properties), position);
    params["context"] = json!({"includeDeclaration": true});
    let reply = server
        .request("textDocument/references", params.clone())
        .await;
    let files: Vec<&str> = reply
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "script.csx"
        ]
    );
    for location in reply.as_array().unwrap() {
        let path = dir.join(
            location["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap(),
        );
        assert_eq!(text_at(&read(&path), &location["range"]), "CreateItem");
    }
    insta::assert_json_snapshot!("references_of_create_item", redact(&reply, &dir));

    params["context"] = json!({"includeDeclaration": false});
    let reply = server.request("textDocument/references", params).await;
    assert_eq!(reply.as_array().unwrap().len(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn references_of_a_definition_are_its_refs() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let mut params = at(&uri, position_of(&text, "\"Item\": {", 0, 2));
    params["context"] = json!({"includeDeclaration": true});
    let reply = server.request("textDocument/references", params).await;
    let texts: Vec<String> = reply
        .as_array()
        .unwrap()
        .iter()
        .map(|l| text_at(&text, &l["range"]))
        .collect();
    // In document order: the declaration sits before ItemPage's $ref to it.
    let expected = [
        "#/definitions/Item",
        "#/definitions/Item",
        "#/definitions/Item",
        "Item",
        "#/definitions/Item",
    ];
    assert_eq!(texts, expected);
    insta::assert_json_snapshot!("references_of_item_definition", redact(&reply, &dir));
    server.shutdown().await;
}

#[tokio::test]
async fn rename_from_a_script_literal_renames_all_three_files() {
    let (_temp, dir) = copy_example("contoso-items");
    let script = dir.join("script.csx");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let script_text = read(&script);
    // Pulled diagnostics answer for the state at the time of the request.
    let mut client = capabilities();
    client["textDocument"]["diagnostic"] = json!({});
    let (mut server, _) = TestServer::initialized(client, Value::Null).await;
    server.open(&file_uri(&script), &script_text, 1).await;
    let pull = json!({"textDocument": {"uri": file_uri(&script)}});
    let report = server.request("textDocument/diagnostic", pull).await;
    assert_eq!(report["items"], json!([]));
    let position = position_of(&script_text, "CreateItem", 0, 3);

    let range = server
        .request(
            "textDocument/prepareRename",
            at(&file_uri(&script), position.clone()),
        )
        .await;
    assert_eq!(text_at(&script_text, &range), "CreateItem");

    let mut params = at(&file_uri(&script), position);
    params["newName"] = json!("AddItem");
    let edit = server.request("textDocument/rename", params).await;
    insta::assert_json_snapshot!("rename_create_item", redact(&edit, &dir));
    let changes = &edit["changes"];
    assert_eq!(changes.as_object().unwrap().len(), 3);

    // Apply the edit as a client would and let the server analyse the renamed texts.
    let mut renamed = Vec::new();
    for path in [&definition, &properties, &script] {
        let text = apply_edits(&read(path), &changes[file_uri(path)], Encoding::Utf16);
        assert!(!text.contains("CreateItem") && text.contains("AddItem"));
        renamed.push((path, text));
    }
    for (path, text) in &renamed {
        if *path == &script {
            server
                .notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": file_uri(path), "version": 2}, "contentChanges": [{"text": text}]}),
                )
                .await;
        } else {
            server.open(&file_uri(path), text, 2).await;
        }
    }
    for (path, _) in &renamed {
        let pull = json!({"textDocument": {"uri": file_uri(path)}});
        let report = server.request("textDocument/diagnostic", pull).await;
        let diagnostics = report["items"].as_array().unwrap();
        assert!(diagnostics.is_empty(), "{:?}", codes(diagnostics));
    }
    server.shutdown().await;
}

#[tokio::test]
async fn rename_fixes_an_operation_id_with_whitespace() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let before = codes(&server.diagnostics_for(&uri, 1).await);
    assert!(before.iter().any(|c| c == "operation-id-whitespace"));
    let position = position_of(&text, "\"List Tasks\"", 0, 2);
    let range = server
        .request("textDocument/prepareRename", at(&uri, position.clone()))
        .await;
    assert_eq!(text_at(&text, &range), "List Tasks");
    let mut params = at(&uri, position);
    params["newName"] = json!("ListTasks");
    let edit = server.request("textDocument/rename", params).await;
    let fixed = apply_edits(&text, &edit["changes"][&uri], Encoding::Utf16);
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    let after = codes(&server.diagnostics_for(&uri, 2).await);
    assert!(
        !after.iter().any(|c| c.starts_with("operation-id")),
        "{after:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn rename_rejects_invalid_names_and_places() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let get_item = position_of(&text, "\"GetItem\"", 0, 1);

    let mut errors = serde_json::Map::new();
    for (label, name) in [
        ("whitespace", "Get Item"),
        ("punctuation", "Get-Item!"),
        ("taken", "ListItems"),
    ] {
        let mut params = at(&uri, get_item.clone());
        params["newName"] = json!(name);
        let reply = server.request_raw("textDocument/rename", params).await;
        assert_eq!(reply["error"]["code"], -32602, "{reply}");
        errors.insert(label.to_string(), reply["error"].clone());
    }
    // A place that is not a name.
    let reply = server
        .request_raw(
            "textDocument/prepareRename",
            at(&uri, position_of(&text, "\"summary\"", 0, 2)),
        )
        .await;
    assert_eq!(reply["error"]["code"], -32602, "{reply}");
    errors.insert("not a name".to_string(), reply["error"].clone());
    insta::assert_json_snapshot!("rename_errors", errors);

    // prepareRename on the declaration is the name inside the quotes.
    let range = server
        .request("textDocument/prepareRename", at(&uri, get_item))
        .await;
    assert_eq!(text_at(&text, &range), "GetItem");
    server.shutdown().await;
}

#[tokio::test]
async fn rename_a_definition_and_its_refs() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&definition);
    let text = read(&definition);
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&uri, &text, 1).await;
    server.diagnostics_for(&uri, 1).await;
    let position = position_of(&text, "#/definitions/ItemPage", 0, 15);
    let range = server
        .request("textDocument/prepareRename", at(&uri, position.clone()))
        .await;
    assert_eq!(text_at(&text, &range), "ItemPage");
    let mut params = at(&uri, position);
    params["newName"] = json!("ItemList");
    let edit = server.request("textDocument/rename", params).await;
    let renamed = apply_edits(&text, &edit["changes"][&uri], Encoding::Utf16);
    assert_eq!(renamed.matches("#/definitions/ItemList\"").count(), 2);
    assert!(renamed.contains("\"ItemList\": {") && !renamed.contains("ItemPage"));
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": renamed}]}),
        )
        .await;
    assert!(server.diagnostics_for(&uri, 2).await.is_empty());
    server.shutdown().await;
}

/// Documents that are not files on this machine (`http:`, `untitled:`, `file://otherhost/`)
/// are analysed alone, as a connector of one file: their path's local folder is never read,
/// and rename and references stay inside the document itself, even with all three open.
#[tokio::test]
async fn documents_that_are_not_local_files_are_analysed_alone() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let text = read(&definition);
    let local = file_uri(&definition);
    let path = local.strip_prefix("file://").unwrap();
    let uris = [
        format!("http://attacker.example{path}"),
        format!("untitled:{path}"),
        format!("file://otherhost{path}"),
    ];
    // What the definition alone gives: the same text in a folder of its own.
    let (_alone_temp, alone) = copy_example("contoso-items");
    for sibling in ["apiProperties.json", "script.csx", "settings.json"] {
        std::fs::remove_file(alone.join(sibling)).unwrap();
    }
    let alone_uri = file_uri(&alone.join("apiDefinition.swagger.json"));
    let mut params = json!({"context": {"includeDeclaration": true}});
    let (mut server, _) = TestServer::initialized(capabilities(), Value::Null).await;
    server.open(&alone_uri, &text, 1).await;
    let expected = server.diagnostics_for(&alone_uri, 1).await;
    for uri in &uris {
        server.open(uri, &text, 1).await;
        let diagnostics = server.diagnostics_for(uri, 1).await;
        assert_eq!(diagnostics, expected, "{uri}");
    }
    let position = position_of(&text, "\"CreateItem\"", 0, 3);
    for uri in &uris {
        params["textDocument"] = json!({"uri": uri});
        params["position"] = position.clone();
        params["newName"] = json!("AddItem");
        let edit = server.request("textDocument/rename", params.clone()).await;
        let targets: Vec<&String> = edit["changes"].as_object().unwrap().keys().collect();
        assert_eq!(targets, [uri], "rename in {uri}");
        let references = server
            .request("textDocument/references", params.clone())
            .await;
        let references = references.as_array().unwrap();
        assert!(!references.is_empty());
        assert!(references.iter().all(|r| r["uri"] == json!(uri)), "{uri}");
    }
    server.shutdown().await;
}
