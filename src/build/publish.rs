//! Step 4 of a build: publish what was staged, remove the portals of councils no longer in
//! the content, and record what the site pages were made from.

use super::plan::Plan;
use super::site::SitePages;
use super::{Failure, Memory, Options};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::write::{PublishStats, Publisher, Staged};
use std::path::Path;

/// Commits `staged`, pruning stale councils on a build of every council, and writes the
/// site record. `None` when the build found no council and would unpublish every one
/// without `--unpublish-all` (reported in `diags`).
pub(super) fn publish(
    opts: &Options,
    publisher: Publisher,
    plan: Plan,
    site: SitePages,
    staged: &[Staged],
    memory: Option<&mut Memory>,
    diags: &mut Diagnostics,
) -> Result<Option<PublishStats>, Failure> {
    // A shard removes only the stale councils that would be its own: the output may hold
    // other shards' councils too.
    let prune = if plan.partial || plan.site_pages {
        Vec::new()
    } else {
        let slugs: Vec<&str> = site.summaries.iter().map(|s| s.slug.as_str()).collect();
        let shard = plan.shard;
        publisher.stale_councils(&slugs, &|slug| shard.is_none_or(|s| s.holds(slug)))
    };
    if site.summaries.is_empty() && !prune.is_empty() && !opts.unpublish_all {
        diags.push(nothing_to_publish(opts, publisher.out(), prune.len()));
        return Ok(None);
    }
    let out = publisher.out().to_path_buf();
    // While the site pages change, there is no site record: a publish cut short leaves
    // none, and the next build makes the site pages again. The new record (with the
    // digests of the pages as now published) is written once everything is in place.
    let site_file = crate::record::SITE_FILE;
    let new_record = (!site.keep_site).then(|| site.record.to_output()).flatten();
    let record_changes = new_record
        .as_ref()
        .is_some_and(|r| !publisher.has_contents(site_file, &r.bytes));
    if site.changes || (!site.keep_site && new_record.is_none()) {
        publisher.remove_file(site_file).map_err(Failure::Io)?;
    }
    let stats = publisher.commit(staged, &prune).map_err(|e| {
        let message = format!("cannot publish: {}", e.message);
        match e.published {
            0 => Failure::Io(message),
            published => Failure::Partial { message, published },
        }
    })?;
    if (site.changes || record_changes)
        && let Some(record) = &new_record
    {
        // Without the record the next build of some councils only makes the site pages again.
        let _ = crate::write::write_after_commit(&out, site_file, &record.bytes);
    }
    if let Some(m) = memory {
        if !site.keep_site {
            m.summaries = site.summaries;
            m.out = Some(out);
        }
        m.renderer = Some((plan.renderer, plan.renderer_diags));
    }
    Ok(Some(stats))
}

/// The error of a build that finds no council where `count` are published in `out`.
fn nothing_to_publish(opts: &Options, out: &Path, count: usize) -> Diagnostic {
    Diagnostic::error(
        &opts.content,
        format!(
            "no council was found, and building would remove the {count} published in {}",
            out.display()
        ),
    )
    .hint(
        "check that --content names the folder that holds the council folders; to \
         remove every published portal, build with --unpublish-all",
    )
}
