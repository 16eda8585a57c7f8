//! The build: load → validate and model → render → write, council by council in parallel,
//! publishing only what changed.
//!
//! [`run`] reads as its steps: [`plan`] finds the councils and what changed since the
//! records of the last build, [`council`] builds each changed council on its own thread
//! (and drops it before taking the next, so memory stays flat however many there are),
//! [`site`] decides whether the site pages must be made again and makes them, and
//! [`publish`] swaps the result into the output and records it. Results are merged in slug
//! order, so output is the same whatever the thread count. docs/architecture.md tells the
//! whole story.

mod council;
mod plan;
mod publish;
mod shard;
mod site;

pub use shard::{MAX_SHARDS, Shard};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::CouncilSummary;
use crate::render::Renderer;
use crate::write::PublishStats;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub content: PathBuf,
    /// Where portals are written; `None` checks without writing.
    pub out: Option<PathBuf>,
    /// Theme overrides; by default `themes/` beside the content folder (see [`themes_folder`]).
    pub themes: Option<PathBuf>,
    /// Build only these councils (all when empty). The others' output is left untouched,
    /// but the site index still lists every council.
    pub sites: Vec<String>,
    /// Write into an existing folder that Khula did not make (`--claim-out`).
    pub claim_out: bool,
    /// Let a build that finds no council remove every published one (`--unpublish-all`).
    pub unpublish_all: bool,
    /// The address of a mirror (an `http(s)` address ending in `/`): pages without an
    /// official address of their own name the mirror's as canonical, and the others say
    /// they are a mirror and link to the official portal.
    pub base_url: Option<String>,
    /// Show a bar on standard error once the work has taken over a second.
    pub progress: bool,
    /// Build only the councils of this shard, and no site pages (`--shard K/N`).
    pub shard: Option<Shard>,
    /// Make only the site pages, from the records of the councils in the output
    /// (`--site-pages`); no council's content is read.
    pub site_pages: bool,
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

/// The folder of theme overrides: `themes` when given, else `themes/` beside the content
/// folder. `build` and `serve` both find it here.
pub fn themes_folder(content: &Path, themes: Option<&Path>) -> PathBuf {
    themes.map_or_else(
        || {
            content
                .parent()
                .map_or_else(|| PathBuf::from("themes"), |p| p.join("themes"))
        },
        Path::to_path_buf,
    )
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

/// Builds (or, without `opts.out`, checks) the councils under `opts.content`. `memory`,
/// when given, carries what one build can lend the next (see [`Memory`]).
pub fn run(opts: &Options, mut memory: Option<&mut Memory>) -> Result<Report, Failure> {
    if opts.site_pages {
        return shard::site_pages(opts);
    }
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    // 1. Plan: the councils, the renderer, the output, what changed since the records.
    let Some((plan, publisher)) = plan::plan(opts, memory.as_deref_mut(), &mut diags)? else {
        return Ok(finish(diags, 0, 0, None, started));
    };
    // 2. Build the changed councils, each on its own thread.
    let built = council::build_all(&plan, publisher.as_ref(), opts.progress, started);
    let (mut done, summaries) = built.merge(&mut diags);
    // 3. Decide the site pages: kept as published, or made from every council's summary.
    let mut site = site::decide(
        &plan,
        publisher.as_ref(),
        done.same,
        summaries,
        memory.as_deref_mut(),
    );
    site::warn_duplicates(&site.summaries, &opts.content, true, &mut diags);
    let Some(publisher) = publisher else {
        return Ok(finish(diags, done.councils, done.pages, None, started));
    };
    // Nothing is published while anything is wrong.
    if diags.has_errors() || !done.io_errors.is_empty() {
        publisher.abort();
        if let Some(e) = done.io_errors.into_iter().next() {
            return Err(Failure::Io(e));
        }
        return Ok(finish(diags, done.councils, done.pages, None, started));
    }
    let Some(site_pages) = site::make(
        &plan,
        &publisher,
        &mut site,
        &mut done.staged,
        &opts.content,
        &mut diags,
    )?
    else {
        publisher.abort();
        return Ok(finish(diags, done.councils, done.pages, None, started));
    };
    // 4. Publish: swap what was staged into place, prune, write the site record.
    let Some(stats) = publish::publish(
        opts,
        publisher,
        plan,
        site,
        &done.staged,
        memory,
        &mut diags,
    )?
    else {
        return Ok(finish(diags, 0, 0, None, started));
    };
    let pages = done.pages + site_pages;
    let mut report = finish(diags, done.councils, pages, Some(stats), started);
    report.unchanged_warnings = done.unchanged_warnings;
    Ok(report)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_themes_folder_is_the_one_given_or_beside_the_content() {
        let content = Path::new("work/content");
        assert_eq!(themes_folder(content, None), PathBuf::from("work/themes"));
        assert_eq!(
            themes_folder(content, Some(Path::new("elsewhere"))),
            PathBuf::from("elsewhere")
        );
        assert_eq!(themes_folder(Path::new(""), None), PathBuf::from("themes"));
    }
}
