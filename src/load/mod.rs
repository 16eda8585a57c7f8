//! Stage 1, load: find the councils under the content folder and read their files.
//!
//! Nothing here knows what a budget is: CSV files become [`Table`]s, YAML and markdown stay
//! text, and every problem reading them is a located diagnostic.

pub mod listing;
pub mod markdown;
pub mod names;
pub mod output;
pub mod sheet;
pub mod table;
pub mod theme;
pub mod yaml;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fs;
use std::path::{Path, PathBuf};
pub use table::{Binding, Column, RowRef, Schema, Table};

/// A council folder found under the content folder.
#[derive(Debug, Clone)]
pub struct CouncilDir {
    pub slug: String,
    /// Where the folder is.
    pub dir: PathBuf,
    /// How paths inside it are shown in messages (the content folder as given, plus slug).
    pub shown: PathBuf,
    /// The file read as `site.yaml`: `site.yaml`, or a near miss of it such as
    /// `site.yaml.txt`, read so that the council's other files are still checked; the
    /// council is then not built.
    pub site_name: String,
}

/// A text file read from a council folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name relative to the council folder, with `/` separators, e.g. `pages/about.md`.
    pub name: String,
    pub shown: PathBuf,
    pub text: String,
}

/// The fixed CSV files of the content format.
pub const CSV_FILES: [&str; 14] = [
    "budget.csv",
    "tax-rates.csv",
    "decisions.csv",
    "services.csv",
    "grievances.csv",
    "projects.csv",
    "documents.csv",
    "notices.csv",
    "tenders.csv",
    "laws.csv",
    "people.csv",
    "hearings.csv",
    "disclosure.csv",
    "meetings.csv",
];
const YAML_FILES: [&str; 2] = ["site.yaml", "profile.yaml"];
const FOLDERS: [&str; 5] = ["decisions", "pages", "datasets", "documents", "media"];

/// Everything read from one council folder, before any of it is interpreted.
#[derive(Debug)]
pub struct CouncilFiles {
    pub dir: CouncilDir,
    pub site: Option<SourceFile>,
    pub profile: Option<SourceFile>,
    /// The fixed CSV files, by file name, when present and readable.
    pub tables: Vec<(&'static str, Table)>,
    pub decision_texts: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    /// `datasets/<name>.csv` with its `<name>.yaml`, if any.
    pub datasets: Vec<(String, Table, Option<SourceFile>)>,
    /// What `documents/` and `media/` hold, for the checks of the files linked to.
    pub listing: listing::Listing,
}

impl CouncilFiles {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|(n, _)| *n == name).map(|(_, t)| t)
    }
}

/// A problem with the command line rather than the content.
#[derive(Debug)]
pub struct UsageError(pub String);

/// The longest slug (council, page, dataset or theme name): with the output folder and the
/// staging folder in front, the paths made from it still fit every disk.
pub const MAX_SLUG: usize = 64;

/// Folder names the site's own pages use at the top of the output: no council may have one.
pub const RESERVED: [&str; 2] = ["compare", "councils"];

/// Why `slug` cannot name a council, when it cannot: it is valid (see [`is_valid_slug`])
/// but the site's own pages use it.
pub fn reserved(slug: &str) -> Option<String> {
    RESERVED.contains(&slug).then(|| {
        format!(
            "the folder name {slug} is used by the site's own pages ({})",
            RESERVED.join(" and ")
        )
    })
}

/// True for a valid council slug: lowercase ASCII letters, digits and `-`, at most
/// [`MAX_SLUG`] of them.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A slug made from any folder name: `Dhangadhi SMC` -> `dhangadhi-smc`.
pub fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    if out.is_empty() {
        "council".to_string()
    } else {
        out
    }
}

/// The mistake of naming one council's folder (one holding `site.yaml`) as the content
/// folder, which holds the council folders: what to write instead.
pub fn council_folder_as_content(content: &Path, shown_root: &Path) -> Option<UsageError> {
    if !fs::exists(&content.join("site.yaml")) {
        return None;
    }
    let parent = shown_root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| "..".to_string(), |p| p.display().to_string());
    let slug = shown_root
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Some(UsageError(format!(
        "{} is one council's folder (it holds site.yaml); --content names the folder that \
         holds the council folders: point it at the folder above, e.g. --content {parent}, \
         and add --site {slug} to build only this council",
        shown_root.display()
    )))
}

/// Finds council folders: every folder directly under `content` whose name does not start
/// with `.` or `_`. Folders with bad names or no `site.yaml` are reported and skipped.
pub fn discover(
    content: &Path,
    shown_root: &Path,
    diags: &mut Diagnostics,
) -> Result<Vec<CouncilDir>, UsageError> {
    if !fs::is_dir(content) {
        return Err(UsageError(format!(
            "the content folder {} does not exist; pass --content DIR with one folder per council",
            shown_root.display()
        )));
    }
    if let Some(problem) = council_folder_as_content(content, shown_root) {
        return Err(problem);
    }
    let councils = entries(content, shown_root, diags)
        .into_iter()
        .filter_map(|(name, entry)| council_dir(content, shown_root, &name, &entry, diags))
        .collect();
    Ok(councils)
}

/// The entries directly in `content`, sorted by name, in one listing: this runs before
/// every build, even of one council.
fn entries(
    content: &Path,
    shown_root: &Path,
    diags: &mut Diagnostics,
) -> Vec<(std::ffi::OsString, std::fs::DirEntry)> {
    let mut entries: Vec<std::fs::DirEntry> = Vec::new();
    let cannot =
        |e: std::io::Error| Diagnostic::error(shown_root, format!("cannot be listed: {e}"));
    match std::fs::read_dir(content) {
        Ok(list) => {
            for entry in list {
                match entry {
                    Ok(e) => entries.push(e),
                    Err(e) => diags.push(cannot(e)),
                }
            }
        }
        Err(e) => diags.push(cannot(e)),
    }
    let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> =
        entries.into_iter().map(|e| (e.file_name(), e)).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// The council folder `entry` of the content folder, or `None` when it is not a folder,
/// is hidden, or cannot be a council (reported in `diags`).
fn council_dir(
    content: &Path,
    shown_root: &Path,
    name: &std::ffi::OsStr,
    entry: &std::fs::DirEntry,
    diags: &mut Diagnostics,
) -> Option<CouncilDir> {
    let file_type = match entry.file_type() {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(
                shown_root.join(name),
                format!("cannot be listed: {e}"),
            ));
            return None;
        }
    };
    let name = name.to_string_lossy().into_owned();
    if name.starts_with('.') || name.starts_with('_') {
        return None;
    }
    let shown = shown_root.join(&name);
    let is_dir = if file_type.is_symlink() {
        linked_folder(content, &entry.path(), &shown, diags)?
    } else {
        file_type.is_dir()
    };
    if !is_dir || !usable_name(&name, &shown, diags) {
        return None;
    }
    let site_name = if listing(&entry.path()).iter().any(|n| n == "site.yaml") {
        "site.yaml".to_string()
    } else if let Some(near) = site_near_miss(&entry.path()) {
        // Reported by read_council, with the council's other mistakes.
        near
    } else {
        diags.push(
            Diagnostic::error(shown.join("site.yaml"), "is missing").hint(
                "every council folder needs a site.yaml; copy one from another council and edit it",
            ),
        );
        return None;
    };
    Some(CouncilDir {
        slug: name,
        dir: entry.path(),
        shown,
        site_name,
    })
}

/// Whether the link `path` in the content folder leads to a folder; `None` when it leads
/// nowhere or out of the content folder (reported in `diags`).
fn linked_folder(
    content: &Path,
    path: &Path,
    shown: &Path,
    diags: &mut Diagnostics,
) -> Option<bool> {
    if fs::is_broken_link(path) {
        diags.push(
            Diagnostic::warning(
                shown,
                "is a link that leads nowhere (its target is missing, or it loops back to itself)",
            )
            .hint("replace the link with the council folder itself; the link is ignored"),
        );
        return None;
    }
    if !fs::stays_inside(path, content) {
        diags.push(
            Diagnostic::error(shown, "is a link to a folder outside the content folder")
                .hint("copy the council folder into the content folder instead of linking to it"),
        );
        return None;
    }
    Some(fs::is_dir(path))
}

/// Whether `name` may name a council: a valid slug the site's own pages do not use. When
/// not, the error is in `diags`.
fn usable_name(name: &str, shown: &Path, diags: &mut Diagnostics) -> bool {
    if !is_valid_slug(name) {
        diags.push(
            Diagnostic::error(
                shown,
                format!("\"{name}\" is not a valid council folder name"),
            )
            .hint(format!(
                "use lowercase ASCII letters, digits and -, at most {MAX_SLUG} of them, e.g. \
                     rename it to {}",
                suggest_slug(name)
            )),
        );
        return false;
    }
    if let Some(why) = reserved(name) {
        diags.push(Diagnostic::error(shown, why).hint(format!(
            "rename the council's folder, e.g. to {name}-council or add the district name"
        )));
        return false;
    }
    true
}

/// The names directly in `dir`, sorted; empty when it cannot be listed.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file in `dir` that is nearly `site.yaml` (`site.yaml.txt`, `Site.yaml`, `site.yml`).
fn site_near_miss(dir: &Path) -> Option<String> {
    listing(dir).into_iter().find(|n| {
        dir.join(n).is_file()
            && names::near_miss(n, &["site.yaml"]).is_some_and(|(_, m)| m == names::Miss::Renamed)
    })
}

/// Reads every file the content format knows in one council folder.
pub fn read_council(dir: &CouncilDir, diags: &mut Diagnostics) -> CouncilFiles {
    let within = fs::Within::new(&dir.dir);
    let read = |name: &str, diags: &mut Diagnostics| read_source(dir, &within, name, diags);
    warn_unknown_entries(dir, diags);
    let site = read(&dir.site_name, diags);
    // `legacy_fonts: convert`: every file is read converted (see text::legacy::files).
    let convert_in = site.as_ref().and_then(|s| legacy_conversion(&s.text));
    let site = site.map(|f| converted(f, convert_in.as_deref()));
    let read = |name: &str, diags: &mut Diagnostics| {
        read_source(dir, &within, name, diags).map(|f| converted(f, convert_in.as_deref()))
    };
    let profile = read("profile.yaml", diags);
    let mut tables = Vec::new();
    for name in CSV_FILES {
        let workbook = sheet::workbook_for(dir, &within, name, diags);
        if let Some(file) = read(name, diags) {
            if let Some(table) = Table::parse(file.text, &file.shown, diags) {
                tables.push((name, table));
            }
        } else if let Some(book) = workbook {
            let shown = dir.shown.join(&book);
            if let Some(table) = sheet::read_table(&dir.dir.join(&book), &shown, diags) {
                tables.push((name, table));
            }
        }
    }
    sheet::read_council_workbook(dir, &within, &mut tables, diags);
    let markdown_in = |folder: &str, diags: &mut Diagnostics| -> Vec<SourceFile> {
        let mut files = Vec::new();
        for name in files_in(dir, folder, "md") {
            let Some(file) = read(&name, diags) else {
                continue;
            };
            match markdown::check_limits(&file.text, &file.shown) {
                Some(d) => diags.push(d),
                None => files.push(file),
            }
        }
        files
    };
    let decision_texts = markdown_in("decisions", diags);
    let pages = markdown_in("pages", diags);
    let mut datasets = Vec::new();
    for name in files_in(dir, "datasets", "csv") {
        let stem = name
            .trim_start_matches("datasets/")
            .trim_end_matches(".csv")
            .to_string();
        let meta = read(&format!("datasets/{stem}.yaml"), diags);
        if let Some(file) = read(&name, diags)
            && let Some(table) = Table::parse(file.text, &file.shown, diags)
        {
            datasets.push((stem, table, meta));
        }
    }
    sheet::read_dataset_workbooks(dir, &within, &mut datasets, diags);
    datasets.sort_by(|a, b| a.0.cmp(&b.0));
    CouncilFiles {
        dir: dir.clone(),
        site,
        profile,
        tables,
        decision_texts,
        pages,
        datasets,
        listing: listing::list(&dir.dir),
    }
}

/// The council's first language when its site.yaml says `legacy_fonts: convert`.
fn legacy_conversion(site: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Setting {
        #[serde(default)]
        languages: Vec<String>,
        legacy_fonts: Option<String>,
    }
    let setting: Setting = yaml::parse(site, Path::new(""), 0).ok()?;
    (setting.legacy_fonts.as_deref() == Some("convert"))
        .then(|| setting.languages.first().cloned())?
}

/// `file` with its legacy-font text converted, when `lang` is set.
fn converted(mut file: SourceFile, lang: Option<&str>) -> SourceFile {
    if let Some(lang) = lang {
        file.text = crate::text::legacy::files::fix_text(&file.name, &file.text, lang).0;
    }
    file
}

/// Reads the text file `name` of the council folder, if it is there; a link that leads
/// nowhere or out of the council folder is reported instead.
fn read_source(
    dir: &CouncilDir,
    within: &fs::Within,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    let path = dir.dir.join(name);
    let shown = dir.shown.join(name);
    if fs::is_broken_link(&path) {
        diags.push(
            Diagnostic::warning(
                &shown,
                "is a link that leads nowhere (its target is missing, or it loops back to itself)",
            )
            .hint("replace the link with the file itself; the link is ignored"),
        );
        return None;
    }
    if !path.is_file() {
        return None;
    }
    if !within.holds(&path) {
        diags.push(
            Diagnostic::error(&shown, "is a link to a file outside the council folder")
                .hint("copy the file into the council folder instead of linking to it"),
        );
        return None;
    }
    match fs::read_text(&path, &shown) {
        Ok(text) => Some(SourceFile {
            name: name.to_string(),
            shown,
            text,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The names of the theme folders in `themes` that may name a theme (see
/// [`is_valid_slug`]), sorted.
pub fn theme_names(themes: &Path) -> Vec<String> {
    fs::subfolders(themes)
        .into_iter()
        .filter(|n| is_valid_slug(n))
        .collect()
}

/// A signature of every file in the council folder (path, size and modification time;
/// nothing is read): any edit, addition, removal or rename changes it.
/// Whether the council has files whose pages change with the day of the build: notices and
/// tenders (current until their deadline), meetings (to come or held) and hearings (on the
/// home page while recent).
///
/// A workbook standing for one of those files (`notices.xlsx`), or `council.xlsx` (which
/// may hold their sheets; its sheets are not read here), counts as well.
pub fn has_dated_kinds(dir: &CouncilDir) -> bool {
    let mut stems = DATED_FILES
        .iter()
        .map(|f| f.trim_end_matches(".csv"))
        .chain([sheet::COUNCIL_WORKBOOK]);
    DATED_FILES.iter().any(|f| dir.dir.join(f).is_file())
        || stems.any(|stem| {
            sheet::WORKBOOK_ENDINGS
                .iter()
                .any(|e| dir.dir.join(format!("{stem}.{e}")).is_file())
        })
}

/// The files whose pages depend on the day of the build.
const DATED_FILES: &[&str] = &["notices.csv", "tenders.csv", "meetings.csv", "hearings.csv"];

pub fn signature(dir: &CouncilDir) -> String {
    fs::tree_signature(&dir.dir)
}

/// The text of a content file read earlier in the build, read again to point a later
/// diagnostic at a line; `None` when it can no longer be read.
pub fn read_again(path: &Path) -> Option<String> {
    fs::read_text(path, path).ok()
}

/// Names (`folder/file.ext`) of the files with extension `ext` directly in `folder`, sorted.
fn files_in(dir: &CouncilDir, folder: &str, ext: &str) -> Vec<String> {
    let path = dir.dir.join(folder);
    if !path.is_dir() {
        return Vec::new();
    }
    let mut names: Vec<String> = walkdir::WalkDir::new(&path)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n.rsplit('.').next() == Some(ext))
        .map(|n| format!("{folder}/{n}"))
        .collect();
    names.sort();
    names
}

/// Reports files at the top of a council folder that the format does not know. A near miss
/// of a known name (`Budget.csv`, `budget.csv.txt`, `Budget.xlsx`) is an error, since the
/// part of the portal it holds would silently disappear, unless the exact name is there too;
/// other files, such as `notes.txt`, are warned about and not published.
fn warn_unknown_entries(dir: &CouncilDir, diags: &mut Diagnostics) {
    let known: Vec<&str> = CSV_FILES
        .iter()
        .chain(YAML_FILES.iter())
        .chain(FOLDERS.iter())
        .copied()
        .collect();
    let present = listing(&dir.dir);
    for name in &present {
        if name.starts_with('.')
            || name.starts_with('_')
            || name.starts_with('~')
            || known.contains(&name.as_str())
            || sheet::is_dataset_workbook(name, &present)
            || sheet::is_council_workbook(name)
            || name.eq_ignore_ascii_case("README.md")
        {
            continue;
        }
        let shown = dir.shown.join(name);
        if let Some((near, miss)) = names::near_miss(name, &known) {
            let exists = present.iter().any(|n| n == near);
            if *name == dir.site_name {
                diags.push(names::misnamed_site(&shown, name));
            } else {
                diags.push(names::diagnostic(&shown, name, near, miss, exists));
            }
            continue;
        }
        diags.push(
            Diagnostic::warning(shown, "is not a file Khula knows").hint(format!(
                "this file is not published; the files a council folder may hold are {}",
                known.join(", ")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("dhangadhi"));
        assert!(is_valid_slug("sreepur-gazipur-2"));
        assert!(!is_valid_slug("Dhangadhi"));
        assert!(!is_valid_slug("dhangadhi_smc"));
        assert!(!is_valid_slug("-x"));
        assert_eq!(
            suggest_slug("Dhangadhi SMC (Kailali)"),
            "dhangadhi-smc-kailali"
        );
        assert_eq!(suggest_slug("धनगढी"), "council");
        let long = "Municipality ".repeat(10);
        assert!(!is_valid_slug(&suggest_slug(&long).repeat(2)));
        assert!(
            is_valid_slug(&suggest_slug(&long)),
            "{}",
            suggest_slug(&long)
        );
    }
}
