//! The citizen charter: `services.html` lists categories and an A–Z index of services;
//! `services/<n>.html` shows one category, each service a printable block.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, amount, text_cells};
use super::home::HomeLink;
use super::views::{Cell, Channel, DataTable, Figure, Generic, Link, Section};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::services::{Fee, Service, Services};
use crate::text::Shown;
use crate::text::Text;

fn category_path(index: usize) -> String {
    format!("services/{}.html", index + 1)
}

/// The fee as the page shows it: "free" in the page's language, the amount with the
/// council's currency, the rule as written, or "—" when not reported.
fn fee_text(emit: &Emitter, s: &Service) -> Shown {
    let loc = emit.locale;
    let text = match &s.fee {
        None => "—".to_string(),
        Some(Fee::Rule(rule)) => return loc.text(rule),
        Some(fee) if fee.is_free() => loc.t("free"),
        Some(fee) => fee.amount().map_or_else(String::new, |a| {
            format!("{} {}", emit.council.site.currency, loc.amount(a))
        }),
    };
    Shown { text, lang: None }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let Some(services) = &emit.council.services else {
        return Ok(());
    };
    let (categories, az) = index(emit, services);
    let heading = loc.t("services");
    let view = Generic {
        heading: Shown {
            text: heading.clone(),
            lang: None,
        },
        intro: vec![loc.tn("services_count", services.count() as u64)],
        links_label: loc.t("category"),
        links: categories,
        tables: vec![az],
        ..Generic::default()
    };
    emit.page("services.html", "dataset.html", &heading, &view)?;
    for (i, category) in services.categories.iter().enumerate() {
        let sections = category
            .services
            .iter()
            .enumerate()
            .map(|(j, s)| service_section(emit, j, s))
            .collect();
        let name = loc.text(&category.name);
        let view = Generic {
            heading: name.clone(),
            intro: vec![loc.tn("services_count", category.services.len() as u64)],
            figures: vec![Figure {
                label: loc.t("services"),
                value: loc.int(category.services.len() as u64),
                note: None,
            }],
            sections,
            ..Generic::default()
        };
        emit.page(&category_path(i), "dataset.html", &name.text, &view)?;
    }
    Ok(())
}

/// The index of the services: the categories with their counts, and every service A–Z.
fn index(emit: &Emitter, services: &Services) -> (Vec<Link>, DataTable) {
    let loc = emit.locale;
    let mut all: Vec<(Shown, String)> = Vec::new();
    let categories: Vec<Link> = services
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            for (j, s) in c.services.iter().enumerate() {
                all.push((
                    loc.text(&s.name),
                    format!("{}#s{}", category_path(i), j + 1),
                ));
            }
            Link {
                label: Shown {
                    text: format!(
                        "{} ({})",
                        loc.text(&c.name).text,
                        loc.int(c.services.len() as u64)
                    ),
                    lang: loc.text(&c.name).lang,
                },
                href: category_path(i),
                current: false,
            }
        })
        .collect();
    all.sort_by_cached_key(|a| a.0.text.to_lowercase());
    let mut az = DataTable::new("a-z", loc.t("a_to_z"), &[(loc.t("service"), false)]);
    for (name, href) in all {
        az.rows.push(vec![Cell {
            text: name.text,
            lang: name.lang,
            href: Some(href),
            ..Default::default()
        }]);
    }
    (categories, az)
}

/// One service on its category's page: fee, time, office, contact, notes and the
/// documents to bring.
fn service_section(emit: &Emitter, j: usize, s: &Service) -> Section {
    let loc = emit.locale;
    let mut facts = vec![Channel {
        label: loc.t("fee"),
        value: fee_text(emit, s),
        href: None,
    }];
    for (key, value) in [
        ("time_taken", s.time.as_ref()),
        ("office", s.office.as_ref()),
        ("contact_us", s.contact.as_ref()),
        ("service_officer", s.officer.as_ref()),
        ("service_grievance_officer", s.grievance_officer.as_ref()),
        ("compensation", s.compensation.as_ref()),
        ("notes", s.notes.as_ref()),
    ] {
        if let Some(v) = loc.opt_text(value) {
            facts.push(Channel {
                label: loc.t(key),
                href: super::tel(&v.text)
                    .filter(|_| key == "contact_us")
                    .map(|t| format!("tel:{t}")),
                value: v,
            });
        }
    }
    if !s.steps.is_empty() {
        let steps: Vec<String> = s
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| format!("{}. {}", loc.int(i as u64 + 1), loc.text(step).text))
            .collect();
        facts.push(Channel {
            label: loc.t("service_steps"),
            value: Shown {
                text: steps.join(" → "),
                lang: None,
            },
            href: None,
        });
    }
    Section {
        id: format!("s{}", j + 1),
        heading: loc.text(&s.name),
        facts,
        checklist_label: loc.t("required_documents"),
        checklist: s.documents.iter().map(|d| loc.text(d)).collect(),
    }
}

/// The download: one row per service, its documents joined by `; ` (a language's column
/// only when every document is translated). `fee` is the amount (0 when free, empty for a
/// rule); `fee_text` is a fee given as a rule in words, in each language.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(s) = &council.services else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("services", "Services", "services", "services.html");
    t.text_fields("category", langs);
    t.text_fields("service", langs);
    t.text_fields("office", langs);
    t.field("fee", FieldType::Amount);
    t.text_fields("fee_text", langs);
    t.text_fields("time", langs);
    t.text_fields("documents", langs);
    t.text_fields("contact", langs);
    t.text_fields("notes", langs);
    t.text_fields("steps", langs);
    t.text_fields("officer", langs);
    t.text_fields("grievance_officer", langs);
    t.text_fields("compensation", langs);
    for c in &s.categories {
        for x in &c.services {
            let mut row = Vec::new();
            text_cells(&mut row, Some(&c.name), langs);
            text_cells(&mut row, Some(&x.name), langs);
            text_cells(&mut row, x.office.as_ref(), langs);
            row.push(amount(x.fee.as_ref().and_then(Fee::amount)));
            let rule = match &x.fee {
                Some(Fee::Rule(rule)) => Some(rule),
                _ => None,
            };
            text_cells(&mut row, rule, langs);
            text_cells(&mut row, x.time.as_ref(), langs);
            let docs = join_list(&x.documents, langs);
            text_cells(&mut row, (!docs.is_empty()).then_some(&docs), langs);
            text_cells(&mut row, x.contact.as_ref(), langs);
            text_cells(&mut row, x.notes.as_ref(), langs);
            let steps = join_list(&x.steps, langs);
            text_cells(&mut row, (!steps.is_empty()).then_some(&steps), langs);
            text_cells(&mut row, x.officer.as_ref(), langs);
            text_cells(&mut row, x.grievance_officer.as_ref(), langs);
            text_cells(&mut row, x.compensation.as_ref(), langs);
            t.rows.push(row);
        }
    }
    vec![t]
}

/// A list of texts (a service's documents or steps) as one text, joined by `; `, in each
/// language every item has.
fn join_list(items: &[Text], langs: &[String]) -> Text {
    let default = langs.first().map_or("", String::as_str);
    let mut joined = Text::default();
    if items.is_empty() {
        return joined;
    }
    joined.set_plain(
        &items
            .iter()
            .map(|d| d.key(default))
            .collect::<Vec<_>>()
            .join("; "),
    );
    for lang in langs.iter().skip(1) {
        let parts: Vec<String> = items
            .iter()
            .map(|d| d.get(lang, default))
            .filter(|s| !s.is_fallback())
            .map(|s| s.text)
            .collect();
        if parts.len() == items.len() {
            joined.set(lang, &parts.join("; "));
        }
    }
    joined
}

/// The home page's link, with how many services there are.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(s) = &emit.council.services else {
        return Vec::new();
    };
    let count = emit.locale.tn("services_count", s.count() as u64);
    vec![HomeLink::keyed(
        emit,
        "services",
        "services.html",
        Some(count),
    )]
}
