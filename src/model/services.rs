//! `services.csv`: the citizen charter — services by category, with fee, time and documents.

use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
use crate::numbers::{Amount, Charge, parse_charge};
use crate::text::Text;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

crate::load::table::columns! {
    /// The columns of services.csv, in the order the header check lists them.
    pub enum Col {
        Category: Column::required("category").text(),
        Service: Column::required("service").text(),
        Office: Column::optional("office").text(),
        Fee: Column::optional("fee").text(),
        Time: Column::optional("time").text(),
        Documents: Column::optional("documents").text(),
        Contact: Column::optional("contact").text(),
        Notes: Column::optional("notes").text(),
        Steps: Column::optional("steps").text(),
        Officer: Column::optional("officer").text(),
        GrievanceOfficer: Column::optional("grievance_officer").text(),
        Compensation: Column::optional("compensation").text(),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Service {
    pub line: usize,
    pub name: Text,
    pub office: Option<Text>,
    /// `None`: fee not reported.
    pub fee: Option<Fee>,
    pub time: Option<Text>,
    /// Required documents, one per item (the cell lists them separated by `;`).
    pub documents: Vec<Text>,
    pub contact: Option<Text>,
    pub notes: Option<Text>,
    /// The steps of the process, in order (the cell lists them separated by `;`).
    pub steps: Vec<Text>,
    /// The officer responsible for the service.
    pub officer: Option<Text>,
    /// Who hears complaints about the service.
    pub grievance_officer: Option<Text>,
    /// What the charter promises when the service is not given as stated.
    pub compensation: Option<Text>,
}

/// A service's fee as the charter gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Fee {
    /// An amount; 0 is free.
    Amount(Amount),
    /// Written as a word for free (`निःशुल्क`, `Free`): a fee of 0, marked free.
    Free,
    /// A rule in words (`रु १०० र प्रति पाना रु. ५`), with its translations.
    Rule(Text),
}

impl Fee {
    /// The amount to download: 0 when free, none for a rule.
    pub fn amount(&self) -> Option<Amount> {
        match self {
            Fee::Amount(a) => Some(*a),
            Fee::Free => Some(Amount::ZERO),
            Fee::Rule(_) => None,
        }
    }

    /// True for a fee written as a free-word or as 0.
    pub fn is_free(&self) -> bool {
        matches!(self, Fee::Free) || self.amount() == Some(Amount::ZERO)
    }
}

#[derive(Clone, Debug)]
pub struct Category {
    pub name: Text,
    pub services: Vec<Service>,
}

/// Categories in the order they first appear.
#[derive(Clone, Debug)]
pub struct Services {
    pub categories: Vec<Category>,
}

impl Services {
    pub fn count(&self) -> usize {
        self.categories.iter().map(|c| c.services.len()).sum()
    }
}

/// Splits a `;`-separated list cell into items, keeping translations item by item.
fn split_list(text: &Text, languages: &[String]) -> Vec<Text> {
    let default = languages.first().map_or("", String::as_str);
    let plain: Vec<&str> = text
        .key(default)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut items: Vec<Text> = plain.iter().map(|s| Text::plain(*s)).collect();
    for lang in text.languages() {
        let own = text.get(lang, default).text;
        let parts: Vec<&str> = own
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.len() == items.len() {
            for (item, part) in items.iter_mut().zip(parts) {
                item.set(lang, part);
            }
        }
    }
    items
}

/// The fee cell: an amount (with any currency marks), a free-word, or a rule kept as text
/// with its `fee:<lang>` translations. A number mistyped (`1,00,0O0`) is an error.
fn fee(row: &crate::load::RowRef<'_>, diags: &mut Diagnostics) -> Option<Fee> {
    let cell = row.str(Col::Fee)?;
    match parse_charge(cell) {
        Ok(None) => None,
        Ok(Some(Charge::Amount(a))) => Some(Fee::Amount(a)),
        Ok(Some(Charge::Free)) => Some(Fee::Free),
        Ok(Some(Charge::Rule(_))) => Some(Fee::Rule(row.text(Col::Fee))),
        Err(e) => {
            diags.push(
                row.error_at(Col::Fee, format!("\"{}\" {e} (column fee)", cell.trim()))
                    .hint(
                        "write the fee as a number, e.g. 1,500 or Rs. 1,500/-, a word such as \
                         free, or the rule in words, e.g. \"Rs 100 and Rs 5 per page\"",
                    ),
            );
            None
        }
    }
}

pub fn resolve(table: &Table, languages: &[String], diags: &mut Diagnostics) -> Option<Services> {
    let default = languages.first().map_or("", String::as_str);
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut categories: Vec<Category> = Vec::new();
    // Where each category is in `categories`, by key.
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let category = row.required_text(Col::Category, diags);
        let name = row.required_text(Col::Service, diags);
        let fee = fee(&row, diags);
        if let (Some(c), Some(n)) = (&category, &name) {
            let key = (c.key(default).to_string(), n.key(default).to_string());
            if let Some(first) = seen.get(&key) {
                diags.push(
                    row.error_at(
                        Col::Service,
                        format!("service \"{}\" is listed twice in category \"{}\" (first on line {first})", key.1, key.0),
                    )
                    .hint("list each service once per category, or give the two different names"),
                );
            } else {
                seen.insert(key, row.line());
            }
        }
        if diags.error_count() > before {
            continue;
        }
        let (Some(category), Some(name)) = (category, name) else {
            continue;
        };
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        let service = Service {
            line: row.line(),
            name,
            office: optional_text(Col::Office),
            fee,
            time: optional_text(Col::Time),
            documents: optional_text(Col::Documents)
                .map(|t| split_list(&t, languages))
                .unwrap_or_default(),
            contact: optional_text(Col::Contact),
            notes: optional_text(Col::Notes),
            steps: optional_text(Col::Steps)
                .map(|t| split_list(&t, languages))
                .unwrap_or_default(),
            officer: optional_text(Col::Officer),
            grievance_officer: optional_text(Col::GrievanceOfficer),
            compensation: optional_text(Col::Compensation),
        };
        match at.entry(category.key(default).to_string()) {
            Entry::Occupied(e) => categories[*e.get()].services.push(service),
            Entry::Vacant(e) => {
                e.insert(categories.len());
                categories.push(Category {
                    name: category,
                    services: vec![service],
                });
            }
        }
    }
    Some(Services { categories })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services(csv: &str) -> (Option<Services>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let path = std::path::Path::new("c/services.csv");
        let table = Table::parse(csv.to_string(), path, &mut diags).unwrap();
        let langs = ["ne".to_string(), "en".to_string()];
        (resolve(&table, &langs, &mut diags), diags)
    }

    #[test]
    fn fees_are_amounts_free_words_or_rules() {
        let (s, diags) = services(
            "category,service,fee,fee:en\n\
             क,जन्म दर्ता,निःशुल्क,\n\
             क,सिफारिस,रु। ५००|-,\n\
             क,प्रतिलिपि,रु १०० र प्रति पाना रु. ५,Rs 100 and Rs 5 a page\n\
             क,नक्सा,,\n\
             क,घर,0,\n",
        );
        assert!(!diags.has_errors(), "{:?}", diags.into_sorted());
        let fees: Vec<Option<Fee>> = s.unwrap().categories[0]
            .services
            .iter()
            .map(|x| x.fee.clone())
            .collect();
        assert_eq!(fees[0], Some(Fee::Free));
        assert_eq!(fees[1], Some(Fee::Amount(Amount::from_units(500).unwrap())));
        let Some(Fee::Rule(rule)) = &fees[2] else {
            panic!("{:?}", fees[2]);
        };
        assert_eq!(rule.key("ne"), "रु १०० र प्रति पाना रु. ५");
        assert_eq!(rule.get("en", "ne").text, "Rs 100 and Rs 5 a page");
        assert_eq!(fees[3], None, "an empty fee is not reported");
        assert!(fees[4].as_ref().unwrap().is_free());
        assert_eq!(fees[0].as_ref().unwrap().amount(), Some(Amount::ZERO));
        assert_eq!(fees[2].as_ref().unwrap().amount(), None);
    }

    #[test]
    fn a_mistyped_fee_is_an_error_at_its_cell() {
        let (_, diags) = services("category,service,fee\nक,सिफारिस,\"1,00,0O0\"\n");
        let found = diags.into_sorted();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (2, 11));
        assert_eq!(
            found[0].message,
            "\"1,00,0O0\" is not an amount (column fee)"
        );
    }
}
