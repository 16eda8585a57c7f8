//! Complaints: how to complain (every channel), and how complaints were handled: received,
//! resolved, pending and resolved within the service level, by month and category.

use super::Emitter;
use super::chart::{Bar, BarChart};
use super::export::{Context, ExportTable, FieldType, text_cells};
use super::home::HomeLink;
use super::views::{Cell, DataTable, Figure, Generic, Section};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::grievances::{Counts, Grievances, Period, SlaStatus};
use crate::render::locale::Locale;
use crate::text::Shown;

fn status_cell(loc: &Locale, counts: &Counts) -> Cell {
    match counts.status() {
        Some(status) => Cell {
            text: loc.t(status.key()),
            status: Some(match status {
                SlaStatus::Met => "met",
                SlaStatus::AtRisk => "risk",
                SlaStatus::Missed => "missed",
            }),
            ..Cell::default()
        },
        None => Cell::text("—"),
    }
}

fn counts_row(loc: &Locale, label: Cell, c: &Counts) -> Vec<Cell> {
    let opt = |reported: usize, v: u64| {
        if reported > 0 {
            loc.int(v)
        } else {
            "—".to_string()
        }
    };
    vec![
        label,
        Cell::num(loc.int(c.received)),
        Cell::num(loc.int(c.resolved)),
        Cell::num(opt(c.pending_reported, c.pending)),
        Cell::num(loc.percent(c.sla_share())),
        status_cell(loc, c),
    ]
}

/// Whether the council has a complaints page: figures, a way to complain or an officer who
/// hears complaints. A page that could only say "How to complain" over nothing is left out,
/// with its place in the menu.
pub(super) fn has_page(council: &Council) -> bool {
    let g = &council.site.grievance;
    council.grievances.is_some()
        || [&g.toll_free, &g.sms, &g.email, &g.office, &g.url]
            .iter()
            .any(|c| c.as_ref().is_some_and(|t| !t.is_empty()))
        || council.people.as_ref().is_some_and(|p| {
            p.with_role(crate::model::people::Role::GrievanceOfficer)
                .is_some()
        })
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let council = emit.council;
    if !has_page(council) {
        return Ok(());
    }
    let days = council.site.grievance.service_level_days.unwrap_or(0);
    // Without a promised number of days, say "in time" rather than "within 0 days".
    let sla_label = if days > 0 {
        loc.tf("sla_share", &[("days", &loc.int(u64::from(days)))])
    } else {
        loc.t("resolved_in_time")
    };
    let channels = super::home::complaint_channels(emit);
    let heading = loc.t("complaints");
    let mut view = Generic {
        heading: Shown {
            text: heading.clone(),
            lang: None,
        },
        intro: vec![loc.t("complaints_intro")],
        sections: vec![Section {
            id: "how".into(),
            heading: Shown {
                text: loc.t("how_to_complain"),
                lang: None,
            },
            facts: channels,
            checklist_label: String::new(),
            checklist: Vec::new(),
        }],
        ..Generic::default()
    };
    if days > 0 {
        view.intro
            .push(loc.tf("service_level", &[("days", &loc.int(u64::from(days)))]));
    }
    // The officer who hears complaints, where people.csv names one.
    view.sections.extend(council.people.as_ref().and_then(|p| {
        super::people::role_section(loc, p, crate::model::people::Role::GrievanceOfficer)
    }));
    if let Some(stats) = &council.grievances {
        let recent: Vec<_> = stats.months.iter().rev().take(12).rev().collect();
        view.figures = figures(loc, &stats.last_year, recent.len(), &sla_label);
        view.chart = Some(trend_chart(emit, &recent));
        view.tables = tables(emit, stats, &recent, &sla_label);
    }
    emit.page("complaints.html", "dataset.html", &heading, &view)
}

/// Received, resolved and resolved in time over the latest `months` months (at most 12).
fn figures(loc: &Locale, last: &Counts, months: usize, sla_label: &str) -> Vec<Figure> {
    vec![
        Figure {
            label: loc.t("received"),
            value: loc.int(last.received),
            note: Some(loc.tn("last_months", months as u64)),
        },
        Figure {
            label: loc.t("resolved"),
            value: loc.int(last.resolved),
            note: Some(loc.percent(last.resolved_share())),
        },
        Figure {
            label: sla_label.to_string(),
            value: loc.percent(last.sla_share()),
            note: last.status().map(|s| loc.t(s.key())),
        },
    ]
}

/// A month as the council's calendar names it: "Shrawan 2081".
fn month_label(emit: &Emitter, p: &Period) -> String {
    format!(
        "{} {}",
        emit.council
            .site
            .calendar
            .month_name(p.month, emit.locale.lang),
        emit.locale.digits(&p.year.to_string())
    )
}

/// Complaints received and resolved, month by month.
fn trend_chart(emit: &Emitter, recent: &[&(Period, Counts)]) -> String {
    let loc = emit.locale;
    BarChart {
        id: "trend",
        title: &loc.tn("trend_title", recent.len() as u64),
        desc: &loc.t("chart_desc"),
        series: [&loc.t("received"), &loc.t("resolved")],
        bars: recent
            .iter()
            .map(|(p, c)| Bar {
                label: month_label(emit, p),
                label_lang: None,
                values: [Some(c.received as f64), Some(c.resolved as f64)],
                texts: [loc.int(c.received), loc.int(c.resolved)],
            })
            .collect(),
    }
    .to_html()
}

/// The counts by month, newest first, with the last 12 months' total, and by category.
fn tables(
    emit: &Emitter,
    stats: &Grievances,
    recent: &[&(Period, Counts)],
    sla_label: &str,
) -> Vec<DataTable> {
    let loc = emit.locale;
    let columns = [
        (loc.t("month"), false),
        (loc.t("received"), true),
        (loc.t("resolved"), true),
        (loc.t("pending"), true),
        (sla_label.to_string(), true),
        (loc.t("sla_status"), false),
    ];
    let months = loc.tn("last_months", recent.len() as u64);
    let mut by_month =
        DataTable::new("by-month", months.clone(), &columns).not_reported(loc.t("not_reported"));
    for (p, c) in recent.iter().rev() {
        by_month
            .rows
            .push(counts_row(loc, Cell::text(month_label(emit, p)), c));
    }
    by_month.foot.push(counts_row(
        loc,
        Cell::text(loc.t("total")),
        &stats.last_year,
    ));
    let mut cols = columns.clone();
    cols[0] = (loc.t("category"), false);
    let mut by_category = DataTable::new(
        "by-category",
        format!("{} — {months}", loc.t("category")),
        &cols,
    )
    .not_reported(loc.t("not_reported"));
    for (name, c) in &stats.categories {
        by_category
            .rows
            .push(counts_row(loc, Cell::shown(loc.text(name)), c));
    }
    let mut tables = vec![by_month];
    if !by_category.rows.is_empty() {
        tables.push(by_category);
    }
    tables
}

/// The download: one row per month (and category) of `grievances.csv`.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(g) = &council.grievances else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("grievances", "Complaints", "complaints", "complaints.html");
    t.field("period", FieldType::String);
    t.text_fields("category", langs);
    for name in ["received", "resolved", "resolved_within_sla", "pending"] {
        t.field(name, FieldType::Integer);
    }
    for r in &g.rows {
        let mut row = vec![Some(format!("{:04}-{:02}", r.period.year, r.period.month))];
        text_cells(&mut row, r.category.as_ref(), langs);
        row.push(Some(r.received.to_string()));
        row.push(Some(r.resolved.to_string()));
        row.push(r.within_sla.map(|v| v.to_string()));
        row.push(r.pending.map(|v| v.to_string()));
        t.rows.push(row);
    }
    let periods: Vec<String> = g
        .months
        .iter()
        .map(|(p, _)| format!("{:04}-{:02}", p.year, p.month))
        .collect();
    t.period = periods
        .first()
        .zip(periods.last())
        .map(|(a, b)| (a.clone(), b.clone()));
    vec![t]
}

/// The home page's link, with the share resolved in time over the last year.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(g) = &emit.council.grievances else {
        return Vec::new();
    };
    let loc = emit.locale;
    let days = emit.council.site.grievance.service_level_days.unwrap_or(0);
    let figure = g.last_year.sla_share().map(|share| {
        let label = if days > 0 {
            loc.tf("sla_share", &[("days", &loc.int(u64::from(days)))])
        } else {
            loc.t("resolved_in_time")
        };
        format!("{label}: {}", loc.percent(Some(share)))
    });
    vec![HomeLink::keyed(
        emit,
        "complaints",
        "complaints.html",
        figure,
    )]
}
