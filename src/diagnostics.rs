//! Content problems, each located at `path:line:column` with a hint of how to fix it.
//!
//! Every stage pushes into a [`Diagnostics`] collector instead of stopping at the first
//! problem, so one run reports everything that is wrong with every council.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// The source line a diagnostic points into, kept so it can be shown with a caret: the
/// whole line, or, when it is long, a stretch of it around the marked span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    /// 1-based character column in `text` where the marked span starts.
    pub column: usize,
    /// Width of the marked span in characters (at least 1).
    pub width: usize,
    /// Whether the line goes on before `text` starts.
    #[serde(default)]
    pub cut_before: bool,
    /// Whether the line goes on after `text` ends.
    #[serde(default)]
    pub cut_after: bool,
}

/// Characters of a long line kept on either side of the marked span.
const SNIPPET_CONTEXT: usize = 200;
/// Display columns of the source line shown under a headline.
const SHOWN_WIDTH: usize = 100;
/// Display columns shown before the marked span when the line has to be cut.
const SHOWN_BEFORE: usize = 30;

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
    /// Where in a spreadsheet file (`sheet Budget, cell C14`), shown after the path in
    /// place of the line and column, which then only order the diagnostics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Box<String>>,
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
            place: None,
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

    /// Places the diagnostic in a sheet of a spreadsheet: `place` is shown after the path
    /// (`sheet Budget, cell C14`), `row` and `column` (1-based) order it.
    pub fn in_sheet(mut self, place: impl Into<String>, row: usize, column: usize) -> Self {
        self.place = Some(Box::new(place.into()));
        self.at(row, column)
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
    /// This reads `source` up to the line; a file with many diagnostics uses a [`LineIndex`].
    pub fn at_source(self, source: &str, line: usize, column: usize, width: usize) -> Self {
        let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        self.at_line(line, column, width, text)
    }

    /// Places the diagnostic at a character span of the line `text`, recording the line (or,
    /// when it is long, the stretch around the span) for display.
    pub fn at_line(self, line: usize, column: usize, width: usize, text: &str) -> Self {
        let text = text.trim_end_matches(['\r', '\n']);
        let start = column.saturating_sub(1);
        let from = start.saturating_sub(SNIPPET_CONTEXT);
        let to = start + width.clamp(1, SNIPPET_CONTEXT) + SNIPPET_CONTEXT;
        let mut bytes = text.char_indices().map(|(i, _)| i).skip(from);
        let first = bytes.next().unwrap_or(text.len());
        let last = bytes.nth(to - from - 1).unwrap_or(text.len());
        let snippet = Snippet {
            text: text.get(first..last).unwrap_or("").to_string(),
            column: start - from + 1,
            width: width.max(1),
            cut_before: from > 0,
            cut_after: last < text.len(),
        };
        self.at(line, column).snippet(snippet)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form, `path:line:column: message; hint`, stable for scripts and tests.
    /// Control characters and bidirectional overrides in it are written as `\u{…}` escapes.
    pub fn headline(&self) -> String {
        let mut out = visible(&self.path.display().to_string()).into_owned();
        if let Some(place) = &self.place {
            out.push_str(", ");
            out.push_str(&visible(place));
        } else if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        out.push_str(": ");
        if self.severity == Severity::Warning {
            out.push_str("warning: ");
        }
        out.push_str(&visible(&self.message));
        if let Some(hint) = &self.hint {
            out.push_str("; ");
            out.push_str(&visible(hint));
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
            let (shown, caret) = snippet.lines();
            writeln!(f, " {number} | {shown}")?;
            writeln!(f, " {gutter} | {caret}")?;
        }
        Ok(())
    }
}

impl Snippet {
    /// The line as shown, at most [`SHOWN_WIDTH`] columns around the marked span with `…`
    /// where it is cut and control characters escaped, and the line of the caret, placed
    /// by display width (a Devanagari vowel sign takes no column, a CJK character two).
    fn lines(&self) -> (String, String) {
        let cells: Vec<(Cow<'_, str>, usize)> = self
            .text
            .chars()
            .map(|c| {
                if c == '\t' {
                    (Cow::Borrowed("\t"), 1)
                } else if is_unsafe(c) {
                    let escaped = escape(c);
                    let width = escaped.len();
                    (Cow::Owned(escaped), width)
                } else {
                    (Cow::Owned(c.to_string()), c.width().unwrap_or(0))
                }
            })
            .collect();
        let start = self.column.saturating_sub(1).min(cells.len());
        let end = (start + self.width.max(1)).min(cells.len());
        let (mut from, mut to) = (0, cells.len());
        if cells.iter().map(|(_, w)| w).sum::<usize>() > SHOWN_WIDTH {
            let mut used = 0;
            from = start;
            while from > 0 && used + cells[from - 1].1 <= SHOWN_BEFORE {
                from -= 1;
                used += cells[from].1;
            }
            to = from;
            used = 0;
            while to < cells.len() && used + cells[to].1 <= SHOWN_WIDTH {
                used += cells[to].1;
                to += 1;
            }
            // Near the end of the line, show more of what comes before.
            while from > 0 && used + cells[from - 1].1 <= SHOWN_WIDTH {
                from -= 1;
                used += cells[from].1;
            }
            // Do not start on a mark that belongs to the letter before it.
            while from < start && cells[from].1 == 0 {
                from += 1;
            }
            to = to.max(start);
        }
        let cut_before = self.cut_before || from > 0;
        let cut_after = self.cut_after || to < cells.len();
        let mut shown = String::new();
        let mut caret = String::new();
        if cut_before {
            shown.push('…');
            caret.push(' ');
        }
        for (text, _) in &cells[from..to] {
            shown.push_str(text);
        }
        if cut_after {
            shown.push('…');
        }
        for (text, width) in &cells[from..start] {
            if text == "\t" {
                caret.push('\t');
            } else {
                caret.extend(std::iter::repeat_n(' ', *width));
            }
        }
        let marked: usize = cells[start..end.min(to)].iter().map(|(_, w)| w).sum();
        caret.extend(std::iter::repeat_n('^', marked.clamp(1, SHOWN_WIDTH)));
        (shown, caret)
    }
}

/// Whether `c` could move the cursor, change the terminal or reorder the text around it:
/// C0 controls except tab, DEL, C1 controls, and bidirectional embeddings and isolates.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `text` with every character that is unsafe on a terminal written as `\u{…}`, e.g. the
/// escape character as `\u{1b}`; a cell or a file name then cannot clear the screen.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Marks a failure that has already been pushed as a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

/// Errors, and warnings, kept for one file; the rest are counted and summed up in one line,
/// so a file with a mistake on every one of its 100,000 rows cannot print gigabytes.
pub const MAX_PER_FILE: usize = 50;

/// Collects diagnostics from every stage and council.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// How many errors and warnings were kept, per file.
    kept: HashMap<PathBuf, (usize, usize)>,
    /// How many errors and warnings were left out, per file, past [`MAX_PER_FILE`].
    dropped: BTreeMap<PathBuf, (usize, usize)>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Keeps the diagnostic, or only counts it when its file already has [`MAX_PER_FILE`]
    /// of its severity.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let kept = self.kept.entry(diagnostic.path.clone()).or_default();
        let kept = if diagnostic.is_error() {
            &mut kept.0
        } else {
            &mut kept.1
        };
        if *kept < MAX_PER_FILE {
            *kept += 1;
            self.items.push(diagnostic);
        } else {
            let dropped = self.dropped.entry(diagnostic.path).or_default();
            if diagnostic.severity == Severity::Error {
                dropped.0 += 1;
            } else {
                dropped.1 += 1;
            }
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        for (path, (errors, warnings)) in other.dropped {
            let dropped = self.dropped.entry(path).or_default();
            dropped.0 += errors;
            dropped.1 += warnings;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Errors found, counting those left out of the list.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
            + self.dropped.values().map(|d| d.0).sum::<usize>()
    }

    /// Warnings found, counting those left out of the list.
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| !d.is_error()).count()
            + self.dropped.values().map(|d| d.1).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All diagnostics sorted by file, line and column, duplicates removed; a file that had
    /// more than [`MAX_PER_FILE`] ends with one diagnostic saying how many more it had.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        if self.dropped.is_empty() {
            return self.items;
        }
        let mut out = Vec::with_capacity(self.items.len() + self.dropped.len());
        let mut items = self.items.into_iter().peekable();
        for (path, (errors, warnings)) in self.dropped {
            while let Some(d) = items.next_if(|d| d.path <= path) {
                out.push(d);
            }
            let more = errors + warnings;
            let message = format!(
                "… and {more} more {} like these in this file; fix these first",
                if more == 1 { "problem" } else { "problems" }
            );
            let summary = if errors > 0 {
                Diagnostic::error(path, message)
            } else {
                Diagnostic::warning(path, message)
            };
            out.push(summary.hint(format!(
                "only the first {MAX_PER_FILE} problems of a file are listed; run khula check again after fixing them"
            )));
        }
        out.extend(items);
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Where each line of a text starts, to locate many byte offsets without reading the text
/// from the top for each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(after_newlines(source));
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte).max(1)
    }

    /// 1-based line and character column of a byte offset, and the text of its line.
    pub fn locate<'a>(&self, source: &'a str, byte: usize) -> (usize, usize, &'a str) {
        let byte = byte.min(source.len());
        let line = self.line(byte);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(source.len(), |&next| next - 1);
        let column = source.get(start..byte).map_or(0, |s| s.chars().count()) + 1;
        (line, column, source.get(start..end).unwrap_or(""))
    }

    /// A diagnostic marking `width` characters from byte offset `byte` of `source`.
    pub fn error(
        &self,
        source: &str,
        path: &Path,
        byte: usize,
        width: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column, text) = self.locate(source, byte);
        Diagnostic::error(path, message).at_line(line, column, width, text)
    }
}

/// Byte offsets just after each `\n` of `source`.
fn after_newlines(source: &str) -> impl Iterator<Item = usize> + '_ {
    // A search for one ASCII character skips ahead a word at a time.
    source.match_indices('\n').map(|(i, _)| i + 1)
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
    fold_name(s, '_')
}

/// A name as it is compared with the names Khula knows: trimmed, lowercase, with spaces,
/// `-` and `_` all written as `separator` (`Tax Rates`, `tax_rates` and `tax-rates` alike).
pub(crate) fn fold_name(s: &str, separator: char) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, ' ' | '-' | '_') {
                separator
            } else {
                c
            }
        })
        .collect()
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
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
    fn control_characters_and_bidi_overrides_are_escaped() {
        let d = Diagnostic::error(
            "a\u{1b}[2J.csv",
            "\"\u{1b}]52;c;eA==\u{7}\" is not an amount",
        )
        .hint("x\u{202e}y\u{2066}z\u{9b}w\u{7f}\tend")
        .at_source("1,\u{1b}[2J\u{85}\n", 1, 3, 4);
        let shown = d.to_string();
        assert!(
            !shown.lines().flat_map(str::chars).any(is_unsafe),
            "{shown:?}"
        );
        assert!(shown.starts_with("a\\u{1b}[2J.csv:1:3: "), "{shown}");
        assert!(shown.contains("\"\\u{1b}]52;c;eA==\\u{7}\""), "{shown}");
        assert!(
            shown.contains("x\\u{202e}y\\u{2066}z\\u{9b}w\\u{7f}\tend"),
            "{shown}"
        );
        // The caret spans the escape as it is shown.
        assert!(shown.contains(" 1 | 1,\\u{1b}[2J\\u{85}\n"), "{shown}");
        assert!(shown.ends_with("   |   ^^^^^^^^^\n"), "{shown}");
        assert_eq!(visible("plain, शिक्षा\t"), "plain, शिक्षा\t");
    }

    #[test]
    fn long_line_is_shown_around_the_cell_with_ellipses() {
        let line = format!("{}BAD,{}", "a".repeat(299), "b".repeat(500));
        let d = Diagnostic::error("f.csv", "bad").at_source(&format!("h\n{line}\n"), 2, 300, 3);
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let text = lines[1].strip_prefix(" 2 | ").unwrap();
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.chars().count() <= SHOWN_WIDTH + 2, "{text}");
        let caret = lines[2].strip_prefix("   | ").unwrap();
        let at = caret.find('^').unwrap();
        assert_eq!(&caret[at..], "^^^");
        assert_eq!(text.chars().skip(at).take(3).collect::<String>(), "BAD");
        // A short line is shown whole, without ellipses.
        let d = Diagnostic::error("f.csv", "bad").at_source("ab,BAD\n", 1, 4, 3);
        assert!(d.to_string().contains(" 1 | ab,BAD\n   |    ^^^\n"));
        // The end of a long line shows more of what comes before, and no ellipsis after.
        let line = format!("{}BAD", "a".repeat(400));
        let d = Diagnostic::error("f.csv", "bad").at_source(&line, 1, 401, 3);
        let shown = d.to_string();
        let text = shown.lines().nth(1).unwrap();
        assert!(text.ends_with("aBAD") && !text.ends_with('…'), "{text}");
        assert!(text.chars().count() > 90, "{text}");
    }

    #[test]
    fn caret_is_placed_by_display_width() {
        let caret = |line: &str, cell: char| {
            let column = line.chars().position(|c| c == cell).unwrap() + 1;
            let d = Diagnostic::error("f.csv", "bad").at_source(line, 1, column, 3);
            let shown = d.to_string();
            let caret = shown.lines().nth(2).unwrap().strip_prefix("   | ").unwrap();
            (caret.to_string(), column)
        };
        let line = "नगरपालिका,अबक,१२३";
        let (at, _) = caret(line, '१');
        let before = unicode_width::UnicodeWidthStr::width("नगरपालिका,अबक,");
        assert_eq!(at, format!("{}^^^", " ".repeat(before)));
        // Viramas and the candrabindu take no column: counting characters would put the
        // caret four columns to the right of the third cell.
        let line = "गाउँपालिका,स्वास्थ्य,१२३";
        let (at, column) = caret(line, '१');
        let before = unicode_width::UnicodeWidthStr::width("गाउँपालिका,स्वास्थ्य,");
        assert_eq!(column - 1 - before, 4);
        assert_eq!(at, format!("{}^^^", " ".repeat(before)));
        // Bengali: the hasanta takes no column either.
        let line = "পৌরসভা,স্বাস্থ্য,১২৩";
        let (at, _) = caret(line, '১');
        let before = unicode_width::UnicodeWidthStr::width("পৌরসভা,স্বাস্থ্য,");
        assert_eq!(at, format!("{}^^^", " ".repeat(before)));
        // Wide characters take two columns each.
        let d = Diagnostic::error("f.csv", "bad").at_source("北京,x", 1, 4, 1);
        assert!(d.to_string().ends_with("   |      ^\n"), "{d}");
    }

    #[test]
    fn problems_past_the_limit_of_a_file_are_summed_up() {
        let mut all = Diagnostics::new();
        for line in (1..=MAX_PER_FILE + 30).rev() {
            all.push(Diagnostic::error("a.csv", "bad").at(line, 1));
        }
        for line in 1..=3 {
            all.push(Diagnostic::warning("a.csv", "odd").at(line, 2));
        }
        all.push(Diagnostic::error("b.csv", "bad").at(1, 1));
        assert_eq!(all.error_count(), MAX_PER_FILE + 31);
        assert_eq!(all.warning_count(), 3);
        let sorted = all.into_sorted();
        assert_eq!(sorted.len(), MAX_PER_FILE + 3 + 1 + 1);
        let summary = &sorted[MAX_PER_FILE + 3];
        assert_eq!(summary.path, Path::new("a.csv"));
        assert!(summary.is_error());
        assert!(
            summary.message.contains("and 30 more problems like these"),
            "{}",
            summary.message
        );
        assert_eq!(sorted.last().unwrap().path, Path::new("b.csv"));
    }

    #[test]
    fn line_index_locates_like_line_column() {
        let src = "क,ख\r\nअ,बी\n\nlast";
        let index = LineIndex::new(src);
        for byte in (0..=src.len()).filter(|&b| src.is_char_boundary(b)) {
            let (line, column, _) = index.locate(src, byte);
            assert_eq!((line, column), line_column(src, byte), "byte {byte}");
        }
        assert_eq!(index.locate(src, src.find('ब').unwrap()).2, "अ,बी");
        assert_eq!(index.locate(src, src.len()).2, "last");
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
