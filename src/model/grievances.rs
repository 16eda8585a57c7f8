//! `grievances.csv`: complaints received and resolved, by month and category, judged against
//! the council's service level (days to resolve, from `grievance.service_level_days`).

use crate::diagnostics::Diagnostics;
use crate::load::table::ColumnName;
use crate::load::{Column, RowRef, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::text::Text;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

crate::load::table::columns! {
    /// The columns of grievances.csv, in the order the header check lists them.
    pub enum Col {
        Period: Column::required("period"),
        Received: Column::required("received"),
        Resolved: Column::required("resolved"),
        Category: Column::optional("category").text(),
        ResolvedWithinSla: Column::optional("resolved_within_sla"),
        Pending: Column::optional("pending"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// A month, as `YYYY-MM` in the council's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u8,
}

#[derive(Clone, Debug)]
pub struct GrievanceRow {
    pub line: usize,
    pub period: Period,
    pub category: Option<Text>,
    pub received: u64,
    pub resolved: u64,
    pub within_sla: Option<u64>,
    pub pending: Option<u64>,
}

/// Sums over rows; optional counts say how many rows reported them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub rows: usize,
    pub received: u64,
    pub resolved: u64,
    pub within_sla: u64,
    pub within_sla_reported: usize,
    /// Resolved, over the rows that reported `resolved_within_sla`.
    pub resolved_where_sla: u64,
    pub pending: u64,
    pub pending_reported: usize,
}

/// The largest count a cell may hold.
const MAX_COUNT: i64 = 1_000_000_000;

// A table has at most `MAX_ROWS` rows of counts up to `MAX_COUNT`, so no sum of counts can
// overflow: the additions below need no check, and this line fails to compile if the
// limits ever grow past that.
const _: () = assert!(
    MAX_COUNT as u128 * crate::load::table::MAX_ROWS as u128 <= u64::MAX as u128
        && (crate::load::table::MAX_ROWS as u128) <= usize::MAX as u128
);

impl Counts {
    fn add(&mut self, r: &GrievanceRow) {
        self.rows += 1;
        self.received += r.received;
        self.resolved += r.resolved;
        if let Some(w) = r.within_sla {
            self.within_sla += w;
            self.within_sla_reported += 1;
            self.resolved_where_sla += r.resolved;
        }
        if let Some(p) = r.pending {
            self.pending += p;
            self.pending_reported += 1;
        }
    }

    /// Share of received complaints that were resolved, in percent.
    pub fn resolved_share(&self) -> Option<f64> {
        (self.received > 0).then(|| self.resolved as f64 / self.received as f64 * 100.0)
    }

    /// Share of resolved complaints resolved within the service level, in percent.
    pub fn sla_share(&self) -> Option<f64> {
        (self.within_sla_reported > 0 && self.resolved_where_sla > 0)
            .then(|| self.within_sla as f64 / self.resolved_where_sla as f64 * 100.0)
    }

    pub fn status(&self) -> Option<SlaStatus> {
        self.sla_share().map(SlaStatus::of)
    }
}

/// How a share resolved within the service level reads: met (≥ 90 %), at risk (≥ 70 %), missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaStatus {
    Met,
    AtRisk,
    Missed,
}

impl SlaStatus {
    pub fn of(share: f64) -> SlaStatus {
        if share >= 90.0 {
            SlaStatus::Met
        } else if share >= 70.0 {
            SlaStatus::AtRisk
        } else {
            SlaStatus::Missed
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SlaStatus::Met => "sla_met",
            SlaStatus::AtRisk => "sla_at_risk",
            SlaStatus::Missed => "sla_missed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Grievances {
    pub rows: Vec<GrievanceRow>,
    /// Totals per month, oldest first.
    pub months: Vec<(Period, Counts)>,
    /// Totals per category over the latest twelve months, in first-seen order.
    pub categories: Vec<(Text, Counts)>,
    /// Totals over the latest twelve months.
    pub last_year: Counts,
}

fn parse_period(cell: &str) -> Option<Period> {
    let ascii: String = cell
        .trim()
        .chars()
        .map(|c| crate::numbers::ascii_digit(c).unwrap_or(c))
        .collect();
    let (y, m) = ascii.split_once(['-', '/'])?;
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(Period { year, month })
}

pub fn resolve(
    table: &Table,
    default_lang: &str,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Grievances> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let rows: Vec<GrievanceRow> = table
        .rows(&binding)
        .filter_map(|row| read_row(&row, dating, diags))
        .collect();
    Some(summarise(rows, default_lang))
}

/// One row of grievances.csv; `None` when a cell was reported.
fn read_row(row: &RowRef<'_>, dating: &Dating, diags: &mut Diagnostics) -> Option<GrievanceRow> {
    let before = diags.error_count();
    let period = read_period(row, dating, diags);
    let count = |column: Col, diags: &mut Diagnostics| {
        row.integer_in(column, 0, MAX_COUNT, diags)
            .ok()
            .flatten()
            .map(|v| v.unsigned_abs())
    };
    let received = count(Col::Received, diags);
    let resolved = count(Col::Resolved, diags);
    let within_sla = count(Col::ResolvedWithinSla, diags);
    let pending = count(Col::Pending, diags);
    for (column, value) in [(Col::Received, received), (Col::Resolved, resolved)] {
        let name = column.name();
        if value.is_none() && row.str(column).is_none() {
            diags.push(
                row.error_at(column, format!("{name} is empty"))
                    .hint("write the number; 0 if there were none"),
            );
        }
    }
    if let (Some(rec), Some(res)) = (received, resolved)
        && res > rec
    {
        let mut d = row.error_at(
            Col::Resolved,
            format!("resolved ({res}) is more than received ({rec})"),
        );
        d.severity = crate::diagnostics::Severity::Warning;
        diags.push(d.hint("resolved may include complaints carried over; check the figures"));
    }
    if let (Some(w), Some(res)) = (within_sla, resolved)
        && w > res
    {
        diags.push(
            row.error_at(
                Col::ResolvedWithinSla,
                format!("resolved within the service level ({w}) is more than resolved ({res})"),
            )
            .hint("it counts only resolved complaints, so it cannot be larger"),
        );
    }
    if diags.error_count() > before {
        return None;
    }
    let (Some(period), Some(received), Some(resolved)) = (period, received, resolved) else {
        return None;
    };
    Some(GrievanceRow {
        line: row.line(),
        period,
        category: Some(row.text(Col::Category)).filter(|t| !t.is_empty()),
        received,
        resolved,
        within_sla,
        pending,
    })
}

/// The month of a row, checked against the council's calendar.
fn read_period(row: &RowRef<'_>, dating: &Dating, diags: &mut Diagnostics) -> Option<Period> {
    match row.str(Col::Period) {
        Some(cell) => match parse_period(cell) {
            Some(p) => {
                dates::check_year(row, Col::Period, p.year, None, dating, diags);
                Some(p)
            }
            None => {
                diags.push(
                    row.error_at(
                        Col::Period,
                        format!("\"{cell}\" is not a month (column period)"),
                    )
                    .hint("write the month as YYYY-MM, e.g. 2081-04"),
                );
                None
            }
        },
        None => {
            diags.push(
                row.error_at(Col::Period, "period is empty")
                    .hint("write the month as YYYY-MM, e.g. 2081-04"),
            );
            None
        }
    }
}

/// Totals per month, and per category and in all over the latest twelve months.
fn summarise(rows: Vec<GrievanceRow>, default_lang: &str) -> Grievances {
    let mut by_month: BTreeMap<Period, Counts> = BTreeMap::new();
    for r in &rows {
        by_month.entry(r.period).or_default().add(r);
    }
    let months: Vec<(Period, Counts)> = by_month.into_iter().collect();
    let recent: Vec<Period> = months.iter().rev().take(12).map(|(p, _)| *p).collect();
    let mut last_year = Counts::default();
    let mut categories: Vec<(Text, Counts)> = Vec::new();
    // Where each category is in `categories`, by key.
    let mut at: HashMap<&str, usize> = HashMap::new();
    for r in rows.iter().filter(|r| recent.contains(&r.period)) {
        last_year.add(r);
        if let Some(c) = &r.category {
            match at.entry(c.key(default_lang)) {
                Entry::Occupied(e) => categories[*e.get()].1.add(r),
                Entry::Vacant(e) => {
                    e.insert(categories.len());
                    let mut counts = Counts::default();
                    counts.add(r);
                    categories.push((c.clone(), counts));
                }
            }
        }
    }
    Grievances {
        rows,
        months,
        categories,
        last_year,
    }
}
