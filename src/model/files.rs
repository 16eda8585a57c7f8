//! Files a council links to (`documents/…`, `media/…`): checked to stay inside the council
//! folder and to be of a kind a portal may publish, then copied into the portal. The checks
//! look at the council's [`Listing`] made by load, never at the disk; nothing outside the
//! content folder is ever read.
//!
//! A link is normalised first — `\` read as `/`, `.` and empty parts dropped — and every
//! check is made on the normalised path, the one the copy, the write and the offline zip
//! use. So no spelling of a path can pass the checks as one file and be copied as another.

use crate::load::listing::{Listing, MAX_FILE_BYTES};

/// Where a document link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A web address (http or https).
    Url(String),
    /// A file inside the council folder, by its normalised path relative to the folder
    /// (`/` separated, starting with `documents/` or `media/`).
    File { path: String, bytes: u64 },
}

impl Target {
    /// As a download writes it: the address, or the file's path inside the council folder.
    pub fn written(&self) -> &str {
        match self {
            Target::Url(u) => u,
            Target::File { path, .. } => path,
        }
    }

    /// The path inside the council folder, for a file.
    pub fn file(&self) -> Option<&str> {
        match self {
            Target::File { path, .. } => Some(path),
            Target::Url(_) => None,
        }
    }
}

/// The folders of a council whose files may be published.
pub use crate::load::listing::FOLDERS;

/// The longest name of one file or folder, in bytes: with the output folder, the council
/// and the staging folder in front, a path must still fit every file system a portal is
/// copied to (255 bytes per name on ext4, NTFS and FAT's long names).
pub const MAX_NAME_BYTES: usize = 120;
/// The longest path inside the council folder, in bytes.
pub const MAX_PATH_BYTES: usize = 400;

/// Kinds of file a council may publish, by extension (lowercase). Pages the portal makes
/// itself are its only HTML: a council's own HTML, scripts or programs could run in the
/// reader's browser under the portal's address, so they are refused.
const PUBLISHABLE: &[&str] = &[
    // Documents
    "pdf", "txt", "rtf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "ppt", "pptx", "odp",
    "json", "geojson", "kml", "kmz", "gpx", "zip",
    // Images (SVG only without scripts, see `svg_problem`)
    "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "svg", // Sound and video
    "mp3", "ogg", "oga", "m4a", "wav", "mp4", "webm",
];

/// Kinds refused with a reason of their own.
fn refused_kind(ext: &str) -> Option<&'static str> {
    match ext {
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mhtml" | "mht" | "xml" | "xsl" | "xslt" => {
            Some(
                "web pages can run scripts under the portal's address; publish the document as \
             PDF, or write its text as a page in pages/",
            )
        }
        "js" | "mjs" | "wasm" | "swf" | "jar" | "exe" | "msi" | "bat" | "cmd" | "com" | "scr"
        | "ps1" | "vbs" | "sh" | "apk" | "dll" | "hta" | "lnk" | "php" | "py" => Some(
            "programs and scripts are never published; link to them from their own website \
             instead",
        ),
        _ => None,
    }
}

/// A problem with a link, as (message, hint), for the caller to place at its cell.
pub type Problem = (String, String);

/// The link in `column` of `row`, if the cell is filled: checked with [`check_link`], a
/// problem reported at the cell.
pub fn link_cell(
    row: &crate::load::RowRef<'_>,
    column: impl crate::load::table::ColumnName,
    listing: &Listing,
    diags: &mut crate::diagnostics::Diagnostics,
) -> Option<Target> {
    let cell = row.str(column)?;
    check_link(cell, listing)
        .map_err(|(message, hint)| diags.push(row.error_at(column, message).hint(hint)))
        .ok()
}

/// Reads a link written in a content file: a web address, or a path inside the council
/// folder, normalised (see the module). Returns the problem as (message, hint).
pub fn check_link(value: &str, listing: &Listing) -> Result<Target, Problem> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        if value.chars().any(char::is_control) {
            return Err((
                format!(
                    "the web address \"{}\" contains a control character",
                    value.escape_debug()
                ),
                "retype the address as the browser shows it".into(),
            ));
        }
        return Ok(Target::Url(value.to_string()));
    }
    let path = normalise(value)?;
    check_file(&path, listing)
}

/// The path a link names, normalised: `\` is read as `/` (a path copied from Windows),
/// `.` and empty parts are dropped. Refused: addresses of other kinds, absolute paths,
/// `..`, hidden names, control characters, names too long for a USB stick, and any path
/// outside `documents/` and `media/`.
pub fn normalise(value: &str) -> Result<String, Problem> {
    let shown = value.escape_debug().to_string();
    if value.chars().any(char::is_control) {
        return Err((
            format!("\"{shown}\" contains a control character"),
            "retype the path, e.g. documents/annual-programme.pdf".into(),
        ));
    }
    let slashed = value.replace('\\', "/");
    if slashed.contains(':') {
        return Err((
            format!("\"{value}\" is not a web address or a file in the council folder"),
            "write a path like documents/annual-programme.pdf, or an address starting with \
             https://"
                .into(),
        ));
    }
    if slashed.starts_with('/') {
        return Err((
            format!("\"{value}\" is an absolute path"),
            "write the path from the council folder, e.g. documents/annual-programme.pdf".into(),
        ));
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in slashed.split('/') {
        if !matches!(part, "" | ".") {
            check_part(value, part)?;
            parts.push(part);
        }
    }
    let path = parts.join("/");
    if path.len() > MAX_PATH_BYTES {
        return Err((
            format!(
                "the path is {} bytes long; the limit is {MAX_PATH_BYTES}",
                path.len()
            ),
            "use fewer or shorter folder names".into(),
        ));
    }
    match parts.first() {
        Some(first) if parts.len() > 1 && FOLDERS.contains(first) => Ok(path),
        _ => Err((
            format!("\"{value}\" is not in the documents/ or media/ folder"),
            "put the file in the council's documents/ folder and write documents/<file>".into(),
        )),
    }
}

/// Checks one part of the link `value`: not `..`, not hidden, not too long a name.
fn check_part(value: &str, part: &str) -> Result<(), Problem> {
    match part {
        ".." => Err((
            format!("\"{value}\" leaves the council folder"),
            "put the file in the council's documents/ folder and write \
                 documents/<file>"
                .into(),
        )),
        p if p.starts_with('.') => Err((
            format!("\"{value}\" names a hidden file ({p})"),
            "rename the file so that its name does not start with a dot".into(),
        )),
        p if p.len() > MAX_NAME_BYTES => Err((
            format!(
                "the name {p} is {} bytes long; names of over {MAX_NAME_BYTES} bytes \
                     do not fit on every disk and USB stick",
                p.len()
            ),
            "rename the file with a shorter name".into(),
        )),
        _ => Ok(()),
    }
}

/// Checks a normalised path (see [`normalise`]) against the council's listing: the file
/// exists, stays inside the council folder, is of a kind a portal may publish and is not
/// too large.
pub fn check_file(path: &str, listing: &Listing) -> Result<Target, Problem> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    check_kind(path, &ext)?;
    let file = match listing.file(path) {
        Some(file) if !file.leaves => file,
        found if found.is_some() || listing.leaves(path) => {
            return Err((
                format!("\"{path}\" is a link to a file outside the council folder"),
                "copy the file into the council folder instead of linking to it".into(),
            ));
        }
        _ => {
            return Err((
                format!("file {path} does not exist"),
                "check the spelling, with the same capital letters, or copy the file into \
                 the council folder"
                    .into(),
            ));
        }
    };
    let bytes = file.bytes;
    if bytes > MAX_FILE_BYTES {
        return Err((
            format!(
                "{path} is {:.1} MB; files over {} MB are refused",
                bytes as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            "publish a smaller, compressed copy".into(),
        ));
    }
    if ext == "svg"
        && let Some(found) = file.svg.as_deref().and_then(svg_problem)
    {
        return Err((
            format!("{path} is an SVG image with {found}, which could run in a reader's browser"),
            "remove it in the drawing program, or export the image as PNG".into(),
        ));
    }
    Ok(Target::File {
        path: path.to_string(),
        bytes,
    })
}

/// Checks that a file with the extension `ext` (lowercase) may be published.
fn check_kind(path: &str, ext: &str) -> Result<(), Problem> {
    if let Some(why) = refused_kind(ext) {
        return Err((
            format!("{path}: .{ext} files are not published"),
            why.to_string(),
        ));
    }
    if !PUBLISHABLE.contains(&ext) {
        return Err((
            format!(
                "{path}: {} files are not published",
                if ext.is_empty() {
                    "a file without an extension".to_string()
                } else {
                    format!(".{ext}")
                }
            ),
            format!(
                "publish documents as PDF, office files or images; the kinds a portal takes are \
                 {}",
                PUBLISHABLE.join(", ")
            ),
        ));
    }
    Ok(())
}

/// What in an SVG image could run or reach another site: scripts, event handlers,
/// `javascript:` addresses, embedded HTML and references to other hosts.
fn svg_problem(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let checks: [(&str, &str); 9] = [
        ("<script", "a script"),
        ("javascript:", "a javascript: address"),
        ("<foreignobject", "embedded HTML (foreignObject)"),
        ("<iframe", "an embedded frame"),
        ("<embed", "embedded content"),
        ("<object", "embedded content"),
        ("<!entity", "an XML entity"),
        ("href=\"http", "a link to another website"),
        ("href='http", "a link to another website"),
    ];
    if let Some((_, what)) = checks.iter().find(|(needle, _)| compact.contains(needle)) {
        return Some(what);
    }
    if compact.contains("url(http") || compact.contains("@import") {
        return Some("a reference to another website");
    }
    // Event handlers: an attribute whose name starts with "on", e.g. onload=.
    let b = text.as_bytes();
    let handler = text.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let starts_name = matches!(
            before,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\'')
        );
        let rest = &b[i + 2..];
        let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let after = &rest[letters..];
        let eq = after
            .iter()
            .find(|c| !c.is_ascii_whitespace())
            .is_some_and(|&c| c == b'=');
        starts_name && letters > 0 && eq
    });
    handler.then_some("an event handler (on…=)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::listing::{ListedFile, list};
    use std::path::Path;

    /// Checks a link against the listing of the council folder `dir` as it is now.
    fn check(value: &str, dir: &Path) -> Result<Target, Problem> {
        check_link(value, &list(dir))
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("documents/sub")).unwrap();
        std::fs::create_dir_all(dir.path().join("media")).unwrap();
        std::fs::write(dir.path().join("documents/a.pdf"), b"%PDF").unwrap();
        std::fs::write(dir.path().join("documents/sub/b.pdf"), b"%PDF-1").unwrap();
        dir
    }

    fn file(path: &str, bytes: u64) -> Result<Target, Problem> {
        Ok(Target::File {
            path: path.into(),
            bytes,
        })
    }

    #[test]
    fn links_are_checked() {
        let dir = folder();
        assert_eq!(
            check("documents/a.pdf", dir.path()),
            file("documents/a.pdf", 4)
        );
        assert!(matches!(
            check("https://x.gov.np/a.pdf", dir.path()),
            Ok(Target::Url(_))
        ));
        for bad in [
            "javascript:alert(1)",
            "/etc/passwd",
            "../other/site.yaml",
            "documents/../../x",
            "documents/missing.pdf",
            "data:text/html,x",
            "C:\\files\\a.pdf",
            "\\\\server\\share\\a.pdf",
            "site.yaml",
            "documents",
            "documents/.hidden.pdf",
            "documents/a.pdf\u{1b}[2J",
        ] {
            assert!(check(bad, dir.path()).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_spelling_of_a_path_is_normalised_before_it_is_checked() {
        let dir = folder();
        for spelling in [
            "documents\\sub\\b.pdf",
            "documents/./sub//b.pdf",
            "./documents/sub/b.pdf",
            " documents/sub/b.pdf ",
        ] {
            assert_eq!(
                check(spelling, dir.path()),
                file("documents/sub/b.pdf", 6),
                "{spelling}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_backslash_path_that_leaves_the_folder_is_refused_even_with_a_decoy() {
        let dir = folder();
        // On Linux this is one file name; the copy would read it as a path.
        let decoy = "documents\\..\\..\\..\\secret.txt";
        std::fs::write(dir.path().join(decoy), b"decoy").unwrap();
        let err = check(decoy, dir.path()).unwrap_err();
        assert!(err.0.contains("leaves the council folder"), "{err:?}");
    }

    #[test]
    fn kinds_that_could_run_are_refused() {
        let dir = folder();
        for name in [
            "page.html",
            "x.HTM",
            "run.exe",
            "a.js",
            "noext",
            "page.xhtml",
        ] {
            std::fs::write(dir.path().join("documents").join(name), b"<script>").unwrap();
            let err = check(&format!("documents/{name}"), dir.path()).unwrap_err();
            assert!(err.0.contains("not published"), "{name}: {err:?}");
        }
    }

    #[test]
    fn svg_images_with_scripts_or_handlers_are_refused_and_plain_ones_kept() {
        let dir = folder();
        let plain = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="green"/><text x="1" y="5">onion = 5</text></svg>"#;
        std::fs::write(dir.path().join("media/map.svg"), plain).unwrap();
        assert!(check("media/map.svg", dir.path()).is_ok());
        for (i, bad) in [
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg onload="alert(1)"></svg>"#,
            r#"<svg><rect ONCLICK = "x()"/></svg>"#,
            r#"<svg><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg><foreignObject><iframe src="x"/></foreignObject></svg>"#,
            r#"<svg><image href="https://tracker.example/p.png"/></svg>"#,
        ]
        .iter()
        .enumerate()
        {
            let name = format!("media/bad{i}.svg");
            std::fs::write(dir.path().join(&name), bad).unwrap();
            let err = check(&name, dir.path()).unwrap_err();
            assert!(err.0.contains("SVG"), "{bad}: {err:?}");
        }
    }

    #[test]
    fn long_names_are_refused_before_they_reach_the_disk() {
        let dir = folder();
        let long = format!("documents/{}.pdf", "a".repeat(MAX_NAME_BYTES));
        let err = check(&long, dir.path()).unwrap_err();
        assert!(err.0.contains("bytes long"), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let dir = folder();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("documents/leak.pdf")).unwrap();
        let err = check("documents/leak.pdf", dir.path()).unwrap_err();
        assert!(err.0.contains("outside"), "{err:?}");
    }

    #[test]
    fn links_are_checked_against_a_listing_without_any_disk() {
        let mut listing = Listing::default();
        let pdf = ListedFile {
            bytes: 7,
            plain: true,
            ..ListedFile::default()
        };
        listing.insert_file("documents/a.pdf", pdf.clone());
        listing.insert_file(
            "documents/away.pdf",
            ListedFile {
                leaves: true,
                ..pdf.clone()
            },
        );
        listing.insert_leaving("documents/leak.pdf", false);
        listing.insert_leaving("media/elsewhere", true);
        listing.insert_file(
            "documents/big.pdf",
            ListedFile {
                bytes: MAX_FILE_BYTES + 1,
                ..pdf.clone()
            },
        );
        listing.insert_file(
            "media/map.svg",
            ListedFile {
                svg: Some(b"<svg><script>x</script></svg>".to_vec()),
                ..pdf
            },
        );
        assert_eq!(
            check_link("documents\\a.pdf", &listing),
            file("documents/a.pdf", 7)
        );
        let problem = |link: &str| check_link(link, &listing).unwrap_err().0;
        assert!(problem("documents/b.pdf").contains("does not exist"));
        assert!(problem("documents/away.pdf").contains("outside"));
        assert!(problem("documents/leak.pdf").contains("outside"));
        assert!(problem("media/elsewhere/x.png").contains("outside"));
        assert!(problem("documents/big.pdf").contains("refused"));
        assert!(problem("media/map.svg").contains("SVG image with a script"));
        assert!(problem("documents/../a.pdf").contains("leaves the council folder"));
    }
}
