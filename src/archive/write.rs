//! Atomic file writes: content goes to a temporary file in the target's own
//! directory and is renamed over the target, so a reader (or a run killed at
//! any instant) sees the old file or the new one, never a half-written one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating parent directories. Data is
/// not fsynced: this protects against crashes of the process, not of the
/// machine, which keeps per-report writes cheap.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, false, |file| file.write_all(bytes))
}

/// As [`write_atomic`], but fsyncs the content before the rename, for the
/// one file (the manifest) whose loss would cost a whole run's bookkeeping.
pub(super) fn write_atomic_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, true, |file| file.write_all(bytes))
}

/// As [`write_atomic`], for output too large to build in memory first:
/// `fill` streams it into the (buffered) temporary file, and only a `fill`
/// that succeeds puts the file in place.
pub(crate) fn write_atomic_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_with(path, false, |file| {
        let mut out = io::BufWriter::new(file);
        fill(&mut out)?;
        out.flush()
    })
}

fn write_with(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let temp = temp_path(path);
    let result = File::create(&temp)
        .and_then(|mut file| {
            fill(&mut file)?;
            if sync {
                file.sync_all()?;
            }
            Ok(())
        })
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: the temporary file is hidden and overwritten by the
        // next attempt anyway.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The temporary file for `path`: hidden, in the same directory (so the
/// rename stays on one file system), and fixed per target, so a crash
/// leaves at most one per output and the next write of it reuses it.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".tmp");
    path.with_file_name(name)
}

/// Removes the temporary file a killed run may have left for `path`.
pub(super) fn remove_stale_temp(path: &Path) {
    // Best effort: a leftover temporary file is hidden and harmless.
    let _ = fs::remove_file(temp_path(path));
}

/// Removes `path` if it exists.
pub(super) fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a/b/c.json");
        write_atomic(&path, b"one")?;
        write_atomic_synced(&path, b"two")?;
        assert_eq!(fs::read(&path)?, b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("a/b"))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        assert_eq!(names, ["c.json"]);
        remove_if_exists(&path)?;
        remove_if_exists(&path)?;
        assert!(!path.exists());
        Ok(())
    }
}
