//! Every word a reader sees is in the page's language: closed values (project stages,
//! revenue and expenditure words) translated, and counts in the plural form CLDR gives
//! the language.

mod common;
use common::*;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn strings(lang: &str) -> BTreeMap<String, String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.yaml"));
    serde_saphyr::from_str(&read(&path)).unwrap()
}

/// The samples with one service, one decision and one project in each council.
fn one_of_each() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    for council in ["dhangadhi", "sreepur", "gulberg-town"] {
        let dir = content.join(council);
        for file in ["services.csv", "decisions.csv", "projects.csv"] {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            let text = read(&path);
            let mut lines = text.lines();
            let header = lines.next().unwrap();
            let rows: Vec<&str> = lines.collect();
            // Keep a decision whose full text is there, so no text is left without its row.
            let keep = rows
                .iter()
                .find(|r| {
                    let reference = r.split(',').nth(1).unwrap_or("");
                    file == "decisions.csv"
                        && dir
                            .join("decisions")
                            .join(format!("{reference}.md"))
                            .is_file()
                })
                .unwrap_or(&rows[0]);
            std::fs::write(&path, format!("{header}\n{keep}\n")).unwrap();
        }
    }
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    (tmp, out)
}

/// The language an element's text is in: its own or its nearest ancestor's `lang`.
fn lang_of(el: ElementRef) -> String {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .find_map(|e| e.value().attr("lang"))
        .unwrap_or("")
        .to_string()
}

/// The visible text of a page in the page's own language (text marked `lang` of another
/// language, scripts and styles left out), one string per text node.
fn own_language_text(doc: &Html) -> Vec<String> {
    let page = doc
        .root_element()
        .value()
        .attr("lang")
        .unwrap_or("")
        .to_string();
    doc.tree
        .nodes()
        .filter_map(|node| {
            let Node::Text(text) = node.value() else {
                return None;
            };
            let parent = node.parent().and_then(ElementRef::wrap)?;
            let skipped = ["script", "style", "title"].contains(&parent.value().name());
            (!skipped && lang_of(parent) == page).then(|| text.to_string())
        })
        .collect()
}

/// Pages of `council` in languages other than English.
fn translated_pages(out: &Path, council: &str) -> Vec<PathBuf> {
    files(&out.join(council), "html")
        .into_iter()
        .filter(|p| !p.strip_prefix(out.join(council)).unwrap().starts_with("en"))
        .collect()
}

#[test]
fn project_stages_are_in_the_pages_language() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let english = ["in progress", "stalled", "planned", "completed", "tendered"];
    let mut seen = 0;
    for (council, lang) in [("dhangadhi", "ne"), ("gulberg-town", "ur")] {
        let words = strings(lang);
        for page in translated_pages(&out, council) {
            let doc = html(&page);
            for text in own_language_text(&doc) {
                let lower = text.trim().to_lowercase();
                assert!(
                    !english.contains(&lower.as_str()),
                    "{}: {text:?} in English",
                    page.display()
                );
            }
        }
        let doc = html(&out.join(council).join("projects.html"));
        let cells = texts(&doc, "tbody td:nth-child(2)");
        assert!(!cells.is_empty(), "{council}: no project rows");
        for cell in cells {
            assert!(
                words
                    .iter()
                    .any(|(k, v)| k.starts_with("stage_") && *v == cell),
                "{council}: status {cell:?} is not a translated stage"
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen}");
}

#[test]
fn revenue_is_estimated_and_received_in_every_language() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let pages = [
        ("dhangadhi/budget.html", "ne"),
        ("dhangadhi/en/budget.html", "en"),
        ("sreepur/budget.html", "bn"),
        ("gulberg-town/budget.html", "ur"),
    ];
    for (page, lang) in pages {
        let words = strings(lang);
        let w = |k: &str| words[k].clone();
        let doc = html(&out.join(page));
        let revenue = texts(&doc, "section[aria-labelledby=rev] dt");
        assert_eq!(
            revenue,
            [
                w("revenue_estimated"),
                w("revenue_revised"),
                w("revenue_received"),
                w("revenue_rate")
            ],
            "{page}"
        );
        let expenditure = texts(&doc, "section[aria-labelledby=exp] dt");
        assert_eq!(
            expenditure,
            [
                w("allocated"),
                w("revised"),
                w("spent"),
                w("execution_rate")
            ],
            "{page}"
        );
        // The revenue table's columns say received, never spent or allocated.
        let heads = texts(&doc, "#revenue thead th");
        if !heads.is_empty() {
            assert!(heads.contains(&w("revenue_received")), "{page}: {heads:?}");
            assert!(heads.contains(&w("revenue_rate")), "{page}: {heads:?}");
            for word in ["spent", "allocated", "execution_rate"] {
                assert!(!heads.contains(&w(word)), "{page}: {heads:?}");
            }
        }
        // The currency is named in words.
        let note = texts(&doc, "main p.note").join(" ");
        assert!(
            ["NPR", "BDT", "PKR"].iter().all(|c| !note.contains(c)),
            "{page}: {note}"
        );
    }
}

#[test]
fn a_council_with_one_of_each_has_no_plural_for_one() {
    let (_tmp, out) = one_of_each();
    let wrong = [
        "1 services",
        "1 decisions",
        "1 projects",
        "1 local governments",
        "these 1",
        "1 lines",
        "1 months",
    ];
    let mut pages = 0;
    for page in files(&out, "html") {
        let text = texts(&html(&page), "body").join(" ");
        for phrase in wrong {
            assert!(
                !text.contains(phrase),
                "{}: {phrase:?} in {text}",
                page.display()
            );
        }
        pages += 1;
    }
    assert!(pages > 20, "{pages}");
    // Urdu has a singular form, and the page uses it.
    let ur = strings("ur");
    let doc = html(&out.join("gulberg-town/decisions.html"));
    let text = texts(&doc, "main").join(" ");
    let one = ur["decision_count_one"].replace("{count}", "1");
    assert!(text.contains(&one), "{one:?} not in {text}");
    let en = html(&out.join("dhangadhi/en/services.html"));
    assert!(texts(&en, "main").join(" ").contains("1 service"));
}

#[test]
fn a_dash_says_not_reported_in_the_pages_language() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let mut dashes = 0;
    // The councils' pages and the site's comparison pages.
    for folder in ["dhangadhi", "sreepur", "gulberg-town", "compare"] {
        for page in files(&out.join(folder), "html") {
            let doc = html(&page);
            let lang = doc.root_element().value().attr("lang").unwrap().to_string();
            let label = strings(&lang)["not_reported"].clone();
            for node in doc.tree.nodes() {
                let Node::Text(text) = node.value() else {
                    continue;
                };
                if text.trim() != "—" {
                    continue;
                }
                let parent = ElementRef::wrap(node.parent().unwrap()).unwrap();
                // A chart is one image (`role="img"`, its title and description): its
                // own text is not read out.
                let in_chart =
                    std::iter::successors(parent.parent().and_then(ElementRef::wrap), |e| {
                        e.parent().and_then(ElementRef::wrap)
                    })
                    .any(|e| e.value().attr("role") == Some("img"));
                if in_chart {
                    continue;
                }
                let attr = |a| parent.value().attr(a);
                assert_eq!(
                    (attr("role"), attr("aria-label")),
                    (Some("img"), Some(label.as_str())),
                    "{}: a dash without its words",
                    page.display()
                );
                dashes += 1;
            }
        }
    }
    assert!(dashes > 20, "{dashes}");
}

#[test]
fn where_nothing_is_reported_the_page_says_so_instead_of_showing_dashes() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let bn = strings("bn");
    // Sreepur reports no population, households or area, for itself or its wards.
    for page in ["profile.html", "wards/3.html"] {
        let doc = html(&out.join("sreepur").join(page));
        let main = texts(&doc, "main").join(" ");
        assert!(main.contains(&bn["nothing_reported"]), "{page}: {main}");
        assert!(texts(&doc, "main dl.figures").is_empty(), "{page}: {main}");
        assert!(texts(&doc, "main table").is_empty(), "{page}: {main}");
    }
    // The wards are still listed, each a link to its page.
    let profile = html(&out.join("sreepur/profile.html"));
    let wards = profile.select(&sel("main li a[href^='wards/']")).count();
    assert_eq!(wards, 8);
    // A profile with figures keeps them, with no such sentence.
    let ne = strings("ne");
    let doc = html(&out.join("dhangadhi/profile.html"));
    assert!(!texts(&doc, "main dl.figures").is_empty());
    assert!(
        !texts(&doc, "main")
            .join(" ")
            .contains(&ne["nothing_reported"])
    );
}

#[test]
fn headings_name_their_subject_and_a_table_is_named_once_by_its_caption() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let doc = html(&out.join("dhangadhi/en/budget.html"));
    let headings = texts(&doc, "main h2");
    assert!(
        headings.contains(&"Expenditure by sector".to_string()),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"Revenue by sector".to_string()),
        "{headings:?}"
    );
    assert!(!headings.contains(&"By sector".to_string()), "{headings:?}");
    // No named section (a region landmark) around a table: its scroll region and caption
    // already name it.
    for section in doc.select(&sel(
        "main section[aria-labelledby], main section[aria-label]",
    )) {
        assert!(
            section.select(&sel("table")).next().is_none(),
            "a named section around a table: {}",
            section.html().chars().take(120).collect::<String>()
        );
    }
    let names = |text: &str| {
        doc.select(&sel(
            "main h2, main [role=region], main caption, main section[aria-labelledby]",
        ))
        .filter(|e| {
            let own = e.text().collect::<String>();
            let by = e
                .value()
                .attr("aria-labelledby")
                .and_then(|id| doc.select(&sel(&format!("#{id}"))).next())
                .map(|l| l.text().collect::<String>());
            own.trim() == text || by.as_deref().map(str::trim) == Some(text)
        })
        .count()
    };
    // The heading, the table's scroll region and its caption.
    assert_eq!(names("Programmes"), 3);
}

#[test]
fn complaint_totals_say_how_many_months_they_cover() {
    let (_tmp, out) = build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    for (page, lang) in [
        ("dhangadhi/en/complaints.html", "en"),
        ("gulberg-town/complaints.html", "ur"),
    ] {
        let doc = html(&out.join(page));
        let months = texts(&doc, "#by-month tbody tr").len();
        assert!((1..12).contains(&months), "{page}: {months}");
        let caption = texts(&doc, "#by-month caption").join("");
        let words = strings(lang);
        let form = if months == 1 {
            "last_months_one"
        } else {
            "last_months"
        };
        assert_eq!(
            caption,
            words[form].replace("{count}", &months.to_string()),
            "{page}"
        );
        let lead = texts(&doc, "main dl.figures small").join(" ");
        assert!(lead.contains(&caption), "{page}: {lead}");
    }
}
