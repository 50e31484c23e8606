//! Security properties: connector-ls opens no network connection, prints no secret, and never
//! follows a path from settings.json out of the connector folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::lsp::TestServer;
use serde_json::{Value, json};

const SECRETS: [&str; 3] = [
    "8Qx7~pW2vK9mN4bL6cR1zT",
    "a1b2c3d4e5f6g7h8i9j0k1",
    "svc_9f8e7d6c5b4a3f2e1d0c",
];

fn secret_fixture() -> PathBuf {
    common::repo_root().join("fixtures/rules/secret-committed/invalid")
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_connector-ls"))
}

#[test]
fn check_never_prints_a_secret_in_any_format() {
    for format in ["human", "json", "sarif", "github"] {
        let output = binary()
            .args(["check", "--format", format, "--color", "always"])
            .arg(secret_fixture())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stdout.contains("secret-committed"),
            "{format}: the rule reports"
        );
        for secret in SECRETS {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{format} printed a secret"
            );
        }
    }
}

#[tokio::test]
async fn the_server_never_sends_a_secret() {
    let (_temp, dir) = common::copy_example("contoso-items");
    let properties = dir.join("apiProperties.json");
    std::fs::copy(secret_fixture().join("apiProperties.json"), &properties).unwrap();
    let uri = common::lsp::file_uri(&properties);
    let text = std::fs::read_to_string(&properties).unwrap();
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    server.open(&uri, &text, 1).await;
    let diagnostics = server.diagnostics_for(&uri, 1).await;
    let secret = diagnostics
        .iter()
        .find(|d| d["code"] == "secret-committed")
        .unwrap()
        .clone();
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": secret["range"]["start"]}),
        )
        .await;
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": secret["range"], "context": {"diagnostics": [secret]}}),
        )
        .await;
    // The removal edit deletes the value without repeating it.
    let everything = format!("{diagnostics:?}{hover}{actions}");
    for value in SECRETS {
        assert!(!everything.contains(value), "the server sent a secret");
    }
    server.shutdown().await;
}

/// Whether `strace` can be run. Without it the network test is skipped with a message, so
/// that `cargo test` passes on a machine with only Rust; CI (`CI=true`, where `.ci/run`
/// installs strace) fails instead, so the test cannot silently stop running there.
fn strace_available() -> bool {
    match Command::new("strace").arg("-V").output() {
        Ok(output) if output.status.success() => true,
        _ => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(
                !ci,
                "strace is not installed, and CI=true: .ci/run installs it"
            );
            eprintln!(
                "SKIPPED no_network_connection_is_ever_opened: strace is not installed \
                 (apt-get install strace to run this test)"
            );
            false
        }
    }
}

/// Run the command under `strace` and return the lines of its log for network system calls.
/// The trace must be real: strace exits with the command's own status (`expected_status`),
/// and the log holds the command's `execve`, which strace traces along with the network
/// calls; a strace that could not attach or trace fails here instead of reporting nothing.
fn network_calls(args: &[&str], stdin: Option<&str>, expected_status: i32) -> Vec<String> {
    let log = tempfile::NamedTempFile::new().unwrap();
    let binary = env!("CARGO_BIN_EXE_connector-ls");
    let mut child = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=%network,execve",
            "-e",
            "signal=none",
            "-o",
        ])
        .arg(log.path())
        .arg(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strace runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(expected_status),
        "strace (or connector-ls {args:?} under it) ended unexpectedly: {stderr}"
    );
    let traced = std::fs::read_to_string(log.path()).unwrap();
    let exec = format!("execve(\"{binary}\"");
    assert!(
        traced
            .lines()
            .any(|line| line.contains(&exec) && line.trim_end().ends_with("= 0")),
        "strace traced nothing of connector-ls {args:?}: {traced:?} {stderr}"
    );
    traced
        .lines()
        .filter(|line| !line.contains("execve("))
        // When the process exits while a thread is inside a system call, strace logs that
        // call as "???( <detached ...>" whatever the filter: not a network call.
        .filter(|line| !line.contains("???( <detached ...>"))
        .map(str::to_string)
        .collect()
}

fn frame(message: Value) -> String {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn no_network_connection_is_ever_opened() {
    if !strace_available() {
        return;
    }
    let examples = common::repo_root().join("fixtures");
    // The fixtures have errors: `check` exits with 1.
    let calls = network_calls(
        &["check", "--format", "sarif", examples.to_str().unwrap()],
        None,
        1,
    );
    assert!(calls.is_empty(), "check made network calls: {calls:?}");

    let definition =
        common::repo_root().join("fixtures/examples/todo-broken/apiDefinition.swagger.json");
    let uri = tower_lsp_server::ls_types::Uri::from_file_path(&definition)
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&definition).unwrap();
    let session = [
        frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})),
        frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
        frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}})),
        frame(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})),
        frame(json!({"jsonrpc": "2.0", "method": "exit"})),
    ]
    .concat();
    let calls = network_calls(&["lsp", "--stdio"], Some(&session), 0);
    assert!(calls.is_empty(), "the server made network calls: {calls:?}");
}

#[test]
fn settings_paths_never_lead_out_of_the_folder() {
    let temp = tempfile::tempdir().unwrap();
    let outside = temp.path().join("outside.json");
    std::fs::write(
        &outside,
        "{\"swagger\": \"2.0\", \"paths\": {\"/x\": {\"get\": {\"operationId\": \"Get X\"}}}}",
    )
    .unwrap();
    let dir = temp.path().join("connector");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("escape.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop-b.json"), dir.join("loop-a.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop-a.json"), dir.join("loop-b.json")).unwrap();
    std::fs::write(
        dir.join("settings.json"),
        r#"{"apiDefinition": "escape.json", "apiProperties": "loop-a.json", "script": "../outside.json"}"#,
    )
    .unwrap();

    let connector = common::load(&dir);
    assert!(
        connector
            .file(connector_ls::model::FileKind::ApiDefinition)
            .is_none(),
        "the link out was not followed"
    );
    assert!(
        connector
            .file(connector_ls::model::FileKind::ApiProperties)
            .is_none(),
        "the loop was not followed"
    );
    let diagnostics = common::check(&connector);
    let outside: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "settings-file-missing" && d.message.contains("leads outside"))
        .collect();
    assert_eq!(outside.len(), 3, "{diagnostics:?}");
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.rule == "operation-id-whitespace")
    );
}

#[test]
fn folder_search_does_not_follow_symbolic_links_out() {
    let temp = tempfile::tempdir().unwrap();
    let elsewhere = temp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("apiProperties.json"), "{\"properties\": {}}").unwrap();
    let root = temp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("link")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("self")).unwrap();
    assert!(connector_ls::workspace::find_connector_dirs(Path::new(&root)).is_empty());
}

/// A copy of the secret fixture, with apiProperties.json minified and the OAuth client secret
/// written twice: JSON readers ignore the first value, but it is committed all the same.
const IGNORED_DUPLICATE: &str = "Zq8~kP3vX9wLm2RtY7uN4bH6";

fn secret_fixture_copy(duplicate_and_minify: bool) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("secrets");
    std::fs::create_dir(&dir).unwrap();
    for entry in std::fs::read_dir(secret_fixture()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    if duplicate_and_minify {
        let path = dir.join("apiProperties.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let secret = format!("\"clientSecret\": \"{}\"", SECRETS[0]);
        assert!(text.contains(&secret));
        let text = text.replace(
            &secret,
            &format!("\"clientSecret\": \"{IGNORED_DUPLICATE}\", {secret}"),
        );
        let minified: String = text.lines().map(str::trim).collect();
        std::fs::write(&path, minified).unwrap();
    }
    (temp, dir)
}

#[test]
fn no_format_and_no_diff_prints_a_secret_even_a_duplicated_one() {
    for duplicate_and_minify in [false, true] {
        let (_temp, dir) = secret_fixture_copy(duplicate_and_minify);
        let runs: [&[&str]; 7] = [
            &["--format", "human", "--color", "never"],
            &["--format", "human", "--color", "always"],
            &["--format", "json"],
            &["--format", "sarif"],
            &["--format", "github"],
            &["--diff"],
            &["--diff", "--unsafe-fixes"],
        ];
        for args in runs {
            let output = binary().arg("check").args(args).arg(&dir).output().unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !args.contains(&"--diff") {
                assert!(stdout.contains("secret-committed"), "{args:?}: a report");
            }
            if args.contains(&"--unsafe-fixes") {
                assert!(
                    stdout.contains("-") && stdout.contains("clientSecret"),
                    "the diff shows the removal: {stdout}"
                );
            }
            for secret in SECRETS.iter().chain([&IGNORED_DUPLICATE]) {
                assert!(
                    !stdout.contains(secret) && !stderr.contains(secret),
                    "{args:?} (duplicated: {duplicate_and_minify}) printed {secret}:\n{stdout}"
                );
            }
        }
    }
}
