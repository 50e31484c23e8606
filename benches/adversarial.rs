//! `cargo bench --bench adversarial`: time, peak heap and output size of hostile inputs of
//! 1, 2, 4 and 8 MB, generated in memory. A plain bench binary, no harness. Each shape once
//! made `check` or the server quadratic (issue 11); every column should about double with the
//! input. Peak heap is counted by this binary's allocator (bytes held at the worst moment,
//! above what was held before the run), so it does not depend on the machine.
//!
//! For each shape the run is what `check --format json` does: parse, analyse, and write the
//! report (to a byte counter). Ignore entries are parsed as a configuration file, and a
//! generateSchema sample is parsed as JSON text and turned into the schema edit.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use connector_ls::cli::report::json::JsonReporter;
use connector_ls::cli::report::{Reporter, Summary, locate};
use connector_ls::edit::schema_sample::{Sample, infer, schema_edit};
use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};
use connector_ls::syntax::json;
use connector_ls::workspace::ConnectorReport;

struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: usize = 1024 * 1024;

/// Counts the bytes written to it.
#[derive(Default)]
struct ByteCounter(usize);

impl Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A definition whose `paths` and `definitions` objects hold the given members (JSON text).
fn definition(paths: &str, definitions: &str) -> String {
    format!(
        "{{\"swagger\":\"2.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"host\":\"a.com\",\"paths\":{{{paths}}},\"definitions\":{{{definitions}}}}}"
    )
}

/// `count` members made by `member`, comma-separated, about `size` bytes in all.
fn members(size: usize, member: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(size + 256);
    let mut i = 0;
    while out.len() < size {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&member(i));
        i += 1;
    }
    out
}

/// What `check --format json` does with one definition: analyse it and write the report.
/// Returns (findings, report bytes).
fn check_definition(text: &str, config: &RuleConfig) -> (usize, usize) {
    let file = SourceFile::from_bytes(
        FileKind::ApiDefinition,
        PathBuf::from("c/apiDefinition.swagger.json"),
        text.as_bytes(),
    );
    let connector = Connector::from_files(PathBuf::from("c"), vec![file], Vec::new());
    let diagnostics = analyze(&connector, config);
    let reports = [ConnectorReport {
        connector,
        diagnostics,
    }];
    let located = locate(&reports);
    let mut out = ByteCounter::default();
    JsonReporter::default()
        .write(&located, &Summary::default(), &mut out)
        .expect("counting never fails");
    (located.len(), out.0)
}

struct Shape {
    name: &'static str,
    /// Makes the input of about `size` bytes.
    make: fn(usize) -> String,
    /// Runs it: (findings or items, output bytes).
    run: fn(&str) -> (usize, usize),
}

fn braces(size: usize) -> String {
    definition(&format!("\"/{}\":{{}}", "{".repeat(size)), "")
}

fn shared_operation_id(size: usize) -> String {
    definition(
        &members(size, |i| {
            format!(
                "\"/a{i}\":{{\"get\":{{\"operationId\":\"Same\",\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}"
            )
        }),
        "",
    )
}

fn repeated_path(size: usize) -> String {
    // One key written again and again: a duplicate key, a duplicate operationId and a
    // missing response for each copy.
    definition(
        &members(size, |_| {
            "\"/a\":{\"get\":{\"operationId\":\"x\"}}".to_string()
        }),
        "",
    )
}

fn many_findings_one_line(size: usize) -> String {
    // Each operation: an undeclared path variable, an extra path parameter, an id that is
    // not PascalCase, no responses: four findings with fixes that insert members.
    definition(
        &members(size, |i| {
            format!(
                "\"/a{i}/{{x}}\":{{\"get\":{{\"operationId\":\"x_{i}\",\"parameters\":[{{\"name\":\"y\",\"in\":\"path\",\"required\":true,\"type\":\"string\"}}]}}}}"
            )
        }),
        "",
    )
}

fn ref_chain(size: usize) -> String {
    let chain = members(size, |i| {
        format!("\"D{i}\":{{\"$ref\":\"#/definitions/D{}\"}}", i + 1)
    });
    let links = chain.matches("$ref").count();
    definition("", &format!("{chain},\"D{links}\":{{\"type\":\"string\"}}"))
}

fn ignore_entries(size: usize) -> String {
    let mut out = String::with_capacity(size + 256);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&format!(
            "[[ignore]]\nrules = [\"operation-id-not-pascal-case\"]\nfiles = [\"apiDefinition.swagger.json\"]\npointers = [\"/paths/~1a{i}/get/operationId\"]\n\n"
        ));
        i += 1;
    }
    out
}

fn check_with_ignores(config_text: &str) -> (usize, usize) {
    let config = connector_ls::config::parse(config_text, Path::new("/bench")).expect("valid");
    let text = definition(
        &members(200_000, |i| {
            format!(
                "\"/a{i}\":{{\"get\":{{\"operationId\":\"get_{i}\",\"responses\":{{\"200\":{{\"description\":\"OK\"}}}}}}}}"
            )
        }),
        "",
    );
    check_definition(&text, &config)
}

fn sample_text(size: usize) -> String {
    // Two objects with the same keys, so that array items are merged too.
    let object = format!("{{{}}}", members(size / 2, |i| format!("\"k{i}\":{i}")));
    format!("[{object},{object}]")
}

fn generate_schema(sample: &str) -> (usize, usize) {
    let text = definition(
        "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"OK\"}}}}",
        "",
    );
    let parsed = json::parse(&text);
    let response = parsed
        .tree
        .resolve_pointer("/paths/~1a/get/responses/200")
        .expect("response");
    let sample = Sample::parse(sample).expect("valid sample");
    let schema = infer(&sample);
    let edit = schema_edit(
        FileKind::ApiDefinition,
        &text,
        &parsed.tree,
        response,
        &schema,
    );
    (1, edit.new_text.len())
}

fn main() {
    let shapes = [
        Shape {
            name: "unclosed braces in one path",
            make: braces,
            run: |text| check_definition(text, &RuleConfig::default()),
        },
        Shape {
            name: "operations sharing an operationId, minified",
            make: shared_operation_id,
            run: |text| check_definition(text, &RuleConfig::default()),
        },
        Shape {
            name: "one path key repeated, minified",
            make: repeated_path,
            run: |text| check_definition(text, &RuleConfig::default()),
        },
        Shape {
            name: "one line, four findings per operation",
            make: many_findings_one_line,
            run: |text| check_definition(text, &RuleConfig::default()),
        },
        Shape {
            name: "$ref chain D0 -> D1 -> ... -> Dn",
            make: ref_chain,
            run: |text| check_definition(text, &RuleConfig::default()),
        },
        Shape {
            name: "[[ignore]] entries (+ a 200 KB definition)",
            make: ignore_entries,
            run: check_with_ignores,
        },
        Shape {
            name: "generateSchema sample as JSON text",
            make: sample_text,
            run: generate_schema,
        },
    ];
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    println!(
        "| shape | input | time | peak heap | findings | output |\n|---|---:|---:|---:|---:|---:|"
    );
    for shape in &shapes {
        if only
            .as_deref()
            .is_some_and(|only| !shape.name.contains(only))
        {
            continue;
        }
        for megabytes in [1, 2, 4, 8] {
            let input = (shape.make)(megabytes * MB);
            let before = HELD.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let start = Instant::now();
            let (findings, output) = std::hint::black_box((shape.run)(&input));
            let time: Duration = start.elapsed();
            let peak = PEAK.load(Ordering::Relaxed) - before;
            println!(
                "| {} | {:.1} MB | {:.2?} | {:.1} MB | {findings} | {:.1} MB |",
                shape.name,
                input.len() as f64 / MB as f64,
                time,
                peak as f64 / MB as f64,
                output as f64 / MB as f64,
            );
        }
    }
}
