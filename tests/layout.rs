//! Table markup over the sample portals (`content/`), built with the real binary: the
//! default theme lays each table row out as a block of labelled values on narrow screens,
//! reading each value's label from its cell's `data-label`. So every data cell must carry
//! its column's heading, in every language, in council tables and comparison tables alike.

mod common;
use common::*;

use scraper::ElementRef;
use std::path::Path;

/// The text of an element, as a reader sees it: whitespace runs made one space, trimmed.
fn shown(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_data_cell_is_labelled_with_its_column_heading() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_tmp, out) = build(&content);

    let (table, head, row, cell) = (sel("table"), sel("thead th"), sel("tr"), sel("th, td"));
    let (mut cells, mut pages) = (0, 0);
    for page in files(&out, "html") {
        let doc = html(&page);
        let mut any = false;
        for t in doc.select(&table) {
            let heads: Vec<String> = t.select(&head).map(shown).collect();
            for r in t.select(&row).filter(|r| r.select(&head).next().is_none()) {
                for (i, c) in r.select(&cell).enumerate() {
                    if c.value().name() == "th" {
                        continue;
                    }
                    let label = c.value().attr("data-label");
                    assert_eq!(
                        label,
                        heads.get(i).map(String::as_str),
                        "{}: cell {} of a row of table {:?}",
                        page.display(),
                        i + 1,
                        t.value().attr("id")
                    );
                    cells += 1;
                    any = true;
                }
            }
        }
        pages += usize::from(any);
    }
    // The samples have tables on most pages: a selector gone wrong must not pass silently.
    assert!(pages > 50 && cells > 1000, "{cells} cells on {pages} pages");
}
