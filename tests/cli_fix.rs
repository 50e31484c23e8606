//! `check --fix`, `--unsafe-fixes` and `--diff` on the built binary, on copies of fixture
//! connectors: what is written, what is left alone, and the exit codes.

mod common;

use common::copy_example;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .env_remove("GITHUB_ACTIONS")
        .args(args)
        .arg(dir)
        .args(["--color", "never"])
        .output()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn fix_writes_safe_fixes_and_reports_what_remains() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let before = read(&definition);
    let output = run(&["check", "--fix"], &dir);
    let after = read(&definition);
    assert!(after.contains("\"operationId\": \"ListTasks\""));
    assert!(
        !after.contains("\"name\": { \"type\": \"string\" },\n"),
        "trailing comma removed"
    );
    assert!(serde_json::from_str::<serde_json::Value>(&after).is_ok());
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "nothing else moved"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Fixed 3 problems in 2 files."), "{stderr}");
    // 'GetList' in x-ms-dynamic-values has no automatic fix: an error remains.
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("operation-ref-unknown"));
    assert!(!stdout.contains("operation-id-whitespace"));

    // Unsafe fixes only with --unsafe-fixes: redirectMode Global stays until then.
    let properties = dir.join("apiProperties.json");
    assert!(read(&properties).contains("\"redirectMode\": \"Global\""));
    run(&["check", "--fix", "--unsafe-fixes"], &dir);
    assert!(read(&properties).contains("\"redirectMode\": \"GlobalPerConnector\""));
}

#[test]
fn diff_prints_without_writing() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let before = read(&definition);
    let output = run(&["check", "--diff"], &dir);
    assert_eq!(read(&definition), before);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("-        \"operationId\": \"List Tasks\","),
        "{stdout}"
    );
    assert!(
        stdout.contains("+        \"operationId\": \"ListTasks\","),
        "{stdout}"
    );

    let (_clean, clean) = copy_example("contoso-items");
    let output = run(&["check", "--diff"], &clean);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn fix_keeps_bom_crlf_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let text = format!("\u{feff}{}", read(&definition).replace('\n', "\r\n"));
    std::fs::write(&definition, &text).unwrap();
    std::fs::set_permissions(&definition, std::fs::Permissions::from_mode(0o640)).unwrap();
    run(&["check", "--fix"], &dir);
    let after = std::fs::read(&definition).unwrap();
    assert!(after.starts_with("\u{feff}".as_bytes()), "BOM kept");
    let after = String::from_utf8(after).unwrap();
    assert!(after.contains("\"ListTasks\""));
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "CRLF kept"
    );
    let mode = std::fs::metadata(&definition).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn files_that_cannot_be_fully_parsed_or_decoded_are_left_alone() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    // A trailing comma (fixable) plus a truncated end (not fixable).
    let broken = read(&definition);
    let broken = &broken[..broken.len() - 10];
    std::fs::write(&definition, broken).unwrap();
    let properties = dir.join("apiProperties.json");
    let mut latin1 = std::fs::read(&properties).unwrap();
    let at = latin1.windows(7).position(|w| w == b"Contoso").unwrap();
    latin1[at + 1] = 0xf8;
    std::fs::write(&properties, &latin1).unwrap();

    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    assert_eq!(
        read(&definition),
        broken,
        "a file that still has syntax errors is not written"
    );
    assert_eq!(
        std::fs::read(&properties).unwrap(),
        latin1,
        "non-UTF-8 bytes are not rewritten"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn fix_of_a_single_file_touches_only_that_file() {
    let (_temp, dir) = copy_example("todo-broken");
    let properties = dir.join("apiProperties.json");
    let before = read(&properties);
    Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .args(["check", "--fix"])
        .arg(dir.join("apiDefinition.swagger.json"))
        .output()
        .unwrap();
    assert_eq!(read(&properties), before);
    assert!(read(&dir.join("apiDefinition.swagger.json")).contains("\"ListTasks\""));
}

/// A definition with a syntax error gets only the repairs of its syntax errors, and no fix may
/// change another file either: renaming an operationId in script.csx but not in the broken
/// definition would leave a half rename on disk.
#[test]
fn a_connector_with_a_syntax_error_gets_only_syntax_repairs() {
    let (_temp, dir) = copy_example("contoso-items");
    let definition = dir.join("apiDefinition.swagger.json");
    let script = dir.join("script.csx");
    let properties = dir.join("apiProperties.json");
    // "Create Item" has a safe rename to "CreateItem" in both files, and the definition loses
    // the closing brace of a path item (no repair) after a trailing comma (a repair).
    let text = read(&definition)
        .replace("\"CreateItem\"", "\"Create Item\"")
        .replace(
            "\"title\": \"Contoso Items\",",
            "\"title\": \"Contoso Items\",,",
        );
    let cut = text.find("\n    },\n    \"/items/{itemId}\"").unwrap();
    let broken = format!("{}{}", &text[..cut], &text[cut + "\n    },".len()..]);
    std::fs::write(&definition, &broken).unwrap();
    std::fs::write(
        &script,
        read(&script).replace("\"CreateItem\"", "\"Create Item\""),
    )
    .unwrap();
    let (script_before, properties_before) = (read(&script), read(&properties));

    run(&["check", "--fix", "--unsafe-fixes"], &dir);
    assert_eq!(read(&definition), broken, "still broken: not written");
    assert_eq!(read(&script), script_before, "no half rename");
    assert_eq!(read(&properties), properties_before);

    // Once the definition parses, the rename reaches both files.
    std::fs::write(&definition, text.replace(",,", ",")).unwrap();
    run(&["check", "--fix"], &dir);
    assert!(read(&definition).contains("\"operationId\": \"CreateItem\""));
    assert!(read(&script).contains("== \"CreateItem\""));
}
