//! Budget pages: one per fiscal year (`budget.html` is the latest), with totals, a chart and
//! table by sector, year-over-year change, expenditure by nature, revenue and grants by
//! type, and the programme-level lines. A flow with no lines shows nothing at all.

mod tables;

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, amount, text_cells};
use super::views::{DataTable, Figure};
use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::budget::Flow;
use crate::model::budget::{Budget, Totals, YearBudget};
use crate::render::locale::Locale;
use serde::Serialize;
use tables::{grant_table, nature_table, programme_table, reported, sector_chart, sector_table};

#[derive(Serialize)]
struct BudgetView {
    heading: String,
    amounts_in: String,
    years: Vec<YearLink>,
    expenditure: Vec<Figure>,
    revenue: Vec<Figure>,
    notes: Vec<String>,
    chart: String,
    sectors: Option<DataTable>,
    natures: Option<DataTable>,
    revenue_sectors: Option<DataTable>,
    grants: Option<DataTable>,
    programmes: Option<DataTable>,
}

#[derive(Serialize)]
struct YearLink {
    label: String,
    href: String,
    current: bool,
}

/// File name of a fiscal year's budget page; the latest year is `budget.html`.
pub(super) fn year_path(budget: &Budget, fy: FiscalYear) -> String {
    if budget.latest().is_some_and(|y| y.fiscal_year == fy) {
        "budget.html".to_string()
    } else {
        format!("budget-{}.html", fy.slug())
    }
}

/// The words of one flow of money: expenditure is allocated and spent; revenue is estimated
/// and received (collected), and its rate is what was received of what was estimated.
struct FlowWords {
    planned: &'static str,
    revised: &'static str,
    actual: &'static str,
    /// The actual of a named earlier year ("Spent {year}").
    actual_in: &'static str,
    rate: &'static str,
}

const EXPENDITURE: FlowWords = FlowWords {
    planned: "allocated",
    revised: "revised",
    actual: "spent",
    actual_in: "spent_in",
    rate: "execution_rate",
};

const REVENUE: FlowWords = FlowWords {
    planned: "revenue_estimated",
    revised: "revenue_revised",
    actual: "revenue_received",
    actual_in: "revenue_received_in",
    rate: "revenue_rate",
};

fn totals_figures(loc: &Locale, words: &FlowWords, t: &Totals) -> Vec<Figure> {
    let words_for = |reported: usize, sum| (reported > 0).then(|| loc.amount_words(sum)).flatten();
    vec![
        Figure {
            label: loc.t(words.planned),
            value: reported(loc, t.allocated_reported, t.allocated),
            note: words_for(t.allocated_reported, t.allocated),
        },
        Figure {
            label: loc.t(words.revised),
            value: reported(loc, t.revised_reported, t.revised),
            note: None,
        },
        Figure {
            label: loc.t(words.actual),
            value: reported(loc, t.spent_reported, t.spent),
            note: words_for(t.spent_reported, t.spent),
        },
        Figure {
            label: loc.t(words.rate),
            value: loc.percent(t.execution_rate()),
            note: None,
        },
    ]
}

/// The home page's glance at the latest year: its expenditure, or its revenue when it has
/// no expenditure lines; with a note of the lines that report no actual.
pub(super) fn glance(loc: &Locale, year: &YearBudget) -> (Vec<Figure>, Option<String>) {
    let (words, t) = if year.expenditure.lines > 0 || year.revenue.lines == 0 {
        (&EXPENDITURE, &year.expenditure)
    } else {
        (&REVENUE, &year.revenue)
    };
    let mut figures = totals_figures(loc, words, t);
    // The glance shows the plan, the actual and the rate.
    figures.remove(1);
    let note = (t.spent_not_reported() > 0).then(|| {
        loc.plural(
            "lines_not_reported",
            t.lines as u64,
            &[
                ("count", &loc.int(t.spent_not_reported() as u64)),
                ("total", &loc.int(t.lines as u64)),
            ],
        )
    });
    (figures, note)
}

fn not_reported_note(loc: &Locale, what: &str, t: &Totals) -> Option<String> {
    (t.spent_not_reported() > 0).then(|| {
        format!(
            "{}: {}",
            loc.t(what),
            loc.plural(
                "lines_not_reported",
                t.lines as u64,
                &[
                    ("count", &loc.int(t.spent_not_reported() as u64)),
                    ("total", &loc.int(t.lines as u64)),
                ],
            )
        )
    })
}

fn year_view(emit: &Emitter, budget: &Budget, year: &YearBudget, path: &str) -> BudgetView {
    let loc = emit.locale;
    let fy = loc.fiscal_year(year.fiscal_year);
    let has_expenditure = year.expenditure.lines > 0;
    let earlier = |fy: Option<FiscalYear>| fy.map(|fy| loc.fiscal_year(fy));
    BudgetView {
        heading: format!("{} {fy}", loc.t("budget")),
        amounts_in: loc.tf(
            "amounts_in",
            &[("currency", &loc.currency(&emit.council.site.currency))],
        ),
        years: budget
            .years
            .iter()
            .map(|y| {
                let target = year_path(budget, y.fiscal_year);
                YearLink {
                    label: loc.fiscal_year(y.fiscal_year),
                    current: target == path,
                    href: target,
                }
            })
            .collect(),
        expenditure: if has_expenditure {
            totals_figures(loc, &EXPENDITURE, &year.expenditure)
        } else {
            Vec::new()
        },
        revenue: if year.revenue.lines > 0 {
            totals_figures(loc, &REVENUE, &year.revenue)
        } else {
            Vec::new()
        },
        notes: notes(loc, year),
        chart: if has_expenditure {
            sector_chart(loc, year, &fy)
        } else {
            String::new()
        },
        sectors: has_expenditure.then(|| {
            sector_table(
                loc,
                &EXPENDITURE,
                "sectors",
                loc.t("expenditure_by_sector"),
                (&year.sectors, &year.expenditure),
                earlier(year.earlier_actual),
            )
        }),
        natures: nature_table(loc, &EXPENDITURE, year),
        revenue_sectors: (!year.revenue_sectors.is_empty()).then(|| {
            sector_table(
                loc,
                &REVENUE,
                "revenue",
                loc.t("revenue_by_sector"),
                (&year.revenue_sectors, &year.revenue),
                earlier(year.earlier_received),
            )
        }),
        grants: grant_table(loc, &REVENUE, year),
        programmes: has_expenditure.then(|| programme_table(loc, budget, year)),
    }
}

/// What the figures leave out: lines without a figure, and the base of the rates.
fn notes(loc: &Locale, year: &YearBudget) -> Vec<String> {
    let mut notes: Vec<String> = [
        not_reported_note(loc, "expenditure", &year.expenditure),
        not_reported_note(loc, "revenue", &year.revenue),
        actual_only_note(loc, "expenditure", &year.expenditure),
        actual_only_note(loc, "revenue", &year.revenue),
    ]
    .into_iter()
    .flatten()
    .collect();
    let e = &year.expenditure;
    if e.actual_only > 0 && e.both_reported > 0 {
        notes.push(loc.tn("rate_basis_both", e.both_reported as u64));
    } else if e.spent_not_reported() > 0 && e.spent_reported > 0 {
        notes.push(loc.tn("rate_basis", e.spent_reported as u64));
    }
    notes
}

/// Lines that report an actual and no allocation.
fn actual_only_note(loc: &Locale, what: &str, t: &Totals) -> Option<String> {
    (t.actual_only > 0).then(|| {
        format!(
            "{}: {}",
            loc.t(what),
            loc.plural(
                "lines_actual_only",
                t.lines as u64,
                &[
                    ("count", &loc.int(t.actual_only as u64)),
                    ("total", &loc.int(t.lines as u64)),
                ],
            )
        )
    })
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(budget) = &emit.council.budget else {
        return Ok(());
    };
    for year in &budget.years {
        let path = year_path(budget, year.fiscal_year);
        let view = year_view(emit, budget, year, &path);
        let heading = view.heading.clone();
        emit.page(&path, "budget.html", &heading, &view)?;
    }
    Ok(())
}

/// The download: every line of `budget.csv`, fiscal years as the council writes them.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(b) = &council.budget else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("budget", "Budget", "budget", "budget.html");
    t.field("fiscal_year", FieldType::String);
    t.field("type", FieldType::String);
    t.text_fields("sector", langs);
    t.text_fields("programme", langs);
    t.text_fields("source", langs);
    t.field("code", FieldType::String);
    t.field("ward", FieldType::Integer);
    for name in ["allocated", "revised", "spent"] {
        t.field(name, FieldType::Amount);
    }
    // Columns only a budget that uses them has, so other downloads keep their shape.
    let natures = b.lines.iter().any(|l| l.nature.is_some());
    let grants = b.lines.iter().any(|l| l.grant.is_some());
    if natures {
        t.field("nature", FieldType::String);
    }
    if grants {
        t.field("grant", FieldType::String);
    }
    for l in &b.lines {
        let mut row = vec![
            Some(cx.fiscal_year(l.fiscal_year)),
            Some(match l.flow {
                Flow::Expenditure => "expenditure".into(),
                Flow::Revenue => "revenue".into(),
            }),
        ];
        text_cells(&mut row, Some(&l.sector), langs);
        text_cells(&mut row, l.programme.as_ref(), langs);
        text_cells(&mut row, l.source.as_ref(), langs);
        row.push(l.code.clone());
        row.push(l.ward.map(|w| w.to_string()));
        row.push(amount(l.allocated));
        row.push(amount(l.revised));
        row.push(amount(l.spent));
        if natures {
            row.push(l.nature.map(|n| n.name().to_string()));
        }
        if grants {
            row.push(l.grant.map(|g| g.name().to_string()));
        }
        t.rows.push(row);
    }
    let years: Vec<String> = b
        .years
        .iter()
        .map(|y| cx.fiscal_year(y.fiscal_year))
        .collect();
    t.period = years
        .last()
        .zip(years.first())
        .map(|(a, b)| (a.clone(), b.clone()));
    vec![t]
}
