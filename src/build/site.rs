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
use std::collections::{BTreeMap, HashMap, HashSet, btree_map, hash_map::Entry};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

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
        && publisher.is_some_and(|p| {
            published.is_some()
                && site_is_published(p, &plan.renderer.theme(None).css_name, &plan.rest)
        });
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
    let stager = Stager::new(publisher, &site.summaries);
    let made = site_files(&plan.renderer, &site.summaries, index, &previous, &stager);
    let (kept, digests) = match made {
        Ok(made) => made,
        Err(d) => {
            diags.push(d);
            return Ok(None);
        }
    };
    let (folders, pages) = match stager.finish(&kept) {
        Ok(done) => done,
        Err(Problem::Io(message)) => return Err(Failure::Io(message)),
        Err(Problem::Clash(slug)) => {
            diags.push(clash(content, &slug));
            return Ok(None);
        }
    };
    site.record.pages = digests;
    for s in folders {
        site.changes |= s.whole || !s.changed.is_empty();
        staged.push(s);
    }
    Ok(Some(pages))
}

/// What stops the site pages from being staged.
enum Problem {
    /// Writing to staging failed (the message names the path).
    Io(String),
    /// A council's folder has the name of a folder of the site pages.
    Clash(String),
}

/// Stages the site pages as the renderer hands them over, a batch at a time, so that the
/// pages of a large site are never all held at once.
struct Stager<'a> {
    publisher: &'a Publisher,
    councils: HashSet<&'a str>,
    state: Mutex<Staging>,
}

#[derive(Default)]
struct Staging {
    /// By top folder of the output (`""` for the files at its root).
    folders: BTreeMap<String, Staged>,
    pages: usize,
    problem: Option<Problem>,
}

impl<'a> Stager<'a> {
    fn new(publisher: &'a Publisher, summaries: &'a [CouncilSummary]) -> Stager<'a> {
        Stager {
            publisher,
            councils: summaries.iter().map(|s| s.slug.as_str()).collect(),
            state: Mutex::new(Staging::default()),
        }
    }

    /// Stages `files` (paths from the top of the output); after a problem, nothing more.
    fn take(&self, files: Vec<Output>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.problem.is_some() {
            return;
        }
        for (folder, outputs) in by_folder(files) {
            if self.councils.contains(folder.as_str()) {
                state.problem = Some(Problem::Clash(folder));
                return;
            }
            state.pages += outputs.iter().filter(|o| o.path.ends_with(".html")).count();
            if let Err(e) = stage(self.publisher, &mut state.folders, &folder, &outputs) {
                state.problem = Some(e);
                return;
            }
        }
    }

    /// Adds the comparison pages `kept` as published; every folder staged, in order, and
    /// the number of pages.
    fn finish(self, kept: &[String]) -> Result<(Vec<Staged>, usize), Problem> {
        let publisher = self.publisher;
        let mut state = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(problem) = state.problem.take() {
            return Err(problem);
        }
        if !kept.is_empty() {
            stage(publisher, &mut state.folders, compare::FOLDER, &[])?;
            if let Some(staged) = state.folders.get_mut(compare::FOLDER) {
                publisher.keep(staged, kept).map_err(|e| {
                    let at = publisher.out().join(compare::FOLDER);
                    Problem::Io(format!("{}: {e}", at.display()))
                })?;
            }
            state.pages += kept.iter().filter(|p| p.ends_with(".html")).count();
        }
        Ok((state.folders.into_values().collect(), state.pages))
    }
}

/// Stages `outputs` (paths inside `folder`) into the folder's staging, begun if need be.
fn stage(
    publisher: &Publisher,
    folders: &mut BTreeMap<String, Staged>,
    folder: &str,
    outputs: &[Output],
) -> Result<(), Problem> {
    let io = |e: std::io::Error| {
        let at = publisher.out().join(folder);
        Problem::Io(format!("{}: {e}", at.display()))
    };
    let staged = match folders.entry(folder.to_string()) {
        btree_map::Entry::Occupied(e) => e.into_mut(),
        btree_map::Entry::Vacant(e) => e.insert(publisher.begin(folder, &[]).map_err(io)?),
    };
    publisher.stage_more(staged, outputs).map_err(io)
}

/// The error on a council whose folder name the site's own pages use.
fn clash(content: &Path, slug: &str) -> Diagnostic {
    Diagnostic::error(
        content.join(slug),
        format!("the folder name {slug} is used by the site's own pages"),
    )
    .hint("rename the council's folder (its slug), e.g. add the district name")
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

/// Makes the site index with its lists (when `index`) and the comparison across councils
/// (but for the pages `previous` shows to be current), handing them to `stager` as they
/// come; the comparison pages kept as published and the digest of every comparison table
/// page.
fn site_files(
    renderer: &Renderer,
    summaries: &[CouncilSummary],
    index: bool,
    previous: &Previous,
    stager: &Stager,
) -> Result<(Vec<String>, BTreeMap<String, String>), Diagnostic> {
    let into_compare = |files: Vec<Output>| {
        stager.take(
            files
                .into_iter()
                .map(|o| Output {
                    path: format!("{}/{}", compare::FOLDER, o.path),
                    bytes: o.bytes,
                })
                .collect(),
        );
    };
    let (pages, compare) = rayon::join(
        || {
            if index {
                renderer.render_index_into(summaries, &|files| stager.take(files))
            } else {
                Ok(())
            }
        },
        || renderer.render_compare_into(summaries, Some(previous), &into_compare),
    );
    pages?;
    let compare = compare?;
    Ok((compare.kept, compare.digests))
}

/// Whether the site pages are published (their record is checked beforehand), and every
/// council in `dirs` with a record (its summary as the site pages show it). Records are
/// only looked for, not read: a build writes a council's record with its pages, so a
/// record that cannot be read is one the user damaged, and a full build repairs it.
fn site_is_published(publisher: &Publisher, css: &str, dirs: &[CouncilDir]) -> bool {
    publisher.has_file("index.html")
        && publisher.has_file(css)
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
