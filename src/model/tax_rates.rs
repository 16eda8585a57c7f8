//! `tax-rates.csv`: local tax rates, grouped by tax.

use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostics;
use crate::load::{Column, RowRef, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::numbers::{Amount, Charge, decimals_written, parse_charge};
use crate::text::Text;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

crate::load::table::columns! {
    /// The columns of tax-rates.csv, in the order the header check lists them.
    pub enum Col {
        Tax: Column::required("tax").text(),
        Rate: Column::required("rate").text(),
        Category: Column::optional("category").text(),
        Unit: Column::optional("unit").text(),
        FiscalYear: Column::optional("fiscal_year"),
        Basis: Column::optional("basis").text(),
        Notes: Column::optional("notes").text(),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct TaxRate {
    pub line: usize,
    pub category: Option<Text>,
    pub rate: Rate,
    pub unit: Option<Text>,
    pub fiscal_year: Option<FiscalYear>,
    pub basis: Option<Text>,
    pub notes: Option<Text>,
}

/// A rate as the schedule gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Rate {
    /// A number: an amount, or a percentage when written with `%` (`0.05%`), with the
    /// decimals it was written with, so that 0.05 % is shown as 0.05 %.
    Number {
        value: Amount,
        percent: bool,
        decimals: u8,
    },
    /// Free of tax (`निःशुल्क`, `nil`): a rate of 0.
    Free,
    /// A rule in words (`अनुसुची नं. १ बमोजिम`), with its `rate:<lang>` translations.
    Rule(Text),
}

impl Rate {
    /// The number to download: 0 when free, none for a rule.
    pub fn value(&self) -> Option<Amount> {
        match self {
            Rate::Number { value, .. } => Some(*value),
            Rate::Free => Some(Amount::ZERO),
            Rate::Rule(_) => None,
        }
    }

    /// True for a rate written as a percentage.
    pub fn is_percent(&self) -> bool {
        matches!(self, Rate::Number { percent: true, .. })
    }
}

#[derive(Clone, Debug)]
pub struct Tax {
    pub tax: Text,
    pub rates: Vec<TaxRate>,
}

/// Taxes in the order they first appear in the file.
#[derive(Clone, Debug)]
pub struct TaxRates {
    pub taxes: Vec<Tax>,
}

impl TaxRates {
    pub fn len(&self) -> usize {
        self.taxes.iter().map(|t| t.rates.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What follows a number written as a percentage: `0.10%`, `०.१० प्रतिशत`, `7 percent`.
const PERCENT_MARKS: &[&str] = &["%", "٪", "प्रतिशत", "per cent", "percent", "শতাংশ", "فیصد"];

/// The rate cell: a number or percentage (currency marks allowed), a free-word, or a rule
/// kept as text. Reports an empty cell, a number mistyped and a percentage outside 0–100.
fn rate(row: &RowRef<'_>, diags: &mut Diagnostics) -> Option<Rate> {
    let hint = "write the rate as a number, e.g. 500 or 1.5%, or the rule in words, e.g. \
                \"as per schedule 1\"";
    let Some(cell) = row.str(Col::Rate).filter(|c| !c.trim().is_empty()) else {
        diags.push(row.error_at(Col::Rate, "rate is empty").hint(hint));
        return None;
    };
    let trimmed = cell.trim();
    let (number, percent) = match PERCENT_MARKS.iter().find_map(|m| trimmed.strip_suffix(m)) {
        Some(number) => (number.trim_end(), true),
        None => (trimmed, false),
    };
    let rate = match parse_charge(number) {
        Ok(Some(Charge::Amount(value))) => Rate::Number {
            value,
            percent,
            decimals: decimals_written(number),
        },
        Ok(Some(Charge::Free)) => Rate::Free,
        Ok(Some(Charge::Rule(_))) => Rate::Rule(row.text(Col::Rate)),
        Ok(None) => return None,
        Err(e) => {
            diags.push(
                row.error_at(Col::Rate, format!("\"{trimmed}\" {e} (column rate)"))
                    .hint(hint),
            );
            return None;
        }
    };
    if let Rate::Number {
        value,
        percent: true,
        ..
    } = rate
        && !(0..=100 * Amount::SCALE).contains(&value.raw())
    {
        diags.push(
            row.error_at(
                Col::Rate,
                format!("rate {} is outside 0–100%", value.plain()),
            )
            .hint("a percentage is between 0 and 100"),
        );
        return None;
    }
    Some(rate)
}

pub fn resolve(
    table: &Table,
    default_lang: &str,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<TaxRates> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut taxes: Vec<Tax> = Vec::new();
    // Where each tax is in `taxes`, by key.
    let mut at: HashMap<String, usize> = HashMap::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let tax = row.required_text(Col::Tax, diags);
        let fiscal_year = dates::fiscal_year(&row, Col::FiscalYear, dating, diags)
            .ok()
            .flatten();
        let rate = rate(&row, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(tax), Some(rate)) = (tax, rate) else {
            continue;
        };
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        let entry = TaxRate {
            line: row.line(),
            category: optional_text(Col::Category),
            rate,
            unit: optional_text(Col::Unit),
            fiscal_year,
            basis: optional_text(Col::Basis),
            notes: optional_text(Col::Notes),
        };
        match at.entry(tax.key(default_lang).to_string()) {
            Entry::Occupied(e) => taxes[*e.get()].rates.push(entry),
            Entry::Vacant(e) => {
                e.insert(taxes.len());
                taxes.push(Tax {
                    tax,
                    rates: vec![entry],
                });
            }
        }
    }
    Some(TaxRates { taxes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn rates(csv: &str) -> (Vec<Rate>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let path = std::path::Path::new("c/tax-rates.csv");
        let table = Table::parse(csv.to_string(), path, &mut diags).unwrap();
        let dating = Dating::with_calendar(Calendar::Gregorian);
        let found = resolve(&table, "en", &dating, &mut diags)
            .map(|r| {
                r.taxes
                    .into_iter()
                    .flat_map(|t| t.rates)
                    .map(|r| r.rate)
                    .collect()
            })
            .unwrap_or_default();
        (found, diags)
    }

    #[test]
    fn percentages_keep_their_decimals_and_rules_their_words() {
        let (found, diags) = rates(
            "tax,rate\nProperty,0.05%\nHolding,7%\nTrade,Tk. 500/-\nLand,As per schedule 1\nWater,nil\n\
             House,०.१० प्रतिशत\n",
        );
        assert!(!diags.has_errors(), "{:?}", diags.into_sorted());
        assert_eq!(
            found[0],
            Rate::Number {
                value: Amount::from_raw(500),
                percent: true,
                decimals: 2
            }
        );
        assert!(found[1].is_percent());
        assert_eq!(found[1].value(), Amount::from_units(7));
        assert_eq!(found[2].value(), Amount::from_units(500));
        assert!(!found[2].is_percent());
        assert_eq!(found[3], Rate::Rule(Text::plain("As per schedule 1")));
        assert_eq!(found[3].value(), None);
        assert_eq!(found[4], Rate::Free);
        assert_eq!(
            found[5],
            Rate::Number {
                value: Amount::from_raw(1_000),
                percent: true,
                decimals: 2
            }
        );
    }

    #[test]
    fn a_mistyped_rate_and_a_percentage_over_100_are_errors() {
        let (found, diags) = rates("tax,rate\nA,1O%\nB,150%\nC,\n");
        assert!(found.is_empty());
        let messages: Vec<String> = diags.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            vec![
                "\"1O%\" is not an amount (column rate)",
                "rate 150 is outside 0–100%",
                "rate is empty"
            ]
        );
    }
}
