//! Who is who: the named roles citizens ask for, the elected representatives and the
//! staff, with the contacts the council publishes; and mistakes in people.csv, located.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn the_directory_names_who_to_ask_and_who_serves() {
    let (_tmp, out) = build(&content());
    let page = html(&out.join("dhangadhi/en/people.html"));
    let headings = texts(&page, "main h2");
    for role in [
        "Chief administrative officer",
        "Information officer",
        "Grievance-hearing officer",
        "Spokesperson",
    ] {
        assert!(
            headings.iter().any(|h| h.contains(role)),
            "{role}: {headings:?}"
        );
    }
    // Phone and email are links a phone can follow.
    assert!(
        page.select(&sel("main a[href=\"tel:+97791521101\"]"))
            .next()
            .is_some()
    );
    assert!(
        page.select(&sel(
            "main a[href=\"mailto:info@dhangadhimun.example.org\"]"
        ))
        .next()
        .is_some()
    );
    let elected: Vec<String> = page
        .select(&sel("table#elected tbody tr"))
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(elected.len(), 3, "{elected:?}");
    assert!(
        elected
            .iter()
            .any(|r| r.contains("Ward Chair") && r.contains("12"))
    );
    assert!(
        elected[0].contains("Mayor") && elected[0].contains("2084"),
        "{elected:?}"
    );
    // Nepali page in Nepali.
    let ne = texts(&html(&out.join("dhangadhi/people.html")), "main h2").join(" ");
    assert!(ne.contains("सूचना अधिकारी"), "{ne}");
    // No council without people.csv gets the page.
    let (_tmp2, plain) = build(&fixture("contract"));
    assert!(!plain.join("dhangadhi/people.html").exists());
}

#[test]
fn a_clerks_mistakes_in_people_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_tree(&content().join("gulberg-town"), &dir.join("gulberg-town"));
    std::fs::write(
        dir.join("gulberg-town/people.csv"),
        "name,post,group,role,email\n\
         A,Chair,volunteer,,\n\
         B,Officer,staff,treasurer,\n\
         C,Clerk,staff,,c at example.org\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("people.csv:2:") && err.contains("\"volunteer\" is not a group"),
        "{err}"
    );
    assert!(
        err.contains("people.csv:3:") && err.contains("\"treasurer\" is not a role"),
        "{err}"
    );
    assert!(
        err.contains("people.csv:4:") && err.contains("is not an email address"),
        "{err}"
    );
}

#[test]
fn the_grievance_officer_is_named_on_the_complaints_page() {
    let (_tmp, out) = build(&content());
    let page = html(&out.join("sreepur/en/complaints.html"));
    let main = texts(&page, "main").join(" ");
    assert!(
        main.contains("Grievance-hearing officer") && main.contains("Rafiqul Islam"),
        "{main}"
    );
}

#[test]
fn a_service_names_its_officer_its_steps_and_who_hears_complaints() {
    let (_tmp, out) = build(&content());
    let page = texts(&html(&out.join("dhangadhi/en/services/1.html")), "main").join(" ");
    for fact in [
        "Responsible officer Ward secretary",
        "Complaints heard by Ward chair",
        "1. Application registered → 2. Documents checked → 3. Registered and certificate issued",
    ] {
        assert!(page.contains(fact), "{fact}: {page}");
    }
    let csv = read(&out.join("dhangadhi/data/services.csv"));
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("steps,steps:en,officer"),
        "{csv}"
    );
}
