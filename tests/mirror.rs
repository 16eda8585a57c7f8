//! Mirrors of many councils: canonical links and the mirror notice under a sub-path, the
//! site index grouped by place and by initial, the comparison across councils checked
//! against the sample CSV files, and `--site` leaving other councils' files untouched.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MIRROR: &str = "https://ngo.example.org/mirrors/np/";

/// The sample councils plus three small Nepal councils: one with an official address and
/// figures for 2081/82, one with only 2080/81 (so the comparison year is the common one,
/// 2081/82), and one with no figures at all.
fn tree() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_tree(&samples, &content);
    let write = |path: &str, text: &str| {
        let p = content.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "bhimdatta/site.yaml",
        "name: {ne: भीमदत्त नगरपालिका, en: Bhimdatta Municipality}\n\
         kind: {ne: नगरपालिका, en: Municipality}\ncountry: NP\n\
         province: {ne: सुदूरपश्चिम प्रदेश, en: Sudurpashchim Province}\n\
         district: {ne: कञ्चनपुर, en: Kanchanpur}\nlanguages: [ne, en]\n\
         base_url: https://bhimdattamun.example.gov.np\n\
         grievance: {service_level_days: 7}\n",
    );
    write(
        "bhimdatta/profile.yaml",
        "census_year: 2021\npopulation: {total: 100000}\n",
    );
    write(
        "bhimdatta/budget.csv",
        "fiscal_year,sector,sector:en,allocated,spent\n\
         2081/82,शिक्षा,Education,\"3,00,00,000\",\"2,40,00,000\"\n\
         2081/82,स्वास्थ्य,Health,\"1,00,00,000\",\n\
         2081/82,सडक,Roads,\"1,00,00,000\",\"50,00,000\"\n\
         2080/81,शिक्षा,Education,\"2,00,00,000\",\"2,00,00,000\"\n",
    );
    write(
        "bhimdatta/grievances.csv",
        "period,received,resolved,resolved_within_sla\n\
         2081-03,10,10,10\n2081-04,20,16,12\n2081-05,10,8,\n",
    );
    write(
        "bhimdatta/projects.csv",
        "project,status,fiscal_year\nBridge,completed,2081/82\nSchool,completed,2081/82\n\
         Road,in progress,2081/82\nOld canal,completed,2080/81\n",
    );
    write(
        "belauri/site.yaml",
        "name: {ne: बेलौरी नगरपालिका, en: Belauri Municipality}\ncountry: NP\n\
         province: {ne: सुदूरपश्चिम प्रदेश, en: Sudurpashchim Province}\n\
         district: {ne: कञ्चनपुर, en: Kanchanpur}\nlanguages: [ne, en]\n",
    );
    write(
        "belauri/profile.yaml",
        "census_year: 2021\npopulation: {total: 80000}\n",
    );
    write(
        "belauri/budget.csv",
        "fiscal_year,sector,allocated,spent\n2080/81,Education,1000000,900000\n",
    );
    write(
        "khaptad/site.yaml",
        "name: {ne: खप्तड छेडेदह गाउँपालिका, en: Khaptad Chhededaha Rural Municipality}\n\
         country: NP\nprovince: {ne: सुदूरपश्चिम प्रदेश, en: Sudurpashchim Province}\n\
         district: {ne: डोटी, en: Doti}\nlanguages: [ne, en]\n",
    );
    (tmp, content)
}

fn build_mirror(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        MIRROR,
    ];
    args.extend_from_slice(extra);
    khula(content.parent().unwrap(), &args)
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    let run = build_mirror(&content, &out, &[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    (tmp, out)
}

fn canonical(page: &Path) -> Option<String> {
    html(page)
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href").map(str::to_string))
}

// ---------------------------------------------------------------------------
// Expected figures, computed from the sample CSV files
// ---------------------------------------------------------------------------

/// A CSV file as rows of column -> cell (quoted cells with commas handled; BOM stripped).
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = read(path);
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let split = |line: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        out.push(cell);
        out
    };
    let head = split(lines.next().unwrap());
    lines
        .map(|l| head.iter().cloned().zip(split(l)).collect())
        .collect()
}

/// An amount cell in any digits and grouping, as a number; empty is `None`.
fn amount(cell: &str) -> Option<f64> {
    let ascii: String = cell
        .chars()
        .filter_map(|c| match c as u32 {
            0x0966..=0x096F => char::from_digit(c as u32 - 0x0966, 10),
            0x09E6..=0x09EF => char::from_digit(c as u32 - 0x09E6, 10),
            _ if c == ',' => None,
            _ => Some(c),
        })
        .collect();
    (!ascii.trim().is_empty()).then(|| ascii.trim().parse().unwrap())
}

struct Expected {
    allocated: f64,
    execution: f64,
    sectors: BTreeMap<String, f64>,
}

/// Expenditure figures of one fiscal year from a budget.csv.
fn expected_budget(path: &Path, year: &str) -> Expected {
    let rows: Vec<_> = csv_rows(path)
        .into_iter()
        .filter(|r| r["fiscal_year"] == year)
        .filter(|r| {
            r.get("type")
                .is_none_or(|t| t.is_empty() || t == "expenditure")
        })
        .collect();
    let allocated: f64 = rows.iter().map(|r| amount(&r["allocated"]).unwrap()).sum();
    let (mut spent, mut base) = (0.0, 0.0);
    let mut sectors = BTreeMap::new();
    for r in &rows {
        if let Some(s) = r.get("spent").and_then(|s| amount(s)) {
            spent += s;
            base += amount(&r["allocated"]).unwrap();
        }
        let name = r.get("sector:en").unwrap_or(&r["sector"]).clone();
        *sectors.entry(name).or_insert(0.0) += amount(&r["allocated"]).unwrap();
    }
    Expected {
        allocated,
        execution: spent / base * 100.0,
        sectors,
    }
}

/// Share of resolved complaints resolved within the service level, over the months given.
fn expected_sla(path: &Path, months: &[&str]) -> f64 {
    let (mut within, mut resolved) = (0.0, 0.0);
    for r in csv_rows(path) {
        if months.iter().any(|m| r["period"].starts_with(m))
            && let Some(w) = amount(&r["resolved_within_sla"])
        {
            within += w;
            resolved += amount(&r["resolved"]).unwrap();
        }
    }
    within / resolved * 100.0
}

fn comparison_csv(out: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    csv_rows(&out.join("compare/comparison.csv"))
        .into_iter()
        .map(|r| (r["slug"].clone(), r))
        .collect()
}

fn close(got: &str, want: f64, what: &str) {
    let got: f64 = got
        .parse()
        .unwrap_or_else(|_| panic!("{what}: {got:?} is not a number"));
    assert!((got - want).abs() < 0.006, "{what}: got {got}, want {want}");
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn canonical_links_and_mirror_notice_under_a_sub_path() {
    let (_tmp, out) = built();
    // With an official address: that address is canonical, and the page says it is a mirror.
    assert_eq!(
        canonical(&out.join("bhimdatta/en/budget.html")).as_deref(),
        Some("https://bhimdattamun.example.gov.np/en/budget.html")
    );
    assert_eq!(
        canonical(&out.join("sreepur/index.html")).as_deref(),
        Some("https://sreepur.gazipur.gov.bd/")
    );
    let en = html(&out.join("bhimdatta/en/budget.html"));
    let notice = en.select(&sel("p.mirror")).next().expect("mirror notice");
    assert!(
        texts(&en, "p.mirror")[0].contains("This is a mirror of the official portal"),
        "{:?}",
        texts(&en, "p.mirror")
    );
    let link = notice.select(&sel("a")).next().unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("https://bhimdattamun.example.gov.np/en/budget.html")
    );
    // In the reader's language on the Nepali page.
    let ne = html(&out.join("bhimdatta/budget.html"));
    assert!(texts(&ne, "p.mirror")[0].contains("आधिकारिक पोर्टल"));
    // Without an official address: the mirror's own address, below the sub-path.
    assert_eq!(
        canonical(&out.join("dhangadhi/en/decisions.html")).as_deref(),
        Some("https://ngo.example.org/mirrors/np/dhangadhi/en/decisions.html")
    );
    assert_eq!(
        canonical(&out.join("dhangadhi/index.html")).as_deref(),
        Some("https://ngo.example.org/mirrors/np/dhangadhi/")
    );
    assert_eq!(
        html(&out.join("dhangadhi/index.html"))
            .select(&sel("p.mirror"))
            .count(),
        0,
        "nothing official to point to"
    );
    // Every link stays relative and resolves from file://.
    for page in files(&out, "html") {
        let text = read(&page);
        assert!(!text.contains("href=\"/"), "{}", page.display());
        assert!(
            !text.contains("<a href=\"https://ngo.example.org"),
            "{}",
            page.display()
        );
    }
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn without_base_url_only_the_official_address_is_canonical() {
    let (_tmp, content) = tree();
    let (_tmp2, out) = build(&content);
    assert_eq!(canonical(&out.join("dhangadhi/en/budget.html")), None);
    assert_eq!(
        canonical(&out.join("bhimdatta/index.html")).as_deref(),
        Some("https://bhimdattamun.example.gov.np/")
    );
    for page in files(&out, "html") {
        assert_eq!(
            html(&page).select(&sel("p.mirror")).count(),
            0,
            "{}",
            page.display()
        );
    }
}

#[test]
fn bad_base_urls_are_usage_errors() {
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    for bad in [
        "ftp://ngo.example.org/",
        "https://ngo.example.org/mirrors",
        "ngo.example.org/",
        "https:///",
        "https://ngo.example.org/a b/",
    ] {
        let run = khula(
            tmp.path(),
            &[
                "build",
                "--content",
                content.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--base-url",
                bad,
            ],
        );
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{bad}: {}", run.stderr);
    }
    assert!(!out.exists());
}

#[test]
fn index_groups_by_country_province_and_district_with_counts() {
    let (_tmp, out) = built();
    let index = html(&out.join("index.html"));
    let countries = texts(&index, "section h2");
    assert!(
        countries.contains(&"Nepal (4 local governments)".to_string()),
        "{countries:?}"
    );
    assert!(
        countries.contains(&"Pakistan (1 local government)".to_string()),
        "{countries:?}"
    );
    let provinces = texts(&index, "section h3");
    assert!(
        provinces.contains(&"Sudurpashchim Province (4 local governments)".to_string()),
        "{provinces:?}"
    );
    let districts = texts(&index, "section h4");
    for d in [
        "Kanchanpur (2 local governments)",
        "Kailali (1 local government)",
        "Doti (1 local government)",
    ] {
        assert!(districts.contains(&d.to_string()), "{districts:?}");
    }
    assert_eq!(index.select(&sel(".councils a")).count(), 6);
    // The province list, by district.
    let province = html(&out.join("councils/np-sudurpashchim-province.html"));
    assert_eq!(
        texts(&province, "h2"),
        vec![
            "Doti (1 local government)",
            "Kailali (1 local government)",
            "Kanchanpur (2 local governments)"
        ]
    );
    let kanchanpur: Vec<&str> = province
        .select(&sel("#d-kanchanpur + ul a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        kanchanpur,
        vec!["../belauri/index.html", "../bhimdatta/index.html"]
    );
}

#[test]
fn initials_in_every_script_present() {
    let (_tmp, out) = built();
    let index = html(&out.join("index.html"));
    let scripts = texts(&index, "nav.initials p");
    assert!(scripts[0].starts_with("A–Z B D G K S"), "{scripts:?}");
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("देवनागरी") && s.contains("भ") && s.contains("ख")),
        "{scripts:?}"
    );
    assert!(scripts.iter().any(|s| s.contains("বাংলা শ")), "{scripts:?}");
    assert!(scripts.iter().any(|s| s.contains("اردو گ")), "{scripts:?}");
    // B lists Belauri and Bhimdatta; भ (U+092D) lists Bhimdatta only.
    let b = html(&out.join("councils/b.html"));
    assert_eq!(
        texts(&b, ".councils li > span"),
        vec!["Belauri Municipality", "Bhimdatta Municipality"]
    );
    let bha = html(&out.join("councils/deva-092d.html"));
    assert_eq!(bha.select(&sel(".councils a")).count(), 1);
    assert_eq!(texts(&bha, "h1"), vec!["Local governments: भ"]);
    assert_eq!(texts(&bha, "[aria-current=page]"), vec!["भ"]);
}

#[test]
fn comparison_figures_match_the_sample_data() {
    let (_tmp, out) = built();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let rows = comparison_csv(&out);
    // Nepal: 2081/82 is the latest year of three councils; Belauri's is 2080/81.
    let d = &rows["dhangadhi"];
    assert_eq!(d["fiscal_year"], "2081/82");
    let exp = expected_budget(&content.join("dhangadhi/budget.csv"), "2081/82");
    close(&d["budget_allocated"], exp.allocated, "dhangadhi allocated");
    close(&d["execution_rate"], exp.execution, "dhangadhi execution");
    close(&d["population"], 204_788.0, "dhangadhi population");
    close(
        &d["budget_per_person"],
        exp.allocated / 204_788.0,
        "dhangadhi per person",
    );
    // Baisakh–Asar 2081 belong to 2080/81; Shrawan 2081 (month 4) starts 2081/82.
    close(
        &d["complaints_within_service_level_rate"],
        expected_sla(&content.join("dhangadhi/grievances.csv"), &["2081-04"]),
        "dhangadhi complaints",
    );
    let projects: Vec<_> = csv_rows(&content.join("dhangadhi/projects.csv"))
        .into_iter()
        .filter(|r| r["fiscal_year"] == "2081/82")
        .collect();
    assert_eq!(d["projects_total"], projects.len().to_string());
    let done = projects
        .iter()
        .filter(|r| r["status"] == "completed")
        .count();
    assert_eq!(d["projects_completed"], done.to_string());

    let b = &rows["bhimdatta"];
    close(
        &b["execution_rate"],
        290.0 / 400.0 * 100.0,
        "bhimdatta execution",
    );
    close(&b["budget_per_person"], 500.0, "bhimdatta per person");
    close(
        &b["complaints_within_service_level_rate"],
        12.0 / 16.0 * 100.0,
        "bhimdatta complaints",
    );
    assert_eq!(
        (
            b["projects_completed"].as_str(),
            b["projects_total"].as_str()
        ),
        ("2", "3")
    );

    // Missing is empty, never 0: Belauri has no 2081/82 budget, Khaptad no figures.
    let belauri = &rows["belauri"];
    assert_eq!(belauri["fiscal_year"], "2081/82");
    assert_eq!(belauri["budget_allocated"], "");
    assert_eq!(belauri["population"], "80000");
    for key in [
        "population",
        "budget_per_person",
        "execution_rate",
        "projects_total",
    ] {
        assert_eq!(rows["khaptad"][key], "", "khaptad {key}");
    }

    // Other countries: their own latest year, in their own style.
    for (slug, year) in [("sreepur", "2024-25"), ("gulberg-town", "2023-24")] {
        let r = &rows[slug];
        assert_eq!(r["fiscal_year"], year);
        let exp = expected_budget(&content.join(slug).join("budget.csv"), year);
        close(&r["budget_allocated"], exp.allocated, slug);
        close(&r["execution_rate"], exp.execution, slug);
        assert_eq!(
            r["population"], "",
            "{slug}: no census figure in the sample"
        );
    }
    close(
        &rows["sreepur"]["complaints_within_service_level_rate"],
        expected_sla(&content.join("sreepur/grievances.csv"), &["2024-"]),
        "sreepur complaints",
    );
    close(
        &rows["gulberg-town"]["complaints_within_service_level_rate"],
        expected_sla(&content.join("gulberg-town/grievances.csv"), &["2023-"]),
        "gulberg complaints",
    );

    // Sector shares.
    let exp = expected_budget(&content.join("sreepur/budget.csv"), "2024-25");
    let sectors = csv_rows(&out.join("compare/sectors.csv"));
    for (name, allocated) in &exp.sectors {
        let row = sectors
            .iter()
            .find(|r| r["slug"] == "sreepur" && &r["sector"] == name)
            .unwrap_or_else(|| panic!("sreepur {name}"));
        close(
            &row["share_percent"],
            allocated / exp.allocated * 100.0,
            name,
        );
    }

    // The JSON says the same, with null for missing.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("compare/comparison.json"))).unwrap();
    let np = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["country"] == "NP")
        .unwrap();
    assert_eq!(np["fiscal_year"], "2081/82");
    let khaptad = np["councils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "khaptad")
        .unwrap();
    assert!(khaptad["execution_rate"].is_null());
    assert!(khaptad["sectors"].is_null());
}

#[test]
fn comparison_tables_are_sorted_ranked_and_show_missing_as_dash() {
    let (_tmp, out) = built();
    let page = html(&out.join("compare/np-execution.html"));
    let rows: Vec<Vec<String>> = page
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    // Dhangadhi 87.3 %, Bhimdatta 72.5 %; the two without figures last, unranked.
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][0], "1");
    assert!(rows[0][1].contains("Dhangadhi"), "{rows:?}");
    assert_eq!(rows[1][0], "2");
    assert!(rows[1][1].contains("Bhimdatta"), "{rows:?}");
    assert_eq!(rows[1][5], "72.5%");
    for r in &rows[2..] {
        assert_eq!(r[0], "—", "{r:?}");
        assert_eq!(r[5], "—", "{r:?}");
        assert!(!r.iter().any(|c| c == "0" || c == "0.0%"), "{r:?}");
    }
    assert_eq!(
        texts(&page, "th[aria-sort=descending]"),
        vec!["Budget spent"]
    );
    assert!(texts(&page, "h1")[0].contains("2081/82"));
    // Population order: Dhangadhi, Bhimdatta, Belauri, then Khaptad without a figure.
    let pop = html(&out.join("compare/np-population.html"));
    let names = texts(&pop, "tbody th small");
    assert_eq!(
        names,
        vec![
            "Dhangadhi Sub-Metropolitan City",
            "Bhimdatta Municipality",
            "Belauri Municipality",
            "Khaptad Chhededaha Rural Municipality"
        ]
    );
    // Each council is linked, relatively.
    let links: Vec<&str> = pop
        .select(&sel("tbody th a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(links.contains(&"../khaptad/index.html"), "{links:?}");
    // The overview names the year of each country and offers the downloads.
    let overview = read(&out.join("compare/index.html"));
    assert!(overview.contains("2081/82"), "Nepal's year");
    assert!(overview.contains("2024-25"), "Bangladesh's year");
    for file in ["comparison.csv", "comparison.json", "sectors.csv"] {
        assert!(overview.contains(&format!("href=\"{file}\"")), "{file}");
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()),
            )
        })
        .collect()
}

#[test]
fn building_one_council_leaves_the_others_untouched() {
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    assert_eq!(build_mirror(&content, &out, &[]).code, 0);
    let before = snapshot(&out);
    // Coarse file-system clocks must tick before any rewrite could show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let budget = content.join("bhimdatta/budget.csv");
    let mut text = read(&budget);
    text.push_str("2081/82,कृषि,Agriculture,\"50,00,000\",\n");
    std::fs::write(&budget, text).unwrap();
    let run = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = snapshot(&out);
    for (path, (bytes, mtime)) in &before {
        // The site record holds the digests of the comparison pages.
        if path.starts_with("bhimdatta")
            || path.starts_with("compare")
            || path == Path::new(".khula-site.json")
        {
            continue;
        }
        let (new_bytes, new_mtime) = after
            .get(path)
            .unwrap_or_else(|| panic!("{} removed", path.display()));
        assert!(new_bytes == bytes, "{} rewritten", path.display());
        assert_eq!(new_mtime, mtime, "{} touched", path.display());
    }
    let others = |files: &BTreeMap<PathBuf, _>| {
        files
            .keys()
            .filter(|p| !p.starts_with("bhimdatta") && !p.starts_with("compare"))
            .count()
    };
    assert_eq!(others(&before), others(&after));
    // The built council changed, and so did the comparison, as a full build would make it.
    assert!(
        before[Path::new("bhimdatta/en/budget.html")].0
            != after[Path::new("bhimdatta/en/budget.html")].0
    );
    let partial = read(&out.join("compare/comparison.csv"));
    let full_out = tmp.path().join("full");
    assert_eq!(build_mirror(&content, &full_out, &[]).code, 0);
    assert_eq!(partial, read(&full_out.join("compare/comparison.csv")));
    // Untouched comparison pages keep their time too.
    for unchanged in ["compare/pk.html", "compare/ur/pk.html"] {
        let unchanged = Path::new(unchanged);
        assert_eq!(before[unchanged].1, after[unchanged].1, "{unchanged:?}");
    }
    // Every file of the comparison, its language folders too.
    let listing = |root: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(root.join("compare"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
            .collect()
    };
    assert_eq!(listing(&out).len(), listing(&full_out).len());
    for name in listing(&full_out) {
        assert!(
            std::fs::read(out.join(&name)).unwrap() == std::fs::read(full_out.join(&name)).unwrap(),
            "{} differs from a full build's",
            name.display()
        );
    }
}

#[test]
fn a_build_of_some_councils_makes_only_the_comparison_pages_whose_rows_changed() {
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    assert_eq!(build_mirror(&content, &out, &[]).code, 0);
    let mark = "<!-- made before -->";
    let marked = |page: &str| {
        let path = out.join("compare").join(page);
        std::fs::write(&path, format!("{}{mark}", read(&path))).unwrap();
    };
    // Pakistan's table shows no Nepali council; Nepal's table by name shows Bhimdatta's
    // execution rate.
    marked("pk.html");
    marked("np.html");
    let budget = content.join("bhimdatta/budget.csv");
    std::fs::write(
        &budget,
        read(&budget).replace("\"2,40,00,000\"", "\"2,50,00,000\""),
    )
    .unwrap();
    let run = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&out.join("compare/pk.html")).ends_with(mark));
    assert!(!read(&out.join("compare/np.html")).contains(mark));
    // A page that is gone is made again.
    std::fs::remove_file(out.join("compare/pk.html")).unwrap();
    std::fs::write(&budget, read(&budget).replace("2,50,00,000", "2,60,00,000")).unwrap();
    assert_eq!(
        build_mirror(&content, &out, &["--site", "bhimdatta"]).code,
        0
    );
    assert!(out.join("compare/pk.html").is_file());
    // A build of every council in which nothing changed keeps the site pages as they are
    // (they would come out the same); without the site record it makes every page, and so
    // repairs a page edited by hand.
    marked("pk.html");
    assert_eq!(build_mirror(&content, &out, &[]).code, 0);
    assert!(read(&out.join("compare/pk.html")).ends_with(mark));
    std::fs::remove_file(out.join(".khula-site.json")).unwrap();
    assert_eq!(build_mirror(&content, &out, &[]).code, 0);
    assert!(!read(&out.join("compare/pk.html")).contains(mark));
    // So does a build of every council in which one changed.
    marked("pk.html");
    std::fs::write(&budget, read(&budget).replace("2,60,00,000", "2,70,00,000")).unwrap();
    assert_eq!(build_mirror(&content, &out, &[]).code, 0);
    assert!(!read(&out.join("compare/pk.html")).contains(mark));
}

#[test]
fn a_council_may_not_take_the_name_of_a_site_folder() {
    let (tmp, content) = tree();
    std::fs::rename(content.join("khaptad"), content.join("compare")).unwrap();
    let out = tmp.path().join("sites");
    let run = build_mirror(&content, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("compare"), "{}", run.stderr);
    assert!(!out.exists());
}

/// Many councils: every list page of the index stays light.
#[test]
fn index_pages_stay_light_for_hundreds_of_councils() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let provinces = [
        ("Koshi Province", "कोशी प्रदेश", 137),
        ("Madhesh Province", "मधेश प्रदेश", 136),
        ("Bagmati Province", "बागमती प्रदेश", 119),
        ("Gandaki Province", "गण्डकी प्रदेश", 85),
        ("Lumbini Province", "लुम्बिनी प्रदेश", 109),
        ("Karnali Province", "कर्णाली प्रदेश", 79),
        ("Sudurpashchim Province", "सुदूरपश्चिम प्रदेश", 88),
    ];
    let letters = "ABCDGHJKLMNPRSTBSKDG";
    let native = "अबचडगहजकलमनपरसतबसकदग";
    let mut n = 0;
    for (en, ne, count) in provinces {
        for i in 0..count {
            n += 1;
            let l = letters.chars().nth(n % letters.len()).unwrap();
            let d = native.chars().nth(n % native.chars().count()).unwrap();
            let dir = content.join(format!("council-{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            writeln!(
                std::fs::File::create(dir.join("site.yaml")).unwrap(),
                "name: {{ne: {d}स्थानीय तह {n}, en: {l}ocal Level {n} Rural Municipality}}\n\
                 kind: {{ne: गाउँपालिका, en: Rural municipality}}\ncountry: NP\n\
                 province: {{ne: {ne}, en: {en}}}\ndistrict: {{en: District {}}}\n\
                 languages: [ne, en]",
                i % 11
            )
            .unwrap();
        }
    }
    assert_eq!(n, 753);
    let (_tmp, out) = build(&content);
    let gzipped = |p: &Path| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&std::fs::read(p).unwrap()).unwrap();
        enc.finish().unwrap().len()
    };
    let mut pages = vec![out.join("index.html")];
    pages.extend(files(&out.join("councils"), "html"));
    assert!(pages.len() > 20, "{pages:?}");
    for page in pages {
        let size = gzipped(&page);
        assert!(
            size <= 14 * 1024,
            "{}: {size} bytes gzipped",
            page.display()
        );
    }
    let index = html(&out.join("index.html"));
    assert!(texts(&index, "h2").contains(&"Nepal (753 local governments)".to_string()));
    assert_eq!(
        index.select(&sel(".councils a")).count(),
        0,
        "listed on sub-pages"
    );
    assert_eq!(index.select(&sel(".districts a")).count(), 77);
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

/// A rebuild reuses each council's record of its last build only while the council's files
/// are as they were, and the warnings of an unchanged council are counted, not repeated. `--site`
/// lists the other councils as their portals are published: a council edited but not built
/// keeps its published figures in the comparison until a full build.
#[test]
fn records_skip_unchanged_councils_but_never_a_changed_one() {
    let (tmp, content) = tree();
    std::fs::create_dir_all(content.join("khaptad/pages")).unwrap();
    std::fs::write(content.join("khaptad/pages/about.fr.md"), "# À propos\n").unwrap();
    let out = tmp.path().join("sites");
    let first = build_mirror(&content, &out, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let warning = "language fr is not in the council's languages";
    assert!(first.stderr.contains(warning), "{}", first.stderr);
    assert!(out.join("khaptad/.khula-build.json").is_file());

    // Nothing changed: nothing is written, and the warning, shown by the build that
    // found it, is counted but not repeated (a nightly build mails only what is new).
    let before = snapshot(&out);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = build_mirror(&content, &out, &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(!again.stderr.contains(warning), "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("1 warning of councils unchanged since their last build not repeated"),
        "{}",
        again.stderr
    );
    let checked = khula(
        tmp.path(),
        &["check", "--content", content.to_str().unwrap()],
    );
    assert!(
        checked.stderr.contains(warning),
        "check shows every warning"
    );
    let after = snapshot(&out);
    assert_eq!(before.len(), after.len());
    for (path, (bytes, mtime)) in &before {
        let (new_bytes, new_mtime) = &after[path];
        assert!(new_bytes == bytes, "{} rewritten", path.display());
        assert_eq!(new_mtime, mtime, "{} touched", path.display());
    }

    // Belauri's budget changes. Building only Bhimdatta leaves Belauri's published
    // figures in the comparison; a full build sees the change and shows the new ones.
    std::fs::write(
        content.join("belauri/budget.csv"),
        "fiscal_year,sector,allocated,spent\n2081/82,Education,3000000,1500000\n",
    )
    .unwrap();
    let partial = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(partial.code, 0, "{}", partial.stderr);
    assert_eq!(comparison_csv(&out)["belauri"]["budget_allocated"], "");
    assert!(!read(&out.join("belauri/en/budget.html")).contains("2081/82"));
    let full = build_mirror(&content, &out, &[]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let rows = comparison_csv(&out);
    close(
        &rows["belauri"]["budget_allocated"],
        3_000_000.0,
        "belauri allocated",
    );
    close(
        &rows["belauri"]["execution_rate"],
        50.0,
        "belauri execution",
    );
    assert!(read(&out.join("belauri/en/budget.html")).contains("2081/82"));

    // A record that cannot be read is no record: the council is simply built again.
    std::fs::write(out.join("khaptad/.khula-build.json"), "{ not json").unwrap();
    let repaired = build_mirror(&content, &out, &[]);
    assert_eq!(repaired.code, 0, "{}", repaired.stderr);
    let record = read(&out.join("khaptad/.khula-build.json"));
    assert!(
        record.starts_with('{') && record.contains("\"summary\""),
        "{record}"
    );
}

#[test]
fn building_one_council_keeps_the_site_pages_only_while_they_would_not_change() {
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    let first = build_mirror(&content, &out, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(out.join(".khula-site.json").is_file());
    // A mark in a site page tells whether the page was made again.
    let mark = "<!-- made before -->";
    let index = out.join("compare/index.html");
    let home = out.join("index.html");
    let marked = |page: &Path| std::fs::write(page, format!("{}{mark}", read(page))).unwrap();
    marked(&index);
    marked(&home);

    // A page of Bhimdatta's changes, but nothing the index or the comparison shows:
    // the council is built again, the site pages are left as they were.
    std::fs::create_dir_all(content.join("bhimdatta/pages")).unwrap();
    std::fs::write(
        content.join("bhimdatta/pages/notice.md"),
        "---\ntitle: Notice\n---\n\nWard offices close early on Friday.\n",
    )
    .unwrap();
    let page = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(read(&out.join("bhimdatta/pages/notice.html")).contains("close early"));
    assert!(read(&index).ends_with(mark));
    assert!(read(&home).ends_with(mark));

    // Its budget changes: the comparison shows the new figures at once; the site index,
    // which shows no figures, is kept.
    std::fs::write(
        content.join("bhimdatta/budget.csv"),
        "fiscal_year,sector,sector:en,allocated,spent\n2081/82,शिक्षा,Education,8000000,2000000\n",
    )
    .unwrap();
    let budget = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(budget.code, 0, "{}", budget.stderr);
    assert!(!read(&index).contains(mark));
    assert!(read(&home).ends_with(mark));
    let rows = comparison_csv(&out);
    close(
        &rows["bhimdatta"]["budget_allocated"],
        8_000_000.0,
        "allocated",
    );
    close(&rows["bhimdatta"]["execution_rate"], 25.0, "execution");

    // Its name changes: the site index is made again.
    let site_yaml = content.join("bhimdatta/site.yaml");
    std::fs::write(
        &site_yaml,
        read(&site_yaml).replace("en: Bhimdatta Municipality", "en: Bhimdatta City"),
    )
    .unwrap();
    let renamed = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(renamed.code, 0, "{}", renamed.stderr);
    let listed = read(&home);
    assert!(
        listed.contains("Bhimdatta City") && !listed.contains(mark),
        "{listed}"
    );

    // A council folder is removed: the site pages no longer list it, though the
    // council built is unchanged.
    assert!(read(&out.join("index.html")).contains("Khaptad"));
    std::fs::remove_dir_all(content.join("khaptad")).unwrap();
    let removed = build_mirror(&content, &out, &["--site", "bhimdatta"]);
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert!(!read(&out.join("index.html")).contains("Khaptad"));
    assert!(!comparison_csv(&out).contains_key("khaptad"));

    // Another base URL may make other site pages: they are made again.
    let without_base_url = || {
        khula(
            content.parent().unwrap(),
            &[
                "build",
                "--content",
                content.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--site",
                "belauri",
            ],
        )
    };
    let before = read(&out.join(".khula-site.json"));
    let other = without_base_url();
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert_ne!(read(&out.join(".khula-site.json")), before);

    // A publish cut short leaves no site record: the next build makes the site pages again,
    // though nothing changed.
    std::fs::remove_file(out.join(".khula-site.json")).unwrap();
    marked(&index);
    let again = without_base_url();
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(!read(&index).contains(mark));
    assert!(out.join(".khula-site.json").is_file());
    assert!(!out.join(".khula-site.json.publishing").exists());
}

#[test]
fn a_build_that_remembers_takes_the_other_councils_from_memory_not_their_records() {
    use khula::build::{Memory, Options, run};
    let (tmp, content) = tree();
    let out = tmp.path().join("sites");
    let opts = |out: &Path, sites: &[&str]| Options {
        content: content.clone(),
        out: Some(out.to_path_buf()),
        themes: None,
        sites: sites.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    };
    let mut memory = Memory::default();
    let first = run(&opts(&out, &[]), Some(&mut memory)).unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    // Belauri's record is altered by hand: a build of another council that read the
    // records would show the altered population.
    let record = out.join("belauri/.khula-build.json");
    let text = read(&record);
    assert!(text.contains("\"population\":80000"), "{text}");
    std::fs::write(
        &record,
        text.replace("\"population\":80000", "\"population\":12345"),
    )
    .unwrap();
    let budget = |allocated: &str| {
        std::fs::write(
            content.join("bhimdatta/budget.csv"),
            format!("fiscal_year,sector,sector:en,allocated,spent\n2081/82,शिक्षा,Education,{allocated},2000000\n"),
        )
        .unwrap();
    };
    budget("8000000");
    let partial = run(&opts(&out, &["bhimdatta"]), Some(&mut memory)).unwrap();
    assert!(!partial.has_errors(), "{:?}", partial.diagnostics);
    let rows = comparison_csv(&out);
    assert_eq!(rows["belauri"]["population"], "80000");
    close(
        &rows["bhimdatta"]["budget_allocated"],
        8_000_000.0,
        "allocated",
    );

    // The site pages are those a build of every council makes from the same content.
    std::fs::write(&record, text).unwrap();
    let fresh = tmp.path().join("fresh");
    assert!(!run(&opts(&fresh, &[]), None).unwrap().has_errors());
    let site_pages = |dir: &Path| {
        let mut pages = vec![dir.join("index.html")];
        for ext in ["html", "csv", "json"] {
            pages.extend(files(&dir.join("compare"), ext));
        }
        assert!(pages.len() > 5, "{pages:?}");
        pages
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(site_pages(&out), site_pages(&fresh));

    // A second edit is remembered on top of the first.
    budget("9000000");
    run(&opts(&out, &["bhimdatta"]), Some(&mut memory)).unwrap();
    close(
        &comparison_csv(&out)["bhimdatta"]["budget_allocated"],
        9_000_000.0,
        "allocated",
    );

    // A build that fails leaves memory unsure: the next one reads the records again.
    std::fs::write(
        content.join("bhimdatta/budget.csv"),
        "fiscal_year,allocated\nnot a year,1\n",
    )
    .unwrap();
    let failed = run(&opts(&out, &["bhimdatta"]), Some(&mut memory)).unwrap();
    assert!(failed.has_errors());
    budget("7000000");
    let again = run(&opts(&out, &["bhimdatta"]), Some(&mut memory)).unwrap();
    assert!(!again.has_errors(), "{:?}", again.diagnostics);
    let rows = comparison_csv(&out);
    close(
        &rows["bhimdatta"]["budget_allocated"],
        7_000_000.0,
        "allocated",
    );
    assert_eq!(rows["belauri"]["population"], "80000");
}
