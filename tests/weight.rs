//! Page-weight budget over the sample portals (`content/`), built with the real binary:
//! what a reader on 2G downloads for one page is its HTML plus the CSS it links, gzipped.
//! At most 14 KB for 95 % of pages (one TCP round trip's worth), never more than 50 KB;
//! the stylesheet at most 6 KB; no scripts (JSON-LD data blocks aside) and no web fonts.

mod common;
use common::*;

use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

const PAGE_BUDGET: usize = 14 * 1024;
const PAGE_MAX: usize = 50 * 1024;
const CSS_MAX: usize = 6 * 1024;

/// Gzipped size at the default level, as a web server would send it.
fn gzipped(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

fn percentile(sorted: &[usize], p: usize) -> usize {
    sorted[(sorted.len() * p).div_ceil(100).saturating_sub(1)]
}

#[test]
fn sample_pages_fit_the_weight_budget() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_tmp, out) = build(&content);

    let stylesheets = files(&out, "css");
    assert!(!stylesheets.is_empty(), "no stylesheet built");
    for css in &stylesheets {
        let text = read(css);
        let size = gzipped(text.as_bytes());
        assert!(size <= CSS_MAX, "{}: {size} bytes gzipped", css.display());
        assert!(!text.contains("@font-face"), "{}: web font", css.display());
        assert!(!text.contains("<script"), "{}: script", css.display());
    }

    // Browsers ask for /favicon.ico unless a page names its icon: an empty one inline costs
    // no request (and no 404 on a host without one).
    let icon = sel(r#"link[rel~="icon"]"#);
    let link = sel(r#"link[rel~="stylesheet"][href]"#);
    let json_ld = sel(r#"script[type="application/ld+json"]"#);
    let mut weights = Vec::new();
    for page in files(&out, "html") {
        let text = read(&page);
        assert!(!text.contains("@font-face"), "{}: web font", page.display());
        let mut weight = gzipped(text.as_bytes());
        let doc = scraper::Html::parse_document(&text);
        let icons: Vec<_> = doc
            .select(&icon)
            .filter_map(|e| e.value().attr("href"))
            .collect();
        assert!(
            !icons.is_empty() && icons.iter().all(|h| h.starts_with("data:")),
            "{}: icon {icons:?}",
            page.display()
        );
        // JSON-LD metadata is data for search engines, never run; any other script is code.
        let data_blocks = doc.select(&json_ld).count();
        assert_eq!(
            text.matches("<script").count(),
            data_blocks,
            "{}: script other than JSON-LD data",
            page.display()
        );
        for el in doc.select(&link) {
            let href = el.value().attr("href").unwrap();
            let css = page.parent().unwrap().join(href);
            let css = std::fs::read(&css)
                .unwrap_or_else(|e| panic!("{} links {href}: {e}", page.display()));
            weight += gzipped(&css);
        }
        let rel = page.strip_prefix(&out).unwrap().display().to_string();
        assert!(
            weight <= PAGE_MAX,
            "{rel}: {weight} bytes gzipped, over {PAGE_MAX}"
        );
        weights.push((weight, rel));
    }
    assert!(!weights.is_empty(), "no pages built");

    weights.sort();
    let sizes: Vec<usize> = weights.iter().map(|(w, _)| *w).collect();
    let (p50, p95) = (percentile(&sizes, 50), percentile(&sizes, 95));
    let (max, heaviest) = weights.last().unwrap();
    eprintln!(
        "page weight (HTML + CSS, gzipped) over {} pages: p50 {p50} B, p95 {p95} B, max {max} B ({heaviest})",
        sizes.len()
    );
    let over: Vec<_> = weights
        .iter()
        .filter(|(w, _)| *w > PAGE_BUDGET)
        .map(|(w, p)| format!("{p}: {w}"))
        .collect();
    assert!(
        over.len() * 100 <= sizes.len() * 5,
        "{} of {} pages over {PAGE_BUDGET} bytes gzipped (at most 5 % may be): {over:#?}",
        over.len(),
        sizes.len()
    );
}

#[test]
fn percentile_picks_the_nearest_rank() {
    let v: Vec<usize> = (1..=20).collect();
    assert_eq!(percentile(&v, 50), 10);
    assert_eq!(percentile(&v, 95), 19);
    assert_eq!(percentile(&v, 100), 20);
    assert_eq!(percentile(&[7], 95), 7);
}
