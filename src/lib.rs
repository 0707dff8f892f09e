//! reportmine: mine archives of legacy report appendices into one JSON
//! document per report, every field traceable to the bytes, line and page it
//! came from. The pipeline runs one way: source -> layout -> grammar ->
//! normalize -> output, with archive and the CLI on top.

pub mod archive;
pub mod export;
pub mod grammar;
pub mod layout;
pub mod normalize;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod source;
