//! The languages of the entry pages (the site index, its lists and the comparison): which
//! versions are made, where each is written, its words and digits, and the links between
//! the versions.
//!
//! English stays where it always was (`index.html`, `councils/…`, `compare/…`), so links
//! from outside keep working; every other language a listed council uses has a folder of
//! its own inside each section, as a council portal has one per language inside its
//! folder: `councils/ne/index.html`, `councils/ne/np-koshi.html`, `compare/ne/np.html`.

use crate::load::theme::ThemeFiles;
use crate::model::CouncilSummary;
use crate::numbers::{Digits, Grouping, NumberFormat};
use crate::render::locale::{Strings, autonym, is_rtl, isolate_ranges, plural_key, plural_rules};
use crate::text::{Shown, Text};
use icu_plurals::PluralRules;
use serde::Serialize;
use std::collections::BTreeSet;

/// The language of the entry pages at the top of the output.
pub(crate) const FIRST: &str = "en";

/// The languages of the entry pages for `councils`: English, then every other language
/// a council uses and the theme has strings for, in code order.
pub(crate) fn languages<'a>(
    theme: &ThemeFiles,
    councils: impl IntoIterator<Item = &'a CouncilSummary>,
) -> Vec<String> {
    let mut others = BTreeSet::new();
    for c in councils {
        others.extend(
            c.languages
                .iter()
                .filter(|l| l.as_str() != FIRST && theme.strings.contains_key(l.as_str())),
        );
    }
    std::iter::once(FIRST.to_string())
        .chain(others.into_iter().cloned())
        .collect()
}

/// The folder of a language's version inside a section of the entry pages: "" for
/// English, "ne/" for Nepali.
pub(crate) fn folder(lang: &str) -> String {
    if lang == FIRST {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// The direction of a language's pages: "rtl" or "ltr".
pub(crate) fn dir(lang: &str) -> &'static str {
    if is_rtl(lang) { "rtl" } else { "ltr" }
}

/// The interface words, plural forms and digits of one language of the entry pages.
pub(crate) struct Words<'s> {
    pub(crate) lang: &'s str,
    pub(crate) strings: &'s Strings,
    plurals: Option<PluralRules>,
    digits: Digits,
}

impl<'s> Words<'s> {
    pub(crate) fn new(theme: &'s ThemeFiles, lang: &'s str) -> Words<'s> {
        Words {
            lang,
            strings: theme.strings(lang),
            plurals: plural_rules(lang),
            digits: Digits::for_lang(lang),
        }
    }

    pub(crate) fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// `key` with its `{name}` placeholders filled.
    pub(crate) fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// The form of `key` for `count` things by the language's CLDR plural rules, its
    /// placeholders filled.
    pub(crate) fn plural(&self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        let form = plural_key(self.strings, self.plurals.as_ref(), key, count as u64);
        self.tf(&form, args)
    }

    /// "12 local governments", in the language's digits (ungrouped, as the lists have
    /// always shown counts).
    pub(crate) fn count(&self, n: usize) -> String {
        let digits = self.number(n);
        self.plural("councils_count", n, &[("count", &digits)])
    }

    /// A whole number in the language's digits, ungrouped.
    pub(crate) fn number(&self, n: usize) -> String {
        self.format(Grouping::Western).digits(&n.to_string())
    }

    /// The number format of the language's digits with `grouping`.
    pub(crate) fn format(&self, grouping: Grouping) -> NumberFormat {
        NumberFormat {
            digits: self.digits,
            grouping,
        }
    }

    /// A figure or range kept as one left-to-right unit on a right-to-left page.
    pub(crate) fn isolated(&self, s: String) -> String {
        isolated(self.lang, s)
    }

    /// A council's text in this language (see [`text`]).
    pub(crate) fn text(&self, text: &Text, default_lang: &str) -> Shown {
        self::text(self.lang, text, default_lang)
    }
}

/// A figure or range kept as one left-to-right unit on a right-to-left page of `lang`
/// (see `Locale::isolated`); unchanged on a left-to-right page.
pub(crate) fn isolated(lang: &str, s: String) -> String {
    if is_rtl(lang) {
        format!("\u{2066}{s}\u{2069}")
    } else {
        s
    }
}

/// A council's text for a page in `lang`, falling back as council pages do (to the
/// council's own language, marked with it), ranges of numbers isolated on a right-to-left
/// page.
pub(crate) fn text(lang: &str, text: &Text, default_lang: &str) -> Shown {
    let mut shown = text.get(lang, default_lang);
    if is_rtl(lang)
        && shown.lang.is_none()
        && let Some(isolated) = isolate_ranges(&shown.text)
    {
        shown.text = isolated;
    }
    shown
}

/// The link from a page `root` below the output root to a council's portal: its pages
/// in `lang` when it has them (its front page, in its first language, for English).
pub(crate) fn council_href(c: &CouncilSummary, lang: &str, root: &str) -> String {
    let prefix = if lang != FIRST && c.languages.iter().any(|l| l == lang) {
        crate::render::page::lang_prefix(&c.languages, lang)
    } else {
        String::new()
    };
    format!("{root}{}/{prefix}index.html", c.slug)
}

/// A council's name beside its own: in the reader's language when the council gives
/// one, else in English (marked) on a page in neither its language nor English.
pub(crate) fn other_name(c: &CouncilSummary, lang: &str) -> Option<Shown> {
    let own = c.name.get(&c.default_lang, &c.default_lang);
    let mine = c.name.get(lang, &c.default_lang);
    let english = c.name.get(FIRST, &c.default_lang);
    if mine.lang.is_none() && mine.text != own.text {
        Some(mine)
    } else if lang != FIRST
        && c.default_lang != lang
        && english.lang.is_none()
        && english.text != own.text
    {
        Some(Shown {
            text: english.text,
            lang: Some(FIRST.into()),
        })
    } else {
        None
    }
}

/// A council's name in its own language, marked with it unless that is the page's.
pub(crate) fn own_name(c: &CouncilSummary, lang: &str) -> Shown {
    Shown {
        text: c.name.get(&c.default_lang, &c.default_lang).text,
        lang: (c.default_lang != lang).then(|| c.default_lang.clone()),
    }
}

/// `template` with each `{name}` filled by its value, as parts, so that a value in
/// another language than the page's keeps its mark (`tx` puts it in a `lang` span).
pub(crate) fn parts(template: &str, args: &[(&str, Shown)]) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut rest = template;
    loop {
        let next = args
            .iter()
            .filter_map(|(name, value)| {
                rest.find(&format!("{{{name}}}"))
                    .map(|at| (at, name.len() + 2, value))
            })
            .min_by_key(|(at, _, _)| *at);
        let Some((at, len, value)) = next else {
            break;
        };
        if at > 0 {
            out.push(Shown {
                text: rest[..at].to_string(),
                lang: None,
            });
        }
        out.push(value.clone());
        rest = &rest[at + len..];
    }
    if !rest.is_empty() {
        out.push(Shown {
            text: rest.to_string(),
            lang: None,
        });
    }
    out
}

/// One entry of the language switch, and one `<link rel="alternate" hreflang>`.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct LangLink {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// The versions of one page in `langs`, `href(lang)` the way to each from the page, the
/// current one marked; empty when there is only one.
pub(crate) fn switch(
    langs: &[String],
    current: &str,
    href: impl Fn(&str) -> String,
) -> Vec<LangLink> {
    if langs.len() < 2 {
        return Vec::new();
    }
    langs
        .iter()
        .map(|l| LangLink {
            code: l.clone(),
            name: autonym(l).to_string(),
            href: href(l),
            current: l == current,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_at_the_top_others_in_folders() {
        assert_eq!(folder("en"), "");
        assert_eq!(folder("ur"), "ur/");
        assert!(switch(&["en".into()], "en", |l| l.to_string()).is_empty());
        let links = switch(&["en".into(), "ne".into()], "ne", folder);
        assert_eq!(links[1].name, "नेपाली");
        assert!(links[1].current && !links[0].current);
    }

    #[test]
    fn parts_keep_the_language_of_each_value() {
        let bn = Shown {
            text: "ঢাকা বিভাগ".into(),
            lang: Some("bn".into()),
        };
        let pk = Shown {
            text: "بنگلہ دیش".into(),
            lang: None,
        };
        let got = parts(
            "{province}، {country}",
            &[("country", pk), ("province", bn)],
        );
        let texts: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|p| (p.text.as_str(), p.lang.as_deref()))
            .collect();
        assert_eq!(
            texts,
            [("ঢাকা বিভাগ", Some("bn")), ("، ", None), ("بنگلہ دیش", None)]
        );
    }

    #[test]
    fn words_count_in_the_languages_digits_and_plurals() {
        let mut diags = crate::diagnostics::Diagnostics::new();
        let theme = crate::load::theme::load(std::path::Path::new(""), None, &mut diags);
        assert_eq!(Words::new(&theme, "en").count(1), "1 local government");
        assert_eq!(Words::new(&theme, "ne").count(753), "७५३ स्थानीय तह");
        assert_eq!(Words::new(&theme, "dz").number(42), "༤༢");
        assert_eq!(dir("ur"), "rtl");
    }
}
