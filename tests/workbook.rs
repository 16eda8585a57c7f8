//! `khula new --workbook`: `council.xlsx` has a sheet for every file of the format, its
//! header locked with a note on every column and drop-down lists of the words Khula
//! recognises; filled in (a row or two on every sheet) and saved, it builds, the values
//! show on the pages, and the pages are those the same rows give as CSV files.

mod common;

use common::{build, html, khula, texts};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// The sheets of a workbook with their header rows, read back with calamine.
fn sheets_of(path: &Path) -> Vec<(String, Vec<String>)> {
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    book.worksheets()
        .into_iter()
        .map(|(name, range)| {
            let header = range
                .rows()
                .next()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .unwrap_or_default();
            (name, header)
        })
        .collect()
}

/// The rows a clerk types on each sheet: `column=value` pairs; a translation column
/// `name:en` is filled with the value of `name`. Text is written as text, numbers (amounts
/// and counts) as numbers.
const FILLED: &[(&str, &[&str])] = &[
    (
        "budget",
        &[
            "fiscal_year=2024-25|type=expenditure|sector=Roads|programme=Road repair|ward=2|allocated=5000000|revised=4800000|spent=4100000",
            "fiscal_year=2024-25|type=revenue|sector=Property tax|allocated=900000|spent=650000",
        ],
    ),
    (
        "tax-rates",
        &[
            "tax=Property tax|category=Houses|rate=5%|unit=of annual rent|fiscal_year=2024-25|basis=Annual rental value",
        ],
    ),
    (
        "decisions",
        &[
            "date=2024-08-01|ref=TC-2024-07|body=Town Council|title=Development budget approved|status=Approved",
        ],
    ),
    (
        "services",
        &[
            "category=Registration|service=Birth registration|office=Town office|fee=0|time=Same day|steps=Application registered; Certificate issued|officer=Registrar|grievance_officer=Town officer|compensation=Fee refunded if late",
        ],
    ),
    (
        "grievances",
        &["period=2024-07|category=Roads|received=12|resolved=9|resolved_within_sla=7|pending=3"],
    ),
    (
        "projects",
        &[
            "project=Canal lining|ward=2|sector=Irrigation|fiscal_year=2024-25|status=ongoing|budget=600000|spent=250000|progress=40|start=2024-08-01|end=2024-12-31|users_committee=Canal Users Committee|contract_value=480000|contract_signed=2024-07-25|paid=200000|extended_to=2025-02-28|extensions=1",
            "project=School roof|status=completed|contractor=Indus Builders|budget=300000",
        ],
    ),
    (
        "documents",
        &[
            "file=https://example.org/annual-report.pdf|title=Annual report 2023-24|date=2024-07-20|kind=Report",
        ],
    ),
    (
        "notices",
        &[
            "kind=vacancy|title=Vacancy for a sanitary inspector|published=2024-08-01|deadline=2024-08-20|ref=V-12|summary=Apply at the town office",
        ],
    ),
    (
        "tenders",
        &[
            "ref=T-2024-3|title=Drain cleaning works|published=2024-07-01|deadline=2024-07-20|method=open|category=works|value=2500000|status=complete|supplier=Clean Drains Ltd|award_value=2300000|award_date=2024-07-28|contract_value=2300000|contract_signed=2024-08-02|contract_end=2024-12-31",
        ],
    ),
    (
        "laws",
        &[
            "ref=finance-act-2024|type=act|title=Finance Act 2024|number=3|passed=2024-06-20|gazette=2024-06-25|summary=Rates of local taxes",
        ],
    ),
    (
        "people",
        &[
            "name=Ayesha Khan|post=Town Officer|group=staff|role=information-officer|section=Administration|room=5|phone=+92-21-1234567|email=info@town.example.org|term_start=2024-01-01",
        ],
    ),
    (
        "hearings",
        &[
            "kind=hearing|title=Hearing on the budget|date=2024-06-10|place=Town hall|women=20|men=25|other_gender=1|findings=Streets unlit|response=Lights ordered",
        ],
    ),
    (
        "disclosure",
        &[
            "fiscal_year=2024-25|quarter=1|published=2024-10-05|requests=5|answered=4|refused=1|notes=One request in progress",
        ],
    ),
    (
        "meetings",
        &[
            "body=Town Council|date=2024-08-15|time=11:00|place=Council hall|agenda=Budget review; Drainage",
        ],
    ),
];

/// Columns written as numbers.
const NUMBERS: &[&str] = &[
    "allocated",
    "revised",
    "spent",
    "budget",
    "received",
    "resolved",
    "resolved_within_sla",
    "pending",
    "progress",
    "contract_value",
    "paid",
    "extensions",
    "value",
    "award_value",
    "women",
    "men",
    "other_gender",
    "requests",
    "answered",
    "refused",
];

/// The cells of `row` under `header`: each named column's value, its `:en` twin the same.
fn cells_under(header: &[String], row: &str) -> Vec<String> {
    let pairs: Vec<(&str, &str)> = row.split('|').map(|p| p.split_once('=').unwrap()).collect();
    for (name, _) in &pairs {
        assert!(header.iter().any(|h| h == name), "no column {name}");
    }
    header
        .iter()
        .map(|h| {
            let base = h.split(':').next().unwrap();
            pairs
                .iter()
                .find(|(n, _)| *n == base)
                .map_or(String::new(), |(_, v)| v.to_string())
        })
        .collect()
}

/// Each page and a value of its sheet that must show on it (English pages).
const SHOWN: &[(&str, &[&str])] = &[
    ("budget.html", &["Roads", "Property tax"]),
    ("tax-rates.html", &["Annual rental value", "5%"]),
    ("decisions.html", &["Development budget approved"]),
    ("services.html", &["Birth registration"]),
    ("complaints.html", &["Roads"]),
    (
        "projects.html",
        &["Canal Users Committee", "4,80,000", "Indus Builders"],
    ),
    ("wards/2.html", &["Canal lining", "Road repair"]),
    ("documents.html", &["Annual report 2023-24"]),
    ("notices.html", &["Vacancy for a sanitary inspector"]),
    ("tenders.html", &["Drain cleaning works"]),
    ("laws.html", &["Finance Act 2024"]),
    ("people.html", &["Ayesha Khan", "Administration"]),
    ("hearings.html", &["Hearing on the budget", "Streets unlit"]),
    ("disclosure.html", &["Quarter 1 of 2024-25"]),
    ("meetings.html", &["Council hall", "15 August 2024, 11:00"]),
];

#[test]
fn a_workbook_from_new_filled_in_on_every_sheet_builds_like_the_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (by_book, by_csv) = (tmp.path().join("book"), tmp.path().join("csv"));
    for (content, extra) in [(&by_book, Some("--workbook")), (&by_csv, None)] {
        std::fs::create_dir_all(content).unwrap();
        let mut args = vec!["new", "test-town", "--country", "PK", "--content"];
        args.push(content.to_str().unwrap());
        args.extend(extra);
        let run = khula(tmp.path(), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let book = by_book.join("test-town/council.xlsx");
    let sheets = sheets_of(&book);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let filled: Vec<&str> = FILLED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, filled, "a sheet for every file of the format");
    // The generated workbook, unfilled, builds.
    build(&by_book);

    // Filled in: the same sheets and headers, rows under them; the same rows as CSV files.
    let mut workbook = Workbook::new();
    for ((name, header), (_, rows)) in sheets.iter().zip(FILLED) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        let mut csv = header.join(",") + "\n";
        for (r, row) in rows.iter().enumerate() {
            let cells = cells_under(header, row);
            for (c, cell) in cells.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                if cell.is_empty() {
                    continue;
                }
                if NUMBERS.contains(&header[c as usize].as_str()) {
                    sheet
                        .write_number(r, c, cell.parse::<f64>().unwrap())
                        .unwrap();
                } else {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
            let quoted: Vec<String> = cells.iter().map(|c| format!("\"{c}\"")).collect();
            csv.push_str(&(quoted.join(",") + "\n"));
        }
        std::fs::write(by_csv.join(format!("test-town/{name}.csv")), csv).unwrap();
    }
    workbook.save(&book).unwrap();
    for content in [&by_book, &by_csv] {
        let profile = "wards:\n  - {number: 2, population: 5000}\n";
        std::fs::write(content.join("test-town/profile.yaml"), profile).unwrap();
    }

    let run = khula(
        tmp.path(),
        &["check", "--content", by_book.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let (_o1, out_book) = build(&by_book);
    let (_o2, out_csv) = build(&by_csv);
    for (page, values) in SHOWN {
        let path = format!("test-town/en/{page}");
        let main = texts(&html(&out_book.join(&path)), "main").join(" ");
        for value in *values {
            assert!(main.contains(value), "{page} lacks {value}: {main}");
        }
        let from_csv = texts(&html(&out_csv.join(&path)), "main").join(" ");
        assert_eq!(main, from_csv, "{page} differs from the CSV build");
    }
    // Every kind's page is there, and the services' charter columns reach the service page.
    let service = texts(
        &html(&out_book.join("test-town/en/services/1.html")),
        "main",
    )
    .join(" ");
    assert!(
        service.contains("Certificate issued") && service.contains("Fee refunded if late"),
        "{service}"
    );
}

#[test]
fn the_new_workbook_locks_headers_and_lists_the_words_khula_recognises() {
    let tmp = tempfile::tempdir().unwrap();
    let run = khula(
        tmp.path(),
        &["new", "bhimdatta", "--workbook", "--content", "."],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::File::open(tmp.path().join("bhimdatta/council.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let budget = read("xl/worksheets/sheet1.xml");
    assert!(budget.contains("<sheetProtection"), "{budget}");
    assert!(budget.contains("\"expenditure,revenue\""), "{budget}");
    assert!(budget.contains("state=\"frozen\""), "{budget}");
    // A local word can still be typed: the list informs, it does not refuse.
    assert!(budget.contains("errorStyle=\"information\""), "{budget}");
    for (sheet, list) in [
        (6, "\"planned,tendered,ongoing,completed,stalled\""),
        (8, "\"notice,tender,vacancy,hearing,audit,meeting\""),
        (9, "\"open,selective,limited,direct\""),
        (
            9,
            "\"planned,active,cancelled,unsuccessful,complete,withdrawn\"",
        ),
        (10, "\"act,regulation,procedure,guideline,standard,order\""),
        (11, "\"elected,staff\""),
        (12, "\"hearing,audit\""),
        (13, "\"1,2,3,4\""),
    ] {
        let xml = read(&format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains(list), "sheet {sheet} lacks {list}");
    }
    let budget_notes = read("xl/comments1.xml");
    assert!(
        budget_notes.contains("Required. The fiscal year, as the country writes it"),
        "{budget_notes}"
    );
    let project_notes = read("xl/comments6.xml");
    for note in [
        "The users' committee that carries it out",
        "Paid to the contractor or committee so far.",
        "The project in the language en.",
    ] {
        assert!(project_notes.contains(note), "{note}: {project_notes}");
    }
}

/// Builds `content` into `out` as on the day `epoch` (seconds since 1970, UTC).
fn build_on(cwd: &Path, content: &Path, out: &Path, epoch: &str) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(["build", "--quiet", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn notices_in_the_council_workbook_turn_past_on_a_later_build() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let run = khula(
        tmp.path(),
        &["new", "test-town", "--country", "PK", "--workbook"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("notices").unwrap();
    for (c, (h, v)) in [
        ("kind", "vacancy"),
        ("title", "Vacancy for a sanitary inspector"),
        ("published", "2024-08-01"),
        ("deadline", "2024-08-20"),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    book.save(content.join("test-town/council.xlsx")).unwrap();
    let out = tmp.path().join("sites");
    let current = || {
        let page = html(&out.join("test-town/en/notices.html"));
        texts(&page, "table#current tbody tr").join(" ")
    };
    // 10 August 2024: open until the 20th.
    build_on(tmp.path(), &content, &out, "1723248000");
    assert!(current().contains("sanitary inspector"), "{}", current());
    // 25 August 2024, nothing edited: the council is built again and the notice is past.
    build_on(tmp.path(), &content, &out, "1724544000");
    assert!(!current().contains("sanitary inspector"), "{}", current());
}
