//! YAML read with serde-saphyr, whose errors carry the line and column we report.

use crate::diagnostics::{Diagnostic, closest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `source` into `T`. `line_offset` is added to reported lines (front matter that
/// starts below a `---` line). Errors become a located diagnostic with a plain-words hint.
pub fn parse<T: DeserializeOwned>(
    source: &str,
    shown: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(source).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let raw = err.to_string();
        let first = raw.lines().next().unwrap_or("").to_string();
        let message = clean_message(&first);
        let (message, hint) = if is_blank(source) {
            (
                "is empty".to_string(),
                "write the keys this file needs; see docs/content-format.md".to_string(),
            )
        } else {
            explain(&message)
        };
        let line = line.max(1) + line_offset;
        let full_source = format!("{}{}", "\n".repeat(line_offset), source);
        Diagnostic::error(shown, message)
            .at_source(&full_source, line, column.max(1), 1)
            .hint(hint)
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

/// Rewrites parser wording into what a council clerk can act on.
fn explain(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, expected)) = rest.split_once('`')
    {
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
        return (format!("unknown key {key}"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (
            format!("required key {key} is missing"),
            format!("add a line `{key}: …`; see docs/content-format.md"),
        );
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        return (
            format!("key {key} is given twice"),
            "keep one of the two lines".to_string(),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((unexpected, expected)) = rest.split_once(", expected ")
    {
        let found = found_kind(unexpected);
        let hint = if expected.starts_with("a text") {
            "write the text after the colon, e.g. name: Dhangadhi, or one text per language like {ne: …, en: …}".to_string()
        } else {
            format!("write {expected} here")
        };
        return (format!("expected {expected}, found {found}"), hint);
    }
    if message.starts_with("mapping values are not allowed") {
        return (
            "a second `: ` on this line starts a key where a value was expected".to_string(),
            "put text that contains `: ` in quotes, e.g. district: \"Kailali: Far West\""
                .to_string(),
        );
    }
    if message.starts_with("unclosed quote") {
        return (
            "a quote opened here is never closed".to_string(),
            "end the text with the same quote mark it starts with".to_string(),
        );
    }
    if message.starts_with("expected sequence") {
        return (
            "expected a list".to_string(),
            "write a list, e.g. [ne, en], or one `- item` per line".to_string(),
        );
    }
    if message.starts_with("expected mapping") {
        return (
            "expected keys and values".to_string(),
            "write `key: value` pairs, e.g. {total: 204788}, or one `key: value` per indented line"
                .to_string(),
        );
    }
    if message.starts_with("expected string") {
        return (
            "expected a text".to_string(),
            "write the text after the colon, e.g. name: Dhangadhi, or one text per language like {ne: …, en: …}".to_string(),
        );
    }
    if message.starts_with("invalid bool") {
        return (
            "expected true or false".to_string(),
            "write true or false".to_string(),
        );
    }
    if message.starts_with("invalid u") || message.starts_with("invalid i") {
        return (
            "expected a whole number".to_string(),
            "write digits only, e.g. 204788".to_string(),
        );
    }
    if message.starts_with("invalid f") {
        return (
            "expected a number".to_string(),
            "write a number such as 261.75".to_string(),
        );
    }
    (
        message.to_string(),
        "check the indentation, colons and quotes on this line; text containing `: ` or `#` needs quotes".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
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

    #[test]
    fn missing_key_named() {
        let e = parse::<Site>("licence: x\n", Path::new("s.yaml"), 0).unwrap_err();
        assert_eq!(e.message, "required key name is missing");
    }
}
