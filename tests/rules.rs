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
    let diagnostics = common::check(&connector);
    let hits = diagnostics.iter().filter(|d| d.rule == rule_id).count();
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
            let after = common::check(&fixed)
                .iter()
                .filter(|d| d.rule == rule_id)
                .count();
            assert!(
                after < hits,
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

fn rule_dir_of(case: &Path) -> std::path::PathBuf {
    case.parent().unwrap().to_path_buf()
}

/// Rules whose failing input cannot ship as a fixture; tests/robustness.rs generates it.
const GENERATED_FIXTURES: [&str; 1] = ["file-too-large"];

#[test]
fn every_rule_has_an_invalid_and_a_valid_fixture() {
    let root = common::repo_root().join("fixtures/rules");
    for rule in RULES.iter().filter(|r| !GENERATED_FIXTURES.contains(&r.id)) {
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
/// resolves, an operation that seems gone from apiProperties' policies).
#[test]
fn one_missing_bracket_or_comma_gives_only_the_syntax_error() {
    let dir = common::repo_root().join("fixtures/examples/contoso-items");
    let connector = common::load(&dir);
    assert!(common::check(&connector).is_empty());
    let definition = connector.file(FileKind::ApiDefinition).unwrap();
    let text = &definition.text;
    let mut cases = 0;
    for at in common::structural_offsets(text, b"}],") {
        let byte = text.as_bytes()[at];
        let mut broken = text.clone();
        broken.remove(at);
        let mut files = connector.files.clone();
        files.retain(|f| f.kind != FileKind::ApiDefinition);
        files.push(SourceFile::from_text(
            FileKind::ApiDefinition,
            definition.path.clone(),
            broken.clone(),
        ));
        let broken_connector =
            Connector::from_files(connector.dir.clone(), files, connector.listing.clone());
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
    assert!(cases > 150, "{cases} deletions");
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
    let mut files = connector.files.clone();
    files.retain(|f| f.kind != FileKind::ApiDefinition);
    files.push(SourceFile::from_text(
        FileKind::ApiDefinition,
        definition.path.clone(),
        broken,
    ));
    let broken = Connector::from_files(connector.dir.clone(), files, connector.listing.clone());
    let rendered = common::render(&broken, &common::check(&broken));
    insta::assert_snapshot!(rendered, @r#"
    error[operation-id-whitespace] apiDefinition.swagger.json:21:24 /paths/~1items/get/operationId
      operationId 'List Items' contains whitespace; Power Fx and flow expressions cannot call it
      > "List Items"
      fix (Safe): Rename operationId to 'ListItems'
        apiDefinition.swagger.json:21:24 replace "\"List Items\"" with "\"ListItems\""
    error[json-syntax-error] apiDefinition.swagger.json:148:8 /paths
      apiDefinition.swagger.json is not valid JSON: expected '}'
      > 
      fix (Unsafe): Insert the missing '}'
        apiDefinition.swagger.json:148:8 replace "" with "}"
    warning[policy-operation-unknown] apiProperties.json:35:47 /properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0
      Policy 'Send the API version' targets operationId 'ListItems', which does not exist, so the policy never applies to it (did you mean 'List Items'?)
      > "ListItems"
      fix (Unsafe): Replace with 'List Items'
        apiProperties.json:35:47 replace "\"ListItems\"" with "\"List Items\""
    "#);
}
