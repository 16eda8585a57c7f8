//! Watching and rebuilding: collect file events until the editor has finished saving,
//! work out which councils they touch, and rebuild only those.

use crate::build::{self, Failure};
use crate::diagnostics::Diagnostic;
use notify::{Event, EventKind};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the folders must stay quiet after a change before rebuilding. Editors save in
/// bursts (write a temporary file, rename it, touch the folder) within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(120);
/// How often the watcher looks at the stop flag when nothing happens.
const TICK: Duration = Duration::from_millis(100);

/// What the server shows: the build number and the problems of the last build, if it failed.
#[derive(Debug, Default, Clone)]
pub struct Status {
    /// Goes up by one after every build, good or failed; pages reload when it changes.
    pub version: u64,
    /// Plain text of the errors while the last build has failed.
    pub problems: Option<String>,
}

/// What a batch of file events asks to rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// A theme changed, or something at the top of the content folder: rebuild every council.
    pub all: bool,
    /// Council folders in which something changed.
    pub sites: BTreeSet<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.all && self.sites.is_empty()
    }

    pub fn merge(&mut self, other: Changes) {
        self.all |= other.all;
        self.sites.extend(other.sites);
    }
}

/// True for files that editors and spreadsheets write while saving, and hidden files:
/// `.budget.csv.swp`, `budget.csv~`, `.#budget.csv`, `4913`, `x.tmp`, `~$budget.xlsx`.
pub fn is_editor_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".temp",
            ".bak",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The folders being watched, each known by the absolute and the resolved form of its path,
/// because watchers report one or the other depending on the platform.
#[derive(Debug, Clone)]
pub struct Roots {
    pub content: Vec<PathBuf>,
    pub themes: Vec<PathBuf>,
}

impl Roots {
    pub fn new(content: &Path, themes: &Path) -> Roots {
        Roots {
            content: forms(content),
            themes: forms(themes),
        }
    }

    /// Sorts one changed path into the councils it concerns.
    pub fn classify(&self, path: &Path, changes: &mut Changes) {
        if let Some(name) = path.file_name()
            && is_editor_file(&name.to_string_lossy())
        {
            return;
        }
        if let Some(rel) = strip_any(path, &self.themes) {
            if !hidden(rel) {
                changes.all = true;
            }
            return;
        }
        let Some(rel) = strip_any(path, &self.content) else {
            return;
        };
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let Some(first) = parts.first() else {
            // The content folder itself changed.
            changes.all = true;
            return;
        };
        if first.starts_with('.') || first.starts_with('_') || hidden(rel) {
            return;
        }
        if crate::load::is_valid_slug(first) {
            changes.sites.insert(first.clone());
        } else {
            // Building reports the badly named folder; a partial build cannot name it.
            changes.all = true;
        }
    }
}

fn forms(path: &Path) -> Vec<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    };
    let mut out = vec![absolute.clone()];
    if let Ok(canonical) = absolute.canonicalize()
        && canonical != absolute
    {
        out.push(canonical);
    }
    out
}

fn strip_any<'a>(path: &'a Path, roots: &[PathBuf]) -> Option<&'a Path> {
    roots.iter().find_map(|r| path.strip_prefix(r).ok())
}

fn hidden(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(s) => s.to_string_lossy().starts_with('.'),
        _ => false,
    })
}

/// The council folders in the content folder, by name; a change in this set rebuilds all.
pub fn council_folders(content: &Path) -> BTreeSet<String> {
    crate::fs::subfolders(content)
        .into_iter()
        .filter(|n| !n.starts_with('.') && !n.starts_with('_'))
        .collect()
}

/// A build's duration as people read it: milliseconds under a second, else seconds.
fn duration(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.2} s")
    }
}

/// Rebuilds after changes and publishes the result to the shared [`Status`].
pub struct Rebuilder {
    pub options: build::Options,
    pub roots: Roots,
    pub folders: BTreeSet<String>,
    /// Councils whose last build failed are built again with the next change.
    pub retry: Changes,
    pub status: Arc<Mutex<Status>>,
    pub quiet: bool,
    /// What one build leaves for the next (the compiled theme, every council's summary).
    pub memory: build::Memory,
}

impl Rebuilder {
    /// Builds `changes` (everything when `all`), prints what happened and updates the status.
    pub fn rebuild(&mut self, mut changes: Changes) {
        let folders = council_folders(&self.options.content);
        if folders != self.folders {
            changes.all = true;
            self.folders = folders;
        }
        changes.merge(std::mem::take(&mut self.retry));
        changes.sites.retain(|s| self.folders.contains(s));
        if changes.is_empty() {
            return;
        }
        let what = if changes.all {
            "every council".to_string()
        } else {
            changes.sites.iter().cloned().collect::<Vec<_>>().join(", ")
        };
        let options = build::Options {
            sites: if changes.all {
                Vec::new()
            } else {
                changes.sites.iter().cloned().collect()
            },
            ..self.options.clone()
        };
        let problems = match build::run(&options, Some(&mut self.memory)) {
            Ok(report) => {
                let errors: Vec<&Diagnostic> =
                    report.diagnostics.iter().filter(|d| d.is_error()).collect();
                for d in &report.diagnostics {
                    eprint!("{d}");
                }
                if errors.is_empty() {
                    if !self.quiet {
                        let warnings = report.warnings;
                        eprintln!(
                            "built {what} in {}{}",
                            duration(report.seconds),
                            match warnings {
                                0 => String::new(),
                                1 => ", 1 warning".to_string(),
                                n => format!(", {n} warnings"),
                            }
                        );
                    }
                    None
                } else {
                    let count = if errors.len() == 1 {
                        "1 error".to_string()
                    } else {
                        format!("{} errors", errors.len())
                    };
                    eprintln!("{count} building {what}; still serving the last version that built");
                    let text: String = errors.iter().map(|d| d.to_string()).collect();
                    Some(text)
                }
            }
            Err(Failure::Usage(m) | Failure::Io(m) | Failure::Partial { message: m, .. }) => {
                eprintln!("error: {}", crate::diagnostics::visible(&m));
                Some(m)
            }
        };
        self.publish(problems, changes);
    }

    fn publish(&mut self, problems: Option<String>, changes: Changes) {
        if problems.is_some() {
            self.retry = changes;
        }
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.version += 1;
        status.problems = problems;
    }

    /// Waits for file events until `stop` is set or the watcher goes away.
    pub fn run(mut self, events: &Receiver<notify::Result<Event>>, stop: &AtomicBool) {
        let mut pending = Changes::default();
        let mut last_event: Option<Instant> = None;
        while !stop.load(Ordering::SeqCst) {
            let wait = match last_event {
                Some(t) => QUIET.saturating_sub(t.elapsed()).min(TICK),
                None => TICK,
            };
            match events.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    if !matches!(event.kind, EventKind::Access(_)) {
                        let mut these = Changes::default();
                        for path in &event.paths {
                            self.roots.classify(path, &mut these);
                        }
                        if !these.is_empty() {
                            pending.merge(these);
                            last_event = Some(Instant::now());
                        }
                    }
                }
                Ok(Err(e)) => eprintln!("warning: watching for changes: {e}"),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if last_event.is_some_and(|t| t.elapsed() >= QUIET) {
                last_event = None;
                self.rebuild(std::mem::take(&mut pending));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".budget.csv.swp",
            "budget.csv~",
            ".#budget.csv",
            "4913",
            "budget.tmp",
            "~$budget.xlsx",
            ".hidden",
        ] {
            assert!(is_editor_file(name), "{name}");
        }
        for name in ["budget.csv", "site.yaml", "about.md", "4914"] {
            assert!(!is_editor_file(name), "{name}");
        }
    }

    #[test]
    fn changes_are_sorted_by_council() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let themes = dir.path().join("themes");
        let roots = Roots::new(&content, &themes);
        let mut c = Changes::default();
        roots.classify(&content.join("dhangadhi/budget.csv"), &mut c);
        roots.classify(&content.join("sreepur/pages/about.md"), &mut c);
        roots.classify(&content.join("sreepur/.budget.csv.swp"), &mut c);
        roots.classify(&content.join("gulberg-town/.git/index"), &mut c);
        roots.classify(&content.join("_drafts/x.csv"), &mut c);
        roots.classify(&dir.path().join("elsewhere/x.csv"), &mut c);
        assert!(!c.all);
        assert_eq!(
            c.sites.iter().map(String::as_str).collect::<Vec<_>>(),
            ["dhangadhi", "sreepur"]
        );
        roots.classify(&themes.join("default/templates/base.html"), &mut c);
        assert!(c.all);
        let mut top = Changes::default();
        roots.classify(&content, &mut top);
        assert!(top.all);
    }
}
