//! Spreadsheet-exported CSV read into a table whose every cell knows its line and column.
//!
//! A dataset module describes its columns with a [`Schema`]; [`Table::bind`] checks the header
//! against it (missing, unknown, duplicated columns) and the typed accessors on [`RowRef`]
//! turn cells into amounts, dates and texts, reporting any bad cell at its exact position.

use crate::calendar::{Calendar, Date, DateError, FiscalYear, parse_fiscal_year};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Reported, closest};
use crate::numbers::{Amount, parse_amount};
use crate::text::{Text, is_language_code};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    /// Whether `name:<lang>` translation columns are accepted.
    pub translatable: bool,
}

impl Column {
    pub const fn required(name: &'static str) -> Column {
        Column {
            name,
            required: true,
            translatable: false,
        }
    }
    pub const fn optional(name: &'static str) -> Column {
        Column {
            name,
            required: false,
            translatable: false,
        }
    }
    /// Marks the column as taking translations in `name:<lang>` columns.
    pub const fn text(self) -> Column {
        Column {
            translatable: true,
            ..self
        }
    }
}

/// A column a model reads a cell of: a variant of the enum its file declares with
/// [`columns!`], so a misspelt column does not compile; or (for tests and generic code) a
/// [`Column`] of the schema itself.
pub trait ColumnName: Copy {
    fn name(self) -> &'static str;
}

impl ColumnName for Column {
    fn name(self) -> &'static str {
        self.name
    }
}

/// Declares the columns of a fixed CSV file once: an enum with a variant per column, whose
/// `SCHEMA` lists them in the same order for [`Table::bind`], and which the accessors of
/// [`RowRef`] take instead of a column name.
///
/// ```ignore
/// columns! {
///     /// The columns of tax-rates.csv.
///     pub enum TaxColumn {
///         Tax: Column::required("tax").text(),
///         Rate: Column::required("rate"),
///     }
/// }
/// ```
macro_rules! columns {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident: $column:expr),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The columns in the order of the variants.
            pub const SCHEMA: $crate::load::table::Schema = $crate::load::table::Schema {
                columns: &[$($column),+],
            };
        }

        impl $crate::load::table::ColumnName for $name {
            fn name(self) -> &'static str {
                // The variants and the schema are written from one list, in one order.
                Self::SCHEMA.columns[self as usize].name
            }
        }
    };
}
pub(crate) use columns;

/// Columns a CSV file may have: a council's widest sheet has a few dozen.
pub const MAX_COLUMNS: usize = 200;
/// Characters a cell may hold; a longer text belongs in a markdown file.
pub const MAX_CELL_CHARS: usize = 10_000;
/// Rows a CSV file may have: a council's budget has a few thousand lines a year.
pub const MAX_ROWS: usize = 100_000;

#[derive(Clone, Copy, Debug)]
pub struct Schema {
    pub columns: &'static [Column],
}

#[derive(Debug)]
struct Row {
    line: usize,
    byte: usize,
    record: csv::StringRecord,
}

/// A parsed CSV file. Cells are kept as text until a dataset asks for a typed value.
#[derive(Debug)]
pub struct Table {
    shown: PathBuf,
    source: String,
    /// Where each line of `source` starts, to locate cells without rereading the file.
    index: LineIndex,
    headers: Vec<String>,
    header_byte: usize,
    rows: Vec<Row>,
}

/// Where each schema column (and each of its translations) sits in a table.
#[derive(Debug)]
pub struct Binding {
    schema: Schema,
    index: Vec<Option<usize>>,
    translations: Vec<Vec<(String, usize)>>,
    /// Columns not in the schema, in file order (kept for open datasets).
    pub extra: Vec<(String, usize)>,
}

/// Normalises a header cell: trimmed, lowercase, spaces and hyphens in the name as `_`.
fn normalise_header(raw: &str) -> String {
    let raw = raw.trim().trim_start_matches('\u{feff}');
    let (name, lang) = match raw.split_once(':') {
        Some((n, l)) => (n, Some(l)),
        None => (raw, None),
    };
    let mut out: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    if let Some(lang) = lang {
        out.push(':');
        out.push_str(&lang.trim().to_lowercase());
    }
    out
}

impl Table {
    /// Parses CSV text (already decoded, BOM removed). Ragged rows are reported and skipped;
    /// a file past [`MAX_COLUMNS`] or [`MAX_ROWS`] is reported and not read further.
    pub fn parse(source: String, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
        let index = LineIndex::new(&source);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(source.as_bytes());
        let mut records = reader.records();
        let mut headers = Vec::new();
        let mut header_byte = 0;
        let mut rows = Vec::new();
        match records.next() {
            Some(Ok(record)) => {
                header_byte = record.position().map_or(0, |p| p.byte() as usize);
                if let Some(d) = long_cell(&source, &index, shown, header_byte, &record) {
                    diags.push(d);
                    return None;
                }
                headers = record.iter().map(normalise_header).collect();
            }
            Some(Err(e)) => {
                diags.push(csv_error(&source, &index, shown, &e));
                return None;
            }
            None => {}
        }
        if let Some(d) = wrong_separator(&source, &index, shown, header_byte) {
            // Every row is one cell: the missing columns and bad cells would all be this.
            diags.push(d);
            return None;
        }
        if headers.iter().all(String::is_empty) {
            diags.push(
                Diagnostic::error(shown, "has no header row").at(1, 1).hint(
                    "the first line must name the columns, e.g. fiscal_year,sector,allocated",
                ),
            );
            return None;
        }
        // Excel often exports trailing unnamed, empty columns: ignore them.
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        if headers.len() > MAX_COLUMNS {
            let at = field_offset(&source, header_byte, MAX_COLUMNS);
            diags.push(
                index
                    .error(
                        &source,
                        shown,
                        at,
                        1,
                        format!(
                            "has {} columns; Khula reads at most {MAX_COLUMNS} columns in a file",
                            grouped(headers.len())
                        ),
                    )
                    .hint(format!(
                        "delete the columns from here on, or split the sheet into files of at most {MAX_COLUMNS} columns"
                    )),
            );
            return None;
        }
        // Where the last line starts, when the file does not end with a line break.
        let unterminated_tail = (!source.ends_with(['\n', '\r']))
            .then(|| source.rfind(['\n', '\r']).map_or(0, |i| i + 1));
        let mut line = 1;
        let mut counted = 0;
        let mut seen = 0;
        for result in records {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    diags.push(csv_error(&source, &index, shown, &e));
                    break;
                }
            };
            let byte = record.position().map_or(0, |p| p.byte() as usize);
            let byte = field_offset(&source, byte, 0);
            // Count lines from the previous row on, not from the top of the file each time.
            line += source
                .as_bytes()
                .get(counted..byte)
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            counted = counted.max(byte);
            match unclosed_quote(&source, &index, shown, byte, &record, unterminated_tail) {
                Some((OpenQuote::ToTheEnd, d)) => {
                    // Everything after the quote was read as one cell: nothing more to check.
                    diags.push(d);
                    break;
                }
                Some((OpenQuote::SwallowsRows, d)) => {
                    // The reader is back at the start of a row: go on with the next one.
                    diags.push(d);
                    continue;
                }
                None => {}
            }
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            seen += 1;
            if seen > MAX_ROWS {
                diags.push(
                    index
                        .error(
                            &source,
                            shown,
                            byte,
                            1,
                            format!(
                                "has more than {0} rows; Khula reads at most {0} rows in a file",
                                grouped(MAX_ROWS)
                            ),
                        )
                        .hint("keep the rows the portal is for, e.g. the last ten fiscal years, and delete the rest from here on"),
                );
                return None;
            }
            if let Some(d) = long_cell(&source, &index, shown, byte, &record) {
                diags.push(d);
                continue;
            }
            let named = record.len().min(headers.len());
            let overflow_blank = record.iter().skip(named).all(|f| f.trim().is_empty());
            if record.len() < headers.len() || !overflow_blank {
                diags.push(ragged_row(
                    &source,
                    &index,
                    shown,
                    byte,
                    &record,
                    headers.len(),
                ));
                continue;
            }
            rows.push(Row { line, byte, record });
        }
        Some(Table {
            shown: shown.to_path_buf(),
            source,
            index,
            headers,
            header_byte,
            rows,
        })
    }

    pub fn shown(&self) -> &Path {
        &self.shown
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Cells made only of question marks (at least two) with spaces and punctuation: what
    /// Excel writes for letters it cannot store when a sheet in Nepali, Bengali or Urdu is
    /// saved as plain "CSV (Comma delimited)". One error, at the first such cell, with the
    /// count; `None` when there is none.
    pub fn lost_letters(&self) -> Option<Diagnostic> {
        let mut cells = self.rows.iter().flat_map(|row| {
            row.record
                .iter()
                .enumerate()
                .filter(|(_, cell)| is_lost_letters(cell))
                .map(move |(i, cell)| (row, i, cell))
        });
        let (row, i, cell) = cells.next()?;
        let count = 1 + cells.count();
        let message = if count == 1 {
            format!("\"{}\" is text whose letters were lost", cell.trim())
        } else {
            format!(
                "\"{}\" is text whose letters were lost, as in {} cells of this file",
                cell.trim(),
                grouped(count)
            )
        };
        Some(self.cell_error(row, i, message).hint(
            "the file was saved as plain \"CSV (Comma delimited)\", which turns letters it cannot \
             store into ?, and they cannot be got back from this file; open the original workbook \
             in Excel and re-save it with File > Save As > \"CSV UTF-8 (Comma delimited)\"",
        ))
    }

    /// A diagnostic marking field `index` of `row`: the value itself, past spaces typed
    /// before it, or the whole quoted cell.
    fn cell_error(&self, row: &Row, index: usize, message: impl Into<String>) -> Diagnostic {
        let source = &self.source;
        let mut byte = field_offset(source, row.byte, index);
        let value = row.record.get(index).unwrap_or("");
        let width = if source.as_bytes().get(byte) == Some(&b'"') {
            // The quotes around the cell, and each doubled quote inside it.
            value.chars().count() + 2 + value.matches('"').count()
        } else {
            let trimmed = value.trim_start_matches([' ', '\t']);
            byte += value.len() - trimmed.len();
            trimmed.chars().count()
        };
        self.index.error(source, &self.shown, byte, width, message)
    }

    /// The header cells, normalised.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    fn header_diagnostic(&self, index: usize, message: String) -> Diagnostic {
        let byte = field_offset(&self.source, self.header_byte, index);
        let width = self.headers.get(index).map_or(1, |h| h.chars().count());
        self.index
            .error(&self.source, &self.shown, byte, width, message)
    }

    /// Checks the header against `schema`. Returns `None` when a required column is missing.
    pub fn bind(&self, schema: Schema, open: bool, diags: &mut Diagnostics) -> Option<Binding> {
        let mut index = vec![None; schema.columns.len()];
        let mut translations = vec![Vec::new(); schema.columns.len()];
        let mut extra = Vec::new();
        let mut ok = true;
        for (i, header) in self.headers.iter().enumerate() {
            if header.is_empty() {
                let mut d = self.header_diagnostic(i, format!("column {} has no name", i + 1));
                d.severity = crate::diagnostics::Severity::Warning;
                diags.push(d.hint("give the column a name in the first row, or delete it"));
                continue;
            }
            let (base, lang) = match header.split_once(':') {
                Some((b, l)) => (b, Some(l)),
                None => (header.as_str(), None),
            };
            let found = schema.columns.iter().position(|c| c.name == base);
            match (found, lang) {
                (Some(c), None) => {
                    if index[c].is_some() {
                        diags.push(
                            self.header_diagnostic(i, format!("column {header} appears twice"))
                                .hint("delete or rename one of the two columns"),
                        );
                        ok = false;
                    }
                    index[c] = Some(i);
                }
                (Some(c), Some(lang))
                    if schema.columns[c].translatable && is_language_code(lang) =>
                {
                    if translations[c].iter().any(|(l, _)| l == lang) {
                        diags.push(
                            self.header_diagnostic(i, format!("column {header} appears twice"))
                                .hint("delete or rename one of the two columns"),
                        );
                        ok = false;
                    }
                    translations[c].push((lang.to_string(), i));
                }
                _ => extra.push((header.clone(), i)),
            }
        }
        // A required column that is missing is most likely one of the unknown ones, misspelt:
        // the error points at it, and replaces the unknown-column warning.
        let mut renamed: Vec<usize> = Vec::new();
        for (c, column) in schema.columns.iter().enumerate() {
            if column.required && index[c].is_none() && translations[c].is_empty() {
                let found: Vec<&str> = self.headers.iter().map(String::as_str).collect();
                let near = closest(
                    column.name,
                    extra
                        .iter()
                        .filter(|(_, i)| !renamed.contains(i))
                        .map(|(h, _)| h.as_str()),
                )
                .and_then(|near| extra.iter().find(|(h, _)| h == near));
                let hint = format!(
                    "{}; the columns found are {}",
                    match near {
                        Some((h, _)) => format!("did you mean {h}? rename it to {}", column.name),
                        None => format!("add a column named {}", column.name),
                    },
                    if found.is_empty() {
                        "none".to_string()
                    } else {
                        found.join(", ")
                    }
                );
                let message = format!("required column {} is missing", column.name);
                let d = match near {
                    Some((_, i)) => {
                        renamed.push(*i);
                        self.header_diagnostic(*i, message)
                    }
                    None => {
                        let (line, _, text) = self.index.locate(&self.source, self.header_byte);
                        Diagnostic::error(&self.shown, message).at_line(line, 1, 1, text)
                    }
                };
                diags.push(d.hint(hint));
                ok = false;
            }
        }
        if !open {
            for (header, i) in extra.iter().filter(|(_, i)| !renamed.contains(i)) {
                let base = header.split_once(':').map_or(header.as_str(), |(b, _)| b);
                let mut d = self.header_diagnostic(*i, format!("unknown column {header}"));
                d.severity = crate::diagnostics::Severity::Warning;
                let names = schema.columns.iter().map(|c| c.name);
                let hint = match closest(base, names) {
                    Some(near) => format!("did you mean {near}? this column is ignored"),
                    None => format!(
                        "this column is ignored; known columns are {}",
                        column_list(schema)
                    ),
                };
                diags.push(d.hint(hint));
            }
        }
        ok.then_some(Binding {
            schema,
            index,
            translations,
            extra,
        })
    }

    /// Rows with the columns of `binding`.
    pub fn rows<'a>(&'a self, binding: &'a Binding) -> impl Iterator<Item = RowRef<'a>> {
        self.rows.iter().map(move |row| RowRef {
            table: self,
            binding,
            row,
        })
    }
}

fn column_list(schema: Schema) -> String {
    schema
        .columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True for a cell of two or more `?` and nothing else but spaces and punctuation.
fn is_lost_letters(cell: &str) -> bool {
    cell.matches('?').count() >= 2
        && cell
            .chars()
            .all(|c| c == '?' || c.is_whitespace() || c.is_ascii_punctuation())
}

/// A header row separated by semicolons (Excel's CSV in many locales) or tabs ("Text (Tab
/// delimited)", or a sheet pasted into a text editor) rather than commas, pointed at the
/// first separator.
fn wrong_separator(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    header_byte: usize,
) -> Option<Diagnostic> {
    let rest = source.get(header_byte..).unwrap_or("");
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    let commas = line.matches(',').count();
    let (separator, at) = [';', '\t']
        .into_iter()
        .filter(|&c| line.matches(c).count() > commas)
        .max_by_key(|&c| line.matches(c).count())
        .and_then(|c| Some((c, line.find(c)?)))?;
    let (message, hint) = if separator == ';' {
        (
            "this file uses semicolons (;) between columns, not commas",
            "re-save it as \"CSV UTF-8 (Comma delimited)\", or in Excel's regional settings set the list separator to a comma",
        )
    } else {
        (
            "this file uses tabs between columns, not commas",
            "it was saved as \"Text (Tab delimited)\" or pasted from a sheet; in Excel use File > Save As > \"CSV UTF-8 (Comma delimited)\"",
        )
    };
    Some(
        index
            .error(source, shown, header_byte + at, 1, message)
            .hint(hint),
    )
}

/// What became of a quote that opens a cell without a matching close.
enum OpenQuote {
    /// Never closed: the rest of the file was read as one cell.
    ToTheEnd,
    /// Closed by a quote on a later line, inside another cell: the rows in between were read
    /// as part of this cell.
    SwallowsRows,
}

/// A cell whose opening double quote is never closed swallows the rest of the file, or the
/// rows up to the next quote; point at the quote rather than at the end of the file or at
/// the row that turns out short or long.
fn unclosed_quote(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    row_byte: usize,
    record: &csv::StringRecord,
    unterminated_tail: Option<usize>,
) -> Option<(OpenQuote, Diagnostic)> {
    let bytes = source.as_bytes();
    // Only a cell spanning lines, or the last cell of a file without a final line break, can
    // hide an open quote. Both are rare: most rows are passed over with one search of their
    // text, without finding where their cells start.
    let whole = record.as_slice();
    let spans_lines = whole.contains('\n') || whole.contains('\r');
    let ends_the_file = unterminated_tail.is_some_and(|tail| row_byte >= tail);
    if !spans_lines && !ends_the_file {
        return None;
    }
    let last = record.len().saturating_sub(1);
    for (i, field) in record.iter().enumerate() {
        // Finding where a cell starts means reading the row from its start.
        let candidate = if i == last {
            ends_the_file || field.contains('\n') || field.contains('\r')
        } else {
            spans_lines && (field.contains('\n') || field.contains('\r'))
        };
        if !candidate {
            continue;
        }
        let start = field_offset(source, row_byte, i);
        if bytes.get(start) != Some(&b'"') {
            continue;
        }
        let mut pos = start + 1;
        let mut lines = false;
        let closed = loop {
            match bytes.get(pos) {
                None => break None,
                Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => pos += 2,
                Some(b'"') => break Some(pos),
                Some(b'\n' | b'\r') => {
                    lines = true;
                    pos += 1;
                }
                Some(_) => pos += 1,
            }
        };
        // A quoted cell ends at a comma or the end of its line. One spanning lines whose
        // closing quote is followed by more text was closed by another cell's opening quote.
        let kind = match closed {
            None => OpenQuote::ToTheEnd,
            Some(end)
                if lines && !matches!(bytes.get(end + 1), None | Some(b',' | b'\r' | b'\n')) =>
            {
                OpenQuote::SwallowsRows
            }
            Some(_) => continue,
        };
        let message = match kind {
            OpenQuote::ToTheEnd => {
                "the double quote that opens this cell is never closed, so the rest of the file reads as one cell"
            }
            OpenQuote::SwallowsRows => {
                "the double quote that opens this cell is never closed, so the rows after it read as part of this cell"
            }
        };
        let d = index
            .error(source, shown, start, 1, message)
            .hint("add the closing quote after the cell's text, or delete the opening one; only a cell that contains a comma needs quotes, e.g. \"Roads, bridges\"");
        return Some((kind, d));
    }
    None
}

/// A row whose number of fields differs from the header's, pointed at the first extra cell
/// or at the end of a short row, where the missing cells would go.
fn ragged_row(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    row_byte: usize,
    record: &csv::StringRecord,
    expected: usize,
) -> Diagnostic {
    let found = record.len();
    let (at, hint) = if found > expected {
        (
            field_offset(source, row_byte, expected),
            format!(
                "the row has {} cell(s) too many from here on; delete the extra cells, and put a cell that contains a comma in double quotes, e.g. \"Roads, bridges\"",
                found - expected
            ),
        )
    } else {
        (
            field_offset(source, row_byte, found),
            format!(
                "the row is {} cell(s) short; add the missing cells, and keep the comma of an empty cell, e.g. 2080/81,Health,5000,",
                expected - found
            ),
        )
    };
    index
        .error(
            source,
            shown,
            at,
            1,
            format!("row has {found} fields but the header has {expected}"),
        )
        .hint(hint)
}

/// A cell past [`MAX_CELL_CHARS`], pointed at where it starts.
fn long_cell(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    row_byte: usize,
    record: &csv::StringRecord,
) -> Option<Diagnostic> {
    let (i, chars) = record
        .iter()
        .enumerate()
        // Bytes first: no character is shorter than a byte.
        .filter(|(_, f)| f.len() > MAX_CELL_CHARS)
        .map(|(i, f)| (i, f.chars().count()))
        .find(|&(_, chars)| chars > MAX_CELL_CHARS)?;
    let at = field_offset(source, row_byte, i);
    Some(
        index
            .error(
                source,
                shown,
                at,
                1,
                format!(
                    "this cell has {} characters; Khula reads at most {} in a cell",
                    grouped(chars),
                    grouped(MAX_CELL_CHARS)
                ),
            )
            .hint("shorten it; a long text belongs in a page (pages/) or in the decision's text (decisions/<ref>.md)"),
    )
}

/// `100000` as `100,000`, for messages.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn csv_error(source: &str, index: &LineIndex, shown: &Path, err: &csv::Error) -> Diagnostic {
    let byte = err.position().map_or(0, |p| p.byte() as usize);
    index
        .error(
            source,
            shown,
            byte,
            1,
            format!("cannot be read as CSV: {err}"),
        )
        .hint("save the sheet again as \"CSV UTF-8 (Comma delimited)\"")
}

/// Byte offset where field `index` of the record starting at `start` begins.
fn field_offset(source: &str, start: usize, index: usize) -> usize {
    let bytes = source.as_bytes();
    let mut pos = start;
    // With CRLF endings a record's reported start can be the `\n` of the line before.
    while matches!(bytes.get(pos), Some(b'\r' | b'\n')) {
        pos += 1;
    }
    let mut field = 0;
    let mut in_quotes = false;
    // A quote opens a quoted cell only as the cell's first character; elsewhere it is text.
    let mut at_field_start = true;
    while field < index {
        let first = std::mem::replace(&mut at_field_start, false);
        match bytes.get(pos) {
            // The row has fewer fields: the end of its line, before any `\r`.
            None | Some(b'\n') if !in_quotes => {
                return if pos > start && bytes.get(pos - 1) == Some(&b'\r') {
                    pos - 1
                } else {
                    pos
                };
            }
            None => return pos,
            Some(b'"') => {
                if in_quotes && bytes.get(pos + 1) == Some(&b'"') {
                    pos += 1;
                } else if in_quotes || first {
                    in_quotes = !in_quotes;
                }
            }
            Some(b',') if !in_quotes => {
                field += 1;
                at_field_start = true;
            }
            _ => {}
        }
        pos += 1;
    }
    pos
}

/// What is wrong with a date, and how to fix it, naming the calendar the dates are read in.
fn date_problem(err: &DateError, cal: Calendar) -> (String, String) {
    let calendar = match cal {
        Calendar::BikramSambat => "Bikram Sambat",
        Calendar::Gregorian => "Gregorian",
    };
    match err {
        DateError::MonthOutOfRange { month } => (
            format!("there is no month {month}"),
            format!("write the month as 01 to 12; dates here are in the {calendar} calendar"),
        ),
        DateError::DayOutOfRange {
            day,
            max,
            month_name,
        } => (
            if *day == 0 {
                "there is no day 0".to_string()
            } else {
                format!("day {day} is past the end of {month_name}, which has {max} days that year")
            },
            format!(
                "use a day from 01 to {max:02}; dates here are in the {calendar} calendar (calendar: in site.yaml)"
            ),
        ),
        DateError::YearOutOfRange { year, .. } => (
            format!("year {year} is outside the {calendar} years Khula knows"),
            err.hint(),
        ),
        DateError::Syntax => ("it is not of the form YYYY-MM-DD".to_string(), err.hint()),
    }
}

/// One data row seen through a schema binding.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    table: &'a Table,
    binding: &'a Binding,
    row: &'a Row,
}

impl<'a> RowRef<'a> {
    /// 1-based line of the row's first character.
    pub fn line(&self) -> usize {
        self.row.line
    }

    fn column_index(&self, name: &str) -> Option<usize> {
        self.binding
            .schema
            .columns
            .iter()
            .position(|c| c.name == name)
    }

    fn field(&self, name: &str) -> Option<usize> {
        self.column_index(name)
            .and_then(|c| self.binding.index.get(c).copied().flatten())
    }

    /// The trimmed cell of a column; `None` when the column is absent or the cell empty.
    pub fn str(&self, column: impl ColumnName) -> Option<&'a str> {
        self.cell(column.name())
    }

    fn cell(&self, name: &str) -> Option<&'a str> {
        let i = self.field(name)?;
        let value = self.row.record.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// The cell at a raw field index (for open datasets).
    pub fn raw(&self, index: usize) -> Option<&'a str> {
        let value = self.row.record.get(index)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// The column's text with its `name:<lang>` translations.
    pub fn text(&self, column: impl ColumnName) -> Text {
        let name = column.name();
        let mut text = Text::default();
        if let Some(v) = self.cell(name) {
            text.set_plain(v);
        }
        if let Some(c) = self.column_index(name) {
            for (lang, i) in self.binding.translations.get(c).into_iter().flatten() {
                if let Some(v) = self.row.record.get(*i) {
                    text.set(lang, v);
                }
            }
        }
        text
    }

    /// A diagnostic pointing at the cell of a column (or the row start if absent).
    pub fn error_at(&self, column: impl ColumnName, message: impl Into<String>) -> Diagnostic {
        match self.field(column.name()) {
            Some(i) => self.error_at_field(i, message),
            None => self.table.index.error(
                &self.table.source,
                &self.table.shown,
                self.row.byte,
                1,
                message,
            ),
        }
    }

    /// A diagnostic pointing at a raw field index.
    pub fn error_at_field(&self, index: usize, message: impl Into<String>) -> Diagnostic {
        self.table.cell_error(self.row, index, message)
    }

    /// A required text cell; reports an empty one.
    pub fn required_text(&self, column: impl ColumnName, diags: &mut Diagnostics) -> Option<Text> {
        let name = column.name();
        let text = self.text(column);
        if text.is_empty() {
            diags.push(
                self.error_at(column, format!("{name} is empty"))
                    .hint(format!("every row needs a {name}")),
            );
            return None;
        }
        Some(text)
    }

    /// An amount cell. `Ok(None)` is an empty cell ("not reported"); `Err` was reported.
    pub fn amount(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Result<Option<Amount>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        parse_amount(cell).map_err(|e| {
            diags.push(
                self.error_at(column, format!("\"{cell}\" {e} (column {name})"))
                    .hint(e.hint()),
            );
            Reported
        })
    }

    /// A required amount: empty cells are reported.
    pub fn required_amount(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Option<Amount> {
        let name = column.name();
        match self.amount(column, diags) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                diags.push(
                    self.error_at(column, format!("{name} is empty"))
                        .hint("write the amount; 0 if it is zero"),
                );
                None
            }
            Err(Reported) => None,
        }
    }

    /// A whole number in `min..=max`, e.g. a ward or a percentage.
    pub fn integer_in(
        &self,
        column: impl ColumnName,
        min: i64,
        max: i64,
        diags: &mut Diagnostics,
    ) -> Result<Option<i64>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        let cleaned = cell.trim_end_matches('%').trim();
        let value = parse_amount(cleaned)
            .ok()
            .flatten()
            .filter(|a| a.raw() % Amount::SCALE == 0)
            .map(|a| a.raw() / Amount::SCALE);
        match value {
            Some(v) if (min..=max).contains(&v) => Ok(Some(v)),
            Some(v) => {
                diags.push(
                    self.error_at(column, format!("{name} {v} is outside {min}–{max}"))
                        .hint(format!("write a whole number from {min} to {max}")),
                );
                Err(Reported)
            }
            None => {
                diags.push(
                    self.error_at(
                        column,
                        format!("\"{cell}\" is not a whole number (column {name})"),
                    )
                    .hint(format!("write a whole number from {min} to {max}")),
                );
                Err(Reported)
            }
        }
    }

    /// A date cell in the council's calendar.
    pub fn date(
        &self,
        column: impl ColumnName,
        cal: Calendar,
        diags: &mut Diagnostics,
    ) -> Result<Option<Date>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        cal.parse_date(cell).map(Some).map_err(|e| {
            let (problem, hint) = date_problem(&e, cal);
            diags.push(
                self.error_at(
                    column,
                    format!("\"{cell}\" is not a valid date: {problem} (column {name})"),
                )
                .hint(hint),
            );
            Reported
        })
    }

    pub fn required_date(
        &self,
        column: impl ColumnName,
        cal: Calendar,
        diags: &mut Diagnostics,
    ) -> Option<Date> {
        let name = column.name();
        match self.date(column, cal, diags) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                diags.push(
                    self.error_at(column, format!("{name} is empty"))
                        .hint("write the date as YYYY-MM-DD"),
                );
                None
            }
            Err(Reported) => None,
        }
    }

    pub fn fiscal_year(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Result<Option<FiscalYear>, Reported> {
        let name = column.name();
        let Some(cell) = self.str(column) else {
            return Ok(None);
        };
        parse_fiscal_year(cell).map(Some).map_err(|e| {
            diags.push(
                self.error_at(
                    column,
                    format!("\"{cell}\" is not a fiscal year: {e} (column {name})"),
                )
                .hint(e.hint()),
            );
            Reported
        })
    }

    pub fn required_fiscal_year(
        &self,
        column: impl ColumnName,
        diags: &mut Diagnostics,
    ) -> Option<FiscalYear> {
        let name = column.name();
        match self.fiscal_year(column, diags) {
            Ok(Some(fy)) => Some(fy),
            Ok(None) => {
                diags.push(self.error_at(column, format!("{name} is empty")).hint(
                    "write the fiscal year as the country writes it, e.g. 2080/81 or 2023-24",
                ));
                None
            }
            Err(Reported) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    columns! {
        enum Col {
            FiscalYear: Column::required("fiscal_year"),
            Sector: Column::required("sector").text(),
            Allocated: Column::required("allocated"),
            Spent: Column::optional("spent"),
        }
    }
    const SCHEMA: Schema = Col::SCHEMA;

    #[test]
    fn declared_columns_name_their_schema_entries() {
        assert_eq!(SCHEMA.columns.len(), 4);
        assert_eq!(Col::FiscalYear.name(), "fiscal_year");
        assert_eq!(Col::Sector.name(), "sector");
        assert!(SCHEMA.columns[1].translatable);
        assert_eq!(Col::Spent.name(), "spent");
        assert!(!SCHEMA.columns[3].required);
    }

    fn table(src: &str) -> (Option<Table>, Diagnostics) {
        let mut d = Diagnostics::new();
        let t = Table::parse(src.to_string(), Path::new("b.csv"), &mut d);
        (t, d)
    }

    #[test]
    fn cells_know_their_column() {
        let (t, mut d) = table("fiscal_year,sector,allocated\r\n2080/81,शिक्षा,87654abc\r\n");
        let t = t.unwrap();
        let b = t.bind(SCHEMA, false, &mut d).unwrap();
        let row = t.rows(&b).next().unwrap();
        let err = row.error_at(Col::Allocated, "bad");
        assert_eq!((err.line, err.column), (2, 16));
        assert_eq!(err.snippet.unwrap().width, 8);
    }

    #[test]
    fn quoted_cells_with_commas_are_located() {
        let (t, mut d) = table("sector,fiscal_year,allocated\n\"Roads, bridges\",2080/81,x\n");
        let t = t.unwrap();
        let b = t.bind(SCHEMA, false, &mut d).unwrap();
        let row = t.rows(&b).next().unwrap();
        assert_eq!(row.error_at(Col::Allocated, "bad").column, 26);
    }

    #[test]
    fn ragged_rows_are_reported_at_their_line() {
        let (t, d) = table("a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n");
        assert_eq!(t.unwrap().len(), 2);
        let lines: Vec<usize> = d.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![3, 4]);
    }

    #[test]
    fn quote_inside_an_unquoted_cell_is_text() {
        // Found by tests/fuzz.rs: the quote in `a"` was taken to open a quoted cell, so the
        // next cell was located at the end of the file.
        let (t, mut d) = table("fiscal_year,sector,allocated\n2080/81,12\" pipe,x\n");
        let t = t.unwrap();
        let b = t.bind(SCHEMA, false, &mut d).unwrap();
        let row = t.rows(&b).next().unwrap();
        assert_eq!(row.str(Col::Allocated), Some("x"));
        let err = row.error_at(Col::Allocated, "bad");
        assert_eq!((err.line, err.column), (2, 18));
        // After a closed quoted cell, further quotes are text as well.
        let (t, mut d) = table("fiscal_year,sector,allocated\n2080/81,\"a\"b\"c,x\n");
        let t = t.unwrap();
        let b = t.bind(SCHEMA, false, &mut d).unwrap();
        let row = t.rows(&b).next().unwrap();
        assert_eq!(row.error_at(Col::Allocated, "bad").column, 16);
    }

    #[test]
    fn unclosed_quote_is_reported_where_it_opens() {
        let (_, d) = table("a,b,c\n1,\"x, y,3\n4,5,6\n");
        let e: Vec<_> = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("never closed"));
        // Closed only by the opening quote of a cell two rows down: reported once, and the
        // rows after it are read again.
        let (t, d) = table("a,b,c\n1,\"x,2\n3,4,5\n6,\"y\",7\n8,9,10\n");
        let e: Vec<_> = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("rows after it"), "{}", e[0].message);
        assert_eq!(t.unwrap().len(), 1);
        // On the last line, with no line break after it.
        let (_, d) = table("a,b,c\n1,2,\"3");
        let e: Vec<_> = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (2, 5));
        // A quoted cell with a line break in it is fine.
        let (t, d) = table("a,b,c\n1,\"x\ny\",3\n4,5,6\n");
        assert!(d.is_empty());
        assert_eq!(t.unwrap().len(), 2);
    }

    #[test]
    fn cells_of_question_marks_are_counted_and_reported_at_the_first() {
        let (t, _) = table("a,b\nwhat?,1\n\"?????, ???\",2\n???? (??),3\n?,4\n");
        let e = t.unwrap().lost_letters().unwrap();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.snippet.unwrap().width, 12);
        assert!(e.message.contains("as in 2 cells"), "{}", e.message);
        let (t, _) = table("a,b\nwhat??,1\n?,-\n");
        assert!(t.unwrap().lost_letters().is_none());
    }

    #[test]
    fn semicolons_or_tabs_between_columns_are_one_error() {
        let (t, d) = table("fiscal_year;sector;allocated\n2080/81;Health;5\n");
        assert!(t.is_none());
        let e = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (1, 12));
        assert!(e[0].message.contains("semicolons (;)"), "{}", e[0].message);
        let (t, d) = table("fiscal_year\tsector\tallocated\n2080/81\tHealth\t5\n");
        assert!(t.is_none());
        let e = d.into_sorted();
        assert_eq!((e[0].line, e[0].column), (1, 12));
        assert!(e[0].message.contains("tabs"), "{}", e[0].message);
        // A semicolon inside a comma-separated header is a name.
        let (t, d) = table("a;b,c\n1,2\n");
        assert!(t.is_some() && d.is_empty());
    }

    #[test]
    fn missing_required_column_suggests_closest() {
        let (t, mut d) = table("fiscal_year,sector,alocated\n2080/81,x,1\n");
        assert!(t.unwrap().bind(SCHEMA, false, &mut d).is_none());
        let e = d.iter().find(|x| x.is_error()).unwrap();
        assert!(e.message.contains("allocated"));
        let hint = e.hint.as_ref().unwrap();
        assert!(
            hint.contains("did you mean alocated? rename it to allocated"),
            "{hint}"
        );
        assert!(
            hint.contains("the columns found are fiscal_year, sector, alocated"),
            "{hint}"
        );
    }

    #[test]
    fn unknown_columns_warn_and_translations_bind() {
        let (t, mut d) =
            table("Fiscal Year,sector,sector:EN,allocated,remarks\n2080/81,शिक्षा,Education,1,\n");
        let t = t.unwrap();
        let b = t.bind(SCHEMA, false, &mut d).unwrap();
        assert!(!d.has_errors());
        assert_eq!(d.warning_count(), 1);
        let row = t.rows(&b).next().unwrap();
        assert_eq!(row.text(Col::Sector).get("en", "ne").text, "Education");
    }

    #[test]
    fn too_many_columns_is_reported_at_the_first_one_past_the_limit() {
        let header: Vec<String> = (0..MAX_COLUMNS + 5).map(|i| format!("c{i}")).collect();
        let src = format!("{}\n1\n", header.join(","));
        let (t, d) = table(&src);
        assert!(t.is_none());
        let e = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        let column = header[..MAX_COLUMNS].join(",").chars().count() + 2;
        assert_eq!((e[0].line, e[0].column), (1, column));
        assert!(e[0].message.contains("has 205 columns"), "{}", e[0].message);
        assert!(e[0].message.contains("at most 200"), "{}", e[0].message);
        // Trailing unnamed columns, as Excel exports them, do not count.
        let src = format!("a,b{}\n1,2\n", ",".repeat(MAX_COLUMNS * 2));
        let (t, d) = table(&src);
        assert!(t.is_some() && d.is_empty());
    }

    #[test]
    fn too_long_cell_is_reported_where_it_starts() {
        let long = "अ".repeat(MAX_CELL_CHARS + 1);
        let src = format!("a,b,c\n1,2,3\n4,{long},6\n7,8,9\n");
        let (t, d) = table(&src);
        assert_eq!(t.unwrap().len(), 2);
        let e = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (3, 3));
        assert!(
            e[0].message
                .contains("has 10,001 characters; Khula reads at most 10,000"),
            "{}",
            e[0].message
        );
        // At the limit is fine, however many bytes its characters take.
        let src = format!("a\n{}\n", "अ".repeat(MAX_CELL_CHARS));
        let (t, d) = table(&src);
        assert!(t.is_some() && d.is_empty());
    }

    #[test]
    fn too_many_rows_is_reported_at_the_first_row_past_the_limit() {
        let mut src = String::from("a,b\n");
        for i in 0..MAX_ROWS {
            src.push_str(&format!("{i},x\n"));
        }
        let (t, d) = table(&src);
        assert!(t.is_some() && d.is_empty());
        src.push_str("\n,\nlast,x\n");
        let (t, d) = table(&src);
        assert!(t.is_none());
        let e = d.into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (MAX_ROWS + 4, 1));
        assert!(e[0].message.contains("more than 100,000 rows"));
    }

    #[test]
    fn blank_rows_and_trailing_empty_columns_are_ignored() {
        let (t, d) = table("a,b,,\n1,2,,\n,,,\n");
        assert!(d.is_empty(), "{:?}", d.into_sorted());
        assert_eq!(t.unwrap().len(), 1);
    }
}
