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

/// Final touches on every HTML page: minified when the `minify` feature is on.
pub fn finish_html(html: Vec<u8>) -> Vec<u8> {
    #[cfg(feature = "minify")]
    let html = {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        cfg.minify_css = true;
        minify_html::minify(&html, &cfg)
    };
    html
}

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

pub struct Publisher {
    out: PathBuf,
    staging: PathBuf,
}

impl Publisher {
    /// Prepares a staging folder beside `out` (same file system, so moves are renames).
    pub fn new(out: &Path) -> io::Result<Publisher> {
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
        let staging = parent.join(format!(".{name}.khula-staging"));
        fs::remove_dir_all_if_exists(&staging)?;
        fs::create_dir_all(&staging)?;
        Ok(Publisher { out, staging })
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Compares `outputs` with the published `folder` and stages what is new or changed.
    pub fn stage(&self, folder: &str, outputs: &[Output]) -> io::Result<Staged> {
        self.stage_keeping(folder, outputs, &[])
    }

    /// [`Publisher::stage`], where the build also produces the files `kept`, which it knows
    /// to be published as they should be: they are left as they are.
    pub fn stage_keeping(
        &self,
        folder: &str,
        outputs: &[Output],
        kept: &[String],
    ) -> io::Result<Staged> {
        if let Some(bad) = std::iter::once(folder)
            .filter(|f| !f.is_empty())
            .chain(outputs.iter().map(|o| o.path.as_str()))
            .chain(kept.iter().map(String::as_str))
            .find(|p| !fs::is_plain_relative(p))
        {
            return Err(io::Error::other(format!(
                "{bad:?} is not a plain path inside the output; nothing was written"
            )));
        }
        let published = self.out.join(folder);
        let whole = !folder.is_empty() && !fs::exists(&published);
        if whole && !kept.is_empty() {
            return Err(io::Error::other(format!(
                "{} was expected to hold {}",
                published.display(),
                kept[0]
            )));
        }
        let mut staged = Staged {
            folder: folder.to_string(),
            whole,
            files: kept.to_vec(),
            ..Staged::default()
        };
        // Folders made in staging so far: a portal has a handful, and asking the file
        // system again before each of its thousands of files costs a system call each.
        let mut made: Vec<PathBuf> = Vec::new();
        for output in outputs {
            staged.files.push(output.path.clone());
            staged.bytes += output.bytes.len() as u64;
            if !whole && fs::same_contents(&published.join(&output.path), &output.bytes) {
                continue;
            }
            let path = self.staging.join(folder).join(&output.path);
            if let Some(parent) = path.parent()
                && !made.iter().any(|m| m == parent)
            {
                fs::create_dir_all(parent)?;
                made.push(parent.to_path_buf());
            }
            fs::write_in_folder(&path, &output.bytes)?;
            staged.changed.push(output.path.clone());
        }
        Ok(staged)
    }

    /// What an up-to-date folder contributes: its files, none of them changed.
    pub fn unchanged(&self, folder: &str) -> Staged {
        let files: Vec<String> = fs::files_below(&self.out.join(folder))
            .into_iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        Staged {
            folder: folder.to_string(),
            files,
            unchanged: true,
            ..Staged::default()
        }
    }

    /// Moves staged files into place and removes what the build no longer produces.
    /// `prune` lists top-level folders that earlier builds made and this build does not.
    pub fn commit(self, staged: &[Staged], prune: &[String]) -> io::Result<PublishStats> {
        fs::create_dir_all(&self.out)?;
        let mut stats = PublishStats::default();
        for s in staged {
            stats.files += s.files.len();
            stats.bytes += s.bytes;
            stats.written += s.changed.len();
            let target = self.out.join(&s.folder);
            if s.whole {
                fs::rename(&self.staging.join(&s.folder), &target)?;
                continue;
            }
            for file in &s.changed {
                fs::rename(&self.staging.join(&s.folder).join(file), &target.join(file))?;
            }
            if !s.folder.is_empty() && !s.unchanged {
                stats.removed += remove_stale(&target, &s.files)?;
            }
        }
        for folder in prune {
            fs::remove_dir_all_if_exists(&self.out.join(folder))?;
            stats.removed += 1;
        }
        fs::remove_dir_all_if_exists(&self.staging)?;
        Ok(stats)
    }

    /// Drops everything staged; the published output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all_if_exists(&self.staging);
    }
}

/// Removes files under `folder` that are not in `keep`, then empty folders.
fn remove_stale(folder: &Path, keep: &[String]) -> io::Result<usize> {
    let keep: std::collections::HashSet<&str> = keep.iter().map(String::as_str).collect();
    let mut removed = 0;
    for rel in fs::files_below(folder) {
        let name = rel.to_string_lossy().replace('\\', "/");
        if !keep.contains(name.as_str()) {
            fs::remove_file_if_exists(&folder.join(&rel))?;
            removed += 1;
        }
    }
    if removed > 0 {
        fs::remove_empty_dirs(folder)?;
    }
    Ok(removed)
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
        let p = Publisher::new(&site).unwrap();
        let s = p
            .stage("a", &[out("index.html", "1"), out("old.html", "x")])
            .unwrap();
        assert!(s.whole);
        p.commit(&[s], &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join("a/old.html")).unwrap(),
            "x"
        );

        let p = Publisher::new(&site).unwrap();
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
        let p = Publisher::new(&site).unwrap();
        let s = p.stage("a", &[out("index.html", "1")]).unwrap();
        p.commit(&[s], &[]).unwrap();
        let p = Publisher::new(&site).unwrap();
        p.stage("a", &[out("index.html", "2")]).unwrap();
        p.abort();
        assert_eq!(
            std::fs::read_to_string(site.join("a/index.html")).unwrap(),
            "1"
        );
    }
}
