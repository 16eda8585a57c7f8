//! Totals per fiscal year: by flow, by sector, by nature and by grant type, with each
//! sector's change from the previous year and, for a year that reports no actuals, the
//! actuals of the latest earlier year of actual-only lines.

use super::{
    Budget, BudgetLine, Col, Flow, Grant, Nature, Overflow, SectorTotals, Totals, YearBudget,
};
use crate::calendar::FiscalYear;
use crate::numbers::Amount;
use crate::text::Text;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// What a year needs of the years before it, per flow.
#[derive(Default)]
struct History {
    /// The previous year's allocation by sector key.
    allocated: [BTreeMap<String, Amount>; 2],
    /// The latest year that reported actuals.
    actuals: [Option<Actuals>; 2],
}

/// A year's actuals by sector key, and whether it had actual-only lines.
struct Actuals {
    fiscal_year: FiscalYear,
    by_sector: BTreeMap<String, Amount>,
    actual_only: bool,
}

fn slot(flow: Flow) -> usize {
    match flow {
        Flow::Expenditure => 0,
        Flow::Revenue => 1,
    }
}

/// One sector of one flow while a year is summed.
struct Sum {
    key: String,
    sector: Text,
    flow: Flow,
    totals: Totals,
}

/// A year's sums before shares and history.
#[derive(Default)]
struct YearSums {
    flows: [Totals; 2],
    sectors: Vec<Sum>,
    natures: BTreeMap<Option<Nature>, Totals>,
    grants: BTreeMap<Grant, Totals>,
}

/// Totals per fiscal year and sector, with shares and change from the previous year. A sum
/// too large to store gives the lines back with where it happened.
pub fn summarise(
    lines: Vec<BudgetLine>,
    default_lang: &str,
) -> Result<Budget, (Vec<BudgetLine>, Overflow)> {
    let mut by_year: BTreeMap<FiscalYear, Vec<usize>> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        by_year.entry(line.fiscal_year).or_default().push(i);
    }
    let mut years: Vec<YearBudget> = Vec::new();
    let mut history = History::default();
    for (fiscal_year, indexes) in by_year {
        let sums = match sum_year(&lines, &indexes, default_lang) {
            Ok(sums) => sums,
            Err(overflow) => return Err((lines, overflow)),
        };
        years.push(year_budget(fiscal_year, indexes, sums, &mut history));
    }
    years.reverse();
    Ok(Budget { lines, years })
}

/// Adds up one year's lines by flow, sector, nature and grant type.
fn sum_year(
    lines: &[BudgetLine],
    indexes: &[usize],
    default_lang: &str,
) -> Result<YearSums, Overflow> {
    let mut sums = YearSums::default();
    // Where each (sector, flow) is in `sectors`: a year may have thousands of sectors.
    let mut at: HashMap<(String, Flow), usize> = HashMap::new();
    for &index in indexes {
        let line = &lines[index];
        let overflow = |column| Overflow { index, column };
        sums.flows[slot(line.flow)].add(line).map_err(overflow)?;
        let key = line.sector.key(default_lang).to_string();
        match at.entry((key, line.flow)) {
            Entry::Occupied(e) => sums.sectors[*e.get()].totals.add(line),
            Entry::Vacant(e) => {
                let mut totals = Totals::default();
                let added = totals.add(line);
                sums.sectors.push(Sum {
                    key: e.key().0.clone(),
                    sector: line.sector.clone(),
                    flow: line.flow,
                    totals,
                });
                e.insert(sums.sectors.len() - 1);
                added
            }
        }
        .map_err(overflow)?;
        match line.flow {
            Flow::Expenditure => sums.natures.entry(line.nature).or_default().add(line),
            Flow::Revenue => match line.grant {
                Some(grant) => sums.grants.entry(grant).or_default().add(line),
                None => Ok(()),
            },
        }
        .map_err(overflow)?;
    }
    Ok(sums)
}

/// Shares, change from the previous year and earlier actuals; moves the history on.
fn year_budget(
    fiscal_year: FiscalYear,
    indexes: Vec<usize>,
    sums: YearSums,
    history: &mut History,
) -> YearBudget {
    let [expenditure, revenue] = sums.flows;
    // The earlier year of actuals shown beside a year that has none of its own.
    let earlier = |flow: Flow, totals: &Totals| {
        history.actuals[slot(flow)]
            .as_ref()
            .filter(|a| a.actual_only && totals.spent_reported == 0)
    };
    let earlier_years = [
        earlier(Flow::Expenditure, &expenditure),
        earlier(Flow::Revenue, &revenue),
    ];
    let mut flows: [Vec<SectorTotals>; 2] = Default::default();
    for s in &sums.sectors {
        let i = slot(s.flow);
        flows[i].push(SectorTotals {
            sector: s.sector.clone(),
            share: share(&s.totals, &sums.flows[i]),
            previous_allocated: history.allocated[i].get(&s.key).copied(),
            earlier_actual: earlier_years[i].and_then(|a| a.by_sector.get(&s.key).copied()),
            totals: s.totals,
        });
    }
    let earlier_actual_years = earlier_years.map(|e| e.map(|a| a.fiscal_year));
    for (i, totals) in sums.flows.iter().enumerate() {
        let of_flow = sums.sectors.iter().filter(|s| slot(s.flow) == i);
        history.allocated[i] = of_flow
            .clone()
            .filter(|s| s.totals.allocated_reported > 0)
            .map(|s| (s.key.clone(), s.totals.allocated))
            .collect();
        if totals.spent_reported > 0 {
            let actuals = of_flow
                .filter(|s| s.totals.spent_reported > 0)
                .map(|s| (s.key.clone(), s.totals.spent))
                .collect();
            history.actuals[i] = Some(Actuals {
                fiscal_year,
                by_sector: actuals,
                actual_only: totals.actual_only > 0,
            });
        }
    }
    let [mut sectors, mut revenue_sectors] = flows;
    sectors.sort_by_key(|s| std::cmp::Reverse(s.totals.allocated));
    revenue_sectors.sort_by_key(|s| std::cmp::Reverse(s.totals.allocated));
    let has_nature = sums.natures.keys().any(Option::is_some);
    YearBudget {
        fiscal_year,
        expenditure,
        revenue,
        sectors,
        revenue_sectors,
        natures: if has_nature {
            sums.natures.into_iter().collect()
        } else {
            Vec::new()
        },
        grants: sums.grants.into_iter().collect(),
        earlier_actual: earlier_actual_years[0],
        earlier_received: earlier_actual_years[1],
        lines: indexes,
    }
}

/// A part's allocation as a share of its flow's, in percent; none when either reports none.
pub fn share(part: &Totals, whole: &Totals) -> Option<f64> {
    if part.allocated_reported == 0 || whole.allocated_reported == 0 {
        return None;
    }
    let base = whole.allocated.to_f64();
    Some(if base > 0.0 {
        part.allocated.to_f64() / base * 100.0
    } else {
        0.0
    })
}

impl Totals {
    /// Adds a line; on overflow names the column and changes nothing. (Line counts cannot
    /// overflow: a table has at most `MAX_ROWS` rows.)
    pub(super) fn add(&mut self, line: &BudgetLine) -> Result<(), Col> {
        let sum = |total: Amount, a: Amount, column| total.checked_add(a).ok_or(column);
        let allocated = match line.allocated {
            Some(a) => Some(sum(self.allocated, a, Col::Allocated)?),
            None => None,
        };
        let revised = match line.revised {
            Some(r) => Some(sum(self.revised, r, Col::Revised)?),
            None => None,
        };
        let spent = match line.spent {
            Some(s) => Some(sum(self.spent, s, Col::Spent)?),
            None => None,
        };
        let both = match (line.spent, line.allocated) {
            (Some(s), Some(a)) => Some((
                sum(self.allocated_where_spent, a, Col::Allocated)?,
                sum(self.spent_where_allocated, s, Col::Spent)?,
            )),
            _ => None,
        };
        self.lines += 1;
        if let Some(a) = allocated {
            self.allocated = a;
            self.allocated_reported += 1;
        }
        if let Some(r) = revised {
            self.revised = r;
            self.revised_reported += 1;
        }
        if let Some(s) = spent {
            self.spent = s;
            self.spent_reported += 1;
            if allocated.is_none() {
                self.actual_only += 1;
            }
        }
        if let Some((a, s)) = both {
            self.allocated_where_spent = a;
            self.spent_where_allocated = s;
            self.both_reported += 1;
        }
        Ok(())
    }
}
