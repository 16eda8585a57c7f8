//! What the last build of a council recorded beside its pages, so a later build can tell
//! that nothing changed without reading the council again.
//!
//! The record holds a signature of the build's inputs (every file's path, size and
//! modification time in the council folder, the folder as shown in messages, the theme
//! and the program), the warnings the council gave, and the summary the site index and
//! the comparison need. A build whose signature matches reuses the summary and replays
//! the warnings. `--site` takes the other councils' summaries from their records as they
//! are, without looking at their files: the site index and the comparison then describe
//! the portals as published, and building one council of 753 reads one council.

use crate::diagnostics::Diagnostic;
use crate::load::CouncilDir;
use crate::model::CouncilSummary;
use crate::render::{Output, Renderer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// File name of the record inside a council's output folder.
pub const FILE: &str = ".khula-build.json";

/// Format of the record; a record in another format is ignored (the council is rebuilt).
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    format: u32,
    /// The signature of the inputs the council was built from.
    pub inputs: String,
    /// The council's own theme, if any (it is part of the signature).
    pub theme: Option<String>,
    pub warnings: Vec<Diagnostic>,
    pub summary: CouncilSummary,
    /// How many pages the build made, for the report of a later build that keeps them
    /// (absent from the records of earlier versions: the pages are then counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
}

/// The signature of a council's inputs: its files (`files`, from `fs::tree_signature`:
/// stat only, nothing is read), how its folder is shown in messages, and the renderer with
/// the council's theme.
pub fn inputs(files: &str, dir: &CouncilDir, renderer: &Renderer, theme: Option<&str>) -> String {
    format!(
        "{files} {} {}",
        crate::hash::fingerprint(dir.shown.to_string_lossy().as_bytes()),
        renderer.signature(theme)
    )
}

impl Record {
    pub fn new(
        inputs: String,
        theme: Option<String>,
        warnings: impl IntoIterator<Item = Diagnostic>,
        summary: CouncilSummary,
    ) -> Record {
        Record {
            format: FORMAT,
            inputs,
            theme,
            warnings: warnings.into_iter().filter(|d| !d.is_error()).collect(),
            summary,
            pages: None,
        }
    }

    /// Whether this record's summary shows `summary`'s names and places, exactly.
    pub fn has_listing(&self, summary: &CouncilSummary) -> bool {
        let listing = |s: &CouncilSummary| {
            let CouncilSummary {
                slug,
                name,
                kind,
                default_lang,
                languages,
                country,
                province,
                district,
                figures: _,
                base_url: _,
            } = s;
            serde_json::to_vec(&(
                slug,
                name,
                kind,
                default_lang,
                languages,
                country,
                province,
                district,
            ))
            .ok()
        };
        listing(&self.summary) == listing(summary)
    }

    /// Whether this record's summary has `summary`'s figures, exactly.
    pub fn has_figures(&self, summary: &CouncilSummary) -> bool {
        serde_json::to_vec(&self.summary.figures).ok() == serde_json::to_vec(&summary.figures).ok()
    }

    /// The record of the council published in `out/<slug>/`: what its pages show now.
    pub fn published(out: &Path, slug: &str) -> Option<Record> {
        Record::parse(&crate::load::output::council_file(out, slug, FILE)?, slug)
    }

    /// A record as written in its file, for the council `slug`; `None` when it is of
    /// another format or another council.
    pub fn parse(text: &str, slug: &str) -> Option<Record> {
        let record: Record = serde_json::from_str(text).ok()?;
        (record.format == FORMAT && record.summary.slug == slug).then_some(record)
    }

    /// Whether the council's inputs are still those it was built from; `files` is the
    /// folder's `fs::tree_signature`.
    pub fn is_current(&self, dir: &CouncilDir, files: &str, renderer: &Renderer) -> bool {
        self.inputs == inputs(files, dir, renderer, self.theme.as_deref())
    }

    /// Whether the council was built with `renderer`'s theme and options (by this
    /// program or another copy of it).
    pub fn made_by(&self, renderer: &Renderer) -> bool {
        self.inputs.ends_with(&format!(
            "/{}",
            renderer.options_signature(self.theme.as_deref())
        ))
    }

    /// The record as a file of the council's output (`None` if it cannot be written, e.g.
    /// a path that is not UTF-8: the council is then simply rebuilt next time).
    pub fn to_output(&self) -> Option<Output> {
        serde_json::to_vec(self).ok().map(|bytes| Output {
            path: FILE.to_string(),
            bytes,
        })
    }
}

/// File name of the site record, at the root of the output beside the site index.
pub const SITE_FILE: &str = ".khula-site.json";

/// What the site pages (the index and the comparison) were made from, published with
/// them: the renderer and which councils. A build of some councils that leaves each
/// council's summary as its record had it, under the same renderer and with the same
/// councils, would make the same site pages, and keeps them.
///
/// This holds because every build that publishes either makes the site pages from the
/// summaries in the councils' records or keeps them on this test, so published site pages
/// always show the records' summaries. A build that makes the site pages removes the site
/// record before publishing and writes it after, so a publish cut short leaves none.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteRecord {
    format: u32,
    /// `Renderer::signature` for the site pages (the default theme).
    renderer: String,
    /// A fingerprint of the councils' slugs, in order.
    councils: String,
    /// The digest of what each comparison table page shows, by path inside `compare/`
    /// (`render::compare::CompareFiles::digests`): a page whose digest is unchanged under
    /// the same renderer is kept as published.
    #[serde(default)]
    pub pages: BTreeMap<String, String>,
}

impl SiteRecord {
    pub fn new(renderer: &Renderer, slugs: &[&str]) -> SiteRecord {
        SiteRecord {
            format: FORMAT,
            renderer: renderer.signature(None),
            councils: crate::hash::fingerprint(slugs.join("\n").as_bytes()),
            pages: BTreeMap::new(),
        }
    }

    /// Whether both records describe site pages made by the same renderer from the same
    /// councils (the page digests aside).
    pub fn same_site(&self, other: &SiteRecord) -> bool {
        self.format == other.format
            && self.renderer == other.renderer
            && self.councils == other.councils
    }

    pub fn published(out: &Path) -> Option<SiteRecord> {
        serde_json::from_str(&crate::load::output::site_file(out, SITE_FILE)?).ok()
    }

    pub fn to_output(&self) -> Option<Output> {
        serde_json::to_vec(self).ok().map(|bytes| Output {
            path: SITE_FILE.to_string(),
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, FiscalYear};
    use crate::model::summary::{BudgetFigures, Figures, YearFigures};
    use crate::text::Text;

    #[test]
    fn a_record_reads_back_as_written() {
        let mut name = Text::plain("Dhangadhi");
        name.set("ne", "धनगढी");
        let mut years = std::collections::BTreeMap::new();
        years.insert(
            FiscalYear { start_year: 2080 },
            YearFigures {
                budget: Some(BudgetFigures {
                    allocated: crate::numbers::Amount::from_units(1_234_567).unwrap(),
                    spent: None,
                    execution: Some(100.0 / 3.0),
                    sectors: Default::default(),
                }),
                ..YearFigures::default()
            },
        );
        let summary = CouncilSummary {
            slug: "dhangadhi".into(),
            name,
            kind: None,
            default_lang: "ne".into(),
            languages: vec!["ne".into(), "en".into()],
            country: "NP".into(),
            province: Some(Text::plain("Sudurpashchim")),
            district: None,
            base_url: None,
            figures: Figures {
                population: Some(204_788),
                calendar: Some(Calendar::BikramSambat),
                years,
                ..Figures::default()
            },
        };
        let warning = Diagnostic::warning("content/x/pages/a.md", "odd").at(3, 4);
        let error = Diagnostic::error("content/x/site.yaml", "bad");
        let record = Record::new("sig".into(), None, [warning.clone(), error], summary);
        let bytes = record.to_output().unwrap().bytes;
        let back: Record = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.warnings, vec![warning]);
        assert_eq!(back.summary.name, record.summary.name);
        assert_eq!(back.summary.province, record.summary.province);
        let year = &back.summary.figures.years[&FiscalYear { start_year: 2080 }];
        let budget = year.budget.as_ref().unwrap();
        assert_eq!(budget.execution, Some(100.0 / 3.0));
        assert_eq!(
            budget.allocated,
            crate::numbers::Amount::from_units(1_234_567).unwrap()
        );
        assert_eq!(serde_json::to_vec(&back).unwrap(), bytes);
        // Read from its file, a record is only taken for its own council and format.
        let text = String::from_utf8(bytes).unwrap();
        let slug = record.summary.slug.clone();
        assert!(Record::parse(&text, &slug).is_some());
        assert!(Record::parse(&text, "another-council").is_none());
        let other_format = text.replacen("\"format\":1", "\"format\":99", 1);
        assert_ne!(other_format, text);
        assert!(Record::parse(&other_format, &slug).is_none());
        assert!(Record::parse("{", &slug).is_none());
    }
}
