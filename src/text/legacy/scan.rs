//! Finding legacy-font text and split signs in the text values of CSV cells, YAML files and
//! markdown files, by language: what the build's warnings and `khula fix` share.

use super::{Font, Words, detect, detect_in, residue};
use std::ops::Range;

/// What is wrong with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Typed in a legacy font.
    Legacy(Font),
    /// Converted from one, leaving vowel signs split.
    Split,
}

/// A value to convert: where the problem starts in it, and the value as it should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub problem: Problem,
    /// The bytes of the value that show the problem.
    pub span: Range<usize>,
    /// The whole value, converted.
    pub suggestion: String,
}

/// The problem of a value in `lang`, if any: legacy-font text (looked for only in a
/// language a legacy layout writes) first, then split signs.
pub fn check_value(lang: &str, value: &str) -> Option<Hit> {
    check_value_in(lang, value, &mut Words::default())
}

/// [`check_value`], with the words scored before kept in `words` (see [`Words`]).
pub fn check_value_in(lang: &str, value: &str, words: &mut Words) -> Option<Hit> {
    let font = Font::for_language(lang);
    if words.is_clean(font, value) {
        return None;
    }
    if let Some(font) = font
        && let Some(found) = detect_in(font, value, words)
    {
        let suggestion = residue(&found.suggestion).map_or(found.suggestion, |r| r.fixed);
        return Some(Hit {
            problem: Problem::Legacy(font),
            span: found.start..found.start + found.len,
            suggestion,
        });
    }
    let hit = residue(value).map(|r| Hit {
        problem: Problem::Split,
        span: r.start..r.start + r.len,
        suggestion: r.fixed,
    });
    if hit.is_none() {
        words.mark_clean(font, value);
    }
    hit
}

/// `original` with its legacy-font text converted and its split signs joined, judged on
/// `prose`: the same text (byte for byte as long) with what is no prose blanked, whose
/// blanked parts are kept as they are. `None` when nothing changes.
pub fn fix_value(lang: &str, prose: &str, original: &str) -> Option<String> {
    let hit = check_value(lang, prose)?;
    let mut out = original.to_string();
    if let (Problem::Legacy(font), Some(found)) = (hit.problem, detect_font(lang, prose)) {
        // Word by word, from the end so the ranges stay right: the conversion never moves a
        // sign across a space, and a blanked part is a space in `prose`.
        for run in found.runs.iter().rev() {
            for word in words_in(prose, run.clone()).into_iter().rev() {
                let converted = super::convert(font, &original[word.clone()]);
                out.replace_range(word, &converted);
            }
        }
    }
    let fixed = residue(&out).map_or(out, |r| r.fixed);
    (fixed != original).then_some(fixed)
}

fn detect_font(lang: &str, text: &str) -> Option<super::Finding> {
    Font::for_language(lang).and_then(|font| detect(font, text))
}

/// The byte ranges of the words (runs of non-whitespace) of `text` inside `range`.
fn words_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (true, Some(s)) => {
                out.push(s..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out
}

/// A value of a YAML file: its byte range in the file and the language it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlValue {
    pub range: Range<usize>,
    pub lang: String,
}

/// The string values of a YAML file written one per line (`key: value`, `- value`,
/// `{ne: …, en: …}`), each in the language its key names (`ne:`) or else `default_lang`.
/// Block scalars (`|`, `>`) and multi-line values are left out.
pub fn yaml_values(source: &str, default_lang: &str) -> Vec<YamlValue> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let content = strip_comment(line.trim_end_matches(['\n', '\r']));
        for (range, key) in line_scalars(content) {
            let lang = key
                .filter(|k| crate::text::is_language_code(k))
                .unwrap_or(default_lang);
            out.push(YamlValue {
                range: line_start + range.start..line_start + range.end,
                lang: lang.to_string(),
            });
        }
        line_start += line.len();
    }
    out
}

/// The line without a comment (`#` at its start or after a space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// The scalars of one YAML line, with the key before each.
fn line_scalars(line: &str) -> Vec<(Range<usize>, Option<&str>)> {
    let trimmed = line.trim_start();
    let body = trimmed.strip_prefix("- ").map_or(trimmed, str::trim_start);
    let at = line.len() - body.len();
    // A flow mapping, alone or as a key's value: `{ne: "…", en: "…"}`.
    let flow = match body.find(": {") {
        Some(i) if !body.starts_with('{') => Some(i + 2),
        _ => body.starts_with('{').then_some(0),
    };
    let flow_inner = flow.and_then(|i| {
        let inner = body[i + 1..].trim_end().strip_suffix('}')?;
        Some((at + i + 1, inner))
    });
    if let Some((base, inner)) = flow_inner {
        // Split at commas outside quotes.
        return split_outside_quotes(inner, ',')
            .into_iter()
            .filter_map(|part| {
                let (key, value) = key_value(&inner[part.clone()])?;
                let offset = base + part.start;
                Some((offset + value.start..offset + value.end, Some(key)))
            })
            .collect();
    }
    match key_value(body) {
        Some((key, value)) => vec![(at + value.start..at + value.end, Some(key))],
        None if !body.is_empty() && !body.contains(": ") && trimmed.starts_with("- ") => {
            let value = unquote(body);
            vec![(at + value.start..at + value.end, None)]
        }
        None => Vec::new(),
    }
}

/// `key: value` with a plain or quoted value on the same line; the value's byte range.
fn key_value(text: &str) -> Option<(&str, Range<usize>)> {
    let colon = text.find(": ")?;
    let key = text[..colon].trim().trim_matches(['"', '\'']);
    let rest = &text[colon + 1..];
    let value_text = rest.trim_start();
    if value_text.is_empty() || value_text.starts_with(['|', '>', '{', '[', '&', '*', '!']) {
        return None;
    }
    let start = colon + 1 + rest.len() - value_text.len();
    let inner = unquote(value_text.trim_end());
    Some((key, start + inner.start..start + inner.end))
}

/// The range of a scalar's text inside its quotes, if quoted.
fn unquote(text: &str) -> Range<usize> {
    let quoted = text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')));
    if quoted {
        1..text.len() - 1
    } else {
        0..text.len()
    }
}

fn split_outside_quotes(text: &str, sep: char) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, _) if c == sep => {
                parts.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(start..text.len());
    parts
}

/// The body of a markdown file with what is no prose blanked out (each byte a space, so
/// offsets stay those of the file): fenced code, inline code, link targets, HTML tags and
/// the front matter.
pub fn markdown_prose(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_fence = false;
    let mut in_front = source.starts_with("---");
    for (n, line) in source.split_inclusive('\n').enumerate() {
        let bare = line.trim();
        let fence = bare.starts_with("```") || bare.starts_with("~~~");
        let front_edge = bare == "---" && (n == 0 || in_front);
        if fence || front_edge || in_fence || in_front {
            blank(&mut out, line);
            if fence {
                in_fence = !in_fence;
            }
            if front_edge && n > 0 {
                in_front = false;
            }
            continue;
        }
        blank_markup(&mut out, line);
    }
    out
}

fn blank(out: &mut String, text: &str) {
    for c in text.chars() {
        blank_char(out, c);
    }
}

/// The byte offsets of the brackets of links and images (`[text](target)`).
fn link_brackets(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut open = Vec::new();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => open.push(i),
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                if let Some(start) = open.pop() {
                    out.extend([start, i]);
                    if start > 0 && bytes[start - 1] == b'!' {
                        out.push(start - 1);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A line with inline code, link syntax and targets (`[…](…)`) and HTML tags blanked,
/// added to `out`. A line with none of the signs that open them is added as it is.
fn blank_markup(out: &mut String, line: &str) {
    if !line.bytes().any(|b| matches!(b, b'`' | b'<' | b'[' | b']')) {
        out.push_str(line);
        return;
    }
    let brackets = link_brackets(line);
    let mut hidden: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        if hidden.is_none() && brackets.contains(&i) {
            out.push(' ');
            prev = c;
            continue;
        }
        let opens = match c {
            '`' => Some('`'),
            '(' if prev == ']' => Some(')'),
            '<' => Some('>'),
            _ => None,
        };
        match hidden {
            Some(end) => {
                blank_char(out, c);
                if c == end {
                    hidden = None;
                }
            }
            None if opens.is_some() => {
                blank_char(out, c);
                hidden = opens;
            }
            None => out.push(c),
        }
        prev = c;
    }
}

/// A space for each byte of `c` (a line end stays).
fn blank_char(out: &mut String, c: char) {
    if c == '\n' {
        out.push('\n');
    } else {
        out.extend(std::iter::repeat_n(' ', c.len_utf8()));
    }
}

/// The language of a markdown file from its name: `about.en.md` is in `en`, `about.md` in
/// `default_lang`.
pub fn markdown_lang<'a>(name: &'a str, default_lang: &'a str) -> &'a str {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    match stem.rsplit_once('.') {
        Some((_, lang)) if crate::text::is_language_code(lang) => lang,
        _ => default_lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values found clean are remembered, whole: asked again, in any order and language,
    /// the answer is what a fresh check gives.
    #[test]
    fn remembered_values_give_the_answers_of_a_fresh_check() {
        let fixtures = [
            include_str!("../../../tests/fixtures/legacy/preeti.tsv"),
            include_str!("../../../tests/fixtures/legacy/bijoy.tsv"),
        ];
        let mut values: Vec<&str> = fixtures
            .iter()
            .flat_map(|f| f.lines().filter(|l| !l.starts_with('#')))
            .flat_map(|l| l.split('\t'))
            .collect();
        values.extend(["Education", "शिक्षा", "sfof{no", "", "approved", "কি ম্ত"]);
        assert!(values.len() > 100);
        let mut words = super::Words::default();
        let mut hits = 0;
        for lang in ["ne", "bn", "en", "ne", "hi"] {
            for value in values.iter().chain(&values) {
                let fresh = super::check_value(lang, value);
                hits += usize::from(fresh.is_some());
                assert_eq!(
                    super::check_value_in(lang, value, &mut words),
                    fresh,
                    "{lang} {value}"
                );
            }
        }
        assert!(hits > 50, "{hits}");
    }

    #[test]
    fn yaml_values_and_their_languages() {
        let src =
            "name:\n  ne: \"gu/kflnsf\"\n  en: Town # note\nkind: {ne: 'j8f', en: Ward}\n- item\n";
        let values: Vec<(&str, String)> = yaml_values(src, "ne")
            .into_iter()
            .map(|v| (&src[v.range], v.lang))
            .collect();
        assert_eq!(
            values,
            [
                ("gu/kflnsf", "ne".to_string()),
                ("Town", "en".to_string()),
                ("j8f", "ne".to_string()),
                ("Ward", "en".to_string()),
                ("item", "ne".to_string()),
            ]
        );
    }

    #[test]
    fn markdown_keeps_prose_only() {
        let src = "---\ntitle: x\n---\nText `code{x}` and [link](http://a/b).\n```\nfn{}\n```\n";
        let prose = markdown_prose(src);
        assert_eq!(prose.len(), src.len());
        assert!(prose.contains("Text"));
        assert!(!prose.contains("code") && !prose.contains("http") && !prose.contains("fn"));
        assert!(!prose.contains("title"));
    }

    #[test]
    fn value_checks() {
        let hit = check_value("ne", "gu/kflnsf").unwrap();
        assert_eq!(hit.problem, Problem::Legacy(Font::Preeti));
        assert_eq!(hit.suggestion, "नगरपालिका");
        assert_eq!(check_value("en", "gu/kflnsf"), None);
        assert_eq!(check_value("ne", "अाएकाे").unwrap().suggestion, "आएको");
        assert_eq!(markdown_lang("pages/about.en.md", "ne"), "en");
        assert_eq!(markdown_lang("pages/about.md", "ne"), "ne");
    }
}
