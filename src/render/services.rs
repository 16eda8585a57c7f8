//! The citizen charter: `services.html` lists categories and an A–Z index of services;
//! `services/<n>.html` shows one category, each service a printable block.

use super::Emitter;
use super::views::{Channel, Figure, Generic, Link, Section};
use crate::diagnostics::Diagnostic;
use crate::model::services::Service;
use crate::text::Shown;

fn category_path(index: usize) -> String {
    format!("services/{}.html", index + 1)
}

fn fee_text(emit: &Emitter, s: &Service) -> Shown {
    let loc = emit.locale;
    let text = match s.fee {
        Some(a) if a.raw() == 0 => loc.t("free"),
        Some(a) => format!("{} {}", emit.council.site.currency, loc.amount(a)),
        None => "—".to_string(),
    };
    Shown { text, lang: None }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let Some(services) = &emit.council.services else {
        return Ok(());
    };
    // Index: categories, then every service A–Z.
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
    let mut az = super::views::DataTable::new("a-z", loc.t("a_to_z"), &[(loc.t("service"), false)]);
    for (name, href) in all {
        az.rows.push(vec![super::views::Cell {
            text: name.text,
            lang: name.lang,
            href: Some(href),
            ..Default::default()
        }]);
    }
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
        let path = category_path(i);
        let sections = category
            .services
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let mut facts = vec![Channel {
                    label: loc.t("fee"),
                    value: fee_text(emit, s),
                    href: None,
                }];
                for (key, value) in [
                    ("time_taken", s.time.as_ref()),
                    ("office", s.office.as_ref()),
                    ("contact_us", s.contact.as_ref()),
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
                Section {
                    id: format!("s{}", j + 1),
                    heading: loc.text(&s.name),
                    facts,
                    checklist_label: loc.t("required_documents"),
                    checklist: s.documents.iter().map(|d| loc.text(d)).collect(),
                }
            })
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
        emit.page(&path, "dataset.html", &name.text, &view)?;
    }
    Ok(())
}
