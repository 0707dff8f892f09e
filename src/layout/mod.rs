//! Layout stage: the decoded text as physical lines of cells, each cell made
//! of fragments that know their byte span, line and page. Text exports (TAB
//! separated) and positioned sources (PDF pages, fixed-width text) both end
//! here; after this model, one grammar serves every input format.

mod columns;
mod fixed;
mod glyphs;
mod lattice;
mod positioned;
mod profile;
mod tabs;

pub use fixed::{from_fixed_width, is_fixed_width};
pub use glyphs::from_pdf;

pub use tabs::from_tabbed_text;

use serde::Serialize;

/// Whether a word is a figure: digits with the signs, separators and units
/// of numeric table cells (`1,234`, `-0,1651`, `(12.5)`, `45%`, `£3m`,
/// `£27k`).
/// Figures never wrap onto a second line of a cell, so a figure under a
/// figure starts a new row, and a row of figures is never a group heading.
pub fn is_figure(word: &str) -> bool {
    // A currency sign may stand apart from its amount (`$ 40.40`); Japanese
    // accounts mark a negative amount with a triangle (`△525`, `▲3.2`).
    let word = word
        .trim_start_matches(['$', '£', '€', '¥', '△', '▲'])
        .trim_start();
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || ",.%-+()£$€/:*mk".contains(c) || c == '\u{2212}')
}

/// Whether a word is a code: one word with a digit in it (`C2`, `07/27/2015`,
/// `LAA7`). Like figures, codes never wrap into the next line of a cell: a
/// code under a code starts a new row.
pub fn is_code(word: &str) -> bool {
    !word.contains(char::is_whitespace) && word.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a word is a year of these reports' century (`2010`, `2007/08`,
/// `2005-06`), from 1900 on: a date column's values end in one, and whole
/// dates never wrap into one another.
pub fn is_year(word: &str) -> bool {
    positioned::is_year(word) && (word.starts_with("19") || word.starts_with("20"))
}

/// A byte range `[start, end)` into the layout's text. Serialised as a
/// two-element array so the output reads `"spans": [[12, 40]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// One piece of a cell's text as it stands in the source: joined fragments
/// make a cell's raw text, and each keeps the place it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Where the fragment's text is in [`Layout::text`].
    pub span: Span,
    /// 1-based physical line number.
    pub line: u32,
    /// 1-based page number (form feeds or PDF pages; 1 when unknown).
    pub page: u32,
    /// `[x0, y0, x1, y1]` in PDF points, origin bottom-left; `None` for text.
    pub bbox: Option<[f32; 4]>,
}

/// One cell of a physical line: empty, or one or more fragments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The cell's text pieces in reading order; empty for an empty cell.
    pub fragments: Vec<Fragment>,
}

impl Cell {
    /// Whether the cell holds no text at all.
    pub fn is_empty(&self) -> bool {
        self.fragments.is_empty()
    }
}

/// One physical line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based physical line number.
    pub number: u32,
    /// 1-based page the line is on, as far as the source knows it.
    pub page: u32,
    /// The whole line's text (without its line end).
    pub span: Span,
    /// The line's cells in column order. A line that is not split into
    /// cells (prose, headings) has exactly one cell.
    pub cells: Vec<Cell>,
    /// A running head or footer that the layout recognised by its place
    /// and its repetition across pages (positioned sources only; for TAB
    /// text the grammar finds furniture by its own patterns).
    pub furniture: bool,
    /// A table band parted from the band above by a drawn rule or a wider
    /// gap than its lines' own, or on a character grid by two cells or
    /// more opening anew where the text above left room for their word
    /// (positioned sources only): a new row by the page's own drawing or
    /// typesetting, not only by what its text says.
    pub apart: bool,
}

/// A whole report as physical lines, with the text every span points into.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The decoded (or, for PDFs, synthesised) text.
    pub text: String,
    /// Every physical line, blank ones included, in order.
    pub lines: Vec<Line>,
    /// Number of pages the source marks (form feeds, PDF pages); 1 if none.
    pub pages: u32,
    /// Whether page numbers come from the source itself (form feeds, PDF)
    /// rather than having to be inferred from repeated page furniture.
    pub explicit_pages: bool,
}

impl Layout {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// A cell's raw text: its fragments joined by single spaces.
    pub fn cell_text(&self, cell: &Cell) -> String {
        join_fragments(&self.text, &cell.fragments)
    }

    /// Whether a line has no visible text.
    pub fn is_blank(&self, line: &Line) -> bool {
        line.cells.iter().all(Cell::is_empty)
    }
}

/// Joins fragment texts with single spaces: the one rule by which spans make
/// a `raw` value, shared by every writer so the round trip always holds.
pub fn join_fragments(text: &str, fragments: &[Fragment]) -> String {
    let mut out = String::new();
    for (i, f) in fragments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&text[f.span.start..f.span.end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_figure;

    #[test]
    fn figures_carry_signs_separators_and_units() {
        for w in [
            "1,234", "-0,1651", "(12.5)", "45%", "£3m", "£27k", "$ 40.40", "△525",
        ] {
            assert!(is_figure(w), "{w}");
        }
        for w in ["k", "£", "Qtr4", "12th", "27kg", "n/a"] {
            assert!(!is_figure(w), "{w}");
        }
    }
}
