//! Stage 4, write: publish rendered councils so that a failed build loses nothing.
//!
//! Pages are compared with what is already published; only files whose bytes differ are
//! written, and they go to a staging folder beside the output. Only when every council built
//! without error are the staged files moved into place (a new council's folder in one
//! rename) and files that are no longer produced removed. Unchanged files are never touched,
//! so they keep their modification time and `rsync` mirrors send only what changed.

use crate::fs;
use crate::render::Output;
use std::io;
use std::path::{Path, PathBuf};

/// What staging one council (or the site root) found.
#[derive(Debug, Default)]
pub struct Staged {
    /// Folder inside the output (`""` for the site root files).
    pub folder: String,
    /// Every file the build produces there, relative to the folder.
    pub files: Vec<String>,
    /// Files written to staging because they are new or changed.
    pub changed: Vec<String>,
    /// The folder did not exist: publish it with one rename.
    pub whole: bool,
    /// Nothing was rendered because the inputs did not change: leave the folder as it is.
    pub unchanged: bool,
    pub bytes: u64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct PublishStats {
    pub files: usize,
    pub written: usize,
    pub removed: usize,
    pub bytes: u64,
}

/// The file that marks a folder as a Khula output: Khula writes, replaces and removes files
/// only in a folder that holds it (or the records of an earlier version's build).
pub const MARKER: &str = ".khula-output";
const MARKER_TEXT: &str = "This folder is written by `khula build`, which replaces and \
removes the files in it.\nKeep nothing else here: it may be deleted by the next build.\n";

/// What an output folder is, before anything is written to it.
#[derive(Debug, PartialEq, Eq)]
pub enum Ownership {
    /// It does not exist, or is empty: a build may make it.
    New,
    /// An earlier build made it.
    Khula,
    /// It holds files Khula did not write.
    Foreign,
}

/// `path` made absolute and resolved through links as far as it exists (the rest appended
/// as written, without `.` or `..`), so two spellings of one folder compare equal.
fn resolved(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Each part is resolved as soon as the path so far exists, so a `..` after it leaves
    // the real folder, not a link's name.
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            part => {
                out.push(part);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

/// Why `out` may not be the output of a build of `content`, if it may not: the content
/// folder itself, a folder inside it or around it, the root of the file system, a folder
/// directly below it (`/home`, `/usr`) or the user's home folder.
pub fn refuse_out(out: &Path, content: &Path) -> Option<String> {
    let o = resolved(out);
    let c = resolved(content);
    let shown = out.display();
    if o == c {
        return Some(format!(
            "--out {shown} is the content folder; building there would replace the content \
             with the portals. Choose another folder, e.g. --out sites"
        ));
    }
    if o.starts_with(&c) {
        return Some(format!(
            "--out {shown} is inside the content folder {}; the portals would be read as \
             content by the next build. Choose a folder outside it, e.g. --out sites",
            content.display()
        ));
    }
    if c.starts_with(&o) {
        return Some(format!(
            "--out {shown} holds the content folder {}; a build replaces what is in its \
             output folder. Choose a folder beside the content, e.g. --out sites",
            content.display()
        ));
    }
    let normal = o
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .count();
    let home = std::env::var_os("HOME").map(|h| resolved(Path::new(&h)));
    if normal <= 1 || home.is_some_and(|h| h == o) {
        return Some(format!(
            "--out {shown} is a system folder ({}); a build replaces what is in its output \
             folder. Choose a folder of its own, e.g. --out sites",
            o.display()
        ));
    }
    None
}

/// Why a build of `content` may not write into `out`, if it may not: see [`refuse_out`];
/// `out` is a file; or `out` holds files Khula did not write (see [`ownership`]) and the
/// user did not `claim` it (`--claim-out`).
pub fn may_write(out: &Path, content: &Path, claim: bool) -> Result<(), String> {
    if let Some(why) = refuse_out(out, content) {
        return Err(why);
    }
    if fs::exists(out) && !fs::is_dir(out) {
        return Err(format!(
            "--out {} is a file, not a folder; choose a folder for the portals, e.g. --out sites",
            out.display()
        ));
    }
    if ownership(out) == Ownership::Foreign && !claim {
        return Err(format!(
            "--out {} already holds files that Khula did not write, and a build replaces and \
             removes files in its output folder. Choose a new or empty folder, or, if \
             everything in it may be replaced, build with --claim-out",
            out.display()
        ));
    }
    Ok(())
}

/// Whether `out` is a Khula output (see [`MARKER`]). Outputs of earlier versions, without
/// the marker, are known by their site record or a council's build record.
pub fn ownership(out: &Path) -> Ownership {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return Ownership::New;
    };
    if entries.next().is_none() {
        return Ownership::New;
    }
    let ours = fs::exists(&out.join(MARKER))
        || fs::exists(&out.join(crate::record::SITE_FILE))
        || fs::subfolders(out)
            .iter()
            .any(|f| fs::exists(&out.join(f).join(crate::record::FILE)));
    if ours {
        Ownership::Khula
    } else {
        Ownership::Foreign
    }
}

/// Why publishing stopped, and whether the output had been changed by then.
#[derive(Debug)]
pub struct CommitError {
    pub message: String,
    /// Folders (councils, the comparison, the site's own pages) already moved into place:
    /// each is wholly new, the others wholly as they were.
    pub published: usize,
}

impl std::fmt::Display for CommitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Writes a build into an output folder so that no reader, crash or second build ever sees
/// a folder half old and half new.
///
/// Only one build at a time writes to an output: the publisher holds a lock on a file
/// beside it from the start of the build until it is done. Pages are staged in a folder
/// beside the output (the same file system, so moves are renames); a changed council's
/// staged folder is completed with hard links to its unchanged published files (which so
/// keep their modification time) and then swapped with the published folder in one atomic
/// exchange. A build stopped at any moment, even by `kill -9`, leaves every council folder
/// wholly old or wholly new; the next build clears what it left in staging.
pub struct Publisher {
    out: PathBuf,
    staging: PathBuf,
    /// Held open while the publisher lives: the lock is released when it is dropped.
    _lock: std::fs::File,
    lock_path: PathBuf,
}

impl Publisher {
    /// Takes the output's lock (calling `waiting` first if another build holds it, then
    /// waiting for it), finishes what a build stopped part-way left, and prepares an empty
    /// staging folder.
    pub fn new(out: &Path, waiting: &dyn Fn(&Path)) -> io::Result<Publisher> {
        let out = if out.is_absolute() {
            out.to_path_buf()
        } else {
            std::env::current_dir()?.join(out)
        };
        let name = out
            .file_name()
            .map_or_else(|| "sites".into(), |n| n.to_string_lossy().into_owned());
        let parent = out
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        fs::create_dir_all(&parent)?;
        let lock_path = parent.join(format!(".{name}.khula-lock"));
        let lock = fs::lock_file(&lock_path, &|| waiting(&out))?;
        let staging = parent.join(format!(".{name}.khula-staging"));
        recover(&staging, &out)?;
        fs::remove_dir_all_if_exists(&staging)?;
        fs::create_dir_all(&staging)?;
        Ok(Publisher {
            out,
            staging,
            _lock: lock,
            lock_path,
        })
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Whether the published output holds the file `rel` (`compare/index.html`).
    pub fn has_file(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }

    /// Whether the published file `rel` holds exactly `bytes`.
    pub fn has_contents(&self, rel: &str, bytes: &[u8]) -> bool {
        fs::same_contents(&self.out.join(rel), bytes)
    }

    /// Removes the published file `rel`, if it is there; the error names the path.
    pub fn remove_file(&self, rel: &str) -> Result<(), String> {
        let path = self.out.join(rel);
        fs::remove_file_if_exists(&path).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Folders in the output that an earlier build made for councils not in `councils`.
    /// Only folders holding a Khula stylesheet are considered, so nothing else is ever
    /// removed.
    /// `councils` is sorted; only folders for which `mine` holds are looked at (a shard's
    /// own councils, in an output that may hold other shards').
    pub fn stale_councils(&self, councils: &[&str], mine: &dyn Fn(&str) -> bool) -> Vec<String> {
        fs::subfolders(&self.out)
            .into_iter()
            .filter(|name| councils.binary_search(&name.as_str()).is_err() && mine(name))
            .filter(|name| {
                fs::file_names(&self.out.join(name))
                    .iter()
                    .any(|f| f.starts_with("khula-") && f.ends_with(".css"))
            })
            .collect()
    }

    /// Compares `outputs` with the published `folder` and stages what is new or changed.
    pub fn stage(&self, folder: &str, outputs: &[Output]) -> io::Result<Staged> {
        let mut staged = self.begin(folder, &[])?;
        self.stage_more(&mut staged, outputs)?;
        Ok(staged)
    }

    /// Starts staging `folder`, whose files `kept` are published as they should be; its
    /// files are then given to [`Publisher::stage_more`], as many times as needed.
    pub fn begin(&self, folder: &str, kept: &[String]) -> io::Result<Staged> {
        if !folder.is_empty() && !fs::is_plain_relative(folder) {
            return Err(not_plain(folder));
        }
        let published = self.out.join(folder);
        let mut staged = Staged {
            folder: folder.to_string(),
            whole: !folder.is_empty() && !fs::exists(&published),
            ..Staged::default()
        };
        self.keep(&mut staged, kept)?;
        Ok(staged)
    }

    /// Adds to `staged` the files `kept`, which the build knows to be published as they
    /// should be: they are left as they are.
    pub fn keep(&self, staged: &mut Staged, kept: &[String]) -> io::Result<()> {
        if let Some(bad) = kept.iter().find(|p| !fs::is_plain_relative(p)) {
            return Err(not_plain(bad));
        }
        if staged.whole && !kept.is_empty() {
            return Err(io::Error::other(format!(
                "{} was expected to hold {}",
                self.out.join(&staged.folder).display(),
                kept[0]
            )));
        }
        staged.files.extend_from_slice(kept);
        Ok(())
    }

    /// Compares `outputs` (paths inside the folder of `staged`) with the published files
    /// and stages what is new or changed.
    pub fn stage_more(&self, staged: &mut Staged, outputs: &[Output]) -> io::Result<()> {
        if let Some(bad) = outputs
            .iter()
            .map(|o| o.path.as_str())
            .find(|p| !fs::is_plain_relative(p))
        {
            return Err(not_plain(bad));
        }
        let published = self.out.join(&staged.folder);
        // Folders made in staging so far: a portal has a handful, and asking the file
        // system again before each of its thousands of files costs a system call each.
        let mut made: Vec<PathBuf> = Vec::new();
        for output in outputs {
            staged.files.push(output.path.clone());
            staged.bytes += output.bytes.len() as u64;
            if !staged.whole && fs::same_contents(&published.join(&output.path), &output.bytes) {
                continue;
            }
            let path = self.staging.join(&staged.folder).join(&output.path);
            if let Some(parent) = path.parent()
                && !made.iter().any(|m| m == parent)
            {
                fs::create_dir_all(parent)?;
                made.push(parent.to_path_buf());
            }
            fs::write_in_folder(&path, &output.bytes)?;
            staged.changed.push(output.path.clone());
        }
        Ok(())
    }

    /// What an up-to-date folder contributes: none of its files changed. They are listed
    /// only when `list` (walking a published portal costs a system call per folder and
    /// file: a rebuild of thousands of unchanged councils would spend most of its time so).
    pub fn unchanged(&self, folder: &str, list: bool) -> Staged {
        let files: Vec<String> = if list {
            fs::files_below(&self.out.join(folder))
                .into_iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect()
        } else {
            Vec::new()
        };
        Staged {
            folder: folder.to_string(),
            files,
            unchanged: true,
            ..Staged::default()
        }
    }

    /// Moves staged folders into place, each in one step, and removes what the build no
    /// longer produces. `prune` lists top-level folders that earlier builds made and this
    /// build does not.
    pub fn commit(self, staged: &[Staged], prune: &[String]) -> Result<PublishStats, CommitError> {
        let mut published = 0;
        let fail = |published: usize, path: &Path, e: io::Error| CommitError {
            message: format!("{}: {e}", path.display()),
            published,
        };
        fs::create_dir_all(&self.out).map_err(|e| fail(0, &self.out, e))?;
        let mut stats = PublishStats::default();
        for s in staged {
            stats.files += s.files.len();
            stats.bytes += s.bytes;
            stats.written += s.changed.len();
            if s.unchanged || (!s.whole && s.changed.is_empty() && s.folder.is_empty()) {
                continue;
            }
            let target = self.out.join(&s.folder);
            let from = self.staging.join(&s.folder);
            if s.folder.is_empty() {
                // The site's own files at the top: each is replaced in one rename.
                for file in &s.changed {
                    fs::rename(&from.join(file), &target.join(file))
                        .map_err(|e| fail(published, &target.join(file), e))?;
                }
            } else if s.whole {
                fs::rename(&from, &target).map_err(|e| fail(published, &target, e))?;
            } else {
                let removed = self
                    .swap_in(s, &from, &target)
                    .map_err(|e| fail(published, &target, e))?;
                stats.removed += removed;
            }
            published += 1;
            pause_between_folders();
        }
        let gone = self.staging.join(".removed");
        for folder in prune {
            // Moved out of the output in one rename, then deleted at leisure.
            let _ = fs::create_dir_all(&gone);
            fs::rename(&self.out.join(folder), &gone.join(folder))
                .map_err(|e| fail(published, &self.out.join(folder), e))?;
            stats.removed += 1;
            published += 1;
        }
        let marker = self.out.join(MARKER);
        if !fs::exists(&marker) {
            fs::write_file(&marker, MARKER_TEXT.as_bytes())
                .map_err(|e| fail(published, &marker, e))?;
        }
        // What is left in staging is the old copies of swapped folders; the next build
        // clears it if this fails.
        let _ = fs::remove_dir_all_if_exists(&self.staging);
        Ok(stats)
    }

    /// Completes the staged copy of a published folder with links to the files that did
    /// not change, then exchanges the two folders. Returns how many published files the
    /// new folder no longer has.
    fn swap_in(&self, s: &Staged, from: &Path, target: &Path) -> io::Result<usize> {
        let keep: std::collections::HashSet<&str> = s.files.iter().map(String::as_str).collect();
        let removed = fs::files_below(target)
            .iter()
            .filter(|rel| !keep.contains(rel.to_string_lossy().as_ref()))
            .count();
        if s.changed.is_empty() && removed == 0 {
            // Rendered again, and every file came out as published: nothing to do.
            return Ok(0);
        }
        let changed: std::collections::HashSet<&str> =
            s.changed.iter().map(String::as_str).collect();
        let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
        made.insert(from.to_path_buf());
        fs::create_dir_all(from)?;
        for file in s.files.iter().filter(|f| !changed.contains(f.as_str())) {
            let to = from.join(file);
            if let Some(parent) = to.parent()
                && made.insert(parent.to_path_buf())
            {
                fs::create_dir_all(parent)?;
            }
            fs::link_or_copy(&target.join(file), &to)?;
        }
        fs::exchange(
            from,
            target,
            &self.staging.join(format!(".old-{}", s.folder)),
        )?;
        Ok(removed)
    }

    /// Drops everything staged; the published output stays as it was. The same as dropping
    /// the publisher (see its `Drop`), said where a build gives up.
    pub fn abort(self) {
        drop(self);
    }
}

impl Drop for Publisher {
    /// A publisher dropped without committing (a failed build, an error while staging)
    /// leaves nothing behind but its lock file.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all_if_exists(&self.staging);
        fs::unlock_file(&self.lock_path);
    }
}

/// The error for a path that would leave the output.
fn not_plain(path: &str) -> io::Error {
    io::Error::other(format!(
        "{path:?} is not a plain path inside the output; nothing was written"
    ))
}

/// Writes the file `rel` into the output `out` once a publisher has committed (the site
/// record, which must not exist while the pages it describes are being replaced).
pub fn write_after_commit(out: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    fs::write_file(&out.join(rel), bytes)
}

/// In a debug build, `KHULA_TEST_PUBLISH_PAUSE_MS` holds publishing between two folders, so
/// that the tests can stop a build at that moment.
fn pause_between_folders() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("KHULA_TEST_PUBLISH_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Puts back any published folder that a build stopped part-way had moved aside and not yet
/// replaced (only where the file system could not exchange two folders in one step).
fn recover(staging: &Path, out: &Path) -> io::Result<()> {
    for name in fs::subfolders(staging) {
        if let Some(folder) = name.strip_prefix(".old-") {
            let target = out.join(folder);
            if !fs::exists(&target) {
                fs::rename(&staging.join(&name), &target)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, bytes: &str) -> Output {
        Output {
            path: path.to_string(),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        let p = Publisher::new(&site, &|_| {}).unwrap();
        let s = p
            .stage("a", &[out("index.html", "1"), out("old.html", "x")])
            .unwrap();
        assert!(s.whole);
        p.commit(&[s], &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join("a/old.html")).unwrap(),
            "x"
        );

        let p = Publisher::new(&site, &|_| {}).unwrap();
        let s = p
            .stage("a", &[out("index.html", "1"), out("new/b.html", "2")])
            .unwrap();
        assert!(!s.whole);
        assert_eq!(s.changed, vec!["new/b.html".to_string()]);
        let stats = p.commit(&[s], &[]).unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert!(!site.join("a/old.html").exists());
        assert_eq!(
            std::fs::read_to_string(site.join("a/new/b.html")).unwrap(),
            "2"
        );
        assert!(!dir.path().join(".sites.khula-staging").exists());
    }

    #[test]
    fn abort_leaves_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        let p = Publisher::new(&site, &|_| {}).unwrap();
        let s = p.stage("a", &[out("index.html", "1")]).unwrap();
        p.commit(&[s], &[]).unwrap();
        let p = Publisher::new(&site, &|_| {}).unwrap();
        p.stage("a", &[out("index.html", "2")]).unwrap();
        p.abort();
        assert_eq!(
            std::fs::read_to_string(site.join("a/index.html")).unwrap(),
            "1"
        );
    }

    #[test]
    fn a_publish_stopped_part_way_says_how_much_was_published_and_each_folder_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        let p = Publisher::new(&site, &|_| {}).unwrap();
        let a = p.stage("a", &[out("index.html", "a1")]).unwrap();
        let b = p.stage("b", &[out("index.html", "b1")]).unwrap();
        p.commit(&[a, b], &[]).unwrap();

        let p = Publisher::new(&site, &|_| {}).unwrap();
        let a = p.stage("a", &[out("index.html", "a2")]).unwrap();
        let b = p.stage("b", &[out("index.html", "b2")]).unwrap();
        // What a full disk or a permission error would do to the second folder.
        let staged_b = dir.path().join(".sites.khula-staging/b");
        std::fs::remove_dir_all(&staged_b).unwrap();
        std::fs::write(&staged_b, "not a folder").unwrap();
        let err = p.commit(&[a, b], &[]).unwrap_err();
        assert_eq!(err.published, 1, "{}", err.message);
        let read = |f: &str| std::fs::read_to_string(site.join(f)).unwrap();
        assert_eq!(
            (read("a/index.html"), read("b/index.html")),
            ("a2".into(), "b1".into())
        );
        assert!(!dir.path().join(".sites.khula-staging").exists());
        assert!(!dir.path().join(".sites.khula-lock").exists());
    }

    #[test]
    fn a_failure_while_staging_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        let p = Publisher::new(&site, &|_| {}).unwrap();
        p.stage("a", &[out("index.html", "1")]).unwrap();
        assert!(p.stage("b", &[out("../escape.html", "x")]).is_err());
        drop(p);
        assert!(!dir.path().join(".sites.khula-staging").exists());
        assert!(!dir.path().join("escape.html").exists());
        assert!(!site.exists());
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_time_when_their_folder_is_swapped() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        let p = Publisher::new(&site, &|_| {}).unwrap();
        let s = p
            .stage("a", &[out("same.pdf", "s"), out("index.html", "1")])
            .unwrap();
        p.commit(&[s], &[]).unwrap();
        let before = std::fs::metadata(site.join("a/same.pdf")).unwrap();
        let p = Publisher::new(&site, &|_| {}).unwrap();
        let s = p
            .stage("a", &[out("same.pdf", "s"), out("index.html", "2")])
            .unwrap();
        p.commit(&[s], &[]).unwrap();
        let after = std::fs::metadata(site.join("a/same.pdf")).unwrap();
        assert_eq!(before.modified().unwrap(), after.modified().unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(before.ino(), after.ino());
        }
    }

    #[test]
    fn system_folders_and_the_content_folder_are_never_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        for bad in [
            Path::new("/"),
            Path::new("/home"),
            Path::new("/usr"),
            &content,
            &content.join("a/out"),
            dir.path(),
        ] {
            assert!(refuse_out(bad, &content).is_some(), "{}", bad.display());
        }
        let through_dots = dir.path().join("x/../content");
        assert!(refuse_out(&through_dots, &content).is_some());
        assert_eq!(refuse_out(&dir.path().join("sites"), &content), None);
        if let Some(home) = std::env::var_os("HOME") {
            assert!(refuse_out(Path::new(&home), &content).is_some());
        }
    }

    #[test]
    fn a_folder_with_other_files_is_foreign_and_one_khula_made_is_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        assert_eq!(ownership(&site), Ownership::New);
        std::fs::create_dir_all(&site).unwrap();
        assert_eq!(ownership(&site), Ownership::New);
        std::fs::write(site.join("notes.txt"), "mine").unwrap();
        assert_eq!(ownership(&site), Ownership::Foreign);
        std::fs::write(site.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(ownership(&site), Ownership::Khula);
    }

    #[test]
    fn only_folders_with_a_khula_stylesheet_are_stale_and_files_are_asked_for_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("sites");
        for (rel, text) in [
            ("gone/khula-1234.css", "css"),
            ("kept/khula-1234.css", "css"),
            ("photos/khula-notes.txt", "mine"),
            ("compare/index.html", "<p>"),
        ] {
            std::fs::create_dir_all(site.join(rel).parent().unwrap()).unwrap();
            std::fs::write(site.join(rel), text).unwrap();
        }
        let p = Publisher::new(&site, &|_| {}).unwrap();
        assert_eq!(p.stale_councils(&["kept"], &|_| true), ["gone"]);
        // A shard looks only at its own councils' folders.
        assert!(
            p.stale_councils(&["kept"], &|slug| slug != "gone")
                .is_empty()
        );
        // A stylesheet deeper down does not make a council's folder.
        std::fs::create_dir_all(site.join("deep/css")).unwrap();
        std::fs::write(site.join("deep/css/khula-1234.css"), "css").unwrap();
        assert_eq!(p.stale_councils(&["kept"], &|_| true), ["gone"]);
        assert!(p.has_file("compare/index.html") && !p.has_file("compare"));
        assert!(p.has_contents("gone/khula-1234.css", b"css"));
        assert!(!p.has_contents("gone/khula-1234.css", b"other"));
        p.remove_file("compare/index.html").unwrap();
        p.remove_file("compare/index.html").unwrap();
        assert!(!p.has_file("compare/index.html"));
    }

    #[test]
    fn an_output_that_is_a_file_or_foreign_may_not_be_written_unless_claimed() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let file = dir.path().join("sites.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(
            may_write(&file, &content, true)
                .unwrap_err()
                .contains("is a file")
        );
        let foreign = dir.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(
            may_write(&foreign, &content, false)
                .unwrap_err()
                .contains("--claim-out")
        );
        assert_eq!(may_write(&foreign, &content, true), Ok(()));
        assert_eq!(may_write(&dir.path().join("new"), &content, false), Ok(()));
    }
}
