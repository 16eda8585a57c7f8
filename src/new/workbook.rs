//! `khula new --workbook`: `council.xlsx`, a sheet per dataset to fill in, in place of the
//! CSV files. The header row is locked and frozen, every column has a note saying what it
//! takes, closed values have a drop-down list, amounts a number format and dates, fiscal
//! years and periods a text format (so Excel keeps `2081/82` and Bikram Sambat dates as
//! typed).

use rust_xlsxwriter::{DataValidation, Format, Note, ProtectionOptions, Workbook, XlsxError};

/// Rows below the header that get the formats and drop-down lists.
const FILLED_ROWS: u32 = 5_000;

/// What a column takes, for its note; the closed values of those that have them.
fn column_note(column: &str) -> (&'static str, Option<&'static [&'static str]>) {
    match column {
        "fiscal_year" => (
            "The fiscal year, as the country writes it: 2081/82 or 2024-25.",
            None,
        ),
        "type" => ("expenditure or revenue.", Some(&["expenditure", "revenue"])),
        "nature" => (
            "Expenditure: recurrent, capital or financing; empty if not stated.",
            Some(&["recurrent", "capital", "financing"]),
        ),
        "grant" => (
            "Revenue from a grant: equalisation, conditional, special or complementary.",
            Some(&["equalisation", "conditional", "special", "complementary"]),
        ),
        "status" => (
            "The stage: planned, ongoing or completed (projects); any words (decisions).",
            None,
        ),
        "allocated" | "revised" | "spent" | "budget" => (
            "An amount in whole units of currency, e.g. 1,20,000. Empty: not reported.",
            None,
        ),
        "received" | "resolved" | "resolved_within_sla" | "pending" => {
            ("A whole number of complaints.", None)
        }
        "ward" => ("The ward number; empty for the whole council.", None),
        "progress" => ("Per cent done, 0 to 100.", None),
        "date" | "start" | "end" => (
            "A date as YYYY-MM-DD, in the council's calendar (calendar: in site.yaml).",
            None,
        ),
        "period" => (
            "The period counted: a fiscal year or a month, e.g. 2081/82 or 2024-07.",
            None,
        ),
        "rate" | "fee" => ("A number (500, 1.5%) or the rule in words.", None),
        "ref" => ("The decision's reference, unique in the file.", None),
        "file" => ("The file's name in documents/, e.g. budget-2081.pdf.", None),
        "document" => ("A file in documents/ or a web address; may be empty.", None),
        "contact" => ("A phone number or e-mail address.", None),
        _ => ("Text.", None),
    }
}

/// The closed values of `column` in the sheet `file` (the stage words of projects).
fn closed_values(file: &str, column: &str) -> Option<&'static [&'static str]> {
    match (file, column) {
        ("projects.csv", "status") => Some(&["planned", "ongoing", "completed"]),
        (_, "status") => None,
        _ => column_note(column).1,
    }
}

fn is_amount(column: &str) -> bool {
    matches!(
        column,
        "allocated"
            | "revised"
            | "spent"
            | "budget"
            | "received"
            | "resolved"
            | "resolved_within_sla"
            | "pending"
    )
}

fn is_text_typed(column: &str) -> bool {
    matches!(
        column,
        "fiscal_year" | "date" | "start" | "end" | "period" | "ward" | "ref"
    )
}

/// The workbook's bytes: one sheet per `(file, header cells)`, named after the file's stem.
pub fn council_workbook(
    sheets: &[(&str, Vec<String>)],
    second: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let amount = Format::new().set_num_format("#,##0.##").set_unlocked();
    let text = Format::new().set_num_format("@").set_unlocked();
    let other = Format::new().set_unlocked();
    let protection = ProtectionOptions {
        format_cells: true,
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    for (file, columns) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(file.trim_end_matches(".csv"))?;
        for (c, name) in columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            let base = name.split(':').next().unwrap_or(name);
            sheet.write_string_with_format(0, c, name, &header)?;
            sheet.set_column_width(c, (name.chars().count() + 4).max(12) as f64)?;
            let format = if is_amount(base) {
                &amount
            } else if is_text_typed(base) {
                &text
            } else {
                &other
            };
            sheet.set_column_format(c, format)?;
            let note = if name.contains(':') {
                format!("The {base} in the language {second}.")
            } else {
                column_note(base).0.to_string()
            };
            sheet.insert_note(0, c, &Note::new(note).add_author_prefix(false))?;
            if let Some(values) = closed_values(file, base) {
                let list = DataValidation::new().allow_list_strings(values)?;
                sheet.add_data_validation(1, c, FILLED_ROWS, c, &list)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.protect_with_options(&protection);
    }
    book.save_to_buffer()
}
