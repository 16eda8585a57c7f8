//! Amounts and counts as council clerks write them and as readers expect to see them.
//!
//! Parsing accepts what South Asian local-government spreadsheets actually contain:
//! digits in Latin, Devanagari, Bengali, Arabic-Indic, Extended Arabic-Indic or Tibetan
//! script, western (`12,345,678`) or lakh/crore (`1,23,45,678`) grouping, accounting
//! negatives in parentheses, currency tokens such as `Rs.`, `रु.`, `৳` or `Nu.`, and the
//! receipt-style trailing `/-`. Fee and rate cells may also be a word for "free" or a
//! rule in words ([`parse_charge`]). Every rejected cell comes with a reason and a one-line hint.
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

mod charge;
mod digits;
mod format;
mod parse;
mod scale;
mod words;

pub use charge::{Charge, FREE_WORDS, decimals_written, is_free_word, parse_charge};
pub use digits::{Digits, ascii_digit, digit_value};
pub use format::{Grouping, NumberFormat};
pub use parse::parse_amount;
pub use scale::{Scale, dropped_scale, parse_scaled};
pub use words::in_words;

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

    /// The amount times a whole number, or `None` on overflow.
    pub fn checked_mul_int(self, factor: i64) -> Option<Amount> {
        self.0.checked_mul(factor).map(Amount)
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

    /// The magnitude's whole units and ten-thousandths; computed without negating, so it
    /// is safe for `i64::MIN`.
    fn magnitude_parts(self) -> (u64, u16) {
        let (whole, frac) = split_raw(self.0.unsigned_abs());
        (whole, u16::try_from(frac).unwrap_or(0))
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

/// The primary language subtag of a tag such as "ne-NP" or "bn_BD", lowercased.
fn primary_language(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects,
    reason = "tests may unwrap, index, panic and compute freely: a failed assertion is how \
              they report"
)]
mod tests;
