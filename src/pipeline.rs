//! One report through the whole pipeline: bytes -> source -> layout ->
//! grammar -> output document. The archive stage and the CLI call this; it
//! touches no files and no threads itself.

use crate::grammar::{self, Cleaned, Extraction, Grammar};
use crate::layout::{self, Layout};
use crate::output::{self, SourceInfo};
use crate::pdf::{self, PdfError};
use crate::source::{self, SourceError};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use thiserror::Error;

/// Why a report produced no document.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The bytes are not readable text.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The PDF could not be read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The report has no table any grammar could read.
    #[error("no table found (no header row recognised and no TAB-separated rows)")]
    NoTable,
}

/// The grammars a run may use: an explicit one, or the built-in families
/// with the generic fallback. Shared, not copied, by the reports that use
/// them (a copied regex starts again with empty caches).
#[derive(Debug, Clone)]
pub struct Grammars {
    families: Vec<Arc<Grammar>>,
    generic: Arc<Grammar>,
    explicit: bool,
}

impl Grammars {
    /// The built-in family grammars and the generic fallback.
    pub fn builtin() -> Grammars {
        let mut all = Grammar::builtin();
        let generic = all.pop().expect("built-in generic grammar");
        Grammars {
            families: all.into_iter().map(Arc::new).collect(),
            generic: Arc::new(generic),
            explicit: false,
        }
    }

    /// Exactly this grammar for every report (`--grammar FILE`).
    pub fn only(g: Grammar) -> Grammars {
        let g = Arc::new(g);
        Grammars {
            families: vec![Arc::clone(&g)],
            generic: g,
            explicit: true,
        }
    }

    /// A fingerprint of the grammars in use: resumed runs redo reports when
    /// any grammar changes.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for g in self.families.iter().chain(std::iter::once(&self.generic)) {
            h.update(g.sha256.as_bytes());
        }
        format!(
            "{}@{}",
            env!("CARGO_PKG_VERSION"),
            &grammar_hex(&h.finalize())[..16]
        )
    }

    /// The grammar for a layout: the family that recognises the most header
    /// rows, else the generic one.
    pub fn choose(&self, cleaned: &Cleaned) -> &Arc<Grammar> {
        if self.explicit {
            return &self.generic;
        }
        self.families
            .iter()
            .map(|g| (grammar::header_count(cleaned, g), g))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .map_or(&self.generic, |(_, g)| g)
    }
}

fn grammar_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A report read through the pipeline, before serialisation.
pub struct Report {
    /// The layout (with the text all spans point into).
    pub layout: Layout,
    /// The grammar that read it.
    pub grammar: Arc<Grammar>,
    /// What the grammar found.
    pub extraction: Extraction,
    /// What the document says about the source file.
    pub source: SourceInfo,
    /// Warnings of the source stage (e.g. a fallback encoding).
    pub source_warnings: Vec<grammar::Warning>,
}

impl Report {
    /// The output document, written straight from the extraction.
    pub fn output(&self) -> output::Document<'_> {
        output::document(
            &self.source,
            &self.layout,
            &self.grammar,
            &self.extraction,
            &self.source_warnings,
        )
    }

    /// The output document as JSON bytes in `style`, with a final newline,
    /// deterministic.
    pub fn to_json(&self, style: output::JsonStyle) -> Vec<u8> {
        output::to_json(&self.output(), style)
    }

    /// The output document as a JSON value (for tests and tools).
    pub fn document(&self) -> Value {
        serde_json::to_value(self.output()).expect("a document always serialises")
    }

    /// Number of logical rows over all tables.
    pub fn rows(&self) -> usize {
        self.extraction.tables.iter().map(|t| t.rows.len()).sum()
    }

    /// Number of warnings in the document.
    pub fn warnings(&self) -> usize {
        self.source_warnings.len()
            + self.extraction.warnings.len()
            + self
                .extraction
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|r| r.warnings.len())
                .sum::<usize>()
    }
}

/// Reads one report's bytes through the pipeline. `path` is how the report
/// is named in the document (relative to the input root). A report with no
/// table is an error: there is nothing to write.
pub fn extract(path: &str, bytes: &[u8], grammars: &Grammars) -> Result<Report, ExtractError> {
    extract_digested(path, bytes, source::sha256_hex(bytes), grammars)
}

/// As [`extract`], for a caller that has already hashed the bytes (an
/// archive run hashes every input to decide whether to redo it): the
/// digest is not computed twice.
pub fn extract_digested(
    path: &str,
    bytes: &[u8],
    sha256: String,
    grammars: &Grammars,
) -> Result<Report, ExtractError> {
    let report = read(path, bytes, sha256, grammars)?;
    if report.extraction.tables.is_empty() {
        return Err(ExtractError::NoTable);
    }
    Ok(report)
}

/// Reads one report's bytes through the pipeline, tables or not: what
/// `inspect` shows when a layout yields no table, so the user can see why.
pub fn analyse(path: &str, bytes: &[u8], grammars: &Grammars) -> Result<Report, ExtractError> {
    read(path, bytes, source::sha256_hex(bytes), grammars)
}

fn read(
    path: &str,
    bytes: &[u8],
    sha256: String,
    grammars: &Grammars,
) -> Result<Report, ExtractError> {
    let mut unmapped_glyphs = None;
    let (layout, format, encoding, warnings) = if source::is_pdf(bytes) {
        let doc = pdf::load(bytes)?;
        unmapped_glyphs = Some(
            doc.pages
                .iter()
                .filter(|p| p.unmapped > 0)
                .map(|p| output::UnmappedGlyphs {
                    page: p.number,
                    glyphs: p.unmapped,
                })
                .collect(),
        );
        (layout::from_pdf(&doc), "pdf", None, doc.warnings)
    } else {
        let decoded = source::decode(bytes)?;
        let (layout, format) = if layout::is_fixed_width(&decoded.text) {
            (layout::from_fixed_width(decoded.text), "fixed-width")
        } else {
            (layout::from_tabbed_text(decoded.text), "text")
        };
        (layout, format, Some(decoded.encoding), decoded.warnings)
    };
    let cleaned = Cleaned::new(&layout);
    let grammar = Arc::clone(grammars.choose(&cleaned));
    let extraction = grammar::extract(&cleaned, &grammar);
    let source = SourceInfo {
        path: path.to_string(),
        sha256,
        format,
        encoding,
        bytes: bytes.len(),
        pages: extraction.pages,
        unmapped_glyphs,
    };
    let code = if format == "pdf" { "pdf" } else { "encoding" };
    let source_warnings = warnings
        .iter()
        .map(|m| grammar::Warning {
            code,
            line: 0,
            message: m.clone(),
        })
        .collect();
    Ok(Report {
        layout,
        grammar,
        extraction,
        source,
        source_warnings,
    })
}
