//! Legacy-font text (Preeti, Bijoy) found and converted: the word lists of
//! `tests/fixtures/legacy/` (see its SOURCE.md), and the warnings and `khula fix` on a council.

use khula::text::legacy::{Font, convert};
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
