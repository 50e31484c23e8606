//! End-to-end tests of the command line: the real `connector-ls` binary run on the connectors
//! under `fixtures/cli/`, from the repository root so that the paths it prints are relative and
//! stable. Whole outputs (exit code, stdout, stderr) are reviewed as insta snapshots in
//! `tests/snapshots/cli__*.snap`; properties that must hold whatever the rules find (SARIF
//! structure, exit codes, `--output`) are asserted directly.
//!
//! The fixtures:
//! - `clean/`: the Contoso Items example, which raises nothing.
//! - `broken/Contoso Gate/` (a space in the folder name): a trailing comma after an emoji (so
//!   UTF-16 and character columns differ), a block comment over two lines (a multi-line range)
//!   and a duplicate key (a warning with a related location).
//! - `broken/truncated/`: apiProperties.json with a missing comma and no closing brace (two
//!   empty ranges: an insertion point and the end of the file).
//! - `warnings-only/`: a duplicate key and nothing else.
//!
//! When rules change what the fixtures raise, re-accept with
//! `INSTA_UPDATE=always cargo test --test cli` and read the diff.

use std::path::PathBuf;
use std::process::Command;

use connector_ls::rules::{FAMILIES, RULES};
use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `connector-ls` with the repository root as its current folder, outside GitHub Actions
/// whatever runs the tests.
fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_connector-ls"));
    command
        .current_dir(repo_root())
        .env_remove("GITHUB_ACTIONS");
    command
}

fn check(args: &[&str]) -> Command {
    let mut command = cli();
    command.arg("check").args(args);
    command
}

/// Run and return (exit code, stdout, stderr).
fn run(mut command: Command) -> (i32, String, String) {
    let output = command.output().expect("connector-ls runs");
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

fn sarif(args: &[&str]) -> Value {
    let mut all = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    let (_, stdout, stderr) = run(check(&all));
    assert_eq!(stderr, "");
    serde_json::from_str(&stdout).expect("SARIF output is JSON")
}

// ---- every format -------------------------------------------------------------------------

#[test]
fn human_format() {
    assert_cmd_snapshot!("human_broken", check(&["fixtures/cli/broken"]));
}

#[test]
fn human_is_the_default_format() {
    let (_, default, _) = run(check(&["fixtures/cli/broken"]));
    let (_, human, _) = run(check(&["--format", "human", "fixtures/cli/broken"]));
    assert_eq!(default, human);
}

#[test]
fn json_format() {
    assert_cmd_snapshot!(
        "json_broken",
        check(&["--format", "json", "fixtures/cli/broken"])
    );
}

#[test]
fn github_format() {
    assert_cmd_snapshot!(
        "github_broken",
        check(&["--format", "github", "fixtures/cli/broken"])
    );
}

/// The SARIF log without the rule metadata (every rule's docs), which SARIF validity tests
/// below check against the registry instead.
#[test]
fn sarif_format() {
    let (code, _, _) = run(check(&["--format", "sarif", "fixtures/cli/broken"]));
    assert_eq!(code, 1);
    let mut log = sarif(&["fixtures/cli/broken"]);
    // The count changes whenever a rule lands; `sarif_has_the_required_structure` checks it.
    log["runs"][0]["tool"]["driver"]["rules"] = Value::String("<every rule>".into());
    let version = &mut log["runs"][0]["tool"]["driver"]["version"];
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    *version = Value::String("<version>".into());
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = Value::String("<version>".into());
    insta::assert_snapshot!("sarif_broken", serde_json::to_string_pretty(&log).unwrap());
}

// ---- SARIF validity -----------------------------------------------------------------------

#[test]
fn sarif_has_the_required_structure() {
    let log = sarif(&["fixtures/cli/broken"]);
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "connector-ls");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every rule of the registry, in registry order, with its metadata.
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for (descriptor, rule) in rules.iter().zip(RULES.iter()) {
        assert_eq!(descriptor["id"], rule.id);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        let docs = rule.docs_text();
        assert_eq!(descriptor["help"]["markdown"], docs.trim());
        assert_eq!(descriptor["help"]["text"], docs.trim());
        assert_eq!(descriptor["fullDescription"]["text"], docs.trim());
        let level = match rule.default_severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
        match rule.reference {
            Some(url) => assert_eq!(descriptor["helpUri"], url),
            None => assert!(descriptor.get("helpUri").is_none(), "{descriptor}"),
        }
    }

    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex of {result}"
        );
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let related = result["relatedLocations"].as_array().cloned();
        for location in locations.iter().chain(related.iter().flatten()) {
            let physical = &location["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            assert!(uri.starts_with("fixtures/cli/broken/"), "{uri}");
            assert!(!uri.contains(' '), "{uri}");
            let region = &physical["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key} in {region}");
            }
            let start = (region["startLine"].as_u64(), region["startColumn"].as_u64());
            let end = (region["endLine"].as_u64(), region["endColumn"].as_u64());
            assert!(start <= end, "{region}");
        }
    }
}

#[test]
fn sarif_uris_are_percent_encoded_and_columns_count_utf16() {
    let log = sarif(&["fixtures/cli/broken"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let trailing_comma = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("trailing comma")
        })
        .expect("the trailing comma is reported");
    let physical = &trailing_comma["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "fixtures/cli/broken/Contoso%20Gate/apiDefinition.swagger.json"
    );
    // The comma follows "🚪": column 79 in characters, 80 in UTF-16 code units.
    assert_eq!(physical["region"]["startLine"], 7);
    assert_eq!(physical["region"]["startColumn"], 80);
    assert_eq!(physical["region"]["endColumn"], 81);
    let (_, human, _) = run(check(&["fixtures/cli/broken/Contoso Gate"]));
    assert!(human.contains("Contoso Gate/apiDefinition.swagger.json:7:79"));
}

#[test]
fn sarif_related_locations() {
    let log = sarif(&["fixtures/cli/warnings-only"]);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "json-duplicate-key");
    let related = &result["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "the value that is used");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 26);
    assert_eq!(result["properties"]["jsonPointer"], "/properties/publisher");
}

// ---- --output -----------------------------------------------------------------------------

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let (code, stdout, stderr) = run(check(&[
        "--format",
        "json",
        "--output",
        report.to_str().unwrap(),
        "fixtures/cli/broken",
    ]));
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (1, "", ""));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let (_, direct, _) = run(check(&["--format", "json", "fixtures/cli/broken"]));
    assert_eq!(written, serde_json::from_str::<Value>(&direct).unwrap());
}

#[test]
fn output_human_report_is_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let (code, stdout, _) = run(check(&[
        "-o",
        report.to_str().unwrap(),
        "fixtures/cli/warnings-only",
    ]));
    assert_eq!((code, stdout.as_str()), (0, ""));
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(!text.contains('\x1b'));
    assert!(
        text.ends_with("Found 1 warning in 1 connector.\n"),
        "{text}"
    );
}

#[test]
fn output_into_a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("no-such-folder").join("report.sarif");
    let (code, stdout, stderr) = run(check(&[
        "--format",
        "sarif",
        "--output",
        report.to_str().unwrap(),
        "fixtures/cli/clean",
    ]));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with(&format!("connector-ls: cannot write {}:", report.display())),
        "{stderr}"
    );
}

// ---- exit codes ---------------------------------------------------------------------------

#[test]
fn exit_0_when_clean() {
    assert_cmd_snapshot!("clean", check(&["fixtures/cli/clean"]));
}

#[test]
fn exit_1_on_errors() {
    let (code, _, _) = run(check(&["fixtures/cli/broken"]));
    assert_eq!(code, 1);
}

#[test]
fn exit_0_on_warnings_only() {
    assert_cmd_snapshot!("warnings_only", check(&["fixtures/cli/warnings-only"]));
}

#[test]
fn exit_1_on_warnings_with_deny_warnings() {
    let (code, stdout, _) = run(check(&["--deny-warnings", "fixtures/cli/warnings-only"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("warning[json-duplicate-key]"));
    let (code, _, _) = run(check(&["--deny-warnings", "fixtures/cli/clean"]));
    assert_eq!(code, 0);
}

#[test]
fn exit_2_on_a_missing_path() {
    assert_cmd_snapshot!(
        "missing_path",
        check(&["fixtures/cli/clean", "fixtures/cli/no-such-connector"])
    );
}

#[test]
fn exit_2_on_a_file_that_is_not_a_connector_file() {
    let (code, stdout, stderr) = run(check(&["Cargo.toml"]));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("Cargo.toml: not a connector file"),
        "{stderr}"
    );
}

/// A named pipe at `path`, or None (with a note) where mkfifo is missing.
fn make_fifo(path: &std::path::Path) -> Option<()> {
    let made = Command::new("mkfifo").arg(path).status();
    if made.is_ok_and(|s| s.success()) {
        Some(())
    } else {
        eprintln!("skipped: mkfifo is not available");
        None
    }
}

#[test]
fn a_pipe_or_device_on_the_command_line_is_not_a_regular_file() {
    let temp = tempfile::tempdir().unwrap();
    let fifo = temp.path().join("apiDefinition.swagger.json");
    if make_fifo(&fifo).is_none() {
        return;
    }
    let device = temp.path().join("apiProperties.json");
    std::os::unix::fs::symlink("/dev/zero", &device).unwrap();
    for path in [&fifo, &device] {
        let (code, _, stderr) = run(check(&[path.to_str().unwrap()]));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(!stderr.contains("no such file"), "{stderr}");
    }
}

#[test]
fn a_connector_file_that_cannot_be_read_is_reported_not_skipped() {
    let temp = tempfile::tempdir().unwrap();
    let properties = repo_root().join("fixtures/cli/clean/apiProperties.json");
    type Make<'a> = &'a dyn Fn(&std::path::Path) -> Option<()>;
    let make: [(&str, Make); 3] = [
        ("pipe", &make_fifo),
        ("directory", &|p| std::fs::create_dir(p).ok()),
        ("dangling", &|p| {
            std::os::unix::fs::symlink("/nonexistent/definition", p).ok()
        }),
    ];
    for (name, make) in make {
        let dir = temp.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        let definition = dir.join("apiDefinition.swagger.json");
        if make(&definition).is_none() {
            continue;
        }
        // With the connector's other files, and alone in its folder.
        for with_properties in [false, true] {
            if with_properties {
                std::fs::copy(&properties, dir.join("apiProperties.json")).unwrap();
            }
            let (code, _, stderr) = run(check(&[dir.to_str().unwrap()]));
            assert_eq!(code, 2, "{name}: {stderr}");
            assert!(
                stderr.contains("apiDefinition.swagger.json"),
                "{name}: {stderr}"
            );
        }
        let (code, _, stderr) = run(check(&[definition.to_str().unwrap()]));
        assert_eq!(code, 2, "{name} given directly: {stderr}");
    }
}

#[test]
fn an_io_error_names_the_file_and_the_summary_does_not_say_no_problems() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("unreadable");
    std::fs::create_dir(&dir).unwrap();
    // Reading /proc/self/mem from offset 0 fails with EIO.
    std::os::unix::fs::symlink("/proc/self/mem", dir.join("apiProperties.json")).unwrap();
    let (code, stdout, stderr) = run(check(&[dir.to_str().unwrap(), "--color", "never"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("apiProperties.json"), "{stderr}");
    assert!(!stdout.contains("No problems found"), "{stdout}");
    assert!(
        stdout.contains("1 connector could not be checked"),
        "{stdout}"
    );
}

#[test]
fn exit_2_on_a_bad_flag() {
    assert_cmd_snapshot!("bad_flag", check(&["--bogus", "fixtures/cli/clean"]));
}

#[test]
fn exit_2_on_a_bad_format() {
    let (code, stdout, stderr) = run(check(&["--format", "xml", "fixtures/cli/clean"]));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
}

#[test]
fn exit_2_on_an_unknown_rule_for_explain() {
    let mut command = cli();
    command.args(["explain", "no-such-rule"]);
    assert_cmd_snapshot!("explain_unknown", command);
}

// ---- paths --------------------------------------------------------------------------------

#[test]
fn a_single_file_reports_only_that_file() {
    assert_cmd_snapshot!(
        "single_file",
        check(&["fixtures/cli/broken/truncated/apiProperties.json"])
    );
}

#[test]
fn folders_are_searched_for_connectors() {
    assert_cmd_snapshot!("recursive", check(&["fixtures/cli"]));
}

#[test]
fn no_path_means_the_current_folder() {
    let mut command = cli();
    command
        .current_dir(repo_root().join("fixtures/cli/warnings-only"))
        .arg("check");
    let (code, stdout, _) = run(command);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(" --> apiProperties.json:24:5\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("Found 1 warning in 1 connector.\n"));
}

#[test]
fn folder_search_honours_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "{ \"properties\": { \"publisher\": \"Contoso\", } }\n";
    for name in ["kept", "ignored"] {
        std::fs::create_dir(dir.path().join(name)).unwrap();
        std::fs::write(dir.path().join(name).join("apiProperties.json"), broken).unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    let mut command = cli();
    command
        .current_dir(dir.path())
        .args(["check", "--format", "json"]);
    let (code, stdout, _) = run(command);
    assert_eq!(code, 1);
    let files: Vec<Value> = serde_json::from_str::<Vec<Value>>(&stdout)
        .unwrap()
        .into_iter()
        .map(|d| d["file"].clone())
        .collect();
    assert!(!files.is_empty());
    assert!(
        files.iter().all(|f| f == "kept/apiProperties.json"),
        "{files:?}"
    );
}

#[test]
fn a_folder_without_connectors_warns() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = cli();
    command.current_dir(dir.path()).arg("check");
    let (code, stdout, stderr) = run(command);
    assert_eq!(code, 0);
    assert_eq!(stdout, "No problems found in 0 connectors.\n");
    assert_eq!(stderr, "connector-ls: warning: no connector found in .\n");
}

#[test]
fn an_editor_settings_json_is_not_a_connector() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    std::fs::write(
        dir.path().join("app/settings.json"),
        "{\"editor.fontSize\": 12}",
    )
    .unwrap();
    let mut command = cli();
    command.current_dir(dir.path()).arg("check");
    let (code, stdout, stderr) = run(command);
    assert_eq!(code, 0);
    assert_eq!(stdout, "No problems found in 0 connectors.\n");
    assert_eq!(stderr, "connector-ls: warning: no connector found in .\n");

    // Named on the command line, it is no connector file either (as for the server).
    let mut command = cli();
    command
        .current_dir(dir.path())
        .args(["check", "app/settings.json"]);
    let (code, stdout, stderr) = run(command);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("app/settings.json: not a connector's settings.json"),
        "{stderr}"
    );
}

// ---- colour -------------------------------------------------------------------------------

#[test]
fn no_colour_when_not_a_terminal() {
    let (_, stdout, _) = run(check(&["fixtures/cli/broken"]));
    assert!(!stdout.contains('\x1b'));
    let (_, never, _) = run(check(&["--color", "never", "fixtures/cli/broken"]));
    assert_eq!(never, stdout);
}

#[test]
fn colour_when_asked() {
    let (_, stdout, _) = run(check(&["--color", "always", "fixtures/cli/broken"]));
    assert!(stdout.contains("\x1b["));
    let plain = strip_ansi(&stdout);
    let (_, never, _) = run(check(&["--color", "never", "fixtures/cli/broken"]));
    assert_eq!(plain, never);
}

/// Remove ANSI SGR sequences (`ESC [ … m`) and OSC 8 hyperlinks (`ESC ] … ESC \`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\x1b' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

// ---- rules and explain --------------------------------------------------------------------

#[test]
fn github_actions_turns_the_human_report_into_annotations_too() {
    let annotations = |format: &str, github: bool| {
        let mut command = check(&[
            "--format",
            format,
            "--color",
            "never",
            "fixtures/cli/broken",
        ]);
        if github {
            command.env("GITHUB_ACTIONS", "true");
        }
        let (_, stdout, _) = run(command);
        let lines: Vec<String> = stdout
            .lines()
            .filter(|l| l.starts_with("::"))
            .map(String::from)
            .collect();
        (stdout, lines)
    };
    let (human, with) = annotations("human", true);
    let (_, github) = annotations("github", false);
    assert!(!with.is_empty());
    assert_eq!(with, github, "the same annotations as --format github");
    assert!(human.contains("error["), "the human report is still there");
    assert!(annotations("human", false).1.is_empty());
    assert!(annotations("json", true).1.is_empty());
}

#[test]
fn rules_lists_every_rule() {
    let mut command = cli();
    command.arg("rules");
    let (code, stdout, _) = run(command);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), RULES.len());
    for (line, rule) in lines.iter().zip(RULES.iter()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[0], rule.id);
        assert_eq!(fields[1], rule.default_level());
        assert!(line.ends_with(rule.summary));
    }
}

#[test]
fn rules_as_json() {
    let mut command = cli();
    command.args(["rules", "--format", "json"]);
    let (code, stdout, _) = run(command);
    assert_eq!(code, 0);
    let rules: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rules.len(), RULES.len());
    for (json, rule) in rules.iter().zip(RULES.iter()) {
        assert_eq!(json["id"], rule.id);
        assert_eq!(json["severity"], rule.default_severity.as_str());
        assert_eq!(json["summary"], rule.summary);
        assert_eq!(json["docs"], rule.docs_text().trim());
        assert_eq!(json["reference"], serde_json::json!(rule.reference));
        assert_eq!(json["validator"], serde_json::json!(rule.validator));
    }
    let codes = |id: &str| {
        let rule = rules.iter().find(|r| r["id"] == id).unwrap();
        (rule["validator"].clone(), rule["certification"].clone())
    };
    assert_eq!(
        codes("operation-id-missing"),
        (serde_json::json!(["OperationIdRequired"]), "error".into())
    );
    assert_eq!(
        codes("response-schema-missing").1,
        "error",
        "a warning by default, an error under certification"
    );
    assert_eq!(
        codes("operation-id-not-pascal-case"),
        (serde_json::json!([]), "hint".into())
    );
    // A rule only the certification profile runs says so.
    let contact = rules
        .iter()
        .find(|r| r["id"] == "info-contact-invalid")
        .unwrap();
    assert_eq!(
        (&contact["enabled"], &contact["certification"]),
        (&false.into(), &"error".into())
    );
}

// ---- Swagger Validator codes --------------------------------------------------------------

#[test]
fn explain_accepts_a_validator_code() {
    let mut by_code = cli();
    by_code.args(["explain", "OperationIdRequired"]);
    let (code, stdout, stderr) = run(by_code);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let mut by_id = cli();
    by_id.args(["explain", "operation-id-missing"]);
    assert_eq!(run(by_id).1, stdout);
    assert!(stdout.starts_with("# operation-id-missing\n"), "{stdout}");
    assert!(
        stdout.contains("Swagger Validator: `OperationIdRequired` · Certification severity: error"),
        "{stdout}"
    );
    // Case does not matter; a code several rules report explains each of them.
    let mut shared = cli();
    shared.args(["explain", "operationidsanitized"]);
    let (code, stdout, _) = run(shared);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("# operation-id-whitespace\n")
            && stdout.contains("# operation-id-invalid-chars\n"),
        "{stdout}"
    );
}

#[test]
fn explain_refuses_an_unknown_or_unimplemented_code() {
    let mut unknown = cli();
    unknown.args(["explain", "OperationIdRequred"]);
    let (code, stdout, stderr) = run(unknown);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("'OperationIdRequred' is neither a rule nor a Swagger Validator code (did you mean 'OperationIdRequired'?)"),
        "{stderr}"
    );
    let left = connector_ls::rules::validator::not_yet().next();
    if let Some(left) = left {
        let mut unimplemented = cli();
        unimplemented.args(["explain", left.code]);
        let (code, _, stderr) = run(unimplemented);
        assert_eq!(code, 2);
        assert!(stderr.contains("not implemented yet"), "{stderr}");
    }
}

/// Each finding's code in every format: JSON `validator`, SARIF `properties.validator` (and
/// the rule's codes on its descriptor), the human report's note, the GitHub title.
#[test]
fn every_format_names_the_validator_code() {
    let example = "fixtures/examples/todo-broken";
    let (_, json, _) = run(check(&["--format", "json", example]));
    let json: Vec<Value> = serde_json::from_str(&json).unwrap();
    let whitespace = json
        .iter()
        .find(|d| d["rule"] == "operation-id-whitespace")
        .unwrap();
    assert_eq!(whitespace["validator"], "OperationIdSanitized");
    let syntax = json
        .iter()
        .find(|d| d["rule"] == "json-syntax-error")
        .unwrap();
    assert!(syntax.get("validator").is_none(), "{syntax}");

    let log = sarif(&[example]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "operation-id-whitespace")
        .unwrap();
    assert_eq!(result["properties"]["validator"], "OperationIdSanitized");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let descriptor = rules.iter().find(|r| r["id"] == "path-duplicate").unwrap();
    assert_eq!(
        descriptor["properties"]["validator"],
        serde_json::json!(["DuplicateOperationPath", "PathRedefined"])
    );

    let (_, human, _) = run(check(&["--color", "never", example]));
    assert!(
        human.contains("= note: Swagger Validator: OperationIdSanitized"),
        "{human}"
    );
    let (_, github, _) = run(check(&["--format", "github", example]));
    assert!(
        github.contains("title=connector-ls (operation-id-whitespace / OperationIdSanitized)"),
        "{github}"
    );
}

/// A finding's certification policy code in every format: JSON and SARIF `policy` (and the
/// rule's codes on its descriptor), the human report's note, the GitHub title, Azure's `code`
/// when the validator has none; `explain` takes a policy code, and refuses one about the
/// submission package.
#[test]
fn every_format_names_the_policy_code() {
    let case = "fixtures/rules/info-title-invalid/invalid-length";
    let (_, json, _) = run(check(&["--format", "json", case]));
    let json: Vec<Value> = serde_json::from_str(&json).unwrap();
    let long = json
        .iter()
        .find(|d| d["validator"] == "FieldLengthExceeded")
        .unwrap();
    assert_eq!(long["policy"], "5000.2.2.1");

    let log = sarif(&[case]);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["validator"] == "FieldLengthExceeded")
        .unwrap();
    assert_eq!(result["properties"]["policy"], "5000.2.2.1");
    let descriptor = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "host-not-production")
        .unwrap();
    assert_eq!(
        descriptor["properties"],
        serde_json::json!({"policy": ["5000.2.6.4"]})
    );

    let (_, human, _) = run(check(&["--color", "never", case]));
    assert!(
        human.contains(
            "= note: certification policy 5000.2.2.1: the title is at most 30 characters"
        ),
        "{human}"
    );
    let (_, github, _) = run(check(&["--format", "github", case]));
    assert!(
        github
            .contains("title=connector-ls (info-title-invalid / FieldLengthExceeded / 5000.2.2.1)"),
        "{github}"
    );
    let icon = "fixtures/rules/icon-invalid/invalid-not-square";
    let (_, azure, _) = run(check(&["--format", "azure", icon]));
    assert!(azure.contains(";code=5000.2.1.4;]"), "{azure}");

    let mut explain = cli();
    explain.args(["explain", "5000.2.6.4"]);
    let (code, stdout, _) = run(explain);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# host-not-production\n"), "{stdout}");
    assert!(
        stdout.contains("Certification policy: `5000.2.6.4` · Certification severity: error"),
        "{stdout}"
    );
    let mut package = cli();
    package.args(["explain", "5000.1.1.4"]);
    let (code, _, stderr) = run(package);
    assert_eq!(code, 2);
    assert!(stderr.contains("the submission package"), "{stderr}");
}

/// docs/rules.md is the registry's Markdown output; `UPDATE_DOCS=1 cargo test` rewrites it.
#[test]
fn rule_docs_page_is_current() {
    let mut command = cli();
    command.args(["rules", "--format", "markdown"]);
    let (code, generated, _) = run(command);
    assert_eq!(code, 0);
    for rule in RULES.iter() {
        assert!(
            generated.contains(&format!("\n## {}\n", rule.id)),
            "{}",
            rule.id
        );
    }
    let page = repo_root().join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&page, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&page).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test cli rule_docs_page_is_current`"
    );
}

#[test]
fn config_schema_describes_every_rule() {
    let mut command = cli();
    command.args(["config", "schema"]);
    let (code, schema, _) = run(command);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let levels = &schema["properties"]["rules"]["properties"];
    // An `ignore` item is a rule or family name, or an entry whose `rules` are rule ids.
    let [name, entry] = schema["properties"]["ignore"]["items"]["anyOf"]
        .as_array()
        .unwrap()
        .as_slice()
    else {
        panic!("ignore items are names or entries")
    };
    let ignorable = &entry["properties"]["rules"]["items"]["enum"];
    let names = name["enum"].as_array().unwrap();
    assert_eq!(
        &schema["properties"]["select"]["items"]["enum"],
        &name["enum"]
    );
    for rule in RULES.iter() {
        assert!(levels[rule.id]["enum"].is_array(), "{}", rule.id);
        assert!(
            ignorable.as_array().unwrap().contains(&rule.id.into()),
            "{}",
            rule.id
        );
        assert!(names.contains(&rule.id.into()), "{}", rule.id);
    }
    for (family, _) in FAMILIES.iter() {
        assert!(names.contains(&(*family).into()), "{family}");
    }
    assert_eq!(names.len(), RULES.len() + FAMILIES.len());
}

/// The families `--select` takes are named in `check --help`, all of them.
#[test]
fn check_help_names_every_family() {
    let mut command = cli();
    command.args(["check", "--help"]);
    let (code, help, _) = run(command);
    assert_eq!(code, 0);
    let families: Vec<&str> = FAMILIES.iter().map(|(family, _)| *family).collect();
    assert!(help.contains(&families.join(", ")), "{help}");
}

#[test]
fn explain_prints_the_docs() {
    let mut command = cli();
    command.args(["explain", "json-duplicate-key"]);
    assert_cmd_snapshot!("explain", command);
}

// ---- hostile content and file names -------------------------------------------------------

/// A definition with `operations` operations on one line (a minified file); `operation_id`
/// gives each one's id.
fn minified_definition(operations: usize, operation_id: impl Fn(usize) -> String) -> String {
    let paths: Vec<String> = (0..operations)
        .map(|i| {
            format!(
                r#""/p{i}":{{"get":{{"operationId":{},"responses":{{"200":{{"description":"ok","schema":{{"type":"string"}}}}}}}}}}"#,
                serde_json::to_string(&operation_id(i)).unwrap()
            )
        })
        .collect();
    format!(
        r#"{{"swagger":"2.0","info":{{"title":"t","version":"1"}},"host":"a.com","paths":{{{}}}}}"#,
        paths.join(",")
    )
}

/// A connector folder holding only this definition.
fn connector_with_definition(dir: &std::path::Path, definition: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("apiDefinition.swagger.json"), definition).unwrap();
}

/// The number of findings a human report shows (`error[rule]: …` headers).
fn human_findings(report: &str) -> usize {
    report
        .lines()
        .filter(|line| {
            ["error[", "warning[", "info[", "hint["]
                .iter()
                .any(|level| line.starts_with(level))
        })
        .count()
}

#[test]
fn human_output_grows_linearly_when_related_locations_are_far_away_on_one_line() {
    let bytes_per_finding = |operations: usize| {
        let temp = tempfile::tempdir().unwrap();
        connector_with_definition(
            temp.path(),
            &minified_definition(operations, |_| "GetItem".into()),
        );
        let mut command = check(&["--color", "never"]);
        command.arg(temp.path());
        let output = command.output().unwrap();
        let report = String::from_utf8(output.stdout).unwrap();
        let findings = human_findings(&report);
        assert!(findings >= operations - 1, "{findings} findings");
        report.len() / findings
    };
    let small = bytes_per_finding(250);
    let large = bytes_per_finding(2000);
    // Each snippet is a window around its annotations, whatever lies between them.
    assert!(small < 2000, "{small} bytes per finding for 250 operations");
    assert!(
        large <= small + small / 4,
        "{small} bytes per finding for 250 operations, {large} for 2,000"
    );
}

/// Control bytes that a terminal or a CI log would interpret: everything below space but the
/// line feed and the tab, and DEL.
fn raw_controls(output: &[u8]) -> Vec<u8> {
    output
        .iter()
        .copied()
        .filter(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
        .collect()
}

/// Check that no line of `output` is a workflow command GitHub's runner would execute: a line
/// that starts with `::` after spaces (unless `own` commands, the github format's, are
/// expected; or ` ::: path`, where the runner reads the command name `:`, which is none) or,
/// in a GitHub Actions log, one that holds `##[` anywhere (the legacy form). Lines between
/// `::stop-commands::TOKEN` and `::TOKEN::` are only printed.
fn assert_no_workflow_command(name: &str, output: &str, own: bool, github_log: bool) {
    let mut stopped: Option<String> = None;
    for line in output.lines() {
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        if github_log && let Some(token) = line.strip_prefix("::stop-commands::") {
            assert!(token.len() >= 16, "{name}: a guessable token {token:?}");
            stopped = Some(token.to_string());
            continue;
        }
        let trimmed = line.trim_start();
        let own_command = own
            && ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|c| line.starts_with(c));
        if own_command {
            continue;
        }
        assert!(
            !trimmed.starts_with("::") || trimmed.starts_with("::: "),
            "{name} has a workflow command: {line:?}"
        );
        assert!(
            !(github_log && trimmed.contains("##[")),
            "{name} has a legacy workflow command: {line:?}"
        );
    }
    assert_eq!(stopped, None, "{name}: commands are resumed");
}

#[test]
fn azure_format() {
    assert_cmd_snapshot!(
        "azure_broken",
        check(&["--format", "azure", "fixtures/cli/broken"])
    );
}

/// The Azure Pipelines agent runs the first `##vso[` it finds anywhere in a line of the log: no
/// line may hold one but the reporter's own `##vso[task.logissue` commands at the start of a
/// line, whose properties name only what the reporter writes.
fn assert_no_logging_command(name: &str, output: &str) {
    for line in output.lines() {
        let Some(at) = line.find("##vso[") else {
            continue;
        };
        let command = line
            .strip_prefix("##vso[task.logissue ")
            .filter(|_| at == 0)
            .unwrap_or_else(|| panic!("{name} has a logging command: {line:?}"));
        let properties = &command[..command.find(']').expect("the end of the properties")];
        for property in properties.split(';').filter(|p| !p.is_empty()) {
            let key = property.split('=').next().unwrap();
            assert!(
                ["type", "sourcepath", "linenumber", "columnnumber", "code"].contains(&key),
                "{name}: an injected property {property:?} in {line:?}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn file_content_and_file_names_cannot_inject_azure_logging_commands() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp
        .path()
        .join("##vso[task.setvariable variable=FOLDER]x;]");
    let definition = minified_definition(3, |i| {
        [
            "A##vso[task.setvariable variable=TOKEN]stolen",
            "B\n##vso[task.complete result=Succeeded;]",
            "C;]%AZP25##vso[task.uploadfile]/etc/passwd",
        ][i]
            .to_string()
    });
    connector_with_definition(&dir, &definition);
    let runs: [(&str, &[&str]); 6] = [
        ("human in Azure Pipelines", &["--color", "never"]),
        ("azure", &["--format", "azure"]),
        ("json in Azure Pipelines", &["--format", "json"]),
        ("sarif in Azure Pipelines", &["--format", "sarif"]),
        ("human", &["--color", "never", "--show-hints"]),
        ("diff in Azure Pipelines", &["--diff", "--unsafe-fixes"]),
    ];
    for (name, args) in runs {
        let mut command = check(args);
        command.arg(&dir).env_remove("GITHUB_ACTIONS");
        match name.ends_with("in Azure Pipelines") || name == "azure" {
            true => command.env("TF_BUILD", "True"),
            false => command.env_remove("TF_BUILD"),
        };
        let output = command.output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.is_empty(), "{name}: a report");
        if name == "human" {
            // Outside Azure Pipelines the text is shown as it is.
            assert!(stdout.contains("##vso[task.setvariable"), "{name}");
            continue;
        }
        assert_no_logging_command(name, &stdout);
        assert_no_logging_command(name, &String::from_utf8_lossy(&output.stderr));
        if name == "human in Azure Pipelines" {
            // The report is annotated as well, and the quoted text says what it held.
            assert!(
                stdout.contains("##vso[task.logissue type=warning;"),
                "{stdout}"
            );
            assert!(stdout.contains("#\\x23vso[task.setvariable"), "{stdout}");
        }
    }
}

#[cfg(unix)]
#[test]
fn file_content_and_file_names_cannot_inject_workflow_commands_or_control_characters() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp
        .path()
        .join("esc\x1b[31mred\n::error::from-a-folder-name\r::warning::cr");
    let mut definition = minified_definition(5, |i| {
        [
            "A\n::stop-commands::hide",
            "B\r::error file=x::from-a-carriage-return",
            "C\x1b[2J\u{85}::warning::after-a-next-line",
            "D\u{2028}::notice::after-a-line-separator",
            "E##[error]legacy ##[stop-commands]hide",
        ][i]
            .to_string()
    });
    // A raw ESC inside a string: a syntax error whose fix (escaping it) shows it on the
    // diff's `-` line.
    definition = definition.replace(r#""title":"t""#, "\"title\":\"t\x1b[31m\"");
    connector_with_definition(&dir, &definition);
    let runs: [(&str, &[&str], bool); 10] = [
        ("human", &["--color", "never"], false),
        ("human, coloured", &["--color", "always"], false),
        ("human in GitHub Actions", &["--color", "never"], true),
        ("json", &["--format", "json"], false),
        ("json in GitHub Actions", &["--format", "json"], true),
        ("sarif in GitHub Actions", &["--format", "sarif"], true),
        ("sarif", &["--format", "sarif"], false),
        ("github", &["--format", "github"], true),
        ("diff", &["--diff", "--unsafe-fixes"], false),
        (
            "diff in GitHub Actions",
            &["--diff", "--unsafe-fixes"],
            true,
        ),
    ];
    for (name, args, github_log) in runs {
        let mut command = check(args);
        command.arg(&dir);
        if github_log {
            command.env("GITHUB_ACTIONS", "true");
        }
        let output = command.output().unwrap();
        assert!(!output.stdout.is_empty(), "{name}: a report");
        let own = name == "github" || name == "human in GitHub Actions";
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_no_workflow_command(name, &stdout, own, github_log);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_no_workflow_command(name, &stderr, false, github_log);
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let mut controls = raw_controls(bytes);
            if name == "human, coloured" {
                // Colours are SGR sequences the reporter writes itself.
                controls.retain(|&b| b != 0x1b);
                let text = String::from_utf8_lossy(bytes);
                assert!(!text.contains("\x1b[31mred"), "{name} {stream}: raw ESC");
                assert!(!text.contains("\x1b[2J"), "{name} {stream}: raw ESC");
            }
            assert_eq!(controls, b"", "{name} {stream}: raw control characters");
        }
    }
}

#[test]
fn messages_escape_control_characters_of_paths() {
    let temp = tempfile::tempdir().unwrap();
    let empty = temp.path().join("empty\x1b[31m\n::error::x");
    std::fs::create_dir(&empty).unwrap();
    let mut command = check(&[]);
    command.arg(&empty);
    let output = command.output().unwrap();
    assert_eq!(raw_controls(&output.stderr), b"");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("/empty\\x1B[31m\\n::error::x\n"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn paths_are_printed_faithfully() {
    use std::os::unix::ffi::OsStrExt;
    let temp = tempfile::tempdir().unwrap();
    let definition = minified_definition(1, |_| "Get item".into());
    connector_with_definition(&temp.path().join("quote\"and\\back"), &definition);
    connector_with_definition(
        &temp
            .path()
            .join(std::ffi::OsStr::from_bytes(b"bad\xff\xfebytes")),
        &definition,
    );
    let report = |format: &str| {
        let mut command = check(&["--format", format, "--color", "never"]);
        command.arg(temp.path());
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    let human = report("human");
    assert!(human.contains("quote\"and\\back/apiDefinition.swagger.json:1:"));
    assert!(human.contains("bad\\xFF\\xFEbytes/apiDefinition.swagger.json:1:"));
    let github = report("github");
    assert!(github.contains("quote\"and\\back/apiDefinition.swagger.json,"));
    assert!(github.contains("bad\\xFF\\xFEbytes/apiDefinition.swagger.json,"));
    let json: Value = serde_json::from_str(&report("json")).unwrap();
    let files: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("/quote\"and\\back/apiDefinition.swagger.json"))
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("/bad\\xFF\\xFEbytes/apiDefinition.swagger.json"))
    );
    let sarif: Value = serde_json::from_str(&report("sarif")).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("/quote%22and%5Cback/apiDefinition.swagger.json"))
    );
    assert!(
        uris.iter()
            .any(|u| u.ends_with("/bad%FF%FEbytes/apiDefinition.swagger.json"))
    );
}

#[test]
fn hints_are_counted_in_the_human_report_unless_shown() {
    let temp = tempfile::tempdir().unwrap();
    let names = ["listItems", "getItem", "deleteItem"];
    connector_with_definition(temp.path(), &minified_definition(3, |i| names[i].into()));
    let report = |args: &[&str]| {
        let mut command = check(args);
        command.arg(temp.path());
        run(command).1
    };
    let human = report(&["--color", "never"]);
    assert_eq!(
        human.matches("hint[operation-id-not-pascal-case]").count(),
        0
    );
    assert!(
        human.contains(
            "3 hints not listed: operation-id-not-pascal-case 3 (pass --show-hints to list them).\n"
        ),
        "{human}"
    );
    let shown = report(&["--color", "never", "--show-hints"]);
    assert_eq!(
        shown.matches("hint[operation-id-not-pascal-case]").count(),
        3
    );
    assert!(!shown.contains("not listed"));
    for (format, finding) in [
        ("json", r#""rule": "operation-id-not-pascal-case""#),
        ("sarif", r#""ruleId": "operation-id-not-pascal-case""#),
        (
            "github",
            "title=connector-ls (operation-id-not-pascal-case)",
        ),
    ] {
        let all = report(&["--format", format]);
        assert_eq!(all.matches(finding).count(), 3, "{format}: {all}");
    }
}

/// A context line of script.csx that starts with `::` is run by GitHub's runner as a workflow
/// command (it trims the leading space): in a GitHub Actions job, `--diff` turns workflow
/// commands off around the diff with a token the file cannot know.
#[test]
fn diff_turns_workflow_commands_off_around_file_lines_in_github_actions() {
    let temp = tempfile::tempdir().unwrap();
    connector_with_definition(temp.path(), &minified_definition(1, |_| "Get item".into()));
    let script = "public class Script : ScriptBase\n{\n    /*\n::error::from-csx\n    */\n    \
                  bool Matches() => this.Context.OperationId == \"Get item\";\n}\n";
    std::fs::write(temp.path().join("script.csx"), script).unwrap();
    let diff = |github: bool| {
        let mut command = check(&["--diff"]);
        command.arg(temp.path());
        if github {
            command.env("GITHUB_ACTIONS", "true");
        }
        run(command).1
    };
    let plain = diff(false);
    assert!(plain.contains("\n ::error::from-csx\n"), "{plain}");
    assert!(!plain.contains("stop-commands"));
    let guarded = diff(true);
    let lines: Vec<&str> = guarded.lines().collect();
    let token = lines[0]
        .strip_prefix("::stop-commands::")
        .expect("commands are stopped first");
    assert!(token.len() >= 16, "{token}");
    assert_eq!(lines[lines.len() - 1], format!("::{token}::"));
    assert_eq!(lines[1..lines.len() - 1].join("\n") + "\n", plain);
}

/// `locate` places the messages of a log (real forms: a pipeline line with a timestamp, one
/// without a pointer, the portal's, paconn's JSON, the newer `warning Code:` form) in the
/// connector, in the human and JSON formats; the JSON findings are where the pointers say.
#[test]
fn locate_places_validator_messages() {
    let example = "fixtures/examples/contoso-items";
    let locate = |args: &[&str]| {
        let mut command = cli();
        command
            .arg("locate")
            .args(args)
            .env_remove("GITHUB_ACTIONS")
            .env_remove("TF_BUILD");
        command
    };
    assert_cmd_snapshot!(
        "locate_pipeline_log",
        locate(&["fixtures/locate/pipeline.log", example])
    );
    let (code, json, _) = run(locate(&[
        "--format",
        "json",
        "fixtures/locate/pipeline.log",
        example,
    ]));
    assert_eq!(code, 0);
    let found: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(found.len(), 7);
    let duplicate = &found[6];
    assert_eq!(duplicate["rule"], "operation-id-duplicate");
    assert_eq!(duplicate["validator"], "OperationIdNotUnique");
    assert_eq!(duplicate["severity"], "warning");
    assert_eq!(duplicate["pointer"], "/paths/~1items/get/operationId");
    let text = std::fs::read_to_string(format!("{example}/apiDefinition.swagger.json")).unwrap();
    let line = text
        .lines()
        .nth(duplicate["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let column = duplicate["column"].as_u64().unwrap() as usize - 1;
    assert!(line[column..].starts_with("\"operationId\""), "{line}");

    // Standard input, and a log with nothing to place.
    let mut stdin = locate(&["-", example]);
    stdin.stdin(std::fs::File::open("fixtures/locate/pipeline.log").unwrap());
    let (code, stdout, _) = run(stdin);
    assert_eq!((code, stdout.matches("error[").count()), (0, 6));
    let mut nothing = locate(&["-", example]);
    nothing.stdin(std::process::Stdio::null());
    let (code, _, stderr) = run(nothing);
    assert_eq!(code, 1);
    assert!(stderr.contains("no validator message found"), "{stderr}");
    let (code, _, stderr) = run(locate(&["fixtures/locate/missing.log", example]));
    assert_eq!(code, 2, "{stderr}");
}

/// The certification team's report, as it was posted on a pull request of the connectors
/// repository (#4202): each numbered entry is placed, the property it names at its key (here
/// the connector has it) with its validator code, the title's reserved words at the title with its
/// policy code and rule; the sample JSON that follows an entry places nothing.
#[test]
fn locate_reads_the_certification_teams_report() {
    let mut command = cli();
    command.args([
        "locate",
        "--format",
        "json",
        "fixtures/locate/certification-report.txt",
        "fixtures/rules/info-title-invalid/invalid",
    ]);
    let (code, json, stderr) = run(command);
    assert_eq!(code, 0, "{stderr}");
    let found: Vec<Value> = serde_json::from_str(&json).unwrap();
    let summary: Vec<String> = found
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {} line {}",
                d["rule"], d["validator"], d["policy"], d["pointer"], d["line"]
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            r#""connector-metadata-invalid" "ConnectorMetadataPropertiesMissing" null "/x-ms-connector-metadata" line 229"#,
            r#""info-title-invalid" null "5000.2.2.2" "/info/title" line 4"#,
        ]
    );
}

/// A certification report names policy codes and no pointer: each line is placed at what its
/// policy is about (the title, the icon file), with the rule that reports the code; a code
/// about the package alone stays at the top of the definition.
#[test]
fn locate_places_certification_policy_codes() {
    let case = "fixtures/rules/icon-invalid/invalid-not-square";
    let report = "Policy 5000.2.2.1: Title is too long.\n\
                  5000.2.1.4 Icon dimensions are invalid.\n\
                  5000.1.1.4 Malware error\n";
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("report.txt");
    std::fs::write(&log, report).unwrap();
    let mut command = cli();
    command
        .args(["locate", "--format", "json"])
        .arg(&log)
        .arg(case);
    let (code, json, stderr) = run(command);
    assert_eq!(code, 0, "{stderr}");
    let found: Vec<Value> = serde_json::from_str(&json).unwrap();
    let summary: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["policy"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    let definition = format!("{case}/apiDefinition.swagger.json");
    assert_eq!(
        summary,
        [
            (
                "info-title-invalid",
                "5000.2.2.1",
                definition.as_str(),
                "/info/title"
            ),
            (
                "icon-invalid",
                "5000.2.1.4",
                &format!("{case}/icon.png"),
                ""
            ),
            ("validator-message", "5000.1.1.4", definition.as_str(), ""),
        ]
    );
}
