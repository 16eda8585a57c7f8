//! `notices.html`: the notices current on the day of the build, then every past one (the
//! archive: a notice is never removed), dates in the council's calendar with the Gregorian
//! beside Bikram Sambat.

use super::Emitter;
use super::export::{Context, ExportTable, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::locale::Locale;
use super::views::{Cell, DataTable, Generic};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::files::Target;
use crate::model::notices::{Kind, Notice};

const PAGE: &str = "notices.html";

/// A date as pages show it: in the council's calendar, with the Gregorian date beside a
/// Bikram Sambat one and the ISO date for `<time>`.
pub(super) fn date_cell(loc: &Locale, d: Date) -> Cell {
    Cell {
        text: loc.date(d),
        datetime: loc.iso(d),
        note: loc.date_ad(d),
        ..Cell::default()
    }
}

/// Where a link in a table leads from a page at `root`: a file of the portal or an address.
pub(super) fn target_href(root: &str, target: &Target) -> String {
    match target {
        Target::File { path, .. } => format!("{root}{path}"),
        Target::Url(url) => url.clone(),
    }
}

/// The kind of a notice in the page's language; one that is none of the known kinds as
/// the council wrote it.
fn kind_text(loc: &Locale, n: &Notice) -> Cell {
    if n.kind == Kind::Other {
        Cell::shown(loc.text(&n.kind_text))
    } else {
        Cell::text(loc.t(n.kind.key()))
    }
}

fn table(emit: &Emitter, id: &str, caption: String, notices: &[&Notice]) -> DataTable {
    let loc = emit.locale;
    let root = emit.root(PAGE);
    let mut table = DataTable::new(
        id,
        caption,
        &[
            (loc.t("published"), false),
            (loc.t("kind"), false),
            (loc.t("title"), false),
            (loc.t("deadline"), false),
        ],
    );
    for n in notices {
        let title = loc.text(&n.title);
        table.rows.push(vec![
            date_cell(loc, n.published),
            kind_text(loc, n),
            Cell {
                text: title.text,
                lang: title.lang,
                // The full text when the notice has one, else its document.
                href: n
                    .text
                    .as_ref()
                    .map(|name| emit.href(PAGE, &format!("pages/{name}.html")))
                    .or_else(|| n.document.as_ref().map(|t| target_href(&root, t))),
                note: loc.opt_text(n.summary.as_ref()).map(|s| s.text),
                ..Cell::default()
            },
            n.deadline
                .map_or_else(|| Cell::text(""), |d| date_cell(loc, d)),
        ]);
    }
    table
}

/// The notices current on the build's day and the past ones, newest first.
fn split(council: &Council, today: Option<Date>) -> (Vec<&Notice>, Vec<&Notice>) {
    let cal = council.site.calendar;
    let items = council.notices.iter().flat_map(|n| &n.items);
    match today {
        Some(today) => items.partition(|n| n.is_current(cal, today)),
        None => (items.collect(), Vec::new()),
    }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    if emit.council.notices.is_none() {
        return Ok(());
    }
    let loc = emit.locale;
    let (current, past) = split(emit.council, emit.prepared.today);
    let mut view = Generic {
        heading: crate::text::Shown {
            text: loc.t("notices"),
            lang: None,
        },
        ..Generic::default()
    };
    if current.is_empty() {
        view.intro.push(loc.t("notices_none_current"));
    } else {
        view.tables
            .push(table(emit, "current", loc.t("notices_current"), &current));
    }
    if !past.is_empty() {
        view.tables
            .push(table(emit, "archive", loc.t("notices_archive"), &past));
    }
    emit.page(PAGE, "dataset.html", &loc.t("notices"), &view)
}

/// The home page's link: the notices, with how many are current.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    if emit.council.notices.is_none() {
        return Vec::new();
    }
    let (current, _) = split(emit.council, emit.prepared.today);
    vec![HomeLink::keyed(
        emit,
        "notices_current",
        PAGE,
        Some(emit.locale.int(current.len() as u64)),
    )]
}

/// The download: every notice, current or past.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(notices) = &council.notices else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("notices", "Notices", "notices", PAGE);
    t.field("kind", super::export::FieldType::String);
    t.field("ref", super::export::FieldType::String);
    t.text_fields("title", langs);
    date_fields(&mut t, "published", cx.cal);
    date_fields(&mut t, "deadline", cx.cal);
    date_fields(&mut t, "expires", cx.cal);
    t.text_fields("summary", langs);
    t.field("document", super::export::FieldType::String);
    t.field("text", super::export::FieldType::String);
    for n in &notices.items {
        let mut row = vec![
            Some(n.kind_text.key(&langs[0]).to_string()),
            n.reference.clone(),
        ];
        text_cells(&mut row, Some(&n.title), langs);
        date_cells(&mut row, cx.cal, Some(n.published));
        date_cells(&mut row, cx.cal, n.deadline);
        date_cells(&mut row, cx.cal, n.expires);
        text_cells(&mut row, n.summary.as_ref(), langs);
        row.push(n.document.as_ref().map(|t| t.written().to_string()));
        row.push(n.text.as_ref().map(|name| format!("pages/{name}.md")));
        t.rows.push(row);
    }
    let first = notices.items.iter().map(|n| n.published).min();
    let last = notices.items.iter().map(|n| n.published).max();
    if let (Some(a), Some(b)) = (first, last) {
        t.period = Some((a.to_string(), b.to_string()));
    }
    vec![t]
}
