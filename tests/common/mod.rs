//! Shared helpers for the end-to-end tests: run the pipeline over a sample
//! and find rows by the physical lines they came from.
#![allow(dead_code)]

use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

/// The JSON document for a file under `samples/`.
pub fn doc(name: &str) -> Value {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    pipeline::extract(name, &bytes, &Grammars::builtin())
        .expect("extracts")
        .document()
}

/// The row whose provenance lines are exactly `lines`.
pub fn row<'a>(doc: &'a Value, lines: &[u64]) -> (&'a Value, &'a Value) {
    for t in doc["tables"].as_array().unwrap() {
        for r in t["rows"].as_array().unwrap() {
            let l: Vec<u64> = r["provenance"]["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            if l == lines {
                return (t, r);
            }
        }
    }
    panic!("no row with lines {lines:?}");
}

/// Asserts a row's non-empty cells are exactly `cells` (key, value).
pub fn assert_cells(row: &Value, cells: &[(&str, &str)]) {
    let got = row["cells"].as_object().unwrap();
    let keys: Vec<&String> = got.keys().collect();
    let want: Vec<&str> = cells.iter().map(|c| c.0).collect();
    assert_eq!(keys, want, "cell keys of row {}", row["provenance"]);
    for (k, v) in cells {
        assert_eq!(
            got[*k]["value"].as_str().unwrap(),
            *v,
            "cell {k} of row {}",
            row["provenance"]
        );
    }
}

/// The value of a row's cell.
pub fn cell<'a>(row: &'a Value, key: &str) -> &'a str {
    row["cells"][key]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no cell {key} in {}", row["cells"]))
}

/// The group name of a row.
pub fn group(row: &Value) -> Option<&str> {
    row["group"]["value"].as_str()
}
