//! `check --write-baseline` records the current findings; `check --baseline` hides them, so
//! that only new findings are reported and fail the run, even after lines move.

mod common;

use std::path::Path;
use std::process::Command;

use common::copy_example;
use serde_json::Value;

/// Run `check` on `dir` with `extra` arguments: exit code, standard output, standard error.
fn check(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .arg("check")
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn rules_reported(json_report: &str) -> Vec<String> {
    serde_json::from_str::<Vec<Value>>(json_report)
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn only_findings_not_in_the_baseline_are_reported() {
    let (temp, dir) = copy_example("todo-broken");
    let (code, before, _) = check(&dir, &["--format", "json"]);
    assert_eq!(code, 1);
    let found = rules_reported(&before).len();

    let baseline = temp.path().join("baseline.json");
    let path = baseline.to_str().unwrap();
    let (code, stdout, stderr) = check(&dir, &["--write-baseline", path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(&format!("recorded {found} findings in")),
        "{stderr}"
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    let entries = written["findings"].as_array().unwrap();
    assert_eq!(entries.len(), found);
    assert!(entries.contains(&serde_json::json!({
        "rule": "operation-id-whitespace",
        "file": "todo-broken/apiDefinition.swagger.json",
        "pointer": "/paths/~1lists~1{listId}~1tasks/get/operationId"
    })));

    // Everything is in the baseline: success, and the summary says what it hid.
    let (code, stdout, _) = check(&dir, &["--baseline", path, "--color", "never"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "No problems found in 1 connector ({found} findings in the baseline not shown)."
        )),
        "{stdout}"
    );

    // Lines move, and a new operation misses its path parameter: only that is reported.
    let definition = dir.join("apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&definition).unwrap();
    let text = text.replacen("{\n", "{\n\n\n", 1).replacen(
        "\"paths\": {",
        "\"paths\": {\n    \"/new/{id}\": {\"get\": {\"operationId\": \"GetNew\", \"summary\": \"Get new\", \"description\": \"Gets the new.\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"string\"}}}}},",
        1,
    );
    std::fs::write(&definition, text).unwrap();
    let (code, report, _) = check(&dir, &["--baseline", path, "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(rules_reported(&report), ["path-parameter-undeclared"]);
}

#[test]
fn a_baseline_that_cannot_be_used_is_exit_2() {
    let (temp, dir) = copy_example("todo-broken");
    let (code, _, stderr) = check(&dir, &["--baseline", "no/such/baseline.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no/such/baseline.json: cannot read"),
        "{stderr}"
    );

    let baseline = temp.path().join("baseline.json");
    for (content, expected) in [
        ("[]", "not a connector-ls baseline"),
        (
            "{\"version\": 7, \"findings\": []}",
            "baseline version 7 is not supported",
        ),
        (
            "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}",
            "missing field `file`",
        ),
    ] {
        std::fs::write(&baseline, content).unwrap();
        let (code, stdout, stderr) = check(&dir, &["--baseline", baseline.to_str().unwrap()]);
        assert_eq!(code, 2, "{content}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(expected), "{content}: {stderr}");
    }

    let (code, _, stderr) = check(&dir, &["--fix", "--write-baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

#[test]
fn a_baseline_saved_with_a_byte_order_mark_is_read() {
    let (temp, dir) = copy_example("todo-broken");
    let baseline = temp.path().join("baseline.json");
    let path = baseline.to_str().unwrap();
    let (code, _, stderr) = check(&dir, &["--write-baseline", path]);
    assert_eq!(code, 0, "{stderr}");
    // As Windows PowerShell 5 writes it with `-Encoding utf8`.
    let text = std::fs::read_to_string(&baseline).unwrap();
    std::fs::write(&baseline, format!("\u{feff}{text}")).unwrap();
    let (code, stdout, stderr) = check(&dir, &["--baseline", path, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(rules_reported(&stdout), Vec::<String>::new());
}
