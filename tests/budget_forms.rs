//! Budgets as councils publish them: a Union Parishad's Form Kha (last year's actual, this
//! year's budget and next year's, side by side, written in Bengali), a Nepali budget split
//! into recurrent and capital with its grants by type, a revenue-only budget, and the
//! mistakes a clerk makes in the new columns, located.

mod common;
use common::*;
use scraper::Html;
use std::path::{Path, PathBuf};

/// A copy of the sample council `slug` with its budget.csv replaced, in a temporary folder.
fn council_with_budget(slug: &str, budget: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(slug);
    copy_tree(&from, &content.join(slug));
    std::fs::write(content.join(slug).join("budget.csv"), budget).unwrap();
    (tmp, content)
}

/// The header cells of the table `id`.
fn heads(doc: &Html, id: &str) -> Vec<String> {
    texts(doc, &format!("table#{id} thead th"))
}

/// The cells of the body row of table `id` whose first cell is `first`.
fn row(doc: &Html, id: &str, first: &str) -> Vec<String> {
    doc.select(&sel(&format!("table#{id} tbody tr")))
        .map(|r| {
            r.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(first))
        .unwrap_or_else(|| panic!("no row {first} in table {id}"))
}

/// The cells of the footer row of table `id`.
fn foot(doc: &Html, id: &str) -> Vec<String> {
    doc.select(&sel(&format!("table#{id} tfoot tr")))
        .next()
        .unwrap_or_else(|| panic!("no footer in table {id}"))
        .select(&sel("th, td"))
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

/// Form Kha of Hatkalpara Union Parishad (Atrai, Naogaon), fiscal year 2018-19, as
/// published: each heading's actual of 2016-17, budget of 2017-18 and budget of 2018-19,
/// written as one line per year. The type and nature words are the form's own, the type
/// column spelling আয় with য় as one letter and as য + nukta, as exports do.
const FORM_KHA: &str = "\
fiscal_year,type,nature,sector,sector:en,allocated,spent
2016-17,\u{0986}\u{09df},,বসতবাড়ির উপর কর,House tax,,\"2,10,280\"
2017-18,\u{0986}\u{09af}\u{09bc},,বসতবাড়ির উপর কর,House tax,\"4,00,000\",
2018-19,আয়,,বসতবাড়ির উপর কর,House tax,\"4,00,000\",
2016-17,আয়,,হাট-বাজার ইজারা,Market lease,,\"35,478\"
2017-18,আয়,,হাট-বাজার ইজারা,Market lease,\"90,000\",
2018-19,আয়,,হাট-বাজার ইজারা,Market lease,\"90,000\",
2016-17,আয়,,জন্ম ও মৃত্যু নিবন্ধন ফি,Birth and death registration fees,,\"10,150\"
2017-18,আয়,,জন্ম ও মৃত্যু নিবন্ধন ফি,Birth and death registration fees,\"70,000\",
2018-19,আয়,,জন্ম ও মৃত্যু নিবন্ধন ফি,Birth and death registration fees,\"15,000\",
2016-17,ব্যয়,রাজস্ব,রাজস্ব হিসাবের ব্যয়,Revenue account expenditure,,\"3,28,602\"
2017-18,ব্যয়,রাজস্ব,রাজস্ব হিসাবের ব্যয়,Revenue account expenditure,\"8,93,800\",
2018-19,ব্যয়,রাজস্ব,রাজস্ব হিসাবের ব্যয়,Revenue account expenditure,\"9,24,000\",
2016-17,ব্যয়,উন্নয়ন,উন্নয়ন ব্যয়,Development expenditure,,\"1,02,43,163\"
2017-18,ব্যয়,উন্নয়ন,উন্নয়ন ব্যয়,Development expenditure,\"1,24,37,654\",
2018-19,ব্যয়,উন্নয়ন,উন্নয়ন ব্যয়,Development expenditure,\"1,25,63,506\",
";

#[test]
fn a_form_kha_shows_last_years_actual_beside_the_budget() {
    let (_tmp, content) = council_with_budget("sreepur", FORM_KHA);
    let (_out_tmp, out) = build(&content);
    let page = html(&out.join("sreepur/en/budget.html"));
    // 2018-19 has no actuals: the sector tables show those of 2016-17 beside the budget.
    assert_eq!(
        heads(&page, "revenue")[..3],
        ["Sector", "Received 2016-17", "Estimated"]
    );
    assert_eq!(
        row(&page, "revenue", "House tax")[1..3],
        ["2,10,280", "4,00,000"]
    );
    assert_eq!(
        row(&page, "revenue", "Market lease")[1..3],
        ["35,478", "90,000"]
    );
    assert_eq!(foot(&page, "revenue")[1], "2,55,908");
    assert_eq!(heads(&page, "sectors")[1], "Spent 2016-17");
    assert_eq!(
        row(&page, "sectors", "Development expenditure")[1..3],
        ["1,02,43,163", "1,25,63,506"]
    );
    // Recurrent against capital: the Form's revenue and development accounts.
    assert_eq!(heads(&page, "natures")[0], "Nature");
    assert_eq!(
        row(&page, "natures", "Recurrent")[1..3],
        ["9,24,000", "6.9%"]
    );
    assert_eq!(
        row(&page, "natures", "Capital")[1..3],
        ["1,25,63,506", "93.1%"]
    );

    // The year of actuals alone: what came in and went out, no allocation to rate against.
    let actuals = html(&out.join("sreepur/en/budget-2016-17.html"));
    let figures = texts(&actuals, "section[aria-labelledby=exp] dd");
    assert!(figures[0].starts_with('—'), "{figures:?}");
    assert!(figures[2].starts_with("1,05,71,765"), "{figures:?}");
    assert!(figures[3].starts_with('—'), "{figures:?}");
    let notes = texts(&actuals, "main p.note").join(" | ");
    assert!(
        notes.contains("Expenditure: 2 of 2 lines report an actual and no allocation"),
        "{notes}"
    );
    // No share of an allocation that was never made.
    assert_eq!(
        row(&actuals, "sectors", "Development expenditure")[1..4],
        ["—", "—", "1,02,43,163"]
    );
    assert_eq!(
        foot(&actuals, "sectors")[1..5],
        ["—", "—", "1,05,71,765", "—"]
    );
    assert!(
        !heads(&actuals, "sectors")
            .iter()
            .any(|h| h.contains("2016"))
    );

    // The Bengali page speaks Bengali.
    let bn = html(&out.join("sreepur/budget.html"));
    assert_eq!(heads(&bn, "revenue")[1], "প্রকৃত আয় ২০১৬-১৭");
    assert_eq!(row(&bn, "natures", "রাজস্ব ব্যয়")[1], "৯,২৪,০০০");
}

/// Expenditure split by nature and revenue by grant type, as a Nepali municipality's
/// budget writes them: the grant named in the heading, or in a `grant` column.
const NEPALI: &str = "\
fiscal_year,type,nature,grant,sector,sector:en,allocated,spent
2081/82,खर्च,चालु,,शिक्षा,Education,600,500
2081/82,खर्च,पूँजीगत,,सडक,Roads,300,100
2081/82,खर्च,पुँजीगत,,खानेपानी,Water,100,
2081/82,राजस्व,,,वित्तीय समानीकरण अनुदान,Fiscal equalisation grant,500,500
2081/82,आम्दानी,,,संघीय शसर्त अनुदान,Federal conditional grant,300,250
2081/82,आय,,समपुरक,प्रदेश अनुदान,Provincial grant,100,
2081/82,राजस्व,,,सम्पत्ति कर,Property tax,80,90
2081/82,राजस्व,,,विशेष कार्यक्रम शुल्क,Special programme fees,20,
";

#[test]
fn recurrent_and_capital_and_grants_by_type() {
    let (_tmp, content) = council_with_budget("dhangadhi", NEPALI);
    let (_out_tmp, out) = build(&content);
    let page = html(&out.join("dhangadhi/en/budget.html"));
    assert_eq!(
        row(&page, "natures", "Recurrent")[1..5],
        ["600", "60.0%", "500", "83.3%"]
    );
    assert_eq!(
        row(&page, "natures", "Capital")[1..5],
        ["400", "40.0%", "100", "33.3%"]
    );
    assert_eq!(
        texts(
            &page,
            "table#grants tbody tr th, table#grants tbody tr td:first-child"
        )
        .len(),
        3
    );
    assert_eq!(
        row(&page, "grants", "Equalisation grant")[1..3],
        ["500", "50.0%"]
    );
    assert_eq!(
        row(&page, "grants", "Conditional grant")[1..4],
        ["300", "30.0%", "250"]
    );
    assert_eq!(
        row(&page, "grants", "Complementary grant")[1..4],
        ["100", "10.0%", "—"]
    );
    // "Special programme fees" is not a special grant: it does not say it is a grant.
    let grant_rows = texts(&page, "table#grants tbody tr").join(" | ");
    assert!(!grant_rows.contains("Special"), "{grant_rows}");
    // The lines table names each line's nature.
    assert!(heads(&page, "programmes").contains(&"Nature".to_string()));

    // The download says it too, in words a program reads.
    let csv = read(&out.join("dhangadhi/data/budget.csv"));
    let head = csv.lines().next().unwrap();
    assert!(head.ends_with(",nature,grant"), "{head}");
    assert!(csv.contains(",recurrent,"), "{csv}");
    assert!(csv.contains(",equalisation"), "{csv}");
    let package = read(&out.join("dhangadhi/datapackage.json"));
    assert!(package.contains("\"nature\""), "{package}");
}

#[test]
fn a_revenue_only_budget_shows_no_expenditure() {
    let budget = "fiscal_year,type,sector,sector:en,allocated,spent\n\
                  2081/82,आय,सम्पत्ति कर,Property tax,800,700\n\
                  2081/82,राजस्व,व्यवसाय कर,Business tax,200,\n";
    let (_tmp, content) = council_with_budget("dhangadhi", budget);
    let (_out_tmp, out) = build(&content);
    let page = html(&out.join("dhangadhi/en/budget.html"));
    let headings = texts(&page, "main h2");
    assert!(
        !headings.iter().any(|h| h.starts_with("Expenditure")),
        "{headings:?}"
    );
    assert!(
        !headings.contains(&"Programmes".to_string()),
        "{headings:?}"
    );
    for id in ["sectors", "programmes", "natures"] {
        assert!(heads(&page, id).is_empty(), "table {id} is shown");
    }
    assert!(page.select(&sel("main svg")).next().is_none());
    assert_eq!(
        row(&page, "revenue", "Property tax")[1..3],
        ["800", "80.0%"]
    );
    // The home page glances at the revenue, not at an expenditure of nothing.
    let home = html(&out.join("dhangadhi/en/index.html"));
    let glance = texts(&home, "main dt").join(" | ");
    assert!(
        glance.contains("Estimated") && glance.contains("Received"),
        "{glance}"
    );
    assert!(!glance.contains("Allocated"), "{glance}");
    // The comparison has no budget for this council, rather than a budget of 0.
    let compare = read(&out.join("compare/comparison.csv"));
    let mut lines = compare.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = head.iter().position(|h| *h == "budget_allocated").unwrap();
    let ours: Vec<&str> = lines.filter(|l| l.contains(",dhangadhi,")).collect();
    assert!(!ours.is_empty(), "{compare}");
    for line in ours {
        assert_eq!(line.split(',').nth(column), Some(""), "{line}");
    }
}

#[test]
fn mistakes_in_the_new_columns_are_located() {
    let budget = "fiscal_year,type,nature,grant,sector,allocated,spent\n\
                  2081/82,खर्च,salaries,,शिक्षा,100,\n\
                  2081/82,आय,,federal,अनुदान,100,\n\
                  2081/82,खर्च,,,सडक,,\n";
    let (tmp, content) = council_with_budget("dhangadhi", budget);
    let run = khula(
        tmp.path(),
        &["check", "--content", content.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("budget.csv:2:")
            && err.contains("\"salaries\" is not a nature of expenditure"),
        "{err}"
    );
    assert!(
        err.contains("write recurrent, capital or financing"),
        "{err}"
    );
    assert!(
        err.contains("budget.csv:3:") && err.contains("\"federal\" is not a grant type"),
        "{err}"
    );
    assert!(
        err.contains("budget.csv:4:") && err.contains("allocated is empty"),
        "{err}"
    );
    assert!(err.contains("needs its actual in spent"), "{err}");
}

/// The CSV examples of section 5.1 of docs/content-format.md, in order.
fn documented_budgets() -> Vec<String> {
    let doc = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md"));
    let start = doc.find("### 5.1 budget.csv").unwrap();
    let end = doc.find("### 5.2 tax-rates.csv").unwrap();
    doc[start..end]
        .split("```csv\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_documented_examples_build_as_the_format_says() {
    let examples = documented_budgets();
    assert_eq!(examples.len(), 3, "{examples:?}");
    // The Nepali budget: recurrent against capital, and all four grant types.
    let (_tmp, content) = council_with_budget("dhangadhi", &examples[1]);
    let (_out_tmp, out) = build(&content);
    let page = html(&out.join("dhangadhi/en/budget.html"));
    assert_eq!(
        row(&page, "natures", "Recurrent")[1..3],
        ["26,76,00,200", "59.9%"]
    );
    assert_eq!(row(&page, "natures", "Capital")[1], "17,93,00,000");
    let grants: Vec<String> = texts(&page, "table#grants tbody tr")
        .iter()
        .map(|r| r.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        grants,
        [
            "Equalisation grant",
            "Conditional grant",
            "Special grant",
            "Complementary grant"
        ]
    );
    // The Form Kha: the actual of 2016-17 beside the budgets of 2017-18 and 2018-19.
    let (_tmp, content) = council_with_budget("sreepur", &examples[2]);
    let (_out_tmp, out) = build(&content);
    for page in ["budget.html", "budget-2017-18.html"] {
        let page = html(&out.join("sreepur/en").join(page));
        assert_eq!(heads(&page, "revenue")[1], "Received 2016-17");
        assert_eq!(row(&page, "revenue", "Hat-bazar lease")[1], "35,478");
        assert_eq!(heads(&page, "sectors")[1], "Spent 2016-17");
    }
}
