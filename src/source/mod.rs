//! Source stage: bytes in, decoded text out. Knows encodings and byte order
//! marks, nothing about tables. Every later byte span refers to the text this
//! stage returns, so it must be deterministic and lossless where it can be.

use thiserror::Error;

/// The decoded text of one report and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text; byte spans in the output index into it.
    pub text: String,
    /// Name of the encoding the bytes were read as (`utf-8`, `utf-16le`,
    /// `utf-16be`, `windows-1252`), written to `source.encoding`.
    pub encoding: &'static str,
    /// Whether a byte order mark was found (and dropped from `text`).
    pub bom: bool,
    /// Decisions the user should know about, e.g. a fallback encoding.
    pub warnings: Vec<String>,
}

/// Why a report's bytes could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SourceError {
    /// Zero bytes, or nothing but whitespace.
    #[error("empty file")]
    Empty,
    /// NUL bytes or control characters outside a UTF-16 file: not a text export.
    #[error("binary file (not text: {0})")]
    Binary(String),
    /// A PDF given to the text path.
    #[error("this is a PDF file, not exported text")]
    Pdf,
}

/// Decodes a text export: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM,
/// and Windows-1252 as the fallback for bytes that are not valid UTF-8.
pub fn decode(bytes: &[u8]) -> Result<Decoded, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    if is_pdf(bytes) {
        return Err(SourceError::Pdf);
    }
    let (text, encoding, bom, mut warnings) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let (t, had_errors) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
            let mut w = Vec::new();
            if had_errors {
                w.push(
                    "invalid UTF-8 sequences after a UTF-8 byte order mark were replaced by U+FFFD"
                        .to_string(),
                );
            }
            (t.into_owned(), "utf-8", true, w)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            let (t, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
            (t.into_owned(), "utf-16le", true, Vec::new())
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            let (t, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
            (t.into_owned(), "utf-16be", true, Vec::new())
        } else {
            match std::str::from_utf8(bytes) {
                Ok(s) => (s.to_string(), "utf-8", false, Vec::new()),
                Err(e) => {
                    let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    let w = format!(
                        "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                        e.valid_up_to()
                    );
                    (t.into_owned(), "windows-1252", false, vec![w])
                }
            }
        };
    if let Some(reason) = binary_reason(&text) {
        return Err(SourceError::Binary(reason));
    }
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    warnings.shrink_to_fit();
    Ok(Decoded {
        text,
        encoding,
        bom,
        warnings,
    })
}

/// Whether the bytes are a PDF: `%PDF-` within the first 1024 bytes, as
/// readers tolerate junk before the header.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// A text export holds no NULs and few control characters; anything else is
/// a binary file that happens to decode.
fn binary_reason(text: &str) -> Option<String> {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            return Some("contains NUL bytes".to_string());
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    (controls * 20 > total).then(|| format!("{controls} control characters in the first {total}"))
}

/// The lower-case hex SHA-256 of a report's bytes, as documents and the
/// manifest name it: computed once per report, when the archive run reads
/// it, and handed on.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("a\tb\n".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            ("a\tb\n", "utf-8", false)
        );
        let d = decode(b"\xEF\xBB\xBFx\xC2\xA3").unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.bom), ("x£", "utf-8", true));
    }

    #[test]
    fn utf16_both_orders() {
        let d = decode(b"\xFF\xFEA\x00\t\x00B\x00").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("A\tB", "utf-16le"));
        let d = decode(b"\xFE\xFF\x00A\x00\t\x00B").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("A\tB", "utf-16be"));
    }

    #[test]
    fn windows_1252_fallback_is_announced() {
        let d = decode(b"Caf\xE9 \x96 \xA3100").unwrap();
        assert_eq!(d.text, "Café – £100");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warnings[0].contains("offset 3"), "{:?}", d.warnings);
    }

    #[test]
    fn bad_inputs() {
        assert_eq!(decode(b"").unwrap_err(), SourceError::Empty);
        assert_eq!(decode(b" \n\n\t").unwrap_err(), SourceError::Empty);
        assert!(matches!(
            decode(b"ab\0cd").unwrap_err(),
            SourceError::Binary(_)
        ));
        assert_eq!(decode(b"%PDF-1.4\n...").unwrap_err(), SourceError::Pdf);
    }
}
