//! `meetings.csv`: the schedule of council meetings (assembly, executive, ward committees),
//! each with its agenda before and its minutes after.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of meetings.csv, in the order the header check lists them.
    pub enum Col {
        Body: Column::required("body").text(),
        Date: Column::required("date"),
        Time: Column::optional("time"),
        Place: Column::optional("place").text(),
        Agenda: Column::optional("agenda").text(),
        Minutes: Column::optional("minutes"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        DateAd: Column::optional("date_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

#[derive(Clone, Debug)]
pub struct Meeting {
    pub line: usize,
    pub body: Text,
    pub date: Date,
    pub time: Option<String>,
    pub place: Option<Text>,
    /// The agenda, its items separated by `;` in the file.
    pub agenda: Option<Text>,
    pub minutes: Option<Target>,
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Meetings {
    pub items: Vec<Meeting>,
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Meetings> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let body = row.required_text(Col::Body, diags);
        let date = dates::required_date(&row, Col::Date, dating, diags);
        let minutes = files::link_cell(&row, Col::Minutes, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(body), Some(date)) = (body, date) else {
            continue;
        };
        let text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Meeting {
            line: row.line(),
            body,
            date,
            time: row.str(Col::Time).map(str::to_string),
            place: text(Col::Place),
            agenda: text(Col::Agenda),
            minutes,
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.line.cmp(&b.line)));
    Some(Meetings { items })
}
