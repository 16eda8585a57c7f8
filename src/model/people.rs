//! `people.csv`: who is who: elected representatives (post, ward, term), officers and
//! staff (post, section, room), their contacts as the council publishes them, and the named
//! roles citizens look for: the chief administrative officer, the information officer, the
//! grievance-hearing officer and the spokesperson.

use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::load::{Column, Schema, Table};
use crate::model::dates::{self, Dating};
use crate::text::Text;

crate::load::table::columns! {
    /// The columns of people.csv, in the order the header check lists them.
    pub enum Col {
        Name: Column::required("name").text(),
        Post: Column::required("post").text(),
        Group: Column::required("group"),
        Role: Column::optional("role"),
        Ward: Column::optional("ward"),
        Section: Column::optional("section").text(),
        Room: Column::optional("room").text(),
        Phone: Column::optional("phone"),
        Email: Column::optional("email"),
        TermStart: Column::optional("term_start"),
        TermEnd: Column::optional("term_end"),
        // Written by the downloads next to Bikram Sambat dates; ignored when read back.
        TermStartAd: Column::optional("term_start_ad"),
        TermEndAd: Column::optional("term_end_ad"),
    }
}

pub const SCHEMA: Schema = Col::SCHEMA;

/// Elected or appointed: the directory lists them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Elected,
    Staff,
}

impl Group {
    const WORDS: &[(Group, &[&str])] = &[
        (
            Group::Elected,
            &[
                "elected",
                "representative",
                "जनप्रतिनिधि",
                "निर्वाचित",
                "জনপ্রতিনিধি",
                "নির্বাচিত",
                "منتخب",
                "منتخب نمائندہ",
            ],
        ),
        (
            Group::Staff,
            &[
                "staff",
                "officer",
                "employee",
                "कर्मचारी",
                "अधिकारी",
                "কর্মকর্তা",
                "কর্মচারী",
                "افسر",
                "عملہ",
                "ملازم",
            ],
        ),
    ];

    pub fn of(word: &str) -> Option<Group> {
        let w = word.trim().to_lowercase();
        Self::WORDS
            .iter()
            .find(|(_, words)| words.contains(&w.as_str()))
            .map(|(g, _)| *g)
    }
}

/// A role citizens look for by name, whoever holds the post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    ChiefAdministrativeOfficer,
    InformationOfficer,
    GrievanceOfficer,
    Spokesperson,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::ChiefAdministrativeOfficer,
        Role::InformationOfficer,
        Role::GrievanceOfficer,
        Role::Spokesperson,
    ];

    pub fn of(word: &str) -> Option<Role> {
        let w = word.trim().to_lowercase().replace(['_', ' '], "-");
        match w.as_str() {
            "chief-administrative-officer"
            | "cao"
            | "executive-officer"
            | "प्रमुख-प्रशासकीय-अधिकृत"
            | "নির্বাহী-কর্মকর্তা"
            | "উপজেলা-নির্বাহী-অফিসার" => {
                Some(Role::ChiefAdministrativeOfficer)
            }
            "information-officer"
            | "सूचना-अधिकारी"
            | "দায়িত্বপ্রাপ্ত-কর্মকর্তা"
            | "তথ্য-কর্মকর্তা"
            | "انفارمیشن-افسر" => Some(Role::InformationOfficer),
            "grievance-officer"
            | "grievance-hearing-officer"
            | "गुनासो-सुन्ने-अधिकारी"
            | "অভিযোগ-নিষ্পত্তি-কর্মকর্তা"
            | "شکایات-افسر" => Some(Role::GrievanceOfficer),
            "spokesperson" | "प्रवक्ता" | "মুখপাত্র" | "ترجمان" => {
                Some(Role::Spokesperson)
            }
            _ => None,
        }
    }

    /// The interface string naming the role, also its code in downloads after `role_`.
    pub fn key(self) -> &'static str {
        match self {
            Role::ChiefAdministrativeOfficer => "role_chief_administrative_officer",
            Role::InformationOfficer => "role_information_officer",
            Role::GrievanceOfficer => "role_grievance_officer",
            Role::Spokesperson => "role_spokesperson",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::ChiefAdministrativeOfficer => "chief-administrative-officer",
            Role::InformationOfficer => "information-officer",
            Role::GrievanceOfficer => "grievance-officer",
            Role::Spokesperson => "spokesperson",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub line: usize,
    pub name: Text,
    pub post: Text,
    pub group: Group,
    pub roles: Vec<Role>,
    pub ward: Option<u32>,
    pub section: Option<Text>,
    pub room: Option<Text>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub term_start: Option<Date>,
    pub term_end: Option<Date>,
}

/// In the file's order, which is the order of rank the council chose.
#[derive(Clone, Debug, Default)]
pub struct People {
    pub items: Vec<Person>,
}

impl People {
    /// Who holds `role`, if the file says.
    pub fn with_role(&self, role: Role) -> Option<&Person> {
        self.items.iter().find(|p| p.roles.contains(&role))
    }
}

pub fn resolve(table: &Table, dating: &Dating, diags: &mut Diagnostics) -> Option<People> {
    let binding = table.bind(SCHEMA, false, diags)?;
    let mut items = Vec::new();
    for row in table.rows(&binding) {
        let before = diags.error_count();
        let name = row.required_text(Col::Name, diags);
        let post = row.required_text(Col::Post, diags);
        let group = match row.str(Col::Group) {
            Some(word) => Group::of(word).or_else(|| {
                diags.push(
                    row.error_at(Col::Group, format!("\"{word}\" is not a group"))
                        .hint("write elected (a representative) or staff (an officer or employee)"),
                );
                None
            }),
            None => {
                diags
                    .push(row.error_at(Col::Group, "group is empty").hint(
                        "write elected (a representative) or staff (an officer or employee)",
                    ));
                None
            }
        };
        let mut roles = Vec::new();
        for word in row.str(Col::Role).into_iter().flat_map(|r| r.split(';')) {
            match Role::of(word) {
                Some(role) => roles.push(role),
                None if word.trim().is_empty() => {}
                None => diags.push(
                    row.error_at(Col::Role, format!("\"{}\" is not a role Khula knows", word.trim()))
                        .hint("write chief-administrative-officer, information-officer, grievance-officer or spokesperson (several with ;), or leave the cell empty"),
                ),
            }
        }
        let ward = row.integer_in(Col::Ward, 0, 999, diags).ok().flatten();
        let term_start = dates::date(&row, Col::TermStart, dating, diags)
            .ok()
            .flatten();
        let term_end = dates::date(&row, Col::TermEnd, dating, diags)
            .ok()
            .flatten();
        if let (Some(s), Some(e)) = (term_start, term_end)
            && e < s
        {
            diags.push(
                row.error_at(
                    Col::TermEnd,
                    format!("the term ends ({e}) before it starts ({s})"),
                )
                .hint("check both dates; they are in the council's calendar"),
            );
        }
        let email = row.str(Col::Email).map(str::to_string);
        if let Some(e) = &email
            && (!e.contains('@') || e.contains(char::is_whitespace))
        {
            diags.push(
                row.error_at(Col::Email, format!("\"{e}\" is not an email address"))
                    .hint("write one address, e.g. info@example.gov.np, or leave the cell empty"),
            );
        }
        if diags.error_count() > before {
            continue;
        }
        let (Some(name), Some(post), Some(group)) = (name, post, group) else {
            continue;
        };
        let text = |column: Col| Some(row.text(column)).filter(|t| !t.is_empty());
        items.push(Person {
            line: row.line(),
            name,
            post,
            group,
            roles,
            ward: ward.and_then(|w| u32::try_from(w).ok()),
            section: text(Col::Section),
            room: text(Col::Room),
            phone: row.str(Col::Phone).map(str::to_string),
            email,
            term_start,
            term_end,
        });
    }
    Some(People { items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_roles_are_read_in_the_councils_words() {
        assert_eq!(Group::of("जनप्रतिनिधि"), Some(Group::Elected));
        assert_eq!(Group::of("Staff"), Some(Group::Staff));
        assert_eq!(Group::of("volunteer"), None);
        assert_eq!(
            Role::of("Information Officer"),
            Some(Role::InformationOfficer)
        );
        assert_eq!(Role::of("सूचना अधिकारी"), Some(Role::InformationOfficer));
        assert_eq!(Role::of("cao"), Some(Role::ChiefAdministrativeOfficer));
        assert_eq!(Role::of("treasurer"), None);
    }
}
