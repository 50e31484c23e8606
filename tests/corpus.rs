//! The sweep over the real connectors in `../shared/corpus` (764 published connectors; set
//! `CONNECTOR_LS_CORPUS` to use another folder). The corpus is not part of the repository, so
//! these tests are `#[ignore]`d and run by `.ci/run` with `--ignored` when the folder exists.
//!
//! They assert: no connector makes analysis panic; the rules that no published connector
//! breaks report nothing; and `json-syntax-error` fires on exactly the files a strict JSON
//! parser (serde_json) rejects. Every finding is written to `target/tmp/corpus-sweep.txt` for
//! review, with per-rule counts printed. And fixing is safe: `check --fix --unsafe-fixes`
//! keeps every connector valid JSON without new errors and is idempotent, and the editor's
//! fix-all on a definition missing a bracket or comma only repairs syntax.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use connector_ls::diagnostic::Severity;
use connector_ls::model::{Connector, SourceFile};
use connector_ls::workspace::find_connector_dirs;

/// Rules that no published connector breaks: any finding is a false positive.
const ZERO_IN_CORPUS: [&str; 43] = [
    "json-root-not-object",
    "swagger-version",
    "operation-id-missing",
    "operation-id-whitespace",
    "operation-id-duplicate",
    "path-parameter-undeclared",
    "path-parameter-not-in-template",
    "path-contains-query-or-fragment",
    "ref-unresolved",
    // Enforced by the validator: every operation without a summary or description is
    // internal, no summary has a restricted character or 120 characters, and no schema
    // requires a property it does not define.
    "operation-summary-missing",
    "operation-description-missing",
    "operation-summary-format",
    "schema-required-undefined",
    "required-key-missing",
    // No policy instance of a published connector lacks a parameter its template requires.
    "policy-template-parameter-invalid",
    "schema-required-invalid",
    "required-read-only-input",
    "schema-too-large",
    "parameter-duplicate",
    "parameter-location-invalid",
    "path-parameter-not-required",
    "schemes-empty",
    "operations-too-many",
    "dynamic-required-parameter-missing",
    "dynamic-extension-misplaced",
    "dynamic-unambiguous-form-missing",
    "webhook-incomplete",
    "notification-extension-misplaced",
    // Every published value is actions, triggers or gateway (4 write `Actions`).
    "capabilities-invalid",
    // Validator codes no published connector breaks (ConnectionIdParameterNotAllowed,
    // BodyParameterSchemaRequired, TagRedefined, ResponseHeadersAreNotUnique, UrlNotValid).
    "parameter-connection-id",
    "parameter-body-schema-missing",
    "tag-duplicate",
    "response-header-duplicate",
    "url-invalid",
    // No published connector names a replacement, has more than one active Production
    // operation in a family, or states a Preview status with an operation in Production.
    "operation-replacement-invalid",
    "operation-family-active",
    "operation-status-ahead-of-connector",
    // Validator codes no published connector breaks (InvalidCustomEditorExtensionDictionaryValue,
    // ResponseExampleMustBeProducedByOperation; no published connector declares
    // filterFunctions).
    "schema-editor-dictionary-invalid",
    "response-example-not-produced",
    "schema-filter-functions-invalid",
    // The one published connector on localhost lists the gateway capability.
    "host-not-production",
    // RequiredLoopInSchemaNotAllowed: no published schema requires its way back to itself.
    "schema-required-loop",
    // MimeTypeNotCompatibleWithRequestContentSchemaType: every published form consumes a form.
    "form-consumes-incompatible",
];

/// The only rules that may report an error in a certified connector, which passed Microsoft's
/// validator: files that are not JSON as published, and one array schema without `items`.
/// Any other error there is a false finding or a severity set too high.
const ERRORS_IN_CERTIFIED: [&str; 2] = ["json-syntax-error", "schema-array-without-items"];

/// Minimums of the navigation sweep, about 90% of what it checks on the corpus of 764
/// connectors (27,881 definitions, 1,812 operation renames, 1,211 component renames).
const MIN_DEFINITIONS: usize = 25_000;
const MIN_RENAMES: usize = 1_600;
const MIN_COMPONENT_RENAMES: usize = 1_000;

fn corpus_dir() -> PathBuf {
    std::env::var_os("CONNECTOR_LS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo_root().join("../shared/corpus"))
}

struct Sweep {
    connectors: Vec<(
        PathBuf,
        Connector,
        Vec<connector_ls::diagnostic::Diagnostic>,
    )>,
}

fn sweep() -> Sweep {
    let root = corpus_dir();
    assert!(root.is_dir(), "corpus not found at {}", root.display());
    let dirs = find_connector_dirs(&root);
    assert!(
        dirs.len() > 700,
        "expected the whole corpus, found {} connectors",
        dirs.len()
    );
    let mut connectors = Vec::new();
    let mut panics = Vec::new();
    for dir in dirs {
        let connector = common::load(&dir);
        match std::panic::catch_unwind(|| common::check(&connector)) {
            Ok(diagnostics) => connectors.push((dir, connector, diagnostics)),
            Err(_) => panics.push(dir),
        }
    }
    assert!(panics.is_empty(), "analysis panicked on {panics:?}");
    Sweep { connectors }
}

#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_sweep() {
    let sweep = sweep();
    let root = corpus_dir();
    let mut report = String::new();
    let mut counts: BTreeMap<(&str, Severity), (usize, BTreeSet<PathBuf>)> = BTreeMap::new();
    let mut false_positives = Vec::new();
    let mut syntax_mismatches = Vec::new();

    for (dir, connector, diagnostics) in &sweep.connectors {
        let name = dir.strip_prefix(&root).unwrap_or(dir).display().to_string();
        for d in diagnostics {
            let entry = counts.entry((d.rule, d.severity)).or_default();
            entry.0 += 1;
            entry.1.insert(dir.clone());
            if ZERO_IN_CORPUS.contains(&d.rule)
                || (name.starts_with("certified-connectors")
                    && d.severity == Severity::Error
                    && !ERRORS_IN_CERTIFIED.contains(&d.rule))
            {
                false_positives.push(format!("{name}: {} {}", d.rule, d.message));
            }
        }
        let rendered = common::render(connector, diagnostics);
        if !diagnostics.is_empty() {
            let _ = writeln!(report, "## {name}\n{rendered}");
        }
        for file in connector.files.iter().filter(|f| f.kind.is_json()) {
            let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
            let strict_ok = serde_json::from_str::<serde_json::Value>(text).is_ok();
            let flagged = diagnostics
                .iter()
                .any(|d| d.rule == "json-syntax-error" && d.file == file.kind);
            if strict_ok == flagged {
                syntax_mismatches.push(format!(
                    "{}: serde_json {} but json-syntax-error {}",
                    file.path.display(),
                    if strict_ok { "accepts" } else { "rejects" },
                    if flagged { "fired" } else { "did not fire" }
                ));
            }
        }
    }

    let mut summary = format!("{} connectors swept\n", sweep.connectors.len());
    for ((rule, severity), (count, dirs)) in &counts {
        let _ = writeln!(
            summary,
            "{rule:<40} {:<8} {count:>6} findings in {:>4} connectors",
            severity.as_str(),
            dirs.len()
        );
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus-sweep.txt");
    std::fs::write(&out, format!("{summary}\n{report}")).expect("write the sweep report");
    eprintln!("{summary}full report: {}", out.display());

    assert!(
        false_positives.is_empty(),
        "rules with no corpus violations fired, or errors in certified connectors:\n{}",
        false_positives.join("\n")
    );
    assert!(
        syntax_mismatches.is_empty(),
        "json-syntax-error disagrees with serde_json:\n{}",
        syntax_mismatches.join("\n")
    );
}

/// Random edit scripts on every JSON file of the corpus (including the broken ones): after each
/// edit, the parse kept up to date in place or by re-parsing the edited object or array is
/// exactly the full parse of the new text.
#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_incremental_parse_matches_full_parse() {
    let mut random = common::Random::new(0x2545_f491_4f6c_dd1d);
    let mut next = move |bound: usize| random.below(bound);
    let mut edits = 0;
    let mut mismatches = Vec::new();
    for dir in find_connector_dirs(&corpus_dir()) {
        let connector = common::load(&dir);
        for original in connector.files.iter().filter(|f| f.json.is_some()) {
            let mut file = original.clone();
            for _ in 0..8 {
                let len = file.text.len();
                let mut start = next(len + 1);
                while !file.text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + next(4)).min(len);
                while !file.text.is_char_boundary(end) {
                    end += 1;
                }
                let inserted = common::EDIT_INSERTS[next(common::EDIT_INSERTS.len())];
                assert!(file.edit(start as u32, end as u32, inserted));
                edits += 1;
                let full = SourceFile::from_text(file.kind, file.path.clone(), file.text.clone());
                if file.json != full.json {
                    mismatches.push(format!(
                        "{}: {start}..{end} -> {inserted:?}",
                        file.path.display()
                    ));
                    break;
                }
            }
        }
    }
    println!(
        "{edits} random edits on corpus files, {} mismatches",
        mismatches.len()
    );
    assert!(edits > 10_000, "{edits} edits");
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

/// Every fix offered on the corpus, applied alone: JSON that parsed still parses (and broken
/// JSON gets no worse), the diagnostic it fixes is gone, bytes outside its edits are unchanged,
/// and no rule reports more errors than before.
#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_fix_round_trip() {
    let sweep = sweep();
    let mut fixes = 0;
    let mut failures = Vec::new();
    for (dir, connector, diagnostics) in &sweep.connectors {
        let errors_before = error_counts(diagnostics);
        for diagnostic in diagnostics {
            for fix in &diagnostic.fixes {
                fixes += 1;
                let fixed = common::apply_fix(connector, fix);
                let place = format!("{} {} '{}'", dir.display(), diagnostic.rule, fix.title);
                for file in &connector.files {
                    let after = fixed.file(file.kind).expect("same files");
                    if !unchanged_outside_edits(&file.text, &after.text, fix, file.kind) {
                        failures.push(format!(
                            "{place}: bytes outside the edits changed in {:?}",
                            file.kind
                        ));
                    }
                    let before_errors = file.json.as_ref().map_or(0, |p| p.errors.len());
                    let after_errors = after.json.as_ref().map_or(0, |p| p.errors.len());
                    if after_errors > before_errors || (before_errors == 0 && after_errors > 0) {
                        failures.push(format!("{place}: {:?} no longer parses", file.kind));
                    }
                }
                let after = common::check(&fixed);
                let same_rule = |ds: &[connector_ls::diagnostic::Diagnostic]| {
                    ds.iter().filter(|d| d.rule == diagnostic.rule).count()
                };
                if same_rule(&after) >= same_rule(diagnostics) {
                    failures.push(format!("{place}: the diagnostic is still there"));
                }
                for (rule, count) in error_counts(&after) {
                    if count > errors_before.get(rule).copied().unwrap_or(0) {
                        failures.push(format!("{place}: new {rule} error"));
                    }
                }
            }
        }
    }
    eprintln!(
        "{fixes} fixes applied to corpus connectors, {} failures",
        failures.len()
    );
    assert!(
        fixes > 1000,
        "expected the corpus to offer many fixes, got {fixes}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn error_counts(
    diagnostics: &[connector_ls::diagnostic::Diagnostic],
) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *counts.entry(d.rule).or_insert(0) += 1;
    }
    counts
}

/// Whether `after` equals `before` with the fix's edits for `kind` applied, i.e. nothing else.
fn unchanged_outside_edits(
    before: &str,
    after: &str,
    fix: &connector_ls::diagnostic::Fix,
    kind: connector_ls::model::FileKind,
) -> bool {
    let mut edits: Vec<_> = fix.edits.iter().filter(|e| e.file == kind).collect();
    edits.sort_by_key(|e| e.range.start);
    let mut expected = String::with_capacity(after.len());
    let mut at = 0;
    for edit in edits {
        expected.push_str(&before[at..edit.range.start as usize]);
        expected.push_str(&edit.new_text);
        at = edit.range.end as usize;
    }
    expected.push_str(&before[at..]);
    expected == after
}

/// The diagnostics of the rules a rename could break: unknown operation references,
/// duplicate ids and unresolved `$ref`s.
fn reference_findings(connector: &Connector) -> usize {
    const RULES: [&str; 6] = [
        "operation-ref-unknown",
        "script-operation-unknown",
        "policy-operation-unknown",
        "script-operation-id-literal-unknown",
        "operation-id-duplicate",
        "ref-unresolved",
    ];
    common::check(connector)
        .iter()
        .filter(|d| RULES.contains(&d.rule))
        .count()
}

/// Navigation and symbols over the real connectors: every reference and `$ref` leads to a
/// definition when the index resolves it; renaming each referenced operation (and each
/// referenced definition) never adds an unknown reference, a duplicate or a dangling `$ref`;
/// symbols nest validly and folds stay inside the file.
#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_navigation_sweep() {
    use connector_ls::diagnostic::Fix;
    use connector_ls::ide::{navigation, symbols};
    use connector_ls::model::FileKind;
    use connector_ls::model::index::ConnectorIndex;
    use connector_ls::model::swagger::{ref_sites, resolve_local_ref};

    let root = corpus_dir();
    assert!(root.is_dir(), "corpus not found at {}", root.display());
    let mut failures = Vec::new();
    let (mut renames, mut component_renames) = (0, 0);
    let (mut connectors, mut definitions) = (0, 0);
    for dir in find_connector_dirs(&root) {
        connectors += 1;
        let connector = common::load(&dir);
        let name = dir
            .strip_prefix(&root)
            .unwrap_or(&dir)
            .display()
            .to_string();
        let ctx = ConnectorIndex::new(&connector);
        for file in &connector.files {
            let lines = file.line_index.line_count() as u32;
            for fold in symbols::folding_ranges(file) {
                if fold.end_line >= lines || fold.start_line >= fold.end_line {
                    failures.push(format!("{name}: fold {fold:?} in {:?}", file.kind));
                }
            }
            fn nested(symbols: &[symbols::Symbol], parent: Option<(u32, u32)>) -> bool {
                symbols.iter().all(|s| {
                    let (range, selection) = (s.range, s.selection);
                    range.start <= selection.start
                        && selection.end <= range.end
                        && parent
                            .is_none_or(|(start, end)| start <= range.start && range.end <= end)
                        && nested(&s.children, Some((range.start, range.end)))
                })
            }
            if !nested(&symbols::document_symbols(&ctx, file.kind), None) {
                failures.push(format!("{name}: symbols of {:?} do not nest", file.kind));
            }
        }
        let Some(swagger) = ctx.swagger() else {
            continue;
        };
        let before = reference_findings(&connector);
        let rename_and_check = |file: FileKind, offset: u32, new_name: &str| {
            let edits = navigation::rename(&ctx, file, offset, new_name)
                .map_err(|e| format!("{name}: rename to {new_name} refused: {e}"))?;
            let renamed = common::apply_fix(&connector, &Fix::unsafe_("rename", edits));
            let after = reference_findings(&renamed);
            if after > before {
                return Err(format!(
                    "{name}: renaming to {new_name} raised reference findings from {before} to {after}"
                ));
            }
            Ok(())
        };
        for reference in &ctx.operation_refs {
            let resolves = swagger.resolves(reference);
            let offset = reference.range.start + 1;
            let found = navigation::definition(&ctx, reference.file, offset).is_some();
            definitions += 1;
            if resolves != found {
                failures.push(format!(
                    "{name}: definition of {:?} '{}': {found}, resolves: {resolves}",
                    reference.file, reference.name
                ));
            }
        }
        let mut renamed_ops = std::collections::HashSet::new();
        for reference in ctx.operation_refs.iter().filter(|r| swagger.resolves(r)) {
            let Some(op) = swagger.operations.iter().find(|op| {
                swagger
                    .operation_id(op)
                    .is_some_and(|id| reference.matches(id))
            }) else {
                continue;
            };
            let id = swagger.operation_id(op).unwrap();
            if !renamed_ops.insert(id) {
                continue;
            }
            renames += 1;
            let new_name = format!("Renamed{}", renamed_ops.len());
            if let Err(e) = rename_and_check(reference.file, reference.range.start + 1, &new_name) {
                failures.push(e);
            }
        }
        let tree = swagger.tree;
        let mut renamed_components = std::collections::HashSet::new();
        for site in ref_sites(tree) {
            let Some(pointer) = tree.as_str(site.value) else {
                continue;
            };
            let target = resolve_local_ref(tree, pointer).ok();
            let offset = tree.range(site.value).start + 1;
            let found = navigation::definition(&ctx, FileKind::ApiDefinition, offset);
            definitions += 1;
            if target.is_some() != found.is_some() {
                failures.push(format!("{name}: definition of $ref '{pointer}'"));
            }
            let is_component = ["#/definitions/", "#/parameters/", "#/responses/"]
                .iter()
                .any(|p| pointer.starts_with(p));
            // A few per connector: each rename re-analyses the whole connector.
            if target.is_none()
                || !is_component
                || renamed_components.len() >= 4
                || !renamed_components.insert(pointer)
            {
                continue;
            }
            if navigation::prepare_rename(&ctx, FileKind::ApiDefinition, offset).is_err() {
                continue;
            }
            component_renames += 1;
            let new_name = format!("Renamed{}", renamed_components.len());
            if let Err(e) = rename_and_check(FileKind::ApiDefinition, offset, &new_name) {
                failures.push(e);
            }
        }
    }
    eprintln!(
        "{connectors} connectors: {definitions} definitions, {renames} operation renames, \
         {component_renames} component renames checked"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A sweep that checks next to nothing (a corpus not found, an index that stopped
    // collecting references) must not pass.
    assert!(connectors > 700, "{connectors} connectors swept");
    assert!(
        definitions > MIN_DEFINITIONS,
        "{definitions} definitions checked"
    );
    assert!(renames > MIN_RENAMES, "{renames} operation renames checked");
    assert!(
        component_renames > MIN_COMPONENT_RENAMES,
        "{component_renames} component renames checked"
    );
}

/// Violations of the fix properties that come from individual rules' fixes, being fixed in
/// their rules (issue 10, "Safe means it cannot change what the platform does"): (connector
/// folder, rule of the new error). Remove an entry when its fix lands.
const KNOWN_FIX_VIOLATIONS: [(&str, &str); 0] = [];

/// The error-level findings of a connector as a multiset of (rule, file, JSON pointer).
fn error_places(
    diagnostics: &[connector_ls::diagnostic::Diagnostic],
) -> BTreeMap<(&'static str, connector_ls::model::FileKind, String), usize> {
    let mut places = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *places
            .entry((d.rule, d.file, d.pointer.clone()))
            .or_insert(0) += 1;
    }
    places
}

fn is_strict_json(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<serde_json::Value>(text).is_ok()
}

/// `check --fix --unsafe-fixes` on a copy of every corpus connector, through the CLI's own
/// code (fix the folder as `check --fix` does, write the files as it does, read them back):
/// every JSON file written parses with a strict parser, no error-level finding appears that
/// was not there before (by rule, file and pointer, in any file), and a second run changes
/// nothing.
#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_check_fix_keeps_connectors_working() {
    use connector_ls::cli::fixes::{self, Outcome};
    use connector_ls::rules::RuleConfig;
    use connector_ls::workspace::{Target, fix_target};

    let root = corpus_dir();
    assert!(root.is_dir(), "corpus not found at {}", root.display());
    let config = RuleConfig::default();
    let (mut connectors, mut fixed_connectors, mut applied, mut allowed) = (0, 0, 0, 0);
    let mut violations = Vec::new();
    for dir in find_connector_dirs(&root) {
        let name = dir
            .strip_prefix(&root)
            .unwrap_or(&dir)
            .display()
            .to_string();
        let (_temp, copy) = common::copy_connector(&dir, "connector");
        connectors += 1;
        let before = common::load(&copy);
        let errors_before = error_places(&common::check(&before));
        let target = Target::Folder(copy.clone());

        let first = fix_target(&target, &config, true).unwrap();
        let outcome = fixes::write_connector(&first);
        assert!(
            matches!(outcome, Outcome::Unchanged | Outcome::Written { .. }),
            "{name}: {outcome:?}"
        );
        if first.changed.is_empty() {
            continue;
        }
        fixed_connectors += 1;
        applied += first.applied;
        let mut found = Vec::new();
        let after = common::load(&copy);
        for (kind, _) in &first.changed {
            let file = after.file(*kind).unwrap();
            if file.kind.is_json() && !is_strict_json(&file.text) {
                found.push((format!("{name}: {kind:?} is no longer valid JSON"), ""));
            }
        }
        let after_diagnostics = common::check(&after);
        for ((rule, file, pointer), count) in error_places(&after_diagnostics) {
            let was = errors_before
                .get(&(rule, file, pointer.clone()))
                .copied()
                .unwrap_or(0);
            if count > was {
                let message = after_diagnostics
                    .iter()
                    .find(|d| d.rule == rule && d.file == file && d.pointer == pointer)
                    .map_or("", |d| d.message.as_str());
                found.push((
                    format!("{name}: new {rule} error in {file:?} at {pointer}: {message}"),
                    rule,
                ));
            }
        }
        let second = fix_target(&target, &config, true).unwrap();
        if !second.changed.is_empty() {
            let files: Vec<_> = second.changed.iter().map(|(kind, _)| *kind).collect();
            found.push((
                format!(
                    "{name}: a second run changed {files:?} ({} fixes)",
                    second.applied
                ),
                "",
            ));
        }
        for (violation, rule) in found {
            if KNOWN_FIX_VIOLATIONS.contains(&(name.as_str(), rule)) {
                allowed += 1;
            } else {
                violations.push(violation);
            }
        }
    }
    eprintln!(
        "check --fix --unsafe-fixes: {connectors} connectors, {fixed_connectors} changed, \
         {applied} fixes applied, {} violations ({allowed} known, allowed)",
        violations.len()
    );
    assert!(connectors > 700 && applied > 1000, "{connectors} {applied}");
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// How many single removals each corpus definition is tried with.
const REMOVALS_PER_FILE: usize = 4;

/// The editor's fix-all on corpus definitions with one `}`, `]` or `,` removed (seeded
/// choices, a few per file): it offers only the repairs of syntax errors, and when the document parses
/// again it holds exactly the original JSON.
#[tokio::test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
async fn corpus_fix_all_on_a_broken_definition_touches_only_syntax() {
    use common::lsp::{TestServer, apply_edits, file_uri};
    use connector_ls::text::Encoding;
    use serde_json::{Value, json};

    let mut random = common::Random::new(0x5851_f42d_4c95_7f2d);
    let (mut server, _) = TestServer::initialized(json!({}), Value::Null).await;
    let (mut cases, mut restored, mut edits_applied) = (0, 0, 0);
    let mut violations = Vec::new();
    for dir in find_connector_dirs(&corpus_dir()) {
        let path = dir.join("apiDefinition.swagger.json");
        let Ok(original) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(original_value) =
            serde_json::from_str::<Value>(original.strip_prefix('\u{feff}').unwrap_or(&original))
        else {
            continue;
        };
        let offsets = common::structural_offsets(&original, b"}],");
        if offsets.is_empty() {
            continue;
        }
        for _ in 0..REMOVALS_PER_FILE {
            let at = offsets[random.below(offsets.len())];
            let removed = original.as_bytes()[at] as char;
            let mut text = original.clone();
            text.remove(at);
            cases += 1;
            let place = format!("{} without the '{removed}' at byte {at}", path.display());
            let uri = file_uri(&path);
            let mut version = 1;
            server.open(&uri, &text, version).await;
            let mut diagnostics = server.diagnostics_for(&uri, version).await;
            for _ in 0..3 {
                let Some(action) = server.fix_all(&uri).await else {
                    break;
                };
                let changes = action["edit"]["changes"].as_object().unwrap();
                if changes.keys().any(|key| *key != uri) {
                    violations.push(format!("{place}: fix-all edits another file"));
                }
                // Every edit is the edit of a syntax error's repair, as published.
                let repairs: Vec<&Value> = diagnostics
                    .iter()
                    .filter(|d| d["code"] == "json-syntax-error")
                    .filter_map(|d| d["data"]["fixes"].as_array())
                    .flatten()
                    .filter_map(|fix| fix["edit"]["changes"][&uri].as_array())
                    .flatten()
                    .collect();
                let edits = changes[&uri].as_array().unwrap();
                for edit in edits {
                    if !repairs.contains(&edit) {
                        violations.push(format!("{place}: fix-all applies {edit}, not a repair"));
                    }
                }
                edits_applied += edits.len();
                text = apply_edits(&text, &changes[&uri], Encoding::Utf16);
                version += 1;
                server
                .notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
                )
                .await;
                diagnostics = server.diagnostics_for(&uri, version).await;
                if is_strict_json(&text) {
                    break;
                }
            }
            if is_strict_json(&text) {
                let value: Value =
                    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).unwrap();
                if value == original_value {
                    restored += 1;
                } else {
                    violations.push(format!(
                        "{place}: fix-all made other JSON than the original"
                    ));
                }
            }
            server
                .notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri}}),
                )
                .await;
        }
    }
    server.shutdown().await;
    eprintln!(
        "fix-all on broken corpus definitions: {cases} cases, {edits_applied} edits, \
         {restored} restored to the original JSON, {} violations",
        violations.len()
    );
    assert!(cases > 700 * REMOVALS_PER_FILE, "{cases} cases");
    assert!(restored > cases / 2, "{restored} restored");
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// `check --fix --unsafe-fixes` on copies of corpus connectors whose definition lost one `}`,
/// `]` or `,` (a seeded choice per file): the definition is left as it was, or repaired to
/// exactly the JSON that fixing the intact connector gives (the repairs put back what was
/// removed, where the indentation shows it, and nothing else differs).
#[test]
#[ignore = "reads ../shared/corpus; run by .ci/run"]
fn corpus_check_fix_repairs_a_missing_bracket_or_comma() {
    use connector_ls::cli::fixes::{self, Outcome};
    use connector_ls::rules::RuleConfig;
    use connector_ls::workspace::{Target, fix_target};
    use serde_json::Value;

    let root = corpus_dir();
    assert!(root.is_dir(), "corpus not found at {}", root.display());
    let mut random = common::Random::new(0x1405_7b7e_f767_814f);
    let config = RuleConfig::default();
    let (mut cases, mut restored, mut left) = (0, 0, 0);
    let mut violations = Vec::new();
    // The definition as `check --fix --unsafe-fixes` leaves it, from `text`.
    let fixed = |dir: &std::path::Path, text: &str| {
        let (_temp, copy) = common::copy_connector(dir, "connector");
        let definition = copy.join("apiDefinition.swagger.json");
        std::fs::write(&definition, text).unwrap();
        let report = fix_target(&Target::Folder(copy.clone()), &config, true).unwrap();
        let outcome = fixes::write_connector(&report);
        assert!(
            matches!(outcome, Outcome::Unchanged | Outcome::Written { .. }),
            "{outcome:?}"
        );
        std::fs::read_to_string(&definition).unwrap()
    };
    let value = |text: &str| {
        serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()
    };
    for dir in find_connector_dirs(&root) {
        let Ok(original) = std::fs::read_to_string(dir.join("apiDefinition.swagger.json")) else {
            continue;
        };
        if value(&original).is_none() {
            continue;
        }
        let offsets = common::structural_offsets(&original, b"}],");
        if offsets.is_empty() {
            continue;
        }
        let at = offsets[random.below(offsets.len())];
        let mut broken = original.clone();
        broken.remove(at);
        cases += 1;
        let after = fixed(&dir, &broken);
        if after == broken {
            left += 1;
            continue;
        }
        let expected = value(&fixed(&dir, &original));
        match value(&after) {
            Some(repaired) if Some(&repaired) == expected.as_ref() => restored += 1,
            Some(_) => violations.push(format!(
                "{}: without the '{}' at byte {at}, fixed to other JSON",
                dir.display(),
                original.as_bytes()[at] as char
            )),
            None => violations.push(format!(
                "{}: without the '{}' at byte {at}, written with syntax errors",
                dir.display(),
                original.as_bytes()[at] as char
            )),
        }
    }
    eprintln!(
        "check --fix --unsafe-fixes on definitions missing a bracket or comma: {cases} cases, \
         {restored} restored, {left} left as they were, {} violations",
        violations.len()
    );
    assert!(
        cases > 700 && restored > cases * 9 / 10,
        "{cases} {restored}"
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
