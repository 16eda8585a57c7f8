//! `hearings.csv`: public hearings and social audits (सार्वजनिक सुनुवाई, सामाजिक परीक्षण;
//! গণশুনানি, সামাজিক নিরীক্ষা): when and where, who took part, by sex and by group (the
//! women and marginalised groups these portals are for), what was found and how the
//! council responded, with the report.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of hearings.csv, in the order the header check lists them; besides
    /// them, any number of `group_<name>` columns count participants from a group.
    pub enum Col {
        Kind: Column::required("kind").text(),
        Title: Column::required("title").text(),
        Date: Column::required("date"),
        Place: Column::optional("place").text(),
        Women: Column::optional("women"),
        Men: Column::optional("men"),
        OtherGender: Column::optional("other_gender"),
        Findings: Column::optional("findings").text(),
        Response: Column::optional("response").text(),
        Report: Column::optional("report"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        DateAd: Column::optional("date_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// The prefix of the columns that count participants from a group.
pub const GROUP_PREFIX: &str = "group_";

/// A hearing or an audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Hearing,
    Audit,
}

impl Kind {
    /// The words of notices' Public hearing and Social audit kinds (see
    /// [`crate::model::notices::Kind::of`]), and two more for audits.
    pub fn of(word: &str) -> Option<Kind> {
        use crate::model::notices::Kind as Notice;
        match Notice::of(word) {
            Notice::Hearing => Some(Kind::Hearing),
            Notice::Audit => Some(Kind::Audit),
            _ => ["public audit", "سماجی آڈٹ"]
                .contains(&word.trim().to_lowercase().as_str())
                .then_some(Kind::Audit),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Hearing => "notice_kind_hearing",
            Kind::Audit => "notice_kind_audit",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Hearing => "hearing",
            Kind::Audit => "audit",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Hearing {
    pub line: usize,
    pub kind: Kind,
    pub title: Text,
    pub date: Date,
    pub place: Option<Text>,
    pub women: Option<u32>,
    pub men: Option<u32>,
    pub other_gender: Option<u32>,
    /// Participants from each group, by the group's name as its column gives it.
    pub groups: Vec<(String, u32)>,
    pub findings: Option<Text>,
    pub response: Option<Text>,
    pub report: Option<Target>,
}

impl Hearing {
    /// Everyone counted by sex, when any is.
    pub fn participants(&self) -> Option<u32> {
        let counts = [self.women, self.men, self.other_gender];
        counts
            .iter()
            .any(Option::is_some)
            .then(|| counts.iter().flatten().sum())
    }
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Hearings {
    pub items: Vec<Hearing>,
    /// The groups the file counts, in its column order.
    pub groups: Vec<String>,
}

fn count(row: &crate::load::RowRef<'_>, column: Col, diags: &mut Diagnostics) -> Option<u32> {
    row.integer_in(column, 0, 1_000_000, diags)
        .ok()
        .flatten()
        .and_then(|n| u32::try_from(n).ok())
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Hearings> {
    let binding = table.bind(SCHEMA, true, diags)?;
    let mut groups = Vec::new();
    let mut group_columns = Vec::new();
    for (name, index) in &binding.extra {
        match name.strip_prefix(GROUP_PREFIX).filter(|g| !g.is_empty()) {
            Some(group) => {
                groups.push(group.replace('_', " "));
                group_columns.push(*index);
            }
            None => diags.push(
                crate::diagnostics::Diagnostic::error(
                    table.shown(),
                    format!("unknown column {name}"),
                )
                .at(1, 1)
                .hint(format!(
                    "the columns of hearings.csv are {}, and group_<name> columns that count participants from a group (e.g. group_dalit)",
                    SCHEMA.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                )),
            ),
        }
    }
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let kind = match row.str(Col::Kind) {
            Some(word) => Kind::of(word).or_else(|| {
                diags.push(
                    row.error_at(
                        Col::Kind,
                        format!("\"{word}\" is not a hearing or an audit"),
                    )
                    .hint("write hearing (a public hearing) or audit (a social audit)"),
                );
                None
            }),
            None => {
                diags.push(
                    row.error_at(Col::Kind, "kind is empty")
                        .hint("write hearing (a public hearing) or audit (a social audit)"),
                );
                None
            }
        };
        let title = row.required_text(Col::Title, diags);
        let date = dates::required_date(&row, Col::Date, dating, diags);
        let women = count(&row, Col::Women, diags);
        let men = count(&row, Col::Men, diags);
        let other_gender = count(&row, Col::OtherGender, diags);
        let mut counted = Vec::new();
        for (group, &index) in groups.iter().zip(&group_columns) {
            let Some(cell) = row.raw(index).map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            let digits: String = cell
                .chars()
                .map(|c| crate::numbers::ascii_digit(c).unwrap_or(c))
                .collect();
            match digits.parse::<u32>() {
                Ok(n) => counted.push((group.clone(), n)),
                Err(_) => diags.push(
                    row.error_at_field(
                        index,
                        format!("\"{cell}\" is not a whole number of people"),
                    )
                    .hint(
                        "write how many took part from the group, e.g. 42, or leave the cell empty",
                    ),
                ),
            }
        }
        let report = files::link_cell(&row, Col::Report, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(kind), Some(title), Some(date)) = (kind, title, date) else {
            continue;
        };
        let text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Hearing {
            line: row.line(),
            kind,
            title,
            date,
            place: text(Col::Place),
            women,
            men,
            other_gender,
            groups: counted,
            findings: text(Col::Findings),
            response: text(Col::Response),
            report,
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.line.cmp(&b.line)));
    Some(Hearings { items, groups })
}
