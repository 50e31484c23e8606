//! `cargo bench --bench check`: wall-clock timings of the analysis core over the real-connector
//! corpus (`../shared/corpus`, or `CONNECTOR_LS_CORPUS`). A plain bench binary, no harness:
//! it reports the median and minimum of several runs.
//!
//! - parse + analyse the largest definition in the corpus;
//! - read + parse every definition file on one thread: the floor a batch run is held to (its
//!   CPU time, user + sys, within twice this; see `benches/check-cost.sh` for that and memory);
//! - load + analyse every connector, on one thread and in parallel (as `check` does).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};
use connector_ls::workspace::{Target, TargetConfigs, check_all, find_connector_dirs};

fn corpus() -> PathBuf {
    std::env::var_os("CONNECTOR_LS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn measure(name: &str, runs: usize, mut f: impl FnMut()) {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name:<52} median {:>9.2?}  min {:>9.2?}  ({runs} runs)",
        times[runs / 2],
        times[0]
    );
}

fn main() {
    let root = corpus();
    if !root.is_dir() {
        eprintln!(
            "corpus not found at {}; set CONNECTOR_LS_CORPUS",
            root.display()
        );
        return;
    }
    let dirs = find_connector_dirs(&root);
    let config = RuleConfig::default();

    let largest = dirs
        .iter()
        .map(|d| d.join(FileKind::ApiDefinition.default_name()))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .max()
        .expect("some definition");
    let bytes = std::fs::read(&largest.1).expect("read largest");
    let dir = largest.1.parent().unwrap().to_path_buf();
    println!(
        "largest definition: {} ({} bytes)",
        largest.1.display(),
        largest.0
    );
    measure("parse largest definition", 30, || {
        let file = SourceFile::from_bytes(FileKind::ApiDefinition, largest.1.clone(), &bytes);
        std::hint::black_box(file);
    });
    let connector = Connector::load(&dir).expect("load largest");
    measure("analyse largest connector (parsed)", 30, || {
        std::hint::black_box(analyze(&connector, &config));
    });
    measure("parse + analyse largest definition", 30, || {
        let file = SourceFile::from_bytes(FileKind::ApiDefinition, largest.1.clone(), &bytes);
        let connector = Connector::from_files(dir.clone(), vec![file], Vec::new());
        std::hint::black_box(analyze(&connector, &config));
    });

    let total: u64 = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
        .sum();
    println!("corpus: {} connectors, {} bytes", dirs.len(), total);
    let targets: Vec<Target> = dirs.iter().cloned().map(Target::Folder).collect();
    let definitions: Vec<PathBuf> = dirs
        .iter()
        .map(|d| d.join(FileKind::ApiDefinition.default_name()))
        .filter(|p| p.is_file())
        .collect();
    measure("read + parse every definition, 1 thread", 5, || {
        for path in &definitions {
            let file = SourceFile::read(FileKind::ApiDefinition, path).expect("read");
            std::hint::black_box(file);
        }
    });
    measure("load + analyse corpus, 1 thread", 5, || {
        for dir in &dirs {
            let connector = Connector::load(dir).expect("load");
            std::hint::black_box(analyze(&connector, &config));
        }
    });
    measure("load + analyse corpus, parallel (as check)", 5, || {
        std::hint::black_box(check_all(&targets, &TargetConfigs::default()));
    });
}
