//! Councils built from real published charters, tax schedules and datasets
//! (`tests/fixtures/real/`, sources in its SOURCE.md): fees that are words or rules, rates
//! written as percentages with their decimals, and code columns, as a reader sees them on
//! the page and as a program reads them from the downloads.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn built() -> (tempfile::TempDir, PathBuf) {
    build(&fixture("real"))
}

/// The `dd` of the fact labelled `label` in the first service of a category page.
fn fact(page: &Path, label: &str, service: usize) -> String {
    let doc = html(page);
    let facts = texts(&doc, &format!("section[aria-labelledby=s{service}] dl div"));
    facts
        .iter()
        .find_map(|f| f.strip_prefix(label).map(str::trim).map(str::to_string))
        .unwrap_or_else(|| panic!("no {label} in {facts:?}"))
}

fn csv_rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap()
}

#[test]
fn a_free_word_is_shown_as_free_in_each_language_and_downloaded_as_0() {
    let (_tmp, out) = built();
    let site = out.join("biratnagar");
    // The organisations category, its first service: `निःशूल्क` in the charter.
    assert_eq!(fact(&site.join("en/services/2.html"), "Fee", 1), "Free");
    assert_eq!(fact(&site.join("services/2.html"), "शुल्क", 1), "निःशुल्क");
    assert_eq!(
        fact(&site.join("en/services/2.html"), "Fee", 2),
        "NPR 2,000"
    );
    assert_eq!(fact(&site.join("services/1.html"), "शुल्क", 1), "NPR ५०");

    let rows = csv_rows(&site.join("data/services.csv"));
    let free = rows
        .iter()
        .find(|r| r["service"].starts_with("संघ संस्था दर्ता"))
        .unwrap();
    assert_eq!(free["fee"], "0");
    assert_eq!(free["fee_text"], "");
    let data = json(&site.join("data/services.json"));
    assert_eq!(data[5]["fee"], serde_json::json!(0));
    assert_eq!(data[6]["fee"], serde_json::json!(2000));
}

#[test]
fn a_fee_that_is_a_rule_is_shown_as_written_and_downloaded_as_text() {
    let (_tmp, out) = built();
    let site = out.join("kohalpur");
    let rule =
        "१.प्रति कच्ची घर वार्षिक रु ५०/ २.प्रति अर्धकच्ची घर वार्षिक रु १००/ ३.प्रति पक्की घर वार्षिक रु २००।";
    assert_eq!(fact(&site.join("services/1.html"), "शुल्क", 1), rule);
    assert_eq!(
        fact(&site.join("en/services/1.html"), "Fee", 1),
        "Rs 50 a year per mud house, Rs 100 per semi-permanent house, Rs 200 per permanent house"
    );
    let page = read(&site.join("en/services/1.html"));
    assert!(
        !page.contains("<dd>—</dd>"),
        "a rule is never \"not reported\""
    );

    let rows = csv_rows(&site.join("data/services.csv"));
    assert_eq!(rows[0]["fee"], "", "a rule has no amount");
    assert_eq!(rows[0]["fee_text"], rule);
    assert!(rows[0]["fee_text:en"].starts_with("Rs 50 a year"));
    let data = json(&site.join("data/services.json"));
    assert_eq!(data[0]["fee"], serde_json::Value::Null);
    assert_eq!(data[0]["fee_text"], serde_json::json!(rule));

    let package = json(&site.join("datapackage.json"));
    let fields = &package["resources"][0]["schema"]["fields"];
    let fee_text = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "fee_text")
        .expect("fee_text is in the Table Schema");
    assert_eq!(fee_text["type"], "string");
}

#[test]
fn percentages_keep_their_unit_and_the_decimals_written() {
    let (_tmp, out) = built();
    let site = out.join("biratnagar");
    let en = html(&site.join("en/tax-rates.html"));
    let rates = texts(&en, "#tax-1 tbody td.num");
    assert_eq!(
        rates,
        vec!["100", "200", "400", "0.10%", "0.17%", "0.25%", "0.40%"]
    );
    let ne = html(&site.join("tax-rates.html"));
    assert_eq!(texts(&ne, "#tax-1 tbody td.num")[3], "०.१०%");
    // The fine for late payment is a rule: shown as written, in no number cell.
    let land = texts(&en, "#tax-2 tbody tr");
    assert!(
        land.last()
            .unwrap()
            .contains("प्रत्येक विगत वर्षको १० प्रतिशत जरिवाना"),
        "{land:?}"
    );

    let rows = csv_rows(&site.join("data/tax-rates.csv"));
    let tier = &rows[3];
    assert_eq!(
        (tier["rate"].as_str(), tier["rate_unit"].as_str()),
        ("0.1", "%")
    );
    assert_eq!(tier["unit"], "%");
    assert_eq!(
        rows[7]["rate_unit"], "",
        "an amount per kattha is no percentage"
    );
    assert_eq!(rows[11]["rate"], "");
    assert_eq!(rows[11]["rate_text"], "प्रत्येक विगत वर्षको १० प्रतिशत जरिवाना");
    let data = json(&site.join("data/tax-rates.json"));
    assert_eq!(data[3]["rate"], serde_json::json!(0.1));
    assert_eq!(data[3]["rate_unit"], serde_json::json!("%"));
    let package = json(&site.join("datapackage.json"));
    let names: Vec<&str> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "tax-rates")
        .unwrap()["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(names.contains(&"rate_unit") && names.contains(&"rate_text"));
}

#[test]
fn code_columns_of_a_real_dataset_are_not_totalled() {
    let (_tmp, out) = built();
    let doc = html(&out.join("biratnagar/en/datasets/morang-local-levels.html"));
    let foot = texts(&doc, "tfoot tr > *");
    // locallevel_fullcode is the first column (it names the row); the code columns get
    // no sum, the wards of Morang's 17 local levels do.
    assert_eq!(foot, vec!["Total", "", "", "", "", "", "161"], "{foot:?}");
    // A code is shown as written, not grouped like an amount ("10,501").
    assert_eq!(texts(&doc, "tbody tr th")[0], "10501");
    let ne = html(&out.join("biratnagar/datasets/morang-local-levels.html"));
    assert_eq!(texts(&ne, "tbody tr th")[0], "१०५०१");
}

#[test]
fn a_repeated_column_name_in_a_dataset_is_an_error_at_the_second_header_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&fixture("real/kohalpur"), &content.join("kohalpur"));
    let datasets = content.join("kohalpur/datasets");
    std::fs::create_dir_all(&datasets).unwrap();
    std::fs::write(
        datasets.join("tenders.csv"),
        "ward,bidder,amount,bidder,amount\n1,A,100,B,200\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", "content"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/kohalpur/datasets/tenders.csv:1:20: column bidder appears twice (first as column 2)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("tenders.csv:1:27: column amount appears twice")
    );
}

#[test]
fn census_figures_are_shown_as_published() {
    let (_tmp, out) = built();
    // Population, female, male and households of the 2021 census, preliminary results.
    for (slug, figures) in [
        ("bhimdatta", ["1,23,316", "63,916", "59,400", "24,715"]),
        ("biratnagar", ["2,44,750", "1,21,981", "1,22,769", "45,204"]),
        ("kohalpur", ["1,00,289", "51,965", "48,324", "21,251"]),
    ] {
        let doc = html(&out.join(slug).join("en/profile.html"));
        let shown = texts(&doc, "dl.figures dd");
        assert_eq!(shown[..4], figures, "{slug}: {shown:?}");
    }
    let ne = html(&out.join("bhimdatta/profile.html"));
    assert_eq!(texts(&ne, "dl.figures dd")[0], "१,२३,३१६");
}

#[test]
fn a_union_list_of_bangladesh_keeps_its_ids_and_every_row() {
    let (_tmp, out) = built();
    let site = out.join("debidwar");
    let doc = html(&site.join("en/datasets/unions.html"));
    let names = texts(&doc, "tbody tr td:nth-child(2)");
    assert_eq!(names.len(), 15, "{names:?}");
    assert_eq!(names[0], "Subil");
    assert_eq!(names[14], "Sultanpur");
    // The ids name the rows; they are not added up (1 + … + 15 = 120).
    assert!(!texts(&doc, "tfoot td").contains(&"120".to_string()));
    let bn = html(&site.join("datasets/unions.html"));
    assert_eq!(texts(&bn, "tbody tr th")[14], "১৫");
    assert_eq!(texts(&bn, "tbody tr td:nth-child(3)")[3], "বড়শালঘর");
    let rows = csv_rows(&site.join("data/datasets-unions.csv"));
    assert_eq!(rows.len(), 15);
    assert_eq!(rows[4]["website"], "rajameherup.comila.gov.bd");
}

#[test]
fn the_towns_of_karachi_central_read_right_to_left_without_a_sum_of_postcodes() {
    let (_tmp, out) = built();
    let site = out.join("central-karachi");
    let doc = html(&site.join("datasets/towns.html"));
    let root = doc.root_element();
    assert_eq!(root.value().attr("lang"), Some("ur"));
    assert_eq!(root.value().attr("dir"), Some("rtl"));
    let en = html(&site.join("en/datasets/towns.html"));
    let foot = texts(&en, "tfoot tr > *").join("|");
    for postcodes in ["75300", "3,08,290", "308290", "308,290"] {
        assert!(!foot.contains(postcodes), "{foot}");
    }
    // Coordinates are positions, not quantities: shown with every decimal, never added up.
    let cells = texts(&en, "tbody tr td");
    assert!(cells.contains(&"24.933".to_string()), "{cells:?}");
    assert!(cells.contains(&"67.038".to_string()), "{cells:?}");
    for sum in ["99.75", "99.754", "268.22", "268.221"] {
        assert!(!foot.contains(sum), "{foot}");
    }
    let rows = csv_rows(&site.join("data/datasets-towns.csv"));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["geo.lat"], "24.933");
    assert_eq!(rows[0]["name.local"], "گلبرگ ٹاؤن");
    assert_eq!(rows[3]["zip_codes"], "75840");
}

#[test]
fn grievance_counts_of_an_indian_city_add_up_as_published() {
    let (_tmp, out) = built();
    let site = out.join("bengaluru-south");
    let doc = html(&site.join("datasets/grievances-by-year.html"));
    let years = texts(&doc, "tbody tr th");
    assert_eq!(years, ["2020", "2021", "2022", "2023", "2024", "2025"]);
    // The corporation's published totals: 140,892 received, 128,215 closed. Years and
    // rates are not added up.
    assert_eq!(
        texts(&doc, "tfoot tr > *"),
        ["Total", "1,40,892", "1,28,215", ""]
    );
    assert_eq!(texts(&doc, "tbody tr td")[2], "89.45%");
    let by_category = html(&site.join("datasets/grievances-by-category.html"));
    assert_eq!(
        texts(&by_category, "tbody tr td:last-child"),
        ["40.0%", "24.9%", "15.3%", "4.4%", "4.0%"]
    );
}

#[test]
fn a_council_that_says_nowhere_how_to_complain_has_no_empty_complaints_page() {
    let (_tmp, out) = built();
    let site = out.join("bhimdatta");
    assert!(!site.join("complaints.html").exists());
    assert!(!site.join("en/complaints.html").exists());
    let menu = texts(&html(&site.join("en/index.html")), "nav.main a");
    assert_eq!(menu, ["Home", "Profile", "Data"], "{menu:?}");
    assert_eq!(broken_links(&site), Vec::<String>::new());
}
