//! Amounts and counts as council clerks write them and as readers expect to see them.
//!
//! Parsing accepts what South Asian local-government spreadsheets actually contain:
//! digits in Latin, Devanagari, Bengali, Arabic-Indic, Extended Arabic-Indic or Tibetan
//! script, western (`12,345,678`) or lakh/crore (`1,23,45,678`) grouping, accounting
//! negatives in parentheses, currency tokens such as `Rs.`, `रु.`, `৳` or `Nu.`, and the
//! receipt-style trailing `/-`. Every rejected cell comes with a reason and a one-line hint.
//!
//! Formatting renders integers, amounts, percentages and decimals in a chosen digit
//! script and grouping, and spells large sums in lakh, crore and arab.
//!
//! Nothing in this module panics: all arithmetic on cell contents is checked and all
//! string handling goes through non-panicking accessors.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::fmt;

// ---------------------------------------------------------------------------
// Amount
// ---------------------------------------------------------------------------

/// A decimal amount with up to 4 fractional digits, stored in ten-thousandths.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Amount(i64);

impl Amount {
    /// The amount zero.
    pub const ZERO: Amount = Amount(0);
    /// Number of stored units in one whole unit of currency.
    pub const SCALE: i64 = 10_000;

    /// A whole number of currency units; `None` if it does not fit.
    pub fn from_units(units: i64) -> Option<Amount> {
        units.checked_mul(Self::SCALE).map(Amount)
    }

    /// An amount from its stored value in ten-thousandths.
    pub const fn from_raw(raw: i64) -> Amount {
        Amount(raw)
    }

    /// The stored value in ten-thousandths.
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, o: Amount) -> Option<Amount> {
        self.0.checked_add(o.0).map(Amount)
    }

    /// Sum, clamped at the largest representable amount (totals never wrap).
    pub fn saturating_add(self, o: Amount) -> Amount {
        Amount(self.0.saturating_add(o.0))
    }

    /// Difference, or `None` on overflow.
    pub fn checked_sub(self, o: Amount) -> Option<Amount> {
        self.0.checked_sub(o.0).map(Amount)
    }

    /// Nearest `f64`, for charts and ratios.
    pub fn to_f64(self) -> f64 {
        // Exact integer part plus the fraction keeps small amounts exact.
        let (whole, frac) = split_raw(self.0.unsigned_abs());
        let magnitude = whole as f64 + frac as f64 / 10_000.0;
        if self.0 < 0 { -magnitude } else { magnitude }
    }

    /// True for amounts below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Machine form for CSV/JSON downloads: "1234567", "-12.5", "0.125" (no grouping,
    /// no trailing zeros, ASCII digits).
    pub fn plain(self) -> String {
        let (whole, frac) = split_raw(self.0.unsigned_abs());
        let mut out = String::new();
        if self.0 < 0 {
            out.push('-');
        }
        out.push_str(&whole.to_string());
        if frac != 0 {
            let frac = format!("{frac:04}");
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        out
    }

    /// The magnitude in ASCII digits, with all 4 fraction digits when there is a fraction;
    /// computed without negating, so it is safe for `i64::MIN`.
    fn plain_magnitude(self) -> String {
        let (whole, frac) = split_raw(self.0.unsigned_abs());
        if frac == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{frac:04}")
        }
    }
}

/// Whole units and ten-thousandths of a magnitude.
fn split_raw(magnitude: u64) -> (u64, u64) {
    (magnitude / 10_000, magnitude % 10_000)
}

// ---------------------------------------------------------------------------
// Parse errors
// ---------------------------------------------------------------------------

/// Errors carry what a council clerk needs to fix the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// The cell holds something other than a number (words, a date, scientific notation…).
    NotANumber,
    /// The cell holds only a dash, which could mean zero or "not reported".
    Dash,
    /// Digit group separators are in places neither western nor lakh/crore grouping uses.
    BadGrouping,
    /// More than 4 digits after the decimal point.
    TooManyDecimals,
    /// The amount does not fit the range this portal can store.
    TooLarge,
}

impl AmountError {
    /// A one-line fix for the person who maintains the spreadsheet.
    pub fn hint(&self) -> &'static str {
        match self {
            AmountError::NotANumber => {
                "write digits only, like 1,23,45,678 or 1234.50; if the spreadsheet shows \
                 something like 1.2E+07, format the column as Number before exporting"
            }
            AmountError::Dash => {
                "write 0 if the amount is zero, or leave the cell empty if it was not reported"
            }
            AmountError::BadGrouping => {
                "group digits like 12,345,678 or 1,23,45,678, or leave out the commas"
            }
            AmountError::TooManyDecimals => {
                "round to at most 4 decimal places, e.g. 12.3457 instead of 12.345678"
            }
            AmountError::TooLarge => {
                "check for extra or run-together digits; the largest amount accepted is \
                 922,337,203,685,477"
            }
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotANumber => "is not an amount",
            AmountError::Dash => "is a dash, not an amount",
            AmountError::BadGrouping => "has a thousands separator in the wrong place",
            AmountError::TooManyDecimals => "has more than 4 decimal places",
            AmountError::TooLarge => "is too large",
        })
    }
}

impl std::error::Error for AmountError {}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// Currency tokens accepted before or after the number. Latin ones match
/// case-insensitively; the longest matching token wins.
const CURRENCY_TOKENS: &[&str] = &[
    "Rs", "Rs.", "NPR", "Nrs", "Nrs.", "रु", "रु.", "रू", "रू.", "Tk", "Tk.", "BDT", "৳", "PKR", "INR",
    "₹", "Nu", "Nu.", "BTN",
];

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

fn trim_cell(s: &str) -> &str {
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
    /// Strips a trailing "/-" and a currency token before or after the number.
    fn strip<'a>(&mut self, mut s: &'a str) -> &'a str {
        if !self.slash_dash
            && let Some(rest) = s.strip_suffix("/-")
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

/// Value and script of a digit character in any accepted script.
fn digit_value(c: char) -> Option<(u8, Digits)> {
    Digits::ALL.iter().find_map(|&script| {
        let offset = u32::from(c).checked_sub(u32::from(script.zero()))?;
        u8::try_from(offset)
            .ok()
            .filter(|&d| d < 10)
            .map(|d| (d, script))
    })
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

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// How digits are grouped in the integer part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// Last group of three, then groups of two: 1,23,45,678 (lakh/crore).
    SouthAsian,
    /// Groups of three: 12,345,678.
    Western,
}

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

/// The primary language subtag of a tag such as "ne-NP" or "bn_BD", lowercased.
fn primary_language(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

impl Digits {
    const ALL: [Digits; 6] = [
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
    const fn zero(self) -> char {
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
    const fn is_arabic(self) -> bool {
        matches!(self, Digits::ArabicIndic | Digits::ExtendedArabicIndic)
    }

    /// This script's form of an ASCII digit; any other character is returned unchanged.
    fn map(self, c: char) -> char {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .and_then(|d| u32::from(self.zero()).checked_add(d))
            .and_then(char::from_u32)
            .unwrap_or(c)
    }
}

/// A digit script and a grouping style, e.g. Devanagari digits with lakh/crore grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    /// Script of the digits.
    pub digits: Digits,
    /// Grouping of the integer part.
    pub grouping: Grouping,
}

/// A non-negative decimal as ASCII digit strings: integer part (no leading zeros except
/// a lone "0") and fraction part (any length).
struct AsciiDecimal {
    int: Vec<u8>,
    frac: Vec<u8>,
}

impl AsciiDecimal {
    /// Splits "123.45" (ASCII digits with at most one '.') into parts.
    fn from_plain(s: &str) -> AsciiDecimal {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let int: Vec<u8> = int.bytes().filter(u8::is_ascii_digit).collect();
        let frac: Vec<u8> = frac.bytes().filter(u8::is_ascii_digit).collect();
        let mut value = AsciiDecimal { int, frac };
        value.normalise_int();
        value
    }

    fn normalise_int(&mut self) {
        let leading = self.int.iter().take_while(|&&b| b == b'0').count();
        self.int
            .drain(..leading.min(self.int.len().saturating_sub(1)));
        if self.int.is_empty() {
            self.int.push(b'0');
        }
    }

    /// Rounds half away from zero to exactly `decimals` fraction digits.
    fn rounded(mut self, decimals: usize) -> AsciiDecimal {
        let round_up = self.frac.get(decimals).is_some_and(|&b| b >= b'5');
        self.frac.resize(decimals, b'0');
        if round_up {
            let mut carry = true;
            for b in self.frac.iter_mut().rev().chain(self.int.iter_mut().rev()) {
                if *b == b'9' {
                    *b = b'0';
                } else {
                    *b = b.saturating_add(1);
                    carry = false;
                    break;
                }
            }
            if carry {
                self.int.insert(0, b'1');
            }
        }
        self
    }

    /// Drops trailing zeros of the fraction.
    fn trimmed(mut self) -> AsciiDecimal {
        while self.frac.last() == Some(&b'0') {
            self.frac.pop();
        }
        self
    }

    fn is_zero(&self) -> bool {
        self.int.iter().chain(&self.frac).all(|&b| b == b'0')
    }
}

/// The textual shortest round-trip form of a finite float, split into sign and digits.
/// Rust's `Display` for `f64` never uses exponent notation.
fn float_parts(value: f64) -> Option<(bool, AsciiDecimal)> {
    value.is_finite().then(|| {
        (
            value.is_sign_negative(),
            AsciiDecimal::from_plain(&value.abs().to_string()),
        )
    })
}

/// True if a group separator goes before a digit with `remaining` digits (itself
/// included) left in the integer part.
fn separator_before(grouping: Grouping, remaining: usize) -> bool {
    match grouping {
        Grouping::Western => remaining.is_multiple_of(3),
        Grouping::SouthAsian => {
            remaining == 3 || (remaining > 3 && remaining.saturating_sub(3).is_multiple_of(2))
        }
    }
}

/// Shown for values that are not numbers (NaN, infinities).
const NOT_A_VALUE: &str = "\u{2014}";

impl NumberFormat {
    fn group_separator(&self) -> char {
        if self.digits.is_arabic() {
            '\u{066C}'
        } else {
            ','
        }
    }

    fn decimal_separator(&self) -> char {
        if self.digits.is_arabic() {
            '\u{066B}'
        } else {
            '.'
        }
    }

    fn percent_sign(&self) -> char {
        if self.digits.is_arabic() {
            '\u{066A}'
        } else {
            '%'
        }
    }

    /// Renders a sign and ASCII decimal in this format. A value that is zero is never
    /// shown with a minus sign.
    fn render(&self, negative: bool, value: &AsciiDecimal) -> String {
        let mut out = String::new();
        if negative && !value.is_zero() {
            if self.digits.is_arabic() {
                // The Arabic letter mark keeps the minus sign before the digits in
                // right-to-left text, as CLDR does for Arabic.
                out.push('\u{061C}');
            }
            out.push('-');
        }
        let len = value.int.len();
        for (i, &b) in value.int.iter().enumerate() {
            if i > 0 && separator_before(self.grouping, len.saturating_sub(i)) {
                out.push(self.group_separator());
            }
            out.push(self.digits.map(char::from(b)));
        }
        if !value.frac.is_empty() {
            out.push(self.decimal_separator());
            out.extend(value.frac.iter().map(|&b| self.digits.map(char::from(b))));
        }
        out
    }

    /// A grouped integer: 10449999 -> "१,०४,४९,९९९" (Devanagari, South Asian).
    pub fn integer(&self, n: i64) -> String {
        let value = AsciiDecimal::from_plain(&n.unsigned_abs().to_string());
        self.render(n < 0, &value)
    }

    /// An amount rounded half away from zero to `decimals` fraction digits (0..=4; larger
    /// values are treated as 4), then grouped.
    pub fn amount(&self, a: Amount, decimals: u8) -> String {
        let value = AsciiDecimal::from_plain(&a.plain_magnitude());
        self.render(
            a.is_negative(),
            &value.rounded(usize::from(decimals.min(4))),
        )
    }

    /// Whole amounts without decimals, anything else with 2 decimals.
    pub fn amount_auto(&self, a: Amount) -> String {
        let decimals = if a.0 % Amount::SCALE == 0 { 0 } else { 2 };
        self.amount(a, decimals)
    }

    /// A percentage value (87.456 -> "87.5%" with 1 decimal); NaN and infinities -> "—".
    pub fn percent(&self, value: f64, decimals: u8) -> String {
        match float_parts(value) {
            Some((negative, parts)) => {
                let mut out = self.render(negative, &parts.rounded(usize::from(decimals)));
                out.push(self.percent_sign());
                out
            }
            None => NOT_A_VALUE.to_string(),
        }
    }

    /// A grouped float rounded half away from zero to `decimals` fraction digits, e.g. a
    /// density of 782.4; NaN and infinities -> "—".
    pub fn decimal(&self, value: f64, decimals: u8) -> String {
        match float_parts(value) {
            Some((negative, parts)) => self.render(negative, &parts.rounded(usize::from(decimals))),
            None => NOT_A_VALUE.to_string(),
        }
    }

    /// Transliterates the ASCII digits in `s` (years, dates, "2080/81"); everything else
    /// is kept as it is.
    pub fn digits(&self, s: &str) -> String {
        s.chars().map(|c| self.digits.map(c)).collect()
    }
}

// ---------------------------------------------------------------------------
// Amounts in words
// ---------------------------------------------------------------------------

/// Names of the large scales in one language.
struct ScaleWords {
    lakh: &'static str,
    crore: &'static str,
    /// `None` for languages that keep counting in crore (1,045 crore).
    arab: Option<&'static str>,
}

fn scale_words(lang: &str) -> ScaleWords {
    match primary_language(lang).as_str() {
        "ne" => ScaleWords {
            lakh: "लाख",
            crore: "करोड",
            arab: Some("अर्ब"),
        },
        "hi" => ScaleWords {
            lakh: "लाख",
            crore: "करो\u{0921}\u{093C}",
            arab: Some("अरब"),
        },
        "mr" => ScaleWords {
            lakh: "लाख",
            crore: "कोटी",
            arab: Some("अब्ज"),
        },
        "ur" => ScaleWords {
            lakh: "لاکھ",
            crore: "کروڑ",
            arab: Some("ارب"),
        },
        "bn" => ScaleWords {
            lakh: "লাখ",
            crore: "কোটি",
            arab: None,
        },
        "dz" => ScaleWords {
            lakh: "འབུམ",
            crore: "བྱེ་བ",
            arab: None,
        },
        _ => ScaleWords {
            lakh: "lakh",
            crore: "crore",
            arab: None,
        },
    }
}

/// Ten-thousandths in one lakh, one crore and one arab.
const RAW_LAKH: u64 = 100_000 * 10_000;
const RAW_CRORE: u64 = 10_000_000 * 10_000;
const RAW_ARAB: u64 = 1_000_000_000 * 10_000;

/// `magnitude / scale` in hundredths, rounded half away from zero.
fn hundredths_of(magnitude: u64, scale: u64) -> u64 {
    let unit = scale / 100;
    let quotient = magnitude.checked_div(unit).unwrap_or(0);
    let remainder = magnitude.checked_rem(unit).unwrap_or(0);
    if remainder >= unit.saturating_sub(remainder) {
        quotient.saturating_add(1)
    } else {
        quotient
    }
}

/// Large sums in words, shown next to the full figure: "10.45 crore" (en),
/// "१०.४५ करोड" (ne), "१.०४ अर्ब" (ne), "২.৩ কোটি" (bn). `None` below 1 lakh.
///
/// Uses the largest scale of the language that the sum reaches, with up to 2 decimals and
/// no trailing zeros (moving up a scale when rounding reaches 100, so 99.999 lakh is
/// "1 crore"); negative sums keep their sign.
pub fn in_words(a: Amount, lang: &str, fmt: &NumberFormat) -> Option<String> {
    let magnitude = a.0.unsigned_abs();
    if magnitude < RAW_LAKH {
        return None;
    }
    let words = scale_words(lang);
    // Largest first; lakh always applies from here on.
    let scales: Vec<(u64, &str)> = [
        words.arab.map(|word| (RAW_ARAB, word)),
        Some((RAW_CRORE, words.crore)),
        Some((RAW_LAKH, words.lakh)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let index = scales
        .iter()
        .position(|&(scale, _)| magnitude >= scale)
        .unwrap_or(scales.len().saturating_sub(1));
    let (mut scale, mut word) = scales.get(index).copied()?;
    let mut hundredths = hundredths_of(magnitude, scale);
    // 99.999 lakh rounds to "100 lakh": say "1 crore" instead.
    if hundredths >= 100 * 100
        && let Some(&(larger, larger_word)) = index.checked_sub(1).and_then(|i| scales.get(i))
    {
        (scale, word) = (larger, larger_word);
        hundredths = hundredths_of(magnitude, scale);
    }
    let value = AsciiDecimal::from_plain(&format!("{}.{:02}", hundredths / 100, hundredths % 100));
    let number = fmt.render(a.is_negative(), &value.trimmed());
    Some(format!("{number} {word}"))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]
mod tests {
    use super::*;

    fn ok(cell: &str) -> i64 {
        match parse_amount(cell) {
            Ok(Some(a)) => a.raw(),
            other => panic!("{cell:?} parsed as {other:?}"),
        }
    }

    fn err(cell: &str) -> AmountError {
        match parse_amount(cell) {
            Err(e) => e,
            other => panic!("{cell:?} should fail, got {other:?}"),
        }
    }

    const ALL_FORMATS: [NumberFormat; 12] = {
        let mut out = [NumberFormat {
            digits: Digits::Latin,
            grouping: Grouping::Western,
        }; 12];
        let mut i = 0;
        while i < 6 {
            out[2 * i].digits = Digits::ALL[i];
            out[2 * i + 1].digits = Digits::ALL[i];
            out[2 * i + 1].grouping = Grouping::SouthAsian;
            i += 1;
        }
        out
    };

    const LATIN_SA: NumberFormat = NumberFormat {
        digits: Digits::Latin,
        grouping: Grouping::SouthAsian,
    };
    const LATIN_W: NumberFormat = NumberFormat {
        digits: Digits::Latin,
        grouping: Grouping::Western,
    };
    const NE: NumberFormat = NumberFormat {
        digits: Digits::Devanagari,
        grouping: Grouping::SouthAsian,
    };
    const BN: NumberFormat = NumberFormat {
        digits: Digits::Bengali,
        grouping: Grouping::SouthAsian,
    };
    const DZ: NumberFormat = NumberFormat {
        digits: Digits::Tibetan,
        grouping: Grouping::SouthAsian,
    };
    const AR: NumberFormat = NumberFormat {
        digits: Digits::ArabicIndic,
        grouping: Grouping::Western,
    };

    fn units(n: i64) -> Amount {
        Amount::from_units(n).unwrap()
    }

    // ---- Amount ----------------------------------------------------------

    #[test]
    fn amount_basics() {
        assert_eq!(Amount::ZERO.raw(), 0);
        assert_eq!(Amount::default(), Amount::ZERO);
        assert_eq!(Amount::from_units(12).unwrap().raw(), 120_000);
        assert_eq!(Amount::from_units(-3).unwrap().raw(), -30_000);
        assert_eq!(
            Amount::from_units(i64::MAX / 10_000).unwrap().raw(),
            9_223_372_036_854_770_000
        );
        assert_eq!(Amount::from_units(i64::MAX / 10_000 + 1), None);
        assert_eq!(Amount::from_units(i64::MIN / 10_000 - 1), None);
        assert_eq!(Amount::from_units(i64::MAX), None);
        assert_eq!(Amount::from_raw(5).raw(), 5);
        assert!(Amount::from_raw(-1).is_negative());
        assert!(!Amount::ZERO.is_negative());
    }

    #[test]
    fn amount_checked_arithmetic() {
        let max = Amount::from_raw(i64::MAX);
        let min = Amount::from_raw(i64::MIN);
        let one = Amount::from_raw(1);
        assert_eq!(max.checked_add(one), None);
        assert_eq!(min.checked_sub(one), None);
        assert_eq!(min.checked_add(max), Some(Amount::from_raw(-1)));
        assert_eq!(units(2).checked_add(units(3)), Some(units(5)));
        assert_eq!(units(2).checked_sub(units(3)), Some(units(-1)));
    }

    #[test]
    fn amount_to_f64() {
        assert_eq!(Amount::from_raw(125_000).to_f64(), 12.5);
        assert_eq!(Amount::from_raw(-1).to_f64(), -0.0001);
        assert_eq!(Amount::ZERO.to_f64(), 0.0);
        assert!((Amount::from_raw(i64::MIN).to_f64() + 922_337_203_685_477.6).abs() < 1.0);
    }

    #[test]
    fn amount_plain() {
        assert_eq!(units(1_234_567).plain(), "1234567");
        assert_eq!(Amount::from_raw(-125_000).plain(), "-12.5");
        assert_eq!(Amount::from_raw(1_250).plain(), "0.125");
        assert_eq!(Amount::from_raw(1).plain(), "0.0001");
        assert_eq!(Amount::from_raw(-1).plain(), "-0.0001");
        assert_eq!(Amount::ZERO.plain(), "0");
        assert_eq!(Amount::from_raw(i64::MAX).plain(), "922337203685477.5807");
        assert_eq!(Amount::from_raw(i64::MIN).plain(), "-922337203685477.5808");
    }

    // ---- Parsing: accepted forms -----------------------------------------

    #[test]
    fn empty_cells_are_not_reported() {
        for cell in [
            "",
            " ",
            "\t",
            "\r\n",
            "\u{A0}",
            " \u{A0}\u{2007}\u{202F} ",
            "\u{FEFF}",
            "\u{3000}",
        ] {
            assert_eq!(parse_amount(cell), Ok(None), "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_and_signs() {
        assert_eq!(ok("0"), 0);
        assert_eq!(ok("7"), 70_000);
        assert_eq!(ok("007"), 70_000);
        assert_eq!(ok("1234567"), 12_345_670_000);
        assert_eq!(ok("+500"), 5_000_000);
        assert_eq!(ok("-500"), -5_000_000);
        assert_eq!(ok("\u{2212}500"), -5_000_000);
        assert_eq!(ok("- 500"), -5_000_000);
        assert_eq!(ok("-0"), 0);
        assert_eq!(ok("  42 "), 420_000);
        assert_eq!(ok("\u{A0}42\u{A0}"), 420_000);
        assert_eq!(ok("\u{FEFF}42"), 420_000);
        assert_eq!(ok("\u{200F}42\u{200E}"), 420_000);
    }

    #[test]
    fn decimals() {
        assert_eq!(ok("12.5"), 125_000);
        assert_eq!(ok("0.125"), 1_250);
        assert_eq!(ok(".5"), 5_000);
        assert_eq!(ok("5."), 50_000);
        assert_eq!(ok("1234.5678"), 12_345_678);
        assert_eq!(ok("-0.0001"), -1);
        assert_eq!(ok("1.5000"), 15_000);
        assert_eq!(ok("1,234.50"), 12_345_000);
        assert_eq!(ok("12\u{066B}5"), 125_000);
    }

    #[test]
    fn grouping_styles() {
        assert_eq!(ok("1,234"), 12_340_000);
        assert_eq!(ok("12,345"), 123_450_000);
        assert_eq!(ok("123,456"), 1_234_560_000);
        assert_eq!(ok("1,234,567"), 12_345_670_000);
        assert_eq!(ok("1,23,456"), 1_234_560_000);
        assert_eq!(ok("12,34,567"), 12_345_670_000);
        assert_eq!(ok("1,23,45,678.50"), 123_456_785_000);
        assert_eq!(ok("1\u{066C}234\u{066C}567"), 12_345_670_000);
        assert_eq!(ok("0,123"), 1_230_000);
    }

    #[test]
    fn accounting_negatives() {
        assert_eq!(ok("(1,234)"), -12_340_000);
        assert_eq!(ok("( 1,234.5 )"), -12_345_000);
        assert_eq!(ok("(Rs. 1,234)"), -12_340_000);
        assert_eq!(ok("Rs (1,234)"), -12_340_000);
        assert_eq!(ok("(1,234) NPR"), -12_340_000);
        assert_eq!(ok("(1,234/-)"), -12_340_000);
        assert_eq!(ok("(0)"), 0);
        assert_eq!(err("-(1,234)"), AmountError::NotANumber);
        assert_eq!(err("(-1,234)"), AmountError::NotANumber);
        assert_eq!(err("(1,234"), AmountError::NotANumber);
        assert_eq!(err("()"), AmountError::NotANumber);
    }

    #[test]
    fn digit_scripts() {
        assert_eq!(ok("१,२३,४५६"), 1_234_560_000);
        assert_eq!(ok("०.५"), 5_000);
        assert_eq!(ok("১২,৩৪৫.৬৭"), 123_456_700);
        assert_eq!(ok("٣٤٥٬٦٧٨٫٩"), 3_456_789_000);
        assert_eq!(ok("۱۲۳۴"), 12_340_000);
        assert_eq!(ok("۱٬۲۳۴٫۵"), 12_345_000);
        assert_eq!(ok("༡༢༣"), 1_230_000);
        assert_eq!(ok("༡,༠༠,༠༠༠"), 1_000_000_000);
        assert_eq!(ok("-९९९"), -9_990_000);
        // Every digit of every script.
        for script in Digits::ALL {
            let fmt = NumberFormat {
                digits: script,
                grouping: Grouping::Western,
            };
            let text = fmt.digits("1234567890");
            assert_eq!(ok(&text), 12_345_678_900_000, "{script:?}");
        }
    }

    #[test]
    fn mixed_digit_scripts_are_rejected() {
        assert_eq!(err("१2३"), AmountError::NotANumber);
        assert_eq!(err("12.५"), AmountError::NotANumber);
        assert_eq!(err("১,234"), AmountError::NotANumber);
    }

    #[test]
    fn currency_tokens_everywhere() {
        for token in CURRENCY_TOKENS {
            let variants = [
                token.to_string(),
                token.to_ascii_lowercase(),
                token.to_ascii_uppercase(),
            ];
            for t in &variants {
                for cell in [
                    format!("{t}1,234.5"),
                    format!("{t} 1,234.5"),
                    format!("{t}\u{A0}1,234.5"),
                    format!("1,234.5{t}"),
                    format!("1,234.5 {t}"),
                    format!("{t} 1,234.5/-"),
                ] {
                    assert_eq!(ok(&cell), 12_345_000, "{cell:?}");
                }
                assert_eq!(ok(&format!("-{t} 500")), -5_000_000, "-{t} 500");
                assert_eq!(ok(&format!("{t} -500")), -5_000_000, "{t} -500");
                assert_eq!(ok(&format!("({t} 500)")), -5_000_000, "({t} 500)");
                assert_eq!(ok(&format!("{t} (500)")), -5_000_000, "{t} (500)");
            }
        }
        assert_eq!(ok("रु. १,२३,४५६"), 1_234_560_000);
        assert_eq!(ok("रू ५००"), 5_000_000);
        assert_eq!(ok("৳৫০০"), 5_000_000);
        assert_eq!(ok("₹1,23,456.50"), 1_234_565_000);
        assert_eq!(ok("Nu. ༥༠༠"), 5_000_000);
        assert_eq!(ok("500 BTN"), 5_000_000);
        assert_eq!(ok("RS.500"), 5_000_000);
    }

    #[test]
    fn only_one_currency_token() {
        assert_eq!(err("Rs 500 Rs"), AmountError::NotANumber);
        assert_eq!(err("Rs NPR 500"), AmountError::NotANumber);
        assert_eq!(err("Rs"), AmountError::NotANumber);
        assert_eq!(err("USD 500"), AmountError::NotANumber);
        assert_eq!(err("$500"), AmountError::NotANumber);
    }

    #[test]
    fn receipt_slash_dash() {
        assert_eq!(ok("500/-"), 5_000_000);
        assert_eq!(ok("500 /-"), 5_000_000);
        assert_eq!(ok("Rs. 1,250/-"), 12_500_000);
        assert_eq!(ok("रु. ५००/-"), 5_000_000);
        assert_eq!(err("500/-/-"), AmountError::NotANumber);
        assert_eq!(err("/-"), AmountError::NotANumber);
    }

    // ---- Parsing: errors -------------------------------------------------

    #[test]
    fn dash_cells() {
        for cell in [
            "-", "\u{2013}", "\u{2014}", "\u{2212}", " - ", "--", "Rs -", "-/-", "Rs. -/-", "(-)",
        ] {
            assert_eq!(err(cell), AmountError::Dash, "{cell:?}");
        }
    }

    #[test]
    fn not_a_number() {
        for cell in [
            "abc",
            "N/A",
            "nil",
            "1.2E+07",
            "1.2e7",
            "1E-3",
            "12 345",
            "1.234.567",
            "1,234.5,6",
            "1-2",
            "500-",
            "+",
            "+-5",
            "--5",
            ".",
            ",",
            "0x1F",
            "१२a",
            "12%",
            "½",
            "٪",
        ] {
            assert_eq!(err(cell), AmountError::NotANumber, "{cell:?}");
        }
    }

    #[test]
    fn bad_grouping() {
        for cell in [
            "1,2345",
            "12,34",
            "1,,234",
            ",123",
            "1,234,",
            "123,45,678",
            "1,23,4567",
            "1234,567",
            "1,234,56",
            "12,345,67,890",
            "1,23,456,789",
            ",",
        ]
        .into_iter()
        .filter(|c| *c != ",")
        {
            assert_eq!(err(cell), AmountError::BadGrouping, "{cell:?}");
        }
        assert_eq!(err("1,2345.5"), AmountError::BadGrouping);
        assert_eq!(err("(12,34)"), AmountError::BadGrouping);
    }

    #[test]
    fn too_many_decimals() {
        assert_eq!(err("1.23456"), AmountError::TooManyDecimals);
        assert_eq!(err("0.00001"), AmountError::TooManyDecimals);
        assert_eq!(err("1.50000"), AmountError::TooManyDecimals);
        assert_eq!(err("०.१२३४५"), AmountError::TooManyDecimals);
        assert_eq!(err("(1,234.56789)"), AmountError::TooManyDecimals);
    }

    #[test]
    fn limits_of_i64() {
        assert_eq!(ok("922337203685477.5807"), i64::MAX);
        assert_eq!(ok("92,23,37,20,36,85,477.5807"), i64::MAX);
        assert_eq!(ok("922,337,203,685,477.5807"), i64::MAX);
        assert_eq!(ok("-922337203685477.5808"), i64::MIN);
        assert_eq!(ok("(922,337,203,685,477.5808)"), i64::MIN);
        assert_eq!(err("922337203685477.5808"), AmountError::TooLarge);
        assert_eq!(err("-922337203685477.5809"), AmountError::TooLarge);
        assert_eq!(err("922337203685478"), AmountError::TooLarge);
        assert_eq!(err("18446744073709551615"), AmountError::TooLarge);
        assert_eq!(err("18446744073709551616"), AmountError::TooLarge);
        assert_eq!(err(&"9".repeat(400)), AmountError::TooLarge);
        assert_eq!(ok(&format!("{}1", "0".repeat(400))), 10_000);
    }

    #[test]
    fn error_messages_and_hints() {
        let all = [
            AmountError::NotANumber,
            AmountError::Dash,
            AmountError::BadGrouping,
            AmountError::TooManyDecimals,
            AmountError::TooLarge,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(!a.to_string().is_empty());
            assert!(!a.hint().is_empty());
            assert!(!a.hint().contains('\n'));
            for b in all.iter().skip(i + 1) {
                assert_ne!(a.to_string(), b.to_string());
                assert_ne!(a.hint(), b.hint());
            }
        }
        assert_eq!(AmountError::NotANumber.to_string(), "is not an amount");
        assert_eq!(
            AmountError::BadGrouping.to_string(),
            "has a thousands separator in the wrong place"
        );
        assert_eq!(
            AmountError::TooManyDecimals.to_string(),
            "has more than 4 decimal places"
        );
        assert_eq!(AmountError::TooLarge.to_string(), "is too large");
        assert!(
            AmountError::NotANumber
                .hint()
                .contains("format the column as Number")
        );
        assert_eq!(
            AmountError::Dash.hint(),
            "write 0 if the amount is zero, or leave the cell empty if it was not reported"
        );
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let pieces = [
            "(",
            ")",
            "-",
            "+",
            ",",
            ".",
            "/-",
            "Rs",
            "रु.",
            "৳",
            "१",
            "9",
            "٫",
            "٬",
            " ",
            "\u{A0}",
            "e",
            "\u{0301}",
            "\u{10FFFF}",
            "\u{0}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = parse_amount(&format!("{a}{b}{c}"));
                    let _ = parse_amount(&format!("{a}{b}{c}{a}"));
                }
            }
        }
    }

    // ---- Formatting ------------------------------------------------------

    const NINETEEN: &str = "1234567890123456789";

    const WESTERN: [&str; 19] = [
        "1",
        "12",
        "123",
        "1,234",
        "12,345",
        "123,456",
        "1,234,567",
        "12,345,678",
        "123,456,789",
        "1,234,567,890",
        "12,345,678,901",
        "123,456,789,012",
        "1,234,567,890,123",
        "12,345,678,901,234",
        "123,456,789,012,345",
        "1,234,567,890,123,456",
        "12,345,678,901,234,567",
        "123,456,789,012,345,678",
        "1,234,567,890,123,456,789",
    ];

    const SOUTH_ASIAN: [&str; 19] = [
        "1",
        "12",
        "123",
        "1,234",
        "12,345",
        "1,23,456",
        "12,34,567",
        "1,23,45,678",
        "12,34,56,789",
        "1,23,45,67,890",
        "12,34,56,78,901",
        "1,23,45,67,89,012",
        "12,34,56,78,90,123",
        "1,23,45,67,89,01,234",
        "12,34,56,78,90,12,345",
        "1,23,45,67,89,01,23,456",
        "12,34,56,78,90,12,34,567",
        "1,23,45,67,89,01,23,45,678",
        "12,34,56,78,90,12,34,56,789",
    ];

    #[test]
    fn grouping_at_every_length() {
        for len in 1..=19 {
            let n: i64 = NINETEEN[..len].parse().unwrap();
            let western = WESTERN[len - 1];
            let south_asian = SOUTH_ASIAN[len - 1];
            assert_eq!(LATIN_W.integer(n), western);
            assert_eq!(LATIN_SA.integer(n), south_asian);
            assert_eq!(LATIN_W.integer(-n), format!("-{western}"));
            assert_eq!(LATIN_SA.integer(-n), format!("-{south_asian}"));
            // Both groupings parse back; 16 digits and more exceed the amount range.
            for text in [western, south_asian] {
                let parsed = parse_amount(text);
                if len <= 15 {
                    assert_eq!(parsed, Ok(Amount::from_units(n)), "{text}");
                } else {
                    assert_eq!(parsed, Err(AmountError::TooLarge), "{text}");
                }
            }
        }
    }

    #[test]
    fn integers_in_scripts() {
        assert_eq!(NE.integer(10_449_999), "१,०४,४९,९९९");
        assert_eq!(BN.integer(230_000_000), "২৩,০০,০০,০০০");
        assert_eq!(DZ.integer(100_000), "༡,༠༠,༠༠༠");
        assert_eq!(AR.integer(1_234_567), "١٬٢٣٤٬٥٦٧");
        assert_eq!(AR.integer(-5), "\u{61C}-٥");
        let ext = NumberFormat {
            digits: Digits::ExtendedArabicIndic,
            grouping: Grouping::SouthAsian,
        };
        assert_eq!(ext.integer(1_234_567), "۱۲٬۳۴٬۵۶۷");
        assert_eq!(LATIN_SA.integer(0), "0");
        assert_eq!(LATIN_W.integer(i64::MAX), "9,223,372,036,854,775,807");
        assert_eq!(LATIN_W.integer(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(LATIN_SA.integer(i64::MIN), "-92,23,37,20,36,85,47,75,808");
    }

    #[test]
    fn amount_rounding() {
        let a = Amount::from_raw;
        assert_eq!(LATIN_W.amount(a(12_345), 2), "1.23");
        assert_eq!(LATIN_W.amount(a(12_350), 2), "1.24");
        assert_eq!(LATIN_W.amount(a(-12_350), 2), "-1.24");
        assert_eq!(LATIN_W.amount(a(12_349), 2), "1.23");
        assert_eq!(LATIN_W.amount(a(5_000), 0), "1");
        assert_eq!(LATIN_W.amount(a(-5_000), 0), "-1");
        assert_eq!(LATIN_W.amount(a(4_999), 0), "0");
        assert_eq!(LATIN_W.amount(a(-4_999), 0), "0");
        assert_eq!(LATIN_W.amount(a(-40), 2), "0.00");
        assert_eq!(LATIN_W.amount(a(99_995), 3), "10.000");
        assert_eq!(LATIN_SA.amount(a(999_999_999), 0), "1,00,000");
        assert_eq!(LATIN_W.amount(a(12_345), 4), "1.2345");
        assert_eq!(LATIN_W.amount(a(12_345), 9), "1.2345");
        assert_eq!(LATIN_W.amount(a(10_000), 2), "1.00");
        assert_eq!(LATIN_W.amount(Amount::ZERO, 1), "0.0");
        assert_eq!(LATIN_W.amount(a(i64::MAX), 0), "922,337,203,685,478");
        assert_eq!(LATIN_W.amount(a(i64::MAX), 3), "922,337,203,685,477.581");
        assert_eq!(LATIN_W.amount(a(i64::MIN), 0), "-922,337,203,685,478");
        assert_eq!(
            LATIN_SA.amount(a(i64::MIN), 4),
            "-92,23,37,20,36,85,477.5808"
        );
        assert_eq!(NE.amount(a(12_345_678_900), 2), "१२,३४,५६७.८९");
        assert_eq!(AR.amount(a(12_345_678_900), 2), "١٬٢٣٤٬٥٦٧٫٨٩");
        assert_eq!(AR.amount(a(-15_000), 1), "\u{61C}-١٫٥");
    }

    #[test]
    fn amount_auto_decimals() {
        assert_eq!(LATIN_SA.amount_auto(units(1_234_567)), "12,34,567");
        assert_eq!(
            LATIN_SA.amount_auto(Amount::from_raw(12_345_675_000)),
            "12,34,567.50"
        );
        assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(-12_345)), "-1.23");
        assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(-12_355)), "-1.24");
        assert_eq!(LATIN_SA.amount_auto(Amount::ZERO), "0");
        assert_eq!(LATIN_SA.amount_auto(Amount::from_raw(1)), "0.00");
        assert_eq!(BN.amount_auto(units(-500)), "-৫০০");
    }

    #[test]
    fn percentages() {
        assert_eq!(LATIN_W.percent(87.456, 1), "87.5%");
        assert_eq!(NE.percent(87.456, 1), "८७.५%");
        assert_eq!(BN.percent(87.456, 0), "৮৭%");
        assert_eq!(AR.percent(87.456, 1), "٨٧٫٥٪");
        assert_eq!(LATIN_W.percent(2.5, 0), "3%");
        assert_eq!(LATIN_W.percent(-2.5, 0), "-3%");
        assert_eq!(LATIN_W.percent(0.0, 2), "0.00%");
        assert_eq!(LATIN_W.percent(-0.0, 0), "0%");
        assert_eq!(LATIN_W.percent(-0.04, 1), "0.0%");
        assert_eq!(LATIN_W.percent(12_345.0, 0), "12,345%");
        assert_eq!(LATIN_W.percent(f64::NAN, 1), "—");
        assert_eq!(LATIN_W.percent(f64::INFINITY, 1), "—");
        assert_eq!(LATIN_W.percent(f64::NEG_INFINITY, 1), "—");
    }

    #[test]
    fn decimals_from_floats() {
        assert_eq!(LATIN_W.decimal(782.4, 1), "782.4");
        assert_eq!(NE.decimal(782.4, 1), "७८२.४");
        assert_eq!(LATIN_SA.decimal(1_234_567.891, 2), "12,34,567.89");
        assert_eq!(LATIN_W.decimal(1.005, 2), "1.01");
        assert_eq!(LATIN_W.decimal(0.125, 2), "0.13");
        assert_eq!(LATIN_W.decimal(-0.125, 2), "-0.13");
        assert_eq!(LATIN_W.decimal(9.96, 1), "10.0");
        assert_eq!(LATIN_W.decimal(999.95, 1), "1,000.0");
        assert_eq!(LATIN_W.decimal(0.1 + 0.2, 2), "0.30");
        assert_eq!(LATIN_W.decimal(1e-7, 3), "0.000");
        assert_eq!(LATIN_W.decimal(5.0, 0), "5");
        assert_eq!(LATIN_W.decimal(1e21, 0), "1,000,000,000,000,000,000,000");
        assert_eq!(
            LATIN_W
                .decimal(f64::MAX, 0)
                .chars()
                .filter(|c| *c == ',')
                .count(),
            102
        );
        assert_eq!(LATIN_W.decimal(f64::MIN_POSITIVE, 2), "0.00");
        assert_eq!(LATIN_W.decimal(1.5, 255).len(), 257);
        assert_eq!(LATIN_W.decimal(f64::NAN, 1), "—");
    }

    #[test]
    fn transliteration() {
        assert_eq!(NE.digits("2080/81"), "२०८०/८१");
        assert_eq!(BN.digits("FY 2023-24"), "FY ২০২৩-২৪");
        assert_eq!(DZ.digits("2024"), "༢༠༢༤");
        assert_eq!(AR.digits("10 - 12"), "١٠ - ١٢");
        assert_eq!(LATIN_W.digits("१२ abc 34"), "१२ abc 34");
        assert_eq!(NE.digits(""), "");
        let ext = NumberFormat {
            digits: Digits::ExtendedArabicIndic,
            grouping: Grouping::Western,
        };
        assert_eq!(ext.digits("0123456789"), "۰۱۲۳۴۵۶۷۸۹");
    }

    #[test]
    fn digits_by_language_and_name() {
        assert_eq!(Digits::for_lang("ne"), Digits::Devanagari);
        assert_eq!(Digits::for_lang("ne-NP"), Digits::Devanagari);
        assert_eq!(Digits::for_lang("hi"), Digits::Devanagari);
        assert_eq!(Digits::for_lang("mr"), Digits::Devanagari);
        assert_eq!(Digits::for_lang("bn"), Digits::Bengali);
        assert_eq!(Digits::for_lang("BN_bd"), Digits::Bengali);
        assert_eq!(Digits::for_lang("dz"), Digits::Tibetan);
        assert_eq!(Digits::for_lang("en"), Digits::Latin);
        assert_eq!(Digits::for_lang("ur"), Digits::Latin);
        assert_eq!(Digits::for_lang(""), Digits::Latin);
        assert_eq!(Digits::for_lang("new"), Digits::Latin);
        for (name, digits) in [
            ("latin", Digits::Latin),
            ("devanagari", Digits::Devanagari),
            ("bengali", Digits::Bengali),
            ("tibetan", Digits::Tibetan),
            ("arabic-indic", Digits::ArabicIndic),
            ("extended-arabic-indic", Digits::ExtendedArabicIndic),
            ("Devanagari", Digits::Devanagari),
            ("deva", Digits::Devanagari),
            ("arabext", Digits::ExtendedArabicIndic),
        ] {
            assert_eq!(Digits::from_name(name), Some(digits), "{name}");
        }
        assert_eq!(Digits::from_name("roman"), None);
        assert_eq!(Digits::from_name(""), None);
    }

    // ---- In words --------------------------------------------------------

    #[test]
    fn sums_in_words() {
        let crore_10_45 = units(104_500_000);
        assert_eq!(
            in_words(crore_10_45, "en", &LATIN_SA).as_deref(),
            Some("10.45 crore")
        );
        assert_eq!(
            in_words(crore_10_45, "ne", &NE).as_deref(),
            Some("१०.४५ करोड")
        );
        assert_eq!(
            in_words(crore_10_45, "hi", &NE).as_deref(),
            Some("१०.४५ करो\u{921}\u{93C}")
        );
        assert_eq!(
            in_words(crore_10_45, "ur", &LATIN_SA).as_deref(),
            Some("10.45 کروڑ")
        );
        assert_eq!(
            in_words(crore_10_45, "dz", &DZ).as_deref(),
            Some("༡༠.༤༥ བྱེ་བ")
        );
        assert_eq!(
            in_words(crore_10_45, "mr", &NE).as_deref(),
            Some("१०.४५ कोटी")
        );
        assert_eq!(
            in_words(units(230_000_000), "bn", &BN).as_deref(),
            Some("২৩ কোটি")
        );
        assert_eq!(
            in_words(units(23_000_000), "bn", &BN).as_deref(),
            Some("২.৩ কোটি")
        );
        assert_eq!(
            in_words(units(1_045_000_000), "ne", &NE).as_deref(),
            Some("१.०५ अर्ब")
        );
        assert_eq!(
            in_words(units(1_044_999_999), "ne", &NE).as_deref(),
            Some("१.०४ अर्ब")
        );
        assert_eq!(
            in_words(units(1_040_000_000), "hi", &NE).as_deref(),
            Some("१.०४ अरब")
        );
        assert_eq!(
            in_words(units(2_500_000_000), "ur", &LATIN_SA).as_deref(),
            Some("2.5 ارب")
        );
        assert_eq!(
            in_words(units(10_450_000_000), "en", &LATIN_W).as_deref(),
            Some("1,045 crore")
        );
        assert_eq!(
            in_words(units(10_450_000_000), "bn", &BN).as_deref(),
            Some("১,০৪৫ কোটি")
        );
        assert_eq!(
            in_words(units(10_450_000_000), "dz", &DZ).as_deref(),
            Some("༡,༠༤༥ བྱེ་བ")
        );
        assert_eq!(
            in_words(units(500_000), "en", &LATIN_SA).as_deref(),
            Some("5 lakh")
        );
        assert_eq!(
            in_words(units(500_000), "dz", &DZ).as_deref(),
            Some("༥ འབུམ")
        );
        assert_eq!(
            in_words(units(123_456), "ne", &NE).as_deref(),
            Some("१.२३ लाख")
        );
        assert_eq!(in_words(units(100_000), "bn", &BN).as_deref(), Some("১ লাখ"));
        assert_eq!(
            in_words(units(150_000), "ur", &LATIN_SA).as_deref(),
            Some("1.5 لاکھ")
        );
        assert_eq!(
            in_words(units(-104_500_000), "en", &LATIN_SA).as_deref(),
            Some("-10.45 crore")
        );
        assert_eq!(
            in_words(units(-500_000), "ne", &NE).as_deref(),
            Some("-५ लाख")
        );
        assert_eq!(
            in_words(units(104_500_000), "fr", &LATIN_W).as_deref(),
            Some("10.45 crore")
        );
    }

    #[test]
    fn words_thresholds_and_carries() {
        assert_eq!(in_words(units(99_999), "en", &LATIN_SA), None);
        assert_eq!(
            in_words(Amount::from_raw(999_999_999), "en", &LATIN_SA),
            None
        );
        assert_eq!(in_words(units(-99_999), "en", &LATIN_SA), None);
        assert_eq!(in_words(Amount::ZERO, "en", &LATIN_SA), None);
        // Rounds up into the next scale instead of "100 lakh".
        assert_eq!(
            in_words(units(9_999_999), "en", &LATIN_SA).as_deref(),
            Some("1 crore")
        );
        assert_eq!(
            in_words(units(9_994_999), "en", &LATIN_SA).as_deref(),
            Some("99.95 lakh")
        );
        assert_eq!(
            in_words(units(999_999_999), "ne", &NE).as_deref(),
            Some("१ अर्ब")
        );
        assert_eq!(
            in_words(units(999_999_999), "en", &LATIN_SA).as_deref(),
            Some("100 crore")
        );
        assert_eq!(
            in_words(units(10_050_000), "en", &LATIN_SA).as_deref(),
            Some("1.01 crore")
        );
        assert_eq!(
            in_words(units(10_049_999), "en", &LATIN_SA).as_deref(),
            Some("1 crore")
        );
        assert_eq!(
            in_words(Amount::from_raw(i64::MAX), "en", &LATIN_SA).as_deref(),
            Some("9,22,33,720.37 crore")
        );
        assert_eq!(
            in_words(Amount::from_raw(i64::MIN), "ne", &NE).as_deref(),
            Some("-९,२२,३३७.२ अर्ब")
        );
    }

    // ---- Round trips -----------------------------------------------------

    /// Deterministic spread of raw values over every magnitude, plus the edges.
    fn sample_amounts() -> Vec<Amount> {
        let mut out = vec![
            Amount::ZERO,
            Amount::from_raw(1),
            Amount::from_raw(-1),
            Amount::from_raw(i64::MAX),
            Amount::from_raw(i64::MIN),
            Amount::from_raw(i64::MAX - 1),
            Amount::from_raw(i64::MIN + 1),
        ];
        let mut power: i64 = 1;
        while let Some(next) = power.checked_mul(10) {
            for v in [power, power - 1, power + 1, next / 2] {
                out.push(Amount::from_raw(v));
                out.push(Amount::from_raw(-v));
            }
            power = next;
        }
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..2_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Vary the magnitude: shift away 0..63 bits.
            let raw = (state as i64) >> (i % 64);
            out.push(Amount::from_raw(raw));
        }
        out
    }

    #[test]
    fn format_then_parse_round_trips() {
        let amounts = sample_amounts();
        let mut checked = 0usize;
        for fmt in ALL_FORMATS {
            for &a in &amounts {
                let text = fmt.amount(a, 4);
                assert_eq!(parse_amount(&text), Ok(Some(a)), "{fmt:?} {text}");
                checked += 1;
                let integer = a.raw() / 10_000;
                if let Some(whole) = Amount::from_units(integer) {
                    let text = fmt.integer(integer);
                    assert_eq!(parse_amount(&text), Ok(Some(whole)), "{fmt:?} {text}");
                }
            }
        }
        assert!(checked > 20_000);
    }

    #[test]
    fn plain_then_parse_round_trips() {
        for a in sample_amounts() {
            assert_eq!(parse_amount(&a.plain()), Ok(Some(a)), "{}", a.plain());
        }
    }

    #[test]
    fn rounded_output_matches_integer_arithmetic() {
        // amount(x, d) agrees with rounding half away from zero done in i128.
        for a in sample_amounts() {
            for d in 0..=4u8 {
                let step = 10i128.pow(4 - u32::from(d));
                let raw = i128::from(a.raw());
                let q = (raw.abs() + step / 2) / step;
                let rounded = if raw < 0 { -q } else { q };
                if i64::try_from(rounded * step).is_err() {
                    continue;
                }
                let text = LATIN_W.amount(a, d);
                let back = parse_amount(&text).unwrap().unwrap();
                assert_eq!(i128::from(back.raw()), rounded * step, "{a:?} {d} {text}");
            }
        }
    }
}
