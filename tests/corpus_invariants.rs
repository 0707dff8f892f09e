//! Invariants over every cell of the five corpus reports: spans reproduce
//! `raw`, no page furniture lands in a cell, and extraction is deterministic.

mod common;

use reportmine::output::JsonStyle;
use reportmine::pipeline::{self, Grammars};
use serde_json::Value;

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/samples", env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "the five corpus reports are in samples/");
    v
}

fn cells(doc: &Value) -> Vec<(&String, &Value)> {
    doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .flat_map(|r| r["cells"].as_object().unwrap().iter())
        .collect()
}

#[test]
fn spans_reproduce_raw_and_cells_hold_no_furniture() {
    for (name, bytes) in samples() {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let doc = pipeline::extract(&name, &bytes, &Grammars::builtin())
            .unwrap()
            .document();
        let furniture: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.starts_with("Appendix 1 MTCS")
                    || l.starts_with("Green –")
                    || l.starts_with("Amber –")
                    || l.starts_with("Red-")
                    || l.starts_with("Achieved - Completed")
                    || l.starts_with("REF\t")
                    || l.starts_with("Ref\t")
                    || l.starts_with("Key Priority /Issue\t")
                    || l.starts_with("Dept.\tMTCS Priority")
                    || l.starts_with("AREA FOR IMPROVEMENT\t")
                    || l.ends_with("DRAFT CPA IMPROVEMENT PLAN")
            })
            .collect();
        assert!(
            !furniture.is_empty(),
            "{name}: no furniture lines found to check against"
        );
        let all = cells(&doc);
        assert!(all.len() > 100, "{name}: only {} cells", all.len());
        for (key, c) in all {
            let spans = c["provenance"]["spans"].as_array().unwrap();
            let joined: Vec<&str> = spans
                .iter()
                .map(|s| &text[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize])
                .collect();
            assert_eq!(
                joined.join(" "),
                c["raw"].as_str().unwrap(),
                "{name}: cell {key} spans vs raw"
            );
            let raw = c["raw"].as_str().unwrap();
            for f in &furniture {
                assert!(!raw.contains(f), "{name}: cell {key} holds furniture {f:?}");
            }
            for label in [
                "Responsible Officer\t",
                "Red/ Amber Green/Achieved\t",
                "Comments On Progress",
            ] {
                assert!(
                    !raw.contains(label),
                    "{name}: cell {key} holds header label {label:?}"
                );
            }
        }
    }
}

#[test]
fn every_line_is_accounted_for() {
    for (name, bytes) in samples() {
        let report = pipeline::extract(&name, &bytes, &Grammars::builtin()).unwrap();
        let unmatched = report
            .extraction
            .warnings
            .iter()
            .filter(|w| w.code == "unmatched-line")
            .count();
        assert_eq!(unmatched, 0, "{name}");
        for (line, info) in report.layout.lines.iter().zip(&report.extraction.lines) {
            assert!(
                !info.rule.is_empty(),
                "{name}: line {} has no rule",
                line.number
            );
        }
    }
}

#[test]
fn extraction_is_byte_identical_across_runs() {
    for (name, bytes) in samples() {
        let a = pipeline::extract(&name, &bytes, &Grammars::builtin()).unwrap();
        let b = pipeline::extract(&name, &bytes, &Grammars::builtin()).unwrap();
        assert_eq!(
            a.to_json(JsonStyle::Pretty),
            b.to_json(JsonStyle::Pretty),
            "{name}"
        );
        // The bytes written are the document value: pretty as serde_json
        // prints it but for arrays of numbers on one line, compact as it
        // prints it.
        let pretty = a.to_json(JsonStyle::Pretty);
        let parsed: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
        assert!(parsed == a.document(), "{name}");
        let text = String::from_utf8(pretty).unwrap();
        assert!(
            text.contains("\"lines\": [") && !text.contains("\"lines\": [\n"),
            "{name}"
        );
        assert!(
            text.contains("\"spans\": [[") && !text.contains("\"spans\": [\n"),
            "{name}"
        );
        let mut compact = serde_json::to_vec(&a.document()).unwrap();
        compact.push(b'\n');
        assert!(a.to_json(JsonStyle::Compact) == compact, "{name}");
    }
}

#[test]
fn encodings_and_line_ends_give_the_same_records() {
    let (name, bytes) = samples().remove(4);
    // Windows-1252 has no "▪": use the bullet it has, in every variant.
    let text = String::from_utf8(bytes).unwrap().replace('▪', "•");
    let bytes = text.clone().into_bytes();
    let values = |doc: &Value| -> Vec<String> {
        cells(doc)
            .iter()
            .map(|(_, c)| c["value"].as_str().unwrap().to_string())
            .collect()
    };
    let base = values(
        &pipeline::extract(&name, &bytes, &Grammars::builtin())
            .unwrap()
            .document(),
    );
    let crlf = text.replace('\n', "\r\n").into_bytes();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    for (kind, b) in [
        ("crlf", crlf),
        ("utf16", utf16),
        ("cp1252", cp1252.into_owned()),
    ] {
        let doc = pipeline::extract(&name, &b, &Grammars::builtin())
            .unwrap()
            .document();
        assert_eq!(values(&doc), base, "{kind}");
        if kind == "cp1252" {
            assert_eq!(doc["source"]["encoding"], "windows-1252");
            assert!(doc["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["code"] == "encoding"));
        }
    }
}

/// The manifest line of the one report in `out`.
fn only_manifest_line(out: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(out.join("manifest.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    lines.into_iter().next().unwrap()
}

#[test]
fn compact_output_is_the_same_document_and_switching_layout_redoes_it() {
    let out = tempfile::tempdir().unwrap();
    let report = format!(
        "{}/samples/004_feb536bc39f63b84.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc_path = out.path().join("004_feb536bc39f63b84.txt.json");
    let run = |compact: bool| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "extract".as_ref(),
            report.as_ref(),
            "-o".as_ref(),
            out.path().as_os_str(),
            "--quiet".as_ref(),
        ];
        if compact {
            args.push("--compact".as_ref());
        }
        let o = common::reportmine(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&doc_path).unwrap();
        let status = only_manifest_line(out.path())["status"].clone();
        (bytes, status)
    };
    let (compact, status) = run(true);
    assert_eq!(status, "ok");
    // One line: the only newline is the final one.
    assert_eq!(compact.iter().filter(|&&b| b == b'\n').count(), 1);
    assert_eq!(compact.last(), Some(&b'\n'));
    // Rerun in the default layout: the compact output is not up to date.
    let (pretty, status) = run(false);
    assert_eq!(status, "ok");
    assert!(
        pretty.len() > compact.len() + compact.len() / 2,
        "{} vs {}",
        pretty.len(),
        compact.len()
    );
    let a: Value = serde_json::from_slice(&compact).unwrap();
    let b: Value = serde_json::from_slice(&pretty).unwrap();
    assert_eq!(a, b);
    // The same layout again is up to date.
    let (_, status) = run(false);
    assert_eq!(status, "skipped");
}
