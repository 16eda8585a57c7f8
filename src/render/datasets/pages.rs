//! A long dataset split into pages: `datasets/<name>.html` shows the first rows,
//! `datasets/<name>-2.html` the next, and so on, each page with the same totals (of every
//! row) and a navigation between them that works from `file://` without scripts.

use crate::diagnostics::Diagnostic;
use crate::model::datasets::Dataset;
use crate::render::locale::Locale;
use serde::Serialize;
use std::ops::Range;

/// At most this many cells of data on one page: about 30 KB of HTML, 4–6 KB gzipped, so a
/// page opens in a few seconds on 2G whatever the table's width.
const CELLS_PER_PAGE: usize = 600;
/// Rows per page, however narrow or wide the table: enough to read a page as a table,
/// few enough to find a row by eye.
const MAX_ROWS: usize = 50;
const MIN_ROWS: usize = 10;
/// Page numbers shown on each side of the current one; the first and last are always shown.
const NEARBY: usize = 2;

/// How many rows each page of a table of `columns` columns shows.
pub fn rows_per_page(columns: usize) -> usize {
    (CELLS_PER_PAGE / columns.max(1)).clamp(MIN_ROWS, MAX_ROWS)
}

/// The file name of page `index` (from 0) of the dataset `name`, in `datasets/`.
pub fn file_name(name: &str, index: usize) -> String {
    match index {
        0 => format!("{name}.html"),
        i => format!("{name}-{}.html", i + 1),
    }
}

/// The rows of each page of `ds`: one page (possibly empty) when it is short.
pub fn ranges(ds: &Dataset) -> Vec<Range<usize>> {
    let per = rows_per_page(ds.columns.len());
    let n = ds.rows.len();
    if n <= per {
        return std::iter::once(0..n).collect();
    }
    (0..n).step_by(per).map(|s| s..(s + per).min(n)).collect()
}

/// An error when a page of one dataset would be written where another dataset's first
/// page is (`wells` of 120 rows and `wells-2`): one of them would be lost.
pub fn check_names(datasets: &[Dataset]) -> Result<(), Diagnostic> {
    for ds in datasets {
        for index in 1..ranges(ds).len() {
            let page = file_name(&ds.name, index);
            if let Some(other) = datasets.iter().find(|o| file_name(&o.name, 0) == page) {
                return Err(Diagnostic::error(
                    &other.shown,
                    format!(
                        "dataset {} has the address of page {} of dataset {} ({} rows)",
                        other.name,
                        index + 1,
                        ds.name,
                        ds.rows.len()
                    ),
                )
                .hint(format!(
                    "rename datasets/{0}.csv (and its .yaml): a long dataset's pages are \
                     {1}.html, {1}-2.html, {1}-3.html…",
                    other.name, ds.name
                )));
            }
        }
    }
    Ok(())
}

/// The navigation between the pages of one dataset, as the page `current` shows it.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// The navigation's accessible name ("Pages of this table").
    pub label: String,
    pub previous: Option<PageLink>,
    pub next: Option<PageLink>,
    pub pages: Vec<PageNumber>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub label: String,
    pub href: String,
}

/// One entry of the page numbers: a link, the current page (no link), or a gap ("…",
/// neither link nor current).
#[derive(Debug, Serialize)]
pub struct PageNumber {
    pub label: String,
    pub href: Option<String>,
    pub current: bool,
}

impl Pager {
    pub fn new(loc: &Locale, name: &str, current: usize, count: usize) -> Pager {
        let link = |i: usize, label: String| PageLink {
            label,
            href: file_name(name, i),
        };
        let mut pages = Vec::new();
        for i in 0..count {
            let shown = i == 0 || i + 1 == count || i.abs_diff(current) <= NEARBY;
            if shown {
                let number = loc.int(i as u64 + 1);
                pages.push(PageNumber {
                    label: number,
                    href: (i != current).then(|| file_name(name, i)),
                    current: i == current,
                });
            } else if pages.last().is_some_and(|p| p.href.is_some() || p.current) {
                pages.push(PageNumber {
                    label: "…".into(),
                    href: None,
                    current: false,
                });
            }
        }
        Pager {
            label: loc.t("dataset_pages"),
            previous: (current > 0).then(|| link(current - 1, loc.t("dataset_previous"))),
            next: (current + 1 < count).then(|| link(current + 1, loc.t("dataset_next"))),
            pages,
        }
    }
}

/// "Rows 51–100 of 119", in the page's digits.
pub fn rows_note(loc: &Locale, rows: &Range<usize>, total: usize) -> String {
    loc.tf(
        "dataset_rows",
        &[
            ("first", &loc.int(rows.start as u64 + 1)),
            ("last", &loc.int(rows.end as u64)),
            ("total", &loc.int(total as u64)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_have_fewer_rows_a_page() {
        assert_eq!(rows_per_page(5), 50);
        assert_eq!(rows_per_page(20), 30);
        assert_eq!(rows_per_page(118), 10);
        assert_eq!(file_name("wells", 0), "wells.html");
        assert_eq!(file_name("wells", 2), "wells-3.html");
    }
}
