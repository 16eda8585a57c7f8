//! `services.csv`: the citizen charter — services by category, with fee, time and documents.

use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
use crate::numbers::Amount;
use crate::text::Text;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

crate::load::table::columns! {
    /// The columns of services.csv, in the order the header check lists them.
    pub enum Col {
        Category: Column::required("category").text(),
        Service: Column::required("service").text(),
        Office: Column::optional("office").text(),
        Fee: Column::optional("fee"),
        Time: Column::optional("time").text(),
        Documents: Column::optional("documents").text(),
        Contact: Column::optional("contact").text(),
        Notes: Column::optional("notes").text(),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Service {
    pub line: usize,
    pub name: Text,
    pub office: Option<Text>,
    /// `None`: fee not reported; `Some(0)`: free.
    pub fee: Option<Amount>,
    pub time: Option<Text>,
    /// Required documents, one per item (the cell lists them separated by `;`).
    pub documents: Vec<Text>,
    pub contact: Option<Text>,
    pub notes: Option<Text>,
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
        let fee = row.amount(Col::Fee, diags).ok().flatten();
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
