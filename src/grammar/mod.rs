//! Grammar stage: classifies physical lines and assembles tables of logical
//! records from the layout model. Knows nothing of files, PDFs or threads.

pub mod clean;
mod spec;

pub use spec::{label_key, ColumnSpec, Grammar, GrammarError, Role, ValueType};
