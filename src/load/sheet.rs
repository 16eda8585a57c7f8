//! Workbooks (`.xlsx`, `.xls`, `.ods`) read into [`Table`]s, one sheet per dataset.
//!
//! calamine reads the three formats Excel and LibreOffice save; each sheet becomes a
//! [`Grid`] of typed cells, which [`Table::from_sheet`] turns into the table a CSV file
//! would give, its cells located by sheet and cell.

use super::{CSV_FILES, CouncilDir, SourceFile, files_in, read_source};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::table::{Cell, Grid, Table, number_text};
use calamine::{Data, Reader};
use std::io::Cursor;
use std::path::Path;

/// Endings of the workbooks read, in the order they are looked for.
pub const WORKBOOK_ENDINGS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Every sheet of the workbook at `path` that has a filled cell, in workbook order; `None`
/// (reported) when it cannot be read.
pub fn read_workbook(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<Vec<Grid>> {
    let bytes = match fs::read_bytes(path, shown) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        Diagnostic::error(shown, format!("cannot be read as a workbook: {e}")).hint(
            "open it in Excel or LibreOffice and save it again as .xlsx or .ods, or save the \
             sheet as \"CSV UTF-8 (Comma delimited)\"",
        )
    };
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(unreadable(&e));
            return None;
        }
    };
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        match book.worksheet_range(&name) {
            Ok(range) => {
                let Some((row, column)) = range.start() else {
                    continue;
                };
                let rows: Vec<Vec<Cell>> =
                    range.rows().map(|r| r.iter().map(cell).collect()).collect();
                grids.push(Grid {
                    sheet: name,
                    first_row: row as usize,
                    first_column: column as usize,
                    rows,
                });
            }
            Err(e) => diags.push(unreadable(&format!("sheet {name}: {e}"))),
        }
    }
    Some(grids)
}

/// The first sheet with a filled cell, as a table; `None` when there is none (reported) or
/// it has no header.
pub fn read_table(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let grids = read_workbook(path, shown, diags)?;
    let Some(grid) = grids.into_iter().next() else {
        diags.push(
            Diagnostic::error(shown, "has no sheet with anything in it")
                .hint("fill in the first sheet, with the column names in its first row"),
        );
        return None;
    };
    Table::from_sheet(grid, shown, diags)
}

/// A calamine cell as Khula's typed cell.
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Float(f) => Cell::Number(number_text(*f)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_duration() => Cell::Number(number_text(d.as_f64())),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                Cell::Date(format!("{y:04}-{m:02}-{day:02}"))
            } else {
                Cell::Date(format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}"))
            }
        }
        Data::DateTimeIso(s) => Cell::Date(s.strip_suffix("T00:00:00").unwrap_or(s).to_string()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The workbook saved in place of the CSV file `csv` (`budget.xlsx` for `budget.csv`), if
/// there is one and the CSV file is not (then the workbook is an old copy, warned about).
pub(super) fn workbook_for(
    dir: &CouncilDir,
    within: &fs::Within,
    csv: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    let stem = csv.strip_suffix(".csv").unwrap_or(csv);
    let book = WORKBOOK_ENDINGS
        .iter()
        .map(|e| format!("{stem}.{e}"))
        .find(|n| dir.dir.join(n).is_file())?;
    let shown = dir.shown.join(&book);
    if !within.holds(&dir.dir.join(&book)) {
        diags.push(
            Diagnostic::error(&shown, "is a link to a file outside the council folder")
                .hint("copy the file into the council folder instead of linking to it"),
        );
        return None;
    }
    if dir.dir.join(csv).is_file() {
        // An old copy beside the CSV file: warned about with the other unknown names.
        return None;
    }
    Some(book)
}

/// Reads `datasets/<name>.xlsx` (or `.xls`, `.ods`) as the dataset `<name>`; a CSV file of
/// the same name is an error naming both.
pub(super) fn read_dataset_workbooks(
    dir: &CouncilDir,
    within: &fs::Within,
    datasets: &mut Vec<(String, Table, Option<SourceFile>)>,
    diags: &mut Diagnostics,
) {
    for ext in WORKBOOK_ENDINGS {
        for name in files_in(dir, "datasets", ext) {
            let stem = name
                .trim_start_matches("datasets/")
                .trim_end_matches(&format!(".{ext}"))
                .to_string();
            let shown = dir.shown.join(&name);
            if dir.dir.join(format!("datasets/{stem}.csv")).is_file()
                || datasets.iter().any(|(s, _, _)| *s == stem)
            {
                diags.push(
                    Diagnostic::error(&shown, format!("holds the same dataset {stem} as another file"))
                        .hint(format!("keep one file per dataset in datasets/: delete {name} or the other {stem} file")),
                );
                continue;
            }
            if !within.holds(&dir.dir.join(&name)) {
                diags.push(
                    Diagnostic::error(&shown, "is a link to a file outside the council folder")
                        .hint("copy the file into the council folder instead of linking to it"),
                );
                continue;
            }
            let meta = read_source(dir, within, &format!("datasets/{stem}.yaml"), diags);
            if let Some(table) = read_table(&dir.dir.join(&name), &shown, diags) {
                datasets.push((stem, table, meta));
            }
        }
    }
}

/// True for a workbook named as a CSV file of the format is (`budget.xlsx`), read in its
/// place because that CSV file is not among the `present` names.
pub(super) fn is_dataset_workbook(name: &str, present: &[String]) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        let csv = format!("{stem}.csv");
        WORKBOOK_ENDINGS.contains(&ext)
            && CSV_FILES.contains(&csv.as_str())
            && !present.contains(&csv)
    })
}
