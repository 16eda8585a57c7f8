//! `laws.html`: the council's laws grouped by type, newest first in each group, with
//! whether each is in force; `laws/<ref>.html`: one law with its dates, document, the
//! laws that amend it and the one that repeals it.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::locale::Locale;
use super::notices::{date_cell, target_href};
use super::views::{Cell, Channel, DataTable, Generic, Section};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::decisions::page_name;
use crate::model::laws::{Law, Laws, Type};
use crate::text::Shown;

const PAGE: &str = "laws.html";

fn law_path(l: &Law) -> String {
    format!("laws/{}.html", page_name(&l.reference))
}

fn type_text(loc: &Locale, l: &Law) -> Shown {
    if l.kind == Type::Other {
        loc.text(&l.kind_text)
    } else {
        Shown {
            text: loc.t(l.kind.key()),
            lang: None,
        }
    }
}

/// "In force", or "Repealed by …" naming the law that did it.
fn standing(loc: &Locale, laws: &Laws, l: &Law) -> String {
    match laws.repealed_by(&l.reference) {
        Some(by) => loc.tf("law_repealed_by", &[("law", &loc.text(&by.title).text)]),
        None => loc.t("law_in_force"),
    }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(laws) = &emit.council.laws else {
        return Ok(());
    };
    let loc = emit.locale;
    let mut tables: Vec<DataTable> = Vec::new();
    let mut current: Option<Type> = None;
    for l in &laws.items {
        if current != Some(l.kind) {
            current = Some(l.kind);
            let caption = loc.t(l.kind.key());
            tables.push(DataTable::new(
                &format!("laws-{}", tables.len() + 1),
                caption,
                &[
                    (loc.t("title"), false),
                    (loc.t("law_number"), false),
                    (loc.t("law_in_gazette"), false),
                    (loc.t("status"), false),
                ],
            ));
        }
        let title = loc.text(&l.title);
        let day = l.day();
        if let Some(table) = tables.last_mut() {
            table.rows.push(vec![
                Cell {
                    text: title.text,
                    lang: title.lang,
                    href: Some(law_path(l)),
                    ..Cell::default()
                },
                Cell::text(
                    l.number
                        .as_deref()
                        .map(|n| loc.digits(n))
                        .unwrap_or_default(),
                ),
                day.map_or_else(|| Cell::text(""), |d| date_cell(loc, d)),
                Cell::text(standing(loc, laws, l)),
            ]);
        }
    }
    let view = Generic {
        heading: Shown {
            text: loc.t("laws"),
            lang: None,
        },
        tables,
        ..Generic::default()
    };
    emit.page(PAGE, "dataset.html", &loc.t("laws"), &view)?;
    for l in &laws.items {
        let path = law_path(l);
        let view = detail(emit, laws, &path, l);
        let heading = view.heading.text.clone();
        emit.page(&path, "dataset.html", &heading, &view)?;
    }
    Ok(())
}

fn fact(label: String, value: Option<String>, href: Option<String>) -> Option<Channel> {
    value.filter(|v| !v.is_empty()).map(|text| Channel {
        label,
        value: Shown { text, lang: None },
        href,
    })
}

/// A law's own page.
fn detail(emit: &Emitter, laws: &Laws, path: &str, l: &Law) -> Generic {
    let loc = emit.locale;
    let root = emit.root(path);
    let link = |other: &Law| emit.href(path, &law_path(other));
    let mut facts: Vec<Option<Channel>> = vec![
        fact(loc.t("law_type"), Some(type_text(loc, l).text), None),
        fact(
            loc.t("law_number"),
            l.number.as_deref().map(|n| loc.digits(n)),
            None,
        ),
        fact(loc.t("law_passed"), l.passed.map(|d| loc.date(d)), None),
        fact(
            loc.t("law_in_gazette"),
            l.gazette.map(|d| loc.date(d)),
            None,
        ),
        fact(
            loc.t("status"),
            Some(standing(loc, laws, l)),
            laws.repealed_by(&l.reference).map(link),
        ),
        fact(
            loc.t("document"),
            l.document.as_ref().map(|d| {
                d.written()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }),
            l.document.as_ref().map(|d| target_href(&root, d)),
        ),
    ];
    if let Some(name) = &l.text {
        facts.push(fact(
            loc.t("law_full_text"),
            Some(loc.text(&l.title).text),
            Some(emit.href(path, &format!("pages/{name}.html"))),
        ));
    }
    for (key, named) in [("law_amends", &l.amends), ("law_repeals", &l.repeals)] {
        if let Some(other) = named.as_deref().and_then(|r| laws.get(r)) {
            facts.push(fact(
                loc.t(key),
                Some(loc.text(&other.title).text),
                Some(link(other)),
            ));
        }
    }
    let amendments: Vec<Shown> = laws
        .amendments(&l.reference)
        .map(|a| {
            let day = a
                .day()
                .map(|d| format!(" ({})", loc.date(d)))
                .unwrap_or_default();
            Shown {
                text: format!("{}{day}", loc.text(&a.title).text),
                lang: None,
            }
        })
        .collect();
    let mut intro = Vec::new();
    if let Some(s) = loc.opt_text(l.summary.as_ref()) {
        intro.push(s.text);
    }
    Generic {
        heading: loc.text(&l.title),
        intro,
        sections: vec![Section {
            id: "law".into(),
            heading: type_text(loc, l),
            facts: facts.into_iter().flatten().collect(),
            checklist_label: if amendments.is_empty() {
                String::new()
            } else {
                loc.t("law_amendments")
            },
            checklist: amendments,
        }],
        ..Generic::default()
    }
}

/// The home page's link: the laws, with how many are in force.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(laws) = &emit.council.laws else {
        return Vec::new();
    };
    let in_force = laws
        .items
        .iter()
        .filter(|l| laws.repealed_by(&l.reference).is_none())
        .count();
    vec![HomeLink::keyed(
        emit,
        "laws",
        PAGE,
        Some(emit.locale.int(in_force as u64)),
    )]
}

/// The download: one row per law.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(laws) = &council.laws else {
        return Vec::new();
    };
    let langs = cx.langs;
    let default = langs.first().map_or("", String::as_str);
    let mut t = cx.table("laws", "Laws", "laws", PAGE);
    t.field("ref", FieldType::String);
    t.field("type", FieldType::String);
    t.text_fields("title", langs);
    t.field("number", FieldType::String);
    date_fields(&mut t, "passed", cx.cal);
    date_fields(&mut t, "gazette", cx.cal);
    t.field("amends", FieldType::String);
    t.field("repeals", FieldType::String);
    t.text_fields("summary", langs);
    t.field("document", FieldType::String);
    t.field("text", FieldType::String);
    for l in &laws.items {
        let mut row = vec![
            Some(l.reference.clone()),
            Some(l.kind_text.key(default).to_string()),
        ];
        text_cells(&mut row, Some(&l.title), langs);
        row.push(l.number.clone());
        date_cells(&mut row, cx.cal, l.passed);
        date_cells(&mut row, cx.cal, l.gazette);
        row.push(l.amends.clone());
        row.push(l.repeals.clone());
        text_cells(&mut row, l.summary.as_ref(), langs);
        row.push(l.document.as_ref().map(|d| d.written().to_string()));
        row.push(l.text.as_ref().map(|n| format!("pages/{n}.md")));
        t.rows.push(row);
    }
    let days: Vec<_> = laws.items.iter().filter_map(Law::day).collect();
    if let (Some(a), Some(b)) = (days.iter().min(), days.iter().max()) {
        t.period = Some((a.to_string(), b.to_string()));
    }
    vec![t]
}
