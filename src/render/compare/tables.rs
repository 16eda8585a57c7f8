//! The pages of one comparison table: one order by name and one by each column, split
//! into pages of [`ROWS_PER_PAGE`] rows; a page whose digest says it is published as it
//! would be made is kept.

use super::columns::{Column, DASH, Tr, ValueFn};
use super::groups::{Group, Row, calendar_words, fiscal_label};
use super::{
    CellView, CompareFiles, CompareView, Head, NavLink, Previous, RowBody, RowView, TableView,
    switch, up,
};
use crate::diagnostics::Diagnostic;
use crate::render::index::lang;
use crate::render::{CompiledTheme, Output, views};
use rayon::prelude::*;

/// Rows per table page, so a country of hundreds of councils stays light on 2G.
pub(super) const ROWS_PER_PAGE: usize = 100;

/// A digest of what a comparison page shows, to tell whether it would come out as
/// published (see [`Previous`]).
pub(super) struct Digest(crate::hash::Fnv);

impl Digest {
    pub(super) fn new() -> Digest {
        Digest(crate::hash::Fnv::new())
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        // The length first, so that no two sequences of parts feed the same bytes.
        self.0.write(&(bytes.len() as u64).to_le_bytes());
        self.0.write(bytes);
    }

    pub(super) fn hex(&self) -> String {
        self.0.hex()
    }
}

/// A digest of everything one council's row shows in any table: its names, places,
/// languages and every figure of the group's year (exactly, by their `Debug` form).
pub(super) fn row_digest(r: &Row) -> u64 {
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
    // The languages say where the row links to on a page in each.
    d.bytes(council.languages.join(" ").as_bytes());
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

/// File name of a table page: `np.html`, `np-population.html`, `np-population-2.html`.
pub(super) fn file_name(group: &str, key: &str, page: usize) -> String {
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
pub(super) fn ordered(rows: &[Row], value: Option<&ValueFn>) -> Vec<(Option<usize>, usize)> {
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
pub(super) struct TableSpec<'g> {
    /// Key of the name-ordered page ("" for the main table, "sectors").
    pub(super) base: &'static str,
    pub(super) heading: String,
    pub(super) columns: Vec<Column<'g>>,
}

/// Renders one page of the comparison: its file name and what it shows.
pub(super) type RenderFn<'a> =
    dyn Fn(String, &CompareView) -> Result<Output, Diagnostic> + Sync + 'a;

/// The table's pages in every order, in the language of `s` (`langs`: every language
/// they are made in): those `previous` shows to be current are kept, the others made.
pub(super) fn table_pages(
    theme: &CompiledTheme,
    g: &Group,
    spec: &TableSpec,
    langs: &[String],
    s: &Tr,
    render: &RenderFn,
    previous: Option<&Previous>,
) -> Result<CompareFiles, Diagnostic> {
    let mut files = CompareFiles::default();
    let mut wanted = vec![false; g.rows.len()];
    let mut to_make = Vec::new();
    for mut page in page_views(g, spec, langs, s) {
        // Paths inside the comparison's folder: the language's folder first.
        page.path = format!("{}{}", lang::folder(s.w.lang), page.path);
        let current = previous.is_some_and(|p| (p.is_current)(&page.path, &page.digest));
        files.digests.insert(page.path.clone(), page.digest);
        if current {
            files.kept.push(page.path);
            continue;
        }
        for (_, i) in &page.ranked {
            wanted[*i] = true;
        }
        to_make.push((page.file, page.view, page.ranked));
    }
    let bodies = row_bodies(theme, g, &spec.columns, &wanted, s)?;
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

/// An order of a table: the key of its pages, its label, and the column it sorts by
/// (`None`: by name).
pub(super) struct SortKey {
    pub(super) key: String,
    label: String,
    column: Option<usize>,
}

/// The orders of a table: by name, then by each column that has a key.
pub(super) fn sort_keys(spec: &TableSpec, s: &Tr) -> Vec<SortKey> {
    let by_name = SortKey {
        key: spec.base.to_string(),
        label: s.t("compare_by_name"),
        column: None,
    };
    let by_column = spec
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.key.is_empty())
        .map(|(i, c)| SortKey {
            key: if spec.base.is_empty() {
                c.key.clone()
            } else {
                format!("{}-{}", spec.base, c.key)
            },
            label: c.label.clone(),
            column: Some(i),
        });
    std::iter::once(by_name).chain(by_column).collect()
}

/// One table page before its rows are written: its rows by index with their rank, and the
/// digest of everything it shows.
struct PageView<'r> {
    /// The page's file name, and its path inside the comparison's folder.
    file: String,
    path: String,
    view: CompareView<'r>,
    ranked: Vec<(String, usize)>,
    digest: String,
}

/// Every page of the table, in every order.
fn page_views<'r>(g: &Group, spec: &TableSpec, langs: &[String], s: &Tr) -> Vec<PageView<'r>> {
    let name = g.name(s);
    let heading = match g.fiscal_year.map(|fy| fiscal_label(&g.country, fy)) {
        Some(y) => format!("{name}: {} — {}", spec.heading, fy_words(s, &y, g)),
        None => format!("{name}: {}", spec.heading),
    };
    let councils = s.w.count(g.rows.len());
    let sort_keys = sort_keys(spec, s);
    // What every row shows, by digest; with the page's own parts, a page's digest.
    let row_digests: Vec<u64> = g.rows.par_iter().map(row_digest).collect();
    let format = format!("{:?}", s.format(g));
    let mut views = Vec::new();
    for sort in &sort_keys {
        let value = sort.column.map(|i| &*spec.columns[i].value);
        let rows = ordered(&g.rows, value);
        let chunks: Vec<_> = rows.chunks(ROWS_PER_PAGE).collect();
        let page_count = chunks.len().max(1);
        for page in 0..page_count {
            let chunk = chunks.get(page).copied().unwrap_or(&[]);
            let file = file_name(&g.id, &sort.key, page);
            let caption = s.tf(
                "compare_caption",
                &[("table", &heading), ("column", &sort.label)],
            );
            let view = CompareView {
                heading: heading.clone(),
                description: s.tf(
                    "compare_table_description",
                    &[("caption", &caption), ("councils", &councils)],
                ),
                languages: switch(langs, s.w.lang, &file),
                sorts: sort_links(g, &sort_keys, &sort.key),
                sorts_label: s.t("compare_sorted_by"),
                pages: page_links(g, s, &sort.key, (page, page_count), rows.len()),
                notes: vec![s.t("compare_missing_note")],
                table: Some(TableView {
                    caption,
                    rank: sort.column.is_some(),
                    labels: table_labels(spec, sort.column.is_some(), &s.t("compare_rank")),
                    columns: heads(g, spec, &sort_keys, &sort.key),
                    rows: Vec::new(),
                }),
                ..CompareView::default()
            };
            let ranked: Vec<(String, usize)> = chunk
                .iter()
                .map(|&(rank, i)| {
                    let rank =
                        rank.map_or_else(|| DASH.to_string(), |n| s.format(g).integer(n as i64));
                    (rank, i)
                })
                .collect();
            let mut d = Digest::new();
            d.bytes(format.as_bytes());
            d.bytes(&serde_json::to_vec(&view).unwrap_or_default());
            for (rank, i) in &ranked {
                d.bytes(rank.as_bytes());
                d.bytes(&row_digests[*i].to_le_bytes());
            }
            views.push(PageView {
                path: file.clone(),
                file,
                view,
                ranked,
                digest: d.hex(),
            });
        }
    }
    views
}

/// Links to the table's other orders; `key` is the current one.
fn sort_links(g: &Group, sort_keys: &[SortKey], key: &str) -> Vec<NavLink> {
    sort_keys
        .iter()
        .map(|k| NavLink {
            label: k.label.clone(),
            href: file_name(&g.id, &k.key, 0),
            current: k.key == key,
            hreflang: None,
        })
        .collect()
}

/// Links to the pages of one order, when there are several: `(page, count)` says which is
/// current of how many, `rows` how many rows they hold.
fn page_links(
    g: &Group,
    s: &Tr,
    key: &str,
    (page, page_count): (usize, usize),
    rows: usize,
) -> Vec<NavLink> {
    if page_count <= 1 {
        return Vec::new();
    }
    (0..page_count)
        .map(|p| {
            let from = p * ROWS_PER_PAGE + 1;
            let to = ((p + 1) * ROWS_PER_PAGE).min(rows);
            NavLink {
                label: s.isolated(s.tf(
                    "compare_page_range",
                    &[("from", &s.w.number(from)), ("to", &s.w.number(to))],
                )),
                href: file_name(&g.id, key, p),
                current: p == page,
                hreflang: None,
            }
        })
        .collect()
}

/// The labels a narrow screen shows beside a row's figures, by position in the row: the
/// rank first when the page ranks, then the council (a row header, unlabelled), then the
/// columns (see [`views::LABELLED`]).
fn table_labels(spec: &TableSpec, ranked: bool, rank: &str) -> String {
    let first = if ranked { 3 } else { 2 };
    let columns = spec.columns.iter().enumerate();
    views::column_labels(
        ranked
            .then_some((1, rank))
            .into_iter()
            .chain(columns.map(|(j, c)| (first + j, c.label.as_str()))),
    )
}

/// The column heads, each linking to the order by its column; `key` is the current order.
fn heads(g: &Group, spec: &TableSpec, sort_keys: &[SortKey], key: &str) -> Vec<Head> {
    spec.columns
        .iter()
        .map(|c| {
            let target = sort_keys
                .iter()
                .find(|k| k.column.is_some_and(|i| spec.columns[i].key == c.key))
                .filter(|_| !c.key.is_empty());
            Head {
                label: c.label.clone(),
                href: target.map(|k| file_name(&g.id, &k.key, 0)),
                sorted: target.is_some_and(|k| k.key == key),
                num: c.num,
            }
        })
        .collect()
}

/// Each row shows the same name and cells in every order: they are written once, for the
/// rows `wanted` by the pages being made (the others are left empty), in the language of
/// `s`.
fn row_bodies(
    theme: &CompiledTheme,
    g: &Group,
    columns: &[Column],
    wanted: &[bool],
    s: &Tr,
) -> Result<Vec<String>, Diagnostic> {
    let lang = s.w.lang;
    let root = format!("{}../", up(lang));
    let missing = s.t("not_reported");
    g.rows
        .par_iter()
        .zip(wanted)
        .map(|(r, &wanted)| {
            if !wanted {
                return Ok(String::new());
            }
            let c = r.council;
            let body = RowBody {
                also: lang::other_name(c, lang),
                name: lang::own_name(c, lang),
                href: lang::council_href(c, lang, &root),
                cells: columns
                    .iter()
                    .enumerate()
                    .map(|(j, col)| {
                        let lang = col.lang.as_ref().and_then(|f| f(r));
                        CellView {
                            // The table names the labels of the cells before LABELLED, at
                            // the position each has in a ranked row (the furthest along).
                            label: (j + 3 > views::LABELLED).then(|| col.label.clone()),
                            text: (col.show)(r),
                            num: col.num,
                            rtl: lang.as_deref().is_some_and(crate::render::locale::is_rtl),
                            lang,
                        }
                    })
                    .collect(),
                missing: missing.clone(),
            };
            theme.render_part("compare_row.html", "r", &body)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// "fiscal year 2080/81 (Bikram Sambat)", in the language of `s` and its digits.
pub(super) fn fy_words(s: &Tr, year: &str, g: &Group) -> String {
    s.tf(
        "compare_fiscal_year",
        &[
            ("year", &s.label(year)),
            ("calendar", &calendar_words(s, g.calendar)),
        ],
    )
}
