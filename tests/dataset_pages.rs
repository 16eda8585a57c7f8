//! A long generic dataset with a data dictionary, as a reader and a downloader get it: the
//! table in pages with a navigation that works from `file://`, the total of every row on
//! each page, codes as written, "About the columns", datapackage.json fields with their
//! description and unit, the full data in the downloads, every page in the sitemap; and the
//! clerk's mistakes (a column the dictionary names wrongly, a repeated header block in a
//! workbook, a dataset named like another's page) located.

mod common;

use common::{broken_links, build_into, copy_tree, html, read, sel, texts};
use std::io::Write;
use std::path::{Path, PathBuf};

const ROWS: usize = 119;

/// A copy of the sample council Dhangadhi (Nepali first, then English; Bikram Sambat) in a
/// temporary folder, with `files` written into it; returns (tmp, content, council folder).
fn council(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let dir = content.join("dhangadhi");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dhangadhi"),
        &dir,
    );
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    (tmp, content, dir)
}

/// Road works as a ward office exports them: a code with leading zeros, the ward, figures.
fn roads_csv() -> String {
    let mut csv = String::from("road_code,ward,road,length_km,cost,share_paved,completed\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "{:05},{},Road {i},{}.5,{},{}%,2080-{:02}-{:02}\n",
            101 + i,
            i % 19 + 1,
            i % 7,
            1000 + i * 10,
            i % 100,
            i % 12 + 1,
            i % 28 + 1,
        ));
    }
    csv
}

const ROADS_YAML: &str = "\
title: {ne: सडक निर्माण, en: Road works}
columns:
  road_code: {title: {ne: सडक कोड, en: Road code}, type: id}
  length_km:
    title: {ne: लम्बाइ, en: Length}
    type: number
    unit: {ne: कि.मि., en: km}
    description: {ne: कालोपत्रे गरिएको लम्बाइ, en: Length blacktopped this year}
  cost: {title: {en: Cost}, type: amount, unit: {en: NPR thousand}}
  share_paved: {type: percent}
";

/// Sum of the length column of [`roads_csv`], as the page writes it in English.
fn total_length() -> String {
    let tenths: usize = (0..ROWS).map(|i| (i % 7) * 10 + 5).sum();
    format!("{}.{}0", tenths / 10, tenths % 10)
}

/// The council with the roads dataset, built; with `base_url` in its site.yaml when given
/// (then it has a sitemap).
fn built_roads(base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let csv = roads_csv();
    let (tmp, content, dir) = council(&[
        ("datasets/roads.csv", csv.as_bytes()),
        ("datasets/roads.yaml", ROADS_YAML.as_bytes()),
    ]);
    if let Some(url) = base_url {
        let site = read(&dir.join("site.yaml"));
        std::fs::write(dir.join("site.yaml"), format!("{site}base_url: {url}\n")).unwrap();
    }
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, out.join("dhangadhi"))
}

#[test]
fn a_long_dataset_is_split_into_pages_with_a_navigation_and_the_total_of_all_rows() {
    let (_tmp, site) = built_roads(None);
    let en = site.join("en/datasets");
    assert!(!en.join("roads-4.html").exists());
    let mut seen_rows = 0;
    for (page, file, rows) in [
        (1, "roads.html", 50),
        (2, "roads-2.html", 50),
        (3, "roads-3.html", 19),
    ] {
        let doc = html(&en.join(file));
        assert_eq!(texts(&doc, "h1"), ["Road works"]);
        let title = texts(&doc, "title")[0].clone();
        match page {
            1 => assert!(title.starts_with("Road works — "), "{title}"),
            _ => assert!(
                title.starts_with(&format!("Road works, page {page} of 3")),
                "{title}"
            ),
        }
        let body = doc.select(&sel("table#data tbody tr")).count();
        assert_eq!(body, rows, "{file}");
        assert_eq!(
            texts(&doc, "p.note"),
            [format!(
                "Rows {}–{} of {ROWS}",
                seen_rows + 1,
                seen_rows + rows
            )]
        );
        seen_rows += rows;
        // Every page shows the same totals, of all rows, and says so.
        let foot = texts(&doc, "table#data tfoot tr > *");
        assert_eq!(foot[0], "Total of all rows");
        // The first column (codes) holds the label; the others in order.
        assert_eq!(foot[1], "", "ward numbers are not added up");
        assert_eq!(foot[3], total_length());
        assert_eq!(foot[4], "1,89,210", "the amounts");
        assert_eq!(foot[5], "", "percentages are not added up");
        // The navigation: a labelled list of pages, the current one marked, no script.
        let nav = "nav[aria-label=\"Pages of this table\"]";
        assert_eq!(
            texts(&doc, &format!("{nav} [aria-current=page]")),
            [page.to_string()]
        );
        let links: Vec<&str> = doc
            .select(&sel(&format!("{nav} a")))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        for i in 1..=3 {
            let target = if i == 1 {
                "roads.html".into()
            } else {
                format!("roads-{i}.html")
            };
            assert_eq!(
                links.contains(&target.as_str()),
                i != page,
                "{file}: {links:?}"
            );
        }
        let prev = doc.select(&sel(&format!("{nav} a[rel=prev]"))).count();
        let next = doc.select(&sel(&format!("{nav} a[rel=next]"))).count();
        assert_eq!((prev, next), (usize::from(page > 1), usize::from(page < 3)));
        assert!(
            doc.select(&sel("script:not([type=\"application/ld+json\"])"))
                .next()
                .is_none()
        );
    }
    assert_eq!(seen_rows, ROWS);
    // The first language's pages, in its digits.
    let ne = html(&site.join("datasets/roads-2.html"));
    assert_eq!(texts(&ne, "p.note"), ["११९ मध्ये पङ्क्ति ५१–१००"]);
    assert_eq!(texts(&ne, "table#data tfoot th")[0], "सबै पङ्क्तिको जम्मा");
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn every_page_is_in_the_sitemap_with_units_for_search_engines_and_light_on_2g() {
    let (_tmp, site) = built_roads(Some("https://dhangadhi.example.org/"));
    let sitemap = read(&site.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for page in [
        "datasets/roads.html",
        "datasets/roads-2.html",
        "datasets/roads-3.html",
    ] {
        for prefix in ["", "en/"] {
            let want = format!("{prefix}{page}");
            assert!(
                locs.iter().any(|l| l.ends_with(&want)),
                "{want} in {locs:?}"
            );
        }
    }
    // Search engines read the units from the schema.org markup of the page.
    let doc = html(&site.join("en/datasets/roads.html"));
    let markup = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .expect("schema.org markup")
        .inner_html();
    let markup: serde_json::Value = serde_json::from_str(&markup).unwrap();
    let measured = markup["variableMeasured"].as_array().unwrap();
    let length = measured.iter().find(|v| v["name"] == "length_km").unwrap();
    assert_eq!(length["unitText"], "कि.मि.");
    assert_eq!(length["description"], "लम्बाइ: कालोपत्रे गरिएको लम्बाइ");
    for file in ["roads.html", "roads-2.html", "roads-3.html"] {
        let bytes = std::fs::read(site.join("en/datasets").join(file)).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).unwrap();
        let weight = gz.finish().unwrap().len();
        assert!(weight < 14 * 1024, "{file}: {weight} bytes gzipped");
    }
}

#[test]
fn the_data_dictionary_is_on_the_page_and_in_the_datapackage() {
    let (_tmp, site) = built_roads(None);
    let doc = html(&site.join("en/datasets/roads-3.html"));
    assert_eq!(
        texts(&doc, "section[aria-labelledby=about-columns] h2"),
        ["About the columns"]
    );
    assert_eq!(
        texts(&doc, "table#columns caption"),
        ["Columns of Road works"]
    );
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table#columns tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0],
        [
            "Road code",
            "road_code",
            "Code or number (not a quantity)",
            "—",
            "—"
        ]
    );
    assert_eq!(
        rows[3],
        [
            "Length",
            "length_km",
            "Number",
            "km",
            "Length blacktopped this year"
        ]
    );
    assert_eq!(rows[4][2..4], ["Amount of money", "NPR thousand"]);
    assert_eq!(rows[5][..3], ["share paved", "share_paved", "Percentage"]);
    // The undeclared columns say what was detected.
    assert_eq!(
        rows[1][2], "Code or number (not a quantity)",
        "ward, by its name"
    );
    assert_eq!(rows[2][2], "Text");
    let ne = html(&site.join("datasets/roads.html"));
    assert_eq!(
        texts(&ne, "section[aria-labelledby=about-columns] h2"),
        ["स्तम्भहरूको बारेमा"]
    );
    assert!(texts(&ne, "table#columns td").contains(&"कि.मि.".to_string()));
    // Codes keep their zeros on the page and in the download.
    assert_eq!(texts(&doc, "table#data tbody tr:first-child th"), ["00201"]);
    let first = texts(&doc, "table#data tbody tr:first-child td");
    assert_eq!(first[4], "0%", "a percentage with its sign: {first:?}");
    let csv = read(&site.join("data/datasets-roads.csv"));
    assert_eq!(
        csv.lines().count(),
        ROWS + 1,
        "the download holds every row"
    );
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("00101,1,Road 0,0.5,1000,0,")
    );

    let package: serde_json::Value =
        serde_json::from_str(&read(&site.join("datapackage.json"))).unwrap();
    let resource = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "datasets-roads")
        .expect("the roads CSV is a resource");
    let fields = resource["schema"]["fields"].as_array().unwrap();
    let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
    assert_eq!(field("road_code")["type"], "string");
    assert_eq!(field("road_code")["title"], "सडक कोड");
    assert_eq!(field("length_km")["type"], "number");
    assert_eq!(field("length_km")["unit"], "कि.मि.");
    assert_eq!(
        field("length_km")["description"],
        "कालोपत्रे गरिएको लम्बाइ; Unit: कि.मि."
    );
    assert_eq!(
        field("cost")["description"],
        "An amount in NPR; Unit: NPR thousand"
    );
    assert_eq!(field("completed")["type"], "string", "Bikram Sambat dates");
    let names: std::collections::HashSet<_> = fields.iter().map(|f| &f["name"]).collect();
    assert_eq!(names.len(), fields.len(), "field names are unique");
}

/// Runs a build of the sample council with `files` added; returns its exit code and stderr.
fn failing(files: &[(&str, &[u8])]) -> (i32, String) {
    let (tmp, content, _) = council(files);
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    (run.code, run.stderr)
}

#[test]
fn a_column_the_dictionary_names_wrongly_is_a_warning_at_its_name() {
    let yaml = ROADS_YAML.replace("  length_km:", "  lenght_km:");
    let csv = roads_csv();
    let (code, stderr) = failing(&[
        ("datasets/roads.csv", csv.as_bytes()),
        ("datasets/roads.yaml", yaml.as_bytes()),
    ]);
    // Such a key was ignored before: the folder still builds, and is told.
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "datasets/roads.yaml:4:3: warning: columns: lenght_km is not a column of the table"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean length_km?"), "{stderr}");
}

#[test]
fn a_type_that_is_not_one_names_the_types() {
    let yaml = ROADS_YAML.replace("type: amount", "type: money");
    let csv = roads_csv();
    let (code, stderr) = failing(&[
        ("datasets/roads.csv", csv.as_bytes()),
        ("datasets/roads.yaml", yaml.as_bytes()),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "datasets/roads.yaml:9:35: columns: cost: type \"money\" is not a column type"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean amount? a column's type is one of text, id, code, integer"),
        "{stderr}"
    );
}

#[test]
fn a_dataset_named_like_a_page_of_another_is_an_error() {
    let csv = roads_csv();
    let (code, stderr) = failing(&[
        ("datasets/roads.csv", csv.as_bytes()),
        ("datasets/roads-2.csv", b"place,staff\nA,1\n"),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("dataset roads-2 has the address of page 2 of dataset roads (119 rows)"),
        "{stderr}"
    );
    assert!(stderr.contains("rename datasets/roads-2.csv"), "{stderr}");
}

#[test]
fn a_workbook_whose_header_block_repeats_is_an_error_naming_both_columns() {
    // A tender export whose header block was written twice, as a sheet: nothing may be
    // dropped, so the second `bidder` and `amount` are errors at their own header cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["ward", "bidder", "amount", "bidder", "amount"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["1", "A", "10", "B", "20"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let (code, stderr) = failing(&[("datasets/tenders.xlsx", &bytes)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("column bidder appears twice (first as column 2)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("column amount appears twice (first as column 3)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the header block was exported twice"),
        "{stderr}"
    );
    assert!(stderr.contains("datasets/tenders.xlsx"), "{stderr}");
}

#[test]
fn each_page_offers_the_downloads_of_its_own_dataset_only() {
    // `roads-north` starts like a page of `roads`, but is a dataset of its own.
    let csv = roads_csv();
    let (tmp, content, _) = council(&[
        ("datasets/roads.csv", csv.as_bytes()),
        ("datasets/roads-north.csv", b"place,staff\nA,1\n"),
    ]);
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let downloads = |file: &str| -> Vec<String> {
        let doc = html(&out.join("dhangadhi/en/datasets").join(file));
        let mut hrefs: Vec<String> = doc
            .select(&sel("a[href*=\"data/datasets-\"]"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        hrefs.sort();
        hrefs
    };
    let roads = [
        "../../data/datasets-roads.csv",
        "../../data/datasets-roads.json",
    ];
    assert_eq!(downloads("roads.html"), roads);
    assert_eq!(downloads("roads-3.html"), roads);
    assert_eq!(
        downloads("roads-north.html"),
        [
            "../../data/datasets-roads-north.csv",
            "../../data/datasets-roads-north.json"
        ]
    );
}
