//! Amounts written in thousands, lakhs or crores.
//!
//! Budget books print large tables in thousands ("रू हजारमा", "Rs. in '000") or lakhs, and
//! drop the last digits of every figure: Nepal's Red Book prints 17,74,74,000 as `17,74,74`,
//! keeping the lakh grouping of the full figure. A column (or a workbook's title) that says
//! so gives a [`Scale`], and [`parse_scaled`] reads such cells back into whole units.

use super::parse::parse_amount;
use super::{Amount, AmountError};

/// How many units one written unit stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    Thousand,
    Lakh,
    Million,
    Crore,
}

/// Words that name a scale, in the languages of the portals, lowercased. A word matches a
/// whole word of the text, or its start when followed by a case ending (`हजारमा`,
/// `হাজারে`, `thousands`).
const WORDS: &[(&str, Scale)] = &[
    ("thousand", Scale::Thousand),
    ("'000", Scale::Thousand),
    ("’000", Scale::Thousand),
    ("000", Scale::Thousand),
    ("हजार", Scale::Thousand),
    ("हज़ार", Scale::Thousand),
    ("হাজার", Scale::Thousand),
    ("ہزار", Scale::Thousand),
    ("སྟོང", Scale::Thousand),
    ("lakh", Scale::Lakh),
    ("lac", Scale::Lakh),
    ("lacs", Scale::Lakh),
    ("लाख", Scale::Lakh),
    ("লাখ", Scale::Lakh),
    ("লক্ষ", Scale::Lakh),
    ("لاکھ", Scale::Lakh),
    ("million", Scale::Million),
    ("মিলিয়ন", Scale::Million),
    ("crore", Scale::Crore),
    ("करोड", Scale::Crore),
    ("करोड़", Scale::Crore),
    ("কোটি", Scale::Crore),
    ("کروڑ", Scale::Crore),
];

/// Endings a scale word may carry: English plurals, Nepali and Hindi postpositions
/// (`हजारमा`, `हजार में` is two words), Bengali case endings (`হাজারে`, `লাখে`), the
/// Nepali plural `हरु`.
const ENDINGS: &[&str] = &["s", "मा", "में", "े", "ে", "এ", "য়", "তে", "हरू", "हरु"];

impl Scale {
    /// How many units one written unit stands for.
    pub fn factor(self) -> i64 {
        match self {
            Scale::Thousand => 1_000,
            Scale::Lakh => 100_000,
            Scale::Million => 1_000_000,
            Scale::Crore => 10_000_000,
        }
    }

    /// The English word, as the content format spells it.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Thousand => "thousand",
            Scale::Lakh => "lakh",
            Scale::Million => "million",
            Scale::Crore => "crore",
        }
    }

    /// The zeros a figure in this scale leaves out, grouped as the full figure would be in
    /// lakh grouping (`,000`, `,00,000`) or, for a million, western grouping.
    fn dropped_groups(self) -> &'static str {
        match self {
            Scale::Thousand => ",000",
            Scale::Lakh => ",00,000",
            Scale::Million => ",000,000",
            Scale::Crore => ",00,00,000",
        }
    }

    /// The one scale a text names ("Rs. in '000", "रू हजारमा", "(in lakh)"), if it names
    /// exactly one kind.
    pub fn find(text: &str) -> Option<Scale> {
        let lower = text.to_lowercase();
        let mut found: Option<Scale> = None;
        for word in lower.split(|c: char| {
            c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | ':' | '/' | '।' | '_')
        }) {
            let word = word.trim_matches(|c: char| matches!(c, '.' | '-' | '"'));
            let Some(scale) = word_scale(word) else {
                continue;
            };
            if found.is_some_and(|f| f != scale) {
                return None;
            }
            found = Some(scale);
        }
        found
    }
}

/// The scale a single word names, with or without a case ending.
fn word_scale(word: &str) -> Option<Scale> {
    WORDS.iter().find_map(|&(w, scale)| {
        let rest = word.strip_prefix(w)?;
        (rest.is_empty() || ENDINGS.contains(&rest)).then_some(scale)
    })
}

/// Parses a cell written in `scale` into whole units: `1,774.74` thousand, `177474`
/// thousand, and `17,74,74` (the full figure's grouping with its last group dropped) all
/// read as 17,74,74,000.
pub fn parse_scaled(cell: &str, scale: Scale) -> Result<Option<Amount>, AmountError> {
    let written = match parse_amount(cell) {
        Err(AmountError::BadGrouping) => return parse_amount(&with_dropped_groups(cell, scale)),
        other => other?,
    };
    let Some(written) = written else {
        return Ok(None);
    };
    written
        .checked_mul_int(scale.factor())
        .map(Some)
        .ok_or(AmountError::TooLarge)
}

/// The cell with the scale's zeros put back after its last digit, for figures grouped as
/// their full value would be. Cells with a decimal point are left as they are.
fn with_dropped_groups(cell: &str, scale: Scale) -> String {
    let trimmed = cell.trim();
    if trimmed.contains('.') {
        return trimmed.to_string();
    }
    let end = trimmed
        .char_indices()
        .rfind(|(_, c)| c.is_numeric())
        .map(|(i, c)| i.saturating_add(c.len_utf8()));
    let Some(Some((digits, rest))) = end.map(|end| trimmed.split_at_checked(end)) else {
        return trimmed.to_string();
    };
    // The zeros in the script of the figure's own digits.
    let zero = digits
        .chars()
        .last()
        .and_then(|c| {
            let (value, _) = super::digit_value(c)?;
            char::from_u32(u32::from(c).checked_sub(u32::from(value))?)
        })
        .unwrap_or('0');
    let dropped: String = scale
        .dropped_groups()
        .chars()
        .map(|c| if c == '0' { zero } else { c })
        .collect();
    format!("{digits}{dropped}{rest}")
}

/// The scale a cell refused for its grouping would fit: `17,74,74` is grouped like
/// 17,74,74,000 with its thousands left out. For the hint of an undeclared scale.
pub fn dropped_scale(cell: &str) -> Option<(Scale, Amount)> {
    // One misplaced comma (`12,34`) is more likely a slip than a dropped group.
    let separators = cell
        .chars()
        .filter(|&c| c == ',' || c == '\u{066C}')
        .count();
    if separators < 2 || parse_amount(cell) != Err(AmountError::BadGrouping) {
        return None;
    }
    [Scale::Thousand, Scale::Lakh]
        .into_iter()
        .find_map(
            |scale| match parse_amount(&with_dropped_groups(cell, scale)) {
                Ok(Some(amount)) => Some((scale, amount)),
                _ => None,
            },
        )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is how a test reports")]
mod tests {
    use super::*;

    fn units(cell: &str, scale: Scale) -> i64 {
        let a = parse_scaled(cell, scale).unwrap().unwrap();
        assert_eq!(a.to_f64().fract(), 0.0, "{cell}");
        a.to_f64() as i64
    }

    #[test]
    fn scales_named_in_titles_and_headers() {
        for (text, scale) in [
            ("रू हजारमा", Some(Scale::Thousand)),
            ("(Rs. in '000)", Some(Scale::Thousand)),
            ("NPR 000", Some(Scale::Thousand)),
            ("Amount in thousands", Some(Scale::Thousand)),
            ("टाका हाजारे", None),
            ("(হাজার টাকায়)", Some(Scale::Thousand)),
            ("লক্ষ টাকায়", Some(Scale::Lakh)),
            ("রুপিয়া লাখে", Some(Scale::Lakh)),
            ("Rs. in lakhs", Some(Scale::Lakh)),
            ("रकम रु. लाखमा", Some(Scale::Lakh)),
            ("(in crore)", Some(Scale::Crore)),
            ("करोड़ रुपये में", Some(Scale::Crore)),
            ("روپے ہزار میں", Some(Scale::Thousand)),
            ("(PKR million)", Some(Scale::Million)),
            ("thousand or lakh", None),
            ("आर्थिक वर्ष २०८१/८२ को बजेट", None),
            ("Budget 2000", None),
            ("Hazardous waste", None),
        ] {
            assert_eq!(Scale::find(text), scale, "{text}");
        }
    }

    #[test]
    fn figures_read_back_into_whole_units() {
        assert_eq!(units("17,74,74", Scale::Thousand), 177_474_000);
        assert_eq!(units("1,77,474", Scale::Thousand), 177_474_000);
        assert_eq!(units("177474", Scale::Thousand), 177_474_000);
        assert_eq!(units("177,474", Scale::Thousand), 177_474_000);
        assert_eq!(units("१७,७४,७४", Scale::Thousand), 177_474_000);
        assert_eq!(units("1774.74", Scale::Lakh), 177_474_000);
        assert_eq!(units("12.5", Scale::Crore), 125_000_000);
        assert_eq!(units("Rs. 2,500", Scale::Thousand), 2_500_000);
        assert_eq!(units("(1,25)", Scale::Thousand), -125_000);
        assert_eq!(parse_scaled("", Scale::Thousand), Ok(None));
        assert_eq!(
            parse_scaled("12,3,4", Scale::Thousand),
            Err(AmountError::BadGrouping)
        );
        assert_eq!(
            parse_scaled("922,337,203,685,477", Scale::Thousand),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn figures_with_their_zeros_left_out_are_recognised() {
        let (scale, amount) = dropped_scale("17,74,74").unwrap();
        assert_eq!(scale, Scale::Thousand);
        assert_eq!(amount.to_f64(), 177_474_000.0);
        assert_eq!(dropped_scale("1,77,474"), None);
        assert_eq!(dropped_scale("12,3,4"), None);
        assert_eq!(dropped_scale("12,34"), None);
        assert_eq!(dropped_scale("abc"), None);
    }
}
