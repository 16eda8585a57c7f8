//! `budget.csv`: annual programmes and budget, allocated against revised and spent.
//!
//! An empty cell is "not reported": it is left out of sums, and every total says how many
//! lines it covers, so a half-reported year never looks like a year of zero spending.

use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostics;
use crate::load::table::ColumnName;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::numbers::Amount;
use crate::text::Text;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

crate::load::table::columns! {
    /// The columns of budget.csv, in the order the header check lists them.
    pub enum Col {
        FiscalYear: Column::required("fiscal_year"),
        Sector: Column::required("sector").text(),
        Allocated: Column::required("allocated"),
        Type: Column::optional("type"),
        Programme: Column::optional("programme").text(),
        Source: Column::optional("source").text(),
        Code: Column::optional("code"),
        Ward: Column::optional("ward"),
        Revised: Column::optional("revised"),
        Spent: Column::optional("spent"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flow {
    Expenditure,
    Revenue,
}

#[derive(Clone, Debug)]
pub struct BudgetLine {
    pub line: usize,
    pub fiscal_year: FiscalYear,
    pub flow: Flow,
    pub sector: Text,
    pub programme: Option<Text>,
    pub source: Option<Text>,
    pub code: Option<String>,
    pub ward: Option<u32>,
    pub allocated: Amount,
    pub revised: Option<Amount>,
    pub spent: Option<Amount>,
}

/// Sums over a set of lines. Optional figures carry how many lines reported them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub lines: usize,
    pub allocated: Amount,
    pub revised: Amount,
    pub revised_reported: usize,
    pub spent: Amount,
    pub spent_reported: usize,
    /// Allocation of the lines that reported spending: the base of the execution rate.
    pub allocated_where_spent: Amount,
}

/// A sum of amounts too large to store: the line whose amount made it so, and the column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// Index into the lines.
    pub index: usize,
    pub column: Col,
}

impl Totals {
    /// Adds a line; on overflow names the column and changes nothing. (Line counts cannot
    /// overflow: a table has at most `MAX_ROWS` rows.)
    fn add(&mut self, line: &BudgetLine) -> Result<(), Col> {
        let sum = |total: Amount, a: Amount, column| total.checked_add(a).ok_or(column);
        let allocated = sum(self.allocated, line.allocated, Col::Allocated)?;
        let revised = match line.revised {
            Some(r) => Some(sum(self.revised, r, Col::Revised)?),
            None => None,
        };
        let spent = match line.spent {
            Some(s) => Some((
                sum(self.spent, s, Col::Spent)?,
                sum(self.allocated_where_spent, line.allocated, Col::Allocated)?,
            )),
            None => None,
        };
        self.lines += 1;
        self.allocated = allocated;
        if let Some(r) = revised {
            self.revised = r;
            self.revised_reported += 1;
        }
        if let Some((s, allocated_where_spent)) = spent {
            self.spent = s;
            self.spent_reported += 1;
            self.allocated_where_spent = allocated_where_spent;
        }
        Ok(())
    }

    /// Spent as a percentage of allocated, over the lines that reported spending.
    pub fn execution_rate(&self) -> Option<f64> {
        let base = self.allocated_where_spent.to_f64();
        (self.spent_reported > 0 && base > 0.0).then(|| self.spent.to_f64() / base * 100.0)
    }

    pub fn spent_not_reported(&self) -> usize {
        self.lines - self.spent_reported
    }

    pub fn revised_not_reported(&self) -> usize {
        self.lines - self.revised_reported
    }
}

#[derive(Clone, Debug)]
pub struct SectorTotals {
    pub sector: Text,
    pub totals: Totals,
    /// Share of the year's allocation for this flow, in percent.
    pub share: f64,
    /// Allocation in the previous fiscal year, when that year has this sector.
    pub previous_allocated: Option<Amount>,
}

impl SectorTotals {
    /// Change in allocation from the previous fiscal year, in percent.
    pub fn change(&self) -> Option<f64> {
        let prev = self.previous_allocated?.to_f64();
        (prev > 0.0).then(|| (self.totals.allocated.to_f64() - prev) / prev * 100.0)
    }
}

#[derive(Clone, Debug)]
pub struct YearBudget {
    pub fiscal_year: FiscalYear,
    pub expenditure: Totals,
    pub revenue: Totals,
    /// Expenditure by sector, largest allocation first.
    pub sectors: Vec<SectorTotals>,
    /// Revenue by heading, largest first.
    pub revenue_sectors: Vec<SectorTotals>,
    /// Indexes into [`Budget::lines`] for this year, in file order.
    pub lines: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    /// Newest fiscal year first.
    pub years: Vec<YearBudget>,
}

impl Budget {
    pub fn latest(&self) -> Option<&YearBudget> {
        self.years.first()
    }
}

fn parse_flow(cell: Option<&str>) -> Option<Option<Flow>> {
    match cell.map(str::to_lowercase).as_deref() {
        None => Some(Some(Flow::Expenditure)),
        Some("expenditure" | "expense" | "spending" | "व्यय" | "खर्च" | "ব্যয়" | "ব্যয়") => {
            Some(Some(Flow::Expenditure))
        }
        Some("revenue" | "income" | "आय" | "आम्दानी" | "রাজস্ব" | "আয়" | "আয়") => {
            Some(Some(Flow::Revenue))
        }
        Some(_) => None,
    }
}

pub fn resolve(
    table: &Table,
    default_lang: &str,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Budget> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut lines = Vec::with_capacity(table.len());
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let fiscal_year = dates::required_fiscal_year(&row, Col::FiscalYear, dating, diags);
        let sector = row.required_text(Col::Sector, diags);
        let allocated = row.required_amount(Col::Allocated, diags);
        let revised = row.amount(Col::Revised, diags).ok().flatten();
        let spent = row.amount(Col::Spent, diags).ok().flatten();
        let ward = row
            .integer_in(Col::Ward, 0, 999, diags)
            .ok()
            .flatten()
            .and_then(|w| u32::try_from(w).ok());
        let flow = match parse_flow(row.str(Col::Type)) {
            Some(flow) => flow,
            None => {
                diags.push(
                    row.error_at(
                        Col::Type,
                        format!(
                            "\"{}\" is not a budget type",
                            row.str(Col::Type).unwrap_or("")
                        ),
                    )
                    .hint("write expenditure or revenue, or leave it empty for expenditure"),
                );
                None
            }
        };
        if diags.error_count() > before {
            continue;
        }
        let (Some(fiscal_year), Some(sector), Some(allocated), Some(flow)) =
            (fiscal_year, sector, allocated, flow)
        else {
            continue;
        };
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        lines.push(BudgetLine {
            line: row.line(),
            fiscal_year,
            flow,
            sector,
            programme: optional_text(Col::Programme),
            source: optional_text(Col::Source),
            code: row.str(Col::Code).map(str::to_string),
            ward,
            allocated,
            revised,
            spent,
        });
    }
    match summarise(lines, default_lang) {
        Ok(budget) => Some(budget),
        Err((lines, overflow)) => {
            report_overflow(table, &binding, &lines, overflow, diags);
            None
        }
    }
}

/// Reports a total too large to store at the cell that made it so.
fn report_overflow(
    table: &Table,
    binding: &crate::load::Binding,
    lines: &[BudgetLine],
    overflow: Overflow,
    diags: &mut Diagnostics,
) {
    let Some(line) = lines.get(overflow.index) else {
        return;
    };
    let Some(row) = table.rows(binding).find(|r| r.line() == line.line) else {
        return;
    };
    let column = overflow.column;
    let name = column.name();
    let year = row.str(Col::FiscalYear).unwrap_or_default();
    diags.push(
        row.error_at(
            column,
            format!(
                "the {name} amounts of {year} add up to more than can be stored (column {name})"
            ),
        )
        .hint(
            "check for extra or run-together digits; the amounts of one year, added up, \
             must stay below 922,337,203,685,477",
        ),
    );
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
    let mut previous: Option<(BTreeMap<String, Amount>, BTreeMap<String, Amount>)> = None;
    for (fiscal_year, indexes) in by_year {
        let mut expenditure = Totals::default();
        let mut revenue = Totals::default();
        let mut sectors: Vec<(String, Text, Totals, Flow)> = Vec::new();
        // Where each (sector, flow) is in `sectors`: a year may have thousands of sectors.
        let mut at: HashMap<(String, Flow), usize> = HashMap::new();
        for &i in &indexes {
            let line = &lines[i];
            let added = match line.flow {
                Flow::Expenditure => expenditure.add(line),
                Flow::Revenue => revenue.add(line),
            };
            let key = line.sector.key(default_lang).to_string();
            let added = added.and_then(|()| match at.entry((key, line.flow)) {
                Entry::Occupied(e) => sectors[*e.get()].2.add(line),
                Entry::Vacant(e) => {
                    let mut totals = Totals::default();
                    totals.add(line)?;
                    sectors.push((e.key().0.clone(), line.sector.clone(), totals, line.flow));
                    e.insert(sectors.len() - 1);
                    Ok(())
                }
            });
            if let Err(column) = added {
                return Err((lines, Overflow { index: i, column }));
            }
        }
        let mut exp_sectors = Vec::new();
        let mut rev_sectors = Vec::new();
        let mut this_exp = BTreeMap::new();
        let mut this_rev = BTreeMap::new();
        for (key, sector, totals, flow) in sectors {
            let (base, prev_map, out, this) = match flow {
                Flow::Expenditure => (
                    expenditure.allocated,
                    previous.as_ref().map(|p| &p.0),
                    &mut exp_sectors,
                    &mut this_exp,
                ),
                Flow::Revenue => (
                    revenue.allocated,
                    previous.as_ref().map(|p| &p.1),
                    &mut rev_sectors,
                    &mut this_rev,
                ),
            };
            let share = if base.to_f64() > 0.0 {
                totals.allocated.to_f64() / base.to_f64() * 100.0
            } else {
                0.0
            };
            this.insert(key.clone(), totals.allocated);
            out.push(SectorTotals {
                sector,
                totals,
                share,
                previous_allocated: prev_map.and_then(|m| m.get(&key).copied()),
            });
        }
        exp_sectors.sort_by_key(|s| std::cmp::Reverse(s.totals.allocated));
        rev_sectors.sort_by_key(|s| std::cmp::Reverse(s.totals.allocated));
        previous = Some((this_exp, this_rev));
        years.push(YearBudget {
            fiscal_year,
            expenditure,
            revenue,
            sectors: exp_sectors,
            revenue_sectors: rev_sectors,
            lines: indexes,
        });
    }
    years.reverse();
    Ok(Budget { lines, years })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn budget(csv: &str) -> (Option<Budget>, Diagnostics) {
        let mut d = Diagnostics::new();
        let t = Table::parse(csv.to_string(), Path::new("budget.csv"), &mut d).unwrap();
        let dating = Dating::with_calendar(crate::calendar::Calendar::BikramSambat);
        let b = resolve(&t, "ne", &dating, &mut d);
        (b, d)
    }

    #[test]
    fn messy_amounts_sum_and_empty_spent_is_not_zero() {
        let (b, d) = budget(
            "fiscal_year,sector,allocated,spent\n\
             2080/81,Health,\"1,23,45,678\",१०००\n\
             2080/81,Health,\"12,345,678.50\",\n\
             2080/81,Roads,१००,50\n",
        );
        assert!(!d.has_errors(), "{:?}", d.into_sorted());
        let b = b.unwrap();
        let y = b.latest().unwrap();
        assert_eq!(y.expenditure.allocated, Amount::from_raw(246_914_565_000));
        assert_eq!(y.expenditure.spent, Amount::from_units(1050).unwrap());
        assert_eq!(y.expenditure.spent_not_reported(), 1);
        // Rate over the lines that reported: 1050 / (12345678 + 100).
        let rate = y.expenditure.execution_rate().unwrap();
        assert!((rate - 1050.0 / 12_345_778.0 * 100.0).abs() < 1e-9);
        assert_eq!(y.sectors[0].sector.key("ne"), "Health");
    }

    #[test]
    fn year_over_year_change_by_sector() {
        let (b, _) = budget(
            "fiscal_year,sector,allocated\n2079/80,Health,100\n2080/81,Health,150\n2080/81,Roads,10\n",
        );
        let b = b.unwrap();
        let y = b.latest().unwrap();
        assert_eq!(y.fiscal_year.start_year, 2080);
        let health = y
            .sectors
            .iter()
            .find(|s| s.sector.key("ne") == "Health")
            .unwrap();
        assert_eq!(health.change(), Some(50.0));
        let roads = y
            .sectors
            .iter()
            .find(|s| s.sector.key("ne") == "Roads")
            .unwrap();
        assert_eq!(roads.change(), None);
    }

    #[test]
    fn bad_amount_is_located() {
        let (_, d) =
            budget("fiscal_year,sector,allocated\n2080/81,Health,100\n2080/81,Roads,87654abc\n");
        let e = d.into_sorted().into_iter().find(|x| x.is_error()).unwrap();
        assert_eq!((e.line, e.column), (3, 15));
        assert!(e.message.contains("\"87654abc\""), "{}", e.message);
        assert!(e.message.contains("column allocated"), "{}", e.message);
    }

    #[test]
    fn a_year_whose_amounts_overflow_is_an_error_at_the_cell() {
        let (b, d) = budget(
            "fiscal_year,sector,allocated,spent\n\
             2080/81,Health,900000000000000,1\n\
             2080/81,Roads,100,2\n\
             2080/81,Roads,900000000000000,3\n",
        );
        assert!(b.is_none());
        let found = d.into_sorted();
        assert_eq!(found.len(), 1, "{found:?}");
        let e = &found[0];
        assert!(e.is_error());
        assert_eq!((e.line, e.column), (4, 15));
        assert_eq!(
            e.message,
            "the allocated amounts of 2080/81 add up to more than can be stored \
             (column allocated)"
        );
        assert!(e.hint.as_deref().unwrap().contains("922,337,203,685,477"));
    }

    #[test]
    fn spent_that_overflows_is_reported_in_its_column() {
        let (b, d) = budget(
            "fiscal_year,sector,allocated,spent\n\
             2080/81,Health,1,900000000000000\n\
             2080/81,Health,1,900000000000000\n",
        );
        assert!(b.is_none());
        let e = d.into_sorted().remove(0);
        assert_eq!((e.line, e.column), (3, 18));
        assert!(e.message.contains("(column spent)"), "{}", e.message);
    }

    #[test]
    fn revenue_is_separate() {
        let (b, _) = budget(
            "fiscal_year,type,sector,allocated\n2080/81,revenue,Tax,500\n2080/81,,Health,100\n",
        );
        let y = b.unwrap().years.remove(0);
        assert_eq!(y.revenue.allocated, Amount::from_units(500).unwrap());
        assert_eq!(y.expenditure.allocated, Amount::from_units(100).unwrap());
    }
}
