//! "About the columns": the data dictionary of a dataset as a table on its page, in the
//! page's language: each column's title, its name in the downloads, its type, its unit and
//! what it means.

use crate::model::datasets::Dataset;
use crate::render::locale::Locale;
use crate::render::views::{Cell, DataTable, MISSING};

/// The table, when the dataset's YAML describes any column beyond its title.
pub fn table(loc: &Locale, ds: &Dataset, title: &str) -> Option<DataTable> {
    if !ds.columns.iter().any(|c| c.is_described()) {
        return None;
    }
    let heads: Vec<(String, bool)> = [
        "dataset_column",
        "dataset_column_name",
        "dataset_column_type",
        "dataset_column_unit",
        "dataset_column_about",
    ]
    .iter()
    .map(|k| (loc.t(k), false))
    .collect();
    let caption = loc.tf("dataset_columns_caption", &[("title", title)]);
    let mut table = DataTable::new("columns", caption, &heads).not_reported(loc.t("not_reported"));
    for c in &ds.columns {
        let or_dash = |s: Option<Cell>| s.unwrap_or_else(|| Cell::text(MISSING));
        table.rows.push(vec![
            Cell::shown(loc.text(&c.title)),
            Cell::text(c.name.clone()),
            Cell::text(loc.t(&format!("column_type_{}", c.ty.name()))),
            or_dash(c.unit.as_ref().map(|u| Cell::shown(loc.text(u)))),
            or_dash(c.description.as_ref().map(|d| Cell::shown(loc.text(d)))),
        ]);
    }
    Some(table)
}
