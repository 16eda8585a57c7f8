//! The councils of one country and calendar, and each council's figures for the fiscal
//! year they are compared in.

use super::columns::Tr;
use super::places::Place;
use crate::calendar::{Calendar, FiscalYear, FiscalYearStyle};
use crate::model::CouncilSummary;
use crate::model::summary::{GrievanceFigures, ProjectFigures};
use crate::numbers::{Amount, Grouping};
use crate::render::index::{country_name, english};
use std::collections::BTreeMap;

/// Sector columns shown, the ones most councils report.
const MAX_SECTORS: usize = 8;

/// Councils of one country and calendar, compared for one fiscal year.
pub(super) struct Group<'a> {
    pub(super) id: String,
    pub(super) country: String,
    /// The calendar is not the country's usual one (and is named beside the country).
    pub(super) unusual: bool,
    pub(super) calendar: Calendar,
    pub(super) fiscal_year: Option<FiscalYear>,
    /// How many councils report a budget for the chosen year, of how many.
    pub(super) currency: String,
    pub(super) grouping: Grouping,
    pub(super) rows: Vec<Row<'a>>,
    pub(super) sectors: Vec<(String, String)>,
    /// The province, then the district, the group is limited to (empty: the whole
    /// country), when the country is compared by place.
    pub(super) within: Vec<Place<'a>>,
}

/// One council's figures for the group's fiscal year.
#[derive(Clone)]
pub(super) struct Row<'a> {
    pub(super) council: &'a CouncilSummary,
    pub(super) population: Option<u64>,
    pub(super) allocated: Option<Amount>,
    pub(super) per_person: Option<f64>,
    pub(super) spent: Option<Amount>,
    pub(super) execution: Option<f64>,
    pub(super) grievances: Option<GrievanceFigures>,
    pub(super) sla: Option<f64>,
    pub(super) projects: Option<ProjectFigures>,
    /// Share of the expenditure allocation by sector key, in percent.
    pub(super) sector_shares: BTreeMap<String, f64>,
}

impl Row<'_> {
    pub(super) fn projects_completed(&self) -> Option<f64> {
        self.projects.map(|p| p.completed as f64)
    }
}

pub(super) fn fiscal_label(country: &str, fy: FiscalYear) -> String {
    fy.label(FiscalYearStyle::for_country(country))
}

pub(super) fn calendar_name(cal: Calendar) -> &'static str {
    match cal {
        Calendar::BikramSambat => "Bikram Sambat",
        Calendar::Gregorian => "Gregorian",
    }
}

pub(super) fn default_calendar(country: &str) -> Calendar {
    if country == "NP" {
        Calendar::BikramSambat
    } else {
        Calendar::Gregorian
    }
}

/// The most common latest fiscal year among the councils; the newer one on a tie.
pub(super) fn common_year(councils: &[&CouncilSummary]) -> Option<FiscalYear> {
    let mut votes: BTreeMap<FiscalYear, usize> = BTreeMap::new();
    for c in councils {
        if let Some(fy) = c.figures.latest {
            *votes.entry(fy).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(fy, _)| fy)
}

pub(super) fn row_for(council: &CouncilSummary, fy: Option<FiscalYear>) -> Row<'_> {
    let year = fy.and_then(|fy| council.figures.years.get(&fy));
    let budget = year.and_then(|y| y.budget.as_ref());
    let population = council.figures.population.filter(|p| *p > 0);
    let allocated = budget.map(|b| b.allocated);
    let per_person = match (allocated, population) {
        (Some(a), Some(p)) => Some(a.to_f64() / p as f64),
        _ => None,
    };
    let grievances = year.and_then(|y| y.grievances);
    let mut sector_shares = BTreeMap::new();
    if let Some(b) = budget
        && b.allocated.to_f64() > 0.0
    {
        for (key, (_, amount)) in &b.sectors {
            sector_shares.insert(key.clone(), amount.to_f64() / b.allocated.to_f64() * 100.0);
        }
    }
    Row {
        council,
        population: council.figures.population,
        allocated,
        per_person,
        spent: budget.and_then(|b| b.spent),
        execution: budget.and_then(|b| b.execution),
        grievances,
        sla: grievances.and_then(|g| g.sla_share()),
        projects: year.and_then(|y| y.projects),
        sector_shares,
    }
}

impl<'a> Group<'a> {
    /// The group's name in the language of `s`: its country, and its calendar when that
    /// is not the country's usual one.
    pub(super) fn name(&self, s: &Tr) -> String {
        let name = country_name(s.w.strings, &self.country);
        let mut name = if self.unusual {
            format!("{name} ({})", calendar_words(s, self.calendar))
        } else {
            name
        };
        for place in &self.within {
            name.push_str(" — ");
            name.push_str(&place.name(s));
        }
        name
    }

    /// The name of the place the group is limited to, else of the whole group.
    pub(super) fn short_name(&self, s: &Tr) -> String {
        match self.within.last() {
            Some(place) => place.name(s),
            None => self.name(s),
        }
    }

    /// The councils `rows` of the group, in `place` within the group's, as a group `id`.
    pub(super) fn within(&self, rows: Vec<Row<'a>>, id: String, place: Place<'a>) -> Group<'a> {
        let mut within = self.within.clone();
        within.push(place);
        Group {
            id,
            country: self.country.clone(),
            unusual: self.unusual,
            calendar: self.calendar,
            fiscal_year: self.fiscal_year,
            currency: self.currency.clone(),
            grouping: self.grouping,
            rows,
            sectors: self.sectors.clone(),
            within,
        }
    }

    /// Whether a council of the group has pages in `lang`.
    pub(super) fn speaks(&self, lang: &str) -> bool {
        self.rows
            .iter()
            .any(|r| r.council.languages.iter().any(|l| l == lang))
    }
}

/// A calendar's name in the language of `s`.
pub(super) fn calendar_words(s: &Tr, cal: Calendar) -> String {
    s.t(match cal {
        Calendar::BikramSambat => "compare_calendar_bs",
        Calendar::Gregorian => "compare_calendar_gregorian",
    })
}

pub(super) fn groups(councils: &[CouncilSummary]) -> Vec<Group<'_>> {
    let mut by_key: BTreeMap<(String, bool), Vec<&CouncilSummary>> = BTreeMap::new();
    for c in councils {
        let calendar = c.figures.calendar.unwrap_or(default_calendar(&c.country));
        let usual = calendar == default_calendar(&c.country);
        by_key
            .entry((c.country.clone(), !usual))
            .or_default()
            .push(c);
    }
    let mut out = Vec::new();
    for ((country, unusual), list) in by_key {
        let calendar = list
            .first()
            .and_then(|c| c.figures.calendar)
            .unwrap_or(default_calendar(&country));
        let fiscal_year = common_year(&list);
        let mut id = if country.is_empty() {
            "other".to_string()
        } else {
            country.to_lowercase()
        };
        if unusual {
            id.push_str(match calendar {
                Calendar::BikramSambat => "-bs",
                Calendar::Gregorian => "-gregorian",
            });
        }
        let mut rows: Vec<Row> = list.iter().map(|c| row_for(c, fiscal_year)).collect();
        rows.sort_by_key(|r| english_key(r.council));
        let sectors = common_sectors(&rows, fiscal_year);
        let currency = list
            .iter()
            .map(|c| c.figures.currency.clone())
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        let grouping = if matches!(country.as_str(), "NP" | "IN" | "BD" | "PK" | "BT") {
            Grouping::SouthAsian
        } else {
            Grouping::Western
        };
        out.push(Group {
            id,
            unusual,
            country,
            calendar,
            fiscal_year,
            currency,
            grouping,
            rows,
            sectors,
            within: Vec::new(),
        });
    }
    out
}

/// The sectors most councils report for the year, then by their total share: at most
/// [`MAX_SECTORS`], each by key with its label.
fn common_sectors(rows: &[Row], fiscal_year: Option<FiscalYear>) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, (String, usize, f64)> = BTreeMap::new();
    for r in rows {
        let budget = fiscal_year
            .and_then(|fy| r.council.figures.years.get(&fy))
            .and_then(|y| y.budget.as_ref());
        for (key, (label, _)) in budget.map(|b| &b.sectors).into_iter().flatten() {
            let e = seen
                .entry(key.clone())
                .or_insert_with(|| (label.clone(), 0, 0.0));
            e.1 += 1;
            e.2 += r.sector_shares.get(key).copied().unwrap_or(0.0);
        }
    }
    let mut sectors: Vec<(String, String, usize, f64)> = seen
        .into_iter()
        .map(|(k, (label, n, share))| (k, label, n, share))
        .collect();
    sectors.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.total_cmp(&a.3)).then(a.0.cmp(&b.0)));
    sectors.truncate(MAX_SECTORS);
    sectors.into_iter().map(|(k, l, _, _)| (k, l)).collect()
}

pub(super) fn english_key(c: &CouncilSummary) -> String {
    english(c).to_lowercase()
}
