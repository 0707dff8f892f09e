//! Pages set in two columns of running text. A line of glyphs that crosses
//! the gutter holds two unrelated lines, one of each column, and a table
//! inside one column (`Payroll Period   One Withholding Allowance` beside
//! a paragraph) is read as cells of the paragraph's line. Such a page is
//! read column by column: the rows of the two-column stretch are cut at
//! the gutter, the left column first.
//!
//! A table of two wrapped-text columns looks much like this from afar, so
//! the gutter must hold up on three counts: it is clear on most of the
//! page's lines; both sides read as prose (most lines several words long
//! and reaching across their column, and no channel inside them that many
//! lines leave clear, as the columns of a table's left part do; each side
//! holds text on most of the stretch's lines and starts them at one place,
//! where a table's columns start theirs at two or more); and the
//! sides flow independently (a paragraph opens on one side while the other
//! side's paragraph goes on, which a table's rows, starting together,
//! rarely do). Nor may drawn rules run across it: a ruled table's row
//! borders cross its columns' channels, a page's two columns are not
//! ruled across.

use crate::pdf::Glyph;

/// Lines a two-column stretch must hold, and the share of the page's
/// lines.
const MIN_LINES: usize = 12;
const MIN_SHARE: f32 = 0.5;
/// Share of each side's lines that must read as prose.
const PROSE_SHARE: f32 = 0.6;
/// Words in a prose line, and how far across its side it reaches.
const PROSE_WORDS: usize = 4;
const PROSE_REACH: f32 = 0.5;
/// Lines of a side that may share a clear channel inside them (a small
/// table within the column) before the side counts as cut in columns.
const MIN_INSIDE: usize = 4;
const INSIDE_SHARE: f32 = 0.3;
/// Share of the stretch's lines each side must hold text on: a page's
/// two columns both run its length.
const FILLED_SHARE: f32 = 0.5;
/// Where a side's lines start: two places at least this many font sizes
/// apart, each the start of this many lines (and this share of them), are
/// columns of a table.
const STARTS_APART: f32 = 3.0;
const MIN_STARTS: usize = 3;
const STARTS_SHARE: f32 = 0.2;
/// Paragraphs that must open on one side while the other side goes on.
const INDEPENDENT_OPENINGS: usize = 2;
/// Drawn rules across the gutter, between the stretch's first and last
/// lines, that make the stretch a ruled table: more than the two that set
/// off a page's running head and foot.
const RULES_ACROSS: usize = 3;

/// A page's two-column stretch: rows `first..=last` (indices into the
/// page's rows) are cut at `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Gutter {
    pub x: f32,
    pub first: usize,
    pub last: usize,
}

/// The gutter of a page set in two columns, if it is one (see the module
/// doc). `rows` are the page's glyph lines, top to bottom, each left to
/// right, as indices into `glyphs`; `hrules` the page's horizontal rules,
/// `(y, x0, x1)` in the glyphs' coordinates.
pub(super) fn find(
    rows: &[Vec<usize>],
    glyphs: &[Glyph],
    hrules: &[(f32, f32, f32)],
) -> Option<Gutter> {
    if rows.len() < MIN_LINES {
        return None;
    }
    // Each row as its words' extents (glyphs closer than a space joined).
    let words: Vec<Vec<(f32, f32)>> = rows.iter().map(|r| word_extents(r, glyphs)).collect();
    let left = words
        .iter()
        .flatten()
        .map(|w| w.0)
        .fold(f32::INFINITY, f32::min);
    let right = words
        .iter()
        .flatten()
        .map(|w| w.1)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut sizes: Vec<f32> = rows.iter().flatten().map(|&i| glyphs[i].size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    let half = 0.5 * size;
    let width = right - left;
    let clear = |row: &[(f32, f32)], x: f32| row.iter().all(|w| w.1 <= x - half || w.0 >= x + half);
    // The longest stretch of rows a channel a font size wide crosses
    // freely, over channels in the middle of the text.
    let mut best: Option<Gutter> = None;
    let mut x = left + 0.3 * width;
    while x <= left + 0.7 * width {
        let mut start = 0;
        for i in 0..=words.len() {
            if i < words.len() && clear(&words[i], x) {
                continue;
            }
            if i > start && best.is_none_or(|b| i - start > b.last + 1 - b.first) {
                best = Some(Gutter {
                    x,
                    first: start,
                    last: i - 1,
                });
            }
            start = i + 1;
        }
        x += 1.0;
    }
    let g = best?;
    let lines = g.last + 1 - g.first;
    if lines < MIN_LINES || (lines as f32) < MIN_SHARE * rows.len() as f32 {
        return None;
    }
    // Centre the cut in the channel the stretch leaves clear.
    let band = &words[g.first..=g.last];
    let lo = band
        .iter()
        .flatten()
        .filter(|w| w.1 <= g.x)
        .map(|w| w.1)
        .fold(left, f32::max);
    let hi = band
        .iter()
        .flatten()
        .filter(|w| w.0 >= g.x)
        .map(|w| w.0)
        .fold(right, f32::min);
    let g = Gutter {
        x: 0.5 * (lo + hi),
        ..g
    };
    let (top, bottom) = (glyphs[rows[g.first][0]].y, glyphs[rows[g.last][0]].y);
    let across = hrules
        .iter()
        .filter(|&&(y, x0, x1)| y < top && y > bottom && x0 < g.x - size && x1 > g.x + size)
        .count();
    if across >= RULES_ACROSS {
        return None;
    }
    let sides: [Vec<&[(f32, f32)]>; 2] = [
        band.iter().map(|r| side(r, g.x, true)).collect(),
        band.iter().map(|r| side(r, g.x, false)).collect(),
    ];
    let prose = |parts: &[&[(f32, f32)]]| {
        let filled: Vec<&&[(f32, f32)]> = parts.iter().filter(|p| !p.is_empty()).collect();
        let (a, b) = (
            filled.iter().map(|p| p[0].0).fold(f32::INFINITY, f32::min),
            filled
                .iter()
                .map(|p| p[p.len() - 1].1)
                .fold(f32::NEG_INFINITY, f32::max),
        );
        let long = filled
            .iter()
            .filter(|p| {
                p.len() >= PROSE_WORDS && p[p.len() - 1].1 - p[0].0 >= PROSE_REACH * (b - a)
            })
            .count();
        // A side that is itself in columns (the cells of a table's left
        // part) has a channel inside its lines that many of them leave
        // clear; running text spaces its words at random.
        let mut x = a + size;
        while x < b - size {
            let inside = filled
                .iter()
                .filter(|p| p[0].0 < x - half && p[p.len() - 1].1 > x + half && clear(p, x))
                .count();
            if inside >= MIN_INSIDE.max((INSIDE_SHARE * filled.len() as f32) as usize) {
                return false;
            }
            x += 1.0;
        }
        // Running text starts its lines at one place (a paragraph's
        // indent, a bullet's hang aside); the cells of a table's columns
        // start theirs at two or more places well apart, each on many
        // lines (a REF beside a wrapped commitment, a status beside a
        // comment).
        let mut starts: Vec<f32> = filled.iter().map(|p| p[0].0).collect();
        starts.sort_by(f32::total_cmp);
        let mut clusters: Vec<(f32, usize)> = Vec::new();
        for x in starts {
            match clusters.last_mut() {
                Some(c) if x - c.0 <= size => c.1 += 1,
                _ => clusters.push((x, 1)),
            }
        }
        let many = MIN_STARTS.max((STARTS_SHARE * filled.len() as f32).ceil() as usize);
        let big: Vec<f32> = clusters
            .iter()
            .filter(|c| c.1 >= many)
            .map(|c| c.0)
            .collect();
        let in_columns = big.windows(2).any(|w| w[1] - w[0] >= STARTS_APART * size);
        filled.len() >= MIN_LINES / 2
            && filled.len() as f32 >= FILLED_SHARE * parts.len() as f32
            && !in_columns
            && long as f32 >= PROSE_SHARE * filled.len() as f32
    };
    if !prose(&sides[0]) || !prose(&sides[1]) {
        return None;
    }
    // Paragraph breaks: a side empty on a row, or a wider gap than the
    // usual line pitch above a row.
    let ys: Vec<f32> = rows[g.first..=g.last]
        .iter()
        .map(|r| glyphs[r[0]].y)
        .collect();
    let mut pitches: Vec<f32> = ys.windows(2).map(|w| (w[0] - w[1]).abs()).collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches[pitches.len() / 2];
    let opens = |s: &[&[(f32, f32)]], i: usize| {
        !s[i].is_empty() && (s[i - 1].is_empty() || (ys[i - 1] - ys[i]).abs() > 1.4 * pitch)
    };
    let goes_on = |s: &[&[(f32, f32)]], i: usize| {
        !s[i].is_empty() && !s[i - 1].is_empty() && (ys[i - 1] - ys[i]).abs() <= 1.4 * pitch
    };
    let independent = (1..lines)
        .filter(|&i| {
            opens(&sides[0], i) && goes_on(&sides[1], i)
                || opens(&sides[1], i) && goes_on(&sides[0], i)
        })
        .count();
    (independent >= INDEPENDENT_OPENINGS).then_some(g)
}

/// The words of one side of a row's gutter cut.
fn side(row: &[(f32, f32)], x: f32, left: bool) -> &[(f32, f32)] {
    let k = row.partition_point(|w| w.1 <= x);
    if left {
        &row[..k]
    } else {
        &row[k..]
    }
}

/// A row's words as `(x0, x1)`, left to right: glyphs less than a space
/// apart make one word.
fn word_extents(row: &[usize], glyphs: &[Glyph]) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    for &i in row {
        let g = &glyphs[i];
        if g.text.trim().is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(w) if g.bbox[0] - w.1 <= 0.15 * g.size => w.1 = w.1.max(g.bbox[2]),
            _ => out.push((g.bbox[0], g.bbox[2])),
        }
    }
    out
}
