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
