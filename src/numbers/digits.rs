//! The digit scripts Khula reads and writes: one table for the number parser, dates,
//! grievance periods and telephone links.

use super::primary_language;

/// The script digits are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// 0123456789
    Latin,
    /// ०१२३४५६७८९
    Devanagari,
    /// ০১২৩৪৫৬৭৮৯
    Bengali,
    /// ༠༡༢༣༤༥༦༧༨༩
    Tibetan,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹
    ExtendedArabicIndic,
}

impl Digits {
    /// Every script, Latin first.
    pub const ALL: [Digits; 6] = [
        Digits::Latin,
        Digits::Devanagari,
        Digits::Bengali,
        Digits::Tibetan,
        Digits::ArabicIndic,
        Digits::ExtendedArabicIndic,
    ];

    /// Native digits for a language tag: ne, hi, mr -> Devanagari; bn -> Bengali;
    /// dz -> Tibetan; everything else (en, ur, …) Latin.
    pub fn for_lang(lang: &str) -> Digits {
        match primary_language(lang).as_str() {
            "ne" | "hi" | "mr" => Digits::Devanagari,
            "bn" => Digits::Bengali,
            "dz" => Digits::Tibetan,
            _ => Digits::Latin,
        }
    }

    /// Digits by configuration name: "latin", "devanagari", "bengali", "tibetan",
    /// "arabic-indic", "extended-arabic-indic" (ASCII case-insensitive). The CLDR
    /// numbering-system names "latn", "deva", "beng", "tibt", "arab" and "arabext" are
    /// accepted too.
    pub fn from_name(name: &str) -> Option<Digits> {
        match name.trim().to_ascii_lowercase().as_str() {
            "latin" | "latn" => Some(Digits::Latin),
            "devanagari" | "deva" => Some(Digits::Devanagari),
            "bengali" | "beng" => Some(Digits::Bengali),
            "tibetan" | "tibt" => Some(Digits::Tibetan),
            "arabic-indic" | "arab" => Some(Digits::ArabicIndic),
            "extended-arabic-indic" | "arabext" => Some(Digits::ExtendedArabicIndic),
            _ => None,
        }
    }

    /// The digit zero of this script.
    pub(super) const fn zero(self) -> char {
        match self {
            Digits::Latin => '0',
            Digits::Devanagari => '\u{0966}',
            Digits::Bengali => '\u{09E6}',
            Digits::Tibetan => '\u{0F20}',
            Digits::ArabicIndic => '\u{0660}',
            Digits::ExtendedArabicIndic => '\u{06F0}',
        }
    }

    /// Arabic-script digits come with Arabic separators and percent sign.
    pub(super) const fn is_arabic(self) -> bool {
        matches!(self, Digits::ArabicIndic | Digits::ExtendedArabicIndic)
    }

    /// This script's form of an ASCII digit; any other character is returned unchanged.
    pub(super) fn map(self, c: char) -> char {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .and_then(|d| self.digit(d))
            .unwrap_or(c)
    }

    /// This script's digit of the value `d`; `None` past 9. Every script's ten digits are
    /// consecutive code points from its zero.
    pub(super) fn digit(self, d: u32) -> Option<char> {
        (d < 10)
            .then(|| u32::from(self.zero()).checked_add(d))
            .flatten()
            .and_then(char::from_u32)
    }
}

/// Value and script of a digit character in any script Khula knows, ASCII included.
pub fn digit_value(c: char) -> Option<(u8, Digits)> {
    Digits::ALL.iter().find_map(|&script| {
        let offset = u32::from(c).checked_sub(u32::from(script.zero()))?;
        u8::try_from(offset)
            .ok()
            .filter(|&d| d < 10)
            .map(|d| (d, script))
    })
}

/// The ASCII digit for a digit of any known script (`'४'` -> `'4'`); `None` for any
/// other character.
pub fn ascii_digit(c: char) -> Option<char> {
    digit_value(c).map(|(d, _)| char::from(b'0'.saturating_add(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_reads_back_what_it_writes() {
        for script in Digits::ALL {
            for (d, ascii) in (0..10u8).zip('0'..='9') {
                let c = script.map(ascii);
                assert_eq!(digit_value(c), Some((d, script)), "{script:?} {d}");
                assert_eq!(ascii_digit(c), Some(ascii));
            }
        }
        assert_eq!(
            ascii_digit('\u{0F2A}'),
            None,
            "Tibetan half-digits are not digits"
        );
        assert_eq!(ascii_digit('x'), None);
    }
}
