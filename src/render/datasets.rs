//! Any other dataset: `datasets/<name>.html` with the table, detected column types and totals.

use super::Emitter;
use super::export::{Context, ExportTable, Field, FieldType};
use super::home::HomeLink;
use super::views::{Cell, DataTable, Generic};
use crate::calendar::Calendar;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::datasets::{Kind, Value};

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    for ds in &emit.council.datasets {
        let path = format!("datasets/{}.html", ds.name);
        let title = loc.text(&ds.title);
        let columns: Vec<(String, bool)> = ds
            .columns
            .iter()
            .map(|c| (loc.text(&c.title).text, c.kind == Kind::Number))
            .collect();
        let mut table = DataTable::new("data", title.text.clone(), &columns);
        for row in &ds.rows {
            table.rows.push(
                row.iter()
                    .zip(&ds.columns)
                    .map(|(v, c)| match v {
                        Value::Empty => Cell::text("—"),
                        Value::Number(a) if c.identifier => Cell::num(loc.digits(&a.plain())),
                        Value::Number(a) => Cell::num(loc.amount(*a)),
                        Value::Text(t) if c.kind == Kind::Date => Cell::text(loc.digits(t)),
                        Value::Text(t) => Cell::text(t.clone()),
                    })
                    .collect(),
            );
        }
        if ds.columns.iter().skip(1).any(|c| c.total.is_some()) {
            let mut foot = vec![Cell::text(loc.t("total"))];
            for c in ds.columns.iter().skip(1) {
                foot.push(match c.total {
                    Some((sum, _)) => Cell::num(loc.amount(sum)),
                    None => Cell::text(""),
                });
            }
            table.foot.push(foot);
        }
        let mut intro: Vec<String> = Vec::new();
        if let Some(d) = loc.opt_text(ds.description.as_ref()) {
            intro.push(d.text);
        }
        if let Some(s) = loc.opt_text(ds.source.as_ref()) {
            intro.push(format!("{}: {}", loc.t("source"), s.text));
        }
        let view = Generic {
            heading: title.clone(),
            intro,
            tables: vec![table],
            ..Generic::default()
        };
        emit.page(&path, "dataset.html", &title.text, &view)?;
    }
    Ok(())
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
            let kind = match c.kind {
                Kind::Number => FieldType::Number,
                Kind::Date if cx.cal == Calendar::Gregorian => FieldType::Date,
                _ => FieldType::String,
            };
            t.fields.push(Field {
                name: c.name.clone(),
                kind,
                title: c.title.key(default).to_string(),
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
