//! `people.html`: who is who. First the named roles citizens ask for (the chief
//! administrative officer, the information officer, the grievance-hearing officer, the
//! spokesperson) with how to reach them, then the elected representatives and the officers
//! and staff, each with the contacts the council publishes.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::locale::Locale;
use super::page::tel;
use super::views::{Cell, Channel, DataTable, Generic, Section};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::people::{Group, People, Person, Role};
use crate::text::Shown;

const PAGE: &str = "people.html";

fn plain(text: String) -> Shown {
    Shown { text, lang: None }
}

/// How to reach a person: phone and email as links, as far as the council publishes them.
fn contacts(loc: &Locale, p: &Person) -> Vec<Channel> {
    let mut out = Vec::new();
    if let Some(room) = loc.opt_text(p.room.as_ref()) {
        out.push(Channel {
            label: loc.t("room"),
            value: room,
            href: None,
        });
    }
    if let Some(phone) = &p.phone {
        out.push(Channel {
            label: loc.t("phone"),
            value: plain(phone.clone()),
            href: tel(phone).map(|t| format!("tel:{t}")),
        });
    }
    if let Some(email) = &p.email {
        out.push(Channel {
            label: loc.t("email"),
            value: plain(email.clone()),
            href: Some(format!("mailto:{email}")),
        });
    }
    out
}

/// A block for the holder of `role`: the role as heading, then the person and contacts.
pub(super) fn role_section(loc: &Locale, people: &People, role: Role) -> Option<Section> {
    let p = people.with_role(role)?;
    let mut facts = vec![Channel {
        label: loc.t("name"),
        value: loc.text(&p.name),
        href: None,
    }];
    facts.push(Channel {
        label: loc.t("post"),
        value: loc.text(&p.post),
        href: None,
    });
    facts.extend(contacts(loc, p));
    Some(Section {
        id: role.code().to_string(),
        heading: plain(loc.t(role.key())),
        facts,
        checklist_label: String::new(),
        checklist: Vec::new(),
    })
}

fn contact_cell(p: &Person) -> Cell {
    match &p.phone {
        Some(phone) => Cell {
            text: phone.clone(),
            href: tel(phone).map(|t| format!("tel:{t}")),
            note: p.email.clone(),
            ..Cell::default()
        },
        None => Cell {
            text: p.email.clone().unwrap_or_default(),
            href: p.email.as_ref().map(|e| format!("mailto:{e}")),
            ..Cell::default()
        },
    }
}

fn table(emit: &Emitter, people: &People, group: Group) -> Option<DataTable> {
    let loc = emit.locale;
    let members: Vec<&Person> = people.items.iter().filter(|p| p.group == group).collect();
    if members.is_empty() {
        return None;
    }
    let (id, caption) = match group {
        Group::Elected => ("elected", loc.t("people_elected")),
        Group::Staff => ("staff", loc.t("people_staff")),
    };
    let mut columns = vec![(loc.t("name"), false), (loc.t("post"), false)];
    match group {
        Group::Elected => columns.extend([(loc.t("ward"), false), (loc.t("term"), false)]),
        Group::Staff => columns.push((loc.t("section"), false)),
    }
    columns.push((loc.t("contact"), false));
    let mut table = DataTable::new(id, caption, &columns);
    for p in members {
        let name = loc.text(&p.name);
        let mut row = vec![
            Cell {
                text: name.text,
                lang: name.lang,
                ..Cell::default()
            },
            Cell::shown(loc.text(&p.post)),
        ];
        match group {
            Group::Elected => {
                row.push(Cell::text(
                    p.ward.map(|w| loc.int(u64::from(w))).unwrap_or_default(),
                ));
                row.push(Cell::text(match (p.term_start, p.term_end) {
                    (Some(s), Some(e)) => format!("{} – {}", loc.date(s), loc.date(e)),
                    (Some(s), None) => loc.date(s),
                    _ => String::new(),
                }));
            }
            Group::Staff => row.push(Cell::opt(loc.opt_text(p.section.as_ref()))),
        }
        row.push(contact_cell(p));
        table.rows.push(row);
    }
    Some(table)
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(people) = &emit.council.people else {
        return Ok(());
    };
    let loc = emit.locale;
    let view = Generic {
        heading: plain(loc.t("people")),
        sections: Role::ALL
            .iter()
            .filter_map(|r| role_section(loc, people, *r))
            .collect(),
        tables: [Group::Elected, Group::Staff]
            .into_iter()
            .filter_map(|g| table(emit, people, g))
            .collect(),
        ..Generic::default()
    };
    emit.page(PAGE, "dataset.html", &loc.t("people"), &view)
}

pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    if emit.council.people.is_none() {
        return Vec::new();
    }
    vec![HomeLink::keyed(emit, "people", PAGE, None)]
}

/// The download: one row per person, with the contacts the council published.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(people) = &council.people else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("people", "Who is who", "people", PAGE);
    t.text_fields("name", langs);
    t.text_fields("post", langs);
    t.field("group", FieldType::String);
    t.field("role", FieldType::String);
    t.field("ward", FieldType::Integer);
    t.text_fields("section", langs);
    t.text_fields("room", langs);
    t.field("phone", FieldType::String);
    t.field("email", FieldType::String);
    date_fields(&mut t, "term_start", cx.cal);
    date_fields(&mut t, "term_end", cx.cal);
    for p in &people.items {
        let mut row = Vec::new();
        text_cells(&mut row, Some(&p.name), langs);
        text_cells(&mut row, Some(&p.post), langs);
        row.push(Some(
            match p.group {
                Group::Elected => "elected",
                Group::Staff => "staff",
            }
            .to_string(),
        ));
        let roles: Vec<&str> = p.roles.iter().map(|r| r.code()).collect();
        row.push(Some(roles.join(";")).filter(|r| !r.is_empty()));
        row.push(p.ward.map(|w| w.to_string()));
        text_cells(&mut row, p.section.as_ref(), langs);
        text_cells(&mut row, p.room.as_ref(), langs);
        row.push(p.phone.clone());
        row.push(p.email.clone());
        date_cells(&mut row, cx.cal, p.term_start);
        date_cells(&mut row, cx.cal, p.term_end);
        t.rows.push(row);
    }
    vec![t]
}
