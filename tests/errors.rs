//! Bad input: every mistake is reported as `path:line:column: message; hint` with the offending
//! line and a caret, all of them in one run, and a failed build leaves the published output
//! exactly as it was.
//!
//! Each case is a folder `tests/fixtures/invalid/<case>/<slug>/`, checked and built by the real
//! binary from `tests/fixtures/invalid`, so paths in messages read `<case>/<slug>/<file>`.
//! What git cannot hold portably (symbolic links, huge files) is made at run time in a copy of
//! `tests/fixtures/invalid/valid/`.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn invalid() -> PathBuf {
    fixture("invalid")
}

/// The stderr lines that are diagnostics: everything but the closing summary line.
fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.pop();
    lines
}

/// Runs `check` and `build` on one case; both must agree on the exit code and on every
/// diagnostic, and a failed build must leave nothing behind. Returns the `check` run.
fn run_case(case: &str) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let check = khula(&invalid(), &["check", "--content", case]);
    let build = khula(
        &invalid(),
        &["build", "--content", case, "--out", out.to_str().unwrap()],
    );
    assert_eq!(
        check.code, build.code,
        "check and build disagree on {case}:\n{}\n---\n{}",
        check.stderr, build.stderr
    );
    assert_eq!(
        diagnostic_lines(&check.stderr),
        diagnostic_lines(&build.stderr),
        "check and build report differently on {case}"
    );
    if build.code != 0 {
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "{case}: a failed build left {left:?}");
    }
    check
}

/// Asserts that stderr has a diagnostic headed exactly `location: ` whose line holds every
/// one of `words`; returns that line.
fn expect<'a>(run: &'a Run, location: &str, words: &[&str]) -> &'a str {
    let head = format!("{location}: ");
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&head))
        .unwrap_or_else(|| panic!("no diagnostic at {location} in:\n{}", run.stderr));
    for word in words {
        assert!(line.contains(word), "{word:?} missing from: {line}");
    }
    line
}

/// Asserts the exit code and the error count in the summary line.
fn expect_errors(run: &Run, count: usize) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap_or("");
    let wanted = if count == 1 {
        "1 error found".to_string()
    } else {
        format!("{count} errors found")
    };
    assert!(summary.starts_with(&wanted), "{wanted}: {}", run.stderr);
    let headlines = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.contains(": warning: "))
        .count()
        - 1;
    assert_eq!(headlines, count, "{}", run.stderr);
}

#[test]
fn ragged_rows_too_many_and_too_few_fields() {
    let run = run_case("ragged");
    expect_errors(&run, 2);
    // First data line: one cell too many, pointed at the extra cell.
    expect(
        &run,
        "ragged/ragged/budget.csv:2:26",
        &["row has 5 fields but the header has 4", "too many"],
    );
    // A later line: one cell short, pointed at the end of the row.
    expect(
        &run,
        "ragged/ragged/budget.csv:4:19",
        &["row has 3 fields but the header has 4", "short"],
    );
}

#[test]
fn amounts_not_numeric_overflowing_or_a_dash() {
    let run = run_case("amounts");
    expect_errors(&run, 3);
    expect(
        &run,
        "amounts/amounts/budget.csv:2:19",
        &[
            "\"87654abc\" is not an amount (column allocated)",
            "1,23,45,678",
        ],
    );
    expect(
        &run,
        "amounts/amounts/budget.csv:3:16",
        &["\"99999999999999999999999\" is too large", "largest amount"],
    );
    expect(
        &run,
        "amounts/amounts/budget.csv:4:15",
        &["\"-\" is a dash, not an amount", "write 0"],
    );
}

#[test]
fn missing_required_column_names_it_lists_the_columns_and_suggests_the_closest() {
    let run = run_case("missing-column");
    expect_errors(&run, 3);
    let line = expect(
        &run,
        "missing-column/missing-column/budget.csv:1:20",
        &[
            "required column allocated is missing",
            "did you mean alocated? rename it to allocated",
            "the columns found are fiscal_year, sector, alocated, spent",
        ],
    );
    assert!(!line.contains("warning"), "{line}");
    // The misspelt column is the error, not also a warning.
    assert!(
        !run.stderr.contains("unknown column alocated"),
        "{}",
        run.stderr
    );
    // No close name: no made-up suggestion, just what to add and what was found.
    for column in ["rate", "tax"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(&format!("required column {column} is missing")))
            .unwrap();
        assert!(
            line.starts_with("missing-column/missing-column/tax-rates.csv:1:1: "),
            "{line}"
        );
        assert!(
            line.contains(&format!("add a column named {column}")),
            "{line}"
        );
        assert!(
            line.contains("the columns found are name, amount"),
            "{line}"
        );
        assert!(!line.contains("did you mean"), "{line}");
    }
}

#[test]
fn unknown_column_in_a_fixed_file_is_a_warning() {
    let run = run_case("unknown-column");
    assert_eq!(run.code, 0, "{}", run.stderr);
    expect(
        &run,
        "unknown-column/unknown-column/budget.csv:1:30",
        &[
            "warning: unknown column spnt",
            "did you mean spent?",
            "ignored",
        ],
    );
    expect(
        &run,
        "unknown-column/unknown-column/budget.csv:1:35",
        &["warning: unknown column remarks", "known columns are"],
    );
    assert!(run.stderr.contains("2 warnings"), "{}", run.stderr);
}

#[test]
fn years_of_the_other_calendar_are_warned_at_the_cell() {
    let run = run_case("calendar-mixup");
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A Gregorian date and fiscal year in a Bikram Sambat council (Nepal's default).
    expect(
        &run,
        "calendar-mixup/nepal/decisions.csv:3:1",
        &[
            "warning: \"2024-07-30\" is read in the Bikram Sambat calendar, but 2024 looks like a Gregorian (AD) year (column date)",
            "(the default for country NP)",
            "write it as 2081-04-15",
            "set calendar: gregorian in site.yaml",
        ],
    );
    expect(
        &run,
        "calendar-mixup/nepal/budget.csv:3:1",
        &["\"2024-25\"", "write 2081/82"],
    );
    // A Bikram Sambat date and fiscal year in a Gregorian council (Bangladesh's default).
    expect(
        &run,
        "calendar-mixup/bangla/budget.csv:3:1",
        &[
            "warning: \"2081/82\" is read in the Gregorian (AD) calendar, but 2081 looks like a Bikram Sambat year (column fiscal_year)",
            "(the default for country BD)",
            "write 2024-25",
            "set calendar: bikram-sambat in site.yaml",
        ],
    );
    expect(
        &run,
        "calendar-mixup/bangla/decisions.csv:3:1",
        &["\"2081-04-15\"", "write it as 2024-07-30"],
    );
    // The rows in the right calendar pass.
    assert!(run.stderr.contains("4 warnings"), "{}", run.stderr);
}

#[test]
fn a_copied_council_is_warned_on_its_site_yaml_naming_the_first() {
    let run = run_case("duplicate-council");
    assert_eq!(run.code, 0, "{}", run.stderr);
    expect(
        &run,
        "duplicate-council/dhangadhi-copy/site.yaml:1:1",
        &[
            "warning: this council has the same name as dhangadhi (धनगढी उपमहानगरपालिका)",
            "the site index would list it twice",
        ],
    );
    expect(
        &run,
        "duplicate-council/kailali-copy/site.yaml:5:1",
        &[
            "warning: this council has the same official address as dhangadhi (https://dhangadhimun.gov.np/)",
            "write this council's own base_url",
        ],
    );
    // The first council is not warned.
    assert!(
        !run.stderr.contains("duplicate-council/dhangadhi/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 warnings"), "{}", run.stderr);
}

#[test]
fn yaml_syntax_errors_on_the_first_and_a_later_line() {
    let run = run_case("yaml-syntax");
    expect_errors(&run, 2);
    expect(
        &run,
        "yaml-syntax/yaml-syntax/profile.yaml:1:14",
        &["quote", "never closed"],
    );
    expect(
        &run,
        "yaml-syntax/yaml-syntax/site.yaml:3:18",
        &["`: `", "in quotes", "\"Kailali: Far West\""],
    );
}

#[test]
fn yaml_mistakes_say_what_to_do() {
    let run = run_case("yaml-mistakes");
    expect_errors(&run, 4);
    expect(
        &run,
        "yaml-mistakes/outdented/profile.yaml:2:25",
        &[
            "the comma in 204,788 splits the number, and 788 is read as a key",
            "write numbers without commas in YAML (204788), or quote",
        ],
    );
    expect(
        &run,
        "yaml-mistakes/outdented/site.yaml:6:1",
        &[
            "email belongs under contact;",
            "indent it by two spaces under contact:",
        ],
    );
    expect(
        &run,
        "yaml-mistakes/tabbed/profile.yaml:2:1",
        &["a colon is missing after households", "a colon and a space"],
    );
    expect(
        &run,
        "yaml-mistakes/tabbed/site.yaml:5:1",
        &["a tab is used for indentation", "spaces only"],
    );
    assert!(!run.stderr.contains("unknown key"), "{}", run.stderr);
}

#[test]
fn yaml_wrong_types() {
    let run = run_case("yaml-type");
    expect_errors(&run, 2);
    expect(
        &run,
        "yaml-type/yaml-type/profile.yaml:1:21",
        &["expected a whole number", "digits"],
    );
    expect(
        &run,
        "yaml-type/yaml-type/site.yaml:2:12",
        &["expected a list", "[ne, en]"],
    );
}

#[test]
fn yaml_unknown_keys_suggest_the_closest() {
    let run = run_case("unknown-key");
    expect_errors(&run, 2);
    expect(
        &run,
        "unknown-key/unknown-key/profile.yaml:1:1",
        &["unknown key populaton", "did you mean population?"],
    );
    expect(
        &run,
        "unknown-key/unknown-key/site.yaml:3:1",
        &["unknown key lisence", "did you mean licence?"],
    );
}

#[test]
fn latin1_file_is_not_utf8_at_its_line() {
    let run = run_case("not-utf8");
    expect_errors(&run, 1);
    expect(
        &run,
        "not-utf8/not-utf8/budget.csv:3:12",
        &["not UTF-8", "line 3", "\"CSV UTF-8 (Comma delimited)\""],
    );
}

#[test]
fn utf16_file_is_named_as_such() {
    let run = run_case("utf16");
    expect_errors(&run, 1);
    expect(
        &run,
        "utf16/utf16/tax-rates.csv:1:1",
        &["UTF-16, not UTF-8", "CSV UTF-8"],
    );
}

#[test]
fn missing_site_yaml() {
    let run = run_case("missing-site");
    expect_errors(&run, 1);
    // The file does not exist, so there is no line to point at.
    expect(
        &run,
        "missing-site/missing-site/site.yaml",
        &["is missing", "copy one from another council"],
    );
}

#[test]
fn near_misses_of_known_names_are_errors_and_site_yaml_txt_is_still_checked() {
    let run = run_case("near-names");
    // Budget.csv, Pages, decisions.xlsx (read in place of decisions.csv, but not a
    // workbook), site.yaml.txt, and a bad cell in tax-rates.csv:
    // the council's other files are checked although site.yaml is misnamed.
    expect_errors(&run, 5);
    let dir = "near-names/near-names";
    expect(
        &run,
        &format!("{dir}/Budget.csv"),
        &[
            "is not read: did you mean budget.csv?",
            "rename Budget.csv to budget.csv",
        ],
    );
    expect(
        &run,
        &format!("{dir}/Pages"),
        &["did you mean pages?", "rename Pages to pages"],
    );
    expect(
        &run,
        &format!("{dir}/decisions.xlsx"),
        &[
            "cannot be read as a workbook",
            "save it again as .xlsx or .ods",
        ],
    );
    expect(
        &run,
        &format!("{dir}/site.yaml.txt"),
        &[
            "should be named site.yaml",
            "rename site.yaml.txt to site.yaml",
            "the council is not built",
            "File name extensions",
        ],
    );
    expect(
        &run,
        &format!("{dir}/tax-rates.csv:2:14"),
        &["\"5OO\" is not an amount"],
    );
    // With the exact name there too, the near miss is an old copy: a warning.
    expect(
        &run,
        &format!("{dir}/tax-rates.xlsx: warning"),
        &["did you mean tax-rates.csv? tax-rates.csv is read"],
    );
    // An unrelated file stays a warning.
    expect(
        &run,
        &format!("{dir}/notes.txt: warning"),
        &["is not a file Khula knows"],
    );
}

#[test]
fn cells_of_question_marks_in_a_nepali_council_are_one_error_a_file() {
    let run = run_case("lost-letters");
    expect_errors(&run, 2);
    expect(
        &run,
        "lost-letters/lost-letters/budget.csv:2:9",
        &[
            "\"??????\" is text whose letters were lost, as in 3 cells of this file",
            "plain \"CSV (Comma delimited)\"",
            "File > Save As > \"CSV UTF-8 (Comma delimited)\"",
        ],
    );
    expect(
        &run,
        "lost-letters/lost-letters/datasets/schools.csv:3:3",
        &["\"?????? ?????\" is text whose letters were lost;"],
    );
}

#[test]
fn cells_of_question_marks_in_an_english_only_council_are_text() {
    let (tmp, content) = valid_copy(&["base-nagar"]);
    let dir = content.join("base-nagar");
    write(
        &dir.join("site.yaml"),
        "name: {en: Base Nagar}\ncountry: NP\nlanguages: [en]\n",
    );
    write(
        &dir.join("budget.csv"),
        "fiscal_year,sector,allocated\n2080/81,???,100\n",
    );
    let run = check_and_build(tmp.path(), "sites");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_mistyped_number_in_a_dataset_column_of_numbers_is_an_error_at_its_cell() {
    let run = run_case("dataset-typos");
    // ward (1 to 5 and "Office") and phone ("n/a") stay text, without an error.
    expect_errors(&run, 2);
    expect(
        &run,
        "dataset-typos/dataset-typos/datasets/schools.csv:3:13",
        &[
            "\"12I0\" is not a number; column students holds numbers (4 of its 5 filled cells)",
            "did you mean 1210?",
            "without its Total",
        ],
    );
    expect(
        &run,
        "dataset-typos/dataset-typos/datasets/schools.csv:4:18",
        &["\"3O\" is not a number", "did you mean 30?"],
    );
}

#[test]
fn duplicate_decision_ref() {
    let run = run_case("duplicate-ref");
    expect_errors(&run, 4);
    expect(
        &run,
        "duplicate-ref/duplicate-ref/decisions.csv:2:12",
        &["title is empty"],
    );
    expect(
        &run,
        "duplicate-ref/duplicate-ref/decisions.csv:4:24",
        &["ref 2080-001 is used twice (first on line 2)"],
    );
    expect(
        &run,
        "duplicate-ref/duplicate-ref/decisions.csv:5:19",
        &["ref 2080-002 is used twice (first on line 3)"],
    );
    // Two full texts for one decision: the second is refused, at its ref line.
    expect(
        &run,
        "duplicate-ref/duplicate-ref/decisions/road-repair.md:3:1",
        &[
            "decision ref 2080-002 already has its full text in",
            "decisions/2080-002.md",
        ],
    );
}

#[test]
fn unclosed_quote_is_reported_where_it_opens() {
    let run = run_case("unclosed-quote");
    expect_errors(&run, 4);
    expect(
        &run,
        "unclosed-quote/unclosed-quote/budget.csv:2:19",
        &["\"1OO\" is not an amount"],
    );
    expect(
        &run,
        "unclosed-quote/unclosed-quote/budget.csv:3:9",
        &["double quote", "never closed", "closing quote"],
    );
    // Closed only by the quote of a cell two rows down: the rows between are not reported
    // as one long, wrong row, and the rows after it are read again.
    expect(
        &run,
        "unclosed-quote/unclosed-quote/datasets/roads.csv:3:1",
        &["never closed, so the rows after it read as part of this cell"],
    );
    // On the last line of a file that does not end with a line break.
    expect(
        &run,
        "unclosed-quote/unclosed-quote/datasets/wards.csv:3:3",
        &["never closed, so the rest of the file reads as one cell"],
    );
}

#[test]
fn semicolons_or_tabs_between_columns_are_named_once() {
    let run = run_case("separators");
    // One error a file, in place of a missing-column error for each required column.
    expect_errors(&run, 2);
    expect(
        &run,
        "separators/separators/budget.csv:1:12",
        &[
            "this file uses semicolons (;) between columns, not commas",
            "CSV UTF-8 (Comma delimited)",
            "list separator to a comma",
        ],
    );
    expect(
        &run,
        "separators/separators/datasets/schools.csv:1:5",
        &["this file uses tabs between columns, not commas"],
    );
}

#[test]
fn duplicate_yaml_key() {
    let run = run_case("duplicate-key");
    expect_errors(&run, 2);
    expect(
        &run,
        "duplicate-key/duplicate-key/site.yaml:3:1",
        &["key name is given twice", "keep one"],
    );
    expect(
        &run,
        "duplicate-key/duplicate-key/profile.yaml:3:1",
        &["key census_year is given twice"],
    );
}

#[test]
fn impossible_dates_in_bikram_sambat() {
    let run = run_case("dates-bs");
    expect_errors(&run, 3);
    expect(
        &run,
        "dates-bs/dates-bs/decisions.csv:2:1",
        &[
            "\"2080-13-01\" is not a valid date",
            "no month 13",
            "Bikram Sambat",
        ],
    );
    expect(
        &run,
        "dates-bs/dates-bs/decisions.csv:3:1",
        &["\"2080-04-45\"", "day 45", "Shrawan"],
    );
    // Baisakh 2081 has 31 days; the 31st on line 5 is fine.
    expect(
        &run,
        "dates-bs/dates-bs/decisions.csv:4:1",
        &["\"2081-01-32\"", "Baisakh, which has 31 days", "01 to 31"],
    );
}

#[test]
fn impossible_dates_in_gregorian() {
    let run = run_case("dates-gregorian");
    expect_errors(&run, 2);
    expect(
        &run,
        "dates-gregorian/dates-gregorian/decisions.csv:2:1",
        &["\"2023-02-30\"", "February, which has 28 days", "Gregorian"],
    );
    expect(
        &run,
        "dates-gregorian/dates-gregorian/decisions.csv:4:1",
        &["\"2023-02-29\"", "February, which has 28 days"],
    );
}

#[test]
fn tax_rate_percentage_outside_0_to_100() {
    let run = run_case("tax-percent");
    expect_errors(&run, 2);
    expect(
        &run,
        "tax-percent/tax-percent/tax-rates.csv:2:14",
        &["rate 150 is outside 0–100%"],
    );
    expect(
        &run,
        "tax-percent/tax-percent/tax-rates.csv:4:13",
        &["rate -5 is outside 0–100%"],
    );
}

#[test]
fn services_projects_complaints_and_documents_are_checked() {
    let run = run_case("datasets-bad");
    expect_errors(&run, 7);
    let dir = "datasets-bad/datasets-bad";
    expect(
        &run,
        &format!("{dir}/services.csv:4:14"),
        &["listed twice in category", "first on line 2"],
    );
    expect(
        &run,
        &format!("{dir}/projects.csv:2:18"),
        &["progress 150 is outside 0–100"],
    );
    expect(
        &run,
        &format!("{dir}/projects.csv:3:33"),
        &["ends", "before it starts"],
    );
    expect(
        &run,
        &format!("{dir}/grievances.csv:2:1"),
        &["\"2081-13\" is not a month"],
    );
    expect(
        &run,
        &format!("{dir}/grievances.csv:3:14"),
        &["more than resolved"],
    );
    expect(
        &run,
        &format!("{dir}/documents.csv:2:1"),
        &["does not exist"],
    );
    expect(
        &run,
        &format!("{dir}/documents.csv:3:1"),
        &["leaves the council folder"],
    );
}

#[test]
fn bad_council_folder_name_suggests_a_slug() {
    let run = run_case("bad-slug");
    expect_errors(&run, 1);
    expect(
        &run,
        "bad-slug/Bhim Datta_SMC",
        &[
            "not a valid council folder name",
            "rename it to bhim-datta-smc",
        ],
    );
}

#[test]
fn decision_documents_absolute_leaving_or_javascript_are_refused() {
    let run = run_case("document-links");
    expect_errors(&run, 4);
    let csv = "document-links/document-links/decisions.csv";
    expect(
        &run,
        &format!("{csv}:2:24"),
        &["\"/etc/passwd\" is an absolute path"],
    );
    expect(
        &run,
        &format!("{csv}:3:22"),
        &["\"../x\" leaves the council folder"],
    );
    expect(
        &run,
        &format!("{csv}:4:22"),
        &["\"javascript:alert(1)\" is not a web address or a file"],
    );
    expect(
        &run,
        &format!("{csv}:6:22"),
        &["\"documents/../../site.yaml\" leaves the council folder"],
    );
}

#[test]
fn unclosed_front_matter_in_decision_text_and_page() {
    let run = run_case("front-matter");
    expect_errors(&run, 2);
    for file in ["decisions/2080-001.md", "pages/about.md"] {
        expect(
            &run,
            &format!("front-matter/front-matter/{file}:1:1"),
            &["front matter", "never closed", "---"],
        );
    }
}

#[test]
fn page_with_a_bad_file_name() {
    let run = run_case("page-name");
    expect_errors(&run, 1);
    expect(
        &run,
        "page-name/page-name/pages/About Us.md",
        &["\"About Us\" is not a valid page name", "about-us.md"],
    );
}

#[test]
fn usage_errors_exit_2_and_name_the_problem() {
    let run = khula(&invalid(), &["check", "--content", "no-such-folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    let run = khula(&invalid(), &["build", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let run = khula(
        &invalid(),
        &[
            "build",
            "--content",
            "valid",
            "--out",
            out.to_str().unwrap(),
            "--site",
            "nowhere",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    assert!(!out.exists());
}

/// `--content` pointed at one council's folder names the folder above and `--site`, once,
/// for check, build and serve alike.
#[test]
fn content_pointed_at_a_council_folder_says_which_folder_to_use() {
    for command in ["check", "build", "serve"] {
        let run = khula(
            &invalid(),
            &[command, "--content", "valid/base-nagar", "--port", "0"]
                [..if command == "serve" { 5 } else { 3 }],
        );
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("is one council's folder")
                && run.stderr.contains("--content valid")
                && run.stderr.contains("--site base-nagar"),
            "{command}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
}

/// What `build` refuses, `check` refuses too: a council folder named like the site's own
/// folders.
#[test]
fn a_council_named_like_a_site_folder_is_refused_by_check() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &invalid().join("valid/base-nagar"),
        &tmp.path().join("content/compare"),
    );
    let run = khula(tmp.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/compare: the folder name compare is used by the site's own pages"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------
// All problems at once, and what the messages look like
// ---------------------------------------------------------------------------------------

/// `path:line:column` of a headline, as numbers for sorting.
fn position(headline: &str) -> (String, usize, usize) {
    let mut parts = headline.splitn(4, ':');
    let path = parts.next().unwrap_or("").to_string();
    let line = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let column = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (path, line, column)
}

#[test]
fn every_problem_of_every_council_in_one_run_sorted() {
    let run = run_case("many");
    expect_errors(&run, 5);
    expect(
        &run,
        "many/bravo/budget.csv:3:24",
        &["row has 5 fields but the header has 4"],
    );
    expect(
        &run,
        "many/bravo/budget.csv:4:15",
        &["\"7ooo\" is not an amount"],
    );
    expect(
        &run,
        "many/delta/profile.yaml:2:21",
        &["expected a whole number"],
    );
    expect(
        &run,
        "many/delta/site.yaml:4:1",
        &["unknown key population"],
    );
    expect(
        &run,
        "many/echo/decisions.csv:3:1",
        &["\"2080-02-33\" is not a valid date"],
    );
    for good in ["alpha", "charlie"] {
        assert!(
            !run.stderr.contains(&format!("many/{good}/")),
            "{}",
            run.stderr
        );
    }
    let positions: Vec<_> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("many/"))
        .map(position)
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn check_reports_exactly_what_build_reports() {
    // run_case compares the two for each case; this compares them over every case at once.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    for case in ["many", "amounts", "document-links", "unknown-column"] {
        let check = khula(&invalid(), &["check", "--content", case]);
        let build = khula(
            &invalid(),
            &["build", "--content", case, "--out", out.to_str().unwrap()],
        );
        assert_eq!(check.code, build.code, "{case}");
        assert!(!diagnostic_lines(&check.stderr).is_empty(), "{case}");
        assert_eq!(
            diagnostic_lines(&check.stderr),
            diagnostic_lines(&build.stderr),
            "{case}"
        );
    }
}

const CASES: [&str; 31] = [
    "amounts",
    "bad-slug",
    "calendar-mixup",
    "dataset-dictionary",
    "dataset-typos",
    "datasets-bad",
    "dates-bs",
    "dates-gregorian",
    "document-links",
    "duplicate-council",
    "duplicate-key",
    "duplicate-ref",
    "front-matter",
    "images",
    "lost-letters",
    "many",
    "missing-column",
    "missing-site",
    "near-names",
    "not-utf8",
    "page-name",
    "ragged",
    "separators",
    "tax-percent",
    "unclosed-quote",
    "unknown-column",
    "unknown-key",
    "utf16",
    "yaml-mistakes",
    "yaml-syntax",
    "yaml-type",
];

#[test]
fn every_case_has_a_fixture_and_the_valid_one_builds() {
    let mut found: Vec<String> = std::fs::read_dir(invalid())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "valid")
        .collect();
    found.sort();
    assert_eq!(found, CASES);
    let run = khula(&invalid(), &["check", "--content", "valid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn every_diagnostic_has_a_hint() {
    for case in CASES {
        let report = khula::build::run(
            &khula::build::Options {
                content: invalid().join(case),
                out: None,
                ..Default::default()
            },
            None,
        )
        .unwrap_or_else(|e| panic!("{case}: {e:?}"));
        assert!(!report.diagnostics.is_empty(), "{case}");
        for d in &report.diagnostics {
            let hint = d.hint.as_deref().unwrap_or("");
            assert!(!hint.trim().is_empty(), "{case}: no hint: {}", d.headline());
        }
    }
}

/// `text` with what changes from one machine or run to the next replaced: this checkout's
/// folder by `[ROOT]`, the temporary folder by `[TMP]`, and durations (`in 0.04 s`,
/// `in 12 ms`) by `in [DURATION]`.
fn redact(text: &str) -> String {
    let mut text = text.replace(env!("CARGO_MANIFEST_DIR"), "[ROOT]");
    let tmp = std::env::temp_dir();
    let tmp = tmp.to_string_lossy();
    if tmp.len() > 1 {
        text = text.replace(tmp.trim_end_matches('/'), "[TMP]");
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" in ") {
        let (before, after) = rest.split_at(at + 4);
        out.push_str(before);
        let number = after
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(after.len());
        let unit = [" s", " ms"].into_iter().find(|u| {
            after[number..].starts_with(u)
                && !after[number + u.len()..].starts_with(char::is_alphanumeric)
        });
        match unit {
            Some(unit) if number > 0 => {
                out.push_str("[DURATION]");
                rest = &after[number + unit.len()..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn redact_replaces_durations_and_nothing_else() {
    assert_eq!(
        redact("checked 3 councils, no errors, in 0.04 s, 2 warnings\nbuilt in 12 ms\n"),
        "checked 3 councils, no errors, in [DURATION], 2 warnings\nbuilt in [DURATION]\n"
    );
    assert_eq!(
        redact("in 2 sectors in 3 seconds"),
        "in 2 sectors in 3 seconds"
    );
}

/// The whole of what `khula check` prints for each invalid case, against
/// `tests/snapshots/check/<case>.txt`. With `KHULA_BLESS=1` the files are written instead.
#[test]
fn check_output_of_every_case_matches_its_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/check");
    let bless = std::env::var_os("KHULA_BLESS").is_some_and(|v| v == "1");
    let mut differ = Vec::new();
    for case in CASES {
        let run = khula(&invalid(), &["check", "--content", case]);
        let got = format!("exit code: {}\n{}", run.code, redact(&run.stderr));
        let file = dir.join(format!("{case}.txt"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        // A checkout that turned line ends into CRLF still compares equal.
        let want = std::fs::read_to_string(&file)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if want != got {
            differ.push(format!(
                "--- {} (expected)\n{want}\n+++ {case} (got)\n{got}",
                file.display()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "check output differs from its snapshot; if the change is intended, run again \
         with KHULA_BLESS=1 and review the files:\n{}",
        differ.join("\n")
    );
}

/// Checks every snippet under a headline: the gutter shows the headline's line number, the
/// text is that line of the file, and the caret starts under the headline's column.
fn check_snippets(case: &str, run: &Run) -> usize {
    let lines: Vec<&str> = run.stderr.lines().collect();
    let mut checked = 0;
    for (i, headline) in lines.iter().enumerate() {
        if headline.starts_with(' ') {
            continue;
        }
        let (path, line, column) = position(headline);
        if line == 0 {
            continue;
        }
        // A file in another encoding has no line that could be shown.
        if headline.contains("is saved as UTF-16") {
            continue;
        }
        let (Some(text), Some(caret)) = (lines.get(i + 1), lines.get(i + 2)) else {
            panic!("{case}: no snippet under {headline}");
        };
        let gutter = format!(" {line} | ");
        let shown = text
            .strip_prefix(&gutter)
            .unwrap_or_else(|| panic!("{case}: snippet {text:?} under {headline}"));
        let bytes =
            std::fs::read(invalid().join(case).join(path.split_once('/').unwrap().1)).unwrap();
        let source = String::from_utf8_lossy(&bytes);
        let want = source.lines().nth(line - 1).unwrap_or("");
        assert_eq!(shown, want.trim_end_matches('\r'), "{case}: {headline}");
        let marks = caret
            .strip_prefix(&format!(" {} | ", " ".repeat(line.to_string().len())))
            .unwrap_or_else(|| panic!("{case}: caret line {caret:?}"));
        let pad = marks
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count();
        assert_eq!(
            pad + 1,
            column,
            "{case}: caret under {headline}:\n{text}\n{caret}"
        );
        assert!(marks[pad..].starts_with('^'), "{case}: {caret:?}");
        checked += 1;
    }
    checked
}

#[test]
fn snippets_show_the_line_and_a_caret_under_the_column() {
    let mut checked = 0;
    for case in CASES {
        let run = khula(&invalid(), &["check", "--content", case]);
        checked += check_snippets(case, &run);
    }
    assert!(checked >= 40, "only {checked} snippets");
    // One in full: the caret spans the bad cell.
    let run = khula(&invalid(), &["check", "--content", "amounts"]);
    let text = run.stderr;
    let expected =
        "amounts/amounts/budget.csv:2:19: \"87654abc\" is not an amount (column allocated); ";
    let at = text.find(expected).expect("headline");
    let block: Vec<&str> = text[at..].lines().take(3).collect();
    assert_eq!(block[1], " 2 | 2080/81,Education,87654abc,10");
    assert_eq!(block[2], "   |                   ^^^^^^^^");
}

// ---------------------------------------------------------------------------------------
// Made at run time: links, loops, huge files, and publishing over an earlier build
// ---------------------------------------------------------------------------------------

/// A temporary folder with `content/<slug>/` copied from the valid council.
fn valid_copy(slugs: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    for slug in slugs {
        let dir = content.join(slug);
        copy_tree(&invalid().join("valid/base-nagar"), &dir);
        // Each its own name: copies with the same name are warned about.
        let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
        let site = site.replace("Base Nagar", &format!("Base Nagar {slug}"));
        std::fs::write(dir.join("site.yaml"), site).unwrap();
    }
    (tmp, content)
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Runs khula in `cwd`, killing it if it has not finished in a (generous) time.
fn khula_with_deadline(cwd: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("khula {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// `check` and `build` on `content`, which must agree; returns `check`.
fn check_and_build(tmp: &Path, out: &str) -> Run {
    let check = khula_with_deadline(tmp, &["check", "--content", "content"]);
    let build = khula_with_deadline(tmp, &["build", "--content", "content", "--out", out]);
    assert_eq!(
        check.code, build.code,
        "{}\n---\n{}",
        check.stderr, build.stderr
    );
    assert_eq!(
        diagnostic_lines(&check.stderr),
        diagnostic_lines(&build.stderr)
    );
    check
}

#[cfg(unix)]
#[test]
fn symlinks_to_files_outside_the_content_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let (tmp, content) = valid_copy(&["linky"]);
    let secret = tmp.path().join("secret.txt");
    write(&secret, "do not publish me");
    let council = content.join("linky");
    symlink(&secret, council.join("documents/leak.pdf")).unwrap();
    write(
        &council.join("decisions.csv"),
        "date,title,ref,document\n\
         2080-04-15,Annual programme approved,2080-001,documents/leak.pdf\n\
         2080-05-01,Road repair,2080-002,documents/programme.pdf\n",
    );
    std::fs::remove_file(council.join("tax-rates.csv")).unwrap();
    symlink(&secret, council.join("tax-rates.csv")).unwrap();
    // A folder linked from outside: the file in it is a plain name, the folder is the link.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    write(
        &elsewhere.join("leak.md"),
        "---\ntitle: Leak\n---\ndo not publish me\n",
    );
    if council.join("pages").exists() {
        std::fs::remove_dir_all(council.join("pages")).unwrap();
    }
    symlink(&elsewhere, council.join("pages")).unwrap();
    let run = check_and_build(tmp.path(), "sites");
    expect_errors(&run, 3);
    expect(
        &run,
        "content/linky/pages/leak.md",
        &["is a link to a file outside the council folder"],
    );
    expect(
        &run,
        "content/linky/decisions.csv:2:47",
        &["\"documents/leak.pdf\" is a link to a file outside the council folder"],
    );
    expect(
        &run,
        "content/linky/tax-rates.csv",
        &[
            "is a link to a file outside the council folder",
            "copy the file",
        ],
    );
    assert!(!tmp.path().join("sites").exists());
    assert!(!run.stderr.contains("do not publish me"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_inside_a_council_do_not_hang() {
    use std::os::unix::fs::symlink;
    let (tmp, content) = valid_copy(&["loopy"]);
    let council = content.join("loopy");
    symlink("..", council.join("documents/up")).unwrap();
    symlink(".", council.join("documents/here")).unwrap();
    symlink("b", council.join("documents/a")).unwrap();
    symlink("a", council.join("documents/b")).unwrap();
    symlink("self.md", council.join("pages/self.md")).unwrap();
    symlink("..", council.join("pages/up")).unwrap();
    symlink("../loopy", content.join("loopy/media")).unwrap();
    let run = check_and_build(tmp.path(), "sites");
    assert_eq!(run.code, 0, "{}", run.stderr);
    expect(
        &run,
        "content/loopy/pages/self.md",
        &[
            "warning: is a link that leads nowhere",
            "loops back to itself",
        ],
    );
    assert!(tmp.path().join("sites/loopy/index.html").is_file());
}

#[test]
fn files_over_50_mb_are_refused_without_reading_them() {
    let (tmp, content) = valid_copy(&["huge"]);
    let council = content.join("huge");
    let grow = |path: &Path, bytes: u64| {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .unwrap();
        file.set_len(bytes).unwrap();
    };
    grow(&council.join("budget.csv"), 60 * 1024 * 1024);
    grow(&council.join("documents/scan.pdf"), 51 * 1024 * 1024);
    write(
        &council.join("decisions.csv"),
        "date,title,ref,document\n\
         2080-04-15,Annual programme approved,2080-001,documents/programme.pdf\n\
         2080-05-01,Scanned minutes,2080-002,documents/scan.pdf\n",
    );
    let run = check_and_build(tmp.path(), "sites");
    expect_errors(&run, 2);
    expect(
        &run,
        "content/huge/budget.csv",
        &["is 60.0 MB; files over 50 MB are refused"],
    );
    expect(
        &run,
        "content/huge/decisions.csv:3:37",
        &["documents/scan.pdf is 51.0 MB; files over 50 MB are refused"],
    );
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()),
            )
        })
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn build_into(tmp: &Path) -> Run {
    khula(tmp, &["build", "--content", "content", "--out", "sites"])
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let (tmp, content) = valid_copy(&["first-nagar", "second-nagar"]);
    let run = build_into(tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sites = tmp.path().join("sites");
    let before = snapshot(&sites);
    assert!(before.len() > 20, "{}", before.len());
    // A second passes, so any rewrite would show in the modification times.
    std::thread::sleep(Duration::from_millis(1100));
    // One council changes in a way that would change its pages, the other breaks.
    let site = content.join("first-nagar/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    write(&site, &text.replace("Base Nagar", "Renamed Nagar"));
    write(
        &content.join("second-nagar/budget.csv"),
        "fiscal_year,sector,allocated\n2080/81,Education,12O0\n",
    );
    let run = build_into(tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    expect(
        &run,
        "content/second-nagar/budget.csv:2:19",
        &["\"12O0\" is not an amount"],
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    let after = snapshot(&sites);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, (bytes, modified)) in &before {
        let (new_bytes, new_modified) = &after[path];
        assert!(bytes == new_bytes, "{} changed", path.display());
        assert_eq!(modified, new_modified, "{} was rewritten", path.display());
    }
    assert_eq!(entries(tmp.path()), ["content", "sites"]);
}

#[test]
fn fifty_councils_three_broken_all_errors_in_one_run_and_nothing_lost() {
    let slugs: Vec<String> = (1..=50).map(|i| format!("council-{i:02}")).collect();
    let slug_refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let (tmp, content) = valid_copy(&slug_refs);
    let run = build_into(tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("built 50 councils"), "{}", run.stderr);
    let sites = tmp.path().join("sites");
    let before = snapshot(&sites);
    std::thread::sleep(Duration::from_millis(1100));

    write(
        &content.join("council-07/budget.csv"),
        "fiscal_year,sector,allocated\n2080/81,Education,87654abc\n2080/81,Health,100,5\n",
    );
    write(
        &content.join("council-23/site.yaml"),
        "name: Council 23\ncountry: NP\nlanguages: ne\n",
    );
    write(
        &content.join("council-41/decisions.csv"),
        "date,title,ref\n2081-01-32,Baisakh thirty-two,a1\n2080-04-15,,a2\n",
    );
    let run = build_into(tmp.path());
    expect_errors(&run, 5);
    expect(
        &run,
        "content/council-07/budget.csv:2:19",
        &["\"87654abc\" is not an amount"],
    );
    expect(
        &run,
        "content/council-07/budget.csv:3:20",
        &["row has 4 fields but the header has 3"],
    );
    expect(
        &run,
        "content/council-23/site.yaml:3:12",
        &["expected a list"],
    );
    expect(
        &run,
        "content/council-41/decisions.csv:2:1",
        &["\"2081-01-32\" is not a valid date"],
    );
    expect(
        &run,
        "content/council-41/decisions.csv:3:12",
        &["title is empty"],
    );
    let councils: std::collections::BTreeSet<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("content/"))
        .filter_map(|l| l.split('/').next())
        .collect();
    assert_eq!(
        councils.into_iter().collect::<Vec<_>>(),
        ["council-07", "council-23", "council-41"]
    );
    assert!(snapshot(&sites) == before, "sites/ changed");
    assert_eq!(entries(tmp.path()), ["content", "sites"]);
}
