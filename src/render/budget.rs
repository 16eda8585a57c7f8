//! Budget pages: one per fiscal year (`budget.html` is the latest), with totals, a chart and
//! table by sector, year-over-year change, revenue, and the programme-level lines.

use super::Emitter;
use super::chart::{Bar, BarChart};
use super::export::{Context, ExportTable, FieldType, amount, text_cells};
use super::views::{Cell, DataTable, Figure};
use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::budget::Flow;
use crate::model::budget::{Budget, SectorTotals, Totals, YearBudget};
use crate::render::locale::Locale;
use serde::Serialize;

#[derive(Serialize)]
struct BudgetView {
    heading: String,
    amounts_in: String,
    years: Vec<YearLink>,
    expenditure: Vec<Figure>,
    revenue: Vec<Figure>,
    notes: Vec<String>,
    chart: String,
    sectors: DataTable,
    revenue_sectors: Option<DataTable>,
    programmes: DataTable,
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
    rate: &'static str,
}

const EXPENDITURE: FlowWords = FlowWords {
    planned: "allocated",
    revised: "revised",
    actual: "spent",
    rate: "execution_rate",
};

const REVENUE: FlowWords = FlowWords {
    planned: "revenue_estimated",
    revised: "revenue_revised",
    actual: "revenue_received",
    rate: "revenue_rate",
};

fn totals_figures(loc: &Locale, words: &FlowWords, t: &Totals) -> Vec<Figure> {
    let optional = |reported: usize, sum| {
        if reported > 0 {
            loc.amount(sum)
        } else {
            "—".to_string()
        }
    };
    vec![
        Figure {
            label: loc.t(words.planned),
            value: loc.amount(t.allocated),
            note: loc.amount_words(t.allocated),
        },
        Figure {
            label: loc.t(words.revised),
            value: optional(t.revised_reported, t.revised),
            note: None,
        },
        Figure {
            label: loc.t(words.actual),
            value: optional(t.spent_reported, t.spent),
            note: (t.spent_reported > 0)
                .then(|| loc.amount_words(t.spent))
                .flatten(),
        },
        Figure {
            label: loc.t(words.rate),
            value: loc.percent(t.execution_rate()),
            note: None,
        },
    ]
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

fn sector_table(
    loc: &Locale,
    words: &FlowWords,
    id: &str,
    caption: String,
    sectors: &[SectorTotals],
    totals: &Totals,
) -> DataTable {
    let mut table = DataTable::new(
        id,
        caption,
        &[
            (loc.t("sector"), false),
            (loc.t(words.planned), true),
            (loc.t("share"), true),
            (loc.t(words.actual), true),
            (loc.t(words.rate), true),
            (loc.t("change"), true),
        ],
    )
    .not_reported(loc.t("not_reported"));
    for s in sectors {
        let t = &s.totals;
        let spent = if t.spent_reported > 0 {
            loc.amount(t.spent)
        } else {
            "—".to_string()
        };
        table.rows.push(vec![
            Cell::shown(loc.text(&s.sector)),
            Cell::num(loc.amount(t.allocated)),
            Cell::num(loc.percent(Some(s.share))),
            Cell::num(spent),
            Cell::num(loc.percent(t.execution_rate())),
            Cell::num(loc.signed_percent(s.change())),
        ]);
    }
    table.foot.push(vec![
        Cell::text(loc.t("total")),
        Cell::num(loc.amount(totals.allocated)),
        Cell::num(loc.percent(Some(100.0))),
        Cell::num(if totals.spent_reported > 0 {
            loc.amount(totals.spent)
        } else {
            "—".to_string()
        }),
        Cell::num(loc.percent(totals.execution_rate())),
        Cell::num(String::new()),
    ]);
    table
}

fn year_view(emit: &Emitter, budget: &Budget, year: &YearBudget, path: &str) -> BudgetView {
    let loc = emit.locale;
    let fy = loc.fiscal_year(year.fiscal_year);
    let chart = sector_chart(loc, year, &fy);
    let programmes = programme_table(loc, budget, year);
    let notes = notes(loc, year);
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
        expenditure: totals_figures(loc, &EXPENDITURE, &year.expenditure),
        revenue: if year.revenue.lines > 0 {
            totals_figures(loc, &REVENUE, &year.revenue)
        } else {
            Vec::new()
        },
        notes,
        chart,
        sectors: sector_table(
            loc,
            &EXPENDITURE,
            "sectors",
            loc.t("expenditure_by_sector"),
            &year.sectors,
            &year.expenditure,
        ),
        revenue_sectors: (!year.revenue_sectors.is_empty()).then(|| {
            sector_table(
                loc,
                &REVENUE,
                "revenue",
                loc.t("revenue_by_sector"),
                &year.revenue_sectors,
                &year.revenue,
            )
        }),
        programmes,
    }
}

/// Allocated and spent by sector.
fn sector_chart(loc: &Locale, year: &YearBudget, fy: &str) -> String {
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
                let spent = (t.spent_reported > 0).then_some(t.spent);
                Bar {
                    label: label.text,
                    label_lang: label.lang,
                    values: [Some(t.allocated.to_f64()), spent.map(|a| a.to_f64())],
                    texts: [loc.amount(t.allocated), loc.opt_amount(spent)],
                }
            })
            .collect(),
        rtl: loc.rtl(),
    }
    .to_html()
}

/// Every expenditure line of the year.
fn programme_table(loc: &Locale, budget: &Budget, year: &YearBudget) -> DataTable {
    let mut programmes = DataTable::new(
        "programmes",
        loc.t("programmes"),
        &[
            (loc.t("programme"), false),
            (loc.t("sector"), false),
            (loc.t("funding_source"), false),
            (loc.t("ward"), true),
            (loc.t("allocated"), true),
            (loc.t("revised"), true),
            (loc.t("spent"), true),
        ],
    )
    .not_reported(loc.t("not_reported"));
    for &i in &year.lines {
        let Some(line) = budget.lines.get(i) else {
            continue;
        };
        if line.flow != crate::model::budget::Flow::Expenditure {
            continue;
        }
        let name = line.programme.as_ref().map(|p| loc.text(p)).or_else(|| {
            line.code.as_ref().map(|c| crate::text::Shown {
                text: c.clone(),
                lang: None,
            })
        });
        programmes.rows.push(vec![
            Cell::opt(name),
            Cell::shown(loc.text(&line.sector)),
            Cell::opt(loc.opt_text(line.source.as_ref())),
            Cell::num(
                line.ward
                    .map_or_else(String::new, |w| loc.digits(&w.to_string())),
            ),
            Cell::num(loc.amount(line.allocated)),
            Cell::num(loc.opt_amount(line.revised)),
            Cell::num(loc.opt_amount(line.spent)),
        ]);
    }
    programmes
}

/// What the figures leave out: lines without a figure, and the base of the execution rate.
fn notes(loc: &Locale, year: &YearBudget) -> Vec<String> {
    let mut notes: Vec<String> = [
        not_reported_note(loc, "expenditure", &year.expenditure),
        not_reported_note(loc, "revenue", &year.revenue),
    ]
    .into_iter()
    .flatten()
    .collect();
    if year.expenditure.spent_not_reported() > 0 && year.expenditure.spent_reported > 0 {
        notes.push(loc.tn("rate_basis", year.expenditure.spent_reported as u64));
    }
    notes
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
        row.push(amount(Some(l.allocated)));
        row.push(amount(l.revised));
        row.push(amount(l.spent));
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
