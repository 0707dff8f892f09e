//! The export stage's file side: finding the report documents in an output
//! directory, reading them, and writing results atomically.
//!
//! Why here and not in each command: every export command and the tests must
//! agree on what counts as a report in `OUT` (every `*.json` below it that
//! is a contract document; not the manifest, not hidden lock or temporary
//! files), and on how a file that is not one is reported: named, with the
//! reason, never silently dropped and never stopping the others.

use super::document::Document;
use super::ExportError;
use crate::archive::write::{write_atomic, write_atomic_streamed};
use rayon::prelude::*;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The report documents of an output directory, in byte order of their
/// paths relative to it (so every command sees them in the same order).
#[derive(Debug, Clone)]
pub struct Reports {
    /// The output directory.
    pub dir: PathBuf,
    /// Paths of the candidate documents, relative to `dir`, sorted.
    pub files: Vec<PathBuf>,
}

/// A file of the output directory that is not a readable report document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Path relative to the output directory.
    pub file: String,
    /// Why it was left out.
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}; left out", self.file, self.reason)
    }
}

impl Reports {
    /// Finds every `*.json` file below `dir` (recursively, as `extract`
    /// writes zip entries and subdirectories), leaving out hidden files and
    /// directories (the lock file, temporary files). An error names `dir`
    /// when it cannot be read or holds no `*.json` file at all.
    pub fn discover(dir: &Path) -> Result<Reports, ExportError> {
        let mut files = Vec::new();
        walk(dir, Path::new(""), &mut files).map_err(|source| ExportError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        if files.is_empty() {
            return Err(ExportError::NoReports(dir.to_path_buf()));
        }
        files.sort();
        Ok(Reports {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// Reads the document at `files[i]`; the error says why it is not one.
    pub fn read(&self, i: usize) -> Result<Document, Skipped> {
        let rel = &self.files[i];
        let skipped = |reason: String| Skipped {
            file: rel.to_string_lossy().into_owned(),
            reason,
        };
        let bytes = fs::read(self.dir.join(rel)).map_err(|e| skipped(e.to_string()))?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| skipped(format!("not JSON ({e})")))?;
        match value.get("schema_version") {
            None => {
                return Err(skipped(
                    "not a report document (no schema_version)".to_string(),
                ))
            }
            Some(v) if v != "1" => {
                return Err(skipped(format!(
                    "schema_version {v} is not supported (this reportmine reads \"1\")"
                )))
            }
            Some(_) => {}
        }
        serde_json::from_value(value)
            .map_err(|e| skipped(format!("not a valid report document: {e}")))
    }

    /// The path of `files[i]` as reports are named in every output.
    pub fn name(&self, i: usize) -> String {
        self.files[i].to_string_lossy().into_owned()
    }

    /// Reads every document in parallel and maps it with `f`, keeping the
    /// order of `files`; documents that cannot be read come back as
    /// [`Skipped`]. Errors with [`ExportError::NoReports`] when none can be
    /// read, so no command ever writes an empty result silently.
    pub fn map<T: Send>(
        &self,
        f: impl Fn(usize, Document) -> T + Sync,
    ) -> Result<(Vec<T>, Vec<Skipped>), ExportError> {
        let results: Vec<Result<T, Skipped>> = (0..self.files.len())
            .into_par_iter()
            .map(|i| self.read(i).map(|d| f(i, d)))
            .collect();
        let mut ok = Vec::new();
        let mut skipped = Vec::new();
        for r in results {
            match r {
                Ok(t) => ok.push(t),
                Err(s) => skipped.push(s),
            }
        }
        if ok.is_empty() {
            return Err(ExportError::NoReports(self.dir.clone()));
        }
        Ok((ok, skipped))
    }
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = rel.join(&name);
        // `metadata` follows links, as `extract` does for its inputs.
        let meta = fs::metadata(root.join(&path))?;
        if meta.is_dir() {
            walk(root, &path, out)?;
        } else if meta.is_file() && name.to_string_lossy().ends_with(".json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a reader sees the old file or the
/// new one, never half of one.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic(path, bytes).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Streams output into `path` atomically (see [`write_file`]).
pub fn stream_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ExportError> {
    write_atomic_streamed(path, fill).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_documents_recursively_and_skips_hidden_and_manifest() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        fs::create_dir_all(d.join("x.zip/sub"))?;
        fs::create_dir_all(d.join(".hidden"))?;
        for f in [
            "b.txt.json",
            "a.txt.json",
            "x.zip/sub/c.txt.json",
            ".hidden/d.json",
            ".a.txt.json.tmp",
            ".reportmine.lock",
            "manifest.jsonl",
        ] {
            fs::write(d.join(f), "{}")?;
        }
        let reports = Reports::discover(d).expect("finds documents");
        let names: Vec<String> = (0..reports.files.len()).map(|i| reports.name(i)).collect();
        assert_eq!(names, ["a.txt.json", "b.txt.json", "x.zip/sub/c.txt.json"]);
        let err = reports.read(0).unwrap_err();
        assert_eq!(err.reason, "not a report document (no schema_version)");
        Ok(())
    }

    #[test]
    fn a_directory_without_documents_is_an_error_naming_it() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("manifest.jsonl"), "")?;
        let err = Reports::discover(dir.path()).unwrap_err();
        assert!(err.to_string().contains(&dir.path().display().to_string()));
        assert!(err.to_string().contains("no report documents"), "{err}");
        let missing = dir.path().join("nope");
        let err = Reports::discover(&missing).unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        Ok(())
    }

    #[test]
    fn unreadable_documents_are_skipped_by_name_and_none_left_is_an_error() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("a.json"), "not json")?;
        fs::write(dir.path().join("b.json"), r#"{"schema_version":"2"}"#)?;
        let reports = Reports::discover(dir.path()).expect("finds files");
        let e = reports.read(0).unwrap_err();
        assert!(e.reason.starts_with("not JSON"), "{e}");
        let e = reports.read(1).unwrap_err();
        assert!(
            e.reason.contains("schema_version \"2\" is not supported"),
            "{e}"
        );
        assert!(matches!(
            reports.map(|_, d| d),
            Err(ExportError::NoReports(_))
        ));
        Ok(())
    }
}
