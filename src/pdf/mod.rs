//! PDF source stage: bytes in, per page positioned glyphs and drawn line
//! segments out.
//!
//! This is where a PDF's text layer becomes data the `layout` stage can
//! group into lines and cells. It parses with lopdf, runs its own
//! content-stream interpreter (text and graphics state, form XObjects,
//! paths), and decodes fonts itself so that every glyph carries its Unicode
//! text, its font, size and position, and every glyph without a Unicode
//! mapping is counted and warned about instead of guessed. It knows nothing
//! of tables, grammars, files or threads: it takes `&[u8]`.
//!
//! Coordinates are PDF points in page space with the page shown upright
//! (`/Rotate` applied), origin at the bottom-left of the visible area
//! (CropBox, else MediaBox).

mod cmap;
mod content;
mod font;
mod names;

use lopdf::{Dictionary, Document, Object};
use std::fmt::Write as _;

/// Caps that keep a hostile or broken file from exhausting memory or time;
/// exceeding one is a [`PdfError::TooLarge`], never a hang.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Largest decoded size of any one stream (and of one page's content),
    /// in bytes: guards against decompression bombs.
    pub max_stream_bytes: usize,
    /// Most content-stream operations interpreted on one page, form
    /// XObjects included: guards against pathological content.
    pub max_ops_per_page: usize,
}

impl Default for Limits {
    /// Far above real council reports (a few MB, thousands of operations per
    /// page), far below what would hurt a batch run.
    fn default() -> Self {
        Limits {
            max_input_bytes: 512 * 1024 * 1024,
            max_stream_bytes: 64 * 1024 * 1024,
            max_ops_per_page: 2_000_000,
        }
    }
}

/// Why a PDF could not be turned into glyphs; one clear message each, for
/// the CLI to print and the archive stage to record.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No `%PDF` header in the first 1024 bytes.
    #[error("not a PDF: no %PDF header in the first 1024 bytes")]
    NotPdf,
    /// Encrypted with a password we do not have (only an empty user
    /// password can be opened).
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    /// No page has a text layer (a scan); `pages` is a range list like `1-12`.
    #[error("no text layer on pages {pages}; OCR is not built in")]
    NoTextLayer {
        /// The pages without text, as ranges (`1-3,5`).
        pages: String,
    },
    /// The file is truncated or its structure cannot be read.
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// A [`Limits`] cap was exceeded.
    #[error("PDF too large: {0}")]
    TooLarge(String),
}

/// A loaded PDF: its pages and what was odd about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfDocument {
    /// Pages in document order.
    pub pages: Vec<Page>,
    /// Non-fatal problems (unmapped glyphs, unreadable fonts, pages without
    /// text), for the report's warnings.
    pub warnings: Vec<String>,
}

/// One page's glyphs and rules, in page space.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number, as provenance cites it.
    pub number: u32,
    /// Width of the visible area after `/Rotate`, in points.
    pub width: f32,
    /// Height of the visible area after `/Rotate`, in points.
    pub height: f32,
    /// Glyphs in content-stream order (the order the producer wrote them).
    pub glyphs: Vec<Glyph>,
    /// Stroked lines and rectangle edges: the rules of ruled tables.
    pub segments: Vec<Segment>,
    /// Glyphs on this page whose font gives no Unicode text; their `text`
    /// is U+FFFD so they stay visible instead of vanishing.
    pub unmapped: u32,
}

/// One shown glyph, with everything layout needs to place it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text (ligatures expanded, so possibly several characters);
    /// U+FFFD when the font gives no mapping. Under `/ActualText` the
    /// replacement text goes one character per glyph, or whole on the
    /// first glyph with the others empty.
    pub text: String,
    /// Font name (`/BaseFont` without subset tag), for grouping runs.
    pub font: String,
    /// Effective font size in page space (font size times scaling).
    pub size: f32,
    /// Baseline origin, x.
    pub x: f32,
    /// Baseline origin, y.
    pub y: f32,
    /// Length of the glyph's own advance in page space (without character
    /// or word spacing).
    pub advance: f32,
    /// Bounding box `[x0, y0, x1, y1]`: advance by font ascent/descent.
    pub bbox: [f32; 4],
    /// Quarter turns anticlockwise of the glyph's baseline from left to
    /// right: 0 upright, 1 reading upwards, 2 upside down, 3 reading
    /// downwards (a table set sideways on the page).
    pub turn: u8,
}

/// A straight line drawn on the page, in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start x.
    pub x0: f32,
    /// Start y.
    pub y0: f32,
    /// End x.
    pub x1: f32,
    /// End y.
    pub y1: f32,
}

/// Load a PDF with the default [`Limits`].
pub fn load(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
    load_with_limits(bytes, &Limits::default())
}

/// Load a PDF and extract every page's glyphs and segments.
pub fn load_with_limits(bytes: &[u8], limits: &Limits) -> Result<PdfDocument, PdfError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(PdfError::TooLarge(format!(
            "{} bytes, more than the limit of {}",
            bytes.len(),
            limits.max_input_bytes
        )));
    }
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .windows(4)
        .position(|w| w == b"%PDF")
        .ok_or(PdfError::NotPdf)?;
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(&bytes[start..], options).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::TooLarge(format!(
                "a stream decodes to more than {} bytes",
                limits.max_stream_bytes
            ))
        }
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => {
            PdfError::Encrypted(format!("cannot decrypt ({e})"))
        }
        e => PdfError::Damaged(e.to_string()),
    })?;
    if doc.is_encrypted() && doc.authenticate_password("").is_err() {
        return Err(PdfError::Encrypted(
            "it needs a password to open; only files with an empty user password can be read"
                .into(),
        ));
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::Damaged(
            "no pages found (page tree missing or unreadable)".into(),
        ));
    }

    let mut warnings = Vec::new();
    let mut fonts = content::FontCache::default();
    let mut pages = Vec::with_capacity(page_ids.len());
    for (&number, &id) in &page_ids {
        pages.push(content::read_page(
            &doc,
            id,
            number,
            limits,
            &mut fonts,
            &mut warnings,
        )?);
    }

    let empty: Vec<u32> = pages
        .iter()
        .filter(|p| p.glyphs.is_empty())
        .map(|p| p.number)
        .collect();
    if empty.len() == pages.len() {
        return Err(PdfError::NoTextLayer {
            pages: page_ranges(&empty),
        });
    }
    if !empty.is_empty() {
        warnings.push(format!("no text layer on pages {}", page_ranges(&empty)));
    }
    for page in pages.iter().filter(|p| p.unmapped > 0) {
        warnings.push(format!(
            "page {}: {} glyphs have no Unicode mapping (shown as U+FFFD)",
            page.number, page.unmapped
        ));
    }
    Ok(PdfDocument { pages, warnings })
}

/// A human-readable dump of one page (1-based): its glyphs grouped into
/// text runs, then its segments; for `reportmine inspect FILE.pdf --glyphs`.
/// Empty when the page does not exist.
pub fn dump_page(doc: &PdfDocument, page: u32) -> String {
    let Some(p) = doc.pages.iter().find(|p| p.number == page) else {
        return String::new();
    };
    let mut out = format!(
        "page {} {:.2}x{:.2} pt, {} glyphs ({} unmapped), {} segments\n",
        p.number,
        p.width,
        p.height,
        p.glyphs.len(),
        p.unmapped,
        p.segments.len()
    );
    let mut runs: Vec<(String, [f32; 4], &Glyph)> = Vec::new();
    for g in &p.glyphs {
        if let Some((text, bbox, last)) = runs.last_mut() {
            // Along and across the baseline of the glyphs' quarter turn.
            let (dx, dy) = (g.x - last.x, g.y - last.y);
            let (along, across) = match g.turn {
                1 => (dy, -dx),
                2 => (-dx, -dy),
                3 => (-dy, dx),
                _ => (dx, dy),
            };
            let gap = along - last.advance;
            let same_line = across.abs() < 0.05 * g.size.max(1.0);
            if same_line
                && g.turn == last.turn
                && g.font == last.font
                && (g.size - last.size).abs() < 0.01
                && gap > -0.5 * g.size
                && gap < 0.5 * g.size
            {
                if gap > 0.15 * g.size && !text.ends_with(' ') && g.text != " " {
                    text.push(' ');
                }
                text.push_str(&g.text);
                bbox[0] = bbox[0].min(g.bbox[0]);
                bbox[1] = bbox[1].min(g.bbox[1]);
                bbox[2] = bbox[2].max(g.bbox[2]);
                bbox[3] = bbox[3].max(g.bbox[3]);
                *last = g;
                continue;
            }
        }
        runs.push((g.text.clone(), g.bbox, g));
    }
    for (text, b, g) in &runs {
        // Text set sideways says how far it is turned.
        let turn = match g.turn {
            0 => String::new(),
            t => format!(" turned {}", u32::from(t) * 90),
        };
        let _ = writeln!(
            out,
            "text [{:8.2} {:8.2} {:8.2} {:8.2}] {} {:.2}{turn} {:?}",
            b[0], b[1], b[2], b[3], g.font, g.size, text
        );
    }
    for s in &p.segments {
        let _ = writeln!(
            out,
            "line ({:.2}, {:.2}) -> ({:.2}, {:.2})",
            s.x0, s.y0, s.x1, s.y1
        );
    }
    out
}

/// `[1,2,3,5]` -> `"1-3,5"`.
fn page_ranges(pages: &[u32]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        if !out.is_empty() {
            out.push(',');
        }
        if i == j {
            let _ = write!(out, "{}", pages[i]);
        } else {
            let _ = write!(out, "{}-{}", pages[i], pages[j]);
        }
        i = j + 1;
    }
    out
}

/// A dictionary entry with references followed.
fn dict_get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// An object with references followed (bounded by lopdf).
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// A PDF number (integer or real) as f64.
fn num(object: &Object) -> Option<f64> {
    object
        .as_float()
        .ok()
        .map(f64::from)
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_collapse_runs() {
        assert_eq!(page_ranges(&[1, 2, 3, 5, 7, 8]), "1-3,5,7-8");
        assert_eq!(page_ranges(&[4]), "4");
    }

    #[test]
    fn rejects_non_pdf() {
        assert!(matches!(load(b"hello world"), Err(PdfError::NotPdf)));
        let mut junk = vec![b'x'; 1100];
        junk.extend_from_slice(b"%PDF-1.4");
        assert!(matches!(load(&junk), Err(PdfError::NotPdf)));
    }

    #[test]
    fn truncated_file_is_damaged() {
        let err = load(b"%PDF-1.4\n1 0 obj << /Type /Catalog").unwrap_err();
        assert!(matches!(err, PdfError::Damaged(_)), "{err:?}");
    }
}
