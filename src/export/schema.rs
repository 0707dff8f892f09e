//! `reportmine schema`: the JSON Schema (draft 2020-12) of the report
//! document, generated from the reading model in [`super::document`].
//!
//! Why generated and not written by hand: the schema then says exactly what
//! the export commands accept, and a test keeps the copy shipped in the
//! repository (`schema/report.schema.json`) equal to this output and checks
//! every sample document against it.

use super::document::Document;

/// Where the repository keeps the generated schema, relative to its root.
pub const SCHEMA_PATH: &str = "schema/report.schema.json";

/// The schema as pretty JSON with a final newline, byte-identical from run
/// to run (property order follows the struct fields).
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Document);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_draft_2020_12_and_requires_the_contract_paths() {
        let v: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        assert_eq!(
            v["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{v}"
        );
        let required = |def: &str| -> Vec<String> {
            let node = if def.is_empty() { &v } else { &v["$defs"][def] };
            node["required"]
                .as_array()
                .unwrap_or_else(|| panic!("{def} has required fields"))
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        for (def, fields) in [
            (
                "",
                &[
                    "schema_version",
                    "source",
                    "extractor",
                    "report",
                    "tables",
                    "warnings",
                ][..],
            ),
            (
                "Source",
                &["path", "sha256", "format", "encoding", "bytes", "pages"],
            ),
            ("Table", &["index", "section", "columns", "rows"]),
            ("Row", &["index", "parent", "group", "provenance", "cells"]),
            ("Cell", &["value", "raw", "provenance"]),
            ("Provenance", &["page", "lines", "spans", "bbox"]),
        ] {
            let got = required(def);
            for f in fields {
                assert!(got.contains(&f.to_string()), "{def} requires {f}: {got:?}");
            }
        }
    }
}
