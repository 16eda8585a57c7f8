//! Everything that depends on the reader's language: interface strings, digits, grouping,
//! dates and fiscal-year labels. Views receive finished strings; templates do no formatting.

use crate::calendar::{Calendar, Date, FiscalYear};
use crate::model::Site;
use crate::numbers::{Amount, Digits, NumberFormat, in_words};
use crate::text::{Shown, Text};
use std::cell::Cell;

pub use crate::load::theme::Strings;

/// Languages written right to left.
pub fn is_rtl(lang: &str) -> bool {
    matches!(
        lang.split('-').next().unwrap_or(lang),
        "ur" | "ar" | "fa" | "ps" | "sd" | "ks" | "he" | "dv"
    )
}

/// Each language's name in its own script, for the language switcher.
pub fn autonym(lang: &str) -> &str {
    match lang {
        "ne" => "नेपाली",
        "en" => "English",
        "bn" => "বাংলা",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "dz" => "རྫོང་ཁ",
        "mai" => "मैथिली",
        "new" => "नेपाल भाषा",
        "ta" => "தமிழ்",
        "si" => "සිංහල",
        "pa" => "ਪੰਜਾਬੀ",
        other => other,
    }
}

pub struct Locale<'a> {
    pub lang: &'a str,
    pub default_lang: &'a str,
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub numbers: NumberFormat,
    fallback_used: Cell<bool>,
}

impl<'a> Locale<'a> {
    pub fn new(lang: &'a str, site: &'a Site, strings: &'a Strings) -> Self {
        let digits = if site.latin_digits {
            Digits::Latin
        } else {
            Digits::for_lang(lang)
        };
        Locale {
            lang,
            default_lang: site.default_lang(),
            site,
            strings,
            numbers: NumberFormat {
                digits,
                grouping: site.grouping,
            },
            fallback_used: Cell::new(false),
        }
    }

    pub fn rtl(&self) -> bool {
        is_rtl(self.lang)
    }

    /// An interface string.
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// An interface string with `{name}` placeholders filled.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// An interface string about `count` things, with `{count}` filled: the `<key>_one`
    /// string when `count` is 1 ("1 service", not "1 services").
    pub fn tn(&self, key: &str, count: u64) -> String {
        let one = format!("{key}_one");
        let key = if count == 1 && self.strings.get(&one).is_some() {
            one.as_str()
        } else {
            key
        };
        self.tf(key, &[("count", &self.int(count))])
    }

    /// Content text for this reader; remembers when a fallback language was used.
    pub fn text(&self, text: &Text) -> Shown {
        let shown = text.get(self.lang, self.default_lang);
        if shown.is_fallback() {
            self.fallback_used.set(true);
        }
        shown
    }

    pub fn opt_text(&self, text: Option<&Text>) -> Option<Shown> {
        text.filter(|t| !t.is_empty()).map(|t| self.text(t))
    }

    /// Records that the page shows text not translated into the reader's language.
    pub fn mark_fallback(&self) {
        self.fallback_used.set(true);
    }

    /// Whether any text shown since the last call fell back to another language.
    pub fn take_fallback(&self) -> bool {
        self.fallback_used.replace(false)
    }

    pub fn int(&self, n: u64) -> String {
        self.numbers.integer(i64::try_from(n).unwrap_or(i64::MAX))
    }

    pub fn amount(&self, a: Amount) -> String {
        self.numbers.amount_auto(a)
    }

    pub fn opt_amount(&self, a: Option<Amount>) -> String {
        a.map_or_else(|| "—".to_string(), |a| self.amount(a))
    }

    /// A large sum in words of lakh and crore, shown next to the full figure.
    pub fn amount_words(&self, a: Amount) -> Option<String> {
        in_words(a, self.lang, &self.numbers)
    }

    pub fn percent(&self, value: Option<f64>) -> String {
        value.map_or_else(|| "—".to_string(), |v| self.numbers.percent(v, 1))
    }

    pub fn signed_percent(&self, value: Option<f64>) -> String {
        match value {
            Some(v) if v > 0.0 => format!("+{}", self.numbers.percent(v, 1)),
            Some(v) => self.numbers.percent(v, 1),
            None => "—".to_string(),
        }
    }

    pub fn decimal(&self, value: f64, decimals: u8) -> String {
        self.numbers.decimal(value, decimals)
    }

    /// Digits of a plain string (years, references) in the reader's script.
    pub fn digits(&self, s: &str) -> String {
        self.numbers.digits(s)
    }

    pub fn fiscal_year(&self, fy: FiscalYear) -> String {
        self.digits(&fy.label(self.site.fiscal_year_style))
    }

    /// A date in the council's calendar, written the way the reader's language writes it.
    pub fn date(&self, d: Date) -> String {
        self.date_in(self.site.calendar, d)
    }

    fn date_in(&self, cal: Calendar, d: Date) -> String {
        let month = cal.month_name(d.month, self.lang);
        let day = self.digits(&d.day.to_string());
        let year = self.digits(&d.year.to_string());
        match self.lang {
            "ne" | "hi" if cal == Calendar::BikramSambat => format!("{year} {month} {day}"),
            "en" if cal == Calendar::BikramSambat => format!("{day} {month} {year} BS"),
            _ => format!("{day} {month} {year}"),
        }
    }

    /// The Gregorian equivalent of a Bikram Sambat date, for showing beside it.
    pub fn date_ad(&self, d: Date) -> Option<String> {
        (self.site.calendar == Calendar::BikramSambat)
            .then(|| self.site.calendar.to_gregorian(d))
            .flatten()
            .map(|g| {
                self.tf(
                    "ad_date",
                    &[("date", &self.date_in(Calendar::Gregorian, g))],
                )
            })
    }

    /// ISO date for `<time datetime>`, always Gregorian.
    pub fn iso(&self, d: Date) -> Option<String> {
        self.site
            .calendar
            .to_gregorian(d)
            .map(|g| format!("{:04}-{:02}-{:02}", g.year, g.month, g.day))
    }
}
