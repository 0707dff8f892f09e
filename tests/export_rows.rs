//! `reportmine rows` over the extracted samples: the CSV loads into SQLite
//! (`sqlite3 .import`) and Python's csv module with one row per record, the
//! NDJSON has one line per record, the Frictionless descriptor names the
//! CSV's columns, and the output does not change from run to run.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Number of records (rows of every table) in the documents under `out`.
fn records(out: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(out).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += records(&p);
        } else if p.extension().is_some_and(|x| x == "json") {
            let d: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            n += d["tables"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["rows"].as_array().unwrap().len())
                .sum::<usize>();
        }
    }
    n
}

fn rows(out: &Path, args: &[&str], file: &Path) {
    let mut a: Vec<&std::ffi::OsStr> = vec![
        "rows".as_ref(),
        out.as_os_str(),
        "-o".as_ref(),
        file.as_os_str(),
    ];
    a.extend(args.iter().map(std::ffi::OsStr::new));
    let o = common::reportmine(&a);
    assert!(
        o.status.success(),
        "rows: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn csv_loads_into_sqlite_and_python_with_one_row_per_record() {
    let out = common::extracted_samples();
    let expected = records(out.path());
    // 003 breaks eight rows across pages mid-sentence (`[in working to` /
    // `reduce the amount of carbon, ...`): those halves are one record each;
    // 004 prints two records' headlines on a line of their own above the
    // REF line (lines 22 and 56); five lines of 003 without a priority and
    // with no officer, status or date of their own go on with their record,
    // while lines 62 and 63 have their own milestones: sub-rows; and two
    // lines of 003 whose priority goes on in lower case from the open one
    // above (lines 57 and 110) go on with that row, as lines 46 and 48 do
    // (line 46 reprints the end of the action above it).
    assert_eq!(expected, 398, "the five samples hold 398 records");
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("rows.csv");
    rows(out.path(), &["--datapackage"], &csv_path);

    let header: Vec<String> = csv::Reader::from_path(&csv_path)
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    let descriptor: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("datapackage.json")).unwrap())
            .unwrap();
    let resource = &descriptor["resources"][0];
    assert_eq!(resource["path"], "rows.csv");
    let fields: Vec<&str> = resource["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields, header,
        "the descriptor names the CSV's columns in order"
    );

    if let Some(python) = common::external_tool("python3", "rows csv in python") {
        let o = Command::new(python)
            .args([
                "-c",
                "import csv,sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    r = list(csv.reader(f, strict=True))\nassert len(set(map(len, r))) == 1, 'ragged rows'\nprint(len(r) - 1)",
            ])
            .arg(&csv_path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            expected.to_string()
        );
    }
    if let Some(sqlite) = common::external_tool("sqlite3", "rows csv in sqlite") {
        let o = Command::new(sqlite)
            .arg(dir.path().join("rows.sqlite"))
            .arg(format!(".import --csv {} records", csv_path.display()))
            .arg("SELECT count(*), count(DISTINCT document || '/' || \"table\" || '/' || \"row\"), sum(status_normalized = 'green') > 0 FROM records;")
            .output()
            .unwrap();
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            format!("{expected}|{expected}|1"),
            "every record once, keyed by (document, table, row)"
        );
    }
}

#[test]
fn ndjson_has_one_object_per_record_and_output_is_stable() {
    let out = common::extracted_samples();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ndjson"), dir.path().join("b.ndjson"));
    rows(out.path(), &["--format", "ndjson"], &a);
    rows(out.path(), &["--format", "ndjson"], &b);
    let text = std::fs::read_to_string(&a).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(&b).unwrap(),
        "same documents, same bytes"
    );
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), records(out.path()));
    let first = &lines[0];
    assert_eq!(first["report"], "000_4cc3560e523e0198.txt");
    assert_eq!(first["period_start"], "2008-04-01");
    assert_eq!(first["first_line"], 17);
    assert_eq!(first["ref_normalized"], "CPA/CYP/1");
    assert_eq!(first["status_normalized"], "green");
    assert_eq!(first["parent"], Value::Null);
}

#[test]
fn usage_errors_and_empty_directories_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::reportmine(&["rows".as_ref(), dir.path().as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no report documents") && err.contains(&dir.path().display().to_string()),
        "{err}"
    );
    let o = common::reportmine(&[
        "rows".as_ref(),
        dir.path().as_os_str(),
        "--datapackage".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--datapackage needs -o FILE"));
}

#[test]
fn a_file_that_is_not_a_document_is_named_and_the_rest_written() {
    let out = common::extracted_samples();
    let expected = records(out.path());
    std::fs::write(out.path().join("broken.json"), "{").unwrap();
    let o = common::reportmine(&["rows".as_ref(), out.path().as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.json: not JSON"), "{err}");
    let written = csv::Reader::from_reader(o.stdout.as_slice())
        .records()
        .count();
    assert_eq!(written, expected, "every record of the readable documents");
}
