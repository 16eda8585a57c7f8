//! `laws.csv`: the council's own law (ऐन, नियमावली, कार्यविधि; আইন ও বিধি): acts,
//! regulations, procedures, guidelines, standards and orders, with when each was passed
//! and published in the local gazette, and which law amends or repeals which.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::model::refs::Refs;
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of laws.csv, in the order the header check lists them.
    pub enum Col {
        Ref: Column::required("ref"),
        Type: Column::required("type").text(),
        Title: Column::required("title").text(),
        Number: Column::optional("number"),
        Passed: Column::optional("passed"),
        Gazette: Column::optional("gazette"),
        Amends: Column::optional("amends"),
        Repeals: Column::optional("repeals"),
        Summary: Column::optional("summary").text(),
        Document: Column::optional("document"),
        Text: Column::optional("text"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        PassedAd: Column::optional("passed_ad"),
        GazetteAd: Column::optional("gazette_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// The kinds of law, in the order the laws page groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    Act,
    Regulation,
    Procedure,
    Guideline,
    Standard,
    Order,
    Other,
}

impl Type {
    pub fn of(word: &str) -> Type {
        let w = word.trim().to_lowercase();
        let is = |words: &[&str]| words.contains(&w.as_str());
        if is(&[
            "act",
            "law",
            "ऐन",
            "कानून",
            "अधिनियम",
            "আইন",
            "قانون",
            "ایکٹ",
        ]) {
            Type::Act
        } else if is(&[
            "regulation",
            "regulations",
            "rules",
            "bylaw",
            "by-law",
            "bylaws",
            "नियमावली",
            "नियम",
            "विनियम",
            "বিধি",
            "বিধিমালা",
            "প্রবিধান",
            "প্রবিধানমালা",
            "ضوابط",
            "قواعد",
            "ذیلی قوانین",
        ]) {
            Type::Regulation
        } else if is(&[
            "procedure",
            "procedures",
            "कार्यविधि",
            "प्रक्रिया",
            "কার্যপ্রণালী",
            "কার্যপদ্ধতি",
            "طریقہ کار",
        ]) {
            Type::Procedure
        } else if is(&[
            "guideline",
            "guidelines",
            "directive",
            "निर्देशिका",
            "दिशानिर्देश",
            "নির্দেশিকা",
            "নীতিমালা",
            "رہنما اصول",
            "ہدایات",
        ]) {
            Type::Guideline
        } else if is(&[
            "standard",
            "standards",
            "norms",
            "मापदण्ड",
            "मानक",
            "মানদণ্ড",
            "معیار",
        ]) {
            Type::Standard
        } else if is(&["order", "आदेश", "আদেশ", "حکم"]) {
            Type::Order
        } else {
            Type::Other
        }
    }

    /// The interface string naming the kind (plural, for headings).
    pub fn key(self) -> &'static str {
        match self {
            Type::Act => "law_type_act",
            Type::Regulation => "law_type_regulation",
            Type::Procedure => "law_type_procedure",
            Type::Guideline => "law_type_guideline",
            Type::Standard => "law_type_standard",
            Type::Order => "law_type_order",
            Type::Other => "law_type_other",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Law {
    pub line: usize,
    pub reference: String,
    pub kind: Type,
    /// The type as written.
    pub kind_text: Text,
    pub title: Text,
    pub number: Option<String>,
    /// Dates in the council's calendar.
    pub passed: Option<Date>,
    pub gazette: Option<Date>,
    /// The ref of the law this one amends, or repeals.
    pub amends: Option<String>,
    pub repeals: Option<String>,
    pub summary: Option<Text>,
    pub document: Option<Target>,
    /// The free page (`pages/<name>.md`) that holds the law's full text, by its name.
    pub text: Option<String>,
}

impl Law {
    /// The day it took effect as far as the file says: published in the gazette, else
    /// passed.
    pub fn day(&self) -> Option<Date> {
        self.gazette.or(self.passed)
    }
}

/// By type, then newest first.
#[derive(Clone, Debug, Default)]
pub struct Laws {
    pub items: Vec<Law>,
}

impl Laws {
    pub fn get(&self, reference: &str) -> Option<&Law> {
        self.items.iter().find(|l| l.reference == reference)
    }

    /// The laws that amend the law `reference`, oldest first.
    pub fn amendments<'a>(&'a self, reference: &'a str) -> impl Iterator<Item = &'a Law> {
        let mut found: Vec<&Law> = self
            .items
            .iter()
            .filter(|l| l.amends.as_deref() == Some(reference))
            .collect();
        found.sort_by_key(|l| l.day());
        found.into_iter()
    }

    /// The law that repeals the law `reference`, if any.
    pub fn repealed_by(&self, reference: &str) -> Option<&Law> {
        self.items
            .iter()
            .find(|l| l.repeals.as_deref() == Some(reference))
    }
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Laws> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    let mut refs = Refs::new("law");
    // (line, column, ref named) of every `amends` and `repeals`, checked once all refs
    // are known.
    let mut links = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let reference = refs.required(
            &row,
            Col::Ref,
            "write the law's own short name, e.g. tax-act-2081",
            diags,
        );
        let kind_text = row.required_text(Col::Type, diags);
        let title = row.required_text(Col::Title, diags);
        let passed = dates::date(&row, Col::Passed, dating, diags).ok().flatten();
        let gazette = dates::date(&row, Col::Gazette, dating, diags)
            .ok()
            .flatten();
        if let (Some(p), Some(g)) = (passed, gazette)
            && g < p
        {
            diags.push(
                row.error_at(
                    Col::Gazette,
                    format!("published in the gazette ({g}) before it was passed ({p})"),
                )
                .hint("check both dates; they are in the council's calendar"),
            );
        }
        for column in [Col::Amends, Col::Repeals] {
            if let Some(named) = row.str(column) {
                if Some(named) == reference.as_deref() {
                    diags.push(
                        row.error_at(column, format!("law {named} names itself"))
                            .hint("write the ref of the earlier law this one changes"),
                    );
                } else {
                    links.push((row.error_at(column, ""), named.to_string()));
                }
            }
        }
        let document = files::link_cell(&row, Col::Document, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(reference), Some(kind_text), Some(title)) = (reference, kind_text, title) else {
            continue;
        };
        items.push(Law {
            line: row.line(),
            reference,
            kind: Type::of(kind_text.key("")),
            kind_text,
            title,
            number: row.str(Col::Number).map(str::to_string),
            passed,
            gazette,
            amends: row.str(Col::Amends).map(str::to_string),
            repeals: row.str(Col::Repeals).map(str::to_string),
            summary: Some(row.text(Col::Summary)).filter(|t| !t.is_empty()),
            document,
            text: row.str(Col::Text).map(page_of),
        });
    }
    let known: std::collections::BTreeSet<&str> =
        items.iter().map(|l| l.reference.as_str()).collect();
    for (at, named) in &links {
        if !known.contains(named.as_str()) {
            let mut d = at.clone();
            d.message = format!("no law in laws.csv has the ref {named}");
            diags
                .push(d.hint("write the ref of a law listed in laws.csv, or leave the cell empty"));
        }
    }
    items.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| b.day().cmp(&a.day()))
            .then(a.line.cmp(&b.line))
    });
    Some(Laws { items })
}

/// The page a `text` cell names: `pages/finance-act.md`, `finance-act.md` or `finance-act`.
pub fn page_of(cell: &str) -> String {
    let cell = cell.trim().replace('\\', "/");
    let name = cell.strip_prefix("pages/").unwrap_or(&cell);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// An error for each row whose `text` names no free page of the council: `texts` are
/// (line, what the row is, the page named).
pub fn check_texts<'a>(
    texts: impl Iterator<Item = (usize, String, &'a String)>,
    pages: &[crate::model::Page],
    shown: &std::path::Path,
    diags: &mut Diagnostics,
) {
    for (line, what, name) in texts {
        if !pages.iter().any(|p| &p.name == name) {
            diags.push(
                crate::diagnostics::Diagnostic::error(
                    shown,
                    format!("{what}: there is no page pages/{name}.md for its text"),
                )
                .at(line, 1)
                .hint(
                    "write the text in pages/<name>.md and its name in the text column, or \
                     leave the cell empty",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_read_in_the_councils_words() {
        assert_eq!(Type::of("ऐन"), Type::Act);
        assert_eq!(Type::of("कार्यविधि"), Type::Procedure);
        assert_eq!(Type::of("বিধিমালা"), Type::Regulation);
        assert_eq!(Type::of("Guidelines"), Type::Guideline);
        assert_eq!(Type::of("circular"), Type::Other);
    }
}
