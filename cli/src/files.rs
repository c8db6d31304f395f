//! Reading inputs and writing outputs. Every file is written atomically: to a temporary
//! file in the same directory, flushed to disk, then renamed over the target, and the
//! directory entry flushed too; a crash leaves the old file or the new one, never half
//! of one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;
use tamat::sheets::Sheet;
use tamat::{Course, Mark};

use crate::fail::Failure;

/// Reads a file's bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    fs::read(path).map_err(|e| Failure::io(path, e))
}

/// Reads a JSON document of type `T`, with the core's coded errors.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    Ok(tamat::json::read(&text)?)
}

/// Reads an open document (a credential, a status list) with each key once per object:
/// a key twice is refused (`request.invalid_json`), never read as one of its values.
pub fn read_document(path: &Path) -> Result<serde_json::Value, Failure> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    Ok(tamat::json::read_document(&text)?)
}

/// Attendance from a CSV sheet (by extension, or when the text does not start like
/// JSON) or a JSON list of marks. The sheet is returned too, for line numbers.
/// Where the marks an error names came from: a sheet read into marks, or one streamed
/// into the grid.
pub enum Places {
    Sheet(Sheet),
    Streamed(tamat::sheets::MarkSources),
}

impl Places {
    pub fn source_of(&self, e: &tamat::TamatError) -> Option<&tamat::sheets::Source> {
        match self {
            Places::Sheet(s) => s.source_of(e),
            Places::Streamed(s) => s.source_of(e),
        }
    }
}

/// The first `n` bytes of a file (fewer if it is shorter).
pub fn head(path: &Path, n: usize) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(n);
    fs::File::open(path)
        .and_then(|f| f.take(n as u64).read_to_end(&mut buf))
        .map_err(|e| Failure::io(path, e))?;
    Ok(buf)
}

/// Whether a file's bytes are JSON marks (a list, after an optional byte-order mark).
pub fn looks_like_json(bytes: &[u8]) -> bool {
    bytes
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start()
        .starts_with(b"[")
}

pub fn read_attendance(
    path: &Path,
    course: &Course,
    worksheet: Option<&str>,
) -> Result<(Vec<Mark>, Option<Sheet>), Failure> {
    let bytes = read(path)?;
    let is_sheet = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"))
        || !bytes
            .strip_prefix(b"\xef\xbb\xbf".as_slice())
            .unwrap_or(&bytes)
            .trim_ascii_start()
            .starts_with(b"[");
    if is_sheet || worksheet.is_some() {
        let sheet = tamat::sheets::read_attendance(&bytes, course, worksheet)?;
        return Ok((sheet.attendance.clone(), Some(sheet)));
    }
    let text = String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    Ok((tamat::json::read(&text)?, None))
}

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename, fsync of the
/// directory).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per process and write: runs at the same time in one folder never share a
    // temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        pause_point(&format!("before-rename:{name}"));
        fs::rename(&tmp, path)?;
        // The rename is durable only once the directory is.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| Failure::io(path, e))
}

/// Writes a value as pretty JSON, atomically.
pub fn write_json(path: &Path, value: &impl Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure::io(path, e))?;
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// Removes temporary files a killed run left in `dir` (`.<name>.tmp-<pid>-<n>`): only
/// those of processes that no longer run, never another live run's.
pub fn remove_stale_temporaries(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some((_, tail)) = name.rsplit_once(".tmp-") else {
                continue;
            };
            if !name.starts_with('.') {
                continue;
            }
            let pid = tail.split('-').next().and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| p != std::process::id() && !process_runs(p)) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Whether a process runs (Linux: its `/proc` entry). Where that cannot be told, it is
/// assumed to run, so nothing of it is removed.
fn process_runs(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return true;
    }
    proc_root.join(pid.to_string()).exists()
}

/// An exclusive lock on an output folder (`<dir>/.tamat.lock`), held while the files
/// that several runs share (status lists, `issuer.json`, a JSON register) are written.
pub struct FolderLock {
    /// Held open: the lock lasts as long as the file handle.
    _file: File,
}

impl FolderLock {
    /// Waits for the lock of `dir`.
    pub fn take(dir: &Path) -> Result<FolderLock, Failure> {
        FolderLock::on(&dir.join(".tamat.lock"))
    }

    /// Waits for the lock of one file (a lock file beside it).
    pub fn on(path: &Path) -> Result<FolderLock, Failure> {
        let f = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| Failure::io(path, e))?;
        f.lock().map_err(|e| Failure::io(path, e))?;
        Ok(FolderLock { _file: f })
    }
}

/// For the crash tests: when `TAMAT_PAUSE_AT` names this point, say so on stderr and
/// wait to be killed. Never set in normal use.
pub fn pause_point(point: &str) {
    if std::env::var("TAMAT_PAUSE_AT").is_ok_and(|p| p == point) {
        eprintln!("tamat: paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}
