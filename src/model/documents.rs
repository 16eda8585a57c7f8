//! `documents.csv` and `documents/`: the council's papers, copied into the portal.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::text::Text;

pub const SCHEMA: Schema = Schema {
    columns: &[
        Column::required("file"),
        Column::required("title").text(),
        Column::optional("date"),
        Column::optional("kind").text(),
        Column::optional("description").text(),
        // Written by the downloads; ignored when read back.
        Column::optional("date_ad"),
        Column::optional("bytes"),
    ],
};

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
        let title = row.required_text("title", diags);
        let date = dates::date(&row, "date", dating, diags).ok().flatten();
        let target = match row.str("file") {
            Some(cell) => files::check_link(cell, listing)
                .map_err(|(message, hint)| diags.push(row.error_at("file", message).hint(hint)))
                .ok(),
            None => {
                diags.push(
                    row.error_at("file", "file is empty")
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
        let optional_text = |n: &str| Some(row.text(n)).filter(|t| !t.is_empty());
        items.push(Document {
            line: row.line(),
            target,
            title,
            date,
            kind: optional_text("kind"),
            description: optional_text("description"),
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.line.cmp(&b.line)));
    Some(Documents { items })
}
