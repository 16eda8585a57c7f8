//! Meetings: the ones to come with their agendas, the ones held with their minutes and
//! the decisions made that day.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn rows(doc: &scraper::Html, id: &str) -> Vec<String> {
    doc.select(&sel(&format!("table#{id} tbody tr")))
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn meetings_to_come_show_their_agenda_and_held_ones_their_decisions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    // 1 September 2024 (16 Bhadra 2081 BS): the meeting of 20 Bhadra is still to come.
    let run = Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(["build", "--quiet", "--content"])
        .arg(content())
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1725148800")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = html(&out.join("dhangadhi/en/meetings.html"));
    let coming = rows(&page, "coming");
    assert_eq!(coming.len(), 1, "{coming:?}");
    assert!(
        coming[0].contains("Review of the first quarter") && coming[0].contains("20 Bhadra 2081"),
        "{coming:?}"
    );
    let held = rows(&page, "held");
    assert_eq!(held.len(), 2, "{held:?}");
    // The executive of 15 Shrawan 2081 made one decision that day.
    assert!(
        held.iter()
            .any(|r| r.contains("Municipal Executive") && r.contains("Decisions: 1")),
        "{held:?}"
    );
    let home = html(&out.join("dhangadhi/en/index.html"));
    let link = texts(&home, "ul.list li")
        .into_iter()
        .find(|t| t.contains("Meetings"))
        .unwrap();
    assert!(link.contains("20 Bhadra 2081"), "{link}");
    // Without a meeting to come, the page says so.
    let (_t, later) = build(&content());
    let page = html(&later.join("sreepur/en/meetings.html"));
    assert!(rows(&page, "coming").is_empty());
    assert!(
        texts(&page, "main p")
            .iter()
            .any(|p| p.contains("No meeting is scheduled"))
    );
}
