//! Hover through the in-process JSON-RPC harness: keyword and extension docs with their
//! links and limits, enum value docs, `$ref` targets, operationId references in every file,
//! and the rule docs of diagnostics combined with them. Replies are insta snapshots.

mod common;

use std::path::Path;

use common::copy_example;
use common::lsp::{TestServer, file_uri, position, read};
use serde_json::{Value, json};

/// Hover at the first occurrence of `needle` in the file, `shift` bytes into it.
async fn hover_at(
    server: &mut TestServer,
    path: &Path,
    text: &str,
    needle: &str,
    shift: usize,
) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {}", path.display()))
        + shift;
    server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file_uri(path)}, "position": position(text, offset)}),
        )
        .await
}

fn markdown(reply: &Value) -> &str {
    reply["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover: {reply}"))
}

#[tokio::test]
async fn extension_key_docs_have_the_official_link() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;
    let reply = hover_at(&mut server, &path, &text, "\"x-ms-url-encoding\"", 3).await;
    let docs = markdown(&reply);
    assert!(
        docs.starts_with("**`x-ms-url-encoding`** · string"),
        "{docs}"
    );
    assert!(docs.contains("- `double`:"), "{docs}");
    assert!(
        docs.contains("(https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions#x-ms-url-encoding)"),
        "{docs}"
    );
    insta::assert_json_snapshot!(reply);
    server.shutdown().await;
}

#[tokio::test]
async fn summary_and_title_show_their_limits() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path).replace(
        "\"summary\": \"List categories\"",
        "\"summary\": \"List every category of the inventory, sorted by name, with their identifiers and parents\"",
    );
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;
    let reply = hover_at(&mut server, &path, &text, "\"summary\": \"List every", 2).await;
    let docs = markdown(&reply);
    assert!(docs.contains("**Limits:** At most 80 characters"), "{docs}");
    assert!(
        docs.contains("This value has 88 characters: **8 over the limit of 80**."),
        "{docs}"
    );
    insta::assert_json_snapshot!("summary", reply);

    let reply = hover_at(&mut server, &path, &text, "\"title\"", 2).await;
    let docs = markdown(&reply);
    assert!(docs.contains("At most 30 characters"), "{docs}");
    assert!(
        docs.contains("This value has 13 characters (limit 30)."),
        "{docs}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn enum_value_and_api_properties_docs() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiProperties.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;

    let reply = hover_at(&mut server, &path, &text, "\"GlobalPerConnector\"", 5).await;
    let docs = markdown(&reply);
    assert!(
        docs.starts_with("**`GlobalPerConnector`** · value of `redirectMode`"),
        "{docs}"
    );
    insta::assert_json_snapshot!("redirect_mode_value", reply);

    let reply = hover_at(&mut server, &path, &text, "\"iconBrandColor\"", 1).await;
    assert!(markdown(&reply).contains("#007ee5"), "{}", markdown(&reply));

    let reply = hover_at(&mut server, &path, &text, "\"setheader\"", 1).await;
    let docs = markdown(&reply);
    assert!(
        docs.starts_with("**`setheader`** · policy template"),
        "{docs}"
    );
    assert!(
        docs.contains("policy-templates/setheader/setheader"),
        "{docs}"
    );

    let reply = hover_at(
        &mut server,
        &path,
        &text,
        "x-ms-apimTemplateParameter.existsAction",
        0,
    )
    .await;
    assert!(
        markdown(&reply).starts_with(
            "**`x-ms-apimTemplateParameter.existsAction`** · optional parameter of `setheader`"
        ),
        "{}",
        markdown(&reply)
    );

    let settings = dir.join("settings.json");
    let settings_text = read(&settings);
    server.open(&file_uri(&settings), &settings_text, 1).await;
    let reply = hover_at(&mut server, &settings, &settings_text, "\"script\"", 1).await;
    assert!(
        markdown(&reply).contains("does not list it"),
        "{}",
        markdown(&reply)
    );
    server.shutdown().await;
}

#[tokio::test]
async fn ref_shows_the_target_type_and_description() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;

    let reply = hover_at(&mut server, &path, &text, "\"#/definitions/ItemPage\"", 4).await;
    assert_eq!(
        markdown(&reply),
        "**`#/definitions/ItemPage`** · object\n\nProperties: `value`, `nextLink`"
    );
    insta::assert_json_snapshot!("definition", reply);

    let reply = hover_at(&mut server, &path, &text, "\"#/parameters/ItemId\"", 4).await;
    assert_eq!(
        markdown(&reply),
        "**`#/parameters/ItemId`** · parameter · in path · string · required\n\nItem ID\n\nThe item's identifier."
    );
    server.shutdown().await;
}

#[tokio::test]
async fn operation_id_references_show_the_operation() {
    let (_temp, dir) = copy_example("contoso-items");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let list_categories = "**`ListCategories`** · `GET /categories`\n\nList categories\n\nLists the categories of the inventory.";

    let definition = dir.join("apiDefinition.swagger.json");
    let text = read(&definition);
    server.open(&file_uri(&definition), &text, 1).await;
    let reply = hover_at(
        &mut server,
        &definition,
        &text,
        "\"ListCategories\",\n              \"value",
        3,
    )
    .await;
    assert_eq!(markdown(&reply), list_categories);
    insta::assert_json_snapshot!("dynamic_values", reply);

    let properties = dir.join("apiProperties.json");
    let text = read(&properties);
    server.open(&file_uri(&properties), &text, 1).await;
    let reply = hover_at(&mut server, &properties, &text, "\"CreateItem\"", 2).await;
    assert!(markdown(&reply).starts_with("**`CreateItem`** · `POST /items`\n\nCreate an item"));
    let reply = hover_at(&mut server, &properties, &text, "[\"ListItems\"", 3).await;
    assert!(markdown(&reply).starts_with("**`ListItems`** · `GET /items`\n\nList items"));

    let script = dir.join("script.csx");
    let text = read(&script);
    server.open(&file_uri(&script), &text, 1).await;
    let reply = hover_at(&mut server, &script, &text, "\"CreateItem\"", 4).await;
    assert!(
        markdown(&reply).starts_with("**`CreateItem`** · `POST /items`"),
        "{reply}"
    );
    insta::assert_json_snapshot!("script_literal", reply);
    server.shutdown().await;
}

#[tokio::test]
async fn rule_docs_come_first_then_the_keyword_docs() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;

    // An operationId reference to nothing: the rule, then what the reference names.
    let reply = hover_at(&mut server, &path, &text, "\"GetList\"", 2).await;
    let docs = markdown(&reply);
    let sections: Vec<&str> = docs.split("\n\n---\n\n").collect();
    assert_eq!(sections.len(), 2, "{docs}");
    assert!(
        sections[0].starts_with("**operation-ref-unknown**"),
        "{docs}"
    );
    assert!(
        sections[0].ends_with(
            "[Reference](https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions)"
        ),
        "{docs}"
    );
    assert_eq!(
        sections[1],
        "**`GetList`** · no operation of the definition has this operationId"
    );

    // The operationId with a space: the rule, then the operationId keyword docs.
    let reply = hover_at(&mut server, &path, &text, "\"List Tasks\"", 1).await;
    let docs = markdown(&reply);
    let sections: Vec<&str> = docs.split("\n\n---\n\n").collect();
    assert!(
        sections[0].starts_with(
            "**operation-id-whitespace** · Swagger Validator `OperationIdSanitized`\n"
        ),
        "{docs}"
    );
    assert!(
        sections
            .last()
            .unwrap()
            .starts_with("**`operationId`** · string"),
        "{docs}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn hover_range_counts_utf16_after_a_non_bmp_character() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("apiDefinition.swagger.json");
    let text = "{\r\n  \"info\": {\"description\": \"😀😀\", \"x-ms-api-annotation\": {\"status\": \"Preview\"}}\r\n}\r\n";
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), text, 1).await;
    let reply = hover_at(&mut server, &path, text, "\"Preview\"", 2).await;
    let docs = markdown(&reply);
    assert!(
        docs.starts_with("**`Preview`** · value of `status`"),
        "{docs}"
    );
    let start = text.find("\"Preview\"").unwrap();
    assert_eq!(reply["range"]["start"], position(text, start));
    assert_eq!(
        reply["range"]["end"],
        position(text, start + "\"Preview\"".len())
    );
    // Two emoji before: UTF-16 columns are 2 more than the character count.
    let line = text.lines().nth(1).unwrap();
    let chars_before = line[..line.find("\"Preview\"").unwrap()].chars().count();
    assert_eq!(reply["range"]["start"]["character"], chars_before + 2);
    insta::assert_json_snapshot!(reply);
    server.shutdown().await;
}

#[tokio::test]
async fn nothing_to_say_is_null() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let text = read(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&file_uri(&path), &text, 1).await;
    // A key of a schema's `properties` is a property name, not a keyword.
    let reply = hover_at(&mut server, &path, &text, "\"tags\": { \"type\"", 2).await;
    assert_eq!(reply, Value::Null);
    server.shutdown().await;
}
