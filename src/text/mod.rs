//! Text in several languages.
//!
//! In YAML a text is either a plain string or a map from language code to string; in CSV a
//! column `title` may carry translations in columns `title:ne`, `title:en`. A plain value is
//! taken to be in the council's first language.

pub mod legacy;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    /// A value given without a language (plain YAML string, or the bare CSV column).
    plain: Option<String>,
    /// Values by language code.
    by_lang: BTreeMap<String, String>,
}

/// A text chosen for one reader, with the language it is actually in when that differs
/// from the page's (so the page can mark it with `lang` and say it is not translated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    pub text: String,
    /// Set when the text is in another language than the page.
    pub lang: Option<String>,
}

impl Shown {
    pub fn is_fallback(&self) -> bool {
        self.lang.is_some()
    }
}

/// A text as a build record stores it: its fields as they are, not the YAML form.
pub mod stored {
    use super::Text;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    #[derive(Serialize, Deserialize)]
    struct Parts {
        plain: Option<String>,
        by_lang: BTreeMap<String, String>,
    }

    impl From<Parts> for Text {
        fn from(p: Parts) -> Text {
            Text {
                plain: p.plain,
                by_lang: p.by_lang,
            }
        }
    }

    pub fn serialize<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
        text.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        Parts::deserialize(d).map(Text::from)
    }

    /// The same for an optional text.
    pub mod opt {
        use super::{Parts, Text};
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(text: &Option<Text>, s: S) -> Result<S::Ok, S::Error> {
            text.serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
            Ok(Option::<Parts>::deserialize(d)?.map(Text::from))
        }
    }
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text {
            plain: Some(s.into()),
            by_lang: BTreeMap::new(),
        }
    }

    /// Adds a translation; empty strings are ignored (a blank cell is a missing translation).
    pub fn set(&mut self, lang: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.by_lang.insert(lang.to_string(), value.to_string());
        }
    }

    pub fn set_plain(&mut self, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.plain = Some(value.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.plain.is_none() && self.by_lang.is_empty()
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.by_lang.keys().map(String::as_str)
    }

    /// The value in the council's default language, used as a stable key (sectors, taxes).
    pub fn key(&self, default_lang: &str) -> &str {
        self.by_lang
            .get(default_lang)
            .or(self.plain.as_ref())
            .or_else(|| self.by_lang.values().next())
            .map_or("", String::as_str)
    }

    /// The text for a reader of `lang`, falling back to the default language, then to any.
    pub fn get(&self, lang: &str, default_lang: &str) -> Shown {
        if let Some(v) = self.by_lang.get(lang) {
            return Shown {
                text: v.clone(),
                lang: None,
            };
        }
        if let Some(v) = &self.plain {
            // A plain value is in the default language; Latin-only text such as a place
            // name or a phone number reads the same in every language and is not flagged.
            let neutral = lang == default_lang || v.is_ascii();
            return Shown {
                text: v.clone(),
                lang: (!neutral).then(|| default_lang.to_string()),
            };
        }
        if let Some(v) = self.by_lang.get(default_lang) {
            return Shown {
                text: v.clone(),
                lang: Some(default_lang.to_string()),
            };
        }
        match self.by_lang.iter().next() {
            Some((l, v)) => Shown {
                text: v.clone(),
                lang: Some(l.clone()),
            },
            None => Shown {
                text: String::new(),
                lang: None,
            },
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a map from language code to text like {ne: …, en: …}")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::plain(v.trim()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some((lang, value)) = map.next_entry::<String, Scalar>()? {
                    if !is_language_code(&lang) {
                        return Err(de::Error::custom(format!(
                            "\"{lang}\" is not a language code; write codes like ne, en, bn, ur, hi, dz"
                        )));
                    }
                    text.set(&lang, &value.0);
                }
                Ok(text)
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

/// A YAML scalar read as text, whatever its type.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(String::new()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// Decodes `%XX` escapes of an address; `None` when they are malformed or do not make
/// UTF-8 text.
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(s.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes text for HTML or XML content and attribute values.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_markup_into(&mut out, s);
    out
}

/// Appends `s` to `out` escaped for HTML or XML content and attribute values: `&`, `<`,
/// `>`, `"` and `'` become references, and control characters are dropped.
///
/// HTML does not allow control characters other than whitespace in a document (a parser
/// reports each as an error) and XML 1.0 cannot carry C0 controls at all, even as
/// references, so the C0 controls other than tab, line feed and carriage return, DEL and
/// the C1 controls (U+0080 to U+009F) are left out rather than passed on.
pub fn escape_markup_into(out: &mut String, s: &str) {
    // Byte by byte: every character to escape or drop is ASCII, or a C1 control (U+0080 to
    // U+009F, two bytes starting 0xC2), so no character need be decoded. Bytes that are
    // always kept (nearly all of them) are passed over with one table lookup each.
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !MARKUP_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let (entity, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            0..=0x1F | 0x7F => ("", 1),
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => ("", 2),
            _ => ("", 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        out.push_str(entity);
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// The bytes [`escape_markup_into`] may change: the five markup characters, the C0 controls
/// other than tab, line feed and carriage return, DEL, and the first byte of a C1 control.
const MARKUP_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'\t' as usize] = false;
    table[b'\n' as usize] = false;
    table[b'\r' as usize] = false;
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[0x7F] = true;
    table[0xC2] = true;
    table
};

/// The primary language subtag of a language code: `ne` of `ne-NP`, the whole code when it
/// has no subtag. Byte-wise, as it is asked for every cell of every table.
pub fn primary_subtag(lang: &str) -> &str {
    match lang.bytes().position(|b| b == b'-') {
        Some(end) => &lang[..end],
        None => lang,
    }
}

/// True for a language written in a script other than the Latin alphabet (`ne`, `hi`,
/// `bn`, `ur`, `dz`, …), whose letters Excel turns into `?` when it saves plain "CSV (Comma
/// delimited)" on a computer set to English.
pub fn has_own_script(lang: &str) -> bool {
    const OWN_SCRIPT: [&str; 36] = [
        "ne", "hi", "mr", "mai", "bho", "new", "sa", "bn", "as", "ur", "sd", "ks", "pa", "gu",
        "or", "ta", "te", "kn", "ml", "si", "dz", "bo", "my", "th", "lo", "km", "ar", "fa", "ps",
        "ru", "zh", "ja", "ko", "am", "ka", "hy",
    ];
    let primary = primary_subtag(lang);
    OWN_SCRIPT.contains(&primary)
}

/// Two or three lowercase ASCII letters, optionally with a region or script subtag (`en-IN`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    /// The byte-wise escaper gives what escaping character by character gives: the five
    /// entities, and every control but tab, line feed and carriage return left out.
    #[test]
    fn markup_is_escaped_as_character_by_character() {
        fn by_chars(s: &str) -> String {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
                    c => out.push(c),
                }
            }
            out
        }
        let mut chars: Vec<char> = (0u32..0x800).filter_map(char::from_u32).collect();
        chars.extend("धनगढी ৳ ۱۲ \u{200d}\u{feff}\u{2028}😀".chars());
        let every: String = chars.iter().collect();
        // Each character also beside another, and before an ASCII letter.
        let pairs = chars
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{a}{}x", chars[(i * 7 + 3) % chars.len()]));
        for s in [
            every,
            "शिक्षा <b>&\"'</b>\u{85}\u{9f}\u{a0}¢\t\r\n\u{1}".to_string(),
            String::new(),
            "\u{80}".to_string(),
            "plain".to_string(),
        ]
        .into_iter()
        .chain(pairs)
        {
            let mut out = String::new();
            super::escape_markup_into(&mut out, &s);
            assert_eq!(out, by_chars(&s), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn translation_is_used_when_present() {
        let mut t = Text::default();
        t.set("ne", "धनगढी");
        t.set("en", "Dhangadhi");
        assert_eq!(t.get("en", "ne").text, "Dhangadhi");
        assert!(!t.get("en", "ne").is_fallback());
    }

    #[test]
    fn missing_translation_falls_back_to_default_and_says_so() {
        let mut t = Text::default();
        t.set("ne", "धनगढी");
        let shown = t.get("en", "ne");
        assert_eq!(shown.text, "धनगढी");
        assert_eq!(shown.lang.as_deref(), Some("ne"));
    }

    #[test]
    fn plain_latin_text_is_neutral_but_plain_devanagari_is_not() {
        assert!(!Text::plain("Kailali").get("en", "ne").is_fallback());
        assert!(Text::plain("कैलाली").get("en", "ne").is_fallback());
        assert!(!Text::plain("कैलाली").get("ne", "ne").is_fallback());
    }

    #[test]
    fn blank_translation_is_missing() {
        let mut t = Text::plain("शिक्षा");
        t.set("en", "  ");
        assert_eq!(t.get("en", "ne").lang.as_deref(), Some("ne"));
    }

    #[test]
    fn yaml_string_or_map() {
        let t: Text = serde_saphyr::from_str("{ne: धनगढी, en: Dhangadhi}").unwrap();
        assert_eq!(t.key("ne"), "धनगढी");
        let t: Text = serde_saphyr::from_str("Dhangadhi").unwrap();
        assert_eq!(t.key("ne"), "Dhangadhi");
        let t: Text = serde_saphyr::from_str("16600100000").unwrap();
        assert_eq!(t.key("ne"), "16600100000");
    }

    #[test]
    fn markup_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape_markup("a<b>&\"'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;&#39;\n"
        );
        assert_eq!(
            escape_markup("\0x\u{b}\u{c}\u{7f}\u{85}\u{9f}y\t\r\n\u{a0}"),
            "xy\t\r\n\u{a0}",
            "controls go, whitespace and no-break space stay"
        );
        let mut out = String::from("<p>");
        escape_markup_into(&mut out, "धनगढी & Co\u{1b}");
        assert_eq!(out, "<p>धनगढी &amp; Co");
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("ne"));
        assert!(is_language_code("en-IN"));
        assert!(!is_language_code("Nepali"));
        assert!(!is_language_code("n"));
    }
}
