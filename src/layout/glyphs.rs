//! PDF pages to the layout model: glyphs become words and text lines
//! (baselines clustered, so a superscript like the `st` of `31st` stays on
//! its line), drawn horizontal lines become row rules, and the
//! positioned-text inference finds tables. The layout text is synthesised:
//! one line per text line, words joined by a space and column gaps by a TAB,
//! a form feed before each page after the first, so spans and line numbers
//! point into it as they point into a text export.

use super::columns;
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

/// How many lines of labels set across a page's text make a header row
/// read in their own frame.
const ACROSS_LABELS: usize = 2;

/// Builds the layout of a loaded PDF.
pub fn from_pdf(doc: &PdfDocument) -> Layout {
    let mut text = String::new();
    let mut number = 0u32;
    let mut pages = Vec::with_capacity(doc.pages.len());
    for (index, p) in doc.pages.iter().enumerate() {
        let mut page = Page::default();
        // Layout reads the page in the frame where most of its text runs
        // left to right; bounding boxes stay in page space.
        let frame = Frame::of(p);
        // Labels set across the page's text, read in their own frame when
        // there are several (a header row of upward labels); a lone stamp
        // in the margin stays glyph by glyph.
        let mut across = Vec::new();
        if frame.across > 0 {
            across = labels_across(p, &frame);
            if across.len() < ACROSS_LABELS {
                across.clear();
            }
        }
        let turned: Vec<Glyph>;
        // Page-space boxes of the labels set across the page's text.
        let mut label_boxes: Vec<[f32; 4]> = Vec::new();
        let upright: &[Glyph] = if frame.turn == 0 && across.is_empty() {
            &p.glyphs
        } else {
            let mut placed: Vec<Glyph> = p
                .glyphs
                .iter()
                .map(|g| {
                    let mut g = frame.glyph(g);
                    if g.turn != frame.turn && !across.is_empty() {
                        g.text.clear();
                    }
                    g
                })
                .collect();
            for (g, b) in across {
                placed.push(g);
                label_boxes.push(b);
            }
            turned = placed;
            &turned
        };
        let page_box = |i: usize| {
            p.glyphs
                .get(i)
                .map_or_else(|| label_boxes[i - p.glyphs.len()], |g| g.bbox)
        };
        let rows = text_lines(upright);
        // A page set in two columns of running text is read column by
        // column: its rows are cut at the gutter, the left column (and
        // what is above it) going first, the right column (and what is
        // below) laid out as a page of its own.
        // Drawn rules, in the glyphs' coordinates: horizontal `(y, x0,
        // x1)`, vertical `(x, y0, y1)`.
        let (mut hrules, mut vrules) = (Vec::new(), Vec::new());
        for s in &p.segments {
            let ((x0, y0), (x1, y1)) = (frame.point(s.x0, s.y0), frame.point(s.x1, s.y1));
            if (y0 - y1).abs() < 1.0 && (x1 - x0).abs() > 10.0 {
                hrules.push((y0, x0.min(x1), x0.max(x1)));
            } else if (x0 - x1).abs() < 1.0 && (y1 - y0).abs() > 2.0 {
                vrules.push((0.5 * (x0 + x1), y0, y1));
            }
        }
        let gutter = columns::find(&rows, upright, &hrules);
        let mut parts: Vec<(Vec<usize>, usize)> = Vec::with_capacity(rows.len() + 16);
        match gutter {
            None => parts.extend(rows.iter().map(|r| (r.clone(), 0))),
            Some(g) => {
                let centre = |i: &usize| 0.5 * (upright[*i].bbox[0] + upright[*i].bbox[2]);
                parts.extend(rows[..g.first].iter().map(|r| (r.clone(), 0)));
                let band = &rows[g.first..=g.last];
                for side in 0..2 {
                    for r in band {
                        let cut: Vec<usize> = r
                            .iter()
                            .copied()
                            .filter(|i| (centre(i) >= g.x) == (side == 1))
                            .collect();
                        if cut.iter().any(|&i| !upright[i].text.trim().is_empty()) {
                            parts.push((cut, side));
                        }
                    }
                }
                parts.extend(rows[g.last + 1..].iter().map(|r| (r.clone(), 1)));
            }
        }
        let mut right_column = Page::default();
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
        for (k, (row, part)) in parts.iter().enumerate() {
            number += 1;
            if number > 1 {
                text.push('\n');
            }
            if k == 0 && index > 0 {
                text.push('\x0c');
            }
            let start = text.len();
            let size = row
                .iter()
                .map(|&i| upright[i].size)
                .fold(0.0, f32::max)
                .max(1.0);
            let baseline = row
                .iter()
                .map(|&i| &upright[i])
                .filter(|g| g.size >= 0.9 * size)
                .map(|g| g.y)
                .next()
                .unwrap_or(upright[row[0]].y);
            let mut words: Vec<Word> = Vec::new();
            let mut prev_x1 = f32::MIN;
            let mut last_shown: Option<usize> = None;
            for &i in row {
                let (g, page_box) = (&upright[i], page_box(i));
                let visible = g.text.trim();
                if visible.is_empty() {
                    // A space ends the word whose last glyph it follows in
                    // the content stream; the trailing spaces of another
                    // text run that overlaps this one (a field padded with
                    // blanks) say nothing about its words.
                    if last_shown.is_none_or(|k| i == k + 1) {
                        prev_x1 = f32::MIN;
                    }
                    continue;
                }
                last_shown = Some(i);
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
                        *b = union(*b, page_box);
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
                        bbox: Some(page_box),
                    });
                }
                prev_x1 = g.bbox[2];
            }
            let line = TextLine {
                number,
                page: p.number,
                span: Span {
                    start,
                    end: text.len(),
                },
                words,
                y: frame.height() - baseline,
                size,
            };
            if *part == 0 {
                page.lines.push(line);
            } else {
                right_column.lines.push(line);
            }
        }
        for &(y, x0, x1) in &hrules {
            let rule = (frame.height() - y, x0, x1);
            match gutter {
                Some(g) if rule.1 >= g.x => right_column.rules.push(rule),
                _ => page.rules.push(rule),
            }
        }
        for &(x, y0, y1) in &vrules {
            let (a, b) = (frame.height() - y0, frame.height() - y1);
            let rule = (x, a.min(b), a.max(b));
            match gutter {
                Some(g) if rule.0 >= g.x => right_column.vrules.push(rule),
                _ => page.vrules.push(rule),
            }
        }
        pages.push(page);
        if gutter.is_some() {
            pages.push(right_column);
        }
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    tabulate(text, &pages, true, METRICS)
}

/// Glyphs grouped into text lines, top to bottom, each left to right, as
/// indices into `glyphs`. Glyphs join a line when their baseline is within
/// half the larger font size of it, which keeps raised or lowered small
/// glyphs on their line.
fn text_lines(glyphs: &[Glyph]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..glyphs.len())
        .filter(|&i| !glyphs[i].text.is_empty())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&glyphs[a], &glyphs[b]);
        b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x))
    });
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut anchor = (f32::MAX, 0.0f32);
    for i in order {
        let g = &glyphs[i];
        let (y, size) = anchor;
        if !lines.is_empty() && (y - g.y).abs() <= 0.5 * size.max(g.size) {
            lines.last_mut().expect("open line").push(i);
            if g.size > size {
                anchor = (g.y, g.size);
            }
        } else {
            lines.push(vec![i]);
            anchor = (g.y, g.size);
        }
    }
    for l in &mut lines {
        l.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
    }
    lines
}

/// Labels set across the page's text (a column header printed upwards
/// over its column): each line of them, read in its own frame, becomes one
/// glyph of the page's frame holding the whole line's text, placed where
/// its box is, with the box's bottom as its baseline (labels set upwards
/// start at the bottom of the header row). Returned with its page-space box.
fn labels_across(p: &crate::pdf::Page, frame: &Frame) -> Vec<(Glyph, [f32; 4])> {
    let mut out = Vec::new();
    for turn in (0..4u8).filter(|&t| t != frame.turn) {
        let own = Frame::turned(frame.page, turn);
        // The glyphs set at this turn, placed in their own frame, and where
        // each is in the page's glyphs.
        let (source, placed): (Vec<usize>, Vec<Glyph>) = p
            .glyphs
            .iter()
            .enumerate()
            .filter(|(_, g)| g.turn == turn)
            .map(|(i, g)| (i, own.glyph(g)))
            .unzip();
        if placed.iter().all(|g| g.text.trim().is_empty()) {
            continue;
        }
        for row in text_lines(&placed) {
            let size = row.iter().map(|&k| placed[k].size).fold(0.0, f32::max);
            let mut text = String::new();
            let (mut prev_x1, mut spaced) = (f32::MIN, false);
            let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
            for &k in &row {
                let g = &placed[k];
                let visible = g.text.trim();
                if visible.is_empty() {
                    spaced = true;
                    continue;
                }
                if !text.is_empty() && (spaced || g.bbox[0] - prev_x1 > 0.15 * size) {
                    text.push(' ');
                }
                text.push_str(visible);
                (prev_x1, spaced) = (g.bbox[2], false);
                b = union(b, p.glyphs[source[k]].bbox);
            }
            if text.is_empty() {
                continue;
            }
            let bbox = frame.rect(b);
            let first = &placed[row[0]];
            out.push((
                Glyph {
                    text,
                    font: first.font.clone(),
                    size,
                    x: bbox[0],
                    y: bbox[1],
                    advance: bbox[2] - bbox[0],
                    bbox,
                    turn: frame.turn,
                },
                b,
            ));
        }
    }
    out
}

/// The smallest box holding boxes `a` and `b` (`[x0, y0, x1, y1]`).
fn union(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// The frame a page is read in: turned so that most of its text (by
/// glyph count) runs left to right, whatever the quarter turn it was set
/// at, with the origin bottom-left as in page space.
struct Frame {
    /// Quarter turns anticlockwise of the page's text (see [`Glyph::turn`]).
    turn: u8,
    /// Page width and height in page space.
    page: (f32, f32),
    /// How many visible glyphs are set at another turn.
    across: usize,
}

impl Frame {
    fn of(p: &crate::pdf::Page) -> Frame {
        let mut counts = [0usize; 4];
        for g in &p.glyphs {
            if !g.text.trim().is_empty() {
                counts[usize::from(g.turn % 4)] += 1;
            }
        }
        let turn = (0..4u8)
            .max_by_key(|&t| (counts[usize::from(t)], t == 0))
            .unwrap_or(0);
        Frame {
            across: counts.iter().sum::<usize>() - counts[usize::from(turn)],
            ..Frame::turned((p.width, p.height), turn)
        }
    }

    /// The frame of text set at quarter turn `turn` on a page of `page`
    /// width and height.
    fn turned(page: (f32, f32), turn: u8) -> Frame {
        Frame {
            turn,
            page,
            across: 0,
        }
    }

    /// Height of the page in the frame.
    fn height(&self) -> f32 {
        if self.turn % 2 == 1 {
            self.page.0
        } else {
            self.page.1
        }
    }

    /// A page-space point in the frame: text set at the frame's turn
    /// reads left to right there.
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let (w, h) = self.page;
        match self.turn {
            1 => (y, w - x),
            2 => (w - x, h - y),
            3 => (h - y, x),
            _ => (x, y),
        }
    }

    /// A page-space box `[x0, y0, x1, y1]` in the frame.
    fn rect(&self, b: [f32; 4]) -> [f32; 4] {
        let (ax, ay) = self.point(b[0], b[1]);
        let (bx, by) = self.point(b[2], b[3]);
        [ax.min(bx), ay.min(by), ax.max(bx), ay.max(by)]
    }

    /// A glyph placed in the frame (its bounding box too).
    fn glyph(&self, g: &Glyph) -> Glyph {
        if self.turn == 0 {
            return g.clone();
        }
        let (x, y) = self.point(g.x, g.y);
        Glyph {
            x,
            y,
            bbox: self.rect(g.bbox),
            ..g.clone()
        }
    }
}
