//! Output stage: the report document of the output contract (v1), built from
//! the grammar's extraction. The document is a view over the extraction that
//! serde serialises straight to JSON bytes (typed values are computed as it
//! is written), so no tree of JSON values is ever built. Same input, same
//! grammar, same version: byte-identical bytes.

mod pretty;
pub mod svg;

use crate::grammar::{
    Column, Extraction, Grammar, Located, Piece, Role, Row, Table, ValueType, Warning,
};
use crate::layout::{Fragment, Layout};
use crate::normalize::{self, Figure, Period, Reference, StatusResult, StatusVocab};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What the document says about its source file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// Path relative to the input root, as given.
    pub path: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// `text` (TAB-separated), `fixed-width` or `pdf`.
    pub format: &'static str,
    /// Encoding the text was decoded from; `None` for PDFs.
    pub encoding: Option<&'static str>,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// Number of pages (from the source, or inferred from page breaks).
    pub pages: u32,
    /// For a PDF, the pages with glyphs that have no Unicode mapping and
    /// how many (pages not listed have none): text read from them may be
    /// incomplete. Absent for text sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmapped_glyphs: Option<Vec<UnmappedGlyphs>>,
}

/// One PDF page's count of glyphs without a Unicode mapping.
#[derive(Debug, Clone, Serialize)]
pub struct UnmappedGlyphs {
    /// 1-based page.
    pub page: u32,
    /// Glyphs on the page with no Unicode mapping.
    pub glyphs: u32,
}

/// The JSON document of one report: serialise it (with [`to_json`], or
/// `serde_json::to_value` where a value is wanted) to get the output.
pub struct Document<'a> {
    source: &'a SourceInfo,
    grammar: &'a Grammar,
    extra_warnings: &'a [Warning],
    w: Writer<'a>,
}

/// The document for one report: `extra_warnings` (from the source stage)
/// come first among the report-level warnings of the same line.
pub fn document<'a>(
    source: &'a SourceInfo,
    layout: &'a Layout,
    grammar: &'a Grammar,
    ex: &'a Extraction,
    extra_warnings: &'a [Warning],
) -> Document<'a> {
    Document {
        source,
        grammar,
        extra_warnings,
        w: Writer {
            layout,
            ex,
            statuses: table_keys(ex),
        },
    }
}

/// The colour key each table's statuses are read with: for each status,
/// the entry of the key printed nearest above the table (a report may
/// print its own key over one table: `Amber – On Trajectory` where the
/// others say `Amber – Partly achieved`), else the report's first entry
/// below. Tables under the same key share its reading.
fn table_keys(ex: &Extraction) -> Vec<StatusVocab> {
    let line = |l: &Located| l.pieces.first().map_or(0, |p| p.fragment.line);
    let mut keys: Vec<StatusVocab> = Vec::with_capacity(ex.tables.len());
    let mut last: Option<Vec<&str>> = None;
    for t in &ex.tables {
        let top = t
            .header_lines
            .first()
            .copied()
            .or_else(|| t.rows.first().and_then(|r| r.lines.first().copied()))
            .unwrap_or(u32::MAX);
        let (above, below): (Vec<&Located>, Vec<&Located>) =
            ex.legend.iter().partition(|l| line(l) < top);
        let entries: Vec<&str> = above
            .iter()
            .rev()
            .chain(&below)
            .map(|l| l.value.as_str())
            .collect();
        let key = match (&last, keys.last()) {
            (Some(prev), Some(vocab)) if *prev == entries => vocab.clone(),
            _ => StatusVocab::from_legend(&entries),
        };
        keys.push(key);
        last = Some(entries);
    }
    keys
}

/// How a document is laid out as text. Pretty is for people reading the
/// output; compact is for bulk imports, where documents run to about ten
/// times their source pretty-printed and under five times compact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum JsonStyle {
    /// Two-space indents, as `serde_json::to_vec_pretty` writes them.
    #[default]
    Pretty,
    /// No whitespace between tokens, as `serde_json::to_vec` writes it.
    Compact,
}

/// Serialises a document in `style`, with a final newline.
pub fn to_json(document: &Document, style: JsonStyle) -> Vec<u8> {
    // Pretty documents run to about ten times their source: room for that
    // up front spares the copies of a growing buffer.
    let factor = match style {
        JsonStyle::Pretty => 12,
        JsonStyle::Compact => 6,
    };
    let mut out = Vec::with_capacity(16 * 1024 + factor * document.source.bytes);
    match style {
        JsonStyle::Pretty => pretty::write(&mut out, document),
        JsonStyle::Compact => serde_json::to_writer(&mut out, document),
    }
    .expect("a document always serialises");
    out.push(b'\n');
    out
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ex = self.w.ex;
        let period = self.w.report_period();
        // A report that never states its period says so, and says when its
        // period was inferred: trends and archive imports need to know which
        // reports they cannot place in time, or place only by estimate.
        let no_period = match &period {
            Some(p) if p.basis == "stated" => None,
            Some(p) => Some(Warning {
                code: "period-inferred",
                line: 0,
                message: format!(
                    "no reporting period in the title or headings; financial year {} inferred \
                     from {} of the {} dates in progress comments",
                    p.text,
                    p.evidence.len(),
                    p.dated
                ),
            }),
            None => Some(Warning {
                code: "period-not-found",
                line: 0,
                message: "no reporting period (quarter, year end, financial year) in the title \
                          or headings, and too few dates in progress comments to infer one"
                    .to_string(),
            }),
        };
        let mut warnings: Vec<&Warning> = self
            .extra_warnings
            .iter()
            .chain(&ex.warnings)
            .chain(no_period.iter())
            .collect();
        warnings.sort_by_key(|w| w.line);
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("schema_version", "1")?;
        m.serialize_entry("source", self.source)?;
        m.serialize_entry(
            "extractor",
            &Extractor {
                name: env!("CARGO_PKG_NAME"),
                version: env!("CARGO_PKG_VERSION"),
                grammar: self.grammar.id(),
                grammar_sha256: &self.grammar.sha256,
            },
        )?;
        m.serialize_entry(
            "report",
            &ReportOut {
                title: ex.title.as_ref().map(|t| self.w.located(t)),
                period,
                legend: ex.legend.iter().map(|l| self.w.located(l)).collect(),
            },
        )?;
        m.serialize_entry("tables", &Tables(&self.w))?;
        m.serialize_entry("warnings", &warnings)?;
        m.end()
    }
}

#[derive(Serialize)]
struct Extractor<'a> {
    name: &'static str,
    version: &'static str,
    grammar: String,
    grammar_sha256: &'a str,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    title: Option<LocatedOut<'a>>,
    period: Option<PeriodOut<'a>>,
    legend: Vec<LocatedOut<'a>>,
}

#[derive(Serialize)]
struct LocatedOut<'a> {
    value: &'a str,
    raw: Cow<'a, str>,
    provenance: Provenance<'a>,
}

#[derive(Serialize)]
struct PeriodOut<'a> {
    value: Period,
    text: Cow<'a, str>,
    /// `stated` by a title or heading, or `inferred` from dated comments.
    basis: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<Provenance<'a>>,
    /// The dated mentions an inferred period stands on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceOut<'a>>,
    /// How many dated mentions were counted for an inferred period.
    #[serde(skip)]
    dated: usize,
}

/// One dated mention in a cell: which cell, and where in its value.
#[derive(Serialize)]
struct EvidenceOut<'a> {
    table: usize,
    row: usize,
    column: &'a str,
    text: String,
    span: normalize::Span,
}

/// Where a value came from: pages, physical lines, column, byte spans, boxes.
#[derive(Serialize)]
struct Provenance<'a> {
    page: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<Vec<u32>>,
    lines: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    spans: Spans<'a>,
    bbox: Option<Boxes<'a>>,
}

/// The byte spans of a value's pieces.
struct Spans<'a>(&'a [Piece]);

impl Serialize for Spans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|p| p.fragment.span))
    }
}

/// The boxes of the pieces that have one, widened to `f64` as the document
/// has always written them.
struct Boxes<'a>(&'a [Piece]);

impl Serialize for Boxes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.0
                .iter()
                .filter_map(|p| p.fragment.bbox)
                .map(|b| b.map(f64::from)),
        )
    }
}

/// The report's tables, each built as it is written.
struct Tables<'w, 'a>(&'w Writer<'a>);

impl Serialize for Tables<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.0;
        s.collect_seq(w.ex.tables.iter().enumerate().map(|(i, t)| w.table(i, t)))
    }
}

#[derive(Serialize)]
struct TableOut<'w, 'a> {
    index: usize,
    section: Option<LocatedOut<'a>>,
    headings: Vec<&'a str>,
    columns: &'a [Column],
    header_lines: &'a [u32],
    notes: Vec<LocatedOut<'a>>,
    rows: Rows<'w, 'a>,
}

/// A table's rows, each built as it is written.
struct Rows<'w, 'a> {
    w: &'w Writer<'a>,
    ti: usize,
    t: &'a Table,
}

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (w, t) = (self.w, self.t);
        let ti = self.ti;
        s.collect_seq(t.rows.iter().enumerate().map(|(i, r)| w.row(i, ti, t, r)))
    }
}

#[derive(Serialize)]
struct RowOut<'a> {
    index: usize,
    parent: Option<usize>,
    group: Option<LocatedOut<'a>>,
    provenance: RowProvenance,
    cells: Cells<'a>,
    warnings: &'a [Warning],
}

#[derive(Serialize)]
struct RowProvenance {
    lines: BTreeSet<u32>,
    pages: Vec<u32>,
    rule: &'static str,
    merges: Vec<Merge>,
}

#[derive(Serialize)]
struct Merge {
    line: u32,
    rule: &'static str,
}

/// A row's non-empty cells by column key, in column order.
struct Cells<'a>(Vec<(&'a str, CellOut<'a>)>);

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct CellOut<'a> {
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    normalized: Option<Normalized>,
    raw: Cow<'a, str>,
    provenance: Provenance<'a>,
}

/// A cell's typed value, by its column's type.
#[derive(Serialize)]
#[serde(untagged)]
enum Normalized {
    Reference(Option<Reference>),
    Status(StatusResult),
    Periods(Vec<Period>),
    Target {
        figures: Vec<Figure>,
        periods: Vec<Period>,
    },
    Figures {
        figures: Vec<Figure>,
    },
}

struct Writer<'a> {
    layout: &'a Layout,
    ex: &'a Extraction,
    /// Per table, the colour key its statuses are read with.
    statuses: Vec<StatusVocab>,
}

impl<'a> Writer<'a> {
    /// A physical line's page. Text without page marks has one layout line
    /// per physical line, and the grammar inferred its page.
    fn page_of(&self, line: u32) -> u32 {
        if self.layout.explicit_pages {
            let i = self.layout.lines.partition_point(|l| l.number < line);
            return self.layout.lines.get(i).map_or(1, |l| l.page);
        }
        self.ex.lines.get(line as usize - 1).map_or(1, |l| l.page)
    }

    /// A fragment's page: the source's own page where it has pages (form
    /// feeds, PDF), else the page the grammar inferred for its line.
    fn fragment_page(&self, f: &Fragment) -> u32 {
        if self.layout.explicit_pages {
            f.page
        } else {
            self.page_of(f.line)
        }
    }

    /// The pages of `lines` and of `fragments`, sorted, each once.
    fn pages<'f>(
        &self,
        lines: impl Iterator<Item = u32>,
        fragments: impl Iterator<Item = &'f Fragment>,
    ) -> Vec<u32> {
        let mut pages: Vec<u32> = lines
            .map(|l| self.page_of(l))
            .chain(fragments.map(|f| self.fragment_page(f)))
            .collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }

    fn provenance(&self, pieces: &'a [Piece], column: Option<usize>) -> Provenance<'a> {
        let mut lines: Vec<u32> = pieces.iter().map(|p| p.fragment.line).collect();
        lines.sort_unstable();
        lines.dedup();
        let pages = self.pages(std::iter::empty(), pieces.iter().map(|p| &p.fragment));
        Provenance {
            page: pages.first().copied().unwrap_or(1),
            pages: (pages.len() > 1).then_some(pages),
            lines,
            column,
            spans: Spans(pieces),
            bbox: pieces
                .iter()
                .any(|p| p.fragment.bbox.is_some())
                .then_some(Boxes(pieces)),
        }
    }

    /// The source text of pieces: their fragments joined by single spaces.
    fn raw(&self, pieces: &[Piece]) -> Cow<'a, str> {
        match pieces {
            [one] => Cow::Borrowed(self.layout.slice(one.fragment.span)),
            _ => {
                let frags: Vec<_> = pieces.iter().map(|p| p.fragment.clone()).collect();
                Cow::Owned(crate::layout::join_fragments(&self.layout.text, &frags))
            }
        }
    }

    fn located(&self, l: &'a Located) -> LocatedOut<'a> {
        LocatedOut {
            value: &l.value,
            raw: self.raw(&l.pieces),
            provenance: self.provenance(&l.pieces, None),
        }
    }

    /// The reporting period: the first title or heading that names one,
    /// else the financial year the dates in progress comments (cells of
    /// `prose` columns) cluster in.
    fn report_period(&self) -> Option<PeriodOut<'a>> {
        let candidates = self.ex.title.iter().chain(self.ex.headings.iter());
        for h in candidates {
            if let Some(p) = normalize::report_period(&h.value) {
                return Some(PeriodOut {
                    value: p,
                    text: Cow::Borrowed(&h.value),
                    basis: "stated",
                    provenance: Some(self.provenance(&h.pieces, None)),
                    evidence: Vec::new(),
                    dated: 0,
                });
            }
        }
        let mut mentions = Vec::new();
        for (ti, t) in self.ex.tables.iter().enumerate() {
            for (ci, c) in t.columns.iter().enumerate() {
                if c.role != Role::Prose {
                    continue;
                }
                for (ri, r) in t.rows.iter().enumerate() {
                    let found = normalize::periods(&r.values[ci]);
                    mentions.extend(found.into_iter().map(|p| (ti, ri, c.key.as_str(), p)));
                }
            }
        }
        let inferred = normalize::inferred_financial_year(mentions.iter().map(|m| &m.3))?;
        let evidence = inferred
            .supporting
            .iter()
            .map(|&k| {
                let (table, row, column, p) = &mentions[k];
                EvidenceOut {
                    table: *table,
                    row: *row,
                    column,
                    text: p.text.clone(),
                    span: p.span,
                }
            })
            .collect();
        Some(PeriodOut {
            text: Cow::Owned(inferred.period.text.clone()),
            value: inferred.period,
            basis: "inferred",
            provenance: None,
            evidence,
            dated: inferred.dated,
        })
    }

    /// The typed value of a cell, by its column's type.
    fn normalized(&self, ti: usize, value_type: ValueType, value: &str) -> Option<Normalized> {
        Some(match value_type {
            ValueType::Text => return None,
            ValueType::Reference => Normalized::Reference(normalize::reference(value)),
            ValueType::Status => Normalized::Status(normalize::status(value, &self.statuses[ti])),
            ValueType::Period => Normalized::Periods(normalize::periods(value)),
            ValueType::Target => Normalized::Target {
                figures: normalize::figures(value),
                periods: normalize::periods(value),
            },
            ValueType::Figures => Normalized::Figures {
                figures: normalize::figures(value),
            },
        })
    }

    fn table<'w>(&'w self, index: usize, t: &'a Table) -> TableOut<'w, 'a> {
        TableOut {
            index,
            section: t.section.as_ref().map(|s| self.located(s)),
            headings: t.headings.iter().map(|h| h.value.as_str()).collect(),
            columns: &t.columns,
            header_lines: &t.header_lines,
            notes: t.notes.iter().map(|n| self.located(n)).collect(),
            rows: Rows {
                w: self,
                ti: index,
                t,
            },
        }
    }

    fn row(&self, index: usize, ti: usize, t: &'a Table, r: &'a Row) -> RowOut<'a> {
        let mut cells: Vec<(&str, CellOut)> = Vec::with_capacity(r.cells.len());
        for (k, pieces) in r.cells.iter().enumerate() {
            if pieces.is_empty() {
                continue;
            }
            let value = r.values[k].as_str();
            if value.is_empty()
                && pieces
                    .iter()
                    .all(|p| self.layout.slice(p.fragment.span).trim().is_empty())
            {
                continue;
            }
            let cell = CellOut {
                value,
                normalized: self.normalized(ti, t.columns[k].value_type, value),
                raw: self.raw(pieces),
                provenance: self.provenance(pieces, Some(k)),
            };
            // A key seen before keeps its place and takes the new cell, as
            // a JSON object would.
            let key = t.columns[k].key.as_str();
            match cells.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = cell,
                None => cells.push((key, cell)),
            }
        }
        RowOut {
            index,
            parent: r.parent,
            group: r.group.map(|g| self.located(&t.groups[g])),
            provenance: RowProvenance {
                // Positioned sources put several physical lines in one layout
                // line: the row's lines are those of all its fragments too.
                lines: r
                    .lines
                    .iter()
                    .copied()
                    .chain(r.cells.iter().flatten().map(|p| p.fragment.line))
                    .collect(),
                pages: self.pages(
                    r.lines.iter().copied(),
                    r.cells.iter().flatten().map(|p| &p.fragment),
                ),
                rule: r.rule,
                merges: r
                    .merges
                    .iter()
                    .map(|&(line, rule)| Merge { line, rule })
                    .collect(),
            },
            cells: Cells(cells),
            warnings: &r.warnings,
        }
    }
}
