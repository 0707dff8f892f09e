//! Output stage: the report document of the output contract (v1), built from
//! the grammar's extraction, serialised deterministically with serde_json.
//! Same input, same grammar, same version: byte-identical bytes.

use crate::grammar::{Extraction, Grammar, Located, Piece, Row, Table, ValueType, Warning};
use crate::layout::Layout;
use crate::normalize;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// What the document says about its source file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// Path relative to the input root, as given.
    pub path: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// `text` or `pdf`.
    pub format: &'static str,
    /// Encoding the text was decoded from.
    pub encoding: &'static str,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// Number of pages (from the source, or inferred from page breaks).
    pub pages: u32,
}

/// Builds the JSON document for one report.
pub fn document(
    source: &SourceInfo,
    layout: &Layout,
    grammar: &Grammar,
    ex: &Extraction,
    extra_warnings: &[Warning],
) -> Value {
    let legend: Vec<&str> = ex.legend.iter().map(|l| l.value.as_str()).collect();
    let statuses = normalize::StatusVocab::from_legend(&legend);
    let w = Writer {
        layout,
        ex,
        statuses: &statuses,
    };
    let mut warnings: Vec<&Warning> = extra_warnings.iter().chain(ex.warnings.iter()).collect();
    warnings.sort_by_key(|w| w.line);
    json!({
        "schema_version": "1",
        "source": source,
        "extractor": {
            "name": env!("CARGO_PKG_NAME"),
            "version": env!("CARGO_PKG_VERSION"),
            "grammar": grammar.id(),
            "grammar_sha256": grammar.sha256,
        },
        "report": {
            "title": ex.title.as_ref().map(|t| w.located(t)),
            "period": w.report_period(),
            "legend": ex.legend.iter().map(|l| w.located(l)).collect::<Vec<_>>(),
        },
        "tables": ex.tables.iter().enumerate().map(|(i, t)| w.table(i, t)).collect::<Vec<_>>(),
        "warnings": warnings,
    })
}

struct Writer<'a> {
    layout: &'a Layout,
    ex: &'a Extraction,
    statuses: &'a normalize::StatusVocab,
}

impl Writer<'_> {
    fn page_of(&self, line: u32) -> u32 {
        self.ex.lines.get(line as usize - 1).map_or(1, |l| l.page)
    }

    fn provenance(&self, pieces: &[Piece], column: Option<usize>) -> Value {
        let lines: BTreeSet<u32> = pieces.iter().map(|p| p.fragment.line).collect();
        let pages: BTreeSet<u32> = lines.iter().map(|&l| self.page_of(l)).collect();
        let spans: Vec<_> = pieces.iter().map(|p| p.fragment.span).collect();
        let bbox: Vec<_> = pieces.iter().filter_map(|p| p.fragment.bbox).collect();
        let mut m = Map::new();
        m.insert(
            "page".into(),
            json!(pages.iter().next().copied().unwrap_or(1)),
        );
        if pages.len() > 1 {
            m.insert("pages".into(), json!(pages));
        }
        m.insert("lines".into(), json!(lines));
        if let Some(c) = column {
            m.insert("column".into(), json!(c));
        }
        m.insert("spans".into(), json!(spans));
        m.insert(
            "bbox".into(),
            if bbox.is_empty() {
                Value::Null
            } else {
                json!(bbox)
            },
        );
        Value::Object(m)
    }

    fn raw(&self, pieces: &[Piece]) -> String {
        let frags: Vec<_> = pieces.iter().map(|p| p.fragment.clone()).collect();
        crate::layout::join_fragments(&self.layout.text, &frags)
    }

    fn located(&self, l: &Located) -> Value {
        json!({ "value": l.value, "raw": self.raw(&l.pieces), "provenance": self.provenance(&l.pieces, None) })
    }

    /// The reporting period: the first title or heading that names one.
    fn report_period(&self) -> Value {
        let candidates = self.ex.title.iter().chain(self.ex.headings.iter());
        for h in candidates {
            if let Some(p) = normalize::report_period(&h.value) {
                return json!({ "value": p, "text": h.value, "provenance": self.provenance(&h.pieces, None) });
            }
        }
        Value::Null
    }

    /// The typed value of a cell, by its column's type.
    fn normalized(&self, value_type: ValueType, value: &str) -> Option<Value> {
        let v = match value_type {
            ValueType::Text => return None,
            ValueType::Reference => json!(normalize::reference(value)),
            ValueType::Status => json!(normalize::status(value, self.statuses)),
            ValueType::Period => json!(normalize::periods(value)),
            ValueType::Target => {
                json!({ "figures": normalize::figures(value), "periods": normalize::periods(value) })
            }
            ValueType::Figures => json!({ "figures": normalize::figures(value) }),
        };
        Some(v)
    }

    fn table(&self, index: usize, t: &Table) -> Value {
        json!({
            "index": index,
            "section": t.section.as_ref().map(|s| self.located(s)),
            "headings": t.headings.iter().map(|h| h.value.clone()).collect::<Vec<_>>(),
            "columns": t.columns,
            "header_lines": t.header_lines,
            "rows": t.rows.iter().enumerate().map(|(i, r)| self.row(i, t, r)).collect::<Vec<_>>(),
        })
    }

    fn row(&self, index: usize, t: &Table, r: &Row) -> Value {
        let mut cells = Map::new();
        for (k, pieces) in r.cells.iter().enumerate() {
            if pieces.is_empty() {
                continue;
            }
            let value = &r.values[k];
            if value.is_empty()
                && pieces
                    .iter()
                    .all(|p| self.layout.slice(p.fragment.span).trim().is_empty())
            {
                continue;
            }
            let mut cell = Map::new();
            cell.insert("value".into(), json!(value));
            if let Some(n) = self.normalized(t.columns[k].value_type, value) {
                cell.insert("normalized".into(), n);
            }
            cell.insert("raw".into(), json!(self.raw(pieces)));
            cell.insert("provenance".into(), self.provenance(pieces, Some(k)));
            cells.insert(t.columns[k].key.clone(), Value::Object(cell));
        }
        let pages: BTreeSet<u32> = r.lines.iter().map(|&l| self.page_of(l)).collect();
        json!({
            "index": index,
            "parent": r.parent,
            "group": r.group.map(|g| self.located(&t.groups[g])),
            "provenance": {
                "lines": r.lines,
                "pages": pages,
                "rule": r.rule,
                "merges": r.merges.iter().map(|(l, rule)| json!({"line": l, "rule": rule})).collect::<Vec<_>>(),
            },
            "cells": cells,
            "warnings": r.warnings,
        })
    }
}
