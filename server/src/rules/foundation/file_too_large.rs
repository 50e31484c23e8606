use crate::model::source::MAX_FILE_BYTES;
use crate::rules::context::{Context, Sink};
use crate::rules::foundation::json_syntax_error::file_name;
use crate::rules::registry::declare_rule;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Reports a connector file larger than 16 MB. Such a file is not analysed at all.
    ///
    /// ## Why
    /// Power Platform accepts API definitions of at most 1 MB; the largest published
    /// connector is 1.1 MB. A file a hundred times larger is a generated or corrupted file,
    /// and analysing it would cost far more memory and time than any real connector needs.
    ///
    /// ## Example
    /// A 100 MB apiDefinition.swagger.json produced by a faulty export.
    ///
    /// ## Fix
    /// Split or regenerate the definition. No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix.
    RULE {
        id: "file-too-large",
        severity: Error,
        file: None,
        summary: "A connector file is too large to analyse",
        reference: None,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    for file in &ctx.connector.files {
        let Some(size) = file.too_large else { continue };
        let message = format!(
            "{} is {:.1} MB; connector-ls analyses files up to {} MB and Power Platform accepts definitions up to 1 MB, so this file was not analysed",
            file_name(&file.path),
            size as f64 / 1_000_000.0,
            MAX_FILE_BYTES / (1024 * 1024)
        );
        sink.report(file.kind, TextRange::empty(0), String::new(), message);
    }
}
