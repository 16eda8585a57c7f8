//! Table markup over the sample portals (`content/`), built with the real binary: the
//! default theme lays each table row out as a block of labelled values on narrow screens.
//! A table names its columns' labels once in its `style` (`--c2:'Amount'` for the second
//! cell of a row), and a cell past the sixteenth carries its own in `data-label`. So every
//! data cell must get its column's heading that way, in every language, in council tables
//! and comparison tables alike. (`tests/browser/layout.mjs` checks what Chromium draws.)

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

/// The labels a table's `style` names, by position: `--c3:'a\27 b'` is 3 → "a'b". Reads
/// CSS strings in single quotes with escapes, as a browser does.
fn style_labels(style: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut rest = style;
    while let Some(at) = rest.find("--c") {
        rest = &rest[at + 3..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let position: usize = rest[..digits].parse().unwrap();
        rest = rest[digits..].strip_prefix(":'").expect("a quoted label");
        let mut label = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            let (i, c) = chars.next().expect("a closed label");
            match c {
                '\'' => break i,
                '\\' => {
                    let hex: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .take_while(|c| c.is_ascii_hexdigit())
                        .collect();
                    label.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                c => label.push(c),
            }
        };
        out.push((position, label));
        rest = &rest[end + 1..];
    }
    out
}

#[test]
fn a_table_style_reads_back() {
    assert_eq!(
        style_labels("--c1:'Rank';--c3:'a\\27 b\\5c c\\22 ; \\3c d'"),
        [(1, "Rank".to_string()), (3, "a'b\\c\"; <d".to_string())]
    );
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
            let named = style_labels(t.value().attr("style").unwrap_or_default());
            for r in t.select(&row).filter(|r| r.select(&head).next().is_none()) {
                for (i, c) in r.select(&cell).enumerate() {
                    if c.value().name() == "th" {
                        continue;
                    }
                    let own = c.value().attr("data-label");
                    let position = i + 1;
                    let label = if position <= 16 {
                        assert_eq!(
                            own,
                            None,
                            "{}: cell {position} labelled twice",
                            page.display()
                        );
                        named
                            .iter()
                            .find(|(p, _)| *p == position)
                            .map(|(_, l)| l.as_str())
                    } else {
                        own
                    };
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
