//! The pipeline: load → validate and model → render → write, council by council in parallel.
//!
//! Councils are independent: each is read, checked, rendered and staged on its own thread,
//! and dropped before the next is taken, so memory stays flat however many there are.
//! Results are merged in slug order, so output is the same whatever the thread count.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CouncilDir};
use crate::model;
use crate::model::CouncilSummary;
use crate::record::{self, Record, SiteRecord};
use crate::render::{Output, RenderOptions, Renderer};
use crate::write::{PublishStats, Publisher, Staged};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub content: PathBuf,
    /// Where portals are written; `None` checks without writing.
    pub out: Option<PathBuf>,
    /// Theme overrides; by default `themes/` beside the content folder.
    pub themes: Option<PathBuf>,
    /// Build only these councils (all when empty). The others' output is left untouched,
    /// but the site index still lists every council.
    pub sites: Vec<String>,
    /// Write into an existing folder that Khula did not make (`--claim-out`).
    pub claim_out: bool,
    /// Let a build that finds no council remove every published one (`--unpublish-all`).
    pub unpublish_all: bool,
}

#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong (exit 2).
    Usage(String),
    /// Writing the output failed before anything was published; the message names the path.
    Io(String),
    /// Publishing stopped part-way: some folders are new, the others as they were.
    Partial { message: String, published: usize },
}

#[derive(Debug, Default)]
pub struct Report {
    /// Sorted; at most [`crate::diagnostics::MAX_PER_FILE`] errors and warnings per file.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors and warnings found, counting those left out of `diagnostics`.
    pub errors: usize,
    pub warnings: usize,
    pub councils: usize,
    pub pages: usize,
    pub publish: Option<PublishStats>,
    pub seconds: f64,
    /// Warnings of councils that did not change since their last build: shown by that
    /// build and by `check`, counted here but not repeated.
    pub unchanged_warnings: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

struct CouncilResult {
    diags: Diagnostics,
    summary: Option<CouncilSummary>,
    pages: usize,
    staged: Option<Staged>,
    io_error: Option<String>,
    /// How the council's summary compares with the one its previous record held (see
    /// [`SiteRecord`]).
    same: Sameness,
    /// Warnings its last build showed, when it is unchanged since.
    unchanged_warnings: usize,
}

fn themes_dir(opts: &Options) -> PathBuf {
    opts.themes.clone().unwrap_or_else(|| {
        opts.content
            .parent()
            .map_or_else(|| PathBuf::from("themes"), |p| p.join("themes"))
    })
}

/// Builds (or, without `out`, checks) every council under `opts.content`.
pub fn run(opts: &Options) -> Result<Report, Failure> {
    run_full(opts, None, false)
}

/// Like [`run`], for a mirror published at `base_url` (an `http(s)` address ending in `/`):
/// pages without an official address of their own name the mirror's as canonical, and the
/// others say they are a mirror and link to the official portal.
pub fn run_mirror(opts: &Options, base_url: Option<&str>) -> Result<Report, Failure> {
    run_full(opts, base_url, false)
}

/// [`run_mirror`] with, when `progress` is set, a bar on standard error once the work has
/// taken over a second.
pub fn run_full(opts: &Options, base_url: Option<&str>, progress: bool) -> Result<Report, Failure> {
    run_remembering(opts, base_url, progress, None)
}

/// What a long-running caller (`serve`) keeps from one build to the next of the same
/// content into the same output, which it alone writes: the compiled theme, and every
/// council's summary as the published site pages show it. A build of a few councils then
/// neither compiles the templates again nor reads the other councils' records.
#[derive(Default)]
pub struct Memory {
    /// The output the summaries describe.
    out: Option<PathBuf>,
    /// Every council's summary, by slug, as published; empty when unknown.
    summaries: Vec<CouncilSummary>,
    /// The renderer of the last build, with the warnings making it gave. A build of every
    /// council makes it anew (a theme change always leads to one, see `serve`).
    renderer: Option<(Renderer, Vec<Diagnostic>)>,
}

impl Memory {
    /// The published summaries of the councils in `dirs` (sorted by slug), taken out of
    /// memory; `None` unless memory holds every one of them for `out`.
    fn take_summaries(&mut self, out: &Path, dirs: &[CouncilDir]) -> Option<Vec<CouncilSummary>> {
        if self.out.as_deref() != Some(out) {
            return None;
        }
        let mut wanted = dirs.iter().map(|d| d.slug.as_str()).peekable();
        let mut found = Vec::with_capacity(dirs.len());
        for summary in std::mem::take(&mut self.summaries) {
            match wanted.peek() {
                Some(&slug) if slug == summary.slug => {
                    wanted.next();
                    found.push(summary);
                }
                _ => {}
            }
        }
        (found.len() == dirs.len()).then_some(found)
    }
}

/// [`run_full`], keeping what later builds can use in `memory` (see [`Memory`]).
pub fn run_remembering(
    opts: &Options,
    base_url: Option<&str>,
    progress: bool,
    mut memory: Option<&mut Memory>,
) -> Result<Report, Failure> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let mut councils = load::discover(&opts.content, &opts.content, &mut diags)
        .map_err(|e| Failure::Usage(e.0))?;
    for slug in &opts.sites {
        if !councils.iter().any(|c| &c.slug == slug) {
            return Err(Failure::Usage(format!(
                "there is no council {slug} in {}",
                opts.content.display()
            )));
        }
    }
    let themes = themes_dir(opts);
    let theme_names: Vec<Option<String>> = crate::fs::subfolders(&themes)
        .into_iter()
        .filter(|n| load::is_valid_slug(n))
        .map(Some)
        .collect();
    let remembered = match memory.as_deref_mut() {
        Some(m) if !opts.sites.is_empty() => m.renderer.take(),
        _ => None,
    };
    let (renderer, renderer_diags) = match remembered {
        Some(remembered) => remembered,
        None => {
            let mut made = Diagnostics::new();
            let renderer = Renderer::new(
                RenderOptions {
                    themes_dir: themes.clone(),
                    base_url: base_url.map(str::to_string),
                    out: opts.out.clone(),
                },
                theme_names,
                &mut made,
            );
            let made: Vec<Diagnostic> = made.iter().cloned().collect();
            let Some(renderer) = renderer else {
                for d in made {
                    diags.push(d);
                }
                return Ok(finish(diags, 0, 0, None, started));
            };
            (renderer, made)
        }
    };
    for d in &renderer_diags {
        diags.push(d.clone());
    }
    let publisher = match &opts.out {
        Some(out) => Some(open_output(opts, out)?),
        None => None,
    };
    // Councils not being built still appear in the site index and the comparison (see
    // `published_summaries`).
    let mut rest: Vec<CouncilDir> = Vec::new();
    if !opts.sites.is_empty() {
        let (chosen, others): (Vec<CouncilDir>, Vec<CouncilDir>) = councils
            .into_iter()
            .partition(|c| opts.sites.contains(&c.slug));
        councils = chosen;
        if publisher.is_some() {
            rest = others;
        }
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(councils.len() as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} councils {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let shown = std::sync::atomic::AtomicBool::new(false);
    let results: Vec<CouncilResult> = councils
        .par_iter()
        .map(|dir| {
            let result = build_council(dir, &renderer, &themes, publisher.as_ref());
            if progress
                && started.elapsed().as_secs() >= 1
                && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
            {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    // The site pages as they would be made now; when some councils are built and each
    // gives the summary its record held, they would come out as published: they are kept.
    // The index shows no figures: it is kept when only figures changed.
    let mut slugs: Vec<&str> = councils
        .iter()
        .chain(&rest)
        .map(|c| c.slug.as_str())
        .collect();
    slugs.sort_unstable();
    let mut site_record = SiteRecord::new(&renderer, &slugs);
    let published_site = publisher
        .as_ref()
        .and_then(|p| SiteRecord::published(p.out()))
        .filter(|p| p.same_site(&site_record));
    let keep_index = !rest.is_empty()
        && results.iter().all(|r| r.same.listing)
        && publisher
            .as_ref()
            .is_some_and(|p| published_site.is_some() && site_is_published(p.out(), &rest));
    let keep_site = keep_index && results.iter().all(|r| r.same.figures);
    let others = match &publisher {
        Some(publisher) if !keep_site => memory
            .as_deref_mut()
            .and_then(|m| m.take_summaries(publisher.out(), &rest))
            .unwrap_or_else(|| published_summaries(publisher.out(), &rest)),
        _ => Vec::new(),
    };
    let mut summaries = Vec::new();
    let mut staged = Vec::new();
    let mut pages = 0;
    let mut io_errors = Vec::new();
    let mut unchanged_warnings = 0;
    for r in results {
        unchanged_warnings += r.unchanged_warnings;
        diags.extend(r.diags);
        summaries.extend(r.summary);
        staged.extend(r.staged);
        io_errors.extend(r.io_error);
        pages += r.pages;
    }
    let count = summaries.len();
    let partial = !opts.sites.is_empty();
    summaries.extend(others);
    summaries.sort_by(|a, b| a.slug.cmp(&b.slug));
    for d in duplicate_councils(&summaries, &opts.content) {
        diags.push(d);
    }
    let Some(publisher) = publisher else {
        return Ok(finish(diags, count, pages, None, started));
    };
    if diags.has_errors() || !io_errors.is_empty() {
        publisher.abort();
        if let Some(e) = io_errors.into_iter().next() {
            return Err(Failure::Io(e));
        }
        return Ok(finish(diags, count, pages, None, started));
    }
    // Whether the published site pages change in this build.
    let mut site_changes = false;
    if !keep_site {
        site_changes = published_site.is_none();
        let out = publisher.out();
        let compare_dir = out.join(crate::render::compare::FOLDER);
        // Only a build of some councils trusts the digests: a build of all makes every page.
        let is_current = |path: &str, digest: &str| {
            partial
                && published_site
                    .as_ref()
                    .is_some_and(|p| p.pages.get(path).is_some_and(|d| d == digest))
                && compare_dir.join(path).is_file()
        };
        let previous = crate::render::compare::Previous {
            is_current: &is_current,
        };
        let files = match site_files(&renderer, &summaries, &opts.content, !keep_index, &previous) {
            Ok(files) => files,
            Err(d) => {
                publisher.abort();
                diags.push(d);
                return Ok(finish(diags, count, pages, None, started));
            }
        };
        site_record.pages = files.digests;
        for (folder, outputs) in &files.folders {
            let kept: &[String] = if folder == crate::render::compare::FOLDER {
                &files.kept
            } else {
                &[]
            };
            pages += outputs.iter().filter(|o| o.path.ends_with(".html")).count()
                + kept.iter().filter(|p| p.ends_with(".html")).count();
            let s = publisher
                .stage_keeping(folder, outputs, kept)
                .map_err(|e| Failure::Io(format!("{}: {e}", out.join(folder).display())))?;
            site_changes |= s.whole || !s.changed.is_empty();
            staged.push(s);
        }
    }
    let prune = if partial {
        Vec::new()
    } else {
        stale_councils(publisher.out(), &summaries)
    };
    if summaries.is_empty() && !prune.is_empty() && !opts.unpublish_all {
        diags.push(
            Diagnostic::error(
                &opts.content,
                format!(
                    "no council was found, and building would remove the {} published in {}",
                    prune.len(),
                    publisher.out().display()
                ),
            )
            .hint(
                "check that --content names the folder that holds the council folders; to \
                 remove every published portal, build with --unpublish-all",
            ),
        );
        return Ok(finish(diags, 0, 0, None, started));
    }
    let out = publisher.out().to_path_buf();
    // While the site pages change, there is no site record: a publish cut short leaves
    // none, and the next build makes the site pages again. The new record (with the
    // digests of the pages as now published) is written once everything is in place.
    let site_file = out.join(crate::record::SITE_FILE);
    let new_record = (!keep_site).then(|| site_record.to_output()).flatten();
    let record_changes = new_record
        .as_ref()
        .is_some_and(|r| !crate::fs::same_contents(&site_file, &r.bytes));
    if site_changes || (!keep_site && new_record.is_none()) {
        crate::fs::remove_file_if_exists(&site_file)
            .map_err(|e| Failure::Io(format!("{}: {e}", site_file.display())))?;
    }
    let stats = publisher.commit(&staged, &prune).map_err(|e| {
        let message = format!("cannot publish: {}", e.message);
        match e.published {
            0 => Failure::Io(message),
            published => Failure::Partial { message, published },
        }
    })?;
    if (site_changes || record_changes)
        && let Some(record) = &new_record
    {
        // Without the record the next build of some councils only makes the site pages again.
        let _ = crate::fs::write_file(&site_file, &record.bytes);
    }
    if let Some(m) = memory {
        if !keep_site {
            m.summaries = summaries;
            m.out = Some(out);
        }
        m.renderer = Some((renderer, renderer_diags));
    }
    let mut report = finish(diags, count, pages, Some(stats), started);
    report.unchanged_warnings = unchanged_warnings;
    Ok(report)
}

/// Checks that `out` may be written by this build (see [`crate::write::refuse_out`] and
/// [`crate::write::ownership`]), then takes it (see [`Publisher::new`]).
fn open_output(opts: &Options, out: &Path) -> Result<Publisher, Failure> {
    if let Some(why) = crate::write::refuse_out(out, &opts.content) {
        return Err(Failure::Usage(why));
    }
    if crate::fs::exists(out) && !crate::fs::is_dir(out) {
        return Err(Failure::Usage(format!(
            "--out {} is a file, not a folder; choose a folder for the portals, e.g. --out sites",
            out.display()
        )));
    }
    if crate::write::ownership(out) == crate::write::Ownership::Foreign && !opts.claim_out {
        return Err(Failure::Usage(format!(
            "--out {} already holds files that Khula did not write, and a build replaces and \
             removes files in its output folder. Choose a new or empty folder, or, if \
             everything in it may be replaced, build with --claim-out",
            out.display()
        )));
    }
    let waiting = |out: &Path| {
        eprintln!(
            "another build is writing to {}; waiting for it to finish",
            out.display()
        );
    };
    Publisher::new(out, &waiting)
        .map_err(|e| Failure::Io(format!("{}: cannot prepare output: {e}", out.display())))
}

/// Whether a council's new summary is the one its previous record held: the part the site
/// index shows (names and places), and its figures (shown in the comparison).
#[derive(Debug, Default, Clone, Copy)]
struct Sameness {
    listing: bool,
    figures: bool,
}

/// The site's own files: see [`site_files`].
struct SiteFiles {
    /// Files made, by top folder of the output (paths relative to it).
    folders: BTreeMap<String, Vec<Output>>,
    /// Comparison pages kept as published, by path inside `compare/`.
    kept: Vec<String>,
    /// The digest of every comparison table page.
    digests: BTreeMap<String, String>,
}

/// The site index with its lists (when `index`), and the comparison across councils (but
/// for the pages `previous` shows to be current). A council whose folder name the site's
/// own pages use is an error.
fn site_files(
    renderer: &Renderer,
    summaries: &[CouncilSummary],
    content: &Path,
    index: bool,
    previous: &crate::render::compare::Previous,
) -> Result<SiteFiles, Diagnostic> {
    let (pages, compare) = rayon::join(
        || {
            if index {
                renderer.render_index(summaries)
            } else {
                Ok(Vec::new())
            }
        },
        || renderer.render_compare(summaries, Some(previous)),
    );
    let mut files = pages?;
    let compare = compare?;
    files.extend(compare.made.into_iter().map(|o| Output {
        path: format!("{}/{}", crate::render::compare::FOLDER, o.path),
        bytes: o.bytes,
    }));
    let mut folders = by_folder(files);
    if !compare.kept.is_empty() {
        folders
            .entry(crate::render::compare::FOLDER.to_string())
            .or_default();
    }
    if let Some(slug) = summaries
        .iter()
        .map(|s| &s.slug)
        .find(|slug| folders.contains_key(slug.as_str()))
    {
        return Err(Diagnostic::error(
            content.join(slug),
            format!("the folder name {slug} is used by the site's own pages"),
        )
        .hint("rename the council's folder (its slug), e.g. add the district name"));
    }
    Ok(SiteFiles {
        folders,
        kept: compare.kept,
        digests: compare.digests,
    })
}

/// Whether the site pages are published (their record is checked beforehand), and every
/// council in `dirs` with a record (its summary as the site pages show it). Records are only looked for, not
/// read: a build writes a council's record with its pages, so a record that cannot be read
/// is one the user damaged, and a full build repairs it.
fn site_is_published(out: &Path, dirs: &[CouncilDir]) -> bool {
    out.join("index.html").is_file()
        && out
            .join(crate::render::compare::FOLDER)
            .join("index.html")
            .is_file()
        && dirs
            .par_iter()
            .all(|dir| out.join(&dir.slug).join(crate::record::FILE).is_file())
}

/// Summaries of the councils not being built, as their portals are published: from the
/// records of their last builds (their files are not even looked at), or, for a council
/// never built, from reading and modelling it (without rendering).
fn published_summaries(out: &Path, dirs: &[CouncilDir]) -> Vec<CouncilSummary> {
    dirs.par_iter()
        .filter_map(|dir| {
            if let Some(record) = Record::published(out, &dir.slug) {
                return Some(record.summary);
            }
            let mut ignored = Diagnostics::new();
            let files = load::read_council(dir, &mut ignored);
            model::resolve(&files, &mut ignored).map(|c| CouncilSummary::of(&c))
        })
        .collect()
}

/// A warning on the `site.yaml` of each council that has the name (in the same country and
/// district) or the official address of a council before it in slug order, usually an
/// unedited copy of its folder: the site index would list the council twice.
fn duplicate_councils(summaries: &[CouncilSummary], content: &Path) -> Vec<Diagnostic> {
    let name = |s: &CouncilSummary| {
        let words: Vec<String> = s
            .name
            .key(&s.default_lang)
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        (words.join(" "), s.country.clone(), s.district.clone())
    };
    let address = |s: &CouncilSummary| {
        s.base_url
            .as_deref()
            .map(|u| u.trim_end_matches('/').to_ascii_lowercase())
    };
    // The first council of each name and of each address, found in one pass: a search of
    // every earlier council for each would be quadratic in the number of councils.
    let mut names: std::collections::HashMap<_, &CouncilSummary> = std::collections::HashMap::new();
    let mut addresses: std::collections::HashMap<String, &CouncilSummary> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for second in summaries {
        let by_name = match names.entry(name(second)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(second);
                None
            }
        };
        let by_address = address(second).and_then(|a| match addresses.entry(a) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(second);
                None
            }
        });
        let (key, problem, hint) = if let Some(first) = by_name {
            (
                "name",
                format!(
                    "this council has the same name as {} ({})",
                    first.slug,
                    first.name.key(&first.default_lang)
                ),
                format!(
                    "the site index would list it twice; if {} is a copy of {}, write this council's own name, address and files, or remove the folder",
                    second.slug, first.slug
                ),
            )
        } else if let Some(first) = by_address {
            (
                "base_url",
                format!(
                    "this council has the same official address as {} ({})",
                    first.slug,
                    first.base_url.as_deref().unwrap_or_default()
                ),
                format!(
                    "each council has its own portal; if {} is a copy of {}, write this council's own base_url, or remove the folder",
                    second.slug, first.slug
                ),
            )
        } else {
            continue;
        };
        let path = content.join(&second.slug).join("site.yaml");
        let mut warning = Diagnostic::warning(&path, problem).hint(hint);
        // Point at the key's line, when the file can be read again.
        if let Ok(text) = crate::fs::read_text(&path, &path)
            && let Some(line) = text.lines().position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        {
            warning = warning.at_source(&text, line + 1, 1, key.chars().count());
        }
        out.push(warning);
    }
    out
}

/// Site-level files grouped by their top folder (`""` for files at the output root), with
/// paths made relative to it, so each folder's stale files are removed on publishing.
fn by_folder(files: Vec<Output>) -> BTreeMap<String, Vec<Output>> {
    let mut out: BTreeMap<String, Vec<Output>> = BTreeMap::new();
    for file in files {
        let (folder, path) = match file.path.split_once('/') {
            Some((folder, rest)) => (folder.to_string(), rest.to_string()),
            None => (String::new(), file.path),
        };
        out.entry(folder).or_default().push(Output {
            path,
            bytes: file.bytes,
        });
    }
    out
}

fn finish(
    diags: Diagnostics,
    councils: usize,
    pages: usize,
    publish: Option<PublishStats>,
    started: Instant,
) -> Report {
    Report {
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags.into_sorted(),
        councils,
        pages,
        publish,
        seconds: started.elapsed().as_secs_f64(),
        unchanged_warnings: 0,
    }
}

fn build_council(
    dir: &CouncilDir,
    renderer: &Renderer,
    themes: &Path,
    publisher: Option<&Publisher>,
) -> CouncilResult {
    let mut diags = Diagnostics::new();
    let result = |diags, summary, pages, staged, io_error| CouncilResult {
        diags,
        summary,
        pages,
        staged,
        io_error,
        same: Sameness::default(),
        unchanged_warnings: 0,
    };
    // The files' signature is taken before anything is read: a file saved during the
    // build then makes the next build see a change, never the reverse.
    let files_signature = publisher.map(|_| crate::fs::tree_signature(&dir.dir));
    let mut previous = publisher.and_then(|p| Record::published(p.out(), &dir.slug));
    // A council whose files, theme and options are as they were at its last build is
    // not read or rendered again: its pages would come out byte for byte the same.
    if let (Some(publisher), Some(files)) = (publisher, &files_signature)
        && let Some(record) = previous.take_if(|r| r.is_current(dir, files, renderer))
    {
        let unchanged_warnings = record.warnings.len();
        let staged = publisher.unchanged(&dir.slug);
        let pages = staged.files.iter().filter(|f| f.ends_with(".html")).count();
        return CouncilResult {
            unchanged_warnings,
            same: Sameness {
                listing: true,
                figures: true,
            },
            ..result(diags, Some(record.summary), pages, Some(staged), None)
        };
    }
    // The theme named in site.yaml is only known after reading it, so the new record's
    // signature is finished below.
    let files = load::read_council(dir, &mut diags);
    let Some(council) = model::resolve(&files, &mut diags) else {
        return result(diags, None, 0, None, None);
    };
    drop(files);
    if let Some(theme) = &council.site.theme
        && renderer.theme(Some(theme)).files.name != *theme
    {
        diags.push(
            Diagnostic::error(
                dir.shown.join("site.yaml"),
                format!("theme {theme} does not exist in {}", themes.display()),
            )
            .hint("create the theme folder, or remove the theme: line to use the default theme"),
        );
    }
    if diags.has_errors() {
        return result(diags, None, 0, None, None);
    }
    // Checking a council that uses the built-in theme needs no rendering: its templates are
    // fixed and tested, so only a theme of the council's own can fail at this stage.
    if publisher.is_none() && council.site.theme.is_none() {
        return result(diags, Some(CouncilSummary::of(&council)), 0, None, None);
    }
    let summary = CouncilSummary::of(&council);
    let record = files_signature.map(|files| {
        let theme = council.site.theme.clone();
        let inputs = record::inputs(&files, dir, renderer, theme.as_deref());
        Record::new(inputs, theme, diags.iter().cloned(), summary.clone())
    });
    let same = previous
        .as_ref()
        .map(|p| Sameness {
            listing: p.has_listing(&summary),
            figures: p.has_figures(&summary),
        })
        .unwrap_or_default();
    let outputs = match renderer.render_council(&council) {
        Ok(mut o) => {
            o.extend(record.as_ref().and_then(Record::to_output));
            o
        }
        Err(d) => {
            diags.push(d);
            return result(diags, None, 0, None, None);
        }
    };
    let pages = outputs.iter().filter(|o| o.path.ends_with(".html")).count();
    let summary = Some(summary);
    let Some(publisher) = publisher else {
        return result(diags, summary, pages, None, None);
    };
    match publisher.stage(&council.slug, &outputs) {
        Ok(staged) => CouncilResult {
            same,
            ..result(diags, summary, pages, Some(staged), None)
        },
        Err(e) => result(
            diags,
            summary,
            pages,
            None,
            Some(format!(
                "{}: cannot write: {e}",
                publisher.out().join(&council.slug).display()
            )),
        ),
    }
}

/// Folders in the output that an earlier build made for councils no longer in the content.
/// Only folders holding a Khula stylesheet are considered, so nothing else is ever removed.
fn stale_councils(out: &Path, summaries: &[CouncilSummary]) -> Vec<String> {
    crate::fs::subfolders(out)
        .into_iter()
        .filter(|name| !summaries.iter().any(|s| &s.slug == name))
        .filter(|name| {
            crate::fs::files_below(&out.join(name)).iter().any(|f| {
                f.components().count() == 1
                    && f.to_string_lossy().starts_with("khula-")
                    && f.to_string_lossy().ends_with(".css")
            })
        })
        .collect()
}
