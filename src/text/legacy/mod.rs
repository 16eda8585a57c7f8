//! Text typed in a legacy font: Latin bytes that a font such as Preeti (Nepali) or SutonnyMJ
//! (Bengali, the Bijoy keyboard) draws as Devanagari or Bengali letters.
//!
//! [`convert`] turns such text into Unicode in three steps: each key (or run of keys a layout
//! gives one glyph) becomes its letters; the halves and marks the layout types apart are put
//! together; and the signs typed on the wrong side of their consonant are moved: the vowel
//! sign `ि` (and in Bengali `ে`, `ৈ`), typed before the consonant it is drawn before, goes
//! after it, and the reph (the `र्` drawn over the next letter), typed after its syllable,
//! goes before it. [`detect`] says whether a text looks typed in such a font (see
//! `detect.rs` for how), and [`residue`] finds what a careless converter leaves behind.

mod bijoy;
mod detect;
pub mod files;
mod preeti;
mod residue;
pub mod scan;

pub use detect::{Finding, Words, detect, detect_in};
pub use residue::{Residue, residue};

use std::collections::HashMap;

/// A family of legacy fonts sharing one keyboard layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Preeti, Kantipur and the fonts made on their layout (Nepali, Devanagari).
    Preeti,
    /// SutonnyMJ and the other fonts of the Bijoy layout (Bengali).
    Bijoy,
}

impl Font {
    /// The legacy layout text in `lang` was commonly typed with, if any.
    pub fn for_language(lang: &str) -> Option<Font> {
        match super::primary_subtag(lang) {
            "ne" | "hi" | "mai" | "bho" | "new" | "sa" | "mr" | "dty" | "thl" => Some(Font::Preeti),
            "bn" | "as" => Some(Font::Bijoy),
            _ => None,
        }
    }

    /// The name a content writer knows the font by.
    pub fn name(self) -> &'static str {
        match self {
            Font::Preeti => "Preeti",
            Font::Bijoy => "Bijoy (SutonnyMJ)",
        }
    }

    fn layout(self) -> &'static Layout {
        match self {
            Font::Preeti => preeti::layout(),
            Font::Bijoy => bijoy::layout(),
        }
    }

    /// True for a letter or sign of the script the font draws.
    pub fn is_native(self, c: char) -> bool {
        match self {
            Font::Preeti => ('\u{0900}'..='\u{097F}').contains(&c),
            Font::Bijoy => ('\u{0980}'..='\u{09FF}').contains(&c),
        }
    }
}

/// Stands for a reph between mapping and reordering: the key typed after its syllable.
const REPH: char = '\u{E000}';
/// The same, as the letters a layout's reph key maps to.
const REPH_KEY: &str = "\u{E000}";

/// What a layout needs to be turned into Unicode.
pub(crate) struct Layout {
    /// Keys (or runs of keys) and the letters they draw, looked up longest first.
    keys: HashMap<&'static str, &'static str>,
    longest: usize,
    /// Pairs put together after mapping, applied until none is left.
    compose: &'static [(&'static str, &'static str)],
    /// Vowel signs typed before their consonant.
    pre_signs: &'static [char],
    /// After a pre-base sign has moved: the sign, the sign that follows it and what the two
    /// make (Bengali `ে` + `া` = `ো`).
    merge: &'static [(char, char, char)],
    virama: char,
    consonant: fn(char) -> bool,
    /// Signs that follow a consonant (vowel signs, nasal marks).
    sign: fn(char) -> bool,
    reph: &'static str,
}

impl Layout {
    fn new(keys: &'static [(&'static str, &'static str)], rest: LayoutRules) -> Layout {
        let longest = keys
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(1);
        Layout {
            keys: keys.iter().copied().collect(),
            longest,
            compose: rest.compose,
            pre_signs: rest.pre_signs,
            merge: rest.merge,
            virama: rest.virama,
            consonant: rest.consonant,
            sign: rest.sign,
            reph: rest.reph,
        }
    }
}

/// The rules of a layout besides its keys.
pub(crate) struct LayoutRules {
    pub compose: &'static [(&'static str, &'static str)],
    pub pre_signs: &'static [char],
    pub merge: &'static [(char, char, char)],
    pub virama: char,
    pub consonant: fn(char) -> bool,
    pub sign: fn(char) -> bool,
    pub reph: &'static str,
}

/// `text` typed in `font`, in Unicode. Letters already in the font's script, whitespace and
/// words of two or more ASCII digits and punctuation (amounts and dates typed in another
/// font) are kept as they are.
pub fn convert(font: Font, text: &str) -> String {
    let layout = font.layout();
    let mut out = String::with_capacity(text.len() * 3);
    for piece in split_keeping(text, font) {
        match piece {
            Piece::Keep(s) => out.push_str(s),
            Piece::Legacy(s) => out.push_str(&convert_run(layout, s)),
        }
    }
    out
}

enum Piece<'a> {
    Keep(&'a str),
    Legacy(&'a str),
}

/// Splits `text` into what is converted and what is kept.
fn split_keeping(text: &str, font: Font) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut legacy = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let keep_len = if font.is_native(c) || c.is_whitespace() {
            c.len_utf8()
        } else {
            let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word_text = &rest[..word];
            if is_number_like(word_text)
                && (i == 0 || !is_legacy_char(font, text[..i].chars().next_back()))
            {
                word
            } else {
                0
            }
        };
        let is_legacy = keep_len == 0;
        if legacy != Some(is_legacy) {
            if let Some(was) = legacy {
                pieces.push(piece(was, &text[start..i]));
            }
            start = i;
            legacy = Some(is_legacy);
        }
        i += if is_legacy { c.len_utf8() } else { keep_len };
    }
    if let Some(was) = legacy {
        pieces.push(piece(was, &text[start..]));
    }
    pieces
}

fn piece(legacy: bool, s: &str) -> Piece<'_> {
    if legacy {
        Piece::Legacy(s)
    } else {
        Piece::Keep(s)
    }
}

fn is_legacy_char(font: Font, c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_whitespace() && !font.is_native(c))
}

/// A word of ASCII digits and the punctuation of amounts and dates: `2080/81`, `12,500.00`.
/// A lone digit is a letter of the layout (`5` is छ, "is", in Preeti).
fn is_number_like(word: &str) -> bool {
    word.len() >= 2
        && word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':' | '%'))
}

/// Converts one run of legacy keys.
fn convert_run(layout: &Layout, run: &str) -> String {
    let mapped = map_keys(layout, run);
    let composed = compose(layout, &mapped);
    let moved = move_pre_signs(layout, &composed);
    let with_reph = move_reph(layout, &moved);
    compose(layout, &with_reph)
}

/// Each key, or longest run of keys the layout knows, as its letters; unknown keys as they are.
fn map_keys(layout: &Layout, run: &str) -> String {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut matched = false;
        for len in (1..=layout.longest.min(chars.len() - i)).rev() {
            let from = chars[i].0;
            let to = chars.get(i + len).map_or(run.len(), |c| c.0);
            if let Some(letters) = layout.keys.get(&run[from..to]) {
                out.push_str(letters);
                i += len;
                matched = true;
                break;
            }
        }
        if !matched {
            out.push(chars[i].1);
            i += 1;
        }
    }
    out
}

/// Applies the layout's pairs until none is left.
fn compose(layout: &Layout, text: &str) -> String {
    let mut text = text.to_string();
    loop {
        let before = text.clone();
        for (from, to) in layout.compose {
            if text.contains(from) {
                text = text.replace(from, to);
            }
        }
        if text == before {
            return text;
        }
    }
}

/// The length (in chars) of the consonant cluster starting at `chars[at]`: consonants joined
/// by the virama, with their nuktas; 0 when `chars[at]` is no consonant.
fn cluster_len(layout: &Layout, chars: &[char], at: usize) -> usize {
    let mut i = at;
    loop {
        if !chars.get(i).is_some_and(|&c| (layout.consonant)(c)) {
            return if i == at { 0 } else { i - at };
        }
        i += 1;
        if chars.get(i) == Some(&'\u{093C}') || chars.get(i) == Some(&'\u{09BC}') {
            i += 1;
        }
        let joined = chars.get(i) == Some(&layout.virama)
            && chars.get(i + 1).is_some_and(|&c| (layout.consonant)(c));
        if !joined {
            return i - at;
        }
        i += 1;
    }
}

/// Moves each vowel sign typed before its consonant cluster to after it.
fn move_pre_signs(layout: &Layout, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let sign = chars[i];
        let len = if layout.pre_signs.contains(&sign) {
            cluster_len(layout, &chars, i + 1)
        } else {
            0
        };
        if len == 0 {
            i += 1;
            continue;
        }
        chars.copy_within(i + 1..i + 1 + len, i);
        let after = i + len;
        chars[after] = sign;
        // The second half of a split sign may follow a reph typed between them.
        let second = after + 1 + usize::from(chars.get(after + 1) == Some(&REPH));
        let merged = chars.get(second).and_then(|&next| {
            layout
                .merge
                .iter()
                .find(|(a, b, _)| *a == sign && *b == next)
                .map(|m| m.2)
        });
        if let Some(m) = merged {
            chars[after] = m;
            chars.remove(second);
        }
        i = after + 1;
    }
    chars.into_iter().collect()
}

/// Moves each reph, typed after its syllable, to before the syllable's consonant cluster.
fn move_reph(layout: &Layout, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 4);
    for &c in &chars {
        if c != REPH {
            out.push(c);
            continue;
        }
        let mut at = out.len();
        while at > 0 && (layout.sign)(out[at - 1]) {
            at -= 1;
        }
        // Back over the cluster: a consonant, then any `consonant + virama` before it.
        if at > 0 && (out[at - 1] == '\u{093C}' || out[at - 1] == '\u{09BC}') {
            at -= 1;
        }
        if at > 0 && (layout.consonant)(out[at - 1]) {
            at -= 1;
            while at >= 2 && out[at - 1] == layout.virama && (layout.consonant)(out[at - 2]) {
                at -= 2;
            }
        }
        let reph: Vec<char> = layout.reph.chars().collect();
        out.splice(at..at, reph);
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests;
