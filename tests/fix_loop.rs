//! The fix loop end to end: every folder `fixtures/fix-loop/<case>/` is a connector, and its
//! subfolders `fixed-safe/` and `fixed-unsafe/` hold the text each connector file must have
//! after `check --fix` (safe fixes only) and `check --fix --unsafe-fixes`. A file missing from
//! an expected folder must come out unchanged. Each case is one defect that was once fixed
//! twice, fixed into a broken connector, or given contradictory fixes.

mod common;

use std::path::Path;

use connector_ls::model::FileKind;
use connector_ls::rules::RuleConfig;
use connector_ls::workspace::fix::{FixOptions, fix_connector};

#[test]
fn fix_loop_cases() {
    let root = common::repo_root().join("fixtures/fix-loop");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures/fix-loop exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        for (expected, unsafe_fixes) in [("fixed-safe", false), ("fixed-unsafe", true)] {
            if let Err(failure) = check_case(case, expected, unsafe_fixes) {
                failures.push(failure);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn check_case(case: &Path, expected: &str, unsafe_fixes: bool) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy();
    let connector = common::load(case);
    let options = FixOptions {
        unsafe_fixes,
        only: None,
    };
    let outcome = fix_connector(connector.clone(), &RuleConfig::default(), options);
    for kind in FileKind::ALL {
        let Some(before) = connector.file(kind) else {
            continue;
        };
        let after = &outcome.connector.file(kind).expect("files stay").text;
        let file_name = before.path.file_name().unwrap();
        let wanted = match std::fs::read_to_string(case.join(expected).join(file_name)) {
            Ok(text) => text,
            Err(_) => before.text.clone(),
        };
        if *after != wanted {
            return Err(format!(
                "{name} ({expected}): {} is\n{after}\nbut should be\n{wanted}",
                file_name.to_string_lossy()
            ));
        }
    }
    // A second run has nothing left to do.
    let again = fix_connector(outcome.connector, &RuleConfig::default(), options);
    if !again.changed.is_empty() {
        return Err(format!(
            "{name} ({expected}): a second run changed the files again"
        ));
    }
    Ok(())
}

/// Every combination of `redirectMode` and `redirectUrl` on one OAuth block: the safe fixes of
/// no safe fix adds (or sets) `redirectUrl` while another finding on the block prefers to
/// remove it, or the other way round.
#[test]
fn oauth_findings_never_offer_contradictory_safe_fixes() {
    let case = common::repo_root().join("fixtures/fix-loop/oauth-global-without-redirect-url");
    let connector = common::load(&case);
    let properties = connector.file(FileKind::ApiProperties).unwrap();
    let line = "\n          \"redirectMode\": \"Global\",";
    assert!(properties.text.contains(line));
    let modes = [
        None,
        Some("Global"),
        Some("global"),
        Some(" Global"),
        Some("GlobalPerConnector"),
        Some("globalperconnector"),
        Some("Direct"),
        Some("Unknown"),
    ];
    let urls = [
        None,
        Some("\"\""),
        Some("null"),
        Some("\"https://global.consent.azure-apim.net/redirect\""),
        Some("\"https://global-test.consent.azure-apim.net/redirect/\""),
        Some("\"https://login.contoso.example.com/redirect\""),
        Some("[]"),
    ];
    let mut checked = 0;
    for mode in modes {
        for url in urls {
            let mut members = String::new();
            if let Some(mode) = mode {
                members += &format!("\n          \"redirectMode\": \"{mode}\",");
            }
            if let Some(url) = url {
                members += &format!("\n          \"redirectUrl\": {url},");
            }
            let text = properties.text.replace(line, &members);
            let mut variant = connector.clone();
            variant.replace_file(connector_ls::model::SourceFile::from_text(
                FileKind::ApiProperties,
                properties.path.clone(),
                text.clone(),
            ));
            // What a finding's fixes do to redirectUrl: (adds or sets it, removes it).
            let effect = |fix: &connector_ls::diagnostic::Fix| {
                let edits = fix
                    .edits
                    .iter()
                    .filter(|e| e.file == FileKind::ApiProperties);
                let (mut adds, mut removes) = (false, false);
                for edit in edits {
                    let old = &text[edit.range.as_usize()];
                    adds |= edit.new_text.contains("redirectUrl")
                        || (old.starts_with('"') && edit.new_text.contains("consent"));
                    removes |=
                        old.contains("redirectUrl") && !edit.new_text.contains("redirectUrl");
                }
                (adds, removes)
            };
            let diagnostics = common::check(&variant);
            let safe = diagnostics
                .iter()
                .flat_map(|d| &d.fixes)
                .filter(|f| f.applicability == connector_ls::diagnostic::Applicability::Safe)
                .map(effect);
            let preferred: Vec<_> = diagnostics
                .iter()
                .filter_map(|d| d.fixes.first())
                .map(effect)
                .collect();
            for (adds, removes) in safe {
                let contradicted = preferred.iter().any(|&(other_adds, other_removes)| {
                    (adds && other_removes) || (removes && other_adds)
                });
                assert!(
                    !contradicted,
                    "mode {mode:?}, url {url:?}: a safe fix contradicts another finding's fix"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, modes.len() * urls.len());
}
