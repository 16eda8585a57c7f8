//! The tables and chart of a budget page: by sector, by nature, by grant type, and every
//! expenditure line.

use super::FlowWords;
use crate::model::budget::{Budget, Flow, Grant, Nature, SectorTotals, Totals, YearBudget};
use crate::render::chart::{Bar, BarChart};
use crate::render::locale::Locale;
use crate::render::views::{Cell, DataTable};
use crate::text::Shown;

/// An amount reported by `reported` lines, or the not-reported mark.
pub(super) fn reported(loc: &Locale, reported: usize, sum: crate::numbers::Amount) -> String {
    if reported > 0 {
        loc.amount(sum)
    } else {
        "—".to_string()
    }
}

/// A flow's sectors. `earlier` is the earlier year of actuals shown beside the allocation,
/// for a year with none of its own.
pub(super) fn sector_table(
    loc: &Locale,
    words: &FlowWords,
    id: &str,
    caption: String,
    (sectors, totals): (&[SectorTotals], &Totals),
    earlier: Option<String>,
) -> DataTable {
    let mut columns = vec![(loc.t("sector"), false)];
    if let Some(year) = &earlier {
        columns.push((loc.tf(words.actual_in, &[("year", year)]), true));
    }
    columns.extend([
        (loc.t(words.planned), true),
        (loc.t("share"), true),
        (loc.t(words.actual), true),
        (loc.t(words.rate), true),
        (loc.t("change"), true),
    ]);
    let mut table = DataTable::new(id, caption, &columns).not_reported(loc.t("not_reported"));
    for s in sectors {
        let t = &s.totals;
        let mut row = vec![Cell::shown(loc.text(&s.sector))];
        if earlier.is_some() {
            row.push(Cell::num(loc.opt_amount(s.earlier_actual)));
        }
        row.extend([
            Cell::num(reported(loc, t.allocated_reported, t.allocated)),
            Cell::num(loc.percent(s.share)),
            Cell::num(reported(loc, t.spent_reported, t.spent)),
            Cell::num(loc.percent(t.execution_rate())),
            Cell::num(loc.signed_percent(s.change())),
        ]);
        table.rows.push(row);
    }
    let mut foot = vec![Cell::text(loc.t("total"))];
    if earlier.is_some() {
        let earlier_total = sectors
            .iter()
            .filter_map(|s| s.earlier_actual)
            .try_fold(crate::numbers::Amount::ZERO, |sum, a| sum.checked_add(a));
        let any = sectors.iter().any(|s| s.earlier_actual.is_some());
        foot.push(Cell::num(loc.opt_amount(earlier_total.filter(|_| any))));
    }
    foot.extend([
        Cell::num(reported(loc, totals.allocated_reported, totals.allocated)),
        Cell::num(loc.percent((totals.allocated_reported > 0).then_some(100.0))),
        Cell::num(reported(loc, totals.spent_reported, totals.spent)),
        Cell::num(loc.percent(totals.execution_rate())),
        Cell::num(String::new()),
    ]);
    table.foot.push(foot);
    table
}

/// Parts of a flow (natures, grant types) with their allocation, share and actuals.
fn parts_table<'a>(
    loc: &Locale,
    words: &FlowWords,
    (id, caption, head): (&str, String, String),
    parts: impl Iterator<Item = (String, &'a Totals)>,
    whole: &Totals,
) -> DataTable {
    let mut table = DataTable::new(
        id,
        caption,
        &[
            (head, false),
            (loc.t(words.planned), true),
            (loc.t("share"), true),
            (loc.t(words.actual), true),
            (loc.t(words.rate), true),
        ],
    )
    .not_reported(loc.t("not_reported"));
    for (label, t) in parts {
        table.rows.push(vec![
            Cell::text(label),
            Cell::num(reported(loc, t.allocated_reported, t.allocated)),
            Cell::num(loc.percent(crate::model::budget::share(t, whole))),
            Cell::num(reported(loc, t.spent_reported, t.spent)),
            Cell::num(loc.percent(t.execution_rate())),
        ]);
    }
    table
}

pub(super) fn nature_key(nature: Option<Nature>) -> &'static str {
    match nature {
        Some(Nature::Recurrent) => "nature_recurrent",
        Some(Nature::Capital) => "nature_capital",
        Some(Nature::Financing) => "nature_financing",
        None => "not_stated",
    }
}

fn grant_key(grant: Grant) -> &'static str {
    match grant {
        Grant::Equalisation => "grant_equalisation",
        Grant::Conditional => "grant_conditional",
        Grant::Special => "grant_special",
        Grant::Complementary => "grant_complementary",
    }
}

/// The year's expenditure split by nature; none when no line states one.
pub(super) fn nature_table(
    loc: &Locale,
    words: &FlowWords,
    year: &YearBudget,
) -> Option<DataTable> {
    (!year.natures.is_empty()).then(|| {
        parts_table(
            loc,
            words,
            ("natures", loc.t("expenditure_by_nature"), loc.t("nature")),
            year.natures.iter().map(|(n, t)| (loc.t(nature_key(*n)), t)),
            &year.expenditure,
        )
    })
}

/// The year's grants received by type; none when no revenue line is a grant of a known
/// type. Shares are of the year's revenue.
pub(super) fn grant_table(loc: &Locale, words: &FlowWords, year: &YearBudget) -> Option<DataTable> {
    (!year.grants.is_empty()).then(|| {
        parts_table(
            loc,
            words,
            ("grants", loc.t("revenue_by_grant"), loc.t("grant_type")),
            year.grants.iter().map(|(g, t)| (loc.t(grant_key(*g)), t)),
            &year.revenue,
        )
    })
}

/// Allocated and spent by sector.
pub(super) fn sector_chart(loc: &Locale, year: &YearBudget, fy: &str) -> String {
    BarChart {
        id: "budget-chart",
        title: &loc.tf("chart_title", &[("year", fy)]),
        desc: &loc.t("chart_desc"),
        series: [&loc.t("allocated"), &loc.t("spent")],
        bars: year
            .sectors
            .iter()
            .map(|s| {
                let label = loc.text(&s.sector);
                let t = &s.totals;
                let allocated = (t.allocated_reported > 0).then_some(t.allocated);
                let spent = (t.spent_reported > 0).then_some(t.spent);
                Bar {
                    label: label.text,
                    label_lang: label.lang,
                    values: [allocated.map(|a| a.to_f64()), spent.map(|a| a.to_f64())],
                    texts: [loc.opt_amount(allocated), loc.opt_amount(spent)],
                }
            })
            .collect(),
    }
    .to_html()
}

/// Every expenditure line of the year (with its nature when the year states any).
pub(super) fn programme_table(loc: &Locale, budget: &Budget, year: &YearBudget) -> DataTable {
    let lines: Vec<_> = year
        .lines
        .iter()
        .filter_map(|&i| budget.lines.get(i))
        .filter(|l| l.flow == Flow::Expenditure)
        .collect();
    let natures = lines.iter().any(|l| l.nature.is_some());
    let mut columns = vec![(loc.t("programme"), false), (loc.t("sector"), false)];
    if natures {
        columns.push((loc.t("nature"), false));
    }
    columns.extend([
        (loc.t("funding_source"), false),
        (loc.t("ward"), true),
        (loc.t("allocated"), true),
        (loc.t("revised"), true),
        (loc.t("spent"), true),
    ]);
    let mut programmes = DataTable::new("programmes", loc.t("programmes"), &columns)
        .not_reported(loc.t("not_reported"));
    for line in lines {
        let name = line.programme.as_ref().map(|p| loc.text(p)).or_else(|| {
            line.code.as_ref().map(|c| Shown {
                text: c.clone(),
                lang: None,
            })
        });
        let mut row = vec![Cell::opt(name), Cell::shown(loc.text(&line.sector))];
        if natures {
            row.push(match line.nature {
                Some(n) => Cell::text(loc.t(nature_key(Some(n)))),
                None => Cell::opt(None),
            });
        }
        row.extend([
            Cell::opt(loc.opt_text(line.source.as_ref())),
            Cell::num(
                line.ward
                    .map_or_else(String::new, |w| loc.digits(&w.to_string())),
            ),
            Cell::num(loc.opt_amount(line.allocated)),
            Cell::num(loc.opt_amount(line.revised)),
            Cell::num(loc.opt_amount(line.spent)),
        ]);
        programmes.rows.push(row);
    }
    programmes
}
