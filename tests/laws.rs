//! Laws: grouped by type, each with its page, its amendments and what repealed it; and
//! the mistakes a clerk makes in laws.csv, located.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn laws_are_grouped_by_type_and_show_amendments_and_repeals() {
    let (_tmp, out) = build(&content());
    let list = html(&out.join("dhangadhi/en/laws.html"));
    let captions = texts(&list, "main table caption");
    assert!(captions.len() >= 2, "{captions:?}");
    assert!(
        captions[0].contains("Acts") && captions[1].contains("Procedures"),
        "{captions:?}"
    );
    let rows: Vec<String> = list
        .select(&sel("main table tbody tr"))
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("Finance Act 2080") && r.contains("Repealed by Finance Act 2081")),
        "{rows:?}"
    );
    // Newest first within a type.
    let first_act = rows
        .iter()
        .position(|r| r.contains("Finance Act 2081"))
        .unwrap();
    let older_act = rows
        .iter()
        .position(|r| r.contains("Finance Act 2080"))
        .unwrap();
    assert!(first_act < older_act);
    // A law's page lists the laws that amend it, and links the one it amends.
    let original = texts(
        &html(&out.join("dhangadhi/en/laws/users-committee-procedure.html")),
        "main",
    )
    .join(" ");
    assert!(original.contains("first amendment"), "{original}");
    let amendment = html(&out.join("dhangadhi/en/laws/users-committee-procedure-1.html"));
    assert!(
        amendment
            .select(&sel(
                "main a[href=\"../laws/users-committee-procedure.html\"]"
            ))
            .next()
            .is_some()
    );
    // In Nepali, with the type in Nepali.
    let ne = texts(
        &html(&out.join("dhangadhi/laws.html")),
        "main table caption",
    )
    .join(" ");
    assert!(ne.contains("ऐन") && ne.contains("कार्यविधि"), "{ne}");
    assert!(out.join("dhangadhi/data/laws.csv").is_file());
    // The full text is a free page, linked from the law's page.
    let act = html(&out.join("dhangadhi/en/laws/finance-act-2081.html"));
    assert!(
        act.select(&sel("main a[href=\"../pages/finance-act-2081.html\"]"))
            .next()
            .is_some()
    );
    let text = texts(
        &html(&out.join("dhangadhi/en/pages/finance-act-2081.html")),
        "main",
    )
    .join(" ");
    assert!(text.contains("Short title and commencement"), "{text}");
}

#[test]
fn a_clerks_mistakes_in_laws_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_tree(&content().join("gulberg-town"), &dir.join("gulberg-town"));
    std::fs::write(
        dir.join("gulberg-town/laws.csv"),
        "ref,type,title,passed,gazette,amends,repeals,text\n\
         a,act,First,2023-05-01,2023-04-01,,,\n\
         b,bylaw,Second,,,zzz,,\n\
         c,order,Third,,,,c,\n\
         d,order,Fourth,,,,,pages/nowhere.md\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("laws.csv:2:")
            && err.contains("published in the gazette (2023-04-01) before it was passed"),
        "{err}"
    );
    assert!(
        err.contains("laws.csv:3:") && err.contains("no law in laws.csv has the ref zzz"),
        "{err}"
    );
    assert!(
        err.contains("laws.csv:4:") && err.contains("law c names itself"),
        "{err}"
    );
}
