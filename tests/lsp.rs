//! Language server tests through the in-process JSON-RPC harness (`common/lsp.rs`): every
//! test speaks real framed JSON-RPC to the real service, on copies of fixture connectors in a
//! temporary folder.

mod common;

use common::copy_example;
use common::lsp::{TestServer, apply_change, apply_edits, codes, file_uri, read, titles};
use connector_ls::text::Encoding;
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
        json!(["quickfix", "refactor.rewrite", "source.fixAll.connector-ls"])
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
    // The rule id links to the validator rule it mirrors.
    assert_eq!(
        whitespace["codeDescription"]["href"],
        "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules"
    );
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
    let text = common::without_syntax_error(&read(&path));
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .unwrap()
        .clone();
    let actions = server.quick_fixes(&uri, &whitespace).await;
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

async fn change(server: &mut TestServer, uri: &str, text: &str, version: i64) -> Vec<String> {
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        )
        .await;
    codes(&server.diagnostics_for(uri, version).await)
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
    // The document has a trailing comma: the first fix-all repairs only that.
    let action = server.fix_all(&uri).await.unwrap();
    assert_eq!(action["title"], "Apply the safe connector-ls fix");
    let repaired = apply_edits(&text, &action["edit"]["changes"][&uri], Encoding::Utf16);
    assert!(
        serde_json::from_str::<Value>(&repaired).is_ok(),
        "fix-all leaves valid JSON"
    );
    assert!(repaired.contains("\"List Tasks\""), "no rename yet");
    let after = change(&mut server, &uri, &repaired, 2).await;
    assert!(!after.iter().any(|c| c == "json-syntax-error"), "{after:?}");

    let action = server.fix_all(&uri).await.unwrap();
    let fixed = apply_edits(&repaired, &action["edit"]["changes"][&uri], Encoding::Utf16);
    assert!(serde_json::from_str::<Value>(&fixed).is_ok());
    let after = change(&mut server, &uri, &fixed, 3).await;
    assert!(
        !after.iter().any(|c| c == "operation-id-whitespace"),
        "{after:?}"
    );
    server.shutdown().await;
}

/// In a document with a syntax error, fix-all and the quick fixes offer only the repairs of
/// syntax errors: no rename, even a safe one, and nothing built on what recovery rebuilt.
#[tokio::test]
async fn a_broken_document_gets_only_syntax_repairs() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    // A safe rename ("Create Item"), a trailing comma (a repair), and a missing closing brace
    // of a path item (no repair).
    let text = read(&path)
        .replace("\"CreateItem\"", "\"Create Item\"")
        .replace(
            "\"support@contoso.example.com\"",
            "\"support@contoso.example.com\",",
        );
    let cut = text.find("\n    },\n    \"/items/{itemId}\"").unwrap();
    let text = format!("{}{}", &text[..cut], &text[cut + "\n    },".len()..]);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let whitespace = diagnostics
        .iter()
        .find(|d| d["code"] == "operation-id-whitespace")
        .expect("the finding is still reported")
        .clone();
    assert!(
        titles(&server.quick_fixes(&uri, &whitespace).await)
            .iter()
            .all(|title| title.starts_with("Ignore")),
        "no rename offered in a broken document"
    );

    let action = server.fix_all(&uri).await.unwrap();
    let changes = action["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 1, "only the broken document is edited");
    let edits = changes[&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0]["newText"], "", "the trailing comma is removed");
    let fixed = apply_edits(&text, &changes[&uri], Encoding::Utf16);
    assert_eq!(
        fixed,
        text.replacen(
            "\"support@contoso.example.com\",",
            "\"support@contoso.example.com\"",
            1
        )
    );
    server.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_when_the_client_supports_them() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let capabilities = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    });
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

/// A pull cancelled before its turn never starts an analysis (the client's `$/cancelRequest`
/// is answered with RequestCancelled); a later pull analyses once.
#[tokio::test]
async fn a_cancelled_pull_starts_no_analysis() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let capabilities = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}, "configuration": true}
    });
    // Analyses wait for the client's settings, which the harness gives only once it reads
    // again: the pull is still waiting when its cancellation arrives.
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let id = server
        .send_request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    server.notify("$/cancelRequest", json!({"id": id})).await;
    let answer = server.response(id).await;
    assert_eq!(answer["error"]["code"], -32800, "{answer}");
    server.server_request("workspace/configuration").await;
    server.request_raw("connector-ls/nothing", json!({})).await;
    assert_eq!(connector_ls::workspace::analysis::analyses_run(&dir), 0);
    let report = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(
        codes(report["items"].as_array().unwrap()).contains(&"operation-id-whitespace".to_string())
    );
    assert_eq!(connector_ls::workspace::analysis::analyses_run(&dir), 1);
    server.shutdown().await;
}

/// A pulling client is asked to pull again after an edit, but a burst of edits does not send
/// one request per edit: while one is unanswered, one more is noted, not sent.
#[tokio::test]
async fn an_edit_burst_asks_a_pulling_client_to_pull_at_most_twice() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = read(&path);
    let capabilities = json!({
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    });
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server.open(&uri, &text, 1).await;
    // The harness answers the server's requests only when it reads: the first request is
    // still unanswered while the burst arrives.
    for version in 2..102 {
        let at = json!({"line": 0, "character": 0});
        server
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": at, "end": at}, "text": " "}]}),
            )
            .await;
    }
    let report = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let fresh = fresh_diagnostics(&uri, &format!("{}{text}", " ".repeat(100))).await;
    assert_eq!(report["items"], fresh);
    server.request_raw("connector-ls/nothing", json!({})).await;
    let asked = server.server_requests("workspace/diagnostic/refresh").len();
    assert!(
        (1..=2).contains(&asked),
        "{asked} requests to pull for 101 changes"
    );
    server.shutdown().await;
}

/// A connector file that exists but cannot be read (a directory, a FIFO, an I/O error) is not
/// silently left out: the user is told, with an error on that file, until it is readable.
#[tokio::test]
async fn an_unreadable_connector_file_is_reported() {
    type Break = fn(&std::path::Path);
    let breakers: [(&str, Break); 3] = [
        ("directory", |path| std::fs::create_dir(path).unwrap()),
        ("fifo", |path| {
            let made = std::process::Command::new("mkfifo").arg(path).status();
            assert!(made.unwrap().success());
        }),
        // Reading /proc/self/mem from its start fails with EIO.
        ("i/o error", |path| {
            std::os::unix::fs::symlink("/proc/self/mem", path).unwrap()
        }),
    ];
    for (case, break_file) in breakers {
        let (_temp, dir) = copy_example("contoso-items");
        let definition = dir.join("apiDefinition.swagger.json");
        let properties = dir.join("apiProperties.json");
        let good = read(&properties);
        std::fs::remove_file(&properties).unwrap();
        break_file(&properties);
        let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
        server
            .open(&file_uri(&definition), &read(&definition), 1)
            .await;
        let message = server.notification("window/showMessage").await;
        assert_eq!(message["type"], 1, "{case}: an error: {message}");
        let text = message["message"].as_str().unwrap();
        assert!(
            text.contains(&properties.display().to_string()),
            "{case}: {text}"
        );
        let on_file = loop {
            let published = server.notification("textDocument/publishDiagnostics").await;
            if published["uri"] == file_uri(&properties) {
                break published["diagnostics"].clone();
            }
        };
        assert_eq!(on_file.as_array().unwrap().len(), 1, "{case}: {on_file}");
        assert_eq!(on_file[0]["severity"], 1, "{case}: {on_file}");

        // Readable again: the error goes away.
        if properties.is_dir() {
            std::fs::remove_dir(&properties).unwrap();
        } else {
            std::fs::remove_file(&properties).unwrap();
        }
        std::fs::write(&properties, &good).unwrap();
        server
            .notify(
                "workspace/didChangeWatchedFiles",
                json!({"changes": [{"uri": file_uri(&properties), "type": 2}]}),
            )
            .await;
        loop {
            let published = server.notification("textDocument/publishDiagnostics").await;
            if published["uri"] == file_uri(&properties) {
                assert_eq!(published["diagnostics"], json!([]), "{case}");
                break;
            }
        }
        server.shutdown().await;
    }
}

/// Neovim 0.11 pulls, but only for the buffer it changed, and cannot be asked to pull again:
/// the diagnostics of a connector's other open files would go stale, so it gets pushes.
#[tokio::test]
async fn push_diagnostics_when_the_client_pulls_but_cannot_refresh() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let capabilities = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut server, result) = TestServer::initialized(capabilities, Value::Null).await;
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        codes(&diagnostics)
            .iter()
            .any(|c| c == "operation-id-whitespace")
    );
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

/// The editor setting `connectorLs.profile`: under "certification" every rule that reports a
/// Swagger Validator code is at the validator's severity (response-schema-missing, a warning
/// by default, is an error); an explicit rule setting still wins.
#[tokio::test]
async fn the_profile_setting_chooses_the_certification_severities() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let severity_of = |diagnostics: &[Value], rule: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == rule)
            .map(|d| d["severity"].clone())
    };
    let options = json!({"connectorLs": {"profile": "certification"}});
    let (mut server, _) = TestServer::initialized(json!({}), options).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(
        severity_of(&diagnostics, "response-schema-missing"),
        Some(json!(1))
    );

    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"connectorLs": {"profile": "certification", "rules": {"response-schema-missing": "info"}}}}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(
        severity_of(&diagnostics, "response-schema-missing"),
        Some(json!(3))
    );

    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"connectorLs": {"profile": "default"}}}),
        )
        .await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(
        severity_of(&diagnostics, "response-schema-missing"),
        Some(json!(2))
    );
    server.shutdown().await;
}

/// The project file's `select`, `ignore` and `min-severity` choose what the editor shows, as
/// they choose what `check` reports.
#[tokio::test]
async fn project_file_selection_applies_in_the_editor() {
    let (temp, dir) = copy_example("todo-broken");
    std::fs::write(
        temp.path().join("connector-ls.toml"),
        "select = [\"operations\", \"responses\"]\nignore = [\"operation-ref-unknown\"]\nmin-severity = \"warning\"\n[rules]\nresponse-schema-missing = \"info\"\n",
    )
    .unwrap();
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let mut found = codes(&diagnostics);
    found.sort();
    found.dedup();
    // response-schema-missing, set to info, is below the least severity.
    assert_eq!(found, ["operation-id-whitespace"]);
    server.shutdown().await;
}

/// The project's connector-ls.toml applies in the editor as in `check`, over the editor's
/// settings; a change on disk is picked up; a file with a mistake is reported once and not
/// used.
#[tokio::test]
async fn project_configuration_file_applies_over_editor_settings() {
    let (temp, dir) = copy_example("todo-broken");
    let config = temp.path().join("connector-ls.toml");
    std::fs::write(
        &config,
        "[rules]\noperation-id-whitespace = \"off\"\nresponse-schema-missing = \"error\"\n\
         [[ignore]]\nrules = [\"path-parameter-undeclared\"]\nfiles = [\"todo-broken/*.json\"]\n",
    )
    .unwrap();
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let options =
        json!({"rules": {"response-schema-missing": "hint", "json-syntax-error": "warning"}});
    let (mut server, _) = TestServer::initialized(json!({}), options).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let severity_of = |diagnostics: &[Value], code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["severity"].clone())
    };
    assert_eq!(severity_of(&diagnostics, "operation-id-whitespace"), None);
    assert_eq!(severity_of(&diagnostics, "path-parameter-undeclared"), None);
    // The file wins over the editor; the editor's other settings still apply.
    assert_eq!(
        severity_of(&diagnostics, "response-schema-missing"),
        Some(json!(1))
    );
    assert_eq!(
        severity_of(&diagnostics, "json-syntax-error"),
        Some(json!(2))
    );

    // A mistake: shown once, and the file's settings no longer apply.
    std::fs::write(&config, "[rules]\nresponse-schema-mising = \"off\"\n").unwrap();
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
        )
        .await;
    let message = server.notification("window/showMessage").await;
    assert_eq!(message["type"], 2);
    let text = message["message"].as_str().unwrap();
    assert!(
        text.contains("connector-ls.toml:2:1: unknown rule 'response-schema-mising'; did you mean 'response-schema-missing'?"),
        "{text}"
    );
    // And a diagnostic on the configuration file, at the rule id.
    let config_diagnostics = server.notification("textDocument/publishDiagnostics").await;
    assert_eq!(config_diagnostics["uri"], file_uri(&config));
    let on_config = &config_diagnostics["diagnostics"][0];
    assert_eq!(
        on_config["range"],
        json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 22}})
    );
    assert_eq!(on_config["severity"], 1);
    assert!(
        on_config["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown rule 'response-schema-mising'"),
        "{on_config}"
    );
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(
        severity_of(&diagnostics, "operation-id-whitespace"),
        Some(json!(1))
    );
    assert_eq!(
        severity_of(&diagnostics, "response-schema-missing"),
        Some(json!(4))
    );
    assert_eq!(
        severity_of(&diagnostics, "path-parameter-undeclared"),
        Some(json!(1))
    );
    server
        .notify("workspace/didChangeWatchedFiles", json!({"changes": []}))
        .await;
    server.diagnostics_for(&uri, 1).await;
    assert!(server.pending("window/showMessage").is_empty());

    // Fixed: the diagnostic on the configuration file is cleared.
    std::fs::write(&config, "[rules]\nresponse-schema-missing = \"off\"\n").unwrap();
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
        )
        .await;
    let cleared = server.notification("textDocument/publishDiagnostics").await;
    assert_eq!(cleared["uri"], file_uri(&config));
    assert_eq!(cleared["diagnostics"], json!([]));
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(severity_of(&diagnostics, "response-schema-missing"), None);

    // Broken again, then deleted: the diagnostic goes with the file.
    std::fs::write(&config, "[rules]\nx = 1\n").unwrap();
    let changed = json!({"changes": [{"uri": file_uri(&config), "type": 2}]});
    server
        .notify("workspace/didChangeWatchedFiles", changed)
        .await;
    server.notification("window/showMessage").await;
    let shown = server.notification("textDocument/publishDiagnostics").await;
    assert_eq!(shown["diagnostics"].as_array().unwrap().len(), 1);
    std::fs::remove_file(&config).unwrap();
    let deleted = json!({"changes": [{"uri": file_uri(&config), "type": 3}]});
    server
        .notify("workspace/didChangeWatchedFiles", deleted)
        .await;
    let cleared = loop {
        let published = server.notification("textDocument/publishDiagnostics").await;
        if published["uri"] == file_uri(&config) {
            break published;
        }
    };
    assert_eq!(cleared["diagnostics"], json!([]));
    server.shutdown().await;
}

/// "Ignore this finding" writes an `[[ignore]]` entry for the rule, file and pointer: into a
/// new connector-ls.toml when the client can create files, then appended to it.
#[tokio::test]
async fn ignoring_a_finding_writes_an_entry_to_the_project_configuration() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let config = dir.join("connector-ls.toml");
    let config_uri = file_uri(&config);
    let capabilities = json!({"workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}}});
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let all = server.diagnostics_for(&uri, 1).await;
    let find =
        |diagnostics: &[Value], code: &str| diagnostics.iter().find(|d| d["code"] == code).cloned();
    let ignore_action = |actions: &Value, rule: &str| {
        let title = format!("Ignore {rule} here (in connector-ls.toml)");
        actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .cloned()
            .unwrap_or_else(|| panic!("no '{title}' in {actions}"))
    };
    let config_changed = json!({"changes": [{"uri": config_uri, "type": 1}]});

    // No configuration file yet: the action creates one.
    let whitespace = find(&all, "operation-id-whitespace").unwrap();
    let action = ignore_action(
        &server.quick_fixes(&uri, &whitespace).await,
        "operation-id-whitespace",
    );
    assert_eq!(action["isPreferred"], false);
    let operations = &action["edit"]["documentChanges"];
    assert_eq!(
        operations[0],
        json!({"kind": "create", "uri": config_uri, "options": {"overwrite": false, "ignoreIfExists": true}})
    );
    assert_eq!(operations[1]["textDocument"]["uri"], config_uri);
    let written = apply_edits("", &operations[1]["edits"], Encoding::Utf16);
    std::fs::write(&config, &written).unwrap();
    server
        .notify("workspace/didChangeWatchedFiles", config_changed.clone())
        .await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(find(&diagnostics, "operation-id-whitespace"), None);
    assert_eq!(diagnostics.len(), all.len() - 1);

    // Now it exists: the next entry goes at its end, and nothing before it changes.
    let schema = find(&diagnostics, "response-schema-missing").unwrap();
    let action = ignore_action(
        &server.quick_fixes(&uri, &schema).await,
        "response-schema-missing",
    );
    let edits = &action["edit"]["changes"][&config_uri];
    let appended = apply_edits(&written, edits, Encoding::Utf16);
    assert!(appended.starts_with(&written) && appended.len() > written.len());
    std::fs::write(&config, &appended).unwrap();
    server
        .notify("workspace/didChangeWatchedFiles", config_changed)
        .await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert_eq!(find(&diagnostics, "response-schema-missing"), None);
    assert_eq!(diagnostics.len(), all.len() - 2);
    server.shutdown().await;

    // A client that cannot create files is offered the action only where a file exists.
    std::fs::remove_file(&config).unwrap();
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let actions = server.quick_fixes(&uri, &whitespace).await;
    let titles = titles(&actions);
    assert!(
        titles.iter().all(|t| !t.starts_with("Ignore")),
        "{titles:?}"
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
        markdown.starts_with("**operation-id-whitespace**"),
        "{markdown}"
    );
    // Bold, not headings: editors render a hover's headings as large titles.
    assert!(markdown.contains("\n**Why**\n"), "{markdown}");
    assert!(
        !markdown.lines().any(|line| line.starts_with('#')),
        "{markdown}"
    );
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

/// Client capabilities of an editor that applies server edits (with versioned changes).
fn applies_edits() -> Value {
    json!({"workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}}})
}

/// [`applies_edits`], from a client that asks the user for a sample (VS Code, Neovim).
fn prompts_for_samples() -> Value {
    let mut capabilities = applies_edits();
    capabilities["experimental"] = json!({"connectorLs": {"promptsForSample": true}});
    capabilities
}

/// Apply the edit of a `workspace/applyEdit` request to the text of `uri`.
fn apply_document_changes(text: &str, edit: &Value, uri: &str) -> String {
    let change = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["textDocument"]["uri"] == uri)
        .expect("an edit of the document");
    apply_edits(text, &change["edits"], Encoding::Utf16)
}

/// Pasted validator messages come back placed in the connector: at the key the pointer names,
/// in the file that holds it, as diagnostics the editor can show.
#[tokio::test]
async fn locate_places_pasted_validator_messages() {
    let (_temp, dir) = copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    let definition = dir.join("apiDefinition.swagger.json");
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server
        .open(&file_uri(&properties), &read(&properties), 1)
        .await;
    let text = "2024-05-01T10:00:00Z ##[warning]warning OperationIdNotUnique: not unique. ValuePath: '/paths/~1items/get/operationId'\nError : info : The 'contact' property is required.";
    let found = server
        .request(
            "workspace/executeCommand",
            json!({"command": "connector-ls.locate", "arguments": [{"uri": file_uri(&properties), "text": text}]}),
        )
        .await;
    let found = found.as_array().expect("a list");
    assert_eq!(found.len(), 2, "{found:?}");
    let source = read(&definition);
    for (item, key, code) in [
        (&found[0], "\"operationId\"", "operation-id-duplicate"),
        (&found[1], "\"info\"", "validator-message"),
    ] {
        assert_eq!(item["uri"], file_uri(&definition));
        assert_eq!(
            common::lsp::text_at(&source, &item["diagnostic"]["range"]),
            key
        );
        assert_eq!(item["diagnostic"]["code"], code);
    }
    assert_eq!(found[0]["diagnostic"]["severity"], 2);
    server.shutdown().await;
}

/// The server diagnoses a connector's readme like its other files, with its quick fixes.
#[tokio::test]
async fn the_readme_is_diagnosed() {
    let source = common::repo_root().join("fixtures/rules/readme-title-mismatch/invalid");
    let (_temp, dir) = common::copy_connector(&source, "contoso");
    let path = dir.join("readme.md");
    let uri = file_uri(&path);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let title = diagnostics
        .iter()
        .find(|d| d["code"] == "readme-title-mismatch")
        .unwrap_or_else(|| panic!("{diagnostics:?}"))
        .clone();
    assert_eq!(title["range"]["start"], json!({"line": 0, "character": 2}));
    let actions = server.quick_fixes(&uri, &title).await;
    assert!(
        titles(&actions)
            .iter()
            .any(|t| t.contains("Title the readme")),
        "{actions}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn generate_schema_from_a_pasted_sample() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let text = read(&path);
    // A client that cannot ask for the sample (Helix) is not offered the action.
    let (mut helix, _) = TestServer::initialized(applies_edits(), Value::Null).await;
    helix.open(&uri, &text, 1).await;
    let diagnostics = helix.diagnostics_for(&uri, 1).await;
    let missing = diagnostics
        .iter()
        .find(|d| d["code"] == "response-schema-missing")
        .unwrap()
        .clone();
    let actions = helix.quick_fixes(&uri, &missing).await;
    let mut offered = actions.as_array().into_iter().flatten();
    assert!(
        offered.all(|a| a["command"]["command"] != "connector-ls.generateSchema"),
        "{actions}"
    );
    helix.shutdown().await;

    let (mut server, result) = TestServer::initialized(prompts_for_samples(), Value::Null).await;
    assert_eq!(
        result["capabilities"]["executeCommandProvider"]["commands"],
        json!(["connector-ls.generateSchema", "connector-ls.locate"])
    );
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let missing = diagnostics
        .iter()
        .find(|d| d["code"] == "response-schema-missing")
        .unwrap()
        .clone();
    let actions = server.quick_fixes(&uri, &missing).await;
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "connector-ls.generateSchema")
        .expect("a generate-schema action");
    assert_eq!(action["title"], "Generate schema from a sample…");
    assert!(action.get("edit").is_none());
    let mut argument = action["command"]["arguments"][0].clone();
    assert_eq!(
        argument,
        json!({"uri": uri, "pointer": "/paths/~1lists~1{listId}~1tasks/get/responses/200"})
    );

    // The editor asks for a sample and adds it: JSON text keeps the order of its keys.
    argument["sample"] =
        json!("[{\"title\": \"Milk\", \"dueDate\": \"2024-05-01\", \"done\": false, \"id\": 3}]");
    let result = server
        .request(
            "workspace/executeCommand",
            json!({"command": "connector-ls.generateSchema", "arguments": [argument]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    let requests = server.server_requests("workspace/applyEdit");
    assert_eq!(requests.len(), 1);
    let edit = &requests[0]["edit"];
    assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 1);
    let fixed = apply_document_changes(&text, edit, &uri);
    assert!(fixed.contains(
        "          \"200\": {\n            \"description\": \"OK\",\n            \"schema\": {\n              \"type\": \"array\",\n              \"items\": {\n                \"type\": \"object\",\n                \"properties\": {\n                  \"title\": {\n                    \"type\": \"string\",\n                    \"x-ms-summary\": \"Title\"\n                  },\n                  \"dueDate\": {\n                    \"type\": \"string\",\n                    \"format\": \"date\",\n                    \"x-ms-summary\": \"Due Date\"\n                  },"
    ), "{fixed}");
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    let after = codes(&server.diagnostics_for(&uri, 2).await);
    assert!(
        !after.iter().any(|c| c == "response-schema-missing"),
        "{after:?}"
    );

    // A sample given as a value works too (its keys come sorted, as serde_json reads them).
    let pointer = "/paths/~1lists~1{listId}~1tasks~1{taskId}/delete/responses/204";
    server
        .request(
            "workspace/executeCommand",
            json!({"command": "connector-ls.generateSchema", "arguments": [{"uri": uri, "pointer": pointer, "sample": {"ok": true}}]}),
        )
        .await;
    let requests = server.server_requests("workspace/applyEdit");
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1]["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    server.shutdown().await;
}

#[tokio::test]
async fn generate_schema_errors_are_invalid_params() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let (mut server, _) = TestServer::initialized(applies_edits(), Value::Null).await;
    server.open(&uri, &read(&path), 1).await;
    let response = "/paths/~1lists~1{listId}~1tasks/get/responses/200";
    let cases = [
        (
            json!({"uri": uri, "pointer": "/paths/~1nowhere", "sample": {}}),
            "nothing at the pointer",
        ),
        (
            json!({"uri": uri, "pointer": "/paths/~1lists~1{listId}~1tasks/get", "sample": {}}),
            "is not a response",
        ),
        (
            json!({"uri": uri, "pointer": response, "sample": "{\"a\": }"}),
            "the sample is not valid JSON (line 1, column 7",
        ),
        (json!({"uri": uri, "pointer": response}), "no sample"),
        (
            json!({"uri": "file:///nowhere/readme.md", "pointer": response, "sample": {}}),
            "is not the API definition",
        ),
        (
            json!({"pointer": response}),
            "takes { uri, pointer, sample }",
        ),
    ];
    for (argument, message) in cases {
        let reply = server
            .request_raw(
                "workspace/executeCommand",
                json!({"command": "connector-ls.generateSchema", "arguments": [argument]}),
            )
            .await;
        assert_eq!(reply["error"]["code"], -32602, "{reply}");
        let text = reply["error"]["message"].as_str().unwrap();
        assert!(text.contains(message), "{text} should say {message}");
    }
    assert!(server.server_requests("workspace/applyEdit").is_empty());

    // An editor that refuses the edit gets an error back.
    server.answer(
        "workspace/applyEdit",
        json!({"applied": false, "failureReason": "read-only"}),
    );
    let reply = server
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "connector-ls.generateSchema", "arguments": [{"uri": uri, "pointer": response, "sample": [1]}]}),
        )
        .await;
    assert!(
        reply["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with(": read-only"),
        "{reply}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_response_with_an_example_gets_a_quick_fix_instead_of_the_command() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("apiDefinition.swagger.json");
    let text = r#"{
  "swagger": "2.0",
  "info": {"title": "T", "version": "1.0"},
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "responses": {
          "200": {
            "description": "OK",
            "examples": {"application/json": {"count": 2}}
          }
        }
      }
    }
  }
}"#;
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    let (mut server, _) = TestServer::initialized(applies_edits(), Value::Null).await;
    server.open(&uri, text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let missing = diagnostics
        .iter()
        .find(|d| d["code"] == "response-schema-missing")
        .unwrap()
        .clone();
    let actions = server.quick_fixes(&uri, &missing).await;
    let titles = titles(&actions);
    assert_eq!(
        titles,
        ["Generate schema from the example (review the change)"]
    );
    let fixed = apply_edits(text, &actions[0]["edit"]["changes"][&uri], Encoding::Utf16);
    let value: Value = serde_json::from_str(&fixed).unwrap();
    assert_eq!(
        value["paths"]["/items"]["get"]["responses"]["200"]["schema"],
        json!({"type": "object", "properties": {"count": {"type": "integer", "x-ms-summary": "Count"}}})
    );
    server.shutdown().await;
}

#[tokio::test]
async fn file_watchers_are_registered_when_the_client_allows_it() {
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    let params = server.server_request("client/registerCapability").await;
    let registration = &params["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(
        globs,
        [
            "**/apiDefinition*.json",
            "**/*.swagger.json",
            "**/apiProperties.json",
            "**/settings.json",
            "**/*.csx",
            "**/[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd]",
            "**/[Ii][Nn][Tt][Rr][Oo].[Mm][Dd]",
            "**/icon.png",
            "**/connector-ls.toml",
            "**/.connector-ls.toml",
            "**/.git/HEAD",
            "**/.git/packed-refs",
            "**/.git/refs/**"
        ]
    );
    server.shutdown().await;

    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": false}}});
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    // A round trip after `initialized`: a registration would have been sent before its answer.
    server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///x/apiDefinition.swagger.json"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert!(
        server
            .server_requests("client/registerCapability")
            .is_empty()
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_changed_file_on_disk_rediagnoses_open_documents() {
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
    std::fs::write(
        &definition,
        read(&definition).replace("\"GetItem\"", "\"FetchItem\""),
    )
    .unwrap();
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&definition), "type": 2}]}),
        )
        .await;
    let codes = codes(&server.diagnostics_for(&file_uri(&properties), 1).await);
    assert_eq!(codes, ["policy-operation-unknown"]);
    server.shutdown().await;
}

#[tokio::test]
async fn workspace_diagnostics_cover_every_file_of_open_connectors() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let capabilities = json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}});
    let (mut server, result) = TestServer::initialized(capabilities, Value::Null).await;
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    let empty = server
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    assert_eq!(empty["items"], json!([]));

    server
        .open(&file_uri(&definition), &read(&definition), 4)
        .await;
    let report = server
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let items = report["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{report}");
    let of = |path: &std::path::Path| {
        items
            .iter()
            .find(|i| i["uri"] == file_uri(path))
            .unwrap_or_else(|| panic!("a report for {}", path.display()))
    };
    let open = of(&definition);
    assert_eq!(open["kind"], "full");
    assert_eq!(open["version"], 4);
    assert!(
        codes(open["items"].as_array().unwrap())
            .iter()
            .any(|c| c == "operation-id-whitespace")
    );
    let closed = of(&properties);
    assert_eq!(closed["version"], Value::Null);
    assert!(
        codes(closed["items"].as_array().unwrap())
            .iter()
            .any(|c| c == "oauth-redirect-mode-global")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn files_changed_on_disk_are_seen_without_a_notification() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let capabilities = json!({
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    });
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server
        .open(&file_uri(&definition), &read(&definition), 1)
        .await;
    let params = json!({"textDocument": {"uri": file_uri(&properties)}});
    let report = server
        .request("textDocument/diagnostic", params.clone())
        .await;
    assert!(codes(report["items"].as_array().unwrap()).is_empty());
    // Asked again with nothing changed: the same (cached) answer.
    let again = server
        .request("textDocument/diagnostic", params.clone())
        .await;
    assert_eq!(again, report);
    std::fs::write(
        &properties,
        read(&properties).replace("\"GetItem\"", "\"FetchItem\""),
    )
    .unwrap();
    let report = server.request("textDocument/diagnostic", params).await;
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["policy-operation-unknown"]
    );
    server.shutdown().await;
}

/// Give a file a modification time of its own, so that a change on disk is told apart by it
/// alone (two writes within one tick of the file system's clock may share one).
fn set_modified(path: &std::path::Path, seconds: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let time = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    file.set_modified(time).unwrap();
}

/// A closed file changed on disk to a text of the same length (only its modification time
/// tells) is read again: in the folder, and outside it (settings.json may name a file in a
/// subfolder, whose change the folder's own listing does not show).
#[tokio::test]
async fn same_length_changes_on_disk_give_fresh_diagnostics() {
    for subfolder in ["", "spec/"] {
        let (_temp, dir) = copy_example("contoso-items");
        let properties = dir.join("apiProperties.json");
        let definition = dir.join(format!("{subfolder}apiDefinition.swagger.json"));
        if !subfolder.is_empty() {
            std::fs::create_dir(dir.join(subfolder)).unwrap();
            std::fs::rename(dir.join("apiDefinition.swagger.json"), &definition).unwrap();
            let settings = dir.join("settings.json");
            let text = read(&settings).replace(
                "\"apiDefinition.swagger.json\"",
                &format!("\"{subfolder}apiDefinition.swagger.json\""),
            );
            std::fs::write(&settings, text).unwrap();
        }
        set_modified(&definition, 1_000_000_000);
        let capabilities = json!({
            "textDocument": {"diagnostic": {}},
            "workspace": {"diagnostics": {"refreshSupport": true}}
        });
        let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
        server
            .open(&file_uri(&properties), &read(&properties), 1)
            .await;
        let params = json!({"textDocument": {"uri": file_uri(&properties)}});
        let report = server
            .request("textDocument/diagnostic", params.clone())
            .await;
        assert_eq!(report["items"], json!([]), "{subfolder}");
        // The operation the policy names is renamed on disk, keeping the file's length.
        let renamed = read(&definition).replace("\"GetItem\"", "\"GetItex\"");
        assert_eq!(renamed.len(), read(&definition).len());
        std::fs::write(&definition, renamed).unwrap();
        set_modified(&definition, 1_000_000_001);
        let report = server.request("textDocument/diagnostic", params).await;
        assert_eq!(
            codes(report["items"].as_array().unwrap()),
            ["policy-operation-unknown"],
            "{subfolder}"
        );
        server.shutdown().await;
    }
}

/// With a client that reports changes to the watched files, a keystroke analyses the text
/// the server holds without looking at the disk: a file changed on disk without a report is
/// not seen (the proof that nothing was looked at) until the client reports it. A client that
/// does not watch, or a file no watched glob covers (settings.json may name any file), is
/// looked at before every analysis.
#[tokio::test]
async fn reported_changes_on_disk_replace_looking_at_the_disk() {
    for (watching, definition_name) in [
        (true, "apiDefinition.swagger.json"),
        (false, "apiDefinition.swagger.json"),
        (true, "api.json"),
    ] {
        let case = format!("watching {watching}, definition {definition_name}");
        let (temp, dir) = copy_example("contoso-items");
        let properties = dir.join("apiProperties.json");
        let definition = dir.join(definition_name);
        if definition_name != "apiDefinition.swagger.json" {
            std::fs::rename(dir.join("apiDefinition.swagger.json"), &definition).unwrap();
            let settings = dir.join("settings.json");
            let text = read(&settings).replace(
                "\"apiDefinition.swagger.json\"",
                &format!("\"{definition_name}\""),
            );
            std::fs::write(&settings, text).unwrap();
        }
        set_modified(&definition, 1_000_000_000);
        let capabilities = json!({
            "textDocument": {"diagnostic": {}},
            "workspace": {
                "diagnostics": {"refreshSupport": true},
                "didChangeWatchedFiles": {"dynamicRegistration": watching}
            }
        });
        let (mut server, _) =
            TestServer::initialized_in(Some(temp.path()), capabilities, Value::Null).await;
        if watching {
            // The server trusts reported changes once the client has accepted its watchers.
            server.server_request("client/registerCapability").await;
        }
        let uri = file_uri(&properties);
        let mut text = read(&properties);
        server.open(&uri, &text, 1).await;
        let params = json!({"textDocument": {"uri": uri}});
        // Keystrokes: an analysis finds the connector's files all watched, the next one reads
        // them under trust, and a third makes sure the registration's answer was taken in.
        let mut version = 1;
        let mut keystroke = async |server: &mut TestServer| {
            version += 1;
            text.push(' ');
            let change = json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
            server.notify("textDocument/didChange", change).await;
            server
                .request("textDocument/diagnostic", params.clone())
                .await
        };
        for _ in 0..3 {
            assert_eq!(keystroke(&mut server).await["items"], json!([]), "{case}");
        }
        // The operation the policy names is renamed on disk, keeping the file's length.
        let renamed = read(&definition).replace("\"GetItem\"", "\"GetItex\"");
        std::fs::write(&definition, renamed).unwrap();
        set_modified(&definition, 1_000_000_001);
        let report = keystroke(&mut server).await;
        let seen_at_once = !watching || definition_name == "api.json";
        let expected: &[&str] = match seen_at_once {
            true => &["policy-operation-unknown"],
            false => &[],
        };
        assert_eq!(
            codes(report["items"].as_array().unwrap()),
            expected,
            "{case}"
        );
        let changed = json!({"changes": [{"uri": file_uri(&definition), "type": 2}]});
        server
            .notify("workspace/didChangeWatchedFiles", changed)
            .await;
        let report = keystroke(&mut server).await;
        assert_eq!(
            codes(report["items"].as_array().unwrap()),
            ["policy-operation-unknown"],
            "{case}"
        );
        server.shutdown().await;
    }
}

/// The diagnostics of `text` as a fresh server reports them.
async fn fresh_diagnostics(uri: &str, text: &str) -> Value {
    let capabilities = json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}});
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server.open(uri, text, 1).await;
    let report = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    server.shutdown().await;
    report["items"].clone()
}

#[tokio::test]
async fn diagnostics_after_many_edits_match_a_fresh_analysis() {
    let (_temp, dir) = copy_example("contoso-items");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let mut text = read(&path);
    let capabilities = json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}});
    let (mut server, _) = TestServer::initialized(capabilities, Value::Null).await;
    server.open(&uri, &text, 1).await;
    // Edits inside strings and keys, in whitespace, across lines, one that breaks the JSON
    // and one that mends it, at places spread over the file.
    let lines = text.lines().count() as u64;
    let edits: Vec<(u64, u64, u64, &str)> = vec![
        (lines / 2, 0, 0, "  "),
        (3, 5, 5, "x"),
        (lines / 3, 8, 9, ""),
        (lines - 3, 2, 2, "\n"),
        (10, 4, 4, "\""),
        (10, 4, 5, ""),
        (lines / 4, 6, 6, "é😀"),
        (2, 0, 2, ""),
    ];
    for (i, (line, from, to, inserted)) in edits.into_iter().enumerate() {
        let version = i as i64 + 2;
        let range = json!({"start": {"line": line, "character": from}, "end": {"line": line, "character": to}});
        server
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": inserted}]}),
            )
            .await;
        apply_change(&mut text, &range, inserted, Encoding::Utf16);
        let report = server
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        assert_eq!(
            report["items"],
            fresh_diagnostics(&uri, &text).await,
            "after edit {i}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn configuration_is_pulled_from_clients_that_offer_it() {
    let (_temp, dir) = copy_example("todo-broken");
    let path = dir.join("apiDefinition.swagger.json");
    let uri = file_uri(&path);
    let mut server = TestServer::start();
    server.answer(
        "workspace/configuration",
        json!([{"rules": {"operation-id-whitespace": "off"}}]),
    );
    server
        .request(
            "initialize",
            json!({"processId": null, "capabilities": {"workspace": {"configuration": true}}}),
        )
        .await;
    server.notify("initialized", json!({})).await;
    let asked = server.server_request("workspace/configuration").await;
    assert_eq!(asked["items"][0]["section"], "connectorLs");
    server.open(&uri, &read(&path), 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    assert!(
        !codes(&diagnostics)
            .iter()
            .any(|c| c == "operation-id-whitespace")
    );

    // A change notification without settings makes the server pull again.
    server.answer("workspace/configuration", json!([{"rules": {}}]));
    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    // Publications made before the change (with the rule off) may still be queued: the new
    // settings show in a later one, and the harness fails the test if none comes.
    loop {
        let diagnostics = server.diagnostics_for(&uri, 1).await;
        if codes(&diagnostics)
            .iter()
            .any(|c| c == "operation-id-whitespace")
        {
            break;
        }
    }
    server.shutdown().await;
}
