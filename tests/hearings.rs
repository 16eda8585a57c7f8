//! Public hearings and social audits: who took part by sex and by group, findings and the
//! council's response; and mistakes in hearings.csv, located.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn hearings_show_who_took_part_and_what_came_of_them() {
    let (_tmp, out) = build(&content());
    let page = html(&out.join("dhangadhi/en/hearings.html"));
    let main = texts(&page, "main").join(" ");
    // 86 women, 104 men, 2 of another gender took part in the hearing: 192.
    for fact in [
        "Took part 192",
        "Women 86",
        "दलित 31",
        "Contractor instructed to finish",
    ] {
        assert!(main.contains(fact), "{fact}: {main}");
    }
    // Over both events 127 of 270 were women: 47.0 %.
    assert!(main.contains("270") && main.contains("47.0%"), "{main}");
    let csv = read(&out.join("dhangadhi/data/hearings.csv"));
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("group_दलित") && header.contains("women"),
        "{header}"
    );
    // Bengali page in Bengali digits.
    let bn = texts(&html(&out.join("sreepur/hearings.html")), "main").join(" ");
    assert!(bn.contains("১৫৬") && bn.contains("নারী"), "{bn}");
}

#[test]
fn a_clerks_mistakes_in_hearings_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_tree(&content().join("gulberg-town"), &dir.join("gulberg-town"));
    std::fs::write(
        dir.join("gulberg-town/hearings.csv"),
        "kind,title,date,women,group_youth,colour\n\
         rally,A,2024-01-05,10,,\n\
         hearing,B,2024-01-06,many,5,\n\
         audit,C,2024-01-07,3,few,\n",
    )
    .unwrap();
    let run = khula(tmp.path(), &["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(err.contains("unknown column colour"), "{err}");
    assert!(
        err.contains("hearings.csv:2:") && err.contains("\"rally\" is not a hearing or an audit"),
        "{err}"
    );
    assert!(
        err.contains("hearings.csv:3:") && err.contains("\"many\" is not a whole number"),
        "{err}"
    );
    assert!(
        err.contains("hearings.csv:4:") && err.contains("\"few\" is not a whole number of people"),
        "{err}"
    );
}
