//! ARCHITECTURE.md's layer table is the rule for imports between the library's modules: this
//! test reads every source file and fails on an import the table does not allow, on a module
//! the table does not know, on LSP crates used outside `lsp/`, and on a file without a `//!`
//! header. docs/development.md's "How it is built" carries the same table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;

/// The table of ARCHITECTURE.md: each module and the modules it may import.
fn layers(architecture: &str) -> BTreeMap<String, BTreeSet<String>> {
    let rows: Vec<Vec<String>> = layer_table(architecture)
        .lines()
        .skip(2)
        .map(|row| {
            row.trim_matches('|')
                .split('|')
                .map(str::trim)
                .map(String::from)
                .collect()
        })
        .collect();
    let names = |cell: &str| -> Vec<String> {
        cell.split(',')
            .filter_map(|name| name.trim().strip_prefix('`'))
            .map(|name| {
                name.trim_end_matches('`')
                    .trim_end_matches('/')
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .collect()
    };
    let every: BTreeSet<String> = rows.iter().flat_map(|row| names(&row[0])).collect();
    let mut allowed = BTreeMap::new();
    for row in &rows {
        let imports: BTreeSet<String> = match row[2].as_str() {
            "nothing" => BTreeSet::new(),
            cell if cell.starts_with("every module but ") => {
                let excluded = names(cell.trim_start_matches("every module but "));
                every
                    .iter()
                    .filter(|m| !excluded.contains(m))
                    .cloned()
                    .collect()
            }
            cell => names(cell).into_iter().collect(),
        };
        for module in names(&row[0]) {
            allowed.insert(module, imports.clone());
        }
    }
    allowed
}

/// The markdown table under "## Layers", header included.
fn layer_table(text: &str) -> String {
    first_table(&text[text.find("## Layers").expect("a Layers section")..])
}

/// The first markdown table of a text, header included.
fn first_table(text: &str) -> String {
    text.lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n")
}

fn source_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of a file without its comments and its test module (tests may reach anywhere).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names as `crate::module` (or `$crate::module`).
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let preceded_by_word = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !name.is_empty() && !preceded_by_word {
            modules.insert(name);
        }
        rest = after;
    }
    modules
}

#[test]
fn imports_follow_the_layers_of_architecture_md() {
    let root = common::repo_root();
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let allowed = layers(&architecture);
    assert!(allowed.len() >= 15, "{allowed:?}");
    let src = root.join("server/src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(may_import) = allowed.get(&module) else {
            violations.push(format!(
                "{}: module '{module}' is not in ARCHITECTURE.md",
                relative.display()
            ));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for imported in imported_modules(&code) {
            if imported != module && !may_import.contains(&imported) {
                violations.push(format!("{}: imports '{imported}'", relative.display()));
            }
        }
        // Handlers are functions of a snapshot: the server calls them, never the reverse.
        if relative.starts_with("lsp/handlers") && code.contains("crate::lsp::server") {
            violations.push(format!(
                "{}: a handler imports the server",
                relative.display()
            ));
        }
        if module != "lsp" && (code.contains("tower_lsp_server") || code.contains("lsp_types")) {
            violations.push(format!("{}: uses an LSP crate", relative.display()));
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked} files");
    assert!(violations.is_empty(), "{violations:#?}");
}

/// The test can fail: an import the table forbids is found, in code, not in comments or tests.
#[test]
fn a_forbidden_import_is_seen() {
    let code = code_of(
        "//! header\nuse crate::lsp::convert;\n// crate::cli in a comment\nfn f() { $crate::rules::x(); connector_crate::y(); }\n#[cfg(test)]\nmod tests {\n    use crate::workspace;\n}\n",
    );
    let found: Vec<String> = imported_modules(&code).into_iter().collect();
    assert_eq!(found, ["lsp", "rules"]);
    let allowed = layers(
        "## Layers\n\n| module | what | may import |\n|---|---|---|\n| `text/` | t | nothing |\n| `a.rs`, `b/` | x | `text` |\n| `cli/` | c | every module but `a` |\n",
    );
    assert_eq!(allowed["text"], BTreeSet::new());
    assert_eq!(allowed["b"], BTreeSet::from(["text".to_string()]));
    assert_eq!(
        allowed["cli"],
        BTreeSet::from(["b".to_string(), "cli".to_string(), "text".to_string()])
    );
}

#[test]
fn every_source_file_has_a_header_or_declares_a_rule() {
    let mut files = Vec::new();
    source_files(&common::repo_root().join("server/src"), &mut files);
    let missing: Vec<_> = files
        .iter()
        .filter(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            !text.starts_with("//!") && !text.contains("declare_rule! {")
        })
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn the_development_guide_shows_the_layers_of_architecture_md() {
    let root = common::repo_root();
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let guide = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
    let built = &guide[guide
        .find("## How it is built")
        .expect("a How it is built section")..];
    assert_eq!(first_table(built), layer_table(&architecture));
}
