//! `documents.csv` and `documents/`: the council's papers, copied into the portal.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of documents.csv, in the order the header check lists them.
    pub enum Col {
        File: Column::required("file"),
        Title: Column::required("title").text(),
        Date: Column::optional("date"),
        Kind: Column::optional("kind").text(),
        Description: Column::optional("description").text(),
        // Written by the downloads; ignored when read back.
        DateAd: Column::optional("date_ad"),
        Bytes: Column::optional("bytes"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Document {
    pub line: usize,
    pub target: Target,
    pub title: Text,
    pub date: Option<Date>,
    pub kind: Option<Text>,
    pub description: Option<Text>,
}

/// Newest first; undated last.
#[derive(Clone, Debug, Default)]
pub struct Documents {
    pub items: Vec<Document>,
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Documents> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let title = row.required_text(Col::Title, diags);
        let date = dates::date(&row, Col::Date, dating, diags).ok().flatten();
        let target = match row.str(Col::File) {
            Some(cell) => files::check_link(cell, listing)
                .map_err(|(message, hint)| diags.push(row.error_at(Col::File, message).hint(hint)))
                .ok(),
            None => {
                diags.push(
                    row.error_at(Col::File, "file is empty")
                        .hint("write the file's path, e.g. documents/annual-programme.pdf"),
                );
                None
            }
        };
        if diags.error_count() > before {
            continue;
        }
        let (Some(title), Some(target)) = (title, target) else {
            continue;
        };
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Document {
            line: row.line(),
            target,
            title,
            date,
            kind: optional_text(Col::Kind),
            description: optional_text(Col::Description),
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.line.cmp(&b.line)));
    Some(Documents { items })
}
