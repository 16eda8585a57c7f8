//! The citizen charter, complaints, projects, wards, documents and generic datasets, checked
//! on the sample councils' pages against their CSV files.

mod common;
use common::*;
use std::path::Path;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

#[test]
fn citizen_charter_lists_services_by_category_with_fees_and_documents() {
    let (_tmp, out) = built();
    let index = html(&out.join("dhangadhi/en/services.html"));
    let categories = texts(&index, "nav.years a");
    assert_eq!(
        categories,
        vec![
            "Vital registration (2)",
            "Recommendations (2)",
            "Business (1)"
        ]
    );
    let az = texts(&index, "#a-z tbody th");
    let mut sorted = az.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(az, sorted, "A–Z index is sorted");
    assert_eq!(az.len(), 5);
    let page = html(&out.join("dhangadhi/en/services/1.html"));
    let facts = texts(&page, "section[aria-labelledby=s1] dl div");
    assert!(
        facts.contains(&"Fee Free".to_string()),
        "a fee of 0 is free: {facts:?}"
    );
    let checklist = texts(&page, "section[aria-labelledby=s1] ul.checklist li");
    assert_eq!(
        checklist,
        vec!["Hospital birth record", "Parents' citizenship certificates"]
    );
    let business = html(&out.join("dhangadhi/en/services/3.html"));
    assert!(
        texts(&business, "section[aria-labelledby=s1] dd")
            .iter()
            .any(|t| t == "NPR 1,500")
    );
    // Nepali page: the same fee in Devanagari digits.
    let ne = html(&out.join("dhangadhi/services/3.html"));
    assert!(
        texts(&ne, "section[aria-labelledby=s1] dd")
            .iter()
            .any(|t| t == "NPR १,५००"),
        "{:?}",
        texts(&ne, "section[aria-labelledby=s1] dd")
    );
}

#[test]
fn complaints_show_channels_figures_and_service_level_in_words() {
    let (_tmp, out) = built();
    let doc = html(&out.join("dhangadhi/en/complaints.html"));
    let channels = texts(&doc, "section[aria-labelledby=how] dd");
    assert!(
        channels.contains(&"16600191919".to_string()),
        "{channels:?}"
    );
    let tel = doc
        .select(&sel("section[aria-labelledby=how] a[href^='tel:']"))
        .next()
        .unwrap();
    assert_eq!(tel.value().attr("href"), Some("tel:16600191919"));
    // grievances.csv: received 24+15+30+12+18+9+21+14 = 143, resolved 125.
    let figures = texts(&doc, ".figures dd");
    assert!(figures[0].starts_with("143"), "{figures:?}");
    assert!(figures[1].starts_with("125"), "{figures:?}");
    let months = texts(&doc, "#by-month tbody tr");
    assert_eq!(months.len(), 4);
    // Shrawan: 30 of 32 resolved within the service level = 93.8% → met, in words.
    assert!(
        months[0].starts_with("Shrawan 2081 35 32 3 93.8% Met"),
        "{months:?}"
    );
    assert_eq!(doc.select(&sel("#by-month tbody .st.met")).count(), 1);
    // A month whose share is unknown for some rows still counts only what was reported.
    let chart = doc
        .select(&sel(
            ".bars[role=img][aria-labelledby=\"trend-t trend-d\"] #trend-t",
        ))
        .count();
    assert_eq!(chart, 1, "the trend is drawn, with a title");
    // Every page offers the way to complain.
    for page in files(&out.join("dhangadhi"), "html") {
        let doc = html(&page);
        assert!(
            doc.select(&sel("footer a[href^='tel:']")).next().is_some(),
            "{}",
            page.display()
        );
    }
}

#[test]
fn projects_by_stage_with_progress_in_text_and_ward_pages() {
    let (_tmp, out) = built();
    let doc = html(&out.join("dhangadhi/en/projects.html"));
    assert_eq!(texts(&doc, "p.lead"), vec!["1 of 4 projects completed"]);
    let rows = texts(&doc, "tbody tr");
    let road = rows.iter().find(|r| r.starts_with("Ward 12 road")).unwrap();
    assert!(road.contains("45%"), "progress in text: {road}");
    assert!(
        road.contains("2,50,00,000") && road.contains("1,10,00,000"),
        "{road}"
    );
    let bar = doc.select(&sel("progress[value='45']")).count();
    assert_eq!(bar, 1);
    let toilets = rows
        .iter()
        .find(|r| r.starts_with("School toilets"))
        .unwrap();
    assert!(
        toilets.contains('—'),
        "unreported progress and spending show a dash: {toilets}"
    );
    // Ward 12 gathers its project and its budget lines.
    let ward = html(&out.join("dhangadhi/en/wards/12.html"));
    assert_eq!(texts(&ward, "h1"), vec!["Ward 12"]);
    let tables = texts(&ward, "caption");
    assert!(tables.iter().any(|c| c == "Projects"), "{tables:?}");
    assert!(
        tables.iter().any(|c| c.starts_with("Budget lines")),
        "{tables:?}"
    );
    assert!(
        texts(&ward, "tbody th")
            .iter()
            .any(|t| t == "Ward 12 road blacktopping")
    );
}

#[test]
fn documents_library_and_generic_dataset() {
    let (_tmp, out) = built();
    let doc = html(&out.join("dhangadhi/en/documents.html"));
    let row = texts(&doc, "#documents tbody tr").remove(0);
    assert!(row.starts_with("Annual programme 2081/82"), "{row}");
    assert!(row.contains("PDF, 1 KB"), "{row}");
    let link = doc.select(&sel("#documents tbody a")).next().unwrap();
    let href = link.value().attr("href").unwrap();
    assert!(out.join("dhangadhi/en").join(href).is_file(), "{href}");
    // datasets/schools.csv: columns typed, numeric totals in the footer.
    let ds = html(&out.join("dhangadhi/en/datasets/schools.html"));
    assert_eq!(texts(&ds, "h1"), vec!["Schools by ward"]);
    let heads = texts(&ds, "#data thead th");
    assert_eq!(
        heads,
        vec![
            "Ward",
            "Community schools",
            "Institutional schools",
            "Students"
        ]
    );
    let foot = texts(&ds, "#data tfoot tr").remove(0);
    assert_eq!(foot, "Total 14 10 7,435");
    let num = ds.select(&sel("#data tbody td.num")).count();
    assert_eq!(num, 12, "numeric columns are right-aligned figures");
}

#[test]
fn home_page_has_a_card_for_each_section_with_its_key_figure() {
    let (_tmp, out) = built();
    let doc = html(&out.join("dhangadhi/en/index.html"));
    let cards = texts(&doc, "section[aria-labelledby=more] li");
    for expected in [
        "Services 5 services",
        "Make a complaint Resolved within 7 days: 87.3%",
        "Projects 1 of 4 projects completed",
        "Documents 1",
    ] {
        assert!(
            cards.iter().any(|c| c == expected),
            "{expected:?} not in {cards:?}"
        );
    }
}
