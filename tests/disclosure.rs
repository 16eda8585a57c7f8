//! Proactive disclosure: a page per quarter in the order of the country's law, each item
//! answered from what the portal publishes, with the requests for information reported.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn a_quarter_follows_the_law_and_answers_from_the_portal() {
    let (_tmp, out) = build(&content());
    let page = html(&out.join("dhangadhi/en/disclosure/2081-82-q1.html"));
    let headings = texts(&page, "main h2");
    // Nepal's section 5(3) (a) to (l), then the requests.
    assert_eq!(headings.len(), 13, "{headings:?}");
    assert!(headings[0].contains("Form and nature"), "{headings:?}");
    assert!(headings[9].contains("information officer"), "{headings:?}");
    assert!(headings[11].contains("Income, spending"), "{headings:?}");
    let main = texts(&page, "main").join(" ");
    // The quarter is 1 Shrawan to 30 Asoj 2081; one decision of the samples falls in it.
    assert!(
        main.contains("1 Shrawan 2081 BS") && main.contains("30 Asoj 2081 BS"),
        "{main}"
    );
    assert!(main.contains("Decisions made in the quarter 1"), "{main}");
    assert!(main.contains("Dinesh Rawal"), "{main}");
    assert!(
        main.contains("Requests received 14") && main.contains("Refused 1"),
        "{main}"
    );
    // The list of quarters, newest first, in Nepali too.
    let list = html(&out.join("dhangadhi/disclosure.html"));
    let rows = texts(&list, "table#quarters tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("२०८१/८२"), "{rows:?}");
    // Items the portal cannot answer say so.
    let bd = texts(
        &html(&out.join("sreepur/en/disclosure/2024-25-q1.html")),
        "main",
    )
    .join(" ");
    assert!(
        bd.contains("Right to Information Act 2009, section 6"),
        "{bd}"
    );
    let pk = texts(
        &html(&out.join("gulberg-town/en/disclosure/2023-24-q2.html")),
        "main",
    )
    .join(" ");
    assert!(pk.contains("Not published on this portal"), "{pk}");
}

#[test]
fn a_clerks_mistakes_in_disclosure_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_tree(&content().join("gulberg-town"), &dir.join("gulberg-town"));
    std::fs::write(
        dir.join("gulberg-town/disclosure.csv"),
        "fiscal_year,quarter,requests,answered,refused\n\
         2023-24,5,,,\n\
         2023-24,1,4,3,1\n\
         2023-24,2,4,4,1\n\
         2023-24,1,,,\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("disclosure.csv:2:") && err.contains("outside 1–4"),
        "{err}"
    );
    assert!(
        err.contains("disclosure.csv:4:") && err.contains("more than the 4 requests"),
        "{err}"
    );
    assert!(
        err.contains("disclosure.csv:5:") && err.contains("also on line 3"),
        "{err}"
    );
}
