//! Workbooks in place of CSV files: `.xlsx` made here with rust_xlsxwriter and `.ods` made
//! here as the zip of XML it is, so no binary fixture is committed.

mod common;

use common::{build_into, copy_tree};
use rust_xlsxwriter::{Format, Workbook};
use scraper::{Html, Selector};
use std::io::Write;
use std::path::{Path, PathBuf};

const COUNCIL: &str = "gulberg-town";

/// fiscal_year, type, sector, sector:en, allocated, spent.
type Line = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    Option<f64>,
);

/// The rows of the sample council's budget.csv, as the sheet holds them.
const BUDGET: [Line; 4] = [
    (
        "2023-24",
        "expenditure",
        "صفائی",
        "Sanitation",
        12_500_000.0,
        Some(11_870_000.0),
    ),
    (
        "2023-24",
        "expenditure",
        "سڑکیں",
        "Roads",
        30_000_000.0,
        Some(24_600_000.0),
    ),
    (
        "2023-24",
        "expenditure",
        "پارکس",
        "Parks",
        4_000_000.0,
        None,
    ),
    (
        "2023-24",
        "expenditure",
        "اسٹریٹ لائٹس",
        "Street lights",
        6_500_000.0,
        Some(6_100_000.0),
    ),
];

/// A copy of the sample council in a temporary folder, with its budget.csv replaced by
/// these rows only (so both routes hold the same figures); returns (tmp, content, council).
fn council() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let dir = content.join(COUNCIL);
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(COUNCIL),
        &dir,
    );
    let mut csv = String::from("fiscal_year,type,sector,sector:en,allocated,spent\n");
    for (fy, ty, sector, en, allocated, spent) in BUDGET {
        let spent = spent.map_or(String::new(), |s| s.to_string());
        csv.push_str(&format!("{fy},{ty},{sector},{en},{allocated},{spent}\n"));
    }
    std::fs::write(dir.join("budget.csv"), csv).unwrap();
    (tmp, content, dir)
}

/// budget.xlsx with a two-row title (merged), a spacer row, the header, the rows and a
/// totals row whose allocated total is `allocated_total`.
fn write_budget_xlsx(path: &Path, allocated_total: f64, bad_cell: Option<&str>) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Budget").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 5, "گلبرگ ٹاؤن — بجٹ 2023-24", &bold)
        .unwrap();
    sheet.write_string(1, 0, "Budget 2023-24 (rupees)").unwrap();
    let header = [
        "fiscal_year",
        "type",
        "sector",
        "sector:en",
        "allocated",
        "spent",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    let mut spent_total = 0.0;
    for (i, (fy, ty, sector, en, allocated, spent)) in BUDGET.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string(r, 0, *fy).unwrap();
        sheet.write_string(r, 1, *ty).unwrap();
        sheet.write_string(r, 2, *sector).unwrap();
        sheet.write_string(r, 3, *en).unwrap();
        match (i, bad_cell) {
            (1, Some(bad)) => sheet.write_string(r, 4, bad).unwrap(),
            // A number stored as text, as pasted from another program.
            (2, _) => sheet.write_string(r, 4, "4,000,000").unwrap(),
            _ => sheet.write_number(r, 4, *allocated).unwrap(),
        };
        if let Some(s) = spent {
            sheet.write_number(r, 5, *s).unwrap();
            spent_total += s;
        }
    }
    sheet.write_string(9, 0, "Total").unwrap();
    sheet.write_number(9, 4, allocated_total).unwrap();
    sheet.write_number(9, 5, spent_total).unwrap();
    book.save(path).unwrap();
}

fn build(content: &Path) -> (common::Run, PathBuf, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), content, &out);
    (run, out, tmp)
}

/// The cells of the budget page's tables, in order.
fn budget_cells(out: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(out.join(COUNCIL).join("en/budget.html")).unwrap();
    let page = Html::parse_document(&html);
    let cells = Selector::parse("table td, table th").unwrap();
    page.select(&cells)
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

const SUM: f64 = 53_000_000.0;

#[test]
fn xlsx_with_title_spacer_and_totals_builds_like_the_csv() {
    let (_tmp, content, dir) = council();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_csv = budget_cells(&out);

    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    write_budget_xlsx(&dir.join("budget.xlsx"), SUM, None);
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("budget.xlsx"), "{}", run.stderr);
    let from_xlsx = budget_cells(&out);
    assert_eq!(from_csv, from_xlsx);
    assert!(
        from_xlsx.iter().any(|c| c == "3,00,00,000"),
        "{from_xlsx:?}"
    );
    // The totals row is not counted as a line: the page's total is the sum once.
    assert!(
        from_xlsx.iter().any(|c| c == "5,30,00,000"),
        "{from_xlsx:?}"
    );
}

#[test]
fn a_wrong_totals_row_warns_naming_the_cell() {
    let (_tmp, content, dir) = council();
    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    write_budget_xlsx(&dir.join("budget.xlsx"), SUM + 1000.0, None);
    let (run, _out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "budget.xlsx, sheet Budget, cell E10: warning: the total 53001000 is not the sum of \
             the column, 53000000"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_cell_is_located_by_sheet_and_cell() {
    let (_tmp, content, dir) = council();
    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    write_budget_xlsx(&dir.join("budget.xlsx"), SUM, Some("thirty"));
    let (run, _out, _o) = build(&content);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("\"thirty\""))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.contains("budget.xlsx, sheet Budget, cell E6: \"thirty\""),
        "{line}"
    );
    assert!(line.contains("(column allocated)"), "{line}");
    assert!(line.contains("; "), "a hint: {line}");
}

#[test]
fn a_workbook_beside_its_csv_is_an_old_copy() {
    let (_tmp, content, dir) = council();
    write_budget_xlsx(&dir.join("budget.xlsx"), SUM + 1000.0, None);
    let (run, _out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("budget.xlsx: warning: is not a file Khula knows; did you mean budget.csv? budget.csv is read"),
        "{}",
        run.stderr
    );
    // The workbook is not read: its wrong total is not reported.
    assert!(!run.stderr.contains("sheet Budget"), "{}", run.stderr);
}

/// An OpenDocument spreadsheet of `rows` (text cells, or numbers when they parse), written
/// as the zip of XML that it is.
fn write_ods(path: &Path, sheet: &str, rows: &[Vec<&str>]) {
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for cell in row {
            if cell.is_empty() {
                body.push_str("<table:table-cell/>");
            } else if let Ok(n) = cell.parse::<f64>() {
                body.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            } else {
                body.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet><table:table table:name=\"{sheet}\">{body}</table:table>\
</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn ods_builds_like_the_csv() {
    let (_tmp, content, dir) = council();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_csv = budget_cells(&out);

    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    let mut rows: Vec<Vec<String>> = vec![
        vec!["آمدن و اخراجات 2023-24".into()],
        vec![],
        vec![
            "fiscal_year",
            "type",
            "sector",
            "sector:en",
            "allocated",
            "spent",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
    ];
    for (fy, ty, sector, en, allocated, spent) in BUDGET {
        rows.push(vec![
            fy.into(),
            ty.into(),
            sector.into(),
            en.into(),
            allocated.to_string(),
            spent.map_or(String::new(), |s| s.to_string()),
        ]);
    }
    rows.push(vec![
        "کل".into(),
        "".into(),
        "".into(),
        "".into(),
        SUM.to_string(),
    ]);
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    write_ods(&dir.join("budget.ods"), "بجٹ", &rows);
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("budget.ods"), "{}", run.stderr);
    assert_eq!(from_csv, budget_cells(&out));
}

/// The cells of a budget line under `header`, the rest empty.
fn line_under(header: &[String], line: &Line) -> Vec<String> {
    let (fy, ty, sector, en, allocated, spent) = line;
    header
        .iter()
        .map(|h| match h.as_str() {
            "fiscal_year" => fy.to_string(),
            "type" => ty.to_string(),
            "sector" => sector.to_string(),
            "sector:en" => en.to_string(),
            "allocated" => allocated.to_string(),
            "spent" => spent.map_or(String::new(), |s| s.to_string()),
            _ => String::new(),
        })
        .collect()
}

#[test]
fn a_sheet_of_council_xlsx_named_in_the_councils_language_is_read() {
    let (_tmp, content, dir) = council();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_csv = budget_cells(&out);
    // The budget in a sheet named بجٹ of council.xlsx, beside the other CSV files.
    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("بجٹ").unwrap();
    let header = [
        "fiscal_year",
        "type",
        "sector",
        "sector:en",
        "allocated",
        "spent",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, line) in BUDGET.iter().enumerate() {
        for (c, cell) in line_under(&header.map(String::from), line)
            .iter()
            .enumerate()
        {
            sheet.write_string(r as u32 + 1, c as u16, cell).unwrap();
        }
    }
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "x")
        .unwrap();
    book.save(dir.join("council.xlsx")).unwrap();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("council.xlsx, sheet Notes: warning: is not a dataset Khula knows"),
        "{}",
        run.stderr
    );
    assert_eq!(from_csv, budget_cells(&out));

    // The same dataset in a file and a sheet: an error naming both.
    std::fs::write(
        dir.join("budget.csv"),
        "fiscal_year,type,sector,allocated\n",
    )
    .unwrap();
    let (run, _out, _o) = build(&content);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("council.xlsx, sheet بجٹ: holds the same dataset as")
            && run.stderr.contains("budget.csv"),
        "{}",
        run.stderr
    );
}

#[test]
fn merged_header_cells_over_two_rows_name_the_columns() {
    let (_tmp, content, dir) = council();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_csv = budget_cells(&out);
    std::fs::remove_file(dir.join("budget.csv")).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Budget").unwrap();
    let plain = Format::new();
    sheet.write_string(0, 0, "Budget 2023-24").unwrap();
    // The first four names merged down over both header rows, "Amount" across two.
    for (c, h) in ["fiscal_year", "type", "sector", "sector:en"]
        .iter()
        .enumerate()
    {
        sheet
            .merge_range(2, c as u16, 3, c as u16, h, &plain)
            .unwrap();
    }
    sheet.merge_range(2, 4, 2, 5, "Amount", &plain).unwrap();
    sheet.write_string(3, 4, "allocated").unwrap();
    sheet.write_string(3, 5, "spent").unwrap();
    for (r, (fy, ty, sector, en, allocated, spent)) in BUDGET.iter().enumerate() {
        let r = 4 + r as u32;
        for (c, text) in [fy, ty, sector, en].iter().enumerate() {
            sheet.write_string(r, c as u16, **text).unwrap();
        }
        sheet.write_number(r, 4, *allocated).unwrap();
        if let Some(s) = spent {
            sheet.write_number(r, 5, *s).unwrap();
        }
    }
    book.save(dir.join("budget.xlsx")).unwrap();
    let (run, out, _o) = build(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("budget.xlsx"), "{}", run.stderr);
    assert_eq!(from_csv, budget_cells(&out));
}
