//! Inputs that must never crash or hang analysis: truncated and corrupted files, wrong
//! shapes, deep nesting, large files, bytes that are not UTF-8. Each test runs the whole
//! analysis (every rule) and checks what it returns: the expected foundational diagnostic,
//! and ranges that lie in the file. Every analysis has a time limit, so that a hang fails
//! the test instead of stalling CI.

mod common;

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use connector_ls::diagnostic::Diagnostic;
use connector_ls::model::{Connector, FileKind, SourceFile};

/// How long one analysis may take before it counts as a hang. Not a timing assertion: the
/// largest input here is analysed in seconds in a debug build on a busy machine.
const HANG: Duration = Duration::from_secs(60);

/// Analyse `bytes` as the only file of a connector, on a thread of its own: a panic fails the
/// test, and so does an analysis that has not returned within [`HANG`].
fn analyse(kind: FileKind, bytes: &[u8]) -> Vec<Diagnostic> {
    let owned = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let file = SourceFile::from_bytes(kind, PathBuf::from(kind.default_name()), &owned);
        // The text the ranges are in (bytes that are not UTF-8 are decoded with replacements).
        let text = file.text.to_string();
        let connector = Connector::from_files(PathBuf::from("."), vec![file], Vec::new());
        let _ = send.send((common::check(&connector), text));
    });
    let (diagnostics, text) = match receive.recv_timeout(HANG) {
        Ok(diagnostics) => diagnostics,
        Err(RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().expect_err("the analysis panicked"))
        }
        Err(RecvTimeoutError::Timeout) => panic!(
            "the analysis of {} bytes as {kind:?} has not returned after {HANG:?}: it hangs",
            bytes.len()
        ),
    };
    worker.join().unwrap();
    for d in &diagnostics {
        assert!(
            d.range.start <= d.range.end && d.range.end as usize <= text.len(),
            "{}: range {:?} outside the {} bytes of the file",
            d.rule,
            d.range,
            text.len()
        );
        assert!(
            text.is_char_boundary(d.range.start as usize)
                && text.is_char_boundary(d.range.end as usize),
            "{}: range {:?} inside a character",
            d.rule,
            d.range
        );
    }
    diagnostics
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(
        common::repo_root()
            .join("fixtures/examples/contoso-items")
            .join(name),
    )
    .unwrap()
}

/// The oracle: what a strict JSON parser says of the text.
fn is_strict_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes).is_ok()
}

fn rules(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.rule).collect()
}

#[test]
fn every_truncation_of_a_definition_is_analysed() {
    let text = example("apiDefinition.swagger.json");
    for end in 0..text.len() {
        let diagnostics = analyse(FileKind::ApiDefinition, &text[..end]);
        assert_eq!(
            rules(&diagnostics).contains(&"json-syntax-error"),
            !is_strict_json(&text[..end]),
            "json-syntax-error on a prefix of {end} bytes"
        );
    }
}

#[test]
fn every_truncation_of_api_properties_is_analysed() {
    let text = example("apiProperties.json");
    for end in (0..text.len()).step_by(3) {
        let diagnostics = analyse(FileKind::ApiProperties, &text[..end]);
        assert_eq!(
            rules(&diagnostics).contains(&"json-syntax-error"),
            !is_strict_json(&text[..end]),
            "json-syntax-error on a prefix of {end} bytes"
        );
    }
}

#[test]
fn removing_any_bracket_or_comma_never_crashes() {
    let text = example("apiDefinition.swagger.json");
    for (at, byte) in text.iter().enumerate() {
        if matches!(byte, b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"') {
            let mut broken = text.clone();
            broken.remove(at);
            let diagnostics = analyse(FileKind::ApiDefinition, &broken);
            assert_eq!(
                rules(&diagnostics).contains(&"json-syntax-error"),
                !is_strict_json(&broken),
                "json-syntax-error after removing byte {at}"
            );
        }
    }
}

/// Random single-byte corruptions (a flipped bit, a byte replaced by a JSON token or by a
/// byte that is not UTF-8) of each example file: analysis returns, a syntax error is reported
/// exactly when a strict parser rejects the text, and bytes that are not UTF-8 are reported.
#[test]
fn random_byte_corruptions_are_analysed() {
    let mut random = common::Random::new(0x9e37_79b9_7f4a_7c15);
    let (mut not_utf8, mut rejected) = (0, 0);
    for (kind, name) in [
        (FileKind::ApiDefinition, "apiDefinition.swagger.json"),
        (FileKind::ApiProperties, "apiProperties.json"),
        (FileKind::Settings, "settings.json"),
        (FileKind::Script, "script.csx"),
    ] {
        let text = example(name);
        for _ in 0..400 {
            let mut corrupted = text.clone();
            let at = random.below(corrupted.len());
            corrupted[at] = match random.below(3) {
                0 => corrupted[at] ^ (1 << random.below(8)),
                1 => b"{}[],:\"\\0\x00 "[random.below(11)],
                _ => 0x80 + random.below(0x80) as u8,
            };
            let diagnostics = analyse(kind, &corrupted);
            let rules = rules(&diagnostics);
            if std::str::from_utf8(&corrupted).is_err() {
                not_utf8 += 1;
                assert!(
                    rules.contains(&"file-encoding-not-utf8"),
                    "{name} byte {at}"
                );
            } else if kind != FileKind::Script {
                rejected += usize::from(!is_strict_json(&corrupted));
                assert_eq!(
                    rules.contains(&"json-syntax-error"),
                    !is_strict_json(&corrupted),
                    "{name}: json-syntax-error after corrupting byte {at}"
                );
            }
        }
    }
    assert!(not_utf8 > 100 && rejected > 100, "{not_utf8} {rejected}");
}

#[test]
fn deep_nesting_is_reported_not_overflowed() {
    let depth = 300_000;
    let text = format!(
        "{{\"swagger\": \"2.0\", \"x\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    let nesting = diagnostics
        .iter()
        .find(|d| d.rule == "json-syntax-error")
        .expect("nesting is reported");
    assert!(
        nesting.message.contains("nesting deeper than"),
        "{}",
        nesting.message
    );

    let objects = "{\"a\":".repeat(depth) + &"}".repeat(depth);
    let diagnostics = analyse(FileKind::ApiProperties, objects.as_bytes());
    assert!(
        diagnostics
            .iter()
            .any(|d| d.rule == "json-syntax-error" && d.message.contains("nesting deeper than")),
        "{:?}",
        rules(&diagnostics)
    );
}

#[test]
fn wrong_shapes_are_analysed() {
    for text in [
        "[]",
        "\"a string\"",
        "42",
        "null",
        "{\"paths\": []}",
        "{\"paths\": {\"/a\": 1}}",
        "{\"paths\": {\"/a\": {\"get\": {\"parameters\": {}, \"responses\": []}}}}",
        "{\"properties\": []}",
        "{\"properties\": {\"connectionParameters\": [1, 2]}}",
    ] {
        for kind in [
            FileKind::ApiDefinition,
            FileKind::ApiProperties,
            FileKind::Settings,
        ] {
            // Valid JSON of an unexpected shape: no syntax error, and no rule stumbles.
            let found = rules(&analyse(kind, text.as_bytes()));
            assert!(!found.contains(&"json-syntax-error"), "{kind:?} {text}");
        }
    }
    // A shape the rules do read: an operation with the wrong types inside.
    let found = rules(&analyse(
        FileKind::ApiDefinition,
        b"{\"paths\": {\"/a\": {\"get\": {\"parameters\": {}, \"responses\": []}}}}",
    ));
    for rule in ["operation-id-missing", "responses-missing"] {
        assert!(found.contains(&rule), "{rule} in {found:?}");
    }
}

#[test]
fn a_file_that_is_not_an_object_or_an_empty_definition_does_not_pass() {
    use connector_ls::diagnostic::Severity;
    for (kind, text) in [
        (FileKind::ApiDefinition, "null"),
        (FileKind::ApiDefinition, "[1, 2, 3]"),
        (FileKind::ApiDefinition, "\"swagger\""),
        (FileKind::ApiDefinition, "{}"),
        (FileKind::ApiProperties, "null"),
    ] {
        let diagnostics = analyse(kind, text.as_bytes());
        assert!(
            diagnostics.iter().any(|d| d.severity == Severity::Error),
            "{kind:?} {text}: {:?}",
            rules(&diagnostics)
        );
    }
}

#[test]
fn invalid_utf8_and_nul_bytes_are_reported_and_analysed() {
    let mut bytes = example("apiDefinition.swagger.json");
    let title = bytes.windows(7).position(|w| w == b"Contoso").unwrap();
    bytes[title + 1] = 0xf8;
    bytes.insert(title + 3, 0);
    let diagnostics = analyse(FileKind::ApiDefinition, &bytes);
    let rules = rules(&diagnostics);
    assert!(rules.contains(&"file-encoding-not-utf8"));
    assert!(
        rules.contains(&"json-syntax-error"),
        "a raw NUL in a string is an error"
    );
}

#[test]
fn utf16_with_or_without_a_byte_order_mark_is_one_encoding_error() {
    let text = String::from_utf8(example("apiDefinition.swagger.json")).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = [&[0xff, 0xfe][..], &le].concat();
    for (bytes, encoding) in [
        (le, "UTF-16 LE"),
        (be, "UTF-16 BE"),
        (with_bom, "UTF-16 LE"),
    ] {
        let diagnostics = analyse(FileKind::ApiDefinition, &bytes);
        assert_eq!(diagnostics.len(), 1, "{encoding}: {}", diagnostics.len());
        assert_eq!(
            rules(&diagnostics),
            ["file-encoding-not-utf8"],
            "{encoding}"
        );
        assert!(
            diagnostics[0].message.contains(encoding),
            "{}",
            diagnostics[0].message
        );
    }
}

#[test]
fn ref_cycles_terminate() {
    let text = r##"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "A",
        "parameters": [{"$ref": "#/parameters/p"}],
        "responses": {"200": {"$ref": "#/responses/r"}}}}},
        "parameters": {"p": {"$ref": "#/parameters/p"}},
        "responses": {"r": {"$ref": "#/responses/s"}, "s": {"$ref": "#/responses/r"}},
        "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"type": "object", "properties": {"a": {"$ref": "#/definitions/A"}}}}}"##;
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    let loops: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "ref-unresolved")
        .map(|d| d.message.as_str())
        .collect();
    for cycle in [
        "(#/parameters/p → #/parameters/p)",
        "(#/responses/r → #/responses/s → #/responses/r)",
    ] {
        assert!(
            loops
                .iter()
                .any(|m| m.contains("loops") && m.contains(cycle)),
            "{cycle} in {loops:?}"
        );
    }
    // A schema that contains itself through a property is a recursive type, not a loop.
    assert!(
        !loops.iter().any(|m| m.contains("#/definitions/")),
        "{loops:?}"
    );
}

#[test]
fn a_large_minified_definition_with_thousands_of_findings_is_analysed() {
    // One line, 20,000 operations whose ids all need a rename fix and whose references all
    // need resolving: any per-finding scan of the file or of the operations would be
    // quadratic and take minutes here.
    let count = 20_000;
    let mut text = String::from("{\"swagger\": \"2.0\", \"paths\": {");
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        let next = (i + 1) % count;
        text.push_str(&format!(
            "\"/items{i}/{{id}}\": {{\"get\": {{\"operationId\": \"get-item-{i}\", \"parameters\": [{{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-dynamic-values\": {{\"operationId\": \"get-item-{next}\"}}}}], \"responses\": {{\"200\": {{\"description\": \"OK\", \"schema\": {{\"type\": \"object\", \"properties\": {{\"v\": {{\"type\": \"string\"}}}}}}}}}}}}}}"
        ));
    }
    text.push_str("}}");
    assert!(text.len() > 5_000_000 && !text.contains('\n'));
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    let renames = diagnostics
        .iter()
        .filter(|d| d.rule == "operation-id-invalid-chars")
        .count();
    assert_eq!(renames, count);
    assert!(!rules(&diagnostics).contains(&"json-syntax-error"));
    assert!(!rules(&diagnostics).contains(&"operation-ref-unknown"));
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_parsed() {
    let size = connector_ls::model::source::MAX_FILE_BYTES + 1;
    let mut text = String::with_capacity(size + 16);
    text.push_str("{\"x\": \"");
    text.push_str(&"a".repeat(size));
    text.push_str("\"}");
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    assert_eq!(rules(&diagnostics), ["file-too-large"]);
    assert!(
        diagnostics[0].message.contains("up to 16 MB"),
        "{}",
        diagnostics[0].message
    );

    // The same through the file system: the file is not even read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&path, &text).unwrap();
    let connector = common::load(dir.path());
    let file = connector.file(FileKind::ApiDefinition).unwrap();
    assert!(file.text.is_empty());
    assert_eq!(file.too_large, Some(text.len() as u64));
}

#[test]
fn a_long_ref_chain_is_reported_as_too_long() {
    let mut definitions = Vec::new();
    for i in 0..3000 {
        definitions.push(format!(
            "\"D{i}\": {{\"$ref\": \"#/definitions/D{}\"}}",
            i + 1
        ));
    }
    definitions.push("\"D3000\": {\"type\": \"string\"}".to_string());
    let text = format!(
        "{{\"swagger\": \"2.0\", \"paths\": {{}}, \"definitions\": {{{}}}}}",
        definitions.join(", ")
    );
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    let chains: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "ref-unresolved")
        .collect();
    assert!(!chains.is_empty());
    assert!(
        chains
            .iter()
            .all(|d| d.message.contains("a chain of more than 32 $refs")),
        "{}",
        chains[0].message
    );
}

/// Found by fuzzing (`analyze`): an example string with a multi-byte character over its 10th
/// byte made date inference for "Generate schema from the example" slice inside the character.
#[test]
fn example_strings_with_multibyte_characters_get_a_schema() {
    let definition = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
      "paths": {"/a": {"get": {"operationId": "GetA", "summary": "Get A", "responses": {
        "200": {"description": "OK", "examples": {"application/json":
          {"when": "2024-01-1éT10:30:00", "other": "123456789😀abcdefgh", "date": "2024-01-1é"}}}}}}}}"#;
    let diagnostics = analyse(FileKind::ApiDefinition, definition.as_bytes());
    let missing = diagnostics
        .iter()
        .find(|d| d.rule == "response-schema-missing")
        .expect("the response has no schema");
    let fix = &missing.fixes[0];
    assert_eq!(fix.title, "Generate schema from the example");
    let schema = &fix.edits[0].new_text;
    assert!(schema.contains("\"when\""), "{schema}");
    assert!(!schema.contains("date-time"), "not a date: {schema}");
}

/// A file cut just after a key (before its colon) keeps that key: the tree still holds both
/// `title` members (a duplicate once the file is whole), and the syntax error says what is
/// missing. No duplicate-key finding is reported while the file is cut: where the missing `}`
/// belong is a guess, and the second `title` may be a key of the top level.
#[test]
fn a_key_cut_before_its_colon_is_kept() {
    use connector_ls::syntax::json::parse;
    for cut in [
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"A\", \"title\"",
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"A\", \"title\" ",
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"A\", \"title\":",
    ] {
        let parsed = parse(cut);
        let tree = &parsed.tree;
        let info = tree.get(tree.root().unwrap(), "info").unwrap();
        let keys: Vec<(&str, u32)> = tree
            .members(info)
            .iter()
            .map(|m| (&*m.key, m.key_range.start))
            .collect();
        let second = cut.rfind("\"title\"").unwrap() as u32;
        assert_eq!(keys, [("title", 28), ("title", second)], "{cut:?}");
        let diagnostics = analyse(FileKind::ApiDefinition, cut.as_bytes());
        assert!(
            rules(&diagnostics).contains(&"json-syntax-error"),
            "{cut:?}"
        );
        assert!(
            !rules(&diagnostics).contains(&"json-duplicate-key"),
            "{cut:?}: a guess"
        );
    }
}

/// The structural walk keeps its own stack: a schema nested as deep as the parser allows is
/// walked to the bottom, and a problem at every level is reported at every level.
#[test]
fn a_schema_nested_to_the_parser_limit_is_walked_to_the_bottom() {
    let levels = 120;
    let schema = "{\"type\":\"object\",\"nullable\":true,\"properties\":{\"p\":".repeat(levels)
        + "{\"type\":\"string\"}"
        + &"}}".repeat(levels);
    let text = format!(
        "{{\"swagger\":\"2.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{}},\
         \"definitions\":{{\"Deep\":{schema}}}}}"
    );
    let diagnostics = analyse(FileKind::ApiDefinition, text.as_bytes());
    assert!(!rules(&diagnostics).contains(&"json-syntax-error"));
    let nullable = diagnostics
        .iter()
        .filter(|d| d.rule == "key-not-allowed" && d.pointer.ends_with("/nullable"))
        .count();
    assert_eq!(nullable, levels);
}
