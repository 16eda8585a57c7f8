//! Open data: downloads, the data package, the DCAT catalogue, feeds and the offline bundle,
//! checked against the council's own files.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn content() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_json_output_parses_and_the_package_matches_its_files() {
    let (_tmp, out) = build(&content());
    for ext in ["json", "jsonld"] {
        for f in files(&out, ext) {
            json(&f);
        }
    }
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        let dir = out.join(slug);
        let package = json(&dir.join("datapackage.json"));
        let resources = package["resources"].as_array().unwrap();
        assert!(resources.len() >= 5, "{slug}: {resources:?}");
        for r in resources {
            let path = dir.join(r["path"].as_str().unwrap());
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(
                r["bytes"].as_u64().unwrap(),
                bytes.len() as u64,
                "{}",
                path.display()
            );
            let text = String::from_utf8(bytes).unwrap();
            let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
            let fields: Vec<&str> = r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(header, fields, "{}", path.display());
        }
    }
    // The budget download has one row per budget line, with plain numbers.
    let budget = read(&out.join("dhangadhi/data/budget.csv"));
    let source = read(&content().join("dhangadhi/budget.csv"));
    assert_eq!(budget.lines().count(), source.lines().count());
    assert!(
        budget.contains(",324500000,321000000,319840500"),
        "{budget}"
    );
    let health = json(&out.join("dhangadhi/data/budget.json"));
    let row = health
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["sector:en"] == "Health" && r["fiscal_year"] == "2081/82")
        .unwrap();
    assert_eq!(row["allocated"], serde_json::json!(132000000.0));
    assert_eq!(
        row["revised"],
        Value::Null,
        "not reported stays empty, never 0"
    );
}

#[test]
fn catalogue_is_dcat_and_matches_the_downloads() {
    let (_tmp, out) = build(&content());
    let dir = out.join("sreepur");
    let cat = json(&dir.join("catalog.jsonld"));
    assert_eq!(cat["@type"], "dcat:Catalog");
    assert!(cat["@context"].is_object(), "context must be inline");
    let datasets = cat["dcat:dataset"].as_array().unwrap();
    let package = json(&dir.join("datapackage.json"));
    assert_eq!(
        datasets.len(),
        package["resources"].as_array().unwrap().len()
    );
    for ds in datasets {
        for key in [
            "dct:title",
            "dct:description",
            "dct:identifier",
            "dcat:keyword",
            "dcat:distribution",
        ] {
            assert!(!ds[key].is_null(), "{key} missing in {ds}");
        }
        for dist in ds["dcat:distribution"].as_array().unwrap() {
            let url = dist["dcat:downloadURL"]["@id"].as_str().unwrap();
            let rel = url.strip_prefix("https://sreepur.gazipur.gov.bd/").unwrap();
            let size: u64 = dist["dcat:byteSize"]["@value"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(
                std::fs::metadata(dir.join(rel)).unwrap().len(),
                size,
                "{url}"
            );
        }
    }
    // schema.org markup on a dataset page, escaped so no content can end the element.
    let page = read(&dir.join("budget.html"));
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let body = &page[start + 35..];
    let end = body.find("</script>").unwrap();
    let value: Value = serde_json::from_str(&body[..end]).unwrap();
    assert_eq!(value["@type"], "Dataset");
}

#[test]
fn feeds_sitemaps_and_downloads_with_sizes() {
    let (_tmp, out) = build(&content());
    for feed in [
        "dhangadhi/feed.xml",
        "dhangadhi/en/feed.xml",
        "gulberg-town/feed.xml",
    ] {
        let text = read(&out.join(feed));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.tag_name().name() == "entry")
            .collect();
        assert!(!entries.is_empty(), "{feed}");
        for e in entries {
            for child in ["title", "id", "updated", "link"] {
                assert!(
                    e.children().any(|n| n.tag_name().name() == child),
                    "{feed}: entry lacks {child}"
                );
            }
        }
    }
    let en = read(&out.join("dhangadhi/en/feed.xml"));
    assert!(
        en.contains("<title>Annual programme for 2081/82 approved</title>"),
        "{en}"
    );
    // Sitemap only where the council has an official address.
    let sitemap = read(&out.join("sreepur/sitemap.xml"));
    roxmltree::Document::parse(&sitemap).unwrap();
    assert!(sitemap.contains("<loc>https://sreepur.gazipur.gov.bd/en/budget.html</loc>"));
    assert!(!out.join("dhangadhi/sitemap.xml").exists());
    // Each dataset page offers its data with the size shown.
    let doc = html(&out.join("dhangadhi/en/budget.html"));
    let links = texts(&doc, "section.downloads a");
    assert!(
        links.iter().any(|l| l.contains("CSV") && l.ends_with("KB")),
        "{links:?}"
    );
    let data = html(&out.join("dhangadhi/en/data.html"));
    let rows = texts(&data, "#datasets tbody tr");
    assert!(rows.len() >= 7, "{rows:?}");
}

#[test]
fn offline_bundle_unzips_to_a_working_portal_and_is_reproducible() {
    let (_tmp, out) = build(&content());
    let zip_path = out.join("gulberg-town/gulberg-town-portal.zip");
    let bytes = std::fs::read(&zip_path).unwrap();
    let home = read(&out.join("gulberg-town/en/index.html"));
    assert!(
        home.contains("gulberg-town-portal.zip"),
        "home links the bundle"
    );
    assert!(!home.contains("KHULA-BUNDLE-SIZE"));
    let target = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    archive.extract(target.path()).unwrap();
    let portal = target.path().join("gulberg-town");
    assert!(portal.join("index.html").is_file());
    let broken: Vec<String> = broken_links(&portal)
        .into_iter()
        .filter(|l| !l.ends_with("gulberg-town-portal.zip"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    let (_tmp2, again) = build(&content());
    assert_eq!(
        std::fs::read(again.join("gulberg-town/gulberg-town-portal.zip")).unwrap(),
        bytes
    );
}

/// An empty `spent` cell is "not reported": an empty cell in `data/budget.csv` and `null` in
/// `data/budget.json`, never 0; a written 0 stays 0.
#[test]
fn an_empty_spent_cell_is_empty_in_the_csv_and_null_in_the_json() {
    let tmp = tempfile::tempdir().unwrap();
    let council = tmp.path().join("content/empty-spent");
    std::fs::create_dir_all(&council).unwrap();
    std::fs::write(
        council.join("site.yaml"),
        "name: {en: Empty Spent}\ncountry: NP\nlanguages: [en]\n",
    )
    .unwrap();
    std::fs::write(
        council.join("budget.csv"),
        "fiscal_year,sector,allocated,spent\n\
         2080/81,Education,5000,\n\
         2080/81,Health,7000,0\n\
         2080/81,Roads,9000,100\n",
    )
    .unwrap();
    let (_out_tmp, out) = build(&tmp.path().join("content"));
    let data = out.join("empty-spent/data");

    let mut reader = csv::Reader::from_path(data.join("budget.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (sector, spent) = (column("sector"), column("spent"));
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[sector].to_string(), r[spent].to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Education".to_string(), String::new()),
            ("Health".to_string(), "0".to_string()),
            ("Roads".to_string(), "100".to_string()),
        ]
    );

    let rows = json(&data.join("budget.json"));
    let spent: Vec<(&str, &Value)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["sector"].as_str().unwrap(), &r["spent"]))
        .collect();
    assert_eq!(spent[0], ("Education", &Value::Null));
    assert_eq!(spent[1].0, "Health");
    assert_eq!(spent[1].1.as_f64(), Some(0.0));
    assert_eq!(spent[2].1.as_f64(), Some(100.0));
}
