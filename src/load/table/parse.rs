//! Reading CSV text into a table, and what can be wrong with it as a whole.

use super::*;

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
        let (headers, header_byte) = match read_header(&source, &index, shown, records.next()) {
            Ok(header) => header,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let rows = read_rows(&source, &index, shown, records, headers.len(), diags)?;
        Some(Table {
            shown: shown.to_path_buf(),
            source,
            index,
            headers,
            header_byte,
            rows,
            sheet: None,
            title_scale: None,
        })
    }
}

/// The normalised header cells and where the header starts; or why the file has no header
/// Khula can read.
fn read_header(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    first: Option<csv::Result<csv::StringRecord>>,
) -> Result<(Vec<String>, usize), Diagnostic> {
    let mut headers = Vec::new();
    let mut header_byte = 0;
    match first {
        Some(Ok(record)) => {
            header_byte = record.position().map_or(0, |p| p.byte() as usize);
            if let Some(d) = long_cell(source, index, shown, header_byte, &record) {
                return Err(d);
            }
            headers = record.iter().map(normalise_header).collect();
        }
        Some(Err(e)) => return Err(csv_error(source, index, shown, &e)),
        None => {}
    }
    if let Some(d) = wrong_separator(source, index, shown, header_byte) {
        // Every row is one cell: the missing columns and bad cells would all be this.
        return Err(d);
    }
    if headers.iter().all(String::is_empty) {
        return Err(Diagnostic::error(shown, "has no header row")
            .at(1, 1)
            .hint("the first line must name the columns, e.g. fiscal_year,sector,allocated"));
    }
    // Excel often exports trailing unnamed, empty columns: ignore them.
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    if headers.len() > MAX_COLUMNS {
        let at = field_offset(source, header_byte, MAX_COLUMNS);
        return Err(index
            .error(
                source,
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
            )));
    }
    Ok((headers, header_byte))
}

/// The rows after the header that have a cell for every column. Blank rows are skipped;
/// ragged rows, too long cells and an unclosed quote are reported, and `None` is a file past
/// [`MAX_ROWS`].
fn read_rows(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    records: impl Iterator<Item = csv::Result<csv::StringRecord>>,
    width: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<Row>> {
    let mut rows = Vec::new();
    // Where the last line starts, when the file does not end with a line break.
    let unterminated_tail =
        (!source.ends_with(['\n', '\r'])).then(|| source.rfind(['\n', '\r']).map_or(0, |i| i + 1));
    // Rows that are not blank, read or not.
    let mut seen = 0;
    for result in records {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(source, index, shown, &e));
                break;
            }
        };
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let byte = field_offset(source, byte, 0);
        let line = index.line(byte);
        match unclosed_quote(source, index, shown, byte, &record, unterminated_tail) {
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
            diags.push(too_many_rows(source, index, shown, byte));
            return None;
        }
        if let Some(d) = long_cell(source, index, shown, byte, &record)
            .or_else(|| ragged(source, index, shown, byte, &record, width))
        {
            diags.push(d);
            continue;
        }
        rows.push(Row { line, byte, record });
    }
    Some(rows)
}

/// The first row past [`MAX_ROWS`].
fn too_many_rows(source: &str, index: &LineIndex, shown: &Path, byte: usize) -> Diagnostic {
    index
        .error(
            source,
            shown,
            byte,
            1,
            format!(
                "has more than {0} rows; Khula reads at most {0} rows in a file",
                grouped(MAX_ROWS)
            ),
        )
        .hint("keep the rows the portal is for, e.g. the last ten fiscal years, and delete the rest from here on")
}

/// A row with fewer cells than the header has columns, or with text past the last column.
fn ragged(
    source: &str,
    index: &LineIndex,
    shown: &Path,
    byte: usize,
    record: &csv::StringRecord,
    width: usize,
) -> Option<Diagnostic> {
    let named = record.len().min(width);
    let overflow_blank = record.iter().skip(named).all(|f| f.trim().is_empty());
    (record.len() < width || !overflow_blank)
        .then(|| ragged_row(source, index, shown, byte, record, width))
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
pub(super) fn grouped(n: usize) -> String {
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
pub(super) fn field_offset(source: &str, start: usize, index: usize) -> usize {
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
