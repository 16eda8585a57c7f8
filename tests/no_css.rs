//! Pages read without their stylesheet (a stylesheet request that failed on 2G, a text
//! browser, a reader mode): every figure stays whole and apart from the next. Elements that
//! browsers draw inline by default run their text together when nothing separates them, as
//! "७६,६५,००,०००७६.६५ करोड" (an amount and its words) did; this reads every built page as
//! a browser without CSS lays it out and finds each such join.

mod common;
use common::*;
use scraper::{ElementRef, Html, Node};
use std::path::Path;

/// Elements a browser's own stylesheet shows as blocks, rows or cells (or not at all): text
/// on either side of them is never joined.
const APART: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// The joins of a page: the text before and after each place where two inline pieces of
/// text meet with a letter or digit on both sides and nothing between them.
fn joins(doc: &Html) -> Vec<(String, String)> {
    let mut pieces: Vec<Option<String>> = Vec::new();
    walk(doc.root_element(), &mut pieces);
    let mut out = Vec::new();
    let mut before = String::new();
    for piece in pieces {
        let Some(text) = piece else {
            before.clear();
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let (last, first) = (before.chars().last(), text.chars().next());
        if let (Some(a), Some(b)) = (last, first)
            && a.is_alphanumeric()
            && b.is_alphanumeric()
        {
            let tail: String = before
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            out.push((tail, text.chars().take(24).collect()));
        }
        before.push_str(&text);
    }
    out
}

/// The page's text in order, `None` where a block starts or ends.
fn walk(element: ElementRef, pieces: &mut Vec<Option<String>>) {
    let apart = APART.contains(&element.value().name());
    if apart {
        pieces.push(None);
    }
    if !matches!(
        element.value().name(),
        "head" | "script" | "style" | "svg" | "title"
    ) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => pieces.push(Some(t.to_string())),
                Node::Element(_) => walk(ElementRef::wrap(child).unwrap(), pieces),
                _ => {}
            }
        }
    }
    if apart {
        pieces.push(None);
    }
}

#[test]
fn no_figure_runs_into_the_next_without_the_stylesheet() {
    let mut pages = 0;
    let mut found = Vec::new();
    // The sample councils, and the real ones of four countries.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for content in [samples, fixture("real")] {
        let (_tmp, out) = build(&content);
        for page in files(&out, "html") {
            pages += 1;
            for (before, after) in joins(&html(&page)) {
                found.push(format!("{}: {before:?} | {after:?}", page.display()));
            }
        }
    }
    assert!(pages > 250, "{pages}");
    assert!(
        found.is_empty(),
        "{} joins:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_finds_an_amount_run_into_its_words() {
    let doc = Html::parse_document(
        "<!doctype html><dl><dt>Allocated</dt><dd>76,65,00,000<small>76.65 crore</small></dd>\
         <dd>1,200 <small>twelve hundred</small></dd></dl><p>a<b>b</b></p><p>x</p><p>y</p>",
    );
    assert_eq!(
        joins(&doc),
        [
            ("76,65,00,000".to_string(), "76.65 crore".to_string()),
            ("a".to_string(), "b".to_string())
        ]
    );
}
