//! The data dictionary of a dataset: the `columns:` of `datasets/<name>.yaml`, saying of
//! each column its title, what it means, what kind of value it holds and in what unit.
//!
//! ```yaml
//! columns:
//!   road_length:
//!     title: {ne: सडकको लम्बाइ, en: Road length}
//!     description: {en: Length of blacktopped road in the ward}
//!     type: number
//!     unit: {ne: कि.मि., en: km}
//! ```

use crate::calendar::Calendar;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::{Binding, SourceFile, Table};
use crate::numbers::{Amount, parse_amount};
use crate::text::Text;
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};
use std::collections::{BTreeMap, HashMap};

/// One column's entry, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ColumnMeta {
    pub title: Option<Text>,
    pub description: Option<Text>,
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    pub unit: Option<Text>,
    /// `total: false` keeps a number column out of the Total row; `total: true` puts a
    /// column in it that its name or values would keep out (see `super::ids`).
    pub total: Option<bool>,
}

/// The `columns:` mapping as written: each column's name, where it is, and its entry.
pub(super) type RawColumns = HashMap<Spanned<String>, ColumnMeta>;

/// What a column holds, as the dictionary declares it or as its cells show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Words, kept as written.
    Text,
    /// Codes and numbers that name something (`pincode`, `ward_no`): never added up,
    /// kept exactly as written.
    Id,
    /// Whole numbers that count something.
    Integer,
    /// Numbers that measure something.
    Number,
    /// Money, in the council's currency.
    Amount,
    /// A share out of a hundred (`12.5` or `12.5%`): never added up.
    Percent,
    /// Days, in the council's calendar.
    Date,
}

/// Every word `type:` accepts, and the type it names.
const TYPES: &[(&str, ColumnType)] = &[
    ("text", ColumnType::Text),
    ("id", ColumnType::Id),
    ("code", ColumnType::Id),
    ("integer", ColumnType::Integer),
    ("number", ColumnType::Number),
    ("amount", ColumnType::Amount),
    ("percent", ColumnType::Percent),
    ("date", ColumnType::Date),
];

/// Words other tools use for the types, to suggest the one meant.
const SYNONYMS: &[(&str, &str)] = &[
    ("string", "text"),
    ("str", "text"),
    ("identifier", "id"),
    ("int", "integer"),
    ("whole", "integer"),
    ("count", "integer"),
    ("numeric", "number"),
    ("float", "number"),
    ("decimal", "number"),
    ("money", "amount"),
    ("currency", "amount"),
    ("percentage", "percent"),
    ("%", "percent"),
    ("datetime", "date"),
    ("day", "date"),
];

impl ColumnType {
    /// The type's word in the content format and in the interface strings
    /// (`column_type_<name>`).
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Id => "id",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Amount => "amount",
            ColumnType::Percent => "percent",
            ColumnType::Date => "date",
        }
    }

    /// True for a type whose values add up to something meaningful.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            ColumnType::Integer | ColumnType::Number | ColumnType::Amount
        )
    }

    /// True for a type whose every cell must read as a number.
    pub fn is_numeric(self) -> bool {
        self.is_quantity() || self == ColumnType::Percent
    }
}

/// The entries by column name, with where each name is written. Warns (once each) about
/// a name that is not a column of the table, with the nearest column's name as a hint.
pub(super) fn by_name(
    raw: RawColumns,
    file: Option<&SourceFile>,
    headers: &[(String, usize)],
    diags: &mut Diagnostics,
) -> BTreeMap<String, ColumnMeta> {
    let mut out = BTreeMap::new();
    for (name, meta) in raw {
        if !headers.iter().any(|(h, _)| *h == name.value)
            && let Some(file) = file
        {
            let near = closest(&name.value, headers.iter().map(|(h, _)| h.as_str()));
            let columns: Vec<&str> = headers.iter().map(|(h, _)| h.as_str()).collect();
            let hint = match near {
                Some(near) => format!(
                    "did you mean {near}? the table's columns are {}",
                    columns.join(", ")
                ),
                None => format!(
                    "write the column's name as the first row of the table has it: {}",
                    columns.join(", ")
                ),
            };
            // A warning, not an error: such keys were read and ignored before, and a folder
            // that built then builds now.
            let mut d = at(file, name.referenced, name.value.chars().count(), |shown| {
                Diagnostic::error(
                    shown,
                    format!("columns: {} is not a column of the table", name.value),
                )
            })
            .hint(format!("{hint}; this entry is ignored"));
            d.severity = crate::diagnostics::Severity::Warning;
            diags.push(d);
            continue;
        }
        out.insert(name.value, meta);
    }
    out
}

/// The type `ty` names; an error at it, naming the types, when it names none.
pub(super) fn declared_type(
    ty: &Spanned<String>,
    column: &str,
    file: Option<&SourceFile>,
    diags: &mut Diagnostics,
) -> Option<ColumnType> {
    let word = ty.value.trim().to_lowercase();
    if let Some((_, t)) = TYPES.iter().find(|(w, _)| *w == word) {
        return Some(*t);
    }
    let file = file?;
    let names: Vec<&str> = TYPES.iter().map(|(w, _)| *w).collect();
    let near = SYNONYMS
        .iter()
        .find(|(s, _)| *s == word)
        .map(|(_, t)| *t)
        .or_else(|| closest(&word, names.iter().copied()));
    let hint = match near {
        Some(near) => format!(
            "did you mean {near}? a column's type is one of {}",
            names.join(", ")
        ),
        None => format!("a column's type is one of {}", names.join(", ")),
    };
    diags.push(
        at(file, ty.referenced, ty.value.chars().count(), |shown| {
            Diagnostic::error(
                shown,
                format!(
                    "columns: {column}: type \"{}\" is not a column type",
                    ty.value
                ),
            )
        })
        .hint(hint),
    );
    None
}

/// A diagnostic made by `make` for the YAML file, placed at `loc` over `width` characters.
fn at(
    file: &SourceFile,
    loc: Location,
    width: usize,
    make: impl FnOnce(&std::path::Path) -> Diagnostic,
) -> Diagnostic {
    let (line, column) = (loc.line() as usize, loc.column() as usize);
    make(&file.shown).at_source(&file.text, line.max(1), column.max(1), width)
}

/// A percentage cell read as a number: `12.5` or `12.5%` (`12.5 %`, `१२.५%`).
pub fn parse_percent(cell: &str) -> Option<Amount> {
    let bare = cell.trim().trim_end_matches(['%', '٪']).trim_end();
    parse_amount(bare).ok().flatten()
}

/// Reports each cell of the column at `field` that is not a value of `ty`, at the cell:
/// a declared type is a promise to the people who download the data.
pub(super) fn check_cells(
    table: &Table,
    binding: &Binding,
    (header, field): (&str, usize),
    ty: ColumnType,
    calendar: Calendar,
    diags: &mut Diagnostics,
) {
    for row in table.rows(binding) {
        let Some(cell) = row.raw(field) else {
            continue;
        };
        let problem = match ty {
            ColumnType::Text | ColumnType::Id => None,
            ColumnType::Percent => parse_percent(cell)
                .is_none()
                .then_some("a percentage, e.g. 12.5 or 12.5%"),
            ColumnType::Integer => match parse_amount(cell) {
                Ok(Some(a)) if a.raw() % Amount::SCALE == 0 => None,
                Ok(Some(_)) => Some("a whole number"),
                _ => Some("a whole number, e.g. 120"),
            },
            ColumnType::Number | ColumnType::Amount => {
                (!matches!(parse_amount(cell), Ok(Some(_)))).then_some("a number, e.g. 1,250.5")
            }
            ColumnType::Date => calendar
                .parse_date(cell)
                .is_err()
                .then_some("a date as YYYY-MM-DD"),
        };
        if let Some(expected) = problem {
            diags.push(
                row.error_at_field(
                    field,
                    format!(
                        "\"{cell}\" is not {}; column {header} is declared type: {}",
                        article(expected),
                        ty.name()
                    ),
                )
                .hint(format!(
                    "write {expected}, or leave the cell empty when it is not known; or change \
                     the column's type in the dataset's YAML file (text keeps every cell as written)"
                )),
            );
        }
    }
}

/// The noun phrase of `expected` without its example: "a whole number".
fn article(expected: &str) -> &str {
    expected.split(',').next().unwrap_or(expected)
}
