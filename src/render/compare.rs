//! Comparison across councils: `compare/*.html` at the output root, with CSV and JSON.
//!
//! Councils are compared within one country (and calendar) for one fiscal year: the latest
//! fiscal year that most of them report. A figure a council does not report is shown as
//! "—", written as an empty cell or `null` in the downloads, and never ranked.

mod columns;
mod downloads;
mod groups;
mod tables;

use super::index::english;
use super::{CompiledTheme, Output};
use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use columns::{Tr, main_columns, sector_columns};
use groups::{Group, fiscal_label, groups};
use serde::Serialize;
use std::collections::BTreeMap;
use tables::{RenderFn, TableSpec, file_name, fy_words, table_pages};

/// The folder of the comparison pages in the output.
pub const FOLDER: &str = "compare";

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct CompareLayout {
    lang: &'static str,
    dir: &'static str,
    title: String,
    css: String,
    home: String,
    compare: String,
}

#[derive(Serialize, Default)]
struct CompareView<'r> {
    heading: String,
    intro: Vec<String>,
    /// Overview: one entry per country.
    groups: Vec<GroupView>,
    downloads: Vec<NavLink>,
    notes: Vec<String>,
    /// Table page: other orders and other pages of this order.
    sorts: Vec<NavLink>,
    sorts_label: String,
    pages: Vec<NavLink>,
    table: Option<TableView<'r>>,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    year: String,
    tables: Vec<NavLink>,
}

#[derive(Serialize, Clone)]
struct NavLink {
    label: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct TableView<'r> {
    caption: String,
    rank: bool,
    columns: Vec<Head>,
    rows: Vec<RowView<'r>>,
}

#[derive(Serialize)]
struct Head {
    label: String,
    href: Option<String>,
    sorted: bool,
    num: bool,
}

/// A row as one page shows it: its rank in the page's order, then its cells as HTML.
#[derive(Serialize)]
struct RowView<'r> {
    rank: String,
    cells: &'r str,
}

/// What a council's row shows in every order of one table (`compare_row.html`).
#[derive(Serialize)]
struct RowBody {
    name: crate::text::Shown,
    english: Option<String>,
    href: String,
    cells: Vec<CellView>,
    /// What assistive technology says for a cell showing "—".
    missing: String,
}

#[derive(Serialize)]
struct CellView {
    label: String,
    text: String,
    num: bool,
}

/// The comparison pages as last published, by path inside [`FOLDER`], with the digest of
/// what each showed; `is_current(path, digest)` says the published file is there and shows
/// exactly that, so it need not be made again.
pub struct Previous<'a> {
    pub is_current: &'a (dyn Fn(&str, &str) -> bool + Sync),
}

/// The comparison's files: those made, those `Previous` showed to be current (kept as they
/// are), and the digest of every table page, for the next build.
#[derive(Default)]
pub struct CompareFiles {
    pub made: Vec<Output>,
    pub kept: Vec<String>,
    pub digests: BTreeMap<String, String>,
}

impl CompareFiles {
    /// Adds the files of another table.
    fn add(&mut self, other: CompareFiles) {
        self.made.extend(other.made);
        self.kept.extend(other.kept);
        self.digests.extend(other.digests);
    }
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/// Every comparison page and download, with paths inside [`FOLDER`]; table pages that
/// `previous` shows to be current are kept, not made.
pub fn render_compare(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
    previous: Option<&Previous>,
) -> Result<CompareFiles, Diagnostic> {
    let strings = theme.files.strings("en");
    let s = Tr(strings);
    let groups = groups(councils, strings);
    let t = tera::Value::from_serializable(strings);
    let render = |path: String, view: &CompareView| -> Result<Output, Diagnostic> {
        let layout = CompareLayout {
            lang: "en",
            dir: "ltr",
            title: view.heading.clone(),
            css: format!("../{}", theme.css_name),
            home: "../index.html".into(),
            compare: "index.html".into(),
        };
        theme.render_site_page("compare.html", path, view, &layout, &t)
    };
    let (pages, downloads) = rayon::join(
        || pages(theme, &groups, &s, &render, previous),
        || downloads::downloads(&groups),
    );
    let mut files = pages?;
    files.made.extend(downloads);
    Ok(files)
}

/// The comparison's HTML pages: every table page of every group, then the overview.
fn pages(
    theme: &CompiledTheme,
    groups: &[Group],
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
) -> Result<CompareFiles, Diagnostic> {
    let mut out = CompareFiles::default();
    let mut overview = Vec::new();
    for g in groups {
        let (files, group) = group_pages(theme, g, s, render, previous)?;
        out.add(files);
        overview.push(group);
    }
    let link = |key: &str, href: &str| NavLink {
        label: s.t(key),
        href: href.to_string(),
        current: false,
    };
    let view = CompareView {
        heading: s.t("compare_title"),
        intro: vec![s.t("compare_intro")],
        groups: overview,
        downloads: vec![
            link("compare_csv", "comparison.csv"),
            link("compare_json", "comparison.json"),
            link("compare_sectors_csv", "sectors.csv"),
        ],
        notes: [
            "compare_note_year",
            "compare_note_per_person",
            "compare_note_execution",
            "compare_note_sla",
            "compare_note_projects",
            "compare_note_sectors",
            "compare_missing_note",
        ]
        .iter()
        .map(|k| s.t(k))
        .collect(),
        ..CompareView::default()
    };
    out.made.push(render("index.html".into(), &view)?);
    Ok(out)
}

/// The table pages of one group (none without a year to compare), and its entry in the
/// overview.
fn group_pages(
    theme: &CompiledTheme,
    g: &Group,
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
) -> Result<(CompareFiles, GroupView), Diagnostic> {
    let mut files = CompareFiles::default();
    let main = TableSpec {
        base: "",
        heading: s.t("compare_figures"),
        columns: main_columns(g, s),
    };
    let sectors = TableSpec {
        base: "sectors",
        heading: s.t("compare_sectors"),
        columns: sector_columns(g),
    };
    let year = match g.fiscal_year {
        Some(fy) => s.tn(
            "compare_year_chosen",
            g.rows.len(),
            &[
                ("year", &fiscal_words(s, g, fy)),
                ("count", &g.rows.len().to_string()),
            ],
        ),
        None => s.t("compare_no_year"),
    };
    let mut tables = Vec::new();
    if g.fiscal_year.is_some() {
        files.add(table_pages(theme, g, &main, s, render, previous)?);
        tables.push(NavLink {
            label: main.heading.clone(),
            href: file_name(&g.id, "", 0),
            current: false,
        });
        if !g.sectors.is_empty() {
            files.add(table_pages(theme, g, &sectors, s, render, previous)?);
            tables.push(NavLink {
                label: sectors.heading.clone(),
                href: file_name(&g.id, "sectors", 0),
                current: false,
            });
        }
    }
    let group = GroupView {
        name: g.name.clone(),
        year,
        tables,
    };
    Ok((files, group))
}

fn fiscal_words(s: &Tr, g: &Group, fy: FiscalYear) -> String {
    fy_words(s, &fiscal_label(&g.country, fy), g)
}

impl super::Renderer {
    /// The comparison pages and downloads, with paths inside [`FOLDER`]; see
    /// [`render_compare`].
    pub fn render_compare(
        &self,
        councils: &[CouncilSummary],
        previous: Option<&Previous>,
    ) -> Result<CompareFiles, Diagnostic> {
        render_compare(self.theme(None), councils, previous)
    }
}
