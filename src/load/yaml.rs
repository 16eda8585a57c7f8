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
        let (message, hint) = explain(&message);
        let line = line.max(1) + line_offset;
        let full_source = format!("{}{}", "\n".repeat(line_offset), source);
        Diagnostic::error(shown, message)
            .at_source(&full_source, line, column.max(1), 1)
            .hint(hint)
    })
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
    if message.contains("sequence") {
        return (
            message.to_string(),
            "write a list, e.g. [ne, en], or one `- item` per line".to_string(),
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
