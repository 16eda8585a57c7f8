//! The profile page: population by sex, households, area, density, wards, about, facts.

use super::Emitter;
use super::locale::Locale;
use super::markdown;
use super::views::{Cell, DataTable, Figure, Link, MISSING};
use crate::diagnostics::Diagnostic;
use crate::model::profile::{Profile, Ward};
use crate::text::Shown;
use serde::Serialize;

#[derive(Serialize)]
struct ProfileView {
    heading: String,
    census: Option<String>,
    figures: Vec<Figure>,
    /// Said instead of the figures when none is reported.
    empty: Option<String>,
    wards: Option<DataTable>,
    /// The wards' pages, listed when no ward reports a figure (instead of a table of dashes).
    ward_links: Vec<Link>,
    about: Option<String>,
    about_lang: Option<String>,
    facts: Vec<(Shown, Shown)>,
    source: Option<Shown>,
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let Some(p) = &emit.council.profile else {
        return Ok(());
    };
    let path = "profile.html";
    let mut figures = figures(loc, p);
    let empty = figures.iter().all(|f| f.value == MISSING).then(|| {
        figures.clear();
        loc.t("nothing_reported")
    });
    let ward_figures = p
        .wards
        .iter()
        .any(|w| w.population.is_some() || w.households.is_some());
    let wards = ward_figures.then(|| ward_table(loc, p));
    let ward_links = if ward_figures {
        Vec::new()
    } else {
        p.wards
            .iter()
            .map(|w| Link {
                label: ward_label(loc, w),
                href: format!("wards/{}.html", w.number),
                current: false,
            })
            .collect()
    };
    let root = emit.root(path);
    let (about, about_lang) = match &p.about {
        Some(text) => {
            let shown = loc.text(text);
            (Some(markdown::to_html(&shown.text, &root)), shown.lang)
        }
        None => (None, None),
    };
    let view = ProfileView {
        heading: loc.t("profile"),
        census: p
            .census_year
            .map(|y| loc.tf("census_year", &[("year", &loc.digits(&y.to_string()))])),
        figures,
        empty,
        wards,
        ward_links,
        about,
        about_lang,
        facts: p
            .facts
            .iter()
            .map(|f| (loc.text(&f.label), loc.text(&f.value)))
            .collect(),
        source: loc.opt_text(p.source.as_ref()),
    };
    let heading = loc.t("profile");
    emit.page(path, "profile.html", &heading, &view)
}

/// A count, or "—" when it is not reported.
fn count(loc: &Locale, v: Option<u64>) -> String {
    v.map_or_else(not_reported, |n| loc.int(n))
}

fn not_reported() -> String {
    MISSING.to_string()
}

/// "3 — Gosinga": a ward's number and, when it has one, its name.
fn ward_label(loc: &Locale, w: &Ward) -> Shown {
    let number = loc.digits(&w.number.to_string());
    match &w.name {
        Some(name) => {
            let n = loc.text(name);
            Shown {
                text: format!("{number} — {}", n.text),
                lang: n.lang,
            }
        }
        None => Shown {
            text: number,
            lang: None,
        },
    }
}

/// Population by sex, households, area and density; "—" for what is not reported.
fn figures(loc: &Locale, p: &Profile) -> Vec<Figure> {
    let figure = |label: &str, value: String| Figure {
        label: loc.t(label),
        value,
        note: None,
    };
    let mut figures = vec![
        figure("population", count(loc, p.population.total)),
        figure("female", count(loc, p.population.female)),
        figure("male", count(loc, p.population.male)),
    ];
    if let Some(other) = p.population.other {
        figures.push(figure("other", loc.int(other)));
    }
    figures.push(figure("households", count(loc, p.households)));
    figures.push(figure(
        "area",
        p.area_km2.map_or_else(not_reported, |a| {
            format!("{} {}", loc.decimal(a, 2), loc.t("area_unit"))
        }),
    ));
    figures.push(figure(
        "density",
        p.density().map_or_else(not_reported, |d| loc.decimal(d, 1)),
    ));
    figures
}

/// Every ward's population and households, with their totals over the wards that report
/// them.
fn ward_table(loc: &Locale, p: &Profile) -> DataTable {
    let mut table = DataTable::new(
        "wards",
        loc.t("wards"),
        &[
            (loc.t("ward"), false),
            (loc.t("population"), true),
            (loc.t("households"), true),
        ],
    )
    .not_reported(loc.t("not_reported"));
    for w in &p.wards {
        table.rows.push(vec![
            Cell::shown(ward_label(loc, w)),
            Cell::num(count(loc, w.population)),
            Cell::num(count(loc, w.households)),
        ]);
    }
    let sum = |f: fn(&Ward) -> Option<u64>| -> String {
        let known: Vec<u64> = p.wards.iter().filter_map(f).collect();
        if known.is_empty() {
            not_reported()
        } else {
            loc.int(known.iter().sum())
        }
    };
    table.foot.push(vec![
        Cell::text(loc.t("total")),
        Cell::num(sum(|w| w.population)),
        Cell::num(sum(|w| w.households)),
    ]);
    table
}
