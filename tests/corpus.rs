//! The sweep over the real connectors in `../shared/corpus` (764 published connectors; set
//! `CONNECTOR_LS_CORPUS` to use another folder). The corpus is not part of the repository, so
//! these tests are `#[ignore]`d and run by `.ci/run` with `--ignored` when the folder exists.
//!
//! They assert: no connector makes analysis panic; the rules that no published connector
//! breaks report nothing; and `json-syntax-error` fires on exactly the files a strict JSON
//! parser (serde_json) rejects. Every finding is written to `target/tmp/corpus-sweep.txt` for
//! review, with per-rule counts printed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use connector_ls::diagnostic::Severity;
use connector_ls::model::{Connector, SourceFile};
use connector_ls::workspace::find_connector_dirs;

/// Rules that no published connector breaks: any finding is a false positive.
const ZERO_IN_CORPUS: [&str; 7] = [
    "operation-id-missing",
    "operation-id-whitespace",
    "operation-id-duplicate",
    "path-parameter-undeclared",
    "path-parameter-not-in-template",
    "path-contains-query-or-fragment",
    "ref-unresolved",
];

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
            if ZERO_IN_CORPUS.contains(&d.rule) {
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
        "rules with no corpus violations fired:\n{}",
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
    use connector_ls::model::swagger::{ref_sites, resolve_local_ref};
    use connector_ls::rules::Context;

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
        let ctx = Context::new(&connector);
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
