//! Positioned text to the layout model: words with x positions (PDF glyphs
//! grouped into words, or the character columns of fixed-width text) become
//! the same lines and cells that TAB exports give, so one grammar reads both.
//!
//! Per page, three steps:
//! 1. **Table runs**: consecutive text lines that look tabular (two or more
//!    chunks separated by wide gaps, or one chunk aligned with the run's
//!    chunk starts, or a left-margin line such as a group row between them).
//! 2. **Columns**: the x ranges that (almost) no chunk of the run covers and
//!    that wide gaps of several lines cross; they separate the columns, so
//!    columns may move from page to page and from table to table.
//! 3. **Row bands**: the text lines of one table row. A cell's text starts
//!    on the row's first line (tables are top-aligned), so a line continues
//!    the band above only when every one of its cells can be the wrapped
//!    tail of the cell above (the words would not have fitted on the line
//!    above, or a list item continues); a larger vertical gap or a ruling
//!    line between the two lines always starts a new band.
//!
//! Each band becomes one layout [`Line`] whose cells hold one fragment per
//! physical text line; lines outside runs become lines of chunk cells.

use std::collections::{HashMap, HashSet};

use super::lattice;
use super::profile::{carry, spans_cells, Profile};
use super::{Cell, Fragment, Layout, Line, Span};

/// A run's column separators: `(start, end)` x ranges between columns.
type Seps = [(f32, f32)];

/// A word of a positioned source.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Where the word is in the layout text.
    pub span: Span,
    /// Left edge (points, or character column).
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// PDF bounding box, origin bottom-left; `None` for text.
    pub bbox: Option<[f32; 4]>,
}

/// One physical text line of a page, blank ones included.
#[derive(Debug, Clone)]
pub(super) struct TextLine {
    /// 1-based line number in the layout text.
    pub number: u32,
    /// 1-based page.
    pub page: u32,
    /// The whole line in the layout text.
    pub span: Span,
    /// Words left to right.
    pub words: Vec<Word>,
    /// Baseline, growing down the page (points, or line index).
    pub y: f32,
    /// Font size (1 for fixed-width text, where x is a character column).
    pub size: f32,
}

/// A page of positioned text.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    /// Text lines top to bottom.
    pub lines: Vec<TextLine>,
    /// Horizontal rules as `(y, x0, x1)`, y growing down the page.
    pub rules: Vec<(f32, f32, f32)>,
    /// Vertical rules as `(x, y0, y1)`, y growing down the page.
    pub vrules: Vec<(f32, f32, f32)>,
}

/// Gap sizes, in units of a line's font size, that separate things.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// Smallest horizontal gap between two chunks of a line (a column gap).
    pub chunk_gap: f32,
    /// Width of a space.
    pub space: f32,
    /// How far a word may start off a column's left edge and still belong
    /// to it.
    pub snap: f32,
    /// How far right of a column's left edge a wrapped line may start (the
    /// hanging indent of a bulleted item).
    pub indent: f32,
    /// Whether columns may touch with a single space between them (text
    /// printed on a character grid), so that edges must be found from
    /// aligned word starts as well as from whitespace.
    pub squeezed: bool,
    /// How far the left edge of one column may wander from row to row (a
    /// printer rounding proportional text to a character grid places the
    /// same column a few characters apart on different rows of a page).
    pub drift: f32,
}

/// Lines of positioned pages to the layout model (see the module doc).
pub(super) fn tabulate(text: String, pages: &[Page], explicit_pages: bool, m: Metrics) -> Layout {
    let furniture = running_furniture(&text, pages, m);
    let mut runs: Vec<Vec<std::ops::Range<usize>>> = Vec::with_capacity(pages.len());
    // Per page, the lines of a cut row's tail that open its first run.
    let mut tails = vec![0; pages.len()];
    for (p, (page, f)) in pages.iter().zip(&furniture).enumerate() {
        let mut found = lattice::join_grid_runs(page, find_runs(&text, page, f, pitch(page), m));
        // Only a table that ran to the foot of the page before goes on.
        if p > 0 && ends_in_run(&pages[p - 1], &furniture[p - 1], &runs[p - 1]) {
            tails[p] = join_page_top_tail(page, f, &mut found, pitch(page), m);
        }
        runs.push(found);
    }
    if m.squeezed {
        split_at_repeated_heads(&text, pages, &mut runs, m);
    }
    let mut seps: Vec<Vec<Vec<(f32, f32)>>> = pages
        .iter()
        .zip(&runs)
        .zip(&tails)
        .map(|((page, runs), &tail)| {
            let margin = page
                .lines
                .iter()
                .filter_map(|l| l.words.first().map(|w| w.x0))
                .fold(f32::INFINITY, f32::min);
            runs.iter()
                .enumerate()
                .map(|(n, run)| {
                    // The rows' columns, not the tail's few cells, tell
                    // where the columns part.
                    let from = if n == 0 { run.start + tail } else { run.start };
                    let lines: Vec<&TextLine> = page.lines[from..run.end].iter().collect();
                    separators(&lines, margin, m)
                })
                .collect()
        })
        .collect();
    if m.squeezed {
        share_header_edges(&text, pages, &runs, &mut seps, m);
    }
    // A cut row's tail that no rows follow on its page takes the columns of
    // the table it was cut from.
    for p in 1..pages.len() {
        if tails[p] > 0 || !ends_in_run(&pages[p - 1], &furniture[p - 1], &runs[p - 1]) {
            continue;
        }
        let Some(cols) = seps[p - 1].last().cloned() else {
            continue;
        };
        let above = &pages[p - 1].lines[runs[p - 1][runs[p - 1].len() - 1].clone()];
        // On a character grid a page may print the table's columns some
        // characters off where the page before did: the tail then stands
        // in the columns of the same table going on below it.
        let own = seps[p]
            .first()
            .filter(|s| m.squeezed && s.len() == cols.len())
            .cloned();
        let found = [Some(cols.clone()), own]
            .into_iter()
            .flatten()
            .find_map(|here| {
                let page = &pages[p];
                lone_page_top_tail(
                    page,
                    &furniture[p],
                    &runs[p],
                    above,
                    (&cols, &here),
                    &text,
                    m,
                )
                .map(|tail| (tail, here))
            });
        if let Some((tail, here)) = found {
            runs[p].insert(0, tail);
            seps[p].insert(0, here);
        }
    }
    for ((page, runs), seps) in pages.iter().zip(&runs).zip(&mut seps) {
        for (run, seps) in runs.iter().zip(seps.iter_mut()) {
            add_ruled_separators(&page.lines[run.clone()], &page.vrules, seps);
        }
    }
    let heads = repeated_heads(&text, pages, &runs);
    let plan = |profile: Option<&Profile>| {
        let mut segments = Vec::new();
        for ((((page, furniture), runs), seps), heads) in pages
            .iter()
            .zip(&furniture)
            .zip(&runs)
            .zip(&seps)
            .zip(&heads)
        {
            let pitch = pitch(page);
            let mut next = 0;
            for ((run, seps), &head) in runs.iter().zip(seps).zip(heads) {
                segments.extend(
                    (next..run.start).map(|i| Segment::Plain(&page.lines[i], furniture[i])),
                );
                segments.push(Segment::Run(plan_run(
                    &text,
                    page,
                    run.clone(),
                    seps.clone(),
                    head,
                    pitch,
                    m,
                    profile,
                )));
                next = run.end;
            }
            segments.extend(
                (next..page.lines.len()).map(|i| Segment::Plain(&page.lines[i], furniture[i])),
            );
        }
        segments
    };
    // On a character grid the whole report's cells first teach what each
    // column's values look like; the runs are then planned again with it.
    let mut segments = plan(None);
    let profile = m.squeezed.then(|| {
        // A run's first band that also opens other runs is the header the
        // table repeats on every page: labels, not values to learn from.
        let line_key = |l: &TextLine| {
            text[l.span.start..l.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let first_band = |plan: &Plan| {
            plan.items.iter().find_map(|item| match item {
                Item::Band(band, ..) => Some(band[0]),
                Item::Plain(_) => None,
            })
        };
        let mut opens: HashMap<String, usize> = HashMap::new();
        for seg in &segments {
            if let Segment::Run(plan) = seg {
                if let Some(i) = first_band(plan) {
                    *opens.entry(line_key(plan.lines[i])).or_default() += 1;
                }
            }
        }
        let mut profile = Profile::default();
        for seg in &segments {
            if let Segment::Run(plan) = seg {
                let head = first_band(plan)
                    .filter(|&i| opens.get(&line_key(plan.lines[i])).is_some_and(|&n| n >= 2));
                for item in &plan.items {
                    match item {
                        Item::Band(band, ..) if Some(band[0]) == head => {}
                        Item::Band(band, cols, ..) => {
                            profile.learn(&text, plan.lines[band[0]], &cols[0], m)
                        }
                        Item::Plain(_) => {}
                    }
                }
            }
        }
        profile
    });
    if let Some(p) = &profile {
        segments = plan(Some(p));
    }
    split_repeated_headers(&text, &mut segments);
    let mut lines = Vec::new();
    for seg in segments {
        match seg {
            Segment::Plain(l, furniture) => lines.push(plain_line(l, furniture, m)),
            Segment::Run(plan) => emit_plan(&text, plan, profile.as_ref(), m, &mut lines),
        }
    }
    Layout {
        text,
        lines,
        pages: (pages.len() as u32).max(1),
        explicit_pages,
    }
}

/// Share of a run's height a drawn vertical line must cover to part two
/// of its columns.
const RULE_COVER: f32 = 0.6;
/// A drawn column line still parts columns when at most one line in this
/// many runs a word across it.
const RULE_CROSSINGS: usize = 5;

/// Column separators that drawn vertical lines give a run (a ruled table
/// whose header labels sit too close for whitespace to tell the columns
/// apart: `First Name  Address` a few points apart, each in its own ruled
/// column). A line counts where it covers most of the run's height inside
/// its text, few lines run a word across it and no separator found from
/// whitespace holds it already; separators are never taken away.
fn add_ruled_separators(
    lines: &[TextLine],
    vrules: &[(f32, f32, f32)],
    seps: &mut Vec<(f32, f32)>,
) {
    let words = || lines.iter().flat_map(|l| l.words.iter());
    let Some(size) = lines.iter().map(|l| l.size).reduce(f32::max) else {
        return;
    };
    let (x_lo, x_hi) = words().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), w| {
        (a.min(w.x0), b.max(w.x1))
    });
    let texted: Vec<&TextLine> = lines.iter().filter(|l| !l.words.is_empty()).collect();
    let (Some(first), Some(last)) = (texted.first(), texted.last()) else {
        return;
    };
    let (top, bottom) = (first.y - first.size, last.y);
    if bottom - top < 2.0 * size {
        return;
    }
    // Rules at one x (within a point), their cover of the run's height.
    let mut xs: Vec<(f32, f32)> = vrules
        .iter()
        .filter(|r| r.0 > x_lo + 0.5 * size && r.0 < x_hi - 0.5 * size)
        .map(|&(x, y0, y1)| (x, (y1.min(bottom) - y0.max(top)).max(0.0)))
        .filter(|r| r.1 > 0.0)
        .collect();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut grouped: Vec<(f32, f32)> = Vec::new();
    for (x, cover) in xs {
        match grouped.last_mut() {
            Some(g) if x - g.0 <= 1.0 => g.1 += cover,
            _ => grouped.push((x, cover)),
        }
    }
    let mut added: Vec<(f32, f32)> = Vec::new();
    let mut rule_xs: Vec<f32> = Vec::new();
    for (x, cover) in grouped {
        let held = seps.iter().any(|&(a, b)| a - 1.0 <= x && x <= b + 1.0);
        // A cell's text may run on over its rule (clipped on paper, not
        // in the text layer); a few such lines do not hide the column.
        let crossing = texted
            .iter()
            .filter(|l| l.words.iter().any(|w| w.x0 < x && x < w.x1))
            .count();
        let crossed = crossing * RULE_CROSSINGS > texted.len();
        if cover >= RULE_COVER * (bottom - top) && !crossed {
            rule_xs.push(x);
            if !held {
                added.push((x - 0.5, x + 0.5));
            }
        }
    }
    // Inside a ruled cell, a gap that no line has text on both sides of
    // parts nothing: a label set left over figures set right (`Temporary
    // Layoff` over `47`) leaves such a gap between them.
    if rule_xs.len() >= 2 {
        seps.retain(|&(a, b)| {
            if rule_xs.iter().any(|&x| a - 1.0 <= x && x <= b + 1.0) {
                return true;
            }
            let mid = 0.5 * (a + b);
            let lo = rule_xs
                .iter()
                .copied()
                .filter(|&x| x < mid)
                .reduce(f32::max);
            let hi = rule_xs
                .iter()
                .copied()
                .filter(|&x| x > mid)
                .reduce(f32::min);
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return true;
            };
            texted.iter().any(|l| {
                l.words.iter().any(|w| w.x0 >= lo && w.x1 <= mid)
                    && l.words.iter().any(|w| w.x0 >= mid && w.x1 <= hi)
            })
        });
    }
    // A rule that would leave a column without a word beside it (a double
    // rule, a cell's padding box) parts nothing.
    let mut all: Vec<(f32, f32)> = seps.iter().chain(&added).copied().collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let has_words = |lo: f32, hi: f32| words().any(|w| w.x0 >= lo && w.x1 <= hi);
    for &(a, b) in &added {
        let k = all.iter().position(|s| s.0 == a).expect("added");
        let lo = if k == 0 {
            f32::NEG_INFINITY
        } else {
            all[k - 1].1
        };
        let hi = all.get(k + 1).map_or(f32::INFINITY, |s| s.0);
        if has_words(lo, a) && has_words(b, hi) {
            seps.push((a, b));
        }
    }
    seps.sort_by(|a, b| a.0.total_cmp(&b.0));
}

/// A repeated header whose band ran on into the row the page break cut
/// (`... Shortfall and Corrective Action` over `Completed and agreed by
/// Council`): a run's first band whose first lines read, column by column,
/// as an earlier run's whole first band (the header on an earlier page,
/// wrapped however it was there) is cut after those lines.
fn split_repeated_headers(text: &str, segments: &mut [Segment]) {
    let column_texts = |rows: &[Vec<Vec<Word>>]| -> Vec<String> {
        (0..rows[0].len())
            .map(|c| {
                let words = rows.iter().flat_map(|r| r[c].iter());
                words
                    .map(|w| &text[w.span.start..w.span.end])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let mut heads: Vec<Vec<String>> = Vec::new();
    for seg in segments.iter_mut() {
        let Segment::Run(plan) = seg else {
            continue;
        };
        let Some(pos) = plan
            .items
            .iter()
            .position(|it| matches!(it, Item::Band(..)))
        else {
            continue;
        };
        let Item::Band(band, cols, cuts, _) = &mut plan.items[pos] else {
            continue;
        };
        let cut = (1..band.len()).find(|&k| {
            let texts = column_texts(&cols[..k]);
            texts.iter().filter(|t| !t.is_empty()).count() >= 2 && heads.contains(&texts)
        });
        match cut {
            Some(k) => {
                let rest = (band.split_off(k), cols.split_off(k));
                let cuts = cuts.clone();
                // The row the header ran into goes on from the page before.
                plan.items
                    .insert(pos + 1, Item::Band(rest.0, rest.1, cuts, false));
            }
            None => heads.push(column_texts(cols)),
        }
    }
}

/// A page's lines in order: outside runs, or a planned run.
enum Segment<'p> {
    /// A line outside any run, and whether it is a running head or footer.
    Plain(&'p TextLine, bool),
    Run(Plan<'p>),
}

/// A run's lines, in order, as they will become layout lines.
struct Plan<'p> {
    lines: Vec<&'p TextLine>,
    items: Vec<Item>,
}

/// One layout line of a run: a line of the run taken as plain text, or a
/// band of lines (indices into the run) with each line's words by column
/// and, on a character grid, where the band's columns after the first
/// start.
enum Item {
    Plain(usize),
    /// A row band: its lines, their words by column, the column starts
    /// (character grid), and whether a rule or a gap parts it from the
    /// band above.
    Band(Vec<usize>, Vec<Vec<Vec<Word>>>, Vec<f32>, bool),
}

/// Baseline distance, in units of the font size, under which two text
/// lines are closer than any two lines of running text: text centred
/// vertically beside a wrapped cell.
const HALF_LINE: f32 = 0.8;

/// The widest word gap, in units of the font size, that justified prose
/// stretches its spaces to.
const JUSTIFIED_GAP: f32 = 1.2;

/// How many text lines at the top and at the bottom of a page may be
/// running heads or footers.
const FURNITURE_DEPTH: usize = 4;

/// Marks running heads and footers: text lines near the top or bottom of a
/// page whose text (digits aside, so `Page 3 of 9` matches `Page 4 of 9`)
/// comes back on at least half the pages. They are never table lines.
fn running_furniture(text: &str, pages: &[Page], m: Metrics) -> Vec<Vec<bool>> {
    let key = |l: &TextLine| -> String {
        let mut k = String::new();
        for c in text[l.span.start..l.span.end].chars() {
            if c.is_ascii_digit() {
                if !k.ends_with('#') {
                    k.push('#');
                }
            } else if !c.is_whitespace() && c != '\x0c' {
                k.push(c);
            }
        }
        k
    };
    // Candidates sit above the page's first row of three or more chunks
    // (a table header or row) or below its last: a header's wrapped labels
    // repeat on every page too, but inside the table.
    let edges = |p: &Page| -> Vec<usize> {
        let text_lines: Vec<usize> = (0..p.lines.len())
            .filter(|&i| !p.lines[i].words.is_empty())
            .collect();
        let tabular = |i: &&usize| chunks(&p.lines[**i], m).len() >= 3;
        let mut e: Vec<usize> = text_lines
            .iter()
            .take(FURNITURE_DEPTH)
            .take_while(|i| !tabular(i))
            .copied()
            .collect();
        e.extend(
            text_lines
                .iter()
                .rev()
                .take(FURNITURE_DEPTH)
                .take_while(|i| !tabular(i)),
        );
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in pages {
        let mut seen: Vec<String> = edges(p).into_iter().map(|i| key(&p.lines[i])).collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    pages
        .iter()
        .map(|p| {
            let mut marks = vec![false; p.lines.len()];
            for i in edges(p) {
                // Column headers repeat too; a running head is one or two
                // pieces of text (left and right), not a row of labels.
                marks[i] = chunks(&p.lines[i], m).len() <= 2
                    && counts.get(&key(&p.lines[i])).is_some_and(|&n| n >= need);
            }
            marks
        })
        .collect()
}

/// Word index ranges of a line's chunks: words closer than a column gap.
/// Justified prose spreads its words evenly, sometimes wider than a column
/// gap: five or more words (after a narrow bullet: at most 0.6 em, so a
/// `•` or `–` but not a short word such as `to`) whose gaps are all alike
/// and under [`JUSTIFIED_GAP`] spaces are one chunk.
fn chunks(line: &TextLine, m: Metrics) -> Vec<std::ops::Range<usize>> {
    let ws = &line.words;
    let lead = usize::from(ws.first().is_some_and(|w| w.x1 - w.x0 <= 0.6 * line.size));
    if ws.len() >= lead + 5 {
        let gaps = ws[lead..].windows(2).map(|w| w[1].x0 - w[0].x1);
        let (lo, hi) = gaps.fold((f32::INFINITY, f32::MIN), |(a, b), g| (a.min(g), b.max(g)));
        if lo > 0.0 && hi <= JUSTIFIED_GAP * line.size && hi <= 1.35 * lo {
            let mut out = Vec::with_capacity(2);
            if lead == 1 {
                out.push(0..1);
            }
            out.push(lead..ws.len());
            return out;
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=line.words.len() {
        if k == line.words.len()
            || line.words[k].x0 - line.words[k - 1].x1 >= m.chunk_gap * line.size
        {
            if k > start {
                out.push(start..k);
            }
            start = k;
        }
    }
    out
}

/// The usual distance between consecutive baselines on the page.
fn pitch(page: &Page) -> f32 {
    let mut gaps: Vec<f32> = page
        .lines
        .windows(2)
        .filter(|w| !w[0].words.is_empty() && !w[1].words.is_empty())
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return 1.0;
    }
    gaps.sort_by(f32::total_cmp);
    // The smallest common gap: the line pitch inside wrapped cells.
    gaps[gaps.len() / 4]
}

fn line_from(l: &TextLine, words: &[Word]) -> Fragment {
    let first = &words[0];
    let last = &words[words.len() - 1];
    let bbox = words.iter().filter_map(|w| w.bbox).reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    });
    Fragment {
        span: Span {
            start: first.span.start,
            end: last.span.end,
        },
        line: l.number,
        page: l.page,
        bbox,
    }
}

/// A line outside any table: one cell (a heading, prose, a footer), one
/// fragment per chunk, so that wide gaps in justified prose or in a
/// `Title      Page 3` footer never make it look like a table row.
fn plain_line(l: &TextLine, furniture: bool, m: Metrics) -> Line {
    let cells = vec![Cell {
        fragments: chunks(l, m)
            .into_iter()
            .map(|r| line_from(l, &l.words[r]))
            .collect(),
    }];
    Line {
        number: l.number,
        page: l.page,
        span: l.span,
        cells,
        furniture,
        apart: false,
    }
}

/// Whether a chunk starting at `x` lines up with one of `starts`: at the
/// same left edge, or indented a little from it.
fn aligned(x: f32, starts: &[f32], tol: f32, indent: f32) -> bool {
    starts.iter().any(|s| x >= s - tol && x <= s + indent)
}

/// Ranges of page lines that form tables.
fn find_runs(
    text: &str,
    page: &Page,
    furniture: &[bool],
    pitch: f32,
    m: Metrics,
) -> Vec<std::ops::Range<usize>> {
    let lines = &page.lines;
    let margin = lines
        .iter()
        .filter_map(|l| l.words.first().map(|w| w.x0))
        .fold(f32::INFINITY, f32::min);
    // Each line's chunks, found once: the run search looks at a line
    // several times (as a run start, a member, a lookahead).
    let line_chunks: Vec<Vec<std::ops::Range<usize>>> =
        lines.iter().map(|l| chunks(l, m)).collect();
    let extents_of = |k: usize| -> Vec<(f32, f32)> {
        line_chunks[k]
            .iter()
            .map(|r| (lines[k].words[r.start].x0, lines[k].words[r.end - 1].x1))
            .collect()
    };
    let starts_of = |k: usize| -> Vec<f32> { extents_of(k).into_iter().map(|e| e.0).collect() };
    // Whether each chunk of a line is all figures (or the dash a figure
    // column prints for none).
    let figures_of = |k: usize| -> Vec<bool> {
        line_chunks[k]
            .iter()
            .map(|r| {
                lines[k].words[r.clone()].iter().all(|w| {
                    let word = &text[w.span.start..w.span.end];
                    super::is_figure(word) || matches!(word, "-" | "–" | "—")
                })
            })
            .collect()
    };
    // Whether a one-chunk line starts at one of `starts`, or its text does
    // with its list bullet hanging left of it.
    let lone_aligned = |k: usize, starts: &[f32]| {
        let l = &lines[k];
        let (tol, indent) = (m.snap * l.size, m.indent * l.size);
        let r = &line_chunks[k][0];
        let w = &l.words[r.start];
        aligned(w.x0, starts, tol, indent)
            || (r.len() >= 2
                && is_list_marker(&text[w.span.start..w.span.end])
                && aligned(l.words[r.start + 1].x0, starts, tol, indent))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = &line_chunks[i];
        // A bulleted line (`•` or `o`, then its text) is a list item; it
        // may continue a table's cell, never start a table.
        let bulleted = first.len() == 2 && first[0].len() == 1 && {
            let w = &lines[i].words[0];
            is_list_marker(&text[w.span.start..w.span.end])
        };
        if furniture[i] || first.len() < 2 || bulleted {
            i += 1;
            continue;
        }
        let tol = m.snap * lines[i].size;
        let indent = m.indent * lines[i].size;
        let mut starts = starts_of(i);
        // Where the first line's capitalised words (squeezed labels) begin
        // in `starts`.
        let label_starts = starts.len();
        if m.squeezed {
            // On a character grid a header's labels may be squeezed to one
            // space (`Red/Amber/Green? Comments On Progress`): its capitalised
            // words may start columns too.
            starts.extend(lines[i].words.iter().skip(1).filter_map(|w| {
                let word = &text[w.span.start..w.span.end];
                word.starts_with(char::is_uppercase).then_some(w.x0)
            }));
        }
        let mut above = extents_of(i);
        let mut seen = above.clone();
        // Whether each seen chunk is all figures: prose never continues a
        // column that held only figures.
        let mut seen_figures = figures_of(i);
        let run_right = above.last().map_or(margin, |e| e.1);
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            if furniture[j] {
                break;
            }
            if l.words.is_empty() {
                if j - last > 2 {
                    break;
                }
                j += 1;
                continue;
            }
            if l.y - lines[last].y > 3.0 * pitch {
                break;
            }
            let own_extents = extents_of(j);
            let own: Vec<f32> = own_extents.iter().map(|e| e.0).collect();
            // A chunk lines up with the run when it starts at one of its
            // column starts, or (a centred header label, a number centred
            // under it) sits centred under a wider chunk of the line above.
            let fits = |own: &[f32], extents: &[(f32, f32)]| {
                own.len() >= 2 && {
                    let hits = own
                        .iter()
                        .zip(extents)
                        .filter(|(x, &(a, b))| {
                            aligned(**x, &starts, tol, tol)
                                || above.iter().any(|&(s, e)| {
                                    (a >= s - tol
                                        && b <= e + tol
                                        && ((a + b) - (s + e)).abs() <= 0.5 * (e - s))
                                        // Figures set flush right under
                                        // figures (`26,610` under `895`).
                                        || ((b - e).abs() <= 0.5 * tol && a < e && s < b)
                                })
                        })
                        .count();
                    2 * hits >= own.len()
                }
            };
            // A sentence (three or more words, mostly not figures; six or
            // more when it opens the line, where row labels stand) over a
            // column whose cells so far were figures (a header label aside;
            // chunks starting within the sentence's extent): prose after
            // the table, a footnote under it.
            let prose_over_figures =
                line_chunks[j]
                    .iter()
                    .zip(&own_extents)
                    .enumerate()
                    .any(|(c, (r, &(a, b)))| {
                        let words = &l.words[r.clone()];
                        if c == 0 && words.len() < 6 {
                            return false;
                        }
                        let over: Vec<bool> = seen
                            .iter()
                            .zip(&seen_figures)
                            .filter(|(&(s, _), _)| s >= a - tol && s < b)
                            .map(|(_, &f)| f)
                            .collect();
                        words.len() >= 3
                            && 2 * words
                                .iter()
                                .filter(|w| super::is_figure(&text[w.span.start..w.span.end]))
                                .count()
                                < words.len()
                            && {
                                let figs = over.iter().filter(|&&f| f).count();
                                figs >= 3 && figs >= 2 * (over.len() - figs)
                            }
                    });
            let belongs = if prose_over_figures {
                false
            } else if own.len() >= 2 {
                fits(&own, &own_extents)
            } else if own[0] > margin + tol {
                // A short label centred in its column (a `Medium` spanning
                // several rows of a status column) is as good as aligned.
                let (a, b) = own_extents[0];
                // On a character grid a cell run into the one before it
                // (`1 MTCS/EAT Implement level 2 ...`) starts no chunk, but
                // its wrapped lines start under its first word.
                let under_word = m.squeezed
                    && lines[last]
                        .words
                        .iter()
                        .any(|w| (w.x0 - own[0]).abs() <= tol);
                // Right under a squeezed header (the run's first lines, its
                // labels one space apart), a cut row's tail may stand a few
                // characters right of its label, where the page's column is.
                let under_squeezed_head = m.squeezed
                    && last - i < 2
                    && aligned(own[0], &starts[label_starts..], tol, 2.0 * m.drift * l.size);
                lone_aligned(j, &starts)
                    || under_word
                    || under_squeezed_head
                    || seen.iter().any(|&(s, e)| {
                        b - a <= 0.25 * (run_right - margin)
                            && ((a + b) - (s + e)).abs() <= 0.5 * (b - a).min(e - s)
                    })
            } else {
                // A left-margin line (group row, wrapped first column)
                // belongs when the next text line is a row of this table,
                // maybe after more of the first column's wrapped lines
                // (lines that, like it, end before the second column).
                // (Where chunks start: a squeezed header's capitalised
                // words, `Key Priority`, start no column of their own.)
                let second = seen
                    .iter()
                    .map(|e| e.0)
                    .filter(|&x| x > own[0] + indent)
                    .fold(f32::INFINITY, f32::min);
                let in_first = |e: &[(f32, f32)]| e.len() == 1 && e[0].1 < second - tol;
                let mut next = (j + 1..lines.len())
                    .filter(|&n| !lines[n].words.is_empty())
                    .take(3);
                let mut seen_group = false;
                // Set close under the row above, as rows are (no blank line,
                // no wider gap than a row's).
                let close = j == last + 1 && l.y - lines[last].y <= 1.9 * pitch;
                loop {
                    let Some(n) = next.next() else {
                        break false;
                    };
                    let s = starts_of(n);
                    // After a blank line or a gap, a line of labels (three
                    // or more, every word capitalised, no figure) under it
                    // heads a new table: the line is that table's heading.
                    let labels = s.len() >= 3
                        && lines[n].words.iter().all(|w| {
                            let word = &text[w.span.start..w.span.end];
                            word.starts_with(|c: char| c.is_uppercase() || !c.is_alphanumeric())
                                && !word.contains(|c: char| c.is_ascii_digit())
                        });
                    if !close && labels {
                        break false;
                    }
                    // After a blank line or a gap only a row proper vouches
                    // for it: a `Key` heading over indented colour-key lines
                    // under the table is no group row.
                    if fits(&s, &extents_of(n))
                        || (s.len() == 1
                            && close
                            && s[0] > margin + tol
                            && lone_aligned(n, &starts))
                    {
                        break true;
                    }
                    // A group row between (`Libraries and Museums` under
                    // a header whose first label wrapped to `/Issue`) may
                    // run wider than the first column.
                    let next_ext = extents_of(n);
                    let group_label = next_ext.len() == 1 && close && !seen_group;
                    seen_group |= group_label && !in_first(&next_ext);
                    if !in_first(&own_extents)
                        || !(in_first(&next_ext) || group_label)
                        || (s[0] - own[0]).abs() > tol
                    {
                        break false;
                    }
                }
            };
            if !belongs {
                break;
            }
            starts.extend(own);
            seen.extend(own_extents.iter().copied());
            seen_figures.extend(figures_of(j));
            above = own_extents;
            last = j;
            j += 1;
        }
        if last > i {
            let top = header_lines_above(
                text,
                page,
                furniture,
                i..last + 1,
                runs.last().map_or(0, |r: &std::ops::Range<usize>| r.end),
                pitch,
                m,
            );
            // A short run of labels right above a table of figures whose
            // rows did not line up under it (labels centred over groups of
            // columns: `Total  Male  Female` over `Under 18  18 years`) is
            // that table's stacked header.
            let mut top = top;
            if let Some(prev) = runs.last() {
                let body = i..last + 1;
                // Up to two short lines between labels and rows (column
                // numbers `1  2=  3`, formulas `(3 to 6)+14`) are header too.
                let between = prev.end..top;
                let header_notes = between.len() <= 2
                    && lines[between.clone()]
                        .iter()
                        .all(|l| chunks(l, m).iter().all(|r| r.len() <= 2));
                if header_notes
                    && prev.len() <= 6
                    && lines[top].y - lines[prev.end - 1].y <= (2 + between.len()) as f32 * pitch
                    && first_figures(text, lines[prev.clone()].iter(), m).is_none()
                    && first_figures(text, lines[body.clone()].iter(), m)
                        .is_some_and(|f| f <= between.len().min(1))
                    && {
                        // Only when the labels split no column the rows
                        // do not split: they stand over the rows' columns.
                        let cols = |r: std::ops::Range<usize>| {
                            let ls: Vec<&TextLine> = lines[r].iter().collect();
                            separators(&ls, margin, m).len()
                        };
                        cols(prev.start..body.end) == cols(body)
                    }
                {
                    top = prev.start;
                    runs.pop();
                }
            }
            runs.push(top..last + 1);
        }
        i = last + 1;
    }
    // A chart's labels and values set as text (`Total   55` beside a bar)
    // line up like a table; its caption says what it is.
    let mut floor = 0;
    runs.retain(|r| {
        let chart = under_chart_caption(text, &lines[floor..r.start]);
        floor = r.end;
        !chart
    });
    runs
}

/// Whether a page's last text (furniture aside) is a table run's.
fn ends_in_run(page: &Page, furniture: &[bool], runs: &[std::ops::Range<usize>]) -> bool {
    let last = (0..page.lines.len())
        .rev()
        .find(|&k| !furniture[k] && !page.lines[k].words.is_empty());
    last.is_some_and(|k| runs.last().is_some_and(|r| r.contains(&k)))
}

/// A row cut by a page break on a page that repeats no header goes on at
/// the top of the page with only the cells it still fills: a few columns
/// (`Benefits (Quartile 1)`, `composted to 27% by March`, `August 2006.`),
/// too few for the rows below to line up with, open a run of their own; one
/// column (the progress comment) leaves plain lines. When nothing but
/// furniture stands above those lines, the table's rows follow them
/// straight on, and every chunk of them starts at a column start of the
/// rows below but not at the first column's (where a heading would stand),
/// they are the top of that table. Returns how many lines the tail adds.
fn join_page_top_tail(
    page: &Page,
    furniture: &[bool],
    runs: &mut Vec<std::ops::Range<usize>>,
    pitch: f32,
    m: Metrics,
) -> usize {
    let lines = &page.lines;
    let texted = |k: usize| !lines[k].words.is_empty() && !furniture[k];
    let Some(top) = (0..lines.len()).find(|&k| texted(k)) else {
        return 0;
    };
    // The rows the tail would join: the first run, or the second when the
    // tail is a run of its own.
    let Some(body) = runs
        .iter()
        .position(|r| r.start > top)
        .filter(|&b| b == 0 || (b == 1 && runs[0].start == top))
    else {
        return 0;
    };
    let tail: Vec<usize> = (top..runs[body].start).filter(|&k| texted(k)).collect();
    let body_start = runs[body].start;
    let joined = tail
        .iter()
        .copied()
        .chain(std::iter::once(body_start))
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| lines[w[1]].y - lines[w[0]].y <= 2.6 * pitch)
        && (top..body_start).all(|k| texted(k) || lines[k].words.is_empty());
    if !joined {
        return 0;
    }
    let starts: Vec<f32> = lines[runs[body].clone()]
        .iter()
        .flat_map(|l| chunks(l, m).into_iter().map(|r| l.words[r.start].x0))
        .collect();
    let first_column = starts.iter().copied().fold(f32::INFINITY, f32::min);
    let in_columns = tail.iter().all(|&k| {
        let l = &lines[k];
        let tol = m.snap * l.size;
        chunks(l, m).into_iter().all(|r| {
            let x = l.words[r.start].x0;
            x > first_column + tol && aligned(x, &starts, tol, m.indent * l.size)
        })
    });
    if !in_columns {
        return 0;
    }
    let end = runs[body].end;
    runs.drain(..body);
    runs[0] = top..end;
    body_start - top
}

/// A row cut by a page break whose tail stands alone at the top of the
/// next page, no rows following it straight on (a gap, then a heading and
/// another table): the lines from the page's first text on, up to a blank
/// line or the first line that is not the tail's, whose every chunk starts
/// at a column start of the table the page before ended in, but not at its
/// first column's (where a heading would stand), in a column whose last
/// text on that page is words, not figures (figures never wrap:
/// `DEMOCRATIC PARTY` over a page of vote counts is its heading). They go
/// on in that table's columns. `above` is that table's run of lines, split
/// by the first of `seps`; the tail's columns are the second (the same
/// columns as this page prints them).
fn lone_page_top_tail(
    page: &Page,
    furniture: &[bool],
    runs: &[std::ops::Range<usize>],
    above: &[TextLine],
    seps: (&Seps, &Seps),
    text: &str,
    m: Metrics,
) -> Option<std::ops::Range<usize>> {
    let (above_seps, seps) = seps;
    let lines = &page.lines;
    let top = (0..lines.len()).find(|&k| !lines[k].words.is_empty() && !furniture[k])?;
    let starts: Vec<f32> = seps.iter().map(|&(_, x)| x).collect();
    let first = *starts.first()?;
    // Whether column `c`'s last text in the table above is words.
    let wraps = |c: usize| {
        above
            .iter()
            .rev()
            .map(|l| by_column(l, above_seps, m).swap_remove(c))
            .find(|ws| !ws.is_empty())
            .is_some_and(|ws| {
                ws.iter()
                    .any(|w| !super::is_figure(&text[w.span.start..w.span.end]))
            })
    };
    // A chunk starts in a column at its first word, or at the word after
    // a list bullet hung left of the column's text.
    let in_columns = |l: &TextLine| {
        let tol = m.snap * l.size;
        chunks(l, m).into_iter().all(|r| {
            let lead = &l.words[r.start];
            let hung = r.len() >= 2 && is_list_marker(&text[lead.span.start..lead.span.end]);
            let at = |x: f32| {
                x >= first - tol
                    && aligned(x, &starts, tol, m.indent * l.size)
                    && wraps(column_of(x, seps, tol))
            };
            at(lead.x0) || (hung && at(l.words[r.start + 1].x0))
        })
    };
    let end = (top..lines.len())
        .find(|&k| {
            lines[k].words.is_empty()
                || furniture[k]
                || runs.iter().any(|r| r.contains(&k))
                || !in_columns(&lines[k])
        })
        .unwrap_or(lines.len());
    (end > top).then_some(top..end)
}

/// A line's words, each followed by a space: the same for two copies of a
/// line however the printer spaced them.
fn words_key(text: &str, l: &TextLine) -> String {
    let mut k = String::new();
    for w in &l.words {
        k.push_str(&text[w.span.start..w.span.end]);
        k.push(' ');
    }
    k
}

/// The most lines a repeated header is looked for in.
const HEAD_DEPTH: usize = 6;

/// Per page and run, how many of the run's first lines (none blank, at
/// most [`HEAD_DEPTH`]) read word for word as the first lines of another
/// run: the header a table repeats on every page. They are one band of
/// labels, whatever the lines under them do (a comment cut by the page
/// break going on in its column right under the repeated header, its
/// bullets no wrap of the header's label).
fn repeated_heads(
    text: &str,
    pages: &[Page],
    runs: &[Vec<std::ops::Range<usize>>],
) -> Vec<Vec<usize>> {
    let firsts: Vec<Vec<Vec<String>>> = pages
        .iter()
        .zip(runs)
        .map(|(page, runs)| {
            runs.iter()
                .map(|run| {
                    page.lines[run.clone()]
                        .iter()
                        .take(HEAD_DEPTH)
                        .take_while(|l| !l.words.is_empty())
                        .map(|l| words_key(text, l))
                        .collect()
                })
                .collect()
        })
        .collect();
    let all: Vec<(usize, usize, &Vec<String>)> = firsts
        .iter()
        .enumerate()
        .flat_map(|(p, rs)| rs.iter().enumerate().map(move |(r, ks)| (p, r, ks)))
        .collect();
    firsts
        .iter()
        .enumerate()
        .map(|(p, rs)| {
            rs.iter()
                .enumerate()
                .map(|(r, ks)| {
                    all.iter()
                        .filter(|&&(q, s, _)| (q, s) != (p, r))
                        .map(|(_, _, other)| {
                            ks.iter()
                                .zip(other.iter())
                                .take_while(|(a, b)| a == b)
                                .count()
                        })
                        .max()
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect()
}

/// The fewest labels (chunks) of a header line found again inside a run.
const HEADER_CHUNKS: usize = 3;

/// Lines right above a repeated header that a heading may take.
const HEADING_LINES: usize = 2;

/// On a character grid, a table's header printed again inside a run (after
/// a cut row's tail at a page's top, under a heading: `D: SAFER AND
/// STRONGER COMMUNITIES - CPA` over `AREA FOR  METHOD OF ...`), which the
/// grid gives no bold or gap to set apart, starts a run of its own: a line
/// of a few labels that reads word for word as the first line of another
/// run is that header, and the lines of one chunk right above it are a
/// heading, no line of either run.
fn split_at_repeated_heads(
    text: &str,
    pages: &[Page],
    runs: &mut [Vec<std::ops::Range<usize>>],
    m: Metrics,
) {
    let firsts: HashSet<String> = pages
        .iter()
        .zip(runs.iter())
        .flat_map(|(page, rs)| rs.iter().map(|r| words_key(text, &page.lines[r.start])))
        .collect();
    for (page, rs) in pages.iter().zip(runs.iter_mut()) {
        let mut split = Vec::with_capacity(rs.len());
        for run in rs.drain(..) {
            let mut start = run.start;
            for i in run.start + 1..run.end {
                if chunks(&page.lines[i], m).len() < HEADER_CHUNKS
                    || !firsts.contains(&words_key(text, &page.lines[i]))
                {
                    continue;
                }
                let above = (1..=HEADING_LINES)
                    .take_while(|&k| i - k > start && chunks(&page.lines[i - k], m).len() == 1)
                    .count();
                if i - above > start {
                    split.push(start..i - above);
                }
                start = i;
            }
            split.push(start..run.end);
        }
        *rs = split;
    }
}

/// Lines above a run searched for its caption.
const CAPTION_REACH: usize = 8;

/// Whether the nearest caption among the last lines of `above` names a
/// chart or figure (`Chart 4`, `Figure 2.1`, `Graph A`) rather than a
/// table (`Table 6`).
fn under_chart_caption(text: &str, above: &[TextLine]) -> bool {
    for l in above.iter().rev().take(CAPTION_REACH) {
        let line = text[l.span.start..l.span.end].trim_start_matches('\x0c');
        let mut words = line.split_whitespace();
        let (Some(kind), Some(label)) = (words.next(), words.next()) else {
            continue;
        };
        let numbered = label.starts_with(|c: char| c.is_ascii_digit())
            || label.len() == 1 && label.starts_with(|c: char| c.is_ascii_uppercase());
        if !numbered {
            continue;
        }
        match kind.to_ascii_lowercase().trim_end_matches([':', '.']) {
            "chart" | "figure" | "fig" | "graph" | "diagram" | "map" => return true,
            "table" => return false,
            _ => {}
        }
    }
    false
}

/// Whether a word is the unit a header line gives its figures (`£000`,
/// `($m)`, `€'000`), which reads like an amount but is a label.
fn is_unit(word: &str) -> bool {
    let inner = word.trim_start_matches('(').trim_end_matches(')');
    let amount = inner.trim_start_matches(['$', '£', '€', '¥']);
    amount.len() < inner.len() && ["000", "'000", "000s", "m", "k", "bn"].contains(&amount)
}

/// Where a table of figures starts its figures: the first of a run's lines
/// that holds a figure beside the first column, provided at least half of
/// the text lines from there on do (a council table's `2004/05` target
/// date makes no table of figures). Only such tables are known to have
/// their header end where the figures start.
fn first_figures<'l>(
    text: &str,
    lines: impl Iterator<Item = &'l TextLine>,
    m: Metrics,
) -> Option<usize> {
    let marks: Vec<Option<bool>> = lines
        .map(|l| {
            (!l.words.is_empty()).then(|| {
                chunks(l, m).into_iter().skip(1).any(|r| {
                    l.words[r]
                        .iter()
                        .all(|w| is_value_figure(&text[w.span.start..w.span.end]))
                })
            })
        })
        .collect();
    let first = marks.iter().position(|&n| n == Some(true))?;
    let (figures, all) = marks[first..]
        .iter()
        .flatten()
        .fold((0, 0), |(f, a), &n| (f + usize::from(n), a + 1));
    (figures >= 2 && 2 * figures >= all).then_some(first)
}

/// Whether a run is a page set in two or three columns of running text,
/// not a table: at most three columns, and at least two of them carry
/// prose, five or more words on most of their lines. Table cells wrap in
/// narrower columns, and tables of that few columns hold short values.
fn is_prose_columns(split: &[Vec<Vec<Word>>]) -> bool {
    let ncols = split.first().map_or(0, Vec::len);
    if !(2..=3).contains(&ncols) {
        return false;
    }
    let prose = (0..ncols)
        .filter(|&c| {
            let cells: Vec<usize> = split
                .iter()
                .map(|l| l[c].len())
                .filter(|&n| n > 0)
                .collect();
            cells.len() >= 3 && 2 * cells.iter().filter(|&&n| n >= 5).count() > cells.len()
        })
        .count();
    prose >= 2
}

/// The header rows of a table of figures: the lines above its first line
/// of figures, at most six and no blank among them, read as one header
/// band whatever their wrap (labels stacked, centred and staggered over
/// their columns). Lines at the top whose every chunk straddles a column
/// gap (`Involvement of pupils in` over three columns) head a group of
/// columns, not one: they stay lines of their own. Returns the range of
/// lines `(first header band line, first data line)`; empty when the run is
/// not a table of figures.
fn header_block(
    text: &str,
    lines: &[&TextLine],
    seps: &[(f32, f32)],
    figures_from: Option<usize>,
    m: Metrics,
) -> (usize, usize) {
    // Up to ten lines of labels: a ruled grid's header stacks group labels
    // over wrapped column labels (`Revenue` over `Medical &` / `Public` /
    // `Health`).
    let Some(first) =
        figures_from.filter(|&f| f <= 10 && lines[..f].iter().all(|l| !l.words.is_empty()))
    else {
        return capitals_header(text, lines, m);
    };
    let straddles = |l: &TextLine| {
        chunks(l, m).into_iter().all(|r| {
            let (a, b) = (l.words[r.start].x0, l.words[r.end - 1].x1);
            seps.iter()
                .any(|&(s, e)| a < (s + e) / 2.0 && b > (s + e) / 2.0)
        })
    };
    let start = lines[..first].iter().take_while(|l| straddles(l)).count();
    if start == first {
        return (0, 0);
    }
    (start, first)
}

/// A figure that is a value: not the unit or the year a header line gives
/// its column (`£000`, `2008/09`), which read like figures but are labels.
fn is_value_figure(word: &str) -> bool {
    super::is_figure(word) && !is_unit(word) && !is_year(word)
}

/// A year or financial year as a header labels its column (`2009`,
/// `2008/09`, `2008-09`).
pub(super) fn is_year(word: &str) -> bool {
    let b = word.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(b),
        7 => digits(&b[..4]) && matches!(b[4], b'/' | b'-') && digits(&b[5..]),
        _ => false,
    }
}

/// A header of short labels whose lines below add only more short labels
/// and units under its columns, the first column left empty (`Total` /
/// `Cost` / `£000` over figures): however little room the labels leave,
/// such lines are no row's wrapped text and no row of their own. Gives the
/// end of the header band (0 when the run opens otherwise).
fn label_lines(text: &str, lines: &[&TextLine], split: &[Vec<Vec<Word>>], m: Metrics) -> usize {
    let labels = |l: &TextLine, most: usize| {
        chunks(l, m).into_iter().all(|r| {
            let words: Vec<&str> = l.words[r]
                .iter()
                .map(|w| &text[w.span.start..w.span.end])
                .collect();
            words.len() <= most
                && !words.last().is_some_and(|w| w.ends_with(['.', ';', ':']))
                && !words.iter().all(|w| is_value_figure(w))
        })
    };
    let Some(head) = lines.first() else {
        return 0;
    };
    let first_is_code = split[0][0]
        .first()
        .is_some_and(|w| super::is_code(&text[w.span.start..w.span.end]));
    if head.words.is_empty() || first_is_code || !labels(head, 5) {
        return 0;
    }
    let more = (1..lines.len())
        .take_while(|&i| {
            !lines[i].words.is_empty()
                && split[i][0].is_empty()
                && labels(lines[i], 3)
                && lines[i]
                    .words
                    .iter()
                    .any(|w| is_unit(&text[w.span.start..w.span.end]))
        })
        .count();
    if more > 0 {
        1 + more
    } else {
        0
    }
}

/// A header in capitals wrapped over lines (`AREA FOR` over
/// `IMPROVEMENT`): the run's first line, of two or more chunks with capital
/// letters and no lower-case one, and the capital lines under it (at most
/// five) are one band. Lower case ends the header: the rows below speak in
/// it. (Scripts without case, such as Arabic, have no such headers.)
fn capitals_header(text: &str, lines: &[&TextLine], m: Metrics) -> (usize, usize) {
    let capitals = |l: &TextLine| {
        let words = || l.words.iter().map(|w| &text[w.span.start..w.span.end]);
        !l.words.is_empty()
            && words().any(|w| w.chars().any(char::is_uppercase))
            && words().all(|w| !w.chars().any(char::is_lowercase))
    };
    match lines.first() {
        Some(head) if capitals(head) && chunks(head, m).len() >= 2 => {
            let more = lines[1..]
                .iter()
                .take(5)
                .take_while(|l| capitals(l))
                .count();
            if more > 0 {
                (0, 1 + more)
            } else {
                (0, 0)
            }
        }
        _ => (0, 0),
    }
}

/// How far up a table reaches: the header labels stacked above a table of
/// figures' first multi-column line (`Number of` over `researchers per` over
/// `country (1)`, labels centred in their columns) are single narrow chunks
/// that miss the run's column starts. Lines directly above the run (no
/// wider gap than two lines') whose chunks are all narrow, centred within
/// the run's width and off the left margin (where headings and prose
/// start) belong to it.
fn header_lines_above(
    text: &str,
    page: &Page,
    furniture: &[bool],
    run: std::ops::Range<usize>,
    floor: usize,
    pitch: f32,
    m: Metrics,
) -> usize {
    let lines = &page.lines;
    // Over a table of words, only one line of two or more labels (`Project
    // Agency Institution`, each centred over its column) reaches up: a
    // single centred line there is more likely a caption.
    let (depth, labels) = if first_figures(text, lines[run.clone()].iter(), m).is_some() {
        (6, 1)
    } else {
        (1, 2)
    };
    let (x_lo, x_hi) = lines[run.clone()]
        .iter()
        .flat_map(|l| l.words.iter())
        .fold((f32::INFINITY, f32::MIN), |(a, b), w| {
            (a.min(w.x0), b.max(w.x1))
        });
    let mut top = run.start;
    while top > floor && run.start - top < depth {
        let (l, below) = (&lines[top - 1], &lines[top]);
        let tol = m.snap * l.size;
        let fits = !furniture[top - 1]
            && !l.words.is_empty()
            && below.y - l.y <= 2.0 * pitch
            && chunks(l, m).len() >= labels
            && (labels == 1 || over_distinct_chunks(l, &lines[run.start], m))
            && chunks(l, m).into_iter().all(|r| {
                let (a, b) = (l.words[r.start].x0, l.words[r.end - 1].x1);
                a > x_lo + tol && (a + b) / 2.0 <= x_hi && b - a <= 0.4 * (x_hi - x_lo)
            })
            // A lone line of some width centred on the whole table, stub
            // column included, is a caption (`ADULT WOMEN` under `Table 7
            // : ...`): a header label spans the columns it heads, and a
            // short one centred there (`Write` under `Read &`) heads one.
            && !(chunks(l, m).len() == 1 && {
                let (a, b) = (l.words[0].x0, l.words[l.words.len() - 1].x1);
                ((a + b) - (x_lo + x_hi)).abs() <= 2.0 * tol && b - a >= 0.15 * (x_hi - x_lo)
            });
        // Labels over every column of the run's first row, one over each
        // of its cells (`Apellido  Nombre  Matricula ...` over `MENA  JUAN
        // MARTÍN  27.083.460 ...`), the first at the table's left edge.
        let over_each = || {
            let (own, first) = (chunks(l, m), chunks(&lines[run.start], m));
            own.len() >= 3
                && own.len() == first.len()
                && own.iter().zip(&first).all(|(r, f)| {
                    let (a, b) = (l.words[r.start].x0, l.words[r.end - 1].x1);
                    let fl = &lines[run.start].words;
                    let (s, e) = (fl[f.start].x0, fl[f.end - 1].x1);
                    a < e && s < b
                })
        };
        let labels_over_cells =
            labels == 1 && !furniture[top - 1] && below.y - l.y <= 2.0 * pitch && over_each();
        if !fits && !labels_over_cells {
            break;
        }
        top -= 1;
    }
    top
}

/// Whether each chunk of `head` lies over exactly one chunk of `first`, and
/// no two over the same: labels over the cells of a table's first row, not
/// a caption over justified prose.
fn over_distinct_chunks(head: &TextLine, first: &TextLine, m: Metrics) -> bool {
    let extents = |l: &TextLine| -> Vec<(f32, f32)> {
        chunks(l, m)
            .into_iter()
            .map(|r| (l.words[r.start].x0, l.words[r.end - 1].x1))
            .collect()
    };
    let below = extents(first);
    let mut used = vec![false; below.len()];
    extents(head).into_iter().all(|(a, b)| {
        let mut over = below
            .iter()
            .enumerate()
            .filter(|(_, &(c, d))| b.min(d) > a.max(c));
        match (over.next(), over.next()) {
            (Some((k, _)), None) if !used[k] => {
                used[k] = true;
                true
            }
            _ => false,
        }
    })
}

/// The first lines of a run where a header's labels may span two columns.
const SPANNER_LINES: usize = 3;

/// Column separators of a run: `(start, end)` x ranges between columns.
fn separators(lines: &[&TextLine], margin: f32, m: Metrics) -> Vec<(f32, f32)> {
    let used: Vec<(&TextLine, Vec<std::ops::Range<usize>>)> = lines
        .iter()
        .map(|l| (*l, chunks(l, m)))
        .filter(|(l, c)| c.len() >= 2 || (c.len() == 1 && l.words[0].x0 > margin + m.snap * l.size))
        .collect();
    if used.is_empty() {
        return Vec::new();
    }
    let lo = used
        .iter()
        .map(|(l, _)| l.words[0].x0)
        .fold(f32::INFINITY, f32::min)
        .floor();
    let hi = used
        .iter()
        .map(|(l, _)| l.words[l.words.len() - 1].x1)
        .fold(0.0, f32::max)
        .ceil();
    let bins = (hi - lo).max(1.0) as usize;
    let mut coverage = vec![0usize; bins];
    for (l, cs) in &used {
        for r in cs {
            let a = (l.words[r.start].x0 - lo).floor().max(0.0) as usize;
            let b = ((l.words[r.end - 1].x1 - lo).ceil() as usize).min(bins);
            for c in &mut coverage[a..b] {
                *c += 1;
            }
        }
    }
    // Whitespace shared by all lines separates columns. A few lines may
    // bridge a gap (a long name printed into the next column, a header
    // whose labels are one space apart): the gap still separates when each
    // bridging chunk has a word starting at the gap's right edge.
    let tol = ((used.len() as f32) * 0.05).round().max(1.0) as usize;
    let mut seps = Vec::new();
    let mut k = 0;
    while k < bins {
        if coverage[k] > tol {
            k += 1;
            continue;
        }
        let start = k;
        while k < bins && coverage[k] <= tol {
            k += 1;
        }
        let (a, b) = (lo + start as f32, lo + k as f32);
        let inner = start > 0 && k < bins;
        let bridged = coverage[start..k].iter().any(|&c| c > 0);
        // Labels under a spanning label, one each side of the gap (`START`
        // and `END` under `OBLIGATION/SERVICE`): a line of the header below
        // it with a chunk ending before the gap and the next starting after.
        let sub_labels = |n: usize| {
            used.iter()
                .take(SPANNER_LINES + 1)
                .skip(n + 1)
                .any(|(l, cs)| {
                    cs.windows(2).any(|w| {
                        let (x1, x0) = (l.words[w[0].end - 1].x1, l.words[w[1].start].x0);
                        x1 <= a + 0.5 && x0 >= b - 0.5 && x0 - x1 <= 2.0 * (b - a)
                    })
                })
        };
        let bridges_ok = used.iter().enumerate().all(|(n, (l, cs))| {
            cs.iter().all(|r| {
                let (x0, x1) = (l.words[r.start].x0, l.words[r.end - 1].x1);
                let snap = m.snap * l.size;
                if x1 <= a || x0 >= b {
                    return true;
                }
                match (x0 < a, x1 > b) {
                    // Across the whole gap: a bridge, if the next column's
                    // text visibly starts inside it, or a one-word label
                    // of the header over both columns (`OBLIGATION/SERVICE`
                    // over `START  END`).
                    (true, true) => {
                        (n < SPANNER_LINES && r.len() == 1 && sub_labels(n))
                            || l.words[r.clone()]
                                .iter()
                                .any(|w| w.x0 > a && w.x0 <= b + snap)
                    }
                    // The left column's text running on, or the right
                    // column's hung out to the left.
                    (true, false) | (false, true) => true,
                    // Text wholly inside: a sparse column, not a gap.
                    (false, false) => false,
                }
            })
        });
        if inner && (!bridged || bridges_ok) {
            // Text that starts inside the gap and runs on into the next
            // column (a bullet hung out to the left) opens that column.
            let open = used
                .iter()
                .flat_map(|(l, cs)| {
                    cs.iter()
                        .map(move |r| (l.words[r.start].x0, l.words[r.end - 1].x1))
                })
                .filter(|&(x0, x1)| x0 > a && x0 < b && x1 > b)
                .map(|(x0, _)| x0)
                .fold(b, f32::min);
            seps.push((a, open));
            continue;
        }
        // Not a clean gap: its stretches of pure whitespace may still be.
        let mut j = start;
        while j < k {
            if coverage[j] == 0 {
                let z = j;
                while j < k && coverage[j] == 0 {
                    j += 1;
                }
                if z > 0 && j < bins {
                    seps.push((lo + z as f32, lo + j as f32));
                }
            } else {
                j += 1;
            }
        }
    }
    // A separator is real when lines show a wide gap across it: one line
    // (the header, say, on a page whose rows leave those columns empty)
    // when no text at all crosses the gap (a channel of a column gap's
    // width that nothing covers), else two.
    let channel = used
        .iter()
        .map(|(l, _)| m.chunk_gap * l.size)
        .fold(f32::INFINITY, f32::min)
        .max(1.0) as usize;
    let clean = |s: f32, e: f32| {
        let (a, b) = ((s - lo) as usize, ((e - lo) as usize).min(bins));
        let mut run = 0;
        coverage[a..b].iter().any(|&c| {
            run = if c == 0 { run + 1 } else { 0 };
            run >= channel
        })
    };
    seps.retain(|&(s, e)| {
        let need = if used.len() <= 3 || clean(s, e) { 1 } else { 2 };
        used.iter()
            .filter(|(l, cs)| {
                cs.windows(2).any(|w| {
                    l.words[w[0].end - 1].x1 <= e + 0.5 && l.words[w[1].start].x0 >= s - 0.5
                })
            })
            .count()
            >= need
    });
    if m.squeezed {
        seps.extend(aligned_edges(&used, &seps, m));
        seps.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    seps
}

/// The most lines of a run whose columns its header's labels place.
const SHORT_RUN: usize = 4;

/// A table repeats its header on every page, and its columns with it: a
/// label start that is a column edge (the right end of a separator) under
/// one copy of a header line is an edge under every copy, though a page
/// whose rows all run two cells together (`18 MTCS/CORP CORP` under `Ref
/// Dept.`) shows no gap there. Runs are matched by their first line's
/// words (the printer's spacing between them differs from page to page),
/// and an edge is known by the word that opens it: each copy puts it where
/// its own copy of that word starts.
fn share_header_edges(
    text: &str,
    pages: &[Page],
    runs: &[Vec<std::ops::Range<usize>>],
    seps: &mut [Vec<Vec<(f32, f32)>>],
    m: Metrics,
) {
    // Each run's first line: its words, the key runs share.
    let key = |l: &TextLine| words_key(text, l);
    let heads: Vec<Vec<(&TextLine, String)>> = pages
        .iter()
        .zip(runs)
        .map(|(page, runs)| {
            runs.iter()
                .map(|run| {
                    let l = &page.lines[run.start];
                    (l, key(l))
                })
                .collect()
        })
        .collect();
    // The words (by index) of a header line that start a column edge, and
    // those that head a column starting a few characters right of them
    // (labels squeezed one space apart: `METHOD OF IMPROVEMENT TARGET`,
    // `TARGET` over figures six characters right).
    let mut edges: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut heading: HashMap<&str, Vec<usize>> = HashMap::new();
    for (heads, seps) in heads.iter().zip(seps.iter()) {
        for ((l, key), seps) in heads.iter().zip(seps) {
            let known = edges.entry(key.as_str()).or_default();
            for i in chunks(l, m).into_iter().skip(1).map(|r| r.start) {
                let x = l.words[i].x0;
                if seps.iter().any(|&(_, e)| (e - x).abs() <= m.snap) && !known.contains(&i) {
                    known.push(i);
                }
            }
            let over = heading.entry(key.as_str()).or_default();
            for &(_, e) in seps.iter() {
                let left = l.words.iter().rposition(|w| w.x0 <= e + m.snap);
                if let Some(i) = left.filter(|&i| {
                    i > 0 && e - l.words[i].x0 <= 2.0 * m.drift * l.size && !over.contains(&i)
                }) {
                    over.push(i);
                }
            }
        }
    }
    // A label start inside a gap has its separator already (wherever the
    // gap ends); one that text of this run covers is hidden. A run of a
    // header and a line or two under it (a cut row's tail atop a page)
    // shows too little to place its columns: its labels head them.
    let near = |x: f32, seps: &[(f32, f32)]| seps.iter().any(|&(a, b)| x >= a && x <= b + m.snap);
    for (((heads, seps), runs), page) in heads.iter().zip(seps.iter_mut()).zip(runs).zip(pages) {
        for (((l, key), seps), run) in heads.iter().zip(seps).zip(runs) {
            let known = edges.get(key.as_str()).into_iter().flatten();
            let short = page.lines[run.clone()]
                .iter()
                .filter(|l| !l.words.is_empty())
                .count()
                <= SHORT_RUN;
            let labels = heading
                .get(key.as_str())
                .filter(|_| short)
                .into_iter()
                .flatten();
            let mut missing: Vec<f32> = known
                .chain(labels)
                .map(|&i| l.words[i].x0)
                .filter(|&x| !near(x, seps))
                .collect();
            missing.sort_by(f32::total_cmp);
            missing.dedup();
            if missing.is_empty() {
                continue;
            }
            seps.extend(missing.into_iter().map(|x| (x - 1.0, x)));
            seps.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
    }
}

/// Column edges that no whitespace shows: a printer that squeezes columns
/// to a single space (`CPA CORP 1 Deliver sickness`) still starts the
/// wrapped lines of a column at its left edge, after a wide gap or at the
/// start of the line. An edge is a cluster of such chunk starts (positions
/// at most a hanging indent apart, so a bullet and its indented tail are one
/// edge; a column's edge also wanders by [`Metrics::drift`] between rows)
/// that at least two lines also show as a word with text to its left
/// on the same line (up to the drift left of the cluster: a label squeezed
/// against the one before it, `Ref Dept.`, stands a little left of its
/// values): lines indented from the margin (a legend, a quote)
/// have nothing to their left, and repeated multi-word values (`CPA CORP
/// 1`, `CPA CORP 2`) start no chunks.
fn aligned_edges(
    used: &[(&TextLine, Vec<std::ops::Range<usize>>)],
    seps: &[(f32, f32)],
    m: Metrics,
) -> Vec<(f32, f32)> {
    let mut starts: Vec<f32> = used
        .iter()
        .flat_map(|(l, cs)| cs.iter().map(move |r| l.words[r.start].x0))
        .collect();
    starts.sort_by(f32::total_cmp);
    let mut edges: Vec<(f32, f32)> = Vec::new();
    let mut k = 0;
    while k < starts.len() {
        let lo = starts[k];
        let mut hi = lo;
        let mut n = 0;
        while k < starts.len() && starts[k] - hi <= m.indent.max(m.drift) {
            hi = starts[k];
            n += 1;
            k += 1;
        }
        let beside = used
            .iter()
            .filter(|(l, _)| {
                l.words
                    .iter()
                    .skip(1)
                    .any(|w| w.x0 >= lo - m.drift && w.x0 <= hi)
            })
            .count();
        let known = seps
            .iter()
            .any(|&(a, b)| lo >= a - m.snap && lo <= b + m.indent);
        if n >= 2 && beside >= 2 && !known {
            edges.push((lo - 1.0, lo));
        }
    }
    // A header label no data line opens still marks an edge when the rows
    // run their cells across it with one space: two or more rows' chunks
    // cover it, and (nearly) every one has a word starting at it or a little
    // left of it, where a squeezed cell lands (`26 MTCS/CORP HTW` under
    // `Ref  Dept.`). A label centred over its column is covered by values
    // that start at the column's edge and has no such word inside them.
    if let Some((head, cs)) = used.first() {
        for r in cs.iter().skip(1) {
            let x = head.words[r.start].x0;
            let taken = |&(a, b): &(f32, f32)| x >= a - m.snap && x <= b + m.indent;
            if seps.iter().any(taken) || edges.iter().any(taken) {
                continue;
            }
            let (mut covering, mut inner) = (0, 0);
            for (l, lcs) in &used[1..] {
                for lr in lcs {
                    let ws = &l.words[lr.clone()];
                    if ws[0].x0 >= x - m.snap || ws[ws.len() - 1].x1 <= x {
                        continue;
                    }
                    covering += 1;
                    let near = |w: &&Word| w.x0 >= x - 2.0 * m.drift && w.x0 <= x + m.snap;
                    inner += usize::from(ws[1..].iter().any(|w| near(&w)));
                }
            }
            if inner >= 2 && inner * 5 >= covering * 4 {
                edges.push((x - 1.0, x));
            }
        }
    }
    edges
}

/// A line's words split by column, chunk by chunk: a chunk (words closer
/// than a column gap) belongs to the column where it starts, unless it runs
/// across the left edge of a later column that a word boundary inside it
/// can stand for (columns squeezed to one space). A printer places the words
/// of a squeezed chunk one space apart, so the word that starts the next
/// column may stand a few characters off its edge either way; it is the word
/// start nearest the edge among those whose left part ends before the edge
/// (the left column's text never runs into the next column's edge unless it
/// pushes the next column's text to the right).
fn split_chunks(l: &TextLine, seps: &[(f32, f32)], m: Metrics) -> Vec<Vec<Word>> {
    let mut cols = vec![Vec::new(); seps.len() + 1];
    let reach = 2.0 * m.drift * l.size;
    for r in chunks(l, m) {
        let words = &l.words[r];
        let mut col = column_of(words[0].x0, seps, m.snap * l.size);
        let mut from = 0;
        // Only a chunk that runs well into the next column is squeezed; a
        // line a little longer than the others is not.
        while col < seps.len() && words[words.len() - 1].x1 >= seps[col].1 + m.drift * l.size {
            let edge = seps[col].1;
            let best = (from + 1..words.len())
                .filter(|&k| (words[k].x0 - edge).abs() <= reach)
                .min_by(|&a, &b| {
                    let key = |k: usize| (words[k - 1].x1 > edge, (words[k].x0 - edge).abs());
                    let (ka, kb) = (key(a), key(b));
                    ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
                });
            let Some(k) = best else { break };
            cols[col].extend_from_slice(&words[from..k]);
            from = k;
            col += 1;
        }
        cols[col].extend_from_slice(&words[from..]);
    }
    cols
}

/// A column edge of a run on a character grid. A printer that rounds
/// proportional text to the grid (`pdftotext -layout`) places each row's
/// cells just right of the widest text to their left in that row, so one
/// column may start a few characters apart on different rows of a page.
#[derive(Debug, Clone)]
struct Edge {
    /// The separator as [`separators`] gives it, at the left-most start.
    sep: (f32, f32),
    /// Every start the column was seen at (the separators merged into
    /// it), left to right.
    seen: Vec<f32>,
}

impl Edge {
    /// The right-most start the column was seen at.
    fn last(&self) -> f32 {
        self.seen[self.seen.len() - 1]
    }
}

/// Whether a line has a chunk (text after a column gap, or at the line's
/// start) starting at a column edge `x` (or a little right of it, as the
/// text after a hanging bullet does), after word `after`.
fn opens(l: &TextLine, x: f32, after: Option<usize>, m: Metrics) -> Option<usize> {
    let from = after.map_or(0, |k| k + 1);
    (from..l.words.len()).find(|&k| {
        let w = &l.words[k];
        w.x0 >= x - m.snap
            && w.x0 <= x + m.drift
            && (k == 0 || w.x0 - l.words[k - 1].x1 >= m.chunk_gap * l.size)
    })
}

/// Squeezed mode: neighbouring separators a few characters apart that no
/// line opens both are one column edge placed differently on different
/// rows; two real columns show both starts (chunks after a gap) on rows
/// that fill both.
fn drifting_edges(lines: &[&TextLine], seps: &[(f32, f32)], headed: bool, m: Metrics) -> Vec<Edge> {
    let mut edges: Vec<Edge> = Vec::new();
    for (i, &sep) in seps.iter().enumerate() {
        if let Some(e) = edges.last_mut() {
            let near = sep.1 - e.last() <= 3.0 * m.drift;
            let both = |x: f32| {
                lines.iter().any(|l| {
                    let left = opens(l, x, None, m);
                    left.is_some() && opens(l, sep.1, left, m).is_some()
                })
            };
            // A column pushed further off its edge on a few rows (its
            // text starting a dozen characters left where the cells before
            // it ran long) is known by the header the run repeats (its
            // first line): the label stands over the usual place, none over
            // the other.
            let labels = |x: f32| {
                headed
                    && lines.first().is_some_and(|h| {
                        h.words
                            .iter()
                            .any(|w| w.x0 >= x - m.snap && w.x0 <= x + m.drift)
                    })
            };
            let pushed = sep.1 - e.last() <= 6.0 * m.drift
                && labels(sep.1)
                && !e.seen.iter().any(|&x| labels(x));
            // So is a label the header printed left of its column (its
            // second line ran long: `METHOD OF` over `IMPROVEMENT
            // IMPROVEMENT`, the cells a dozen characters right): an edge
            // that only the header opens, then one that only rows do and
            // that is not the next label's column pushed left.
            let label_only =
                |x: f32| labels(x) && lines.iter().skip(1).all(|l| opens(l, x, None, m).is_none());
            let next_pushed = seps
                .get(i + 1)
                .is_some_and(|n| n.1 - sep.1 <= 6.0 * m.drift && labels(n.1));
            let pushed_label = sep.1 - e.last() <= 6.0 * m.drift
                && !labels(sep.1)
                && !next_pushed
                && e.seen.iter().all(|&x| label_only(x));
            if (near || pushed || pushed_label) && !e.seen.iter().any(|&x| both(x)) {
                e.seen.push(sep.1);
                continue;
            }
        }
        edges.push(Edge {
            sep,
            seen: vec![sep.1],
        });
    }
    edges
}

/// Where one band's columns start: per edge, the word start (near where
/// the edge was seen) that the most lines of the band share and that no
/// word of the band runs across; the band's cells are left-aligned there.
/// An edge that no line of the band opens keeps its run-wide place and
/// takes words that start a little left of it, as [`column_of`] does. A
/// word one space after the text before it opens the next column when it
/// starts inside the channel the rows leave clear and runs on into the
/// column: in a `header` band any label (`Variance Comments`), in a row a
/// word that does not go on in lower case (`... priming V. Bramley`, not
/// `... injured on the`). The first two columns are left to the column
/// profile, which parts a REF from the cell run against it.
fn band_cuts(
    text: &str,
    band: &[&TextLine],
    edges: &[Edge],
    header: bool,
    m: Metrics,
) -> Vec<(f32, f32)> {
    let mut cuts = Vec::with_capacity(edges.len());
    let mut prev = f32::MIN;
    for (n, e) in edges.iter().enumerate() {
        // A column's cells start before the gap in front of the next one.
        let next = edges.get(n + 1).map_or(f32::INFINITY, |x| x.sep.0);
        // No word runs across a column's start, but the last word of a
        // chunk may overrun it by a rounding slip (`quarter at` ending a
        // character into the next column's place, nothing after it).
        let free = |x: f32| {
            band.iter().all(|l| {
                l.words.iter().enumerate().all(|(k, w)| {
                    let ends_chunk = l
                        .words
                        .get(k + 1)
                        .is_none_or(|n| n.x0 - w.x1 >= m.chunk_gap * l.size);
                    w.x0 >= x || w.x1 <= x || (ends_chunk && w.x1 <= x + m.snap * l.size)
                })
            })
        };
        let starts = |x: f32| {
            band.iter()
                .filter(|l| l.words.iter().any(|w| w.x0 == x))
                .count()
        };
        let mut best: Option<(usize, f32, f32)> = None;
        for l in band {
            for r in chunks(l, m) {
                for k in r.clone() {
                    let x = l.words[k].x0;
                    // A chunk may also start a little further left when it
                    // runs on well into the column (`Local vision for
                    // housing` pushed left by the cell before it).
                    // So may a short chunk set apart after text on its
                    // line, when it fits short of the next column (`...
                    // level 81 of the     14%`): a wide gap inside one
                    // cell's line is rarer than a cell printed off its edge.
                    let apart = r.start > 0 && l.words[r.end - 1].x1 < next - m.snap;
                    let reach =
                        if r.start > 0 && l.words[r.end - 1].x1 >= e.sep.1 + m.drift * l.size {
                            2.0 * m.drift * l.size
                        } else if apart {
                            3.0 * m.drift * l.size
                        } else {
                            m.snap
                        };
                    let within = k == r.start
                        && x >= e.sep.1 - reach
                        && x <= (e.last() + 2.0 * m.drift * l.size).min(next - m.snap);
                    // A squeezed chunk splits as in [`split_chunks`].
                    let squeezed = k > r.start
                        && (e.seen.iter().any(|&s| {
                            (x - s).abs() <= 2.0 * m.drift * l.size
                                && l.words[k - 1].x1 <= s
                                && l.words[r.end - 1].x1 >= s + m.drift * l.size
                        }) || (x >= e.sep.0 + m.space * l.size
                            && x < e.sep.1
                            && l.words[k].x1 > e.sep.1
                            && (header || (n >= 2 && !starts_lower(text, &l.words[k])))));
                    if x <= prev + 1.0 || !(within || squeezed) || !free(x) {
                        continue;
                    }
                    let off = e
                        .seen
                        .iter()
                        .map(|&s| (x - s).abs())
                        .fold(f32::INFINITY, f32::min);
                    let cand = (starts(x), off, x);
                    let better = best.is_none_or(|b| {
                        cand.0 > b.0 || (cand.0 == b.0 && (cand.1, cand.2) < (b.1, b.2))
                    });
                    if better {
                        best = Some(cand);
                    }
                }
            }
        }
        // A cell's block starts at its left-most text: a bullet hangs out
        // left of the text the lines below it share.
        let best = best.map(|(_, _, x)| {
            band.iter()
                .flat_map(|l| {
                    l.words.iter().enumerate().filter(move |&(k, w)| {
                        w.x0 < x
                            && w.x0 >= x - m.indent * l.size
                            && (k == 0 || w.x0 - l.words[k - 1].x1 >= m.chunk_gap * l.size)
                    })
                })
                .map(|(_, w)| w.x0)
                .filter(|&x| x > prev + 1.0 && free(x))
                .fold(x, f32::min)
        });
        let cut = best.map_or((e.sep.1, m.snap), |x| (x, 0.0));
        prev = cut.0;
        cuts.push(cut);
    }
    cuts
}

/// Whether a word starts in lower case (goes on with the text before it).
fn starts_lower(text: &str, w: &Word) -> bool {
    text[w.span.start..w.span.end].starts_with(char::is_lowercase)
}

/// A line's words split at a band's cuts `(x, tolerance)`. A word one
/// space after the text before it crosses a cut with that text only when
/// their chunk runs well into the next column, as in [`split_chunks`]:
/// `... injured on the` ending a character past the cut is one cell.
///
/// A chunk set apart after text of its own column on the line, that starts
/// left of a cut and runs well across it (`Achieve the percentage of
/// 66 children`, where the wrapped lines below push the cut right), is the
/// next column's cell: one cell's line rarely holds a wide gap.
fn cut_line(l: &TextLine, cuts: &[(f32, f32)], m: Metrics) -> Vec<Vec<Word>> {
    let mut cols = vec![Vec::new(); cuts.len() + 1];
    let column = |x: f32| cuts.iter().take_while(|&&(c, tol)| x >= c - tol).count();
    let mut last = None;
    for r in chunks(l, m) {
        let end = l.words[r.end - 1].x1;
        let first = column(l.words[r.start].x0);
        let lift = last == Some(first)
            && cuts
                .get(first)
                .is_some_and(|&(x, _)| end >= x + m.drift * l.size);
        let mut col = 0;
        for (k, w) in l.words[r.clone()].iter().enumerate() {
            let at = column(w.x0);
            if k == 0 {
                col = if lift { first + 1 } else { at };
            } else if at > col && end >= cuts[at - 1].0 + m.drift * l.size {
                col = at;
            }
            cols[col].push(w.clone());
        }
        last = Some(col);
    }
    cols
}

/// The column a word starting at `x` belongs to.
fn column_of(x: f32, seps: &[(f32, f32)], snap: f32) -> usize {
    seps.iter().take_while(|&&(_, e)| x >= e - snap).count()
}

/// One text line's words split by column.
fn by_column(l: &TextLine, seps: &[(f32, f32)], m: Metrics) -> Vec<Vec<Word>> {
    let mut cols = vec![Vec::new(); seps.len() + 1];
    for w in &l.words {
        cols[column_of(w.x0, seps, m.snap * l.size)].push(w.clone());
    }
    cols
}

/// Whether a word is a bullet or dash that starts a list item.
fn is_list_marker(word: &str) -> bool {
    word.starts_with([
        '•', '·', '▪', '-', '–', '−', '*', '\u{f0b7}', '\u{f0a7}', 'o',
    ]) && word.chars().count() <= 2
}

/// On a character grid a narrow first column (a REF) looks wrapped on every
/// line; its text goes on to the next line only when that line starts in
/// lower case, or the line above left it open (a bare number waiting for
/// its code, not another number; a bare code in capitals waiting for its
/// number, `NI` over `168` or, under a row rather than the run's header
/// (`labels`), `CPA` over `CHS 1`; a trailing `/`, `-`, `,`, `&`, `and`,
/// `of`), or it opens with a joining dash or slash glued to its word
/// (`1. CPA` over `–CEX`).
fn first_column_goes_on(above: &[Word], cur: &[Word], labels: bool, text: &str) -> bool {
    let (Some(last), Some(first)) = (above.last(), cur.first()) else {
        return false;
    };
    let last = &text[last.span.start..last.span.end];
    let first = &text[first.span.start..first.span.end];
    let mut chars = first.chars();
    let glued_joiner = matches!(chars.next(), Some('–' | '—' | '-' | '/' | '&'))
        && chars.next().is_some_and(char::is_alphanumeric);
    glued_joiner
        || first.chars().next().is_some_and(char::is_lowercase)
        || (above.len() == 1
            && super::is_figure(last)
            && looks_coded(first)
            && !super::is_figure(first))
        || (above.len() == 1
            && last.len() >= 2
            && last.bytes().all(|b| b.is_ascii_uppercase())
            && (first.starts_with(|c: char| c.is_ascii_digit())
                || (!labels
                    && cur.len() <= 2
                    && looks_coded(first)
                    && cur
                        .iter()
                        .any(|w| super::is_code(&text[w.span.start..w.span.end])))))
        || last.ends_with(['/', '-', ',', '&'])
        || ["and", "of", "the", "for", "to", "&"].contains(&last)
}

/// Whether a word reads like the code part of a REF (`MTCS/EAT`, `CPA`,
/// `–CEX`, `LAA7`): a slash, a digit, or capitals only. A bare number
/// waits for such a code on the line below; a capitalised word there
/// (`Financial Management` under `2`) is a group label, not its code.
fn looks_coded(word: &str) -> bool {
    word.contains('/')
        || super::is_code(word)
        || (word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase))
}

/// Whether a cell's text on line `cur` can be the wrapped tail of its text
/// on the line above: there was text above, and the first word would not
/// have fitted after it (or it starts a list item).
fn wraps(above: &[Word], cur: &[Word], limit: f32, text: &str, size: f32, m: Metrics) -> bool {
    let (Some(last), Some(first)) = (above.last(), cur.first()) else {
        return false;
    };
    if is_list_marker(&text[first.span.start..first.span.end]) {
        return true;
    }
    // Numbers do not wrap: a number under a number is the next row's. Nor
    // do codes: one word with a digit under another (`C1` over `C2`).
    let numeric = |ws: &[Word]| {
        ws.iter()
            .all(|w| super::is_figure(&text[w.span.start..w.span.end]))
    };
    let code = |ws: &[Word]| matches!(ws, [w] if super::is_code(&text[w.span.start..w.span.end]));
    if (numeric(above) && numeric(cur)) || (code(above) && code(cur)) {
        return false;
    }
    // Nor do whole dates: a short one ending in its year under a line that
    // ends in a year is the next row's (`30th September 2009` under
    // `Summer exams 2008`).
    let ends_in_year = |ws: &[Word]| {
        ws.last()
            .is_some_and(|w| is_year(&text[w.span.start..w.span.end]))
    };
    if ends_in_year(above) && ends_in_year(cur) && cur.len() <= 3 && !starts_lower(text, first) {
        return false;
    }
    // `limit` is at most the widest text seen in the column, a lower bound
    // of the cell's width: a word that ends within it would have fitted.
    last.x1 + m.space * size + (first.x1 - first.x0) > limit
}

#[allow(clippy::too_many_arguments)]
fn plan_run<'p>(
    text: &str,
    page: &'p Page,
    run: std::ops::Range<usize>,
    seps: Vec<(f32, f32)>,
    head: usize,
    pitch: f32,
    m: Metrics,
    profile: Option<&Profile>,
) -> Plan<'p> {
    let lines: Vec<&TextLine> = page.lines[run].iter().collect();
    let edges = if m.squeezed {
        drifting_edges(&lines, &seps, head > 0, m)
    } else {
        Vec::new()
    };
    let seps: Vec<(f32, f32)> = if m.squeezed {
        edges.iter().map(|e| e.sep).collect()
    } else {
        seps
    };
    let mut split: Vec<Vec<Vec<Word>>> = lines
        .iter()
        .map(|l| {
            if m.squeezed {
                split_chunks(l, &seps, m)
            } else {
                by_column(l, &seps, m)
            }
        })
        .collect();
    if let Some(p) = profile {
        // A REF run together with the next cell moves apart before rows
        // are found, and a wrapped line aligned under the moved cell
        // follows it rather than start a row of its own. (Other cells are
        // mended band by band, once rows are known.)
        for i in 0..lines.len() {
            if split[i][0].is_empty() {
                continue;
            }
            for mv in p.resplit(text, lines[i], &mut split[i], 1, &[], &[], m) {
                let snap = m.snap * lines[i].size;
                for j in i + 1..lines.len() {
                    if !carry(lines[j], &mut split[j], mv, snap, m) {
                        break;
                    }
                }
            }
        }
    }
    let ncols = seps.len() + 1;
    if is_prose_columns(&split) {
        let items = (0..lines.len()).map(Item::Plain).collect();
        return Plan { lines, items };
    }
    // A column's width: the widest text of real table rows (two or more
    // cells), not of group rows or headings that run across columns (in
    // type set freely, two pieces, the first running past the next
    // column's start: `Community Safety` in bold over a REF column).
    let across = |cols: &Vec<Vec<Word>>| {
        !m.squeezed
            && cols.iter().filter(|c| !c.is_empty()).count() == 2
            && cols
                .iter()
                .zip(&seps)
                .any(|(ws, &(_, next))| ws.last().is_some_and(|w| w.x1 > next))
    };
    let mut right = vec![f32::MIN; ncols];
    let mut left = vec![f32::INFINITY; ncols];
    for cols in split
        .iter()
        .filter(|cols| cols.iter().filter(|c| !c.is_empty()).count() >= 2 && !across(cols))
    {
        for (c, ws) in cols.iter().enumerate() {
            if let Some(w) = ws.last() {
                right[c] = right[c].max(w.x1);
                left[c] = left[c].min(ws[0].x0);
            }
        }
    }
    // Ruling lines across most of the run's width separate its rows, and
    // so does one under the first column's cell, though cells to its right
    // span that row and the next (`Delhi` and `Rajasthan` each ruled off
    // in the state column, their figures in one cell).
    let (x_lo, x_hi) = lines
        .iter()
        .flat_map(|l| l.words.iter())
        .fold((f32::INFINITY, f32::MIN), |(a, b), w| {
            (a.min(w.x0), b.max(w.x1))
        });
    let first_right = right.first().copied().unwrap_or(f32::MAX);
    let wide = |a: f32, b: f32| b.min(x_hi) - a.max(x_lo) >= 0.5 * (x_hi - x_lo);
    let rules: Vec<f32> = page
        .rules
        .iter()
        .filter(|&&(_, a, b)| wide(a, b))
        .map(|&(y, _, _)| y)
        .collect();
    let first_rules: Vec<f32> = page
        .rules
        .iter()
        .filter(|&&(_, a, b)| {
            !wide(a, b) && ncols >= 3 && a <= x_lo && b >= first_right && b < x_hi
        })
        .map(|&(y, _, _)| y)
        .collect();
    // Where each text line would start a new row: at a ruling line between
    // it and the line above, or (`natural`) at a wide vertical gap or a cell
    // whose text cannot be the wrapped tail of the cell above.
    // A first column of wrapped prose (`Respond to Children's` / `Trust
    // requirements`; a fifth or more of its words in lower case, where a
    // REF column has none) is judged by width: a line whose first word
    // would not have fitted after the text above, short of the next column,
    // is that text's wrapped tail, whatever its case.
    let first_words = split.iter().flat_map(|cols| cols[0].iter());
    let (lower, all) = first_words.fold((0usize, 0usize), |(lo, n), w| {
        let first = text[w.span.start..w.span.end].chars().next();
        (
            lo + usize::from(first.is_some_and(char::is_lowercase)),
            n + 1,
        )
    });
    // So is a first column of title-case names with no codes in it
    // (`Develop Partnership` over `Strategy`): a REF column has a digit on a
    // quarter of its lines or more.
    let coded = split
        .iter()
        .filter(|cols| !cols[0].is_empty())
        .map(|cols| {
            cols[0]
                .iter()
                .any(|w| super::is_code(&text[w.span.start..w.span.end]))
        })
        .fold((0usize, 0usize), |(d, n), digit| {
            (d + usize::from(digit), n + 1)
        });
    let prose_first = all > 0 && (5 * lower >= all || 4 * coded.0 < coded.1);
    let fits_first =
        |above: &[Word], cur: &[Word], size: f32| match (above.last(), cur.first(), seps.first()) {
            (Some(a), Some(w), Some(s)) if prose_first => {
                // On a grid the widths are rough, as for the other columns.
                let slack = if m.squeezed {
                    0.25 * (s.1 - left[0])
                } else {
                    0.0
                };
                a.x1 + m.space * size + (w.x1 - w.x0) <= s.1 - m.chunk_gap * size - slack
            }
            _ => true,
        };
    // On a grid a REF's widths are too rough to tell a wrap: a REF left
    // open below the run's header (`NI` over `128`, `CPA` over `CHS 1`)
    // goes on however much room the grid shows after it.
    let ref_goes_on = |a: usize, above: &[Word], cur: &[Word]| {
        m.squeezed
            && !prose_first
            && a >= head.max(1)
            && first_column_goes_on(above, cur, false, text)
    };
    // Whether line `b` starts a new row below line `a`, their words split
    // into columns `sa` and `sb`, a cell's text wrapping past `limit`.
    let judge = |a: usize,
                 b: usize,
                 sa: &[Vec<Word>],
                 sb: &[Vec<Word>],
                 limit: &dyn Fn(usize, f32) -> f32|
     -> bool {
        let (above, l) = (lines[a], lines[b]);
        // Under the run's first line (its header), a line that fills the
        // first column and three more that the header fills too is the
        // first row, however short its words; unless the first line is a
        // row whose first cell waits for the rest (a page repeating no
        // header opens with `2.` over `MTCS/EAT`).
        let refilled = (0..ncols)
            .filter(|&c| !sb[c].is_empty() && !sa[c].is_empty())
            .count();
        // On a character grid a first column whose text goes on in lower
        // case under text of its own (`Improve customer` over
        // `satisfaction`) holds the row together, whatever the rough widths
        // of the columns say: proportional text printed on a grid wraps
        // where its grid width would have fitted a word more (`Improve the`
        // over `condition of principal`).
        let first_goes_on =
            m.squeezed && !sb[0].is_empty() && starts_lower(text, &sb[0][0]) && !sa[0].is_empty();
        // Nor, in a first column of text, does a word that only just fits
        // by the grid's rough widths outweigh another cell going on: in
        // lower case (`drafted and consulted ...` beside `Young People
        // Service` under `A new Childrens and`), or closing a parenthesis
        // the line above left open (`Pettifer)` under `Philip Mulhearn (L.`).
        let lower_elsewhere = m.squeezed
            && prose_first
            && (1..ncols).any(|c| {
                !sa[c].is_empty()
                    && sb[c]
                        .first()
                        .is_some_and(|w| starts_lower(text, w) || paren_depth(text, &sa[c]) > 0)
            });
        let first_fresh = |c: usize| {
            if c == 0 && lower_elsewhere {
                fits_first(&sa[0], &sb[0], l.size)
            } else {
                !wraps(&sa[c], &sb[c], limit(c, l.size), text, l.size, m)
            }
        };
        l.y - above.y > 1.25 * pitch
            || (a == 0
                && b == 1
                && !m.squeezed
                && !sb[0].is_empty()
                && refilled >= 4
                && !first_column_goes_on(&sa[0], &sb[0], a < head.max(1), text))
            || (!first_goes_on
                && (0..ncols).any(|c| {
                    !sb[c].is_empty()
                        && ((first_fresh(c) && !(c == 0 && ref_goes_on(a, &sa[0], &sb[0])))
                            || (m.squeezed
                                && c == 0
                                && fits_first(&sa[0], &sb[0], l.size)
                                && !first_column_goes_on(&sa[c], &sb[c], a < head.max(1), text)))
                }))
    };
    // Character widths of proportional text printed on a grid are rough:
    // judge wraps with a quarter of the column's width to spare, except in
    // the first column, whose fresh text is the surest sign of a new row.
    let run_limit = |c: usize, size: f32| {
        let slack = if m.squeezed && c > 0 {
            0.25 * (right[c] - left[c])
        } else {
            m.space * size
        };
        right[c] - slack
    };
    // On a character grid a row's cells may all sit a few characters off
    // the run's column edges (`Policy and` pushed left to where `Relevant
    // data` ends); a line is only a new row when it also reads as one
    // against the columns of the two lines placed together, where a word
    // that would have run into the next column's text wrapped.
    let fresh = |a: usize, b: usize| -> bool {
        judge(a, b, &split[a], &split[b], &run_limit)
            && (!m.squeezed || {
                let cuts = band_cuts(text, &[lines[a], lines[b]], &edges, false, m);
                let pair_limit = |c: usize, size: f32| match cuts.get(c) {
                    Some(&(x, _)) => run_limit(c, size).min(x - m.space * size),
                    None => run_limit(c, size),
                };
                let (sa, sb) = (cut_line(lines[a], &cuts, m), cut_line(lines[b], &cuts, m));
                judge(a, b, &sa, &sb, &pair_limit)
            })
    };
    // Text centred vertically beside a cell wrapped over two lines
    // (`Interagency` half a line below `Public information and ...` and
    // half a line above its second line) is judged by the lines around it:
    // one row when the lower line is the upper one's wrapped tail.
    let half = |a: usize, b: usize| {
        !lines[a].words.is_empty() && lines[b].y - lines[a].y < HALF_LINE * lines[b].size
    };
    let mut natural = vec![true; lines.len()];
    // On a character grid, a line on which two cells or more open with a
    // capital where their column's text above (on the nearest line that has
    // some, with no blank line between) left room for the word is a row of
    // its own by its text alone, as a rule or a gap would show it: a
    // sub-row's `Develop sickness absence ...` and `See also ...` under a
    // record's last lines.
    let mut unwrapped = vec![false; lines.len()];
    let opens_anew = |b: usize| {
        let size = lines[b].size;
        (0..ncols)
            .filter(|&c| {
                let cur = &split[b][c];
                if !cur
                    .first()
                    .is_some_and(|w| text[w.span.start..].starts_with(char::is_uppercase))
                {
                    return false;
                }
                (0..b)
                    .rev()
                    .take_while(|&a| !lines[a].words.is_empty())
                    .find(|&a| !split[a][c].is_empty())
                    .is_some_and(|a| !wraps(&split[a][c], cur, run_limit(c, size), text, size, m))
            })
            .count()
            >= 2
    };
    let mut gapped = vec![false; lines.len()];
    let mut ruling = vec![false; lines.len()];
    let mut first_ruling = vec![false; lines.len()];
    for i in 1..lines.len() {
        let (above, l) = (lines[i - 1], lines[i]);
        // A blank line between two text lines is a gap too.
        if i >= 2 && above.words.is_empty() && !l.words.is_empty() {
            gapped[i] = !lines[i - 2].words.is_empty();
        }
        if above.words.is_empty() || l.words.is_empty() {
            continue;
        }
        let between = |&y: &f32| y > above.y && y < l.y - 0.5 * l.size;
        ruling[i] = rules.iter().any(between);
        first_ruling[i] = first_rules.iter().any(between);
        gapped[i] = l.y - above.y > 1.25 * pitch;
        unwrapped[i] = m.squeezed && opens_anew(i);
        natural[i] = if half(i - 1, i) && i + 1 < lines.len() && half(i, i + 1) {
            fresh(i - 1, i + 1)
        } else if half(i - 1, i) && i >= 2 && half(i - 2, i - 1) {
            fresh(i - 2, i)
        } else {
            fresh(i - 1, i)
        };
    }
    // In a table of figures a row label may wrap above its figures, which
    // sit on its last line (`Murder and nonnegligent` over `manslaughter.
    // . . 10.0 0.9`): a line with only a label, after a row with figures,
    // starts a row that the next line, going on in lower case beside the
    // figures, ends.
    let figures_from = first_figures(text, lines.iter().copied(), m);
    if figures_from.is_some() {
        let figures = |k: usize| {
            split[k][1..].iter().any(|ws| {
                !ws.is_empty()
                    && ws
                        .iter()
                        .all(|w| super::is_figure(&text[w.span.start..w.span.end]))
            })
        };
        for i in 1..lines.len().saturating_sub(1) {
            let (above, next) = (i - 1, i + 1);
            let label_only = !split[i][0].is_empty() && split[i][1..].iter().all(Vec::is_empty);
            let goes_on = split[next][0]
                .first()
                .is_some_and(|w| starts_lower(text, w));
            if label_only
                && figures(above)
                && goes_on
                && figures(next)
                && lines[next].y - lines[i].y <= 1.25 * pitch
            {
                natural[i] = true;
                natural[next] = false;
            }
        }
    }
    // A ruled table draws a line under every row: its rules alone delimit
    // rows (a wrapped line that would have fitted stays in its cell). A few
    // rules (under the header, between groups) only add row breaks.
    let text_lines =
        (1..lines.len()).filter(|&i| !lines[i].words.is_empty() && !lines[i - 1].words.is_empty());
    let (starts, ruled_starts) = text_lines.fold((0, 0), |(n, r), i| {
        (
            n + usize::from(natural[i] || ruling[i]),
            r + usize::from(ruling[i]),
        )
    });
    let ruled = ruled_starts >= 2 && 2 * ruled_starts >= starts;
    let (head_start, head_end) = match header_block(text, &lines, &seps, figures_from, m) {
        (0, 0) => (0, label_lines(text, &lines, &split, m).max(head)),
        found => found,
    };
    let mut band: Vec<usize> = Vec::new();
    let mut items = Vec::new();
    let mut flush = |band: &mut Vec<usize>, items: &mut Vec<Item>| {
        if band.is_empty() {
            return;
        }
        let apart = band[0] > 0
            && (ruling[band[0]] || first_ruling[band[0]] || gapped[band[0]] || unwrapped[band[0]]);
        // On a character grid each band places its columns anew.
        let (cols, starts): (Vec<Vec<Vec<Word>>>, Vec<f32>) = if m.squeezed {
            let band_lines: Vec<&TextLine> = band.iter().map(|&i| lines[i]).collect();
            let cuts = band_cuts(text, &band_lines, &edges, band[0] < head_end, m);
            let cols = band_lines.iter().map(|l| cut_line(l, &cuts, m)).collect();
            (cols, cuts.iter().map(|&(x, _)| x).collect())
        } else {
            let cols = band.iter().map(|&i| std::mem::take(&mut split[i]));
            (cols.collect(), Vec::new())
        };
        items.push(Item::Band(std::mem::take(band), cols, starts, apart));
    };
    for (i, l) in lines.iter().enumerate() {
        if l.words.is_empty() || i < head_start {
            flush(&mut band, &mut items);
            items.push(Item::Plain(i));
            continue;
        }
        let new_band = if i < head_end {
            i == head_start
        } else if i == head_end {
            true
        } else if ruled {
            ruling[i] || first_ruling[i]
        } else {
            ruling[i] || first_ruling[i] || natural[i]
        };
        if new_band {
            flush(&mut band, &mut items);
        }
        band.push(i);
    }
    flush(&mut band, &mut items);
    Plan { lines, items }
}

/// A planned run's layout lines: a band becomes one line whose cells hold
/// one fragment per text line; on a character grid the `profile` first
/// mends cells the printer ran together.
fn emit_plan(text: &str, plan: Plan, profile: Option<&Profile>, m: Metrics, out: &mut Vec<Line>) {
    // A run that lost a column its table shows elsewhere gets it back: each
    // row's first line parts where its cells look like the two columns',
    // and a line of one cell (a group row, a heading) stays whole unless it
    // starts right of where the rows' second part ever starts.
    let lost = profile.and_then(|p| {
        let rows: Vec<&[Vec<Word>]> = plan
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Band(_, cols, ..) => Some(&cols[0][..]),
                Item::Plain(_) => None,
            })
            .collect();
        let j = p.lost_column(text, &rows)?;
        let edge = rows
            .iter()
            .filter(|cols| spans_cells(cols))
            .filter_map(|cols| p.lost_split(text, cols, j).map(|k| cols[j][k].x0))
            .reduce(f32::min)?;
        Some((p, j, edge))
    });
    for item in plan.items {
        let (band, mut cols, mut starts, apart) = match item {
            Item::Plain(i) => {
                out.push(plain_line(plan.lines[i], false, m));
                continue;
            }
            Item::Band(band, cols, starts, apart) => (band, cols, starts, apart),
        };
        let band_lines: Vec<&TextLine> = band.iter().map(|&i| plan.lines[i]).collect();
        if let Some((p, j, edge)) = lost {
            let first = &cols[0];
            let k = if spans_cells(first) {
                p.lost_split(text, first, j)
            } else {
                let size = band_lines[0].size;
                first[j]
                    .first()
                    .is_some_and(|w| w.x0 >= edge - m.snap * size)
                    .then_some(0)
            };
            let right = k.map_or(Vec::new(), |k| cols[0][j].split_off(k));
            // The row's wrapped lines part where its first line did.
            let x = right.first().map(|w| w.x0);
            cols[0].insert(j + 1, right);
            for (l, lc) in band_lines.iter().zip(cols.iter_mut()).skip(1) {
                lc.insert(j + 1, Vec::new());
                if let Some(x) = x {
                    carry(l, lc, (j, x), f32::INFINITY, m);
                }
            }
            starts.insert(j, x.unwrap_or(f32::INFINITY));
        }
        if let Some(p) = profile {
            // Where the band's wrapped lines start each column.
            let anchors: Vec<Option<f32>> = (0..cols[0].len())
                .map(|c| {
                    cols[1..]
                        .iter()
                        .filter_map(|lc| lc[c].first().map(|w| w.x0))
                        .reduce(f32::min)
                })
                .collect();
            let moves = p.resplit(
                text,
                band_lines[0],
                &mut cols[0],
                usize::MAX,
                &anchors,
                &starts,
                m,
            );
            for mv in moves {
                for (l, lc) in band_lines.iter().zip(cols.iter_mut()).skip(1) {
                    carry(l, lc, mv, f32::INFINITY, m);
                }
            }
        }
        if m.squeezed {
            close_parentheses(text, &mut cols);
        }
        let (first, last) = (band_lines[0], band_lines[band_lines.len() - 1]);
        let cells = (0..cols[0].len())
            .map(|c| Cell {
                fragments: band_lines
                    .iter()
                    .zip(&cols)
                    .filter(|(_, lc)| !lc[c].is_empty())
                    .map(|(l, lc)| line_from(l, &lc[c]))
                    .collect(),
            })
            .collect();
        out.push(Line {
            number: first.number,
            page: first.page,
            span: Span {
                start: first.span.start,
                end: last.span.end,
            },
            cells,
            furniture: false,
            apart,
        });
    }
}

/// How far a text's parentheses are left open: `(` counts one up, `)` one
/// down.
fn paren_depth<'w>(text: &str, words: impl IntoIterator<Item = &'w Word>) -> i32 {
    words
        .into_iter()
        .flat_map(|w| text[w.span.start..w.span.end].chars())
        .map(|ch| match ch {
            '(' => 1,
            ')' => -1,
            _ => 0,
        })
        .sum()
}

/// On a character grid a wrapped line's last word may land left of its
/// column's edge, one space after the text of the column before
/// (`... should be Bramley)` under `Martin Chester (N.`): a word that
/// closes a parenthesis the next column left open on the lines above, where
/// its own column has none open, goes to the next column. `cols` are a
/// band's lines split by column.
fn close_parentheses(text: &str, cols: &mut [Vec<Vec<Word>>]) {
    let ncols = cols.first().map_or(0, Vec::len);
    for c in 0..ncols.saturating_sub(1) {
        for i in 1..cols.len() {
            let Some(w) = cols[i][c].last() else {
                continue;
            };
            if !text[w.span.start..w.span.end].ends_with(')') {
                continue;
            }
            let open_right = paren_depth(text, cols[..i].iter().flat_map(|l| &l[c + 1])) > 0;
            let own = paren_depth(text, cols[..=i].iter().flat_map(|l| &l[c])) < 0;
            if open_right && own {
                let w = cols[i][c].pop().expect("a last word");
                cols[i][c + 1].insert(0, w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PDF reader's metrics: 10 pt text has a 5 pt column gap.
    const PDF: Metrics = super::super::glyphs::METRICS;

    /// A 10 pt text line of words at the given x ranges.
    fn line(xs: &[(f32, f32)]) -> TextLine {
        TextLine {
            number: 1,
            page: 1,
            span: Span { start: 0, end: 0 },
            words: xs
                .iter()
                .map(|&(x0, x1)| Word {
                    span: Span { start: 0, end: 0 },
                    x0,
                    x1,
                    bbox: None,
                })
                .collect(),
            y: 0.0,
            size: 10.0,
        }
    }

    #[test]
    fn justified_prose_is_one_chunk_after_its_bullet() {
        // A bullet, then six words spread 7-8 pt apart (wider than the
        // 5 pt column gap, all alike): list text, not six cells.
        let l = line(&[
            (70.0, 74.0),
            (90.0, 120.0),
            (127.0, 150.0),
            (158.0, 170.0),
            (177.5, 200.0),
            (207.0, 240.0),
            (247.5, 260.0),
        ]);
        assert_eq!(chunks(&l, PDF), vec![0..1, 1..7]);
        // With one gap far wider than the others it is no prose: every gap
        // of 5 pt or more separates chunks.
        let l = line(&[
            (90.0, 120.0),
            (127.0, 150.0),
            (158.0, 170.0),
            (177.5, 200.0),
            (260.0, 280.0),
            (287.0, 300.0),
        ]);
        assert_eq!(chunks(&l, PDF), vec![0..1, 1..2, 2..3, 3..4, 4..5, 5..6]);
        // Words a space apart (2.5 pt) stay one chunk whatever else.
        let l = line(&[(90.0, 120.0), (122.5, 150.0), (200.0, 220.0)]);
        assert_eq!(chunks(&l, PDF), vec![0..2, 2..3]);
    }

    /// 10 pt lines of words placed at x (in points, 5 pt a character),
    /// their text appended to `text` so that their spans point into it.
    fn text_lines(text: &mut String, lines: &[(f32, &[(&str, f32)])]) -> Vec<TextLine> {
        lines
            .iter()
            .enumerate()
            .map(|(n, &(y, words))| {
                let start = text.len();
                let words = words
                    .iter()
                    .map(|&(w, x0)| {
                        let b = text.len();
                        text.push_str(w);
                        text.push(' ');
                        Word {
                            span: Span {
                                start: b,
                                end: b + w.len(),
                            },
                            x0,
                            x1: x0 + 5.0 * w.chars().count() as f32,
                            bbox: None,
                        }
                    })
                    .collect();
                text.push('\n');
                TextLine {
                    number: n as u32 + 1,
                    page: 1,
                    span: Span {
                        start,
                        end: text.len() - 1,
                    },
                    words,
                    y,
                    size: 10.0,
                }
            })
            .collect()
    }

    #[test]
    fn a_lone_tail_atop_a_page_goes_on_in_the_text_columns_of_the_table_above() {
        let mut text = String::new();
        // The page before ends in a row whose officer (column 1) and
        // comment (column 3) are words, its cost (column 2) a figure.
        let above = text_lines(
            &mut text,
            &[(
                700.0,
                &[
                    ("11", 50.0),
                    ("Martin", 100.0),
                    ("1914", 300.0),
                    ("summer", 400.0),
                ],
            )],
        );
        let seps = [(95.0, 100.0), (295.0, 300.0), (395.0, 400.0)];
        let page = Page {
            lines: text_lines(
                &mut text,
                &[
                    (40.0, &[("Page", 50.0), ("head", 72.5)]),
                    (60.0, &[("•", 400.0), ("51", 410.0), ("schools", 422.5)]),
                    (72.0, &[("intervention.", 410.0)]),
                    (96.0, &[("A", 50.0), ("–", 57.5), ("Quality", 65.0)]),
                    (110.0, &[("REF", 50.0), ("Commitment", 100.0)]),
                ],
            ),
            ..Page::default()
        };
        let furniture = [true, false, false, false, false];
        let runs = [std::ops::Range { start: 4, end: 5 }];
        assert_eq!(
            lone_page_top_tail(&page, &furniture, &runs, &above, (&seps, &seps), &text, PDF),
            Some(1..3)
        );
        // A heading over the figure column is no tail: figures never wrap.
        let page = Page {
            lines: text_lines(
                &mut text,
                &[(60.0, &[("DEMOCRATIC", 300.0), ("PARTY", 352.5)])],
            ),
            ..Page::default()
        };
        assert_eq!(
            lone_page_top_tail(&page, &[false], &[], &above, (&seps, &seps), &text, PDF),
            None
        );
        // Nor is a heading at the first column's place.
        let page = Page {
            lines: text_lines(&mut text, &[(60.0, &[("Section", 50.0), ("B", 87.5)])]),
            ..Page::default()
        };
        assert_eq!(
            lone_page_top_tail(&page, &[false], &[], &above, (&seps, &seps), &text, PDF),
            None
        );
    }

    #[test]
    fn a_word_closing_the_next_columns_parenthesis_goes_to_it() {
        let mut text = String::new();
        let lines = text_lines(
            &mut text,
            &[
                (0.0, &[("Establish", 0.0), ("Martin", 60.0), ("(N.", 95.0)]),
                (1.0, &[("roads", 0.0), ("be", 30.0), ("Bramley)", 45.0)]),
                (2.0, &[("considered", 0.0)]),
            ],
        );
        let w = |l: usize, k: usize| lines[l].words[k].clone();
        let mut cols = vec![
            vec![vec![w(0, 0)], vec![w(0, 1), w(0, 2)]],
            vec![vec![w(1, 0), w(1, 1), w(1, 2)], vec![]],
            vec![vec![w(2, 0)], vec![]],
        ];
        close_parentheses(&text, &mut cols);
        assert_eq!(cols[1][0].len(), 2);
        assert_eq!(
            &text[cols[1][1][0].span.start..cols[1][1][0].span.end],
            "Bramley)"
        );
        // A parenthesis the column opened itself keeps its close.
        let lines = text_lines(
            &mut text,
            &[
                (
                    0.0,
                    &[
                        ("Review", 0.0),
                        ("(Quartile", 20.0),
                        ("Jane", 60.0),
                        ("(L.", 80.0),
                    ],
                ),
                (1.0, &[("1)", 0.0)]),
            ],
        );
        let w = |l: usize, k: usize| lines[l].words[k].clone();
        let mut cols = vec![
            vec![vec![w(0, 0), w(0, 1)], vec![w(0, 2), w(0, 3)]],
            vec![vec![w(1, 0)], vec![]],
        ];
        close_parentheses(&text, &mut cols);
        assert_eq!(cols[1][0].len(), 1);
        assert!(cols[1][1].is_empty());
    }

    #[test]
    fn a_whole_date_under_a_date_is_no_wrap() {
        let mut text = String::new();
        let lines = text_lines(
            &mut text,
            &[
                (0.0, &[("Summer", 0.0), ("exams", 35.0), ("2008", 65.0)]),
                (1.0, &[("30th", 0.0), ("September", 25.0), ("2009", 75.0)]),
                (2.0, &[("31st", 0.0), ("March", 25.0)]),
                (3.0, &[("2009", 0.0)]),
                (4.0, &[("to", 0.0), ("March", 15.0), ("2009", 45.0)]),
            ],
        );
        let wrap =
            |a: usize, b: usize| wraps(&lines[a].words, &lines[b].words, 0.0, &text, 10.0, PDF);
        // Each line would overflow the column: only the dates' years stop
        // the second from being the first's wrapped tail.
        assert!(!wrap(0, 1));
        // A date waiting for its year, and text going on in lower case, wrap.
        assert!(wrap(2, 3));
        assert!(wrap(0, 4));
    }

    #[test]
    fn two_columns_of_running_text_are_no_table() {
        let words = |n: usize| {
            vec![
                Word {
                    span: Span { start: 0, end: 0 },
                    x0: 0.0,
                    x1: 1.0,
                    bbox: None
                };
                n
            ]
        };
        let prose: Vec<Vec<Vec<Word>>> = (0..4).map(|_| vec![words(8), words(7)]).collect();
        assert!(is_prose_columns(&prose));
        // A label and a figure per line: a table.
        let table: Vec<Vec<Vec<Word>>> = (0..4).map(|_| vec![words(6), words(1)]).collect();
        assert!(!is_prose_columns(&table));
    }
}
