//! `site.yaml`: the council's identity, languages, calendar and contacts.

use crate::calendar::{Calendar, Date, FiscalYearStyle, MonthDay};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, yaml};
use crate::numbers::Grouping;
use crate::text::{Text, is_language_code};
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: Spanned<Text>,
    kind: Option<Text>,
    country: Option<Spanned<String>>,
    province: Option<Text>,
    district: Option<Text>,
    languages: Spanned<Vec<String>>,
    currency: Option<String>,
    calendar: Option<Spanned<String>>,
    fiscal_year_start: Option<Spanned<String>>,
    #[serde(alias = "license")]
    licence: Option<String>,
    base_url: Option<Spanned<String>>,
    contact: Option<Contact>,
    grievance: Option<GrievanceChannels>,
    theme: Option<Spanned<String>>,
    #[serde(default)]
    sample: bool,
    number_grouping: Option<Spanned<String>>,
    #[serde(default)]
    latin_digits: bool,
    tagline: Option<Text>,
    /// When each fixed file's data was last updated, by the file's name without `.csv`.
    #[serde(default)]
    updated: std::collections::BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub address: Option<Text>,
    pub phone: Option<Text>,
    pub toll_free: Option<Text>,
    pub email: Option<Text>,
    pub office_hours: Option<Text>,
    pub website: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrievanceChannels {
    pub toll_free: Option<Text>,
    pub sms: Option<Text>,
    pub email: Option<Text>,
    pub office: Option<Text>,
    pub service_level_days: Option<u32>,
    pub url: Option<Text>,
}

/// A council's resolved settings, with country defaults filled in.
#[derive(Debug, Clone)]
pub struct Site {
    pub name: Text,
    pub kind: Option<Text>,
    pub country: String,
    pub province: Option<Text>,
    pub district: Option<Text>,
    /// At least one; the first is the default language.
    pub languages: Vec<String>,
    pub currency: String,
    pub calendar: Calendar,
    /// Whether `calendar:` is written in site.yaml (else it is the country's default).
    pub calendar_in_site_yaml: bool,
    pub fiscal_year_start: MonthDay,
    pub fiscal_year_style: FiscalYearStyle,
    pub licence: String,
    pub base_url: Option<String>,
    pub contact: Contact,
    pub grievance: GrievanceChannels,
    pub theme: Option<String>,
    pub sample: bool,
    pub grouping: Grouping,
    pub latin_digits: bool,
    pub tagline: Option<Text>,
    /// `updated:` in site.yaml: the day each fixed file's data was last updated, in the
    /// council's calendar, by the file's name without `.csv` (`budget`, `tax-rates`).
    pub updated: std::collections::BTreeMap<String, Date>,
}

impl Site {
    pub fn default_lang(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }
}

/// Defaults that follow from the country: calendar, fiscal-year start, currency.
fn country_defaults(country: &str) -> (Calendar, MonthDay, &'static str) {
    let md = |month, day| MonthDay { month, day };
    match country {
        "NP" => (Calendar::BikramSambat, md(4, 1), "NPR"),
        "BD" => (Calendar::Gregorian, md(7, 1), "BDT"),
        "PK" => (Calendar::Gregorian, md(7, 1), "PKR"),
        "BT" => (Calendar::Gregorian, md(7, 1), "BTN"),
        "IN" => (Calendar::Gregorian, md(4, 1), "INR"),
        _ => (Calendar::Gregorian, md(1, 1), ""),
    }
}

/// Countries whose readers group digits as 1,23,45,678.
fn groups_south_asian(country: &str) -> bool {
    matches!(country, "NP" | "IN" | "BD" | "PK" | "BT")
}

fn at(file: &SourceFile, span: &serde_saphyr::Location, message: String) -> Diagnostic {
    let line = span.line() as usize;
    let column = span.column() as usize;
    Diagnostic::error(&file.shown, message).at_source(&file.text, line.max(1), column.max(1), 1)
}

/// The sections of site.yaml, for a key written at the top level by mistake.
const SECTIONS: &[yaml::Section] = &[
    yaml::Section {
        key: "contact",
        keys: &[
            "address",
            "phone",
            "toll_free",
            "email",
            "office_hours",
            "website",
        ],
    },
    yaml::Section {
        key: "grievance",
        keys: &[
            "toll_free",
            "sms",
            "email",
            "office",
            "service_level_days",
            "url",
        ],
    },
];

pub fn resolve(file: &SourceFile, diags: &mut Diagnostics) -> Option<Site> {
    let raw: RawSite = match yaml::parse_with_sections(&file.text, &file.shown, 0, SECTIONS) {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut ok = true;
    if raw.name.value.is_empty() {
        diags.push(
            at(file, &raw.name.referenced, "name is empty".to_string())
                .hint("write the council's name, e.g. name: {ne: धनगढी उपमहानगरपालिका, en: Dhangadhi Sub-Metropolitan City}"),
        );
        ok = false;
    }

    let country = match &raw.country {
        Some(c) => {
            let code = c.value.trim().to_ascii_uppercase();
            if code.len() != 2 || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
                diags.push(
                    at(
                        file,
                        &c.referenced,
                        format!("\"{}\" is not a country code", c.value),
                    )
                    .hint("write the two-letter ISO 3166 code: NP, BD, PK, IN or BT"),
                );
                ok = false;
            }
            code
        }
        None => String::new(),
    };
    let (default_cal, default_fy, default_currency) = country_defaults(&country);

    let mut languages = Vec::new();
    for lang in &raw.languages.value {
        let lang = lang.trim();
        if !is_language_code(lang) {
            diags.push(
                at(file, &raw.languages.referenced, format!("\"{lang}\" is not a language code"))
                    .hint("write codes like [ne, en]; ne Nepali, bn Bengali, ur Urdu, hi Hindi, dz Dzongkha, en English"),
            );
            ok = false;
        } else if languages.iter().any(|l| l == lang) {
            diags.push(
                at(
                    file,
                    &raw.languages.referenced,
                    format!("language {lang} is listed twice"),
                )
                .hint("list each language once"),
            );
        } else {
            languages.push(lang.to_string());
        }
    }
    if raw.languages.value.is_empty() {
        diags.push(
            at(
                file,
                &raw.languages.referenced,
                "languages is empty".to_string(),
            )
            .hint("list at least one language, the default first, e.g. languages: [ne, en]"),
        );
        ok = false;
    }

    let calendar = match &raw.calendar {
        Some(c) => match Calendar::from_name(c.value.trim()) {
            Some(cal) => cal,
            None => {
                diags.push(
                    at(
                        file,
                        &c.referenced,
                        format!("unknown calendar \"{}\"", c.value),
                    )
                    .hint("write bikram-sambat or gregorian"),
                );
                ok = false;
                default_cal
            }
        },
        None => default_cal,
    };
    let fiscal_year_start = match &raw.fiscal_year_start {
        Some(s) => match MonthDay::parse(s.value.trim()) {
            Some(md)
                if calendar
                    .days_in_month(2000, md.month)
                    .is_some_and(|max| md.day >= 1 && md.day <= max.max(29)) =>
            {
                md
            }
            _ => {
                diags.push(
                    at(file, &s.referenced, format!("\"{}\" is not a month and day", s.value))
                        .hint("write MM-DD in the council's calendar, e.g. 04-01 (Shrawan 1) or 07-01 (1 July)"),
                );
                ok = false;
                default_fy
            }
        },
        None => default_fy,
    };
    let grouping = match &raw.number_grouping {
        Some(g) => match g.value.trim() {
            "south-asian" | "lakh" | "indian" => Grouping::SouthAsian,
            "western" | "international" => Grouping::Western,
            other => {
                diags.push(
                    at(
                        file,
                        &g.referenced,
                        format!("unknown number_grouping \"{other}\""),
                    )
                    .hint("write south-asian (1,23,45,678) or western (12,345,678)"),
                );
                ok = false;
                Grouping::SouthAsian
            }
        },
        None if groups_south_asian(&country) => Grouping::SouthAsian,
        None => Grouping::Western,
    };
    let base_url = match &raw.base_url {
        Some(u) => {
            let url = u.value.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                diags.push(
                    at(file, &u.referenced, format!("\"{url}\" is not a web address"))
                        .hint("write the full address of the official portal, e.g. https://dhangadhimun.gov.np/"),
                );
                ok = false;
                None
            } else if url.ends_with('/') {
                Some(url.to_string())
            } else {
                Some(format!("{url}/"))
            }
        }
        None => None,
    };
    let theme = match &raw.theme {
        Some(t) if !crate::load::is_valid_slug(t.value.trim()) => {
            diags.push(
                at(
                    file,
                    &t.referenced,
                    format!("\"{}\" is not a theme folder name", t.value),
                )
                .hint("name a folder under themes/, in lowercase letters, digits and -"),
            );
            ok = false;
            None
        }
        Some(t) => Some(t.value.trim().to_string()),
        None => None,
    };
    let mut updated = std::collections::BTreeMap::new();
    for (name, value) in &raw.updated {
        let known = crate::load::CSV_FILES
            .iter()
            .map(|f| f.trim_end_matches(".csv"))
            .find(|f| *f == name.trim().trim_end_matches(".csv"));
        let Some(known) = known else {
            diags.push(
                at(
                    file,
                    &value.referenced,
                    format!("updated: \"{name}\" is not one of the council's files"),
                )
                .hint(format!(
                    "name a file without .csv: {}; a dataset in datasets/ takes updated: in its own .yaml file",
                    crate::load::CSV_FILES
                        .iter()
                        .map(|f| f.trim_end_matches(".csv"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            ok = false;
            continue;
        };
        match crate::model::dates::yaml_date(
            file,
            value,
            &format!("updated: {known}"),
            calendar,
            diags,
        ) {
            Some(date) => {
                updated.insert(known.to_string(), date);
            }
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Site {
        updated,
        name: raw.name.value,
        kind: raw.kind,
        fiscal_year_style: FiscalYearStyle::for_council(&country, fiscal_year_start),
        calendar_in_site_yaml: raw.calendar.is_some(),
        country,
        province: raw.province,
        district: raw.district,
        languages,
        currency: raw
            .currency
            .map(|c| c.trim().to_ascii_uppercase())
            .unwrap_or_else(|| default_currency.to_string()),
        calendar,
        fiscal_year_start,
        licence: raw.licence.unwrap_or_else(|| "CC-BY-4.0".to_string()),
        base_url,
        contact: raw.contact.unwrap_or_default(),
        grievance: raw.grievance.unwrap_or_default(),
        theme,
        sample: raw.sample,
        grouping,
        latin_digits: raw.latin_digits,
        tagline: raw.tagline,
    })
}

/// The parts of a broken `site.yaml` that can still be read, so the council's other files
/// can be checked in the same run. Anything unreadable falls back to neutral defaults.
pub fn lenient(file: &SourceFile) -> Site {
    #[derive(Default, Deserialize)]
    struct Loose {
        country: Option<String>,
        calendar: Option<String>,
        languages: Option<Vec<String>>,
        fiscal_year_start: Option<String>,
    }
    let loose: Loose = serde_saphyr::from_str(&file.text).unwrap_or_default();
    let country = loose
        .country
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    let (default_cal, default_fy, currency) = country_defaults(&country);
    let calendar_written = loose.calendar.is_some();
    let calendar = loose
        .calendar
        .and_then(|c| Calendar::from_name(c.trim()))
        .unwrap_or(default_cal);
    let languages: Vec<String> = loose
        .languages
        .unwrap_or_default()
        .into_iter()
        .filter(|l| is_language_code(l))
        .collect();
    let fiscal_year_start = loose
        .fiscal_year_start
        .and_then(|s| MonthDay::parse(s.trim()))
        .unwrap_or(default_fy);
    Site {
        name: Text::plain("?"),
        kind: None,
        fiscal_year_style: FiscalYearStyle::for_council(&country, fiscal_year_start),
        grouping: if groups_south_asian(&country) {
            Grouping::SouthAsian
        } else {
            Grouping::Western
        },
        country,
        province: None,
        district: None,
        languages: if languages.is_empty() {
            vec!["en".to_string()]
        } else {
            languages
        },
        currency: currency.to_string(),
        calendar_in_site_yaml: calendar_written,
        calendar,
        fiscal_year_start,
        licence: String::new(),
        base_url: None,
        contact: Contact::default(),
        grievance: GrievanceChannels::default(),
        theme: None,
        sample: false,
        latin_digits: false,
        tagline: None,
        updated: std::collections::BTreeMap::new(),
    }
}
