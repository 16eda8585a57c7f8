//! `notices.csv`: the council's notices (सूचना, বিজ্ঞপ্তি, نوٹس): general notices, calls for
//! tenders, vacancies, hearings, audits and meetings, each current until its deadline or
//! expiry and kept afterwards in the archive.

use crate::calendar::{Calendar, Date, days_to_gregorian, gregorian_to_days};
use crate::diagnostics::Diagnostics;
use crate::load::listing::Listing;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::model::files::{self, Target};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of notices.csv, in the order the header check lists them.
    pub enum Col {
        Kind: Column::required("kind").text(),
        Title: Column::required("title").text(),
        Published: Column::required("published"),
        Deadline: Column::optional("deadline"),
        Expires: Column::optional("expires"),
        Ref: Column::optional("ref"),
        Summary: Column::optional("summary").text(),
        Document: Column::optional("document"),
        Text: Column::optional("text"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        PublishedAd: Column::optional("published_ad"),
        DeadlineAd: Column::optional("deadline_ad"),
        ExpiresAd: Column::optional("expires_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// How long a notice with neither a deadline nor an expiry stays current.
pub const CURRENT_DAYS: i64 = 30;

/// What a notice is about, recognised in English and the common local words; anything else
/// is shown as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Notice,
    Tender,
    Vacancy,
    Hearing,
    Audit,
    Meeting,
    Other,
}

impl Kind {
    pub fn of(word: &str) -> Kind {
        let w = word.trim().to_lowercase();
        let is = |words: &[&str]| words.contains(&w.as_str());
        if is(&[
            "notice",
            "सूचना",
            "जानकारी",
            "বিজ্ঞপ্তি",
            "নোটিশ",
            "اطلاع",
            "نوٹس",
        ]) {
            Kind::Notice
        } else if is(&[
            "tender",
            "bid",
            "nit",
            "बोलपत्र",
            "टेन्डर",
            "निविदा",
            "দরপত্র",
            "টেন্ডার",
            "ٹینڈر",
        ]) {
            Kind::Tender
        } else if is(&[
            "vacancy",
            "job",
            "recruitment",
            "रिक्त पद",
            "पदपूर्ति",
            "भर्ती",
            "रिक्ति",
            "নিয়োগ",
            "শূন্য পদ",
            "آسامی",
            "بھرتی",
        ]) {
            Kind::Vacancy
        } else if is(&[
            "hearing",
            "public hearing",
            "सार्वजनिक सुनुवाई",
            "सुनुवाई",
            "जन सुनवाई",
            "গণশুনানি",
            "শুনানি",
            "سماعت",
            "عوامی سماعت",
        ]) {
            Kind::Hearing
        } else if is(&[
            "audit",
            "social audit",
            "सामाजिक परीक्षण",
            "सार्वजनिक परीक्षण",
            "सामाजिक अंकेक्षण",
            "সামাজিক নিরীক্ষা",
            "سوشل آڈٹ",
        ]) {
            Kind::Audit
        } else if is(&["meeting", "बैठक", "सभा", "সভা", "اجلاس", "میٹنگ"])
        {
            Kind::Meeting
        } else {
            Kind::Other
        }
    }

    /// The interface string naming the kind.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Notice => "notice_kind_notice",
            Kind::Tender => "notice_kind_tender",
            Kind::Vacancy => "notice_kind_vacancy",
            Kind::Hearing => "notice_kind_hearing",
            Kind::Audit => "notice_kind_audit",
            Kind::Meeting => "notice_kind_meeting",
            Kind::Other => "notice_kind_other",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub line: usize,
    pub kind: Kind,
    /// The kind as written (shown when it is none of the known ones).
    pub kind_text: Text,
    pub title: Text,
    /// Dates in the council's calendar.
    pub published: Date,
    pub deadline: Option<Date>,
    pub expires: Option<Date>,
    pub reference: Option<String>,
    pub summary: Option<Text>,
    pub document: Option<Target>,
    /// The free page (`pages/<name>.md`) with the notice's full text, by its name.
    pub text: Option<String>,
}

impl Notice {
    /// The last day the notice is current, Gregorian: its expiry, else its deadline, else
    /// [`CURRENT_DAYS`] after it was published.
    pub fn last_day(&self, cal: Calendar) -> Option<Date> {
        match self.expires.or(self.deadline) {
            Some(d) => cal.to_gregorian(d),
            None => cal
                .to_gregorian(self.published)
                .map(|p| days_to_gregorian(gregorian_to_days(p) + CURRENT_DAYS)),
        }
    }

    /// Whether the notice is current on `today` (Gregorian).
    pub fn is_current(&self, cal: Calendar, today: Date) -> bool {
        self.last_day(cal).is_some_and(|last| today <= last)
    }
}

/// Newest first.
#[derive(Clone, Debug, Default)]
pub struct Notices {
    pub items: Vec<Notice>,
}

pub fn resolve(
    table: &Table,
    listing: &Listing,
    dating: &Dating,
    diags: &mut Diagnostics,
) -> Option<Notices> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let kind_text = row.required_text(Col::Kind, diags);
        let title = row.required_text(Col::Title, diags);
        let published = dates::required_date(&row, Col::Published, dating, diags);
        let deadline = dates::date(&row, Col::Deadline, dating, diags)
            .ok()
            .flatten();
        let expires = dates::date(&row, Col::Expires, dating, diags)
            .ok()
            .flatten();
        if let Some(p) = published {
            for (column, day, what) in [
                (Col::Deadline, deadline, "deadline"),
                (Col::Expires, expires, "expiry"),
            ] {
                if let Some(d) = day.filter(|d| *d < p) {
                    diags.push(
                        row.error_at(
                            column,
                            format!("the {what} ({d}) is before the notice was published ({p})"),
                        )
                        .hint("check both dates; they are in the council's calendar"),
                    );
                }
            }
        }
        let document = files::link_cell(&row, Col::Document, listing, diags);
        if diags.error_count() > before {
            continue;
        }
        let (Some(kind_text), Some(title), Some(published)) = (kind_text, title, published) else {
            continue;
        };
        let summary = Some(row.text(Col::Summary)).filter(|t| !t.is_empty());
        items.push(Notice {
            line: row.line(),
            kind: Kind::of(kind_text.key("")),
            kind_text,
            title,
            published,
            deadline,
            expires,
            reference: row.str(Col::Ref).map(str::to_string),
            summary,
            document,
            text: row.str(Col::Text).map(crate::model::laws::page_of),
        });
    }
    items.sort_by(|a, b| b.published.cmp(&a.published).then(a.line.cmp(&b.line)));
    Some(Notices { items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_in_the_councils_words() {
        assert_eq!(Kind::of("बोलपत्र"), Kind::Tender);
        assert_eq!(Kind::of(" Public Hearing "), Kind::Hearing);
        assert_eq!(Kind::of("নিয়োগ"), Kind::Vacancy);
        assert_eq!(Kind::of("سماعت"), Kind::Hearing);
        assert_eq!(Kind::of("circular"), Kind::Other);
    }

    #[test]
    fn a_notice_without_dates_is_current_for_thirty_days() {
        let notice = Notice {
            line: 2,
            kind: Kind::Notice,
            kind_text: Text::plain("notice"),
            title: Text::plain("t"),
            published: Date {
                year: 2024,
                month: 8,
                day: 1,
            },
            deadline: None,
            expires: None,
            reference: None,
            summary: None,
            document: None,
            text: None,
        };
        let day = |d| Date {
            year: 2024,
            month: 8,
            day: d,
        };
        assert!(notice.is_current(Calendar::Gregorian, day(31)));
        assert!(!notice.is_current(
            Calendar::Gregorian,
            Date {
                year: 2024,
                month: 9,
                day: 1
            }
        ));
        let with_deadline = Notice {
            deadline: Some(day(10)),
            ..notice
        };
        assert!(with_deadline.is_current(Calendar::Gregorian, day(10)));
        assert!(!with_deadline.is_current(Calendar::Gregorian, day(11)));
    }
}
