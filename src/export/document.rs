//! The report document read back: typed serde structs for output contract
//! v1 and the extras the writer adds around it.
//!
//! Why a second model beside the writer: `output` builds its document as a
//! `serde_json::Value` straight from the grammar's extraction, so there is
//! no Rust type for "a document" to hand to consumers. These structs are that
//! type, for the reading side: the export commands walk them instead of
//! probing untyped JSON, and `reportmine schema` is generated from them
//! (schemars), so the published JSON Schema and what the consumers accept
//! cannot drift apart. A test validates every sample output against the
//! schema, so the writer cannot drift away from it either.
//!
//! Every path the contract fixes is required (nullable where the contract
//! writes `null`); extras are described where the consumers use them, and
//! unknown properties are allowed everywhere, because the contract says to
//! "add freely around" its paths.

use crate::grammar::{Role, ValueType};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A byte range `[start, end)` into the decoded source text (or, inside a
/// normalised value, into the cell's `value`).
pub type Span = [usize; 2];

/// One report as `reportmine extract` writes it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    title = "reportmine report document",
    description = "One report read by reportmine: every table, every logical row, every field with its provenance (output contract v1)."
)]
pub struct Document {
    /// Version of the output contract.
    pub schema_version: SchemaVersion,
    /// The file the report was read from.
    pub source: Source,
    /// What produced the document.
    pub extractor: Extractor,
    /// Report-level fields: title, reporting period, colour key.
    pub report: Report,
    /// Every table found, in reading order.
    pub tables: Vec<Table>,
    /// Uncertain decisions, by line.
    pub warnings: Vec<LineWarning>,
}

/// The contract versions this reader understands; a document of another
/// version is refused with a message naming it, rather than misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum SchemaVersion {
    /// Output contract v1.
    #[serde(rename = "1")]
    V1,
}

/// The source file of a report.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(transform = |s: &mut Schema| require_nullable(s, &["encoding"]))]
pub struct Source {
    /// Path relative to the input root, as given to `extract`.
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// How the source was read.
    pub format: SourceFormat,
    /// Encoding the text was decoded from (`utf-8`, `windows-1252`...);
    /// null for PDFs.
    pub encoding: Option<String>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Number of pages.
    pub pages: u32,
    /// For a PDF, the pages with glyphs that have no Unicode mapping
    /// (pages not listed have none); absent for text sources.
    #[serde(default)]
    pub unmapped_glyphs: Option<Vec<UnmappedGlyphs>>,
}

/// One PDF page's count of glyphs without a Unicode mapping.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UnmappedGlyphs {
    /// 1-based page.
    pub page: u32,
    /// Glyphs on the page with no Unicode mapping.
    pub glyphs: u32,
}

/// How a source was read: as TAB text, fixed-width text, or as a PDF's
/// positioned glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Text exported from PDF/Word (TAB-separated cells).
    Text,
    /// Fixed-width text (`pdftotext -layout`, line printers).
    FixedWidth,
    /// A PDF file's text layer.
    Pdf,
}

/// The program and grammar that produced a document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Extractor {
    /// Always `reportmine`.
    pub name: String,
    /// The extractor's version.
    pub version: String,
    /// The grammar used, as `family@version`.
    pub grammar: String,
    /// SHA-256 of the grammar file.
    #[serde(default)]
    pub grammar_sha256: Option<String>,
}

/// Report-level fields.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(transform = |s: &mut Schema| require_nullable(s, &["title", "period"]))]
pub struct Report {
    /// The report's title, if one was found.
    pub title: Option<Located>,
    /// The reporting period named by the title or a heading; `null` when
    /// none names one.
    pub period: Option<ReportPeriod>,
    /// The colour key lines (`Green – On Trajectory`).
    #[serde(default)]
    pub legend: Vec<Located>,
}

/// The reporting period of a report and the text it was read from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ReportPeriod {
    /// The period.
    pub value: Period,
    /// The title or heading that named it; for an inferred period, its
    /// label (`2010/11`).
    pub text: String,
    /// `stated` by a title or heading, or `inferred`: the financial year
    /// in which more than half of the dates (to the month or the day) in
    /// progress comments fall, when the report states no period.
    #[schemars(extend("enum" = ["stated", "inferred"]))]
    pub basis: String,
    /// Where the title or heading is; absent for an inferred period.
    #[serde(default)]
    pub provenance: Option<Provenance>,
    /// The dated mentions an inferred period stands on.
    #[serde(default)]
    pub evidence: Vec<PeriodEvidence>,
}

/// A dated mention in a cell that an inferred reporting period stands on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct PeriodEvidence {
    /// Index of the table.
    pub table: usize,
    /// Index of the row in the table.
    pub row: usize,
    /// Key of the column.
    pub column: String,
    /// The date as written.
    pub text: String,
    /// Where `text` lies in the cell's value.
    pub span: Span,
}

/// A date or period read from text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Period {
    /// First day covered (`YYYY-MM-DD`); absent for `ongoing`.
    #[serde(default)]
    #[schemars(extend("format" = "date"))]
    pub start: Option<String>,
    /// Last day covered (`YYYY-MM-DD`): the deadline of a `by`.
    #[serde(default)]
    #[schemars(extend("format" = "date"))]
    pub end: Option<String>,
    /// How precisely the text named the period.
    #[serde(default)]
    #[schemars(extend("enum" = ["day", "month", "season", "quarter", "financial_year", "year"]))]
    pub precision: Option<String>,
    /// What the period says about the work it dates.
    #[schemars(extend("enum" = ["point", "range", "from", "by", "ongoing"]))]
    pub kind: String,
    /// The financial-year quarter (1–4) of a quarter period.
    #[serde(default)]
    #[schemars(range(min = 1, max = 4))]
    pub quarter: Option<u8>,
    /// The phrase as written.
    pub text: String,
    /// Where `text` lies in the value it was read from.
    pub span: Span,
}

/// A piece of text with where it came from: titles, sections, groups,
/// legend lines.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Located {
    /// Cleaned text (markup stripped, whitespace collapsed).
    pub value: String,
    /// What the source said.
    pub raw: String,
    /// Where it was read.
    pub provenance: Provenance,
}

/// Where a piece of text was read: page, physical lines, byte spans.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(transform = |s: &mut Schema| require_nullable(s, &["bbox"]))]
pub struct Provenance {
    /// The (first) page, 1-based.
    #[schemars(range(min = 1))]
    pub page: u32,
    /// Every page, when the text crosses a page break.
    #[serde(default)]
    pub pages: Option<Vec<u32>>,
    /// Physical line numbers, 1-based.
    #[schemars(length(min = 1))]
    pub lines: Vec<u32>,
    /// Byte ranges into the decoded source, one per joined fragment.
    pub spans: Vec<Span>,
    /// PDF sources: `[x0, y0, x1, y1]` per fragment, in PDF points with the
    /// origin bottom-left; `null` for text sources.
    pub bbox: Option<Vec<[f64; 4]>>,
}

/// One table: a header (repeated on every page) and its records.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(transform = |s: &mut Schema| require_nullable(s, &["section"]))]
pub struct Table {
    /// Position of the table in the report, from 0.
    pub index: usize,
    /// The heading the table stands under (`Children and Young People's
    /// Service - CPA`), if any.
    pub section: Option<Located>,
    /// Every heading read above the table.
    #[serde(default)]
    pub headings: Vec<String>,
    /// The table's columns, left to right.
    #[schemars(length(min = 1))]
    pub columns: Vec<Column>,
    /// Lines of the header and its repeats.
    #[serde(default)]
    pub header_lines: Vec<u32>,
    /// Footnotes printed under or inside the table, in reading order.
    #[serde(default)]
    pub notes: Vec<Located>,
    /// Logical records, in reading order.
    pub rows: Vec<Row>,
}

/// One column of a table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Column {
    /// Stable key used in `cells` (`ref`, `status`...).
    #[schemars(length(min = 1))]
    pub key: String,
    /// The header label as printed.
    pub label: String,
    /// How the column's cells behave (grammar role).
    #[serde(default)]
    pub role: Option<Role>,
    /// Which normaliser gave the cells their `normalized` value.
    #[serde(default, rename = "type")]
    pub value_type: Option<ValueType>,
}

/// One logical record.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(transform = |s: &mut Schema| require_nullable(s, &["parent", "group"]))]
pub struct Row {
    /// Position of the row in its table, from 0.
    pub index: usize,
    /// For a sub-row (a new target under the same REF), the index of the
    /// row it belongs to.
    pub parent: Option<usize>,
    /// The group row above it (`Road Safety`), if any.
    pub group: Option<Located>,
    /// Where the row came from and which rules built it.
    pub provenance: RowProvenance,
    /// The row's own cells by column key; empty cells are left out.
    pub cells: BTreeMap<String, Cell>,
    /// Uncertain decisions about this row.
    #[serde(default)]
    pub warnings: Vec<LineWarning>,
}

/// Where a row came from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct RowProvenance {
    /// Physical lines, 1-based, in order.
    #[schemars(length(min = 1))]
    pub lines: Vec<u32>,
    /// Pages the lines are on.
    pub pages: Vec<u32>,
    /// The grammar rule that started the row.
    #[serde(default)]
    pub rule: Option<String>,
    /// Lines merged into the row and the rule that merged each.
    #[serde(default)]
    pub merges: Vec<Merge>,
}

/// A line merged into a row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Merge {
    /// The line.
    pub line: u32,
    /// The rule that merged it.
    pub rule: String,
}

/// One field of a row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Cell {
    /// Cleaned text.
    pub value: String,
    /// What the source said: the source sliced by `spans`, joined.
    pub raw: String,
    /// The typed value, for typed columns.
    #[serde(default)]
    pub normalized: Option<Normalized>,
    /// Where the cell was read.
    pub provenance: CellProvenance,
}

/// Where a cell was read: its column and its place in the source.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CellProvenance {
    /// Index of the column the cell is in.
    pub column: usize,
    /// Page, lines, spans, bbox.
    #[serde(flatten)]
    pub place: Provenance,
}

/// A cell's typed value; its shape follows the column's `type`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Normalized {
    /// `status` columns.
    Status(StatusValue),
    /// `reference` columns.
    Reference(Reference),
    /// `target` columns: figures and dates.
    Target(TargetValue),
    /// `figures` columns.
    Figures(FiguresValue),
    /// `period` columns.
    Periods(Vec<Period>),
}

/// What a status cell says.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct StatusValue {
    /// The statuses, in the order written (`Green/Amber` gives two); empty
    /// when the cell states none.
    pub statuses: Vec<StatusMention>,
    /// Figures written beside a status (`15,770 Red`).
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Readings that were not a plain key word.
    #[serde(default)]
    pub warnings: Vec<NoteWarning>,
}

/// One status read from a cell.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct StatusMention {
    /// The status.
    #[schemars(extend("enum" = ["green", "amber", "red", "achieved"]))]
    pub value: String,
    /// Which part of the target the status is for (`7.25`).
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Anything said right after it.
    #[serde(default)]
    pub note: Option<String>,
    /// What the report's key says the status means.
    #[serde(default)]
    pub meaning: Option<String>,
    /// How it was recognised.
    #[schemars(extend("enum" = ["exact", "case", "legend", "ocr"]))]
    pub matched: String,
    /// The words read as the status.
    pub text: String,
    /// Where `text` lies in the cell's value.
    pub span: Span,
}

/// A parsed REF cell.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Reference {
    /// The programme (`MTCS`, `CPA`, `AP`...).
    #[serde(default)]
    pub scheme: Option<String>,
    /// The department or service code (`CYP`, `RES`...).
    #[serde(default)]
    pub unit: Option<String>,
    /// The commitment's number.
    #[serde(default)]
    pub number: Option<u32>,
    /// What follows the number (`a`, `.6`).
    #[serde(default)]
    pub suffix: Option<String>,
    /// `SCHEME/UNIT/NUMBERsuffix`, the same however the cell was written.
    #[schemars(length(min = 1))]
    pub canonical: String,
}

/// Figures and dates of a target cell.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct TargetValue {
    /// Amounts stated.
    pub figures: Vec<Figure>,
    /// Dates and periods stated.
    pub periods: Vec<Period>,
}

/// Figures of a prose cell.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct FiguresValue {
    /// Amounts stated.
    pub figures: Vec<Figure>,
}

/// One amount read from a value.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Figure {
    /// The amount, scale applied.
    pub value: f64,
    /// What it counts (`percent`, `GBP`...).
    #[serde(default)]
    pub unit: Option<String>,
    /// The scale it was written with (`million`...).
    #[serde(default)]
    pub scale: Option<String>,
    /// The figure as written.
    pub text: String,
    /// Where `text` lies in the value.
    pub span: Span,
}

/// A warning attached to a document or row, at a physical line.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct LineWarning {
    /// Stable kebab-case code.
    pub code: String,
    /// The line it is about (0: the whole file).
    pub line: u32,
    /// What was decided and why.
    pub message: String,
}

/// A warning a normaliser attached to a value.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NoteWarning {
    /// Stable kebab-case code.
    pub code: String,
    /// What was decided and why.
    pub message: String,
}

/// Makes the nullable fields `fields` required: the contract writes them
/// as `null` rather than leaving them out, and schemars' own `required`
/// would also forbid the `null`.
fn require_nullable(schema: &mut Schema, fields: &[&str]) {
    let required = schema
        .ensure_object()
        .entry("required")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    if let serde_json::Value::Array(required) = required {
        required.extend(fields.iter().map(|f| serde_json::Value::from(*f)));
    }
}

/// The grammar's column roles, as the writer spells them; the type lives
/// in the grammar, its published schema here.
impl JsonSchema for Role {
    fn schema_name() -> Cow<'static, str> {
        "Role".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How a column's cells behave (grammar role).",
            "type": "string",
            "enum": ["row", "title", "text", "code", "name", "status", "date", "prose"]
        })
    }
}

/// The grammar's value types, as the writer spells them.
impl JsonSchema for ValueType {
    fn schema_name() -> Cow<'static, str> {
        "ValueType".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Which normaliser gave a column's cells their `normalized` value.",
            "type": "string",
            "enum": ["text", "reference", "status", "period", "target", "figures"]
        })
    }
}

impl Cell {
    /// The statuses the cell states, when it is in a status column (empty
    /// otherwise, and when it states none).
    pub fn statuses(&self) -> &[StatusMention] {
        match &self.normalized {
            Some(Normalized::Status(s)) => &s.statuses,
            _ => &[],
        }
    }

    /// The parsed reference, when the cell is in a reference column and
    /// reads as one.
    pub fn reference(&self) -> Option<&Reference> {
        match &self.normalized {
            Some(Normalized::Reference(r)) => Some(r),
            _ => None,
        }
    }
}
