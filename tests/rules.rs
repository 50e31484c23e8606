//! Rule fixtures: every folder `fixtures/rules/<rule-id>/<case>/` is a connector. Cases named
//! `invalid*` must raise the rule, `valid*` must not; the diagnostics of every case are
//! reviewed as an insta snapshot stored beside the case (`<case>.snap`). Every fix offered is
//! applied and must leave JSON no worse and remove one finding of its rule.

mod common;

use std::path::Path;

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

#[test]
fn every_rule_documents_the_same_sections() {
    for rule in RULES.iter() {
        let docs = rule.docs_text();
        for section in ["## What it does", "## Why", "## Example", "## Fix"] {
            assert!(docs.contains(section), "{} lacks '{section}'", rule.id);
        }
    }
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
