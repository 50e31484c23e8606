//! The size of what `check` reports is at most linear in the size of the input: findings
//! quote bounded excerpts of user text, and a defect repeated many times in one place is
//! reported a bounded number of times. Inputs are generated here, at two sizes.

mod common;

use std::path::PathBuf;

use connector_ls::diagnostic::Diagnostic;
use connector_ls::model::{Connector, FileKind, SourceFile};

fn analyse_definition(text: &str) -> Vec<Diagnostic> {
    let kind = FileKind::ApiDefinition;
    let file = SourceFile::from_bytes(kind, PathBuf::from(kind.default_name()), text.as_bytes());
    let connector = Connector::from_files(PathBuf::from("."), vec![file], Vec::new());
    common::check(&connector)
}

/// A definition whose `paths` object holds `paths` (JSON text of its members).
fn definition(paths: &str) -> String {
    format!(
        "{{\"swagger\":\"2.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"host\":\"a.com\",\"paths\":{{{paths}}}}}"
    )
}

/// The bytes of the findings as JSON: messages, pointers, related messages and fixes.
fn output_bytes(diagnostics: &[Diagnostic]) -> usize {
    serde_json::to_vec(diagnostics).unwrap().len()
}

/// Output for an input four times larger is at most about four times larger.
fn assert_linear(name: &str, small: usize, large: usize) {
    assert!(
        large <= 5 * small,
        "{name}: {small} bytes of findings, then {large} for an input 4 times larger"
    );
}

#[test]
fn unbalanced_braces_in_one_path_give_a_bounded_number_of_findings() {
    let run = |n: usize| {
        let text = definition(&format!("\"/{}\":{{}}", "{".repeat(n)));
        let diagnostics = analyse_definition(&text);
        let malformed: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule == "path-template-malformed")
            .collect();
        assert_eq!(malformed.len(), 5, "n = {n}");
        assert!(
            malformed[4].message.contains(&format!(
                "({} more problems in this path are not reported)",
                n - 5
            )),
            "{}",
            malformed[4].message
        );
        output_bytes(&diagnostics)
    };
    assert_linear("unclosed braces", run(1000), run(4000));
}

#[test]
fn undeclared_variables_of_one_path_give_a_bounded_number_of_findings() {
    let run = |n: usize| {
        let template: String = (0..n).map(|i| format!("/{{v{i}}}")).collect();
        let text = definition(&format!(
            "\"{template}\":{{\"get\":{{\"operationId\":\"Get\",\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}"
        ));
        let diagnostics = analyse_definition(&text);
        let undeclared: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule == "path-parameter-undeclared")
            .collect();
        assert_eq!(undeclared.len(), 5, "n = {n}");
        assert!(
            undeclared[4]
                .message
                .contains(&format!("({} more variables of this path have none", n - 5)),
            "{}",
            undeclared[4].message
        );
        output_bytes(&diagnostics)
    };
    assert_linear("undeclared variables", run(1000), run(4000));
}

#[test]
fn many_operations_sharing_an_operation_id_give_linear_output() {
    let run = |n: usize| {
        let paths: Vec<String> = (0..n)
            .map(|i| format!("\"/a{i}\":{{\"get\":{{\"operationId\":\"Same\",\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}"))
            .collect();
        let diagnostics = analyse_definition(&definition(&paths.join(",")));
        let duplicates = diagnostics
            .iter()
            .filter(|d| d.rule == "operation-id-duplicate")
            .count();
        assert_eq!(duplicates, n - 1);
        output_bytes(&diagnostics)
    };
    assert_linear("shared operationId", run(500), run(2000));
}

/// n paths that differ only in case or a trailing '/': each is reported once, against the
/// first earlier path with another spelling and a method in common.
#[test]
fn many_spellings_of_one_path_are_each_reported_once() {
    let spellings = ["/ab", "/Ab", "/aB", "/AB", "/ab/", "/AB/"];
    let run = |n: usize| {
        let paths: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "\"{}\":{{\"get\":{{\"operationId\":\"Get{i}\",\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}",
                    spellings[i % spellings.len()]
                )
            })
            .collect();
        let diagnostics = analyse_definition(&definition(&paths.join(",")));
        let duplicates: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule == "path-duplicate")
            .collect();
        assert_eq!(duplicates.len(), n - 1, "n = {n}");
        // "/AB/" is compared with "/ab/" (the same but for case) before "/ab" (a trailing '/').
        let slash = duplicates
            .iter()
            .find(|d| d.message.starts_with("GET /AB/ "))
            .unwrap();
        assert!(
            slash.message.contains("duplicates GET /ab/;"),
            "{}",
            slash.message
        );
        output_bytes(&diagnostics)
    };
    assert_linear("spellings of one path", run(600), run(2400));
}

/// Keys, values, paths and references of 100,000 characters, each wrong in a way some rule
/// quotes in its message: no message or fix title quotes more than a few excerpts.
#[test]
fn messages_quote_bounded_excerpts_of_long_user_text() {
    let long = "x".repeat(100_000);
    let paths = [
        format!(
            "\"{long}\":{{\"get\":{{\"operationId\":\"{long}-\",\"responses\":{{\"2{long}\":{{\"description\":\"OK\"}}}}}}}}"
        ),
        format!(
            "\"/{long}/{{{long}\":{{\"get\":{{\"operationId\":\"{long}-\",\"parameters\":[{{\"name\":\"{long}\",\"in\":\"path\",\"required\":true,\"type\":\"string\"}}],\"responses\":{{\"200\":{{\"description\":\"OK\",\"schema\":{{\"$ref\":\"#/definitions/{long}\"}}}}}}}}}}"
        ),
        format!("\"/q?{long}=1#{long}\":{{}}"),
        format!("\"/d/{{{long}=1}}\":{{}}"),
    ];
    let mut text = definition(&paths.join(","));
    text.insert_str(
        1,
        &format!("\"basePath\":\"{long}\",\"{long}\":1,\"{long}\":2,"),
    );
    let diagnostics = analyse_definition(&text);
    let rules: std::collections::BTreeSet<_> = diagnostics.iter().map(|d| d.rule).collect();
    for expected in [
        "json-duplicate-key",
        "base-path-invalid",
        "path-not-starting-with-slash",
        "path-template-malformed",
        "path-contains-query-or-fragment",
        "operation-id-duplicate",
        "operation-id-invalid-chars",
        "ref-unresolved",
        "responses-missing",
    ] {
        assert!(rules.contains(expected), "{expected} not in {rules:?}");
    }
    let mut too_long = Vec::new();
    for diagnostic in &diagnostics {
        let texts = std::iter::once(&diagnostic.message)
            .chain(diagnostic.related.iter().map(|r| &r.message))
            .chain(diagnostic.fixes.iter().map(|f| &f.title));
        for text in texts {
            let length = text.chars().count();
            if length >= 2000 {
                too_long.push(format!("{}: {length} characters", diagnostic.rule));
            }
        }
    }
    assert!(too_long.is_empty(), "{too_long:#?}");
}

/// Structural problems repeated in many schemas are each reported once: the output grows
/// with the number of schemas, never faster.
#[test]
fn structural_problems_in_many_schemas_give_linear_output() {
    let run = |n: usize| {
        let schemas: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "\"S{i}\":{{\"type\":\"object\",\"nullable\":true,\
                     \"x-ms-visibilty\":\"internal\",\"maxProperties\":\"2\"}}"
                )
            })
            .collect();
        let text = format!(
            "{{\"swagger\":\"2.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\
             \"host\":\"a.com\",\"paths\":{{}},\"definitions\":{{{}}}}}",
            schemas.join(",")
        );
        let diagnostics = analyse_definition(&text);
        for rule in ["key-not-allowed", "extension-unknown", "value-invalid"] {
            let count = diagnostics.iter().filter(|d| d.rule == rule).count();
            assert_eq!(count, n, "{rule}, n = {n}");
        }
        output_bytes(&diagnostics)
    };
    assert_linear("structural problems", run(500), run(2000));
}

/// Operations of one family name each other in their findings: the first few, and how many
/// more, so that a family of thousands gives findings linear in its size.
#[test]
fn one_large_operation_family_gives_output_linear_in_its_size() {
    let run = |n: usize| {
        let paths: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "\"/v{i}/items\":{{\"get\":{{\"operationId\":\"GetItems{i}\",\"x-ms-api-annotation\":{{\"family\":\"GetItems\",\"status\":\"Production\"}},\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}"
                )
            })
            .collect();
        let diagnostics = analyse_definition(&definition(&paths.join(",")));
        let family: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("operation-family-"))
            .collect();
        // Each operation has no revision; all but the two newest are active beyond them, and
        // the second newest is a second one in Production.
        assert_eq!(family.len(), 2 * n - 1, "n = {n}");
        assert!(
            family[0].message.contains(&format!("and {} more", n - 6)),
            "{}",
            family[0].message
        );
        output_bytes(&diagnostics)
    };
    assert_linear("one family", run(500), run(2000));
}
