//! One row seen through a binding: typed cells, and errors located at them.

use super::*;
use crate::numbers::{dropped_scale, parse_scaled};

impl Table {
    /// Rows with the columns of `binding`.
    pub fn rows<'a>(&'a self, binding: &'a Binding) -> impl Iterator<Item = RowRef<'a>> {
        self.rows.iter().map(move |row| RowRef {
            table: self,
            binding,
            row,
        })
    }
}

/// What is wrong with a date, and how to fix it, naming the calendar the dates are read in.
fn date_problem(err: &DateError, cal: Calendar) -> (String, String) {
    let calendar = match cal {
        Calendar::BikramSambat => "Bikram Sambat",
        Calendar::Gregorian => "Gregorian",
    };
    match err {
        DateError::MonthOutOfRange { month } => (
            format!("there is no month {month}"),
            format!("write the month as 01 to 12; dates here are in the {calendar} calendar"),
        ),
        DateError::DayOutOfRange {
            day,
            max,
            month_name,
        } => (
            if *day == 0 {
                "there is no day 0".to_string()
            } else {
                format!("day {day} is past the end of {month_name}, which has {max} days that year")
            },
            format!(
                "use a day from 01 to {max:02}; dates here are in the {calendar} calendar (calendar: in site.yaml)"
            ),
        ),
        DateError::YearOutOfRange { year, .. } => (
            format!("year {year} is outside the {calendar} years Khula knows"),
            err.hint(),
        ),
        DateError::Syntax => ("it is not of the form YYYY-MM-DD".to_string(), err.hint()),
    }
}

/// The date of a spreadsheet's day number left in a cell not formatted as a date
/// (`45474` for 2024-07-01; Excel counts from 1899-12-30): in the council's calendar, or,
/// when that calendar has no such day, the Gregorian fields read in it (a Bikram Sambat date
/// typed into a date cell of Excel comes back with its own year, month and day).
fn serial_date(cell: &str, cal: Calendar) -> Option<Date> {
    // Five digits: 1927-05-18 to 2173-10-14. Fewer would take a year (2081) or a day for a
    // date; and before 1900-03-01 Excel counts a 29 February 1900 that never was.
    if cell.len() != 5 || !cell.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let serial: i64 = cell.parse().ok()?;
    if serial < 10_000 {
        return None;
    }
    let gregorian = crate::calendar::days_to_gregorian(serial - 25_569);
    cal.from_gregorian(gregorian)
        .filter(|d| cal.is_valid(*d))
        .or_else(|| cal.is_valid(gregorian).then_some(gregorian))
}

/// One data row seen through a schema binding.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    table: &'a Table,
    binding: &'a Binding,
    row: &'a Row,
}

impl<'a> RowRef<'a> {
    /// 1-based line of the row's first character.
    pub fn line(&self) -> usize {
        self.row.line
    }

    fn column_index(&self, name: &str) -> Option<usize> {
        self.binding
            .schema
            .columns
            .iter()
            .position(|c| c.name == name)
    }

    fn field(&self, name: &str) -> Option<usize> {
        self.column_index(name)
            .and_then(|c| self.binding.index.get(c).copied().flatten())
    }

    /// The trimmed cell of a column; `None` when the column is absent or the cell empty.
    pub fn str(&self, column: impl ColumnName) -> Option<&'a str> {
        self.cell(column.name())
    }

    fn cell(&self, name: &str) -> Option<&'a str> {
        let i = self.field(name)?;
        let value = self.row.record.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// The cell at a raw field index (for open datasets).
    pub fn raw(&self, index: usize) -> Option<&'a str> {
        let value = self.row.record.get(index)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// The column's text with its `name:<lang>` translations.
    pub fn text(&self, column: impl ColumnName) -> Text {
        let name = column.name();
        let mut text = Text::default();
        if let Some(v) = self.cell(name) {
            text.set_plain(v);
        }
        if let Some(c) = self.column_index(name) {
            for (lang, i) in self.binding.translations.get(c).into_iter().flatten() {
                if let Some(v) = self.row.record.get(*i) {
                    text.set(lang, v);
                }
            }
        }
        text
    }

    /// A diagnostic pointing at the cell of a column (or the row start if absent).
    pub fn error_at(&self, column: impl ColumnName, message: impl Into<String>) -> Diagnostic {
        match self.field(column.name()) {
            Some(i) => self.error_at_field(i, message),
            None => self.table.row_error(self.row, message),
        }
    }

    /// A diagnostic pointing at a raw field index.
    pub fn error_at_field(&self, index: usize, message: impl Into<String>) -> Diagnostic {
        self.table.cell_error(self.row, index, message)
    }

    /// A required text cell; reports an empty one.
    pub fn required_text(&self, column: impl ColumnName, diags: &mut Diagnostics) -> Option<Text> {
        let name = column.name();
        let text = self.text(column);
        if text.is_empty() {
            diags.push(
                self.error_at(column, format!("{name} is empty"))
                    .hint(format!("every row needs a {name}")),
            );
            return None;
        }
        Some(text)
    }

    /// An amount cell. `Ok(None)` is an empty cell ("not reported"); `Err` was reported.
    pub fn amount(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Result<Option<Amount>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        let scale = self
            .column_index(name)
            .and_then(|c| self.binding.scales.get(c).copied().flatten());
        let parsed = match scale {
            Some(scale) => parse_scaled(cell, scale),
            None => parse_amount(cell),
        };
        parsed.map_err(|e| {
            let hint = match (scale, dropped_scale(cell)) {
                (None, Some((scale, full))) => format!(
                    "this is grouped like {} with its last digits left out, as budget books \
                     print amounts in {}s; if this column's amounts are in {1}s, say so in \
                     its header: {name} ({1}) (or lakh, crore); in a workbook, a title row \
                     such as \"Rs. in {1}\" says it for the whole sheet",
                    crate::numbers::NumberFormat {
                        digits: crate::numbers::Digits::Latin,
                        grouping: crate::numbers::Grouping::SouthAsian,
                    }
                    .amount_auto(full),
                    scale.name(),
                ),
                _ => e.hint().to_string(),
            };
            diags.push(
                self.error_at(column, format!("\"{cell}\" {e} (column {name})"))
                    .hint(hint),
            );
            Reported
        })
    }

    /// A required amount: empty cells are reported.
    pub fn required_amount(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Option<Amount> {
        let name = column.name();
        match self.amount(column, diags) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                diags.push(
                    self.error_at(column, format!("{name} is empty"))
                        .hint("write the amount; 0 if it is zero"),
                );
                None
            }
            Err(Reported) => None,
        }
    }

    /// A whole number in `min..=max`, e.g. a ward or a percentage.
    pub fn integer_in(
        &self,
        column: impl ColumnName,
        min: i64,
        max: i64,
        diags: &mut Diagnostics,
    ) -> Result<Option<i64>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        let cleaned = cell.trim_end_matches('%').trim();
        let value = parse_amount(cleaned)
            .ok()
            .flatten()
            .filter(|a| a.raw() % Amount::SCALE == 0)
            .map(|a| a.raw() / Amount::SCALE);
        match value {
            Some(v) if (min..=max).contains(&v) => Ok(Some(v)),
            Some(v) => {
                diags.push(
                    self.error_at(column, format!("{name} {v} is outside {min}–{max}"))
                        .hint(format!("write a whole number from {min} to {max}")),
                );
                Err(Reported)
            }
            None => {
                diags.push(
                    self.error_at(
                        column,
                        format!("\"{cell}\" is not a whole number (column {name})"),
                    )
                    .hint(format!("write a whole number from {min} to {max}")),
                );
                Err(Reported)
            }
        }
    }

    /// A date cell in the council's calendar.
    pub fn date(
        &self,
        column: impl ColumnName,
        cal: Calendar,
        diags: &mut Diagnostics,
    ) -> Result<Option<Date>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        let parsed = cal.parse_date(cell).or_else(|e| {
            self.table
                .sheet
                .as_ref()
                .and_then(|_| serial_date(cell, cal))
                .ok_or(e)
        });
        parsed.map(Some).map_err(|e| {
            let (problem, hint) = date_problem(&e, cal);
            diags.push(
                self.error_at(
                    column,
                    format!("\"{cell}\" is not a valid date: {problem} (column {name})"),
                )
                .hint(hint),
            );
            Reported
        })
    }

    pub fn required_date(
        &self,
        column: impl ColumnName,
        cal: Calendar,
        diags: &mut Diagnostics,
    ) -> Option<Date> {
        let name = column.name();
        match self.date(column, cal, diags) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                diags.push(
                    self.error_at(column, format!("{name} is empty"))
                        .hint("write the date as YYYY-MM-DD"),
                );
                None
            }
            Err(Reported) => None,
        }
    }

    pub fn fiscal_year(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Result<Option<FiscalYear>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        parse_fiscal_year(cell).map(Some).map_err(|e| {
            diags.push(
                self.error_at(
                    column,
                    format!("\"{cell}\" is not a fiscal year: {e} (column {name})"),
                )
                .hint(e.hint()),
            );
            Reported
        })
    }

    pub fn required_fiscal_year(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Option<FiscalYear> {
        let name = column.name();
        match self.fiscal_year(column, diags) {
            Ok(Some(fy)) => Some(fy),
            Ok(None) => {
                diags.push(self.error_at(column, format!("{name} is empty")).hint(
                    "write the fiscal year as the country writes it, e.g. 2080/81 or 2023-24",
                ));
                None
            }
            Err(Reported) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_of_spreadsheets_are_dates() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        let greg = Calendar::Gregorian;
        assert_eq!(serial_date("45474", greg), Some(d(2024, 7, 1)));
        assert_eq!(serial_date("10000", greg), Some(d(1927, 5, 18)));
        assert_eq!(serial_date("45474.5", greg), None);
        // A year or a day alone is not taken for a day number.
        assert_eq!(serial_date("2081", greg), None);
        assert_eq!(serial_date("09999", greg), None);
        // In Bikram Sambat: the day itself (1 July 2024 is 17 Asar 2081) …
        let bs = Calendar::BikramSambat;
        assert_eq!(serial_date("45474", bs), Some(d(2081, 3, 17)));
        // … or, for a date typed in Bikram Sambat into Excel, its own fields.
        let typed = crate::calendar::gregorian_to_days(d(2081, 4, 15)) + 25_569;
        assert_eq!(serial_date(&typed.to_string(), bs), Some(d(2081, 4, 15)));
    }
}
