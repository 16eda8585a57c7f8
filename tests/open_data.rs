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
        let fields = |r: &Value| -> Vec<String> {
            r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect()
        };
        // Each dataset is two resources: its CSV, then its JSON with the same columns.
        for pair in resources.chunks(2) {
            let (csv, json_resource) = (&pair[0], &pair[1]);
            assert_eq!(csv["format"], "csv");
            assert_eq!(json_resource["format"], "json");
            assert_eq!(
                json_resource["name"],
                format!("{}-json", csv["name"].as_str().unwrap())
            );
            let rows = json(&dir.join(json_resource["path"].as_str().unwrap()));
            let mut sorted = fields(csv);
            sorted.sort();
            assert_eq!(fields(json_resource), sorted, "{slug}: {}", csv["name"]);
            for row in rows.as_array().unwrap() {
                let keys: Vec<String> = row.as_object().unwrap().keys().cloned().collect();
                assert_eq!(keys, sorted, "{slug}: {}", json_resource["path"]);
            }
            assert!(
                csv["description"].as_str().unwrap().len() > csv["title"].as_str().unwrap().len(),
                "{csv}"
            );
        }
        for r in resources.iter().filter(|r| r["format"] == "csv") {
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
    assert_eq!(row["allocated"], serde_json::json!(132000000));
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
        datasets.len() * 2,
        package["resources"].as_array().unwrap().len(),
        "a CSV and a JSON resource per dataset"
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

/// The datasets of a built catalogue, by file stem.
fn catalogue_datasets(cat: &Value) -> std::collections::BTreeMap<String, Value> {
    cat["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let id = d["dct:identifier"].as_str().unwrap();
            (id.split_once('/').unwrap().1.to_string(), d.clone())
        })
        .collect()
}

/// An IRI a harvester cannot resolve against its own folder: a scheme, then no relative
/// path.
fn is_absolute(iri: &str) -> bool {
    iri.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[test]
fn catalogue_nodes_are_typed_named_absolutely_and_dated_in_the_gregorian_calendar() {
    let (_tmp, out) = build(&content());
    let mut seen = std::collections::BTreeSet::new();
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        let cat = json(&out.join(slug).join("catalog.jsonld"));
        for ds in cat["dcat:dataset"].as_array().unwrap() {
            let id = ds["@id"].as_str().unwrap();
            assert!(is_absolute(id), "{slug}: {id}");
            assert!(seen.insert(id.to_string()), "{id} twice");
            assert_ne!(ds["dct:description"], ds["dct:title"], "{id}");
            for dist in ds["dcat:distribution"].as_array().unwrap() {
                assert!(is_absolute(dist["@id"].as_str().unwrap()), "{dist}");
                assert!(!dist["dct:title"].as_array().unwrap().is_empty(), "{dist}");
            }
        }
    }
    // No address: stable URNs. An official address: the datasets are named under it.
    let dhangadhi = json(&out.join("dhangadhi/catalog.jsonld"));
    assert_eq!(dhangadhi["@id"], "urn:khula:np:dhangadhi");
    let sreepur = catalogue_datasets(&json(&out.join("sreepur/catalog.jsonld")));
    assert_eq!(
        sreepur["budget"]["@id"],
        "https://sreepur.gazipur.gov.bd/budget.html#dataset"
    );

    let ds = catalogue_datasets(&dhangadhi);
    let budget = &ds["budget"];
    assert_eq!(budget["@id"], "urn:khula:np:dhangadhi:budget");
    // Fiscal years 2080/81 and 2081/82: 1 Shrawan 2080 BS to the last of Ashadh 2082 BS.
    let period = &budget["dct:temporal"];
    assert_eq!(period["@type"], "dct:PeriodOfTime");
    assert_eq!(period["dcat:startDate"]["@value"], "2023-07-17");
    assert_eq!(period["dcat:endDate"]["@value"], "2025-07-16");
    assert_eq!(period["dcat:endDate"]["@type"], "xsd:date");
    let languages: Vec<&Value> = dhangadhi["dct:language"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        languages[0]["@id"],
        "http://publications.europa.eu/resource/authority/language/NEP"
    );
    assert_eq!(languages[0]["@type"], "dct:LinguisticSystem");
    assert_eq!(
        budget["dct:spatial"][0]["@id"],
        "http://publications.europa.eu/resource/authority/country/NPL"
    );
    assert_eq!(budget["dct:spatial"][0]["@type"], "dct:Location");
    assert_eq!(budget["dcat:landingPage"]["@type"], "foaf:Document");
    assert_eq!(budget["dcat:contactPoint"]["@type"], "vcard:Kind");
    assert_eq!(
        budget["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:info@dhangadhimun.example.org"
    );
    assert_eq!(dhangadhi["dct:publisher"]["@type"], "foaf:Agent");
    let themes: Vec<&str> = budget["dcat:theme"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["@id"].as_str().unwrap())
        .collect();
    assert!(
        themes.iter().any(|t| t.ends_with("data-theme/GOVE")),
        "{themes:?}"
    );
    let csv = &budget["dcat:distribution"][0];
    assert_eq!(
        csv["dcat:mediaType"]["@id"],
        "https://www.iana.org/assignments/media-types/text/csv"
    );
    assert_eq!(csv["dcat:mediaType"]["@type"], "dct:MediaType");
    assert_eq!(
        csv["dct:format"]["@id"],
        "http://publications.europa.eu/resource/authority/file-type/CSV"
    );
    assert_eq!(csv["dcat:byteSize"]["@type"], "xsd:nonNegativeInteger");
    assert_eq!(csv["dct:license"]["@type"], "dct:LicenseDocument");
    assert_eq!(
        csv["dct:license"]["@id"],
        "http://www.opendefinition.org/licenses/cc-by"
    );
    assert_eq!(
        csv["dct:license"]["dct:title"],
        "Creative Commons Attribution"
    );
    // A Gregorian council with July-June fiscal years: 2023-24 is 1 July 2023 to 30 June 2024.
    let gulberg = catalogue_datasets(&json(&out.join("gulberg-town/catalog.jsonld")));
    let period = &gulberg["budget"]["dct:temporal"];
    assert_eq!(period["dcat:startDate"]["@value"], "2023-07-01");
    assert_eq!(period["dcat:endDate"]["@value"], "2024-06-30");
}

#[test]
fn a_mirror_catalogue_names_datasets_at_the_official_address_else_at_the_mirror() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let mirror = "https://ngo.example.org/mirrors/";
    let run = khula(
        tmp.path(),
        &[
            "build",
            "--content",
            content().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            mirror,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dhangadhi = catalogue_datasets(&json(&out.join("dhangadhi/catalog.jsonld")));
    let budget = &dhangadhi["budget"];
    assert_eq!(
        budget["@id"],
        "https://ngo.example.org/mirrors/dhangadhi/budget.html#dataset"
    );
    assert_eq!(
        budget["dcat:distribution"][0]["dcat:downloadURL"]["@id"],
        "https://ngo.example.org/mirrors/dhangadhi/data/budget.csv"
    );
    // A council with an official address keeps its dataset IRIs; the files are the mirror's.
    let sreepur = catalogue_datasets(&json(&out.join("sreepur/catalog.jsonld")));
    assert_eq!(
        sreepur["budget"]["@id"],
        "https://sreepur.gazipur.gov.bd/budget.html#dataset"
    );
    assert_eq!(
        sreepur["budget"]["dcat:distribution"][0]["dcat:accessURL"]["@id"],
        "https://ngo.example.org/mirrors/sreepur/data/budget.csv"
    );
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
    // Every file of the portal is in the bundle, byte for byte, whatever level packed it;
    // only the home pages leave out the link to the bundle itself.
    let published = out.join("gulberg-town");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&published) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&published).unwrap();
        let name = rel.to_string_lossy();
        if !entry.file_type().is_file() || name.ends_with(".zip") || name.starts_with('.') {
            continue;
        }
        let packed = std::fs::read(portal.join(rel))
            .unwrap_or_else(|e| panic!("{name} is not in the bundle: {e}"));
        let original = std::fs::read(entry.path()).unwrap();
        if name.ends_with("index.html") && original != packed {
            let text = String::from_utf8(original).unwrap();
            let start = text.find("<p class=\"offline\">").unwrap();
            let end = start + text[start..].find("</p>").unwrap() + 4;
            assert_eq!(
                String::from_utf8(packed).unwrap(),
                format!("{}{}", &text[..start], &text[end..]),
                "{name}"
            );
        } else {
            assert!(packed == original, "{name} differs in the bundle");
        }
        compared += 1;
    }
    assert!(compared > 50, "only {compared} files compared");
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

/// The contract council (Bikram Sambat, `ne` then `en`) copied into `dir`, with `updated:`
/// for the budget in site.yaml and for the schools dataset in its YAML file.
fn dated_content(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    copy_tree(&fixture("contract"), &content);
    let council = content.join("dhangadhi");
    let append = |path: &Path, text: &str| {
        let mut old = read(path);
        old.push_str(text);
        std::fs::write(path, old).unwrap();
    };
    append(
        &council.join("site.yaml"),
        "updated:\n  budget: 2081-05-12\n",
    );
    append(
        &council.join("datasets/schools.yaml"),
        "updated: 2081-06-01\n",
    );
    content
}

/// Sets the modification time of every file below `dir` to `time`.
fn touch_all(dir: &Path, time: std::time::SystemTime) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_modified(time)
                .unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, by path relative to `dir`.
fn tree_bytes(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_output_does_not_depend_on_when_the_files_were_saved() {
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(978_307_200); // 2001-01-01
    let tmp = tempfile::tempdir().unwrap();
    let first = dated_content(&tmp.path().join("a"));
    touch_all(&first, old);
    let (_out_a, out_a) = build(&first);
    let second = tmp.path().join("b");
    copy_tree(&first, &second);
    touch_all(&second, std::time::SystemTime::now());
    let (_out_b, out_b) = build(&second);
    let (a, b) = (tree_bytes(&out_a), tree_bytes(&out_b));
    // The build records hold a signature of the inputs, with each file's modification
    // time, so that a council whose files did not change is not built again. They are
    // not published: the zip and the pages do not contain them.
    let published = |tree: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        tree.iter()
            .filter(|(path, _)| {
                let name = path.file_name().and_then(|n| n.to_str());
                name != Some(".khula-build.json") && name != Some(".khula-site.json")
            })
            .map(|(path, bytes)| (path.clone(), bytes.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (a, b) = (published(&a), published(&b));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let differ: Vec<_> = a.keys().filter(|path| a[*path] != b[*path]).collect();
    assert!(differ.is_empty(), "differ: {differ:?}");
    assert!(a.contains_key(Path::new("dhangadhi/data.html")));
    assert!(a.contains_key(Path::new("dhangadhi/dhangadhi-portal.zip")));
}

#[test]
fn last_updated_comes_from_the_content_in_the_councils_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let content = dated_content(tmp.path());
    // A later decision than the fixture's 2080-04-15 (1 Shrawan 2080 is 17 July 2023).
    let decisions = content.join("dhangadhi/decisions.csv");
    let mut text = read(&decisions);
    text.push_str("2080-05-02,Budget revised,2080-002\n");
    std::fs::write(&decisions, text).unwrap();
    let (_out, out) = build(&content);
    let updated = |page: &str| -> std::collections::BTreeMap<String, String> {
        let doc = html(&out.join("dhangadhi").join(page));
        doc.select(&sel("#datasets tbody tr"))
            .map(|row| {
                let cells: Vec<String> = row
                    .select(&sel("td, th"))
                    .map(|c| c.text().collect::<String>().trim().to_string())
                    .collect();
                (cells[0].clone(), cells[2].clone())
            })
            .collect()
    };
    let en = updated("en/data.html");
    assert_eq!(
        en["Decisions"], "2 Bhadra 2080 BS",
        "newest decision: {en:?}"
    );
    assert_eq!(en["Budget"], "12 Bhadra 2081 BS", "{en:?}");
    assert_eq!(en["Schools"], "1 Asoj 2081 BS", "{en:?}");
    assert_eq!(en["Documents"], "15 Shrawan 2080 BS", "{en:?}");
    // No updated: and no dated rows: no date, whatever the file's time.
    assert_eq!(en["Projects"], "", "{en:?}");
    assert_eq!(en["Services"], "", "{en:?}");
    let ne = updated("data.html");
    assert!(
        ne.values().any(|d| d == "२०८१ भदौ १२"),
        "budget in Nepali: {ne:?}"
    );
    // Machine-readable: ISO Gregorian.
    let catalogue = json(&out.join("dhangadhi/catalog.jsonld"));
    let modified = |name: &str| {
        catalogue["dcat:dataset"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["dct:identifier"] == format!("dhangadhi/{name}"))
            .map(|d| d["dct:modified"].clone())
            .unwrap()
    };
    assert_eq!(modified("budget")["@value"], "2024-08-28");
    assert_eq!(modified("budget")["@type"], "xsd:date");
    assert_eq!(modified("decisions")["@value"], "2023-08-19");
    assert_eq!(modified("datasets-schools")["@value"], "2024-09-17");
    assert!(modified("projects").is_null());
    let page = read(&out.join("dhangadhi/en/datasets/schools.html"));
    assert!(page.contains(r#""dateModified":"2024-09-17""#));
}

#[test]
fn an_updated_day_that_is_not_a_date_or_a_file_is_an_error_at_the_value() {
    let tmp = tempfile::tempdir().unwrap();
    let content = dated_content(tmp.path());
    let site = content.join("dhangadhi/site.yaml");
    let text = read(&site).replace(
        "  budget: 2081-05-12\n",
        "  budgt: 2081-05-12\n  projects: 2081-13-01\n",
    );
    std::fs::write(&site, text).unwrap();
    let schools = content.join("dhangadhi/datasets/schools.yaml");
    std::fs::write(&schools, read(&schools).replace("2081-06-01", "last week")).unwrap();
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("updated: \"budgt\" is not one of the council's files"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("updated: projects: \"2081-13-01\": month 13"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("schools.yaml:5:10: updated: \"last week\": not a date"),
        "{}",
        run.stderr
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

/// The schema.org `Dataset` of a page, parsed from its JSON-LD.
fn schema_org(page: &Path) -> Option<Value> {
    let doc = html(page);
    let script = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()?;
    Some(serde_json::from_str(&script.text().collect::<String>()).unwrap())
}

/// What search engines read, on a mirror build: schema.org datasets by Google's rules, a
/// sitemap per council with the mirror's own addresses and their language versions, the
/// site's sitemap index and `robots.txt`, and feeds with absolute links and ids.
#[test]
fn a_mirror_tells_search_engines_and_feed_readers_its_own_addresses() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let mirror = "https://ngo.example.org/mirrors/";
    let run = khula(
        tmp.path(),
        &[
            "build",
            "--quiet",
            "--content",
            content().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            mirror,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut datasets = 0;
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        let dir = out.join(slug);
        for page in files(&dir, "html") {
            let Some(ds) = schema_org(&page) else {
                continue;
            };
            datasets += 1;
            let lang = html(&page)
                .root_element()
                .value()
                .attr("lang")
                .unwrap()
                .to_string();
            let description = ds["description"].as_str().unwrap();
            let length = description.chars().count();
            assert!(
                (50..=5000).contains(&length),
                "{}: {description}",
                page.display()
            );
            assert_eq!(ds["inLanguage"], lang.as_str());
            for key in ["url", "@id"] {
                assert!(
                    ds[key].as_str().unwrap().starts_with("https://"),
                    "{key} in {ds}"
                );
            }
            for d in ds["distribution"].as_array().unwrap() {
                let url = d["contentUrl"].as_str().unwrap();
                let rel = url
                    .strip_prefix(&format!("{mirror}{slug}/"))
                    .unwrap_or_else(|| panic!("{url}"));
                assert!(dir.join(rel).is_file(), "{url}");
            }
            assert!(
                ds["creator"]["url"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://")
            );
            assert_eq!(ds["isAccessibleForFree"], true);
            assert!(ds["includedInDataCatalog"]["url"].is_string());
            assert!(!ds["variableMeasured"].as_array().unwrap().is_empty());
            assert!(ds["spatialCoverage"]["address"]["addressCountry"].is_string());
            if let Some(period) = ds["temporalCoverage"].as_str() {
                let (start, end) = period.split_once('/').unwrap();
                for day in [start, end] {
                    assert!(
                        day.len() == 10 && day.as_bytes()[4] == b'-' && day < "2100",
                        "{period}"
                    );
                }
                assert!(start <= end, "{period}");
            }
        }
        // The sitemap lists the mirror's own addresses, each with its language versions.
        let sitemap = read(&dir.join("sitemap.xml"));
        let locs: Vec<&str> = sitemap
            .split("<loc>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap())
            .collect();
        assert!(locs.len() > 10, "{slug}");
        for loc in &locs {
            assert!(loc.starts_with(&format!("{mirror}{slug}/")), "{loc}");
        }
        assert!(sitemap.contains("hreflang=\"en\""), "{slug}");
        // Feeds link and name absolutely.
        for feed in ["feed.xml", "data-feed.xml"] {
            let xml = read(&dir.join(feed));
            for attr in xml.split("href=\"").skip(1) {
                assert!(attr.starts_with("https://"), "{slug}/{feed}: {attr}");
            }
            assert!(!xml.contains("khula.invalid"), "{slug}/{feed}");
        }
    }
    assert!(datasets >= 20, "{datasets}");
    let index = read(&out.join("sitemap.xml"));
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        assert!(
            index.contains(&format!("<loc>{mirror}{slug}/sitemap.xml</loc>")),
            "{index}"
        );
    }
    assert!(read(&out.join("robots.txt")).contains(&format!("Sitemap: {mirror}sitemap.xml")));
}

/// Without any address a copy says nothing it cannot back: no schema.org markup, no
/// sitemap; feed ids are URNs of the council, never relative.
#[test]
fn a_copy_without_an_address_writes_no_relative_names() {
    let (_tmp, out) = build(&content());
    let dir = out.join("dhangadhi");
    assert!(files(&dir, "html").iter().all(|p| schema_org(p).is_none()));
    assert!(!dir.join("sitemap.xml").exists());
    assert!(!out.join("robots.txt").exists());
    let feed = read(&dir.join("en/feed.xml"));
    for id in feed.split("<id>").skip(1) {
        assert!(id.starts_with("urn:khula:np:dhangadhi:"), "{id}");
    }
    // The council with an official address at the root of its host names its sitemap.
    let robots = read(&out.join("sreepur/robots.txt"));
    assert!(
        robots.contains("Sitemap: https://sreepur.gazipur.gov.bd/sitemap.xml"),
        "{robots}"
    );
}
