//! Development projects (`projects.html`, by status) and one page per ward gathering its
//! population, projects, budget lines and office.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, amount, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::views::{Cell, Channel, DataTable, Figure, Generic, Link, MISSING, Section};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::budget::Flow;
use crate::model::profile::Ward;
use crate::model::projects::{Project, Stage};
use crate::render::locale::Locale;
use crate::text::Shown;

/// A column of the projects table shown only when some project of the table fills it.
type Optional = (&'static str, bool, fn(&Locale, &Project) -> Option<Cell>);

/// Who carries the project out and its contract, after the columns every table has.
const OPTIONAL: [Optional; 4] = [
    ("contractor", false, |loc, p| {
        loc.opt_text(p.contractor.as_ref()).map(Cell::shown)
    }),
    ("users_committee", false, |loc, p| {
        loc.opt_text(p.users_committee.as_ref()).map(Cell::shown)
    }),
    ("contract_value", true, contract_cell),
    ("paid", true, |loc, p| {
        p.contract.paid.map(|a| Cell::num(loc.amount(a)))
    }),
];

fn project_table(
    emit: &Emitter,
    id: &str,
    caption: String,
    items: &[&Project],
    from: &str,
) -> DataTable {
    let loc = emit.locale;
    let shown: Vec<&Optional> = OPTIONAL
        .iter()
        .filter(|(_, _, cell)| items.iter().any(|p| cell(loc, p).is_some()))
        .collect();
    let mut heads = vec![
        (loc.t("project"), false),
        (loc.t("status"), false),
        (loc.t("progress"), true),
        (loc.t("ward"), true),
        (loc.t("sector"), false),
        (loc.t("budget"), true),
        (loc.t("spent"), true),
        (loc.t("start"), false),
        (loc.t("end"), false),
    ];
    heads.extend(shown.iter().map(|(key, num, _)| (loc.t(key), *num)));
    let mut table = DataTable::new(id, caption, &heads).not_reported(loc.t("not_reported"));
    // Link only to wards that have a page.
    let listed: Vec<u32> = emit
        .council
        .profile
        .as_ref()
        .map(|p| p.wards.iter().map(|w| w.number).collect())
        .unwrap_or_default();
    for p in items {
        let ward = p.ward.map(|w| {
            let cell = Cell::num(loc.digits(&w.to_string()));
            if listed.contains(&w) {
                cell.link(emit.href(from, &format!("wards/{w}.html")))
            } else {
                cell
            }
        });
        let mut row = vec![
            Cell::shown(loc.text(&p.name)),
            status_cell(loc, p),
            Cell {
                progress: p.progress,
                num: true,
                text: p.progress.map_or_else(
                    || "—".into(),
                    |v| loc.isolated(loc.numbers.percent(f64::from(v), 0)),
                ),
                ..Cell::default()
            },
            ward.unwrap_or_else(|| Cell::num("")),
            Cell::opt(loc.opt_text(p.sector.as_ref())),
            Cell::num(loc.opt_amount(p.budget)),
            Cell::num(loc.opt_amount(p.spent)),
            date_cell(loc, p.start),
            end_cell(loc, p),
        ];
        row.extend(shown.iter().map(|(_, num, cell)| {
            cell(loc, p).unwrap_or_else(|| {
                if *num {
                    Cell::num(MISSING)
                } else {
                    Cell::text("")
                }
            })
        }));
        table.rows.push(row);
    }
    table
}

/// The contract value, with the day it was signed below it.
fn contract_cell(loc: &Locale, p: &Project) -> Option<Cell> {
    let c = &p.contract;
    if c.value.is_none() && c.signed.is_none() {
        return None;
    }
    let signed = c
        .signed
        .map(|d| format!("{}: {}", loc.t("contract_signed"), loc.date(d)));
    Some(Cell::num(loc.opt_amount(c.value)).note(signed))
}

/// The end date, and below it how far and how often it was put back.
fn end_cell(loc: &Locale, p: &Project) -> Cell {
    let c = &p.contract;
    let mut cell = date_cell(loc, p.end);
    if !c.is_extended() {
        return cell;
    }
    let mut note = match c.extended_to {
        Some(d) => loc.tf("project_extended_to", &[("date", &loc.date(d))]),
        None => loc.t("project_extended"),
    };
    if let Some(n) = c.extensions.filter(|&n| n > 0) {
        let times = loc.plural(
            "project_extensions",
            u64::from(n),
            &[("count", &loc.int(u64::from(n)))],
        );
        note = format!("{note} ({times})");
    }
    cell.note = Some(note);
    cell
}

/// A project's status in the reader's language: the word for its stage, or the status as
/// written when it is none of the stages Khula knows.
fn status_cell(loc: &Locale, p: &Project) -> Cell {
    match p.stage {
        Stage::Other => Cell::shown(loc.text(&p.status)),
        stage => Cell::text(loc.t(stage.key())),
    }
}

fn date_cell(loc: &Locale, d: Option<crate::calendar::Date>) -> Cell {
    match d {
        Some(d) => Cell {
            text: loc.date(d),
            datetime: loc.iso(d),
            ..Cell::default()
        },
        None => Cell::text(""),
    }
}

const STAGES: [Stage; 6] = [
    Stage::InProgress,
    Stage::Stalled,
    Stage::Tendered,
    Stage::Planned,
    Stage::Completed,
    Stage::Other,
];

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    if let Some(projects) = &emit.council.projects {
        let total = projects.items.len();
        let heading = loc.t("projects");
        let mut view = Generic {
            heading: Shown {
                text: heading.clone(),
                lang: None,
            },
            intro: vec![loc.plural(
                "projects_completed",
                total as u64,
                &[
                    ("count", &loc.int(projects.completed() as u64)),
                    ("total", &loc.int(total as u64)),
                ],
            )],
            ..Generic::default()
        };
        for stage in STAGES {
            let items: Vec<&Project> = projects.items.iter().filter(|p| p.stage == stage).collect();
            if items.is_empty() {
                continue;
            }
            view.figures.push(Figure {
                label: loc.t(stage.key()),
                value: loc.int(items.len() as u64),
                note: None,
            });
            let caption = format!("{} ({})", loc.t(stage.key()), loc.int(items.len() as u64));
            view.tables.push(project_table(
                emit,
                &format!("p-{}", stage.key()),
                caption,
                &items,
                "projects.html",
            ));
        }
        emit.page("projects.html", "dataset.html", &heading, &view)?;
    }
    render_wards(emit)
}

fn render_wards(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let council = emit.council;
    let Some(profile) = &council.profile else {
        return Ok(());
    };
    let links: Vec<(u32, String)> = profile
        .wards
        .iter()
        .map(|w| (w.number, format!("wards/{}.html", w.number)))
        .collect();
    for ward in &profile.wards {
        let path = format!("wards/{}.html", ward.number);
        let number = loc.digits(&ward.number.to_string());
        let mut title = loc.tf("ward_page", &[("number", &number)]);
        if let Some(name) = &ward.name {
            title = format!("{title} — {}", loc.text(name).text);
        }
        let mut view = Generic {
            heading: Shown {
                text: title.clone(),
                lang: None,
            },
            links_label: loc.t("wards"),
            links: ward_links(emit, &links, &path, ward.number),
            ..Generic::default()
        };
        // The figures, unless the ward reports none of them.
        let figures = [
            ("population", ward.population),
            ("households", ward.households),
        ];
        if figures.iter().any(|(_, v)| v.is_some()) {
            for (key, value) in figures {
                view.figures.push(Figure {
                    label: loc.t(key),
                    value: value.map_or_else(|| MISSING.into(), |v| loc.int(v)),
                    note: None,
                });
            }
        }
        view.sections.extend(ward_office(emit, ward));
        if let Some(projects) = &council.projects {
            let items: Vec<&Project> = projects.in_ward(ward.number).collect();
            if !items.is_empty() {
                view.tables.push(project_table(
                    emit,
                    "ward-projects",
                    loc.t("projects"),
                    &items,
                    &path,
                ));
            }
        }
        view.tables.extend(ward_budget(emit, ward));
        if view.figures.is_empty() && view.sections.is_empty() && view.tables.is_empty() {
            view.intro.push(loc.t("nothing_reported"));
        }
        emit.page(&path, "dataset.html", &title, &view)?;
    }
    Ok(())
}

/// Links to every ward's page from the page at `path`, `current` the ward shown.
fn ward_links(emit: &Emitter, links: &[(u32, String)], path: &str, current: u32) -> Vec<Link> {
    links
        .iter()
        .map(|(n, href)| Link {
            label: Shown {
                text: emit.locale.digits(&n.to_string()),
                lang: None,
            },
            href: emit.href(path, href),
            current: *n == current,
        })
        .collect()
}

/// The ward office's address, phone and chair, as far as `profile.yaml` gives them.
fn ward_office(emit: &Emitter, ward: &Ward) -> Option<Section> {
    let loc = emit.locale;
    let facts: Vec<Channel> = [
        ("ward_office", ward.office.as_ref()),
        ("phone", ward.phone.as_ref()),
        ("chair", ward.chair.as_ref()),
    ]
    .into_iter()
    .filter_map(|(key, v)| {
        loc.opt_text(v).map(|value| Channel {
            label: loc.t(key),
            href: (key == "phone")
                .then(|| super::tel(&value.text))
                .flatten()
                .map(|t| format!("tel:{t}")),
            value,
        })
    })
    .collect();
    (!facts.is_empty()).then(|| Section {
        id: "office".into(),
        heading: Shown {
            text: loc.t("ward_office"),
            lang: None,
        },
        facts,
        checklist_label: String::new(),
        checklist: Vec::new(),
    })
}

/// The latest year's expenditure lines of the ward.
fn ward_budget(emit: &Emitter, ward: &Ward) -> Option<DataTable> {
    let loc = emit.locale;
    let budget = emit.council.budget.as_ref()?;
    let year = budget.latest()?;
    let mut table = DataTable::new(
        "ward-budget",
        format!(
            "{} {}",
            loc.t("budget_lines"),
            loc.fiscal_year(year.fiscal_year)
        ),
        &[
            (loc.t("programme"), false),
            (loc.t("sector"), false),
            (loc.t("allocated"), true),
            (loc.t("spent"), true),
        ],
    )
    .not_reported(loc.t("not_reported"));
    for line in year
        .lines
        .iter()
        .filter_map(|&i| budget.lines.get(i))
        .filter(|l| l.flow == Flow::Expenditure && l.ward == Some(ward.number))
    {
        table.rows.push(vec![
            Cell::opt(line.programme.as_ref().map(|p| loc.text(p))).note(None),
            Cell::shown(loc.text(&line.sector)),
            Cell::num(loc.opt_amount(line.allocated)),
            Cell::num(loc.opt_amount(line.spent)),
        ]);
    }
    (!table.rows.is_empty()).then_some(table)
}

/// The download: one row per project, dates with their Gregorian form where the council
/// uses Bikram Sambat.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(p) = &council.projects else {
        return Vec::new();
    };
    let (langs, cal) = (cx.langs, cx.cal);
    let mut t = cx.table("projects", "Projects", "projects", "projects.html");
    t.text_fields("project", langs);
    t.text_fields("status", langs);
    t.field("ward", FieldType::Integer);
    t.text_fields("sector", langs);
    t.field("fiscal_year", FieldType::String);
    t.field("budget", FieldType::Amount);
    t.field("spent", FieldType::Amount);
    t.field("progress", FieldType::Integer);
    date_fields(&mut t, "start", cal);
    date_fields(&mut t, "end", cal);
    t.text_fields("contractor", langs);
    t.text_fields("users_committee", langs);
    t.field("contract_value", FieldType::Amount);
    date_fields(&mut t, "contract_signed", cal);
    t.field("paid", FieldType::Amount);
    date_fields(&mut t, "extended_to", cal);
    t.field("extensions", FieldType::Integer);
    for x in &p.items {
        let mut row = Vec::new();
        text_cells(&mut row, Some(&x.name), langs);
        text_cells(&mut row, Some(&x.status), langs);
        row.push(x.ward.map(|w| w.to_string()));
        text_cells(&mut row, x.sector.as_ref(), langs);
        row.push(x.fiscal_year.map(|fy| cx.fiscal_year(fy)));
        row.push(amount(x.budget));
        row.push(amount(x.spent));
        row.push(x.progress.map(|v| v.to_string()));
        date_cells(&mut row, cal, x.start);
        date_cells(&mut row, cal, x.end);
        text_cells(&mut row, x.contractor.as_ref(), langs);
        text_cells(&mut row, x.users_committee.as_ref(), langs);
        let c = &x.contract;
        row.push(amount(c.value));
        date_cells(&mut row, cal, c.signed);
        row.push(amount(c.paid));
        date_cells(&mut row, cal, c.extended_to);
        row.push(c.extensions.map(|n| n.to_string()));
        t.rows.push(row);
    }
    vec![t]
}

/// The home page's link, with how many projects are completed.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(p) = &emit.council.projects else {
        return Vec::new();
    };
    let loc = emit.locale;
    let figure = loc.plural(
        "projects_completed",
        p.items.len() as u64,
        &[
            ("count", &loc.int(p.completed() as u64)),
            ("total", &loc.int(p.items.len() as u64)),
        ],
    );
    vec![HomeLink::keyed(
        emit,
        "projects",
        "projects.html",
        Some(figure),
    )]
}
