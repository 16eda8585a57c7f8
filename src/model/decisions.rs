//! `decisions.csv` and `decisions/<ref>.md`: council and executive decisions.

use crate::calendar::{Date, FiscalYear};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::listing::Listing;
use crate::load::{Column, Schema, SourceFile, Table, markdown, yaml};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::model::refs::Refs;
use crate::text::Text;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

crate::load::table::columns! {
    /// The columns of decisions.csv, in the order the header check lists them.
    pub enum Col {
        Date: Column::required("date"),
        Title: Column::required("title").text(),
        Ref: Column::optional("ref"),
        Body: Column::optional("body").text(),
        Summary: Column::optional("summary").text(),
        Status: Column::optional("status").text(),
        Document: Column::optional("document"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        DateAd: Column::optional("date_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Decision {
    pub line: usize,
    pub date: Date,
    pub fiscal_year: FiscalYear,
    pub title: Text,
    pub reference: Option<String>,
    pub body: Option<Text>,
    pub summary: Option<Text>,
    pub status: Option<Text>,
    pub document: Option<Target>,
    /// Full text (markdown) from `decisions/<ref>.md`.
    pub full_text: Option<String>,
    /// File name stem for the decision's own page, when it has full text.
    pub page: Option<String>,
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Decisions {
    pub items: Vec<Decision>,
}

impl Decisions {
    /// Fiscal years present, newest first, with the indexes of their decisions.
    pub fn by_fiscal_year(&self) -> Vec<(FiscalYear, Vec<usize>)> {
        let mut map: BTreeMap<FiscalYear, Vec<usize>> = BTreeMap::new();
        for (i, d) in self.items.iter().enumerate() {
            map.entry(d.fiscal_year).or_default().push(i);
        }
        map.into_iter().rev().collect()
    }
}

/// Front matter of a full text. `title` and `date` are accepted so a text file can carry
/// them for its readers, but the row in decisions.csv is what gets published.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "title and date are accepted for the readers of the text file, never read"
)]
struct FrontMatter {
    #[serde(rename = "ref")]
    reference: Option<String>,
    title: Option<Text>,
    date: Option<String>,
}

/// A file-name-safe form of a decision reference: `2080/81-12` -> `2080-81-12`.
/// The longest page name a ref may make, in characters (ASCII, so also bytes).
pub const MAX_PAGE_NAME: usize = 100;

pub fn page_name(reference: &str) -> String {
    let mut out = String::new();
    for c in reference.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(['-', '.']).to_string()
}

pub fn resolve(
    table: &Table,
    texts: &[SourceFile],
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Decisions> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::with_capacity(table.len());
    let mut refs = Refs::new("decision");
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let date = dates::required_date(&row, Col::Date, dating, diags);
        let title = row.required_text(Col::Title, diags);
        let reference = row.str(Col::Ref).map(str::to_string);
        if let Some(r) = &reference {
            refs.check(&row, Col::Ref, r, diags);
        }
        let document = files::link_cell(&row, Col::Document, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(date), Some(title)) = (date, title) else {
            continue;
        };
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Decision {
            line: row.line(),
            date,
            fiscal_year: FiscalYear::containing(dating.calendar, dating.fiscal_year_start, date),
            title,
            reference,
            body: optional_text(Col::Body),
            summary: optional_text(Col::Summary),
            status: optional_text(Col::Status),
            document,
            full_text: None,
            page: None,
        });
    }
    attach_texts(&mut items, texts, refs.seen(), diags);
    items.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.reference.cmp(&a.reference))
    });
    Some(Decisions { items })
}

/// 1-based line of the `ref:` key in a text's front matter, or of the front matter's start.
fn ref_line(fm: &markdown::FrontMatter<'_>) -> usize {
    let at = fm
        .yaml
        .lines()
        .position(|l| l.trim_start().starts_with("ref:"))
        .unwrap_or(0);
    at + 1 + fm.yaml_line_offset
}

/// Joins `decisions/<ref>.md` files to their rows by the front matter's `ref`
/// (or, without one, the file name).
fn attach_texts(
    items: &mut [Decision],
    texts: &[SourceFile],
    refs_in_csv: &BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) {
    let mut attached: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    // Each row's page name, to find a text's row without a pass over every row (the first
    // row of a name, as a search in order would find it).
    let mut by_page: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for (i, d) in items.iter().enumerate() {
        if let Some(r) = &d.reference {
            by_page.entry(page_name(r)).or_insert(i);
        }
    }
    for file in texts {
        let Some(fm) = markdown::split_or_report(file, diags) else {
            continue;
        };
        let front: FrontMatter = if fm.yaml.trim().is_empty() {
            FrontMatter {
                reference: None,
                title: None,
                date: None,
            }
        } else {
            match yaml::parse(fm.yaml, &file.shown, fm.yaml_line_offset) {
                Ok(f) => f,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            }
        };
        let stem = file
            .name
            .trim_start_matches("decisions/")
            .trim_end_matches(".md")
            .to_string();
        let reference = front.reference.clone().unwrap_or_else(|| stem.clone());
        let key = page_name(&reference);
        match by_page.get(&key).and_then(|&i| items.get_mut(i)) {
            Some(decision) => {
                if let Some(first) = attached.get(&key) {
                    diags.push(
                        Diagnostic::error(
                            &file.shown,
                            format!(
                                "decision ref {reference} already has its full text in {}",
                                first.display()
                            ),
                        )
                        .at_source(&file.text, ref_line(&fm), 1, 1)
                        .hint("keep one text per decision, or correct the ref of this one"),
                    );
                    continue;
                }
                attached.insert(key.clone(), file.shown.clone());
                decision.full_text = Some(fm.body.to_string());
                decision.page = Some(key);
            }
            // The row exists but had errors of its own, already reported.
            None if refs_in_csv.contains_key(&key) => {}
            None => diags.push(
                Diagnostic::warning(&file.shown, format!("no row in decisions.csv has ref {reference}"))
                    .at_source(&file.text, ref_line(&fm), 1, 1)
                    .hint("add the decision to decisions.csv with this ref, or correct the ref; the text is not published"),
            ),
        }
    }
}
