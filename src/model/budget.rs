//! `budget.csv`: annual programmes and budget, allocated against revised and spent.
//!
//! An empty cell is "not reported": it is left out of sums, and every total says how many
//! lines it covers, so a half-reported year never looks like a year of zero spending. A
//! line may report an actual without an allocation (last year's actual income in a
//! Bangladeshi Form Kha); rates are worked out only over lines that report both.

use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostics;
use crate::load::table::ColumnName;
use crate::load::{Column, RowRef, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::numbers::Amount;
use crate::text::Text;

mod sums;
pub(crate) mod words;

pub use sums::{share, summarise};

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
        Nature: Column::optional("nature"),
        Grant: Column::optional("grant"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flow {
    Expenditure,
    Revenue,
}

/// What expenditure buys: running costs, lasting assets, or debt and investment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nature {
    Recurrent,
    Capital,
    Financing,
}

impl Nature {
    /// The word written in downloads.
    pub fn name(self) -> &'static str {
        match self {
            Nature::Recurrent => "recurrent",
            Nature::Capital => "capital",
            Nature::Financing => "financing",
        }
    }
}

/// The kind of a grant received from another level of government (Nepal's fiscal
/// transfers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grant {
    Equalisation,
    Conditional,
    Special,
    Complementary,
}

impl Grant {
    /// The word written in downloads.
    pub fn name(self) -> &'static str {
        match self {
            Grant::Equalisation => "equalisation",
            Grant::Conditional => "conditional",
            Grant::Special => "special",
            Grant::Complementary => "complementary",
        }
    }
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
    pub allocated: Option<Amount>,
    pub revised: Option<Amount>,
    pub spent: Option<Amount>,
    pub nature: Option<Nature>,
    pub grant: Option<Grant>,
}

/// Sums over a set of lines. Each figure carries how many lines reported it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub lines: usize,
    pub allocated: Amount,
    pub allocated_reported: usize,
    pub revised: Amount,
    pub revised_reported: usize,
    pub spent: Amount,
    pub spent_reported: usize,
    /// Lines with an actual and no allocation.
    pub actual_only: usize,
    /// Allocation and spending of the lines that reported both: the base of the rate.
    pub allocated_where_spent: Amount,
    pub spent_where_allocated: Amount,
    pub both_reported: usize,
}

/// A sum of amounts too large to store: the line whose amount made it so, and the column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// Index into the lines.
    pub index: usize,
    pub column: Col,
}

impl Totals {
    /// Spent as a percentage of allocated, over the lines that reported both. (The spent
    /// of those lines alone: an actual-only line has nothing to be a share of.)
    pub fn execution_rate(&self) -> Option<f64> {
        let base = self.allocated_where_spent.to_f64();
        (self.both_reported > 0 && base > 0.0)
            .then(|| self.spent_where_allocated.to_f64() / base * 100.0)
    }

    pub fn allocated_not_reported(&self) -> usize {
        self.lines - self.allocated_reported
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
    /// Share of the year's allocation for this flow, in percent (none when the sector or
    /// the flow reports no allocation).
    pub share: Option<f64>,
    /// Allocation in the previous fiscal year, when that year has this sector.
    pub previous_allocated: Option<Amount>,
    /// The sector's actual in [`YearBudget::earlier_actual`] (or `earlier_received`).
    pub earlier_actual: Option<Amount>,
}

impl SectorTotals {
    /// Change in allocation from the previous fiscal year, in percent.
    pub fn change(&self) -> Option<f64> {
        let prev = self.previous_allocated?.to_f64();
        (prev > 0.0 && self.totals.allocated_reported > 0)
            .then(|| (self.totals.allocated.to_f64() - prev) / prev * 100.0)
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
    /// Expenditure by nature (`None`: not stated), empty when no line states one.
    pub natures: Vec<(Option<Nature>, Totals)>,
    /// Revenue by grant type, over the lines that are grants of a known type.
    pub grants: Vec<(Grant, Totals)>,
    /// For a year with no expenditure actuals: the latest earlier year of actuals, when
    /// it had actual-only lines (a Form Kha's "actual of the previous year").
    pub earlier_actual: Option<FiscalYear>,
    /// The same for revenue received.
    pub earlier_received: Option<FiscalYear>,
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

pub fn resolve(
    table: &Table,
    default_lang: &str,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Budget> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let lines: Vec<BudgetLine> = table
        .rows(&binding)
        .filter_map(|row| read_line(&row, default_lang, dating, diags))
        .collect();
    match summarise(lines, default_lang) {
        Ok(budget) => Some(budget),
        Err((lines, overflow)) => {
            report_overflow(table, &binding, &lines, overflow, diags);
            None
        }
    }
}

/// One row as a budget line; `None` when any of its cells was reported.
fn read_line(
    row: &RowRef<'_>,
    default_lang: &str,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<BudgetLine> {
    let before = diags.error_count();
    let fiscal_year = dates::required_fiscal_year(row, Col::FiscalYear, dating, diags);
    let sector = row.required_text(Col::Sector, diags);
    let allocated = row.amount(Col::Allocated, diags).ok().flatten();
    let revised = row.amount(Col::Revised, diags).ok().flatten();
    let spent = row.amount(Col::Spent, diags).ok().flatten();
    let ward = row
        .integer_in(Col::Ward, 0, 999, diags)
        .ok()
        .flatten()
        .and_then(|w| u32::try_from(w).ok());
    let flow = closed_word(row, Col::Type, |w| words::flow(Some(w)), diags);
    let nature = closed_word(row, Col::Nature, words::nature, diags);
    let grant = closed_word(row, Col::Grant, words::grant_in, diags);
    if diags.error_count() > before {
        return None;
    }
    if allocated.is_none() && revised.is_none() && spent.is_none() {
        diags.push(
            row.error_at(Col::Allocated, "allocated is empty")
                .hint("write the amount, 0 if it is zero; a line with no allocation needs its actual in spent"),
        );
        return None;
    }
    let flow = flow.unwrap_or(Some(Flow::Expenditure))?;
    let sector = sector?;
    let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
    let programme = optional_text(Col::Programme);
    let source = optional_text(Col::Source);
    let grant = grant.flatten().or_else(|| {
        let named = |t: &Text| {
            std::iter::once(t.key(default_lang).to_string())
                .chain(t.languages().map(|l| t.get(l, default_lang).text))
                .find_map(|v| words::grant_named(&v))
        };
        let texts = [Some(&sector), programme.as_ref(), source.as_ref()];
        let code = row.str(Col::Code);
        (flow == Flow::Revenue)
            .then(|| texts.into_iter().flatten().find_map(named))
            .flatten()
            .or_else(|| {
                code.filter(|_| flow == Flow::Revenue)
                    .and_then(words::grant_of_code)
            })
    });
    Some(BudgetLine {
        line: row.line(),
        fiscal_year: fiscal_year?,
        flow,
        sector,
        programme,
        source,
        code: row.str(Col::Code).map(str::to_string),
        ward,
        allocated,
        revised,
        spent,
        nature: nature.flatten(),
        grant,
    })
}

/// A cell of a column of known words: `None` when empty, `Some(None)` when reported.
fn closed_word<T>(
    row: &RowRef<'_>,
    column: Col,
    parse: impl Fn(&str) -> Option<T>,
    diags: &mut Diagnostics,
) -> Option<Option<T>> {
    let cell = row.str(column)?;
    let found = parse(cell);
    if found.is_none() {
        let (what, hint) = match column {
            Col::Type => (
                "a budget type",
                "write expenditure or revenue (or a word for them in the council's language, \
                 such as व्यय, आय, ব্যয়, আয়), or leave it empty for expenditure",
            ),
            Col::Nature => (
                "a nature of expenditure",
                "write recurrent, capital or financing (or चालु, पूँजीगत, वित्तीय व्यवस्था, \
                 রাজস্ব, উন্নয়ন), or leave it empty",
            ),
            _ => (
                "a grant type",
                "write equalisation, conditional, special or complementary (or समानीकरण, \
                 सशर्त, विशेष, समपूरक), or leave it empty",
            ),
        };
        diags.push(
            row.error_at(column, format!("\"{cell}\" is not {what}"))
                .hint(hint),
        );
    }
    Some(found)
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
    fn actual_only_lines_count_in_actuals_and_never_in_rates() {
        let (b, d) = budget(
            "fiscal_year,type,sector,allocated,spent\n\
             2080/81,आय,Tax,100,80\n\
             2080/81,आय,Fees,,50\n\
             2080/81,आय,Fees,20,\n",
        );
        assert!(!d.has_errors(), "{:?}", d.into_sorted());
        let y = b.unwrap().years.remove(0);
        let r = &y.revenue;
        assert_eq!((r.lines, r.allocated_reported, r.actual_only), (3, 2, 1));
        assert_eq!(r.allocated, Amount::from_units(120).unwrap());
        assert_eq!(r.spent, Amount::from_units(130).unwrap());
        // 80 of 100: the actual-only 50 has no allocation to be a share of.
        assert_eq!(r.execution_rate(), Some(80.0));
        assert_eq!(y.expenditure.lines, 0);
    }

    #[test]
    fn a_line_with_no_amount_at_all_is_an_error() {
        let (b, d) = budget("fiscal_year,sector,allocated,revised\n2080/81,Roads,,\n");
        let e = d.into_sorted().remove(0);
        assert_eq!((e.line, e.column), (2, 15));
        assert_eq!(e.message, "allocated is empty");
        assert!(b.unwrap().lines.is_empty());
    }

    #[test]
    fn earlier_actuals_are_shown_only_after_a_year_of_actual_only_lines() {
        let form_kha = "fiscal_year,sector,allocated,spent\n\
                        2078/79,Roads,,90\n\
                        2079/80,Roads,100,\n\
                        2080/81,Roads,120,\n";
        let b = budget(form_kha).0.unwrap();
        for y in &b.years[..2] {
            assert_eq!(y.earlier_actual.map(|fy| fy.start_year), Some(2078));
            assert_eq!(y.sectors[0].earlier_actual, Amount::from_units(90));
        }
        assert_eq!(b.years[2].earlier_actual, None);
        // Allocation and spending on the same lines: each year's actual is on its own page.
        let usual = "fiscal_year,sector,allocated,spent\n\
                     2079/80,Roads,100,90\n\
                     2080/81,Roads,120,\n";
        let b = budget(usual).0.unwrap();
        assert!(b.years.iter().all(|y| y.earlier_actual.is_none()));
        assert!(
            b.years
                .iter()
                .all(|y| y.sectors[0].earlier_actual.is_none())
        );
    }

    #[test]
    fn natures_and_grants_are_split() {
        let (b, d) = budget(
            "fiscal_year,type,nature,grant,sector,allocated\n\
             2080/81,खर्च,चालू,,Salaries,60\n\
             2080/81,खर्च,पूंजीगत,,Roads,30\n\
             2080/81,खर्च,,,Other,10\n\
             2080/81,आय,,,वित्तीय समानीकरण अनुदान,70\n\
             2080/81,आय,,शसर्त,Federal,20\n\
             2080/81,आय,,,Tax,10\n",
        );
        assert!(!d.has_errors(), "{:?}", d.into_sorted());
        let y = b.unwrap().years.remove(0);
        let natures: Vec<_> = y
            .natures
            .iter()
            .map(|(n, t)| (*n, t.allocated.to_f64()))
            .collect();
        assert_eq!(
            natures,
            [
                (None, 10.0),
                (Some(Nature::Recurrent), 60.0),
                (Some(Nature::Capital), 30.0)
            ]
        );
        let grants: Vec<_> = y
            .grants
            .iter()
            .map(|(g, t)| (*g, t.allocated.to_f64()))
            .collect();
        assert_eq!(
            grants,
            [(Grant::Equalisation, 70.0), (Grant::Conditional, 20.0)]
        );
    }

    #[test]
    fn a_grant_code_names_its_type_when_nothing_else_does() {
        let (b, d) = budget(
            "fiscal_year,type,code,grant,sector,allocated\n\
             2080/81,आय,१३३११,,संघीय अनुदान,70\n\
             2080/81,आय,13312,विशेष,Federal,20\n\
             2080/81,खर्च,13313,,Roads,10\n",
        );
        assert!(!d.has_errors(), "{:?}", d.into_sorted());
        let b = b.unwrap();
        let grants: Vec<_> = b.lines.iter().map(|l| l.grant).collect();
        // The grant column wins over the code; expenditure lines are not grants received.
        assert_eq!(
            grants,
            [Some(Grant::Equalisation), Some(Grant::Special), None]
        );
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
