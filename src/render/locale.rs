//! Everything that depends on the reader's language: interface strings, digits, grouping,
//! dates and fiscal-year labels. Views receive finished strings; templates do no formatting.

use crate::calendar::{Calendar, Date, FiscalYear};
use crate::model::Site;
use crate::numbers::{Amount, Digits, NumberFormat, in_words};
use crate::text::{Shown, Text};
use icu_plurals::{PluralCategory, PluralRules};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

pub use crate::load::theme::Strings;

/// Languages written right to left.
pub fn is_rtl(lang: &str) -> bool {
    matches!(
        crate::text::primary_subtag(lang),
        "ur" | "ar" | "fa" | "ps" | "sd" | "ks" | "he" | "dv"
    )
}

/// The CLDR plural rules of a language (cardinal numbers); `None` for a tag ICU cannot read.
pub fn plural_rules(lang: &str) -> Option<PluralRules> {
    let locale = icu_locale_core::Locale::try_from_str(lang).ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

/// The key of the form of `key` for `count` things, by the language's CLDR plural rules:
/// `<key>_zero`, `<key>_one`, `<key>_two`, `<key>_few` or `<key>_many` when `strings`
/// holds it, else `key` itself, the "other" form ("1 service", "2 services"; Bengali and
/// Hindi use the "one" form for 0 too, Dzongkha has only one form).
pub fn plural_key(strings: &Strings, rules: Option<&PluralRules>, key: &str, count: u64) -> String {
    let suffix = match rules.map(|r| r.category_for(count)) {
        Some(PluralCategory::Zero) => "zero",
        Some(PluralCategory::One) => "one",
        Some(PluralCategory::Two) => "two",
        Some(PluralCategory::Few) => "few",
        Some(PluralCategory::Many) => "many",
        Some(PluralCategory::Other) | None => return key.to_string(),
    };
    let form = format!("{key}_{suffix}");
    if strings.contains_key(&form) {
        form
    } else {
        key.to_string()
    }
}

/// Ranges of numbers in content text ("بجٹ 2023-24 کی منظوری") each put between
/// LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE, so a right-to-left page shows
/// "2023-24", not "24-2023" (see `Locale::isolated`); `None` when the text has none.
pub fn isolate_ranges(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_numeric());
    let mut out = String::with_capacity(text.len() + 6);
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        // A run of digits, then one or more "separator and digits" groups.
        let start = i;
        let mut end = i;
        while digit(end) {
            end += 1;
        }
        let mut range_end = end;
        while end > start
            && matches!(chars.get(range_end), Some('-' | '–' | '/'))
            && digit(range_end + 1)
        {
            range_end += 1;
            while digit(range_end) {
                range_end += 1;
            }
        }
        if range_end > end {
            found = true;
            out.push('\u{2066}');
            out.extend(&chars[start..range_end]);
            out.push('\u{2069}');
            i = range_end;
        } else if end > start {
            out.extend(&chars[start..end]);
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    found.then_some(out)
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

/// `template` with each `{name}` of `args` replaced by its value, in one pass: a value is
/// copied as it is, never searched for placeholders itself. A `{…}` naming no argument is
/// kept.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub struct Locale<'a> {
    pub lang: &'a str,
    pub default_lang: &'a str,
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub numbers: NumberFormat,
    plurals: Option<PluralRules>,
    fallback_used: Cell<bool>,
    /// Each date as shown, made once: a council's decisions and projects show the same
    /// dates in lists, year pages and their own pages.
    dates: RefCell<HashMap<Date, DateTexts, rustc_hash::FxBuildHasher>>,
}

/// A date as pages show it: in the council's calendar, as ISO for `<time datetime>`, and
/// its Gregorian equivalent when the council's calendar is another.
#[derive(Clone)]
struct DateTexts {
    text: String,
    iso: Option<String>,
    ad: Option<String>,
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
            plurals: plural_rules(lang),
            fallback_used: Cell::new(false),
            dates: RefCell::default(),
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
        fill(self.strings.get(key).map_or(key, String::as_str), args)
    }

    /// An interface string about `count` things, with `{count}` filled, in the plural form
    /// the language uses for that number (see `plural_key`).
    pub fn tn(&self, key: &str, count: u64) -> String {
        self.plural(key, count, &[("count", &self.int(count))])
    }

    /// The form of `key` for `count` things, with the placeholders `args` filled (the
    /// number the form agrees with need not be `{count}`: "1 of 2 lines").
    pub fn plural(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let form = plural_key(self.strings, self.plurals.as_ref(), key, count);
        self.tf(&form, args)
    }

    /// A currency named in words ("Nepalese rupees" for NPR), or its code when the theme
    /// has no `currency_<CODE>` string.
    pub fn currency(&self, code: &str) -> String {
        self.strings
            .get(&format!("currency_{code}"))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// Content text for this reader; remembers when a fallback language was used.
    pub fn text(&self, text: &Text) -> Shown {
        let mut shown = text.get(self.lang, self.default_lang);
        if shown.is_fallback() {
            self.fallback_used.set(true);
        }
        if self.rtl()
            && shown.lang.is_none()
            && let Some(isolated) = isolate_ranges(&shown.text)
        {
            shown.text = isolated;
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
        self.isolated(self.numbers.amount_auto(a))
    }

    /// A figure of a dataset with every decimal it has (up to the four an amount keeps),
    /// and at least two when it has any, as [`Locale::amount`] shows them: `24.933` stays
    /// `24.933` where that would round it to `24.93`; `1.5` is `1.50`.
    pub fn figure(&self, a: Amount) -> String {
        let plain = a.plain();
        let decimals = plain
            .split_once('.')
            .map_or(0, |(_, f)| f.trim_end_matches('0').len());
        if decimals <= 2 {
            return self.amount(a);
        }
        let decimals = u8::try_from(decimals).unwrap_or(4).min(4);
        self.isolated(self.numbers.amount(a, decimals))
    }

    pub fn opt_amount(&self, a: Option<Amount>) -> String {
        a.map_or_else(|| "—".to_string(), |a| self.amount(a))
    }

    /// A large sum in words of lakh and crore, shown next to the full figure.
    pub fn amount_words(&self, a: Amount) -> Option<String> {
        in_words(a, self.lang, &self.numbers)
    }

    pub fn percent(&self, value: Option<f64>) -> String {
        value.map_or_else(
            || "—".to_string(),
            |v| self.isolated(self.numbers.percent(v, 1)),
        )
    }

    pub fn signed_percent(&self, value: Option<f64>) -> String {
        match value {
            Some(v) if v > 0.0 => self.isolated(format!("+{}", self.numbers.percent(v, 1))),
            Some(v) => self.isolated(self.numbers.percent(v, 1)),
            None => "—".to_string(),
        }
    }

    pub fn decimal(&self, value: f64, decimals: u8) -> String {
        self.isolated(self.numbers.decimal(value, decimals))
    }

    /// A figure, percentage or fiscal-year range kept as one left-to-right unit on a
    /// right-to-left page: between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE.
    /// Without them the bidi algorithm reads "2023-24" after Urdu letters as two Arabic
    /// numbers around a neutral and shows "24-2023", and "45 %" as "% 45". The marks are
    /// text, so they work with no style sheet and wherever the figure goes: headings,
    /// table cells, captions, the page title, attributes and the chart's SVG, where
    /// neither `<bdi>` nor a `dir` attribute can be put. Left-to-right pages are unchanged.
    pub fn isolated(&self, s: String) -> String {
        if self.rtl() {
            format!("\u{2066}{s}\u{2069}")
        } else {
            s
        }
    }

    /// Digits of a plain string (years, references) in the reader's script.
    pub fn digits(&self, s: &str) -> String {
        self.numbers.digits(s)
    }

    pub fn fiscal_year(&self, fy: FiscalYear) -> String {
        self.isolated(self.digits(&fy.label(self.site.fiscal_year_style)))
    }

    /// A date in the council's calendar, written the way the reader's language writes it.
    pub fn date(&self, d: Date) -> String {
        self.date_texts(d, |t| t.text.clone())
    }

    /// `f` of the texts of `d`, made on first use.
    fn date_texts<T>(&self, d: Date, f: impl FnOnce(&DateTexts) -> T) -> T {
        if let Some(texts) = self.dates.borrow().get(&d) {
            return f(texts);
        }
        let cal = self.site.calendar;
        let gregorian = cal.to_gregorian(d);
        let texts = DateTexts {
            text: self.date_in(cal, d),
            iso: gregorian.map(|g| format!("{:04}-{:02}-{:02}", g.year, g.month, g.day)),
            ad: gregorian
                .filter(|_| cal == Calendar::BikramSambat)
                .map(|g| {
                    self.tf(
                        "ad_date",
                        &[("date", &self.date_in(Calendar::Gregorian, g))],
                    )
                }),
        };
        let out = f(&texts);
        self.dates.borrow_mut().insert(d, texts);
        out
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
        self.date_texts(d, |t| t.ad.clone())
    }

    /// ISO date for `<time datetime>`, always Gregorian.
    pub fn iso(&self, d: Date) -> Option<String> {
        self.date_texts(d, |t| t.iso.clone())
    }
}

#[cfg(test)]
mod plural_tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let args = [("date", "२०८० साउन १"), ("count", "3")];
        assert_eq!(fill("({date} ई.सं.)", &args), "(२०८० साउन १ ई.सं.)");
        assert_eq!(fill("{count} of {count}", &args), "3 of 3");
        assert_eq!(fill("{other} and {count}", &args), "{other} and 3");
        assert_eq!(fill("open { and }", &args), "open { and }");
        assert_eq!(fill("{", &args), "{");
        assert_eq!(fill("{count", &args), "{count");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
        // A value is not searched for placeholders of the arguments after it.
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
    }

    #[test]
    fn ranges_of_numbers_in_text_are_isolated() {
        assert_eq!(
            isolate_ranges("بجٹ 2023-24 کی منظوری").as_deref(),
            Some("بجٹ \u{2066}2023-24\u{2069} کی منظوری")
        );
        assert_eq!(
            isolate_ranges("2080/81–2081/82").as_deref(),
            Some("\u{2066}2080/81–2081/82\u{2069}")
        );
        assert_eq!(isolate_ranges("کراچی 75300, 5 -"), None);
        assert_eq!(isolate_ranges("-24"), None);
    }

    fn strings() -> Strings {
        [("n", "other {count}"), ("n_one", "one {count}")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn form(lang: &str, count: u64) -> String {
        plural_key(&strings(), plural_rules(lang).as_ref(), "n", count)
    }

    #[test]
    fn forms_follow_each_languages_cldr_rules() {
        // English, Nepali and Urdu: "one" for 1 only.
        for lang in ["en", "ne", "ur"] {
            assert_eq!(
                [form(lang, 0), form(lang, 1), form(lang, 2)],
                ["n", "n_one", "n"]
            );
        }
        // Bengali and Hindi: "one" for 0 and 1.
        for lang in ["bn", "hi"] {
            assert_eq!(
                [form(lang, 0), form(lang, 1), form(lang, 2)],
                ["n_one", "n_one", "n"]
            );
        }
        // Dzongkha has one form for every number.
        assert_eq!(form("dz", 1), "n");
        // A form the strings do not hold, or a tag ICU cannot read, falls back to `key`.
        assert_eq!(
            plural_key(&Strings::new(), plural_rules("en").as_ref(), "n", 1),
            "n"
        );
        assert_eq!(form("not a tag", 1), "n");
    }
}
