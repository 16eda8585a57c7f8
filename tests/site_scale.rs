//! The site pages (the index, its lists and the comparison) at the size of India's gram
//! panchayats: 255,000 councils in 28 states of up to 75 districts, one state of 60,000
//! and one district of 3,000. Every page stays under 50 KB gzipped, every link between
//! them resolves, and no two pages share a file.
//!
//! The councils are summaries made here (a simulation, not real places), handed straight
//! to the renderer's entry points: reading 255,000 council folders is not what is tested.
//! It is the slowest test: about 85 s in a debug build on two busy cores, and about 3 GB
//! of memory at its peak (40,000 pages held at once, as a build holds the site pages
//! before writing them).

mod common;

use khula::calendar::FiscalYear;
use khula::model::CouncilSummary;
use khula::model::summary::{BudgetFigures, Figures, YearFigures};
use khula::numbers::Amount;
use khula::render::{Output, RenderOptions, Renderer};
use khula::text::Text;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

/// The most a site page may weigh, gzipped.
const MAX_GZIPPED: usize = 50 * 1024;

/// A small deterministic generator (xorshift), so the councils are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Syllables of the made-up names, in Latin letters and in Devanagari.
const SYLLABLES: &[(&str, &str)] = &[
    ("ra", "रा"),
    ("ma", "म"),
    ("pur", "पुर"),
    ("ka", "का"),
    ("la", "ला"),
    ("na", "न"),
    ("ga", "गा"),
    ("ri", "री"),
    ("si", "सि"),
    ("ta", "ता"),
    ("dha", "धा"),
    ("bha", "भा"),
    ("va", "वा"),
    ("de", "दे"),
    ("ko", "को"),
    ("ha", "ह"),
    ("sa", "सा"),
    ("ja", "जा"),
    ("pa", "प"),
    ("mu", "मु"),
];

/// A made-up name of two to four syllables, in English and in Hindi.
fn name(rng: &mut Rng) -> (String, String) {
    let mut en = String::new();
    let mut hi = String::new();
    for _ in 0..2 + rng.below(3) {
        let (l, d) = SYLLABLES[rng.below(SYLLABLES.len())];
        en.push_str(l);
        hi.push_str(d);
    }
    let mut chars = en.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    (format!("{first}{}", chars.as_str()), hi)
}

fn text(en: &str, hi: &str, hindi: bool) -> Text {
    let mut t = Text::plain(en);
    if hindi {
        t = Text::plain(hi);
        t.set("en", en);
    }
    t
}

/// How many councils each state has: one of 60,000, the others 195,000 between them.
fn state_sizes() -> Vec<usize> {
    let weights: Vec<usize> = (0..27).map(|n| 1 + (n * 7) % 13).collect();
    let total: usize = weights.iter().sum();
    let mut sizes: Vec<usize> = weights.iter().map(|w| 195_000 * w / total).collect();
    sizes[0] += 195_000 - sizes.iter().sum::<usize>();
    sizes.insert(0, 60_000);
    sizes
}

/// 255,000 councils: states of 200 to 15,000 councils and one of 60,000, districts of
/// about 330 (the state of 60,000 has 75, one of them of 3,000). The councils of one state
/// have Hindi names and pages; the others English only.
fn india() -> Vec<CouncilSummary> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(255_000);
    for (s, size) in state_sizes().into_iter().enumerate() {
        let hindi = s == 2;
        let (state_en, state_hi) = name(&mut rng);
        let province = text(&format!("{state_en} {s}"), &state_hi, hindi);
        let districts = if s == 0 { 75 } else { (size / 330).max(1) };
        for d in 0..districts {
            let count = match (s, d) {
                (0, 0) => 3_000,
                (0, _) => 57_000 / 74 + usize::from(d - 1 < 57_000 % 74),
                _ => size / districts + usize::from(d < size % districts),
            };
            let (district_en, district_hi) = name(&mut rng);
            let district = text(&format!("{district_en} {d}"), &district_hi, hindi);
            for n in 0..count {
                out.push(council(&mut rng, (s, d, n), &province, &district, hindi));
            }
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

fn council(
    rng: &mut Rng,
    (s, d, n): (usize, usize, usize),
    province: &Text,
    district: &Text,
    hindi: bool,
) -> CouncilSummary {
    let (en, hi) = name(rng);
    let fy = FiscalYear { start_year: 2024 };
    let year = YearFigures {
        budget: Some(BudgetFigures {
            allocated: Amount::from_units(1_000_000 + rng.below(9_000_000) as i64).unwrap(),
            spent: None,
            execution: Some(rng.below(1000) as f64 / 10.0),
            sectors: BTreeMap::new(),
        }),
        grievances: None,
        projects: None,
    };
    let languages: Vec<String> = if hindi {
        vec!["hi".into(), "en".into()]
    } else {
        vec!["en".into()]
    };
    CouncilSummary {
        slug: format!("gp-{s:02}-{d:03}-{n:05}"),
        name: text(
            &format!("{en} Gram Panchayat"),
            &format!("{hi} ग्राम पंचायत"),
            hindi,
        ),
        kind: Some(text("Gram Panchayat", "ग्राम पंचायत", hindi)),
        default_lang: languages[0].clone(),
        languages,
        country: "IN".into(),
        province: Some(province.clone()),
        district: Some(district.clone()),
        figures: Figures {
            population: Some(1_000 + rng.below(20_000) as u64),
            census_year: Some(2011),
            currency: "INR".into(),
            calendar: None,
            latest: Some(fy),
            years: [(fy, year)].into_iter().collect(),
        },
        base_url: None,
    }
}

fn renderer() -> Renderer {
    let mut diags = khula::diagnostics::Diagnostics::new();
    let theme = khula::load::theme::load(Path::new(""), None, &mut diags);
    Renderer::new(
        RenderOptions::default(),
        vec![theme],
        "test".into(),
        &mut diags,
    )
    .expect("the default theme compiles")
}

/// Every site page and download, with paths from the output root.
fn site_pages(renderer: &Renderer, councils: &[CouncilSummary]) -> Vec<Output> {
    let mut files = renderer.render_index(councils).expect("the index renders");
    let compare = renderer
        .render_compare(councils, None)
        .expect("the comparison renders");
    assert!(compare.kept.is_empty());
    files.extend(compare.made.into_iter().map(|o| Output {
        path: format!("compare/{}", o.path),
        bytes: o.bytes,
    }));
    files
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

/// `href` of a page at `from` (a path from the output root) as a path from the root.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// What the pages show: the largest page gzipped, and every link that leads nowhere (a
/// link to a council's portal leads to its folder: those are not made here).
struct Survey {
    pages: usize,
    largest: (usize, String),
    broken: Vec<String>,
}

fn survey(files: &[Output], councils: &[CouncilSummary]) -> Survey {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), files.len(), "two pages share a file");
    let slugs: HashSet<&str> = councils.iter().map(|c| c.slug.as_str()).collect();
    let mut survey = Survey {
        pages: 0,
        largest: (0, String::new()),
        broken: Vec::new(),
    };
    // A page no larger than the limit cannot be larger gzipped: only the larger pages,
    // and the largest hundred, are gzipped.
    let mut by_size: Vec<&Output> = files.iter().filter(|f| f.path.ends_with(".html")).collect();
    by_size.sort_by_key(|f| std::cmp::Reverse(f.bytes.len()));
    for (n, f) in by_size.iter().enumerate() {
        survey.pages += 1;
        if n < 100 || f.bytes.len() + 64 > MAX_GZIPPED {
            let size = gzipped(&f.bytes);
            if size > survey.largest.0 {
                survey.largest = (size, f.path.clone());
            }
        }
        let html = std::str::from_utf8(&f.bytes).unwrap();
        for href in html.split(" href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            if href.starts_with('#') || href.starts_with("data:") || href.contains("://") {
                continue;
            }
            let target = resolve(&f.path, href.split('#').next().unwrap());
            let to_council = target.split('/').next().is_some_and(|s| slugs.contains(s));
            if !to_council && !paths.contains(target.as_str()) {
                survey.broken.push(format!("{} -> {href}", f.path));
            }
        }
    }
    survey
}

#[test]
fn every_site_page_stays_small_for_255_000_councils() {
    let councils = india();
    assert_eq!(councils.len(), 255_000);
    let files = site_pages(&renderer(), &councils);
    if let Some(dir) = std::env::var_os("KHULA_SCALE_OUT") {
        // To look at the pages: KHULA_SCALE_OUT=/tmp/scale cargo test --test site_scale
        for f in &files {
            let path = Path::new(&dir).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.bytes).unwrap();
        }
    }
    let survey = survey(&files, &councils);
    eprintln!(
        "{} site pages; largest {} bytes gzipped: {}",
        survey.pages, survey.largest.0, survey.largest.1
    );
    assert!(
        survey.largest.0 <= MAX_GZIPPED,
        "{} is {} bytes gzipped",
        survey.largest.1,
        survey.largest.0
    );
    assert_eq!(
        survey.broken[..survey.broken.len().min(10)],
        [] as [String; 0]
    );
    let page = |p: &str| {
        let f = files
            .iter()
            .find(|f| f.path == p)
            .unwrap_or_else(|| panic!("{p}"));
        std::str::from_utf8(&f.bytes).unwrap()
    };
    // The index lists the states, without their 780 districts.
    let index = page("index.html");
    assert_eq!(index.matches("<h3><a href=").count(), 28);
    assert!(!index.contains("class=\"districts\""));
    // The state of 60,000 lists its 75 districts; the district of 3,000 its initials,
    // neighbouring initials on one page while they fit.
    let state = link_before(index, "(60000 local governments)");
    let state = page(state);
    assert_eq!(state.matches("</a> <span>(").count(), 75);
    let district = link_before(state, "(3000 local governments)");
    let district = page(&format!("councils/{district}"));
    assert!(district.contains("class=\"districts\""), "{district}");
    // No list shows more than 300 councils, no table more than 100.
    for f in &files {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        let councils = html.matches("<li><a href=\"../gp-").count()
            + html.matches("<li><a href=\"../../gp-").count();
        assert!(councils <= 300, "{}: {councils} councils", f.path);
        assert!(html.matches("<tr>").count() <= 101, "{}", f.path);
    }
    // The comparison goes by state, the state of 60,000 by district.
    let compare = page("compare/index.html");
    assert_eq!(compare.matches("local governments)</a></li>").count(), 28);
    let state = link_before(compare, "(60000 local governments)");
    assert_eq!(
        page(&format!("compare/{state}"))
            .matches("<section")
            .count(),
        75
    );
}

/// The link just before `text` in `html`.
fn link_before<'h>(html: &'h str, text: &str) -> &'h str {
    let at = html
        .find(text)
        .unwrap_or_else(|| panic!("{text} in {html}"));
    let start = html[..at].rfind("href=\"").unwrap() + 6;
    &html[start..start + html[start..].find('"').unwrap()]
}

/// A real build of 700 councils, one province of 650 in two districts: the province's
/// list goes by district, the district of 420 by initial; every link of the built site
/// resolves from file://, and the other lists stay whole.
#[test]
fn a_build_splits_only_the_long_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let mut rng = Rng(7);
    let mut taken = HashSet::new();
    for n in 0..700 {
        let (province, district) = match n {
            0..420 => ("Purva", "Rampur"),
            420..650 => ("Purva", "Sitapur"),
            _ => ("Paschim", "Kalapur"),
        };
        let (en, hi) = loop {
            let name = name(&mut rng);
            if taken.insert(name.0.clone()) {
                break name;
            }
        };
        let dir = content.join(en.to_lowercase());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("site.yaml"),
            format!(
                "name: {{hi: {hi}, en: {en} Gram Panchayat}}\ncountry: IN\n\
                 province: {{en: {province} State}}\ndistrict: {{en: {district}}}\n\
                 languages: [hi, en]\n"
            ),
        )
        .unwrap();
    }
    let out = tmp.path().join("sites");
    let run = common::build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(common::broken_links(&out), Vec::<String>::new());
    let province = common::read(&out.join("councils/in-purva-state.html"));
    assert!(
        province.contains("href=\"in-purva-state-rampur.html\""),
        "{province}"
    );
    assert!(
        province.contains("href=\"in-purva-state-sitapur.html\""),
        "{province}"
    );
    let rampur = common::read(&out.join("councils/hi/in-purva-state-rampur.html"));
    assert!(rampur.contains("class=\"districts\""), "{rampur}");
    let sitapur = common::read(&out.join("councils/in-purva-state-sitapur.html"));
    assert_eq!(sitapur.matches("</small></li>").count(), 230);
    // The small province is listed whole, as before.
    let paschim = common::read(&out.join("councils/in-paschim-state.html"));
    assert_eq!(paschim.matches("</small></li>").count(), 50);
    for page in common::files(&out.join("councils"), "html") {
        let size = gzipped(&std::fs::read(&page).unwrap());
        assert!(size <= MAX_GZIPPED, "{}: {size}", page.display());
    }
}
