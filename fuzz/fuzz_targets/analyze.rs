//! Any bytes, as any connector file (chosen by the first byte), beside the files of the
//! clean example connector: parsing and every rule must return, never panic.

#![no_main]

use std::path::PathBuf;

use connector_ls::model::{Connector, FileKind, SourceFile};
use connector_ls::rules::{RuleConfig, analyze};
use libfuzzer_sys::fuzz_target;

const DEFINITION: &str =
    include_str!("../../fixtures/examples/contoso-items/apiDefinition.swagger.json");
const PROPERTIES: &str = include_str!("../../fixtures/examples/contoso-items/apiProperties.json");

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = FileKind::ALL[selector as usize % FileKind::ALL.len()];
    let mut files = vec![
        SourceFile::from_text(
            FileKind::ApiDefinition,
            PathBuf::from("apiDefinition.swagger.json"),
            DEFINITION.to_string(),
        ),
        SourceFile::from_text(
            FileKind::ApiProperties,
            PathBuf::from("apiProperties.json"),
            PROPERTIES.to_string(),
        ),
    ];
    files.retain(|f| f.kind != kind);
    let file = SourceFile::from_bytes(kind, PathBuf::from(kind.default_name()), bytes);
    // Every node's range lies inside the text, on char boundaries.
    if let Some(parsed) = &file.json {
        for id in parsed.tree.ids() {
            let range = parsed.tree.range(id);
            assert!(range.end as usize <= file.text.len());
            assert!(file.text.is_char_boundary(range.start as usize));
            assert!(file.text.is_char_boundary(range.end as usize));
        }
    }
    files.push(file);
    let connector = Connector::from_files(PathBuf::from("."), files, Vec::new());
    for diagnostic in analyze(&connector, &RuleConfig::default()) {
        let text = &connector
            .file(diagnostic.file)
            .expect("reported file exists")
            .text;
        assert!(diagnostic.range.end as usize <= text.len());
        for fix in &diagnostic.fixes {
            for edit in &fix.edits {
                let target = &connector.file(edit.file).expect("edited file exists").text;
                assert!(edit.range.start <= edit.range.end);
                assert!(target.is_char_boundary(edit.range.start as usize));
                assert!(target.is_char_boundary(edit.range.end as usize));
            }
        }
    }
});
