//! Completion through the in-process JSON-RPC harness, on copies of the example connectors
//! and on small texts, many of them half typed and invalid. Replies are reviewed as insta
//! snapshots (with each item's documentation cut to its first line, to keep them readable),
//! and every test asserts the behaviour it is about.

mod common;

use std::path::Path;

use common::copy_example;
use common::lsp::{TestServer, apply_edits, file_uri, position, position_of, read};
use connector_ls::text::Encoding;
use serde_json::{Value, json};

fn snippets() -> Value {
    json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown", "plaintext"]}}}})
}

/// Open `text` as the file at `path` and ask for completion at the `$0` marker.
async fn complete_marked(server: &mut TestServer, path: &Path, marked: &str) -> (String, Value) {
    let offset = marked.find("$0").expect("a $0 cursor marker");
    let text = marked.replacen("$0", "", 1);
    let uri = file_uri(path);
    server.open(&uri, &text, 1).await;
    let reply = server
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position(&text, offset)}),
        )
        .await;
    (text, reply)
}

fn labels(reply: &Value) -> Vec<String> {
    reply["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["label"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn item<'a>(reply: &'a Value, label: &str) -> &'a Value {
    reply["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no item {label} in {:?}", labels(reply)))
}

/// The reply with each documentation cut to its first line.
fn trimmed(reply: &Value) -> Value {
    let mut reply = reply.clone();
    if let Some(items) = reply["items"].as_array_mut() {
        for item in items {
            // Markdown ({kind, value}) or plain text, depending on the client.
            let doc = item["documentation"]["value"]
                .as_str()
                .or_else(|| item["documentation"].as_str());
            if let Some(doc) = doc {
                let first = doc.lines().next().unwrap_or_default().to_string();
                item["documentation"] = Value::String(first);
            }
        }
    }
    reply
}

/// The text after applying an item's edit and additional edits.
fn accept(text: &str, item: &Value) -> String {
    let mut edits = vec![item["textEdit"].clone()];
    if let Some(more) = item["additionalTextEdits"].as_array() {
        edits.extend(more.iter().cloned());
    }
    apply_edits(text, &Value::Array(edits), Encoding::Utf16)
}

/// Insert `insertion` into the text of a copied example just after `anchor`.
fn edited(path: &Path, anchor: &str, insertion: &str) -> String {
    let text = read(path);
    let at = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} in {}", path.display()));
    let at = at + anchor.len();
    format!("{}{insertion}{}", &text[..at], &text[at..])
}

#[tokio::test]
async fn capabilities_advertise_completion_triggers() {
    let (server, result) = TestServer::initialized(json!({}), Value::Null).await;
    let provider = &result["capabilities"]["completionProvider"];
    assert_eq!(
        provider["triggerCharacters"],
        json!(["\"", ":", "/", "#", " "])
    );
    assert_eq!(result["capabilities"]["hoverProvider"], true);
    server.shutdown().await;
}

#[tokio::test]
async fn operation_keys_leave_out_the_present_ones() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let marked = edited(
        &path,
        "\"operationId\": \"GetItem\",",
        "\n        \"x-ms-vis$0",
    );
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    let found = labels(&reply);
    for present in ["operationId", "summary", "description", "responses"] {
        assert!(
            !found.contains(&present.to_string()),
            "{present} offered again: {found:?}"
        );
    }
    for expected in [
        "x-ms-visibility",
        "x-ms-trigger",
        "deprecated",
        "parameters",
        "x-ms-pageable",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "{expected} missing: {found:?}"
        );
    }
    // The unterminated key is replaced after its opening quote; the next line starts a key,
    // so a comma follows.
    let visibility = item(&reply, "x-ms-visibility");
    assert_eq!(visibility["filterText"], "x-ms-visibility");
    let accepted = accept(&text, visibility);
    assert!(
        accepted.contains("\"x-ms-visibility\": \"${1|important,advanced,internal|}\",\n"),
        "{accepted}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;
}

#[tokio::test]
async fn redirect_mode_offers_global_per_connector() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiProperties.json");
    let marked = read(&path).replace(
        "\"redirectMode\": \"GlobalPerConnector\"",
        "\"redirectMode\": \"Glo$0\"",
    );
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["GlobalPerConnector", "Global", "Direct"]);
    let accepted = accept(&text, item(&reply, "GlobalPerConnector"));
    assert!(
        accepted.contains("\"redirectMode\": \"GlobalPerConnector\","),
        "{accepted}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;
}

#[tokio::test]
async fn identity_provider_offers_oauth2pkce() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiProperties.json");
    let marked = read(&path).replace(
        "\"identityProvider\": \"oauth2\"",
        "\"identityProvider\": $0",
    );
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    let found = labels(&reply);
    assert!(found.contains(&"oauth2pkce".to_string()), "{found:?}");
    assert!(found.contains(&"aad".to_string()), "{found:?}");
    let accepted = accept(&text, item(&reply, "oauth2pkce"));
    assert!(
        accepted.contains("\"identityProvider\": \"oauth2pkce\","),
        "{accepted}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;
}

#[tokio::test]
async fn every_parameter_enum_is_offered() {
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("apiDefinition.swagger.json");
    let cases: [(&str, &[&str]); 6] = [
        ("in", &["path", "query", "header", "body", "formData"]),
        (
            "type",
            &["string", "number", "integer", "boolean", "array", "file"],
        ),
        ("collectionFormat", &["csv", "ssv", "tsv", "pipes", "multi"]),
        ("x-ms-url-encoding", &["single", "double"]),
        ("x-ms-visibility", &["important", "advanced", "internal"]),
        (
            "format",
            &[
                "int32",
                "int64",
                "float",
                "double",
                "byte",
                "binary",
                "date",
                "date-time",
                "date-no-tz",
                "password",
                "email",
                "html",
                "uri",
                "uuid",
            ],
        ),
    ];
    for (key, expected) in cases {
        let marked = format!(
            "{{\"swagger\": \"2.0\", \"paths\": {{\"/a/{{id}}\": {{\"get\": {{\"parameters\": [{{\"name\": \"id\", \"{key}\": \"$0\"}}]}}}}}}}}"
        );
        let (_, reply) = complete_marked(&mut server, &path, &marked).await;
        assert_eq!(labels(&reply), *expected, "values of {key}");
    }
    // Operation-level and schema enums.
    let marked = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-trigger\": $0}}}}";
    let (_, reply) = complete_marked(&mut server, &path, marked).await;
    assert_eq!(labels(&reply), ["single", "batch"]);
    let marked = "{\"definitions\": {\"A\": {\"type\": \"$0\"}}}";
    let (_, reply) = complete_marked(&mut server, &path, marked).await;
    assert_eq!(
        labels(&reply),
        [
            "object", "array", "string", "number", "integer", "boolean", "file"
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn ref_completion_lists_the_definitions_of_the_file() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let marked = read(&path).replacen(
        "\"$ref\": \"#/definitions/ItemPage\"",
        "\"$ref\": \"#/$0\"",
        1,
    );
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(
        labels(&reply),
        ["#/definitions/Item", "#/definitions/ItemPage"]
    );
    assert_eq!(item(&reply, "#/definitions/ItemPage")["detail"], "object");
    let accepted = accept(&text, item(&reply, "#/definitions/ItemPage"));
    assert_eq!(accepted, read(&path));
    insta::assert_json_snapshot!(trimmed(&reply));

    // In a parameter list, `$ref` points to #/parameters.
    let marked = read(&path).replacen("\"$ref\": \"#/parameters/ItemId\"", "\"$ref\": \"$0\"", 1);
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["#/parameters/ItemId"]);
    assert_eq!(
        item(&reply, "#/parameters/ItemId")["detail"],
        "parameter · in path · string · required"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn dynamic_values_parameters_offer_the_target_operation_parameters() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    // Point the dynamic values at GetItem, whose itemId comes from the path item through $ref.
    let marked = read(&path).replace(
        "\"operationId\": \"ListCategories\",\n              \"value-collection\"",
        "\"operationId\": \"GetItem\",\n              \"parameters\": {\n                \"$0\n              },\n              \"value-collection\"",
    );
    assert!(marked.contains("$0"));
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["itemId"]);
    let candidate = item(&reply, "itemId");
    assert_eq!(candidate["detail"], "in path · string · required");
    let accepted = accept(&text, candidate);
    assert!(
        accepted.contains("\"itemId\": {\"parameter\": \"$1\"}"),
        "{accepted}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));

    // Inside {"parameter": …}, the parameters of the operation that holds the extension.
    let marked = accepted.replace("{\"parameter\": \"$1\"}", "{\"parameter\": \"$0\"}");
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["categoryId"]);
    server.shutdown().await;
}

#[tokio::test]
async fn operation_ids_wherever_one_is_referenced() {
    let (_temp, dir) = copy_example("contoso-items");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let all = [
        "ListItems",
        "CreateItem",
        "GetItem",
        "DeleteItem",
        "ListCategoryItems",
        "ListCategories",
    ];

    let definition = dir.join("apiDefinition.swagger.json");
    let marked = read(&definition).replace(
        "\"operationId\": \"ListCategories\",\n              \"value",
        "\"operationId\": \"$0\",\n              \"value",
    );
    let (_, reply) = complete_marked(&mut server, &definition, &marked).await;
    assert_eq!(labels(&reply), all);
    assert_eq!(item(&reply, "GetItem")["detail"], "GET /items/{itemId}");
    insta::assert_json_snapshot!("dynamic_values_operation_id", trimmed(&reply));
    // Restore the definition, for the other files.
    server
        .open(&file_uri(&definition), &read(&definition), 2)
        .await;

    let properties = dir.join("apiProperties.json");
    let text = read(&properties);
    let marked = text.replace(
        "\"scriptOperations\": [\"CreateItem\"]",
        "\"scriptOperations\": [\"CreateItem\", $0]",
    );
    let (with_script, reply) = complete_marked(&mut server, &properties, &marked).await;
    assert_eq!(labels(&reply), all);
    let accepted = accept(&with_script, item(&reply, "GetItem"));
    assert!(
        accepted.contains("\"scriptOperations\": [\"CreateItem\", \"GetItem\"]"),
        "{accepted}"
    );

    let marked = text.replace("[\"ListItems\", \"GetItem\"]", "[\"ListItems\" \"Ge$0\"]");
    let (with_policy, reply) = complete_marked(&mut server, &properties, &marked).await;
    assert_eq!(labels(&reply), all);
    // The missing comma before the item is added.
    let accepted = accept(&with_policy, item(&reply, "GetItem"));
    assert!(
        accepted.contains("[\"ListItems\", \"GetItem\"]"),
        "{accepted}"
    );

    let script = dir.join("script.csx");
    let marked = read(&script).replace("OperationId == \"CreateItem\"", "OperationId == \"Cr$0");
    let (script_text, reply) = complete_marked(&mut server, &script, &marked).await;
    assert_eq!(labels(&reply), all);
    let accepted = accept(&script_text, item(&reply, "CreateItem"));
    assert!(
        accepted.contains("OperationId == \"CreateItem)\n"),
        "{accepted}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn half_typed_definition_without_the_rest_of_the_file() {
    // Everything after the cursor is missing: the file is cut in the middle of a parameter.
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let cut = text.find("\"name\": \"categoryId\",").unwrap();
    let marked = format!(
        "{}\"name\": \"categoryId\",\n            \"in\": \"path\",\n            \"$0",
        &text[..cut]
    );
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    let found = labels(&reply);
    for expected in [
        "required",
        "type",
        "x-ms-summary",
        "x-ms-url-encoding",
        "x-ms-dynamic-values",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "{expected} missing: {found:?}"
        );
    }
    assert!(!found.contains(&"name".to_string()) && !found.contains(&"in".to_string()));
    // A path parameter has no body schema.
    assert!(!found.contains(&"schema".to_string()), "{found:?}");
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;
}

#[tokio::test]
async fn crlf_and_a_non_bmp_character_before_the_cursor() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("apiDefinition.swagger.json");
    let marked = "{\r\n  \"swagger\": \"2.0\",\r\n  \"info\": {\r\n    \"description\": \"😀 emoji\", \"$0\r\n  }\r\n}\r\n";
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, marked).await;
    let title = item(&reply, "title");
    // The key's name starts after `"😀 emoji", "` on line 3: the emoji counts 2 UTF-16 units.
    let line = "    \"description\": \"😀 emoji\", \"";
    let column: usize = line.chars().map(char::len_utf16).sum();
    assert_eq!(
        title["textEdit"]["range"],
        json!({"start": {"line": 3, "character": column}, "end": {"line": 3, "character": column}})
    );
    assert!(!labels(&reply).contains(&"description".to_string()));
    let accepted = accept(&text, title);
    assert!(
        accepted.contains("\"description\": \"😀 emoji\", \"title\": \"$1\"\r\n  }"),
        "{accepted:?}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;
}

#[tokio::test]
async fn snippets_only_for_clients_that_support_them() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    // A new path item with one undeclared template variable.
    let marked = edited(
        &path,
        "\"paths\": {",
        "\n    \"/tags/{tagId}\": {\n      $0\n    },",
    );
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    let operation = item(&reply, "operation with a 200 response");
    assert_eq!(operation["insertTextFormat"], 2);
    assert_eq!(operation["insertTextMode"], 1);
    let accepted = accept(&text, operation);
    for expected in [
        "\"${1|get,post,put,patch,delete|}\": {",
        "\"200\": {",
        "\"schema\": {",
        "\"name\": \"tagId\",",
        // The texts the fix of path-parameter-undeclared writes.
        "\"x-ms-summary\": \"Tag ID\",",
        "\"description\": \"The tag ID.\",",
        "\"x-ms-url-encoding\": \"single\"",
    ] {
        assert!(accepted.contains(expected), "{expected} in {accepted}");
    }
    // Indented for its place: the key is at 6 spaces, its members at 8.
    assert!(
        accepted.contains("\n        \"operationId\": \"$2\","),
        "{accepted}"
    );
    insta::assert_json_snapshot!(trimmed(&reply));
    server.shutdown().await;

    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let (text, reply) = complete_marked(&mut server, &path, &marked).await;
    let operation = item(&reply, "operation with a 200 response");
    assert_eq!(operation["insertTextFormat"], 1);
    let accepted = accept(&text, operation);
    assert!(accepted.contains("\"get\": {"), "{accepted}");
    assert!(
        !operation["textEdit"]["newText"]
            .as_str()
            .unwrap()
            .contains('$')
    );
    // The plain text is still valid JSON.
    serde_json::from_str::<Value>(&accepted).expect("valid JSON after a plain insertion");
    server.shutdown().await;
}

#[tokio::test]
async fn structure_snippets_for_parameters_responses_and_oauth() {
    let (_temp, dir) = copy_example("contoso-items");
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let definition = dir.join("apiDefinition.swagger.json");

    let marked = edited(
        &definition,
        "\"/categories/{categoryId}/items\": {\n      \"get\": {\n        \"operationId\": \"ListCategoryItems\",",
        "\n        \"responses\": {\"404\": {\"description\": \"None\"}, $0},",
    );
    let (_, reply) = complete_marked(&mut server, &definition, &marked).await;
    assert_eq!(labels(&reply), ["response with a schema"]);

    let marked = read(&definition).replacen(
        "\"parameters\": [\n          {\n            \"name\": \"body\"",
        "\"parameters\": [\n          $0\n          {\n            \"name\": \"body\"",
        1,
    );
    let (text, reply) = complete_marked(&mut server, &definition, &marked).await;
    let found = labels(&reply);
    assert_eq!(
        found,
        [
            "path parameter",
            "query parameter",
            "header parameter",
            "body parameter",
            "#/parameters/ItemId"
        ]
    );
    // An item followed by another one gets a comma.
    let accepted = accept(&text, item(&reply, "query parameter"));
    assert!(
        accepted.contains("\"description\": \"$5\"\n          },\n          {"),
        "{accepted}"
    );

    let properties = dir.join("apiProperties.json");
    let marked = read(&properties).replace(
        "\"token\": {\n        \"type\": \"oauthSetting\",\n        \"oAuthSettings\"",
        "\"token\": {\n        \"type\": \"oauthSetting\",\n        $0\n        \"oAuth\"",
    );
    let (_, reply) = complete_marked(&mut server, &properties, &marked).await;
    let block = item(&reply, "oAuthSettings block");
    let text = block["textEdit"]["newText"].as_str().unwrap();
    assert!(
        text.contains("\"redirectMode\": \"GlobalPerConnector\""),
        "{text}"
    );
    assert!(
        text.contains("\"tokenUrl\": {\"value\": \"$15\"}"),
        "{text}"
    );
    insta::assert_json_snapshot!("oauth_settings_block", block);
    server.shutdown().await;
}

#[tokio::test]
async fn policy_templates_and_their_parameters() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiProperties.json");
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let text = read(&path);

    // A new instance in the list.
    let marked = text.replace(
        "\"policyTemplateInstances\": [",
        "\"policyTemplateInstances\": [\n      $0",
    );
    let (with_item, reply) = complete_marked(&mut server, &path, &marked).await;
    let found = labels(&reply);
    assert!(
        found.contains(&"setheader".to_string()) && found.contains(&"dynamichosturl".to_string())
    );
    let accepted = accept(&with_item, item(&reply, "dynamichosturl"));
    assert!(
        accepted.contains("\"x-ms-apimTemplateParameter.urlTemplate\": \"$2\""),
        "{accepted}"
    );
    assert!(
        accepted.contains("\"x-ms-apimTemplate-operationName\": [$3]\n"),
        "{accepted}"
    );
    insta::assert_json_snapshot!("policy_instance", item(&reply, "dynamichosturl"));

    // templateId values.
    let marked = text.replace("\"templateId\": \"setheader\"", "\"templateId\": \"set$0\"");
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert!(labels(&reply).contains(&"routerequesttoendpoint".to_string()));

    // The parameters of the instance's template, without those present.
    let marked = text.replace(
        "\"x-ms-apimTemplate-policySection\": \"Request\",",
        "\"x-ms-apimTemplate-policySection\": \"Request\",\n          \"$0\",",
    );
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(
        labels(&reply),
        Vec::<String>::new(),
        "every setheader parameter is present"
    );
    let marked = text.replace(
        "\"x-ms-apimTemplateParameter.existsAction\": \"override\",",
        "\"$0\",",
    );
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["x-ms-apimTemplateParameter.existsAction"]);
    let marked = text.replace("existsAction\": \"override\"", "existsAction\": \"$0\"");
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    assert_eq!(labels(&reply), ["override", "skip", "append"]);
    server.shutdown().await;
}

#[tokio::test]
async fn api_properties_and_settings_keys() {
    let (_temp, dir) = copy_example("contoso-items");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;

    let properties = dir.join("apiProperties.json");
    let marked = read(&properties).replace(
        "\"capabilities\": [\"actions\"]",
        "\"capabilities\": [\"actions\", \"$0\"]",
    );
    let (_, reply) = complete_marked(&mut server, &properties, &marked).await;
    assert_eq!(labels(&reply), ["actions", "triggers", "gateway"]);

    let marked = read(&properties).replace(
        "\"stackOwner\": \"Contoso\",",
        "\"stackOwner\": \"Contoso\",\n    $0",
    );
    let (_, reply) = complete_marked(&mut server, &properties, &marked).await;
    assert_eq!(labels(&reply), ["connectionParameterSets"]);

    let settings = dir.join("settings.json");
    let marked = read(&settings).replace(
        "\"script\": \"script.csx\"",
        "\"script\": \"script.csx\",\n  \"$0",
    );
    let (_, reply) = complete_marked(&mut server, &settings, &marked).await;
    let found = labels(&reply);
    assert!(
        !found.contains(&"script".to_string()) && !found.contains(&"apiDefinition".to_string())
    );
    assert!(found.contains(&"icon".to_string()) && found.contains(&"environment".to_string()));
    insta::assert_json_snapshot!(trimmed(&reply));

    let marked = read(&settings).replace("\"apiProperties.json\"", "\"$0\"");
    let (_, reply) = complete_marked(&mut server, &settings, &marked).await;
    assert_eq!(
        labels(&reply),
        [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "settings.json"
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn documentation_is_plain_text_for_clients_without_markdown() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiProperties.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(
        json!({"textDocument": {"completion": {"completionItem": {"documentationFormat": ["plaintext"]}}}}),
        Value::Null,
    )
    .await;
    let uri = file_uri(&path);
    server.open(&uri, &text, 1).await;
    let position = position_of(
        &text,
        "\"redirectMode\": \"",
        0,
        "\"redirectMode\": \"".len(),
    );
    let items = server
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
        .await;
    let items = items
        .as_array()
        .or_else(|| items["items"].as_array())
        .unwrap();
    let per_connector = items
        .iter()
        .find(|i| i["label"] == "GlobalPerConnector")
        .unwrap();
    assert!(
        per_connector["documentation"].is_string(),
        "{per_connector}"
    );
    server.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// Accepting an item, as editors apply it. The text is modelled here, independently of the
// server's document code: lines split at `\n`, columns in UTF-16 code units.

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset_at(text: &str, at: &Value) -> usize {
    let line = at["line"].as_u64().unwrap() as usize;
    let character = at["character"].as_u64().unwrap() as usize;
    let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
    let mut units = 0;
    for (index, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + index;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// How an editor applies the item's main edit.
#[derive(Clone, Copy, Debug)]
enum Apply {
    /// The replace range (the single range of a plain `TextEdit`): VS Code in replace mode,
    /// Emacs.
    Replace,
    /// The insert range (the single range of a plain `TextEdit`): VS Code's default.
    Insert,
    /// Neovim 0.11 (`vim.lsp.completion`, omnifunc): from the start of the range to the
    /// cursor, whatever the range's end; the text after the cursor stays.
    Neovim,
}

/// The text after accepting `item` with the cursor at byte `cursor` of `text`: the main edit
/// as `how` applies it, then the additional edits (which lie before the main edit).
fn accepted(text: &str, cursor: usize, item: &Value, how: Apply) -> String {
    let edit = &item["textEdit"];
    let range = match how {
        Apply::Insert if edit["insert"].is_object() => &edit["insert"],
        Apply::Replace | Apply::Neovim if edit["replace"].is_object() => &edit["replace"],
        _ => &edit["range"],
    };
    assert!(range.is_object(), "no range in {edit}");
    let start = offset_at(text, &range["start"]);
    let range_end = offset_at(text, &range["end"]);
    // LSP: the range is on one line and contains the cursor.
    assert!(
        start <= cursor && cursor <= range_end,
        "{range} and the cursor at {cursor}"
    );
    assert!(!text[start..range_end].contains('\n'), "{range}");
    let end = match how {
        Apply::Neovim => cursor,
        _ => range_end,
    };
    let mut out = format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    );
    let mut additional: Vec<&Value> = item["additionalTextEdits"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    additional.sort_by_key(|e| std::cmp::Reverse(offset_at(text, &e["range"]["start"])));
    for more in additional {
        let at = offset_at(text, &more["range"]["start"]);
        let to = offset_at(text, &more["range"]["end"]);
        assert!(
            to <= start,
            "an additional edit after the main edit: {more}"
        );
        out.replace_range(at..to, more["newText"].as_str().unwrap());
    }
    out
}

/// Ask for completion at `$0` of `marked` and accept `label` in each of the ways listed: the
/// line of the cursor afterwards, once per way.
async fn accept_lines(
    server: &mut TestServer,
    path: &Path,
    marked: &str,
    label: &str,
    ways: &[Apply],
) -> Vec<String> {
    let cursor = marked.find("$0").unwrap();
    let (text, reply) = complete_marked(server, path, marked).await;
    let chosen = item(&reply, label);
    let line_index = text[..cursor].matches('\n').count();
    ways.iter()
        .map(|&how| {
            let after = accepted(&text, cursor, chosen, how);
            after
                .split('\n')
                .nth(line_index)
                .unwrap()
                .trim()
                .to_string()
        })
        .collect()
}

const ALL_WAYS: [Apply; 3] = [Apply::Replace, Apply::Insert, Apply::Neovim];

fn insert_replace() -> Value {
    json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true, "insertReplaceSupport": true}}}})
}

#[tokio::test]
async fn accepting_a_value_inside_quotes_inserts_it_once() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let value = |inside: &str| {
        text.replace(
            "\"operationId\": \"ListCategories\",\n              \"value",
            &format!("\"operationId\": {inside},\n              \"value"),
        )
    };
    for capabilities in [json!({}), snippets(), insert_replace()] {
        let (mut server, _) = TestServer::initialized(capabilities.clone(), Value::Null).await;
        for (inside, expected) in [
            // Inside an existing `""`: the bug was `"ListItems"",`.
            ("\"$0\"", "\"operationId\": \"ListItems\","),
            // A prefix typed inside the quotes.
            ("\"Li$0\"", "\"operationId\": \"ListItems\","),
            // An empty value.
            ("$0", "\"operationId\": \"ListItems\","),
        ] {
            let lines =
                accept_lines(&mut server, &path, &value(inside), "ListItems", &ALL_WAYS).await;
            assert_eq!(lines, [expected; 3], "{inside} with {capabilities}");
        }
        // After an opening quote, at the end of the line.
        let marked = text.replace(
            "\"operationId\": \"ListCategories\",",
            "\"operationId\": \"$0",
        );
        let lines = accept_lines(&mut server, &path, &marked, "ListItems", &ALL_WAYS).await;
        assert_eq!(
            lines, ["\"operationId\": \"ListItems\","; 3],
            "{capabilities}"
        );
        server.shutdown().await;
    }
}

#[tokio::test]
async fn insert_and_replace_ranges_for_clients_that_take_both() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let marked = read(&path).replace(
        "\"operationId\": \"ListCategories\",",
        "\"operationId\": \"Li$0stCat\",",
    );
    let (mut server, _) = TestServer::initialized(insert_replace(), Value::Null).await;
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    let edit = &item(&reply, "ListItems")["textEdit"];
    assert!(
        edit["insert"].is_object() && edit["replace"].is_object(),
        "{edit}"
    );
    let lines = accept_lines(
        &mut server,
        &path,
        &marked,
        "ListItems",
        &[Apply::Replace, Apply::Insert],
    )
    .await;
    // Replace: the whole content of the string; insert: what is before the cursor.
    assert_eq!(
        lines,
        [
            "\"operationId\": \"ListItems\",",
            "\"operationId\": \"ListItemsstCat\","
        ]
    );
    server.shutdown().await;

    // A client without insertReplaceSupport gets one range: the replace range.
    let (mut server, _) = TestServer::initialized(snippets(), Value::Null).await;
    let (_, reply) = complete_marked(&mut server, &path, &marked).await;
    let edit = &item(&reply, "ListItems")["textEdit"];
    assert!(
        edit["range"].is_object() && edit.get("insert").is_none(),
        "{edit}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn accepting_a_key_inside_quotes_or_after_an_opening_quote() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let key = |typed: &str| {
        text.replacen(
            "\"operationId\": \"ListItems\",",
            &format!("\"operationId\": \"ListItems\",\n        {typed}"),
            1,
        )
    };
    for capabilities in [json!({}), snippets(), insert_replace()] {
        let snippet = capabilities != json!({});
        let (mut server, _) = TestServer::initialized(capabilities.clone(), Value::Null).await;
        // Inside an existing `""` (an editor's closing quote): the name only, the quotes stay.
        for typed in ["\"$0\"", "\"x-ms-vis$0\""] {
            let lines = accept_lines(
                &mut server,
                &path,
                &key(typed),
                "x-ms-visibility",
                &ALL_WAYS,
            )
            .await;
            assert_eq!(
                lines, ["\"x-ms-visibility\""; 3],
                "{typed} with {capabilities}"
            );
        }
        // After an opening quote: the key, its value and the comma before the next key.
        let value = if snippet {
            "\"${1|important,advanced,internal|}\""
        } else {
            "\"important\""
        };
        let expected = format!("\"x-ms-visibility\": {value},");
        for typed in ["\"$0", "\"x-ms-vis$0"] {
            let lines = accept_lines(
                &mut server,
                &path,
                &key(typed),
                "x-ms-visibility",
                &ALL_WAYS,
            )
            .await;
            assert_eq!(lines, [expected.as_str(); 3], "{typed} with {capabilities}");
        }
        // Without a quote.
        let lines =
            accept_lines(&mut server, &path, &key("$0"), "x-ms-visibility", &ALL_WAYS).await;
        assert_eq!(lines, [expected.as_str(); 3], "{capabilities}");
        server.shutdown().await;
    }
}
