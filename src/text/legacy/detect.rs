//! Whether a text looks typed in a legacy font.
//!
//! Only text in a field whose language the layout writes (Nepali for Preeti, Bengali for
//! Bijoy) is looked at. The text is cut into runs at the letters of the script itself, and
//! each run into words. A word scores points for the signs of the layout it shows:
//!
//! - strong points, for what English text never shows: a symbol key of the layout inside or
//!   after letters (`{ } [ ] ; \ | +`, two points between letters as in `sfof{no`), a `/`
//!   beside a part with no vowel (`gu/kflnsf`, not `and/or`), a `:` starting or inside a
//!   word, a quote inside a word that is no English contraction (`k'/`, not `don't`), a key of
//!   the layout's upper half (`‡`, `¯`, `©` …) beside a letter (two points between letters,
//!   for Bijoy's vowel-sign, half-glyph and mark keys `‡ ‰ ¯ ¤ ¨ ª …` anywhere beside a
//!   letter, and twice more against the script's own letters as in `¯’াবর`), a digit
//!   between letters (`j8f`), a
//!   lower-case letter then a capital (`sd{rf/L`), a `q` not followed by `u`;
//! - weak points, for what English seldom shows: a consonant key then the key of `ा`/`া`
//!   (`sf`, `Kv`), the key of `ि` (`l`, `w`) starting a word before a consonant, five letters
//!   with at most one vowel, two consonants starting a word that start no English or
//!   romanised word (`sf`, `cw`, `bd`; not `bh`, `st`, `kh`).
//!
//! A word with two points, one of them strong, or with three weak points, is legacy-font
//! text. A run is, when at least a third of its words are, and its words score one point
//! each on average: one odd word in an English sentence does not make the sentence Preeti.
//! Web and e-mail addresses, file names, markup and code (`{{ title }}`, `<h1>`, `a::b`),
//! and words without a lower-case letter (codes such as `NP-26611`, amounts, acronyms)
//! score nothing. Short words alone (`s/` कर, `Ki` কর) are too like English to be told apart;
//! among other legacy words they are converted with them.

use super::{Font, convert};
use std::collections::{HashMap, HashSet};

/// Legacy-font text found in a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset of the first run of legacy text in the value.
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
    /// Every run of legacy text, as byte ranges of the value.
    pub runs: Vec<std::ops::Range<usize>>,
    /// The whole value with every run of legacy text converted.
    pub suggestion: String,
}

/// Legacy-font text in `text`, as `font` would have drawn it; `None` when there is none.
pub fn detect(font: Font, text: &str) -> Option<Finding> {
    detect_in(font, text, &mut Words::default())
}

/// [`detect`], with the words already scored in `words` looked up rather than scored again
/// (the same answer, for a fraction of the work on text whose words repeat).
pub fn detect_in(font: Font, text: &str, words: &mut Words) -> Option<Finding> {
    if !could_be_legacy(text) {
        return None;
    }
    let runs = runs(font, text);
    let legacy: Vec<bool> = runs
        .iter()
        .enumerate()
        .map(|(n, &(_, run, native))| {
            // A run written against the script's letters, with no space between.
            let glued = (n > 0 && !run.starts_with(char::is_whitespace))
                || (n + 1 < runs.len() && !run.ends_with(char::is_whitespace));
            !native && is_legacy_run(font, run, glued, words)
        })
        .collect();
    if !legacy.contains(&true) {
        return None;
    }
    let mut suggestion = String::with_capacity(text.len() * 2);
    let mut found = Vec::new();
    for (&(start, run, _), is_legacy) in runs.iter().zip(legacy) {
        if is_legacy {
            let lead = run.len() - run.trim_start().len();
            let inner_end = run.trim_end().len();
            found.push(start + lead..start + inner_end);
            suggestion.push_str(&run[..lead]);
            suggestion.push_str(&convert(font, &run[lead..inner_end]));
            suggestion.push_str(&run[inner_end..]);
        } else {
            suggestion.push_str(run);
        }
    }
    let first = found.first()?.clone();
    Some(Finding {
        start: first.start,
        len: first.len(),
        runs: found,
        suggestion,
    })
}

/// Words already scored, by font: a word scores the same wherever it stands, and the text
/// of a council says the same words again and again. Forgotten past [`Words::LIMIT`] words,
/// so that memory stays bounded on any text.
#[derive(Default)]
pub struct Words {
    seen: [HashMap<Box<str>, WordInfo, rustc_hash::FxBuildHasher>; 2],
    /// Whole values found clean, by the font their language is typed in (or none): a
    /// council repeats its sectors, sources and statuses in every row, and a value is clean
    /// or not the same wherever it stands.
    clean: [HashSet<Box<str>, rustc_hash::FxBuildHasher>; 3],
}

/// What [`is_legacy_run`] needs to know of a word.
#[derive(Clone, Copy, Debug, Default)]
struct WordInfo {
    /// Whether the word counts at all: it holds a letter or a key of the upper half.
    counted: bool,
    /// Whether it holds a key of the layout's upper half.
    high_key: bool,
    score: Score,
}

impl Words {
    const LIMIT: usize = 100_000;
    /// Values longer than this (paragraphs, which seldom repeat) are not remembered.
    const LONGEST_KEPT: usize = 512;

    /// Whether `value` was found clean before, in a language typed in `font`.
    pub fn is_clean(&self, font: Option<Font>, value: &str) -> bool {
        value.len() <= Self::LONGEST_KEPT && self.clean[Self::slot(font)].contains(value)
    }

    /// Remembers that `value`, in a language typed in `font`, is clean.
    pub fn mark_clean(&mut self, font: Option<Font>, value: &str) {
        if value.len() > Self::LONGEST_KEPT {
            return;
        }
        let clean = &mut self.clean[Self::slot(font)];
        if clean.len() >= Self::LIMIT {
            clean.clear();
        }
        clean.insert(value.into());
    }

    fn slot(font: Option<Font>) -> usize {
        font.map_or(2, |f| f as usize)
    }

    fn info(&mut self, font: Font, word: &str) -> WordInfo {
        let seen = &mut self.seen[font as usize];
        if let Some(info) = seen.get(word) {
            return *info;
        }
        let counted = word
            .chars()
            .any(|c| c.is_ascii_alphabetic() || is_high_key(font, c));
        let info = WordInfo {
            counted,
            high_key: word.chars().any(|c| is_high_key(font, c)),
            score: if counted {
                word_score(font, word)
            } else {
                Score::default()
            },
        };
        if seen.len() >= Self::LIMIT {
            seen.clear();
        }
        seen.insert(word.into(), info);
        info
    }
}

/// Whether `text` holds anything a legacy font types its letters with: ASCII letters, or
/// the Latin-1 and Windows-1252 signs Bijoy uses (`¯`, `’`, `Š`…). Text of the script's
/// own letters, digits and punctuation has none, and is passed over at once.
fn could_be_legacy(text: &str) -> bool {
    // Most text settles on its bytes: an ASCII letter, or ASCII only.
    if text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    !text.is_ascii()
        && text
            .chars()
            .any(|c| ('\u{80}'..='\u{2ff}').contains(&c) || ('\u{2010}'..='\u{2122}').contains(&c))
}

/// The value cut at the script's own letters: (byte offset, text, whether it is the script's).
fn runs(font: Font, text: &str) -> Vec<(usize, &str, bool)> {
    // No letter of either script is ASCII: such a text is one run.
    if text.is_ascii() {
        return vec![(0, text, false)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let native = font.is_native(c);
        if current != Some(native) {
            if let Some(was) = current {
                out.push((start, &text[start..i], was));
            }
            start = i;
            current = Some(native);
        }
    }
    if let Some(was) = current {
        out.push((start, &text[start..], was));
    }
    out
}

/// Whether a run of non-script text is legacy-font text (see the module's description).
/// A run `glued` to the script's letters counts a key of the layout's upper half twice
/// (the `¯’` of `¯’াবর`).
fn is_legacy_run(font: Font, run: &str, glued: bool, seen: &mut Words) -> bool {
    let mut words = 0;
    let mut total = 0;
    let mut flagged = 0;
    for word in words_of(run) {
        let info = seen.info(font, word);
        if !info.counted {
            continue;
        }
        words += 1;
        let mut score = info.score;
        if glued && info.high_key {
            score.strong += 2;
        }
        total += score.strong + score.weak;
        flagged += usize::from(score.is_legacy());
    }
    flagged >= 1 && flagged * 3 >= words && total >= words
}

/// The words of `run` as `str::split_whitespace` gives them, read byte by byte when the run
/// is ASCII (English in a field of the script's language, most of what is checked).
fn words_of(run: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if !run.is_ascii() {
        return Box::new(run.split_whitespace());
    }
    // The ASCII characters `char::is_whitespace` names: tab, line feed, vertical tab, form
    // feed, carriage return and space. Cut between ASCII bytes, every piece is a `str`.
    let bytes = run.as_bytes();
    let mut at = 0;
    Box::new(std::iter::from_fn(move || {
        let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
        let start = at + bytes.get(at..)?.iter().position(|b| !is_space(b))?;
        let len = bytes[start..]
            .iter()
            .position(is_space)
            .unwrap_or(bytes.len() - start);
        at = start + len;
        run.get(start..at)
    }))
}

/// The points a word scores: for signs English never shows, and for those it seldom does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Score {
    pub strong: usize,
    pub weak: usize,
}

impl Score {
    /// Two points with one strong among them, or three weak ones.
    fn is_legacy(self) -> bool {
        (self.strong >= 1 && self.strong + self.weak >= 2) || self.weak >= 3
    }
}

/// The points a word scores.
pub(super) fn word_score(font: Font, word: &str) -> Score {
    if is_address_or_code(font, word) {
        return Score::default();
    }
    let chars: Vec<char> = word.chars().collect();
    let colons = usize::from(
        (0..chars.len()).any(|i| chars[i] == ':' && layout_key_points(font, &chars, i) > 0),
    );
    let keys = (0..chars.len())
        .filter(|&i| chars[i] != ':')
        .map(|i| layout_key_points(font, &chars, i))
        .sum::<usize>()
        .saturating_add(colons)
        .min(2)
        .max(usize::from(
            chars.contains(&'/') && slash_splits_odd_parts(&chars),
        ));
    Score {
        strong: keys + strong_letters(font, &chars),
        weak: weak_letters(font, word, &chars),
    }
}

/// Web and e-mail addresses, file names, and words without a lower-case letter or a key of
/// the layout's upper half.
fn is_address_or_code(font: Font, word: &str) -> bool {
    // Addresses, markup and file names all hold one of these; a plain word skips the
    // searches below.
    let marked = word.bytes().any(|b| {
        matches!(
            b,
            b':' | b'/' | b'{' | b'}' | b'<' | b'>' | b'=' | b'&' | b'@' | b'.' | b'-'
        )
    }) || word
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"http"))
        || word
            .as_bytes()
            .get(..3)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"www"));
    if !marked {
        return !word
            .chars()
            .any(|c| c.is_ascii_lowercase() || is_high_key(font, c));
    }
    let lower = word.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.contains("http") {
        return true;
    }
    // Markup and code: `{{ page.title }}`, `<h1>`, `build::run`, `.a{color:red}`.
    let code = ["{{", "}}", "</", "/>", "::", "=>", "->", "&&"];
    if code.iter().any(|c| word.contains(c))
        || word.starts_with('<')
        || (word.contains('{') && word.contains('}'))
    {
        return true;
    }
    if let Some((user, domain)) = word.split_once('@')
        && !user.is_empty()
        && domain.contains('.')
    {
        return true;
    }
    if has_file_name(word) {
        return true;
    }
    !word
        .chars()
        .any(|c| c.is_ascii_lowercase() || is_high_key(font, c))
}

/// A dot after something, then two to four lower-case letters or digits ending the word or
/// followed by punctuation: `budget.csv`, `services.csv:4:31`, `<ref>.md`.
fn has_file_name(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        if c != '.' || i.checked_sub(1).is_none_or(|p| chars[p] == '.') {
            return false;
        }
        let ext = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            .count();
        let after = chars.get(i + 1 + ext);
        (2..=4).contains(&ext) && after.is_none_or(|a| a.is_ascii_punctuation())
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// A character of the upper half of the code page that the layout gives a letter.
fn is_high_key(font: Font, c: char) -> bool {
    !c.is_ascii()
        && !font.is_native(c)
        && !matches!(
            c,
            '‘' | '’' | '“' | '”' | '…' | '–' | '—' | '•' | '·' | '°' | '×' | '÷'
        )
        && font.layout().keys.keys().any(|k| k.starts_with(c))
}

/// Points for `chars[i]` as a key of the layout in a place English does not put it: one,
/// or two for one of the layout's symbols or upper-half keys between two letters
/// (`sfof{no`, `ev‡RU`), where no English text has them.
fn layout_key_points(font: Font, chars: &[char], i: usize) -> usize {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    // Bijoy draws some conjuncts as a half glyph and a quote or caret (`¯’` স্থ, `¯^` স্ব).
    let letter_like = |c: char| {
        c.is_ascii_alphanumeric()
            || is_high_key(font, c)
            || (font == Font::Bijoy && matches!(c, '’' | '‘' | '^' | '—'))
    };
    let letter_before = prev.is_some_and(letter_like);
    let letter_after = next.is_some_and(letter_like);
    let inside = usize::from(letter_before && letter_after);
    if is_high_key(font, c) {
        let native_beside =
            prev.is_some_and(|p| font.is_native(p)) || next.is_some_and(|n| font.is_native(n));
        if !(letter_before || letter_after || native_beside) {
            return 0;
        }
        return if inside == 1 || is_unmistakable(font, c) {
            2
        } else {
            1
        };
    }
    let alone = |key: char| chars.iter().filter(|&&c| c == key).count() == 1;
    let points = match (font, c) {
        (Font::Preeti, '{' | '}' | '[' | ']') => {
            letter_before && !chars[..i].iter().any(|&p| matches!(p, '{' | '['))
        }
        (Font::Preeti, '+' | '\\' | '|') => letter_before,
        (Font::Preeti, ';') => next.is_some(),
        // Not counted twice inside a word: `title:en`, `urn:np:budget` are no Preeti.
        (Font::Preeti, ':') => return usize::from(letter_after && (letter_before || i == 0)),
        (_, '\'' | '"') => {
            return usize::from(
                letter_before
                    && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '/')
                    && !is_contraction(&chars[i + 1..]),
            );
        }
        // Not the backticks around code in markdown (`` `fee` ``): only between letters, or
        // before the key of a vowel sign (`` `vb `` দান).
        (Font::Bijoy, '`') => {
            (letter_before && letter_after)
                || (i == 0
                    && alone('`')
                    && next.is_some_and(|n| matches!(n, 'v' | 'w' | 'x' | 'y' | 'z')))
        }
        (Font::Bijoy, '|') => letter_before,
        (Font::Bijoy, '&') => letter_before && letter_after,
        _ => false,
    };
    if points { 1 + inside } else { 0 }
}

/// Keys of the layout's upper half that are no letter of any language written in Latin
/// letters, and that English text does not put beside a letter: Bijoy's vowel signs
/// (`‡` ে, `‰` ৈ), half glyphs (`¯` স্, `¤` ম্) and marks (`¨` য-ফলা, `ª` র-ফলা).
fn is_unmistakable(font: Font, c: char) -> bool {
    font == Font::Bijoy
        && matches!(
            c,
            '‡' | '†'
                | '‰'
                | 'ˆ'
                | 'Š'
                | '¯'
                | '¤'
                | '˜'
                | '¨'
                | 'ª'
                | 'Ö'
                | '«'
                | '¸'
                | '¶'
                | 'ÿ'
                | '„'
        )
}

/// English endings after an apostrophe: `'s`, `'t`, `'re`, `'ve`, `'ll`, `'d`, `'m`.
fn is_contraction(after: &[char]) -> bool {
    let rest: String = after.iter().collect::<String>().to_ascii_lowercase();
    matches!(rest.as_str(), "s" | "t" | "re" | "ve" | "ll" | "d" | "m")
}

/// A `/` beside a part with no vowel: `gu/kflnsf`, `s/`, `/fh:j`; not `and/or`, `/etc/hosts`.
fn slash_splits_odd_parts(chars: &[char]) -> bool {
    let word: String = chars.iter().collect();
    word.split('/')
        .any(|part| part.chars().any(|c| c.is_ascii_alphabetic()) && !part.chars().any(is_vowel))
}

/// Strong points for letters English does not put together: a digit between letters
/// (Preeti), a lower-case letter then a capital, a `q` not followed by `u`.
fn strong_letters(font: Font, chars: &[char]) -> usize {
    let digit_inside = chars.windows(3).any(|w| {
        w[0].is_ascii_alphabetic() && w[1].is_ascii_digit() && !w[2].is_ascii_digit() && w[2] != '.'
    });
    let case_switch = chars
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    // `q` is `য়` in Bijoy and `त्र` in Preeti; English follows it with `u`.
    let lone_q = chars.windows(2).any(|w| w[0] == 'q' && w[1] != 'u');
    usize::from(font == Font::Preeti && digit_inside)
        + usize::from(case_switch)
        + usize::from(lone_q)
}

/// Weak points: a consonant key English seldom puts before the key of `ा`/`া`, the key of
/// `ि` starting a word before a consonant, five letters with one vowel, an odd start.
fn weak_letters(font: Font, word: &str, chars: &[char]) -> usize {
    let letters: Vec<char> = chars
        .iter()
        .copied()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let (sign_key, i_key, before_sign): (char, char, &[char]) = match font {
        Font::Preeti => (
            'f',
            'l',
            &[
                'b', 'c', 'd', 'g', 'h', 'j', 'k', 'q', 's', 'v', 'w', 'x', 'z', ';', '/',
            ],
        ),
        Font::Bijoy => (
            'v',
            'w',
            &['c', 'g', 'j', 'k', 'm', 'q', 't', 'w', 'x', 'z', '`', '_'],
        ),
    };
    let pair = chars.windows(2).any(|w| {
        w[1] == sign_key
            && (before_sign.contains(&w[0])
                || w[0].is_ascii_digit()
                || (font == Font::Bijoy && w[0].is_ascii_uppercase()))
    });
    let i_first = letters.len() >= 3
        && letters[0] == i_key
        && !is_vowel(letters[1])
        && !matches!(letters[1], 'l' | 'h' | 'r')
        && !word.eq_ignore_ascii_case("ltd");
    let vowels = letters.iter().filter(|&&c| is_vowel(c)).count();
    let few_vowels = letters.len() >= 5 && vowels <= 1;
    let i_before_consonant = font == Font::Bijoy
        && chars.windows(2).skip(1).any(|w| {
            w[0] == 'w'
                && (w[1].is_ascii_uppercase()
                    || matches!(w[1], 'b' | 'c' | 'g' | 'j' | 'm' | 'q' | 'x' | '`' | '_'))
        });
    [
        pair,
        i_first,
        few_vowels,
        odd_start(chars),
        i_before_consonant,
    ]
    .iter()
    .filter(|&&b| b)
    .count()
}

/// Two consonant letters starting a word that start no English (or romanised Nepali or
/// Bengali) word: `cw`, `sf`, `bd`; not `bh`, `st`, `kh`.
fn odd_start(chars: &[char]) -> bool {
    const ONSETS: [&str; 44] = [
        "bh", "bl", "br", "ch", "cl", "cr", "cz", "dh", "dr", "dw", "fl", "fr", "gh", "gl", "gn",
        "gr", "jh", "kh", "kl", "kn", "kr", "kw", "ph", "pl", "pn", "pr", "ps", "rh", "sc", "sh",
        "sk", "sl", "sm", "sn", "sp", "sq", "sr", "st", "sw", "th", "tr", "ts", "tw", "wh",
    ];
    let (Some(a), Some(b)) = (chars.first(), chars.get(1)) else {
        return false;
    };
    if !a.is_ascii_alphabetic() || !b.is_ascii_alphabetic() || is_vowel(*a) || is_vowel(*b) {
        return false;
    }
    let pair: String = [a.to_ascii_lowercase(), b.to_ascii_lowercase()]
        .iter()
        .collect();
    // Abbreviations such as `Mr`, `Rs`, `Km` stand alone, or end with a full stop.
    let abbreviation = chars.len() == 2 || chars.get(2) == Some(&'.');
    !abbreviation && !ONSETS.contains(&pair.as_str()) && pair != "wr"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(font: Font, text: &str) -> Option<String> {
        detect(font, text).map(|f| f.suggestion)
    }

    #[test]
    fn finds_preeti_words_and_sentences() {
        assert_eq!(
            found(Font::Preeti, "gu/kflnsf").as_deref(),
            Some("नगरपालिका")
        );
        assert_eq!(found(Font::Preeti, "sfof{no").as_deref(), Some("कार्यालय"));
        assert_eq!(
            found(Font::Preeti, "j8f sfof{no, ;'gsf]zL").as_deref(),
            Some("वडा कार्यालय, सुनकोशी")
        );
    }

    #[test]
    fn finds_bijoy_inside_unicode() {
        let f = detect(Font::Bijoy, "¯’াবর সম্পত্তি").unwrap();
        assert_eq!(f.suggestion, "স্থাবর সম্পত্তি");
        assert_eq!((f.start, f.len), (0, "¯’".len()));
        assert_eq!(
            found(Font::Bijoy, "BDwbqb cwil`").as_deref(),
            Some("ইউনিয়ন পরিষদ")
        );
    }

    #[test]
    fn words_scored_before_give_the_same_findings() {
        let texts = [
            "gu/kflnsf",
            "j8f sfof{no, ;'gsf]zL",
            "Ward Office sfof{no",
            "sfof{no",
            "¯’াবর সম্পত্তি",
            "BDwbqb cwil`",
            "¯’",
            "The council's budget for roads and/or bridges.",
            "sfof{no ward office budget",
        ];
        // Every cell of the fixtures too, each alone and all as one sentence.
        let fixtures = [
            include_str!("../../../tests/fixtures/legacy/preeti.tsv"),
            include_str!("../../../tests/fixtures/legacy/bijoy.tsv"),
        ];
        let cells: Vec<&str> = fixtures
            .iter()
            .flat_map(|f| f.lines().filter(|l| !l.starts_with('#')))
            .flat_map(|l| l.split('\t'))
            .collect();
        let sentence = cells.join(" ");
        let all: Vec<&str> = texts
            .iter()
            .copied()
            .chain(cells.iter().copied())
            .chain([sentence.as_str()])
            .collect();
        assert!(all.len() > 100);
        let mut words = Words::default();
        for font in [Font::Preeti, Font::Bijoy] {
            // Twice over: the second time every word is looked up.
            for text in all.iter().chain(&all) {
                assert_eq!(
                    detect_in(font, text, &mut words),
                    detect(font, text),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn leaves_english_codes_and_unicode_alone() {
        for text in [
            "Ward Office",
            "Nagarpalika",
            "Bhaktapur Municipality, Bagmati Province",
            "https://mof.gov.np/uploads/document/file/red-book_2080.pdf",
            "info@dhangadhi.gov.np",
            "NP-26611",
            "budget-2080-81.csv",
            "The council's budget for roads and/or bridges; see the months ahead.",
            "नगरपालिका कार्यालय",
            "Rs. 12,500.00",
            "iPhone",
        ] {
            assert_eq!(detect(Font::Preeti, text), None, "{text}");
            assert_eq!(detect(Font::Bijoy, text), None, "{text}");
        }
    }

    #[test]
    fn words_are_cut_as_split_whitespace_cuts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tline\nfeed\x0bvertical\x0cform\rreturn",
            "\x0b\x0c\r\n\tedge\t",
            "ASCII then नेपाली अक्षर\u{a0}and a no-break space",
            "ends with a space\u{2003}",
        ] {
            let ours: Vec<&str> = words_of(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
