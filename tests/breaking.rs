//! `check --base REF`: the breaking- rules on histories made in temporary git repositories.
//! Each test commits a first version of a connector, changes it in the working tree, and runs
//! the real binary with `--base HEAD`: every kind of breaking change is found where it
//! stands, and what is not a change (reordered keys, reformatting, rewording, a schema moved
//! to `definitions`) finds nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::lsp::{TestServer, codes, file_uri, position_of};
use connector_ls::diagnostic::Severity;
use connector_ls::model::index::ConnectorIndex;
use connector_ls::rules::{Base, RuleConfig, analyze_against};
use serde_json::{Value, json};

/// A git repository in a temporary folder, with one connector folder `demo`.
struct History {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl History {
    /// A repository whose first commit holds `definition` (and `properties`, when given).
    fn new(definition: &Value, properties: Option<&Value>) -> History {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("repo");
        std::fs::create_dir_all(root.join("demo")).unwrap();
        let history = History { _temp: temp, root };
        history.git(&["init", "-q"]);
        history.write(definition, properties);
        history.git(&["add", "-A"]);
        history.git(&["commit", "-q", "-m", "version 1"]);
        history
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(&self.root)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn write(&self, definition: &Value, properties: Option<&Value>) {
        self.write_text(
            &serde_json::to_string_pretty(definition).unwrap(),
            properties,
        );
    }

    fn write_text(&self, definition: &str, properties: Option<&Value>) {
        let dir = self.root.join("demo");
        std::fs::write(dir.join("apiDefinition.swagger.json"), definition).unwrap();
        if let Some(properties) = properties {
            let text = serde_json::to_string_pretty(properties).unwrap();
            std::fs::write(dir.join("apiProperties.json"), text).unwrap();
        }
    }

    /// `check --base REF --select breaking --format json demo`: exit code and findings.
    fn check_with(&self, args: &[&str]) -> (i32, Vec<Value>, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .current_dir(&self.root)
            .env_remove("GITHUB_ACTIONS")
            .args(["check", "--no-config", "--select", "breaking"])
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        let findings = serde_json::from_str::<Value>(&stdout)
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        (output.status.code().unwrap(), findings, stderr)
    }

    fn findings(&self) -> Vec<Value> {
        let (code, findings, stderr) =
            self.check_with(&["--base", "HEAD", "--format", "json", "demo"]);
        assert!(code == 0 || code == 1, "exit {code}: {stderr}");
        assert_eq!(code == 1, findings.iter().any(|f| f["severity"] == "error"));
        findings
    }

    /// The findings of changing the connector to `definition`, as `rule: message`.
    fn after(&self, definition: &Value) -> Vec<Value> {
        self.write(definition, None);
        self.findings()
    }
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

/// A small connector: two operations, a body schema behind `$ref` with `allOf`, a
/// path-level parameter, an enum, a response schema behind a `$ref` chain.
fn version_1() -> Value {
    json!({
        "swagger": "2.0",
        "info": { "title": "Demo", "description": "A demo connector for breaking changes.", "version": "1.0" },
        "host": "api.example.com",
        "basePath": "/",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } },
        "paths": {
            "/items/{list}": {
                "parameters": [
                    { "name": "list", "in": "path", "required": true, "type": "string",
                      "x-ms-summary": "List", "description": "The list." }
                ],
                "get": {
                    "operationId": "ListItems",
                    "summary": "List items",
                    "description": "Lists the items of a list.",
                    "parameters": [
                        { "name": "top", "in": "query", "required": false, "type": "integer",
                          "x-ms-summary": "Top", "description": "How many." },
                        { "name": "format", "in": "query", "required": false, "type": "string",
                          "enum": ["json", "xml", "csv"], "x-ms-summary": "Format", "description": "The format." },
                        { "name": "filter", "in": "query", "required": false, "type": "string",
                          "x-ms-summary": "Filter", "description": "A filter." }
                    ],
                    "responses": {
                        "200": { "description": "OK", "schema": { "$ref": "#/definitions/ItemList" } }
                    }
                },
                "post": {
                    "operationId": "CreateItem",
                    "summary": "Create an item",
                    "description": "Creates an item in a list.",
                    "parameters": [
                        { "name": "body", "in": "body", "required": true,
                          "schema": { "$ref": "#/definitions/NewItem" } }
                    ],
                    "responses": {
                        "200": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } }
                    }
                }
            }
        },
        "definitions": {
            "ItemList": {
                "type": "object",
                "properties": {
                    "value": { "type": "array", "items": { "$ref": "#/definitions/Item" } }
                }
            },
            "Item": {
                "type": "object",
                "properties": {
                    "id": { "type": "string", "description": "The id." },
                    "price": { "type": "integer", "description": "The price." },
                    "owner": { "$ref": "#/definitions/Owner" }
                }
            },
            "Owner": {
                "type": "object",
                "properties": { "name": { "type": "string" }, "email": { "type": "string" } }
            },
            "NewItem": {
                "allOf": [
                    { "$ref": "#/definitions/ItemBase" },
                    { "type": "object", "properties": { "note": { "type": "string" } } }
                ]
            },
            "ItemBase": {
                "type": "object",
                "required": ["title"],
                "properties": {
                    "title": { "type": "string" },
                    "color": { "type": "string", "enum": ["red", "blue"] }
                }
            }
        }
    })
}

fn properties_1() -> Value {
    json!({
        "properties": {
            "connectionParameters": {
                "api_key": { "type": "securestring",
                    "uiDefinition": { "displayName": "API key", "description": "The key.",
                        "tooltip": "The key.", "constraints": { "required": "true" } } }
            },
            "iconBrandColor": "#1f6feb",
            "capabilities": ["actions"],
            "publisher": "Contoso",
            "stackOwner": "Contoso",
            "policyTemplateInstances": [
                { "templateId": "setheader", "title": "Send the version",
                  "parameters": { "x-ms-apimTemplateParameter.name": "X-Version",
                      "x-ms-apimTemplateParameter.value": "2",
                      "x-ms-apimTemplateParameter.existsAction": "override",
                      "x-ms-apimTemplate-policySection": "Request" } }
            ]
        }
    })
}

fn history() -> History {
    History::new(&version_1(), Some(&properties_1()))
}

/// Edit `value` at a JSON pointer with `edit`.
fn edited(pointer: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut value = version_1();
    edit(
        value
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")),
    );
    value
}

fn only(findings: &[Value], rule: &str) -> Value {
    assert_eq!(rules(findings), vec![rule], "{findings:#?}");
    findings[0].clone()
}

#[test]
fn the_same_connector_has_no_breaking_change() {
    let history = history();
    assert_eq!(history.findings(), Vec::<Value>::new());
}

#[test]
fn reordering_reformatting_rewording_and_moving_a_schema_are_no_change() {
    let history = history();
    // Reworded, and the keys of an operation reordered.
    let mut changed = version_1();
    let get = changed.pointer_mut("/paths/~1items~1{list}/get").unwrap();
    get["summary"] = json!("Get the items");
    get["description"] = json!("Returns every item of the list, page by page.");
    get["parameters"][0]["x-ms-summary"] = json!("Count");
    let reordered: serde_json::Map<String, Value> = get
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    *get = Value::Object(reordered);
    // An inline response schema moved to `definitions` behind a chain of `$ref`s.
    changed["definitions"]["OwnerAlias"] = json!({ "$ref": "#/definitions/Owner2" });
    changed["definitions"]["Owner2"] = changed["definitions"]["Owner"].clone();
    changed["definitions"]["Item"]["properties"]["owner"] =
        json!({ "$ref": "#/definitions/OwnerAlias" });
    // Reformatted: everything on one line.
    history.write_text(&serde_json::to_string(&changed).unwrap(), None);
    assert_eq!(history.findings(), Vec::<Value>::new());
}

#[test]
fn a_deleted_operation_is_reported_at_its_surviving_path_with_where_it_was() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}", |path| {
        path.as_object_mut().unwrap().remove("post");
    });
    let finding = only(&history.after(&changed), "breaking-operation-removed");
    assert_eq!(finding["validator"], "OperationDeleted");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["pointer"], "/paths/~1items~1{list}");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("'CreateItem'"),
        "{finding}"
    );
    let related = &finding["related"][0]["message"];
    assert!(related.as_str().unwrap().contains("at HEAD"), "{related}");
    assert!(
        related
            .as_str()
            .unwrap()
            .contains("/paths/~1items~1{list}/post"),
        "{related}"
    );
}

#[test]
fn a_changed_operation_id_is_reported_at_the_new_id() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get", |get| {
        get["operationId"] = json!("GetItems");
    });
    let finding = only(&history.after(&changed), "breaking-operation-removed");
    assert_eq!(finding["pointer"], "/paths/~1items~1{list}/get/operationId");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("'ListItems' to 'GetItems'"), "{message}");
}

#[test]
fn a_hidden_operation_is_an_error_and_a_deprecated_one_without_replacement_a_warning() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get", |get| {
        get["x-ms-visibility"] = json!("internal");
    });
    let finding = only(&history.after(&changed), "breaking-operation-hidden");
    assert_eq!(finding["validator"], "OperationHidden");
    assert_eq!(finding["severity"], "error");

    let changed = edited("/paths/~1items~1{list}/get", |get| {
        get["deprecated"] = json!(true);
    });
    let finding = only(&history.after(&changed), "breaking-operation-hidden");
    assert_eq!(finding["severity"], "warning");

    let changed = edited("/paths/~1items~1{list}/get", |get| {
        get["deprecated"] = json!(true);
        get["x-ms-api-annotation"] = json!({ "replacement": { "operationId": "ListItemsV2" } });
    });
    assert_eq!(history.after(&changed), Vec::<Value>::new());
}

#[test]
fn a_deleted_renamed_or_moved_input_is_reported() {
    let history = history();
    // Deleted: at the operation, with where it was.
    let changed = edited("/paths/~1items~1{list}/get/parameters", |list| {
        list.as_array_mut().unwrap().remove(2);
    });
    let finding = only(&history.after(&changed), "breaking-input-removed");
    assert_eq!(finding["validator"], "InputFieldDeleted");
    assert_eq!(finding["pointer"], "/paths/~1items~1{list}/get/operationId");
    assert!(finding["message"].as_str().unwrap().contains("'filter'"));
    assert!(!finding["related"].as_array().unwrap().is_empty());
    // Renamed: the new name is suggested.
    let changed = edited("/paths/~1items~1{list}/get/parameters/2", |p| {
        p["name"] = json!("query");
    });
    let finding = only(&history.after(&changed), "breaking-input-removed");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("is it 'query' now?"),
        "{finding}"
    );
    // Moved: at its `in`.
    let changed = edited("/paths/~1items~1{list}/get/parameters/2", |p| {
        p["in"] = json!("header");
    });
    let finding = only(&history.after(&changed), "breaking-input-removed");
    assert_eq!(
        finding["pointer"],
        "/paths/~1items~1{list}/get/parameters/2/in"
    );
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("from 'query' to 'header'")
    );
    // A body property deleted through `$ref` and `allOf`: at the body.
    let mut changed = version_1();
    changed["definitions"]["NewItem"]["allOf"][1]["properties"] = json!({});
    let finding = only(&history.after(&changed), "breaking-input-removed");
    assert!(
        finding["message"].as_str().unwrap().contains("'body/note'"),
        "{finding}"
    );
    assert_eq!(
        finding["pointer"],
        "/paths/~1items~1{list}/post/parameters/0"
    );
}

#[test]
fn a_path_level_parameter_counts_for_every_operation_of_its_path() {
    let history = history();
    // Moved from the path to each operation: no change.
    let mut changed = version_1();
    let path = changed.pointer_mut("/paths/~1items~1{list}").unwrap();
    let shared = path["parameters"][0].clone();
    path.as_object_mut().unwrap().remove("parameters");
    for method in ["get", "post"] {
        path[method]["parameters"]
            .as_array_mut()
            .unwrap()
            .push(shared.clone());
    }
    assert_eq!(history.after(&changed), Vec::<Value>::new());
    // Renamed at the path level: both operations lose it.
    let changed = edited("/paths/~1items~1{list}/parameters/0", |p| {
        p["name"] = json!("listId");
    });
    let findings = history.after(&changed);
    assert_eq!(
        rules(&findings),
        vec!["breaking-input-removed", "breaking-input-removed"],
        "{findings:#?}"
    );
}

#[test]
fn an_input_made_internal_is_reported_at_its_visibility() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get/parameters/2", |p| {
        p["x-ms-visibility"] = json!("internal");
        p["default"] = json!("all");
    });
    let finding = only(&history.after(&changed), "breaking-input-internal");
    assert_eq!(
        finding["validator"],
        "InputFieldVisibilityChangedToInternal"
    );
    assert_eq!(
        finding["pointer"],
        "/paths/~1items~1{list}/get/parameters/2/x-ms-visibility"
    );
}

#[test]
fn a_new_required_input_without_default_and_an_input_made_required_are_reported() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get/parameters", |list| {
        list.as_array_mut().unwrap().push(json!({ "name": "region", "in": "query",
            "required": true, "type": "string", "x-ms-summary": "Region", "description": "Where." }));
    });
    let finding = only(&history.after(&changed), "breaking-input-required");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("New required input 'region'")
    );
    // With a default, it is no change.
    let changed = edited("/paths/~1items~1{list}/get/parameters", |list| {
        list.as_array_mut().unwrap().push(json!({ "name": "region", "in": "query",
            "required": true, "type": "string", "default": "eu", "x-ms-summary": "Region", "description": "Where." }));
    });
    assert_eq!(history.after(&changed), Vec::<Value>::new());
    // Optional made required: at `required`.
    let changed = edited("/paths/~1items~1{list}/get/parameters/0", |p| {
        p["required"] = json!(true);
    });
    let finding = only(&history.after(&changed), "breaking-input-required");
    assert_eq!(
        finding["pointer"],
        "/paths/~1items~1{list}/get/parameters/0/required"
    );
    // A body property made required through `allOf`.
    let mut changed = version_1();
    changed["definitions"]["ItemBase"]["required"] = json!(["title", "color"]);
    let finding = only(&history.after(&changed), "breaking-input-required");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("'body/color'"),
        "{finding}"
    );
}

#[test]
fn an_input_type_or_format_change_is_reported_at_the_new_value() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get/parameters/0", |p| {
        p["type"] = json!("string");
    });
    let finding = only(&history.after(&changed), "breaking-input-type-changed");
    assert_eq!(
        finding["pointer"],
        "/paths/~1items~1{list}/get/parameters/0/type"
    );
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("from 'integer' to 'string'")
    );
    let changed = edited("/paths/~1items~1{list}/get/parameters/2", |p| {
        p["format"] = json!("date-time");
    });
    let finding = only(&history.after(&changed), "breaking-input-type-changed");
    assert!(finding["message"].as_str().unwrap().contains("format"));
}

#[test]
fn enum_values_removed_are_an_error_and_a_new_enum_a_warning() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get/parameters/1", |p| {
        p["enum"] = json!(["json", "xml"]);
    });
    let finding = only(&history.after(&changed), "breaking-input-enum-changed");
    assert_eq!(finding["severity"], "error");
    assert!(
        finding["message"].as_str().unwrap().contains("\"csv\""),
        "{finding}"
    );
    // Values added or reordered: no change.
    let changed = edited("/paths/~1items~1{list}/get/parameters/1", |p| {
        p["enum"] = json!(["csv", "json", "xml", "yaml"]);
    });
    assert_eq!(history.after(&changed), Vec::<Value>::new());
    let changed = edited("/paths/~1items~1{list}/get/parameters/2", |p| {
        p["enum"] = json!(["open", "closed"]);
    });
    let finding = only(&history.after(&changed), "breaking-input-enum-changed");
    assert_eq!(finding["severity"], "warning");
    // In a body property, through `allOf`.
    let mut changed = version_1();
    changed["definitions"]["ItemBase"]["properties"]["color"]["enum"] = json!(["red"]);
    let finding = only(&history.after(&changed), "breaking-input-enum-changed");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("'body/color'")
    );
}

#[test]
fn a_deleted_output_property_is_reported_through_ref_chains() {
    let history = history();
    // `Item` is the response of CreateItem and the items of ListItems' response.
    let mut changed = version_1();
    changed["definitions"]["Owner"]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("email");
    let findings = history.after(&changed);
    assert_eq!(
        rules(&findings),
        vec!["breaking-output-removed", "breaking-output-removed"],
        "{findings:#?}"
    );
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("'value/[]/owner/email'")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("'owner/email'")),
        "{messages:?}"
    );
    assert!(
        findings
            .iter()
            .all(|f| f["validator"] == "OutputFieldDeleted")
    );
    assert!(
        findings
            .iter()
            .all(|f| f["pointer"] == "/definitions/Item/properties/owner")
    );
}

#[test]
fn a_success_response_that_lost_its_schema_is_reported_once() {
    let history = history();
    let responses = "/paths/~1items~1{list}/post/responses";
    // The schema removed: every output of the action is gone, one finding at the response.
    let changed = edited(&format!("{responses}/200"), |r| {
        r.as_object_mut().unwrap().remove("schema");
    });
    let finding = only(&history.after(&changed), "breaking-output-removed");
    assert_eq!(finding["pointer"], format!("{responses}/200"));
    assert_eq!(finding["validator"], "OutputFieldDeleted");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("response 200 of operation 'CreateItem' lost its schema"),
        "{finding}"
    );
    // The response removed: at the operation's `responses`.
    let changed = edited(responses, |r| {
        r["201"] = json!({ "description": "Created" });
        r.as_object_mut().unwrap().remove("200");
    });
    let finding = only(&history.after(&changed), "breaking-output-removed");
    assert_eq!(finding["pointer"], responses);
    // 200 to 201 with the same schema is the same response: no change.
    let changed = edited(responses, |r| {
        r["201"] = r["200"].take();
        r.as_object_mut().unwrap().remove("200");
    });
    assert_eq!(history.after(&changed), Vec::<Value>::new());
}

#[test]
fn an_output_type_change_is_an_error_and_a_widening_a_warning() {
    let history = history();
    let mut changed = version_1();
    changed["definitions"]["Item"]["properties"]["price"]["type"] = json!("string");
    let findings = history.after(&changed);
    assert_eq!(
        rules(&findings),
        vec!["breaking-output-type-changed"; 2],
        "{findings:#?}"
    );
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(findings[0]["validator"], "OutputFieldTypeChanged");
    assert_eq!(
        findings[0]["pointer"],
        "/definitions/Item/properties/price/type"
    );
    changed["definitions"]["Item"]["properties"]["price"]["type"] = json!("number");
    let findings = history.after(&changed);
    assert_eq!(
        rules(&findings),
        vec!["breaking-output-type-changed"; 2],
        "{findings:#?}"
    );
    assert!(findings.iter().all(|f| f["severity"] == "warning"));
}

#[test]
fn a_changed_or_removed_authentication_is_reported() {
    let history = history();
    let mut changed = version_1();
    changed["securityDefinitions"] = json!({ "oauth": { "type": "oauth2", "flow": "accessCode",
        "authorizationUrl": "https://login.example.com/a", "tokenUrl": "https://login.example.com/t", "scopes": {} } });
    let finding = only(&history.after(&changed), "breaking-auth-changed");
    assert_eq!(finding["validator"], "AuthenticationMethodRemoved");
    assert!(finding["message"].as_str().unwrap().contains("'apiKey'"));
    // The type changed under the same name: at the type.
    changed["securityDefinitions"] = json!({ "api_key": { "type": "basic" } });
    let finding = only(&history.after(&changed), "breaking-auth-changed");
    assert_eq!(finding["pointer"], "/securityDefinitions/api_key/type");
    // Renamed with the same type: no change.
    changed["securityDefinitions"] =
        json!({ "key": { "type": "apiKey", "in": "header", "name": "X-Key" } });
    assert_eq!(history.after(&changed), Vec::<Value>::new());
}

#[test]
fn a_removed_connection_parameter_and_a_removed_rewriting_policy_are_reported() {
    let history = history();
    let mut properties = properties_1();
    let parameters = properties
        .pointer_mut("/properties/connectionParameters")
        .unwrap();
    let key = parameters
        .as_object_mut()
        .unwrap()
        .remove("api_key")
        .unwrap();
    parameters["apiKey"] = key;
    history.write(&version_1(), Some(&properties));
    let finding = only(&history.findings(), "breaking-connection-parameter-removed");
    assert_eq!(finding["validator"], "ConnectionParametersRemoved");
    assert_eq!(finding["file"], "demo/apiProperties.json");
    assert!(finding["message"].as_str().unwrap().contains("'api_key'"));

    let mut properties = properties_1();
    properties["properties"]["connectionParameters"]["api_key"]["type"] = json!("string");
    history.write(&version_1(), Some(&properties));
    let finding = only(&history.findings(), "breaking-connection-parameter-changed");
    assert_eq!(
        finding["pointer"],
        "/properties/connectionParameters/api_key/type"
    );
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("from 'securestring' to 'string'")
    );

    let mut properties = properties_1();
    properties["properties"]["policyTemplateInstances"] = json!([]);
    history.write(&version_1(), Some(&properties));
    let finding = only(&history.findings(), "breaking-policy-removed");
    assert_eq!(finding["severity"], "warning");
    assert!(finding["message"].as_str().unwrap().contains("'setheader'"));
}

#[test]
fn a_connector_absent_at_the_base_is_new() {
    let history = history();
    let other = history.root.join("other");
    std::fs::create_dir(&other).unwrap();
    let text = serde_json::to_string_pretty(&version_1()).unwrap();
    std::fs::write(other.join("apiDefinition.swagger.json"), text).unwrap();
    let (code, findings, stderr) =
        history.check_with(&["--base", "HEAD", "--format", "json", "other"]);
    assert_eq!((code, findings, stderr), (0, Vec::new(), String::new()));
}

#[test]
fn a_bad_ref_or_a_path_outside_a_repository_is_exit_2_with_a_message() {
    let history = history();
    let (code, _, stderr) = history.check_with(&["--base", "no-such-branch", "demo"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'no-such-branch' is not a commit"),
        "{stderr}"
    );
    let (code, _, stderr) = history.check_with(&["--base", "--upload-pack=x", "demo"]);
    assert_eq!(code, 2, "{stderr}");

    let outside = tempfile::tempdir().unwrap();
    let dir = outside.path().join("demo");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("apiDefinition.swagger.json"), "{}").unwrap();
    let (code, _, stderr) = history.check_with(&["--base", "HEAD", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
}

#[test]
fn every_output_format_and_the_baseline_carry_breaking_changes() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}", |path| {
        path.as_object_mut().unwrap().remove("post");
    });
    history.write(&changed, None);
    let base = ["--base", "HEAD"];
    for format in ["human", "json", "sarif", "github", "azure"] {
        let (code, _, stderr) =
            history.check_with(&[&base[..], &["--format", format, "demo"]].concat());
        assert_eq!(code, 1, "{format}: {stderr}");
    }
    let output = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .current_dir(&history.root)
            .env_remove("GITHUB_ACTIONS")
            .args([
                "check",
                "--no-config",
                "--select",
                "breaking",
                "--base",
                "HEAD",
                "--format",
                format,
                "demo",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let human = output("human");
    assert!(human.contains("breaking-operation-removed"), "{human}");
    assert!(
        human.contains("change validator: OperationDeleted"),
        "{human}"
    );
    let sarif = output("sarif");
    assert!(
        sarif.contains("\"ruleId\": \"breaking-operation-removed\""),
        "{sarif}"
    );
    assert!(sarif.contains("OperationDeleted"), "{sarif}");
    assert!(output("github").contains("OperationDeleted"));
    assert!(output("azure").contains("OperationDeleted"));

    // A baseline written with the change hides it.
    let baseline = history.root.join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (code, _, stderr) =
        history.check_with(&[&base[..], &["--write-baseline", baseline, "demo"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let (code, findings, stderr) = history.check_with(
        &[
            &base[..],
            &["--baseline", baseline, "--format", "json", "demo"],
        ]
        .concat(),
    );
    assert_eq!((code, findings.len()), (0, 0), "{stderr}");
}

#[test]
fn the_base_is_read_from_git_not_from_the_working_tree_and_may_be_any_revision() {
    let history = history();
    let changed = edited("/paths/~1items~1{list}/get", |get| {
        get["operationId"] = json!("GetItems");
    });
    history.write(&changed, None);
    history.git(&["commit", "-q", "-am", "version 2"]);
    // At HEAD (version 2) there is no change; against version 1 there is one.
    assert_eq!(history.findings(), Vec::<Value>::new());
    let (code, findings, _) = history.check_with(&["--base", "HEAD~1", "--format", "json", "demo"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&findings), vec!["breaking-operation-removed"]);
    // A folder inside the repository, named from elsewhere.
    let path: &Path = &history.root.join("demo");
    let (code, findings, _) = history.check_with(&[
        "--base",
        "HEAD~1",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!((code, findings.len()), (1, 1));
}

/// The editor: with `baseRef`, breaking changes show as you type; a fix renames the
/// operation back; renaming a published operation warns.
#[tokio::test]
async fn the_base_ref_setting_shows_breaking_changes_as_you_type() {
    let history = history();
    let path = history.root.join("demo/apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replace("\"ListItems\"", "\"GetItems\"");

    // Without the setting, nothing is compared.
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &renamed, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        !codes(&diagnostics)
            .iter()
            .any(|c| c.starts_with("breaking-"))
    );
    server.shutdown().await;

    let options = json!({"connectorLs": {"baseRef": "HEAD"}});
    let (mut server, _) = TestServer::initialized(json!({}), options).await;
    server.open(&uri, &text, 1).await;
    assert!(
        !codes(&server.diagnostics_for(&uri, 1).await)
            .iter()
            .any(|c| c.starts_with("breaking-"))
    );
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": renamed}]}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 2).await;
    let breaking: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "breaking-operation-removed")
        .collect();
    assert_eq!(breaking.len(), 1, "{diagnostics:#?}");
    let fixes = server.quick_fixes(&uri, breaking[0]).await;
    let titles = common::lsp::titles(&fixes);
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Rename operationId to 'ListItems'")),
        "{titles:?}"
    );

    // Renaming a published operation says that it breaks flows, and how not to.
    let mut params = json!({
        "textDocument": {"uri": uri},
        "position": position_of(&renamed, "CreateItem", 0, 2),
        "newName": "AddItem",
    });
    let edit = server.request("textDocument/rename", params.clone()).await;
    assert!(edit["changes"].is_object(), "{edit}");
    let message = server.notification("window/showMessage").await;
    let text = message["message"].as_str().unwrap();
    assert!(
        text.contains("breaks the flows that use it") && text.contains("deprecated"),
        "{text}"
    );
    // An operation that is new since the base renames without a word.
    params["position"] = position_of(&renamed, "GetItems", 0, 2);
    server.request("textDocument/rename", params).await;
    assert!(server.pending("window/showMessage").is_empty());

    // Committing the rename moves HEAD: the client reports git's reference changed, and the
    // rename is no longer a change from the base.
    history.write_text(&renamed, None);
    history.git(&["commit", "-q", "-am", "rename"]);
    let reference = file_uri(&history.root.join(".git/refs/heads/main"));
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": reference, "type": 2}]}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 2).await;
    assert!(
        !codes(&diagnostics)
            .iter()
            .any(|c| c.starts_with("breaking-")),
        "{diagnostics:#?}"
    );
    server.shutdown().await;
}

/// The editor offers the documented rename as a refactoring on a published operationId (not
/// on one that is new since the base): it keeps the operation and adds `Id_V2`, editing the
/// definition and apiProperties.json together.
#[tokio::test]
async fn a_published_operation_id_offers_its_next_revision() {
    let history = history();
    let path = history.root.join("demo/apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"CreateItem\"", "\"AddItem\"");
    let options = json!({"connectorLs": {"baseRef": "HEAD"}});
    let (mut server, _) = TestServer::initialized(json!({}), options).await;
    server.open(&uri, &text, 1).await;
    server.diagnostics_for(&uri, 1).await;
    let refactorings = |at: &str| {
        let position = position_of(&text, at, 0, 2);
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": position, "end": position},
            "context": {"diagnostics": [], "only": ["refactor"]},
        })
    };
    let actions = server
        .request("textDocument/codeAction", refactorings("ListItems"))
        .await;
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "refactor.rewrite");
    assert_eq!(
        actions[0]["title"],
        "Keep 'ListItems' for the flows that use it (deprecated) and add 'ListItemsV2' as its \
         next revision at '/v2/items/{list}'"
    );
    let changed: Vec<&String> = actions[0]["edit"]["changes"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    // AddItem is new since the base: renaming it breaks nothing, so nothing is offered.
    let actions = server
        .request("textDocument/codeAction", refactorings("AddItem"))
        .await;
    assert!(actions.is_null() || actions == json!([]), "{actions}");
    server.shutdown().await;
}

/// `base-ref` in connector-ls.toml sets the base for the editor too.
#[tokio::test]
async fn the_base_ref_of_the_project_file_applies_in_the_editor() {
    let history = history();
    std::fs::write(
        history.root.join("connector-ls.toml"),
        "base-ref = \"HEAD\"\n",
    )
    .unwrap();
    let path = history.root.join("demo/apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"CreateItem\"", "\"AddItem\"");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        codes(&diagnostics).contains(&"breaking-operation-removed".to_string()),
        "{diagnostics:#?}"
    );
    server.shutdown().await;
}

/// A fix that renames an operation published at the base says that it breaks flows, and is
/// never applied blind.
#[test]
fn a_rename_fix_of_a_published_operation_warns_and_is_unsafe() {
    let mut first = version_1();
    first["paths"]["/items/{list}"]["get"]["operationId"] = json!("list_items");
    let history = History::new(&first, Some(&properties_1()));
    let fix_of = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .current_dir(&history.root)
            .args([
                "check",
                "--no-config",
                "--select",
                "operation-id-not-pascal-case",
                "--format",
                "json",
            ])
            .args(args)
            .arg("demo")
            .output()
            .unwrap();
        let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
        findings[0]["fixes"][0].clone()
    };
    let plain = fix_of(&[]);
    assert!(
        !plain["title"].as_str().unwrap().contains("breaks"),
        "{plain}"
    );
    let against = fix_of(&["--base", "HEAD"]);
    let title = against["title"].as_str().unwrap();
    assert!(
        title.starts_with("Rename operationId to 'ListItems'"),
        "{title}"
    );
    assert!(
        title.contains("breaks the flows that use 'list_items', published at HEAD"),
        "{title}"
    );
    assert_eq!(against["applicability"], "unsafe");
}

/// The second fix of a published operation's rename is the path Microsoft documents: the old
/// operation stays, deprecated, revision 1 of its family; the renamed copy is revision 2 at
/// `/v2` and the old path, with the path's parameters, joins the policies that named the old
/// one, and a routing policy sends it to the old path. Against the base nothing breaks, the
/// result has no error, and the rule has nothing left to rename.
#[test]
fn the_documented_rename_of_a_published_operation_breaks_nothing() {
    let mut first = version_1();
    first["paths"]["/items/{list}"]["get"]["operationId"] = json!("list_items");
    let mut properties = properties_1();
    properties["properties"]["policyTemplateInstances"]
        .as_array_mut()
        .unwrap()
        .push(
            json!({ "templateId": "setqueryparameter", "title": "Ask for JSON",
            "parameters": { "x-ms-apimTemplateParameter.name": "format",
                "x-ms-apimTemplateParameter.value": "json",
                "x-ms-apimTemplateParameter.existsAction": "override",
                "x-ms-apimTemplate-operationName": ["list_items"] } }),
        );
    let history = History::new(&first, Some(&properties));
    let dir = history.root.join("demo");
    let now = common::load(&dir);
    let base = common::load(&dir);
    let (now_index, base_index) = (ConnectorIndex::new(&now), ConnectorIndex::new(&base));
    let config = RuleConfig::default();
    let found = analyze_against(
        &now_index,
        Some(Base {
            index: &base_index,
            label: "HEAD",
        }),
        &config,
    );
    let hint = found
        .iter()
        .find(|d| d.rule == "operation-id-not-pascal-case")
        .unwrap();
    let titles: Vec<&str> = hint.fixes.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(
        titles[1],
        "Keep 'list_items' for the flows that use it (deprecated) and add 'ListItems' as its \
         next revision at '/v2/items/{list}'"
    );
    let fixed = common::apply_fix(&now, &hint.fixes[1]);
    for file in &fixed.files {
        std::fs::write(&file.path, &file.text).unwrap();
    }

    assert_eq!(history.findings(), Vec::<Value>::new());
    let after = common::check(&common::load(&dir));
    let errors: Vec<_> = after
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(
        !after
            .iter()
            .any(|d| d.rule == "operation-id-not-pascal-case"),
        "{after:#?}"
    );

    let definition: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("apiDefinition.swagger.json")).unwrap(),
    )
    .unwrap();
    let kept = &definition["paths"]["/items/{list}"]["get"];
    assert_eq!(kept["operationId"], "list_items");
    assert_eq!(kept["deprecated"], true);
    assert_eq!(kept["summary"], "List items (deprecated)");
    assert_eq!(
        kept["x-ms-api-annotation"],
        json!({"family": "list_items", "revision": 1})
    );
    let item = &definition["paths"]["/v2/items/{list}"];
    assert_eq!(
        item["parameters"],
        first["paths"]["/items/{list}"]["parameters"]
    );
    assert!(item.get("post").is_none());
    let copy = &item["get"];
    assert_eq!(copy["operationId"], "ListItems");
    assert_eq!(copy["summary"], "List items");
    assert_eq!(
        copy["x-ms-api-annotation"],
        json!({"family": "list_items", "revision": 2})
    );
    assert_eq!(
        copy["parameters"],
        first["paths"]["/items/{list}"]["get"]["parameters"]
    );

    let properties: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("apiProperties.json")).unwrap())
            .unwrap();
    let policies = properties["properties"]["policyTemplateInstances"]
        .as_array()
        .unwrap();
    assert_eq!(
        policies[1]["parameters"]["x-ms-apimTemplate-operationName"],
        json!(["list_items", "ListItems"])
    );
    assert_eq!(
        policies[2],
        json!({ "templateId": "routerequesttoendpoint", "title": "Send ListItems to /items/{list}",
            "parameters": { "x-ms-apimTemplate-operationName": ["ListItems"],
                "x-ms-apimTemplateParameter.newPath": "/items/{list}",
                "x-ms-apimTemplateParameter.httpMethod": "@Request.OriginalHTTPMethod" } })
    );
}

#[test]
fn a_changed_identity_provider_is_reported_at_the_new_value() {
    let oauth = |provider: &str| {
        json!({ "properties": { "connectionParameters": { "token": { "type": "oauthSetting",
            "oAuthSettings": { "identityProvider": provider, "clientId": "[[DUMMY]]",
                "scopes": [], "redirectMode": "GlobalPerConnector" } } } } })
    };
    let history = History::new(&version_1(), Some(&oauth("oauth2")));
    history.write(&version_1(), Some(&oauth("aad")));
    let finding = only(&history.findings(), "breaking-connection-parameter-changed");
    assert_eq!(
        finding["pointer"],
        "/properties/connectionParameters/token/oAuthSettings/identityProvider"
    );
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("from 'oauth2' to 'aad'")
    );
}

/// A name may stand in several `connectionParameterSets` with different providers (LawVu's
/// `token`): reordering the sets is no change.
#[test]
fn reordered_connection_parameter_sets_are_no_change() {
    let sets = |order: [&str; 2]| {
        let set = |provider: &str| {
            json!({ "uiDefinition": { "displayName": provider, "description": provider },
                "parameters": { "token": { "type": "oauthSetting",
                    "oAuthSettings": { "identityProvider": provider, "clientId": "[[DUMMY]]",
                        "scopes": [], "redirectMode": "GlobalPerConnector" } } } })
        };
        json!({ "properties": { "connectionParameterSets": { "uiDefinition": {
            "displayName": "Authentication", "description": "How" },
            "values": [set(order[0]), set(order[1])] } } })
    };
    let history = History::new(&version_1(), Some(&sets(["oauth2", "oauth2generic"])));
    history.write(&version_1(), Some(&sets(["oauth2generic", "oauth2"])));
    assert_eq!(history.findings(), Vec::<Value>::new());
}
