//! What the site pages need of a council, kept after the council itself is dropped: its
//! names and places for the site index, and its figures by fiscal year for the comparison.
//! A build record holds it, so the site pages can be made without reading the council again.

use crate::calendar::{Calendar, FiscalYear, MonthDay};
use crate::model::budget::YearBudget;
use crate::model::{Council, Site};
use crate::numbers::Amount;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the site index and the comparison need of a council, kept after the council
/// itself is dropped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CouncilSummary {
    pub slug: String,
    #[serde(with = "crate::text::stored")]
    pub name: Text,
    #[serde(with = "crate::text::stored::opt")]
    pub kind: Option<Text>,
    pub default_lang: String,
    pub languages: Vec<String>,
    pub country: String,
    #[serde(with = "crate::text::stored::opt")]
    pub province: Option<Text>,
    #[serde(with = "crate::text::stored::opt")]
    pub district: Option<Text>,
    /// Population, budget, complaints and projects by fiscal year (empty when only
    /// `site.yaml` was read).
    pub figures: Figures,
    /// The official portal's address (`base_url` in site.yaml), to notice two councils
    /// with the same one. Not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl CouncilSummary {
    pub fn of(council: &Council) -> Self {
        CouncilSummary {
            figures: Figures::of(council),
            ..Self::from_site(&council.slug, &council.site)
        }
    }

    pub fn from_site(slug: &str, site: &Site) -> Self {
        CouncilSummary {
            slug: slug.to_string(),
            name: site.name.clone(),
            kind: site.kind.clone(),
            default_lang: site.default_lang().to_string(),
            languages: site.languages.clone(),
            country: site.country.clone(),
            province: site.province.clone(),
            district: site.district.clone(),
            base_url: site.base_url.clone(),
            figures: Figures {
                currency: site.currency.clone(),
                calendar: Some(site.calendar),
                ..Figures::default()
            },
        }
    }
}

/// A council's figures by fiscal year, kept for the comparison after the council is dropped.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Figures {
    pub population: Option<u64>,
    pub census_year: Option<u32>,
    pub currency: String,
    pub calendar: Option<Calendar>,
    /// The newest fiscal year with a budget, else with any figure.
    pub latest: Option<FiscalYear>,
    #[serde(with = "years_as_list")]
    pub years: BTreeMap<FiscalYear, YearFigures>,
}

/// Fiscal years are not strings, so a build record lists them as `[year, figures]` pairs.
mod years_as_list {
    use super::{FiscalYear, YearFigures};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        years: &BTreeMap<FiscalYear, YearFigures>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let list: Vec<(&FiscalYear, &YearFigures)> = years.iter().collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<FiscalYear, YearFigures>, D::Error> {
        let list: Vec<(FiscalYear, YearFigures)> = Vec::deserialize(d)?;
        Ok(list.into_iter().collect())
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct YearFigures {
    pub budget: Option<BudgetFigures>,
    pub grievances: Option<GrievanceFigures>,
    pub projects: Option<ProjectFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetFigures {
    /// Expenditure allocated over every line of the year.
    pub allocated: Amount,
    pub spent: Option<Amount>,
    /// Spent ÷ allocated over the lines that report spending, in percent.
    pub execution: Option<f64>,
    /// Allocation by sector, keyed by the lowercased English name: (label, allocated).
    pub sectors: BTreeMap<String, (String, Amount)>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct GrievanceFigures {
    pub received: u64,
    pub resolved: u64,
    pub within_sla: u64,
    /// Resolved, over the rows that report `resolved_within_sla`.
    pub resolved_where_sla: u64,
    pub sla_rows: usize,
}

impl GrievanceFigures {
    pub fn sla_share(&self) -> Option<f64> {
        (self.sla_rows > 0 && self.resolved_where_sla > 0)
            .then(|| self.within_sla as f64 / self.resolved_where_sla as f64 * 100.0)
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct ProjectFigures {
    pub total: usize,
    pub completed: usize,
}

/// The fiscal year a month (`year`, `month` in the council's calendar) falls in.
fn fiscal_year_of_month(start: MonthDay, year: i32, month: u8) -> FiscalYear {
    let start_year = if month >= start.month {
        year
    } else {
        year.saturating_sub(1)
    };
    FiscalYear { start_year }
}

fn budget_figures(year: &YearBudget, default_lang: &str) -> BudgetFigures {
    let totals = year.expenditure;
    let mut sectors: BTreeMap<String, (String, Amount)> = BTreeMap::new();
    for s in year
        .sectors
        .iter()
        .filter(|s| s.totals.allocated_reported > 0)
    {
        let label = s.sector.get("en", default_lang).text;
        let mut key = label.to_lowercase();
        let allocated = s.totals.allocated;
        // Sectors with one English name are one figure, unless their sum (of amounts of
        // both signs) is too large to store: then this one stays apart under its own key.
        if let Some(entry) = sectors.get_mut(&key) {
            match entry.1.checked_add(allocated) {
                Some(sum) => {
                    entry.1 = sum;
                    continue;
                }
                None => key = format!("{key} ({})", s.sector.key(default_lang)),
            }
        }
        sectors.entry(key).or_insert((label, allocated));
    }
    BudgetFigures {
        allocated: totals.allocated,
        spent: (totals.spent_reported > 0).then_some(totals.spent),
        execution: totals.execution_rate(),
        sectors,
    }
}

impl Figures {
    pub fn of(council: &Council) -> Figures {
        let site = &council.site;
        let lang = site.default_lang();
        let mut years: BTreeMap<FiscalYear, YearFigures> = BTreeMap::new();
        if let Some(budget) = &council.budget {
            for year in budget
                .years
                .iter()
                .filter(|y| y.expenditure.allocated_reported > 0)
            {
                years.entry(year.fiscal_year).or_default().budget =
                    Some(budget_figures(year, lang));
            }
        }
        if let Some(g) = &council.grievances {
            for row in &g.rows {
                let fy =
                    fiscal_year_of_month(site.fiscal_year_start, row.period.year, row.period.month);
                let figures = years
                    .entry(fy)
                    .or_default()
                    .grievances
                    .get_or_insert_with(GrievanceFigures::default);
                figures.received += row.received;
                figures.resolved += row.resolved;
                if let Some(w) = row.within_sla {
                    figures.within_sla += w;
                    figures.resolved_where_sla += row.resolved;
                    figures.sla_rows += 1;
                }
            }
        }
        if let Some(p) = &council.projects {
            for project in &p.items {
                let Some(fy) = project.fiscal_year else {
                    continue;
                };
                let figures = years
                    .entry(fy)
                    .or_default()
                    .projects
                    .get_or_insert_with(ProjectFigures::default);
                figures.total += 1;
                if project.stage == crate::model::projects::Stage::Completed {
                    figures.completed += 1;
                }
            }
        }
        let latest = council
            .budget
            .as_ref()
            .and_then(|b| {
                b.years
                    .iter()
                    .find(|y| y.expenditure.allocated_reported > 0)
                    .map(|y| y.fiscal_year)
            })
            .or_else(|| years.keys().next_back().copied());
        Figures {
            population: council.profile.as_ref().and_then(|p| p.population.total),
            census_year: council.profile.as_ref().and_then(|p| p.census_year),
            currency: site.currency.clone(),
            calendar: Some(site.calendar),
            latest,
            years,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::budget::{BudgetLine, Flow, summarise};

    fn line(sector: &str, english: &str, units: i64) -> BudgetLine {
        let mut name = Text::plain(sector);
        name.set("en", english);
        BudgetLine {
            line: 2,
            fiscal_year: FiscalYear { start_year: 2080 },
            flow: Flow::Expenditure,
            sector: name,
            programme: None,
            source: None,
            code: None,
            ward: None,
            allocated: Some(Amount::from_units(units).unwrap()),
            revised: None,
            spent: None,
            nature: None,
            grant: None,
        }
    }

    #[test]
    fn sectors_of_one_english_name_are_one_figure_unless_the_sum_overflows() {
        const BIG: i64 = 900_000_000_000_000;
        // The repayment first, so that the year's total never overflows.
        let lines = vec![
            line("ऋण भुक्तानी", "Repayment", -BIG),
            line("शिक्षा", "Education", 100),
            line("शिक्षा क्षेत्र", "Education", 50),
            line("सडक", "Roads", BIG),
            line("सडक क्षेत्र", "Roads", BIG),
        ];
        let budget = summarise(lines, "ne").unwrap();
        let figures = budget_figures(&budget.years[0], "ne");
        let education = &figures.sectors["education"];
        assert_eq!(education.1, Amount::from_units(150).unwrap());
        // The two Roads sectors cannot be added up: each keeps its own figure.
        let roads: Vec<_> = figures
            .sectors
            .iter()
            .filter(|(_, (label, _))| label == "Roads")
            .map(|(key, (_, amount))| (key.as_str(), *amount))
            .collect();
        let big = Amount::from_units(BIG).unwrap();
        assert_eq!(roads, [("roads", big), ("roads (सडक क्षेत्र)", big)]);
    }
}
