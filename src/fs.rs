//! The one place that touches the file system.
//!
//! Reads refuse oversized files, strip a byte-order mark and report text that is not UTF-8 at
//! the line where it goes wrong. Writes create their parent folders and skip files whose bytes
//! are already right, so unchanged pages keep their modification time.

use crate::diagnostics::{Diagnostic, line_column};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a content file as UTF-8 text. `shown` is the path used in diagnostics.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, shown)?;
    decode_text(bytes, shown)
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`] without reading them whole.
pub fn read_bytes(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file = fs::File::open(path).map_err(|e| io_diagnostic(shown, "cannot be read", &e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(too_large(shown, len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_diagnostic(shown, "cannot be read", &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(shown, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(shown: &Path, len: u64) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!(
            "is {:.1} MB; files over {} MB are refused",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    )
    .hint("split it into smaller files, or publish it as a document instead")
}

/// Turns bytes into text: strips a UTF-8 byte-order mark, reads old Mac line ends (a lone CR)
/// as LF, and explains any other encoding.
pub fn decode_text(mut bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    let is_csv = shown
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let resave = if is_csv {
        "re-save it in Excel with File > Save As > \"CSV UTF-8 (Comma delimited)\""
    } else {
        "re-save it as UTF-8 (in Notepad: File > Save As, Encoding: UTF-8)"
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(Diagnostic::error(
            shown,
            "is an Excel workbook or other zipped file, not text",
        )
        .at(1, 1)
        .hint(resave));
    }
    // UTF-16 puts a zero byte beside every ASCII letter; with or without its byte-order mark.
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.iter().take(2).any(|&b| b == 0);
    if utf16 {
        return Err(Diagnostic::error(shown, "is saved as UTF-16, not UTF-8")
            .at(1, 1)
            .hint(resave));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let bad = bytes.get(good).copied().unwrap_or(0);
        let text = lf_line_ends(String::from_utf8_lossy(&bytes).into_owned());
        let prefix = String::from_utf8_lossy(bytes.get(..good).unwrap_or(&[])).into_owned();
        let prefix = lf_line_ends(prefix);
        let (line, column) = line_column(&prefix, prefix.len());
        Diagnostic::error(
            shown,
            format!(
                "is not UTF-8 text: line {line} has a character saved in another encoding (byte 0x{bad:02X})"
            ),
        )
        .at_source(&text, line, column, 1)
        .hint(resave)
    })
    .map(lf_line_ends)
}

/// Turns a CR that does not start a CRLF into LF. Excel for Mac writes such old Mac line ends;
/// the CSV and YAML readers take them as line ends, so messages must count them as lines too.
fn lf_line_ends(text: String) -> String {
    let bytes = text.as_bytes();
    let lone = |&(i, _): &(usize, &str)| bytes.get(i + 1) != Some(&b'\n');
    if !text.match_indices('\r').any(|m| lone(&m)) {
        // No CR, or only CRLF: nothing to change.
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, _) in text.match_indices('\r').filter(lone) {
        out.push_str(&text[from..i]);
        out.push('\n');
        from = i + 1;
    }
    out.push_str(&text[from..]);
    out
}

fn io_diagnostic(shown: &Path, what: &str, err: &io::Error) -> Diagnostic {
    Diagnostic::error(shown, format!("{what}: {err}"))
}

/// True when `path` is a plain relative path of the output, `/` separated: no empty, `.` or
/// `..` part, no backslash, colon or control character, not absolute. Every file a build
/// writes or zips passes this, whatever its origin, so nothing is ever written outside the
/// output folder or unpacked outside the folder a reader unzips into.
pub fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path
            .chars()
            .any(|c| c.is_control() || c == '\\' || c == ':')
        && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// True when `path` is a regular file or folder that does not leave `root` through a link.
pub fn stays_inside(path: &Path, root: &Path) -> bool {
    Within::new(root).holds(path)
}

/// A folder that files must not leave through links, resolved once for all of them:
/// resolving a path reads every link on the way from `/`, for the folder as for the file.
pub struct Within {
    /// The folder as given, and as resolved.
    given: PathBuf,
    root: Option<PathBuf>,
}

impl Within {
    pub fn new(root: &Path) -> Within {
        Within {
            given: root.to_path_buf(),
            root: fs::canonicalize(root).ok(),
        }
    }

    /// True when `path` is a regular file or folder that does not leave the folder through
    /// a link (see [`stays_inside`]). A path below the folder by plain names, none of them a
    /// link, stays inside; any other is resolved.
    pub fn holds(&self, path: &Path) -> bool {
        let Some(root) = &self.root else {
            return false;
        };
        if let Ok(rel) = path.strip_prefix(&self.given)
            && rel.components().all(|c| matches!(c, Component::Normal(_)))
        {
            let mut at = self.given.clone();
            let mut plain = true;
            for part in rel.components() {
                at.push(part);
                match fs::symlink_metadata(&at) {
                    Ok(meta) if !meta.file_type().is_symlink() => {}
                    Ok(_) => {
                        plain = false;
                        break;
                    }
                    Err(_) => return false,
                }
            }
            if plain {
                return true;
            }
        }
        fs::canonicalize(path).is_ok_and(|p| p.starts_with(root))
    }
}

/// Writes `bytes` to `path` unless the file already holds exactly those bytes.
/// Returns whether it wrote. Parent folders are created as needed.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if same_contents(path, bytes) {
        return Ok(false);
    }
    write_file(path, bytes)?;
    Ok(true)
}

/// Writes `bytes` to `path`, creating parent folders.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    write_in_folder(path, bytes)
}

/// Writes `bytes` to `path`, whose folder exists: one `write` of the whole file.
pub fn write_in_folder(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::File::create(path)?.write_all(bytes)
}

/// True when `path` is a file holding exactly `bytes`.
pub fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Copies a file, creating parent folders.
pub fn copy_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::copy(from, to).map(|_| ())
}

pub fn create_dir_all(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)
}

pub fn remove_dir_all_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

pub fn remove_file_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Names of the plain files directly inside `dir` (none when it cannot be read).
pub fn file_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Names of the folders directly inside `dir`.
pub fn subfolders(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// Opens (or makes) `path` and takes an exclusive lock on it, calling `waiting` once first
/// when another process holds it. The lock lasts while the returned file is open, and ends
/// with the process, however it ends. The holder removes the file before it lets go (see
/// [`unlock_file`]), so a lock taken on a file that has since been removed or replaced is
/// let go and taken again on the file now at `path`.
pub fn lock_file(path: &Path, waiting: &dyn Fn()) -> io::Result<fs::File> {
    let mut told = false;
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                if !told {
                    waiting();
                    told = true;
                }
                file.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if same_file(&file, path) {
            return Ok(file);
        }
    }
}

/// Removes the lock file `path` while its lock is still held; the lock ends when the file
/// is closed.
pub fn unlock_file(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Gives the file `from` a second name `to` (a hard link: the same bytes and modification
/// time, nothing written), or where the file system has no hard links, copies it and keeps
/// its modification time.
pub fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to)?;
    let modified = fs::metadata(from)?.modified()?;
    fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(modified)
}

/// Puts the folder `new` in the place of the folder `old`, and `old` at `new`'s path, in
/// one step where the system can (Linux's `renameat2` with `RENAME_EXCHANGE`): at no moment
/// is `old`'s path missing or half made. Elsewhere `old` is first moved aside to `aside`,
/// from where the next build puts it back if it finds its place empty.
pub fn exchange(new: &Path, old: &Path, aside: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, old, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // Not every file system can exchange (EINVAL), nor every kernel (ENOSYS).
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::rename(old, aside)?;
    fs::rename(new, old)
}

pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(from, to)
}

/// True when `path` is a symbolic link (wherever it leads).
pub fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// True when `path` is a symbolic link that leads nowhere: its target is missing, or the
/// link points back to itself through other links.
pub fn is_broken_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && fs::metadata(path).is_err()
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}

pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// A signature of everything below `dir`: each file's path, size and modification time.
/// Any edit, addition, removal or rename changes it. Links are not followed.
pub fn tree_signature(dir: &Path) -> String {
    let mut entries: Vec<(PathBuf, u64, u128)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            Some((
                e.path().strip_prefix(dir).ok()?.to_path_buf(),
                meta.len(),
                modified,
            ))
        })
        .collect();
    entries.sort();
    let mut text = String::new();
    for (path, len, modified) in entries {
        text.push_str(&format!("{}\t{len}\t{modified}\n", path.display()));
    }
    crate::hash::fingerprint(text.as_bytes())
}

/// A file's modification time in nanoseconds since 1970.
pub fn modified_nanos(path: &Path) -> Option<u128> {
    let modified = fs::metadata(path).ok()?.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

pub fn file_len(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|m| m.len())
}

/// Every regular file below `root`, as paths relative to it, sorted. Links are not followed.
pub fn files_below(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_line_feeds_and_crlf_stays() {
        for (text, want) in [
            ("", ""),
            ("a\r\nb", "a\r\nb"),
            ("\r", "\n"),
            ("a\rb\r\nc\r", "a\nb\r\nc\n"),
            ("\r\r\n\n\r", "\n\r\n\n\n"),
            ("नमस्ते\rगाउँ\r\n", "नमस्ते\nगाउँ\r\n"),
        ] {
            assert_eq!(lf_line_ends(text.to_string()), want, "{text:?}");
        }
    }

    #[test]
    fn only_plain_relative_paths_are_written() {
        for good in [
            "index.html",
            "documents/a b.pdf",
            "en/data/budget.csv",
            ".khula-build.json",
        ] {
            assert!(is_plain_relative(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a/.",
            "a\\..\\b",
            "C:x",
            "a\u{0}b",
            "a/",
        ] {
            assert!(!is_plain_relative(bad), "{bad}");
        }
    }

    #[test]
    fn two_folders_are_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (new, old, aside) = (
            dir.path().join("new"),
            dir.path().join("old"),
            dir.path().join("aside"),
        );
        for (d, f) in [(&new, "n"), (&old, "o")] {
            fs::create_dir_all(d).unwrap();
            fs::write(d.join(f), f).unwrap();
        }
        exchange(&new, &old, &aside).unwrap();
        assert!(old.join("n").is_file() && !old.join("o").exists());
        #[cfg(target_os = "linux")]
        assert!(
            new.join("o").is_file() && !aside.exists(),
            "exchanged, not moved aside"
        );
    }

    #[test]
    fn bom_is_stripped() {
        let text = decode_text(b"\xEF\xBB\xBFa,b\r\n".to_vec(), Path::new("x.csv")).unwrap();
        assert_eq!(text, "a,b\r\n");
    }

    #[test]
    fn latin1_is_reported_at_its_line_and_column() {
        let err = decode_text(b"a,b\nca\xE9,1\n".to_vec(), Path::new("x.csv")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("not UTF-8"));
        assert!(err.hint.unwrap().contains("CSV UTF-8"));
    }

    #[test]
    fn old_mac_line_ends_count_as_lines() {
        let text = decode_text(b"a,b\r1,2\r\n3,4\r".to_vec(), Path::new("x.csv")).unwrap();
        assert_eq!(text, "a,b\n1,2\r\n3,4\n");
        let err = decode_text(b"a,b\r1,2\rca\xE9\r".to_vec(), Path::new("x.csv")).unwrap_err();
        assert_eq!((err.line, err.column), (3, 3));
    }

    #[test]
    fn utf16_is_named() {
        let err = decode_text(b"\xFF\xFEa\0".to_vec(), Path::new("x.csv")).unwrap_err();
        assert!(err.message.contains("UTF-16"));
    }

    #[test]
    fn write_if_changed_keeps_identical_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.html");
        assert!(write_if_changed(&path, b"x").unwrap());
        assert!(!write_if_changed(&path, b"x").unwrap());
        assert!(write_if_changed(&path, b"y").unwrap());
    }
}
