//! Building past one machine. `khula build --shard K/N` builds the councils that fall in
//! shard K of N (by a hash of the slug, so a council stays in its shard when others are
//! added) and writes their portals and records, but no site pages. Once the shards'
//! outputs are gathered into one folder, `khula build --site-pages` makes the site index,
//! its lists and the comparison there from the councils' records alone: no council's
//! content is read. The union is byte for byte what one build of every council writes.

use super::plan::{self, Plan};
use super::site::{self, SitePages};
use super::{Failure, Options, Report, finish, publish};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::Fnv;
use crate::model::CouncilSummary;
use crate::record::{self, Record, SiteRecord};
use rayon::prelude::*;
use std::fmt;
use std::path::Path;
use std::time::Instant;

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// The most shards a build can be split into.
pub const MAX_SHARDS: u32 = 10_000;

impl Shard {
    /// Reads `K/N`: shard K (from 1) of N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let wrong =
            || format!("\"{s}\" is not a shard: write K/N, the shard K (1 to N) of N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(wrong)?;
        let number = |t: &str| -> Result<u32, String> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(wrong());
            }
            t.parse().map_err(|_| wrong())
        };
        let (index, count) = (number(k.trim())?, number(n.trim())?);
        if count == 0 || count > MAX_SHARDS {
            return Err(format!(
                "\"{s}\": the number of shards must be from 1 to {MAX_SHARDS}"
            ));
        }
        if index == 0 || index > count {
            return Err(format!(
                "\"{s}\": the shard must be from 1 to {count}, e.g. 1/{count}"
            ));
        }
        Ok(Shard { index, count })
    }

    /// The shard (from 1) of `count` that holds the council `slug`: FNV-1a (64-bit) of the
    /// slug's bytes, its halves folded together, modulo `count`. Documented in
    /// docs/deploy.md and never to change: a council must stay in its shard.
    pub fn of(slug: &str, count: u32) -> u32 {
        let mut fnv = Fnv::new();
        fnv.write(slug.as_bytes());
        let folded = fnv.0 ^ (fnv.0 >> 32);
        (folded % u64::from(count.max(1))) as u32 + 1
    }

    /// Whether this shard holds the council `slug`.
    pub fn holds(&self, slug: &str) -> bool {
        Shard::of(slug, self.count) == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// `khula build --site-pages`: the site pages of the councils published in `opts.out`,
/// made from their records. Every folder of the output that holds a council's record is a
/// council; one whose record cannot be read, or was built with other options or themes,
/// is an error and nothing is written.
pub fn site_pages(opts: &Options) -> Result<Report, Failure> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let Some(out) = opts.out.as_deref() else {
        return Err(Failure::Usage(
            "--site-pages writes into an output folder: give --out".into(),
        ));
    };
    if !crate::fs::exists(out) {
        return Err(Failure::Usage(format!(
            "{} does not exist: build the shards into it first (khula build --shard K/N)",
            out.display()
        )));
    }
    let themes = super::themes_folder(&opts.content, opts.themes.as_deref());
    let (renderer, renderer_diags) = match plan::make_renderer(opts, &themes) {
        Ok(made) => made,
        Err(errors) => {
            for d in errors {
                diags.push(d);
            }
            return Ok(finish(diags, 0, 0, None, started));
        }
    };
    for d in &renderer_diags {
        diags.push(d.clone());
    }
    let publisher = plan::open_output(opts, out)?;
    let summaries = match read_records(publisher.out(), &renderer) {
        Ok(summaries) => summaries,
        Err(errors) => {
            publisher.abort();
            for d in errors {
                diags.push(d);
            }
            return Ok(finish(diags, 0, 0, None, started));
        }
    };
    site::warn_duplicates(&summaries, &opts.content, false, &mut diags);
    let councils = summaries.len();
    let slugs: Vec<&str> = summaries.iter().map(|s| s.slug.as_str()).collect();
    let record = SiteRecord::new(&renderer, &slugs);
    let published = SiteRecord::published(publisher.out()).filter(|p| p.same_site(&record));
    let mut site = SitePages {
        summaries,
        record,
        published,
        keep_index: false,
        keep_site: false,
        changes: false,
    };
    let plan = Plan {
        councils: Vec::new(),
        rest: Vec::new(),
        partial: false,
        shard: None,
        site_pages: true,
        themes,
        renderer,
        renderer_diags,
    };
    let mut staged = Vec::new();
    let made = site::make(
        &plan,
        &publisher,
        &mut site,
        &mut staged,
        &opts.content,
        &mut diags,
    )?;
    let Some(pages) = made.filter(|_| !diags.has_errors()) else {
        publisher.abort();
        return Ok(finish(diags, councils, 0, None, started));
    };
    let stats = publish::publish(opts, publisher, plan, site, &staged, None, &mut diags)?;
    Ok(finish(diags, councils, pages, stats, started))
}

/// The summary of every council published in `out`, sorted by slug, from its record.
/// Errors for records that cannot be read or that another renderer made.
fn read_records(
    out: &Path,
    renderer: &crate::render::Renderer,
) -> Result<Vec<CouncilSummary>, Vec<Diagnostic>> {
    let folders: Vec<String> = crate::fs::subfolders(out)
        .into_iter()
        .filter(|f| crate::load::is_valid_slug(f) && crate::load::reserved(f).is_none())
        .filter(|f| crate::fs::exists(&out.join(f).join(record::FILE)))
        .collect();
    let read: Vec<Result<CouncilSummary, Bad>> = folders
        .par_iter()
        .map(|slug| {
            let record = Record::published(out, slug).ok_or(Bad::Unreadable)?;
            if !record.made_by(renderer) {
                return Err(Bad::Other);
            }
            Ok(record.summary)
        })
        .collect();
    let mut summaries = Vec::with_capacity(read.len());
    let (mut unreadable, mut other) = (Vec::new(), Vec::new());
    for (slug, r) in folders.iter().zip(read) {
        match r {
            Ok(s) => summaries.push(s),
            Err(Bad::Unreadable) => unreadable.push(slug.as_str()),
            Err(Bad::Other) => other.push(slug.as_str()),
        }
    }
    let mut errors = Vec::new();
    if let Some(first) = unreadable.first() {
        errors.push(
            Diagnostic::error(
                out.join(first).join(record::FILE),
                some_councils(
                    &unreadable,
                    "this council's build record cannot be read",
                    "the build records of {n} councils cannot be read",
                ),
            )
            .hint(
                "build the shard that holds each of them again (khula build --shard K/N) \
                 and gather its output anew",
            ),
        );
    }
    if let Some(first) = other.first() {
        errors.push(
            Diagnostic::error(
                out.join(first).join(record::FILE),
                some_councils(
                    &other,
                    "this council was built with another --base-url or other themes than these site pages",
                    "{n} councils were built with another --base-url or other themes than these site pages",
                ),
            )
            .hint("build every shard and the site pages with the same --base-url and the same themes folder"),
        );
    }
    if summaries.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::error(out, "no council's portal was found in this folder").hint(
                "gather the outputs of every `khula build --shard K/N` into this folder first",
            ),
        );
    }
    if errors.is_empty() {
        Ok(summaries)
    } else {
        Err(errors)
    }
}

/// Why a council's record cannot serve.
enum Bad {
    Unreadable,
    Other,
}

/// `one` for a single council; for more, `many` with `{n}` their number, followed by the
/// first few: one message for many, so that a wrong option with 255,000 councils gives
/// one error, not 255,000.
fn some_councils(slugs: &[&str], one: &str, many: &str) -> String {
    if slugs.len() == 1 {
        return one.to_string();
    }
    let shown: Vec<&str> = slugs.iter().take(5).copied().collect();
    let more = if slugs.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    format!(
        "{} ({}{more})",
        many.replace("{n}", &slugs.len().to_string()),
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_bad_records_make_one_message() {
        assert_eq!(some_councils(&["a"], "one", "{n} of them"), "one");
        assert_eq!(
            some_councils(&["a", "b"], "one", "{n} of them"),
            "2 of them (a, b)"
        );
        let many: Vec<String> = (0..255_000).map(|i| format!("gp-{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            some_councils(&many, "one", "{n} of them"),
            "255000 of them (gp-0, gp-1, gp-2, gp-3, gp-4, …)"
        );
    }

    #[test]
    fn a_shard_is_read_as_k_of_n() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert_eq!(Shard::parse("1/1").unwrap().to_string(), "1/1");
        for bad in [
            "", "2", "0/4", "5/4", "a/4", "1/0", "-1/4", "1/4/2", "1/100000",
        ] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        assert!(Shard::parse("5/4").unwrap_err().contains("from 1 to 4"));
    }

    #[test]
    fn every_council_is_in_exactly_one_shard_and_stays_there() {
        let slugs: Vec<String> = (0..4000).map(|i| format!("gp-{i}")).collect();
        for n in [1, 2, 3, 4, 8, 16] {
            let mut sizes = vec![0usize; n as usize];
            for slug in &slugs {
                let k = Shard::of(slug, n);
                assert!((1..=n).contains(&k));
                let holders = (1..=n)
                    .filter(|&index| Shard { index, count: n }.holds(slug))
                    .count();
                assert_eq!(holders, 1);
                sizes[k as usize - 1] += 1;
            }
            // Even enough that no runner gets much more than its share.
            let share = slugs.len() / n as usize;
            assert!(
                sizes
                    .iter()
                    .all(|&s| s * 10 <= share * 12 && s * 10 >= share * 8),
                "{n}: {sizes:?}"
            );
        }
        // The value is fixed for ever: councils already published keep their shard.
        assert_eq!(
            [
                Shard::of("dhangadhi", 4),
                Shard::of("sreepur", 4),
                Shard::of("gulberg-town", 4)
            ],
            FIXED
        );
    }

    /// The shards of the three sample councils of 4, as first published.
    const FIXED: [u32; 3] = [4, 3, 4];
}
