//! `site.yaml`: the council's identity, languages, calendar and contacts.

use crate::calendar::{Calendar, Date, FiscalYearStyle, MonthDay};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, yaml};
use crate::numbers::Grouping;
use crate::text::{Text, is_language_code};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

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
    /// The council's prefix for Open Contracting ids (`ocds-a1b2c3`).
    ocid_prefix: Option<Spanned<String>>,
    contact: Option<Contact>,
    grievance: Option<GrievanceChannels>,
    theme: Option<Spanned<String>>,
    #[serde(default)]
    sample: bool,
    number_grouping: Option<Spanned<String>>,
    #[serde(default)]
    latin_digits: bool,
    tagline: Option<Text>,
    /// `warn` (the default) or `convert`: text typed in a legacy font is converted when
    /// the files are read (see `load::read_council`).
    legacy_fonts: Option<Spanned<String>>,
    /// When each fixed file's data was last updated, by the file's name without `.csv`.
    #[serde(default)]
    updated: BTreeMap<String, Spanned<String>>,
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
    /// The prefix registered with the Open Contracting Partnership for this council's
    /// contracting ids (`ocds-a1b2c3`), if any.
    pub ocid_prefix: Option<String>,
    pub contact: Contact,
    pub grievance: GrievanceChannels,
    pub theme: Option<String>,
    pub sample: bool,
    pub grouping: Grouping,
    pub latin_digits: bool,
    pub tagline: Option<Text>,
    /// `updated:` in site.yaml: the day each fixed file's data was last updated, in the
    /// council's calendar, by the file's name without `.csv` (`budget`, `tax-rates`).
    pub updated: BTreeMap<String, Date>,
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
    let mut check = Checks {
        file,
        diags,
        ok: true,
    };
    if raw.name.value.is_empty() {
        check.error(
            &raw.name.referenced,
            "name is empty".to_string(),
            "write the council's name, e.g. name: {ne: धनगढी उपमहानगरपालिका, en: Dhangadhi Sub-Metropolitan City}",
        );
    }
    let country = check.country(raw.country.as_ref());
    let (default_cal, default_fy, default_currency) = country_defaults(&country);
    let languages = check.languages(&raw.languages);
    let calendar = check.calendar(raw.calendar.as_ref(), default_cal);
    let fiscal_year_start =
        check.fiscal_year_start(raw.fiscal_year_start.as_ref(), calendar, default_fy);
    let grouping = check.grouping(raw.number_grouping.as_ref(), &country);
    let base_url = check.base_url(raw.base_url.as_ref());
    let ocid_prefix = check.ocid_prefix(raw.ocid_prefix.as_ref());
    let theme = check.theme(raw.theme.as_ref());
    let updated = check.updated(&raw.updated, calendar);
    if let Some(setting) = &raw.legacy_fonts
        && !matches!(setting.value.as_str(), "warn" | "convert")
    {
        check.error(
            &setting.referenced,
            format!("legacy_fonts is \"{}\"", setting.value),
            "write legacy_fonts: warn (report text typed in Preeti or Bijoy) or legacy_fonts: convert (convert it when building)",
        );
    }
    if !check.ok {
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
        ocid_prefix,
        contact: raw.contact.unwrap_or_default(),
        grievance: raw.grievance.unwrap_or_default(),
        theme,
        sample: raw.sample,
        grouping,
        latin_digits: raw.latin_digits,
        tagline: raw.tagline,
    })
}

/// The checks of one site.yaml: each reads one setting, reports what is wrong with it, and
/// gives the value to use; `ok` turns false at the first error that stops the council.
struct Checks<'a> {
    file: &'a SourceFile,
    diags: &'a mut Diagnostics,
    ok: bool,
}

impl Checks<'_> {
    /// Reports an error at `span` that stops the council.
    fn error(&mut self, span: &serde_saphyr::Location, message: String, hint: impl Into<String>) {
        self.diags.push(at(self.file, span, message).hint(hint));
        self.ok = false;
    }

    /// The two-letter country code, uppercased ("" when not given).
    fn country(&mut self, country: Option<&Spanned<String>>) -> String {
        let Some(c) = country else {
            return String::new();
        };
        let code = c.value.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
            self.error(
                &c.referenced,
                format!("\"{}\" is not a country code", c.value),
                "write the two-letter ISO 3166 code: NP, BD, PK, IN or BT",
            );
        }
        code
    }

    /// The language codes, each once, the default first.
    fn languages(&mut self, raw: &Spanned<Vec<String>>) -> Vec<String> {
        let mut languages: Vec<String> = Vec::new();
        for lang in &raw.value {
            let lang = lang.trim();
            if !is_language_code(lang) {
                self.error(
                    &raw.referenced,
                    format!("\"{lang}\" is not a language code"),
                    "write codes like [ne, en]; ne Nepali, bn Bengali, ur Urdu, hi Hindi, dz Dzongkha, en English",
                );
            } else if languages.iter().any(|l| l == lang) {
                // Reported, but the council builds: the language is simply listed once.
                self.diags.push(
                    at(
                        self.file,
                        &raw.referenced,
                        format!("language {lang} is listed twice"),
                    )
                    .hint("list each language once"),
                );
            } else {
                languages.push(lang.to_string());
            }
        }
        if raw.value.is_empty() {
            self.error(
                &raw.referenced,
                "languages is empty".to_string(),
                "list at least one language, the default first, e.g. languages: [ne, en]",
            );
        }
        languages
    }

    fn calendar(&mut self, raw: Option<&Spanned<String>>, default: Calendar) -> Calendar {
        let Some(c) = raw else {
            return default;
        };
        Calendar::from_name(c.value.trim()).unwrap_or_else(|| {
            self.error(
                &c.referenced,
                format!("unknown calendar \"{}\"", c.value),
                "write bikram-sambat or gregorian",
            );
            default
        })
    }

    /// The first day of the fiscal year, a month and day that exist in `calendar`.
    fn fiscal_year_start(
        &mut self,
        raw: Option<&Spanned<String>>,
        calendar: Calendar,
        default: MonthDay,
    ) -> MonthDay {
        let Some(s) = raw else {
            return default;
        };
        match MonthDay::parse(s.value.trim()) {
            Some(md)
                if calendar
                    .days_in_month(2000, md.month)
                    .is_some_and(|max| md.day >= 1 && md.day <= max.max(29)) =>
            {
                md
            }
            _ => {
                self.error(
                    &s.referenced,
                    format!("\"{}\" is not a month and day", s.value),
                    "write MM-DD in the council's calendar, e.g. 04-01 (Shrawan 1) or 07-01 (1 July)",
                );
                default
            }
        }
    }

    fn grouping(&mut self, raw: Option<&Spanned<String>>, country: &str) -> Grouping {
        let Some(g) = raw else {
            return if groups_south_asian(country) {
                Grouping::SouthAsian
            } else {
                Grouping::Western
            };
        };
        match g.value.trim() {
            "south-asian" | "lakh" | "indian" => Grouping::SouthAsian,
            "western" | "international" => Grouping::Western,
            other => {
                self.error(
                    &g.referenced,
                    format!("unknown number_grouping \"{other}\""),
                    "write south-asian (1,23,45,678) or western (12,345,678)",
                );
                Grouping::SouthAsian
            }
        }
    }

    /// The portal's own address, ending in `/`.
    fn base_url(&mut self, raw: Option<&Spanned<String>>) -> Option<String> {
        let u = raw?;
        let url = u.value.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            self.error(
                &u.referenced,
                format!("\"{url}\" is not a web address"),
                "write the full address of the official portal, e.g. https://dhangadhimun.gov.np/",
            );
            None
        } else if url.ends_with('/') {
            Some(url.to_string())
        } else {
            Some(format!("{url}/"))
        }
    }

    /// An ocid prefix as the Open Contracting Partnership registers them: `ocds-` and six
    /// letters or digits.
    fn ocid_prefix(&mut self, raw: Option<&Spanned<String>>) -> Option<String> {
        let p = raw?;
        let value = p.value.trim().to_ascii_lowercase();
        let ok = value
            .strip_prefix("ocds-")
            .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()));
        if ok {
            return Some(value);
        }
        self.error(
            &p.referenced,
            format!("\"{}\" is not an ocid prefix", p.value.trim()),
            "write the prefix the Open Contracting Partnership registered for the council, `ocds-` and six letters or digits (e.g. ocid_prefix: ocds-a1b2c3), or leave the key out",
        );
        None
    }

    fn theme(&mut self, raw: Option<&Spanned<String>>) -> Option<String> {
        let t = raw?;
        if crate::load::is_valid_slug(t.value.trim()) {
            return Some(t.value.trim().to_string());
        }
        self.error(
            &t.referenced,
            format!("\"{}\" is not a theme folder name", t.value),
            "name a folder under themes/, in lowercase letters, digits and -",
        );
        None
    }

    /// When each of the council's files was last updated, by file name without `.csv`.
    fn updated(
        &mut self,
        raw: &BTreeMap<String, Spanned<String>>,
        calendar: Calendar,
    ) -> BTreeMap<String, Date> {
        let files = || {
            crate::load::CSV_FILES
                .iter()
                .map(|f| f.trim_end_matches(".csv"))
        };
        let mut updated = BTreeMap::new();
        for (name, value) in raw {
            let Some(known) = files().find(|f| *f == name.trim().trim_end_matches(".csv")) else {
                self.error(
                    &value.referenced,
                    format!("updated: \"{name}\" is not one of the council's files"),
                    format!(
                        "name a file without .csv: {}; a dataset in datasets/ takes updated: in its own .yaml file",
                        files().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            };
            let label = format!("updated: {known}");
            match crate::model::dates::yaml_date(self.file, value, &label, calendar, self.diags) {
                Some(date) => {
                    updated.insert(known.to_string(), date);
                }
                None => self.ok = false,
            }
        }
        updated
    }
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
        ocid_prefix: None,
        contact: Contact::default(),
        grievance: GrievanceChannels::default(),
        theme: None,
        sample: false,
        latin_digits: false,
        tagline: None,
        updated: std::collections::BTreeMap::new(),
    }
}
