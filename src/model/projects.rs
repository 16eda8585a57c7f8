//! `projects.csv`: development projects, their budget, spending and progress, ward by ward.

use crate::calendar::{Date, FiscalYear};
use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
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
        });
    }
    Some(Projects { items })
}
