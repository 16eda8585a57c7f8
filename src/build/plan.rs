//! Step 1 of a build: which councils there are, which of them to build, the renderer to
//! build them with, the output to publish into, and, from each council's record, whether
//! it changed since its last build.

use super::shard::Shard;
use super::{Failure, Memory, Options, themes_folder};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CouncilDir};
use crate::record::Record;
use crate::render::{RenderOptions, Renderer};
use crate::write::Publisher;
use std::path::{Path, PathBuf};

/// What a build works on.
pub(super) struct Plan {
    /// The councils to build, sorted by slug.
    pub councils: Vec<CouncilDir>,
    /// When some councils are built into an output, the others: they still appear in the
    /// site index and the comparison, from their records.
    pub rest: Vec<CouncilDir>,
    /// Whether only the councils named by `--site` are built.
    pub partial: bool,
    /// The shard built (`--shard K/N`): its councils and no site pages.
    pub shard: Option<Shard>,
    /// Whether this build makes only the site pages, from the records (`--site-pages`).
    pub site_pages: bool,
    pub themes: PathBuf,
    pub renderer: Renderer,
    /// The warnings making the renderer gave (it may come from [`Memory`]).
    pub renderer_diags: Vec<Diagnostic>,
}

/// Finds the councils, makes (or takes from `memory`) the renderer and opens the output.
/// `None` when the default theme cannot be compiled (the reasons are in `diags`).
pub(super) fn plan(
    opts: &Options,
    memory: Option<&mut Memory>,
    diags: &mut Diagnostics,
) -> Result<Option<(Plan, Option<Publisher>)>, Failure> {
    let councils =
        load::discover(&opts.content, &opts.content, diags).map_err(|e| Failure::Usage(e.0))?;
    for slug in &opts.sites {
        if !councils.iter().any(|c| &c.slug == slug) {
            return Err(Failure::Usage(format!(
                "there is no council {slug} in {}",
                opts.content.display()
            )));
        }
    }
    let themes = themes_folder(&opts.content, opts.themes.as_deref());
    let remembered = match memory {
        Some(m) if !opts.sites.is_empty() => m.renderer.take(),
        _ => None,
    };
    let (renderer, renderer_diags) = match remembered {
        Some(remembered) => remembered,
        None => match make_renderer(opts, &themes) {
            Ok(made) => made,
            Err(made) => {
                for d in made {
                    diags.push(d);
                }
                return Ok(None);
            }
        },
    };
    for d in &renderer_diags {
        diags.push(d.clone());
    }
    let publisher = match &opts.out {
        Some(out) => Some(open_output(opts, out)?),
        None => None,
    };
    let mut councils = councils;
    if let Some(shard) = opts.shard {
        councils.retain(|c| shard.holds(&c.slug));
    }
    let (councils, rest) = choose(councils, &opts.sites, publisher.is_some());
    let plan = Plan {
        councils,
        rest,
        partial: !opts.sites.is_empty(),
        shard: opts.shard,
        site_pages: false,
        themes,
        renderer,
        renderer_diags,
    };
    Ok(Some((plan, publisher)))
}

/// Compiles the default theme and every theme in `themes`; the warnings it gave, or the
/// errors when the default theme cannot be compiled.
pub(super) fn make_renderer(
    opts: &Options,
    themes: &Path,
) -> Result<(Renderer, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut made = Diagnostics::new();
    // The default theme first: a folder `themes/default` cannot replace it.
    let names = std::iter::once(None).chain(load::theme_names(themes).into_iter().map(Some));
    let files: Vec<_> = names
        .map(|name| load::theme::load(themes, name.as_deref(), &mut made))
        .collect();
    let renderer = Renderer::new(
        RenderOptions {
            base_url: opts.base_url.clone(),
            bundle: opts.out.is_some(),
            today: Some(crate::calendar::today()),
        },
        files,
        program(),
        &mut made,
    );
    let made: Vec<Diagnostic> = made.iter().cloned().collect();
    match renderer {
        Some(renderer) => Ok((renderer, made)),
        None => Err(made),
    }
}

/// This program: its version, and a fingerprint of when its executable was built, so that
/// a rebuilt program builds every council again.
fn program() -> String {
    let built = std::env::current_exe()
        .ok()
        .and_then(|p| crate::fs::modified_nanos(&p))
        .unwrap_or_default()
        .to_string();
    format!(
        "{}/{}",
        env!("CARGO_PKG_VERSION"),
        crate::hash::fingerprint(built.as_bytes())
    )
}

/// The councils to build and, when `publishing` some of them, the others.
fn choose(
    councils: Vec<CouncilDir>,
    sites: &[String],
    publishing: bool,
) -> (Vec<CouncilDir>, Vec<CouncilDir>) {
    if sites.is_empty() {
        return (councils, Vec::new());
    }
    let (chosen, others): (Vec<CouncilDir>, Vec<CouncilDir>) =
        councils.into_iter().partition(|c| sites.contains(&c.slug));
    (chosen, if publishing { others } else { Vec::new() })
}

/// Checks that `out` may be written by this build (see [`crate::write::may_write`]), then
/// takes it (see [`Publisher::new`]).
pub(super) fn open_output(opts: &Options, out: &Path) -> Result<Publisher, Failure> {
    crate::write::may_write(out, &opts.content, opts.claim_out).map_err(Failure::Usage)?;
    let waiting = |out: &Path| {
        eprintln!(
            "another build is writing to {}; waiting for it to finish",
            out.display()
        );
    };
    Publisher::new(out, &waiting)
        .map_err(|e| Failure::Io(format!("{}: cannot prepare output: {e}", out.display())))
}

/// How a council stands against the record of its last build.
pub(super) enum Change {
    /// Its files, theme and options are as they were at its last build: its pages would
    /// come out byte for byte the same, so it is not read or rendered again.
    Unchanged(Record),
    /// It is built. `files` is the signature of its files (when publishing), taken before
    /// anything is read: a file saved during the build then makes the next build see a
    /// change, never the reverse. `previous` is its last record, if any.
    Changed {
        files: Option<String>,
        previous: Option<Record>,
    },
}

/// Whether the council in `dir` changed since the build that `publisher`'s output records.
pub(super) fn what_changed(
    dir: &CouncilDir,
    renderer: &Renderer,
    publisher: Option<&Publisher>,
) -> Change {
    let Some(publisher) = publisher else {
        return Change::Changed {
            files: None,
            previous: None,
        };
    };
    let mut files = load::signature(dir);
    // Notices, tenders and meetings turn past as days go by: such a council is built again
    // each day.
    if let Some(today) = renderer.options.today
        && load::has_dated_kinds(dir)
    {
        files.push_str(&format!("/{today}"));
    }
    let previous = Record::published(publisher.out(), &dir.slug);
    match previous {
        Some(record) if record.is_current(dir, &files, renderer) => Change::Unchanged(record),
        previous => Change::Changed {
            files: Some(files),
            previous,
        },
    }
}
