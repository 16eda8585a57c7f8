//! `datasets/<name>.csv` with `datasets/<name>.yaml`: any other table a council publishes.
//! Column types are detected (number, date, text); numeric columns get totals.

use crate::calendar::Calendar;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Binding, Column, Schema, SourceFile, Table, is_valid_slug, suggest_slug, yaml};
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
    updated: Option<serde_saphyr::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnMeta {
    title: Option<Text>,
    /// `total: false` keeps a number column out of the Total row; `total: true` puts a
    /// column in it that its name would keep out (see [`is_id_like`]).
    total: Option<bool>,
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
    /// A column of codes (see [`is_id_like`]): its numbers are shown as written, without
    /// digit grouping, and never added up.
    pub identifier: bool,
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
    /// `updated:` in the YAML file: the day the data was last updated, in the council's
    /// calendar.
    pub updated: Option<crate::calendar::Date>,
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
    check_name(name, table, diags)?;
    let (meta, updated) = read_meta(meta, calendar, diags)?;
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
    for (c, (header, field)) in headers.iter().enumerate() {
        let cells: Vec<&str> = raw
            .iter()
            .filter_map(|r| r.get(c).and_then(|v| v.as_deref()))
            .collect();
        mistyped_numbers(table, &binding, header, c, &headers, &cells, diags);
        let kind = column_kind(&cells, calendar);
        let identifier = is_id_like(header);
        let summed = meta
            .columns
            .get(header)
            .and_then(|m| m.total)
            .unwrap_or(!identifier);
        let total = match kind {
            Kind::Number if summed => Some(column_total(table, &binding, header, *field, diags)?),
            _ => None,
        };
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
            identifier: identifier && !summed,
        });
    }
    let rows = typed_rows(raw, &columns);
    Some(Dataset {
        name: name.to_string(),
        title: meta
            .title
            .unwrap_or_else(|| Text::plain(name.replace('-', " "))),
        description: meta.description,
        source: meta.source,
        licence: meta.licence,
        updated,
        columns,
        rows,
    })
}

/// Reports a file name that cannot be a dataset's address.
fn check_name(name: &str, table: &Table, diags: &mut Diagnostics) -> Option<()> {
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
    Some(())
}

/// The dataset's YAML file, if it has one, and the date in its `updated:`.
fn read_meta(
    meta: Option<&SourceFile>,
    calendar: Calendar,
    diags: &mut Diagnostics,
) -> Option<(Meta, Option<crate::calendar::Date>)> {
    let meta_file = meta;
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
    let updated = match (&meta.updated, meta_file) {
        (Some(value), Some(file)) => Some(crate::model::dates::yaml_date(
            file, value, "updated", calendar, diags,
        )?),
        _ => None,
    };
    Some((meta, updated))
}

/// Number when every cell is an amount, date when every cell is a date, else text.
fn column_kind(cells: &[&str], calendar: Calendar) -> Kind {
    if !cells.is_empty() && cells.iter().all(|v| matches!(parse_amount(v), Ok(Some(_)))) {
        Kind::Number
    } else if !cells.is_empty() && cells.iter().all(|v| calendar.parse_date(v).is_ok()) {
        Kind::Date
    } else {
        Kind::Text
    }
}

/// The last words of column names that hold identifiers, not quantities: codes, numbers
/// of wards and houses, telephone numbers, years. Their sum means nothing.
#[rustfmt::skip]
const ID_WORDS: &[&str] = &[
    "id", "code", "codes", "pincode", "pin", "postcode", "zip", "ward", "phone", "mobile",
    "telephone", "tel", "year", "no", "number", "sn", "serial",
    "कोड", "नं", "नं.", "नम्बर", "वडा", "साल", "वर्ष",
];

/// True for a column whose name says it holds identifiers (`pincode`, `district_code`,
/// `locallevel_fullcode`, `ward_no`, `phone_number`, `year`, `वडा_नं`): its last word,
/// after `_`, is one of [`ID_WORDS`] or ends in `code`. `ward_population`, `wards` (a count
/// of wards) and `students` are quantities.
pub fn is_id_like(header: &str) -> bool {
    let last = header
        .rsplit(['_', '.'])
        .find(|w| !w.is_empty())
        .unwrap_or(header);
    ID_WORDS.contains(&last) || last.ends_with("code")
}

/// The cells as values of their column's kind.
fn typed_rows(raw: Vec<Vec<Option<String>>>, columns: &[DataColumn]) -> Vec<Vec<Value>> {
    raw.into_iter()
        .map(|r| {
            r.into_iter()
                .zip(columns)
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
        .collect()
}

/// A column is taken to hold numbers when at least this many of its filled cells are numbers
/// (and at least [`MIN_NUMBERS`]); its other cells that look like mistyped numbers are errors.
const NUMBER_SHARE_PERCENT: usize = 80;
const MIN_NUMBERS: usize = 3;

/// The sum of a number column and how many cells it covers; a sum too large to store is
/// reported at the cell that made it so.
fn column_total(
    table: &Table,
    binding: &Binding,
    header: &str,
    field: usize,
    diags: &mut Diagnostics,
) -> Option<(Amount, usize)> {
    let mut total = (Amount::ZERO, 0);
    for row in table.rows(binding) {
        let Some(cell) = row.raw(field) else {
            continue;
        };
        let amount = parse_amount(cell).ok().flatten().unwrap_or(Amount::ZERO);
        let Some(sum) = total.0.checked_add(amount) else {
            diags.push(
                row.error_at_field(
                    field,
                    format!("the column {header} adds up to more than can be stored"),
                )
                .hint(
                    "check for extra or run-together digits; the numbers of a column, added \
                     up, must stay below 922,337,203,685,477",
                ),
            );
            return None;
        };
        total = (sum, total.1 + 1);
    }
    Some(total)
}

/// Reports the cells of a column of numbers that are numbers mistyped (`12I0`, `1,2O0`,
/// `12.5.3`): one such cell would turn the column into text and drop its Total. A cell with
/// other letters or signs (`n/a`, `Office`, `5-6`) is text, and so is its column.
fn mistyped_numbers(
    table: &Table,
    binding: &Binding,
    header: &str,
    c: usize,
    headers: &[(String, usize)],
    cells: &[&str],
    diags: &mut Diagnostics,
) {
    let numbers = cells
        .iter()
        .filter(|v| matches!(parse_amount(v), Ok(Some(_))))
        .count();
    if numbers == cells.len()
        || numbers < MIN_NUMBERS
        || numbers * 100 < cells.len() * NUMBER_SHARE_PERCENT
    {
        return;
    }
    let field = headers[c].1;
    for row in table.rows(binding) {
        let Some(cell) = row.raw(field) else {
            continue;
        };
        let Err(err) = parse_amount(cell) else {
            continue;
        };
        if !looks_like_a_number(cell) {
            continue;
        }
        let hint = match misread_letters(cell) {
            Some(number) => format!(
                "did you mean {number}? a capital I, O or S, or a small l, was typed for 1, 0 or 5; \
                 one cell that is not a number makes the whole column text, without its Total"
            ),
            None => format!(
                "{}; one cell that is not a number makes the whole column text, without its Total",
                err.hint()
            ),
        };
        diags.push(
            row.error_at_field(
                field,
                format!(
                    "\"{cell}\" is not a number; column {header} holds numbers ({numbers} of its {} filled cells)",
                    cells.len()
                ),
            )
            .hint(hint),
        );
    }
}

/// Letters typed for digits, as they look alike.
const LOOKALIKES: [(char, char); 6] = [
    ('I', '1'),
    ('l', '1'),
    ('|', '1'),
    ('O', '0'),
    ('o', '0'),
    ('S', '5'),
];

/// True for a cell of digits (any script), with separators and letters that look like
/// digits only: a number mistyped, not a word.
fn looks_like_a_number(cell: &str) -> bool {
    cell.chars().any(char::is_numeric)
        && cell.chars().all(|c| {
            c.is_numeric() || matches!(c, ',' | '.' | ' ') || LOOKALIKES.iter().any(|l| l.0 == c)
        })
}

/// The number `cell` is with look-alike letters read as digits, if that makes one.
fn misread_letters(cell: &str) -> Option<String> {
    if !cell.chars().any(|c| LOOKALIKES.iter().any(|l| l.0 == c)) {
        return None;
    }
    let fixed: String = cell
        .chars()
        .map(|c| LOOKALIKES.iter().find(|l| l.0 == c).map_or(c, |l| l.1))
        .collect();
    matches!(parse_amount(&fixed), Ok(Some(_))).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistyped_numbers_and_words() {
        assert!(looks_like_a_number("12I0"));
        assert!(looks_like_a_number("1,2O0"));
        assert!(looks_like_a_number("12.5.3"));
        assert!(looks_like_a_number("१२I०"));
        assert!(!looks_like_a_number("Office"));
        assert!(!looks_like_a_number("n/a"));
        assert!(!looks_like_a_number("5-6"));
        assert!(!looks_like_a_number("OIS"));
        assert_eq!(misread_letters("12I0").as_deref(), Some("1210"));
        assert_eq!(misread_letters("l,2O0").as_deref(), Some("1,200"));
        assert_eq!(misread_letters("12.5.3"), None);
    }

    fn dataset(csv: &str) -> (Option<Dataset>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let path = std::path::Path::new("c/data/wells.csv");
        let table = Table::parse(csv.to_string(), path, &mut diags).unwrap();
        let dataset = resolve("wells", &table, None, Calendar::Gregorian, &mut diags);
        (dataset, diags)
    }

    #[test]
    fn number_columns_are_totalled() {
        let (dataset, diags) = dataset("ward,depth\n1,10\n2,\n3,2.5\n");
        assert!(!diags.has_errors());
        let depth = &dataset.unwrap().columns[1];
        assert_eq!(depth.total, Some((Amount::from_raw(125_000), 2)));
    }

    #[test]
    fn identifier_columns_are_not_totalled() {
        for id in [
            "pincode",
            "district_code",
            "lgd_code",
            "ward",
            "ward_no",
            "phone_number",
            "year",
            "fiscal_year",
            "id",
            "वडा_नं",
            "वडा",
            "locallevel_fullcode",
        ] {
            assert!(is_id_like(id), "{id}");
        }
        for quantity in [
            "students",
            "ward_population",
            "households",
            "area_km2",
            "budget",
        ] {
            assert!(!is_id_like(quantity), "{quantity}");
        }
        let (dataset, diags) =
            dataset("office,pincode,ward_no,staff\nA,560001,1,10\nB,560002,2,12\nC,560003,3,8\n");
        assert!(!diags.has_errors());
        let columns = dataset.unwrap().columns;
        assert_eq!(columns[1].kind, Kind::Number);
        assert_eq!(columns[1].total, None, "a pincode is never summed");
        assert_eq!(columns[2].total, None);
        assert_eq!(columns[3].total, Some((Amount::from_units(30).unwrap(), 3)));
    }

    #[test]
    fn the_yaml_decides_which_columns_are_totalled() {
        let mut diags = Diagnostics::new();
        let path = std::path::Path::new("c/data/wells.csv");
        let csv = "place,ward,staff\nA,1,7\nB,2,9\n";
        let table = Table::parse(csv.to_string(), path, &mut diags).unwrap();
        let yaml = "columns:\n  ward: {total: true}\n  staff: {total: false}\n";
        let meta = SourceFile {
            name: "datasets/wells.yaml".to_string(),
            shown: "c/data/wells.yaml".into(),
            text: yaml.to_string(),
        };
        let ds = resolve(
            "wells",
            &table,
            Some(&meta),
            Calendar::Gregorian,
            &mut diags,
        )
        .unwrap();
        assert!(!diags.has_errors());
        assert_eq!(
            ds.columns[1].total,
            Some((Amount::from_units(3).unwrap(), 2))
        );
        assert_eq!(ds.columns[2].total, None);
    }

    #[test]
    fn a_column_whose_sum_overflows_is_an_error_at_the_cell() {
        let (dataset, diags) =
            dataset("ward,depth\n1,900000000000000\n2,-5\n3,900000000000000\n4,1\n");
        assert!(dataset.is_none());
        let found = diags.into_sorted();
        assert_eq!(found.len(), 1, "{found:?}");
        let e = &found[0];
        assert!(e.is_error());
        assert_eq!((e.line, e.column), (4, 3));
        assert_eq!(
            e.message,
            "the column depth adds up to more than can be stored"
        );
    }
}
