//! `datasets/<name>.csv` with `datasets/<name>.yaml`: any other table a council publishes.
//! Column types are detected (number, date, text); numeric columns get totals.

use crate::calendar::Calendar;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Column, Schema, SourceFile, Table, is_valid_slug, suggest_slug, yaml};
use crate::numbers::{Amount, parse_amount};
use crate::text::Text;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    title: Option<Text>,
    description: Option<Text>,
    source: Option<Text>,
    #[serde(alias = "license")]
    licence: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, ColumnMeta>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnMeta {
    title: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Number,
    Date,
    Text,
}

#[derive(Clone, Debug)]
pub struct DataColumn {
    pub name: String,
    pub title: Text,
    pub kind: Kind,
    /// Sum of a numeric column and how many cells reported a value.
    pub total: Option<(Amount, usize)>,
}

#[derive(Clone, Debug)]
pub enum Value {
    Empty,
    Number(Amount),
    Text(String),
}

#[derive(Clone, Debug)]
pub struct Dataset {
    pub name: String,
    pub title: Text,
    pub description: Option<Text>,
    pub source: Option<Text>,
    pub licence: Option<String>,
    pub columns: Vec<DataColumn>,
    pub rows: Vec<Vec<Value>>,
}

const NO_COLUMNS: Schema = Schema {
    columns: &[] as &[Column],
};

pub fn resolve(
    name: &str,
    table: &Table,
    meta: Option<&SourceFile>,
    calendar: Calendar,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    if !is_valid_slug(name) {
        diags.push(
            Diagnostic::error(
                table.shown(),
                format!("\"{name}\" is not a valid dataset name"),
            )
            .hint(format!(
                "rename the file to datasets/{}.csv (lowercase letters, digits and -, at most \
                 {} of them)",
                suggest_slug(name),
                crate::load::MAX_SLUG
            )),
        );
        return None;
    }
    let meta: Meta = match meta {
        Some(file) => match yaml::parse(&file.text, &file.shown, 0) {
            Ok(m) => m,
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
        None => Meta::default(),
    };
    let binding = table.bind(NO_COLUMNS, true, diags)?;
    let headers: Vec<(String, usize)> = binding.extra.clone();
    let raw: Vec<Vec<Option<String>>> = table
        .rows(&binding)
        .map(|row| {
            headers
                .iter()
                .map(|(_, i)| row.raw(*i).map(str::to_string))
                .collect()
        })
        .collect();
    let mut columns = Vec::new();
    for (c, (header, _)) in headers.iter().enumerate() {
        let cells: Vec<&str> = raw
            .iter()
            .filter_map(|r| r.get(c).and_then(|v| v.as_deref()))
            .collect();
        let kind =
            if !cells.is_empty() && cells.iter().all(|v| matches!(parse_amount(v), Ok(Some(_)))) {
                Kind::Number
            } else if !cells.is_empty() && cells.iter().all(|v| calendar.parse_date(v).is_ok()) {
                Kind::Date
            } else {
                Kind::Text
            };
        let total = (kind == Kind::Number).then(|| {
            cells.iter().fold((Amount::ZERO, 0), |(sum, n), v| {
                let a = parse_amount(v).ok().flatten().unwrap_or(Amount::ZERO);
                (sum.saturating_add(a), n + 1)
            })
        });
        let title = meta
            .columns
            .get(header)
            .and_then(|m| m.title.clone())
            .unwrap_or_else(|| Text::plain(header.replace('_', " ")));
        columns.push(DataColumn {
            name: header.clone(),
            title,
            kind,
            total,
        });
    }
    let rows = raw
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&columns)
                .map(|(cell, col)| match (cell, col.kind) {
                    (None, _) => Value::Empty,
                    (Some(v), Kind::Number) => parse_amount(&v)
                        .ok()
                        .flatten()
                        .map_or(Value::Text(v), Value::Number),
                    (Some(v), _) => Value::Text(v),
                })
                .collect()
        })
        .collect();
    Some(Dataset {
        name: name.to_string(),
        title: meta
            .title
            .unwrap_or_else(|| Text::plain(name.replace('-', " "))),
        description: meta.description,
        source: meta.source,
        licence: meta.licence,
        columns,
        rows,
    })
}
