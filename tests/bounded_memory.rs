//! Memory that grows with the configuration, measured with a counting allocator (this test
//! binary's own): bytes held, not time, so the numbers do not depend on the machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicIsize, Ordering};

use connector_ls::model::{Connector, FileKind, SourceFile};

struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes held after `make`, with what it made still alive.
fn held_by<T>(make: impl FnOnce() -> T) -> (T, isize) {
    let before = HELD.load(Ordering::Relaxed);
    let made = make();
    (made, HELD.load(Ordering::Relaxed) - before)
}

/// The configuration that "Ignore this finding" writes, `entries` times over.
fn config_text(entries: usize) -> String {
    (0..entries)
        .map(|i| {
            format!(
                "[[ignore]]\nrules = [\"operation-id-not-pascal-case\"]\nfiles = [\"./c/api{i}.swagger.json\"]\npointers = [\"/paths/~1items{i}/get\"]\n"
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each `[[ignore]]` entry costs well under 1 KB, compiled patterns included (a compiled glob
/// per pattern cost about 19 KB).
#[test]
fn ignore_entries_take_little_memory_each() {
    let entries = 20_000;
    let text = config_text(entries);
    let base = Path::new("/project");
    let definition = SourceFile::from_text(
        FileKind::ApiDefinition,
        PathBuf::from("/project/c/api7.swagger.json"),
        "{\"swagger\": \"2.0\", \"paths\": {\"/items7\": {\"get\": {\"operationId\": \"get_items\"}}}}"
            .to_string(),
    );
    let connector =
        Connector::from_files(PathBuf::from("/project/c"), vec![definition], Vec::new());
    let ((config, diagnostics), held) = held_by(|| {
        let config = connector_ls::config::parse(&text, base).unwrap();
        // The first analysis compiles the patterns.
        let diagnostics = connector_ls::rules::analyze(&connector, &config);
        (config, diagnostics)
    });
    assert_eq!(config.ignores.len(), entries);
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.rule == "operation-id-not-pascal-case"),
        "the entry for this file ignores the finding"
    );
    let per_entry = held / entries as isize;
    assert!(per_entry < 1_000, "{per_entry} bytes per entry");
}
