//! Table assembly: from classified physical lines to tables of logical
//! records. One pass down the report with a small state: the open table, its
//! header alignment on the current page, the last record and row, the
//! pending group, and whether a page break came since the last table line.
//! Every decision has a rule name that ends up in the output.

use super::classify::{classify_line, is_page_number_line, LineClass};
use super::clean::{
    clean_text, join_split, norm_chars, norm_ends_with, norm_len, owned_repair, same_norm, Cleaned,
};
use super::spec::{label_key, Grammar, Role, ValueType};
use crate::layout::{is_code, is_figure, is_year, Fragment, Layout, Span};
use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// A warning about one line or row: something uncertain or unusual that the
/// user should be able to find. Never silent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Stable machine-readable code (`unmatched-line`, `shifted-cells`...).
    pub code: &'static str,
    /// 1-based physical line the warning is about.
    pub line: u32,
    /// What happened, for a person.
    pub message: String,
}

/// How a fragment joins the text before it in the same cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glue {
    /// With a space: wrapped lines, continuation rows.
    Space,
    /// Directly: a letter the exporter pushed across a TAB.
    Tight,
    /// Word-split repair: pieces of a group row cut across cells.
    Split,
}

/// One source fragment of a cell and how it joins the text before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Where the text came from.
    pub fragment: Fragment,
    /// How it joins the previous piece.
    pub glue: Glue,
}

/// A value read from the source with its provenance (title, section, group).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Cleaned text.
    pub value: String,
    /// The source fragments it was read from.
    pub pieces: Vec<Piece>,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Output key (`ref`, `owner`...): stable across reports of a family.
    pub key: String,
    /// The header label as the first header row printed it (cleaned).
    pub label: String,
    /// How the column's cells behave.
    pub role: Role,
    /// Which normaliser applies.
    #[serde(rename = "type")]
    pub value_type: ValueType,
}

/// One logical row: a record, or a sub-row with a parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index of the top-level record this sub-row belongs to.
    pub parent: Option<usize>,
    /// Index into [`Table::groups`] of the group the row sits under.
    pub group: Option<usize>,
    /// The row's cells, one per table column; empty vector for an empty cell.
    pub cells: Vec<Vec<Piece>>,
    /// The cleaned value of each cell (from all its pieces), kept in
    /// step with `cells` as lines are added.
    pub values: Vec<String>,
    /// Physical lines that gave the row any text.
    pub lines: BTreeSet<u32>,
    /// The rule that started the row.
    pub rule: &'static str,
    /// Rules that added continuation text to the row, with the line.
    pub merges: Vec<(u32, &'static str)>,
    /// Row-level warnings.
    pub warnings: Vec<Warning>,
}

/// A table: a header, its section, its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The section heading nearest above the table.
    pub section: Option<Located>,
    /// All headings between the previous table and this one, in order.
    pub headings: Vec<Located>,
    /// Columns, from the first header row.
    pub columns: Vec<Column>,
    /// Lines of the header row and its repetitions.
    pub header_lines: Vec<u32>,
    /// Group rows of the table (`Road Safety`), referenced by rows.
    pub groups: Vec<Located>,
    /// Footnotes printed under or inside the table (`^{*}Note - these
    /// targets have changed ...`): they qualify its values, so they stay
    /// with it rather than be dropped as page furniture.
    pub notes: Vec<Located>,
    /// Records and sub-rows in source order.
    pub rows: Vec<Row>,
}

/// What the grammar decided about one physical line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineInfo {
    /// The line's class.
    pub class: LineClass,
    /// The rule that decided it.
    pub rule: &'static str,
    /// The table the line went to.
    pub table: Option<usize>,
    /// The row the line went to.
    pub row: Option<usize>,
    /// Page number (from the source, or inferred from page breaks).
    pub page: u32,
}

/// Everything the grammar read from one report.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Report title: the first heading.
    pub title: Option<Located>,
    /// Colour-key legend lines, for the status vocabulary.
    pub legend: Vec<Located>,
    /// Headings and furniture lines that mention the reporting period are
    /// the normaliser's business; the grammar keeps every heading.
    pub headings: Vec<Located>,
    /// Tables in source order (tables without rows are dropped with a warning).
    pub tables: Vec<Table>,
    /// One entry per physical line.
    pub lines: Vec<LineInfo>,
    /// Report-level warnings (unmatched lines, empty tables...).
    pub warnings: Vec<Warning>,
    /// Number of pages, from the source or inferred.
    pub pages: u32,
}

/// A header row matched against a grammar.
#[derive(Clone)]
struct HeaderMatch {
    /// Per physical cell: (cleaned label, grammar column).
    cells: Vec<(String, Option<usize>)>,
    /// Labels the grammar does not know are the table's own columns, not
    /// pieces of the grammar's (a header only partly in the family's words).
    own_labels: bool,
}

/// Alignment of a page's lines to the table columns: physical cell `p` goes
/// to column `p - shift`.
#[derive(Clone, Copy)]
struct Alignment {
    shift: isize,
    width: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ev {
    Fill,
    Repeat,
    Cont,
    DupTail,
    Fresh,
    WeakFresh,
}

const OPEN_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "for",
    "in",
    "a",
    "an",
    "with",
    "on",
    "at",
    "by",
    "from",
    "or",
    "our",
    "their",
    "its",
    "as",
    "that",
    "which",
    "into",
    "through",
    "within",
    "is",
    "are",
    "be",
    "will",
    "has",
    "have",
    "this",
    "these",
    "than",
    "but",
    "not",
    "per",
    "including",
    "such",
    "both",
    "more",
    "across",
    "during",
    "between",
    "against",
    "towards",
    "until",
    "via",
    "among",
    "upon",
    "onto",
    "without",
    "whether",
    "was",
    "were",
    "been",
    "can",
    "should",
    "would",
    "could",
    "must",
];

/// The fewest words a table's header must have before the same words cut
/// into cells in another order count as that header again.
const MIN_SHUFFLED_HEADER_WORDS: usize = 6;

/// The words of some labels in their comparable form, sorted: the same
/// for a header however its words are cut into cells.
fn label_words<'t>(cells: impl Iterator<Item = &'t str>) -> Vec<String> {
    let mut words: Vec<String> = cells
        .flat_map(str::split_whitespace)
        .map(label_key)
        .filter(|k| !k.is_empty())
        .collect();
    words.sort_unstable();
    words
}

fn first_letter(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_alphanumeric())
}

/// Glyphs that open a list item (`•`, `▪`, and the Symbol-font bullets
/// exporters leave in the private-use area).
const BULLETS: &[char] = &['•', '▪', '·', '◦', '\u{f0b7}', '\u{f0a7}'];

/// Whether text opens with a list item's bullet.
fn opens_bullet(s: &str) -> bool {
    s.trim_start().starts_with(BULLETS)
}

fn starts_lower(s: &str) -> bool {
    first_letter(s).is_some_and(char::is_lowercase)
}

fn strongly_open(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with([',', '-', '/', '&', '(', '–', '+']) {
        return true;
    }
    let last = t.rsplit(' ').next().unwrap_or("");
    // A name's middle initial is no article (`ARMER, DEREK A`).
    if last == "A" && t.contains(", ") && t.split_whitespace().count() <= 4 {
        return false;
    }
    if last.is_ascii() {
        OPEN_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
    } else {
        OPEN_WORDS.contains(&last.to_lowercase().as_str())
    }
}

/// The most words of a date cell (`w/c 30th September 2009`): longer
/// text that ends in a year is a sentence, which may wrap.
const DATE_WORDS: usize = 4;

fn closed(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['"', '\'', '”', '’', '*']);
    t.ends_with(['.', ';', '!', '?', ':'])
}

/// Whether `next` repeats the end of `prev` as the exporter re-rendered it
/// (same words, different case or punctuation). An identical repetition is
/// more likely a real repeated item and is kept.
fn is_dup_tail(prev: &str, next: &str) -> bool {
    // Most pairs differ in their last letter or digit: the cheap test first.
    let last = |s: &str| {
        s.chars()
            .rev()
            .find(|c| c.is_alphanumeric())
            .map(|c| c.to_lowercase().next())
    };
    if last(prev) != last(next) || prev.trim_end().ends_with(next.trim()) {
        return false;
    }
    // Comparing from the end stops at the first difference; lengths last.
    norm_ends_with(prev, next) && next.split_whitespace().nth(1).is_some() && {
        let n = norm_len(next);
        n >= 12 && norm_len(prev) > n
    }
}

/// How far from the end of a cell, in comparable characters beyond the
/// repeat's own length, a reprinted line is looked for: about a wrapped
/// line of a narrow column.
const REPRINT_WINDOW: usize = 40;

/// Whether `next`, a continuation of three or more words, reprints words
/// that end the cell above but for its last few (`maximising the
/// efficiency of` under `... as well as maximising the efficiency of
/// officers who will`): exporters that cut a row print its last wrapped
/// line or two again. The cell's very end is [`is_dup_tail`]'s case (a
/// list item printed twice in a row can be real: `... Education
/// Development Plan` then `Education Development Plan`).
fn is_reprinted_line(prev: &str, next: &str) -> bool {
    if next.split_whitespace().nth(2).is_none() {
        return false;
    }
    let needle: String = norm_chars(next).collect();
    if needle.len() < 16 {
        return false;
    }
    let hay: String = norm_chars(prev).collect();
    let from = hay.len().saturating_sub(needle.len() + REPRINT_WINDOW);
    let from = (from..=hay.len())
        .find(|&b| hay.is_char_boundary(b))
        .unwrap_or(hay.len());
    hay[from..]
        .match_indices(needle.as_str())
        .any(|(at, _)| from + at + needle.len() < hay.len())
}

/// A line's cells matched against a grammar's header labels: a header when
/// at least two and 80% of its labelled cells name columns.
fn match_header(texts: &[String], grammar: &Grammar) -> Option<HeaderMatch> {
    let mut cells = Vec::new();
    let (mut matched, mut labelled) = (0, 0);
    let last = texts.iter().rposition(|t| !t.is_empty())?;
    // A cell too long for a label: no header (most table lines stop here).
    if texts[..=last].iter().any(|t| t.len() > 90) {
        return None;
    }
    let all_labelled = texts[..=last].iter().filter(|t| !t.is_empty()).count();
    for (p, t) in texts.iter().enumerate() {
        if p > last {
            break;
        }
        if t.is_empty() {
            cells.push((String::new(), None));
            continue;
        }
        // Too many cells unmatched already: no header.
        if (labelled - matched) * 10 > all_labelled * 2 {
            return None;
        }
        labelled += 1;
        let col = grammar.column_for_label(t);
        if col.is_some() {
            matched += 1;
        }
        cells.push((t.clone(), col));
    }
    (matched >= 2 && matched * 10 >= labelled * 8).then_some(HeaderMatch {
        cells,
        own_labels: false,
    })
}

/// Runs the grammar over a cleaned layout.
pub fn extract(cleaned: &Cleaned, grammar: &Grammar) -> Extraction {
    Assembler::new(cleaned, grammar).run()
}

/// How many lines of a layout a family grammar recognises as header rows:
/// the evidence for choosing a report's grammar.
pub fn header_count(cleaned: &Cleaned, grammar: &Grammar) -> usize {
    // Only table lines can be headers: one-cell lines need no classifying.
    (0..cleaned.layout.lines.len())
        .filter(|&i| {
            cleaned.layout.lines[i].cells.len() > 1
                && classify_line(cleaned, i, grammar) == LineClass::Tabular
                && (match_header(&cleaned.texts[i], grammar).is_some()
                    || mostly_familiar(&cleaned.texts[i], grammar))
        })
        .count()
}

/// A line of labels, not a REF row, naming three or more of a family's
/// columns and mostly in its words (`Risk Ref | Risk Description |
/// Likelihood | Impact | Risk Owner | Mitigating Action | Status`): a header
/// of that family's, though not every label is the family's.
fn mostly_familiar(texts: &[String], grammar: &Grammar) -> bool {
    if !looks_like_labels(texts) || grammar.is_ref(&texts[0]) {
        return false;
    }
    let labelled: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    let familiar = labelled
        .iter()
        .filter(|t| grammar.column_for_label(t).is_some())
        .count();
    is_mostly_familiar(familiar, labelled.len())
}

/// Three or more of a line's labels name a family's columns, and more
/// than half of them do.
fn is_mostly_familiar(familiar: usize, labelled: usize) -> bool {
    familiar >= 3 && familiar * 2 > labelled
}

struct Assembler<'a> {
    /// The cleaned layout: texts, vocabulary, known values.
    cleaned: &'a Cleaned<'a>,
    /// The layout (`cleaned.layout`).
    layout: &'a Layout,
    /// Cleaned text of every cell of every line (`cleaned.texts`).
    texts: &'a [Vec<String>],
    grammar: &'a Grammar,
    classes: Vec<LineClass>,
    /// Each table line's match against the grammar's header labels
    /// (computed once).
    headers: Vec<Option<HeaderMatch>>,
    /// Column assignment of short rows, per (table, cell count), computed
    /// once for the whole run of like rows.
    placements: HashMap<(usize, usize, usize), Vec<usize>>,
    info: Vec<LineInfo>,
    tables: Vec<Table>,
    warnings: Vec<Warning>,
    title: Option<Located>,
    legend: Vec<Located>,
    headings: Vec<Located>,
    pending_headings: Vec<Located>,
    /// Lines that repeat page after page (furniture by repetition, not by
    /// the grammar's page-head patterns) since the last table line: a
    /// section's running head (`B - Improved Quality of Life for
    /// Communities`) whose first showing titles the table starting under
    /// it.
    running: Vec<Located>,
    /// The comparable text of the table lines printed before the first
    /// table (a title block set out in columns): printed again after a
    /// page break, they are the page's running head, not rows.
    preamble: HashSet<String>,
    align: Option<Alignment>,
    /// The cells of the header line just read, until a data line follows:
    /// a header's label may overflow onto the next line.
    header_cells: Option<Vec<String>>,
    /// Index of the current top-level record in the open table.
    record: Option<usize>,
    group: Option<usize>,
    pending_ref: Option<(Piece, u32)>,
    after_break: bool,
    saw_blank: bool,
    page: u32,
    /// Where new pages start when the text has no form feeds but prints its
    /// running head at the top of every page (empty when it does not).
    page_tops: Vec<usize>,
    seen_data: bool,
}

impl<'a> Assembler<'a> {
    fn new(cleaned: &'a Cleaned<'a>, grammar: &'a Grammar) -> Self {
        let layout = cleaned.layout;
        let texts = &cleaned.texts;
        let classes: Vec<LineClass> = (0..layout.lines.len())
            .map(|i| classify_line(cleaned, i, grammar))
            .collect();
        let headers = (0..layout.lines.len())
            .map(|i| {
                (classes[i] == LineClass::Tabular)
                    .then(|| match_header(&texts[i], grammar))
                    .flatten()
            })
            .collect();
        let page_tops = page_tops(texts, &classes, grammar);
        Assembler {
            cleaned,
            layout,
            texts,
            grammar,
            classes,
            headers,
            placements: HashMap::new(),
            info: Vec::new(),
            tables: Vec::new(),
            warnings: Vec::new(),
            title: None,
            legend: Vec::new(),
            headings: Vec::new(),
            pending_headings: Vec::new(),
            running: Vec::new(),
            preamble: HashSet::default(),
            align: None,
            header_cells: None,
            record: None,
            group: None,
            pending_ref: None,
            after_break: false,
            saw_blank: false,
            page: 1,
            seen_data: false,
            page_tops,
        }
    }

    fn run(mut self) -> Extraction {
        let generic = self.grammar.is_generic();
        for i in 0..self.layout.lines.len() {
            let class = self.classes[i];
            if !self.layout.explicit_pages && self.page_tops.binary_search(&i).is_ok_and(|k| k > 0)
            {
                self.page += 1;
            }
            let page = if self.layout.explicit_pages {
                self.layout.lines[i].page
            } else {
                self.page
            };
            self.info.push(LineInfo {
                class,
                rule: "",
                table: None,
                row: None,
                page,
            });
            match class {
                LineClass::Blank => {
                    self.saw_blank = true;
                    self.mark_break();
                    self.set(i, class, "blank");
                }
                LineClass::Rule
                | LineClass::Legend
                | LineClass::PageHead
                | LineClass::Footer
                | LineClass::PageNumber => {
                    self.mark_break();
                    if class == LineClass::Legend {
                        let loc = self.located_line(i);
                        self.legend.push(loc);
                    }
                    if class == LineClass::PageHead {
                        self.page_head(i);
                    }
                    self.set(i, class, "furniture");
                }
                LineClass::Note => self.note(i),
                LineClass::Heading => self.heading(i),
                LineClass::Tabular if self.repeats_preamble(i) => {
                    self.mark_break();
                    self.set(i, LineClass::PageHead, "repeated-title-block");
                }
                LineClass::Tabular => {
                    let header = if generic {
                        self.generic_header(i)
                    } else {
                        self.headers[i]
                            .clone()
                            .or_else(|| self.partly_familiar_header(i))
                    };
                    match header {
                        Some(h) => self.header(i, h),
                        None => self.data_line(i),
                    }
                }
                _ => {}
            }
        }
        self.finish()
    }

    fn set(&mut self, i: usize, class: LineClass, rule: &'static str) {
        let info = &mut self.info[i];
        info.class = class;
        info.rule = rule;
    }

    fn mark_break(&mut self) {
        if self.seen_data {
            self.after_break = true;
        }
    }

    fn located_line(&self, i: usize) -> Located {
        let line = &self.layout.lines[i];
        let pieces: Vec<Piece> = line
            .cells
            .iter()
            .flat_map(|c| c.fragments.iter().cloned())
            .map(|fragment| Piece {
                fragment,
                glue: Glue::Space,
            })
            .collect();
        Located {
            value: self.texts[i]
                .iter()
                .filter(|t| !t.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            pieces,
        }
    }

    fn heading(&mut self, i: usize) {
        let loc = self.located_line(i);
        if self.title.is_none() {
            self.title = Some(loc.clone());
            self.set(i, LineClass::Heading, "report-title");
        } else {
            self.set(i, LineClass::Heading, "section-heading");
        }
        let continued = self
            .grammar
            .continued
            .iter()
            .any(|p| p.is_match(&loc.value))
            || (self.pending_headings.is_empty()
                && self
                    .tables
                    .last()
                    .is_some_and(|t| restates_headings(&loc.value, t)));
        self.headings.push(loc.clone());
        if continued && !self.tables.is_empty() {
            self.set(i, LineClass::Heading, "continued-heading");
            self.mark_break();
            return;
        }
        self.pending_headings.push(loc);
        self.mark_break();
    }

    /// The first page head is the report's title. A line that is a page
    /// head only because it repeats, and is numbered like a section (`B -
    /// Improved Quality of Life for Communities`), is a section's running
    /// head: page numbers, file names and report names are not numbered so.
    fn page_head(&mut self, i: usize) {
        let loc = self.located_line(i);
        if self.title.is_none() {
            self.title = Some(loc);
            return;
        }
        if !self.grammar.is_page_head(&loc.value) && is_numbered_section(&loc.value) {
            self.running.push(loc);
        }
    }

    /// A footnote belongs to the table above it; before any table it is
    /// kept as a heading of the table to come.
    fn note(&mut self, i: usize) {
        let loc = self.located_line(i);
        let Some(t) = self.tables.last_mut() else {
            self.heading(i);
            return;
        };
        t.notes.push(loc);
        self.set(i, LineClass::Note, "footnote");
    }

    // ---------------------------------------------------------------- headers

    fn generic_header(&self, i: usize) -> Option<HeaderMatch> {
        let texts = &self.texts[i];
        let last = texts.iter().rposition(|t| !t.is_empty())?;
        let looks_like_labels = looks_like_labels(texts);
        let repeats_header = |texts: &[String]| self.repeats_table_header(texts);
        let same_as_table = repeats_header(&texts[..=last]);
        // Inside a table whose rows have begun, a line filling the first
        // column and fewer than half the others is one of its rows with
        // figures missing (`Rajasthan | 2.12.2009 to 19.12.2009` and nothing
        // else), not the header of a table below.
        let filled = texts.iter().filter(|t| !t.is_empty()).count();
        let short_row = !texts[0].is_empty()
            && self
                .tables
                .last()
                .is_some_and(|t| !t.rows.is_empty() && 2 * filled < t.columns.len());
        // Labels over rows of figures head a new table of their own; over
        // the table's header again they title the table below it (`Best
        // practice scenario` over `Volume servers in: | 2007 | ...`).
        let over_figures = !short_row && self.over_figure_rows(i);
        let starts_table =
            self.tables.is_empty() || !self.pending_headings.is_empty() || over_figures;
        (looks_like_labels && (same_as_table || starts_table)).then(|| HeaderMatch {
            cells: texts[..=last].iter().map(|t| (t.clone(), None)).collect(),
            own_labels: true,
        })
    }

    /// The open table's header again, its labels maybe cut into cells
    /// differently on this page (`First Name Address` as one cell or two):
    /// the same words in the same order, or, for a header of several words
    /// that a character grid squeezed (`Budget 2008/09 to £000` against
    /// `Budget 2008/09 £000` and `Actual to Date £000`), the same words.
    fn repeats_table_header(&self, texts: &[String]) -> bool {
        self.tables.last().is_some_and(|t| {
            let keys: String = t.columns.iter().map(|c| label_key(&c.label)).collect();
            if keys.is_empty() {
                return false;
            }
            if keys == texts.iter().map(|t| label_key(t)).collect::<String>() {
                return true;
            }
            let own = label_words(t.columns.iter().map(|c| c.label.as_str()));
            own.len() >= MIN_SHUFFLED_HEADER_WORDS
                && own == label_words(texts.iter().map(String::as_str))
        })
    }

    /// Whether line `i` holds no figures and the next table line of two or
    /// more cells (a group row aside) holds two or more that are not the
    /// open table's header again: labels over rows of figures.
    fn over_figure_rows(&self, i: usize) -> bool {
        figure_cells(&self.texts[i]) == 0
            && (i + 1..self.layout.lines.len())
                .find(|&j| {
                    self.classes[j] == LineClass::Tabular
                        && self.texts[j].iter().filter(|t| !t.is_empty()).count() >= 2
                })
                .is_some_and(|j| {
                    figure_cells(&self.texts[j]) >= 2 && !self.repeats_table_header(&self.texts[j])
                })
    }

    /// Whether any row of the open table is a row of figures, as
    /// [`Assembler::over_figure_rows`] reads them (two cells or more, the
    /// first aside, all figures or nil): a date such as `2005-06` in a
    /// table of actions makes none.
    fn open_table_has_figures(&self) -> bool {
        self.tables
            .last()
            .is_some_and(|t| t.rows.iter().any(|r| figure_cells(&r.values) >= 2))
    }

    /// Under a family grammar, a header only partly in the family's words
    /// (`No. | What we will do | Budget £ | Spend to Date £ | Lead
    /// Officer`, `Ref | Key Action | Completion Date | Red/ Amber
    /// Green/Achieved`): where a table starts (the first table line, or the
    /// first under a section heading) or repeats its header, a line of
    /// labels naming at least two of the family's columns, the first not a
    /// REF value; elsewhere, one naming three and mostly in the family's
    /// words.
    fn partly_familiar_header(&self, i: usize) -> Option<HeaderMatch> {
        let texts = &self.texts[i];
        if !looks_like_labels(texts) || self.grammar.is_ref(&texts[0]) {
            return None;
        }
        let last = texts.iter().rposition(|t| !t.is_empty())?;
        let cols: Vec<Option<usize>> = texts[..=last]
            .iter()
            .map(|t| {
                (!t.is_empty())
                    .then(|| self.grammar.column_for_label(t))
                    .flatten()
            })
            .collect();
        let familiar = cols.iter().filter(|c| c.is_some()).count();
        let labelled = texts.iter().filter(|t| !t.is_empty()).count();
        // Inside a table, a new header must be mostly the family's words
        // (`Ref | Key Action | Completion Date | Red/ Amber Green/Achieved`
        // under a colour key, no heading between).
        let starts_table = self.tables.is_empty() || !self.pending_headings.is_empty();
        // Where a table starts, labels over rows of figures need none of
        // the family's words (`BVPI | Description | 2006/07 Actual | ...`);
        // nor do they in a table of words, whose rows hold no figures
        // (`Item | Scheme | Total Cost £000 | ...` after a page of actions).
        // (In a table, a line of one or two labels is a group row.)
        let over_figures = (starts_table || (labelled >= 3 && !self.open_table_has_figures()))
            && self.over_figure_rows(i);
        // The open table's own header again needs nothing more.
        let repeats = self.repeats_table_header(texts);
        let placed =
            starts_table || over_figures || repeats || is_mostly_familiar(familiar, labelled);
        let enough = familiar >= 2 || over_figures || repeats;
        (placed && enough).then(|| HeaderMatch {
            cells: texts[..=last].iter().cloned().zip(cols).collect(),
            own_labels: true,
        })
    }

    /// How a header row's cells line up with an existing table's columns:
    /// the shift that maps most labelled cells onto columns of the same key.
    /// A shifted header must also repeat the table's labels word for word:
    /// another table with fewer columns of the same kinds (`Priority | Key
    /// Task | By When | Who | Progress` after `Ref | Dept. | MTCS Priority |
    /// ...`) is no copy of its header printed a few cells off.
    fn align_to(&self, table: &Table, h: &HeaderMatch) -> Option<isize> {
        // Per shift: labelled cells of the same key, and of the same label.
        let mut votes: Vec<(isize, usize, usize)> = Vec::new();
        let mut labelled = 0;
        for (p, (label, col)) in h.cells.iter().enumerate() {
            if label.is_empty() {
                continue;
            }
            labelled += 1;
            let key = col.map(|c| self.grammar.columns[c].key.clone());
            let found = table.columns.iter().position(|c| match &key {
                Some(k) => &c.key == k,
                None => label_key(&c.label) == label_key(label),
            });
            if let Some(c) = found {
                let shift = p as isize - c as isize;
                let same = usize::from(label_key(&table.columns[c].label) == label_key(label));
                match votes.iter_mut().find(|(s, ..)| *s == shift) {
                    Some(v) => {
                        v.1 += 1;
                        v.2 += same;
                    }
                    None => votes.push((shift, 1, same)),
                }
            }
        }
        let (shift, n, same) = votes.into_iter().max_by_key(|&(s, n, _)| (n, -s.abs()))?;
        let agree = |k: usize| k * 10 >= labelled * 7;
        (agree(n) && (shift == 0 || agree(same))).then_some(shift)
    }

    fn header(&mut self, i: usize, h: HeaderMatch) {
        let number = self.layout.lines[i].number;
        self.header_cells = Some(h.cells.iter().map(|(t, _)| t.clone()).collect());
        let width = h.cells.len();
        if self.pending_headings.is_empty() {
            if let Some(t) = self.tables.last() {
                if let Some(shift) = self.align_to(t, &h) {
                    let ti = self.tables.len() - 1;
                    self.tables[ti].header_lines.push(number);
                    self.align = Some(Alignment { shift, width });
                    self.mark_break();
                    if shift != 0 {
                        self.warnings.push(Warning {
                            code: "shifted-header",
                            line: number,
                            message: format!("repeated header is shifted by {shift} cell(s); this page's rows are read with the same shift"),
                        });
                    }
                    self.set(i, LineClass::Header, "repeated-header");
                    self.info[i].table = Some(ti);
                    self.running.clear();
                    return;
                }
            }
        }
        let columns = self.columns_of(i, &h);
        self.start_table(columns, vec![number]);
        self.align = Some(Alignment { shift: 0, width });
        self.set(i, LineClass::Header, "new-header");
        self.info[i].table = Some(self.tables.len() - 1);
    }

    /// What the cells under an unlabelled header cell look like in the next
    /// table lines: names, dates, or text.
    fn peek_role(&self, header_line: usize, p: usize) -> Option<Role> {
        let values: Vec<&String> = (header_line + 1..self.layout.lines.len())
            .filter(|&j| self.classes[j] == LineClass::Tabular)
            .take(12)
            .filter_map(|j| self.texts[j].get(p))
            .filter(|t| !t.is_empty())
            .collect();
        if values.is_empty() {
            return None;
        }
        let dates = values
            .iter()
            .filter(|v| looks_like_date(v) && v.len() < 40)
            .count();
        let short = values
            .iter()
            .filter(|v| v.chars().count() <= 40 && !v.ends_with('.'))
            .count();
        if dates * 2 > values.len() {
            Some(Role::Date)
        } else if short * 4 >= values.len() * 3 {
            Some(Role::Name)
        } else {
            Some(Role::Text)
        }
    }

    fn columns_of(&self, line: usize, h: &HeaderMatch) -> Vec<Column> {
        let g = self.grammar;
        let mut used: Vec<usize> = h.cells.iter().filter_map(|c| c.1).collect();
        let mut columns = Vec::new();
        for (p, (label, col)) in h.cells.iter().enumerate() {
            let col = col.or_else(|| {
                if g.is_generic() || (h.own_labels && !label.is_empty()) {
                    return None;
                }
                // An empty or unknown label: the grammar column that fits
                // between its neighbours in canonical order.
                let prev = h.cells[..p]
                    .iter()
                    .rev()
                    .find_map(|c| c.1)
                    .map_or(-1, |c| c as isize);
                let next = h.cells[p + 1..]
                    .iter()
                    .find_map(|c| c.1)
                    .map_or(g.columns.len() as isize, |c| c as isize);
                let candidates: Vec<usize> = (0..g.columns.len())
                    .filter(|&c| (c as isize) > prev && (c as isize) < next && !used.contains(&c))
                    .filter(|&c| !label.is_empty() || p > 0 || g.columns[c].role == Role::Row)
                    .collect();
                let wanted = self.peek_role(line, p);
                let candidate = candidates
                    .iter()
                    .copied()
                    .find(|&c| Some(g.columns[c].role) == wanted)
                    .or_else(|| candidates.first().copied())?;
                used.push(candidate);
                Some(candidate)
            });
            let (mut key, role, value_type) = match col {
                Some(c) => (
                    g.columns[c].key.clone(),
                    g.columns[c].role,
                    g.columns[c].value_type,
                ),
                None => {
                    let slug = slug(label);
                    let key = if slug.is_empty() {
                        format!("column_{}", p + 1)
                    } else {
                        slug
                    };
                    let role = if p == 0 {
                        Role::Row
                    } else if p == 1 {
                        Role::Title
                    } else {
                        Role::Text
                    };
                    (key, role, ValueType::Text)
                }
            };
            if columns.iter().any(|c: &Column| c.key == key) {
                key = format!("{key}_{}", p + 1);
            }
            columns.push(Column {
                key,
                // Split words are repaired in labels as in values
                // (`Red/ Amber Green/Achieve d`).
                label: owned_repair(label.clone(), &self.cleaned.vocab),
                role,
                value_type,
            });
        }
        columns
    }

    /// Under the generic grammar, a row wider than its table's header (a
    /// stacked header whose last line labels only the first columns; the
    /// columns right of them printed without labels) widens the table by
    /// unlabelled columns, so that its cells keep their own columns
    /// instead of being joined into the last one.
    fn widen_generic_table(&mut self, i: usize) {
        if !self.grammar.is_generic() || self.align.is_some_and(|a| a.shift != 0) {
            return;
        }
        let width = self.layout.lines[i]
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |p| p + 1);
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if t.columns.is_empty() || width <= t.columns.len() {
            return;
        }
        for p in t.columns.len()..width {
            let mut key = format!("column_{}", p + 1);
            if t.columns.iter().any(|c| c.key == key) {
                key = format!("{key}_{}", p + 1);
            }
            t.columns.push(Column {
                key,
                label: String::new(),
                role: Role::Text,
                value_type: ValueType::Text,
            });
        }
        for r in &mut t.rows {
            r.cells.resize(width, Vec::new());
            r.values.resize(width, String::new());
        }
        if let Some(a) = &mut self.align {
            a.width = a.width.max(width);
        }
    }

    fn start_table(&mut self, columns: Vec<Column>, header_lines: Vec<u32>) {
        let mut headings = std::mem::take(&mut self.pending_headings);
        headings.append(&mut self.running);
        headings.sort_by_key(|h| h.pieces.first().map(|p| p.fragment.line));
        let section = headings.last().map(|h| self.without_running_title(h));
        self.tables.push(Table {
            section,
            headings,
            columns,
            header_lines,
            groups: Vec::new(),
            notes: Vec::new(),
            rows: Vec::new(),
        });
        self.record = None;
        self.group = None;
        self.pending_ref = None;
        self.after_break = false;
    }

    /// A section heading printed on one line after the report's title, as
    /// exports fuse a running page head with the heading under it (`CPA
    /// Improvement Plan and Medium Term Strategy Monitoring Quarter 1
    /// 2008/2009 Highways, Transport and Waste - CPA` under the title `...
    /// Medium Term Corporate Strategy (MTCS) Monitoring Quarter 1
    /// 2008/2009`): the section is what follows the restated title. The
    /// heading itself stays whole among the table's headings.
    fn without_running_title(&self, heading: &Located) -> Located {
        let Some(title) = &self.title else {
            return heading.clone();
        };
        let title_words = title_words(&title.value);
        let Some(first) = heading.pieces.first() else {
            return heading.clone();
        };
        let raw = self.layout.slice(first.fragment.span);
        let (Some(raw_cut), Some(value_cut)) = (
            after_running_title(raw, &title_words),
            after_running_title(&heading.value, &title_words),
        ) else {
            return heading.clone();
        };
        let mut pieces = heading.pieces.clone();
        pieces[0].fragment.span.start += raw_cut;
        Located {
            value: heading.value[value_cut..].to_string(),
            pieces,
        }
    }

    // ------------------------------------------------------------- data rows

    /// Column index of the row-defining column and of the lead (first
    /// descriptive) column of the open table.
    fn roles(&self) -> (usize, Option<usize>) {
        let t = self.tables.last().expect("roles need a table");
        // Without a REF column the first column (the priority) defines the
        // rows itself: a line that leaves it empty goes on with the record
        // or is a sub-row of it, whatever its action says.
        let Some(row) = t.ref_column() else {
            return (0, None);
        };
        let lead = t
            .columns
            .iter()
            .enumerate()
            .position(|(k, c)| k != row && matches!(c.role, Role::Title))
            .or_else(|| {
                t.columns
                    .iter()
                    .enumerate()
                    .position(|(k, c)| k != row && c.role == Role::Text)
            });
        (row, lead)
    }

    /// Maps a line's physical cells onto the table's columns: the page's
    /// header alignment first; rows with fewer cells are placed by meaning.
    fn map_cells(&mut self, i: usize) -> Vec<Vec<Piece>> {
        self.widen_generic_table(i);
        let ncols = self.tables.last().map_or(0, |t| t.columns.len());
        let line = &self.layout.lines[i];
        let number = line.number;
        let align = self.align.unwrap_or(Alignment {
            shift: 0,
            width: ncols,
        });
        let mut out: Vec<Vec<Piece>> = vec![Vec::new(); ncols];
        let physical: Vec<Vec<Piece>> = line
            .cells
            .iter()
            .map(|c| {
                c.fragments
                    .iter()
                    .cloned()
                    .map(|fragment| Piece {
                        fragment,
                        glue: Glue::Space,
                    })
                    .collect()
            })
            .collect();
        let mut physical = physical;
        let last_non_empty = physical.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
        if last_non_empty as isize - align.shift >= ncols as isize {
            // More cells than columns: a stray bullet or dash cell is the
            // usual cause; drop such cells before anything else.
            let before = physical.len();
            let layout = self.layout;
            physical.retain(|c| {
                c.is_empty()
                    || c.iter().any(|p| {
                        layout
                            .slice(p.fragment.span)
                            .chars()
                            .any(char::is_alphanumeric)
                    })
            });
            if physical.len() < before {
                self.warnings.push(Warning {
                    code: "stray-cell-dropped",
                    line: number,
                    message: "a cell holding only a bullet or punctuation made the row wider than the table; dropped".to_string(),
                });
            }
        }
        let last_non_empty = physical.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
        // One or two short cells at the line's start that read as a title
        // (`Performance M` TAB `anagement`) stay where they are: the group
        // row test looks at them in place.
        let leading: Vec<String> = physical
            .iter()
            .map(|c| {
                c.iter()
                    .map(|p| self.layout.slice(p.fragment.span))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let title_like = physical.len() <= 2 && {
            let joined = leading.join("").trim().to_string();
            joined.chars().count() <= 60
                && !joined.ends_with('.')
                && joined.chars().next().is_some_and(char::is_uppercase)
                && !self.grammar.is_ref(leading[0].trim())
        };
        if !title_like
            && physical.len() < align.width
            && last_non_empty + 1 < align.width + 1
            && physical.len() + 1 < align.width + (align.shift.max(0) as usize) + 1
            && physical.len() < align.width
        {
            return self.place_by_meaning(i, physical, ncols);
        }
        for (p, pieces) in physical.into_iter().enumerate() {
            if pieces.is_empty() {
                continue;
            }
            let col = p as isize - align.shift;
            if col < 0 {
                // A cell before the first column ("5." TAB "MTCS/CYP" on a
                // page whose header gained a leading cell): it belongs to
                // the first column's text.
                self.warnings.push(Warning {
                    code: "cell-before-first-column",
                    line: number,
                    message: "text before the first column joined to the first column".to_string(),
                });
                let mut merged = pieces;
                merged.append(&mut out[0]);
                out[0] = merged;
            } else if (col as usize) < ncols {
                out[col as usize].extend(pieces);
            } else {
                self.warnings.push(Warning {
                    code: "extra-cells",
                    line: number,
                    message: format!(
                        "cell {} is beyond the table's {} columns; joined to the last column",
                        p + 1,
                        ncols
                    ),
                });
                out[ncols - 1].extend(pieces);
            }
        }
        out
    }

    /// Places the cells of a short row (fewer TABs than the header) by
    /// column meaning: names in officer columns, dates in date columns, long
    /// prose where long prose goes, lower-case fragments where the row above
    /// left a sentence open. A dynamic programme over monotone assignments.
    fn place_by_meaning(
        &mut self,
        i: usize,
        physical: Vec<Vec<Piece>>,
        ncols: usize,
    ) -> Vec<Vec<Piece>> {
        let number = self.layout.lines[i].number;
        let texts: Vec<String> = physical
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|p| clean_text(self.layout.slice(p.fragment.span)))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let n = texts.len();
        let ti = self.tables.len() - 1;
        // A row one cell short is the table's usual row (an exporter drops
        // one column throughout): one placement for all of them. Rows two
        // or more short vary from page to page (a page printed a cell to
        // the left, another missing its dates): one placement per page.
        let block = if n + 1 < ncols {
            (0..i)
                .rev()
                .find(|&j| self.ends_block(j))
                .map_or(0, |j| j + 1)
        } else {
            0
        };
        // A table under the same header as an earlier one (the next
        // section of the report) drops the same column as that one did.
        let earlier = || {
            let keys = |t: &Table| t.columns.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
            let own = keys(&self.tables[ti]);
            (0..ti)
                .rev()
                .filter(|&tj| keys(&self.tables[tj]) == own)
                .find_map(|tj| self.placements.get(&(tj, n, 0)).cloned())
        };
        let assignment = match self.placements.get(&(ti, n, block)) {
            Some(a) => a.clone(),
            None => {
                let a = (block == 0)
                    .then(earlier)
                    .flatten()
                    .unwrap_or_else(|| self.assign_run(i, n, ncols, block > 0));
                self.placements.insert((ti, n, block), a.clone());
                a
            }
        };
        let t = self.tables.last().expect("placing needs a table");
        let mut out: Vec<Vec<Piece>> = vec![Vec::new(); ncols];
        let mut placed = Vec::new();
        for (c, pieces) in physical.into_iter().enumerate() {
            let col = assignment.get(c).copied().unwrap_or(usize::MAX);
            if col == usize::MAX || col >= ncols {
                if let Some(last) = out.last_mut() {
                    last.extend(pieces);
                }
                continue;
            }
            if !pieces.is_empty() {
                placed.push(format!("{}→{}", c + 1, t.columns[col].key));
            }
            out[col] = pieces;
        }
        self.warnings.push(Warning {
            code: "cells-placed-by-meaning",
            line: number,
            message: format!(
                "{} cells for {} columns; placed by content: {}",
                n,
                ncols,
                placed.join(", ")
            ),
        });
        out
    }

    /// The monotone assignment of a short row's cells to columns that fits
    /// best over the whole run of like rows (dynamic programme).
    fn assign_run(&self, i: usize, n: usize, ncols: usize, page: bool) -> Vec<usize> {
        let t = self.tables.last().expect("placing needs a table");
        let typical = self.typical_lengths();
        // Lines with the same number of cells in the rest of this table share
        // one layout (an exporter drops a column for whole pages): score the
        // assignment over all of them, so every such line maps alike.
        let run: Vec<&Vec<String>> = (i..self.layout.lines.len())
            .take_while(|&j| {
                j == i
                    || if page {
                        !self.ends_block(j)
                    } else {
                        !matches!(self.classes[j], LineClass::Heading) && self.headers[j].is_none()
                    }
            })
            .filter(|&j| self.classes[j] == LineClass::Tabular && self.texts[j].len() == n)
            .map(|j| &self.texts[j])
            .collect();
        let score = |c: usize, k: usize| -> f64 {
            let col = &t.columns[k];
            if matches!(col.role, Role::Title | Role::Text | Role::Prose) {
                // Free text: compare the run's mean length with the column's.
                let lens: Vec<f64> = run
                    .iter()
                    .map(|l| l[c].chars().count() as f64)
                    .filter(|&l| l > 0.0)
                    .collect();
                if lens.is_empty() {
                    return 0.0;
                }
                let mean = lens.iter().sum::<f64>() / lens.len() as f64;
                return lens.len() as f64 * (2.0 - (mean / typical[k].max(10.0)).ln().abs());
            }
            run.iter().map(|line| placement_score(&line[c], col)).sum()
        };
        // best[c][k]: best score placing cells c.. with cell c at column >= k.
        let mut best = vec![vec![f64::NEG_INFINITY; ncols + 1]; n + 1];
        let mut choice = vec![vec![usize::MAX; ncols + 1]; n + 1];
        best[n].fill(0.0);
        for c in (0..n).rev() {
            for k in (0..ncols).rev() {
                // Put cell c at column k, or skip column k.
                let put = if best[c + 1][k + 1].is_finite() {
                    score(c, k) + best[c + 1][k + 1]
                } else {
                    f64::NEG_INFINITY
                };
                let skip = best[c][k + 1];
                if put >= skip {
                    best[c][k] = put;
                    choice[c][k] = k;
                } else {
                    best[c][k] = skip;
                    choice[c][k] = choice[c][k + 1];
                }
            }
        }
        let mut assignment = Vec::with_capacity(n);
        let mut k = 0;
        for row in choice.iter().take(n) {
            let col = if k < ncols { row[k] } else { usize::MAX };
            assignment.push(col);
            if col < ncols {
                k = col + 1;
            }
        }
        assignment
    }

    /// Whether every numeral of a line stands in a column of figures of the
    /// open table (most of its values so far are figures): values of a row
    /// whose label wrapped above them (`85 | 85`), not a page number
    /// dropped into a column of text.
    fn under_figures(&self, cells: &[&str]) -> bool {
        let Some(t) = self.tables.last() else {
            return false;
        };
        cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .all(|(k, _)| {
                let (figures, values) = t
                    .rows
                    .iter()
                    .filter_map(|r| r.values.get(k).filter(|v| !v.is_empty()))
                    .fold((0, 0), |(f, n), v| (f + usize::from(all_figures(v)), n + 1));
                values > 0 && 2 * figures > values
            })
    }

    /// Whether line `j` ends a page's block of lines: a blank line (a page
    /// break in exported text), a heading, a running head or a header.
    fn ends_block(&self, j: usize) -> bool {
        matches!(
            self.classes[j],
            LineClass::Blank | LineClass::Heading | LineClass::PageHead
        ) || self.headers[j].is_some()
    }

    /// Mean length of each column's non-empty cleaned values in the open table.
    fn typical_lengths(&self) -> Vec<f64> {
        let t = self.tables.last().expect("needs a table");
        (0..t.columns.len())
            .map(|k| {
                let lens: Vec<usize> = t
                    .rows
                    .iter()
                    .map(|r| r.values[k].chars().count())
                    .filter(|&l| l > 0)
                    .collect();
                if lens.is_empty() {
                    60.0
                } else {
                    lens.iter().sum::<usize>() as f64 / lens.len() as f64
                }
            })
            .collect()
    }

    fn piece_text(&self, pieces: &[Piece]) -> String {
        cell_value(self.cleaned, pieces)
    }

    /// Adds `pieces` to cell `k` of row `r` of the open table, keeping the
    /// row's cleaned value of the cell in step.
    fn extend_cell(&mut self, r: usize, k: usize, pieces: Vec<Piece>) {
        let row = &mut self.tables.last_mut().expect("rows need a table").rows[r];
        row.cells[k].extend(pieces);
        row.values[k] = cell_value(self.cleaned, &row.cells[k]);
    }

    fn texts_of(&self, cells: &[Vec<Piece>]) -> Vec<String> {
        cells.iter().map(|c| self.piece_text(c)).collect()
    }

    fn evidence(&self, prev: &str, next: &str) -> Option<Ev> {
        if next.is_empty() {
            return None;
        }
        if prev.is_empty() {
            return Some(Ev::Fill);
        }
        if same_norm(prev, next) {
            return Some(Ev::Repeat);
        }
        if is_dup_tail(prev, next) {
            return Some(Ev::DupTail);
        }
        // Text that opens with the same three words as the cell above is a
        // new entry of the same kind (`Hank Fisher Properties, Inc. -
        // Chateau at` over `Hank Fisher Properties, Inc. - Chateau`), not the
        // rest of it, however open that one ends.
        let (mut a, mut b) = (prev.split_whitespace(), next.split_whitespace());
        if (0..3).all(|_| matches!((a.next(), b.next()), (Some(x), Some(y)) if x == y)) {
            return Some(Ev::Fresh);
        }
        // A placeholder (`n/a`, `nil`, `tbc`) is a whole value, never the
        // rest of one; under a figure it is the next row's.
        if is_placeholder(next) {
            let figure_like = |t: &str| all_figures(t) || is_placeholder(t);
            return Some(if figure_like(prev) {
                Ev::Fresh
            } else {
                Ev::WeakFresh
            });
        }
        // A list item goes on a line that announces it; else its first
        // letter's case says nothing (`• multi-agency centre opened` may
        // open the next row's comment).
        let bullet = opens_bullet(next);
        if bullet && prev.trim_end().ends_with(':') {
            return Some(Ev::Cont);
        }
        if (!bullet && starts_lower(next)) || strongly_open(prev) {
            return Some(Ev::Cont);
        }
        if self
            .cleaned
            .known_values
            .contains(&format!("{prev} {next}").to_lowercase())
        {
            return Some(Ev::Cont);
        }
        // Nor do whole dates (`30th September 2009` under `Summer exams
        // 2008`): short values that each end in a year.
        let short_date = |t: &str| {
            t.split_whitespace().next_back().is_some_and(is_year)
                && t.split_whitespace().count() <= DATE_WORDS
        };
        if short_date(prev) && short_date(next) {
            return Some(Ev::Fresh);
        }
        // Codes and figures do not wrap into one another (`C1` over `C2`,
        // `12,111.06` over `25,499.96`).
        Some(
            if closed(prev)
                || (is_code(prev) && is_code(next))
                || (all_figures(prev) && all_figures(next))
            {
                Ev::Fresh
            } else {
                Ev::WeakFresh
            },
        )
    }

    /// Whether a line after a page break carries on the row the break cut
    /// although its first column has text: no cell starts anew (each goes
    /// on from the row's text above it) and at least two read as the rest
    /// of an open sentence, as when a table with a wrapped text first
    /// column (`Respond to Children's` / `Trust requirements`) breaks mid-row.
    /// A line of one cell going on in lower case from an unfinished cell
    /// (`... and underachieving` over the break, then `groups`) does too.
    fn continues_mid_sentence(&self, texts: &[String]) -> bool {
        let ti = self.tables.len() - 1;
        let Some(prev) = self.tables[ti].rows.last() else {
            return false;
        };
        let (mut cont, mut fresh) = (0, 0);
        let mut lone_tail = false;
        for (t, p) in texts.iter().zip(&prev.values) {
            match self.evidence(p, t) {
                None | Some(Ev::WeakFresh) => {}
                Some(Ev::Cont) => {
                    cont += 1;
                    lone_tail = starts_lower(t) && !closed(p);
                }
                Some(Ev::Fresh) => fresh += 1,
                Some(_) => return false,
            }
        }
        let filled = texts.iter().filter(|t| !t.is_empty()).count();
        // A new sentence in one cell (`Overall the 2nd year ...` after a
        // finished one) does not outweigh a first column going on from an
        // unfinished sentence, in lower case or capitalised at the page's
        // top where the first column is text, not a REF (`District
        // councils to make`, then `Sure the services ...`), and more going
        // on in lower case.
        let (row_col, _) = self.roles();
        let text_first = self.tables[ti].ref_column().is_none();
        let first_goes_on = texts.get(row_col).is_some_and(|t| {
            !t.is_empty()
                && !closed(&prev.values[row_col])
                && (starts_lower(t) || (text_first && cont >= 2))
        });
        (cont >= 2 && (fresh == 0 || (first_goes_on && fresh < cont)))
            || (filled == 1 && cont == 1 && lone_tail)
    }

    /// Whether line `i` is the end of the header line above it that
    /// overflowed its band (a ruled header row too low for `Red/ Amber/
    /// Green/ Achieved`, whose last word falls under the rule): each of its
    /// cells ends a label of the table whose other words the header's cell
    /// above holds, in order, while it lacks the whole label.
    fn completes_header(&self, head: &[String], i: usize) -> bool {
        let Some(table) = self.tables.last() else {
            return false;
        };
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let within = |needle: &[String], hay: &[String]| {
            let mut it = hay.iter();
            needle.iter().all(|w| it.any(|h| h == w))
        };
        let labels: Vec<Vec<String>> = table.columns.iter().map(|c| words(&c.label)).collect();
        let mut any = false;
        for (p, t) in self.texts[i].iter().enumerate() {
            let tail = words(t);
            if tail.is_empty() {
                continue;
            }
            let above = words(head.get(p).map_or("", String::as_str));
            let ends_label = labels.iter().any(|l| {
                l.len() > tail.len()
                    && l.ends_with(&tail)
                    && within(&l[..l.len() - tail.len()], &above)
                    && !within(l, &above)
            });
            if !ends_label {
                return false;
            }
            any = true;
        }
        any
    }

    fn data_line(&mut self, i: usize) {
        let number = self.layout.lines[i].number;
        if self.tables.is_empty() && self.grammar.is_generic() {
            // Rows of amounts with no header line over them (a key-figures
            // list): a table of unlabelled columns.
            let texts = &self.texts[i];
            let width = texts
                .iter()
                .rposition(|t| !t.is_empty())
                .map_or(0, |p| p + 1);
            if width >= 2 && holds_amount(texts) {
                let h = HeaderMatch {
                    cells: vec![(String::new(), None); width],
                    own_labels: true,
                };
                let columns = self.columns_of(i, &h);
                self.start_table(columns, Vec::new());
                self.align = Some(Alignment { shift: 0, width });
            }
        }
        if self.tables.is_empty() {
            if let Some(key) = self.preamble_key(i) {
                self.preamble.insert(key);
            }
            self.unmatched(i, "a TAB line before any table header");
            return;
        }
        if !self.pending_headings.is_empty() && self.seen_data {
            // A section heading followed straight by rows: a new table with
            // the same columns.
            let columns = self
                .tables
                .last()
                .map(|t| t.columns.clone())
                .unwrap_or_default();
            self.start_table(columns, Vec::new());
        }
        self.running.clear();
        let raw_cells: Vec<&str> = self.texts[i].iter().map(String::as_str).collect();
        if is_page_number_line(&raw_cells) && !self.under_figures(&raw_cells) {
            self.set(i, LineClass::PageNumber, "stray-numerals");
            return;
        }
        let mut cells = self.map_cells(i);
        let (row_col, lead) = self.roles();
        self.repair_shifted_boundary(&mut cells, row_col, number);
        self.repair_ref_number(&mut cells, row_col, number);
        self.split_fused_name(&mut cells, number);
        let texts = self.texts_of(&cells);
        if texts.iter().all(String::is_empty) {
            self.set(i, LineClass::Blank, "empty-cells");
            return;
        }
        let ti = self.tables.len() - 1;
        self.info[i].table = Some(ti);
        if let Some(head) = self.header_cells.take() {
            if self.completes_header(&head, i) {
                self.tables[ti].header_lines.push(number);
                self.set(i, LineClass::Header, "header-overflow");
                self.header_cells = Some(head);
                return;
            }
        }
        let after_break = std::mem::replace(&mut self.after_break, false);
        let first_data = !self.seen_data;
        self.seen_data = true;
        if self.saw_blank
            && after_break
            && !self.layout.explicit_pages
            && self.page_tops.is_empty()
            && !first_data
        {
            self.page += 1;
            self.info[i].page = self.page;
        }
        self.saw_blank = false;

        if let Some(rule) = self.try_group(i, &cells, &texts, row_col, lead, after_break) {
            self.set(i, LineClass::Group, rule);
            return;
        }
        let texts = if self.leading_group_label(&mut cells, &texts, row_col, lead) {
            self.texts_of(&cells)
        } else {
            texts
        };
        let has_ref = !texts[row_col].is_empty();
        let record = self.record.map(|r| &self.tables[ti].rows[r]);
        if has_ref {
            let record_ref = record.map(|r| r.values[row_col].as_str());
            let repeat = record_ref.is_some_and(|r| same_norm(r, &texts[row_col]));
            let lead_cont = lead.is_some_and(|l| {
                let rt = record.map_or("", |r| r.values[l].as_str());
                !texts[l].is_empty()
                    && !rt.is_empty()
                    && (starts_lower(&texts[l]) || strongly_open(rt))
            });
            if !repeat && record_ref == Some("") && self.headline_above(ti, &texts) {
                // The record's first line, printed under the header without
                // its REF: this line gives it the REF and the rest.
                let r = self.record.expect("checked");
                for (k, pieces) in cells.into_iter().enumerate() {
                    if !pieces.is_empty() {
                        self.extend_cell(r, k, pieces);
                    }
                }
                let row = &mut self.tables[ti].rows[r];
                row.lines.insert(number);
                row.merges.push((number, "ref-on-second-line"));
                row.warnings.push(Warning {
                    code: "ref-on-second-line",
                    line: number,
                    message: "the record's first line, printed under the header without a REF, was joined to this line's REF and cells".to_string(),
                });
                self.set(i, LineClass::Record, "ref-on-second-line");
                self.info[i].row = Some(r);
                return;
            }
            if !repeat && record_ref == Some("") && lead_cont {
                // The REF sits on the record's second line, beside the rest of
                // its merged priority cell: both belong to the record above.
                let r = self.record.expect("checked");
                let l = lead.expect("checked");
                let ref_pieces = std::mem::take(&mut cells[row_col]);
                let lead_pieces = std::mem::take(&mut cells[l]);
                self.tables[ti].rows[r].cells[row_col].clear();
                self.extend_cell(r, row_col, ref_pieces);
                self.extend_cell(r, l, lead_pieces);
                let row = &mut self.tables[ti].rows[r];
                row.lines.insert(number);
                row.warnings.push(Warning {
                    code: "ref-on-second-line",
                    line: number,
                    message: "the REF printed on the record's second line was given to the record"
                        .to_string(),
                });
                let texts = self.texts_of(&cells);
                if texts.iter().all(String::is_empty) {
                    self.set(i, LineClass::Continuation, "ref-on-second-line");
                    self.info[i].row = Some(r);
                    return;
                }
                self.no_ref_line(i, cells, texts, row_col, lead, after_break);
                return;
            }
            if !repeat && after_break && self.continues_mid_sentence(&texts) {
                let prev = self.tables[ti].rows.len() - 1;
                self.continuation(
                    i,
                    cells,
                    &texts,
                    prev,
                    "continuation-mid-sentence-after-break",
                );
                return;
            }
            if !repeat && record_ref.is_some_and(|r| self.completes_ref(r, &texts[row_col])) {
                let prev = self.tables[ti].rows.len() - 1;
                self.continuation(i, cells, &texts, prev, "continuation-ref-completed");
                return;
            }
            if !repeat && self.first_column_goes_on(&texts, row_col) {
                let prev = self.tables[ti].rows.len() - 1;
                self.continuation(i, cells, &texts, prev, "continuation-first-column");
                return;
            }
            if !repeat && self.repeats_tail_above(&texts, row_col) {
                let prev = self.tables[ti].rows.len() - 1;
                self.continuation(i, cells, &texts, prev, "continuation-repeated-tail");
                return;
            }
            if !repeat {
                self.new_record(
                    i,
                    cells,
                    texts,
                    None,
                    if after_break {
                        "record-ref-after-break"
                    } else {
                        "record-ref"
                    },
                    after_break,
                );
                return;
            }
            if self.is_full_row(&texts, row_col) {
                self.new_record(i, cells, texts, None, "record-repeated-ref", after_break);
                return;
            }
        }
        self.no_ref_line(i, cells, texts, row_col, lead, after_break);
    }

    /// The open record's cleaned value in column `k` ("" without one).
    fn record_value(&self, k: usize) -> &str {
        self.record
            .and_then(|r| self.tables.last()?.rows.get(r))
            .map_or("", |r| r.values[k].as_str())
    }

    /// Whether a REF cell is the rest of the REF of the record above, cut
    /// where its column wrapped (`CPA` over `CHS 10`): that REF is no REF
    /// of the family on its own, and the two read together are one, or
    /// the start of one that a number on the next line completes (`CPA`
    /// over `EAT`, then `20`).
    fn completes_ref(&self, above: &str, cur: &str) -> bool {
        if above.is_empty() || cur.is_empty() || self.grammar.is_ref(above) {
            return false;
        }
        let joined = format!("{above} {cur}");
        self.grammar.is_ref(&joined) || self.grammar.is_ref(&format!("{joined} 1"))
    }

    /// Whether a line goes on with the row above in a table whose first
    /// column is text, not a REF (a priority wrapped onto a line of its
    /// own): its first cell goes on in lower case from that row's first
    /// cell, which left its sentence open (`... "In [ the ] 19 priority`,
    /// then `neighbourhoods it is too early to see the impact ...`).
    fn first_column_goes_on(&self, texts: &[String], row_col: usize) -> bool {
        let t = self.tables.last().expect("rows need a table");
        if t.ref_column().is_some() {
            return false;
        }
        let Some(prev) = t.rows.last().map(|r| r.values[row_col].as_str()) else {
            return false;
        };
        !prev.is_empty() && !closed(prev) && starts_lower(&texts[row_col])
    }

    /// Whether a line goes on with the row above in a table whose first
    /// column is text, not a REF, because another of its cells reprints
    /// the end of that row's cell, as exporters do where they cut a row
    /// (`As is assessment of` under `... Project will include:- "As is"
    /// assessment of`): a new record does not open by repeating the last
    /// words of the one above. A line naming its own officer, status or
    /// date is a record all the same.
    fn repeats_tail_above(&self, texts: &[String], row_col: usize) -> bool {
        let t = self.tables.last().expect("rows need a table");
        if t.ref_column().is_some() {
            return false;
        }
        let Some(prev) = t.rows.last() else {
            return false;
        };
        let own = texts.iter().zip(&t.columns).any(|(text, c)| {
            !text.is_empty() && matches!(c.role, Role::Name | Role::Status | Role::Date)
        });
        !own && texts
            .iter()
            .zip(&prev.values)
            .enumerate()
            .any(|(k, (t, p))| k != row_col && is_dup_tail(p, t))
    }

    /// Whether the open record is a headline the REF line `texts` completes
    /// (a family grammar's REF):
    /// one line, the first under a header, no REF, and only cells this line
    /// fills too, while this line also fills three or more it left empty
    /// (its REF among them)
    /// (`Work towards the Government's e-government target` under the
    /// header, then `10 | RES | Other | 100% subject to ... | 2005 | Andy
    /// Roberts | On target.`).
    fn headline_above(&self, ti: usize, texts: &[String]) -> bool {
        // Under the generic grammar the first column is no REF: a label
        // above a row of figures heads the rows below it.
        let Some(r) = self.record.filter(|_| !self.grammar.is_generic()) else {
            return false;
        };
        let t = &self.tables[ti];
        let row = &t.rows[r];
        if r + 1 != t.rows.len() || row.parent.is_some() || row.lines.len() != 1 {
            return false;
        }
        let Some(&number) = row.lines.first() else {
            return false;
        };
        let Ok(at) = self
            .layout
            .lines
            .binary_search_by_key(&number, |l| l.number)
        else {
            return false;
        };
        let under_header = (0..at)
            .rev()
            .find(|&j| self.info[j].class != LineClass::Blank)
            .is_some_and(|j| self.info[j].class == LineClass::Header);
        let inside = row
            .values
            .iter()
            .zip(texts)
            .all(|(v, t)| v.is_empty() || !t.is_empty());
        let more = row
            .values
            .iter()
            .zip(texts)
            .filter(|(v, t)| v.is_empty() && !t.is_empty())
            .count();
        under_header && inside && more >= 3
    }

    /// Whether a line whose REF repeats the record's is a row of its own:
    /// it fills every column the previous row filled and one more besides
    /// the REF, none of its cells goes on from the cell above, and at
    /// least one says something new (or, under the generic grammar, it is
    /// the same entry again). Lists keyed by a code repeat the key
    /// on every row (`01  Aguascalientes  001 ... 0094  Granja Adelita`,
    /// then `01  Aguascalientes  001 ... 0096  Agua Azul`).
    fn is_full_row(&self, texts: &[String], row_col: usize) -> bool {
        let Some(prev) = self.tables.last().and_then(|t| t.rows.last()) else {
            return false;
        };
        let mut fresh = false;
        let mut filled = 0;
        for (k, (p, t)) in prev.values.iter().zip(texts).enumerate() {
            if t.is_empty() {
                if !p.is_empty() {
                    return false;
                }
                continue;
            }
            filled += 1;
            if k == row_col {
                continue;
            }
            match self.evidence(p, t) {
                Some(Ev::Cont | Ev::DupTail | Ev::Fill) => return false,
                Some(Ev::Fresh | Ev::WeakFresh) => fresh = true,
                _ => {}
            }
        }
        // Under the generic grammar a line the same as the row above in
        // every cell is a second, identical entry (a list of notices may
        // hold two), not the row printed twice.
        let duplicate = self.grammar.is_generic() && prev.values.as_slice() == texts;
        (fresh || duplicate) && filled >= 3
    }

    /// The exporter sometimes pushes the last letter(s) of a REF into the
    /// next cell (`1. MTCS/C` TAB `SImprove`): move them back when the next
    /// cell's first token is no word but becomes one without them, and the
    /// REF then still reads as a REF.
    fn repair_shifted_boundary(&mut self, cells: &mut [Vec<Piece>], row_col: usize, number: u32) {
        let next = row_col + 1;
        if cells.len() <= next || cells[row_col].is_empty() || cells[next].is_empty() {
            return;
        }
        let first = cells[next][0].clone();
        let text = self.layout.slice(first.fragment.span);
        let token: &str = text.split_whitespace().next().unwrap_or("");
        if !token.chars().all(char::is_alphabetic) || self.cleaned.vocab.count(token) > 1 {
            return;
        }
        for k in 1..=2usize.min(token.len().saturating_sub(3)) {
            if !token.is_char_boundary(k) {
                break;
            }
            let (prefix, rest) = token.split_at(k);
            // "SImprove": a capital glued before a capitalised word; or
            // "Simplement": a capital before a word the report uses.
            let glued_capital = rest.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().nth(1).is_some_and(char::is_lowercase);
            if !prefix.chars().all(|c| c.is_ascii_uppercase())
                || !(glued_capital || self.cleaned.vocab.count(rest) >= 2)
            {
                continue;
            }
            let ref_text = self.piece_text(&cells[row_col]);
            if !self.grammar.is_ref(&format!("{ref_text}{prefix}")) {
                continue;
            }
            let span = first.fragment.span;
            let moved = Piece {
                fragment: Fragment {
                    span: Span {
                        start: span.start,
                        end: span.start + k,
                    },
                    ..first.fragment.clone()
                },
                glue: Glue::Tight,
            };
            cells[row_col].push(moved);
            cells[next][0].fragment.span.start += k;
            self.warnings.push(Warning {
                code: "split-boundary-repaired",
                line: number,
                message: format!(
                    "{prefix:?} moved from the start of the next cell back to the REF"
                ),
            });
            return;
        }
    }

    /// A REF whose number a squeezed grid put at the start of the next
    /// cell's text on the REF's last line (`RES` | `1 plan and disposals
    /// ...` under `CPA`): the number goes back to the REF when the REF,
    /// read on from the record's REF above where this line goes on with
    /// it, is no REF without it and is one with it.
    fn repair_ref_number(&mut self, cells: &mut [Vec<Piece>], row_col: usize, number: u32) {
        let next = row_col + 1;
        if cells.len() <= next || cells[row_col].is_empty() || cells[next].is_empty() {
            return;
        }
        // The next cell's text on the REF's last line.
        let line = cells[row_col][cells[row_col].len() - 1].fragment.line;
        let Some(at) = cells[next].iter().position(|p| p.fragment.line == line) else {
            return;
        };
        let span = cells[next][at].fragment.span;
        let text = self.layout.slice(span);
        let Some(token) = text.split_whitespace().next() else {
            return;
        };
        let digits = token.trim_end_matches(|c: char| c.is_ascii_lowercase());
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let cur = self.piece_text(&cells[row_col]);
        let above = self.record_value(row_col);
        let read = if self.completes_ref(above, &cur) {
            format!("{above} {cur}")
        } else {
            cur
        };
        if self.grammar.is_ref(&read) || !self.grammar.is_ref(&format!("{read} {token}")) {
            return;
        }
        let start = span.start + (text.len() - text.trim_start().len());
        let end = start + token.len();
        let fragment = Fragment {
            span: Span { start, end },
            ..cells[next][at].fragment.clone()
        };
        cells[row_col].push(Piece {
            fragment,
            glue: Glue::Space,
        });
        let rest = self.layout.slice(Span {
            start: end,
            end: span.end,
        });
        let skip = rest.len() - rest.trim_start().len();
        if end + skip >= span.end {
            cells[next].remove(at);
        } else {
            cells[next][at].fragment.span.start = end + skip;
        }
        self.warnings.push(Warning {
            code: "split-boundary-repaired",
            line: number,
            message: format!("{token:?} moved from the start of the next cell back to the REF"),
        });
    }

    /// A name fused onto the end of the cell before its empty column, the
    /// TAB between them lost and an opening parenthesis left (`... at
    /// minimum cost (Greg Payne` with no officer cell): when the words
    /// after the parenthesis are a whole cell elsewhere in the report, they
    /// go to the name column.
    fn split_fused_name(&mut self, cells: &mut [Vec<Piece>], number: u32) {
        let t = self.tables.last().expect("rows need a table");
        let Some(k) = (1..cells.len().min(t.columns.len())).find(|&k| {
            t.columns[k].role == Role::Name && cells[k].is_empty() && !cells[k - 1].is_empty()
        }) else {
            return;
        };
        let Some(last) = cells[k - 1].last().cloned() else {
            return;
        };
        let text = self.layout.slice(last.fragment.span);
        let Some(open) = text.rfind('(') else {
            return;
        };
        let name = text[open + 1..].trim();
        let words = name.split_whitespace().count();
        if !(2..=4).contains(&words)
            || name.contains(')')
            || !name
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
            || !self.cleaned.known_values.contains(&name.to_lowercase())
        {
            return;
        }
        let span = last.fragment.span;
        let name_start =
            span.start + open + 1 + (text[open + 1..].len() - text[open + 1..].trim_start().len());
        let left_end = span.start + text[..open].trim_end().len();
        let moved = Piece {
            fragment: Fragment {
                span: Span {
                    start: name_start,
                    end: name_start + name.len(),
                },
                ..last.fragment.clone()
            },
            glue: Glue::Space,
        };
        let n = cells[k - 1].len();
        cells[k - 1][n - 1].fragment.span.end = left_end;
        cells[k].push(moved);
        self.warnings.push(Warning {
            code: "fused-cells-split",
            line: number,
            message: format!(
                "{name:?} split from the end of the cell before it into the empty name column"
            ),
        });
    }

    fn try_group(
        &mut self,
        i: usize,
        cells: &[Vec<Piece>],
        texts: &[String],
        row_col: usize,
        lead: Option<usize>,
        after_break: bool,
    ) -> Option<&'static str> {
        let idx: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.chars().any(char::is_alphanumeric))
            .map(|(k, _)| k)
            .collect();
        let first = *idx.first()?;
        let lastk = *idx.last()?;
        if lastk - first + 1 != idx.len() || !(first == row_col || Some(first) == lead) {
            return None;
        }
        // Right after a page break, a lone cell beside the row column that
        // does not start a capitalised label, under a cell the record above
        // left open (`... considered to 12% during` over the break, then
        // `2006/07`), goes on with that cell.
        // So do two or more cells beside it, each under a cell the record
        // above left open (`Authority (LPA). | Plan` under `... of each
        // Local Planning | ... the East Midlands Regional`).
        if after_break {
            let above = |k: usize| {
                self.tables
                    .last()
                    .and_then(|t| t.rows.last())
                    .map_or("", |r| r.values[k].as_str())
            };
            let open = |k: usize| !above(k).is_empty() && !closed(above(k));
            if idx.len() == 1 && first != row_col {
                let label = texts[first].starts_with(char::is_uppercase);
                if open(first) && (!label || strongly_open(above(first))) {
                    return None;
                }
            } else if idx.len() >= 2 && first != row_col && idx.iter().all(|&k| open(k)) {
                return None;
            }
        }
        if lastk > lead.unwrap_or(row_col).max(row_col) + 2 {
            return None;
        }
        // The rest of a REF cut where its column wrapped is no group label.
        if first == row_col && self.completes_ref(self.record_value(row_col), &texts[row_col]) {
            return None;
        }
        // A line that fills every column of a table of three or more is a
        // row (`Nanotechnology and its publics | NSF | Pennsylvania State
        // University`), not a group label cut across cells.
        if idx.len() == texts.len() && texts.len() >= 3 {
            return None;
        }
        // Figures beside a label make a data row (`Self competence 0,37`,
        // `Rajasthan  2.12.2009 to 19.12.2009`), and so do nil values in two
        // or more cells (`Chhattisgarh  -  -`) or in a column of figures
        // (`Direct result  -` under `Revaluation  2,076,667`).
        let nils = texts
            .iter()
            .filter(|t| is_nil(t))
            .map(|t| t.split_whitespace().count())
            .sum::<usize>();
        let figures_column = |k: usize| {
            self.tables.last().is_some_and(|t| {
                t.rows
                    .iter()
                    .any(|r| r.values.get(k).is_some_and(|v| all_figures(v)))
            })
        };
        if idx[1..].iter().any(|&k| {
            all_figures(&texts[k]) || texts[k].split_whitespace().next().is_some_and(is_figure)
        }) || nils >= 2
            || texts
                .iter()
                .enumerate()
                .skip(first + 1)
                .any(|(k, t)| is_nil(t) && figures_column(k))
        {
            return None;
        }
        let mut joined = String::new();
        for &k in &idx {
            joined = join_split(&joined, &texts[k], &self.cleaned.vocab);
        }
        let ref_only = idx.len() == 1 && first == row_col && self.grammar.is_ref(&joined);
        let has_ref = first == row_col && idx.len() >= 2 && self.grammar.is_ref(&texts[row_col]);
        if !ref_only
            && (joined.chars().count() > 80
                || joined.ends_with('.')
                || !joined
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        {
            return None;
        }
        // A group row heads records: the next table line must start one.
        if !self.next_starts_record(i, row_col, lead) {
            return None;
        }
        let number = self.layout.lines[i].number;
        if ref_only || has_ref {
            let piece = cells[row_col][0].clone();
            self.pending_ref = Some((piece, number));
        }
        if ref_only {
            return Some("ref-row");
        }
        let start = if has_ref { 1 } else { 0 };
        let mut value = String::new();
        let mut pieces = Vec::new();
        for &k in &idx[start..] {
            value = join_split(&value, &texts[k], &self.cleaned.vocab);
            for (j, p) in cells[k].iter().enumerate() {
                let glue = if pieces.is_empty() || j > 0 {
                    Glue::Space
                } else {
                    Glue::Split
                };
                pieces.push(Piece { glue, ..p.clone() });
            }
        }
        self.open_group(Located { value, pieces });
        Some(if has_ref {
            "group-row-with-ref"
        } else {
            "group-row"
        })
    }

    /// A record's first cell that opens with a short label set apart by
    /// markup (`<b>TRANSPORT</b> Improve condition of roads`, `<p>Safer
    /// Communities</p> <p>Work with our partners ...</p>`): the exporter
    /// printed the group row inside the record. The label becomes the
    /// group of this record and those below it; the cell keeps the rest.
    /// The cell is the REF's lead cell beside a REF, else the first cell.
    fn leading_group_label(
        &mut self,
        cells: &mut [Vec<Piece>],
        texts: &[String],
        row_col: usize,
        lead: Option<usize>,
    ) -> bool {
        let ti = self.tables.len() - 1;
        let k = if self.tables[ti].columns[row_col].role == Role::Row {
            match lead {
                Some(l) if !texts[row_col].is_empty() => l,
                _ => return false,
            }
        } else {
            row_col
        };
        let Some(first) = cells[k].first() else {
            return false;
        };
        let raw = self.layout.slice(first.fragment.span);
        let body = raw.trim_start();
        let Some((open, close)) = [("<b>", "</b>"), ("<strong>", "</strong>"), ("<p>", "</p>")]
            .into_iter()
            .find(|(open, _)| body.starts_with(open))
        else {
            return false;
        };
        let Some(end) = body.find(close) else {
            return false;
        };
        let label = clean_text(&body[open.len()..end]);
        let rest = &body[end + close.len()..];
        let words = label.split_whitespace().count();
        let is_label = (1..=5).contains(&words)
            && label.chars().count() <= 50
            && label.chars().next().is_some_and(char::is_uppercase)
            && !label.ends_with(['.', ':', ';', ','])
            && !label.chars().any(|c| c.is_ascii_digit())
            && clean_text(rest).chars().any(char::is_alphabetic);
        if !is_label {
            return false;
        }
        let start = first.fragment.span.start + (raw.len() - body.len());
        let cut = start + end + close.len();
        let label_piece = Piece {
            fragment: Fragment {
                span: Span { start, end: cut },
                ..first.fragment.clone()
            },
            glue: Glue::Space,
        };
        let text = &self.layout.text[cut..first.fragment.span.end];
        cells[k][0].fragment.span.start = cut + (text.len() - text.trim_start().len());
        self.open_group(Located {
            value: label,
            pieces: vec![label_piece],
        });
        true
    }

    /// Adds a group label to the open table; the records from here on sit
    /// under it.
    fn open_group(&mut self, label: Located) {
        let t = self.tables.last_mut().expect("groups need a table");
        t.groups.push(label);
        self.group = Some(t.groups.len() - 1);
    }

    fn next_starts_record(&self, i: usize, row_col: usize, lead: Option<usize>) -> bool {
        let shift = self.align.map_or(0, |a| a.shift);
        for j in i + 1..self.layout.lines.len() {
            match self.classes[j] {
                LineClass::Tabular => {
                    let t = &self.texts[j];
                    let at = |k: usize| {
                        let p = k as isize + shift;
                        p >= 0 && t.get(p as usize).is_some_and(|s| !s.is_empty())
                    };
                    if self.headers[j].is_some() {
                        continue;
                    }
                    // A sub-row right under the group (no REF, no lead, but a
                    // fresh target with its own officer or status) heads
                    // records too.
                    let fresh = t.iter().filter(|s| !s.is_empty()).count() >= 3
                        && t.iter()
                            .find(|s| !s.is_empty())
                            .is_some_and(|s| !starts_lower(s));
                    return at(row_col)
                        || fresh
                        || lead.is_some_and(|l| {
                            at(l) && !starts_lower(&t[(l as isize + shift).max(0) as usize])
                        });
                }
                LineClass::Heading => return false,
                _ => continue,
            }
        }
        false
    }

    fn no_ref_line(
        &mut self,
        i: usize,
        cells: Vec<Vec<Piece>>,
        texts: Vec<String>,
        row_col: usize,
        lead: Option<usize>,
        after_break: bool,
    ) {
        let ti = self.tables.len() - 1;
        let Some(prev_idx) = self.tables[ti].rows.len().checked_sub(1) else {
            self.new_record(i, cells, texts, None, "record-first-row", after_break);
            return;
        };
        let columns = &self.tables[ti].columns;
        let prev_texts = &self.tables[ti].rows[prev_idx].values;
        let record = self.record.unwrap_or(prev_idx);
        let record_texts = &self.tables[ti].rows[record].values;

        // Right after a page break, a row that fills only free-text columns
        // continues the record the break cut.
        let only_free_text = texts
            .iter()
            .zip(columns)
            .all(|(t, c)| t.is_empty() || matches!(c.role, Role::Title | Role::Text | Role::Prose));
        // (Figures never wrap: one under the row's own figure is the next
        // row's, page break or not.)
        let figure_under_figure = texts
            .iter()
            .zip(prev_texts)
            .any(|(t, p)| !t.is_empty() && !p.is_empty() && all_figures(t) && all_figures(p));
        // (Nor do two cells or more that open with a capital under cells
        // the row closed, each a finished sentence or value: a sub-row.)
        let closed_fresh = texts
            .iter()
            .zip(prev_texts)
            .filter(|(t, p)| !t.is_empty() && !p.is_empty() && closed(p) && !starts_lower(t))
            .count();
        if after_break && only_free_text && !figure_under_figure && closed_fresh < 2 {
            self.continuation(i, cells, &texts, prev_idx, "continuation-after-page-break");
            return;
        }

        let (mut fresh, mut cont) = (0i32, 0i32);
        let (mut own_name, mut own_status, mut own_date) = (false, false, false);
        let (mut target_like, mut strong_target, mut prose_fresh) = (false, false, false);
        let mut code_repeat = false;
        let mut code_fresh = false;
        let mut fresh_date = false;
        let mut lead_ev = None;
        let mut fresh_cells = 0;
        for (k, t) in texts.iter().enumerate() {
            if k == row_col {
                continue;
            }
            // Compare a lead cell with the record's, other cells with the
            // previous row's (a sub-row's cells continue the sub-row).
            let base = if Some(k) == lead && prev_texts[k].is_empty() {
                &record_texts[k]
            } else {
                &prev_texts[k]
            };
            let Some(ev) = self.evidence(base, t) else {
                continue;
            };
            if Some(k) == lead {
                lead_ev = Some(ev);
            }
            let role = columns[k].role;
            match ev {
                Ev::Cont | Ev::DupTail => cont += 2,
                Ev::Fresh => fresh += 2,
                // A whole name under another (`Lorna Nichols` under
                // `Charlie Drummond`) is another person, no wrapped tail.
                Ev::WeakFresh if role == Role::Name && is_full_name(base) && is_full_name(t) => {
                    fresh += 2
                }
                Ev::WeakFresh => fresh += 1,
                Ev::Repeat => fresh += 1,
                Ev::Fill => {
                    if matches!(role, Role::Name | Role::Status | Role::Date | Role::Code) {
                        fresh += 1;
                    }
                }
            }
            // A cell that fills an empty one above starts afresh when it
            // opens like a value: a capital, a digit, a sign.
            let opens_value = |t: &str| !t.starts_with(|c: char| c.is_lowercase());
            if matches!(ev, Ev::Fresh | Ev::WeakFresh) || (ev == Ev::Fill && opens_value(t)) {
                fresh_cells += 1;
            }
            let own = matches!(ev, Ev::Fresh | Ev::WeakFresh | Ev::Repeat | Ev::Fill);
            match role {
                Role::Name if own => own_name = true,
                Role::Status if own => own_status = true,
                Role::Date if own && ev != Ev::Repeat => {
                    own_date = true;
                    fresh_date |= ev == Ev::Fresh;
                }
                Role::Title | Role::Text if own && ev != Ev::Repeat => {
                    target_like = true;
                    if ev == Ev::Fresh {
                        strong_target = true;
                    }
                }
                Role::Prose if ev == Ev::Fresh || (ev == Ev::Fill && opens_value(t)) => {
                    prose_fresh = true
                }
                Role::Code if ev == Ev::Repeat => code_repeat = true,
                // An acronym under another (`CORP` under `HTW`) is another
                // department's: such codes never wrap into one another.
                Role::Code if ev == Ev::WeakFresh && is_acronym(base) && is_acronym(t) => {
                    code_fresh = true
                }
                _ => {}
            }
        }
        let lead_fresh_strong = lead_ev == Some(Ev::Fresh);
        // Without a family's column meanings, two cells that start afresh
        // and none that goes on make a row (`SMITH, ALVARO R  LEGISLATIVE
        // CORRESPONDENT  21,000.00` under `BAIN, J MATTHEW ...`).
        let generic_row = self.grammar.is_generic() && cont == 0 && fresh_cells >= 2;
        // Figures never wrap: two or more under the row's own figures, with
        // nothing going on, are the next row's (a sub-row of amounts).
        let figure_row = cont == 0
            && texts
                .iter()
                .zip(prev_texts)
                .filter(|(t, p)| !t.is_empty() && !p.is_empty() && all_figures(t) && all_figures(p))
                .count()
                >= 2;
        // A short code printed again under itself (`Medium` under `Medium`)
        // never wraps: with fresh text beside it and a date or comment of
        // its own, it is another target. (With neither, it is the title
        // line's target that exporters join to it: `Chief Exec Chief Exec`.)
        // A band the page parts from the one above by a rule or a gap, its
        // text starting afresh and nothing going on, is a row of its own.
        let set_apart = self.layout.lines[i].apart && cont == 0;
        let separate = fresh > cont
            && ((target_like
                && (own_name
                    || own_status
                    || ((strong_target || (code_repeat && cont == 0) || set_apart)
                        && (prose_fresh || own_date))))
                || (own_name && own_status)
                || lead_fresh_strong
                || generic_row
                || figure_row
                || (code_fresh && target_like && cont == 0)
                || (fresh_date && target_like && prose_fresh && cont == 0)
                || (target_like && prose_fresh && cont == 0 && fresh_cells >= 3));
        if !separate {
            let rule = if cont > 0 {
                "continuation-text"
            } else {
                "continuation-no-own-values"
            };
            if strong_target && cont == 0 {
                self.warnings.push(Warning {
                    code: "ambiguous-continuation",
                    line: self.layout.lines[i].number,
                    message: "line has no REF and no officer or status of its own; merged into the row above although its text starts fresh".to_string(),
                });
            }
            self.continuation(i, cells, &texts, prev_idx, rule);
            return;
        }
        let lead_has_own = lead.is_some_and(|l| {
            !texts[l].is_empty() && matches!(lead_ev, Some(Ev::Fresh | Ev::WeakFresh | Ev::Fill))
        });
        // A line that repeats the record's codes (department, priority
        // class) word for word is another target of that record (`74 |
        // Chief Exec | PSA | ...`, then ` | Chief Exec | PSA | Increase the
        // number ... from 972 to 1150.`), even with fresh lead text.
        let same_codes = self.pending_ref.is_none() && {
            let t = &self.tables[ti];
            let codes: Vec<usize> = (0..t.columns.len())
                .filter(|&k| t.columns[k].role == Role::Code)
                .collect();
            let rec = &t.rows[record].values;
            !codes.is_empty()
                && codes
                    .iter()
                    .all(|&k| !texts[k].is_empty() && same_norm(&texts[k], &rec[k]))
        };
        if lead_has_own && !same_codes {
            self.new_record(i, cells, texts, None, "record-lead-text", after_break);
        } else {
            self.sub_row(i, cells, texts, record, lead, lead_ev);
        }
    }

    /// Starts a row with a line's cells and their cleaned values (`texts`).
    fn new_record(
        &mut self,
        i: usize,
        mut cells: Vec<Vec<Piece>>,
        mut texts: Vec<String>,
        parent: Option<usize>,
        rule: &'static str,
        after_break: bool,
    ) {
        let number = self.layout.lines[i].number;
        let ti = self.tables.len() - 1;
        let (row_col, _) = self.roles();
        let mut warnings = Vec::new();
        let mut lines = BTreeSet::new();
        if let Some((piece, line)) = self.pending_ref.take() {
            if cells[row_col].is_empty() {
                cells[row_col].push(piece);
                texts[row_col] = self.piece_text(&cells[row_col]);
                lines.insert(line);
            } else {
                warnings.push(Warning {
                    code: "group-ref-ignored",
                    line,
                    message: "a REF on a group row was followed by a record with its own REF"
                        .to_string(),
                });
            }
        }
        if after_break {
            self.move_open_paragraphs(&mut cells, &mut texts, number);
        }
        for k in 0..cells.len() {
            // A whole cell that re-renders the end of the cell above (`...
            // Task Group to be established 23/6/10` over `Housing Landlord
            // Services Task Group to be established 23/6/10.`).
            let above = self.tables[ti]
                .rows
                .last()
                .map_or("", |r| r.values[k].as_str());
            if !above.is_empty()
                && texts[k].split_whitespace().nth(5).is_some()
                && is_dup_tail(above, &texts[k])
            {
                warnings.push(Warning {
                    code: "duplicate-tail-dropped",
                    line: number,
                    message: format!(
                        "{:?} repeats the end of the cell above; kept once",
                        texts[k]
                    ),
                });
                cells[k].clear();
                texts[k].clear();
                continue;
            }
            if let Some(dup) = self.drop_reprinted_tail(&mut cells[k], k) {
                texts[k] = self.piece_text(&cells[k]);
                warnings.push(Warning {
                    code: "duplicate-tail-dropped",
                    line: number,
                    message: format!(
                        "{dup:?} repeats the end of the cell above inside this cell; kept once"
                    ),
                });
            }
        }
        lines.insert(number);
        let row = Row {
            parent,
            group: self.group,
            values: texts,
            cells,
            lines,
            rule,
            merges: Vec::new(),
            warnings,
        };
        self.tables[ti].rows.push(row);
        let idx = self.tables[ti].rows.len() - 1;
        if parent.is_none() {
            self.record = Some(idx);
        }
        self.set(
            i,
            if parent.is_some() {
                LineClass::SubRow
            } else {
                LineClass::Record
            },
            rule,
        );
        self.info[i].row = Some(idx);
    }

    /// The exporter sometimes reprints the end of the cell above inside the
    /// next record's cell, where its own text was cut (`... reported by the
    /// 7 target "hard to reach". Districts have been reminded ... uptake
    /// work. Districts, as of May 08 ...`). Twelve or more words that end
    /// the cell above in the same column and run across the end of a
    /// sentence (a stock phrase repeated on purpose is shorter and has no
    /// sentence break inside), found again inside this cell's first
    /// fragment where they cut its own sentence short, are cut out of it
    /// (the fragment becomes two); says what was dropped. A cell that ends
    /// with the stock sentences the cell above ends with keeps them.
    fn drop_reprinted_tail(&self, cell: &mut Vec<Piece>, k: usize) -> Option<String> {
        const MIN_WORDS: usize = 12;
        let above = self.tables.last()?.rows.last()?.cells.get(k)?.last()?;
        let first = cell.first()?;
        let here = self.layout.slice(first.fragment.span);
        let tail_text = self.layout.slice(above.fragment.span).trim_end();
        // Most cells do not hold even the last word of the cell above.
        let last_word = tail_text.rsplit(char::is_whitespace).next()?;
        if !here.contains(last_word) {
            return None;
        }
        let words: Vec<usize> = tail_text
            .char_indices()
            .filter(|&(i, c)| {
                !c.is_whitespace() && (i == 0 || tail_text[..i].ends_with(char::is_whitespace))
            })
            .map(|(i, _)| i)
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let inside = |dup: &str| {
            here.match_indices(dup)
                .find(|&(at, _)| at > 0)
                .map(|(at, _)| at)
        };
        // The shortest candidate first: most cells do not hold even that.
        inside(&tail_text[words[words.len() - MIN_WORDS]..])?;
        let (at, dup) = words[..=words.len() - MIN_WORDS].iter().find_map(|&w| {
            let dup = &tail_text[w..];
            inside(dup).map(|at| (at, dup))
        })?;
        let sentence_break = dup
            .trim_end()
            .char_indices()
            .any(|(i, c)| matches!(c, '.' | ';' | '!' | '?') && dup[i + 1..].starts_with(' '));
        let wordy = dup
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        // The reprint cuts this cell's own sentence, which goes on after it.
        let cuts = !closed(&here[..at]) && !here[at + dup.len()..].trim().is_empty();
        if !sentence_break || wordy < MIN_WORDS || !cuts {
            return None;
        }
        let start = first.fragment.span.start;
        let (cut_from, cut_to) = (start + at, start + at + dup.len());
        let mut before = first.clone();
        before.fragment.span.end = cut_from;
        let mut after = first.clone();
        after.fragment.span.start = cut_to;
        after.glue = Glue::Space;
        let trim = |p: &mut Piece| {
            let t = self.layout.slice(p.fragment.span);
            p.fragment.span.start += t.len() - t.trim_start().len();
            p.fragment.span.end -= t.len() - t.trim_end().len();
        };
        trim(&mut before);
        trim(&mut after);
        let mut rest = cell.split_off(1);
        cell.clear();
        for p in [before, after] {
            if p.fragment.span.start < p.fragment.span.end {
                cell.push(p);
            }
        }
        cell.append(&mut rest);
        Some(dup.to_string())
    }

    /// After a page break, a new record's prose cell may begin with the last
    /// paragraph of the record above (`<p>downward trend.</p>` after
    /// `... to maintain the</p>`): a lower-case paragraph completing a
    /// sentence the cell above left open goes back to that cell.
    /// `texts` are the cleaned values of `cells`, kept in step.
    fn move_open_paragraphs(
        &mut self,
        cells: &mut [Vec<Piece>],
        texts: &mut [String],
        number: u32,
    ) {
        let ti = self.tables.len() - 1;
        let Some(prev) = self.tables[ti].rows.len().checked_sub(1) else {
            return;
        };
        for k in 0..cells.len() {
            let role = self.tables[ti].columns[k].role;
            if !matches!(role, Role::Prose | Role::Text) || cells[k].is_empty() {
                continue;
            }
            let first = cells[k][0].clone();
            let text = self.layout.slice(first.fragment.span);
            let Some(body) = text.strip_prefix("<p>") else {
                continue;
            };
            let Some(end) = body.find("</p>") else {
                continue;
            };
            let para = &body[..end];
            let above = &self.tables[ti].rows[prev].values[k];
            if !starts_lower(para) || above.is_empty() || closed(above) {
                continue;
            }
            let cut = first.fragment.span.start + 3 + end + 4;
            let moved = Piece {
                fragment: Fragment {
                    span: Span {
                        start: first.fragment.span.start,
                        end: cut,
                    },
                    ..first.fragment.clone()
                },
                glue: Glue::Space,
            };
            cells[k][0].fragment.span.start = cut
                + (self.layout.text[cut..first.fragment.span.end].len()
                    - self.layout.text[cut..first.fragment.span.end]
                        .trim_start()
                        .len());
            if cells[k][0].fragment.span.start >= cells[k][0].fragment.span.end {
                cells[k].remove(0);
            }
            texts[k] = self.piece_text(&cells[k]);
            self.extend_cell(prev, k, vec![moved]);
            let row = &mut self.tables[ti].rows[prev];
            row.lines.insert(number);
            row.merges
                .push((number, "paragraph-moved-to-previous-record"));
            row.warnings.push(Warning {
                code: "paragraph-moved",
                line: number,
                message: format!("the paragraph {para:?} completes this row's open sentence; moved from the next record"),
            });
        }
    }

    fn sub_row(
        &mut self,
        i: usize,
        mut cells: Vec<Vec<Piece>>,
        mut texts: Vec<String>,
        record: usize,
        lead: Option<usize>,
        lead_ev: Option<Ev>,
    ) {
        let number = self.layout.lines[i].number;
        let ti = self.tables.len() - 1;
        // Text of the record's merged (row-spanning) lead cell that sits on
        // this line belongs to the record.
        if let (Some(l), Some(ev)) = (lead, lead_ev) {
            if matches!(ev, Ev::Cont | Ev::DupTail) {
                let pieces = std::mem::take(&mut cells[l]);
                texts[l].clear();
                let row = &mut self.tables[ti].rows[record];
                if ev == Ev::DupTail {
                    row.warnings.push(Warning {
                        code: "duplicate-tail-dropped",
                        line: number,
                        message:
                            "the exporter printed the end of the record's cell twice; kept once"
                                .to_string(),
                    });
                } else {
                    row.lines.insert(number);
                    row.merges.push((number, "merged-cell-text-to-parent"));
                    self.extend_cell(record, l, pieces);
                }
            }
        }
        self.new_record(i, cells, texts, Some(record), "sub-row", false);
    }

    fn continuation(
        &mut self,
        i: usize,
        cells: Vec<Vec<Piece>>,
        texts: &[String],
        prev: usize,
        rule: &'static str,
    ) {
        let number = self.layout.lines[i].number;
        let ti = self.tables.len() - 1;
        let (row_col, lead) = self.roles();
        let record = self.record.unwrap_or(prev);
        let mut target_row = prev;
        for ((k, pieces), added) in cells.into_iter().enumerate().zip(texts) {
            if pieces.is_empty() {
                continue;
            }
            // A sub-row has no text of its own in the record's lead or REF
            // cells: such text continues the record.
            let to = if (Some(k) == lead || k == row_col)
                && self.tables[ti].rows[prev].cells[k].is_empty()
            {
                record
            } else {
                prev
            };
            // A lone page number left at the end of a cut row (`1` in the
            // comments column, under a finished sentence) is no text; nor
            // is a line that repeats the cell above.
            let prose = matches!(self.tables[ti].columns[k].role, Role::Prose | Role::Text);
            let above = &self.tables[ti].rows[to].values[k];
            let dropped = if prose
                && closed(above)
                && added.len() <= 3
                && added.bytes().all(|b| b.is_ascii_digit())
            {
                Some((
                    "stray-numerals-dropped",
                    "under a finished sentence read as a page number, not text",
                ))
            } else if is_dup_tail(above, added) {
                Some((
                    "duplicate-tail-dropped",
                    "repeats the end of the cell above; kept once",
                ))
            } else if is_reprinted_line(above, added) {
                Some((
                    "repeated-line-dropped",
                    "reprints words just above in the same cell; kept once",
                ))
            } else {
                None
            };
            if let Some((code, why)) = dropped {
                self.tables[ti].rows[to].warnings.push(Warning {
                    code,
                    line: number,
                    message: format!("{added:?} {why}"),
                });
                continue;
            }
            self.extend_cell(to, k, pieces);
            self.tables[ti].rows[to].lines.insert(number);
            target_row = to;
        }
        let row = &mut self.tables[ti].rows[target_row];
        row.merges.push((number, rule));
        self.set(i, LineClass::Continuation, rule);
        self.info[i].row = Some(target_row);
    }

    /// The comparable text of a line, for the preamble (see `preamble`).
    fn preamble_key(&self, i: usize) -> Option<String> {
        let key: String = self.texts[i].iter().flat_map(|t| norm_chars(t)).collect();
        (key.chars().count() >= PREAMBLE_MIN_CHARS).then_some(key)
    }

    /// Whether a table line, after the first table began, repeats a line of
    /// the preamble.
    fn repeats_preamble(&self, i: usize) -> bool {
        !self.tables.is_empty()
            && !self.preamble.is_empty()
            && self
                .preamble_key(i)
                .is_some_and(|k| self.preamble.contains(&k))
    }

    fn unmatched(&mut self, i: usize, why: &str) {
        let number = self.layout.lines[i].number;
        self.set(i, LineClass::Unmatched, "unmatched");
        self.warnings.push(Warning {
            code: "unmatched-line",
            line: number,
            message: why.to_string(),
        });
    }

    /// A statistical table's stub label printed on the header's last line
    /// (`Impacts on participating pupils` beside `colleagues`) is often
    /// the first of its group labels, the others standing alone over their
    /// rows below (`Impacts on participating teachers`). When the label
    /// opens with the same two words as a group label of the table and the
    /// rows above the first group have none, it becomes their group and
    /// the stub column goes unlabelled.
    fn stub_label_as_group(&self, mut t: Table) -> Table {
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .take(2)
                .map(str::to_lowercase)
                .collect()
        };
        let Some(first) = t.columns.first() else {
            return t;
        };
        let head = words(&first.label);
        let ungrouped = t.rows.iter().take_while(|r| r.group.is_none()).count();
        if first.label.split_whitespace().count() < 3
            || ungrouped == 0
            || ungrouped == t.rows.len()
            || !t.groups.iter().any(|g| words(&g.value) == head)
        {
            return t;
        }
        // The label's text on the table's first header line, in the stub
        // column.
        let Some(pieces) = t
            .header_lines
            .first()
            .and_then(|&n| self.layout.lines.iter().find(|l| l.number == n))
            .and_then(|l| l.cells.first())
            .map(|c| {
                c.fragments
                    .iter()
                    .map(|f| Piece {
                        fragment: f.clone(),
                        glue: Glue::Space,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
        else {
            return t;
        };
        let value = std::mem::take(&mut t.columns[0].label);
        t.columns[0].key = "column_1".to_string();
        t.groups.push(Located { value, pieces });
        let g = t.groups.len() - 1;
        for r in &mut t.rows[..ungrouped] {
            r.group = Some(g);
        }
        t
    }

    fn finish(mut self) -> Extraction {
        let mut tables = Vec::new();
        let mut remap = vec![None; self.tables.len()];
        for (ti, t) in std::mem::take(&mut self.tables).into_iter().enumerate() {
            if t.rows.is_empty() {
                let line = t.header_lines.first().copied().unwrap_or(0);
                self.warnings.push(Warning {
                    code: "empty-table",
                    line,
                    message: "a header row with no rows under it".to_string(),
                });
                continue;
            }
            remap[ti] = Some(tables.len());
            let mut t = self.stub_label_as_group(t);
            if !self.grammar.is_generic() {
                warn_reused_refs(&mut t);
                warn_missing_refs(&mut t);
                end_groups_at_next_theme(&mut t);
            }
            tables.push(t);
        }
        for info in &mut self.info {
            info.table = info.table.and_then(|t| remap[t]);
            if info.table.is_none() {
                info.row = None;
            }
        }
        let pages = if self.layout.explicit_pages {
            self.layout.pages
        } else {
            self.page
        };
        self.warnings.sort_by_key(|w| w.line);
        Extraction {
            title: self.title,
            legend: self.legend,
            headings: self.headings,
            tables,
            lines: self.info,
            warnings: self.warnings,
            pages,
        }
    }
}

/// A record without a REF in a table whose records mostly have one (`5.
/// MTCS/ASC` lost between `4.` and `6.`, or a new priority printed without
/// its number) is flagged: an importer keying rows by REF must not meet it
/// unawares.
fn warn_missing_refs(t: &mut Table) {
    let Some(row_col) = t.ref_column() else {
        return;
    };
    let records: Vec<usize> = (0..t.rows.len())
        .filter(|&r| t.rows[r].parent.is_none())
        .collect();
    let with_ref = records
        .iter()
        .filter(|&&r| !t.rows[r].values[row_col].is_empty())
        .count();
    if records.len() < 3 || 2 * with_ref <= records.len() {
        return;
    }
    for (n, &r) in records.iter().enumerate() {
        if !t.rows[r].values[row_col].is_empty() {
            continue;
        }
        let near = |rs: &mut dyn Iterator<Item = &usize>| {
            rs.map(|&k| t.rows[k].values[row_col].as_str())
                .find(|v| !v.is_empty())
                .map_or_else(|| "none".to_string(), |v| format!("{v:?}"))
        };
        let message = format!(
            "a record without a REF among records with REFs (after {}, before {})",
            near(&mut records[..n].iter().rev()),
            near(&mut records[n + 1..].iter())
        );
        let line = t.rows[r].lines.first().copied().unwrap_or(0);
        t.rows[r].warnings.push(Warning {
            code: "ref-missing",
            line,
            message,
        });
    }
}

/// Warns on each record whose REF an earlier record of the same table
/// already has (`3. MTCS/HTW` heading two different commitments): a user
/// keying records by REF would merge them.
fn warn_reused_refs(t: &mut Table) {
    let Some(row_col) = t.ref_column() else {
        return;
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    for r in 0..t.rows.len() {
        let row = &t.rows[r];
        let key: String = norm_chars(&row.values[row_col]).collect();
        if row.parent.is_some() || key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&earlier) => {
                let line = row.lines.first().copied().unwrap_or(0);
                let message = format!(
                    "REF {:?} also names row {earlier} of this table (line {}); the source uses it twice",
                    row.values[row_col],
                    t.rows[earlier].lines.first().copied().unwrap_or(0)
                );
                t.rows[r].warnings.push(Warning {
                    code: "ref-reused",
                    line,
                    message,
                });
            }
            None => {
                first.insert(key, r);
            }
        }
    }
}

/// A nil value in a table of figures: a cell of dashes or dots only
/// (`-`, `–`, `..`), never a label.
/// Whether a cell is a placeholder for a value not given (`n/a`, `N/A`,
/// `nil`, `none`, `tbc`, a dash).
fn is_placeholder(cell: &str) -> bool {
    is_nil(cell)
        || [
            "n/a", "n/a.", "na", "n.a.", "nil", "none", "tbc", "tba", "tbd",
        ]
        .iter()
        .any(|p| cell.eq_ignore_ascii_case(p))
}

fn is_nil(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '‒' | '.' | '·'))
}

/// A figure that is an amount rather than a label: it has a thousands
/// separator, a decimal point, a sign or a unit (`5,111,372`, `104.03`,
/// `-0,1651`, `45%`, `£3m`), where a label figure is a year or a plain
/// number (`2016`, `2015/16`, `(1)`).
fn is_amount(cell: &str) -> bool {
    !cell.is_empty()
        && all_figures(cell)
        && cell.contains([',', '.', '%', '£', '$', '€', '-', '\u{2212}'])
        && !cell.contains('/')
}

/// The lines that start pages in a text without form feeds: its running
/// head (the first page head, or any line the grammar's page-head patterns
/// match) wherever it is printed again. Empty when it is printed fewer than
/// twice; pages are then inferred from breaks before rows.
fn page_tops(texts: &[Vec<String>], classes: &[LineClass], grammar: &Grammar) -> Vec<usize> {
    let key = |i: usize| {
        texts[i]
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let heads: Vec<usize> = (0..texts.len())
        .filter(|&i| classes[i] == LineClass::PageHead)
        .collect();
    let Some(&first) = heads.first() else {
        return Vec::new();
    };
    let first = key(first);
    let tops: Vec<usize> = heads
        .into_iter()
        .filter(|&i| {
            let k = key(i);
            k == first || grammar.is_page_head(&k)
        })
        .collect();
    if tops.len() >= 2 {
        tops
    } else {
        Vec::new()
    }
}

/// Whether a line opens with a section's number or letter and a separator
/// before its words: `B - `, `C: `, `4. `, `2.1 `, `(a) `.
fn is_numbered_section(text: &str) -> bool {
    let t = text.trim_start();
    let (t, paren) = match t.strip_prefix('(') {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(t.len());
    let (label, rest) = t.split_at(end);
    let parts: Vec<&str> = label.trim_end_matches('.').split('.').collect();
    let number = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let letter =
        matches!(parts[..], [p] if p.len() == 1 && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest = rest.trim_start();
    let words = if paren {
        rest.strip_prefix(')')
    } else if let Some(r) = rest.strip_prefix(['-', '–', '—', ':']) {
        Some(r)
    } else {
        label.contains('.').then_some(rest)
    };
    (number || letter)
        && words.is_some_and(|w| {
            w.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        })
}

/// Whether a line's cells beyond its first (the row label) hold an amount.
/// How many cells after the first are figures or dashes.
fn figure_cells(texts: &[String]) -> usize {
    texts
        .iter()
        .skip(1)
        .filter(|c| !c.is_empty() && (all_figures(c) || is_nil(c)))
        .count()
}

/// Whether a line's cells read as column labels: two or more, none an
/// amount (`Net Asset Value at 31 December | 5,111,372`; a year or a column
/// number may be a label), none too long or a sentence.
fn looks_like_labels(texts: &[String]) -> bool {
    !holds_amount(texts)
        && texts.iter().filter(|t| !t.is_empty() && !is_nil(t)).count() >= 2
        // A sentence ends with a full stop; an abbreviated label (`1-4
        // std.`, `No.`) may too.
        && texts.iter().all(|t| {
            t.chars().count() <= 60 && !(t.ends_with('.') && t.split_whitespace().count() >= 3)
        })
}

fn holds_amount(texts: &[String]) -> bool {
    texts.iter().skip(1).any(|t| is_amount(t))
}

/// Whether a cell is a person's whole name: two or three capitalised words
/// (an initial allowed: `Charlie Drummond`, `J. Holt`), no joining word or
/// slash that a wrap would go on from.
fn is_full_name(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// Whether a cell is one acronym: a single word of two to six capital
/// letters (`HTW`, `CORP`, `CYPS`), as departments and teams are coded.
fn is_acronym(cell: &str) -> bool {
    let n = cell.chars().count();
    (2..=6).contains(&n) && cell.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether a cell holds only figures (`1,234 5.6`, `$ 40.40`).
fn all_figures(cell: &str) -> bool {
    is_figure(cell) || cell.split_whitespace().all(is_figure)
}

/// A cell's cleaned value from its pieces: each piece cleaned, pieces joined
/// by their glue, split words repaired over the whole.
fn cell_value(cleaned: &Cleaned, pieces: &[Piece]) -> String {
    let vocab = &cleaned.vocab;
    if let [one] = pieces {
        if let Some((_, repaired)) = cleaned.whole_cell(&one.fragment) {
            return repaired.to_string();
        }
    }
    let mut acc = String::new();
    for p in pieces {
        let t = match cleaned.whole_cell(&p.fragment) {
            Some((text, _)) => Cow::Borrowed(text),
            None => Cow::Owned(clean_text(cleaned.layout.slice(p.fragment.span))),
        };
        if t.is_empty() {
            continue;
        }
        match p.glue {
            _ if acc.is_empty() => acc = t.into_owned(),
            // A line wrapped after a slash (`CORP/` over `07/01`,
            // `Patricia Pettifer/` over `Sarah Chester`) goes on without one,
            // unless the report spaces its slashes (`Hawkins/ Sarah`) and
            // the next line starts a word.
            Glue::Space
                if acc.ends_with('/')
                    && !acc.ends_with(" /")
                    && !(cleaned.spaced_slash && t.starts_with(char::is_alphabetic)) =>
            {
                acc.push_str(&t)
            }
            Glue::Space => {
                acc.push(' ');
                acc.push_str(&t);
            }
            Glue::Tight => acc.push_str(&t),
            Glue::Split => acc = join_split(&acc, &t, vocab),
        }
    }
    owned_repair(acc, vocab)
}

/// A group row (`People Strategy`) heads the records of one theme. Where
/// the lead column names a theme once for a block of records and leaves
/// the rest empty (most records do), a record naming a second theme under
/// the same group row (`Customer First/Satisfaction`) starts records the
/// group row does not head: they and the rest of its run lose the group.
fn end_groups_at_next_theme(t: &mut Table) {
    let Some(row_col) = t.ref_column() else {
        return;
    };
    let Some(lead) = t
        .columns
        .iter()
        .enumerate()
        .position(|(k, c)| k != row_col && c.role == Role::Title)
    else {
        return;
    };
    let records: Vec<&Row> = t.rows.iter().filter(|r| r.parent.is_none()).collect();
    let named = records
        .iter()
        .filter(|r| !r.values[lead].is_empty())
        .count();
    if records.len() < 4 || 2 * named > records.len() {
        return;
    }
    let mut run: Option<usize> = None;
    let mut themes = 0;
    let mut ended = false;
    for k in 0..t.rows.len() {
        let (parent, group) = (t.rows[k].parent, t.rows[k].group);
        if let Some(p) = parent {
            t.rows[k].group = t.rows[p].group;
            continue;
        }
        if group != run {
            (run, themes, ended) = (group, 0, false);
        }
        if group.is_none() {
            continue;
        }
        if !t.rows[k].values[lead].is_empty() {
            themes += 1;
            ended |= themes > 1;
        }
        if ended {
            t.rows[k].group = None;
        }
    }
}

impl Table {
    /// The column of REFs that defines the rows, if the table has one.
    fn ref_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| c.role == Role::Row)
    }
}

/// The shortest comparable text of a title-block line recognised when
/// printed again: shorter lines (`Total`, a lone year) repeat by chance.
const PREAMBLE_MIN_CHARS: usize = 12;

/// Whether a heading only restates the open table's headings, in other
/// words (`B - Improved Quality of Life for Communities -Chief Executives`
/// over a page of the table headed `... - Chief Executives` and `B -
/// Improved Quality of Life for Communities`): when no other heading came
/// between, the same section goes on and no table starts. It must open
/// with one of the table's headings and add only words of the others.
fn restates_headings(heading: &str, t: &Table) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let own = words(heading);
    let headings: Vec<Vec<String>> = t.headings.iter().map(|h| words(&h.value)).collect();
    let known: HashSet<&String> = headings.iter().flatten().collect();
    headings.iter().any(|h| h.len() >= 2 && own.starts_with(h))
        && own.iter().all(|w| known.contains(w))
}

/// A title's words, lower case, punctuation trimmed: what a restated
/// title is compared by.
fn title_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where the text after a restated report title starts in `text`, when
/// `text` opens with the title, give or take a few words (`Medium Term
/// Strategy` for `Medium Term Corporate Strategy (MTCS)`): the title's
/// last three words close the restatement, at least three words come
/// before them, nearly all of those words are the title's, and words of
/// its own follow.
fn after_running_title(text: &str, title: &[String]) -> Option<usize> {
    const TAIL: usize = 3;
    if title.len() < TAIL + 3 {
        return None;
    }
    let tail = &title[title.len() - TAIL..];
    let known: HashSet<&String> = title.iter().collect();
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut at = 0;
    for w in text.split_whitespace() {
        let start = at + text[at..].find(w).unwrap_or(0);
        at = start + w.len();
        let norm = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !norm.is_empty() {
            words.push((norm, at));
        }
    }
    let end = (TAIL + 3..words.len())
        .find(|&e| words[e - TAIL..e].iter().map(|w| &w.0).eq(tail.iter()))?;
    let before = &words[..end - TAIL];
    let shared = before.iter().filter(|w| known.contains(&w.0)).count();
    let own = &words[end..];
    if !known.contains(&before[0].0)
        || shared * 10 < before.len() * 8
        || !own
            .iter()
            .any(|w| w.0.chars().any(char::is_alphabetic) && !known.contains(&w.0))
    {
        return None;
    }
    let cut = words[end - 1].1;
    Some(cut + (text[cut..].len() - text[cut..].trim_start().len()))
}

fn slug(label: &str) -> String {
    let mut s = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('_') && !s.is_empty() {
            s.push('_');
        }
    }
    s.trim_end_matches('_').to_string()
}

/// How well a cell's text fits a column of short values: names and codes
/// are short, dates read as dates, statuses as statuses.
fn placement_score(s: &str, col: &Column) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let len = s.chars().count() as f64;
    match col.role {
        Role::Name | Role::Code => {
            if looks_like_status(s) && len < 30.0 {
                -2.0
            } else if len <= 40.0 && !s.ends_with('.') {
                3.0
            } else {
                -3.0
            }
        }
        Role::Status => {
            if looks_like_status(s) {
                4.0
            } else {
                -3.0
            }
        }
        Role::Date => {
            if looks_like_date(s) && len <= 80.0 {
                4.0
            } else {
                -2.0
            }
        }
        _ => 0.0,
    }
}

fn looks_like_status(s: &str) -> bool {
    let l = s.to_lowercase();
    ["green", "amber", "red", "achieved", "complete"]
        .iter()
        .any(|w| l.contains(w))
        && s.len() < 120
}

fn looks_like_date(s: &str) -> bool {
    let l = s.to_lowercase();
    const WORDS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "spring",
        "summer",
        "autumn",
        "winter",
        "ongoing",
        "to be agreed",
        "quarter",
        "q1",
        "q2",
        "q3",
        "q4",
        "20",
        "19",
        "end",
    ];
    WORDS.iter().any(|w| l.contains(w))
}

#[cfg(test)]
mod tests {
    use super::{after_running_title, is_numbered_section, is_reprinted_line, title_words};

    #[test]
    fn a_line_printed_again_just_above_the_cells_end_is_a_reprint() {
        let above = "offer flexibility to our customers as well as maximising the \
                     efficiency of officers who will";
        assert!(is_reprinted_line(above, "maximising the efficiency of"));
        assert!(is_reprinted_line(above, "Maximising the  efficiency of"));
        // The very end is a duplicated tail or a real repeat, not this.
        assert!(!is_reprinted_line(
            above,
            "the efficiency of officers who will"
        ));
        // Too short, too far up, or not there.
        assert!(!is_reprinted_line(above, "efficiency of"));
        assert!(!is_reprinted_line(
            above,
            "offer flexibility to our customers"
        ));
        assert!(!is_reprinted_line(above, "the efficiency of staff"));
    }

    #[test]
    fn a_restated_title_is_cut_from_the_heading_it_opens() {
        let title = title_words("Annual Plan Monitoring (APM) Quarter 2 2009/10");
        let cut = |s: &'static str| after_running_title(s, &title).map(move |at| &s[at..]);
        assert_eq!(
            cut("Annual Plan Monitoring (APM) Quarter 2 2009/10 Housing - CPA"),
            Some("Housing - CPA")
        );
        // Shortened, as exporters print it on later pages.
        assert_eq!(
            cut("Annual Plan Monitoring Quarter 2 2009/10   Adult Services"),
            Some("Adult Services")
        );
        // The title alone, another period, or a heading that only shares
        // the title's closing words are not restatements.
        assert_eq!(cut("Annual Plan Monitoring (APM) Quarter 2 2009/10"), None);
        assert_eq!(
            cut("Annual Plan Monitoring Quarter 3 2009/10 Housing"),
            None
        );
        assert_eq!(
            cut("Waste targets for the year Quarter 2 2009/10 Housing"),
            None
        );
        assert_eq!(cut("Housing - CPA"), None);
    }

    #[test]
    fn numbered_sections_and_page_furniture() {
        for numbered in [
            "B - Improved Quality of Life for Communities",
            "C: A Greener County",
            "4. Monthly JAL Group Flight Operation Data",
            "2.1 Targets",
            "(a) Waste",
        ] {
            assert!(is_numbered_section(numbered), "{numbered}");
        }
        for furniture in [
            "1 of 5",
            "Page 3 of 4",
            "Final Report",
            "A new strategy",
            "2016",
            "G:\\Committee\\Cabinet\\Appendix 1.doc",
            "12 - 14",
        ] {
            assert!(!is_numbered_section(furniture), "{furniture}");
        }
    }
}
