//! PDF pages to the layout model: glyphs become words and text lines
//! (baselines clustered, so a superscript like the `st` of `31st` stays on
//! its line), drawn horizontal lines become row rules, and the
//! positioned-text inference finds tables. The layout text is synthesised:
//! one line per text line, words joined by a space and column gaps by a TAB,
//! a form feed before each page after the first, so spans and line numbers
//! point into it as they point into a text export.

use super::positioned::{tabulate, Metrics, Page, TextLine, Word};
use super::{Layout, Span};
use crate::pdf::{Glyph, PdfDocument};

/// In units of the font size: a column gap is at least half an em, a
/// space about a quarter.
pub(super) const METRICS: Metrics = Metrics {
    chunk_gap: 0.5,
    space: 0.25,
    snap: 0.6,
    indent: 1.2,
    squeezed: false,
    drift: 0.0,
};

/// Builds the layout of a loaded PDF.
pub fn from_pdf(doc: &PdfDocument) -> Layout {
    let mut text = String::new();
    let mut number = 0u32;
    let mut pages = Vec::with_capacity(doc.pages.len());
    for (index, p) in doc.pages.iter().enumerate() {
        let mut page = Page::default();
        let rows = text_lines(&p.glyphs);
        if rows.is_empty() && index > 0 {
            number += 1;
            text.push_str("\n\x0c");
            let at = text.len();
            page.lines.push(TextLine {
                number,
                page: p.number,
                span: Span { start: at, end: at },
                words: Vec::new(),
                y: 0.0,
                size: 1.0,
            });
        }
        for (k, row) in rows.iter().enumerate() {
            number += 1;
            if number > 1 {
                text.push('\n');
            }
            if k == 0 && index > 0 {
                text.push('\x0c');
            }
            let start = text.len();
            let size = row.iter().map(|g| g.size).fold(0.0, f32::max).max(1.0);
            let baseline = row
                .iter()
                .filter(|g| g.size >= 0.9 * size)
                .map(|g| g.y)
                .next()
                .unwrap_or(row[0].y);
            let mut words: Vec<Word> = Vec::new();
            let mut prev_x1 = f32::MIN;
            for g in row {
                let visible = g.text.trim();
                if visible.is_empty() {
                    prev_x1 = f32::MIN;
                    continue;
                }
                let gap = g.bbox[0] - prev_x1;
                let join = prev_x1 != f32::MIN && gap <= 0.15 * size && !words.is_empty();
                // A currency sign set apart at a column's left edge (`$`
                // then, right-aligned, `40.40`) is part of the figure.
                let signed = words.last().is_some_and(|w| {
                    matches!(&text[w.span.start..w.span.end], "$" | "£" | "€" | "¥")
                        && w.span.end == text.len()
                }) && visible.starts_with(|c: char| c.is_ascii_digit());
                if join || signed {
                    let w = words.last_mut().expect("a word to extend");
                    if signed && !join {
                        text.push(' ');
                    }
                    text.push_str(visible);
                    w.span.end = text.len();
                    w.x1 = w.x1.max(g.bbox[2]);
                    if let Some(b) = &mut w.bbox {
                        b[0] = b[0].min(g.bbox[0]);
                        b[1] = b[1].min(g.bbox[1]);
                        b[2] = b[2].max(g.bbox[2]);
                        b[3] = b[3].max(g.bbox[3]);
                    }
                } else {
                    if let Some(last) = words.last() {
                        let wide = g.bbox[0] - last.x1 >= METRICS.chunk_gap * size;
                        text.push(if wide { '\t' } else { ' ' });
                    }
                    let s = text.len();
                    text.push_str(visible);
                    words.push(Word {
                        span: Span {
                            start: s,
                            end: text.len(),
                        },
                        x0: g.bbox[0],
                        x1: g.bbox[2],
                        bbox: Some(g.bbox),
                    });
                }
                prev_x1 = g.bbox[2];
            }
            page.lines.push(TextLine {
                number,
                page: p.number,
                span: Span {
                    start,
                    end: text.len(),
                },
                words,
                y: p.height - baseline,
                size,
            });
        }
        for s in &p.segments {
            if (s.y0 - s.y1).abs() < 1.0 && (s.x1 - s.x0).abs() > 10.0 {
                page.rules
                    .push((p.height - s.y0, s.x0.min(s.x1), s.x0.max(s.x1)));
            }
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    tabulate(text, &pages, true, METRICS)
}

/// Glyphs grouped into text lines, top to bottom, each left to right.
/// Glyphs join a line when their baseline is within half the larger font
/// size of it, which keeps raised or lowered small glyphs on their line.
fn text_lines(glyphs: &[Glyph]) -> Vec<Vec<&Glyph>> {
    let mut order: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.is_empty()).collect();
    order.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut anchor = (f32::MAX, 0.0f32);
    for g in order {
        let (y, size) = anchor;
        if !lines.is_empty() && (y - g.y).abs() <= 0.5 * size.max(g.size) {
            lines.last_mut().expect("open line").push(g);
            if g.size > size {
                anchor = (g.y, g.size);
            }
        } else {
            lines.push(vec![g]);
            anchor = (g.y, g.size);
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}
