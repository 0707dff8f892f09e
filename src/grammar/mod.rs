//! Grammar stage: classifies physical lines and assembles tables of logical
//! records from the layout model. Knows nothing of files, PDFs or threads.

mod assemble;
mod classify;
pub mod clean;
mod spec;

pub use assemble::{
    extract, header_count, Column, Extraction, Glue, LineInfo, Located, Piece, Row, Table, Warning,
};
pub use classify::LineClass;
pub use clean::Cleaned;
pub use spec::{label_key, ColumnSpec, Grammar, GrammarError, Role, ValueType};
