//! `tax-rates.csv`: local tax rates, grouped by tax.

use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::numbers::{Amount, parse_amount};
use crate::text::Text;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

crate::load::table::columns! {
    /// The columns of tax-rates.csv, in the order the header check lists them.
    pub enum Col {
        Tax: Column::required("tax").text(),
        Rate: Column::required("rate"),
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
    pub rate: Amount,
    /// True when the cell was written as a percentage ("1.5%").
    pub percent: bool,
    pub unit: Option<Text>,
    pub fiscal_year: Option<FiscalYear>,
    pub basis: Option<Text>,
    pub notes: Option<Text>,
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
        let (rate, percent) = match row.str(Col::Rate) {
            None => {
                diags.push(
                    row.error_at(Col::Rate, "rate is empty")
                        .hint("write the rate as a number, e.g. 500 or 1.5%"),
                );
                (None, false)
            }
            Some(cell) => {
                let percent = cell.ends_with('%');
                match parse_amount(cell.trim_end_matches('%')) {
                    Ok(Some(a)) => (Some(a), percent),
                    Ok(None) => (None, percent),
                    Err(e) => {
                        diags.push(
                            row.error_at(Col::Rate, format!("\"{cell}\" {e} (column rate)"))
                                .hint("write the rate as a number, e.g. 500 or 1.5%; put words in the notes column"),
                        );
                        (None, percent)
                    }
                }
            }
        };
        if percent
            && let Some(r) = rate
            && !(0..=100 * Amount::SCALE).contains(&r.raw())
        {
            diags.push(
                row.error_at(Col::Rate, format!("rate {} is outside 0–100%", r.plain()))
                    .hint("a percentage is between 0 and 100"),
            );
        }
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
            percent,
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
