//! A sheet of a workbook read into the same [`Table`] as a CSV file: the header found below
//! any title rows, spacer rows skipped, a totals row checked and left out, and every cell
//! located as `sheet Budget, cell C14`.

use super::*;

/// One cell of a sheet, as the workbook typed it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number, already written as text without float noise (`0.05`, `1200`).
    Number(String),
    /// A date or date-time, as ISO `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` with a time).
    Date(String),
    Bool(bool),
    /// An error value such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    fn is_number(&self) -> bool {
        match self {
            Cell::Number(_) => true,
            Cell::Text(t) => parse_amount(t).is_ok_and(|a| a.is_some()),
            _ => false,
        }
    }

    /// The cell as the text a CSV file would hold.
    fn text(&self) -> String {
        match self {
            Cell::Empty | Cell::Error(_) => String::new(),
            Cell::Text(t) | Cell::Number(t) | Cell::Date(t) => t.clone(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// The used area of one sheet.
#[derive(Debug)]
pub struct Grid {
    pub sheet: String,
    /// 0-based row and column of `rows[0][0]` in the sheet.
    pub first_row: usize,
    pub first_column: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// Labels of a totals row, compared without case, spaces and a trailing colon.
const TOTAL_LABELS: [&str; 16] = [
    "total",
    "grand total",
    "totals",
    "sum",
    "जम्मा",
    "कुल",
    "कुल जम्मा",
    "कूल",
    "मोट",
    "মোট",
    "সর্বমোট",
    "সর্ব মোট",
    "কুল",
    "کل",
    "ٹوٹل",
    "میزان",
];

/// A row's text as a totals label, when it is one.
fn is_total_label(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else {
        return false;
    };
    let label = t
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    TOTAL_LABELS.contains(&label.as_str())
}

/// True for a totals row: a total label in one of its cells, and after it only numbers
/// (at least one). Cells before the label may repeat the year or the type.
fn is_totals_row(row: &[Cell]) -> bool {
    row.iter().position(is_total_label).is_some_and(|at| {
        let rest: Vec<&Cell> = row[at + 1..].iter().filter(|c| !c.is_empty()).collect();
        !rest.is_empty() && rest.iter().all(|c| c.is_number())
    })
}

/// The index of the header row. A row may be the header when it has at least two filled
/// cells, none of them a number, and at least half as many filled cells as the fullest row
/// of the sheet; of those, the first whose cells mostly read as column names
/// (`fiscal_year`, `sector:en`) is the header, else the first of them. Rows above it are a
/// title block.
fn header_row(rows: &[Vec<Cell>]) -> Option<usize> {
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_empty()).count();
    let widest = rows.iter().map(filled).max().unwrap_or(0);
    let may_be =
        |r: &Vec<Cell>| {
            let n = filled(r);
            n >= 2 && 2 * n >= widest && r.iter().all(|c| {
                matches!(c, Cell::Empty)
                    || matches!(c, Cell::Text(t) if parse_amount(t).map_or(true, |a| a.is_none()))
            })
        };
    let named = |r: &Vec<Cell>| {
        let names = r
            .iter()
            .filter(|c| !c.is_empty())
            .filter(|c| is_column_name(&normalise_header(&c.text())))
            .count();
        2 * names >= filled(r)
    };
    let candidates: Vec<usize> = (0..rows.len()).filter(|&i| may_be(&rows[i])).collect();
    candidates
        .iter()
        .copied()
        .find(|&i| named(&rows[i]))
        .or_else(|| candidates.first().copied())
}

/// True for a normalised header cell written as the content format names columns:
/// `fiscal_year`, `sector:en`.
fn is_column_name(name: &str) -> bool {
    // A note of the unit after the name: `allocated_(thousand)`.
    let name = name
        .strip_suffix(')')
        .and_then(|n| n.rsplit_once('('))
        .map_or(name, |(base, _)| base.trim_end_matches('_'));
    let (base, lang) = match name.split_once(':') {
        Some((b, l)) => (b, Some(l)),
        None => (name, None),
    };
    let base_ok = base.starts_with(|c: char| c.is_ascii_lowercase())
        && base
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    base_ok && lang.is_none_or(is_language_code)
}

/// A header in two rows, as a sheet with merged header cells has: `Amount` merged over
/// the two columns below it, named `allocated` and `spent` in the second row, and `sector`
/// merged down over both rows. The second row is part of the header when it holds only
/// text, at least one cell, and each of its cells sits under an empty cell of the first
/// row or under the first cell of a span (a named cell followed by an empty one). The
/// names are the second row's where it has one, else the first's.
fn two_row_header(top: &[Cell], below: &[Cell]) -> Option<Vec<Cell>> {
    let filled = |c: &Cell| !c.is_empty();
    let spans = |i: usize| {
        top.get(i).is_none_or(|c| !filled(c)) || top.get(i + 1).is_some_and(|c| !filled(c))
    };
    let cells: Vec<usize> = (0..below.len()).filter(|&i| filled(&below[i])).collect();
    let merged = !cells.is_empty()
        && below.iter().all(|c| matches!(c, Cell::Empty | Cell::Text(_)))
        && !below.iter().any(Cell::is_number)
        && cells.iter().all(|&i| spans(i))
        // Some first-row name stands over an empty cell: a cell merged down.
        && (0..top.len()).any(|i| filled(&top[i]) && below.get(i).is_none_or(|c| !filled(c)));
    merged.then(|| {
        (0..top.len().max(below.len()))
            .map(|i| match below.get(i) {
                Some(c) if filled(c) => c.clone(),
                _ => top.get(i).cloned().unwrap_or(Cell::Empty),
            })
            .collect()
    })
}

impl Table {
    /// The table of one sheet. Reports (and returns `None` for) a sheet with no header row;
    /// error values are reported at their cell and read as empty.
    pub fn from_sheet(grid: Grid, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
        let origin = SheetOrigin {
            name: grid.sheet.clone(),
            header_row: 0,
            first_column: grid.first_column,
        };
        let Some(at) = header_row(&grid.rows) else {
            diags.push(
                Diagnostic::error(shown, format!("sheet {} has no header row", grid.sheet)).hint(
                    "put the column names in one row above the figures, e.g. fiscal_year, \
                     sector, allocated; title rows above it are skipped",
                ),
            );
            return None;
        };
        let sheet_row = |i: usize| grid.first_row + i + 1;
        let mut table = Table {
            shown: shown.to_path_buf(),
            source: String::new(),
            index: LineIndex::new(""),
            headers: Vec::new(),
            header_byte: 0,
            rows: Vec::new(),
            title_scale: None,
            sheet: Some(SheetOrigin {
                header_row: sheet_row(at),
                ..origin
            }),
        };
        table.title_scale = table.unit_in_title(&grid.rows[..at], &sheet_row);
        let mut names: Vec<Cell> = grid.rows[at].clone();
        let mut first_row = at + 1;
        if let Some(below) = grid.rows.get(at + 1)
            && let Some(joined) = two_row_header(&names, below)
        {
            names = joined;
            first_row += 1;
        }
        let mut headers: Vec<String> = names.iter().map(|c| normalise_header(&c.text())).collect();
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        headers.truncate(MAX_COLUMNS);
        table.headers = headers;
        let mut totals = None;
        for (i, cells) in grid.rows.iter().enumerate().skip(first_row) {
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            if table.rows.len() >= MAX_ROWS {
                diags.push(table.in_file(table.sheet_cell(
                    sheet_row(i),
                    0,
                    format!(
                        "has more than {0} rows; Khula reads at most {0} rows in a sheet",
                        parse::grouped(MAX_ROWS)
                    ),
                )));
                break;
            }
            let row = table.sheet_row(sheet_row(i), cells, diags);
            if is_totals_row(cells) {
                totals = Some(row);
            } else if let Some(row) = row {
                table.rows.push(row);
            }
        }
        if let Some(Some(totals)) = totals {
            table.check_totals(&totals, diags);
        }
        Some(table)
    }

    fn sheet_cell(&self, row: usize, index: usize, message: impl Into<String>) -> Diagnostic {
        let sheet = self.sheet.as_ref().expect("a sheet's table");
        self.in_file(sheet.cell(row, index, message))
    }

    /// One data row: error values and text past the last column are reported; `None` when
    /// the row has a problem that would make its figures wrong.
    fn sheet_row(&self, line: usize, cells: &[Cell], diags: &mut Diagnostics) -> Option<Row> {
        let width = self.headers.len();
        let mut ok = true;
        for (i, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Error(e) => {
                    diags.push(
                        self.sheet_cell(line, i, format!("the cell holds the error {e}"))
                            .hint("correct the formula or type the value; a cell with an error is read as empty"),
                    );
                }
                _ if i >= width && !cell.is_empty() => {
                    diags.push(
                        self.sheet_cell(
                            line,
                            i,
                            "this cell is to the right of the last named column",
                        )
                        .hint(
                            "give the column a name in the header row, or move or delete the cell",
                        ),
                    );
                    ok = false;
                }
                _ => {
                    let text = cell.text();
                    if text.chars().count() > MAX_CELL_CHARS {
                        diags.push(
                            self.sheet_cell(
                                line,
                                i,
                                format!(
                                    "the cell holds more than {} characters",
                                    parse::grouped(MAX_CELL_CHARS)
                                ),
                            )
                            .hint("put a long text in a page (pages/*.md) and link to it"),
                        );
                        ok = false;
                    }
                }
            }
        }
        let mut record: Vec<String> = cells.iter().take(width).map(Cell::text).collect();
        record.resize(width, String::new());
        ok.then(|| Row {
            line,
            byte: 0,
            record: csv::StringRecord::from(record),
        })
    }

    /// Warns about a totals row whose figures are not the sums of their columns.
    fn check_totals(&self, totals: &Row, diags: &mut Diagnostics) {
        for (i, cell) in totals.record.iter().enumerate() {
            let Ok(Some(total)) = parse_amount(cell) else {
                continue;
            };
            let mut sum = Some(Amount::ZERO);
            for row in &self.rows {
                if let Ok(Some(a)) = parse_amount(row.record.get(i).unwrap_or("")) {
                    sum = sum.and_then(|s| s.checked_add(a));
                }
            }
            let Some(sum) = sum else { continue };
            // A cent of rounding in a total of rounded figures is not a mistake.
            if (sum.raw() - total.raw()).abs() > Amount::SCALE / 100 {
                let mut d = self
                    .sheet_cell(
                        totals.line,
                        i,
                        format!(
                            "the total {} is not the sum of the column, {}",
                            total.plain(),
                            sum.plain()
                        ),
                    )
                    .hint(
                        "correct the total or the figures; the totals row is not published \
                     (the portal adds the figures up itself)",
                    );
                d.severity = crate::diagnostics::Severity::Warning;
                diags.push(d);
            }
        }
    }

    /// The scale the title block gives the figures ("रू हजारमा", "Rs. in lakh"), with a
    /// warning at its cell for tables that have no amount columns to apply it to.
    fn unit_in_title(
        &self,
        title: &[Vec<Cell>],
        sheet_row: &dyn Fn(usize) -> usize,
    ) -> Option<(Scale, Diagnostic)> {
        title.iter().enumerate().find_map(|(r, cells)| {
            cells.iter().enumerate().find_map(|(i, cell)| {
                let Cell::Text(t) = cell else { return None };
                let scale = Scale::find(t)?;
                let mut d = self
                    .sheet_cell(
                        sheet_row(r),
                        i,
                        format!("the title \"{}\" gives a unit for the figures", t.trim()),
                    )
                    .hint(
                        "a dataset's figures are shown as written; say what they count in the \
                         column's unit in the dataset's YAML, or write them in full",
                    );
                d.severity = crate::diagnostics::Severity::Warning;
                Some((scale, d))
            })
        })
    }
}

/// A number as a CSV would hold it: an integer without `.0`, and no float noise
/// (`0.1 + 0.2` is written `0.3`), by rounding to the 15 significant digits a
/// spreadsheet shows.
pub fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    let text = format!("{rounded}");
    if text.contains('e') {
        format!("{rounded:.}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_without_noise() {
        assert_eq!(number_text(1200.0), "1200");
        assert_eq!(number_text(0.05), "0.05");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-12.5), "-12.5");
        assert_eq!(number_text(1.0e-7), "0.0000001");
    }

    #[test]
    fn letters_of_columns() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
    }

    #[test]
    fn merged_header_cells_in_two_rows() {
        let t = |s: &str| Cell::Text(s.to_string());
        let e = Cell::Empty;
        let top = [t("fiscal_year"), t("sector"), t("Amount"), e.clone()];
        let below = [e.clone(), e.clone(), t("allocated"), t("spent")];
        let names: Vec<String> = two_row_header(&top, &below)
            .unwrap()
            .iter()
            .map(Cell::text)
            .collect();
        assert_eq!(names, ["fiscal_year", "sector", "allocated", "spent"]);
        // A first data row of text under a one-row header is not a header.
        let top = [t("date"), t("ref"), t("title"), t("status")];
        let row = [t("2081-01-02"), t("12"), t("Roads"), e.clone()];
        assert!(two_row_header(&top, &row).is_none());
        let row = [t("2081-01-02"), t("12"), e.clone(), e];
        assert!(two_row_header(&top, &row).is_none());
    }

    #[test]
    fn the_header_is_the_row_of_column_names_below_any_title() {
        let t = |s: &str| Cell::Text(s.to_string());
        let n = |s: &str| Cell::Number(s.to_string());
        let rows = vec![
            vec![
                t("Municipality: Bhimdatta"),
                Cell::Empty,
                t("Fiscal year: 2081/82"),
            ],
            vec![t("रू हजारमा")],
            vec![],
            vec![
                t("fiscal_year"),
                t("sector"),
                t("sector:en"),
                t("allocated"),
            ],
            vec![t("2081/82"), t("शिक्षा"), t("Education"), n("1200")],
        ];
        assert_eq!(header_row(&rows), Some(3));
        // Names in another script: the first row wide enough and without numbers.
        let rows = vec![
            vec![t("पानीका मुहान")],
            vec![t("वडा"), t("ठाउँ"), t("अवस्था")],
            vec![n("3"), t("बजार"), t("चालु")],
        ];
        assert_eq!(header_row(&rows), Some(1));
    }

    #[test]
    fn totals_labels() {
        let t = |s: &str| Cell::Text(s.to_string());
        let n = |s: &str| Cell::Number(s.to_string());
        assert!(is_totals_row(&[t("जम्मा"), Cell::Empty, n("12")]));
        assert!(is_totals_row(&[
            Cell::Empty,
            t(" Grand  Total: "),
            t("1,200")
        ]));
        assert!(!is_totals_row(&[t("Total"), t("roads")]));
        assert!(!is_totals_row(&[t("Health"), n("12")]));
        assert!(is_totals_row(&[
            t("2081/82"),
            Cell::Empty,
            t("कुल जम्मा"),
            n("12"),
            n("3")
        ]));
        assert!(!is_totals_row(&[t("Total"), n("12"), t("note")]));
    }
}
