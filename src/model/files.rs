//! Files a council links to (`documents/…`, `media/…`): checked to stay inside the council
//! folder, then copied into the portal. Nothing outside the content folder is ever read.

use crate::diagnostics::Diagnostic;
use crate::fs;
use std::path::{Component, Path};

/// Where a document link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A web address (http or https).
    Url(String),
    /// A file inside the council folder, by its path relative to the folder (`/` separated).
    File { path: String, bytes: u64 },
}

/// Checks a link written in a content file. `shown` names the council folder in messages.
/// Returns the problem as (message, hint) so the caller can place it at the cell.
pub fn check_link(value: &str, council_dir: &Path) -> Result<Target, (String, String)> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(Target::Url(value.to_string()));
    }
    if lower.contains(':') && !lower.starts_with("documents/") && !lower.starts_with("media/") {
        return Err((
            format!("\"{value}\" is not a web address or a file in the council folder"),
            "write a path like documents/annual-programme.pdf, or an address starting with https://".into(),
        ));
    }
    let path = Path::new(value);
    if path.is_absolute() || value.starts_with('/') || value.starts_with('\\') {
        return Err((
            format!("\"{value}\" is an absolute path"),
            "write the path from the council folder, e.g. documents/annual-programme.pdf".into(),
        ));
    }
    if path.components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::Prefix(_) | Component::RootDir
        )
    }) {
        return Err((
            format!("\"{value}\" leaves the council folder"),
            "put the file in the council's documents/ folder and write documents/<file>".into(),
        ));
    }
    let full = council_dir.join(path);
    if !full.is_file() {
        return Err((
            format!("file {value} does not exist"),
            "check the spelling, or copy the file into the council folder".into(),
        ));
    }
    if !fs::stays_inside(&full, council_dir) {
        return Err((
            format!("\"{value}\" is a link to a file outside the council folder"),
            "copy the file into the council folder instead of linking to it".into(),
        ));
    }
    let bytes = fs::file_len(&full).unwrap_or(0);
    if bytes > fs::MAX_FILE_BYTES {
        return Err((
            format!(
                "{value} is {:.1} MB; files over {} MB are refused",
                bytes as f64 / 1_048_576.0,
                fs::MAX_FILE_BYTES / 1_048_576
            ),
            "publish a smaller, compressed copy".into(),
        ));
    }
    Ok(Target::File {
        path: value.replace('\\', "/"),
        bytes,
    })
}

/// Reads a checked file for copying into the portal.
pub fn read(council_dir: &Path, shown_dir: &Path, rel: &str) -> Result<Vec<u8>, Diagnostic> {
    fs::read_bytes(&council_dir.join(rel), &shown_dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("documents")).unwrap();
        std::fs::write(dir.path().join("documents/a.pdf"), b"%PDF").unwrap();
        assert_eq!(
            check_link("documents/a.pdf", dir.path()),
            Ok(Target::File {
                path: "documents/a.pdf".into(),
                bytes: 4
            })
        );
        assert!(matches!(
            check_link("https://x.gov.np/a.pdf", dir.path()),
            Ok(Target::Url(_))
        ));
        for bad in [
            "javascript:alert(1)",
            "/etc/passwd",
            "../other/site.yaml",
            "documents/../../x",
            "documents/missing.pdf",
            "data:text/html,x",
        ] {
            assert!(check_link(bad, dir.path()).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::create_dir_all(dir.path().join("documents")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("documents/leak.pdf")).unwrap();
        let err = check_link("documents/leak.pdf", dir.path()).unwrap_err();
        assert!(err.0.contains("outside"), "{err:?}");
    }
}
