//! `meetings.html`: the meetings to come, soonest first, with their agendas; then the
//! meetings held, with their minutes and the decisions made that day.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::notices::{date_cell, target_href};
use super::views::{Cell, DataTable, Generic};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::meetings::Meeting;
use crate::text::Shown;

const PAGE: &str = "meetings.html";

/// The meetings to come on `today` (Gregorian), soonest first, and those held.
fn split(council: &Council, today: Option<Date>) -> (Vec<&Meeting>, Vec<&Meeting>) {
    let cal = council.site.calendar;
    let items = council.meetings.iter().flat_map(|m| &m.items);
    let (mut coming, held): (Vec<&Meeting>, Vec<&Meeting>) = items
        .partition(|m| matches!((today, cal.to_gregorian(m.date)), (Some(t), Some(d)) if d >= t));
    coming.reverse();
    (coming, held)
}

fn table(
    emit: &Emitter,
    id: &str,
    caption: String,
    meetings: &[&Meeting],
    held: bool,
) -> DataTable {
    let loc = emit.locale;
    let root = emit.root(PAGE);
    let last = if held {
        loc.t("minutes")
    } else {
        loc.t("agenda")
    };
    let mut table = DataTable::new(
        id,
        caption,
        &[
            (loc.t("date"), false),
            (loc.t("meeting_body"), false),
            (loc.t("place"), false),
            (last, false),
        ],
    );
    for m in meetings {
        let mut when = date_cell(loc, m.date);
        if let Some(time) = &m.time {
            when.text = format!("{}, {}", when.text, loc.digits(time));
        }
        let body = loc.text(&m.body);
        let decided = emit
            .council
            .decisions
            .iter()
            .flat_map(|d| &d.items)
            .filter(|d| d.date == m.date)
            .count();
        let last = if held {
            Cell {
                text: m
                    .minutes
                    .as_ref()
                    .map_or_else(String::new, |_| loc.t("minutes")),
                href: m.minutes.as_ref().map(|t| target_href(&root, t)),
                note: (decided > 0)
                    .then(|| format!("{}: {}", loc.t("decisions"), loc.int(decided as u64))),
                ..Cell::default()
            }
        } else {
            Cell::opt(loc.opt_text(m.agenda.as_ref()))
        };
        table.rows.push(vec![
            when,
            Cell {
                text: body.text,
                lang: body.lang,
                ..Cell::default()
            },
            Cell::opt(loc.opt_text(m.place.as_ref())),
            last,
        ]);
    }
    table
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    if emit.council.meetings.is_none() {
        return Ok(());
    }
    let loc = emit.locale;
    let (coming, held) = split(emit.council, emit.prepared.today);
    let mut view = Generic {
        heading: Shown {
            text: loc.t("meetings"),
            lang: None,
        },
        ..Generic::default()
    };
    if coming.is_empty() {
        view.intro.push(loc.t("meetings_none_coming"));
    } else {
        view.tables.push(table(
            emit,
            "coming",
            loc.t("meetings_coming"),
            &coming,
            false,
        ));
    }
    if !held.is_empty() {
        view.tables
            .push(table(emit, "held", loc.t("meetings_held"), &held, true));
    }
    emit.page(PAGE, "dataset.html", &loc.t("meetings"), &view)
}

/// The home page's link, with the day of the next meeting when one is to come.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    if emit.council.meetings.is_none() {
        return Vec::new();
    }
    let (coming, _) = split(emit.council, emit.prepared.today);
    vec![HomeLink::keyed(
        emit,
        "meetings",
        PAGE,
        coming.first().map(|m| emit.locale.date(m.date)),
    )]
}

/// The download: one row per meeting.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(meetings) = &council.meetings else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("meetings", "Meetings", "meetings", PAGE);
    t.text_fields("body", langs);
    date_fields(&mut t, "date", cx.cal);
    t.field("time", FieldType::String);
    t.text_fields("place", langs);
    t.text_fields("agenda", langs);
    t.field("minutes", FieldType::String);
    for m in &meetings.items {
        let mut row = Vec::new();
        text_cells(&mut row, Some(&m.body), langs);
        date_cells(&mut row, cx.cal, Some(m.date));
        row.push(m.time.clone());
        text_cells(&mut row, m.place.as_ref(), langs);
        text_cells(&mut row, m.agenda.as_ref(), langs);
        row.push(m.minutes.as_ref().map(|x| x.written().to_string()));
        t.rows.push(row);
    }
    let first = meetings.items.iter().map(|m| m.date).min();
    let last = meetings.items.iter().map(|m| m.date).max();
    if let (Some(a), Some(b)) = (first, last) {
        t.period = Some((a.to_string(), b.to_string()));
    }
    vec![t]
}
