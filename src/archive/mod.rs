//! The `archive` stage: runs one report processor over a whole archive —
//! any mix of files, directory trees and `.zip` archives — on every core,
//! with progress, per-report isolation, crash-safe outputs and resume.
//!
//! It does not know the grammar: the per-report work is a closure
//! (`Fn(&Input) -> Result<Processed, String>`), so this stage is tested on its
//! own and the CLI wires it to the real extractor.
//!
//! # Where outputs go
//!
//! Every report becomes one JSON file under the output directory `OUT`,
//! named after the input's path relative to what was given, plus `.json`:
//!
//! - a directory `ROOT` given as input: `ROOT/sub/a.txt` -> `OUT/sub/a.txt.json`
//!   (the walk is recursive, in byte order of names; hidden files and
//!   directories, those whose name starts with `.`, are skipped, and so is
//!   `OUT` itself; symbolic links are followed, each directory is visited once,
//!   so link loops end);
//! - a file given directly: `OUT/<file name>.json`;
//! - an entry of a zip archive `x.zip` (a file named `*.zip`, or a file given
//!   directly that starts with the zip magic `PK\x03\x04` and is no office
//!   document): `x.zip!/a/b.txt` -> `OUT/x.zip/a/b.txt.json`; a zip found in
//!   `ROOT/sub/` goes to `OUT/sub/x.zip/...`. Entry names are sanitised: `/`
//!   and `\` both separate components, empty, `.` and `..` components and
//!   drive prefixes' colons are dropped or replaced (`:` becomes `_`), so no
//!   entry can write outside `OUT` (`../../evil.txt` -> `OUT/x.zip/evil.txt.json`,
//!   `C:\x` -> `OUT/x.zip/C_/x.json`). Directory, symlink and hidden entries
//!   are skipped; zips inside zips are processed as ordinary reports.
//!
//! When two inputs map to the same output, the first in input order wins
//! and the others are recorded as errors naming the winner.
//!
//! # Manifest, resume and crash safety
//!
//! `OUT/manifest.jsonl` holds one JSON line per report: `input`, `entry` (zip
//! entry or null), `sha256`, `status` (`ok`, `error`, `skipped`), `error`,
//! `tables`, `rows`, `warnings`, `elapsed_ms`, `output` (relative to `OUT`)
//! and `fingerprint`. Each output is written to a temporary file in its own
//! directory and renamed into place; only then is its manifest line appended
//! with one write. A rerun skips a report when the last manifest line for its
//! output says `ok`/`skipped` with the same input sha256 and fingerprint and
//! the output file exists; anything else (no line, a torn line, another
//! fingerprint, a failed report) is redone. At the end of a run the manifest
//! is rewritten atomically, one line per report, sorted by output path, so
//! its content does not depend on the thread count (only `elapsed_ms` varies).
//! Lines of reports not in this run are kept, as their outputs are still in
//! `OUT`. One run at a time may use an output directory (a lock file,
//! `OUT/.reportmine.lock`, enforces it).
//!
//! # Memory
//!
//! Discovery keeps only paths and zip entry indices; each worker reads one
//! report into memory, processes and writes it, then drops it. Zip entries
//! are read lazily by the worker through a shared, positioned file handle.
//! So memory is bounded by `jobs` x the largest report, plus a few hundred
//! bytes of bookkeeping per report. Reports above 1 GiB are refused as errors.

mod discover;
mod manifest;
mod progress;
pub(crate) mod write;
mod zipped;

use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io::{self, IsTerminal};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use discover::{Job, JobKind, Source};
use manifest::{Journal, Record, Status};
use progress::Progress;

/// Name of the manifest inside the output directory, so the CLI and tests
/// can find it without repeating the literal.
pub const MANIFEST_FILE: &str = "manifest.jsonl";

/// Exit code for usage-level errors (see [`ArchiveError::exit_code`]); the
/// CLI returns it so scripts can tell "you called me wrong" from "some
/// reports failed".
pub const EXIT_USAGE: i32 = 2;

/// Largest report read into memory; above it the report is an error, so a
/// zip bomb or a stray disk image cannot exhaust memory.
const MAX_REPORT_BYTES: u64 = 1 << 30;

/// One input report, read into memory, handed to the processor. The
/// processor sees bytes, not files, so it works the same for files and zip
/// entries.
#[derive(Debug)]
pub struct Input {
    /// Human-readable origin for messages: `dir/a.txt` or `x.zip!/a/b.txt`.
    pub display: String,
    /// Sanitised path of the input relative to the output directory
    /// (`sub/a.txt`, `x.zip/a/b.txt`); the output is this plus `.json`. It does
    /// not depend on how the input path was spelled, so a processor that
    /// records it keeps its output byte-identical across runs.
    pub rel_path: PathBuf,
    /// The report's whole content.
    pub bytes: Vec<u8>,
    /// Lower-case hex SHA-256 of `bytes`, for provenance and resume.
    pub sha256: String,
}

/// What the processor returns for one report: the JSON document to write
/// and the counts that feed the manifest and the summary.
#[derive(Debug)]
pub struct Processed {
    /// The complete output document, written as-is.
    pub json: Vec<u8>,
    /// Number of tables extracted.
    pub tables: usize,
    /// Number of rows extracted.
    pub rows: usize,
    /// Number of warnings raised.
    pub warnings: usize,
}

/// How to run a batch; everything the CLI flags decide.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Output directory (created if missing).
    pub out_dir: PathBuf,
    /// Worker threads; `None` (or 0) uses all cores. A local pool is built,
    /// the global rayon pool is left alone.
    pub jobs: Option<usize>,
    /// Redo every report even when its output is up to date.
    pub force: bool,
    /// No progress bar and no summary line on stderr.
    pub quiet: bool,
    /// Extractor version + grammar hash (+ output layout): outputs made
    /// with another fingerprint are redone.
    pub fingerprint: String,
}

/// Totals of one run, for the summary line and the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Reports processed and written in this run.
    pub ok: usize,
    /// Reports that failed (processor error or panic, unreadable input).
    pub failed: usize,
    /// Reports whose output was already up to date.
    pub skipped: usize,
    /// Tables extracted by this run (skipped reports are not counted).
    pub tables: usize,
    /// Rows extracted by this run.
    pub rows: usize,
    /// Warnings raised by this run.
    pub warnings: usize,
    /// Wall-clock time of the whole run.
    pub elapsed: Duration,
}

impl Summary {
    /// Process exit code the CLI should return: 0 when every report is ok or
    /// skipped, 1 when some failed.
    pub fn exit_code(&self) -> i32 {
        if self.failed == 0 {
            0
        } else {
            1
        }
    }

    /// Counts this run's records; `elapsed` is left for the caller.
    fn tally(records: &[Record]) -> Summary {
        let mut summary = Summary::default();
        for record in records {
            match record.status {
                Status::Ok => {
                    summary.ok += 1;
                    summary.tables += record.tables;
                    summary.rows += record.rows;
                    summary.warnings += record.warnings;
                }
                Status::Error => summary.failed += 1,
                Status::Skipped => summary.skipped += 1,
            }
        }
        summary
    }
}

/// The one-line summary printed at the end of a run.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ok, {} failed, {} skipped; {} tables, {} rows, {} warnings; {:.1}s",
            self.ok,
            self.failed,
            self.skipped,
            self.tables,
            self.rows,
            self.warnings,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Usage-level failures that stop a run before or outside any report; a bad
/// report is never one of these.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// An input path given by the user cannot be opened (e.g. it does not exist).
    #[error("input {}: {source}", path.display())]
    Input {
        /// The path as given.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// The inputs hold no report at all.
    #[error("no input reports found")]
    NoInputs,
    /// The output directory cannot be created or written.
    #[error("output directory {}: {source}", path.display())]
    OutDir {
        /// The output directory.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// Another run holds the output directory's lock.
    #[error("output directory {} is in use by another reportmine run", .0.display())]
    Busy(PathBuf),
    /// The manifest cannot be read or rewritten.
    #[error("manifest {}: {source}", path.display())]
    Manifest {
        /// The manifest path.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// The worker pool cannot be built.
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

impl ArchiveError {
    /// Process exit code for this error: always [`EXIT_USAGE`].
    pub fn exit_code(&self) -> i32 {
        EXIT_USAGE
    }
}

/// Runs `process` over every report found in `inputs`, writing
/// `OUT/<rel>.json` per report and `OUT/manifest.jsonl` (see the module
/// documentation for naming, resume and crash safety). Per-report failures,
/// panics included, are recorded and counted, never returned: only
/// usage-level problems are `Err`.
pub fn run(
    inputs: &[PathBuf],
    opts: &RunOptions,
    process: impl Fn(&Input) -> Result<Processed, String> + Sync,
) -> Result<Summary, ArchiveError> {
    let started = Instant::now();
    let out_dir_error = |source| ArchiveError::OutDir {
        path: opts.out_dir.clone(),
        source,
    };
    fs::create_dir_all(&opts.out_dir).map_err(out_dir_error)?;
    let out_canonical = fs::canonicalize(&opts.out_dir).map_err(out_dir_error)?;
    let _lock = lock_out_dir(&opts.out_dir)?;

    let jobs = discover::discover(inputs, &out_canonical)?;
    if jobs.is_empty() {
        return Err(ArchiveError::NoInputs);
    }

    let manifest_path = opts.out_dir.join(MANIFEST_FILE);
    let manifest_error = |source| ArchiveError::Manifest {
        path: manifest_path.clone(),
        source,
    };
    let previous = manifest::load(&manifest_path).map_err(manifest_error)?;
    let resume = if opts.force {
        HashMap::new()
    } else {
        manifest::latest_by_output(&previous)
    };
    let journal = Journal::open(&manifest_path).map_err(manifest_error)?;
    let progress = Progress::new(jobs.len(), !opts.quiet && io::stderr().is_terminal());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()?;

    let worker = Worker {
        opts,
        resume: &resume,
        journal: &journal,
        progress: &progress,
        process: &process,
    };
    let records: Vec<Record> =
        pool.install(|| jobs.par_iter().map(|job| worker.handle(job)).collect());
    progress.finish();

    let mut summary = Summary::tally(&records);
    manifest::rewrite(&manifest_path, manifest::merge(previous, records))
        .map_err(manifest_error)?;
    summary.elapsed = started.elapsed();
    if !opts.quiet {
        eprintln!("reportmine: {summary}");
    }
    Ok(summary)
}

/// Takes the advisory lock that keeps two runs from interleaving their
/// writes in one output directory; released when the file is dropped, also
/// when the process is killed.
fn lock_out_dir(out_dir: &Path) -> Result<File, ArchiveError> {
    let path = out_dir.join(".reportmine.lock");
    let file = File::create(&path).map_err(|source| ArchiveError::OutDir {
        path: out_dir.to_path_buf(),
        source,
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(ArchiveError::Busy(out_dir.to_path_buf())),
        Err(TryLockError::Error(source)) => Err(ArchiveError::OutDir {
            path: out_dir.to_path_buf(),
            source,
        }),
    }
}

/// Everything one report's handling needs, shared by the worker threads.
struct Worker<'a, P> {
    opts: &'a RunOptions,
    resume: &'a HashMap<String, &'a Record>,
    journal: &'a Journal,
    progress: &'a Progress,
    process: &'a P,
}

impl<P> Worker<'_, P>
where
    P: Fn(&Input) -> Result<Processed, String> + Sync,
{
    /// Handles one report end to end and returns its manifest record, after
    /// appending it to the journal.
    fn handle(&self, job: &Job) -> Record {
        let started = Instant::now();
        let mut record = Record::new(
            job.input.clone(),
            job.entry.clone(),
            job.rel().map(output_rel),
            self.opts.fingerprint.clone(),
        );
        let bytes_read = match self.outcome(job, &mut record) {
            Ok(bytes_read) => bytes_read,
            Err((bytes_read, message)) => {
                record.status = Status::Error;
                record.error = Some(message);
                bytes_read
            }
        };
        record.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        // A failed append only costs redoing this report after a crash: the
        // manifest rewritten at the end of the run is the authoritative one.
        let _ = self.journal.append(&record);
        self.progress
            .report_done(bytes_read, record.status == Status::Error);
        record
    }

    /// Reads, skips or processes one report, filling `record`; returns the
    /// number of input bytes read, or those and an error message. A report
    /// that fails leaves no output: one from an earlier run would contradict
    /// the manifest's `error`.
    fn outcome(&self, job: &Job, record: &mut Record) -> Result<u64, (u64, String)> {
        let (rel, source) = match &job.kind {
            JobKind::Broken(message) => return Err((0, message.clone())),
            JobKind::Report { rel, source } => (rel, source),
        };
        let mut output = self.opts.out_dir.join(rel).into_os_string();
        output.push(".json");
        let output = PathBuf::from(output);
        let result = self.produce(job, rel, source, &output, record);
        if let Err((bytes_read, message)) = result {
            return Err(match write::remove_if_exists(&output) {
                Ok(()) => (bytes_read, message),
                Err(e) => (
                    bytes_read,
                    format!("{message}; cannot remove stale output: {e}"),
                ),
            });
        }
        result
    }

    /// The part of [`Worker::outcome`] that may fail: read, hash, skip if up
    /// to date, else process (catching panics) and write `output`.
    fn produce(
        &self,
        job: &Job,
        rel: &Path,
        source: &Source,
        output: &Path,
        record: &mut Record,
    ) -> Result<u64, (u64, String)> {
        let bytes = match source {
            Source::File(path) => read_file(path),
            Source::ZipEntry(archive, index) => {
                zipped::read_entry(archive, *index, MAX_REPORT_BYTES)
            }
        }
        .map_err(|e| (0, format!("cannot read input: {e}")))?;
        let bytes_read = bytes.len() as u64;
        let sha256 = crate::source::sha256_hex(&bytes);
        record.sha256 = Some(sha256.clone());

        let previous = record
            .output
            .as_ref()
            .and_then(|name| self.resume.get(name));
        if let Some(previous) = previous {
            if previous.is_up_to_date(&sha256, &self.opts.fingerprint) && output.is_file() {
                record.status = Status::Skipped;
                record.tables = previous.tables;
                record.rows = previous.rows;
                record.warnings = previous.warnings;
                write::remove_stale_temp(output);
                return Ok(bytes_read);
            }
        }

        let input = Input {
            display: job.display(),
            rel_path: rel.to_path_buf(),
            bytes,
            sha256,
        };
        let processed = panic::catch_unwind(AssertUnwindSafe(|| (self.process)(&input)))
            .unwrap_or_else(|payload| {
                Err(format!("processor panicked: {}", panic_message(&*payload)))
            })
            .map_err(|message| (bytes_read, message))?;
        drop(input);
        write::write_atomic(output, &processed.json).map_err(|e| {
            (
                bytes_read,
                format!("cannot write {}: {e}", output.display()),
            )
        })?;
        record.status = Status::Ok;
        record.tables = processed.tables;
        record.rows = processed.rows;
        record.warnings = processed.warnings;
        Ok(bytes_read)
    }
}

/// The manifest's name for a report's output: its relative input path plus
/// `.json`, with `/` separators on every platform.
fn output_rel(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{}.json", parts.join("/"))
}

/// Reads a whole file, refusing files above the report size limit.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_REPORT_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_REPORT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a report above [`MAX_REPORT_BYTES`].
fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("report is {len} bytes, above the limit of {MAX_REPORT_BYTES}"),
    )
}

/// The text of a caught panic, for the manifest.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "non-text panic payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_use_forward_slashes_and_json_suffix() {
        assert_eq!(output_rel(Path::new("x.zip/a/b.txt")), "x.zip/a/b.txt.json");
        assert_eq!(output_rel(Path::new("a.txt")), "a.txt.json");
    }

    #[test]
    fn panic_messages_are_extracted() {
        let caught = panic::catch_unwind(|| panic!("boom {}", 1)).err();
        let message = caught.as_deref().map(panic_message);
        assert_eq!(message.as_deref(), Some("boom 1"));
    }

    #[test]
    fn exit_codes() {
        let mut summary = Summary::default();
        assert_eq!(summary.exit_code(), 0);
        summary.failed = 1;
        assert_eq!(summary.exit_code(), 1);
        assert_eq!(ArchiveError::NoInputs.exit_code(), EXIT_USAGE);
    }
}
