//! `tenders.html` and `tenders/<ref>.html`: calls for bids with their deadlines, open or
//! closed on the day of the build, and what came of them (award and contract). The same
//! data is published as an OCDS release package (see [`super::ocds`]).

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, amount, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::locale::Locale;
use super::notices::{date_cell, target_href};
use super::views::{Cell, Channel, DataTable, Generic, Section};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::tenders::{Tender, page_name};
use crate::text::{Shown, Text};

const PAGE: &str = "tenders.html";

fn detail_path(t: &Tender) -> String {
    format!("tenders/{}.html", page_name(t))
}

/// Whether bids are still taken on `today` (Gregorian): until the end of the deadline day,
/// unless the tender was cancelled, withdrawn or awarded.
pub(super) fn is_open(council: &Council, t: &Tender, today: Option<Date>) -> bool {
    use crate::model::tenders::Status;
    let taking = matches!(t.status, Status::Active | Status::Planned) && t.award.is_none();
    let deadline = council.site.calendar.to_gregorian(t.deadline);
    taking && matches!((today, deadline), (Some(today), Some(d)) if today <= d)
}

/// "Open until 12 Bhadra 2081" or "Closed on …", in the page's language.
fn standing(emit: &Emitter, t: &Tender) -> String {
    let loc = emit.locale;
    let day = loc.date(t.deadline);
    if is_open(emit.council, t, emit.prepared.today) {
        loc.tf("tender_open_until", &[("date", &day)])
    } else {
        loc.tf("tender_closed", &[("date", &day)])
    }
}

/// A closed value in the page's language, or as the council wrote it when it is none of
/// the known ones.
fn word(loc: &Locale, key: Option<String>, written: Option<&Text>) -> Option<Shown> {
    match key {
        Some(key) => Some(Shown {
            text: loc.t(&key),
            lang: None,
        }),
        None => loc.opt_text(written),
    }
}

fn status(loc: &Locale, t: &Tender) -> Shown {
    word(
        loc,
        Some(format!("tender_status_{}", t.status.code())),
        None,
    )
    .unwrap_or_default()
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(tenders) = &emit.council.tenders else {
        return Ok(());
    };
    let loc = emit.locale;
    let mut table = DataTable::new(
        "tenders",
        loc.t("tenders"),
        &[
            (loc.t("tender"), false),
            (loc.t("published"), false),
            (loc.t("deadline"), false),
            (loc.t("estimated_value"), true),
            (loc.t("status"), false),
        ],
    );
    for t in &tenders.items {
        let title = loc.text(&t.title);
        table.rows.push(vec![
            Cell {
                text: title.text,
                lang: title.lang,
                href: Some(detail_path(t)),
                note: Some(loc.digits(&t.reference)),
                ..Cell::default()
            },
            date_cell(loc, t.published),
            Cell {
                text: standing(emit, t),
                datetime: loc.iso(t.deadline),
                ..Cell::default()
            },
            Cell::num(loc.opt_amount(t.value)),
            Cell::shown(status(loc, t)),
        ]);
    }
    let view = Generic {
        heading: Shown {
            text: loc.t("tenders"),
            lang: None,
        },
        tables: vec![table],
        ..Generic::default()
    };
    emit.page(PAGE, "dataset.html", &loc.t("tenders"), &view)?;
    for t in &tenders.items {
        let path = detail_path(t);
        let view = detail(emit, &path, t);
        let heading = view.heading.text.clone();
        emit.page(&path, "dataset.html", &heading, &view)?;
    }
    Ok(())
}

/// One fact of a tender's page.
fn fact(label: String, value: Option<Shown>, href: Option<String>) -> Option<Channel> {
    value
        .filter(|v| !v.text.is_empty())
        .map(|value| Channel { label, value, href })
}

fn plain(text: String) -> Option<Shown> {
    Some(Shown { text, lang: None })
}

/// A tender's own page: what is bought, how, until when, and what came of it.
fn detail(emit: &Emitter, path: &str, t: &Tender) -> Generic {
    let loc = emit.locale;
    let root = emit.root(path);
    let day = |d: Option<Date>| d.map(|d| loc.date(d)).and_then(plain);
    let money = |a| plain(loc.opt_amount(a)).filter(|_| a.is_some());
    let mut facts: Vec<Option<Channel>> = vec![
        fact(loc.t("reference"), plain(loc.digits(&t.reference)), None),
        fact(loc.t("published"), day(Some(t.published)), None),
        fact(loc.t("deadline"), plain(standing(emit, t)), None),
        fact(loc.t("status"), Some(status(loc, t)), None),
        fact(
            loc.t("method"),
            word(
                loc,
                t.method.map(|m| format!("method_{}", m.code())),
                t.method_text.as_ref(),
            ),
            None,
        ),
        fact(
            loc.t("procurement_category"),
            word(
                loc,
                t.category.map(|c| format!("category_{}", c.code())),
                t.category_text.as_ref(),
            ),
            None,
        ),
        fact(loc.t("estimated_value"), money(t.value), None),
        fact(
            loc.t("document"),
            t.document.as_ref().map(|d| Shown {
                text: d
                    .written()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                lang: None,
            }),
            t.document.as_ref().map(|d| target_href(&root, d)),
        ),
        fact(
            loc.t("project"),
            loc.opt_text(t.project.as_ref()),
            t.project.as_ref().map(|_| emit.href(path, "projects.html")),
        ),
    ];
    if let Some(a) = &t.award {
        facts.push(fact(loc.t("supplier"), Some(loc.text(&a.supplier)), None));
        facts.push(fact(loc.t("award_value"), money(a.value), None));
        facts.push(fact(loc.t("award_date"), day(a.date), None));
    }
    if let Some(c) = &t.contract {
        facts.push(fact(loc.t("contract_value"), money(c.value), None));
        facts.push(fact(loc.t("contract_signed"), day(c.signed), None));
        facts.push(fact(loc.t("contract_end"), day(c.end), None));
    }
    Generic {
        heading: loc.text(&t.title),
        sections: vec![Section {
            id: "tender".into(),
            heading: Shown {
                text: loc.t("tender"),
                lang: None,
            },
            facts: facts.into_iter().flatten().collect(),
            checklist_label: String::new(),
            checklist: Vec::new(),
        }],
        ..Generic::default()
    }
}

/// The home page's link: the tenders, with how many are open.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(tenders) = &emit.council.tenders else {
        return Vec::new();
    };
    let open = tenders
        .items
        .iter()
        .filter(|t| is_open(emit.council, t, emit.prepared.today))
        .count();
    vec![HomeLink::keyed(
        emit,
        "tenders_open",
        PAGE,
        Some(emit.locale.int(open as u64)),
    )]
}

/// The download: one row per tender, with its award and contract.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(tenders) = &council.tenders else {
        return Vec::new();
    };
    let langs = cx.langs;
    let cal = cx.cal;
    let mut t = cx.table("tenders", "Tenders", "tenders", PAGE);
    t.field("ref", FieldType::String);
    t.text_fields("title", langs);
    date_fields(&mut t, "published", cal);
    date_fields(&mut t, "deadline", cal);
    t.field("method", FieldType::String);
    t.field("category", FieldType::String);
    t.field("value", FieldType::Amount);
    t.field("status", FieldType::String);
    t.field("document", FieldType::String);
    t.text_fields("project", langs);
    t.text_fields("supplier", langs);
    t.field("award_value", FieldType::Amount);
    date_fields(&mut t, "award_date", cal);
    t.field("contract_value", FieldType::Amount);
    date_fields(&mut t, "contract_signed", cal);
    date_fields(&mut t, "contract_end", cal);
    let default = langs.first().map_or("", String::as_str);
    for x in &tenders.items {
        let written = |v: Option<&Text>| v.map(|t| t.key(default).to_string());
        let mut row = vec![Some(x.reference.clone())];
        text_cells(&mut row, Some(&x.title), langs);
        date_cells(&mut row, cal, Some(x.published));
        date_cells(&mut row, cal, Some(x.deadline));
        row.push(
            x.method
                .map(|m| m.code().to_string())
                .or_else(|| written(x.method_text.as_ref())),
        );
        row.push(
            x.category
                .map(|c| c.code().to_string())
                .or_else(|| written(x.category_text.as_ref())),
        );
        row.push(amount(x.value));
        row.push(Some(x.status.code().to_string()));
        row.push(x.document.as_ref().map(|d| d.written().to_string()));
        text_cells(&mut row, x.project.as_ref(), langs);
        let award = x.award.as_ref();
        text_cells(&mut row, award.map(|a| &a.supplier), langs);
        row.push(amount(award.and_then(|a| a.value)));
        date_cells(&mut row, cal, award.and_then(|a| a.date));
        let contract = x.contract.as_ref();
        row.push(amount(contract.and_then(|c| c.value)));
        date_cells(&mut row, cal, contract.and_then(|c| c.signed));
        date_cells(&mut row, cal, contract.and_then(|c| c.end));
        t.rows.push(row);
    }
    let first = tenders.items.iter().map(|x| x.published).min();
    let last = tenders.items.iter().map(|x| x.deadline).max();
    if let (Some(a), Some(b)) = (first, last) {
        t.period = Some((a.to_string(), b.to_string()));
    }
    vec![t]
}
