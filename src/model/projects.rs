//! `projects.csv`: development projects, their budget, spending and progress, ward by ward,
//! and who carries them out: a contractor, a users' committee (उपभोक्ता समिति, the
//! committee of residents that carries out most of a Nepali ward's works) or both, with
//! the contract, what has been paid and how far the end was put back.

use crate::calendar::{Date, FiscalYear};
use crate::diagnostics::{Diagnostics, Severity};
use crate::load::{Column, RowRef, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::numbers::Amount;
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of projects.csv, in the order the header check lists them.
    pub enum Col {
        Project: Column::required("project").text(),
        Status: Column::required("status").text(),
        Ward: Column::optional("ward"),
        Sector: Column::optional("sector").text(),
        FiscalYear: Column::optional("fiscal_year"),
        Budget: Column::optional("budget"),
        Spent: Column::optional("spent"),
        Progress: Column::optional("progress"),
        Start: Column::optional("start"),
        End: Column::optional("end"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        StartAd: Column::optional("start_ad"),
        EndAd: Column::optional("end_ad"),
        Contractor: Column::optional("contractor").text(),
        UsersCommittee: Column::optional("users_committee").text(),
        ContractValue: Column::optional("contract_value"),
        ContractSigned: Column::optional("contract_signed"),
        Paid: Column::optional("paid"),
        ExtendedTo: Column::optional("extended_to"),
        Extensions: Column::optional("extensions"),
        ContractSignedAd: Column::optional("contract_signed_ad"),
        ExtendedToAd: Column::optional("extended_to_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// Known states, recognised in English and the common local words; anything else is shown
/// as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Planned,
    Tendered,
    InProgress,
    Completed,
    Stalled,
    Other,
}

impl Stage {
    pub fn of(status: &str) -> Stage {
        let s = status.trim().to_lowercase();
        match s.as_str() {
            "planned" | "plan" | "proposed" | "योजना" | "प्रस्तावित" | "পরিকল্পিত" | "منصوبہ بند" => {
                Stage::Planned
            }
            "tendered" | "tender" | "bidding" | "ठेक्का" | "टेन्डर" | "দরপত্র" => {
                Stage::Tendered
            }
            "in progress"
            | "in-progress"
            | "ongoing"
            | "running"
            | "started"
            | "सञ्चालनमा"
            | "चालू"
            | "निर्माणाधीन"
            | "চলমান"
            | "جاری" => Stage::InProgress,
            "completed" | "complete" | "done" | "finished" | "सम्पन्न" | "पूरा" | "সম্পন্ন" | "مکمل" => {
                Stage::Completed
            }
            "stalled" | "stopped" | "halted" | "on hold" | "रोकिएको" | "অচল" | "رکا ہوا" => {
                Stage::Stalled
            }
            _ => Stage::Other,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Stage::Planned => "stage_planned",
            Stage::Tendered => "stage_tendered",
            Stage::InProgress => "stage_in_progress",
            Stage::Completed => "stage_completed",
            Stage::Stalled => "stage_stalled",
            Stage::Other => "stage_other",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Project {
    pub line: usize,
    pub name: Text,
    pub status: Text,
    pub stage: Stage,
    pub ward: Option<u32>,
    pub sector: Option<Text>,
    pub fiscal_year: Option<FiscalYear>,
    pub budget: Option<Amount>,
    pub spent: Option<Amount>,
    /// Percent complete, 0–100.
    pub progress: Option<u8>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub contractor: Option<Text>,
    pub users_committee: Option<Text>,
    pub contract: Contract,
}

/// The agreement with whoever carries the project out, as far as the council reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contract {
    pub value: Option<Amount>,
    pub signed: Option<Date>,
    /// Paid to the contractor or committee so far.
    pub paid: Option<Amount>,
    /// The end date after the extensions.
    pub extended_to: Option<Date>,
    /// How many times the end was put back.
    pub extensions: Option<u8>,
}

impl Contract {
    /// Whether the end was put back: a new end date or a count of extensions above zero.
    pub fn is_extended(&self) -> bool {
        self.extended_to.is_some() || self.extensions.is_some_and(|n| n > 0)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Projects {
    pub items: Vec<Project>,
}

impl Projects {
    pub fn completed(&self) -> usize {
        self.items
            .iter()
            .filter(|p| p.stage == Stage::Completed)
            .count()
    }

    pub fn in_ward(&self, ward: u32) -> impl Iterator<Item = &Project> {
        self.items.iter().filter(move |p| p.ward == Some(ward))
    }
}

pub fn resolve(table: &Table, dating: &Dating, diags: &mut Diagnostics) -> Option<Projects> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let name = row.required_text(Col::Project, diags);
        let status = row.required_text(Col::Status, diags);
        let ward = row.integer_in(Col::Ward, 0, 999, diags).ok().flatten();
        let fiscal_year = dates::fiscal_year(&row, Col::FiscalYear, dating, diags)
            .ok()
            .flatten();
        let budget = row.amount(Col::Budget, diags).ok().flatten();
        let spent = row.amount(Col::Spent, diags).ok().flatten();
        let progress = row.integer_in(Col::Progress, 0, 100, diags).ok().flatten();
        let start = dates::date(&row, Col::Start, dating, diags).ok().flatten();
        let end = dates::date(&row, Col::End, dating, diags).ok().flatten();
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            diags.push(
                row.error_at(
                    Col::End,
                    format!("the project ends ({e}) before it starts ({s})"),
                )
                .hint("check the start and end dates; they are in the council's calendar"),
            );
        }
        let contract = contract(&row, (start, end), dating, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(name), Some(status)) = (name, status) else {
            continue;
        };
        let default = status.key("");
        let stage = Stage::of(default);
        let optional_text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Project {
            line: row.line(),
            stage,
            name,
            status,
            ward: ward.and_then(|w| u32::try_from(w).ok()),
            sector: optional_text(Col::Sector),
            fiscal_year,
            budget,
            spent,
            progress: progress.and_then(|p| u8::try_from(p).ok()),
            start,
            end,
            contractor: optional_text(Col::Contractor),
            users_committee: optional_text(Col::UsersCommittee),
            contract,
        });
    }
    Some(Projects { items })
}

/// The contract cells of a project `(start, end)`: more paid than agreed is a warning at
/// `paid`; an extension to a date before the end (or, without an end, before the start)
/// is an error at `extended_to`.
fn contract(
    row: &RowRef<'_>,
    (start, end): (Option<Date>, Option<Date>),
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Contract {
    let value = row.amount(Col::ContractValue, diags).ok().flatten();
    let signed = dates::date(row, Col::ContractSigned, dating, diags)
        .ok()
        .flatten();
    let paid = row.amount(Col::Paid, diags).ok().flatten();
    let extended_to = dates::date(row, Col::ExtendedTo, dating, diags)
        .ok()
        .flatten();
    let extensions = row.integer_in(Col::Extensions, 0, 99, diags).ok().flatten();
    if let (Some(v), Some(p)) = (value, paid)
        && p > v
    {
        let mut d = row.error_at(
            Col::Paid,
            format!(
                "paid ({}) is more than the contract value ({})",
                p.plain(),
                v.plain()
            ),
        );
        d.severity = Severity::Warning;
        diags.push(d.hint(
            "check both amounts; if the contract was raised by a variation, write the new \
             contract value",
        ));
    }
    let (bound, what) = match (end, start) {
        (Some(e), _) => (Some(e), "ends"),
        (None, s) => (s, "starts"),
    };
    if let (Some(x), Some(b)) = (extended_to, bound)
        && x < b
    {
        diags.push(
            row.error_at(
                Col::ExtendedTo,
                format!("the project is extended to {x}, before it {what} ({b})"),
            )
            .hint(
                "extended_to is the end date after the extensions, so it comes after end \
                 (and start); dates are in the council's calendar",
            ),
        );
    }
    Contract {
        value,
        signed,
        paid,
        extended_to,
        extensions: extensions.and_then(|n| u8::try_from(n).ok()),
    }
}
