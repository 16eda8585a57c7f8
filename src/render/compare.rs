//! Comparison across councils: `compare/*.html` at the output root, with CSV and JSON.
//!
//! Councils are compared within one country (and calendar) for one fiscal year: the latest
//! fiscal year that most of them report. A figure a council does not report is shown as
//! "—", written as an empty cell or `null` in the downloads, and never ranked.

mod downloads;

use super::index::{country_name, english};
use super::{CompiledTheme, Output};
use crate::calendar::{Calendar, FiscalYear, FiscalYearStyle};
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use crate::model::summary::{GrievanceFigures, ProjectFigures};
use crate::numbers::{Amount, Digits, Grouping, NumberFormat};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The folder of the comparison pages in the output.
pub const FOLDER: &str = "compare";

/// Rows per table page, so a country of hundreds of councils stays light on 2G.
const ROWS_PER_PAGE: usize = 100;

/// Sector columns shown, the ones most councils report.
const MAX_SECTORS: usize = 8;

// ---------------------------------------------------------------------------
// Grouping and figures for one fiscal year
// ---------------------------------------------------------------------------

/// Councils of one country and calendar, compared for one fiscal year.
struct Group<'a> {
    id: String,
    country: String,
    name: String,
    calendar: Calendar,
    fiscal_year: Option<FiscalYear>,
    /// How many councils report a budget for the chosen year, of how many.
    currency: String,
    format: NumberFormat,
    rows: Vec<Row<'a>>,
    sectors: Vec<(String, String)>,
}

/// One council's figures for the group's fiscal year.
struct Row<'a> {
    council: &'a CouncilSummary,
    population: Option<u64>,
    allocated: Option<Amount>,
    per_person: Option<f64>,
    spent: Option<Amount>,
    execution: Option<f64>,
    grievances: Option<GrievanceFigures>,
    sla: Option<f64>,
    projects: Option<ProjectFigures>,
    /// Share of the expenditure allocation by sector key, in percent.
    sector_shares: BTreeMap<String, f64>,
}

impl Row<'_> {
    fn projects_completed(&self) -> Option<f64> {
        self.projects.map(|p| p.completed as f64)
    }
}

fn fiscal_label(country: &str, fy: FiscalYear) -> String {
    fy.label(FiscalYearStyle::for_country(country))
}

fn calendar_name(cal: Calendar) -> &'static str {
    match cal {
        Calendar::BikramSambat => "Bikram Sambat",
        Calendar::Gregorian => "Gregorian",
    }
}

fn default_calendar(country: &str) -> Calendar {
    if country == "NP" {
        Calendar::BikramSambat
    } else {
        Calendar::Gregorian
    }
}

/// The most common latest fiscal year among the councils; the newer one on a tie.
fn common_year(councils: &[&CouncilSummary]) -> Option<FiscalYear> {
    let mut votes: BTreeMap<FiscalYear, usize> = BTreeMap::new();
    for c in councils {
        if let Some(fy) = c.figures.latest {
            *votes.entry(fy).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(fy, _)| fy)
}

fn row_for(council: &CouncilSummary, fy: Option<FiscalYear>) -> Row<'_> {
    let year = fy.and_then(|fy| council.figures.years.get(&fy));
    let budget = year.and_then(|y| y.budget.as_ref());
    let population = council.figures.population.filter(|p| *p > 0);
    let allocated = budget.map(|b| b.allocated);
    let per_person = match (allocated, population) {
        (Some(a), Some(p)) => Some(a.to_f64() / p as f64),
        _ => None,
    };
    let grievances = year.and_then(|y| y.grievances);
    let mut sector_shares = BTreeMap::new();
    if let Some(b) = budget
        && b.allocated.to_f64() > 0.0
    {
        for (key, (_, amount)) in &b.sectors {
            sector_shares.insert(key.clone(), amount.to_f64() / b.allocated.to_f64() * 100.0);
        }
    }
    Row {
        council,
        population: council.figures.population,
        allocated,
        per_person,
        spent: budget.and_then(|b| b.spent),
        execution: budget.and_then(|b| b.execution),
        grievances,
        sla: grievances.and_then(|g| g.sla_share()),
        projects: year.and_then(|y| y.projects),
        sector_shares,
    }
}

fn groups<'a>(councils: &'a [CouncilSummary], strings: &super::locale::Strings) -> Vec<Group<'a>> {
    let mut by_key: BTreeMap<(String, bool), Vec<&CouncilSummary>> = BTreeMap::new();
    for c in councils {
        let calendar = c.figures.calendar.unwrap_or(default_calendar(&c.country));
        let usual = calendar == default_calendar(&c.country);
        by_key
            .entry((c.country.clone(), !usual))
            .or_default()
            .push(c);
    }
    let mut out = Vec::new();
    for ((country, unusual), list) in by_key {
        let calendar = list
            .first()
            .and_then(|c| c.figures.calendar)
            .unwrap_or(default_calendar(&country));
        let fiscal_year = common_year(&list);
        let mut id = if country.is_empty() {
            "other".to_string()
        } else {
            country.to_lowercase()
        };
        let mut name = country_name(strings, &country);
        if unusual {
            id.push_str(match calendar {
                Calendar::BikramSambat => "-bs",
                Calendar::Gregorian => "-gregorian",
            });
            name = format!("{name} ({})", calendar_name(calendar));
        }
        let mut rows: Vec<Row> = list.iter().map(|c| row_for(c, fiscal_year)).collect();
        rows.sort_by_key(|r| english_key(r.council));
        // Sectors most councils report, then by their total share.
        let mut seen: BTreeMap<String, (String, usize, f64)> = BTreeMap::new();
        for r in &rows {
            let budget = fiscal_year
                .and_then(|fy| r.council.figures.years.get(&fy))
                .and_then(|y| y.budget.as_ref());
            for (key, (label, _)) in budget.map(|b| &b.sectors).into_iter().flatten() {
                let e = seen
                    .entry(key.clone())
                    .or_insert_with(|| (label.clone(), 0, 0.0));
                e.1 += 1;
                e.2 += r.sector_shares.get(key).copied().unwrap_or(0.0);
            }
        }
        let mut sectors: Vec<(String, String, usize, f64)> = seen
            .into_iter()
            .map(|(k, (label, n, share))| (k, label, n, share))
            .collect();
        sectors.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.total_cmp(&a.3)).then(a.0.cmp(&b.0)));
        sectors.truncate(MAX_SECTORS);
        let currency = list
            .iter()
            .map(|c| c.figures.currency.clone())
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        let grouping = if matches!(country.as_str(), "NP" | "IN" | "BD" | "PK" | "BT") {
            Grouping::SouthAsian
        } else {
            Grouping::Western
        };
        out.push(Group {
            id,
            name,
            country,
            calendar,
            fiscal_year,
            currency,
            format: NumberFormat {
                digits: Digits::Latin,
                grouping,
            },
            rows,
            sectors: sectors.into_iter().map(|(k, l, _, _)| (k, l)).collect(),
        });
    }
    out
}

fn english_key(c: &CouncilSummary) -> String {
    english(c).to_lowercase()
}

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
}

#[derive(Serialize)]
struct CellView {
    text: String,
    num: bool,
}

/// Reads a column's figure from a row; `None` when the council does not report it.
type ValueFn<'g> = dyn Fn(&Row) -> Option<f64> + Sync + 'g;

/// A column of a comparison table: how to read its figure and how to show it.
struct Column<'g> {
    key: String,
    label: String,
    num: bool,
    value: Box<ValueFn<'g>>,
    show: Box<dyn Fn(&Row) -> String + Sync + 'g>,
}

struct Tr<'s>(&'s super::locale::Strings);

impl Tr<'_> {
    fn t(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}

const DASH: &str = "—";

fn main_columns<'g>(g: &'g Group, s: &Tr) -> Vec<Column<'g>> {
    let f = g.format;
    let place = Column {
        key: String::new(),
        label: s.t("compare_place"),
        num: false,
        value: Box::new(|_| None),
        show: Box::new(|r: &Row| {
            [r.council.province.as_ref(), r.council.district.as_ref()]
                .into_iter()
                .flatten()
                .map(|t| t.get("en", &r.council.default_lang).text)
                .collect::<Vec<_>>()
                .join(" · ")
        }),
    };
    let pct = move |v: Option<f64>| v.map_or_else(|| DASH.to_string(), |v| f.percent(v, 1));
    let of = s.t("compare_projects_value");
    vec![
        place,
        Column {
            key: "population".into(),
            label: s.t("compare_population"),
            num: true,
            value: Box::new(|r: &Row| r.population.map(|p| p as f64)),
            show: Box::new(move |r: &Row| {
                r.population.map_or_else(
                    || DASH.to_string(),
                    |p| f.integer(i64::try_from(p).unwrap_or(i64::MAX)),
                )
            }),
        },
        Column {
            key: "per-person".into(),
            label: s.tf("compare_per_person", &[("currency", &g.currency)]),
            num: true,
            value: Box::new(|r: &Row| r.per_person),
            show: Box::new(move |r: &Row| {
                r.per_person
                    .map_or_else(|| DASH.to_string(), |v| f.decimal(v, 0))
            }),
        },
        Column {
            key: "execution".into(),
            label: s.t("compare_execution"),
            num: true,
            value: Box::new(|r: &Row| r.execution),
            show: Box::new(move |r: &Row| pct(r.execution)),
        },
        Column {
            key: "complaints".into(),
            label: s.t("compare_sla"),
            num: true,
            value: Box::new(|r: &Row| r.sla),
            show: Box::new(move |r: &Row| pct(r.sla)),
        },
        Column {
            key: "projects".into(),
            label: s.t("compare_projects"),
            num: true,
            value: Box::new(|r: &Row| r.projects_completed()),
            show: Box::new(move |r: &Row| {
                r.projects.map_or_else(
                    || DASH.to_string(),
                    |p| {
                        of.replace("{completed}", &f.integer(p.completed as i64))
                            .replace("{total}", &f.integer(p.total as i64))
                    },
                )
            }),
        },
    ]
}

fn sector_columns<'g>(g: &'g Group) -> Vec<Column<'g>> {
    let f = g.format;
    g.sectors
        .iter()
        .enumerate()
        .map(|(i, (key, label))| {
            let k1 = key.clone();
            let k2 = key.clone();
            Column {
                key: format!("s{}", i + 1),
                label: label.clone(),
                num: true,
                value: Box::new(move |r: &Row| r.sector_shares.get(&k1).copied()),
                show: Box::new(move |r: &Row| {
                    r.sector_shares
                        .get(&k2)
                        .map_or_else(|| DASH.to_string(), |v| f.percent(*v, 1))
                }),
            }
        })
        .collect()
}

/// A digest of what a comparison page shows, to tell whether it would come out as
/// published (see [`Previous`]).
struct Digest(crate::hash::Fnv);

impl Digest {
    fn new() -> Digest {
        Digest(crate::hash::Fnv::new())
    }

    fn bytes(&mut self, bytes: &[u8]) {
        // The length first, so that no two sequences of parts feed the same bytes.
        self.0.write(&(bytes.len() as u64).to_le_bytes());
        self.0.write(bytes);
    }

    fn hex(&self) -> String {
        self.0.hex()
    }
}

/// A digest of everything one council's row shows in any table: its names, places and
/// every figure of the group's year (exactly, by their `Debug` form).
fn row_digest(r: &Row) -> u64 {
    let Row {
        council,
        population,
        allocated,
        per_person,
        spent,
        execution,
        grievances,
        sla,
        projects,
        sector_shares,
    } = r;
    let mut d = Digest::new();
    d.bytes(council.slug.as_bytes());
    d.bytes(council.default_lang.as_bytes());
    d.bytes(
        &serde_json::to_vec(&(&council.name, &council.province, &council.district))
            .unwrap_or_default(),
    );
    d.bytes(
        format!(
            "{population:?} {allocated:?} {per_person:?} {spent:?} {execution:?} \
             {grievances:?} {sla:?} {projects:?} {sector_shares:?}"
        )
        .as_bytes(),
    );
    d.0.0
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

/// File name of a table page: `np.html`, `np-population.html`, `np-population-2.html`.
fn file_name(group: &str, key: &str, page: usize) -> String {
    let mut name = group.to_string();
    if !key.is_empty() {
        name.push('-');
        name.push_str(key);
    }
    if page > 0 {
        name.push_str(&format!("-{}", page + 1));
    }
    name.push_str(".html");
    name
}

/// Indices of rows in the order of one column (largest first, missing last, then by name)
/// with their ranks; equal figures share a rank. `None` orders by name without ranks.
fn ordered(rows: &[Row], value: Option<&ValueFn>) -> Vec<(Option<usize>, usize)> {
    let Some(value) = value else {
        return (0..rows.len()).map(|i| (None, i)).collect();
    };
    let mut with: Vec<(f64, usize)> = Vec::new();
    let mut without: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match value(r).filter(|v| v.is_finite()) {
            Some(v) => with.push((v, i)),
            None => without.push(i),
        }
    }
    // Rows are already in name order; a stable sort keeps it among equal figures.
    with.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Vec::with_capacity(rows.len());
    let mut rank = 0;
    for (i, (v, r)) in with.iter().enumerate() {
        if i == 0 || with[i - 1].0 != *v {
            rank = i + 1;
        }
        out.push((Some(rank), *r));
    }
    out.extend(without.into_iter().map(|r| (None, r)));
    out
}

/// One table (main figures or sectors) of a group, as pages sorted by each column.
struct TableSpec<'g> {
    /// Key of the name-ordered page ("" for the main table, "sectors").
    base: &'static str,
    heading: String,
    columns: Vec<Column<'g>>,
}

/// Renders one page of the comparison: its file name and what it shows.
type RenderFn<'a> = dyn Fn(String, &CompareView) -> Result<Output, Diagnostic> + Sync + 'a;

fn table_pages(
    theme: &CompiledTheme,
    g: &Group,
    spec: &TableSpec,
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
) -> Result<CompareFiles, Diagnostic> {
    let year = g.fiscal_year.map(|fy| fiscal_label(&g.country, fy));
    let heading = match &year {
        Some(y) => format!("{}: {} — {}", g.name, spec.heading, fy_words(s, y, g)),
        None => format!("{}: {}", g.name, spec.heading),
    };
    let sort_keys: Vec<(String, String, Option<usize>)> =
        std::iter::once((spec.base.to_string(), s.t("compare_by_name"), None))
            .chain(
                spec.columns
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.key.is_empty())
                    .map(|(i, c)| {
                        let key = if spec.base.is_empty() {
                            c.key.clone()
                        } else {
                            format!("{}-{}", spec.base, c.key)
                        };
                        (key, c.label.clone(), Some(i))
                    }),
            )
            .collect();
    // What every row shows, by digest; with the page's own parts, a page's digest.
    let row_digests: Vec<u64> = g.rows.par_iter().map(row_digest).collect();
    let format = format!("{:?}", g.format);
    let mut views = Vec::new();
    for (key, label, column) in &sort_keys {
        let value = column.map(|i| &*spec.columns[i].value);
        let rows = ordered(&g.rows, value);
        let chunks: Vec<_> = rows.chunks(ROWS_PER_PAGE).collect();
        let page_count = chunks.len().max(1);
        for page in 0..page_count {
            let chunk = chunks.get(page).copied().unwrap_or(&[]);
            let sorts = sort_keys
                .iter()
                .map(|(k, l, _)| NavLink {
                    label: l.clone(),
                    href: file_name(&g.id, k, 0),
                    current: k == key,
                })
                .collect();
            let pages = if page_count > 1 {
                (0..page_count)
                    .map(|p| {
                        let from = p * ROWS_PER_PAGE + 1;
                        let to = ((p + 1) * ROWS_PER_PAGE).min(rows.len());
                        NavLink {
                            label: s.tf(
                                "compare_page_range",
                                &[("from", &from.to_string()), ("to", &to.to_string())],
                            ),
                            href: file_name(&g.id, key, p),
                            current: p == page,
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let columns = spec
                .columns
                .iter()
                .map(|c| {
                    let target = sort_keys
                        .iter()
                        .find(|(_, _, i)| i.is_some_and(|i| spec.columns[i].key == c.key))
                        .filter(|_| !c.key.is_empty());
                    Head {
                        label: c.label.clone(),
                        href: target.map(|(k, _, _)| file_name(&g.id, k, 0)),
                        sorted: target.is_some_and(|(k, _, _)| k == key),
                        num: c.num,
                    }
                })
                .collect();
            let ranked: Vec<(String, usize)> = chunk
                .iter()
                .map(|&(rank, i)| {
                    let rank =
                        rank.map_or_else(|| DASH.to_string(), |n| g.format.integer(n as i64));
                    (rank, i)
                })
                .collect();
            let view = CompareView {
                heading: heading.clone(),
                sorts,
                sorts_label: s.t("compare_sorted_by"),
                pages,
                notes: vec![s.t("compare_missing_note")],
                table: Some(TableView {
                    caption: s.tf("compare_caption", &[("table", &heading), ("column", label)]),
                    rank: column.is_some(),
                    columns,
                    rows: Vec::new(),
                }),
                ..CompareView::default()
            };
            let mut d = Digest::new();
            d.bytes(format.as_bytes());
            d.bytes(&serde_json::to_vec(&view).unwrap_or_default());
            for (rank, i) in &ranked {
                d.bytes(rank.as_bytes());
                d.bytes(&row_digests[*i].to_le_bytes());
            }
            views.push((file_name(&g.id, key, page), view, ranked, d.hex()));
        }
    }
    let mut files = CompareFiles::default();
    let mut wanted = vec![false; g.rows.len()];
    let mut to_make = Vec::new();
    for (path, view, ranked, digest) in views {
        let current = previous.is_some_and(|p| (p.is_current)(&path, &digest));
        files.digests.insert(path.clone(), digest);
        if current {
            files.kept.push(path);
            continue;
        }
        for (_, i) in &ranked {
            wanted[*i] = true;
        }
        to_make.push((path, view, ranked));
    }
    // Each row shows the same name and cells in every order: make them once, for the
    // pages being made.
    let bodies: Vec<String> = g
        .rows
        .par_iter()
        .zip(&wanted)
        .map(|(r, &wanted)| {
            if !wanted {
                return Ok(String::new());
            }
            let c = r.council;
            let own = c.name.get(&c.default_lang, &c.default_lang).text;
            let eng = english(c);
            let body = RowBody {
                english: (eng != own).then_some(eng),
                name: crate::text::Shown {
                    text: own,
                    lang: (c.default_lang != "en").then(|| c.default_lang.clone()),
                },
                href: format!("../{}/index.html", c.slug),
                cells: spec
                    .columns
                    .iter()
                    .map(|col| CellView {
                        text: (col.show)(r),
                        num: col.num,
                    })
                    .collect(),
            };
            theme.render_part("compare_row.html", "r", &body)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<_, _>>()?;
    files.made = to_make
        .into_par_iter()
        .map(|(path, mut view, ranked)| {
            if let Some(table) = view.table.as_mut() {
                table.rows = ranked
                    .into_iter()
                    .map(|(rank, i)| RowView {
                        rank,
                        cells: &bodies[i],
                    })
                    .collect();
            }
            render(path, &view)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<_, _>>()?;
    Ok(files)
}

fn fy_words(s: &Tr, year: &str, g: &Group) -> String {
    s.tf(
        "compare_fiscal_year",
        &[("year", year), ("calendar", calendar_name(g.calendar))],
    )
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
    let mut add = |files: CompareFiles| {
        out.made.extend(files.made);
        out.kept.extend(files.kept);
        out.digests.extend(files.digests);
    };
    let mut overview = Vec::new();
    for g in groups {
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
            Some(fy) => s.tf(
                "compare_year_chosen",
                &[
                    ("year", &fiscal_words(s, g, fy)),
                    ("count", &g.rows.len().to_string()),
                ],
            ),
            None => s.t("compare_no_year"),
        };
        let mut tables = Vec::new();
        if g.fiscal_year.is_some() {
            add(table_pages(theme, g, &main, s, render, previous)?);
            tables.push(NavLink {
                label: main.heading.clone(),
                href: file_name(&g.id, "", 0),
                current: false,
            });
            if !g.sectors.is_empty() {
                add(table_pages(theme, g, &sectors, s, render, previous)?);
                tables.push(NavLink {
                    label: sectors.heading.clone(),
                    href: file_name(&g.id, "sectors", 0),
                    current: false,
                });
            }
        }
        overview.push(GroupView {
            name: g.name.clone(),
            year,
            tables,
        });
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
