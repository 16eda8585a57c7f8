//! Every reader's language, script, digits and calendar, checked on the built pages.

mod common;
use common::*;
use std::path::Path;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

#[test]
fn nepali_pages_use_devanagari_digits_lakh_grouping_and_bs_years() {
    let (_tmp, out) = built();
    let doc = html(&out.join("dhangadhi/budget.html"));
    assert_eq!(doc.root_element().value().attr("lang"), Some("ne"));
    assert_eq!(texts(&doc, "h1"), vec!["बजेट २०८१/८२"]);
    let cells = texts(&doc, "#sectors tbody td");
    assert!(
        cells
            .iter()
            .any(|c| c == "३४,००,००,०००" || c == "३५,५०,००,०००"),
        "{cells:?}"
    );
    let years = texts(&doc, "nav.years a");
    assert_eq!(years, vec!["२०८०/८१"]);
    // BS dates with Nepali month names and the AD date beside them.
    let decisions = html(&out.join("dhangadhi/decisions.html"));
    let meta = texts(&decisions, ".meta").join(" | ");
    assert!(meta.contains("२०८१ साउन १५"), "{meta}");
    assert!(meta.contains("२०२४"), "AD year beside the BS date: {meta}");
    let time = decisions.select(&sel("time")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2024-07-30"));
}

#[test]
fn bengali_pages_use_bengali_digits_and_urdu_pages_are_right_to_left() {
    let (_tmp, out) = built();
    let doc = html(&out.join("sreepur/budget-2023-24.html"));
    assert_eq!(doc.root_element().value().attr("lang"), Some("bn"));
    let cells = texts(&doc, "#programmes tbody td");
    assert!(cells.iter().any(|c| c == "২,৩০,০০,০০০"), "{cells:?}");
    assert!(texts(&doc, "h1")[0].contains("২০২৩-২৪"));
    for page in files(&out.join("gulberg-town"), "html") {
        let in_english = page
            .strip_prefix(out.join("gulberg-town"))
            .unwrap()
            .starts_with("en");
        let doc = html(&page);
        let root = doc.root_element().value();
        if in_english {
            assert_eq!(root.attr("dir"), Some("ltr"), "{}", page.display());
        } else {
            assert_eq!(
                (root.attr("lang"), root.attr("dir")),
                (Some("ur"), Some("rtl")),
                "{}",
                page.display()
            );
        }
    }
}

/// The file a link of `page` leads to: relative to the page, or, when absolute, below the
/// council folder `council` (whose address is the root of its host in these fixtures).
fn local(page: &std::path::Path, council: &std::path::Path, href: &str) -> std::path::PathBuf {
    match href.strip_prefix("https://") {
        Some(rest) => {
            let path = rest.split_once('/').map_or("", |(_, p)| p);
            if path.is_empty() || path.ends_with('/') {
                council.join(path).join("index.html")
            } else {
                council.join(path)
            }
        }
        None => page.parent().unwrap().join(href),
    }
}

#[test]
fn every_page_links_to_itself_in_every_other_language() {
    let (_tmp, out) = built();
    let mut checked = 0;
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        for page in files(&out.join(slug), "html") {
            let doc = html(&page);
            // `hreflang` alternates only where the council's address is known (Sreepur):
            // both languages and `x-default`, absolute, as search engines require.
            let alternates: Vec<(String, String)> = doc
                .select(&sel("link[rel=alternate][hreflang]"))
                .map(|l| {
                    (
                        l.value().attr("hreflang").unwrap().to_string(),
                        l.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect();
            if slug == "sreepur" {
                assert_eq!(alternates.len(), 3, "{}", page.display());
                assert!(alternates.iter().all(|(_, h)| h.starts_with("https://")));
            } else {
                assert_eq!(alternates, Vec::new(), "{}", page.display());
            }
            // The page's language links lead to the same page in the other language.
            let links: Vec<(String, String)> = doc
                .select(&sel("nav.langs a[hreflang]"))
                .map(|l| {
                    (
                        l.value().attr("hreflang").unwrap().to_string(),
                        l.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(links.len(), 1, "{}", page.display());
            for (lang, href) in links {
                let target = local(&page, &out.join(slug), &href);
                assert!(target.is_file(), "{} -> {href}", page.display());
                let other = html(&target);
                assert_eq!(
                    other.root_element().value().attr("lang"),
                    Some(lang.as_str())
                );
                checked += 1;
            }
            // The visible switcher names each language in its own script.
            let names = texts(&doc, "nav.langs li");
            assert!(names.iter().any(|n| n == "English"), "{names:?}");
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn missing_translations_fall_back_and_the_page_says_so() {
    let (_tmp, out) = built();
    // The right-to-information page has an English translation; the sectors of the
    // Nepali-only programme "source" column do not.
    let doc = html(&out.join("dhangadhi/en/budget.html"));
    let note = texts(&doc, "p.note[role=note]").join(" ");
    assert!(
        note.contains("नेपाली"),
        "fallback note names the language: {note}"
    );
    let marked: Vec<String> = doc
        .select(&sel("td[lang=ne], th[lang=ne], span[lang=ne]"))
        .map(|e| e.text().collect())
        .collect();
    assert!(marked.iter().any(|t| t.contains("अनुदान")), "{marked:?}");
    let page = html(&out.join("dhangadhi/en/pages/right-to-information.html"));
    assert!(
        texts(&page, "p.note[role=note]").is_empty(),
        "translated page has no fallback note"
    );
}

/// The language switch leads to the same page in the other language, not to its home page:
/// `budget.html` ↔ `en/budget.html`, and so for every page both languages have.
#[test]
fn the_language_switch_leads_to_the_same_page_in_the_other_language() {
    let (_tmp, out) = build(&fixture("contract"));
    let council = out.join("dhangadhi");
    let english = council.join("en");
    let budget = html(&council.join("budget.html"));
    let switch = |doc: &scraper::Html, lang: &str| -> Vec<String> {
        let visible = format!("nav.langs a[hreflang={lang}]");
        let alternate = format!("link[rel=alternate][hreflang={lang}]");
        [visible, alternate]
            .iter()
            .map(|s| {
                doc.select(&sel(s))
                    .next()
                    .and_then(|e| e.value().attr("href"))
                    .unwrap_or_else(|| panic!("no {s}"))
                    .to_string()
            })
            .collect()
    };
    // The visible link is relative (it works from a USB stick); the alternate for search
    // engines is absolute, at the council's official address.
    assert_eq!(
        switch(&budget, "en"),
        ["en/budget.html", "https://example.gov.np/en/budget.html"]
    );
    let back = html(&english.join("budget.html"));
    assert_eq!(
        switch(&back, "ne"),
        ["../budget.html", "https://example.gov.np/budget.html"]
    );

    let mut kinds = std::collections::BTreeSet::new();
    for page in files(&council, "html") {
        let rel = page.strip_prefix(&council).unwrap().to_path_buf();
        let (lang, other, twin) = match rel.strip_prefix("en") {
            Ok(rest) => ("en", "ne", council.join(rest)),
            Err(_) => ("ne", "en", english.join(&rel)),
        };
        if !twin.is_file() {
            continue;
        }
        let doc = html(&page);
        for href in switch(&doc, other) {
            let target = local(&page, &council, &href);
            assert_eq!(
                target.canonicalize().ok(),
                twin.canonicalize().ok(),
                "{lang} {} -> {href}",
                rel.display()
            );
        }
        let name = rel.file_name().unwrap().to_string_lossy();
        kinds.insert(name.split(['-', '.']).next().unwrap().to_string());
    }
    // Every kind of page the contract council has was looked at.
    for kind in [
        "index",
        "budget",
        "tax",
        "decisions",
        "2080",
        "documents",
        "services",
        "projects",
        "complaints",
        "profile",
        "data",
        "schools",
        "about",
    ] {
        assert!(kinds.contains(kind), "{kind} not checked: {kinds:?}");
    }
}
