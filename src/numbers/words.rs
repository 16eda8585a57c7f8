//! Large sums in lakh, crore and arab.

use super::format::{AsciiDecimal, NumberFormat};
use super::{Amount, primary_language};

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
