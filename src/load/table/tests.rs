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

#[test]
fn a_repeated_header_block_in_an_open_table_is_an_error_at_the_second_cell() {
    // A tender export whose header block was written twice: the second `bidder` and
    // `amount` are errors, each at its own header cell, naming where the first one is.
    let (t, mut d) = table("ward,bidder,amount,bidder,Amount\n1,A,10,B,20\n");
    let none = Schema { columns: &[] };
    assert!(t.unwrap().bind(none, true, &mut d).is_none());
    let found = d.into_sorted();
    let errors: Vec<_> = found.iter().filter(|e| e.is_error()).collect();
    assert_eq!(errors.len(), 2, "{found:?}");
    assert_eq!((errors[0].line, errors[0].column), (1, 20));
    assert_eq!(
        errors[0].message,
        "column bidder appears twice (first as column 2)"
    );
    assert_eq!((errors[1].line, errors[1].column), (1, 27));
    assert!(errors[1].message.starts_with("column amount appears twice"));
    assert!(errors[1].hint.as_ref().unwrap().contains("rename one"));
}

#[test]
fn unknown_columns_of_a_fixed_file_may_repeat_with_warnings_only() {
    let (t, mut d) = table("fiscal_year,sector,allocated,remarks,remarks\n2080/81,x,1,,\n");
    assert!(t.unwrap().bind(SCHEMA, false, &mut d).is_some());
    assert!(!d.has_errors());
    assert_eq!(d.warning_count(), 2);
}

/// The amounts of the first row's `allocated` and `spent`, and the messages.
fn scaled(src: &str) -> (Vec<Option<f64>>, Vec<String>) {
    let (t, mut d) = table(src);
    let t = t.unwrap();
    let b = t.bind(SCHEMA, false, &mut d).unwrap();
    let row = t.rows(&b).next().unwrap();
    let amounts = [Col::Allocated, Col::Spent]
        .into_iter()
        .map(|c| row.amount(c, &mut d).ok().flatten().map(|a| a.to_f64()))
        .collect();
    (
        amounts,
        d.iter()
            .map(|x| format!("{} / {}", x.message, x.hint.clone().unwrap_or_default()))
            .collect(),
    )
}

#[test]
fn a_header_note_gives_its_column_a_scale() {
    let (amounts, messages) = scaled(
        "fiscal_year,sector,Allocated (रू हजारमा),spent [lakh]\n2081/82,शिक्षा,\"17,74,74\",12.5\n",
    );
    assert_eq!(amounts, [Some(177_474_000.0), Some(1_250_000.0)]);
    assert!(messages.is_empty(), "{messages:?}");
    // A note of the currency only: the column, in whole units.
    let (amounts, messages) =
        scaled("fiscal_year,sector,allocated (Rs.),spent\n2081/82,x,\"1,200\",\n");
    assert_eq!(amounts, [Some(1200.0), None]);
    assert!(messages.is_empty(), "{messages:?}");
    // Any other note is a column the schema does not have.
    let (t, mut d) = table("fiscal_year,sector,allocated (approved)\n2081/82,x,1\n");
    assert!(t.unwrap().bind(SCHEMA, false, &mut d).is_none());
}

#[test]
fn figures_in_thousands_without_a_note_name_the_way_to_say_so() {
    let (amounts, messages) = scaled("fiscal_year,sector,allocated\n2081/82,x,\"17,74,74\"\n");
    assert_eq!(amounts, [None, None]);
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert!(
        m.contains("\"17,74,74\" has a thousands separator in the wrong place"),
        "{m}"
    );
    assert!(m.contains("17,74,74,000"), "{m}");
    assert!(m.contains("allocated (thousand)"), "{m}");
}

#[test]
fn a_workbook_title_gives_every_amount_column_its_scale() {
    let t = |s: &str| Cell::Text(s.to_string());
    let n = |s: &str| Cell::Number(s.to_string());
    let grid = |title: &str| Grid {
        sheet: "Budget".to_string(),
        first_row: 0,
        first_column: 0,
        rows: vec![
            vec![t("आर्थिक वर्ष २०८१/८२ को बजेट")],
            vec![t(title)],
            vec![t("fiscal_year"), t("sector"), t("allocated"), t("spent")],
            vec![t("2081/82"), t("शिक्षा"), t("17,74,74"), n("1250")],
        ],
    };
    let mut d = Diagnostics::new();
    let table = Table::from_sheet(grid("(रू हजारमा)"), Path::new("budget.xlsx"), &mut d).unwrap();
    let b = table.bind(SCHEMA, false, &mut d).unwrap();
    let row = table.rows(&b).next().unwrap();
    let amount = |c| {
        row.amount(c, &mut Diagnostics::new())
            .unwrap()
            .unwrap()
            .to_f64()
    };
    assert_eq!(amount(Col::Allocated), 177_474_000.0);
    assert_eq!(amount(Col::Spent), 1_250_000.0);
    assert!(d.is_empty());
    // A dataset is shown as written: the title's unit is a warning at its cell.
    let mut d = Diagnostics::new();
    let table = Table::from_sheet(grid("Rs. in lakh"), Path::new("x.xlsx"), &mut d).unwrap();
    table.bind(Schema { columns: &[] }, true, &mut d).unwrap();
    let warning = d.iter().next().unwrap();
    assert!(
        warning.message.contains("gives a unit"),
        "{}",
        warning.message
    );
    assert!(warning.to_string().contains("cell A2"), "{warning}");
}
