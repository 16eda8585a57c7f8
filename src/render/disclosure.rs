//! `disclosure.html` and `disclosure/<fiscal year>-q<n>.html`: proactive disclosure under
//! the right-to-information laws, one printable page per quarter. Each page follows the
//! list of the council's country (Nepal's RTI Act 2064 section 5(3) (a)–(l), with Rule 3's
//! additions; India's RTI Act 2005 section 4(1)(b); elsewhere Nepal's order), answering
//! each item from what the portal already publishes, and adds what only the council can
//! say: the requests for information received, answered and refused.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::views::{Cell, Channel, DataTable, Generic, Section};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::disclosure::Quarter;
use crate::model::people::{Group, Role};
use crate::text::Shown;

const PAGE: &str = "disclosure.html";

/// One item of the disclosure list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Form,
    Functions,
    Staff,
    Services,
    Branches,
    Fees,
    Decisions,
    Appeals,
    Work,
    Officers,
    Laws,
    Money,
}

/// Nepal's RTI Act 2064, section 5(3) (a) to (l).
const NEPAL: [Item; 12] = [
    Item::Form,
    Item::Functions,
    Item::Staff,
    Item::Services,
    Item::Branches,
    Item::Fees,
    Item::Decisions,
    Item::Appeals,
    Item::Work,
    Item::Officers,
    Item::Laws,
    Item::Money,
];

/// India's RTI Act 2005, section 4(1)(b), items (i)–(xvi) as far as a portal answers them.
const INDIA: [Item; 12] = [
    Item::Form,
    Item::Functions,
    Item::Staff,
    Item::Decisions,
    Item::Services,
    Item::Laws,
    Item::Money,
    Item::Work,
    Item::Fees,
    Item::Branches,
    Item::Officers,
    Item::Appeals,
];

impl Item {
    fn key(self) -> &'static str {
        match self {
            Item::Form => "disclosure_form",
            Item::Functions => "disclosure_functions",
            Item::Staff => "disclosure_staff",
            Item::Services => "disclosure_services",
            Item::Branches => "disclosure_branches",
            Item::Fees => "disclosure_fees",
            Item::Decisions => "disclosure_decisions",
            Item::Appeals => "disclosure_appeals",
            Item::Work => "disclosure_work",
            Item::Officers => "disclosure_officers",
            Item::Laws => "disclosure_laws",
            Item::Money => "disclosure_money",
        }
    }
}

/// The law that asks for the disclosure, by country.
fn law_key(country: &str) -> &'static str {
    match country {
        "NP" => "disclosure_law_np",
        "BD" => "disclosure_law_bd",
        "IN" => "disclosure_law_in",
        _ => "disclosure_law_other",
    }
}

fn plain(text: String) -> Shown {
    Shown { text, lang: None }
}

/// The facts that answer `item`, from the portal's own data, for the quarter `days`.
fn answer(emit: &Emitter, path: &str, item: Item, days: Option<(Date, Date)>) -> Vec<Channel> {
    let loc = emit.locale;
    let c = emit.council;
    let within = |d: Date| days.is_some_and(|(a, b)| a <= d && d <= b);
    let link = |label: String, text: String, page: &str| Channel {
        label,
        value: plain(text),
        href: Some(emit.href(path, page)),
    };
    let count = |n: usize| loc.int(n as u64);
    let person = |role: Role| {
        c.people
            .as_ref()
            .and_then(|p| p.with_role(role))
            .map(|p| Channel {
                label: loc.t(role.key()),
                value: plain(format!(
                    "{}, {}",
                    loc.text(&p.name).text,
                    loc.text(&p.post).text
                )),
                href: Some(emit.href(path, "people.html")),
            })
    };
    let mut out: Vec<Channel> = Vec::new();
    match item {
        Item::Form => out.push(link(
            loc.t("profile"),
            loc.text(&c.site.name).text,
            "profile.html",
        )),
        Item::Functions | Item::Laws => {
            if let Some(laws) = &c.laws {
                out.push(link(loc.t("laws"), count(laws.items.len()), "laws.html"));
            }
        }
        Item::Staff => {
            if let Some(people) = &c.people {
                let staff = people
                    .items
                    .iter()
                    .filter(|p| p.group == Group::Staff)
                    .count();
                out.push(link(loc.t("people_staff"), count(staff), "people.html"));
            }
        }
        Item::Services | Item::Branches | Item::Fees => {
            if let Some(services) = &c.services {
                out.push(link(
                    loc.t("services"),
                    count(services.count()),
                    "services.html",
                ));
            }
        }
        Item::Decisions => {
            if let Some(d) = &c.decisions {
                let n = d.items.iter().filter(|x| within(x.date)).count();
                out.push(link(
                    loc.t("disclosure_decisions_made"),
                    count(n),
                    "decisions.html",
                ));
            }
        }
        Item::Appeals => {
            out.extend(person(Role::GrievanceOfficer));
            if super::grievances::has_page(c) {
                out.push(link(
                    loc.t("complaints"),
                    loc.t("disclosure_complaints_page"),
                    "complaints.html",
                ));
            }
        }
        Item::Work => {
            if let Some(p) = &c.projects {
                out.push(link(
                    loc.t("projects"),
                    format!("{} / {}", count(p.completed()), count(p.items.len())),
                    "projects.html",
                ));
            }
            if let Some(t) = &c.tenders {
                let n = t.items.iter().filter(|x| within(x.published)).count();
                out.push(link(loc.t("tenders"), count(n), "tenders.html"));
            }
            if let Some(h) = &c.hearings {
                let n = h.items.iter().filter(|x| within(x.date)).count();
                out.push(link(loc.t("hearings"), count(n), "hearings.html"));
            }
            if let Some(n) = &c.notices {
                let k = n.items.iter().filter(|x| within(x.published)).count();
                out.push(link(loc.t("notices"), count(k), "notices.html"));
            }
        }
        Item::Officers => {
            out.extend(person(Role::InformationOfficer));
            out.extend(person(Role::ChiefAdministrativeOfficer));
        }
        Item::Money => {
            if c.budget.is_some() {
                out.push(link(loc.t("budget"), loc.t("budget"), "budget.html"));
            }
        }
    }
    if out.is_empty() {
        out.push(Channel {
            label: loc.t(item.key()),
            value: plain(loc.t("disclosure_not_published")),
            href: None,
        });
    }
    out
}

/// The requests for information of the quarter, as the council reports them.
fn requests(emit: &Emitter, q: &Quarter) -> Section {
    let loc = emit.locale;
    let mut facts = Vec::new();
    for (key, n) in [
        ("rti_requests", q.requests),
        ("rti_answered", q.answered),
        ("rti_refused", q.refused),
    ] {
        facts.push(Channel {
            label: loc.t(key),
            value: plain(n.map_or_else(|| loc.t("not_reported"), |n| loc.int(u64::from(n)))),
            href: None,
        });
    }
    if let Some(notes) = loc.opt_text(q.notes.as_ref()) {
        facts.push(Channel {
            label: loc.t("notes"),
            value: notes,
            href: None,
        });
    }
    Section {
        id: "requests".into(),
        heading: plain(loc.t("rti_requests_heading")),
        facts,
        checklist_label: String::new(),
        checklist: Vec::new(),
    }
}

fn quarter_title(emit: &Emitter, q: &Quarter) -> String {
    let loc = emit.locale;
    loc.tf(
        "disclosure_quarter",
        &[
            ("quarter", &loc.int(u64::from(q.quarter))),
            ("year", &loc.fiscal_year(q.fiscal_year)),
        ],
    )
}

fn quarter_page(emit: &mut Emitter, q: &Quarter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let site = &emit.council.site;
    let path = q.page();
    let days = q.days(site.calendar, site.fiscal_year_start);
    let mut intro = vec![loc.t(law_key(&site.country))];
    if let Some((a, b)) = days {
        intro.push(format!(
            "{}: {} – {}",
            loc.t("period"),
            loc.date(a),
            loc.date(b)
        ));
    }
    if let Some(p) = q.published {
        intro.push(format!("{}: {}", loc.t("published"), loc.date(p)));
    }
    let order: &[Item] = if site.country == "IN" { &INDIA } else { &NEPAL };
    let mut sections: Vec<Section> = order
        .iter()
        .enumerate()
        .map(|(i, item)| Section {
            id: format!("item-{}", i + 1),
            heading: plain(format!("{}. {}", loc.int(i as u64 + 1), loc.t(item.key()))),
            facts: answer(emit, &path, *item, days),
            checklist_label: String::new(),
            checklist: Vec::new(),
        })
        .collect();
    sections.push(requests(emit, q));
    let title = quarter_title(emit, q);
    let view = Generic {
        heading: plain(title.clone()),
        intro,
        sections,
        ..Generic::default()
    };
    emit.page(&path, "dataset.html", &title, &view)
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(disclosure) = &emit.council.disclosure else {
        return Ok(());
    };
    let loc = emit.locale;
    let mut table = DataTable::new(
        "quarters",
        loc.t("disclosure"),
        &[
            (loc.t("disclosure_quarter_heading"), false),
            (loc.t("published"), false),
            (loc.t("rti_requests"), true),
        ],
    );
    for q in &disclosure.quarters {
        table.rows.push(vec![
            Cell {
                text: quarter_title(emit, q),
                href: Some(q.page()),
                ..Cell::default()
            },
            Cell::text(q.published.map(|d| loc.date(d)).unwrap_or_default()),
            Cell::num(
                q.requests
                    .map(|n| loc.int(u64::from(n)))
                    .unwrap_or_default(),
            ),
        ]);
    }
    let view = Generic {
        heading: plain(loc.t("disclosure")),
        intro: vec![loc.t(law_key(&emit.council.site.country))],
        tables: vec![table],
        ..Generic::default()
    };
    emit.page(PAGE, "dataset.html", &loc.t("disclosure"), &view)?;
    for q in &disclosure.quarters {
        quarter_page(emit, q)?;
    }
    Ok(())
}

pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(latest) = emit
        .council
        .disclosure
        .as_ref()
        .and_then(|d| d.quarters.first())
    else {
        return Vec::new();
    };
    vec![HomeLink::keyed(
        emit,
        "disclosure",
        PAGE,
        Some(quarter_title(emit, latest)),
    )]
}

/// The download: one row per quarter, the requests for information as reported.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(disclosure) = &council.disclosure else {
        return Vec::new();
    };
    let mut t = cx.table("disclosure", "Proactive disclosure", "disclosure", PAGE);
    t.field("fiscal_year", FieldType::String);
    t.field("quarter", FieldType::Integer);
    date_fields(&mut t, "published", cx.cal);
    for name in ["requests", "answered", "refused"] {
        t.field(name, FieldType::Integer);
    }
    t.text_fields("notes", cx.langs);
    for q in &disclosure.quarters {
        let mut row = vec![
            Some(cx.fiscal_year(q.fiscal_year)),
            Some(q.quarter.to_string()),
        ];
        date_cells(&mut row, cx.cal, q.published);
        for n in [q.requests, q.answered, q.refused] {
            row.push(n.map(|n| n.to_string()));
        }
        text_cells(&mut row, q.notes.as_ref(), cx.langs);
        t.rows.push(row);
    }
    vec![t]
}
