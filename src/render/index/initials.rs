//! The initial letters a council is listed under, in each script its names are written in,
//! and the letters' navigation.

use super::tree::sort_councils;
use super::{Letter, ScriptNav, english};
use crate::model::CouncilSummary;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Script {
    Latin,
    Devanagari,
    Bengali,
    Arabic,
    Tibetan,
}

impl Script {
    pub(super) fn of(c: char) -> Option<Script> {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F => Some(Script::Latin),
            0x0900..=0x097F => Some(Script::Devanagari),
            0x0980..=0x09FF => Some(Script::Bengali),
            0x0600..=0x06FF | 0x0750..=0x077F => Some(Script::Arabic),
            0x0F00..=0x0FFF => Some(Script::Tibetan),
            _ => None,
        }
    }

    /// Name of the script in itself, its language tag and direction.
    pub(super) fn label(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Script::Latin => ("A–Z", "en", "ltr"),
            Script::Devanagari => ("देवनागरी", "und-Deva", "ltr"),
            Script::Bengali => ("বাংলা", "und-Beng", "ltr"),
            Script::Arabic => ("اردو", "und-Arab", "rtl"),
            Script::Tibetan => ("བོད་ཡིག", "und-Tibt", "ltr"),
        }
    }

    pub(super) fn code(self) -> &'static str {
        match self {
            Script::Latin => "latn",
            Script::Devanagari => "deva",
            Script::Bengali => "beng",
            Script::Arabic => "arab",
            Script::Tibetan => "tibt",
        }
    }
}

/// Urdu alphabetical order, which Unicode code points do not follow.
pub(super) const URDU_ORDER: &str = "اآبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیے";

/// The initial a name is listed under, with its position in the script's order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Initial {
    pub(super) script: Script,
    pub(super) order: u32,
    pub(super) letter: String,
}

impl Initial {
    pub(super) fn of(name: &str, want: Script) -> Option<Initial> {
        let c = name.chars().find(|c| c.is_alphabetic())?;
        let script = Script::of(c)?;
        if script != want {
            return None;
        }
        let c = match (script, c) {
            (Script::Latin, c) => c.to_uppercase().next().unwrap_or(c),
            (Script::Arabic, 'آ' | 'أ' | 'إ' | 'ٱ') => 'ا',
            (Script::Arabic, 'ك') => 'ک',
            (Script::Arabic, 'ي' | 'ى' | 'ې') => 'ی',
            (Script::Arabic, 'ه' | 'ة' | 'ۃ') => 'ہ',
            (_, c) => c,
        };
        let order = match script {
            Script::Arabic => URDU_ORDER
                .chars()
                .position(|u| u == c)
                .map_or(0x1_0000 + c as u32, |p| p as u32),
            _ => c as u32,
        };
        Some(Initial {
            script,
            order,
            letter: c.to_string(),
        })
    }

    /// File name of the initial's list: `a.html`, `deva-0927.html`.
    pub(super) fn file(&self) -> String {
        match self.script {
            Script::Latin if self.letter.is_ascii() => {
                format!("{}.html", self.letter.to_ascii_lowercase())
            }
            _ => {
                let code = self.letter.chars().next().map_or(0, |c| c as u32);
                format!("{}-{code:04x}.html", self.script.code())
            }
        }
    }
}

/// The initials a council is listed under: its English name's, and its own name's when
/// that is in another script.
pub(super) fn initials(c: &CouncilSummary) -> Vec<Initial> {
    let mut out = Vec::new();
    if let Some(i) = Initial::of(&english(c), Script::Latin) {
        out.push(i);
    }
    let own = c.name.get(&c.default_lang, &c.default_lang).text;
    for script in [
        Script::Devanagari,
        Script::Bengali,
        Script::Arabic,
        Script::Tibetan,
    ] {
        if let Some(i) = Initial::of(&own, script) {
            out.push(i);
        }
    }
    out
}

/// Councils by initial, grouped by script then letter, in alphabetical order.
pub(super) type Letters<'a> = BTreeMap<Initial, Vec<&'a CouncilSummary>>;

/// Every council's initials, grouped by script then letter, in alphabetical order.
pub(super) fn letters(councils: &[CouncilSummary]) -> Letters<'_> {
    let mut out: Letters = BTreeMap::new();
    for c in councils {
        for i in initials(c) {
            out.entry(i).or_default().push(c);
        }
    }
    for list in out.values_mut() {
        sort_councils(list);
    }
    out
}

/// The letters of every script, each linking to its list in the folder `lists` (the way
/// from the page to it, ending in `/`); `current` is the list shown.
pub(super) fn initials_nav(
    letters: &Letters,
    lists: &str,
    current: Option<&Initial>,
) -> Vec<ScriptNav> {
    let mut out: Vec<ScriptNav> = Vec::new();
    for (initial, list) in letters {
        if out
            .last()
            .is_none_or(|s| s.label != initial.script.label().0)
        {
            let (label, lang, dir) = initial.script.label();
            out.push(ScriptNav {
                label,
                lang,
                dir,
                letters: Vec::new(),
            });
        }
        if let Some(nav) = out.last_mut() {
            nav.letters.push(Letter {
                letter: initial.letter.clone(),
                href: format!("{lists}{}", initial.file()),
                count: list.len(),
                current: current == Some(initial),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_in_each_script() {
        let i = Initial::of("धनगढी", Script::Devanagari).unwrap();
        assert_eq!(
            (i.letter.as_str(), i.file()),
            ("ध", "deva-0927.html".into())
        );
        assert!(Initial::of("धनगढी", Script::Latin).is_none());
        assert_eq!(
            Initial::of("dhangadhi", Script::Latin).unwrap().file(),
            "d.html"
        );
        let alef = Initial::of("آباد", Script::Arabic).unwrap();
        assert_eq!(alef.letter, "ا");
        // Urdu order: پ comes before ٹ, although its code point is higher.
        let pe = Initial::of("پشاور", Script::Arabic).unwrap();
        let tte = Initial::of("ٹانک", Script::Arabic).unwrap();
        assert!(pe < tte);
        assert_eq!(Initial::of("শ্রীপুর", Script::Bengali).unwrap().letter, "শ");
    }
}
