//! The council's home page: who they are, key figures, this year's budget at a glance,
//! latest decisions, and how to reach them or complain.

use super::kinds::KINDS;
use super::views::{Channel, Figure, Link};
use super::{Emitter, tel};
use crate::diagnostics::Diagnostic;
use crate::model::site::Contact;
use crate::text::{Shown, Text};
use serde::Serialize;

#[derive(Serialize)]
struct Home {
    heading: Shown,
    tagline: Option<Shown>,
    figures: Vec<Figure>,
    budget: Option<BudgetGlance>,
    decisions: Vec<DecisionItem>,
    decisions_href: Option<String>,
    contact: Vec<Channel>,
    complaints: Vec<Channel>,
    service_level: Option<String>,
    sections: Vec<HomeLink>,
    offline: Link,
}

#[derive(Serialize)]
struct BudgetGlance {
    heading: String,
    figures: Vec<Figure>,
    note: Option<String>,
    href: String,
}

#[derive(Serialize)]
pub(super) struct DecisionItem {
    pub date: String,
    pub datetime: Option<String>,
    pub title: Shown,
    pub href: Option<String>,
}

/// A link from the home page to a kind's page, with its key figure.
#[derive(Serialize)]
pub(super) struct HomeLink {
    pub label: Shown,
    pub href: String,
    pub figure: Option<String>,
}

impl HomeLink {
    /// A link labelled by the interface string `key`.
    pub(super) fn keyed(emit: &Emitter, key: &str, href: &str, figure: Option<String>) -> Self {
        HomeLink {
            label: Shown {
                text: emit.locale.t(key),
                lang: None,
            },
            href: href.to_string(),
            figure,
        }
    }
}

fn channel(
    emit: &Emitter,
    key: &str,
    value: Option<&Text>,
    scheme: Option<&str>,
) -> Option<Channel> {
    let value = emit.locale.opt_text(value)?;
    let href = match scheme {
        Some("tel") => tel(&value.text).map(|t| format!("tel:{t}")),
        Some("mailto") if value.text.contains('@') => Some(format!("mailto:{}", value.text)),
        Some("sms") => tel(&value.text).map(|t| format!("sms:{t}")),
        Some("web") if value.text.starts_with("http") => Some(value.text.clone()),
        _ => None,
    };
    Some(Channel {
        label: emit.locale.t(key),
        value,
        href,
    })
}

pub(super) fn contact_channels(emit: &Emitter, c: &Contact) -> Vec<Channel> {
    [
        channel(emit, "address", c.address.as_ref(), None),
        channel(emit, "phone", c.phone.as_ref(), Some("tel")),
        channel(emit, "toll_free", c.toll_free.as_ref(), Some("tel")),
        channel(emit, "email", c.email.as_ref(), Some("mailto")),
        channel(emit, "office_hours", c.office_hours.as_ref(), None),
        channel(emit, "website", c.website.as_ref(), Some("web")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Every way to complain, from `grievance:` in site.yaml.
pub(super) fn complaint_channels(emit: &Emitter) -> Vec<Channel> {
    let g = &emit.council.site.grievance;
    [
        channel(emit, "toll_free", g.toll_free.as_ref(), Some("tel")),
        channel(emit, "sms", g.sms.as_ref(), Some("sms")),
        channel(emit, "email", g.email.as_ref(), Some("mailto")),
        channel(emit, "office", g.office.as_ref(), None),
        channel(emit, "website", g.url.as_ref(), Some("web")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let council = emit.council;
    let loc = emit.locale;
    let site = &council.site;
    let figures = profile_figures(emit);
    let budget = budget_glance(emit);
    let decisions: Vec<DecisionItem> = council
        .decisions
        .iter()
        .flat_map(|d| d.items.iter().take(5))
        .map(|d| DecisionItem {
            date: loc.date(d.date),
            datetime: loc.iso(d.date),
            title: loc.text(&d.title),
            href: d.page.as_ref().map(|p| format!("decisions/{p}.html")),
        })
        .collect();
    let complaints = complaint_channels(emit);
    let sections = KINDS.iter().flat_map(|kind| (kind.home)(emit)).collect();
    let view = Home {
        heading: loc.text(&site.name),
        tagline: loc.opt_text(site.tagline.as_ref()),
        figures,
        budget,
        decisions_href: council
            .decisions
            .as_ref()
            .map(|_| "decisions.html".to_string()),
        decisions,
        contact: contact_channels(emit, &site.contact),
        complaints,
        service_level: site
            .grievance
            .service_level_days
            .map(|d| loc.tf("service_level", &[("days", &loc.int(u64::from(d)))])),
        sections,
        offline: offline_link(emit),
    };
    let heading = loc.t("home");
    emit.page("index.html", "home.html", &heading, &view)
}

/// Population, households, area and wards, as far as `profile.yaml` gives them.
fn profile_figures(emit: &Emitter) -> Vec<Figure> {
    let loc = emit.locale;
    let mut figures = Vec::new();
    let Some(p) = &emit.council.profile else {
        return figures;
    };
    if let Some(total) = p.population.total {
        figures.push(Figure {
            label: loc.t("population"),
            value: loc.int(total),
            note: p
                .census_year
                .map(|y| loc.tf("census_year", &[("year", &loc.digits(&y.to_string()))])),
        });
    }
    if let Some(h) = p.households {
        figures.push(Figure {
            label: loc.t("households"),
            value: loc.int(h),
            note: None,
        });
    }
    if let Some(a) = p.area_km2 {
        figures.push(Figure {
            label: loc.t("area"),
            value: format!("{} {}", loc.decimal(a, 2), loc.t("area_unit")),
            note: None,
        });
    }
    if !p.wards.is_empty() {
        figures.push(Figure {
            label: loc.t("wards"),
            value: loc.int(p.wards.len() as u64),
            note: None,
        });
    }
    figures
}

/// The latest year's expenditure (or revenue, for a revenue-only year): planned, actual and
/// the rate.
fn budget_glance(emit: &Emitter) -> Option<BudgetGlance> {
    let loc = emit.locale;
    let year = emit.council.budget.as_ref()?.latest()?;
    let fy = loc.fiscal_year(year.fiscal_year);
    let (figures, note) = super::budget::glance(loc, year);
    Some(BudgetGlance {
        heading: loc.tf("budget_this_year", &[("year", &fy)]),
        figures,
        note,
        href: "budget.html".to_string(),
    })
}

/// The link to the offline bundle, its size filled in once the bundle is made.
fn offline_link(emit: &Emitter) -> Link {
    Link {
        label: Shown {
            text: format!("{} (ZIP, {})", emit.locale.t("offline"), super::BUNDLE_SIZE),
            lang: None,
        },
        href: format!(
            "{}{}",
            emit.root("index.html"),
            super::bundle::name(&emit.council.slug)
        ),
        current: false,
    }
}
