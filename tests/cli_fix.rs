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
    // apiProperties.json has only unsafe fixes: adding the shared redirectUrl would contradict
    // the switch to GlobalPerConnector that the other warning on the block asks for.
    assert!(stderr.contains("Fixed 2 problems in 1 file."), "{stderr}");
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

/// The files of `dir` (names), to see that no temporary file was left behind.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn fix_writes_through_a_symlink_into_the_target_folder() {
    let (temp, dir) = copy_example("todo-broken");
    let outside = temp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let real = outside.join("apiDefinition.swagger.json");
    let link = dir.join("apiDefinition.swagger.json");
    std::fs::rename(&link, &real).unwrap();
    std::os::unix::fs::symlink("../outside/apiDefinition.swagger.json", &link).unwrap();

    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link: {}",
        stderr_of(&output)
    );
    assert!(read(&real).contains("\"ListTasks\""), "the target is fixed");
    assert_eq!(names_in(&outside), ["apiDefinition.swagger.json"]);
    assert_eq!(
        names_in(&dir),
        ["apiDefinition.swagger.json", "apiProperties.json"]
    );
}

#[test]
fn fix_leaves_a_hard_linked_file_and_its_connector_alone() {
    use std::os::unix::fs::MetadataExt;
    let (temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let other_name = temp.path().join("backup.json");
    std::fs::hard_link(&definition, &other_name).unwrap();
    let properties = dir.join("apiProperties.json");
    let (definition_before, properties_before) = (read(&definition), read(&properties));

    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("hard link"), "{stderr}");
    assert!(!stderr.contains("Fixed"), "{stderr}");
    assert_eq!(read(&definition), definition_before);
    assert_eq!(std::fs::metadata(&definition).unwrap().nlink(), 2);
    // All or nothing: the rename in apiProperties.json would not match the definition.
    assert_eq!(read(&properties), properties_before);
    // The report is about the files as they are: the unfixed finding is still there.
    assert!(String::from_utf8_lossy(&output.stdout).contains("operation-id-whitespace"));
    assert_eq!(output.status.code(), Some(1));
}

/// The seam of the lost-update test: fix in memory, let "someone else" save the file, then
/// write. The other save must win, and no file of the connector may be written.
#[test]
fn fix_does_not_overwrite_a_file_changed_since_it_was_read() {
    use connector_ls::cli::fixes::{self, Outcome};
    use connector_ls::rules::RuleConfig;
    use connector_ls::workspace::{Target, fix_target};
    let (_temp, dir) = copy_example("todo-broken");
    let fixed = fix_target(&Target::Folder(dir.clone()), &RuleConfig::default(), false).unwrap();
    assert!(!fixed.changed.is_empty());

    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let saved_by_someone_else = read(&definition).replace("List Tasks", "List All Tasks");
    std::fs::write(&definition, &saved_by_someone_else).unwrap();
    let properties_before = read(&properties);

    let outcome = fixes::write_connector(&fixed);
    assert!(
        matches!(&outcome, Outcome::Skipped(why) if why.contains("changed")),
        "{outcome:?}"
    );
    assert_eq!(read(&definition), saved_by_someone_else);
    assert_eq!(read(&properties), properties_before);
    assert_eq!(
        names_in(&dir),
        ["apiDefinition.swagger.json", "apiProperties.json"]
    );
}

#[test]
fn fix_keeps_the_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    if std::os::unix::fs::chown(&definition, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: changing a file's owner needs root");
        return;
    }
    run(&["check", "--fix"], &dir);
    let metadata = std::fs::metadata(&definition).unwrap();
    assert!(read(&definition).contains("\"ListTasks\""), "fixed");
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
}

#[test]
fn fix_skips_a_read_only_file_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    std::fs::set_permissions(&definition, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (definition_before, properties_before) = (read(&definition), read(&properties));

    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(stderr.contains("apiDefinition.swagger.json"), "{stderr}");
    assert!(!stderr.contains("Fixed"), "{stderr}");
    assert_eq!(read(&definition), definition_before);
    assert_eq!(read(&properties), properties_before);
}

#[test]
fn a_file_that_cannot_be_replaced_leaves_the_whole_connector_and_no_temporary_file() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let immutable = Command::new("chattr").arg("+i").arg(&definition).status();
    if !immutable.is_ok_and(|s| s.success()) {
        eprintln!("skipped: chattr +i is not available here (it needs root and ext4 or similar)");
        return;
    }
    let (definition_before, properties_before) = (read(&definition), read(&properties));
    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    Command::new("chattr")
        .arg("-i")
        .arg(&definition)
        .status()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("apiDefinition.swagger.json"), "{stderr}");
    assert!(!stderr.contains("Fixed"), "nothing was written: {stderr}");
    assert_eq!(read(&definition), definition_before);
    assert_eq!(read(&properties), properties_before);
    assert_eq!(
        names_in(&dir),
        ["apiDefinition.swagger.json", "apiProperties.json"]
    );
}

#[test]
fn one_file_named_for_two_roles_is_not_fixed_from_two_copies() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = read(&dir.join("apiDefinition.swagger.json"));
    let properties = read(&dir.join("apiProperties.json"));
    // One JSON object holding both the definition and apiProperties.json's "properties".
    let inner = &properties[properties.find('{').unwrap() + 1..properties.rfind('}').unwrap()];
    let body = &definition[..definition.rfind('}').unwrap()];
    let combined = format!("{},\n{inner}}}\n", body.trim_end());
    std::fs::remove_file(dir.join("apiDefinition.swagger.json")).unwrap();
    std::fs::remove_file(dir.join("apiProperties.json")).unwrap();
    std::fs::write(dir.join("combined.json"), &combined).unwrap();
    std::fs::write(
        dir.join("settings.json"),
        r#"{"apiDefinition": "combined.json", "apiProperties": "combined.json"}"#,
    )
    .unwrap();

    let output = run(&["check", "--fix", "--unsafe-fixes"], &dir);
    let stderr = stderr_of(&output);
    let after = read(&dir.join("combined.json"));
    let all_applied = after.contains("\"ListTasks\"") && after.contains("\"GlobalPerConnector\"");
    assert!(
        after == combined || all_applied,
        "either every fix or none: {stderr}\n{after}"
    );
    assert!(stderr.contains("combined.json"), "{stderr}");
    assert!(!stderr.contains("Fixed"), "{stderr}");

    // --diff shows what --fix would do: nothing, for the same reason.
    let output = run(&["check", "--diff", "--unsafe-fixes"], &dir);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("combined.json"), "{stderr}");
    assert!(output.stdout.is_empty(), "{stderr}");
}

#[test]
fn the_report_file_may_not_be_a_file_being_checked() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let (definition_before, properties_before) = (read(&definition), read(&properties));
    let link = dir.parent().unwrap().join("report.json");
    std::os::unix::fs::symlink(&definition, &link).unwrap();
    let attempts: [&[&str]; 4] = [
        &["check", "-o", definition.to_str().unwrap()],
        &["check", "--fix", "-o", definition.to_str().unwrap()],
        &["check", "--output", link.to_str().unwrap()],
        &["check", "--write-baseline", properties.to_str().unwrap()],
    ];
    for args in attempts {
        let output = run(args, &dir);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("is a file being checked"), "{stderr}");
        assert_eq!(read(&definition), definition_before, "{args:?}");
        assert_eq!(read(&properties), properties_before, "{args:?}");
    }
}

/// `strace` with these arguments before the command, or None (with a note) where it is missing.
fn strace(args: &[&str]) -> Option<Command> {
    let available = Command::new("strace").arg("-V").output();
    if !available.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: strace is not installed");
        return None;
    }
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq"])
        .args(args)
        .arg(env!("CARGO_BIN_EXE_connector-ls"))
        .env_remove("GITHUB_ACTIONS");
    Some(command)
}

#[test]
fn every_new_text_is_on_disk_before_the_first_rename() {
    let (temp, dir) = copy_example("todo-broken");
    let log = temp.path().join("strace.log");
    let trace = ["-e", "trace=fsync,renameat,renameat2,rename", "-o"];
    let Some(mut command) = strace(&[&trace[..], &[log.to_str().unwrap()]].concat()) else {
        return;
    };
    let output = command
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        stderr_of(&output).contains("in 2 files"),
        "{}",
        stderr_of(&output)
    );
    let calls: Vec<String> = read(&log)
        .lines()
        .filter(|l| l.contains("fsync(") || l.contains("rename"))
        .map(String::from)
        .collect();
    let first_rename = calls.iter().position(|c| c.contains("rename")).unwrap();
    let last_fsync = calls.iter().rposition(|c| c.contains("fsync(")).unwrap();
    assert!(last_fsync < first_rename, "{calls:#?}");
}

#[test]
fn a_failed_rename_restores_the_files_already_replaced() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    let properties = dir.join("apiProperties.json");
    let (definition_before, properties_before) = (read(&definition), read(&properties));
    // The second rename (apiProperties.json) fails; the first one already replaced the
    // definition.
    let Some(mut command) = strace(&[
        "-o",
        "/dev/null",
        "-e",
        "trace=renameat",
        "-e",
        "inject=renameat:error=EIO:when=2",
    ]) else {
        return;
    };
    let output = command
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("apiProperties.json"), "{stderr}");
    assert!(stderr.contains("restored"), "{stderr}");
    assert!(!stderr.contains("Fixed"), "{stderr}");
    assert_eq!(read(&definition), definition_before);
    assert_eq!(read(&properties), properties_before);
    assert_eq!(
        names_in(&dir),
        ["apiDefinition.swagger.json", "apiProperties.json"]
    );
}

#[test]
fn fix_removes_the_temporary_files_a_killed_fix_left() {
    let (_temp, dir) = copy_example("todo-broken");
    let leftover = dir.join(".apiDefinition.swagger.json.a1B2c3.connector-ls.tmp");
    let not_ours = dir.join(".apiDefinition.swagger.json.a1B2c3.tmp");
    std::fs::write(&leftover, "half a definition").unwrap();
    std::fs::write(&not_ours, "someone else's").unwrap();
    run(&["check", "--fix"], &dir);
    assert!(!leftover.exists());
    assert!(not_ours.exists());
}

#[test]
fn the_report_file_may_not_be_a_file_of_a_connector_that_could_not_be_read() {
    let (_temp, dir) = copy_example("todo-broken");
    let definition = dir.join("apiDefinition.swagger.json");
    std::fs::remove_file(&definition).unwrap();
    std::fs::create_dir(&definition).unwrap();
    let properties = dir.join("apiProperties.json");
    let before = read(&properties);
    let output = run(&["check", "-o", properties.to_str().unwrap()], &dir);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert_eq!(read(&properties), before);
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
