//! Formatting integers, amounts, percentages and decimals in a digit script and grouping.

use super::Amount;
use super::digits::Digits;

/// How digits are grouped in the integer part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// Last group of three, then groups of two: 1,23,45,678 (lakh/crore).
    SouthAsian,
    /// Groups of three: 12,345,678.
    Western,
}

/// A digit script and a grouping style, e.g. Devanagari digits with lakh/crore grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    /// Script of the digits.
    pub digits: Digits,
    /// Grouping of the integer part.
    pub grouping: Grouping,
}

/// A non-negative decimal as ASCII digits: the integer part (no leading zeros except a
/// lone "0") followed by the fraction part (any length), in one buffer.
pub(super) struct AsciiDecimal {
    digits: Vec<u8>,
    /// How many of `digits` are the integer part.
    int_len: usize,
}

impl AsciiDecimal {
    /// Splits "123.45" (ASCII digits with at most one '.') into parts.
    pub(super) fn from_plain(s: &str) -> AsciiDecimal {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let mut digits = Vec::with_capacity(s.len().max(1));
        digits.extend(int.bytes().filter(u8::is_ascii_digit));
        let int_len = digits.len();
        digits.extend(frac.bytes().filter(u8::is_ascii_digit));
        let mut value = AsciiDecimal { digits, int_len };
        value.normalise_int();
        value
    }

    /// `whole` and, when `frac` is not zero, its four digits of ten-thousandths.
    fn from_parts(whole: u64, frac: u16) -> AsciiDecimal {
        let mut digits = Vec::with_capacity(26);
        let mut rest = whole;
        loop {
            digits.push(digit_byte(rest % 10));
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        digits.reverse();
        let int_len = digits.len();
        if frac != 0 {
            let mut rest = u64::from(frac);
            let mut four = [b'0'; 4];
            for slot in four.iter_mut().rev() {
                *slot = digit_byte(rest % 10);
                rest /= 10;
            }
            digits.extend_from_slice(&four);
        }
        AsciiDecimal { digits, int_len }
    }

    fn int(&self) -> &[u8] {
        self.digits.get(..self.int_len).unwrap_or_default()
    }

    fn frac(&self) -> &[u8] {
        self.digits.get(self.int_len..).unwrap_or_default()
    }

    fn normalise_int(&mut self) {
        let leading = self.int().iter().take_while(|&&b| b == b'0').count();
        let drop = leading.min(self.int_len.saturating_sub(1));
        self.digits.drain(..drop);
        self.int_len = self.int_len.saturating_sub(drop);
        if self.int_len == 0 {
            self.digits.insert(0, b'0');
            self.int_len = 1;
        }
    }

    /// Rounds half away from zero to exactly `decimals` fraction digits.
    fn rounded(mut self, decimals: usize) -> AsciiDecimal {
        let round_up = self.frac().get(decimals).is_some_and(|&b| b >= b'5');
        self.digits
            .resize(self.int_len.saturating_add(decimals), b'0');
        if round_up {
            let mut carry = true;
            for b in self.digits.iter_mut().rev() {
                if *b == b'9' {
                    *b = b'0';
                } else {
                    *b = b.saturating_add(1);
                    carry = false;
                    break;
                }
            }
            if carry {
                self.digits.insert(0, b'1');
                self.int_len = self.int_len.saturating_add(1);
            }
        }
        self
    }

    /// Drops trailing zeros of the fraction.
    pub(super) fn trimmed(mut self) -> AsciiDecimal {
        while self.digits.len() > self.int_len && self.digits.last() == Some(&b'0') {
            self.digits.pop();
        }
        self
    }

    fn is_zero(&self) -> bool {
        self.digits.iter().all(|&b| b == b'0')
    }
}

/// The ASCII byte of the digit `d` (0 to 9).
fn digit_byte(d: u64) -> u8 {
    b"0123456789"
        .get(usize::try_from(d).unwrap_or(0))
        .copied()
        .unwrap_or(b'0')
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
    pub(super) fn render(&self, negative: bool, value: &AsciiDecimal) -> String {
        // Room for digits of up to three bytes, separators and a sign, in one allocation.
        let mut out = String::with_capacity(value.digits.len().saturating_mul(4).saturating_add(8));
        if negative && !value.is_zero() {
            if self.digits.is_arabic() {
                // The Arabic letter mark keeps the minus sign before the digits in
                // right-to-left text, as CLDR does for Arabic.
                out.push('\u{061C}');
            }
            out.push('-');
        }
        let digit = |b: u8| {
            self.digits
                .digit(u32::from(b.saturating_sub(b'0')))
                .unwrap_or('?')
        };
        let int = value.int();
        let len = int.len();
        for (i, &b) in int.iter().enumerate() {
            if i > 0 && separator_before(self.grouping, len.saturating_sub(i)) {
                out.push(self.group_separator());
            }
            out.push(digit(b));
        }
        if !value.frac().is_empty() {
            out.push(self.decimal_separator());
            out.extend(value.frac().iter().map(|&b| digit(b)));
        }
        out
    }

    /// A grouped integer: 10449999 -> "१,०४,४९,९९९" (Devanagari, South Asian).
    pub fn integer(&self, n: i64) -> String {
        self.render(n < 0, &AsciiDecimal::from_parts(n.unsigned_abs(), 0))
    }

    /// An amount rounded half away from zero to `decimals` fraction digits (0..=4; larger
    /// values are treated as 4), then grouped.
    pub fn amount(&self, a: Amount, decimals: u8) -> String {
        let (whole, frac) = a.magnitude_parts();
        let value = AsciiDecimal::from_parts(whole, frac);
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
        let mut out = String::with_capacity(s.len().saturating_mul(3));
        out.extend(s.chars().map(|c| self.digits.map(c)));
        out
    }
}
