//! `hearings.html`: public hearings and social audits, newest first, each with who took
//! part by sex and by group, what was found, how the council responded, and its report.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::notices::target_href;
use super::views::{Channel, Figure, Generic, Section};
use crate::calendar::{days_to_gregorian, gregorian_to_days};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::hearings::{GROUP_PREFIX, Hearing};
use crate::text::Shown;

const PAGE: &str = "hearings.html";

/// How long after it was held a hearing is linked from the home page.
const RECENT_DAYS: i64 = 90;

fn plain(text: String) -> Shown {
    Shown { text, lang: None }
}

fn section(emit: &Emitter, h: &Hearing, index: usize) -> Section {
    let loc = emit.locale;
    let root = emit.root(PAGE);
    let mut facts = vec![Channel {
        label: loc.t("date"),
        value: plain(match loc.date_ad(h.date) {
            Some(ad) => format!("{} ({ad})", loc.date(h.date)),
            None => loc.date(h.date),
        }),
        href: None,
    }];
    let mut fact = |label: String, value: Option<Shown>, href: Option<String>| {
        if let Some(value) = value.filter(|v| !v.text.is_empty()) {
            facts.push(Channel { label, value, href });
        }
    };
    fact(loc.t("kind"), Some(plain(loc.t(h.kind.key()))), None);
    fact(loc.t("place"), loc.opt_text(h.place.as_ref()), None);
    let number = |n: Option<u32>| n.map(|n| plain(loc.int(u64::from(n))));
    fact(loc.t("participants"), number(h.participants()), None);
    fact(loc.t("women"), number(h.women), None);
    fact(loc.t("men"), number(h.men), None);
    fact(loc.t("other_gender"), number(h.other_gender), None);
    for (group, n) in &h.groups {
        fact(group.clone(), number(Some(*n)), None);
    }
    fact(loc.t("findings"), loc.opt_text(h.findings.as_ref()), None);
    fact(
        loc.t("council_response"),
        loc.opt_text(h.response.as_ref()),
        None,
    );
    fact(
        loc.t("report"),
        h.report.as_ref().map(|r| {
            plain(
                r.written()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        }),
        h.report.as_ref().map(|r| target_href(&root, r)),
    );
    Section {
        id: format!("h{}", index + 1),
        heading: loc.text(&h.title),
        facts,
        checklist_label: String::new(),
        checklist: Vec::new(),
    }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(hearings) = &emit.council.hearings else {
        return Ok(());
    };
    let loc = emit.locale;
    let total: u32 = hearings
        .items
        .iter()
        .filter_map(Hearing::participants)
        .sum();
    let women: u32 = hearings.items.iter().filter_map(|h| h.women).sum();
    let mut figures = vec![Figure {
        label: loc.t("hearings_held"),
        value: loc.int(hearings.items.len() as u64),
        note: None,
    }];
    if total > 0 {
        figures.push(Figure {
            label: loc.t("participants"),
            value: loc.int(u64::from(total)),
            note: Some(loc.tf(
                "women_share",
                &[(
                    "share",
                    &loc.percent(Some(f64::from(women) * 100.0 / f64::from(total))),
                )],
            )),
        });
    }
    let view = Generic {
        heading: plain(loc.t("hearings")),
        figures,
        sections: hearings
            .items
            .iter()
            .enumerate()
            .map(|(i, h)| section(emit, h, i))
            .collect(),
        ..Generic::default()
    };
    emit.page(PAGE, "dataset.html", &loc.t("hearings"), &view)
}

/// The home page's link, while the latest hearing or audit is recent.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(latest) = emit.council.hearings.as_ref().and_then(|h| h.items.first()) else {
        return Vec::new();
    };
    let cal = emit.council.site.calendar;
    let recent = match (emit.prepared.today, cal.to_gregorian(latest.date)) {
        (Some(today), Some(held)) => {
            today <= days_to_gregorian(gregorian_to_days(held) + RECENT_DAYS)
        }
        _ => false,
    };
    if !recent {
        return Vec::new();
    }
    vec![HomeLink::keyed(
        emit,
        "hearings",
        PAGE,
        Some(emit.locale.date(latest.date)),
    )]
}

/// The download: one row per hearing or audit, with a column per group counted.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(hearings) = &council.hearings else {
        return Vec::new();
    };
    let langs = cx.langs;
    let mut t = cx.table("hearings", "Public hearings and audits", "hearings", PAGE);
    t.field("kind", FieldType::String);
    t.text_fields("title", langs);
    date_fields(&mut t, "date", cx.cal);
    t.text_fields("place", langs);
    for name in ["women", "men", "other_gender"] {
        t.field(name, FieldType::Integer);
    }
    for group in &hearings.groups {
        t.field(
            &format!("{GROUP_PREFIX}{}", group.replace(' ', "_")),
            FieldType::Integer,
        );
    }
    t.text_fields("findings", langs);
    t.text_fields("response", langs);
    t.field("report", FieldType::String);
    for h in &hearings.items {
        let mut row = vec![Some(h.kind.code().to_string())];
        text_cells(&mut row, Some(&h.title), langs);
        date_cells(&mut row, cx.cal, Some(h.date));
        text_cells(&mut row, h.place.as_ref(), langs);
        for n in [h.women, h.men, h.other_gender] {
            row.push(n.map(|n| n.to_string()));
        }
        for group in &hearings.groups {
            let n = h.groups.iter().find(|(g, _)| g == group).map(|(_, n)| n);
            row.push(n.map(u32::to_string));
        }
        text_cells(&mut row, h.findings.as_ref(), langs);
        text_cells(&mut row, h.response.as_ref(), langs);
        row.push(h.report.as_ref().map(|r| r.written().to_string()));
        t.rows.push(row);
    }
    let first = hearings.items.iter().map(|h| h.date).min();
    let last = hearings.items.iter().map(|h| h.date).max();
    if let (Some(a), Some(b)) = (first, last) {
        t.period = Some((a.to_string(), b.to_string()));
    }
    vec![t]
}
