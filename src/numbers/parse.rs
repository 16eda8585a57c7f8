//! Parsing amounts as clerks write them.

use super::digits::{Digits, digit_value};
use super::{Amount, AmountError};

/// Currency tokens accepted before or after the number. Latin ones match
/// case-insensitively; the longest matching token wins.
pub(super) const CURRENCY_TOKENS: &[&str] = &[
    "Rs",
    "Rs.",
    "NPR",
    "Nrs",
    "Nrs.",
    "रु",
    "रु.",
    "रु।",
    "रू",
    "रू.",
    "रू।",
    "रुपैयाँ",
    "रुपैया",
    "रुपये",
    "Tk",
    "Tk.",
    "BDT",
    "৳",
    "টাকা",
    "PKR",
    "INR",
    "₹",
    "Nu",
    "Nu.",
    "BTN",
];

/// Receipt-style marks after an amount: `100/-`, `100|-` and `100।-` (a danda typed for
/// the slash), and `৫০০/=`.
pub(super) const TRAILING_MARKS: &[&str] = &["/-", "|-", "।-", "/="];

/// Invisible formatting characters that spreadsheets and copy-paste leave around cells:
/// byte-order mark, zero-width space/joiners, direction marks and embeddings.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

pub(super) fn trim_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

fn is_group_separator(c: char) -> bool {
    c == ',' || c == '\u{066C}'
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '\u{066B}'
}

/// Strips one currency token at the start of `s`, trimming what follows.
fn strip_currency_prefix(s: &str) -> Option<&str> {
    CURRENCY_TOKENS
        .iter()
        .filter_map(|token| {
            let head = s.get(..token.len())?;
            head.eq_ignore_ascii_case(token)
                .then(|| s.get(token.len()..))
                .flatten()
                .map(|rest| (token.len(), rest))
        })
        .max_by_key(|&(len, _)| len)
        .map(|(_, rest)| trim_cell(rest))
}

/// Strips one currency token at the end of `s`, trimming what precedes it.
fn strip_currency_suffix(s: &str) -> Option<&str> {
    CURRENCY_TOKENS
        .iter()
        .filter_map(|token| {
            let cut = s.len().checked_sub(token.len())?;
            let tail = s.get(cut..)?;
            tail.eq_ignore_ascii_case(token)
                .then(|| s.get(..cut))
                .flatten()
                .map(|rest| (token.len(), rest))
        })
        .max_by_key(|&(len, _)| len)
        .map(|(_, rest)| trim_cell(rest))
}

/// What has been stripped around the number so far; each decoration is allowed once.
#[derive(Default)]
struct Decorations {
    currency: bool,
    slash_dash: bool,
}

impl Decorations {
    /// Strips a trailing "/-" (or another of [`TRAILING_MARKS`]) and a currency token
    /// before or after the number.
    fn strip<'a>(&mut self, mut s: &'a str) -> &'a str {
        // No mark or currency token begins or ends with a digit (a test holds them to it),
        // so a figure with digits at both ends has none to strip.
        if s.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && s.as_bytes().last().is_some_and(u8::is_ascii_digit)
        {
            return s;
        }
        if !self.slash_dash
            && let Some(rest) = TRAILING_MARKS.iter().find_map(|m| s.strip_suffix(m))
        {
            self.slash_dash = true;
            s = trim_cell(rest);
        }
        if !self.currency
            && let Some(rest) = strip_currency_prefix(s).or_else(|| strip_currency_suffix(s))
        {
            self.currency = true;
            s = rest;
        }
        s
    }
}

/// Parses a spreadsheet cell into an amount.
///
/// Empty (after trimming ASCII/Unicode whitespace incl. NBSP) -> `Ok(None)`: "not
/// reported", never zero.
pub fn parse_amount(cell: &str) -> Result<Option<Amount>, AmountError> {
    let s = trim_cell(cell);
    if s.is_empty() {
        return Ok(None);
    }
    // Most cells are plain whole numbers: read at once what the general path below reads
    // the same (up to 14 digits, so that ten-thousandths stay within an i64).
    if s.len() <= 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        let whole = s.bytes().fold(0i64, |n, b| {
            n.wrapping_mul(10)
                .wrapping_add(i64::from(b.wrapping_sub(b'0')))
        });
        // 14 digits are below 10^14, so ten-thousandths stay below 10^18.
        return Ok(Some(Amount(whole.wrapping_mul(10_000))));
    }
    parse_decorated(s)
}

/// Parses a trimmed, non-empty cell: signs, brackets, currency tokens, marks, separators
/// and digits of any script.
pub(super) fn parse_decorated(s: &str) -> Result<Option<Amount>, AmountError> {
    let mut decorations = Decorations::default();
    let mut s = decorations.strip(s);
    if !s.is_empty() && s.chars().all(is_dash) {
        return Err(AmountError::Dash);
    }

    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = decorations.strip(trim_cell(inner));
    } else {
        let mut chars = s.chars();
        match chars.next() {
            Some('+') => s = decorations.strip(trim_cell(chars.as_str())),
            Some('-' | '\u{2212}') => {
                negative = true;
                s = decorations.strip(trim_cell(chars.as_str()));
            }
            _ => {}
        }
    }
    if !s.is_empty() && s.chars().all(is_dash) {
        return Err(AmountError::Dash);
    }

    let magnitude = parse_magnitude(s)?;
    let raw = if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    raw.map(|raw| Some(Amount(raw)))
        .ok_or(AmountError::TooLarge)
}

/// True if the group lengths (in digits, left to right) follow western or South Asian
/// grouping. Only called when at least one separator is present.
fn grouping_is_valid(groups: &[usize]) -> bool {
    let Some((&first, rest)) = groups.split_first() else {
        return false;
    };
    let western = (1..=3).contains(&first) && rest.iter().all(|&len| len == 3);
    let south_asian = match rest.split_last() {
        Some((&last, middle)) => {
            (1..=2).contains(&first) && last == 3 && middle.iter().all(|&len| len == 2)
        }
        None => false,
    };
    western || south_asian
}

/// Parses the bare number (no sign, currency or parentheses) into ten-thousandths.
fn parse_magnitude(body: &str) -> Result<u64, AmountError> {
    let (int_part, frac_part) = match body.split_once(is_decimal_point) {
        Some((int_part, frac_part)) => (int_part, frac_part),
        None => (body, ""),
    };

    // Every character must be a digit (or a separator in the integer part), and all
    // digits must come from one script.
    let mut script: Option<Digits> = None;
    let mut digit_count: usize = 0;
    let mut has_separator = false;
    let int_chars = int_part.chars().map(|c| (c, true));
    let frac_chars = frac_part.chars().map(|c| (c, false));
    for (c, in_int) in int_chars.chain(frac_chars) {
        if in_int && is_group_separator(c) {
            has_separator = true;
            continue;
        }
        let (_, this_script) = digit_value(c).ok_or(AmountError::NotANumber)?;
        if script.is_some_and(|s| s != this_script) {
            return Err(AmountError::NotANumber);
        }
        script = Some(this_script);
        digit_count = digit_count.saturating_add(1);
    }
    if digit_count == 0 {
        return Err(AmountError::NotANumber);
    }

    if has_separator {
        let groups: Vec<usize> = int_part
            .split(is_group_separator)
            .map(|g| g.chars().count())
            .collect();
        if !grouping_is_valid(&groups) {
            return Err(AmountError::BadGrouping);
        }
    }

    let frac_len = frac_part.chars().count();
    if frac_len > 4 {
        return Err(AmountError::TooManyDecimals);
    }

    let mut whole: u64 = 0;
    for (d, _) in int_part.chars().filter_map(digit_value) {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(u64::from(d)))
            .ok_or(AmountError::TooLarge)?;
    }
    let mut frac: u64 = 0;
    let mut place: u64 = 1_000;
    for (d, _) in frac_part.chars().filter_map(digit_value) {
        frac = frac
            .checked_add(
                u64::from(d)
                    .checked_mul(place)
                    .ok_or(AmountError::TooLarge)?,
            )
            .ok_or(AmountError::TooLarge)?;
        place /= 10;
    }
    whole
        .checked_mul(10_000)
        .and_then(|w| w.checked_add(frac))
        .ok_or(AmountError::TooLarge)
}
