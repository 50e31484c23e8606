//! Rule fixtures: every folder `fixtures/rules/<rule-id>/<case>/` is a connector. Cases named
//! `invalid*` must raise the rule, `valid*` must not; the diagnostics of every case are
//! reviewed as an insta snapshot stored beside the case (`<case>.snap`). Every fix offered is
//! applied and must leave JSON no worse and remove one finding of its rule.

mod common;

use std::path::Path;

use connector_ls::diagnostic::Applicability;
use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RULES, find_rule};

#[test]
fn rule_fixtures() {
    let root = common::repo_root().join("fixtures/rules");
    let mut rule_dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures/rules exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    rule_dirs.sort();
    assert!(!rule_dirs.is_empty());
    for rule_dir in rule_dirs {
        let rule_id = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            find_rule(&rule_id).is_some(),
            "fixtures for unknown rule {rule_id}"
        );
        let mut cases: Vec<_> = std::fs::read_dir(&rule_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        cases.sort();
        for case in cases {
            check_case(&rule_id, &case);
        }
    }
}

fn check_case(rule_id: &str, case: &Path) {
    let case_name = case.file_name().unwrap().to_string_lossy().into_owned();
    let connector = common::load(case);
    let diagnostics = common::check_with(&connector, rule_id);
    let hits = diagnostics.iter().filter(|d| d.rule == rule_id).count();
    for diagnostic in &diagnostics {
        assert_validator_code_declared(diagnostic);
    }
    if case_name.starts_with("invalid") {
        assert!(
            hits > 0,
            "{rule_id}/{case_name}: expected {rule_id} to fire"
        );
    } else {
        assert_eq!(hits, 0, "{rule_id}/{case_name}: expected no {rule_id}");
    }
    for diagnostic in diagnostics.iter().filter(|d| d.rule == rule_id) {
        for fix in &diagnostic.fixes {
            let fixed = common::apply_fix(&connector, fix);
            assert!(
                common::syntax_error_count(&fixed) <= common::syntax_error_count(&connector),
                "{rule_id}/{case_name}: fix '{}' broke the JSON",
                fix.title
            );
            let after: Vec<_> = common::check_with(&fixed, rule_id)
                .into_iter()
                .filter(|d| d.rule == rule_id)
                .collect();
            // One fewer, or, where a rule caps its findings, one that was held back took its
            // place (then its own message is gone).
            assert!(
                after.len() < hits || after.iter().all(|d| d.message != diagnostic.message),
                "{rule_id}/{case_name}: fix '{}' did not remove its diagnostic",
                fix.title
            );
        }
    }
    insta::with_settings!({
        snapshot_path => rule_dir_of(case),
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => format!("{rule_id}: {case_name}"),
    }, {
        insta::assert_snapshot!(case_name.clone(), common::render(&connector, &diagnostics));
    });
}

/// A finding of a rule that reports Swagger Validator codes names one of them, never another
/// (a rule with several codes chooses per finding); a rule without codes names none.
fn assert_validator_code_declared(diagnostic: &connector_ls::diagnostic::Diagnostic) {
    let rule = find_rule(diagnostic.rule).expect("a known rule");
    match diagnostic.validator {
        None => assert!(
            rule.validator.is_empty(),
            "{}: a finding without a validator code ({})",
            rule.id,
            diagnostic.message
        ),
        Some(code) => assert!(
            rule.validator.contains(&code),
            "{}: reports {code}, which it does not declare",
            rule.id
        ),
    }
}

fn rule_dir_of(case: &Path) -> std::path::PathBuf {
    case.parent().unwrap().to_path_buf()
}

/// Rules whose failing input cannot ship as a fixture: tests/robustness.rs generates a file
/// too large; a duplicate title needs two connectors (workspace's batch test).
const GENERATED_FIXTURES: [&str; 2] = ["file-too-large", "info-title-duplicate"];

#[test]
fn every_rule_has_an_invalid_and_a_valid_fixture() {
    let root = common::repo_root().join("fixtures/rules");
    // The breaking- rules compare with a base revision, which a fixture folder has not:
    // tests/breaking.rs makes a git history for each kind instead.
    let generated = |id: &str| GENERATED_FIXTURES.contains(&id) || id.starts_with("breaking-");
    for rule in RULES.iter().filter(|r| !generated(r.id)) {
        let dir = root.join(rule.id);
        let cases: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            cases
                .iter()
                .any(|c| c.starts_with("invalid") && !c.ends_with(".snap")),
            "{}: no invalid fixture",
            rule.id
        );
        assert!(
            cases
                .iter()
                .any(|c| c.starts_with("valid") && !c.ends_with(".snap")),
            "{}: no valid fixture",
            rule.id
        );
    }
}

/// The sections of every rule's documentation, in this order (`explain`, hover, SARIF and
/// docs/rules.md all show them).
const SECTIONS: [&str; 5] = [
    "## What it does",
    "## Why",
    "## Example",
    "## Fix",
    "## Fix safety",
];

/// The headings of a rule's documentation, outside code blocks.
fn headings(docs: &str) -> Vec<&str> {
    let mut in_code = false;
    let mut headings = Vec::new();
    for line in docs.lines() {
        in_code ^= line.starts_with("```");
        if !in_code && line.starts_with('#') {
            headings.push(line.trim_end());
        }
    }
    headings
}

#[test]
fn every_rule_documents_the_same_sections() {
    for rule in RULES.iter() {
        let docs = rule.docs_text();
        assert_eq!(headings(&docs), SECTIONS, "{}", rule.id);
    }
}

/// Whether `text` has `word` as a word of its own (`safe` is not in `unsafe`).
fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What "Fix safety" says agrees with the fixes the rules offer on every fixture: a rule seen
/// offering a safe fix says when it is safe, one seen offering an unsafe fix says when it is
/// unsafe, and "No automatic fix" is only said by rules never seen offering one.
#[test]
fn fix_safety_docs_match_the_fixes() {
    let mut cases = Vec::new();
    for family in ["fixtures/rules", "fixtures/fix-loop"] {
        let root = common::repo_root().join(family);
        for entry in walk_dirs(&root) {
            if entry.join("apiDefinition.swagger.json").exists()
                || entry.join("apiProperties.json").exists()
            {
                cases.push(entry);
            }
        }
    }
    assert!(cases.len() > 80, "{} fixture connectors", cases.len());
    let mut seen: std::collections::HashMap<&str, (bool, bool)> = Default::default();
    for case in &cases {
        for diagnostic in common::check(&common::load(case)) {
            let entry = seen.entry(diagnostic.rule).or_default();
            for fix in &diagnostic.fixes {
                match fix.applicability {
                    Applicability::Safe => entry.0 = true,
                    Applicability::Unsafe => entry.1 = true,
                }
            }
        }
    }
    for rule in RULES.iter() {
        let docs = rule.docs_text();
        let safety = &docs[docs.find("## Fix safety").expect("sections checked")..];
        let (safe, unsafe_) = seen.get(rule.id).copied().unwrap_or_default();
        if safe {
            assert!(
                has_word(safety, "safe"),
                "{}: a safe fix is not documented",
                rule.id
            );
        }
        if unsafe_ {
            assert!(
                has_word(safety, "unsafe"),
                "{}: an unsafe fix is not documented",
                rule.id
            );
        }
        if safety.contains("No automatic fix") {
            assert!(
                !safe && !unsafe_,
                "{}: says no automatic fix but has one",
                rule.id
            );
        }
    }
}

/// Every folder under `root`, at any depth.
fn walk_dirs(root: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
                dirs.push(path);
            }
        }
    }
    dirs
}

/// A real-shaped connector (contoso-items has no finding) with one `}`, `]` or `,` of its
/// definition deleted, at every place in turn: the syntax error is reported and nothing that
/// is an artefact of recovery (a top-level section read as a path, a `$ref` that no longer
/// resolves, an operation that seems gone from apiProperties' policies). Also on the
/// definition written on one line, where indentation cannot guide the recovery and only the
/// dropping of what it guessed keeps the artefacts out.
#[test]
fn one_missing_bracket_or_comma_gives_only_the_syntax_error() {
    let dir = common::repo_root().join("fixtures/examples/contoso-items");
    let connector = common::load(&dir);
    assert!(common::check(&connector).is_empty());
    let definition = connector.file(FileKind::ApiDefinition).unwrap();
    let value: serde_json::Value = serde_json::from_str(&definition.text).unwrap();
    let one_line = serde_json::to_string(&value).unwrap();
    let mut cases = 0;
    for text in [&definition.text, &one_line] {
        for at in common::structural_offsets(text, b"}],") {
            let byte = text.as_bytes()[at];
            let mut broken = text.clone();
            broken.remove(at);
            let broken_connector = with_definition(&connector, broken.clone());
            let diagnostics = common::check(&broken_connector);
            let artefacts: Vec<_> = diagnostics
                .iter()
                .filter(|d| !d.is_syntax_error())
                .collect();
            assert!(
                artefacts.is_empty() && !diagnostics.is_empty(),
                "'{}' deleted at byte {at}:\n{}",
                byte as char,
                common::render(&broken_connector, &diagnostics)
            );
            cases += 1;
        }
    }
    assert!(cases > 300, "{cases} deletions");
}

/// While the definition misses a `}`, what is certainly true is still reported: a finding
/// before the error, and the error where the indentation shows the bracket belongs.
#[test]
fn findings_before_a_missing_bracket_are_kept() {
    let dir = common::repo_root().join("fixtures/examples/contoso-items");
    let connector = common::load(&dir);
    let definition = connector.file(FileKind::ApiDefinition).unwrap();
    let text = definition.text.replace("\"ListItems\"", "\"List Items\"");
    // The closing brace of the path item '/categories', before the top-level sections.
    let cut = text.find("\n    }\n  },\n  \"parameters\"").unwrap();
    let broken = format!("{}{}", &text[..cut], &text[cut + "\n    }".len()..]);
    let broken = with_definition(&connector, broken);
    let rendered = common::render(&broken, &common::check(&broken));
    insta::assert_snapshot!(rendered, @r#"
    error[operation-id-whitespace] apiDefinition.swagger.json:21:24 /paths/~1items/get/operationId
      operationId 'List Items' contains whitespace; Power Fx and flow expressions cannot call it
      > "List Items"
      validator OperationIdSanitized
      fix (Safe): Rename operationId to 'ListItems'
        apiDefinition.swagger.json:21:24 replace "\"List Items\"" with "\"ListItems\""
    error[json-syntax-error] apiDefinition.swagger.json:148:8 /paths
      apiDefinition.swagger.json is not valid JSON: expected '}'
      > 
      fix (Unsafe): Insert the missing '}'
        apiDefinition.swagger.json:148:8 replace "" with "}"
    warning[policy-operation-unknown] apiProperties.json:35:47 /properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0
      Policy 'Send the API version' targets operationId 'ListItems', which does not exist, so the policy never applies to it
      > "ListItems"
    "#);
}

/// A copy of a rule's fixture case with `from` replaced by `to` in one of its files.
fn edited_case(rule: &str, case: &str, file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let source = common::repo_root()
        .join("fixtures/rules")
        .join(rule)
        .join(case);
    let temp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.file_name().unwrap() == file {
            assert!(text.contains(from), "{from} in {file}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(temp.path().join(path.file_name().unwrap()), text).unwrap();
    }
    temp
}

fn findings<'d>(
    diagnostics: &'d [connector_ls::diagnostic::Diagnostic],
    rule: &str,
) -> Vec<&'d connector_ls::diagnostic::Diagnostic> {
    diagnostics.iter().filter(|d| d.rule == rule).collect()
}

/// security-mismatch compares two files: when either has a syntax error, a parameter or a
/// definition lost in the recovery would look missing, so the rule waits for both to parse.
#[test]
fn security_mismatch_waits_until_both_files_parse() {
    for (file, from, to) in [
        // The OAuth parameter's object loses its opening brace.
        ("apiProperties.json", "\"token\": {", "\"token\": "),
        // The oauth2 definition loses its opening brace.
        (
            "apiDefinition.swagger.json",
            "\"oauth2_auth\": {",
            "\"oauth2_auth\": ",
        ),
    ] {
        let case = edited_case("security-mismatch", "valid", file, from, to);
        let diagnostics = common::check(&common::load(case.path()));
        assert!(
            diagnostics.iter().any(|d| d.rule == "json-syntax-error"),
            "{file}: the edit must break the JSON"
        );
        assert_eq!(
            findings(&diagnostics, "security-mismatch").len(),
            0,
            "{file}: {}",
            common::render(&common::load(case.path()), &diagnostics)
        );
    }
}

/// An oauth2 definition without an OAuth parameter, next to a securestring parameter: the
/// finding stands, but no OAuth parameter is generated beside the key (the connection
/// dialog would ask for both; choosing the authentication is the maker's call).
#[test]
fn security_mismatch_generates_no_oauth_parameter_beside_a_securestring() {
    let case = edited_case(
        "security-mismatch",
        "invalid-oauth2-definition-without-parameter",
        "apiProperties.json",
        "\"publisher\": \"Contoso\",",
        "\"publisher\": \"Contoso\",\n    \"connectionParameters\": {\"api_key\": {\"type\": \"securestring\", \"uiDefinition\": {\"displayName\": \"API key\"}}},",
    );
    let diagnostics = common::check(&common::load(case.path()));
    let found = findings(&diagnostics, "security-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("is oauth2"),
        "{}",
        found[0].message
    );
    assert!(found[0].fixes.is_empty(), "{:?}", found[0].fixes);
}

/// response-schema-missing grades a DELETE's finding down to a hint by default; a severity
/// the user set applies as set, to DELETE like to every other operation.
#[test]
fn response_schema_missing_keeps_a_severity_the_user_set_on_delete() {
    use connector_ls::diagnostic::Severity;
    use connector_ls::rules::{RuleConfig, analyze};

    let case = common::repo_root().join("fixtures/rules/response-schema-missing/invalid");
    let connector = common::load(&case);
    let severities = |config: &RuleConfig| -> Vec<(String, Severity)> {
        analyze(&connector, config)
            .into_iter()
            .filter(|d| d.rule == "response-schema-missing")
            .map(|d| (d.pointer.clone(), d.severity))
            .collect()
    };
    let by_default = severities(&RuleConfig::default());
    let delete = |found: &[(String, Severity)]| {
        found
            .iter()
            .find(|(pointer, _)| pointer.contains("/delete/"))
            .map(|(_, severity)| *severity)
    };
    assert_eq!(delete(&by_default), Some(Severity::Hint), "{by_default:?}");
    assert!(
        by_default
            .iter()
            .any(|(p, s)| !p.contains("/delete/") && *s == Severity::Warning),
        "{by_default:?}"
    );
    for (level, severity) in [("error", Severity::Error), ("info", Severity::Info)] {
        let config = RuleConfig::from_json(&serde_json::json!({"response-schema-missing": level}));
        let found = severities(&config);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(_, s)| *s == severity),
            "{level}: {found:?}"
        );
        assert_eq!(delete(&found), Some(severity));
    }
}

/// Two file patterns are equal when they match the same files: the same glob, and for a
/// pattern with a `/`, the same folder it is relative to (configurations compare equal, and
/// are not reloaded, by this).
#[test]
fn file_patterns_are_equal_when_they_match_the_same_files() {
    use connector_ls::rules::ignore::FilePattern;
    use std::path::Path;

    let pattern = |glob: &str, base: &str| FilePattern::new(glob, Path::new(base)).unwrap();
    assert_eq!(pattern("a/*.json", "/p"), pattern("a/*.json", "/p"));
    assert_eq!(pattern("a/*.json", "/p"), pattern("./a/*.json", "/p"));
    assert_ne!(pattern("a/*.json", "/p"), pattern("b/*.json", "/p"));
    assert_ne!(pattern("a/*.json", "/p"), pattern("a/*.json", "/q"));
    // A name without `/` matches in any folder: the base plays no part.
    assert_eq!(pattern("*.json", "/p"), pattern("*.json", "/q"));
    assert_ne!(pattern("*.json", "/p"), pattern("*.csx", "/p"));
}

/// A response without schema and without example asks the editor for a sample (the prompt
/// names the response); one with an example gets the fix instead. An empty notification
/// schema is not a response: no prompt.
#[test]
fn schema_findings_without_an_example_prompt_for_a_sample() {
    use connector_ls::diagnostic::Prompt;
    use connector_ls::edit::schema_sample::FIX_TITLE;
    let mut prompts = 0;
    let mut fixes = 0;
    for rule in ["response-schema-missing", "response-schema-empty"] {
        let root = common::repo_root().join("fixtures/rules").join(rule);
        for case in walk_dirs(&root) {
            for d in common::check(&common::load(&case)) {
                if d.rule != rule {
                    continue;
                }
                let from_example = d.fixes.iter().any(|f| f.title == FIX_TITLE);
                match &d.prompt {
                    Some(Prompt::SchemaFromSample { pointer }) => {
                        assert!(!from_example, "{case:?}: {d:?}");
                        assert!(
                            d.pointer.trim_end_matches("/schema") == pointer,
                            "{case:?}: {pointer} for {}",
                            d.pointer
                        );
                        assert!(!pointer.contains("x-ms-notification-content"), "{pointer}");
                        prompts += 1;
                    }
                    None => {
                        assert!(
                            from_example || d.pointer.contains("x-ms-notification-content"),
                            "{case:?}: {d:?}"
                        );
                        fixes += 1;
                    }
                }
            }
        }
    }
    assert!(
        prompts >= 3 && fixes >= 1,
        "{prompts} prompts, {fixes} fixes"
    );
}

/// An OpenAPI 3 document saved as the definition gets one finding, swagger-version's at its
/// `openapi` key; no Swagger 2.0 rule misreads it (its responses have `content`, not `schema`).
#[test]
fn an_openapi_3_definition_gets_only_the_version_finding() {
    let dir =
        common::repo_root().join("fixtures/rules/swagger-version/invalid-openapi-3-connector");
    let connector = common::load(&dir);
    let found: Vec<(&str, String)> = common::check(&connector)
        .iter()
        .map(|d| (d.rule, d.pointer.clone()))
        .collect();
    assert_eq!(found, [("swagger-version", "/openapi".to_string())]);
}

/// Samples under `custom-connectors/` are never certified: the readme rules leave them alone,
/// while the same connector elsewhere gets their findings.
#[test]
fn readme_rules_leave_custom_connectors_alone() {
    let source = common::repo_root().join("fixtures/rules/readme-section-missing/invalid");
    let readme_findings = |dir: &Path| {
        common::check(&common::load(dir))
            .iter()
            .filter(|d| d.rule.starts_with("readme-"))
            .count()
    };
    let temp = tempfile::tempdir().unwrap();
    for parent in ["custom-connectors", "certified-connectors"] {
        let dir = temp.path().join(parent).join("Contoso");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&source).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    assert_eq!(
        readme_findings(&temp.path().join("custom-connectors/Contoso")),
        0
    );
    // Certified: the sections of the invalid case, and Deployment Instructions too.
    let certified = common::check(&common::load(
        &temp.path().join("certified-connectors/Contoso"),
    ));
    assert!(
        certified
            .iter()
            .any(|d| d.message.contains("\"Deployment Instructions\"")),
        "{certified:?}"
    );
}

/// A settings.json put in place after the folder was read (an editor's unsaved buffer) names
/// files the load did not look up: whether they exist comes from the folder's listing.
#[test]
fn files_named_by_a_replaced_settings_file_are_looked_up_in_the_listing() {
    let settings = |value: &str| {
        SourceFile::from_text(
            FileKind::Settings,
            "/c/settings.json".into(),
            format!("{{\"icon\": \"{value}\"}}"),
        )
    };
    let missing = |value: &str| {
        let listing = vec!["settings.json".to_string(), "brand.png".to_string()];
        let mut connector = Connector::from_files("/c".into(), vec![settings("old.png")], listing);
        connector.replace_file(settings(value));
        let diagnostics = common::check(&connector);
        diagnostics
            .iter()
            .filter(|d| d.rule == "settings-file-missing")
            .count()
    };
    assert_eq!(missing("brand.png"), 0);
    assert_eq!(missing("other.png"), 1);
}

/// A finding outside what recovery guessed is still reported: only the guessed part and what
/// holds it wait for the file to parse.
#[test]
fn findings_outside_the_guessed_part_of_a_broken_file_are_kept() {
    let dir = common::repo_root().join("fixtures/examples/contoso-items");
    let connector = common::load(&dir);
    let definition = connector.file(FileKind::ApiDefinition).unwrap();
    let value: serde_json::Value = serde_json::from_str(&definition.text).unwrap();
    // On one line, with a space in an operationId and the last `]` (of `security`) gone.
    let mut text = serde_json::to_string(&value)
        .unwrap()
        .replace("\"ListItems\"", "\"List Items\"");
    text.remove(text.rfind(']').unwrap());
    let broken = with_definition(&connector, text);
    let diagnostics = common::check(&broken);
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"json-syntax-error"), "{rules:?}");
    assert!(rules.contains(&"operation-id-whitespace"), "{rules:?}");
}

/// `connector` with its definition's text replaced by `text`.
fn with_definition(connector: &Connector, text: String) -> Connector {
    let path = connector
        .file(FileKind::ApiDefinition)
        .unwrap()
        .path
        .clone();
    let mut files = connector.files.clone();
    files.retain(|f| f.kind != FileKind::ApiDefinition);
    files.push(SourceFile::from_text(FileKind::ApiDefinition, path, text));
    Connector::from_files(connector.dir.clone(), files, connector.listing.clone())
}
