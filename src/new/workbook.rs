//! `khula new --workbook`: `council.xlsx`, a sheet per dataset to fill in, in place of the
//! CSV files. The header row is locked and frozen, every column has a note saying what it
//! takes, the words Khula recognises in a column are offered as a drop-down list, amounts
//! and counts have a number format and dates, fiscal years, codes and wards a text format
//! (so Excel keeps `2081/82` and Bikram Sambat dates as typed).

use super::sheets::{Cells, Column, Sheet};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, Note, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};

/// Rows below the header that get the formats and drop-down lists.
const FILLED_ROWS: u32 = 5_000;

/// The formats of the header and of each kind of cell.
struct Formats {
    header: Format,
    text: Format,
    as_typed: Format,
    amount: Format,
    count: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#DDEBF7"),
            text: Format::new().set_unlocked(),
            as_typed: Format::new().set_num_format("@").set_unlocked(),
            amount: Format::new().set_num_format("#,##0.##").set_unlocked(),
            count: Format::new().set_num_format("0").set_unlocked(),
        }
    }

    fn of(&self, cells: Cells) -> &Format {
        match cells {
            Cells::Text => &self.text,
            Cells::AsTyped => &self.as_typed,
            Cells::Amount => &self.amount,
            Cells::Count => &self.count,
        }
    }
}

/// The note of a header cell: what the column takes, and whether it must be filled.
fn note(sheet: &Sheet, column: &Column, translation: Option<&str>) -> String {
    if let Some(lang) = translation {
        return format!("The {} in the language {lang}.", column.name);
    }
    let required = sheet
        .schema
        .columns
        .iter()
        .any(|c| c.name == column.name && c.required);
    if required {
        format!("Required. {}", column.note)
    } else {
        column.note.to_string()
    }
}

/// The drop-down list of a column's recognised words: a word not in the list is kept after
/// a note that says so (pressing OK), since the format recognises the local words too.
fn drop_down(words: &[&str]) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(words)?
        .set_error_style(DataValidationErrorStyle::Information)
        .set_error_title("Not a word of the list")?
        .set_error_message(
            "Khula also recognises the local words listed in docs/content-format.md; any \
             other word is shown as written. Press OK to keep it.",
        )
}

/// Writes one sheet: its header row with notes, and the formats and lists of its columns.
fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    second: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(sheet.file.trim_end_matches(".csv"))?;
    let mut c: u16 = 0;
    for column in sheet.columns {
        let translation = column.translated.then_some(second);
        for lang in std::iter::once(None).chain(translation.map(Some)) {
            let name = match lang {
                Some(l) => format!("{}:{l}", column.name),
                None => column.name.to_string(),
            };
            ws.write_string_with_format(0, c, &name, &formats.header)?;
            ws.set_column_width(c, (name.chars().count() + 4).max(12) as f64)?;
            ws.set_column_format(c, formats.of(column.cells))?;
            let text = note(sheet, column, lang);
            ws.insert_note(0, c, &Note::new(text).add_author_prefix(false))?;
            if !column.closed.is_empty() && lang.is_none() {
                ws.add_data_validation(1, c, FILLED_ROWS, c, &drop_down(column.closed)?)?;
            }
            c += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.protect_with_options(&ProtectionOptions {
        format_cells: true,
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The workbook's bytes: one sheet per entry of `sheets`, named after the file's stem, the
/// translations in the language `second`.
pub fn council_workbook(sheets: &[Sheet], second: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    for sheet in sheets {
        write_sheet(book.add_worksheet(), sheet, second, &formats)?;
    }
    book.save_to_buffer()
}
