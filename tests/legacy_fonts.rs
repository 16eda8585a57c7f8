//! Legacy-font text (Preeti, Bijoy) found and converted: the word lists of
//! `tests/fixtures/legacy/` (see its SOURCE.md), and the warnings and `khula fix` on a council.

use khula::text::legacy::{Font, convert, detect};
use std::path::Path;

/// The (legacy, unicode) pairs of a word list.
fn words(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/legacy")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            let legacy = parts.next().unwrap().to_string();
            let unicode = parts.next().unwrap().to_string();
            (legacy, unicode)
        })
        .collect()
}

fn check_list(font: Font, name: &str) {
    let list = words(name);
    assert!(list.len() >= 50, "{name} has {} words", list.len());
    let wrong: Vec<String> = list
        .iter()
        .filter_map(|(legacy, unicode)| {
            let got = convert(font, legacy);
            (&got != unicode).then(|| format!("{legacy} → {got}, expected {unicode}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn preeti_word_list_converts() {
    check_list(Font::Preeti, "preeti.tsv");
}

#[test]
fn bijoy_word_list_converts() {
    check_list(Font::Bijoy, "bijoy.tsv");
}

/// Each kind of word (offices, places, budget, charter) written as one line, as a cell or
/// a sentence would hold it: found, and its suggestion is the whole line in Unicode.
fn check_lines(font: Font, name: &str) {
    let list = words(name);
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/legacy")
            .join(name),
    )
    .unwrap();
    let kinds: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    let mut seen = Vec::new();
    for kind in &kinds {
        if seen.contains(kind) {
            continue;
        }
        seen.push(kind);
        let (legacy, unicode): (Vec<&str>, Vec<&str>) = list
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| *k == kind)
            .map(|((l, u), _)| (l.as_str(), u.as_str()))
            .unzip();
        let line = legacy.join(" ");
        let found = detect(font, &line).unwrap_or_else(|| panic!("not found: {line}"));
        assert_eq!(found.start, 0);
        assert_eq!(found.suggestion, unicode.join(" "));
    }
}

#[test]
fn preeti_lines_are_found() {
    check_lines(Font::Preeti, "preeti.tsv");
}

#[test]
fn bijoy_lines_are_found() {
    check_lines(Font::Bijoy, "bijoy.tsv");
}

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy/content")
}

fn khula(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

/// A council with Preeti in a CSV cell, YAML strings and a page, and a converter's split
/// signs: each is a warning at its file, line and column with the Unicode text; the English
/// page (addresses, a code) is not.
#[test]
fn check_warns_at_each_value() {
    let content = fixture();
    let (_, err, code) = khula(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let council = content.join("preeti-nagar");
    let at = |file: &str, pos: &str| format!("{}:{pos}: warning: ", council.join(file).display());
    for (file, pos, text) in [
        (
            "services.csv",
            "2:59",
            "\"j8f sfof{no\" looks typed in the Preeti font; in Unicode it reads \"वडा कार्यालय\"",
        ),
        (
            "services.csv",
            "3:108",
            "in Unicode it reads \"दुवैको नागरिकता\"",
        ),
        (
            "services.csv",
            "4:24",
            "\"अाएकाे सिफारिस\" has vowel signs split in two",
        ),
        (
            "site.yaml",
            "2:13",
            "in Unicode it reads \"धरान नगरपालिका\"",
        ),
        ("site.yaml", "3:12", "in Unicode it reads \"नगरपालिका\""),
        ("site.yaml", "13:18", "in Unicode it reads \"धरान, सुनसरी\""),
        (
            "pages/about.md",
            "4:1",
            "in Unicode it reads \"धरान नगरपालिका को कार्यालय सुनसरी जिल्लामा छ ।\"",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&at(file, pos)))
            .unwrap_or_else(|| panic!("no warning at {file}:{pos} in\n{err}"));
        assert!(line.contains(text), "{line}");
    }
    assert!(!err.contains("about.en.md"), "{err}");
    // Bijoy bytes in a Bengali union's cells (alone, and inside Unicode text) and name; not
    // the English address, web address and phone number beside them.
    let union = content.join("bijoy-union");
    let at = |file: &str, pos: &str| format!("{}:{pos}: warning: ", union.join(file).display());
    for (file, pos, text) in [
        (
            "services.csv",
            "2:22",
            "\"Rb¥ wbeÜb\" looks typed in the Bijoy (SutonnyMJ) font; in Unicode it reads \"জন্ম নিবন্ধন\"",
        ),
        (
            "services.csv",
            "3:17",
            "in Unicode it reads \"স্থাবর সম্পত্তির সনদ\"",
        ),
        (
            "site.yaml",
            "2:13",
            "in Unicode it reads \"আমিনপুর ইউনিয়ন পরিষদ\"",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&at(file, pos)))
            .unwrap_or_else(|| panic!("no warning at {file}:{pos} in\n{err}"));
        assert!(line.contains(text), "{line}");
    }
    assert!(err.contains("10 warnings"), "{err}");
}

/// `khula fix --legacy-fonts` converts in place, keeps a backup, prints what it changed, and
/// finds nothing the second time; the council then checks without a legacy-font warning.
#[test]
fn fix_converts_in_place_once() {
    let tmp = std::env::temp_dir().join(format!("khula-legacy-fix-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&fixture(), &tmp);
    let dir = tmp.to_str().unwrap();
    let (out, err, code) = khula(&["fix", "--legacy-fonts", "--content", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("services.csv:2: j8f sfof{no → वडा कार्यालय"),
        "{out}"
    );
    assert!(
        out.contains("bijoy-union/services.csv:3: ¯’vei সম্পত্তির সনদ → স্থাবর সম্পত্তির সনদ"),
        "{out}"
    );
    assert!(out.contains("Fixed 11 values in 5 files"), "{out}");
    let site = std::fs::read_to_string(tmp.join("preeti-nagar/site.yaml")).unwrap();
    assert!(
        site.contains("name: {ne: \"धरान नगरपालिका\", en: Dharan Municipality}"),
        "{site}"
    );
    let backup = std::fs::read_to_string(tmp.join(".khula-backup/preeti-nagar/site.yaml")).unwrap();
    assert!(backup.contains("w/fg gu/kflnsf"));
    let (again, _, _) = khula(&["fix", "--legacy-fonts", "--content", dir]);
    assert_eq!(again.trim(), "Nothing to fix.");
    let (_, err, code) = khula(&["check", "--content", dir]);
    assert_eq!(code, 0);
    assert!(!err.contains("warning"), "{err}");
    std::fs::remove_dir_all(&tmp).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `legacy_fonts: convert` in site.yaml: the build reads the text converted, so the pages
/// show Unicode and nothing is warned about; the files are left as they are.
#[test]
fn build_converts_with_the_setting() {
    let tmp = std::env::temp_dir().join(format!("khula-legacy-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let site = content.join("preeti-nagar/site.yaml");
    let yaml = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{yaml}legacy_fonts: convert\n")).unwrap();
    let union_site = content.join("bijoy-union/site.yaml");
    let union_yaml = std::fs::read_to_string(&union_site).unwrap();
    std::fs::write(&union_site, format!("{union_yaml}legacy_fonts: convert\n")).unwrap();
    let out = tmp.join("out");
    let (_, err, code) = khula(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    let home = std::fs::read_to_string(out.join("preeti-nagar/index.html")).unwrap();
    assert!(home.contains("धरान नगरपालिका"), "{home}");
    assert!(!home.contains("gu/kflnsf"));
    let services = std::fs::read_to_string(out.join("preeti-nagar/data/services.csv")).unwrap();
    assert!(services.contains("वडा कार्यालय") && services.contains("आएको सिफारिस"));
    assert!(!services.contains("sfof{no") && !services.contains("अा"));
    let union = std::fs::read_to_string(out.join("bijoy-union/data/services.csv")).unwrap();
    assert!(
        union.contains("জন্ম নিবন্ধন") && union.contains("স্থাবর সম্পত্তির সনদ"),
        "{union}"
    );
    assert!(
        std::fs::read_to_string(&site)
            .unwrap()
            .contains("gu/kflnsf")
    );
    std::fs::write(&site, format!("{yaml}legacy_fonts: yes\n")).unwrap();
    let (_, err, code) = khula(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("legacy_fonts is \"yes\""), "{err}");
    std::fs::remove_dir_all(&tmp).unwrap();
}
