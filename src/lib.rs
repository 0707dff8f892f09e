//! reportmine: mine archives of legacy report appendices into one JSON
//! document per report, every field traceable to the bytes, line and page it
//! came from. The pipeline runs one way: source -> layout -> grammar ->
//! normalize -> output, with archive and the CLI on top.
pub mod pdf;
