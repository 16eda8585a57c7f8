//! Spreadsheet-exported CSV read into a table whose every cell knows its line and column.
//!
//! A dataset module describes its columns with a [`Schema`]; [`Table::bind`] checks the header
//! against it (missing, unknown, duplicated columns) and the typed accessors on [`RowRef`]
//! turn cells into amounts, dates and texts, reporting any bad cell at its exact position.

use crate::calendar::{Calendar, Date, DateError, FiscalYear, parse_fiscal_year};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Reported, closest};
use crate::numbers::{Amount, Scale, parse_amount};
use crate::text::{Text, is_language_code};
use std::path::{Path, PathBuf};

mod bind;
mod parse;
mod row;
mod sheet;

use parse::{field_offset, grouped};
pub use row::RowRef;
pub use sheet::{Cell, Grid, number_text};

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    /// Whether `name:<lang>` translation columns are accepted.
    pub translatable: bool,
}

impl Column {
    pub const fn required(name: &'static str) -> Column {
        Column {
            name,
            required: true,
            translatable: false,
        }
    }
    pub const fn optional(name: &'static str) -> Column {
        Column {
            name,
            required: false,
            translatable: false,
        }
    }
    /// Marks the column as taking translations in `name:<lang>` columns.
    pub const fn text(self) -> Column {
        Column {
            translatable: true,
            ..self
        }
    }
}

/// A column a model reads a cell of: a variant of the enum its file declares with
/// [`columns!`], so a misspelt column does not compile; or (for tests and generic code) a
/// [`Column`] of the schema itself.
pub trait ColumnName: Copy {
    fn name(self) -> &'static str;
}

impl ColumnName for Column {
    fn name(self) -> &'static str {
        self.name
    }
}

/// Declares the columns of a fixed CSV file once: an enum with a variant per column, whose
/// `SCHEMA` lists them in the same order for [`Table::bind`], and which the accessors of
/// [`RowRef`] take instead of a column name.
///
/// ```ignore
/// columns! {
///     /// The columns of tax-rates.csv.
///     pub enum TaxColumn {
///         Tax: Column::required("tax").text(),
///         Rate: Column::required("rate"),
///     }
/// }
/// ```
macro_rules! columns {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident: $column:expr),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The columns in the order of the variants.
            pub const SCHEMA: $crate::load::table::Schema = $crate::load::table::Schema {
                columns: &[$($column),+],
            };
        }

        impl $crate::load::table::ColumnName for $name {
            fn name(self) -> &'static str {
                // The variants and the schema are written from one list, in one order.
                Self::SCHEMA.columns[self as usize].name
            }
        }
    };
}
pub(crate) use columns;

/// Columns a CSV file may have: a council's widest sheet has a few dozen.
pub const MAX_COLUMNS: usize = 200;
/// Characters a cell may hold; a longer text belongs in a markdown file.
pub const MAX_CELL_CHARS: usize = 10_000;
/// Rows a CSV file may have: a council's budget has a few thousand lines a year.
pub const MAX_ROWS: usize = 100_000;

#[derive(Clone, Copy, Debug)]
pub struct Schema {
    pub columns: &'static [Column],
}

#[derive(Debug)]
struct Row {
    line: usize,
    byte: usize,
    record: csv::StringRecord,
}

/// A parsed CSV file or spreadsheet sheet. Cells are kept as text until a dataset asks for a
/// typed value.
#[derive(Debug)]
pub struct Table {
    shown: PathBuf,
    source: String,
    /// Where each line of `source` starts, to locate cells without rereading the file.
    index: LineIndex,
    headers: Vec<String>,
    header_byte: usize,
    rows: Vec<Row>,
    /// For a sheet of a workbook: where its cells are (`source` is then empty, and a row's
    /// `line` is its row number in the sheet).
    sheet: Option<SheetOrigin>,
    /// The scale a workbook's title gives its figures ("रू हजारमा"), with a warning at the
    /// title cell for tables that cannot apply it.
    title_scale: Option<(Scale, Diagnostic)>,
}

/// Where a table read from a spreadsheet sits in its sheet.
#[derive(Debug)]
struct SheetOrigin {
    name: String,
    /// 1-based row of the header.
    header_row: usize,
    /// 0-based column of the table's first column.
    first_column: usize,
}

impl SheetOrigin {
    /// `sheet Budget, cell C14` for field `index` of 1-based sheet row `row`.
    fn cell(&self, row: usize, index: usize, message: impl Into<String>) -> Diagnostic {
        let column = self.first_column + index;
        Diagnostic::error(PathBuf::new(), message).in_sheet(
            format!("sheet {}, cell {}{row}", self.name, column_letters(column)),
            row,
            column + 1,
        )
    }
}

/// The letters of a 0-based column: 0 is A, 25 Z, 26 AA.
pub fn column_letters(mut column: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Where each schema column (and each of its translations) sits in a table.
#[derive(Debug)]
pub struct Binding {
    schema: Schema,
    index: Vec<Option<usize>>,
    translations: Vec<Vec<(String, usize)>>,
    /// Columns not in the schema, in file order (kept for open datasets).
    pub extra: Vec<(String, usize)>,
    /// Per schema column: the scale its amounts are written in, from the header
    /// (`allocated (thousand)`) or the workbook's title.
    scales: Vec<Option<Scale>>,
}

/// Normalises a header cell: trimmed, lowercase, spaces and hyphens in the name as `_`.
fn normalise_header(raw: &str) -> String {
    let raw = raw.trim().trim_start_matches('\u{feff}');
    let (name, lang) = match raw.split_once(':') {
        Some((n, l)) => (n, Some(l)),
        None => (raw, None),
    };
    let mut out: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    if let Some(lang) = lang {
        out.push(':');
        out.push_str(&lang.trim().to_lowercase());
    }
    out
}

impl Table {
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Cells made only of question marks (at least two) with spaces and punctuation: what
    /// Excel writes for letters it cannot store when a sheet in Nepali, Bengali or Urdu is
    /// saved as plain "CSV (Comma delimited)". One error, at the first such cell, with the
    /// count; `None` when there is none.
    pub fn lost_letters(&self) -> Option<Diagnostic> {
        let mut cells = self.rows.iter().flat_map(|row| {
            row.record
                .iter()
                .enumerate()
                .filter(|(_, cell)| is_lost_letters(cell))
                .map(move |(i, cell)| (row, i, cell))
        });
        let (row, i, cell) = cells.next()?;
        let count = 1 + cells.count();
        let message = if count == 1 {
            format!("\"{}\" is text whose letters were lost", cell.trim())
        } else {
            format!(
                "\"{}\" is text whose letters were lost, as in {} cells of this file",
                cell.trim(),
                grouped(count)
            )
        };
        Some(self.cell_error(row, i, message).hint(
            "the file was saved as plain \"CSV (Comma delimited)\", which turns letters it cannot \
             store into ?, and they cannot be got back from this file; open the original workbook \
             in Excel and re-save it with File > Save As > \"CSV UTF-8 (Comma delimited)\"",
        ))
    }

    /// A warning at each cell that `check` finds a problem in, given the cell's header and
    /// value, as a message and a hint.
    pub fn cell_warnings(
        &self,
        mut check: impl FnMut(&str, &str) -> Option<(String, String)>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for row in &self.rows {
            for (i, cell) in row.record.iter().enumerate() {
                let header = self.headers.get(i).map_or("", String::as_str);
                if let Some((message, hint)) = check(header, cell) {
                    let mut d = self.cell_error(row, i, message).hint(hint);
                    d.severity = crate::diagnostics::Severity::Warning;
                    out.push(d);
                }
            }
        }
        out
    }

    /// A diagnostic marking field `index` of `row`: the value itself, past spaces typed
    /// before it, or the whole quoted cell.
    fn cell_error(&self, row: &Row, index: usize, message: impl Into<String>) -> Diagnostic {
        if let Some(sheet) = &self.sheet {
            return self.in_file(sheet.cell(row.line, index, message));
        }
        let source = &self.source;
        let mut byte = field_offset(source, row.byte, index);
        let value = row.record.get(index).unwrap_or("");
        let width = if source.as_bytes().get(byte) == Some(&b'"') {
            // The quotes around the cell, and each doubled quote inside it.
            value.chars().count() + 2 + value.matches('"').count()
        } else {
            let trimmed = value.trim_start_matches([' ', '\t']);
            byte += value.len() - trimmed.len();
            trimmed.chars().count()
        };
        self.index.error(source, &self.shown, byte, width, message)
    }

    /// The header cells, normalised.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    fn header_diagnostic(&self, index: usize, message: String) -> Diagnostic {
        if let Some(sheet) = &self.sheet {
            return self.in_file(sheet.cell(sheet.header_row, index, message));
        }
        let byte = field_offset(&self.source, self.header_byte, index);
        let width = self.headers.get(index).map_or(1, |h| h.chars().count());
        self.index
            .error(&self.source, &self.shown, byte, width, message)
    }
}

impl Table {
    /// The diagnostic `d` moved to this table's file.
    fn in_file(&self, mut d: Diagnostic) -> Diagnostic {
        d.path = self.shown.clone();
        d
    }

    /// A diagnostic about a whole row (1-based line, or row of a sheet).
    fn row_error(&self, row: &Row, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            Some(sheet) => self.in_file(Diagnostic::error(PathBuf::new(), message).in_sheet(
                format!("sheet {}, row {}", sheet.name, row.line),
                row.line,
                1,
            )),
            None => self
                .index
                .error(&self.source, &self.shown, row.byte, 1, message),
        }
    }

    /// A diagnostic about the header row as a whole.
    fn header_row_error(&self, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            Some(sheet) => self.in_file(Diagnostic::error(PathBuf::new(), message).in_sheet(
                format!("sheet {}, row {}", sheet.name, sheet.header_row),
                sheet.header_row,
                1,
            )),
            None => {
                let (line, _, text) = self.index.locate(&self.source, self.header_byte);
                Diagnostic::error(&self.shown, message).at_line(line, 1, 1, text)
            }
        }
    }
}

/// True for a cell of two or more `?` and nothing else but spaces and punctuation.
fn is_lost_letters(cell: &str) -> bool {
    cell.bytes().filter(|&b| b == b'?').count() >= 2
        && cell
            .chars()
            .all(|c| c == '?' || c.is_whitespace() || c.is_ascii_punctuation())
}

#[cfg(test)]
mod tests;
