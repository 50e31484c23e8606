use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::json_syntax_error::file_name;
use crate::rules::registry::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a connector file whose bytes are not valid UTF-8, with the offset of the first
    /// invalid byte. A UTF-8 byte order mark is accepted. A file that looks like UTF-16 or
    /// UTF-32 (by its byte order mark, or by NUL bytes between the characters) gets this one
    /// finding and is not analysed further.
    ///
    /// ## Why
    /// paconn reads the definition as UTF-8 and the validator pipeline forces UTF-8; a file
    /// saved as Latin-1 or Windows-1252 fails to upload or shows garbled text (names such as
    /// "Brønnøysund" become mojibake). connector-ls goes on analysing the text with U+FFFD in
    /// place of the invalid bytes. The readme is not uploaded, only shown garbled: a warning
    /// there (a published certified readme is in Windows-1252).
    ///
    /// ## Example
    /// A definition saved in Latin-1 containing `"title": "Brønnøysund"` (byte `0xf8`).
    ///
    /// ## Fix
    /// Re-save the file as UTF-8 in your editor. No automatic fix: the original encoding is
    /// unknown.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "file-encoding-not-utf8",
        severity: Error,
        file: None,
        summary: "A connector file is not valid UTF-8",
        reference: Some(links::JSON_RFC_ENCODING),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let grades = sink.may_grade();
    for file in &ctx.connector.files {
        let Some(error) = file.encoding_error else {
            continue;
        };
        // The text up to the first invalid byte is unchanged, so the offset is exact there.
        let start = error.offset as u32;
        let end = file.text[error.offset..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8() as u32);
        let message = match error.looks_like {
            Some(encoding) => format!(
                "{} is not UTF-8 but looks like {encoding} (byte 0x{:02x} at offset {}); it is \
                 not analysed: save it as UTF-8",
                file_name(&file.path),
                error.byte,
                error.offset
            ),
            None => format!(
                "{} is not valid UTF-8 (byte 0x{:02x} at offset {}); save it as UTF-8",
                file_name(&file.path),
                error.byte,
                error.offset
            ),
        };
        let diagnostic = sink.report(
            file.kind,
            TextRange::new(start, end),
            String::new(),
            message,
        );
        if grades && file.kind == FileKind::Readme {
            diagnostic.severity = Severity::Warning;
        }
    }
}
