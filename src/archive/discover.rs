//! Discovery: turns the user's input paths into the ordered list of reports
//! to process. Only paths and zip entry indices are kept, never content, so
//! the list stays small however large the archive is. The order is
//! deterministic (inputs as given, directory entries in byte order of their
//! names, zip entries in central-directory order), which makes collision
//! handling and the final manifest independent of the thread count.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zip::ZipArchive;

use super::zipped::{self, SharedFile};
use super::ArchiveError;

/// One report to process, or an input that failed before it could be read
/// (which becomes an error line of its own).
pub(super) struct Job {
    /// The input path as found: the given path, joined with the walk below it.
    pub input: String,
    /// The zip entry name as stored, for entries of a zip archive.
    pub entry: Option<String>,
    /// What to do.
    pub kind: JobKind,
}

/// Whether a job can be read, and from where.
pub(super) enum JobKind {
    /// A report, with its sanitised path relative to the output directory.
    Report { rel: PathBuf, source: Source },
    /// An input that fails as a whole, without an output of its own: an
    /// unreadable directory, a corrupt zip, or a report whose output path
    /// another report already claims (the output belongs to that one).
    Broken(String),
}

/// Where a report's bytes live.
pub(super) enum Source {
    /// A plain file.
    File(PathBuf),
    /// Entry `index` of an opened zip archive, shared by all its entries.
    ZipEntry(Arc<ZipArchive<SharedFile>>, usize),
}

impl Job {
    /// The sanitised output-relative path of the input, if it has an output.
    pub fn rel(&self) -> Option<&Path> {
        match &self.kind {
            JobKind::Report { rel, .. } => Some(rel),
            JobKind::Broken(_) => None,
        }
    }

    /// `dir/a.txt` or `x.zip!/a/b.txt`, for messages.
    pub fn display(&self) -> String {
        match &self.entry {
            Some(entry) => format!("{}!/{}", self.input, entry),
            None => self.input.clone(),
        }
    }
}

/// Extensions of zip-based document formats: such a file starts with the zip
/// magic but is one report, not an archive of reports.
const ZIP_BASED_DOCUMENTS: [&str; 8] = ["docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar"];

/// Lists every report under `inputs`, skipping `out_dir` (canonical path).
/// A path that cannot be opened at all is a usage error naming it.
pub(super) fn discover(inputs: &[PathBuf], out_dir: &Path) -> Result<Vec<Job>, ArchiveError> {
    let mut walk = Walk {
        out_dir,
        visited: HashSet::new(),
        jobs: Vec::new(),
    };
    for input in inputs {
        let metadata = fs::metadata(input).map_err(|source| ArchiveError::Input {
            path: input.clone(),
            source,
        })?;
        if metadata.is_dir() {
            walk.directory(input, Path::new(""));
        } else {
            let name = input
                .file_name()
                .map_or_else(|| PathBuf::from("input"), PathBuf::from);
            if is_zip_name(input) || (starts_with_zip_magic(input) && !is_zip_based_document(input))
            {
                walk.zip(input, name);
            } else {
                walk.file(input, name);
            }
        }
    }
    Ok(resolve_collisions(walk.jobs))
}

/// State of one discovery pass.
struct Walk<'a> {
    out_dir: &'a Path,
    /// Canonical paths of the directories already walked: breaks symlink loops.
    visited: HashSet<PathBuf>,
    jobs: Vec<Job>,
}

impl Walk<'_> {
    /// Walks `dir`, whose outputs go under `rel`.
    fn directory(&mut self, dir: &Path, rel: &Path) {
        let canonical = match fs::canonicalize(dir) {
            Ok(canonical) => canonical,
            Err(e) => return self.broken(dir, "cannot resolve directory", e),
        };
        if canonical == self.out_dir || !self.visited.insert(canonical) {
            return;
        }
        let mut names = match read_names(dir) {
            Ok(names) => names,
            Err(e) => return self.broken(dir, "cannot list directory", e),
        };
        names.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        for name in names {
            if is_hidden(&name) {
                continue;
            }
            let path = dir.join(&name);
            let rel = rel.join(&name);
            // A dangling link or an unreadable entry falls through to `file`
            // and fails when read, as an error of that report.
            if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                self.directory(&path, &rel);
            } else if is_zip_name(&path) {
                self.zip(&path, rel);
            } else {
                self.file(&path, rel);
            }
        }
    }

    /// Adds a plain file.
    fn file(&mut self, path: &Path, rel: PathBuf) {
        self.jobs.push(Job {
            input: path.display().to_string(),
            entry: None,
            kind: JobKind::Report {
                rel,
                source: Source::File(path.to_path_buf()),
            },
        });
    }

    /// Adds every file entry of the zip archive at `path`, whose outputs go
    /// under `rel`; a zip that cannot be opened is one broken job.
    fn zip(&mut self, path: &Path, rel: PathBuf) {
        let archive = match zipped::open(path) {
            Ok(archive) => Arc::new(archive),
            Err(e) => return self.broken(path, "cannot open zip archive", e),
        };
        for index in 0..archive.len() {
            let entry = match archive.by_index_data(index) {
                Ok(entry) => entry,
                Err(e) => {
                    let message = format!("zip entry #{index}: {e}");
                    self.jobs.push(broken_job(path, message));
                    continue;
                }
            };
            let name = match entry.name() {
                Ok(name) => name.into_owned(),
                Err(e) => {
                    let message = format!("zip entry #{index} has an unreadable name: {e}");
                    self.jobs.push(broken_job(path, message));
                    continue;
                }
            };
            if entry.is_dir() || entry.is_symlink() {
                continue;
            }
            if let Some(entry_rel) = zipped::sanitize_entry_name(&name) {
                self.jobs.push(Job {
                    input: path.display().to_string(),
                    entry: Some(name),
                    kind: JobKind::Report {
                        rel: rel.join(entry_rel),
                        source: Source::ZipEntry(Arc::clone(&archive), index),
                    },
                });
            }
        }
    }

    /// Records an input that failed as a whole.
    fn broken(&mut self, path: &Path, what: &str, error: impl std::fmt::Display) {
        self.jobs.push(broken_job(path, format!("{what}: {error}")));
    }
}

/// A job that fails with `message` and writes no output.
fn broken_job(path: &Path, message: String) -> Job {
    Job {
        input: path.display().to_string(),
        entry: None,
        kind: JobKind::Broken(message),
    }
}

/// The names in a directory.
fn read_names(dir: &Path) -> io::Result<Vec<std::ffi::OsString>> {
    fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect()
}

/// Hidden by the Unix convention: the name starts with a dot.
fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Named `*.zip`, in any case.
fn is_zip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("zip"))
}

/// Named like a zip-based document format (`.docx`, ...).
fn is_zip_based_document(path: &Path) -> bool {
    path.extension().is_some_and(|ext| {
        ZIP_BASED_DOCUMENTS
            .iter()
            .any(|known| ext.eq_ignore_ascii_case(known))
    })
}

/// Starts with the zip local-file-header magic `PK\x03\x04`; unreadable
/// files are not zips (they fail later, as reports).
fn starts_with_zip_magic(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .is_ok_and(|()| magic == *b"PK\x03\x04")
}

/// Gives each output path to the first job that maps to it; later ones
/// become errors naming the winner, so no two workers write one file.
fn resolve_collisions(jobs: Vec<Job>) -> Vec<Job> {
    let mut owners: HashMap<PathBuf, String> = HashMap::new();
    jobs.into_iter()
        .map(|job| {
            let JobKind::Report { rel, .. } = &job.kind else {
                return job;
            };
            match owners.get(rel) {
                None => {
                    owners.insert(rel.clone(), job.display());
                    job
                }
                Some(owner) => {
                    let message = format!("output path collides with that of {owner}");
                    Job {
                        kind: JobKind::Broken(message),
                        ..job
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rels(jobs: &[Job]) -> Vec<String> {
        jobs.iter()
            .map(|job| match &job.kind {
                JobKind::Report { rel, .. } => rel.display().to_string(),
                JobKind::Broken(message) => format!("broken: {message}"),
            })
            .collect()
    }

    #[test]
    fn walks_in_byte_order_skipping_hidden_and_out_dir() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for path in [
            "b.txt",
            "a/z.txt",
            "a/b.txt",
            ".hidden.txt",
            ".git/x.txt",
            "B.txt",
        ] {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, "x")?;
        }
        fs::create_dir_all(root.join("out"))?;
        fs::write(root.join("out/old.json"), "{}")?;
        let out = fs::canonicalize(root.join("out"))?;
        let jobs = discover(&[root.to_path_buf()], &out).map_err(io::Error::other)?;
        assert_eq!(rels(&jobs), ["B.txt", "a/b.txt", "a/z.txt", "b.txt"]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("a"))?;
        fs::write(root.join("a/r.txt"), "x")?;
        std::os::unix::fs::symlink("..", root.join("a/up"))?;
        let jobs =
            discover(&[root.to_path_buf()], Path::new("/nonexistent")).map_err(io::Error::other)?;
        assert_eq!(rels(&jobs), ["a/r.txt"]);
        Ok(())
    }

    #[test]
    fn missing_input_names_the_path() {
        let missing = PathBuf::from("/no/such/reportmine/input");
        let error = discover(&[missing], Path::new("/nonexistent"))
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("/no/such/reportmine/input")));
    }

    #[test]
    fn collisions_keep_the_first_owner() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        for name in ["one", "two"] {
            fs::create_dir_all(dir.path().join(name))?;
            fs::write(dir.path().join(name).join("a.txt"), name)?;
        }
        let inputs = [dir.path().join("one"), dir.path().join("two")];
        let jobs = discover(&inputs, Path::new("/nonexistent")).map_err(io::Error::other)?;
        let rels = rels(&jobs);
        assert_eq!(rels[0], "a.txt");
        assert!(rels[1].starts_with("broken: output path collides with that of"));
        assert!(rels[1].ends_with("one/a.txt"));
        Ok(())
    }
}
