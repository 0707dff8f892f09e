//! The export stage: what comes after one JSON document per report.
//! `rows` flattens every record into one table (CSV or NDJSON, with a
//! Frictionless descriptor), `schema` publishes the document's JSON Schema,
//! and `trend` links the same commitment across reports ordered by
//! reporting period and shows how its status moved.
//!
//! It sits on top of the pipeline, beside `archive`: it reads the documents
//! `extract` wrote (never the reports themselves), through a typed reading
//! model ([`document`]), and like `archive` it is allowed to touch the file
//! system ([`files`]); the transforms themselves (rows, linking, rendering)
//! take documents and return values, so tests drive them without files.

pub mod document;
pub mod files;
pub mod html;
pub mod rows;
pub mod schema;
pub mod similarity;
pub mod trend;

use std::path::PathBuf;
use thiserror::Error;

/// Why an export command produced nothing. A single bad document is never
/// one of these: it is skipped and named (see [`files::Skipped`]).
#[derive(Debug, Error)]
pub enum ExportError {
    /// The directory holds no readable report document.
    #[error("{}: no report documents (the *.json files `reportmine extract` writes) found", .0.display())]
    NoReports(PathBuf),
    /// A file or directory cannot be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// `trend` found no report it can place in time with statuses to follow.
    #[error("{}: no report can go in the trend: {}", dir.display(), reasons.join("; "))]
    NoTrend {
        /// The output directory.
        dir: PathBuf,
        /// Each report left out, with the reason.
        reasons: Vec<String>,
    },
    /// Options that cannot work together.
    #[error("{0}")]
    Usage(String),
}
