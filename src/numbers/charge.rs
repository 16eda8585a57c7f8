//! Fees and rates as citizen charters and tax schedules write them: an amount, a word for
//! "free", or a rule in words ("रु १०० र प्रति पाना रु. ५", "as per schedule 1").

use super::parse::{parse_amount, trim_cell};
use super::{Amount, AmountError};

/// Words for "free of charge", compared after trimming and lowercasing, with a final `.`
/// or `।` left out.
pub const FREE_WORDS: &[&str] = &[
    // Nepali and Hindi (with a visarga, a colon, or neither), and the Hindi/Urdu loan word.
    "निःशुल्क",
    "नि:शुल्क",
    "निशुल्क",
    "निःशूल्क",
    "निशूल्क",
    "नि शुल्क",
    "मुफ्त",
    "मुफ़्त",
    "निःशुल्क सेवा",
    // Bengali.
    "বিনামূল্যে",
    "বিনা মূল্যে",
    "বিনামূল্য",
    "ফ্রি",
    // Urdu.
    "مفت",
    // Dzongkha: "without price", as the default theme says "free".
    "རིན་མེད",
    "རིན་མེད།",
    // English.
    "free",
    "free of cost",
    "free of charge",
    "nil",
    "no fee",
];

/// A fee or rate cell, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Charge {
    /// An amount, with any currency marks around it left out.
    Amount(Amount),
    /// A word for "free".
    Free,
    /// A rule in words, kept as written (trimmed).
    Rule(String),
}

/// True when `cell` is one of the [`FREE_WORDS`].
pub fn is_free_word(cell: &str) -> bool {
    let word = trim_cell(cell).trim_end_matches(['.', '।']).trim();
    let lower = word.to_lowercase();
    FREE_WORDS.contains(&lower.as_str())
}

/// Reads a fee or rate cell. Empty -> `Ok(None)` ("not reported"). A cell with letters
/// that is neither an amount nor a free-word is a rule. A cell of digits and signs only that
/// is not an amount (`1,00,0O0` has letters that stand for digits) is an error, as in any
/// amount column: it is a number mistyped, not a rule.
pub fn parse_charge(cell: &str) -> Result<Option<Charge>, AmountError> {
    let s = trim_cell(cell);
    if s.is_empty() {
        return Ok(None);
    }
    if is_free_word(s) {
        return Ok(Some(Charge::Free));
    }
    match parse_amount(s) {
        Ok(Some(a)) => Ok(Some(Charge::Amount(a))),
        Ok(None) => Ok(None),
        Err(e) if is_mistyped_number(s) => Err(e),
        Err(_) if s.chars().any(char::is_alphabetic) => Ok(Some(Charge::Rule(s.to_string()))),
        Err(e) => Err(e),
    }
}

/// Letters a clerk types for digits that look alike.
const LOOKALIKES: [char; 6] = ['I', 'l', '|', 'O', 'o', 'S'];

/// True for a cell of digits, separators and look-alike letters only, such as `1,00,0O0`
/// or `12I0`.
fn is_mistyped_number(s: &str) -> bool {
    s.chars().any(char::is_numeric)
        && s.chars()
            .all(|c| c.is_numeric() || matches!(c, ',' | '.' | ' ') || LOOKALIKES.contains(&c))
}

/// How many digits follow the decimal point of a number as written ("0.05%" -> 2), at most
/// 4 (the places an [`Amount`] keeps).
pub fn decimals_written(cell: &str) -> u8 {
    let chars: Vec<char> = trim_cell(cell).chars().collect();
    // The last `.` between two digits: "Rs. 100.50" has its point after 100.
    let point = chars.windows(3).rposition(|w| {
        matches!(w, [before, '.' | '\u{066B}', after] if before.is_numeric() && after.is_numeric())
    });
    let Some(point) = point else {
        return 0;
    };
    let count = chars
        .iter()
        .skip(point.saturating_add(2))
        .take_while(|c| c.is_numeric())
        .count();
    u8::try_from(count.min(4)).unwrap_or(4)
}
