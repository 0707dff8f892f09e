//! Column profiles for text printed on a character grid. A printer that
//! rounds proportional text to the grid (`pdftotext -layout`) runs two
//! cells together with a single space when the first fills its column
//! (`12 MTCS/CORP CORP`, `LPSA2 pump priming Dave Marshall`): the word
//! positions then say nothing about where the second cell starts. What the
//! cells of each column look like elsewhere in the report does: the shape
//! of a row's first line in a column (`9 A` for `1 MTCS/CORP`, `A A` for
//! `Carol Sartoris`), learnt from the rows whose cells stand apart, picks
//! the word where the run-together text changes column.

use std::collections::HashMap;

use super::positioned::{Metrics, TextLine, Word};
use super::{is_figure, is_year};
use crate::normalize::scan::month;

/// Shape counts of the first lines of cells, per column, keyed by the
/// number of columns of the run (runs of one table on different pages
/// share it; a run with other columns learns apart).
#[derive(Debug, Default)]
pub(super) struct Profile {
    shapes: HashMap<(usize, usize), HashMap<String, u32>>,
    /// The words (lower case) that start those first lines, and that end
    /// them: `Achieved` starts a status, `Executive` never does.
    starts: HashMap<(usize, usize), HashMap<String, u32>>,
    ends: HashMap<(usize, usize), HashMap<String, u32>>,
    /// The whole first lines (lower case, one space between words) of
    /// short cells: a status column's `green`, a rating's `very high`.
    values: HashMap<(usize, usize), HashMap<String, u32>>,
    totals: HashMap<(usize, usize), u32>,
}

/// The fewest cells a column must have shown apart before its profile is
/// trusted.
const MIN_SAMPLES: u32 = 3;

/// The share given to a shape a column never showed, so that one unseen
/// part weighs against a split without ruling it out.
const UNSEEN: f32 = 0.01;

/// The most words a cell's first line may have to count as one of its
/// column's values: statuses, ratings, dates, figures.
const VALUE_WORDS: usize = 3;

/// The share of a column's cells that must be one figure for a figure
/// ending the cell before it to be taken for that column's value.
const FIGURE_COLUMN: f32 = 0.5;

/// Under what share of a column's first lines may end in a figure for a
/// figure ending one of them to be moved to a figure column after it.
const FIGURE_END: f32 = 0.1;
/// Share of a column's first lines that are figures above which a figure
/// (`6.04`, `£0.4m`, `12%`; not `1)`) run into the text before it goes to
/// that column even where the text column's lines often end in figures
/// (those lines being mostly the same mistake): `... runs things 6.04`
/// over an empty outturn.
const FIGURE_STRONG: f32 = 0.9;

/// The most words of a cell that tells by its shape whether it fits a
/// column: longer text has a shape too particular to have been seen.
const FIT_WORDS: usize = 5;

/// The share of a column's cells that must be dates (a month or a year in
/// a short cell) for a date ending the cell before it to be taken for its.
const DATE_COLUMN: f32 = 0.5;

/// Words that bring a date into running text (`by March 2010`, `From April
/// 2005`, `end of June 2008`): a date after one of them is the text's own.
const DATE_LEADS: &[&str] = &[
    "by", "from", "in", "during", "until", "till", "to", "before", "after", "of", "end", "for",
    "since", "at", "on", "and", "or", "the", "between", "within", "than", "as",
];

/// Whether words read as a date: a month and a year (`Sept 2010`), after a
/// day (`31st March 2009`) or not.
fn is_date(words: &[&str]) -> bool {
    let day = |w: &str| {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
    };
    match words {
        [m, y] => month(m).is_some() && is_year(y),
        [d, m, y] => day(d) && month(m).is_some() && is_year(y),
        _ => false,
    }
}

/// The fewest rows whose cells show a lost column before it is restored.
const LOST_MIN_ROWS: usize = 2;

/// A word's class for shapes: `9` leading digit, `A` capital, `a` lower
/// case, else its first character (`£`, `•`, `(`).
fn class(word: &str) -> char {
    match word.chars().next() {
        Some(c) if c.is_ascii_digit() => '9',
        Some(c) if c.is_uppercase() => 'A',
        Some(c) if c.is_lowercase() => 'a',
        Some(c) => c,
        None => ' ',
    }
}

/// The shape of a cell's line: its words' classes.
fn shape<'w>(text: &str, words: impl IntoIterator<Item = &'w Word>) -> String {
    words
        .into_iter()
        .map(|w| class(&text[w.span.start..w.span.end]))
        .collect()
}

/// Words as one lower-case string, one space between them.
fn words_text<'w>(text: &str, words: impl IntoIterator<Item = &'w Word>) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[w.span.start..w.span.end].to_lowercase());
    }
    out
}

/// Index of the first word of the last chunk (text after a column gap) of
/// a cell's words on one line.
fn last_chunk_start(words: &[Word], gap: f32) -> usize {
    (1..words.len())
        .rev()
        .find(|&k| words[k].x0 - words[k - 1].x1 >= gap)
        .unwrap_or(0)
}

/// Length of the first chunk of a cell's words on one line.
fn first_chunk_len(words: &[Word], gap: f32) -> usize {
    (1..words.len())
        .find(|&k| words[k].x0 - words[k - 1].x1 >= gap)
        .unwrap_or(words.len())
}

impl Profile {
    /// Learns from a band's first line, split by column: each cell that
    /// stands apart from its neighbours (a column gap each side, and a
    /// neighbour with text, so the printer had no reason to run them
    /// together) counts its shape.
    pub(super) fn learn(&mut self, text: &str, line: &TextLine, cols: &[Vec<Word>], m: Metrics) {
        let n = cols.len();
        let gap = m.chunk_gap * line.size;
        let apart = |a: &[Word], b: &[Word]| match (a.last(), b.first()) {
            (Some(x), Some(y)) => y.x0 - x.x1 >= gap,
            _ => true,
        };
        for c in 0..n {
            if cols[c].is_empty() {
                continue;
            }
            let left: &[Word] = if c > 0 { &cols[c - 1] } else { &[] };
            let right = cols.get(c + 1).map_or(&[][..], |r| &r[..]);
            if (left.is_empty() && right.is_empty())
                || !apart(left, &cols[c])
                || !apart(&cols[c], right)
            {
                continue;
            }
            let key = (n, c);
            *self
                .shapes
                .entry(key)
                .or_default()
                .entry(shape(text, &cols[c]))
                .or_default() += 1;
            let word = |w: &Word| text[w.span.start..w.span.end].to_lowercase();
            let cell = &cols[c];
            *self
                .starts
                .entry(key)
                .or_default()
                .entry(word(&cell[0]))
                .or_default() += 1;
            *self
                .ends
                .entry(key)
                .or_default()
                .entry(word(&cell[cell.len() - 1]))
                .or_default() += 1;
            if cell.len() <= VALUE_WORDS {
                *self
                    .values
                    .entry(key)
                    .or_default()
                    .entry(words_text(text, cell))
                    .or_default() += 1;
            }
            *self.totals.entry(key).or_default() += 1;
        }
    }

    /// Whether column `c` of an `n`-column run showed `words` as the whole
    /// first line of a cell standing apart, on at least [`MIN_SAMPLES`]
    /// rows.
    fn is_value(&self, text: &str, n: usize, c: usize, words: &[&Word]) -> bool {
        words.len() <= VALUE_WORDS
            && self
                .values
                .get(&(n, c))
                .and_then(|v| v.get(&words_text(text, words.iter().copied())))
                .is_some_and(|&k| k >= MIN_SAMPLES)
    }

    /// Whether most cells of column `c` of an `n`-column run are dates:
    /// short first lines with a month or a year in them.
    fn is_date_column(&self, n: usize, c: usize) -> bool {
        let Some(&total) = self.totals.get(&(n, c)).filter(|&&t| t >= MIN_SAMPLES) else {
            return false;
        };
        let dates: u32 = self.values.get(&(n, c)).map_or(0, |v| {
            v.iter()
                .filter(|(value, _)| value.split(' ').any(|w| month(w).is_some() || is_year(w)))
                .map(|(_, &k)| k)
                .sum()
        });
        dates as f32 >= DATE_COLUMN * total as f32
    }

    /// How often column `c` of an `n`-column run had a first line starting
    /// (`ends` false) or ending with `word`, as a share of its cells.
    fn word_share(&self, n: usize, c: usize, word: &str, ends: bool) -> f32 {
        let total = self.totals.get(&(n, c)).copied().unwrap_or(0).max(1);
        let words = if ends { &self.ends } else { &self.starts };
        let count = words
            .get(&(n, c))
            .and_then(|w| w.get(&word.to_lowercase()))
            .copied()
            .unwrap_or(0);
        count as f32 / total as f32
    }

    /// Whether column `c` of an `n`-column run seldom had a first line
    /// ending in a word of `class`: on one cell at most (the line in
    /// question may be among them) or on under [`FIGURE_END`] of them.
    fn seldom_ends(&self, n: usize, c: usize, class: char) -> bool {
        let total = self.totals.get(&(n, c)).copied().unwrap_or(0);
        let count: u32 = self.shapes.get(&(n, c)).map_or(0, |s| {
            s.iter()
                .filter(|(shape, _)| shape.ends_with(class))
                .map(|(_, &k)| k)
                .sum()
        });
        count <= 1 || (count as f32) < FIGURE_END * total as f32
    }

    /// How often column `c` of an `n`-column run showed `shape`, as a share
    /// of its cells; `None` while the column has too few to trust.
    fn share(&self, n: usize, c: usize, shape: &str) -> Option<f32> {
        let total = *self.totals.get(&(n, c))?;
        if total < MIN_SAMPLES {
            return None;
        }
        let count = self.shapes.get(&(n, c)).and_then(|s| s.get(shape)).copied();
        Some(count.unwrap_or(0) as f32 / total as f32)
    }

    /// How well a line parted between columns `c` and `c + 1` of an
    /// `n`-column run fits them: the log-likelihood of the two parts'
    /// `shapes` and of the `words` either side of the cut (the left part's
    /// last, the right part's first), with the two shape shares; `None`
    /// while either column has too few cells to trust.
    fn split_score(
        &self,
        n: usize,
        c: usize,
        shapes: (&str, &str),
        words: (&str, &str),
    ) -> Option<(f32, f32, f32)> {
        let (a, b) = (self.share(n, c, shapes.0)?, self.share(n, c + 1, shapes.1)?);
        let end = self.word_share(n, c, words.0, true);
        let start = self.word_share(n, c + 1, words.1, false);
        let total =
            (a + UNSEEN).ln() + (b + UNSEEN).ln() + (end + UNSEEN).ln() + (start + UNSEEN).ln();
        Some((total, a, b))
    }

    /// Whether every column of an `n`-column run has shown enough cells
    /// apart to be trusted.
    fn knows(&self, n: usize) -> bool {
        (0..n).all(|c| self.totals.get(&(n, c)).is_some_and(|&t| t >= MIN_SAMPLES))
    }

    /// Where a cell's first line best splits into a cell of column `c` and
    /// one of column `c + 1` of an `n`-column run, both of shapes seen
    /// there: the index of the first word of the right part.
    fn best_split(&self, text: &str, n: usize, c: usize, words: &[Word]) -> Option<usize> {
        let word = |w: &Word| &text[w.span.start..w.span.end];
        (1..words.len())
            .filter_map(|k| {
                let (total, a, b) = self.split_score(
                    n,
                    c,
                    (&shape(text, &words[..k]), &shape(text, &words[k..])),
                    (word(&words[k - 1]), word(&words[k])),
                )?;
                (a > 0.0 && b > 0.0).then_some((k, total))
            })
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(k, _)| k)
    }

    /// The column of a run whose cells are two columns' cells run together
    /// on every row: a page that printed each REF one space before its
    /// Dept. (`11 MTCS/CYP Chief Exec`) and repeated no header shows no
    /// edge between them, so its run has one column less than the table's
    /// other pages. It is column `j` when the report knows runs of one
    /// column more, nearly every row's cell in `j` has a shape column `j`
    /// of those runs never showed and splits into shapes columns `j` and
    /// `j + 1` did show, and the run's other cells look like the columns
    /// they would then be. `firsts` are the first lines of the run's rows,
    /// split by column.
    pub(super) fn lost_column(&self, text: &str, firsts: &[&[Vec<Word>]]) -> Option<usize> {
        let n = firsts.first()?.len();
        // Rows of one cell (group rows, headings) span the columns.
        let firsts: Vec<&[Vec<Word>]> = firsts
            .iter()
            .copied()
            .filter(|cols| spans_cells(cols))
            .collect();
        if !self.knows(n + 1) {
            return None;
        }
        let seen = |c: usize, ws: &[Word]| {
            self.share(n + 1, c, &shape(text, ws))
                .is_some_and(|s| s > 0.0)
        };
        // How many of the run's short cells (column `j` left out) look like
        // the columns they would be if column `j` were two, out of how many.
        let fits = |j: usize| {
            firsts
                .iter()
                .flat_map(|cols| {
                    cols.iter()
                        .enumerate()
                        .filter(move |&(c, ws)| c != j && !ws.is_empty() && ws.len() <= FIT_WORDS)
                        .map(move |(c, ws)| seen(if c < j { c } else { c + 1 }, ws))
                })
                .fold((0, 0), |(f, t), ok| (f + usize::from(ok), t + 1))
        };
        // Read as the first `n` columns of the wider runs, for comparison.
        let (plain, _) = fits(n);
        (0..n).find(|&j| {
            let filled: Vec<&[Vec<Word>]> = firsts
                .iter()
                .copied()
                .filter(|cols| !cols[j].is_empty())
                .collect();
            let merged = filled
                .iter()
                .filter(|cols| {
                    !seen(j, &cols[j]) && self.best_split(text, n + 1, j, &cols[j]).is_some()
                })
                .count();
            let (fit, cells) = fits(j);
            // Where every row's cell looks merged, a third of the other
            // cells fitting will do (a squeezed page runs more together).
            let share = if merged == filled.len() { 3 } else { 2 };
            merged >= LOST_MIN_ROWS
                && merged * 5 >= filled.len() * 4
                && fit * share >= cells
                && (fit - plain.min(fit)) * 5 >= cells
        })
    }

    /// Where a row's first line parts in the column `j` that
    /// [`Profile::lost_column`] found: the index of the first word that
    /// goes to column `j + 1` (0 for the whole cell), `None` when the
    /// whole cell stays. A cell that does not split goes whole to the
    /// column whose cells it looks more like.
    pub(super) fn lost_split(&self, text: &str, cols: &[Vec<Word>], j: usize) -> Option<usize> {
        let n = cols.len() + 1;
        let ws = &cols[j];
        let whole = shape(text, ws.iter());
        let share = |c| self.share(n, c, &whole).unwrap_or(0.0);
        match (share(j) > 0.0, share(j + 1) > 0.0) {
            _ if ws.is_empty() => None,
            (false, true) => Some(0),
            (true, false) => None,
            _ => self
                .best_split(text, n, j, ws)
                .or((share(j + 1) > share(j)).then_some(0)),
        }
    }

    /// Moves the column boundaries of one line where a cell and the next
    /// ran together with one space, to the word that makes both cells look
    /// most like their columns, and says which boundaries moved right
    /// (column, new left edge of the next column). A cell whose next column
    /// is empty on the line is split only when its shape was never seen in
    /// its column and both parts were; a boundary the positions put is
    /// moved when another word scores higher and the new next cell's shape
    /// was seen. Only the first `junctions` boundaries are looked at.
    /// `anchors[c]`, where known, is the left edge column `c`'s wrapped
    /// lines below show: a boundary the positions put there is kept.
    /// `starts[c]`, where known, is where the band's column `c + 1` starts:
    /// a cell whose last word runs across it, with the next column empty,
    /// ran into that column even if its whole shape was seen before
    /// (`... older people helped 2004/05` over a time-scale column); it is
    /// split at a word near that start when both parts' shapes were seen.
    /// Wherever it stands, a tail that is one of the next (empty) column's
    /// known values (`... fell in 2008/09 Green`), or a figure over a
    /// column of figures, goes to that column.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resplit(
        &self,
        text: &str,
        line: &TextLine,
        cols: &mut [Vec<Word>],
        junctions: usize,
        anchors: &[Option<f32>],
        starts: &[f32],
        m: Metrics,
    ) -> Vec<(usize, f32)> {
        let n = cols.len();
        let gap = m.chunk_gap * line.size;
        let mut moved = Vec::new();
        for c in 0..n.saturating_sub(1).min(junctions) {
            let (l, r) = (&cols[c], &cols[c + 1]);
            if l.is_empty() {
                continue;
            }
            let tight = r.first().is_some_and(|w| w.x0 - l[l.len() - 1].x1 < gap);
            if !r.is_empty() && !tight {
                continue;
            }
            let from = last_chunk_start(l, gap);
            let take = if tight { first_chunk_len(r, gap) } else { 0 };
            let joined: Vec<&Word> = l[from..].iter().chain(&r[..take]).collect();
            let cur = l.len() - from;
            let anchor = anchors.get(c + 1).copied().flatten();
            let anchored = anchor.is_some_and(|x| {
                joined
                    .get(cur)
                    .is_some_and(|w| (w.x0 - x).abs() <= m.snap * line.size)
            });
            if tight && anchored {
                continue;
            }
            let score = |k: usize| -> Option<(f32, f32, f32)> {
                let left = shape(text, l[..from].iter().chain(joined[..k].iter().copied()));
                let right = shape(text, joined[k..].iter().copied().chain(&r[take..]));
                let word = |w: &Word| &text[w.span.start..w.span.end];
                self.split_score(
                    n,
                    c,
                    (&left, &right),
                    (word(joined[k - 1]), word(joined[k])),
                )
            };
            // A cell alone on its line that ends in one of the next column's
            // values (`... fell in 2008/09 Green` over an empty status)
            // ran into that column: its text wrapped short of it.
            let whole: Vec<&Word> = l.iter().collect();
            // So did one that ends in a figure (`... People Service
            // £12,000`) over a column of such figures, when the column's own
            // first lines seldom end in one.
            let figure_tail = |k: usize| {
                let w = &text[joined[k].span.start..joined[k].span.end];
                let class = class(w);
                let figures = self.share(n, c + 1, &class.to_string());
                k + 1 == joined.len()
                    && is_figure(w)
                    && figures.is_some_and(|s| s >= FIGURE_COLUMN)
                    && (self.seldom_ends(n, c, class)
                        || (figures.is_some_and(|s| s >= FIGURE_STRONG)
                            && w.ends_with(|ch: char| ch.is_alphanumeric() || ch == '%')))
            };
            // And one that ends in a date over a column of dates, when no
            // word brings the date into the text (`33% Satisfaction Sept
            // 2010`, not `... by March 2010`).
            let date_tail = |k: usize| {
                let word = |w: &Word| &text[w.span.start..w.span.end];
                let tail: Vec<&str> = joined[k - 1..].iter().map(|w| word(w)).collect();
                // The whole date: `March 2008` after `31st` is part of one.
                is_date(&tail[1..])
                    && !is_date(&tail)
                    && !DATE_LEADS.contains(&tail[0].to_lowercase().as_str())
                    && self.is_date_column(n, c + 1)
            };
            let value = (!tight && !self.is_value(text, n, c, &whole))
                .then(|| {
                    (1..joined.len()).find(|&k| {
                        (self.is_value(text, n, c + 1, &joined[k..])
                            && !self.is_value(text, n, c, &joined[k..]))
                            || figure_tail(k)
                    })
                })
                .flatten()
                // (A date split across a tight boundary, `Sept` left of it
                // and `2010` right, goes whole to the date column.)
                .or_else(|| (1..joined.len()).find(|&k| date_tail(k)));
            if let Some(k) = value {
                if k < cur {
                    moved.push((c, joined[k].x0));
                }
                part_at(cols, c, from + k);
                continue;
            }
            // A cell alone on its line whose last word runs across the next
            // column's start splits only near that start.
            let never_seen = self.share(n, c, &shape(text, l.iter())) == Some(0.0);
            let edge = starts.get(c).copied();
            let overrun = !tight
                && !never_seen
                && edge.is_some_and(|x| joined[0].x0 < x && joined[joined.len() - 1].x1 > x);
            let near = |k: usize| {
                !overrun
                    || edge.is_some_and(|x| {
                        joined[k].x0 >= x - 2.0 * m.drift * line.size && joined[k - 1].x1 < x
                    })
            };
            // A tight boundary moves only to where the next cell's shape
            // was seen; a cell alone on its line splits only when its best
            // split gives two seen shapes and its whole shape never was.
            let best = (1..joined.len())
                .filter(|&k| k != cur && near(k))
                .filter_map(|k| score(k).map(|s| (k, s)))
                .filter(|&(_, (_, _, b))| !tight || b > 0.0)
                .max_by(|x, y| x.1 .0.total_cmp(&y.1 .0));
            let Some((k, (total, a, b))) = best else {
                continue;
            };
            let better = if tight {
                score(cur).is_some_and(|s| total > s.0)
            } else {
                a > 0.0 && b > 0.0 && (overrun || never_seen)
            };
            if !better {
                continue;
            }
            // The wrapped lines below an overrun keep their columns.
            if k < cur && !overrun {
                moved.push((c, joined[k].x0));
            }
            part_at(cols, c, from + k);
        }
        moved
    }
}

/// Parts the words of columns `c` and `c + 1` of a line anew: the first
/// `at` of them stay in column `c`, the rest go to column `c + 1`.
fn part_at(cols: &mut [Vec<Word>], c: usize, at: usize) {
    let mut all = std::mem::take(&mut cols[c]);
    all.append(&mut cols[c + 1]);
    cols[c + 1] = all.split_off(at);
    cols[c] = all;
}

/// Whether a line split by column has text in two cells or more: a row's
/// line, not a group row or heading set across the columns.
pub(super) fn spans_cells(cols: &[Vec<Word>]) -> bool {
    cols.iter().filter(|ws| !ws.is_empty()).count() >= 2
}

/// After [`Profile::resplit`] moved column `c`'s boundary right to `x` on a
/// line, a line below that is the same cell's wrapped text follows: its
/// chunk in column `c` that starts at `x` or right of it (from `x - snap`,
/// up to `reach` right of it) goes to column `c + 1`. Says whether it did.
pub(super) fn carry(
    line: &TextLine,
    cols: &mut [Vec<Word>],
    (c, x): (usize, f32),
    reach: f32,
    m: Metrics,
) -> bool {
    let ws = &cols[c];
    let gap = m.chunk_gap * line.size;
    let snap = m.snap * line.size;
    let at = (0..ws.len()).find(|&q| {
        ws[q].x0 >= x - snap && ws[q].x0 <= x + reach && (q == 0 || ws[q].x0 - ws[q - 1].x1 >= gap)
    });
    let Some(q) = at else {
        return false;
    };
    let mut tail = cols[c].split_off(q);
    tail.append(&mut cols[c + 1]);
    cols[c + 1] = tail;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_a_month_and_a_year_after_a_day_or_not() {
        assert!(is_date(&["Sept", "2010"]));
        assert!(is_date(&["31st", "March", "2009"]));
        assert!(is_date(&["March", "2007/08"]));
        // A year alone, a season, a quarter or a sentence is no such date.
        assert!(!is_date(&["2010"]));
        assert!(!is_date(&["Summer", "2010"]));
        assert!(!is_date(&["Qtr", "3"]));
        assert!(!is_date(&["by", "March", "2010"]));
        assert!(is_year("2005-06") && !is_year("1.97") && !is_year("3000"));
    }
}
