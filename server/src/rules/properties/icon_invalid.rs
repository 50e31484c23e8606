use crate::links;
use crate::model::FileKind;
use crate::model::connector::Publishing;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::png::{self, NotPng};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks the connector's icon (`icon.png` beside the definition, or the file
    /// settings.json names) against what certification asks of it: a PNG file, under 1 MB,
    /// square, from 100 to 230 pixels a side. Only the file's size and its first 24 bytes
    /// (the PNG signature and header) are read. The finding is on the file as a whole.
    ///
    /// ## Why
    /// The icon is shown on the connector's tile in every designer and in the catalogue;
    /// certification sends back an icon of another format, size or shape. Samples under
    /// `custom-connectors/` are not checked. Published connectors from before the requirement
    /// may have larger icons, so this is a warning.
    ///
    /// ## Example
    /// An `icon.png` of 400 × 400 pixels, or a JPEG file named `icon.png`.
    ///
    /// ## Fix
    /// Export the icon as a PNG of 230 × 230 pixels (or any square size from 100 to 230),
    /// under 1 MB.
    ///
    /// ## Fix safety
    /// No automatic fix: the image is the publisher's to redraw.
    RULE {
        id: "icon-invalid",
        severity: Warning,
        file: Some(FileKind::Icon),
        summary: "The icon is not a square PNG of 100 to 230 pixels under 1 MB",
        reference: Some(links::CERTIFICATION),
        policy: ["5000.2.1.2", "5000.2.1.3", "5000.2.1.4"],
        certification: Error,
        check: check,
    }
}

/// The largest icon file certification accepts.
const MAX_BYTES: u64 = 1024 * 1024;
/// The sides certification accepts, in pixels.
const SIDES: std::ops::RangeInclusive<u32> = 100..=230;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(image) = ctx.file(FileKind::Icon).and_then(|f| f.image.as_ref()) else {
        return;
    };
    if Publishing::of(&ctx.connector.dir) == Publishing::Custom {
        return;
    }
    let whole = TextRange::empty(0);
    let mut report = |policy: &'static str, message: String| {
        sink.report(FileKind::Icon, whole, String::new(), message)
            .with_policy(policy);
    };
    if image.size >= MAX_BYTES {
        report(
            "5000.2.1.2",
            format!(
                "the icon is {} KB: certification asks for less than 1 MB",
                image.size.div_ceil(1024)
            ),
        );
    }
    match png::dimensions(&image.head) {
        Err(NotPng::Other(format)) => {
            let what =
                format.map_or_else(|| "not a PNG image".to_string(), |f| format!("a {f} image"));
            report(
                "5000.2.1.3",
                format!("the icon is {what}: certification asks for a PNG file"),
            );
        }
        Err(NotPng::NoHeader) => {
            report("5000.2.1.3", "the icon starts like a PNG but has no header (IHDR): the file is damaged or cut short".to_string());
        }
        Ok(size) => {
            if size.width != size.height {
                report(
                    "5000.2.1.4",
                    format!(
                        "the icon is {} × {} pixels: certification asks for a square icon",
                        size.width, size.height
                    ),
                );
            } else if !SIDES.contains(&size.width) {
                report(
                    "5000.2.1.4",
                    format!(
                        "the icon is {} × {} pixels: certification asks for 100 to 230 pixels a side",
                        size.width, size.height
                    ),
                );
            }
        }
    }
}
