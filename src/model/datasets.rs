//! `datasets/<name>.csv` with `datasets/<name>.yaml`: any other table a council publishes.
//! Column types are detected (number, date, text, identifiers) or declared in the YAML's
//! data dictionary (`columns:`, see [`dictionary`]); columns of quantities get totals.

mod dictionary;
mod ids;

pub use dictionary::{ColumnType, parse_percent};
pub use ids::is_id_like;

use crate::calendar::Calendar;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Binding, Column, Schema, SourceFile, Table, is_valid_slug, suggest_slug, yaml};
use crate::numbers::{Amount, parse_amount};
use crate::text::Text;
use dictionary::{ColumnMeta, RawColumns};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    title: Option<Text>,
    description: Option<Text>,
    source: Option<Text>,
    #[serde(alias = "license")]
    licence: Option<String>,
    #[serde(default)]
    columns: RawColumns,
    updated: Option<serde_saphyr::Spanned<String>>,
}

/// How a column's cells are read and shown.
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
    /// What the column holds: declared in the data dictionary, else detected.
    pub ty: ColumnType,
    /// True when the data dictionary gives the column's type.
    pub declared: bool,
    /// The dictionary's `description:` of the column.
    pub description: Option<Text>,
    /// The dictionary's `unit:` of the column's values ("km", "NPR thousand").
    pub unit: Option<Text>,
    /// Sum of a numeric column and how many cells reported a value.
    pub total: Option<(Amount, usize)>,
    /// A column of codes (see [`ids`]): its values are shown and published exactly as
    /// written, and never added up.
    pub identifier: bool,
    /// Codes that are text to a reader of the downloads: declared `type: id` or written
    /// with leading zeros (`007`). Other identifiers (`ward`, `pincode`) stay numbers there.
    pub codes_as_text: bool,
}

impl DataColumn {
    /// True when the dictionary says anything of the column besides its title.
    pub fn is_described(&self) -> bool {
        self.declared || self.description.is_some() || self.unit.is_some()
    }
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
    /// The table's file as messages show it.
    pub shown: std::path::PathBuf,
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
    meta_file: Option<&SourceFile>,
    calendar: Calendar,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    check_name(name, table, diags)?;
    let (meta, updated) = read_meta(meta_file, calendar, diags)?;
    let binding = table.bind(NO_COLUMNS, true, diags)?;
    let headers: Vec<(String, usize)> = binding.extra.clone();
    let mut dict = dictionary::by_name(meta.columns, meta_file, &headers, diags);
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
    let mut ok = true;
    for (c, (header, field)) in headers.iter().enumerate() {
        let cells: Vec<&str> = raw
            .iter()
            .filter_map(|r| r.get(c).and_then(|v| v.as_deref()))
            .collect();
        let source = ColumnSource {
            table,
            binding: &binding,
            header,
            field: *field,
            cells: &cells,
            meta_file,
            calendar,
        };
        match column(&source, dict.remove(header).unwrap_or_default(), diags) {
            Some(col) => columns.push(col),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    let rows = typed_rows(raw, &columns);
    Some(Dataset {
        name: name.to_string(),
        shown: table.shown().to_path_buf(),
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

/// Where one column comes from: the table, its header and field, its filled cells, and
/// the YAML file that may describe it.
struct ColumnSource<'a> {
    table: &'a Table,
    binding: &'a Binding,
    header: &'a str,
    field: usize,
    cells: &'a [&'a str],
    meta_file: Option<&'a SourceFile>,
    calendar: Calendar,
}

/// One column: its type as the dictionary declares it (its cells checked against it) or as
/// detected, and its total when it holds quantities. `None` after an error.
fn column(src: &ColumnSource, entry: ColumnMeta, diags: &mut Diagnostics) -> Option<DataColumn> {
    let declared = match &entry.ty {
        Some(ty) => Some(dictionary::declared_type(
            ty,
            src.header,
            src.meta_file,
            diags,
        )?),
        None => None,
    };
    let detected = column_kind(src.cells, src.calendar);
    let (ty, kind) = match declared {
        Some(ty) => {
            let before = diags.error_count();
            dictionary::check_cells(
                src.table,
                src.binding,
                (src.header, src.field),
                ty,
                src.calendar,
                diags,
            );
            if diags.error_count() > before {
                return None;
            }
            (ty, declared_kind(ty, detected))
        }
        None => {
            mistyped_numbers(src, diags);
            (detected_type(src.header, src.cells, detected), detected)
        }
    };
    let summed = kind == Kind::Number && entry.total.unwrap_or(ty.is_quantity());
    let total = match summed {
        true => Some(column_total(src, ty, diags)?),
        false => None,
    };
    let title = entry
        .title
        .unwrap_or_else(|| Text::plain(src.header.replace('_', " ")));
    Some(DataColumn {
        name: src.header.to_string(),
        title,
        kind,
        ty,
        declared: declared.is_some(),
        description: entry.description,
        unit: entry.unit,
        total,
        identifier: ty == ColumnType::Id && !summed,
        codes_as_text: ty == ColumnType::Id
            && !summed
            && (declared.is_some() || ids::looks_like_codes(src.cells)),
    })
}

/// How the cells of a column of the declared type `ty` are read: codes that all read as
/// numbers are still aligned as figures (`detected`).
fn declared_kind(ty: ColumnType, detected: Kind) -> Kind {
    match ty {
        ColumnType::Text => Kind::Text,
        ColumnType::Id if detected == Kind::Number => Kind::Number,
        ColumnType::Id => Kind::Text,
        ColumnType::Date => Kind::Date,
        ColumnType::Integer | ColumnType::Number | ColumnType::Amount | ColumnType::Percent => {
            Kind::Number
        }
    }
}

/// The type of an undeclared column: identifiers by name or by their leading zeros
/// (see [`ids`]), else what its cells are.
fn detected_type(header: &str, cells: &[&str], kind: Kind) -> ColumnType {
    match kind {
        Kind::Number if is_id_like(header) || ids::looks_like_codes(cells) => ColumnType::Id,
        Kind::Number => ColumnType::Number,
        Kind::Date => ColumnType::Date,
        Kind::Text if is_id_like(header) => ColumnType::Id,
        Kind::Text => ColumnType::Text,
    }
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

/// The cells as values of their column's kind; identifiers exactly as written.
fn typed_rows(raw: Vec<Vec<Option<String>>>, columns: &[DataColumn]) -> Vec<Vec<Value>> {
    raw.into_iter()
        .map(|r| {
            r.into_iter()
                .zip(columns)
                .map(|(cell, col)| match cell {
                    None => Value::Empty,
                    Some(v) if col.identifier || col.kind != Kind::Number => Value::Text(v),
                    Some(v) => read_number(&v, col.ty).map_or(Value::Text(v), Value::Number),
                })
                .collect()
        })
        .collect()
}

/// A cell of a number column of type `ty` as a number.
fn read_number(cell: &str, ty: ColumnType) -> Option<Amount> {
    match ty {
        ColumnType::Percent => parse_percent(cell),
        _ => parse_amount(cell).ok().flatten(),
    }
}

/// A column is taken to hold numbers when at least this many of its filled cells are numbers
/// (and at least [`MIN_NUMBERS`]); its other cells that look like mistyped numbers are errors.
const NUMBER_SHARE_PERCENT: usize = 80;
const MIN_NUMBERS: usize = 3;

/// The sum of a number column and how many cells it covers; a sum too large to store is
/// reported at the cell that made it so.
fn column_total(
    src: &ColumnSource,
    ty: ColumnType,
    diags: &mut Diagnostics,
) -> Option<(Amount, usize)> {
    let mut total = (Amount::ZERO, 0);
    for row in src.table.rows(src.binding) {
        let Some(cell) = row.raw(src.field) else {
            continue;
        };
        let amount = read_number(cell, ty).unwrap_or(Amount::ZERO);
        let Some(sum) = total.0.checked_add(amount) else {
            diags.push(
                row.error_at_field(
                    src.field,
                    format!(
                        "the column {} adds up to more than can be stored",
                        src.header
                    ),
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
fn mistyped_numbers(src: &ColumnSource, diags: &mut Diagnostics) {
    let (header, cells) = (src.header, src.cells);
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
    let field = src.field;
    for row in src.table.rows(src.binding) {
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
        let (dataset, diags) =
            dataset("office,pincode,ward_no,staff\nA,560001,1,10\nB,560002,2,12\nC,560003,3,8\n");
        assert!(!diags.has_errors());
        let columns = dataset.unwrap().columns;
        assert_eq!(columns[1].kind, Kind::Number);
        assert_eq!(columns[1].ty, ColumnType::Id);
        assert_eq!(columns[1].total, None, "a pincode is never summed");
        assert_eq!(columns[2].total, None);
        assert_eq!(columns[3].ty, ColumnType::Number);
        assert_eq!(columns[3].total, Some((Amount::from_units(30).unwrap(), 3)));
    }

    #[test]
    fn codes_written_with_leading_zeros_keep_them_and_are_not_totalled() {
        let (dataset, diags) = dataset("office,post,staff\nA,0441,3\nB,1204,4\nC,0012,5\n");
        assert!(!diags.has_errors());
        let ds = dataset.unwrap();
        assert_eq!(ds.columns[1].ty, ColumnType::Id);
        assert!(ds.columns[1].identifier);
        assert_eq!(ds.columns[1].total, None);
        assert!(matches!(&ds.rows[2][1], Value::Text(t) if t == "0012"));
        assert!(ds.columns[2].total.is_some());
    }

    fn with_yaml(csv: &str, yaml: &str) -> (Option<Dataset>, Vec<Diagnostic>) {
        let mut diags = Diagnostics::new();
        let path = std::path::Path::new("c/data/wells.csv");
        let table = Table::parse(csv.to_string(), path, &mut diags).unwrap();
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
        );
        (ds, diags.into_sorted())
    }

    #[test]
    fn the_dictionary_declares_type_unit_and_description() {
        let yaml = "columns:\n  ward: {type: number}\n  depth:\n    type: Amount\n    unit: {en: NPR thousand, ne: हजार रुपैयाँ}\n    description: {en: Cost of the well}\n  share: {type: percent}\n  code: {type: text}\n";
        let csv = "place,ward,depth,share,code\nA,1,10,12.5%,12\nB,2,20,30 %,13\n";
        let (ds, found) = with_yaml(csv, yaml);
        assert!(found.is_empty(), "{found:?}");
        let ds = ds.unwrap();
        let [_, ward, depth, share, code] = &ds.columns[..] else {
            panic!("five columns");
        };
        assert_eq!((ward.ty, ward.declared), (ColumnType::Number, true));
        assert!(
            ward.total.is_some(),
            "a declared number is summed, whatever its name"
        );
        assert_eq!(depth.ty, ColumnType::Amount);
        assert_eq!(depth.unit.as_ref().unwrap().key("ne"), "हजार रुपैयाँ");
        assert_eq!(
            depth.description.as_ref().unwrap().key("en"),
            "Cost of the well"
        );
        assert!(depth.is_described() && !ds.columns[0].is_described());
        assert_eq!(share.ty, ColumnType::Percent);
        assert_eq!(share.total, None, "percentages are never summed");
        assert!(matches!(ds.rows[1][3], Value::Number(a) if a == Amount::from_units(30).unwrap()));
        assert_eq!(
            (code.ty, code.kind, code.total),
            (ColumnType::Text, Kind::Text, None)
        );
    }

    #[test]
    fn an_unknown_column_in_the_dictionary_is_a_warning_at_its_name() {
        let yaml = "title: Wells\ncolumns:\n  place: {title: Place}\n  stafff: {title: Staff}\n";
        let (ds, found) = with_yaml("place,staff\nA,1\n", yaml);
        assert!(ds.is_some(), "the table itself is fine");
        assert_eq!(found.len(), 1, "{found:?}");
        let e = &found[0];
        assert!(
            !e.is_error(),
            "a key that was ignored before stays harmless"
        );
        assert_eq!(e.path, std::path::Path::new("c/data/wells.yaml"));
        assert_eq!((e.line, e.column), (4, 3));
        assert_eq!(e.message, "columns: stafff is not a column of the table");
        assert!(e.hint.as_ref().unwrap().starts_with("did you mean staff?"));
    }

    #[test]
    fn a_type_that_is_none_names_the_types() {
        let yaml = "columns:\n  staff:\n    type: numeric\n";
        let (ds, found) = with_yaml("place,staff\nA,1\n", yaml);
        assert!(ds.is_none());
        let e = &found[0];
        assert_eq!((e.line, e.column), (3, 11));
        assert_eq!(
            e.message,
            "columns: staff: type \"numeric\" is not a column type"
        );
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "did you mean number? a column's type is one of text, id, code, integer, number, amount, percent, date"
            )
        );
    }

    #[test]
    fn a_declared_type_is_checked_at_every_cell() {
        let yaml =
            "columns:\n  staff: {type: integer}\n  opened: {type: date}\n  note: {type: text}\n";
        let csv = "place,staff,opened,note\nA,1,2024-01-05,12I0\nB,2.5,2024-13-01,1\n";
        let (ds, found) = with_yaml(csv, yaml);
        assert!(ds.is_none());
        let at: Vec<_> = found
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (
                    3,
                    3,
                    "\"2.5\" is not a whole number; column staff is declared type: integer"
                ),
                (
                    3,
                    7,
                    "\"2024-13-01\" is not a date as YYYY-MM-DD; column opened is declared type: date"
                ),
            ],
            "text keeps 12I0 as written, without the mistyped-number error"
        );
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
