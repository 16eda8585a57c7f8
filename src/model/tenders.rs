//! `tenders.csv`: calls for bids (बोलपत्र, দরপত্র, NIT) with their award and contract, shaped
//! on the Open Contracting Data Standard (OCDS 1.1): method, category, estimated value,
//! tender period, status, the supplier awarded, the contract signed.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::model::refs::Refs;
use crate::numbers::Amount;
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of tenders.csv, in the order the header check lists them.
    pub enum Col {
        Ref: Column::required("ref"),
        Title: Column::required("title").text(),
        Published: Column::required("published"),
        Deadline: Column::required("deadline"),
        Method: Column::optional("method").text(),
        Category: Column::optional("category").text(),
        Value: Column::optional("value"),
        Status: Column::optional("status").text(),
        Document: Column::optional("document"),
        Project: Column::optional("project").text(),
        Supplier: Column::optional("supplier").text(),
        AwardValue: Column::optional("award_value"),
        AwardDate: Column::optional("award_date"),
        ContractValue: Column::optional("contract_value"),
        ContractSigned: Column::optional("contract_signed"),
        ContractEnd: Column::optional("contract_end"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        PublishedAd: Column::optional("published_ad"),
        DeadlineAd: Column::optional("deadline_ad"),
        AwardDateAd: Column::optional("award_date_ad"),
        ContractSignedAd: Column::optional("contract_signed_ad"),
        ContractEndAd: Column::optional("contract_end_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// Finds the first group of `words` that holds `value` (trimmed, lower case).
fn one_of<T: Copy>(value: &str, groups: &[(T, &[&str])]) -> Option<T> {
    let v = value.trim().to_lowercase();
    groups
        .iter()
        .find(|(_, words)| words.contains(&v.as_str()))
        .map(|(t, _)| *t)
}

/// How suppliers are invited: OCDS `procurementMethod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Open,
    Selective,
    Limited,
    Direct,
}

impl Method {
    pub fn of(word: &str) -> Option<Method> {
        one_of(
            word,
            &[
                (
                    Method::Open,
                    &[
                        "open",
                        "open tender",
                        "ncb",
                        "icb",
                        "national competitive bidding",
                        "खुला",
                        "खुला बोलपत्र",
                        "খোলা দরপত্র",
                        "উন্মুক্ত",
                        "উন্মুক্ত দরপত্র",
                        "کھلا ٹینڈر",
                        "खुली निविदा",
                    ],
                ),
                (
                    Method::Selective,
                    &["selective", "restricted", "सीमित बोलपत्र", "সীমিত দরপত্র"],
                ),
                (
                    Method::Limited,
                    &[
                        "limited",
                        "quotation",
                        "sealed quotation",
                        "rfq",
                        "दरभाउपत्र",
                        "सिलबन्दी दरभाउपत्र",
                        "কোটেশন",
                        "কোটেশন পদ্ধতি",
                        "کوٹیشن",
                    ],
                ),
                (
                    Method::Direct,
                    &[
                        "direct",
                        "direct purchase",
                        "users committee",
                        "users' committee",
                        "प्रत्यक्ष खरिद",
                        "सोझै खरिद",
                        "उपभोक्ता समिति",
                        "সরাসরি ক্রয়",
                        "براہ راست",
                    ],
                ),
            ],
        )
    }

    /// The OCDS code, also the interface string `method_<code>`.
    pub fn code(self) -> &'static str {
        match self {
            Method::Open => "open",
            Method::Selective => "selective",
            Method::Limited => "limited",
            Method::Direct => "direct",
        }
    }
}

/// What is bought: OCDS `mainProcurementCategory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Goods,
    Works,
    Services,
}

impl Category {
    pub fn of(word: &str) -> Option<Category> {
        one_of(
            word,
            &[
                (
                    Category::Goods,
                    &[
                        "goods",
                        "supply",
                        "माल सामान",
                        "मालसामान",
                        "আপণ্য",
                        "পণ্য",
                        "سامان",
                    ],
                ),
                (
                    Category::Works,
                    &[
                        "works",
                        "work",
                        "construction",
                        "निर्माण",
                        "निर्माण कार्य",
                        "কার্য",
                        "পূর্ত কাজ",
                        "নির্মাণ কাজ",
                        "تعمیرات",
                    ],
                ),
                (
                    Category::Services,
                    &[
                        "services",
                        "service",
                        "consultancy",
                        "परामर्श सेवा",
                        "सेवा",
                        "সেবা",
                        "পরামর্শ সেবা",
                        "خدمات",
                    ],
                ),
            ],
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Category::Goods => "goods",
            Category::Works => "works",
            Category::Services => "services",
        }
    }
}

/// Where the tender stands: OCDS `tender.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Planned,
    Active,
    Cancelled,
    Unsuccessful,
    Complete,
    Withdrawn,
}

impl Status {
    pub fn of(word: &str) -> Option<Status> {
        one_of(
            word,
            &[
                (Status::Planned, &["planned", "योजना", "পরিকল্পিত"]),
                (
                    Status::Active,
                    &["active", "open", "खुला", "चालु", "চলমান", "جاری"],
                ),
                (
                    Status::Cancelled,
                    &["cancelled", "canceled", "रद्द", "বাতিল", "منسوخ"],
                ),
                (
                    Status::Unsuccessful,
                    &["unsuccessful", "failed", "no bids", "असफल", "ব্যর্থ"],
                ),
                (
                    Status::Complete,
                    &[
                        "complete",
                        "completed",
                        "awarded",
                        "सम्पन्न",
                        "सम्झौता",
                        "সম্পন্ন",
                        "مکمل",
                    ],
                ),
                (Status::Withdrawn, &["withdrawn", "फिर्ता", "প্রত্যাহার"]),
            ],
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Active => "active",
            Status::Cancelled => "cancelled",
            Status::Unsuccessful => "unsuccessful",
            Status::Complete => "complete",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// The supplier a tender was awarded to.
#[derive(Clone, Debug)]
pub struct Award {
    pub supplier: Text,
    pub value: Option<Amount>,
    pub date: Option<Date>,
}

/// The contract signed with the supplier.
#[derive(Clone, Debug)]
pub struct Contract {
    pub value: Option<Amount>,
    pub signed: Option<Date>,
    pub end: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct Tender {
    pub line: usize,
    pub reference: String,
    pub title: Text,
    /// Dates in the council's calendar.
    pub published: Date,
    pub deadline: Date,
    pub method: Option<Method>,
    /// The method as written.
    pub method_text: Option<Text>,
    pub category: Option<Category>,
    pub category_text: Option<Text>,
    pub value: Option<Amount>,
    /// As written, or else as the rows say: complete once awarded, otherwise active.
    pub status: Status,
    pub status_text: Option<Text>,
    pub document: Option<Target>,
    /// The project (its name in `projects.csv`) the tender pays for.
    pub project: Option<Text>,
    pub award: Option<Award>,
    pub contract: Option<Contract>,
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Tenders {
    pub items: Vec<Tender>,
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Tenders> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    let mut refs = Refs::new("tender");
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let reference = refs.required(
            &row,
            Col::Ref,
            "write the tender's own number, e.g. NIT-2081-07",
            diags,
        );
        let title = row.required_text(Col::Title, diags);
        let published = dates::required_date(&row, Col::Published, dating, diags);
        let deadline = dates::required_date(&row, Col::Deadline, dating, diags);
        let day = |column, diags: &mut Diagnostics| {
            dates::date(&row, column, dating, diags).ok().flatten()
        };
        let award_date = day(Col::AwardDate, diags);
        let signed = day(Col::ContractSigned, diags);
        let end = day(Col::ContractEnd, diags);
        let value = row.amount(Col::Value, diags).ok().flatten();
        let award_value = row.amount(Col::AwardValue, diags).ok().flatten();
        let contract_value = row.amount(Col::ContractValue, diags).ok().flatten();
        if let (Some(p), Some(d)) = (published, deadline)
            && d < p
        {
            diags.push(
                row.error_at(
                    Col::Deadline,
                    format!("the deadline ({d}) is before the tender was published ({p})"),
                )
                .hint("check both dates; they are in the council's calendar"),
            );
        }
        let supplier = Some(row.text(Col::Supplier)).filter(|t| !t.is_empty());
        let awarded = award_value.is_some() || award_date.is_some();
        let contracted = contract_value.is_some() || signed.is_some() || end.is_some();
        if supplier.is_none() && (awarded || contracted) {
            let column = if awarded {
                Col::AwardValue
            } else {
                Col::ContractValue
            };
            diags.push(
                row.error_at(column, "an award or contract without a supplier")
                    .hint("write who won the tender in the supplier column"),
            );
        }
        let document = files::link_cell(&row, Col::Document, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(reference), Some(title), Some(published), Some(deadline)) =
            (reference, title, published, deadline)
        else {
            continue;
        };
        let text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        let status_text = text(Col::Status);
        let award = supplier.map(|supplier| Award {
            supplier,
            value: award_value,
            date: award_date,
        });
        let status = status_text
            .as_ref()
            .and_then(|s| Status::of(s.key("")))
            .unwrap_or(if award.is_some() {
                Status::Complete
            } else {
                Status::Active
            });
        let method_text = text(Col::Method);
        let category_text = text(Col::Category);
        items.push(Tender {
            line: row.line(),
            reference,
            title,
            published,
            deadline,
            method: method_text.as_ref().and_then(|m| Method::of(m.key(""))),
            method_text,
            category: category_text.as_ref().and_then(|c| Category::of(c.key(""))),
            category_text,
            value,
            status,
            status_text,
            document,
            project: text(Col::Project),
            contract: (contracted && award.is_some()).then_some(Contract {
                value: contract_value,
                signed,
                end,
            }),
            award,
        });
    }
    items.sort_by(|a, b| b.published.cmp(&a.published).then(a.line.cmp(&b.line)));
    Some(Tenders { items })
}

/// The name of a tender's page: `tenders/<name>.html`.
pub fn page_name(t: &Tender) -> String {
    crate::model::decisions::page_name(&t.reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_words_map_to_ocds_codes() {
        assert_eq!(Method::of("सिलबन्दी दरभाउपत्र"), Some(Method::Limited));
        assert_eq!(Method::of("Open"), Some(Method::Open));
        assert_eq!(Method::of("e-GP"), None);
        assert_eq!(Category::of("निर्माण कार्य"), Some(Category::Works));
        assert_eq!(Status::of("বাতিল"), Some(Status::Cancelled));
    }
}
