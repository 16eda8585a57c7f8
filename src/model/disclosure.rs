//! `disclosure.csv`: proactive disclosure under the right-to-information laws (Nepal's RTI
//! Act 2064 section 5(3) and Rule 3, every three months; Bangladesh's RTI Act 2009
//! section 6; India's RTI Act 2005 section 4(1)(b)). One row per quarter holds what only
//! the council can say, the requests for information it received, answered and refused;
//! the rest of each quarter's page is assembled from what the portal already publishes.

use crate::calendar::{Calendar, Date, FiscalYear, MonthDay};
use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of disclosure.csv, in the order the header check lists them.
    pub enum Col {
        FiscalYear: Column::required("fiscal_year"),
        Quarter: Column::required("quarter"),
        Published: Column::optional("published"),
        Requests: Column::optional("requests"),
        Answered: Column::optional("answered"),
        Refused: Column::optional("refused"),
        Notes: Column::optional("notes").text(),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        PublishedAd: Column::optional("published_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Quarter {
    pub line: usize,
    pub fiscal_year: FiscalYear,
    /// 1 to 4.
    pub quarter: u8,
    /// The day the council published the disclosure.
    pub published: Option<Date>,
    /// Requests for information received, answered and refused in the quarter.
    pub requests: Option<u32>,
    pub answered: Option<u32>,
    pub refused: Option<u32>,
    pub notes: Option<Text>,
}

impl Quarter {
    /// The first and last day of the quarter, in the council's calendar: three months from
    /// the fiscal year's start, in turn.
    pub fn days(&self, cal: Calendar, start: MonthDay) -> Option<(Date, Date)> {
        let begin = |q: u8| -> Option<Date> {
            let months = i32::from(start.month) - 1 + 3 * i32::from(q - 1);
            let d = Date {
                year: self.fiscal_year.start_year + months / 12,
                month: u8::try_from(months % 12 + 1).ok()?,
                day: start.day,
            };
            cal.is_valid(d).then_some(d)
        };
        let first = begin(self.quarter)?;
        let last = if self.quarter == 4 {
            self.fiscal_year.end(cal, start)?
        } else {
            let next = begin(self.quarter + 1)?;
            cal.date_of_day_number(cal.day_number(next)? - 1)?
        };
        Some((first, last))
    }

    /// The name of its page: `disclosure/2081-82-q1.html`.
    pub fn page(&self) -> String {
        format!(
            "disclosure/{}-q{}.html",
            self.fiscal_year.slug(),
            self.quarter
        )
    }
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Disclosure {
    pub quarters: Vec<Quarter>,
}

pub fn resolve(table: &Table, dating: &Dating, diags: &mut Diagnostics) -> Option<Disclosure> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut quarters: Vec<Quarter> = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let fiscal_year = dates::required_fiscal_year(&row, Col::FiscalYear, dating, diags);
        let quarter = match row.integer_in(Col::Quarter, 1, 4, diags) {
            Ok(Some(q)) => u8::try_from(q).ok(),
            Ok(None) => {
                diags.push(
                    row.error_at(Col::Quarter, "quarter is empty")
                        .hint("write 1, 2, 3 or 4: the quarter of the fiscal year"),
                );
                None
            }
            Err(_) => None,
        };
        let published = dates::date(&row, Col::Published, dating, diags)
            .ok()
            .flatten();
        let count = |column, diags: &mut Diagnostics| {
            row.integer_in(column, 0, 10_000_000, diags)
                .ok()
                .flatten()
                .and_then(|n| u32::try_from(n).ok())
        };
        let requests = count(Col::Requests, diags);
        let answered = count(Col::Answered, diags);
        let refused = count(Col::Refused, diags);
        if let (Some(r), Some(a), Some(f)) = (requests, answered, refused)
            && a + f > r
        {
            diags.push(
                row.error_at(
                    Col::Answered,
                    format!("{a} answered and {f} refused are more than the {r} requests received"),
                )
                .hint("check the three counts; a request is answered or refused once"),
            );
        }
        if let (Some(fy), Some(q)) = (fiscal_year, quarter)
            && let Some(first) = quarters
                .iter()
                .find(|x| x.fiscal_year == fy && x.quarter == q)
        {
            diags.push(
                row.error_at(
                    Col::Quarter,
                    format!(
                        "quarter {q} of this fiscal year is also on line {}",
                        first.line
                    ),
                )
                .hint("write one row per quarter"),
            );
        }
        if diags.error_count() > before {
            continue;
        }
        let (Some(fiscal_year), Some(quarter)) = (fiscal_year, quarter) else {
            continue;
        };
        quarters.push(Quarter {
            line: row.line(),
            fiscal_year,
            quarter,
            published,
            requests,
            answered,
            refused,
            notes: Some(row.text(Col::Notes)).filter(|t| !t.is_empty()),
        });
    }
    quarters.sort_by(|a, b| {
        (b.fiscal_year, b.quarter)
            .cmp(&(a.fiscal_year, a.quarter))
            .then(a.line.cmp(&b.line))
    });
    Some(Disclosure { quarters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_three_months_of_the_fiscal_year() {
        let q = |quarter| Quarter {
            line: 2,
            fiscal_year: FiscalYear { start_year: 2081 },
            quarter,
            published: None,
            requests: None,
            answered: None,
            refused: None,
            notes: None,
        };
        let shrawan = MonthDay { month: 4, day: 1 };
        let (first, last) = q(1).days(Calendar::BikramSambat, shrawan).unwrap();
        assert_eq!((first.year, first.month, first.day), (2081, 4, 1));
        assert_eq!((last.year, last.month), (2081, 6));
        let (first, _) = q(4).days(Calendar::BikramSambat, shrawan).unwrap();
        assert_eq!((first.year, first.month), (2082, 1));
        let july = MonthDay { month: 7, day: 1 };
        let mut bd = q(3);
        bd.fiscal_year = FiscalYear { start_year: 2024 };
        let (first, last) = bd.days(Calendar::Gregorian, july).unwrap();
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("2025-01-01".into(), "2025-03-31".into())
        );
    }
}
