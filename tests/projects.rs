//! Projects with who carries them out (a contractor, a users' committee) and their
//! contract: the value and the day it was signed, what was paid, the end put back. Shown
//! on the projects page and the ward's page, in both languages, and in the downloads.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const SITE: &str = "name: {ne: परीक्षण नगरपालिका, en: Test Municipality}\n\
country: NP\nlanguages: [ne, en]\ncurrency: NPR\ncalendar: bikram-sambat\n\
fiscal_year_start: 04-01\nlicence: CC-BY-4.0\n";

const PROFILE: &str = "wards:\n  - {number: 4, population: 9000}\n";

const HEADER: &str = "project,project:en,status,ward,budget,start,end,contractor,\
users_committee,users_committee:en,contract_value,contract_signed,paid,extended_to,extensions\n";

/// A council `test-town` whose projects.csv holds `rows` under [`HEADER`].
fn council(rows: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let dir = content.join("test-town");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.yaml"), SITE).unwrap();
    std::fs::write(dir.join("profile.yaml"), PROFILE).unwrap();
    std::fs::write(dir.join("projects.csv"), format!("{HEADER}{rows}")).unwrap();
    (tmp, content)
}

const ROWS: &str = "\
कुलो मर्मत,Canal repair,सञ्चालनमा,4,\"5,00,000\",2081-04-10,2081-09-29,,\
जनता कुलो उपभोक्ता समिति,Janata Canal Users' Committee,\"4,80,000\",2081-04-01,\"2,00,000\",2082-01-15,2\n\
पुल निर्माण,Bridge,completed,4,\"90,00,000\",2080-05-01,2081-02-28,Sudur Nirman Sewa,,,,,,,\n";

/// The cells of each body row of the table `id`, and its column heads.
fn table(doc: &scraper::Html, id: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let heads = texts(doc, &format!("table#{id} thead th"));
    let rows = doc
        .select(&sel(&format!("table#{id} tbody tr")))
        .map(|r| {
            r.select(&sel("td, th"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    (heads, rows)
}

/// The cell of `row` under the head `head`.
fn under<'a>(heads: &[String], row: &'a [String], head: &str) -> &'a str {
    let i = heads
        .iter()
        .position(|h| h == head)
        .unwrap_or_else(|| panic!("no column {head} in {heads:?}"));
    &row[i]
}

#[test]
fn a_users_committee_and_its_contract_show_on_the_projects_and_ward_pages() {
    let (_tmp, content) = council(ROWS);
    let (_o, out) = build(&content);
    let page = html(&out.join("test-town/en/projects.html"));
    let (heads, rows) = table(&page, "p-stage_in_progress");
    let canal = &rows[0];
    assert_eq!(
        under(&heads, canal, "Users' committee"),
        "Janata Canal Users' Committee"
    );
    let contract = under(&heads, canal, "Contract amount");
    assert!(
        contract.starts_with("4,80,000") && contract.contains("Contract signed: 1 Shrawan 2081"),
        "{contract}"
    );
    assert_eq!(under(&heads, canal, "Paid"), "2,00,000");
    let end = under(&heads, canal, "End");
    assert!(
        end.contains("29 Poush 2081")
            && end.contains("Extended to 15 Baisakh 2082 BS (2 extensions)"),
        "{end}"
    );
    // The completed bridge has a contractor and no committee: its table shows no empty
    // committee, contract or paid columns.
    let (heads, rows) = table(&page, "p-stage_completed");
    assert_eq!(under(&heads, &rows[0], "Contractor"), "Sudur Nirman Sewa");
    for absent in ["Users' committee", "Contract amount", "Paid"] {
        assert!(!heads.iter().any(|h| h == absent), "{heads:?}");
    }

    // The ward's page lists both projects with the same columns.
    let ward = html(&out.join("test-town/en/wards/4.html"));
    let (heads, rows) = table(&ward, "ward-projects");
    assert_eq!(rows.len(), 2);
    assert_eq!(under(&heads, &rows[0], "Paid"), "2,00,000");
    assert_eq!(under(&heads, &rows[1], "Contractor"), "Sudur Nirman Sewa");

    // In Nepali, the words of a Nepali council's records.
    let ne = html(&out.join("test-town/projects.html"));
    let (heads, rows) = table(&ne, "p-stage_in_progress");
    assert_eq!(
        under(&heads, &rows[0], "उपभोक्ता समिति"),
        "जनता कुलो उपभोक्ता समिति"
    );
    assert!(
        under(&heads, &rows[0], "भुक्तानी रकम").contains("२,००,०००"),
        "{heads:?} {rows:?}"
    );
    assert!(
        under(&heads, &rows[0], "सकिने मिति").contains("म्याद थप"),
        "{heads:?} {rows:?}"
    );
    assert!(broken_links(&out.join("test-town")).is_empty());
}

#[test]
fn the_download_holds_the_contract_columns_and_builds_again() {
    let (tmp, content) = council(ROWS);
    let (_o, out) = build(&content);
    let csv = read(&out.join("test-town/data/projects.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |row: usize, name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        records[row][i].to_string()
    };
    assert_eq!(cell(0, "users_committee"), "जनता कुलो उपभोक्ता समिति");
    assert_eq!(
        cell(0, "users_committee:en"),
        "Janata Canal Users' Committee"
    );
    assert_eq!(cell(0, "contract_value"), "480000");
    assert_eq!(cell(0, "contract_signed"), "2081-04-01");
    // Shrawan 1, 2081 was 16 July 2024.
    assert_eq!(cell(0, "contract_signed_ad"), "2024-07-16");
    assert_eq!(cell(0, "paid"), "200000");
    assert_eq!(cell(0, "extended_to"), "2082-01-15");
    assert_eq!(cell(0, "extensions"), "2");
    assert_eq!(cell(1, "paid"), "");

    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("test-town/data/projects.json"))).unwrap();
    assert_eq!(json[0]["contract_value"], serde_json::json!(480000));
    assert_eq!(json[0]["extensions"], serde_json::json!(2));
    assert_eq!(json[1]["users_committee"], serde_json::Value::Null);

    let package: serde_json::Value =
        serde_json::from_str(&read(&out.join("test-town/datapackage.json"))).unwrap();
    let resource = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "data/projects.csv")
        .unwrap();
    let field = |name: &str| {
        resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    assert_eq!(field("paid")["type"], "number");
    assert_eq!(field("paid")["description"], "An amount in NPR");
    assert_eq!(field("extensions")["type"], "integer");
    assert_eq!(field("extended_to_ad")["type"], "date");

    // The download dropped back into a council folder builds to the same download.
    let again = tmp.path().join("again");
    copy_tree(&content, &again);
    std::fs::write(again.join("test-town/projects.csv"), &csv).unwrap();
    let (_o2, out2) = build(&again);
    assert_eq!(read(&out2.join("test-town/data/projects.csv")), csv);
}

/// `khula check` over a council with `rows`: its exit code and what it printed.
fn check(rows: &str) -> Run {
    let (tmp, content) = council(rows);
    khula(
        tmp.path(),
        &["check", "--content", content.to_str().unwrap()],
    )
}

/// Whether `stderr` reports `message` at line `line` of projects.csv, at the column where
/// `cell` starts in `row` (the row as written, on that line).
fn reported_at(stderr: &str, line: usize, row: &str, cell: &str, message: &str) -> bool {
    let column = row[..row.find(cell).unwrap()].chars().count() + 1;
    let at = Path::new("test-town")
        .join(format!("projects.csv:{line}:{column}: {message}"))
        .display()
        .to_string();
    stderr.contains(&at)
}

#[test]
fn more_paid_than_the_contract_is_a_warning_at_its_cell() {
    let row = "सडक,Road,ongoing,4,,2081-04-10,2081-09-29,,,,\"1,00,000\",,\"1,20,000\",,";
    let run = check(&format!("{row}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let message = "warning: paid (120000) is more than the contract value (100000)";
    assert!(
        reported_at(&run.stderr, 2, row, "\"1,20,000\"", message),
        "{}",
        run.stderr
    );
}

#[test]
fn an_extension_before_the_end_is_an_error_at_its_cell() {
    let ends = "सडक,Road,ongoing,4,,2081-04-10,2081-09-29,,,,,,,2081-08-01,1";
    let starts = "नाली,Drain,ongoing,4,,2081-04-10,,,,,,,,2081-03-01,";
    let run = check(&format!("{ends}\n{starts}\n"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "the project is extended to 2081-08-01, before it ends (2081-09-29)";
    assert!(
        reported_at(&run.stderr, 2, ends, "2081-08-01", message),
        "{}",
        run.stderr
    );
    let message = "the project is extended to 2081-03-01, before it starts (2081-04-10)";
    assert!(
        reported_at(&run.stderr, 3, starts, "2081-03-01", message),
        "{}",
        run.stderr
    );
}

#[test]
fn contract_dates_are_read_in_the_councils_calendar() {
    // A Gregorian date in a Bikram Sambat council is warned about like any other date, and
    // a day past the month's end is an error.
    let row = "सडक,Road,ongoing,4,,2081-04-10,,,,,,2024-07-16,,,";
    let run = check(&format!("{row}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let message = "warning: \"2024-07-16\" is read in the Bikram Sambat calendar";
    assert!(
        reported_at(&run.stderr, 2, row, "2024-07-16", message),
        "{}",
        run.stderr
    );
    let row = "सडक,Road,ongoing,4,,2081-04-10,,,,,,,,2081-09-30,";
    let run = check(&format!("{row}\n"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "\"2081-09-30\" is not a valid date";
    assert!(
        reported_at(&run.stderr, 2, row, "2081-09-30", message),
        "{}",
        run.stderr
    );
}
