//! The start of a PNG file: its eight-byte signature and the IHDR chunk that must follow it,
//! which gives the image's width and height (24 bytes in all). Nothing else of the image is
//! read.

/// The signature every PNG file starts with.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The dimensions a PNG's header gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dimensions {
    pub width: u32,
    pub height: u32,
}

/// Why the bytes are not the start of a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotPng {
    /// Another format, when its signature tells which.
    Other(Option<&'static str>),
    /// The PNG signature without an IHDR chunk after it (a truncated or damaged file).
    NoHeader,
}

/// The dimensions of the PNG image whose first bytes are `head` (at least 24 for an answer).
pub fn dimensions(head: &[u8]) -> Result<Dimensions, NotPng> {
    if !head.starts_with(&SIGNATURE) {
        return Err(NotPng::Other(other_format(head)));
    }
    // The IHDR chunk: a 4-byte length (13), the type, then width and height, big-endian.
    if head.len() < 24 || &head[12..16] != b"IHDR" {
        return Err(NotPng::NoHeader);
    }
    let number =
        |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    Ok(Dimensions {
        width: number(16),
        height: number(20),
    })
}

/// The format of an image by its signature, among those an icon is mistaken for.
fn other_format(head: &[u8]) -> Option<&'static str> {
    let formats: [(&[u8], &str); 6] = [
        (&[0xff, 0xd8, 0xff], "JPEG"),
        (b"GIF8", "GIF"),
        (b"BM", "BMP"),
        (&[0, 0, 1, 0], "ICO"),
        (b"<svg", "SVG"),
        (b"<?xml", "SVG or other XML"),
    ];
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some("WebP");
    }
    formats
        .iter()
        .find(|(signature, _)| head.starts_with(signature))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = SIGNATURE.to_vec();
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes
    }

    #[test]
    fn reads_the_dimensions() {
        assert_eq!(
            dimensions(&head(230, 120)),
            Ok(Dimensions {
                width: 230,
                height: 120
            })
        );
    }

    /// Each of the four bytes of a dimension counts, in big-endian order.
    #[test]
    fn reads_dimensions_of_every_size() {
        assert_eq!(
            dimensions(&head(0x0102_0304, 0x0a0b_0c0d)),
            Ok(Dimensions {
                width: 0x0102_0304,
                height: 0x0a0b_0c0d
            })
        );
    }

    /// A RIFF file is WebP only with WebP's form type (a WAV file is RIFF too).
    #[test]
    fn webp_is_told_by_its_form_type() {
        assert_eq!(
            dimensions(b"RIFF\x10\0\0\0WEBPVP8 "),
            Err(NotPng::Other(Some("WebP")))
        );
        assert_eq!(
            dimensions(b"RIFF\x10\0\0\0WAVEfmt "),
            Err(NotPng::Other(None))
        );
        assert_eq!(dimensions(b"xxxx\x10\0\0\0WEBP"), Err(NotPng::Other(None)));
    }

    #[test]
    fn tells_what_is_not_a_png() {
        assert_eq!(
            dimensions(&[0xff, 0xd8, 0xff, 0xe0]),
            Err(NotPng::Other(Some("JPEG")))
        );
        assert_eq!(dimensions(b"hello"), Err(NotPng::Other(None)));
        assert_eq!(dimensions(&head(1, 1)[..20]), Err(NotPng::NoHeader));
        let mut wrong_chunk = head(1, 1);
        wrong_chunk[12..16].copy_from_slice(b"IDAT");
        assert_eq!(dimensions(&wrong_chunk), Err(NotPng::NoHeader));
    }
}
