//! The site's entry pages (the index, its lists and the comparison) in the languages of the
//! councils they list: each version's language and direction, headings and counts in the
//! language and its digits, a meta description, and a language switch whose links resolve
//! from `file://` to the same page in the language they name.

mod common;

use common::{build, files, html, sel, texts};
use scraper::Html;
use std::path::{Path, PathBuf};

/// The sample councils (Nepali, Bengali and Urdu, each with English) built once per test.
fn samples() -> (tempfile::TempDir, PathBuf) {
    build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// Every entry page below `out`: the index, its lists and the comparison pages.
fn entry_pages(out: &Path) -> Vec<PathBuf> {
    let mut pages = vec![out.join("index.html")];
    pages.extend(files(&out.join("councils"), "html"));
    pages.extend(files(&out.join("compare"), "html"));
    pages
}

/// Checks a page's language switch: one entry per version, each link resolving from the
/// page's folder to a page in the language it names, the current one not a link. The
/// pages carry no `<link rel="alternate" hreflang>`: search engines take only absolute
/// addresses there, and the entry pages' are relative. Returns the languages it offers.
fn check_switch(out: &Path, page: &Path) -> Vec<String> {
    let doc = html(page);
    let lang = attr(&doc, "html", "lang").unwrap();
    let shown = page.strip_prefix(out).unwrap().display().to_string();
    assert_eq!(
        doc.select(&sel("link[rel=alternate][hreflang]")).count(),
        0,
        "{shown}: relative hreflang links"
    );
    let mut offered = Vec::new();
    for entry in doc.select(&sel("nav.langs [lang]")) {
        let code = entry.value().attr("lang").unwrap();
        if code == lang {
            assert_eq!(entry.value().name(), "span", "{shown}: current is a link");
            assert_eq!(entry.value().attr("aria-current"), Some("true"));
        } else {
            assert_eq!(entry.value().name(), "a", "{shown}");
            assert_eq!(entry.value().attr("hreflang"), Some(code));
            let href = entry.value().attr("href").unwrap();
            let target = page.parent().unwrap().join(href);
            assert!(target.is_file(), "{shown}: {href} is missing");
            let other = html(&target);
            assert_eq!(
                attr(&other, "html", "lang").as_deref(),
                Some(code),
                "{shown} -> {href}"
            );
        }
        offered.push(code.to_string());
    }
    offered
}

#[test]
fn the_index_is_made_in_every_language_of_its_councils() {
    let (_tmp, out) = samples();
    // heading, count of the three councils (the language's digits and plural), direction
    let cases = [
        (
            "index.html",
            "en",
            "ltr",
            "Local governments",
            "3 local governments",
        ),
        (
            "councils/ne/index.html",
            "ne",
            "ltr",
            "स्थानीय तहहरू",
            "३ स्थानीय तह",
        ),
        (
            "councils/bn/index.html",
            "bn",
            "ltr",
            "স্থানীয় সরকার প্রতিষ্ঠান",
            "৩টি স্থানীয় সরকার প্রতিষ্ঠান",
        ),
        (
            "councils/ur/index.html",
            "ur",
            "rtl",
            "مقامی حکومتیں",
            "3 مقامی حکومتیں",
        ),
    ];
    for (path, lang, dir, heading, count) in cases {
        let page = out.join(path);
        let doc = html(&page);
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang), "{path}");
        assert_eq!(attr(&doc, "html", "dir").as_deref(), Some(dir), "{path}");
        assert_eq!(texts(&doc, "h1"), [heading], "{path}");
        assert_eq!(texts(&doc, "p.lead"), [count], "{path}");
        let description = attr(&doc, "meta[name=description]", "content").unwrap();
        assert!(description.contains(count), "{path}: {description}");
        assert_eq!(
            check_switch(&out, &page),
            ["en", "bn", "ne", "ur"],
            "{path}"
        );
    }
    // No council uses Hindi or Dzongkha: no version of the lists in them.
    assert!(!out.join("councils/hi").exists());
    assert!(!out.join("councils/dz").exists());
}

#[test]
fn places_and_names_in_the_pages_language_where_councils_give_them() {
    let (_tmp, out) = samples();
    let ne = html(&out.join("councils/ne/index.html"));
    let h2 = texts(&ne, "h2");
    assert!(h2.contains(&"नेपाल (एउटा स्थानीय तह)".to_string()), "{h2:?}");
    assert!(texts(&ne, "h3").contains(&"सुदूरपश्चिम प्रदेश (एउटा स्थानीय तह)".to_string()));
    // A Bengali council has no Nepali names: its own, marked as Bengali, and the English.
    let sreepur = ne
        .select(&sel("a[href$=\"sreepur/index.html\"]"))
        .next()
        .unwrap();
    assert_eq!(
        sreepur
            .select(&sel("span[lang=bn]"))
            .next()
            .map(|s| s.text().collect::<String>()),
        Some("শ্রীপুর উপজেলা পরিষদ".to_string())
    );
    assert_eq!(texts(&ne, "li span[lang=en]").len(), 2);

    // A province named only in Bengali, in an Urdu heading: marked as Bengali.
    let dhaka = html(&out.join("councils/ur/bd-dhaka-division.html"));
    assert_eq!(texts(&dhaka, "h1 span[lang=bn]"), ["ঢাকা বিভাগ"]);
    let h1: String = dhaka.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, "ঢাকা বিভাগ، بنگلہ دیش");

    let sindh = html(&out.join("councils/ur/pk-sindh.html"));
    assert_eq!(texts(&sindh, "h1"), ["سندھ، پاکستان"]);
    assert_eq!(texts(&sindh, "h2"), ["کراچی وسطی (ایک مقامی حکومت)"]);
    // Its councils link to their pages in Urdu, which is the first language of Gulberg.
    assert_eq!(
        attr(&sindh, "ul.councils a", "href").as_deref(),
        Some("../../gulberg-town/index.html")
    );
    // The English lists are unchanged in what they show.
    let en = html(&out.join("councils/np-sudurpashchim-province.html"));
    assert_eq!(texts(&en, "h1"), ["Sudurpashchim Province, Nepal"]);
    assert_eq!(
        attr(&en, "ul.councils a", "href").as_deref(),
        Some("../dhangadhi/index.html")
    );
}

#[test]
fn a_list_in_another_language_links_to_the_councils_pages_in_it() {
    let (_tmp, out) = samples();
    // Dhangadhi's English pages are in its `en/` folder; the English lists link to its
    // front page, the Nepali lists to the Nepali front page.
    let doc = html(&out.join("councils/bn/d.html"));
    assert_eq!(
        attr(&doc, "ul.councils a", "href").as_deref(),
        Some("../../dhangadhi/index.html")
    );
    let doc = html(&out.join("councils/bn/s.html"));
    assert_eq!(
        attr(&doc, "ul.councils a", "href").as_deref(),
        Some("../../sreepur/index.html")
    );
    assert_eq!(texts(&doc, "h1"), ["স্থানীয় সরকার প্রতিষ্ঠান: S"]);
}

#[test]
fn every_entry_page_has_a_description_and_a_switch_that_resolves() {
    let (_tmp, out) = samples();
    let pages = entry_pages(&out);
    assert!(pages.len() > 100, "{} entry pages", pages.len());
    for page in &pages {
        let shown = page.strip_prefix(&out).unwrap().display().to_string();
        let doc = html(page);
        let description = attr(&doc, "meta[name=description]", "content").unwrap_or_default();
        assert!(description.chars().count() > 20, "{shown}: {description:?}");
        assert!(!check_switch(&out, page).is_empty(), "{shown}: no switch");
    }
}

#[test]
fn a_countrys_comparison_is_made_in_its_councils_languages_only() {
    let (_tmp, out) = samples();
    let compare = out.join("compare");
    // Nepal's tables in Nepali, not in Bengali or Urdu; the overview in every language.
    assert!(compare.join("ne/np.html").is_file());
    assert!(!compare.join("bn/np.html").exists());
    assert!(!compare.join("ur/np.html").exists());
    assert!(!compare.join("ne/pk.html").exists());
    for lang in ["bn", "ne", "ur"] {
        assert!(compare.join(lang).join("index.html").is_file());
    }
    let page = compare.join("ne/np-population.html");
    assert_eq!(check_switch(&out, &page), ["en", "ne"]);
    let doc = html(&page);
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("ne"));
    assert_eq!(
        texts(&doc, "h1"),
        ["नेपाल: मुख्य अंक — आर्थिक वर्ष २०८१/८२ (विक्रम संवत्)"]
    );
    // Figures and ranks in Devanagari digits, grouped in lakhs as in English.
    let english = html(&compare.join("np-population.html"));
    let population = |d: &Html| texts(d, "th[scope=row] + td + td.num").first().cloned();
    assert_eq!(texts(&doc, "td.num").first().map(String::as_str), Some("१"));
    assert_eq!(population(&english).as_deref(), Some("2,04,788"));
    assert!(texts(&doc, "td.num").contains(&"२,०४,७८८".to_string()));
    assert_eq!(
        attr(&doc, "tbody th a", "href").as_deref(),
        Some("../../dhangadhi/index.html")
    );
    // The overview in Nepali links the other countries' tables in English, saying so.
    let overview = html(&compare.join("ne/index.html"));
    let pk = overview
        .select(&sel("a[href=\"../pk.html\"]"))
        .next()
        .unwrap();
    assert_eq!(pk.value().attr("hreflang"), Some("en"));
    assert_eq!(pk.value().attr("lang"), Some("en"));
    assert_eq!(texts(&overview, "h2")[1], "नेपाल");
}

#[test]
fn right_to_left_comparison_keeps_figures_and_years_whole() {
    let (_tmp, out) = samples();
    let doc = html(&out.join("compare/ur/pk-execution.html"));
    assert_eq!(attr(&doc, "html", "dir").as_deref(), Some("rtl"));
    let h1 = texts(&doc, "h1").remove(0);
    assert!(h1.contains("\u{2066}2023-24\u{2069}"), "{h1:?}");
    let cells = texts(&doc, "td.num");
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with('\u{2066}') && c.ends_with("%\u{2069}")),
        "{cells:?}"
    );
    assert_eq!(
        texts(&doc, "nav.main a"),
        ["مقامی حکومتیں", "مقامی حکومتوں کا موازنہ"]
    );
}

#[test]
fn a_mirrors_sitemap_lists_every_language_of_the_entry_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let run = common::khula(
        tmp.path(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://ngo.example.org/mirrors/",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let map = common::read(&out.join("sitemap-pages.xml"));
    for page in [
        "mirrors/</loc>",
        "mirrors/councils/ne/</loc>",
        "mirrors/councils/ur/pk-sindh.html</loc>",
        "mirrors/compare/</loc>",
        "mirrors/compare/bn/</loc>",
    ] {
        assert!(map.contains(page), "{page} not in\n{map}");
    }
}

#[test]
fn a_place_named_only_in_the_councils_language_is_marked_in_the_comparison() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    common::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    let site = content.join("gulberg-town/site.yaml");
    let yaml = common::read(&site)
        .replace("province: {ur: سندھ, en: Sindh}", "province: {ur: سندھ}")
        .replace(
            "district: {ur: کراچی وسطی, en: Karachi Central}",
            "district: {ur: کراچی وسطی}",
        );
    assert!(yaml.contains("district: {ur: کراچی وسطی}\n"));
    std::fs::write(&site, yaml).unwrap();
    let out = tmp.path().join("sites");
    let run = common::build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = html(&out.join("compare/pk.html"));
    let style = attr(&doc, "table", "style").unwrap_or_default();
    assert!(style.contains(":'Province · District'"), "{style}");
    let cell = doc.select(&sel("th[scope=row] + td")).next().unwrap();
    assert_eq!(cell.value().attr("lang"), Some("ur"));
    assert_eq!(cell.value().attr("dir"), Some("rtl"));
    assert_eq!(cell.text().collect::<String>(), "سندھ · کراچی وسطی");
    // In Urdu the same place is the page's language: not marked.
    let doc = html(&out.join("compare/ur/pk.html"));
    let style = attr(&doc, "table", "style").unwrap_or_default();
    assert!(style.contains(":'صوبہ · ضلع'"), "{style}");
    let cell = doc.select(&sel("th[scope=row] + td")).next().unwrap();
    assert_eq!(cell.value().attr("lang"), None);
}
