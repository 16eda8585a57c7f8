//! `khula fix --legacy-fonts`: converts text typed in a legacy font (Preeti, Bijoy) to
//! Unicode and joins vowel signs a converter left split, in the CSV cells, YAML strings and
//! markdown text of every council, in place.
//!
//! Each file changed is first copied to `<content>/.khula-backup/<slug>/<path>`, unless a
//! copy is already there (so the backup keeps the file as it was before the first fix).
//! Only files inside council folders of the content folder are read or written. A second
//! run finds nothing left to change.

use crate::diagnostics::Diagnostics;
use crate::fs;
use crate::text::legacy::files::fix_text;
use std::path::{Path, PathBuf};

/// The folder, in the content folder, that keeps the files as they were before a fix.
pub const BACKUP: &str = ".khula-backup";

/// One value changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The file, as shown to the user.
    pub path: PathBuf,
    /// 1-based line of the value.
    pub line: usize,
    pub before: String,
    pub after: String,
}

/// What a fix did, and what stopped it.
#[derive(Debug, Default)]
pub struct Outcome {
    pub changes: Vec<Change>,
    pub files: usize,
    pub problems: Vec<String>,
}

/// Fixes every council folder of `content` (shown in messages as `shown`), or only those
/// named in `only`.
pub fn run(content: &Path, shown: &Path, only: &[String]) -> Result<Outcome, String> {
    let mut diags = Diagnostics::new();
    let councils = crate::load::discover(content, shown, &mut diags).map_err(|e| e.0)?;
    let mut outcome = Outcome::default();
    for council in councils
        .iter()
        .filter(|c| only.is_empty() || only.contains(&c.slug))
    {
        let lang = default_language(&council.dir.join("site.yaml"), &council.shown);
        for rel in council_texts(&council.dir) {
            let path = council.dir.join(&rel);
            let shown_path = council.shown.join(&rel);
            let text = match fs::read_text(&path, &shown_path) {
                Ok(t) => t,
                Err(d) => {
                    outcome.problems.push(d.headline());
                    continue;
                }
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let (fixed, changes) = fix_text(&name, &text, &lang);
            if changes.is_empty() {
                continue;
            }
            let backup = content.join(BACKUP).join(&council.slug).join(&rel);
            let written =
                keep_backup(&path, &backup).and_then(|()| fs::write_file(&path, fixed.as_bytes()));
            match written {
                Ok(()) => {
                    outcome.files += 1;
                    outcome
                        .changes
                        .extend(changes.into_iter().map(|(line, before, after)| Change {
                            path: shown_path.clone(),
                            line,
                            before,
                            after,
                        }));
                }
                Err(e) => outcome
                    .problems
                    .push(format!("{}: cannot be written: {e}", shown_path.display())),
            }
        }
    }
    Ok(outcome)
}

/// Copies `path` to `backup` unless a backup is already there.
fn keep_backup(path: &Path, backup: &Path) -> std::io::Result<()> {
    if fs::exists(backup) {
        return Ok(());
    }
    if let Some(parent) = backup.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::copy_file(path, backup)
}

/// The council's first language, from its `site.yaml`; `en` when it cannot be read.
fn default_language(site: &Path, shown: &Path) -> String {
    #[derive(serde::Deserialize)]
    struct Languages {
        #[serde(default)]
        languages: Vec<String>,
    }
    let text = fs::read_text(site, shown).unwrap_or_default();
    crate::load::yaml::parse::<Languages>(&text, shown, 0)
        .ok()
        .and_then(|l| l.languages.into_iter().next())
        .unwrap_or_else(|| "en".to_string())
}

/// The text files of a council folder that hold values: its YAML and CSV files, the files
/// of `datasets/`, and the markdown of `pages/` and `decisions/`.
fn council_texts(dir: &Path) -> Vec<PathBuf> {
    fs::files_below(dir)
        .into_iter()
        .filter(|rel| {
            let name = rel.to_string_lossy().replace('\\', "/");
            let depth = name.matches('/').count();
            let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
            match (depth, ext) {
                (0, "csv" | "yaml") => true,
                (1, "csv" | "yaml") => name.starts_with("datasets/"),
                (1, "md") => name.starts_with("pages/") || name.starts_with("decisions/"),
                _ => false,
            }
        })
        .collect()
}
