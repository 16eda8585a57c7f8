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

/// The stem of the workbook that holds a sheet per dataset: `council.xlsx`.
pub const COUNCIL_WORKBOOK: &str = "council";

/// True for `council.xlsx` (or `.xlsm`, `.xls`, `.ods`).
pub(super) fn is_council_workbook(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| stem == COUNCIL_WORKBOOK && WORKBOOK_ENDINGS.contains(&ext))
}

/// Names a sheet of `council.xlsx` may have for each CSV file: the file's stem, and the
/// name of its page in the languages of the default theme.
const SHEET_NAMES: [(&str, &[&str]); 14] = [
    (
        "budget.csv",
        &["budget", "बजेट", "बजट", "বাজেট", "بجٹ", "འཆར་དངུལ"],
    ),
    (
        "tax-rates.csv",
        &[
            "tax rates",
            "taxes",
            "कर दर",
            "कर की दरें",
            "করের হার",
            "ٹیکس کی شرح",
            "ཁྲལ་ཚད",
        ],
    ),
    (
        "decisions.csv",
        &["decisions", "निर्णय", "সিদ্ধান্ত", "فیصلے", "གྲོས་ཆོད"],
    ),
    (
        "services.csv",
        &["services", "सेवा", "सेवाएँ", "সেবা", "خدمات", "ཞབས་ཏོག་ཚུ"],
    ),
    (
        "grievances.csv",
        &[
            "grievances",
            "complaints",
            "गुनासो",
            "शिकायत",
            "অভিযোগ",
            "شکایات",
            "ཞུ་གཏུག",
        ],
    ),
    (
        "projects.csv",
        &[
            "projects",
            "योजना",
            "विकास कार्य",
            "প্রকল্প",
            "ترقیاتی اسکیمیں",
            "ལས་འགུལ་ཚུ",
        ],
    ),
    (
        "documents.csv",
        &[
            "documents",
            "कागजात",
            "दस्तावेज़",
            "নথিপত্র",
            "دستاویزات",
            "ཡིག་ཆ་ཚུ",
        ],
    ),
    (
        "notices.csv",
        &["notices", "सूचना", "सूचनाएँ", "বিজ্ঞপ্তি", "نوٹس", "བརྡ་བསྒྲགས"],
    ),
    (
        "tenders.csv",
        &["tenders", "बोलपत्र", "निविदाएँ", "দরপত্র", "ٹینڈر", "རིན་འགྲན"],
    ),
    (
        "laws.csv",
        &["laws", "कानून", "ऐन", "আইন", "আইন ও বিধি", "قوانین", "ཁྲིམས"],
    ),
    (
        "people.csv",
        &[
            "people",
            "who is who",
            "को को हुनुहुन्छ",
            "कौन क्या है",
            "কে কোন দায়িত্বে",
            "کون کون ہے",
        ],
    ),
    (
        "hearings.csv",
        &[
            "hearings",
            "सार्वजनिक सुनुवाई",
            "जन सुनवाई",
            "গণশুনানি",
            "عوامی سماعتیں",
        ],
    ),
    (
        "disclosure.csv",
        &[
            "disclosure",
            "स्वतः प्रकाशन",
            "स्वतः प्रकटीकरण",
            "স্বপ্রণোদিত তথ্য প্রকাশ",
            "ازخود انکشاف",
        ],
    ),
    (
        "meetings.csv",
        &["meetings", "बैठक", "बैठकहरू", "बैठकें", "সভা", "اجلاس", "ཚོགས་འདུ"],
    ),
];

/// The CSV file a sheet named `sheet` stands for: its stem (`tax-rates`, `Tax rates`,
/// `tax_rates`) or the page's name in a language of the theme (`बजेट`), without case.
pub fn sheet_kind(sheet: &str) -> Option<&'static str> {
    let name: String = sheet
        .trim()
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    SHEET_NAMES
        .iter()
        .find(|(file, names)| {
            file.trim_end_matches(".csv").replace('-', " ") == name
                || names.contains(&name.as_str())
        })
        .map(|(file, _)| *file)
}

/// Reads `council.xlsx` (or .ods, .xls): each sheet named after a dataset is that dataset's
/// table, added to `tables` unless a file holds the same dataset (an error naming both).
pub(super) fn read_council_workbook(
    dir: &CouncilDir,
    within: &fs::Within,
    tables: &mut Vec<(&'static str, Table)>,
    diags: &mut Diagnostics,
) {
    let Some(book) = WORKBOOK_ENDINGS
        .iter()
        .map(|e| format!("{COUNCIL_WORKBOOK}.{e}"))
        .find(|n| dir.dir.join(n).is_file())
    else {
        return;
    };
    let path = dir.dir.join(&book);
    let shown = dir.shown.join(&book);
    if !within.holds(&path) {
        diags.push(
            Diagnostic::error(&shown, "is a link to a file outside the council folder")
                .hint("copy the file into the council folder instead of linking to it"),
        );
        return;
    }
    let Some(grids) = read_workbook(&path, &shown, diags) else {
        return;
    };
    let mut taken: Vec<(&str, String)> = Vec::new();
    for grid in grids {
        let sheet = grid.sheet.clone();
        let at = |message: String| {
            let mut d = Diagnostic::error(&shown, message);
            d.place = Some(Box::new(format!("sheet {sheet}")));
            d
        };
        let Some(file) = sheet_kind(&sheet) else {
            let mut d = at("is not a dataset Khula knows".to_string()).hint(format!(
                "this sheet is not published; name each sheet after its dataset: {}",
                CSV_FILES.map(|f| f.trim_end_matches(".csv")).join(", ")
            ));
            d.severity = crate::diagnostics::Severity::Warning;
            diags.push(d);
            continue;
        };
        if let Some((_, first)) = taken.iter().find(|(f, _)| *f == file) {
            diags.push(
                at(format!("holds the same dataset as sheet {first}"))
                    .hint("keep one sheet per dataset: delete or rename one of the two"),
            );
            continue;
        }
        taken.push((file, sheet.clone()));
        if let Some((_, table)) = tables.iter().find(|(f, _)| *f == file) {
            let other = table.shown().display().to_string();
            diags.push(
                at(format!("holds the same dataset as {other}")).hint(format!(
                    "keep the dataset in one place: delete the sheet or the file {}",
                    table
                        .shown()
                        .file_name()
                        .map_or(other.clone(), |n| n.to_string_lossy().into_owned())
                )),
            );
            continue;
        }
        if let Some(table) = Table::from_sheet(grid, &shown, diags) {
            tables.push((file, table));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_matched_by_stem_or_page_name() {
        for file in CSV_FILES {
            let stem = file.trim_end_matches(".csv");
            assert_eq!(
                sheet_kind(stem),
                Some(file),
                "every fixed file has a sheet name"
            );
        }
        assert_eq!(sheet_kind("budget"), Some("budget.csv"));
        assert_eq!(sheet_kind(" Tax_Rates "), Some("tax-rates.csv"));
        assert_eq!(sheet_kind("Tax rates"), Some("tax-rates.csv"));
        assert_eq!(sheet_kind("बजेट"), Some("budget.csv"));
        assert_eq!(sheet_kind("প্রকল্প"), Some("projects.csv"));
        assert_eq!(sheet_kind("Complaints"), Some("grievances.csv"));
        assert_eq!(sheet_kind("Sheet1"), None);
    }

    #[test]
    fn council_workbooks() {
        assert!(is_council_workbook("council.xlsx"));
        assert!(is_council_workbook("council.ods"));
        assert!(!is_council_workbook("council.csv"));
        assert!(is_dataset_workbook("budget.xlsx", &[]));
        assert!(!is_dataset_workbook(
            "budget.xlsx",
            &["budget.csv".to_string()]
        ));
        assert!(!is_dataset_workbook("notes.xlsx", &[]));
    }
}
