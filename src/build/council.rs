//! Step 2 of a build: each council that changed is read, modelled, rendered and staged on
//! its own thread, and dropped before the thread takes the next.

use super::plan::{self, Change, Plan};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CouncilDir};
use crate::model::{self, Council, CouncilSummary};
use crate::record::{self, Record};
use crate::render::{CouncilInputs, Output, bundle_name};
use crate::write::{Publisher, Staged};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Whether a council's new summary is the one its previous record held: the part the site
/// index shows (names and places), and its figures (shown in the comparison).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Sameness {
    pub listing: bool,
    pub figures: bool,
}

/// What building one council gave.
#[derive(Default)]
struct CouncilResult {
    diags: Diagnostics,
    summary: Option<CouncilSummary>,
    pages: usize,
    staged: Option<Staged>,
    io_error: Option<String>,
    /// How the council's summary compares with the one its previous record held (see
    /// [`crate::record::SiteRecord`]).
    same: Sameness,
    /// Warnings its last build showed, when it is unchanged since.
    unchanged_warnings: usize,
}

/// What building every chosen council gave, in slug order.
pub(super) struct Built(Vec<CouncilResult>);

/// The councils built, merged.
pub(super) struct Done {
    /// Councils that could be built.
    pub councils: usize,
    pub pages: usize,
    pub staged: Vec<Staged>,
    pub io_errors: Vec<String>,
    pub unchanged_warnings: usize,
    /// Whether every council built kept the listing and the figures its record held.
    pub same: Sameness,
}

impl Built {
    /// Merges the councils' results, their diagnostics into `diags`; with the summaries.
    pub fn merge(self, diags: &mut Diagnostics) -> (Done, Vec<CouncilSummary>) {
        let mut done = Done {
            councils: 0,
            pages: 0,
            staged: Vec::new(),
            io_errors: Vec::new(),
            unchanged_warnings: 0,
            same: Sameness {
                listing: self.0.iter().all(|r| r.same.listing),
                figures: self.0.iter().all(|r| r.same.figures),
            },
        };
        let mut summaries = Vec::new();
        for r in self.0 {
            done.unchanged_warnings += r.unchanged_warnings;
            diags.extend(r.diags);
            summaries.extend(r.summary);
            done.staged.extend(r.staged);
            done.io_errors.extend(r.io_error);
            done.pages += r.pages;
        }
        done.councils = summaries.len();
        (done, summaries)
    }
}

/// Builds every council of `plan`, in parallel, with a progress bar when `progress` and
/// the work has taken over a second.
pub(super) fn build_all(
    plan: &Plan,
    publisher: Option<&Publisher>,
    progress: bool,
    started: Instant,
) -> Built {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(plan.councils.len() as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} councils {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let shown = AtomicBool::new(false);
    let results = plan
        .councils
        .par_iter()
        .map(|dir| {
            let change = plan::what_changed(dir, &plan.renderer, publisher);
            let result = build(dir, change, plan, publisher);
            if progress && started.elapsed().as_secs() >= 1 && !shown.swap(true, Ordering::Relaxed)
            {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    Built(results)
}

/// Builds one council: taken as published when unchanged, else read, modelled, checked,
/// rendered and staged.
fn build(
    dir: &CouncilDir,
    change: Change,
    plan: &Plan,
    publisher: Option<&Publisher>,
) -> CouncilResult {
    let (files, previous) = match change {
        Change::Unchanged(record) => return unchanged(dir, record, publisher),
        Change::Changed { files, previous } => (files, previous),
    };
    let mut diags = Diagnostics::new();
    let Some(council) = read(dir, plan, &mut diags) else {
        return failed(diags);
    };
    let summary = CouncilSummary::of(&council);
    // Checking a council that uses the built-in theme needs no rendering: its templates are
    // fixed and tested, so only a theme of the council's own can fail at this stage.
    if publisher.is_none() && council.site.theme.is_none() {
        return CouncilResult {
            diags,
            summary: Some(summary),
            ..CouncilResult::default()
        };
    }
    // The theme named in site.yaml is only known after reading it, so the new record's
    // signature is made here.
    let record = files.map(|files| {
        let theme = council.site.theme.clone();
        let inputs = record::inputs(&files, dir, &plan.renderer, theme.as_deref());
        Record::new(inputs, theme, diags.iter().cloned(), summary.clone())
    });
    let same = previous
        .as_ref()
        .map(|p| Sameness {
            listing: p.has_listing(&summary),
            figures: p.has_figures(&summary),
        })
        .unwrap_or_default();
    let outputs = match render(dir, &council, plan, publisher, record.as_ref()) {
        Ok(outputs) => outputs,
        Err(d) => {
            diags.push(d);
            return failed(diags);
        }
    };
    let result = CouncilResult {
        diags,
        summary: Some(summary),
        pages: outputs.iter().filter(|o| o.path.ends_with(".html")).count(),
        ..CouncilResult::default()
    };
    match publisher {
        Some(publisher) => stage(result, publisher, &council.slug, &outputs, same),
        None => result,
    }
}

/// A council that could not be built, with the reasons.
fn failed(diags: Diagnostics) -> CouncilResult {
    CouncilResult {
        diags,
        ..CouncilResult::default()
    }
}

/// The council's portal with its `record`: the files it links to and its previous
/// bundle are read for the renderer.
fn render(
    dir: &CouncilDir,
    council: &Council,
    plan: &Plan,
    publisher: Option<&Publisher>,
    record: Option<&Record>,
) -> Result<Vec<Output>, Diagnostic> {
    let inputs = CouncilInputs {
        linked: load::listing::read_files(dir, council.linked_files()),
        previous_bundle: publisher
            .filter(|_| plan.renderer.options.bundle)
            .and_then(|p| load::output::bundle(p.out(), &dir.slug, &bundle_name(&dir.slug))),
    };
    let mut outputs = plan.renderer.render_council(council, inputs)?;
    if let Some(record) = record {
        let pages = outputs.iter().filter(|o| o.path.ends_with(".html")).count();
        let mut record = record.clone();
        record.pages = Some(pages);
        outputs.extend(record.to_output());
    }
    Ok(outputs)
}

/// Stages the council's `outputs`; `same` says how its summary compares with its record's.
fn stage(
    mut result: CouncilResult,
    publisher: &Publisher,
    slug: &str,
    outputs: &[Output],
    same: Sameness,
) -> CouncilResult {
    match publisher.stage(slug, outputs) {
        Ok(staged) => {
            result.staged = Some(staged);
            result.same = same;
        }
        Err(e) => {
            let at = publisher.out().join(slug);
            result.io_error = Some(format!("{}: cannot write: {e}", at.display()));
        }
    }
    result
}

/// An unchanged council: its published folder is kept and its record's summary used.
fn unchanged(dir: &CouncilDir, record: Record, publisher: Option<&Publisher>) -> CouncilResult {
    let staged = publisher.map(|p| p.unchanged(&dir.slug, record.pages.is_none()));
    let pages = record.pages.unwrap_or_else(|| {
        staged.as_ref().map_or(0, |s| {
            s.files.iter().filter(|f| f.ends_with(".html")).count()
        })
    });
    CouncilResult {
        unchanged_warnings: record.warnings.len(),
        same: Sameness {
            listing: true,
            figures: true,
        },
        summary: Some(record.summary),
        pages,
        staged,
        ..CouncilResult::default()
    }
}

/// Reads and models the council, checking that the theme it names exists. `None` when it
/// has errors (reported in `diags`).
fn read(dir: &CouncilDir, plan: &Plan, diags: &mut Diagnostics) -> Option<Council> {
    let files = load::read_council(dir, diags);
    let council = model::resolve(&files, diags)?;
    drop(files);
    if let Some(theme) = &council.site.theme
        && plan.renderer.theme(Some(theme)).files.name != *theme
    {
        diags.push(
            Diagnostic::error(
                dir.shown.join("site.yaml"),
                format!("theme {theme} does not exist in {}", plan.themes.display()),
            )
            .hint("create the theme folder, or remove the theme: line to use the default theme"),
        );
    }
    (!diags.has_errors()).then_some(council)
}
