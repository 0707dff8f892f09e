//! Zip archives: opened once during discovery, their entries then read
//! lazily by the workers, each through its own cheap clone of the archive
//! (shared central directory, shared file handle read by position), so no
//! entry is in memory before a worker needs it and no worker re-parses the
//! central directory.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zip::ZipArchive;

/// A file handle shared between threads, each clone with its own position:
/// reads use positioned I/O (`pread`), so clones never disturb each other.
#[derive(Clone)]
pub(crate) struct SharedFile {
    file: Arc<File>,
    len: u64,
    pos: u64,
}

impl SharedFile {
    /// Wraps an open file.
    fn new(file: File) -> io::Result<SharedFile> {
        let len = file.metadata()?.len();
        Ok(SharedFile {
            file: Arc::new(file),
            len,
            pos: 0,
        })
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(&self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, from: SeekFrom) -> io::Result<u64> {
        let target = match from {
            SeekFrom::Start(offset) => Some(offset),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.pos.checked_add_signed(delta),
        };
        self.pos = target.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the file",
            )
        })?;
        Ok(self.pos)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// Opens a zip archive and reads its central directory.
pub(crate) fn open(path: &Path) -> io::Result<ZipArchive<SharedFile>> {
    let file = SharedFile::new(File::open(path)?)?;
    ZipArchive::new(file).map_err(io::Error::other)
}

/// Reads entry `index` whole (checking its CRC), refusing entries above
/// `limit` bytes whatever their header claims.
pub(crate) fn read_entry(
    archive: &ZipArchive<SharedFile>,
    index: usize,
    limit: u64,
) -> io::Result<Vec<u8>> {
    let mut archive = archive.clone();
    let entry = archive.by_index(index).map_err(io::Error::other)?;
    let declared = entry.size();
    if declared > limit {
        return Err(too_large(declared, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    entry.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// The error for an entry above the size limit.
fn too_large(len: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("entry is {len} bytes, above the limit of {limit}"),
    )
}

/// Turns a zip entry name into a relative path that cannot leave the
/// output directory: `/` and `\` both separate components; empty, `.` and
/// `..` components are dropped; `:` (drive letters, NTFS streams) and control
/// characters become `_`. Returns `None` for names that end up empty or have
/// a hidden component (`.DS_Store`, `__MACOSX/._x`), which are skipped like
/// hidden files in directories.
pub(crate) fn sanitize_entry_name(name: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for component in name.split(['/', '\\']) {
        if component.is_empty() || component == "." || component == ".." {
            continue;
        }
        if component.starts_with('.') {
            return None;
        }
        let clean: String = component
            .chars()
            .map(|c| if c == ':' || c.is_control() { '_' } else { c })
            .collect();
        path.push(clean);
    }
    (!path.as_os_str().is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Component;

    #[test]
    fn sanitised_names_stay_inside() {
        let cases = [
            ("a/b.txt", Some("a/b.txt")),
            ("../../evil.txt", Some("evil.txt")),
            ("/etc/passwd", Some("etc/passwd")),
            ("C:\\x", Some("C_/x")),
            ("a\\b\\c.txt", Some("a/b/c.txt")),
            ("a/./b/../c.txt", Some("a/b/c.txt")),
            ("x\0y", Some("x_y")),
            ("__MACOSX/._a.txt", None),
            (".hidden", None),
            ("../", None),
            ("", None),
        ];
        for (name, expected) in cases {
            let got = sanitize_entry_name(name);
            assert_eq!(got.as_deref(), expected.map(Path::new), "{name:?}");
            if let Some(path) = got {
                assert!(
                    path.components().all(|c| matches!(c, Component::Normal(_))),
                    "{name:?}"
                );
            }
        }
    }

    #[test]
    fn shared_file_clones_read_independently() -> io::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new()?;
        std::io::Write::write_all(&mut tmp, b"0123456789")?;
        let mut a = SharedFile::new(File::open(tmp.path())?)?;
        let mut b = a.clone();
        a.seek(SeekFrom::End(-3))?;
        b.seek(SeekFrom::Start(2))?;
        let mut buf = [0u8; 3];
        a.read_exact(&mut buf)?;
        assert_eq!(&buf, b"789");
        b.read_exact(&mut buf)?;
        assert_eq!(&buf, b"234");
        assert!(b.seek(SeekFrom::Current(-10)).is_err());
        Ok(())
    }
}
