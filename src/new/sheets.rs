//! The sheets of the workbook `khula new --workbook` writes, one per CSV file of the format,
//! and the header rows of the CSV files of the template: every column a clerk can fill, in
//! the order they fill them in, with what it takes and the words Khula recognises in it.
//! Tests compare this table with `load::CSV_FILES` and each kind's columns, so a new kind
//! or a new column cannot be left out.

use crate::load::Schema;
use crate::model::{
    budget, decisions, disclosure, documents, grievances, hearings, laws, meetings, notices,
    people, projects, services, tax_rates, tenders,
};

/// How a column's cells are kept in the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// Words; no format.
    Text,
    /// Kept exactly as typed (text format), so a spreadsheet does not turn `2081/82`, a
    /// Bikram Sambat date, `11:00` or a phone number into something else.
    AsTyped,
    /// An amount of money: a number format with grouping.
    Amount,
    /// A whole number of things.
    Count,
}

/// One column of a sheet.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    /// Followed by its translation, `name:<second language>`.
    pub translated: bool,
    pub cells: Cells,
    /// What the column takes, shown as the header cell's note.
    pub note: &'static str,
    /// Words Khula recognises in the column, offered as a drop-down list; other words can
    /// still be typed (the list only warns).
    pub closed: &'static [&'static str],
}

/// One sheet: the CSV file it stands for, that file's columns as the model reads them, and
/// the columns written.
pub struct Sheet {
    pub file: &'static str,
    pub schema: Schema,
    pub columns: &'static [Column],
}

impl Sheet {
    /// The header row: each column, a translated one followed by `name:<second>`.
    pub fn header_cells(&self, second: &str) -> Vec<String> {
        self.columns
            .iter()
            .flat_map(|c| {
                let mut cells = vec![c.name.to_string()];
                if c.translated {
                    cells.push(format!("{}:{second}", c.name));
                }
                cells
            })
            .collect()
    }
}

const fn col(name: &'static str, cells: Cells, note: &'static str) -> Column {
    Column {
        name,
        translated: false,
        cells,
        note,
        closed: &[],
    }
}

/// Words, with a column for their translation.
const fn tr(name: &'static str, note: &'static str) -> Column {
    Column {
        translated: true,
        ..col(name, Cells::Text, note)
    }
}

const fn text(name: &'static str, note: &'static str) -> Column {
    col(name, Cells::Text, note)
}

const fn typed(name: &'static str, note: &'static str) -> Column {
    col(name, Cells::AsTyped, note)
}

const fn amount(name: &'static str, note: &'static str) -> Column {
    col(name, Cells::Amount, note)
}

const fn count(name: &'static str, note: &'static str) -> Column {
    col(name, Cells::Count, note)
}

/// One of the `words`, or another word the format recognises.
const fn pick(name: &'static str, note: &'static str, words: &'static [&'static str]) -> Column {
    Column {
        closed: words,
        ..col(name, Cells::Text, note)
    }
}

const FISCAL_YEAR: &str = "The fiscal year, as the country writes it: 2081/82 or 2024-25.";
const WARD: &str = "The ward number; empty for the whole council.";
const DOCUMENT: &str = "A file in documents/, e.g. documents/report.pdf, or a web address.";

pub const PROJECT_STAGES: &[&str] = &["planned", "tendered", "ongoing", "completed", "stalled"];
pub const NOTICE_KINDS: &[&str] = &["notice", "tender", "vacancy", "hearing", "audit", "meeting"];
pub const TENDER_METHODS: &[&str] = &["open", "selective", "limited", "direct"];
pub const TENDER_CATEGORIES: &[&str] = &["goods", "works", "services"];
pub const TENDER_STATUSES: &[&str] = &[
    "planned",
    "active",
    "cancelled",
    "unsuccessful",
    "complete",
    "withdrawn",
];
pub const LAW_TYPES: &[&str] = &[
    "act",
    "regulation",
    "procedure",
    "guideline",
    "standard",
    "order",
];
pub const PEOPLE_GROUPS: &[&str] = &["elected", "staff"];
pub const PEOPLE_ROLES: &[&str] = &[
    "chief-administrative-officer",
    "information-officer",
    "grievance-officer",
    "spokesperson",
];
pub const HEARING_KINDS: &[&str] = &["hearing", "audit"];
pub const BUDGET_TYPES: &[&str] = &["expenditure", "revenue"];
pub const BUDGET_NATURES: &[&str] = &["recurrent", "capital", "financing"];
pub const BUDGET_GRANTS: &[&str] = &["equalisation", "conditional", "special", "complementary"];
pub const QUARTERS: &[&str] = &["1", "2", "3", "4"];

/// Every sheet, in the order of `load::CSV_FILES`.
pub const SHEETS: &[Sheet] = &[
    Sheet {
        file: "budget.csv",
        schema: budget::SCHEMA,
        columns: &[
            typed("fiscal_year", FISCAL_YEAR),
            pick(
                "type",
                "expenditure or revenue; empty is expenditure.",
                BUDGET_TYPES,
            ),
            tr(
                "sector",
                "The sector (spending) or the revenue heading, e.g. Education.",
            ),
            tr("programme", "The programme or activity."),
            tr(
                "source",
                "Where the money comes from, e.g. federal conditional grant.",
            ),
            typed(
                "code",
                "The budget code, e.g. 22522; shown when programme is empty.",
            ),
            typed("ward", WARD),
            amount(
                "allocated",
                "The amount allocated, in whole units of currency, e.g. 1,20,000; 0 for none.",
            ),
            amount("revised", "The amount after revision. Empty: not reported."),
            amount("spent", "The amount spent. Empty: not reported."),
            pick(
                "nature",
                "Expenditure: recurrent, capital or financing; empty if not stated.",
                BUDGET_NATURES,
            ),
            pick(
                "grant",
                "Revenue from a grant: equalisation, conditional, special or complementary.",
                BUDGET_GRANTS,
            ),
        ],
    },
    Sheet {
        file: "tax-rates.csv",
        schema: tax_rates::SCHEMA,
        columns: &[
            tr("tax", "The tax; rows of the same tax are shown together."),
            tr(
                "category",
                "Who or what the rate applies to, e.g. small shops.",
            ),
            text(
                "rate",
                "The rate: an amount (500), a percentage (1.5%), a free word or the rule in words.",
            ),
            tr("unit", "What the rate is per, e.g. per year, of rent."),
            typed("fiscal_year", FISCAL_YEAR),
            tr(
                "basis",
                "What the tax is worked out on, e.g. annual rental value.",
            ),
            tr(
                "notes",
                "Anything else, e.g. half rate for senior citizens.",
            ),
        ],
    },
    Sheet {
        file: "decisions.csv",
        schema: decisions::SCHEMA,
        columns: &[
            typed(
                "date",
                "The day of the decision, YYYY-MM-DD in the council's calendar.",
            ),
            typed(
                "ref",
                "The decision's reference number, different on every row.",
            ),
            tr("body", "The body that decided, e.g. Municipal Executive."),
            tr("title", "What was decided, in one line."),
            tr("summary", "A short summary."),
            tr(
                "status",
                "The decision's status in your words, e.g. Approved.",
            ),
            text("document", DOCUMENT),
        ],
    },
    Sheet {
        file: "services.csv",
        schema: services::SCHEMA,
        columns: &[
            tr(
                "category",
                "A group of services; each category has its own page.",
            ),
            tr("service", "The service, e.g. Birth registration."),
            tr("office", "Where to go, e.g. Ward office."),
            text(
                "fee",
                "The fee: an amount (100), 0 or free, or the rule in words.",
            ),
            tr("time", "How long it takes, e.g. Same day."),
            tr("documents", "The documents to bring, separated by ;"),
            text("contact", "Whom to contact: a name, phone or e-mail."),
            tr("notes", "Anything else."),
            tr("steps", "The steps of the process in order, separated by ;"),
            tr("officer", "The officer responsible for the service."),
            tr(
                "grievance_officer",
                "Who hears complaints about the service.",
            ),
            tr(
                "compensation",
                "What the charter promises when the service is not given as stated.",
            ),
        ],
    },
    Sheet {
        file: "grievances.csv",
        schema: grievances::SCHEMA,
        columns: &[
            typed(
                "period",
                "The month, YYYY-MM in the council's calendar, e.g. 2081-04.",
            ),
            tr("category", "The kind of complaint, e.g. Roads."),
            count("received", "Complaints received that month; 0 for none."),
            count("resolved", "Complaints resolved that month."),
            count(
                "resolved_within_sla",
                "Of those resolved, how many within the service level.",
            ),
            count("pending", "Complaints not yet resolved."),
        ],
    },
    Sheet {
        file: "projects.csv",
        schema: projects::SCHEMA,
        columns: &[
            tr("project", "The project's name."),
            typed("ward", WARD),
            tr("sector", "The sector, e.g. Road infrastructure."),
            typed("fiscal_year", FISCAL_YEAR),
            Column {
                closed: PROJECT_STAGES,
                ..tr(
                    "status",
                    "The stage: planned, tendered, ongoing, completed or stalled (or the local word).",
                )
            },
            amount("budget", "The project's budget. Empty: not reported."),
            amount("spent", "Spent on it so far. Empty: not reported."),
            count("progress", "Per cent done, 0 to 100."),
            typed(
                "start",
                "The start date, YYYY-MM-DD in the council's calendar.",
            ),
            typed("end", "The end date, planned or real; not before start."),
            text(
                "contractor",
                "The firm that builds it, when a contractor does.",
            ),
            tr(
                "users_committee",
                "The users' committee that carries it out, when one does.",
            ),
            amount(
                "contract_value",
                "The amount of the agreement with the contractor or committee.",
            ),
            typed(
                "contract_signed",
                "The day the agreement was signed, YYYY-MM-DD.",
            ),
            amount("paid", "Paid to the contractor or committee so far."),
            typed(
                "extended_to",
                "The end date after the deadline was extended; not before end.",
            ),
            count("extensions", "How many times the deadline was extended."),
        ],
    },
    Sheet {
        file: "documents.csv",
        schema: documents::SCHEMA,
        columns: &[
            text(
                "file",
                "The file's name in documents/, e.g. documents/budget-2081.pdf, or a web address.",
            ),
            tr("title", "The document's title."),
            typed("date", "Its date, YYYY-MM-DD in the council's calendar."),
            tr("kind", "What kind of document it is, e.g. Programme."),
            tr("description", "A few words about it."),
        ],
    },
    Sheet {
        file: "notices.csv",
        schema: notices::SCHEMA,
        columns: &[
            pick(
                "kind",
                "What the notice is about: notice, tender, vacancy, hearing, audit or meeting (or the local word).",
                NOTICE_KINDS,
            ),
            tr("title", "The notice's title."),
            typed(
                "published",
                "The day it was published, YYYY-MM-DD in the council's calendar.",
            ),
            typed(
                "deadline",
                "The last day to apply, bid or object; not before published.",
            ),
            typed(
                "expires",
                "The last day the notice is current, when that is not the deadline.",
            ),
            typed("ref", "The notice's own number."),
            tr("summary", "One or two lines: where, when, who may apply."),
            text("document", DOCUMENT),
            text(
                "text",
                "The name of a page in pages/ holding the notice's full text.",
            ),
        ],
    },
    Sheet {
        file: "tenders.csv",
        schema: tenders::SCHEMA,
        columns: &[
            typed("ref", "The tender's own number, different on every row."),
            tr("title", "What the tender is for."),
            typed("published", "The day the call was published, YYYY-MM-DD."),
            typed(
                "deadline",
                "The last day to submit a bid; not before published.",
            ),
            pick(
                "method",
                "How suppliers are invited: open, selective, limited or direct (or the local word).",
                TENDER_METHODS,
            ),
            pick(
                "category",
                "What is bought: goods, works or services.",
                TENDER_CATEGORIES,
            ),
            amount("value", "The estimated cost."),
            pick(
                "status",
                "Where the tender stands; empty: complete once awarded, else active.",
                TENDER_STATUSES,
            ),
            text("document", DOCUMENT),
            text(
                "project",
                "The project it pays for, its name exactly as in the projects sheet.",
            ),
            text(
                "supplier",
                "Who won; needed when an award or contract column is filled.",
            ),
            amount("award_value", "The amount awarded."),
            typed("award_date", "The day it was awarded, YYYY-MM-DD."),
            amount("contract_value", "The amount of the contract signed."),
            typed(
                "contract_signed",
                "The day the contract was signed, YYYY-MM-DD.",
            ),
            typed("contract_end", "The day the contract ends, YYYY-MM-DD."),
        ],
    },
    Sheet {
        file: "laws.csv",
        schema: laws::SCHEMA,
        columns: &[
            typed(
                "ref",
                "The law's own short name, different on every row, e.g. finance-act-2081.",
            ),
            pick(
                "type",
                "The kind of law: act, regulation, procedure, guideline, standard or order (or the local word).",
                LAW_TYPES,
            ),
            tr("title", "The law's title."),
            typed("number", "Its number."),
            typed("passed", "The day it was passed, YYYY-MM-DD."),
            typed(
                "gazette",
                "The day it was published in the gazette; not before passed.",
            ),
            typed("amends", "The ref of the law this one amends."),
            typed("repeals", "The ref of the law this one repeals."),
            tr("summary", "What it is about, in a line."),
            text("document", DOCUMENT),
            text(
                "text",
                "The name of a page in pages/ holding the law's full text.",
            ),
        ],
    },
    Sheet {
        file: "people.csv",
        schema: people::SCHEMA,
        columns: &[
            tr("name", "The person's name."),
            tr("post", "Their post, e.g. Chief Administrative Officer."),
            pick(
                "group",
                "elected (a representative) or staff (an officer or employee).",
                PEOPLE_GROUPS,
            ),
            pick(
                "role",
                "The named roles they hold, separated by ; (see the list).",
                PEOPLE_ROLES,
            ),
            typed("ward", "The ward a representative serves."),
            tr("section", "The section or branch of an officer."),
            tr("room", "Their room in the office."),
            typed(
                "phone",
                "A phone number the council publishes for them, e.g. +977-91-521101.",
            ),
            text("email", "An e-mail address the council publishes for them."),
            typed("term_start", "The first day of their term, YYYY-MM-DD."),
            typed("term_end", "The last day of their term, YYYY-MM-DD."),
        ],
    },
    Sheet {
        file: "hearings.csv",
        schema: hearings::SCHEMA,
        columns: &[
            pick(
                "kind",
                "hearing (a public hearing) or audit (a social or public audit).",
                HEARING_KINDS,
            ),
            tr("title", "What it was about."),
            typed(
                "date",
                "The day it was held, YYYY-MM-DD in the council's calendar.",
            ),
            tr("place", "Where it was held."),
            count("women", "How many women took part."),
            count("men", "How many men took part."),
            count(
                "other_gender",
                "How many people of another gender took part.",
            ),
            tr("findings", "What the hearing or audit found."),
            tr("response", "What the council did or decided in reply."),
            text("report", DOCUMENT),
        ],
    },
    Sheet {
        file: "disclosure.csv",
        schema: disclosure::SCHEMA,
        columns: &[
            typed("fiscal_year", FISCAL_YEAR),
            pick(
                "quarter",
                "The quarter of the fiscal year, 1 to 4; one row per quarter.",
                QUARTERS,
            ),
            typed(
                "published",
                "The day the disclosure was published, YYYY-MM-DD.",
            ),
            count(
                "requests",
                "Requests for information received in the quarter.",
            ),
            count("answered", "Requests answered."),
            count("refused", "Requests refused."),
            tr("notes", "Anything to add."),
        ],
    },
    Sheet {
        file: "meetings.csv",
        schema: meetings::SCHEMA,
        columns: &[
            tr("body", "Who meets, e.g. Municipal Executive."),
            typed(
                "date",
                "The day of the meeting, YYYY-MM-DD in the council's calendar.",
            ),
            typed("time", "The hour, e.g. 11:00."),
            tr("place", "Where."),
            tr("agenda", "What will be discussed, items separated by ;"),
            text("minutes", DOCUMENT),
        ],
    },
];

/// Columns a kind reads that no sheet offers: the Gregorian twins the downloads write
/// beside Bikram Sambat dates (`…_ad`) and the size the documents download adds.
#[cfg(test)]
pub fn written_by_downloads(column: &str) -> bool {
    column.ends_with("_ad") || column == "bytes"
}

/// The sheet of the CSV file `file`.
pub fn sheet(file: &str) -> Option<&'static Sheet> {
    SHEETS.iter().find(|s| s.file == file)
}
