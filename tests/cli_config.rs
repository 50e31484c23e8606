//! `check` with a project configuration file (connector-ls.toml): severities and ignored
//! findings; found above the connector,
//! chosen with `--config`, ignored with `--no-config`, and refused (exit 2) when it has a
//! mistake.

mod common;

use std::path::Path;
use std::process::Command;

use common::copy_example;
use serde_json::Value;

/// Run `check --format json` on `dir` with `extra` arguments: exit code, findings as
/// (rule, severity), standard error.
fn check(dir: &Path, extra: &[&str]) -> (i32, Vec<(String, String)>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings = serde_json::from_str::<Vec<Value>>(&stdout)
        .unwrap_or_default()
        .iter()
        .map(|d| {
            let field = |name: &str| d[name].as_str().unwrap().to_string();
            (field("rule"), field("severity"))
        })
        .collect();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), findings, stderr)
}

fn severity_of<'a>(findings: &'a [(String, String)], rule: &str) -> Option<&'a str> {
    findings
        .iter()
        .find(|(r, _)| r == rule)
        .map(|(_, severity)| severity.as_str())
}

const TEAM_CONFIG: &str = "# Our team's settings\n[rules]\noperation-id-whitespace = \"off\"\nresponse-schema-missing = \"error\"\n";

#[test]
fn the_file_above_the_connector_sets_severities() {
    let (temp, dir) = copy_example("todo-broken");
    let (_, defaults, _) = check(&dir, &[]);
    assert_eq!(
        severity_of(&defaults, "operation-id-whitespace"),
        Some("error")
    );
    assert_eq!(
        severity_of(&defaults, "response-schema-missing"),
        Some("warning")
    );

    std::fs::write(temp.path().join("connector-ls.toml"), TEAM_CONFIG).unwrap();
    let (code, configured, stderr) = check(&dir, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(severity_of(&configured, "operation-id-whitespace"), None);
    assert_eq!(
        severity_of(&configured, "response-schema-missing"),
        Some("error")
    );
    assert_eq!(configured.len(), defaults.len() - 1);

    // --no-config: every rule at its default again.
    let (_, ignored, _) = check(&dir, &["--no-config"]);
    assert_eq!(ignored, defaults);
}

#[test]
fn turning_off_the_errors_changes_the_exit_code() {
    let (temp, dir) = copy_example("todo-broken");
    let (code, defaults, _) = check(&dir, &[]);
    assert_eq!(code, 1);
    let mut config = String::from("[rules]\n");
    for (rule, severity) in &defaults {
        if severity == "error" && !config.contains(rule.as_str()) {
            config += &format!("{rule} = \"off\"\n");
        }
    }
    let file = temp.path().join("team.toml");
    std::fs::write(&file, config).unwrap();
    let (code, findings, stderr) = check(&dir, &["--config", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(findings.iter().all(|(_, s)| s != "error"), "{findings:?}");
    assert!(!findings.is_empty(), "the warnings remain");
}

#[test]
fn a_mistake_in_the_file_is_exit_2_naming_the_file_and_the_key() {
    let (temp, dir) = copy_example("todo-broken");
    let file = temp.path().join(".connector-ls.toml");
    std::fs::write(&file, "[rules]\noperation-id-whitespaces = \"off\"\n").unwrap();
    let (code, findings, stderr) = check(&dir, &[]);
    assert_eq!(code, 2);
    assert!(findings.is_empty());
    assert!(stderr.contains(".connector-ls.toml:2:1: unknown rule 'operation-id-whitespaces'; did you mean 'operation-id-whitespace'?"), "{stderr}");

    let (code, _, stderr) = check(&dir, &["--config", "no/such/file.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no/such/file.toml: cannot read"),
        "{stderr}"
    );
}

#[test]
fn ignore_entries_drop_the_findings_they_name_and_no_others() {
    let (temp, dir) = copy_example("todo-broken");
    let (_, defaults, _) = check(&dir, &[]);
    let config = temp.path().join("connector-ls.toml");
    let with = |entries: &str| {
        std::fs::write(&config, entries).unwrap();
        check(&dir, &[]).1
    };

    // By pointer: the operation named, and everything under it.
    let findings = with(
        r#"[[ignore]]
rules = ["response-schema-missing", "operation-id-whitespace"]
pointers = ["/paths/~1lists~1{listId}~1tasks/get"]
reason = "Returns a file"
"#,
    );
    assert_eq!(severity_of(&findings, "response-schema-missing"), None);
    assert_eq!(severity_of(&findings, "operation-id-whitespace"), None);
    assert_eq!(findings.len(), defaults.len() - 2);
    // Another operation's pointer leaves them.
    let findings = with(
        "[[ignore]]\nrules = [\"response-schema-missing\"]\npointers = [\"/paths/~1lists\"]\n",
    );
    assert_eq!(findings, defaults);

    // By file: a name matches in any folder, a path is relative to the configuration file.
    let findings = with(
        "[[ignore]]\nrules = [\"oauth-redirect-mode-global\"]\nfiles = [\"apiDefinition.swagger.json\"]\n",
    );
    assert_eq!(findings, defaults);
    for files in [
        "apiProperties.json",
        "todo-broken/apiProperties.json",
        "*/*.json",
    ] {
        let findings = with(&format!(
            "[[ignore]]\nrules = [\"oauth-redirect-mode-global\"]\nfiles = [\"{files}\"]\n"
        ));
        assert_eq!(
            severity_of(&findings, "oauth-redirect-mode-global"),
            None,
            "{files}"
        );
        assert_eq!(findings.len(), defaults.len() - 1, "{files}");
    }
    let findings = with(
        "[[ignore]]\nrules = [\"oauth-redirect-mode-global\"]\nfiles = [\"other/apiProperties.json\"]\n",
    );
    assert_eq!(findings, defaults);
}

/// The rule ids of findings, sorted and without repeats.
fn rules_of(findings: &[(String, String)]) -> Vec<&str> {
    let mut rules: Vec<&str> = findings.iter().map(|(rule, _)| rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

#[test]
fn select_and_ignore_choose_rules_by_id_and_by_family() {
    let (_temp, dir) = copy_example("todo-broken");
    let (_, defaults, _) = check(&dir, &[]);
    let (code, operations, stderr) = check(&dir, &["--select", "operations"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        rules_of(&operations),
        [
            "operation-id-whitespace",
            "operation-ref-unknown",
            "policy-operation-unknown"
        ]
    );
    // Lists with commas, and repeated flags, add up.
    let (_, two, _) = check(
        &dir,
        &[
            "--select",
            "json-syntax-error,responses",
            "--select",
            "security",
        ],
    );
    assert_eq!(
        rules_of(&two),
        [
            "json-syntax-error",
            "oauth-redirect-mode-global",
            "oauth-redirect-url-missing",
            "response-schema-missing"
        ]
    );
    // --ignore wins over --select.
    let (_, rest, _) = check(
        &dir,
        &[
            "--select",
            "operations",
            "--ignore",
            "operation-ref-unknown",
        ],
    );
    assert_eq!(
        rules_of(&rest),
        ["operation-id-whitespace", "policy-operation-unknown"]
    );
    let (_, without, _) = check(&dir, &["--ignore", "operations,security"]);
    assert_eq!(
        rules_of(&without),
        [
            "json-syntax-error",
            "operation-description-missing",
            "parameter-description-missing",
            "path-parameter-encoding-missing",
            "path-parameter-undeclared",
            "response-schema-missing"
        ]
    );
    assert_eq!(without.len(), defaults.len() - 5);
}

#[test]
fn min_severity_drops_the_less_severe_findings() {
    let (_temp, dir) = copy_example("todo-broken");
    let (_, defaults, _) = check(&dir, &[]);
    let (code, errors, _) = check(&dir, &["--min-severity", "error"]);
    assert_eq!(code, 1);
    assert!(!errors.is_empty() && errors.iter().all(|(_, s)| s == "error"));
    assert_eq!(
        errors.len(),
        defaults.iter().filter(|(_, s)| s == "error").count()
    );
    // Warnings left out of the report do not fail --deny-warnings.
    let (code, none, _) = check(
        &dir,
        &[
            "--select",
            "responses",
            "--min-severity",
            "error",
            "--deny-warnings",
        ],
    );
    assert_eq!((code, none.len()), (0, 0));
    let (_, hints, _) = check(&dir, &["--min-severity", "hint"]);
    assert_eq!(hints, defaults);

    let (code, _, stderr) = check(&dir, &["--min-severity", "warn"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'warn'"), "{stderr}");
}

#[test]
fn every_format_reports_only_the_selected_rules() {
    let (_temp, dir) = copy_example("todo-broken");
    for format in ["human", "json", "sarif", "github"] {
        let output = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .args(["check", "--color", "never", "--format", format])
            .args([
                "--select",
                "operations",
                "--ignore",
                "operation-ref-unknown",
            ])
            .args(["--min-severity", "error"])
            .arg(&dir)
            .output()
            .unwrap();
        let mut stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {stdout}");
        if format == "sarif" {
            // The tool's metadata lists every rule; the results are what was reported.
            let sarif: Value = serde_json::from_str(&stdout).unwrap();
            stdout = sarif["runs"][0]["results"].to_string();
        }
        assert!(stdout.contains("operation-id-whitespace"), "{format}");
        for left_out in [
            "operation-ref-unknown",
            "policy-operation-unknown",
            "json-syntax-error",
            "response-schema-missing",
        ] {
            assert!(
                !stdout.contains(left_out),
                "{format} reports {left_out}: {stdout}"
            );
        }
    }
}

#[test]
fn an_unknown_rule_or_family_on_the_command_line_is_exit_2_with_a_suggestion() {
    let (_temp, dir) = copy_example("todo-broken");
    let (code, findings, stderr) = check(&dir, &["--select", "operation"]);
    assert_eq!((code, findings.len()), (2, 0));
    assert!(
        stderr.contains("--select: unknown rule or family 'operation'; did you mean 'operations'?"),
        "{stderr}"
    );
    let (code, _, stderr) = check(&dir, &["--ignore", "responses,secret-comitted"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "--ignore: unknown rule or family 'secret-comitted'; did you mean 'secret-committed'?"
        ),
        "{stderr}"
    );
}

#[test]
fn the_file_selects_too_and_the_command_line_goes_on_top() {
    let (temp, dir) = copy_example("todo-broken");
    let config = temp.path().join("connector-ls.toml");
    std::fs::write(
        &config,
        "select = [\"operations\", \"responses\"]\nignore = [\"policy-operation-unknown\"]\nmin-severity = \"warning\"\n\n[rules]\noperation-id-whitespace = \"info\"\n",
    )
    .unwrap();
    let (code, findings, stderr) = check(&dir, &[]);
    assert_eq!(code, 1, "{stderr}");
    // The rule set to info falls below the file's min-severity.
    assert_eq!(
        rules_of(&findings),
        ["operation-ref-unknown", "response-schema-missing"]
    );
    // --select replaces the file's selection, --ignore adds to its ignores, --min-severity
    // replaces its least severity.
    let (_, findings, _) = check(
        &dir,
        &[
            "--select",
            "operations,security",
            "--ignore",
            "oauth-redirect-url-missing",
            "--min-severity",
            "info",
        ],
    );
    assert_eq!(
        rules_of(&findings),
        [
            "oauth-redirect-mode-global",
            "operation-id-whitespace",
            "operation-ref-unknown"
        ]
    );
    assert_eq!(
        severity_of(&findings, "operation-id-whitespace"),
        Some("info")
    );

    std::fs::write(
        &config,
        "min-severity = \"warning\"\nselect = [\"paths\", \"operation\"]\n",
    )
    .unwrap();
    let (code, findings, stderr) = check(&dir, &[]);
    assert_eq!((code, findings.len()), (2, 0));
    assert!(
        stderr.contains(
            "connector-ls.toml:2:20: unknown rule or family 'operation'; did you mean 'operations'?"
        ),
        "{stderr}"
    );
}

/// The certification profile: every rule that reports a Swagger Validator code at the
/// validator's severity, chosen by `--profile` or by `profile` in the file; a rule's own
/// setting still wins, and `--profile default` replaces the file's choice.
#[test]
fn the_certification_profile_raises_validator_checks_and_rule_settings_still_win() {
    let (temp, dir) = copy_example("todo-broken");
    let (_, defaults, _) = check(&dir, &[]);
    assert_eq!(
        severity_of(&defaults, "response-schema-missing"),
        Some("warning")
    );
    let (code, certified, stderr) = check(&dir, &["--profile", "certification"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        severity_of(&certified, "response-schema-missing"),
        Some("error")
    );
    // A rule that reports no validator code keeps its severity.
    assert_eq!(
        severity_of(&certified, "policy-operation-unknown"),
        severity_of(&defaults, "policy-operation-unknown")
    );
    // Every finding of the default profile, and those of the rules only certification runs.
    let extra: Vec<&(String, String)> = certified
        .iter()
        .filter(|(rule, _)| !defaults.iter().any(|(r, _)| r == rule))
        .collect();
    assert_eq!(
        extra,
        [
            &(
                "connector-metadata-invalid".to_string(),
                "error".to_string()
            ),
            &("info-contact-invalid".to_string(), "error".to_string())
        ]
    );
    assert_eq!(certified.len(), defaults.len() + extra.len());

    let config = temp.path().join("connector-ls.toml");
    std::fs::write(&config, "profile = \"certification\"\n").unwrap();
    let (_, from_file, _) = check(&dir, &[]);
    assert_eq!(from_file, certified);
    let (_, replaced, _) = check(&dir, &["--profile", "default"]);
    assert_eq!(replaced, defaults);

    std::fs::write(
        &config,
        "profile = \"certification\"\n[rules]\nresponse-schema-missing = \"info\"\n",
    )
    .unwrap();
    let (_, explicit, _) = check(&dir, &[]);
    assert_eq!(
        severity_of(&explicit, "response-schema-missing"),
        Some("info")
    );

    std::fs::write(&config, "profile = \"strict\"\n").unwrap();
    let (code, _, stderr) = check(&dir, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "'profile': \"strict\" is not a profile; use \"default\" or \"certification\""
        ),
        "{stderr}"
    );
}
