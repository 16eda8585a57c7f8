//! YAML read with serde-saphyr, whose errors carry the line and column we report.

use crate::diagnostics::{Diagnostic, closest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A nested section of a YAML file (`contact:`) and the keys written under it, so that a
/// key written at the top level by mistake can be sent back under its section.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub key: &'static str,
    pub keys: &'static [&'static str],
}

/// Parses `source` into `T`. `line_offset` is added to reported lines (front matter that
/// starts below a `---` line). Errors become a located diagnostic with a plain-words hint.
pub fn parse<T: DeserializeOwned>(
    source: &str,
    shown: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    parse_with_sections(source, shown, line_offset, &[])
}

/// [`parse`], for a file with nested `sections`: an unknown top-level key that is a key of
/// one of them is said to belong under it.
pub fn parse_with_sections<T: DeserializeOwned>(
    source: &str,
    shown: &Path,
    line_offset: usize,
    sections: &[Section],
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(source).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let (mut line, mut column) = (line.max(1), column.max(1));
        let raw = err.to_string();
        let first = raw.lines().next().unwrap_or("").to_string();
        let message = clean_message(&first);
        let (message, hint) = if is_blank(source) {
            (
                "is empty".to_string(),
                "write the keys this file needs; see docs/content-format.md".to_string(),
            )
        } else {
            if message.contains("found a tab") || message.contains("tabs disallowed") {
                // The scanner may name the line before the tab: point at the tab itself.
                if let Some((l, c)) = first_indenting_tab(source, line) {
                    (line, column) = (l, c);
                }
            }
            let at = At {
                source,
                line,
                column,
                sections,
            };
            explain(&message, &at)
        };
        let line = line + line_offset;
        let full_source = format!("{}{}", "\n".repeat(line_offset), source);
        Diagnostic::error(shown, message)
            .at_source(&full_source, line, column, 1)
            .hint(hint)
    })
}

/// Where a parse error was found, to read the text around it.
struct At<'a> {
    source: &'a str,
    /// 1-based.
    line: usize,
    /// 1-based character column.
    column: usize,
    sections: &'a [Section],
}

impl<'a> At<'a> {
    fn line_text(&self, line: usize) -> &'a str {
        self.source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// The text of the error's line before and from its column.
    fn split(&self) -> (&'a str, &'a str) {
        let text = self.line_text(self.line);
        let byte = text
            .char_indices()
            .nth(self.column - 1)
            .map_or(text.len(), |(i, _)| i);
        text.split_at(byte)
    }

    /// The section that a top-level `key` belongs under: the nearest section above the
    /// error's line that has it, or else the first that has it.
    fn section_of(&self, key: &str) -> Option<&'static str> {
        let having: Vec<&Section> = self
            .sections
            .iter()
            .filter(|s| s.keys.contains(&key))
            .collect();
        let above = (1..self.line).rev().find_map(|l| {
            let text = self.line_text(l);
            having
                .iter()
                .find(|s| {
                    text.strip_prefix(s.key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map(|s| s.key)
        });
        above.or_else(|| having.first().map(|s| s.key))
    }
}

/// Line and column of the first tab in the indentation of a line from `from` on.
fn first_indenting_tab(source: &str, from: usize) -> Option<(usize, usize)> {
    source
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, text)| {
            let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
            text[..indent]
                .find('\t')
                .map(|byte| (i + 1, text[..byte].chars().count() + 1))
        })
}

/// True when YAML text holds nothing but blank lines and comments.
fn is_blank(source: &str) -> bool {
    source
        .lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---")
}

/// Plain words for the kinds of value serde names in "invalid type" errors.
fn found_kind(unexpected: &str) -> &'static str {
    let kind = unexpected.split(['`', ' ']).next().unwrap_or("");
    match kind {
        "sequence" => "a list",
        "map" => "a map of keys and values",
        "string" => "a text",
        "boolean" => "true or false",
        "integer" | "floating" => "a number",
        "unit" | "null" => "nothing",
        _ => "something else",
    }
}

/// Strips serde-saphyr's "error: line L column C:" prefix and its library-facing advice.
fn clean_message(first: &str) -> String {
    let mut msg = first.trim_start_matches("error:").trim();
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some(i) = rest.find(": ")
    {
        msg = &rest[i + 2..];
    }
    let msg = msg.split(", set DuplicateKeyPolicy").next().unwrap_or(msg);
    msg.to_string()
}

/// The number written around a key made of digits, `204,788` for the key `788` of
/// `{total: 204,788}`: the digits and commas before the column, and the key.
fn split_number(at: &At<'_>, key: &str) -> Option<String> {
    let (before, _) = at.split();
    let head = before.strip_suffix(',')?.trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(0, |i| i + 1);
    let digits = &head[start..];
    (!digits.is_empty()).then(|| format!("{digits},{key}"))
}

/// Rewrites parser wording into what a council clerk can act on.
fn explain(message: &str, at: &At<'_>) -> (String, String) {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, expected)) = rest.split_once('`')
    {
        return unknown_key(key, expected, at);
    }
    data_error(message)
        .or_else(|| layout_error(message, at))
        .or_else(|| fixed(message, STARTING, |m, p| m.starts_with(p)))
        .or_else(|| number_error(message, at))
        .or_else(|| missing_colon(message, at))
        .or_else(|| fixed(message, CONTAINING, |m, p| m.contains(p)))
        .unwrap_or_else(|| unreadable(message))
}

/// Parser messages that always mean the same thing, by how they start, with the problem
/// and the fix.
const STARTING: &[(&str, &str, &str)] = &[
    (
        "unclosed quote",
        "a quote opened here is never closed",
        "end the text with the same quote mark it starts with",
    ),
    (
        "expected sequence",
        "expected a list",
        "write a list, e.g. [ne, en], or one `- item` per line",
    ),
    (
        "expected mapping",
        "expected keys and values",
        "write `key: value` pairs, e.g. {total: 204788}, or one `key: value` per indented line",
    ),
    (
        "expected string",
        "expected a text",
        "write the text after the colon, e.g. name: Dhangadhi, or one text per language like {ne: …, en: …}",
    ),
    (
        "invalid bool",
        "expected true or false",
        "write true or false",
    ),
];

/// Parser messages that always mean the same thing, by what they contain.
const CONTAINING: &[(&str, &str, &str)] = &[
    ("found a tab", TAB, TAB_FIX),
    ("tabs disallowed", TAB, TAB_FIX),
    (
        "did not find expected key",
        INDENTED_DIFFERENTLY,
        INDENTED_DIFFERENTLY_FIX,
    ),
    (
        "did not find expected '-'",
        INDENTED_DIFFERENTLY,
        INDENTED_DIFFERENTLY_FIX,
    ),
    (
        "did not find expected ',' or ']'",
        "a list opened with [ is not closed",
        "end the list with ], e.g. languages: [ne, en]",
    ),
    (
        "did not find expected ',' or '}'",
        "a { is not closed",
        "end it with }, e.g. name: {ne: धनगढी, en: Dhangadhi}",
    ),
    (
        "cannot start any token",
        "this text starts with a character YAML keeps for itself (such as @, ` or %)",
        "put the text in quotes, e.g. email: \"@council\"",
    ),
];

const TAB: &str = "a tab is used for indentation";
const TAB_FIX: &str =
    "indent with spaces only (two per level); set your editor to insert spaces for the Tab key";
const INDENTED_DIFFERENTLY: &str = "this line is indented differently from the lines above it";
const INDENTED_DIFFERENTLY_FIX: &str = "indent every key of a section by the same number of spaces, e.g. two under contact:, and keys of the top level not at all";

/// The first entry of `table` whose pattern `matches` the message.
fn fixed(
    message: &str,
    table: &[(&str, &str, &str)],
    matches: fn(&str, &str) -> bool,
) -> Option<(String, String)> {
    table
        .iter()
        .find(|(pattern, _, _)| matches(message, pattern))
        .map(|(_, problem, fix)| (problem.to_string(), fix.to_string()))
}

/// A key the file's format does not have: a number split by a comma, a key of a section
/// written at the top level, or a misspelt key.
fn unknown_key(key: &str, expected: &str, at: &At<'_>) -> (String, String) {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_digit()) {
        let written = split_number(at, key).unwrap_or_else(|| format!("…,{key}"));
        let joined: String = written.chars().filter(|&c| c != ',').collect();
        return (
            format!("the comma in {written} splits the number, and {key} is read as a key"),
            format!(
                "write numbers without commas in YAML ({joined}), or quote a text that has commas (\"{written}\")"
            ),
        );
    }
    if at.column == 1
        && let Some(section) = at.section_of(key)
    {
        return (
            format!("{key} belongs under {section}"),
            format!("indent it by two spaces under {section}:, like the other keys of {section}"),
        );
    }
    let known: Vec<&str> = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    let hint = match closest(key, known.iter().copied()) {
        Some(near) => format!("did you mean {near}?"),
        None => format!("known keys here are {}", known.join(", ")),
    };
    (format!("unknown key {key}"), hint)
}

/// A key missing or given twice, or a value of the wrong kind.
fn data_error(message: &str) -> Option<(String, String)> {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return Some((
            format!("required key {key} is missing"),
            format!("add a line `{key}: …`; see docs/content-format.md"),
        ));
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        return Some((
            format!("key {key} is given twice"),
            "keep one of the two lines".to_string(),
        ));
    }
    let (unexpected, expected) = message
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    let found = found_kind(unexpected);
    let hint = if expected.starts_with("a text") {
        "write the text after the colon, e.g. name: Dhangadhi, or one text per language like {ne: …, en: …}".to_string()
    } else {
        format!("write {expected} here")
    };
    Some((format!("expected {expected}, found {found}"), hint))
}

/// A `key: value` where a value was expected: a line indented too far, or a second `: `.
fn layout_error(message: &str, at: &At<'_>) -> Option<(String, String)> {
    if !message.starts_with("mapping values are not allowed") {
        return None;
    }
    let (before, _) = at.split();
    if !before.contains(':') {
        // The first colon of the line: the line is indented more than the one above.
        return Some((
            "this line is indented more than the line above it, so its key is read as part of the value above".to_string(),
            "indent it with as many spaces as the key above it, or two more than the section it belongs under".to_string(),
        ));
    }
    Some((
        "a second `: ` on this line starts a key where a value was expected".to_string(),
        "put text that contains `: ` in quotes, e.g. district: \"Kailali: Far West\"".to_string(),
    ))
}

/// A value that is not the number expected: grouped with commas, or not a number at all.
fn number_error(message: &str, at: &At<'_>) -> Option<(String, String)> {
    let whole = message.starts_with("invalid u") || message.starts_with("invalid i");
    let float = message.starts_with("invalid f");
    if !whole && !float {
        return None;
    }
    let value = at.split().1.split(" #").next().unwrap_or("").trim();
    let numeric = value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    if numeric && value.contains(',') {
        let joined: String = value.chars().filter(|&c| c != ',').collect();
        return Some((
            format!("{value} is not a number in YAML: it has commas"),
            format!("write numbers without commas in YAML ({joined})"),
        ));
    }
    Some(if whole {
        (
            "expected a whole number".to_string(),
            "write digits only, e.g. 204788".to_string(),
        )
    } else {
        (
            "expected a number".to_string(),
            "write a number such as 261.75".to_string(),
        )
    })
}

fn missing_colon(message: &str, at: &At<'_>) -> Option<(String, String)> {
    if !message.contains("expected ':'") {
        return None;
    }
    let key = at.split().1.split_whitespace().next().unwrap_or("the key");
    Some((
        format!("a colon is missing after {key}"),
        "write the key, a colon and a space, then the value, e.g. district: Kailali".to_string(),
    ))
}

/// Any other parser message: what was found, and what usually causes it.
fn unreadable(message: &str) -> (String, String) {
    // Parser wording such as "while parsing a block mapping, …" helps nobody: keep only
    // what was found.
    let message = match message.rsplit_once(", ") {
        Some((context, found)) if context.starts_with("while ") => found,
        _ => message,
    };
    (
        format!("YAML cannot read this line ({message})"),
        "check the indentation (spaces only, the same for every key of a section), the colon after each key, and the quotes; text containing `: ` or `#` needs quotes".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "fields are there to be deserialised; the tests read errors"
    )]
    struct Site {
        name: String,
        licence: Option<String>,
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let e = parse::<Site>("name: x\nlisence: CC-BY-4.0\n", Path::new("s.yaml"), 0).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.message, "unknown key lisence");
        assert_eq!(e.hint.as_deref(), Some("did you mean licence?"));
    }

    #[test]
    fn syntax_error_located_with_offset() {
        let e = parse::<Site>("name: [x\n", Path::new("p.md"), 1).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.snippet.unwrap().text.contains("name: [x"));
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "fields are there to be deserialised; the tests read errors"
    )]
    struct Population {
        total: Option<u64>,
        female: Option<u64>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "fields are there to be deserialised; the tests read errors"
    )]
    struct Profile {
        name: Option<String>,
        population: Option<Population>,
        contact: Option<BTreeMap<String, String>>,
        district: Option<String>,
    }

    const SECTIONS: &[Section] = &[
        Section {
            key: "contact",
            keys: &["phone", "email"],
        },
        Section {
            key: "grievance",
            keys: &["email", "sms"],
        },
    ];

    fn error(src: &str) -> Diagnostic {
        parse_with_sections::<Profile>(src, Path::new("p.yaml"), 0, SECTIONS).unwrap_err()
    }

    #[test]
    fn commas_in_numbers_are_named() {
        let e = error("name: x\npopulation: {total: 204,788}\n");
        assert_eq!((e.line, e.column), (2, 25));
        assert_eq!(
            e.message,
            "the comma in 204,788 splits the number, and 788 is read as a key"
        );
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "write numbers without commas in YAML (204788), or quote a text that has commas (\"204,788\")"
            )
        );
        let e = error("population:\n  total: 204,788\n");
        assert_eq!((e.line, e.column), (2, 10));
        assert_eq!(e.message, "204,788 is not a number in YAML: it has commas");
        assert_eq!(
            e.hint.as_deref(),
            Some("write numbers without commas in YAML (204788)")
        );
    }

    #[test]
    fn a_key_of_a_section_at_the_top_level_is_sent_under_it() {
        let e = error("name: x\ncontact:\n  phone: 1\nemail: a@b\n");
        assert_eq!((e.line, e.column), (4, 1));
        assert_eq!(e.message, "email belongs under contact");
        assert_eq!(
            e.hint.as_deref(),
            Some("indent it by two spaces under contact:, like the other keys of contact")
        );
        // Without the section above it, the first section that has the key.
        let e = error("name: x\nsms: 1\n");
        assert_eq!(e.message, "sms belongs under grievance");
        // A key of no section is still an unknown key.
        let e = error("name: x\nlisence: y\n");
        assert_eq!(e.message, "unknown key lisence");
    }

    #[test]
    fn syntax_errors_say_what_to_do() {
        let cases = [
            (
                "name: x\ndistrict Kailali\n",
                (2, 1),
                "a colon is missing after district",
            ),
            (
                "name: x\n\tdistrict: Kailali\n",
                (2, 1),
                "a tab is used for indentation",
            ),
            (
                "name: x\ncontact:\n\tphone: 1\n",
                (3, 1),
                "a tab is used for indentation",
            ),
            (
                "name: \"x\ndistrict: y\n",
                (1, 7),
                "a quote opened here is never closed",
            ),
            (
                "name: x\ncontact:\n    phone: 1\n  email: 2\n",
                (4, 3),
                "this line is indented differently from the lines above it",
            ),
            (
                "name: x\ncontact:\n  phone: 1\n   email: 2\n",
                (4, 9),
                "this line is indented more than the line above it, so its key is read as part of the value above",
            ),
            (
                "name: x\ndistrict: Kailali: Far West\n",
                (2, 18),
                "a second `: ` on this line starts a key where a value was expected",
            ),
        ];
        for (src, at, message) in cases {
            let e = error(src);
            assert_eq!(
                ((e.line, e.column), e.message.as_str()),
                (at, message),
                "{src:?}"
            );
            let all = e.headline();
            for parser_words in ["while parsing", "did not find", "scalar", "tabs disallowed"] {
                assert!(!all.contains(parser_words), "{all}");
            }
        }
    }

    #[test]
    fn missing_key_named() {
        let e = parse::<Site>("licence: x\n", Path::new("s.yaml"), 0).unwrap_err();
        assert_eq!(e.message, "required key name is missing");
    }
}
