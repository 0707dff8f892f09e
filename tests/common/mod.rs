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

/// Runs the `reportmine` binary with `args`; panics with its stderr when it
/// cannot be started. Returns the finished process output.
pub fn reportmine(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_reportmine"))
        .args(args)
        .output()
        .expect("reportmine runs")
}

/// A temporary directory holding the `reportmine extract` output of the
/// five corpus reports (the `.txt` files at the top of `samples/`; the PDF
/// and fixed-width samples below it are rendered reports of other councils).
pub fn extracted_samples() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut corpus: Vec<std::path::PathBuf> = std::fs::read_dir(&samples)
        .expect("samples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    corpus.sort();
    assert_eq!(corpus.len(), 5, "the five corpus reports are in samples/");
    let mut args: Vec<&std::ffi::OsStr> = vec!["extract".as_ref()];
    args.extend(corpus.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.path().as_os_str(), "--quiet".as_ref()]);
    let o = reportmine(&args);
    assert!(
        o.status.success(),
        "extract: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The external program `name` (looked up on PATH) for a test that needs
/// it. Under CI (`CI` set), where `.ci/run` installs it, a missing program
/// fails the test; elsewhere the test says it is skipped and passes.
pub fn external_tool(name: &str, test: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: `{name}` is not installed, and CI must run this test (.ci/run installs it)"
        );
        eprintln!("{test}: SKIPPED, `{name}` is not installed");
    }
    found
}

/// A table's column labels in order.
pub fn labels(table: &Value) -> Vec<&str> {
    table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect()
}

/// Whether any row of a table sits under a group label.
pub fn any_grouped(table: &Value) -> bool {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| !r["group"].is_null())
}

/// The true Update comment of REF 3.4 in the rendered report `synth_18`
/// (`tests/fixtures/tables/unruled_synth_18.truth.json`), cut by a page
/// that repeats no header: pinned from the PDF and from its layout text.
pub const SYNTH_18_REF_3_4_UPDATE: &str =
    "The number of people killed or seriously injured fell by 31% compared with the \
     same period last year. In 2008/09 we lost slightly more foster carers than we \
     gained, 103 were approved and 20 were deregistered. Designated Lead Member \
     appointed. Population mapping exercise carried out with partners in 2007 to \
     identify eastern European newcomers. Performance at the end of Quarter 1 is 52% \
     against a target of 60%. A further 79 schemes were completed during the quarter \
     at a cost of £454,000.";
