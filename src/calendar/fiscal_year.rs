//! Fiscal years: parsing `2080/81` or `2023-24`, labels in each country's style, and
//! the fiscal year a date falls in.

use super::*;

/// A fiscal year, identified by the calendar year in which it starts.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FiscalYear {
    pub start_year: i32,
}

/// Why a fiscal-year string was rejected by [`parse_fiscal_year`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FiscalYearError {
    /// Not of a recognised form such as `2080/81` or `2023-24`.
    Syntax,
    /// The second year is not the year after the first (`second` is the
    /// full year as written, e.g. 2082 for `2080/82`).
    NotConsecutive { first: i32, second: i32 },
}

impl FiscalYearError {
    /// A one-line suggestion for the person who typed the fiscal year.
    pub fn hint(&self) -> String {
        match self {
            FiscalYearError::Syntax => {
                "write fiscal years as 2080/81 (Nepal) or 2023-24".to_string()
            }
            FiscalYearError::NotConsecutive { first, .. } => {
                let next = i64::from(*first) + 1;
                let short = next.rem_euclid(100);
                format!(
                    "the year after {first} is {next}: write {first}/{short:02} or {first}-{short:02}"
                )
            }
        }
    }
}

impl fmt::Display for FiscalYearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FiscalYearError::Syntax => f.write_str("not a fiscal year such as 2080/81 or 2023-24"),
            FiscalYearError::NotConsecutive { first, second } => write!(
                f,
                "a fiscal year runs from one year into the next, but {second} does not follow {first}"
            ),
        }
    }
}

impl std::error::Error for FiscalYearError {}

/// Parses a fiscal year: `2080/81`, `2080/081`, `2080/2081`, `2080-81`,
/// `2023-24`, `2023-2024`, the same with Devanagari or Bengali digits, with
/// an optional `FY` prefix (`FY 2023-24`, `FY2023/24`), or a bare start year
/// (`2080`, meaning 2080/81). An en dash may stand for `-`, and spaces may
/// surround the separator. The second year must follow the first
/// (`2099/00` is 2099/2100).
pub fn parse_fiscal_year(s: &str) -> Result<FiscalYear, FiscalYearError> {
    let mut s = trim_text(s);
    if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("fy")) {
        s = s.get(2..).unwrap_or("").trim_start();
    }
    let mut parts = s.split(['/', '-', '\u{2013}']);
    let first_part = parts.next().ok_or(FiscalYearError::Syntax)?;
    let second_part = parts.next();
    if parts.next().is_some() {
        return Err(FiscalYearError::Syntax);
    }
    let first = parse_number(first_part.trim_end(), 4, 4).ok_or(FiscalYearError::Syntax)?;
    let first = i32::try_from(first).map_err(|_| FiscalYearError::Syntax)?;
    let Some(second_part) = second_part else {
        return Ok(FiscalYear { start_year: first });
    };
    let second_part = second_part.trim_start();
    let written = parse_number(second_part, 2, 4).ok_or(FiscalYearError::Syntax)?;
    let digits = second_part.chars().count();
    let next = i64::from(first) + 1;
    let second = match digits {
        2 => next - next.rem_euclid(100) + i64::from(written),
        3 => next - next.rem_euclid(1000) + i64::from(written),
        _ => i64::from(written),
    };
    if second == next {
        Ok(FiscalYear { start_year: first })
    } else {
        Err(FiscalYearError::NotConsecutive {
            first,
            second: i32::try_from(second).unwrap_or(i32::MAX),
        })
    }
}

/// How fiscal years are written in a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FiscalYearStyle {
    /// `2080/81`, as in Nepal.
    Slash,
    /// `2023-24`, as in India, Pakistan, Bangladesh and Bhutan.
    Dash,
    /// `2024`: a fiscal year that starts on 1 January is one calendar year.
    CalendarYear,
}

impl FiscalYearStyle {
    /// The style for an ISO 3166-1 alpha-2 country code: `NP` gives
    /// [`FiscalYearStyle::Slash`], every other code [`FiscalYearStyle::Dash`].
    pub fn for_country(iso2: &str) -> FiscalYearStyle {
        if iso2.trim().eq_ignore_ascii_case("np") {
            FiscalYearStyle::Slash
        } else {
            FiscalYearStyle::Dash
        }
    }

    /// The style for a council of `iso2` whose fiscal years start on `start`: a fiscal year
    /// that starts on 1 January is one calendar year ([`FiscalYearStyle::CalendarYear`]),
    /// others follow [`FiscalYearStyle::for_country`].
    pub fn for_council(iso2: &str, start: MonthDay) -> FiscalYearStyle {
        if start == (MonthDay { month: 1, day: 1 }) {
            FiscalYearStyle::CalendarYear
        } else {
            FiscalYearStyle::for_country(iso2)
        }
    }
}

impl FiscalYear {
    /// The usual label with ASCII digits: `2080/81`, `2023-24`, or `2024` for a fiscal
    /// year that is one calendar year; the second year is always two digits (`2099/00`).
    pub fn label(self, style: FiscalYearStyle) -> String {
        let short = (i64::from(self.start_year) + 1).rem_euclid(100);
        let separator = match style {
            FiscalYearStyle::Slash => '/',
            FiscalYearStyle::Dash => '-',
            FiscalYearStyle::CalendarYear => return self.start_year.to_string(),
        };
        format!("{}{separator}{short:02}", self.start_year)
    }

    /// First day of the fiscal year in `cal`, or `None` if `start` does not
    /// exist in that year of `cal` (or the year is unsupported).
    pub fn start(self, cal: Calendar, start: MonthDay) -> Option<Date> {
        let d = Date {
            year: self.start_year,
            month: start.month,
            day: start.day,
        };
        cal.is_valid(d).then_some(d)
    }

    /// Last day of the fiscal year in `cal`: the day before the next fiscal
    /// year starts. `None` if either start is not a date of `cal` (for
    /// example a Bikram Sambat fiscal year whose end lies after
    /// [`BS_MAX_YEAR`]).
    pub fn end(self, cal: Calendar, start: MonthDay) -> Option<Date> {
        self.start(cal, start)?;
        if start.month == 1 && start.day == 1 {
            let day = cal.days_in_month(self.start_year, 12)?;
            return Some(Date {
                year: self.start_year,
                month: 12,
                day,
            });
        }
        let next = FiscalYear {
            start_year: self.start_year.checked_add(1)?,
        }
        .start(cal, start)?;
        cal.date_of_day_number(cal.day_number(next)? - 1)
    }

    /// The fiscal year that contains `d`, for fiscal years starting on
    /// `start`. `d` and `start` are both read in the same calendar, so the
    /// calendar does not change the answer; it is taken for symmetry with
    /// [`FiscalYear::start`] and [`FiscalYear::end`].
    pub fn containing(_cal: Calendar, start: MonthDay, d: Date) -> FiscalYear {
        let start_year = if (d.month, d.day) >= (start.month, start.day) {
            d.year
        } else {
            d.year.saturating_sub(1)
        };
        FiscalYear { start_year }
    }

    /// A file-name slug: `2080-81`.
    pub fn slug(self) -> String {
        self.label(FiscalYearStyle::Dash)
    }
}
