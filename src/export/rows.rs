//! `reportmine rows`: every record of every report as one flat table, for
//! spreadsheets and databases, as RFC 4180 CSV or NDJSON, optionally with a
//! Frictionless `datapackage.json` describing the CSV.
//!
//! Columns, in a fixed order: first the fixed columns ([`FIXED`]: where
//! the record comes from and its provenance), then one column per field
//! key in the order keys are first seen (reports in path order, tables and
//! columns in document order), each followed by `<key>_normalized` when the
//! key's column is typed. Same documents, same bytes.
//!
//! Why two passes over the documents: the header must name every key
//! before the first row is written, and holding every document of a large
//! archive in memory is not an option; so the first pass collects the keys
//! (in parallel) and the second renders rows in parallel chunks, written
//! in order.

use super::document::{Cell, Document, Normalized, Period};
use super::files::{stream_file, write_file, Reports, Skipped};
use super::ExportError;
use crate::grammar::ValueType;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

/// Output format of `rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV: comma-separated, double-quoted where needed, CRLF
    /// line ends, one header line.
    Csv,
    /// One JSON object per line, keys in column order; integers are
    /// numbers, absent values `null`.
    Ndjson,
}

/// The fixed columns: name, Frictionless type, description.
pub const FIXED: &[(&str, &str, &str)] = &[
    (
        "report",
        "string",
        "Path of the source report, as given to extract (source.path)",
    ),
    (
        "document",
        "string",
        "Path of the JSON document, relative to the output directory",
    ),
    ("sha256", "string", "SHA-256 of the source report's bytes"),
    (
        "period_start",
        "date",
        "First day of the report's reporting period (empty when unknown)",
    ),
    (
        "period_end",
        "date",
        "Last day of the report's reporting period (empty when unknown)",
    ),
    (
        "period",
        "string",
        "The reporting period as the report names it",
    ),
    (
        "table",
        "integer",
        "Index of the table in the report, from 0",
    ),
    ("section", "string", "The heading the table stands under"),
    ("group", "string", "The group row above the record"),
    ("row", "integer", "Index of the record in its table, from 0"),
    (
        "parent",
        "integer",
        "For a sub-row, the index of the row it belongs to",
    ),
    (
        "pages",
        "string",
        "Pages the record is on, separated by ';'",
    ),
    (
        "first_line",
        "integer",
        "First physical line of the record (1-based)",
    ),
    (
        "last_line",
        "integer",
        "Last physical line of the record (1-based)",
    ),
    ("rule", "string", "The grammar rule that started the record"),
    (
        "spans",
        "string",
        "Byte spans of each cell in the decoded source, as JSON: {\"key\": [[start, end], ...]}",
    ),
];

/// The columns of the output: the fixed ones, then the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Field keys in first-seen order, with their column name and whether
    /// a `_normalized` column follows.
    fields: Vec<FieldColumn>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FieldColumn {
    key: String,
    name: String,
    typed: bool,
}

/// One value of the output table.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    Text(String),
    Int(u64),
    Empty,
}

impl Layout {
    /// The layout for documents seen in this order: each document as its
    /// list of (key, typed) in table and column order.
    fn from_keys<'a>(docs: impl IntoIterator<Item = &'a Vec<(String, bool)>>) -> Layout {
        let mut fields: Vec<FieldColumn> = Vec::new();
        for keys in docs {
            for (key, typed) in keys {
                match fields.iter_mut().find(|f| &f.key == key) {
                    Some(f) => f.typed |= typed,
                    None => fields.push(FieldColumn {
                        key: key.clone(),
                        name: key.clone(),
                        typed: *typed,
                    }),
                }
            }
        }
        // A field key that would collide with a fixed or generated column
        // name is written as `cell_<key>`.
        let mut taken: HashSet<String> = FIXED.iter().map(|f| f.0.to_string()).collect();
        for f in &fields {
            taken.insert(f.key.clone());
        }
        for i in 0..fields.len() {
            let clashes = FIXED.iter().any(|c| c.0 == fields[i].key)
                || fields
                    .iter()
                    .any(|o| o.typed && format!("{}_normalized", o.key) == fields[i].key);
            if clashes {
                fields[i].name = format!("cell_{}", fields[i].key);
            }
        }
        Layout { fields }
    }

    /// The keys of one document, in table and column order, and whether
    /// their column is typed.
    fn keys_of(doc: &Document) -> Vec<(String, bool)> {
        doc.tables
            .iter()
            .flat_map(|t| &t.columns)
            .map(|c| (c.key.clone(), typed(c.value_type)))
            .collect()
    }

    /// Column names, in output order.
    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = FIXED.iter().map(|f| f.0.to_string()).collect();
        for f in &self.fields {
            h.push(f.name.clone());
            if f.typed {
                h.push(format!("{}_normalized", f.name));
            }
        }
        h
    }

    /// The records of one document, one `Vec<Field>` per record, in
    /// header order. `name` is the document's path in the output directory.
    fn records(&self, name: &str, doc: &Document) -> Vec<Vec<Field>> {
        let period = doc.report.period.as_ref();
        let date = |d: Option<&String>| d.map_or(Field::Empty, |s| Field::Text(s.clone()));
        let mut out = Vec::new();
        for t in &doc.tables {
            for r in &t.rows {
                let lines = &r.provenance.lines;
                let spans: Map<String, Value> = r
                    .cells
                    .iter()
                    .map(|(k, c)| (k.clone(), json!(c.provenance.place.spans)))
                    .collect();
                let mut row = vec![
                    Field::Text(doc.source.path.clone()),
                    Field::Text(name.to_string()),
                    Field::Text(doc.source.sha256.clone()),
                    date(period.and_then(|p| p.value.start.as_ref())),
                    date(period.and_then(|p| p.value.end.as_ref())),
                    period.map_or(Field::Empty, |p| Field::Text(p.value.text.clone())),
                    Field::Int(t.index as u64),
                    text(t.section.as_ref().map(|s| s.value.as_str())),
                    text(r.group.as_ref().map(|g| g.value.as_str())),
                    Field::Int(r.index as u64),
                    r.parent.map_or(Field::Empty, |p| Field::Int(p as u64)),
                    Field::Text(join(&r.provenance.pages, ";")),
                    lines
                        .first()
                        .map_or(Field::Empty, |&l| Field::Int(l.into())),
                    lines.last().map_or(Field::Empty, |&l| Field::Int(l.into())),
                    text(r.provenance.rule.as_deref()),
                    Field::Text(Value::Object(spans).to_string()),
                ];
                for f in &self.fields {
                    let cell = r.cells.get(&f.key);
                    row.push(text(cell.map(|c| c.value.as_str())));
                    if f.typed {
                        row.push(cell.map_or(Field::Empty, normalized_text));
                    }
                }
                out.push(row);
            }
        }
        out
    }
}

/// Whether a column of this type has a `normalized` value.
fn typed(t: Option<ValueType>) -> bool {
    t.is_some_and(|t| t != ValueType::Text)
}

fn text(s: Option<&str>) -> Field {
    match s {
        Some(s) if !s.is_empty() => Field::Text(s.to_string()),
        _ => Field::Empty,
    }
}

fn join<T: ToString>(items: &[T], sep: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

/// A cell's typed value as one text field: statuses `green;amber`, a
/// reference's canonical form, periods as ISO 8601 intervals
/// `2008-04-01/2008-06-30`, figures as `value unit`; several joined by `; `.
fn normalized_text(cell: &Cell) -> Field {
    let period = |p: &Period| match (&p.start, &p.end) {
        (Some(s), Some(e)) => format!("{s}/{e}"),
        (Some(s), None) => format!("{s}/.."),
        (None, Some(e)) => format!("../{e}"),
        (None, None) => p.kind.clone(),
    };
    let figure = |f: &super::document::Figure| match &f.unit {
        Some(u) => format!("{} {u}", f.value),
        None => f.value.to_string(),
    };
    let parts: Vec<String> = match &cell.normalized {
        None => return Field::Empty,
        Some(Normalized::Status(s)) => {
            return text(Some(&join(
                &s.statuses.iter().map(|m| &m.value).collect::<Vec<_>>(),
                ";",
            )))
        }
        Some(Normalized::Reference(r)) => vec![r.canonical.clone()],
        Some(Normalized::Target(t)) => t
            .figures
            .iter()
            .map(figure)
            .chain(t.periods.iter().map(period))
            .collect(),
        Some(Normalized::Figures(f)) => f.figures.iter().map(figure).collect(),
        Some(Normalized::Periods(p)) => p.iter().map(period).collect(),
    };
    text(Some(&parts.join("; ")))
}

/// What a `rows` run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Reports whose records were written.
    pub reports: usize,
    /// Records written.
    pub records: usize,
    /// Files left out, with the reason.
    pub skipped: Vec<Skipped>,
    /// Standard output was closed by its reader before the end (`| head`):
    /// writing stopped there, and the counts above are left at 0.
    pub stopped: bool,
}

/// Reports rendered per parallel chunk: enough to keep both cores busy,
/// few enough that a chunk's output stays small in memory.
const CHUNK: usize = 32;

/// Writes every record of the reports in `dir` to `out` (a file, written
/// atomically, or standard output) and, with `datapackage`, a Frictionless
/// `datapackage.json` beside the CSV file.
pub fn run(
    dir: &Path,
    format: Format,
    out: Option<&Path>,
    datapackage: bool,
) -> Result<Outcome, ExportError> {
    let csv_path = match (datapackage, format, out) {
        (false, _, _) => None,
        (true, Format::Csv, Some(p)) => Some(p),
        (true, Format::Ndjson, _) => {
            return Err(ExportError::Usage(
                "--datapackage describes a CSV file: use it with --format csv".into(),
            ))
        }
        (true, Format::Csv, None) => {
            return Err(ExportError::Usage(
                "--datapackage needs -o FILE: the descriptor is written beside the CSV file".into(),
            ))
        }
    };
    let reports = Reports::discover(dir)?;
    let (keys, mut skipped) = reports.map(|i, doc| (i, Layout::keys_of(&doc)))?;
    let layout = Layout::from_keys(keys.iter().map(|(_, k)| k));
    let readable: Vec<usize> = keys.iter().map(|(i, _)| *i).collect();
    let mut outcome = Outcome::default();
    let mut write = |w: &mut dyn Write| -> io::Result<()> {
        let (records, late) = write_rows(&reports, &readable, &layout, format, w)?;
        outcome.reports = readable.len() - late.len();
        outcome.records = records;
        skipped.extend(late);
        Ok(())
    };
    match out {
        Some(path) => stream_file(path, &mut write)?,
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            match write(&mut lock).and_then(|()| lock.flush()) {
                // The reader stopped reading (`rows out/ | head`): not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => outcome.stopped = true,
                r => r.map_err(|source| ExportError::Io {
                    path: "<stdout>".into(),
                    source,
                })?,
            }
        }
    }
    if let Some(csv_path) = csv_path {
        let name = csv_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let descriptor = csv_path.with_file_name("datapackage.json");
        write_file(&descriptor, datapackage_json(&layout, &name).as_bytes())?;
    }
    outcome.skipped = skipped;
    Ok(outcome)
}

/// Writes the header and every record of the documents `readable` (indices
/// into `reports.files`); returns the number of records and the documents
/// that could no longer be read.
fn write_rows(
    reports: &Reports,
    readable: &[usize],
    layout: &Layout,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<(usize, Vec<Skipped>)> {
    let header = layout.header();
    let mut records = 0;
    let mut skipped = Vec::new();
    if format == Format::Csv {
        out.write_all(&csv_lines(std::slice::from_ref(
            &header.iter().cloned().map(Field::Text).collect(),
        ))?)?;
    }
    for chunk in readable.chunks(CHUNK) {
        let rendered: Vec<Result<(usize, Vec<u8>), Skipped>> = chunk
            .par_iter()
            .map(|&i| {
                let doc = reports.read(i)?;
                let rows = layout.records(&reports.name(i), &doc);
                let bytes = match format {
                    Format::Csv => csv_lines(&rows),
                    Format::Ndjson => Ok(ndjson_lines(&header, &rows)),
                };
                bytes.map(|b| (rows.len(), b)).map_err(|e| Skipped {
                    file: reports.name(i),
                    reason: e.to_string(),
                })
            })
            .collect();
        for r in rendered {
            match r {
                Ok((n, bytes)) => {
                    records += n;
                    out.write_all(&bytes)?;
                }
                Err(s) => skipped.push(s),
            }
        }
    }
    Ok((records, skipped))
}

/// RFC 4180 lines: fields quoted when they hold a comma, quote or line
/// break, quotes doubled, CRLF after every record.
fn csv_lines(rows: &[Vec<Field>]) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row.iter().map(|f| match f {
            Field::Text(s) => s.clone(),
            Field::Int(n) => n.to_string(),
            Field::Empty => String::new(),
        }))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

fn ndjson_lines(header: &[String], rows: &[Vec<Field>]) -> Vec<u8> {
    let mut out = Vec::new();
    for row in rows {
        let obj: Map<String, Value> = header
            .iter()
            .zip(row)
            .map(|(k, f)| {
                let v = match f {
                    Field::Text(s) => Value::from(s.as_str()),
                    Field::Int(n) => Value::from(*n),
                    Field::Empty => Value::Null,
                };
                (k.clone(), v)
            })
            .collect();
        out.extend_from_slice(Value::Object(obj).to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// The Frictionless Tabular Data Package descriptor of the CSV file `path`
/// (relative to the descriptor): every column with its type, the dialect
/// and the primary key (document, table, row).
pub fn datapackage_json(layout: &Layout, path: &str) -> String {
    let mut fields: Vec<Value> = FIXED
        .iter()
        .map(
            |(name, ty, description)| json!({"name": name, "type": ty, "description": description}),
        )
        .collect();
    for f in &layout.fields {
        fields.push(json!({"name": f.name, "type": "string", "description": format!("Cell `{}`: its cleaned value", f.key)}));
        if f.typed {
            fields.push(json!({
                "name": format!("{}_normalized", f.name),
                "type": "string",
                "description": format!("Cell `{}`: its typed value as text (statuses `green;amber`, canonical reference, ISO 8601 periods, figures `value unit`)", f.key)
            }));
        }
    }
    let descriptor = json!({
        "profile": "tabular-data-package",
        "name": "reportmine-rows",
        "title": "Records extracted by reportmine",
        "resources": [{
            "profile": "tabular-data-resource",
            "name": "rows",
            "path": path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {
                "delimiter": ",",
                "lineTerminator": "\r\n",
                "quoteChar": "\"",
                "doubleQuote": true,
                "header": true
            },
            "schema": {
                "fields": fields,
                "missingValues": [""],
                "primaryKey": ["document", "table", "row"]
            }
        }]
    });
    let mut s = serde_json::to_string_pretty(&descriptor).expect("a descriptor always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[(&str, bool)]) -> Vec<(String, bool)> {
        k.iter().map(|(k, t)| (k.to_string(), *t)).collect()
    }

    #[test]
    fn fields_follow_first_seen_order_and_typed_columns_get_normalized() {
        let a = keys(&[("ref", true), ("priority", false), ("status", true)]);
        let b = keys(&[("ref", true), ("commitment", false), ("priority", true)]);
        let layout = Layout::from_keys([&a, &b]);
        let header = layout.header();
        assert_eq!(
            &header[..FIXED.len()],
            FIXED.iter().map(|f| f.0).collect::<Vec<_>>()
        );
        assert_eq!(
            &header[FIXED.len()..],
            [
                "ref",
                "ref_normalized",
                "priority",
                "priority_normalized",
                "status",
                "status_normalized",
                "commitment"
            ]
        );
    }

    #[test]
    fn keys_that_clash_with_fixed_or_generated_columns_are_prefixed() {
        let a = keys(&[("section", false), ("ref", true), ("ref_normalized", false)]);
        let layout = Layout::from_keys([&a]);
        let header = layout.header();
        assert_eq!(
            &header[FIXED.len()..],
            [
                "cell_section",
                "ref",
                "ref_normalized",
                "cell_ref_normalized"
            ]
        );
    }

    #[test]
    fn csv_quotes_what_needs_quoting_with_crlf() {
        let rows = vec![vec![
            Field::Text("a,b".into()),
            Field::Text("say \"hi\"".into()),
            Field::Int(3),
            Field::Empty,
            Field::Text("two\nlines".into()),
        ]];
        let bytes = csv_lines(&rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",3,,\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn ndjson_keeps_column_order_numbers_and_nulls() {
        let header = vec!["b".to_string(), "a".to_string(), "c".to_string()];
        let rows = vec![vec![Field::Int(1), Field::Empty, Field::Text("x".into())]];
        let s = String::from_utf8(ndjson_lines(&header, &rows)).unwrap();
        assert_eq!(s, "{\"b\":1,\"a\":null,\"c\":\"x\"}\n");
    }
}
