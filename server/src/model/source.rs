//! One file of a connector: its decoded text, line index and (for JSON files) parse result.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::syntax::json::{self, Parsed};
use crate::text::LineIndex;

/// The role a file plays in a connector folder. A connector has at most one file of each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FileKind {
    #[serde(rename = "apiDefinition")]
    ApiDefinition,
    #[serde(rename = "apiProperties")]
    ApiProperties,
    #[serde(rename = "settings")]
    Settings,
    #[serde(rename = "script")]
    Script,
    /// The connector's readme (`readme.md` in any casing, or `intro.md`): Markdown.
    #[serde(rename = "readme")]
    Readme,
    /// The connector's icon (`icon.png`, or the file settings.json names): only its size and
    /// first bytes are read.
    #[serde(rename = "icon")]
    Icon,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::ApiDefinition,
        FileKind::ApiProperties,
        FileKind::Settings,
        FileKind::Script,
        FileKind::Readme,
        FileKind::Icon,
    ];

    /// The conventional file name (paconn's defaults).
    pub fn default_name(self) -> &'static str {
        match self {
            FileKind::ApiDefinition => "apiDefinition.swagger.json",
            FileKind::ApiProperties => "apiProperties.json",
            FileKind::Settings => "settings.json",
            FileKind::Script => "script.csx",
            FileKind::Readme => "readme.md",
            FileKind::Icon => "icon.png",
        }
    }

    pub fn is_json(self) -> bool {
        matches!(
            self,
            FileKind::ApiDefinition | FileKind::ApiProperties | FileKind::Settings
        )
    }

    /// Whether the file is text a report can quote (the icon is an image).
    pub fn is_text(self) -> bool {
        self != FileKind::Icon
    }

    /// Whether `name` is a readme's name: `readme.md` in any casing, or `intro.md`.
    pub fn is_readme_name(name: &str) -> bool {
        name.eq_ignore_ascii_case("readme.md") || name.eq_ignore_ascii_case("intro.md")
    }

    /// Guess the kind from a file name, for a single file given on the command line.
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        if lower == "apiproperties.json" {
            Some(FileKind::ApiProperties)
        } else if lower == "settings.json" {
            Some(FileKind::Settings)
        } else if (lower.starts_with("apidefinition") && lower.ends_with(".json"))
            || lower.ends_with(".swagger.json")
        {
            Some(FileKind::ApiDefinition)
        } else if lower.ends_with(".csx") {
            Some(FileKind::Script)
        } else if FileKind::is_readme_name(&lower) {
            Some(FileKind::Readme)
        } else {
            None
        }
    }
}

/// Files larger than this are not parsed: Power Platform accepts definitions of at most 1 MB
/// (the largest published one is 1.1 MB), and a parse tree of a file this size already takes
/// several times its size in memory.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// How many bytes of an image are read: a PNG's signature and its IHDR chunk (width, height).
pub const IMAGE_HEAD_BYTES: usize = 24;

/// What is read of an image file: its size and its first bytes, never its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageHead {
    pub size: u64,
    /// At most [`IMAGE_HEAD_BYTES`].
    pub head: Vec<u8>,
}

/// Where the text of a file could not be decoded as UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodingError {
    pub offset: usize,
    pub byte: u8,
    /// The encoding the file seems to be in, when it looks like UTF-16 or UTF-32: such a file
    /// is not parsed, as its bytes read as UTF-8 are a flood of meaningless findings.
    pub looks_like: Option<&'static str>,
}

/// The encoding of a file that seems to be UTF-16 or UTF-32: from its byte order mark, or
/// without one from NUL bytes at half the even or odd offsets of its start. JSON and C# text
/// in UTF-8 never has a raw NUL byte outside an error, let alone one every other byte.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    for (mark, name) in [
        (&[0xff, 0xfe, 0, 0][..], "UTF-32 LE"),
        (&[0, 0, 0xfe, 0xff][..], "UTF-32 BE"),
        (&[0xff, 0xfe][..], "UTF-16 LE"),
        (&[0xfe, 0xff][..], "UTF-16 BE"),
    ] {
        if bytes.starts_with(mark) {
            return Some(name);
        }
    }
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let nul_at = |parity: usize| {
        let nuls = sample.iter().skip(parity).step_by(2).filter(|b| **b == 0);
        nuls.count() * 4 >= sample.len()
    };
    match (nul_at(0), nul_at(1)) {
        (true, true) => Some("UTF-32"),
        (false, true) => Some("UTF-16 LE"),
        (true, false) => Some("UTF-16 BE"),
        (false, false) => None,
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    pub kind: FileKind,
    pub path: PathBuf,
    /// The text; invalid UTF-8 sequences are replaced by U+FFFD.
    pub text: String,
    pub line_index: LineIndex,
    pub encoding_error: Option<EncodingError>,
    /// The parse result, for JSON files.
    pub json: Option<Parsed>,
    /// The size in bytes of a file over [`MAX_FILE_BYTES`], which is then neither kept nor
    /// parsed (its text is empty).
    pub too_large: Option<u64>,
    /// For an image (the icon): its size and first bytes; its text is empty.
    pub image: Option<ImageHead>,
}

impl SourceFile {
    pub fn from_bytes(kind: FileKind, path: PathBuf, bytes: &[u8]) -> Self {
        if kind == FileKind::Icon {
            let head = bytes[..bytes.len().min(IMAGE_HEAD_BYTES)].to_vec();
            return SourceFile::image(path, bytes.len() as u64, head);
        }
        if bytes.len() > MAX_FILE_BYTES {
            return SourceFile::too_large(kind, path, bytes.len() as u64);
        }
        let (text, encoding_error) = match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(error) => {
                let offset = error.valid_up_to();
                let encoding_error = EncodingError {
                    offset,
                    byte: bytes[offset],
                    looks_like: None,
                };
                (
                    String::from_utf8_lossy(bytes).into_owned(),
                    Some(encoding_error),
                )
            }
        };
        if let Some(encoding) = wide_encoding(bytes) {
            // The first invalid byte, else the first NUL.
            let offset = encoding_error.map_or_else(
                || memchr::memchr(0, bytes).unwrap_or(0),
                |error| error.offset,
            );
            let mut file = SourceFile::unparsed(kind, path, text);
            file.encoding_error = Some(EncodingError {
                offset,
                byte: bytes[offset],
                looks_like: Some(encoding),
            });
            return file;
        }
        let mut file = SourceFile::from_text(kind, path, text);
        file.encoding_error = encoding_error;
        file
    }

    pub fn from_text(kind: FileKind, path: PathBuf, text: String) -> Self {
        if text.len() > MAX_FILE_BYTES {
            return SourceFile::too_large(kind, path, text.len() as u64);
        }
        let json = kind.is_json().then(|| json::parse(&text));
        SourceFile {
            kind,
            path,
            line_index: LineIndex::new(&text),
            text,
            encoding_error: None,
            json,
            too_large: None,
            image: None,
        }
    }

    /// An image: no text, its size and first bytes.
    fn image(path: PathBuf, size: u64, head: Vec<u8>) -> Self {
        let mut file = SourceFile::unparsed(FileKind::Icon, path, String::new());
        file.image = Some(ImageHead { size, head });
        file
    }

    /// A file too large to analyse: no text, an empty tree, and its size.
    fn too_large(kind: FileKind, path: PathBuf, size: u64) -> Self {
        let mut file = SourceFile::unparsed(kind, path, String::new());
        file.too_large = Some(size);
        file
    }

    /// A file whose text is kept but not parsed: its tree is empty.
    fn unparsed(kind: FileKind, path: PathBuf, text: String) -> Self {
        SourceFile {
            kind,
            path,
            line_index: LineIndex::new(&text),
            text,
            encoding_error: None,
            json: kind.is_json().then(Parsed::default),
            too_large: None,
            image: None,
        }
    }

    /// Read the file at `path`. Every error names the file; what is not a regular file (a
    /// folder, a named pipe, a device, a link to nothing) is an error too, never read.
    pub fn read(kind: FileKind, path: &Path) -> std::io::Result<Self> {
        let named = |error: std::io::Error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot read {}: {error}", path.display()),
            )
        };
        if let Some(error) = not_regular(path) {
            return Err(error);
        }
        let metadata = std::fs::metadata(path).map_err(named)?;
        let size = metadata.len();
        if kind == FileKind::Icon {
            use std::io::Read;
            let mut head = Vec::with_capacity(IMAGE_HEAD_BYTES);
            let file = std::fs::File::open(path).map_err(named)?;
            file.take(IMAGE_HEAD_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(named)?;
            return Ok(SourceFile::image(path.to_path_buf(), size, head));
        }
        if size > MAX_FILE_BYTES as u64 {
            return Ok(SourceFile::too_large(kind, path.to_path_buf(), size));
        }
        let bytes = std::fs::read(path).map_err(named)?;
        Ok(SourceFile::from_bytes(kind, path.to_path_buf(), &bytes))
    }

    /// Replace the bytes `start..end` of the text with `inserted`, updating the line index and
    /// the parse: in place, or by parsing again only the object or array around the edit,
    /// where that gives what a full parse gives (see [`Parsed::edit`]), by parsing it all again
    /// otherwise. Returns false, changing nothing, when
    /// the range is not one of the text, or the file is too large to be kept.
    pub fn edit(&mut self, start: u32, end: u32, inserted: &str) -> bool {
        let (from, to) = (start as usize, end as usize);
        if self.too_large.is_some()
            || self.text.len() - (to.min(self.text.len()) - from.min(to)) + inserted.len()
                > MAX_FILE_BYTES
            || from > to
            || to > self.text.len()
            || !self.text.is_char_boundary(from)
            || !self.text.is_char_boundary(to)
        {
            return false;
        }
        let removed = self.text[from..to].to_string();
        self.text.replace_range(from..to, inserted);
        self.line_index.edit(&self.text, start, &removed, inserted);
        if let Some(parsed) = &mut self.json
            && !parsed.edit(&self.text, start, &removed, inserted)
        {
            *parsed = json::parse(&self.text);
        }
        true
    }

    pub fn tree(&self) -> Option<&json::JsonTree> {
        self.json.as_ref().map(|parsed| &parsed.tree)
    }

    /// Whether this is a JSON file with a syntax error.
    pub fn has_syntax_errors(&self) -> bool {
        self.json
            .as_ref()
            .is_some_and(|parsed| !parsed.errors.is_empty())
    }

    /// Whether fixes may edit the file: its text is the file's exact content (valid UTF-8,
    /// not too large to be kept).
    pub fn is_editable(&self) -> bool {
        self.encoding_error.is_none() && self.too_large.is_none()
    }
}

/// The error for something at `path` that is there but is not a regular file (a folder, a named
/// pipe, a device, a symbolic link to nothing); None for a regular file or nothing at all.
pub fn not_regular(path: &Path) -> Option<std::io::Error> {
    let link = std::fs::symlink_metadata(path).ok()?;
    let what = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => return None,
        Ok(metadata) => describe(metadata.file_type()),
        Err(_) if link.file_type().is_symlink() => "a symbolic link to nothing",
        Err(_) => return None,
    };
    Some(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{}: not a regular file ({what})", path.display()),
    ))
}

/// What kind of thing a file that is not a regular file is.
fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "neither a file nor a folder"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFINITION: &str =
        include_str!("../../../fixtures/examples/contoso-items/apiDefinition.swagger.json");

    /// Random scripts of small edits: each edit applied with [`SourceFile::edit`] (in place
    /// where it can be) must leave exactly what a full parse of the new text gives.
    #[test]
    fn edits_in_place_match_full_parses() {
        const INSERTS: [&str; 12] = [
            "", " ", "x", "1", "\n", "\r\n", "é😀", "\"", "\\", "{", ",", ":",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        let path = PathBuf::from("apiDefinition.swagger.json");
        for _ in 0..300 {
            let mut file =
                SourceFile::from_text(FileKind::ApiDefinition, path.clone(), DEFINITION.into());
            for _ in 0..6 {
                let len = file.text.len();
                let mut start = next(len + 1);
                while !file.text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + next(3)).min(len);
                while !file.text.is_char_boundary(end) {
                    end += 1;
                }
                let inserted = INSERTS[next(INSERTS.len())];
                assert!(file.edit(start as u32, end as u32, inserted));
                let full =
                    SourceFile::from_text(FileKind::ApiDefinition, path.clone(), file.text.clone());
                assert!(
                    file.json == full.json,
                    "edit {start}..{end} -> {inserted:?}"
                );
                let last = file.text.len() as u32;
                assert_eq!(
                    file.line_index.line_col(&file.text, last),
                    full.line_index.line_col(&full.text, last)
                );
            }
        }
    }
}
