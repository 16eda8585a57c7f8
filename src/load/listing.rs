//! The files a council may publish as they are (`documents/…`, `media/…`): listed with
//! what the model's link checks need, so that the model never looks at the disk, and read
//! for the portal once the model has checked which of them are published.

use crate::diagnostics::Diagnostic;
use crate::fs;
use crate::load::CouncilDir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::fs::MAX_FILE_BYTES;

/// The folders of a council whose files may be published.
pub const FOLDERS: [&str; 2] = ["documents", "media"];

/// Links inside the council folder that a listing follows at most: a few links to folders
/// that link to each other can otherwise multiply the paths without end.
const MAX_LINKS_FOLLOWED: usize = 100_000;

/// What is in a council's `documents/` and `media/` folders, by path inside the council
/// folder (`documents/reports/a.pdf`, `/` separated). Hidden names are left out: no link
/// can name them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Listing {
    files: BTreeMap<String, ListedFile>,
    /// Links leaving the council folder that were not followed, by path: `true` for a
    /// link to a folder (every path below it leaves too).
    leaving: BTreeMap<String, bool>,
}

/// A file in a [`Listing`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListedFile {
    /// Its size, in bytes.
    pub bytes: u64,
    /// It is reached through a link that leaves the council folder.
    pub leaves: bool,
    /// Neither the file nor a folder on its way (below `documents/` or `media/`) is a link.
    pub plain: bool,
    /// For an SVG image, its bytes, for the check that it holds no script.
    pub svg: Option<Vec<u8>>,
}

impl Listing {
    /// The file at `path`, if there is one.
    pub fn file(&self, path: &str) -> Option<&ListedFile> {
        self.files.get(path)
    }

    /// Whether `path`, or a folder on its way, is a link leaving the council folder.
    pub fn leaves(&self, path: &str) -> bool {
        if self.leaving.get(path) == Some(&false) {
            return true;
        }
        path.match_indices('/')
            .any(|(i, _)| self.leaving.get(&path[..i]) == Some(&true))
    }

    /// The paths of the files below `folder` (`media`) that are no links, sorted.
    pub fn plain_files_in<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a str> {
        self.files
            .iter()
            .filter(move |(path, file)| {
                file.plain
                    && path
                        .strip_prefix(folder)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .map(|(path, _)| path.as_str())
    }

    /// Adds a file (for a listing made without a disk, in tests).
    pub fn insert_file(&mut self, path: &str, file: ListedFile) {
        self.files.insert(path.to_string(), file);
    }

    /// Adds a link leaving the council folder, to a folder when `folder`.
    pub fn insert_leaving(&mut self, path: &str, folder: bool) {
        self.leaving.insert(path.to_string(), folder);
    }
}

/// Lists `documents/` and `media/` of the council folder `dir`. Links that stay inside
/// the council folder are followed; links that leave it are noted, not followed. A
/// `documents/` folder that is itself such a link is noted the same way; a `media/` folder
/// that is has its files listed (not read), each as leaving, so that the files of `media/`
/// that nothing links to are still warned about.
pub fn list(dir: &Path) -> Listing {
    let within = fs::Within::new(dir);
    let mut listing = Listing::default();
    for folder in FOLDERS {
        let root = dir.join(folder);
        if fs::is_broken_link(&root) || !fs::is_dir(&root) {
            continue;
        }
        if fs::is_link(&root) && !within.holds(&root) {
            listing.leaving.insert(folder.to_string(), true);
            if folder == "media" {
                listing.list_outside(dir, &root);
            }
        } else {
            listing.list_inside(dir, &root, &within);
        }
    }
    listing
}

impl Listing {
    /// Lists the folder `root` of the council folder `dir`, following links that stay in it.
    fn list_inside(&mut self, dir: &Path, root: &Path, within: &fs::Within) {
        let mut leaving: Vec<(PathBuf, bool)> = Vec::new();
        let mut linked: Vec<PathBuf> = Vec::new();
        let mut followed = 0usize;
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if !e.path_is_symlink() {
                    return true;
                }
                if !within.holds(e.path()) {
                    leaving.push((e.path().to_path_buf(), e.file_type().is_dir()));
                    return false;
                }
                followed += 1;
                followed <= MAX_LINKS_FOLLOWED
            });
        for entry in walker.filter_map(Result::ok) {
            let is_link = entry.depth() > 0 && entry.path_is_symlink();
            if entry.file_type().is_dir() {
                if is_link {
                    linked.push(entry.path().to_path_buf());
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let plain = !is_link && !linked.iter().any(|l| entry.path().starts_with(l));
            self.add(dir, entry.path(), plain, false);
        }
        for (path, folder) in leaving {
            if let Some(rel) = relative(dir, &path) {
                self.leaving.insert(rel, folder);
            }
        }
    }

    /// Lists the folder `root`, a link leaving the council folder `dir`: every file below
    /// it leaves, and none is read.
    fn list_outside(&mut self, dir: &Path, root: &Path) {
        for file in fs::files_below(root) {
            if file
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                continue;
            }
            self.add(dir, &root.join(file), true, true);
        }
    }

    fn add(&mut self, dir: &Path, path: &Path, plain: bool, leaves: bool) {
        let Some(rel) = relative(dir, path) else {
            return;
        };
        let svg = (!leaves && rel.to_ascii_lowercase().ends_with(".svg"))
            .then(|| fs::read_bytes(path, Path::new(&rel)).ok())
            .flatten();
        let file = ListedFile {
            bytes: fs::file_len(path).unwrap_or(0),
            leaves,
            plain,
            svg,
        };
        self.files.insert(rel, file);
    }
}

/// `path` relative to `dir`, `/` separated.
fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// Reads the files at `paths` (normalised paths inside the council folder, already checked
/// by the model), each with its bytes or the error reading it gave.
pub fn read_files(
    dir: &CouncilDir,
    paths: Vec<String>,
) -> Vec<(String, Result<Vec<u8>, Diagnostic>)> {
    paths
        .into_iter()
        .map(|rel| {
            let bytes = fs::read_bytes(&dir.dir.join(&rel), &dir.shown.join(&rel));
            (rel, bytes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, bytes: &[u8]) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn files_are_listed_with_their_sizes_and_svg_images_with_their_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        write(dir, "documents/a.pdf", b"%PDF");
        write(dir, "documents/reports/b.pdf", b"%PDF-1");
        write(dir, "documents/.hidden.pdf", b"x");
        write(dir, "media/map.SVG", b"<svg/>");
        write(dir, "pages/about.md", b"# About");
        let listing = list(dir);
        let paths: Vec<&str> = listing.files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "documents/a.pdf",
                "documents/reports/b.pdf",
                "media/map.SVG"
            ]
        );
        let b = listing.file("documents/reports/b.pdf").unwrap();
        assert_eq!((b.bytes, b.leaves, b.plain), (6, false, true));
        assert_eq!(b.svg, None);
        assert_eq!(
            listing.file("media/map.SVG").unwrap().svg.as_deref(),
            Some(&b"<svg/>"[..])
        );
        assert_eq!(
            listing.plain_files_in("media").collect::<Vec<_>>(),
            ["media/map.SVG"]
        );
        assert!(!listing.leaves("documents/a.pdf"));
    }

    #[cfg(unix)]
    #[test]
    fn links_leaving_the_council_are_noted_and_not_followed_and_others_are_followed() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let council = tmp.path().join("council");
        write(&council, "documents/a.pdf", b"%PDF");
        write(&council, "archive/old.pdf", b"%PDF-old");
        write(tmp.path(), "outside/secret.pdf", b"secret");
        symlink(
            tmp.path().join("outside/secret.pdf"),
            council.join("documents/leak.pdf"),
        )
        .unwrap();
        symlink(tmp.path().join("outside"), council.join("documents/away")).unwrap();
        symlink(council.join("archive"), council.join("documents/old")).unwrap();
        std::fs::create_dir_all(council.join("media")).unwrap();
        symlink(council.join("documents/a.pdf"), council.join("media/a.pdf")).unwrap();
        let listing = list(&council);
        assert_eq!(listing.file("documents/leak.pdf"), None);
        assert!(listing.leaves("documents/leak.pdf"));
        assert!(listing.leaves("documents/away/secret.pdf"));
        let old = listing.file("documents/old/old.pdf").unwrap();
        assert_eq!((old.bytes, old.leaves, old.plain), (8, false, false));
        let linked = listing.file("media/a.pdf").unwrap();
        assert!(!linked.leaves && !linked.plain);
        assert_eq!(listing.plain_files_in("media").count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn folders_linked_from_outside_are_leaving_and_media_is_listed_without_reading() {
        let tmp = tempfile::tempdir().unwrap();
        let council = tmp.path().join("council");
        std::fs::create_dir_all(&council).unwrap();
        write(tmp.path(), "outside/map.svg", b"<svg/>");
        std::os::unix::fs::symlink(tmp.path().join("outside"), council.join("media")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("outside"), council.join("documents")).unwrap();
        let listing = list(&council);
        let map = listing.file("media/map.svg").unwrap();
        assert!(map.leaves && map.svg.is_none());
        assert!(listing.leaves("media/other.png"));
        // documents/ is not walked outside the council folder.
        assert_eq!(listing.file("documents/map.svg"), None);
        assert!(listing.leaves("documents/map.svg"));
    }
}
