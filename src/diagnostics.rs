//! Content problems, each located at `path:line:column` with a hint of how to fix it.
//!
//! Every stage pushes into a [`Diagnostics`] collector instead of stopping at the first
//! problem, so one run reports everything that is wrong with every council.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// The source line a diagnostic points into, kept so it can be shown with a caret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    /// 1-based character column where the marked span starts.
    pub column: usize,
    /// Width of the marked span in characters (at least 1).
    pub width: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user knows it: the content folder they passed, joined with the file.
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based character column; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    pub snippet: Option<Box<Snippet>>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a line and column (both 1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn snippet(mut self, snippet: Snippet) -> Self {
        self.snippet = Some(Box::new(snippet));
        self
    }

    /// Places the diagnostic at a character span inside `source`, recording the line for display.
    pub fn at_source(self, source: &str, line: usize, column: usize, width: usize) -> Self {
        let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let snippet = Snippet {
            text: text.trim_end_matches('\r').to_string(),
            column,
            width: width.max(1),
        };
        self.at(line, column).snippet(snippet)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form, `path:line:column: message; hint`, stable for scripts and tests.
    pub fn headline(&self) -> String {
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        out.push_str(": ");
        if self.severity == Severity::Warning {
            out.push_str("warning: ");
        }
        out.push_str(&self.message);
        if let Some(hint) = &self.hint {
            out.push_str("; ");
            out.push_str(hint);
        }
        out
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    /// The headline, then the offending line with a caret under the problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let shown: String = snippet.text.chars().take(160).collect();
            writeln!(f, " {number} | {shown}")?;
            let pad: String = snippet
                .text
                .chars()
                .take(snippet.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let width = snippet.width.min(80);
            writeln!(f, " {gutter} | {pad}{}", "^".repeat(width))?;
        }
        Ok(())
    }
}

/// Marks a failure that has already been pushed as a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

/// Collects diagnostics from every stage and council.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All diagnostics sorted by file, line and column, duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// 1-based line and character column of a byte offset in `source`.
pub fn line_column(source: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(source.len());
    let before = source.get(..byte).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = normalise_name(word);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &normalise_name(c)), c))
        // About one typo per three letters: `alocated` is allocated, but `name` is not rate.
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalise_name(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_has_path_line_column_message_and_hint() {
        let d = Diagnostic::error("content/a/budget.csv", "\"x\" is not an amount")
            .at(4, 9)
            .hint("write digits");
        assert_eq!(
            d.headline(),
            "content/a/budget.csv:4:9: \"x\" is not an amount; write digits"
        );
    }

    #[test]
    fn display_shows_caret_under_column() {
        let d = Diagnostic::error("f.csv", "bad").at_source("a,b\n2080/81,xyz\n", 2, 9, 3);
        let shown = d.to_string();
        assert!(shown.contains(" 2 | 2080/81,xyz"), "{shown}");
        assert!(shown.contains("   |         ^^^"), "{shown}");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let src = "क,ख\nअ,बी";
        let byte = src.find('ब').unwrap();
        assert_eq!(line_column(src, byte), (2, 3));
        assert_eq!(line_column(src, 0), (1, 1));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let cols = ["fiscal_year", "sector", "allocated"];
        assert_eq!(closest("alocated", cols), Some("allocated"));
        assert_eq!(closest("Fiscal Year", cols), Some("fiscal_year"));
        assert_eq!(closest("zzzz", cols), None);
        assert_eq!(closest("name", ["rate", "tax"]), None);
        assert_eq!(closest("spnt", ["spent"]), Some("spent"));
    }

    #[test]
    fn sorted_by_path_then_position() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error("b.csv", "x").at(1, 1));
        all.push(Diagnostic::error("a.csv", "y").at(9, 1));
        all.push(Diagnostic::error("a.csv", "z").at(2, 5));
        let sorted = all.into_sorted();
        let lines: Vec<_> = sorted.iter().map(|d| (d.path.clone(), d.line)).collect();
        assert_eq!(
            lines,
            vec![
                ("a.csv".into(), 2),
                ("a.csv".into(), 9),
                ("b.csv".into(), 1)
            ]
        );
    }
}
