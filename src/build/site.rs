//! Step 3 of a build: the site pages (the index of councils and the comparison across
//! them). They are kept as published when the councils built kept what the pages show;
//! otherwise they are made again from every council's summary, the councils not built
//! giving theirs from their records.

use super::Failure;
use super::Memory;
use super::council::Sameness;
use super::plan::Plan;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CouncilDir};
use crate::model::{self, CouncilSummary};
use crate::record::{Record, SiteRecord};
use crate::render::compare::{self, Previous};
use crate::render::{Output, Renderer};
use crate::write::{Publisher, Staged};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, hash_map::Entry};
use std::path::Path;

/// What the build does with the site pages.
pub(super) struct SitePages {
    /// Every council's summary, sorted by slug: those built and the others as published.
    pub summaries: Vec<CouncilSummary>,
    /// The record of the site pages as made now (its page digests are filled in by [`make`]).
    pub record: SiteRecord,
    /// The published site record, when it was made for the same site.
    pub published: Option<SiteRecord>,
    /// The index is kept as published: only figures changed, and the index shows none.
    pub keep_index: bool,
    /// Every site page is kept as published.
    pub keep_site: bool,
    /// Whether the published site pages change in this build (set by [`make`]).
    pub changes: bool,
}

/// Decides whether the site pages are kept: when some councils are built and each gives
/// the summary its record held, the pages would come out as published. Gathers every
/// council's summary when they are not.
pub(super) fn decide(
    plan: &Plan,
    publisher: Option<&Publisher>,
    same: Sameness,
    mut summaries: Vec<CouncilSummary>,
    memory: Option<&mut Memory>,
) -> SitePages {
    let mut slugs: Vec<&str> = plan
        .councils
        .iter()
        .chain(&plan.rest)
        .map(|c| c.slug.as_str())
        .collect();
    slugs.sort_unstable();
    let record = SiteRecord::new(&plan.renderer, &slugs);
    if plan.shard.is_some() {
        // A shard makes no site pages; the record of any it holds from an earlier build
        // goes, so that no later build trusts them.
        summaries.sort_by(|a, b| a.slug.cmp(&b.slug));
        return SitePages {
            summaries,
            record,
            published: None,
            keep_index: true,
            keep_site: true,
            changes: true,
        };
    }
    let published = publisher
        .and_then(|p| SiteRecord::published(p.out()))
        .filter(|p| p.same_site(&record));
    // Kept when every council built shows what its record held (for a build of every
    // council, when none changed): the pages would come out byte for byte as published.
    let keep_index = same.listing
        && publisher.is_some_and(|p| published.is_some() && site_is_published(p, &plan.rest));
    let keep_site = keep_index && same.figures;
    let others = match publisher {
        Some(publisher) if !keep_site => memory
            .and_then(|m| m.take_summaries(publisher.out(), &plan.rest))
            .unwrap_or_else(|| published_summaries(publisher.out(), &plan.rest)),
        _ => Vec::new(),
    };
    summaries.extend(others);
    summaries.sort_by(|a, b| a.slug.cmp(&b.slug));
    SitePages {
        summaries,
        record,
        published,
        keep_index,
        keep_site,
        changes: false,
    }
}

/// Makes and stages the site pages that are not kept; the number of pages they add.
/// `None` when a council's folder name clashes with theirs (reported in `diags`).
pub(super) fn make(
    plan: &Plan,
    publisher: &Publisher,
    site: &mut SitePages,
    staged: &mut Vec<Staged>,
    content: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<usize>, Failure> {
    if site.keep_site {
        return Ok(Some(0));
    }
    site.changes = site.published.is_none();
    let out = publisher.out();
    // Only a build of some councils trusts the digests: a build of all makes every page.
    let published = &site.published;
    let is_current = |path: &str, digest: &str| {
        plan.partial
            && published
                .as_ref()
                .is_some_and(|p| p.pages.get(path).is_some_and(|d| d == digest))
            && publisher.has_file(&format!("{}/{path}", compare::FOLDER))
    };
    let previous = Previous {
        is_current: &is_current,
    };
    let index = !site.keep_index;
    let files = match site_files(&plan.renderer, &site.summaries, content, index, &previous) {
        Ok(files) => files,
        Err(d) => {
            diags.push(d);
            return Ok(None);
        }
    };
    site.record.pages = files.digests;
    let mut pages = 0;
    for (folder, outputs) in &files.folders {
        let kept: &[String] = if folder == compare::FOLDER {
            &files.kept
        } else {
            &[]
        };
        pages += outputs.iter().filter(|o| o.path.ends_with(".html")).count()
            + kept.iter().filter(|p| p.ends_with(".html")).count();
        let s = publisher
            .stage_keeping(folder, outputs, kept)
            .map_err(|e| Failure::Io(format!("{}: {e}", out.join(folder).display())))?;
        site.changes |= s.whole || !s.changed.is_empty();
        staged.push(s);
    }
    Ok(Some(pages))
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
    previous: &Previous,
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
        path: format!("{}/{}", compare::FOLDER, o.path),
        bytes: o.bytes,
    }));
    let mut folders = by_folder(files);
    if !compare.kept.is_empty() {
        folders.entry(compare::FOLDER.to_string()).or_default();
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
/// council in `dirs` with a record (its summary as the site pages show it). Records are
/// only looked for, not read: a build writes a council's record with its pages, so a
/// record that cannot be read is one the user damaged, and a full build repairs it.
fn site_is_published(publisher: &Publisher, dirs: &[CouncilDir]) -> bool {
    publisher.has_file("index.html")
        && publisher.has_file(&format!("{}/index.html", compare::FOLDER))
        && dirs
            .par_iter()
            .all(|dir| publisher.has_file(&format!("{}/{}", dir.slug, crate::record::FILE)))
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

/// A warning on the `site.yaml` of each council that has the name (in the same country and
/// district) or the official address of a council before it in slug order, usually an
/// unedited copy of its folder: the site index would list the council twice.
pub(super) fn warn_duplicates(
    summaries: &[CouncilSummary],
    content: &Path,
    locate: bool,
    diags: &mut Diagnostics,
) {
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
    let mut names = HashMap::new();
    let mut addresses = HashMap::new();
    for second in summaries {
        let by_name = first_of(&mut names, name(second), second);
        let by_address = address(second).and_then(|a| first_of(&mut addresses, a, second));
        if let Some(first) = by_name {
            diags.push(duplicate(content, first, second, Same::Name, locate));
        } else if let Some(first) = by_address {
            diags.push(duplicate(content, first, second, Same::Address, locate));
        }
    }
}

/// The council seen first with `key`; `None` (and `council` noted) when it is the first.
fn first_of<'a, K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, &'a CouncilSummary>,
    key: K,
    council: &'a CouncilSummary,
) -> Option<&'a CouncilSummary> {
    match seen.entry(key) {
        Entry::Occupied(e) => Some(*e.get()),
        Entry::Vacant(e) => {
            e.insert(council);
            None
        }
    }
}

/// What two councils share.
enum Same {
    Name,
    Address,
}

/// The warning on `second`, which has `first`'s name or address.
fn duplicate(
    content: &Path,
    first: &CouncilSummary,
    second: &CouncilSummary,
    same: Same,
    locate: bool,
) -> Diagnostic {
    let (key, problem, hint) = match same {
        Same::Name => (
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
        ),
        Same::Address => (
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
        ),
    };
    let path = content.join(&second.slug).join("site.yaml");
    let warning = Diagnostic::warning(&path, problem).hint(hint);
    // Point at the key's line, when the file can be read again (not when the site pages
    // are made from records alone).
    if locate
        && let Some(text) = load::read_again(&path)
        && let Some(line) = text.lines().position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    {
        return warning.at_source(&text, line + 1, 1, key.chars().count());
    }
    warning
}
