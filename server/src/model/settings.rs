//! A view of paconn's settings.json: the entries that name the connector's other files.

use crate::syntax::json::{JsonTree, NodeId};

/// The settings.json keys that name files, and whether paconn fails when the file is missing.
pub const FILE_ENTRIES: [(&str, bool); 4] = [
    ("apiDefinition", true),
    ("apiProperties", true),
    ("icon", false),
    ("script", false),
];

#[derive(Clone, Debug)]
pub struct FileEntry<'a> {
    pub key: &'static str,
    /// The path as written.
    pub value: &'a str,
    pub node: NodeId,
    /// paconn stops with "File does not exist" when this one is missing.
    pub required: bool,
}

/// The file entries of a settings.json tree.
pub fn file_entries(tree: &JsonTree) -> Vec<FileEntry<'_>> {
    let Some(root) = tree.root().filter(|&r| tree.is_object(r)) else {
        return Vec::new();
    };
    FILE_ENTRIES
        .iter()
        .filter_map(|&(key, required)| {
            let node = tree.get(root, key)?;
            let value = tree.as_str(node)?;
            Some(FileEntry {
                key,
                value,
                node,
                required,
            })
        })
        .collect()
}
