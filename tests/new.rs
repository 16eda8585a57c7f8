//! `khula new`: a new council folder is valid at once, from the template or from a copy.

mod common;

use common::{copy_tree, khula, read};
use std::path::Path;

fn content_with_sample(tmp: &Path, slug: &str) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(slug);
    copy_tree(&from, &tmp.join("content").join(slug));
}

fn check_and_build(tmp: &Path) {
    let check = khula(tmp, &["check"]);
    assert_eq!(check.code, 0, "check:\n{}", check.stderr);
    assert!(
        !check.stderr.contains("warning"),
        "no warnings:\n{}",
        check.stderr
    );
    let build = khula(tmp, &["build"]);
    assert_eq!(build.code, 0, "build:\n{}", build.stderr);
}

#[test]
fn the_template_checks_and_builds_for_every_country() {
    let tmp = tempfile::tempdir().unwrap();
    for (slug, country, languages) in [
        ("bhimdatta", "NP", "[ne, en]"),
        ("sreepur-2", "BD", "[bn, en]"),
        ("gulberg-2", "PK", "[ur, en]"),
        ("ward-x", "IN", "[hi, en]"),
        ("thimphu", "bt", "[dz, en]"),
    ] {
        let run = khula(tmp.path(), &["new", slug, "--country", country]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("khula check"), "{}", run.stdout);
        let dir = tmp.path().join("content").join(slug);
        let site = read(&dir.join("site.yaml"));
        assert!(site.contains(&format!("languages: {languages}")), "{site}");
        for file in [
            "profile.yaml",
            "pages/about.md",
            "budget.csv",
            "tax-rates.csv",
        ] {
            assert!(dir.join(file).is_file(), "{slug}/{file}");
        }
        let budget = read(&dir.join("budget.csv"));
        assert_eq!(budget.lines().count(), 1, "header only: {budget}");
        assert!(budget.contains("fiscal_year") && budget.contains("allocated"));
    }
    let np = read(&tmp.path().join("content/bhimdatta/site.yaml"));
    assert!(np.contains("name: \"Bhimdatta\""), "{np}");
    assert!(np.contains("calendar: bikram-sambat"));
    assert!(np.contains("fiscal_year_start: 04-01"));
    // Every key has a comment just above it (or above its block).
    let lines: Vec<&str> = np.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() && !line.starts_with(['#', ' ']) {
            assert!(
                lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| !l.is_empty())
                    .any(|l| l.starts_with('#')),
                "no comment explains `{line}`"
            );
        }
    }
    let bd = read(&tmp.path().join("content/sreepur-2/site.yaml"));
    assert!(bd.contains("calendar: gregorian") && bd.contains("fiscal_year_start: 07-01"));
    check_and_build(tmp.path());
    assert!(tmp.path().join("sites/bhimdatta/index.html").is_file());
    assert!(tmp.path().join("sites/thimphu/index.html").is_file());
    // Files with only their header row make no empty pages and no menu entries.
    let site = tmp.path().join("sites/bhimdatta");
    for page in [
        "budget.html",
        "tax-rates.html",
        "decisions.html",
        "projects.html",
    ] {
        assert!(!site.join(page).exists(), "{page} of a file with no rows");
    }
    let home = common::html(&site.join("en/index.html"));
    let menu = common::texts(&home, "nav.main a");
    assert!(
        !menu.iter().any(|m| m == "Budget" || m == "Decisions"),
        "{menu:?}"
    );
}

#[test]
fn from_copies_headers_without_data_rows() {
    let tmp = tempfile::tempdir().unwrap();
    content_with_sample(tmp.path(), "dhangadhi");
    let run = khula(
        tmp.path(),
        &[
            "new",
            "bhimdatta",
            "--from",
            "dhangadhi",
            "--name",
            "Bhimdatta Municipality",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let old = tmp.path().join("content/dhangadhi");
    let new = tmp.path().join("content/bhimdatta");
    let csvs = common::files(&old, "csv");
    assert!(!csvs.is_empty());
    for csv in csvs {
        let rel = csv.strip_prefix(&old).unwrap();
        let copied = read(&new.join(rel));
        let source = read(&csv);
        assert_eq!(copied.lines().count(), 1, "{}: {copied}", rel.display());
        assert_eq!(
            copied.lines().next(),
            source.lines().next(),
            "{}",
            rel.display()
        );
        assert!(source.lines().count() > 1, "{} had rows", rel.display());
    }
    let site = read(&new.join("site.yaml"));
    assert!(site.contains("name: \"Bhimdatta Municipality\""), "{site}");
    assert!(
        !site.contains("धनगढी उपमहानगरपालिका"),
        "old name gone: {site}"
    );
    assert!(site.contains("languages: [ne, en]"));
    assert!(!new.join("decisions").exists(), "decision texts not copied");
    check_and_build(tmp.path());
    let home = read(&tmp.path().join("sites/bhimdatta/en/index.html"));
    assert!(home.contains("Bhimdatta Municipality"));
}

#[test]
fn a_bad_slug_or_an_existing_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    content_with_sample(tmp.path(), "dhangadhi");
    let bad = khula(tmp.path(), &["new", "Bhim Datta"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("bhim-datta"), "{}", bad.stderr);

    let taken = khula(tmp.path(), &["new", "dhangadhi"]);
    assert_eq!(taken.code, 2);
    assert!(taken.stderr.contains("already exists"), "{}", taken.stderr);

    let unknown = khula(tmp.path(), &["new", "x", "--from", "nowhere"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("dhangadhi"), "{}", unknown.stderr);

    let country = khula(tmp.path(), &["new", "x", "--country", "ZZ"]);
    assert_eq!(country.code, 2, "{}", country.stderr);

    // Names the site's own pages use, and names too long for every disk.
    for slug in ["compare", "councils", &"a".repeat(65)] {
        let reserved = khula(tmp.path(), &["new", slug]);
        assert_eq!(reserved.code, 2, "{slug}: {}", reserved.stderr);
    }

    let entries: Vec<String> = std::fs::read_dir(tmp.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["dhangadhi"], "nothing left behind");
}
