//! Date and fiscal-year cells, read in the council's calendar and checked for a year that
//! seems to be written in the other one: `2024-07-30` in a Bikram Sambat council is read as
//! 1967 AD, `2081/82` in a Gregorian council is published as fiscal year 2081-82. Every
//! date, fiscal-year and month cell goes through [`check_year`], which warns at the cell.

use crate::calendar::{
    Calendar, Date, FiscalYear, FiscalYearStyle, MonthDay, looks_like_other_calendar,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Reported, Severity};
use crate::load::table::ColumnName;
use crate::load::{RowRef, SourceFile};
use crate::model::Site;
use serde_saphyr::Spanned;

/// How a council writes its dates and fiscal years, and where its calendar is set.
#[derive(Debug, Clone)]
pub struct Dating {
    pub calendar: Calendar,
    pub fiscal_year_start: MonthDay,
    pub style: FiscalYearStyle,
    /// Where the calendar comes from, as said in warnings.
    origin: String,
}

impl Dating {
    pub fn of(site: &Site) -> Dating {
        let origin = if site.calendar_in_site_yaml {
            format!("calendar: {} in site.yaml", site.calendar.name())
        } else if site.country.is_empty() {
            "the default when site.yaml names no country".to_string()
        } else {
            format!("the default for country {}", site.country)
        };
        Dating {
            calendar: site.calendar,
            fiscal_year_start: site.fiscal_year_start,
            style: site.fiscal_year_style,
            origin,
        }
    }

    /// A council of `calendar` with the usual fiscal year of that calendar (Nepal's, or
    /// 1 July), its calendar set in site.yaml; for tests.
    pub fn with_calendar(calendar: Calendar) -> Dating {
        let (fiscal_year_start, style) = match calendar {
            Calendar::BikramSambat => (MonthDay { month: 4, day: 1 }, FiscalYearStyle::Slash),
            Calendar::Gregorian => (MonthDay { month: 7, day: 1 }, FiscalYearStyle::Dash),
        };
        Dating {
            calendar,
            fiscal_year_start,
            style,
            origin: format!("calendar: {} in site.yaml", calendar.name()),
        }
    }
}

fn calendar_words(cal: Calendar) -> &'static str {
    match cal {
        Calendar::BikramSambat => "Bikram Sambat",
        Calendar::Gregorian => "Gregorian (AD)",
    }
}

/// A date cell (see [`RowRef::date`]), checked with [`check_year`].
pub fn date(
    row: &RowRef<'_>,
    column: impl ColumnName,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Result<Option<Date>, Reported> {
    let date = row.date(column, dating.calendar, diags)?;
    if let Some(d) = date {
        check_year(row, column, d.year, date_fix(d, dating), dating, diags);
    }
    Ok(date)
}

/// A required date cell (see [`RowRef::required_date`]), checked with [`check_year`].
pub fn required_date(
    row: &RowRef<'_>,
    column: impl ColumnName,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let date = row.required_date(column, dating.calendar, diags)?;
    check_year(
        row,
        column,
        date.year,
        date_fix(date, dating),
        dating,
        diags,
    );
    Some(date)
}

/// A fiscal-year cell (see [`RowRef::fiscal_year`]), checked with [`check_year`].
pub fn fiscal_year(
    row: &RowRef<'_>,
    column: impl ColumnName,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Result<Option<FiscalYear>, Reported> {
    let fy = row.fiscal_year(column, diags)?;
    if let Some(fy) = fy {
        check_year(
            row,
            column,
            fy.start_year,
            fiscal_year_fix(fy, dating),
            dating,
            diags,
        );
    }
    Ok(fy)
}

/// A required fiscal-year cell (see [`RowRef::required_fiscal_year`]), checked with
/// [`check_year`].
pub fn required_fiscal_year(
    row: &RowRef<'_>,
    column: impl ColumnName,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<FiscalYear> {
    let fy = row.required_fiscal_year(column, diags)?;
    check_year(
        row,
        column,
        fy.start_year,
        fiscal_year_fix(fy, dating),
        dating,
        diags,
    );
    Some(fy)
}

/// A date written as a value in a YAML file (`updated: 2081-05-12`), read in the council's
/// calendar; an error at the value when it is not a date. `key` names it in the message.
pub fn yaml_date(
    file: &SourceFile,
    value: &Spanned<String>,
    key: &str,
    calendar: Calendar,
    diags: &mut Diagnostics,
) -> Option<Date> {
    match calendar.parse_date(&value.value) {
        Ok(date) => Some(date),
        Err(e) => {
            let line = value.referenced.line() as usize;
            let column = value.referenced.column() as usize;
            diags.push(
                Diagnostic::error(
                    &file.shown,
                    format!("{key}: \"{}\": {e}", value.value.trim()),
                )
                .at_source(&file.text, line.max(1), column.max(1), 1)
                .hint(format!(
                    "write the day the data was last updated as YYYY-MM-DD in the {} calendar, e.g. {}",
                    calendar_words(calendar),
                    match calendar {
                        Calendar::BikramSambat => "2081-05-12",
                        Calendar::Gregorian => "2024-08-28",
                    }
                )),
            );
            None
        }
    }
}

/// The one check of every date, fiscal year and month: when `year`, read from the cell
/// of `column`, is implausible in the council's calendar but plausible in the other, a warning
/// at the cell says which calendar the council uses, where that is set, and how to write
/// the value in it (`fix`, when it can be worked out) or to change the calendar.
pub fn check_year(
    row: &RowRef<'_>,
    column: impl ColumnName,
    year: i32,
    fix: Option<String>,
    dating: &Dating,
    diags: &mut Diagnostics,
) {
    let Some(other) = looks_like_other_calendar(dating.calendar, year) else {
        return;
    };
    let name = column.name();
    let cell = row.str(column).unwrap_or_default();
    let ours = calendar_words(dating.calendar);
    let theirs = calendar_words(other);
    let fix = fix.unwrap_or_else(|| format!("convert it to the {ours} calendar"));
    let mut warning = row
        .error_at(
            column,
            format!(
                "\"{cell}\" is read in the {ours} calendar, but {year} looks like a {theirs} year (column {name})"
            ),
        )
        .hint(format!(
            "this council's dates are in the {ours} calendar ({}); if it is meant as {theirs}, {fix}; or, if all the council's files use the {theirs} calendar, set calendar: {} in site.yaml",
            dating.origin,
            other.name()
        ));
    warning.severity = Severity::Warning;
    diags.push(warning);
}

/// How to write a date of the other calendar in the council's.
fn date_fix(d: Date, dating: &Dating) -> Option<String> {
    let converted = match dating.calendar {
        // The date as typed is a Gregorian date: find it in Bikram Sambat.
        Calendar::BikramSambat => Calendar::BikramSambat.from_gregorian(d)?,
        // The date as typed is a Bikram Sambat date: find it in the Gregorian calendar.
        Calendar::Gregorian => Calendar::BikramSambat.to_gregorian(d)?,
    };
    Some(format!(
        "write it as {converted}, the same day in the {} calendar",
        calendar_words(dating.calendar)
    ))
}

/// How to write a fiscal year of the other calendar in the council's: the council's fiscal
/// year that starts in the same season.
fn fiscal_year_fix(fy: FiscalYear, dating: &Dating) -> Option<String> {
    let start = dating.fiscal_year_start;
    let ours = match dating.calendar {
        // `fy` starts in Gregorian year Y: the Bikram Sambat fiscal year starting in Y.
        Calendar::BikramSambat => (fy.start_year + 56..=fy.start_year + 58)
            .map(|start_year| FiscalYear { start_year })
            .find(|candidate| {
                candidate
                    .start(Calendar::BikramSambat, start)
                    .and_then(|d| Calendar::BikramSambat.to_gregorian(d))
                    .is_some_and(|d| d.year == fy.start_year)
            })?,
        // `fy` is a Bikram Sambat year, which starts in April of the Gregorian year 57 before.
        Calendar::Gregorian => FiscalYear {
            start_year: fy.start_year - 57,
        },
    };
    Some(format!("write {}", ours.label(dating.style)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Column, Schema, Table};
    use std::path::Path;

    crate::load::table::columns! {
        enum Col {
            Date: Column::required("date"),
            FiscalYear: Column::required("fiscal_year"),
        }
    }
    const SCHEMA: Schema = Col::SCHEMA;

    fn warnings(csv: &str, calendar: Calendar) -> Vec<String> {
        let mut diags = Diagnostics::new();
        let table = Table::parse(csv.to_string(), Path::new("t.csv"), &mut diags).unwrap();
        let binding = table.bind(SCHEMA, false, &mut diags).unwrap();
        let dating = Dating::with_calendar(calendar);
        for row in table.rows(&binding) {
            let _ = date(&row, Col::Date, &dating, &mut diags);
            let _ = required_fiscal_year(&row, Col::FiscalYear, &dating, &mut diags);
        }
        diags.into_sorted().iter().map(|d| d.headline()).collect()
    }

    #[test]
    fn gregorian_dates_in_a_bikram_sambat_council_are_warned_at_the_cell() {
        let got = warnings(
            "date,fiscal_year\n2081-04-15,2081/82\n2024-07-30,2024-25\n",
            Calendar::BikramSambat,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("t.csv:3:1: warning: \"2024-07-30\" is read in the Bikram Sambat calendar, but 2024 looks like a Gregorian (AD) year (column date); this council's dates are in the Bikram Sambat calendar (calendar: bikram-sambat in site.yaml); if it is meant as Gregorian (AD), write it as 2081-04-15"), "{got:?}");
        assert!(
            got[0].ends_with("set calendar: gregorian in site.yaml"),
            "{got:?}"
        );
        assert!(
            got[1].starts_with("t.csv:3:12: warning: \"2024-25\""),
            "{got:?}"
        );
        assert!(got[1].contains("write 2081/82"), "{got:?}");
    }

    #[test]
    fn bikram_sambat_years_in_a_gregorian_council_are_warned() {
        let got = warnings(
            "date,fiscal_year\n2024-07-30,2024-25\n2081-04-15,2081/82\n",
            Calendar::Gregorian,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("write it as 2024-07-30"), "{got:?}");
        assert!(got[1].contains("\"2081/82\" is read in the Gregorian (AD) calendar, but 2081 looks like a Bikram Sambat year"), "{got:?}");
        assert!(got[1].contains("write 2024-25"), "{got:?}");
        assert!(got[1].contains("set calendar: bikram-sambat"), "{got:?}");
    }
}
