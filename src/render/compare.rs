//! Comparison across councils: `compare/*.html` at the output root, with CSV and JSON.
//! The pages are made in English and, in `compare/<lang>/`, in each other language a
//! council uses: the overview in every one of them, a country's tables in the languages
//! of its councils only. The downloads are one set, in English.
//!
//! Councils are compared within one country (and calendar) for one fiscal year: the latest
//! fiscal year that most of them report. A figure a council does not report is shown as
//! "—", written as an empty cell or `null` in the downloads, and never ranked.

mod columns;
mod downloads;
mod groups;
mod places;
mod tables;

use super::index::lang::{self, LangLink, Words, folder};
use super::{CompiledTheme, Output};
use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use columns::{Tr, main_columns, sector_columns};
use groups::{Group, fiscal_label, groups};
use places::{Names, Province, by_place, table_files};
use serde::Serialize;
use std::collections::BTreeMap;
use tables::{RenderFn, TableSpec, file_name, fy_words, sort_keys, table_pages};

/// The folder of the comparison pages in the output.
pub const FOLDER: &str = "compare";

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct CompareLayout<'a> {
    lang: &'a str,
    dir: &'static str,
    title: String,
    css: String,
    home: String,
    compare: String,
}

#[derive(Serialize, Default)]
struct CompareView<'r> {
    heading: String,
    /// What the page lists, for `<meta name="description">`.
    description: String,
    /// The page in every language it is made in.
    languages: Vec<LangLink>,
    intro: Vec<String>,
    /// Overview: one entry per country.
    groups: Vec<GroupView>,
    downloads: Vec<NavLink>,
    notes: Vec<String>,
    /// A page linking to the tables of a province's districts.
    landing: bool,
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
    /// The provinces of a country compared by place, each linking to its tables.
    places: Vec<NavLink>,
}

#[derive(Serialize, Clone, Default)]
struct NavLink {
    label: String,
    href: String,
    current: bool,
    /// The language of the page linked to, when it is not the page's own.
    hreflang: Option<String>,
}

#[derive(Serialize)]
struct TableView<'r> {
    caption: String,
    rank: bool,
    /// The `style` naming the labels of the row's cells ([`super::views::column_labels`]).
    labels: String,
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
    also: Option<crate::text::Shown>,
    href: String,
    cells: Vec<CellView>,
    /// What assistive technology says for a cell showing "—".
    missing: String,
}

#[derive(Serialize)]
struct CellView {
    /// The column's label, for a cell the table does not label (`data-label`).
    label: Option<String>,
    text: String,
    num: bool,
    /// The cell's language when it is not the page's.
    lang: Option<String>,
    /// Whether that language is written right to left.
    rtl: bool,
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

/// Takes the files made so far, a group's or a language's at a time, so that no more than
/// those are held at once: the site pages of a quarter of a million councils weigh
/// gigabytes.
pub type Sink<'a> = dyn Fn(Vec<Output>) + Sync + 'a;

/// Every comparison page and download, with paths inside [`FOLDER`], handed to `sink` a
/// group at a time; table pages that `previous` shows to be current are kept, not made.
/// The returned files list those kept and every page's digest (`made` is empty).
pub fn render_compare(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
    previous: Option<&Previous>,
    sink: &Sink,
) -> Result<CompareFiles, Diagnostic> {
    let groups = groups(councils);
    let langs = lang::languages(&theme.files, councils);
    let countries = by_places(theme, &groups);
    let (pages, downloads) = rayon::join(
        || -> Result<CompareFiles, Diagnostic> {
            let mut files = CompareFiles::default();
            for l in &langs {
                let mut made = language_pages(theme, &countries, &langs, l, previous, sink)?;
                made.flush(sink);
                files.add(made);
            }
            Ok(files)
        },
        || downloads::downloads(&groups),
    );
    let files = pages?;
    sink(downloads);
    Ok(files)
}

/// Runs `make` with a sink that keeps every file, for callers that want them all at once
/// (tests, small sites); what `make` returns, with the files.
pub(crate) fn collected<T, E>(
    make: impl FnOnce(&Sink) -> Result<T, E>,
) -> Result<(T, Vec<Output>), E> {
    let made = std::sync::Mutex::new(Vec::new());
    let sink = |files: Vec<Output>| {
        made.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(files);
    };
    let value = make(&sink)?;
    let files = made
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok((value, files))
}

impl CompareFiles {
    /// Hands the files made so far to `sink`.
    fn flush(&mut self, sink: &Sink) {
        if !self.made.is_empty() {
            sink(std::mem::take(&mut self.made));
        }
    }
}

/// Each group (country) with its provinces when it is compared by place (see
/// [`places`]). The files of the groups compared whole are taken first, so their names
/// never change.
fn by_places<'a>(
    theme: &CompiledTheme,
    groups: &'a [Group<'a>],
) -> Vec<(&'a Group<'a>, Option<Vec<Province<'a>>>)> {
    let en = Tr {
        w: Words::new(&theme.files, lang::FIRST),
    };
    let keys = |g: &Group| -> Vec<String> {
        specs(g, &en)
            .iter()
            .filter(|spec| shows(g, spec))
            .flat_map(|spec| sort_keys(spec, &en).into_iter().map(|k| k.key))
            .collect()
    };
    let mut names = Names::default();
    names.take(["index.html".to_string()]);
    for g in groups
        .iter()
        .filter(|g| g.rows.len() <= places::TABLE_LIMIT)
    {
        names.take(table_files(&g.id, g.rows.len(), &keys(g)));
    }
    groups
        .iter()
        .map(|g| (g, by_place(g, &keys(g), &mut names)))
        .collect()
}

/// The way from a comparison page in `lang` to the comparison's folder.
fn up(lang: &str) -> &'static str {
    if lang == lang::FIRST { "" } else { "../" }
}

/// The versions of the comparison page `file` in `langs`, seen from the one in `lang`.
fn switch(langs: &[String], lang: &str, file: &str) -> Vec<LangLink> {
    lang::switch(langs, lang, |l| format!("{}{}{file}", up(lang), folder(l)))
}

/// The comparison's pages in one language: the overview, and the tables of the groups
/// whose councils use it.
fn language_pages(
    theme: &CompiledTheme,
    groups: &[(&Group, Option<Vec<Province>>)],
    langs: &[String],
    lang: &str,
    previous: Option<&Previous>,
    sink: &Sink,
) -> Result<CompareFiles, Diagnostic> {
    let s = Tr {
        w: Words::new(&theme.files, lang),
    };
    let t = tera::Value::from_serializable(s.w.strings);
    let root = format!("{}../", up(lang));
    let home = if lang == lang::FIRST {
        "../index.html".to_string()
    } else {
        format!("{root}{}/{lang}/index.html", super::index::FOLDER)
    };
    let render = |path: String, view: &CompareView| -> Result<Output, Diagnostic> {
        let layout = CompareLayout {
            lang,
            dir: lang::dir(lang),
            title: view.heading.clone(),
            css: format!("{root}{}", theme.css_name),
            home: home.clone(),
            compare: "index.html".into(),
        };
        let path = format!("{}{path}", folder(lang));
        theme.render_site_page("compare.html", path, view, &layout, &t)
    };
    pages(theme, groups, langs, &s, &render, previous, sink)
}

/// The comparison's HTML pages in the language of `s`: every table page of every group
/// whose councils use it, then the overview of every group.
fn pages(
    theme: &CompiledTheme,
    groups: &[(&Group, Option<Vec<Province>>)],
    langs: &[String],
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
    sink: &Sink,
) -> Result<CompareFiles, Diagnostic> {
    let lang = s.w.lang;
    let mut out = CompareFiles::default();
    let mut overview = Vec::new();
    let mut councils = 0;
    for (g, provinces) in groups {
        councils += g.rows.len();
        if let Some(provinces) = provinces {
            let (files, group) =
                place_pages(theme, g, provinces, langs, s, render, previous, sink)?;
            out.add(files);
            out.flush(sink);
            overview.push(group);
            continue;
        }
        let tables = if lang == lang::FIRST || g.speaks(lang) {
            let group_langs: Vec<String> = langs
                .iter()
                .filter(|l| *l == lang::FIRST || g.speaks(l))
                .cloned()
                .collect();
            let (files, group) = group_pages(theme, g, &group_langs, s, render, previous)?;
            out.add(files);
            out.flush(sink);
            group
        } else {
            // No council of the group uses the language: its tables in English.
            let english = Tr {
                w: Words::new(&theme.files, lang::FIRST),
            };
            let mut group = group_view(g, s, table_links(g, &english));
            for link in &mut group.tables {
                link.href = format!("../{}", link.href);
                link.hreflang = Some(lang::FIRST.into());
            }
            group
        };
        overview.push(tables);
    }
    let up = up(lang);
    let link = |key: &str, href: &str| NavLink {
        label: s.t(key),
        href: format!("{up}{href}"),
        ..NavLink::default()
    };
    let view = CompareView {
        heading: s.t("compare_title"),
        description: s.tf("compare_description", &[("councils", &s.w.count(councils))]),
        languages: switch(langs, lang, "index.html"),
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

/// The tables of a group and their headings in the language of `s`.
fn specs<'g>(g: &'g Group, s: &'g Tr) -> [TableSpec<'g>; 2] {
    [
        TableSpec {
            base: "",
            heading: s.t("compare_figures"),
            columns: main_columns(g, s),
        },
        TableSpec {
            base: "sectors",
            heading: s.t("compare_sectors"),
            columns: sector_columns(g, s),
        },
    ]
}

/// Whether a group shows the table `spec`: none without a year to compare, the sectors
/// only when councils report them.
fn shows(g: &Group, spec: &TableSpec) -> bool {
    g.fiscal_year.is_some() && (spec.base.is_empty() || !g.sectors.is_empty())
}

/// The links to a group's tables, in the language of `s`.
fn table_links(g: &Group, s: &Tr) -> Vec<NavLink> {
    specs(g, s)
        .iter()
        .filter(|spec| shows(g, spec))
        .map(|spec| NavLink {
            label: spec.heading.clone(),
            href: file_name(&g.id, spec.base, 0),
            ..NavLink::default()
        })
        .collect()
}

/// A group's entry in the overview: its name, the year it is compared for, its tables.
fn group_view(g: &Group, s: &Tr, tables: Vec<NavLink>) -> GroupView {
    let year = match g.fiscal_year {
        Some(fy) => s.tn(
            "compare_year_chosen",
            g.rows.len(),
            &[
                ("year", &fiscal_words(s, g, fy)),
                ("count", &s.w.number(g.rows.len())),
            ],
        ),
        None => s.t("compare_no_year"),
    };
    GroupView {
        name: g.name(s),
        year,
        tables,
        places: Vec::new(),
    }
}

/// The tables of a country compared by place in the language of `s`: each province's, or
/// each of its districts' and a page linking to them; and the country's entry in the
/// overview, linking to its provinces. A province none of whose councils uses the
/// language is linked to in English.
#[allow(
    clippy::too_many_arguments,
    reason = "the arguments of `group_pages` and the sink the provinces' pages go to as made"
)]
fn place_pages(
    theme: &CompiledTheme,
    g: &Group,
    provinces: &[Province],
    langs: &[String],
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
    sink: &Sink,
) -> Result<(CompareFiles, GroupView), Diagnostic> {
    let lang = s.w.lang;
    let mut files = CompareFiles::default();
    let mut places = Vec::new();
    for p in provinces {
        let speaks = lang == lang::FIRST || p.head.speaks(lang);
        let href = file_name(&p.head.id, "", 0);
        if speaks {
            let group_langs: Vec<String> = langs
                .iter()
                .filter(|l| *l == lang::FIRST || p.head.speaks(l))
                .cloned()
                .collect();
            if p.districts.is_empty() {
                files.add(group_pages(theme, &p.head, &group_langs, s, render, previous)?.0);
                files.flush(sink);
            } else {
                let mut districts = Vec::new();
                for d in &p.districts {
                    let (made, mut view) =
                        group_pages(theme, d, &group_langs, s, render, previous)?;
                    files.add(made);
                    files.flush(sink);
                    view.name = d.short_name(s);
                    districts.push(view);
                }
                let view = CompareView {
                    heading: p.head.name(s),
                    description: s.tf(
                        "compare_description",
                        &[("councils", &s.w.count(p.head.rows.len()))],
                    ),
                    languages: switch(&group_langs, lang, &href),
                    groups: districts,
                    landing: true,
                    ..CompareView::default()
                };
                files.made.push(render(href.clone(), &view)?);
            }
        }
        places.push(NavLink {
            label: format!(
                "{} ({})",
                p.head.short_name(s),
                s.w.count(p.head.rows.len())
            ),
            href: if speaks { href } else { format!("../{href}") },
            current: false,
            hreflang: (!speaks).then(|| lang::FIRST.to_string()),
        });
    }
    let mut view = group_view(g, s, Vec::new());
    view.places = places;
    Ok((files, view))
}

/// The table pages of one group (none without a year to compare) in the language of
/// `s`, and its entry in the overview; `langs`: the languages its tables are made in.
fn group_pages(
    theme: &CompiledTheme,
    g: &Group,
    langs: &[String],
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
) -> Result<(CompareFiles, GroupView), Diagnostic> {
    let mut files = CompareFiles::default();
    for spec in specs(g, s).iter().filter(|spec| shows(g, spec)) {
        files.add(table_pages(theme, g, spec, langs, s, render, previous)?);
    }
    Ok((files, group_view(g, s, table_links(g, s))))
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
        let (mut files, made) =
            collected(|sink| self.render_compare_into(councils, previous, sink))?;
        files.made = made;
        Ok(files)
    }

    /// [`render_compare`], handing the files to `sink` a group at a time.
    pub fn render_compare_into(
        &self,
        councils: &[CouncilSummary],
        previous: Option<&Previous>,
        sink: &Sink,
    ) -> Result<CompareFiles, Diagnostic> {
        render_compare(self.theme(None), councils, previous, sink)
    }
}
