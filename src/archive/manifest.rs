//! The manifest, `OUT/manifest.jsonl`: one JSON line per report. During a
//! run it is a journal — each finished report appends one whole line with a
//! single write — so a killed run leaves at worst one torn last line, which
//! loading ignores. At the end of a run it is rewritten atomically, one line
//! per report, sorted, so its content does not depend on completion order.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use super::write;

/// What became of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Status {
    /// Processed and written in this run.
    Ok,
    /// Failed: processor error or panic, unreadable input.
    Error,
    /// Output already up to date from an earlier run.
    Skipped,
}

/// One manifest line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Record {
    /// Input path as found (the zip archive's path for zip entries).
    pub input: String,
    /// Zip entry name as stored in the archive.
    pub entry: Option<String>,
    /// Hex SHA-256 of the input, when it could be read.
    pub sha256: Option<String>,
    pub status: Status,
    pub error: Option<String>,
    pub tables: usize,
    pub rows: usize,
    pub warnings: usize,
    /// Wall-clock time spent on the report; the only field that varies
    /// between identical runs.
    pub elapsed_ms: u64,
    /// Output path relative to the output directory, `/`-separated; none for
    /// inputs that have no output of their own.
    pub output: Option<String>,
    /// Fingerprint of the extractor that made the output.
    pub fingerprint: String,
}

impl Record {
    /// A record in the `error` state with no counts yet, to be filled in.
    pub fn new(
        input: String,
        entry: Option<String>,
        output: Option<String>,
        fingerprint: String,
    ) -> Record {
        Record {
            input,
            entry,
            sha256: None,
            status: Status::Error,
            error: None,
            tables: 0,
            rows: 0,
            warnings: 0,
            elapsed_ms: 0,
            output,
            fingerprint,
        }
    }

    /// Whether this record vouches for an output made from input `sha256`
    /// by an extractor with `fingerprint`.
    pub fn is_up_to_date(&self, sha256: &str, fingerprint: &str) -> bool {
        self.status != Status::Error
            && self.sha256.as_deref() == Some(sha256)
            && self.fingerprint == fingerprint
    }

    /// Which report the record is about.
    fn identity(&self) -> (String, Option<String>) {
        (self.input.clone(), self.entry.clone())
    }
}

/// Loads the records of a manifest; a missing manifest is empty, and lines
/// that do not parse (a line torn by a crash) are ignored.
pub(super) fn load(path: &Path) -> io::Result<Vec<Record>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect())
}

/// The last record of each output path, for deciding what to skip.
pub(super) fn latest_by_output(records: &[Record]) -> HashMap<String, &Record> {
    records
        .iter()
        .filter_map(|record| record.output.clone().map(|output| (output, record)))
        .collect()
}

/// The final manifest: this run's records, plus the latest record of each
/// other report from earlier runs whose output this run did not claim;
/// sorted by output path, then input and entry.
pub(super) fn merge(previous: Vec<Record>, current: Vec<Record>) -> Vec<Record> {
    let mut seen_identities: HashSet<_> = current.iter().map(Record::identity).collect();
    let mut seen_outputs: HashSet<_> = current.iter().filter_map(|r| r.output.clone()).collect();
    let mut merged = current;
    for record in previous.into_iter().rev() {
        let new_identity = seen_identities.insert(record.identity());
        if new_identity
            && record
                .output
                .as_ref()
                .is_none_or(|o| seen_outputs.insert(o.clone()))
        {
            merged.push(record);
        }
    }
    merged.sort_by(|a, b| (&a.output, &a.input, &a.entry).cmp(&(&b.output, &b.input, &b.entry)));
    merged
}

/// Rewrites the manifest atomically with exactly `records`, one per line.
pub(super) fn rewrite(path: &Path, records: Vec<Record>) -> io::Result<()> {
    let mut text = Vec::new();
    for record in &records {
        serde_json::to_writer(&mut text, record)?;
        text.push(b'\n');
    }
    write::write_atomic_synced(path, &text)
}

/// The manifest opened for appending during a run, shared by the workers.
pub(super) struct Journal {
    file: Mutex<File>,
}

impl Journal {
    /// Opens (or creates) the manifest for appending; if a crash left a torn
    /// last line, ends it first so the next line starts clean.
    pub fn open(path: &Path) -> io::Result<Journal> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        let len = file.metadata()?.len();
        if len > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
            }
        }
        Ok(Journal {
            file: Mutex::new(file),
        })
    }

    /// Appends one record as one whole line with a single write.
    pub fn append(&self, record: &Record) -> io::Result<()> {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.write_all(&line)?;
        file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(input: &str, output: Option<&str>, status: Status) -> Record {
        Record {
            status,
            sha256: Some("s".into()),
            ..Record::new(input.into(), None, output.map(String::from), "f".into())
        }
    }

    #[test]
    fn torn_last_line_is_ignored_and_ended_before_appending() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("manifest.jsonl");
        let good = record("a", Some("a.json"), Status::Ok);
        let mut text = serde_json::to_vec(&good)?;
        text.extend_from_slice(b"\n{\"input\":\"b\",\"ent");
        fs::write(&path, &text)?;
        assert_eq!(load(&path)?, std::slice::from_ref(&good));

        let next = record("c", Some("c.json"), Status::Ok);
        Journal::open(&path)?.append(&next)?;
        assert_eq!(load(&path)?, [good, next]);
        Ok(())
    }

    #[test]
    fn missing_manifest_is_empty() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(load(&dir.path().join("manifest.jsonl"))?.is_empty());
        Ok(())
    }

    #[test]
    fn merge_keeps_one_line_per_report_and_output() {
        let previous = vec![
            record("old/a", Some("a.json"), Status::Ok),
            record("x", Some("x.json"), Status::Error),
            record("x", Some("x.json"), Status::Ok),
            record("kept", Some("k.json"), Status::Ok),
            record("broken.zip", None, Status::Error),
        ];
        let current = vec![
            record("new/a", Some("a.json"), Status::Skipped),
            record("x", Some("x.json"), Status::Ok),
        ];
        let merged = merge(previous, current);
        let names: Vec<_> = merged.iter().map(|r| r.input.as_str()).collect();
        assert_eq!(names, ["broken.zip", "new/a", "kept", "x"]);
    }

    #[test]
    fn up_to_date_needs_success_same_input_and_fingerprint() {
        let ok = record("a", Some("a.json"), Status::Ok);
        assert!(ok.is_up_to_date("s", "f"));
        assert!(!ok.is_up_to_date("other", "f"));
        assert!(!ok.is_up_to_date("s", "other"));
        assert!(!record("a", Some("a.json"), Status::Error).is_up_to_date("s", "f"));
    }
}
