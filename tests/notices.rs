//! Notices and tenders: current or past on the day of the build, in every language and
//! calendar, with their downloads, feed entries and OCDS release package; and the
//! mistakes a clerk makes in them, located.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Seconds since 1970 at the start of a Gregorian day.
fn epoch(year: i64, month: i64, day: i64) -> String {
    // Days from civil (proleptic Gregorian), as in the calendar module's tests.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    ((era * 146_097 + doe - 719_468) * 86_400).to_string()
}

/// Builds `content` into `out` as on the given day.
fn build_on(content: &Path, out: &Path, day: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(["build", "--quiet", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", day)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

/// The rows of the table with id `id` on a page, as their cells' texts.
fn rows(doc: &scraper::Html, id: &str) -> Vec<String> {
    doc.select(&sel(&format!("table#{id} tbody tr")))
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn notices_are_current_until_their_deadline_then_kept_in_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    // 25 August 2024: 9 Bhadra 2081 BS.
    let run = build_on(&content(), &out, &epoch(2024, 8, 25));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = html(&out.join("dhangadhi/en/notices.html"));
    let current = rows(&page, "current");
    let past = rows(&page, "archive");
    assert_eq!(current.len(), 2, "{current:?}");
    assert!(
        current
            .iter()
            .any(|r| r.contains("Vacancy: health assistant"))
    );
    assert!(
        current
            .iter()
            .any(|r| r.contains("Last day to pay property tax"))
    );
    // The hearing's deadline (2 Bhadra 2081) is past; so is the road tender's.
    assert_eq!(past.len(), 2, "{past:?}");
    assert!(
        past.iter()
            .any(|r| r.contains("Public hearing on fiscal year 2080/81"))
    );
    // Both calendars: the Bikram Sambat day with the Gregorian beside it.
    assert!(
        current
            .iter()
            .any(|r| r.contains("21 Bhadra 2081 BS") && r.contains("6 September 2024")),
        "{current:?}"
    );
    // Nepali page: kinds in Nepali, Devanagari digits.
    let ne = html(&out.join("dhangadhi/notices.html"));
    let ne_rows = rows(&ne, "current").join(" ");
    assert!(
        ne_rows.contains("पदपूर्ति") && ne_rows.contains("२०८१"),
        "{ne_rows}"
    );
    assert!(!ne_rows.contains("Vacancy"), "{ne_rows}");
    // The home page counts the current notices and links the page.
    let home = html(&out.join("dhangadhi/en/index.html"));
    let link = home
        .select(&sel("ul.list a[href=\"notices.html\"]"))
        .next()
        .expect("home links the notices");
    assert!(link.text().collect::<String>().contains("Current notices"));

    // A year later every notice is past, and still published.
    let later = tmp.path().join("later");
    let run = build_on(&content(), &later, &epoch(2025, 9, 1));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = html(&later.join("dhangadhi/en/notices.html"));
    assert!(rows(&page, "current").is_empty());
    assert_eq!(rows(&page, "archive").len(), 4);
    assert!(
        texts(&page, "main p")
            .iter()
            .any(|p| p.contains("no current notices"))
    );
}

#[test]
fn a_rebuild_on_a_later_day_moves_a_notice_to_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    assert_eq!(build_on(&content(), &out, &epoch(2024, 8, 25)).code, 0);
    let before = rows(&html(&out.join("sreepur/en/notices.html")), "current");
    assert!(
        before.iter().any(|r| r.contains("upazila road repair")),
        "{before:?}"
    );
    // Same folder, nothing edited, a later day: the council is built again.
    assert_eq!(build_on(&content(), &out, &epoch(2024, 8, 26)).code, 0);
    let after = rows(&html(&out.join("sreepur/en/notices.html")), "current");
    assert!(
        !after.iter().any(|r| r.contains("upazila road repair")),
        "{after:?}"
    );
}

#[test]
fn tenders_show_their_deadline_and_what_came_of_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    assert_eq!(build_on(&content(), &out, &epoch(2024, 8, 25)).code, 0);
    let list = html(&out.join("dhangadhi/en/tenders.html"));
    let all = rows(&list, "tenders");
    assert_eq!(all.len(), 2);
    // Deadline 26 Bhadra 2081 BS (11 September 2024), no award: open.
    assert!(
        all.iter()
            .any(|r| r.contains("Furniture for community schools")
                && r.contains("Open until 26 Bhadra 2081")),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|r| r.contains("Ward 12 road blacktopping") && r.contains("Closed on")),
        "{all:?}"
    );
    let detail = html(&out.join("sreepur/en/tenders/SRP-2024-18.html"));
    let text = texts(&detail, "main").join(" ");
    for fact in [
        "Rahman Construction",
        "43,80,000",
        "Open tender",
        "Works",
        "Contract ends",
        "31 March 2025",
    ] {
        assert!(text.contains(fact), "{fact} missing: {text}");
    }
    // A tender that pays for a project links the projects page.
    let road = html(&out.join("dhangadhi/en/tenders/DSMC-NIT-2080-81-14.html"));
    assert!(
        road.select(&sel("main a[href=\"../projects.html\"]"))
            .next()
            .is_some()
    );
    // Urdu: closed words in Urdu.
    let ur = texts(&html(&out.join("gulberg-town/tenders.html")), "main").join(" ");
    assert!(ur.contains("بند") || ur.contains("کھلا"), "{ur}");
}

#[test]
fn tenders_are_published_as_an_ocds_release_package() {
    let (_tmp, out) = build(&content());
    let package: Value = serde_json::from_str(&read(&out.join("sreepur/ocds.json"))).unwrap();
    assert_eq!(package["version"], "1.1");
    assert_eq!(package["uri"], "https://sreepur.gazipur.gov.bd/ocds.json");
    let releases = package["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 1);
    let r = &releases[0];
    assert_eq!(r["ocid"], "khula-bd-sreepur-SRP-2024-18");
    assert_eq!(r["tag"], serde_json::json!(["tender", "award", "contract"]));
    assert_eq!(r["tender"]["procurementMethod"], "open");
    assert_eq!(r["tender"]["mainProcurementCategory"], "works");
    assert_eq!(r["tender"]["value"]["amount"], 4_500_000);
    assert_eq!(
        r["tender"]["tenderPeriod"]["endDate"],
        "2024-08-25T23:59:59+06:00"
    );
    assert_eq!(r["awards"][0]["suppliers"][0]["name"], "রহমান কনস্ট্রাকশন");
    assert_eq!(r["contracts"][0]["awardID"], r["awards"][0]["id"]);
    // Bikram Sambat days are converted: 5 Bhadra 2081 is 21 August 2024.
    let np: Value = serde_json::from_str(&read(&out.join("dhangadhi/ocds.json"))).unwrap();
    let furniture = np["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["tender"]["id"] == "DSMC-NIT-2081-82-03")
        .unwrap();
    assert_eq!(
        furniture["tender"]["tenderPeriod"]["startDate"],
        "2024-08-21T00:00:00+05:45"
    );
    assert_eq!(furniture["tender"]["procurementMethod"], "limited");
    assert!(
        np["uri"]
            .as_str()
            .unwrap()
            .starts_with("urn:khula:np:dhangadhi:")
    );
    // The Data page lists the package; the downloads hold both kinds.
    let data = read(&out.join("sreepur/data.html"));
    assert!(data.contains("ocds.json"));
    for f in ["notices.csv", "notices.json", "tenders.csv", "tenders.json"] {
        assert!(out.join("sreepur/data").join(f).is_file(), "{f}");
    }
}

#[test]
fn a_registered_ocid_prefix_names_the_tenders() {
    let tmp = tempfile::tempdir().unwrap();
    let content_dir = tmp.path().join("content");
    copy_tree(&content().join("sreepur"), &content_dir.join("sreepur"));
    let site = content_dir.join("sreepur/site.yaml");
    let text = read(&site);
    std::fs::write(&site, format!("{text}ocid_prefix: ocds-b5fd17\n")).unwrap();
    let out = tmp.path().join("sites");
    assert_eq!(build_into(tmp.path(), &content_dir, &out).code, 0);
    let package: Value = serde_json::from_str(&read(&out.join("sreepur/ocds.json"))).unwrap();
    assert_eq!(package["releases"][0]["ocid"], "ocds-b5fd17-SRP-2024-18");

    std::fs::write(&site, format!("{text}ocid_prefix: b5fd17\n")).unwrap();
    let run = build_into(tmp.path(), &content_dir, &out);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("is not an ocid prefix"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_clerks_mistakes_in_notices_and_tenders_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let content_dir = tmp.path().join("content");
    copy_tree(
        &content().join("gulberg-town"),
        &content_dir.join("gulberg-town"),
    );
    let council = content_dir.join("gulberg-town");
    std::fs::write(
        council.join("notices.csv"),
        "kind,title,published,deadline\nmeeting,Council meeting,2024-01-05,2023-12-31\n",
    )
    .unwrap();
    std::fs::write(
        council.join("tenders.csv"),
        "ref,title,published,deadline,award_value,project\n\
         T-1,Road,2023-11-20,2023-12-10,,No such project\n\
         T-1,Park,2023-11-21,2023-12-11,,\n\
         T-2,Drain,2023-11-22,2023-12-12,\"5,00,000\",\n",
    )
    .unwrap();
    let run = khula(
        tmp.path(),
        &["check", "--content", content_dir.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("notices.csv:2:")
            && err.contains("the deadline (2023-12-31) is before the notice was published"),
        "{err}"
    );
    assert!(
        err.contains("tenders.csv:3:") && err.contains("tender ref T-1 is used twice"),
        "{err}"
    );
    assert!(
        err.contains("tenders.csv:4:") && err.contains("an award or contract without a supplier"),
        "{err}"
    );
    assert!(
        err.contains("tenders.csv:2:")
            && err.contains("project \"No such project\" is not a project of projects.csv"),
        "{err}"
    );
}

#[test]
fn a_council_without_notices_or_tenders_has_no_such_pages() {
    let (_tmp, out) = build(&fixture("contract"));
    let dir = out.join("dhangadhi");
    assert!(!dir.join("notices.html").exists());
    assert!(!dir.join("tenders.html").exists());
    assert!(!dir.join("ocds.json").exists());
    let home = read(&dir.join("index.html"));
    assert!(!home.contains("notices.html") && !home.contains("tenders.html"));
}

#[test]
fn the_feed_carries_notices_tenders_and_hearings_with_the_decisions() {
    let (_tmp, out) = build(&content());
    let feed = read(&out.join("sreepur/en/feed.xml"));
    assert!(
        feed.contains("<title>Sreepur Upazila Parishad — Decisions and notices</title>"),
        "{feed}"
    );
    for entry in [
        "Tender: Upazila road repair",
        "Public hearing: Upazila Parishad public hearing",
        "<title>Vacancy: office assistant</title>",
        "Flood rehabilitation fund allocated",
    ] {
        assert!(feed.contains(entry), "{entry} missing: {feed}");
    }
    // Newest first: the vacancy notice of 5 October comes before the hearing of 12 September.
    assert!(
        feed.find("office assistant").unwrap()
            < feed.find("Upazila Parishad public hearing").unwrap()
    );
}

#[test]
fn a_notice_links_its_full_text_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_tree(&content().join("gulberg-town"), &dir.join("gulberg-town"));
    let council = dir.join("gulberg-town");
    std::fs::create_dir_all(council.join("pages")).unwrap();
    std::fs::write(
        council.join("pages/meeting-notice.md"),
        "---\ntitle: {ur: اجلاس کی اطلاع, en: Meeting notice}\n---\nاجلاس ٹاؤن ہال میں ہوگا۔\n",
    )
    .unwrap();
    std::fs::write(
        council.join("notices.csv"),
        "kind,title,published,text\nmeeting,Council meeting,2024-01-05,pages/meeting-notice.md\nmeeting,Other,2024-01-06,nowhere\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("notices.csv:3:") && run.stderr.contains("no page pages/nowhere.md"),
        "{}",
        run.stderr
    );
    std::fs::write(
        council.join("notices.csv"),
        "kind,title,published,text\nmeeting,Council meeting,2024-01-05,pages/meeting-notice.md\n",
    )
    .unwrap();
    let out = tmp.path().join("sites");
    assert_eq!(build_into(tmp.path(), &dir, &out).code, 0);
    let page = html(&out.join("gulberg-town/notices.html"));
    assert!(
        page.select(&sel("main a[href=\"pages/meeting-notice.html\"]"))
            .next()
            .is_some()
    );
}
