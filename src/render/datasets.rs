//! Any other dataset: `datasets/<name>.html` with the table, its totals and, when its YAML
//! describes the columns, "About the columns"; a long table is split into pages
//! (`<name>-2.html`…, see [`pages`]).

mod about;
mod pages;

use super::Emitter;
use super::export::{Context, ExportTable, Field, FieldType};
use super::home::HomeLink;
use super::locale::Locale;
use super::views::{Cell, DataTable, Generic};
use crate::calendar::Calendar;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::datasets::{ColumnType, DataColumn, Dataset, Kind, Value};
use crate::numbers::Amount;
use serde::Serialize;

/// What `dataset.html` shows of one page of a dataset: the generic parts, then the
/// navigation between its pages and the data dictionary.
#[derive(Serialize)]
struct DatasetPage {
    #[serde(flatten)]
    page: Generic,
    pager: Option<pages::Pager>,
    about: Option<DataTable>,
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    pages::check_names(&emit.council.datasets)?;
    let loc = emit.locale;
    for ds in &emit.council.datasets {
        let title = loc.text(&ds.title);
        let heads: Vec<(String, bool)> = ds
            .columns
            .iter()
            .map(|c| (loc.text(&c.title).text, c.kind == Kind::Number))
            .collect();
        let ranges = pages::ranges(ds);
        let split = ranges.len() > 1;
        let foot = totals(loc, ds, split);
        let intro = intro(loc, ds);
        let about = about::table(loc, ds, &title.text);
        for (index, range) in ranges.iter().enumerate() {
            let mut table = DataTable::new("data", title.text.clone(), &heads);
            table.rows = ds.rows[range.clone()]
                .iter()
                .map(|row| cells(loc, &ds.columns, row))
                .collect();
            table.foot = foot.clone();
            let heading = match index {
                0 => title.text.clone(),
                _ => loc.tf(
                    "dataset_page_title",
                    &[
                        ("title", &title.text),
                        ("page", &loc.int(index as u64 + 1)),
                        ("pages", &loc.int(ranges.len() as u64)),
                    ],
                ),
            };
            let view = DatasetPage {
                page: Generic {
                    heading: title.clone(),
                    intro: intro.clone(),
                    notes: split
                        .then(|| pages::rows_note(loc, range, ds.rows.len()))
                        .into_iter()
                        .collect(),
                    tables: vec![table],
                    ..Generic::default()
                },
                pager: split.then(|| pages::Pager::new(loc, &ds.name, index, ranges.len())),
                about: about.clone(),
            };
            let path = format!("datasets/{}", pages::file_name(&ds.name, index));
            emit.page(&path, "dataset.html", &heading, &view)?;
        }
    }
    Ok(())
}

/// The description and source of a dataset, as the lines under its heading.
fn intro(loc: &Locale, ds: &Dataset) -> Vec<String> {
    let mut intro: Vec<String> = Vec::new();
    if let Some(d) = loc.opt_text(ds.description.as_ref()) {
        intro.push(d.text);
    }
    if let Some(s) = loc.opt_text(ds.source.as_ref()) {
        intro.push(format!("{}: {}", loc.t("source"), s.text));
    }
    intro
}

/// One row's cells: identifiers exactly as written, in the page's digits.
fn cells(loc: &Locale, columns: &[DataColumn], row: &[Value]) -> Vec<Cell> {
    row.iter()
        .zip(columns)
        .map(|(v, c)| match v {
            Value::Empty => Cell::text("—"),
            Value::Number(a) if c.ty == ColumnType::Percent => Cell::num(percent(loc, *a)),
            Value::Number(a) => Cell::num(loc.figure(*a)),
            Value::Text(t) if c.kind == Kind::Number => Cell::num(loc.digits(t)),
            Value::Text(t) if c.kind == Kind::Date => Cell::text(loc.digits(t)),
            Value::Text(t) => Cell::text(t.clone()),
        })
        .collect()
}

/// A percentage as its figure is shown, `12.50%`, kept as one left-to-right unit on a
/// right-to-left page (the sign inside it, so that Urdu shows `12.50%`, not `%12.50`).
fn percent(loc: &Locale, a: Amount) -> String {
    let figure = loc.amount(a);
    loc.isolated(format!(
        "{}%",
        figure.trim_matches(['\u{2066}', '\u{2069}'])
    ))
}

/// The Total row, when a column is summed: of every row, on every page of a long table
/// (and then labelled so).
fn totals(loc: &Locale, ds: &Dataset, split: bool) -> Vec<Vec<Cell>> {
    if !ds.columns.iter().skip(1).any(|c| c.total.is_some()) {
        return Vec::new();
    }
    let label = if split { "dataset_total_all" } else { "total" };
    let mut foot = vec![Cell::text(loc.t(label))];
    for c in ds.columns.iter().skip(1) {
        foot.push(match c.total {
            Some((sum, _)) => Cell::num(loc.figure(sum)),
            None => Cell::text(""),
        });
    }
    vec![foot]
}
/// The downloads: one per dataset (`datasets-<name>`), with the column types found in it;
/// dates are typed as dates only in the Gregorian calendar.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let default = cx.langs.first().map_or("", String::as_str);
    let mut out = Vec::new();
    for ds in &council.datasets {
        let mut t = ExportTable::new(
            &format!("datasets-{}", ds.name),
            ds.title.clone(),
            &format!("datasets/{}.html", ds.name),
        );
        t.description = ds.description.clone();
        t.licence = ds.licence.clone();
        t.source = ds.source.clone();
        for c in &ds.columns {
            t.fields.push(Field {
                name: c.name.clone(),
                kind: field_type(c, cx.cal),
                title: c.title.key(default).to_string(),
                description: c.description.as_ref().map(|d| d.key(default).to_string()),
                unit: c.unit.as_ref().map(|u| u.key(default).to_string()),
            });
        }
        for row in &ds.rows {
            t.rows.push(
                row.iter()
                    .map(|v| match v {
                        Value::Empty => None,
                        Value::Number(a) => Some(a.plain()),
                        Value::Text(s) => Some(s.clone()),
                    })
                    .collect(),
            );
        }
        out.push(t);
    }
    out
}

/// The Table Schema type of a column: codes declared so or written with leading zeros are
/// strings (their zeros kept), percentages numbers; dates are typed as dates only in the
/// Gregorian calendar.
fn field_type(c: &DataColumn, cal: Calendar) -> FieldType {
    match c.ty {
        ColumnType::Id if c.codes_as_text => FieldType::String,
        ColumnType::Text | ColumnType::Id if c.kind == Kind::Number => FieldType::Number,
        ColumnType::Text | ColumnType::Id => FieldType::String,
        ColumnType::Integer => FieldType::Integer,
        ColumnType::Number | ColumnType::Percent => FieldType::Number,
        ColumnType::Amount => FieldType::Amount,
        ColumnType::Date if cal == Calendar::Gregorian && c.kind == Kind::Date => FieldType::Date,
        ColumnType::Date => FieldType::String,
    }
}

/// The home page's links, one per dataset.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    emit.council
        .datasets
        .iter()
        .map(|ds| HomeLink {
            label: emit.locale.text(&ds.title),
            href: format!("datasets/{}.html", ds.name),
            figure: None,
        })
        .collect()
}
