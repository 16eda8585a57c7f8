//! Hostile content and operator mistakes: nothing from outside a council folder reaches a
//! portal, nothing is written outside the output folder, content cannot bring scripts into
//! a portal, and Khula deletes only what it wrote.
//!
//! Each test starts from a copy of `tests/fixtures/invalid/valid/` in a temporary folder and
//! adds the hostile part at run time (file names git cannot hold portably, secrets outside
//! the content folder).

mod common;
use common::*;

use std::path::{Path, PathBuf};

/// A scratch folder with `content/base-nagar/` (a valid council) and a secret beside it.
struct Scratch {
    tmp: tempfile::TempDir,
}

const SECRET: &str = "DEPLOY_TOKEN=khula-canary-5f1e";

impl Scratch {
    fn new() -> Scratch {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(&fixture("invalid/valid"), &tmp.path().join("content"));
        std::fs::write(tmp.path().join("secret.txt"), SECRET).unwrap();
        Scratch { tmp }
    }
    fn root(&self) -> &Path {
        self.tmp.path()
    }
    fn council(&self) -> PathBuf {
        self.root().join("content/base-nagar")
    }
    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.council().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    fn documents_csv(&self, rows: &[&str]) {
        let mut text = String::from("file,title\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        self.write("documents.csv", text.as_bytes());
    }
    fn run(&self, args: &[&str]) -> Run {
        khula(self.root(), args)
    }
    fn build(&self) -> Run {
        self.run(&["build", "--content", "content", "--out", "sites"])
    }
    fn check(&self) -> Run {
        self.run(&["check", "--content", "content"])
    }
    fn out(&self) -> PathBuf {
        self.root().join("sites")
    }
}

/// Every byte below `dir`, with the names of the files holding `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            std::fs::read(e.path())
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .map(|e| e.path().display().to_string())
        .collect()
}

/// The names of the entries of every zip below `dir`.
fn zip_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for path in files(dir, "zip") {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        for i in 0..archive.len() {
            names.push(archive.by_index(i).unwrap().name().unwrap().to_string());
        }
    }
    names
}

#[cfg(unix)]
#[test]
fn a_backslash_path_with_a_decoy_cannot_copy_a_file_from_outside_the_council() {
    for (file, row) in [
        (
            "documents.csv",
            "file,title\n\"documents\\..\\..\\..\\secret.txt\",Leak\n",
        ),
        (
            "decisions.csv",
            "date,title,ref,document\n2080-04-15,Leak,2080-001,\"documents\\..\\..\\..\\secret.txt\"\n",
        ),
    ] {
        let s = Scratch::new();
        // A file whose name is the whole string: the link check once found it.
        s.write("documents\\..\\..\\..\\secret.txt", b"decoy");
        s.write(file, row.as_bytes());
        let run = s.build();
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("base-nagar/{file}:2:"))
                && run.stderr.contains("leaves the council folder"),
            "{file}: {}",
            run.stderr
        );
        assert!(files_holding(s.root().join("sites").as_path(), SECRET).is_empty());
        assert!(!s.root().join("secret.txt.1").exists());
        assert_eq!(s.check().code, 1, "check agrees with build");
    }
}

#[test]
fn a_windows_path_inside_the_council_is_published_at_its_plain_name() {
    let s = Scratch::new();
    s.write("documents/reports/a.pdf", b"%PDF-1.4 a");
    s.documents_csv(&[
        "documents\\reports\\a.pdf,Report",
        "documents/./programme.pdf,Programme",
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let council = s.out().join("base-nagar");
    assert!(council.join("documents/reports/a.pdf").is_file());
    assert!(council.join("documents/programme.pdf").is_file());
    for name in zip_names(&s.out()) {
        assert!(
            !name.contains("..") && !name.starts_with('/') && !name.contains("/./"),
            "{name}"
        );
    }
    // The next build keeps what the pages link to.
    let again = s.build();
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(council.join("documents/programme.pdf").is_file());
    assert!(
        broken_links(&council).is_empty(),
        "{:?}",
        broken_links(&council)
    );
}

#[test]
fn documents_that_could_run_in_a_browser_are_refused_with_a_reason() {
    let s = Scratch::new();
    s.write("documents/notice.html", b"<script>alert(1)</script>");
    s.write("media/map.svg", b"<svg onload=\"alert(1)\"></svg>");
    s.write("documents/tool.exe", b"MZ");
    s.write("index.html", b"<h1>not the portal</h1>");
    s.documents_csv(&[
        "documents/notice.html,Notice",
        "media/map.svg,Map",
        "documents/tool.exe,Tool",
        "index.html,Home",
    ]);
    let run = s.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (line, words) in [
        (2, ".html files are not published"),
        (3, "SVG image with an event handler"),
        (4, ".exe files are not published"),
        (5, "not in the documents/ or media/ folder"),
    ] {
        let want = format!("base-nagar/documents.csv:{line}:");
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&want) && l.contains(words)),
            "line {line}: {words}\n{}",
            run.stderr
        );
    }
    assert!(!s.out().exists(), "nothing is published");
}

#[test]
fn only_linked_media_are_published() {
    let s = Scratch::new();
    s.write("media/shown.png", b"\x89PNG shown");
    s.write("media/linked.png", b"\x89PNG linked");
    s.write("media/stray.png", b"\x89PNG stray");
    s.write("media/evil.svg", b"<svg><script>alert(1)</script></svg>");
    s.write(
        "pages/about.md",
        b"---\ntitle: About\n---\n![map](/media/shown.png)\n",
    );
    s.documents_csv(&["media/linked.png,Linked"]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let media = s.out().join("base-nagar/media");
    assert!(media.join("shown.png").is_file());
    assert!(media.join("linked.png").is_file());
    assert!(!media.join("stray.png").exists());
    assert!(!media.join("evil.svg").exists());
    assert!(
        run.stderr
            .contains("media/stray.png: warning: is not published"),
        "{}",
        run.stderr
    );
    assert!(zip_names(&s.out()).iter().all(|n| !n.ends_with("evil.svg")));
}

#[test]
fn a_page_that_shows_a_scripted_svg_is_an_error() {
    let s = Scratch::new();
    s.write("media/evil.svg", b"<svg><script>alert(1)</script></svg>");
    s.write(
        "pages/about.md",
        b"---\ntitle: About\n---\n<img src=\"/media/evil.svg\" alt=\"x\">\n",
    );
    let run = s.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("media/evil.svg: is an SVG image with a script")
            || run.stderr.contains("SVG image with a script"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_files_that_differ_only_in_capital_letters_are_an_error() {
    let s = Scratch::new();
    s.write("documents/Report.pdf", b"%PDF-1.4 A");
    s.write("documents/report.pdf", b"%PDF-1.4 b");
    s.documents_csv(&["documents/Report.pdf,One", "documents/report.pdf,Two"]);
    let run = s.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("documents.csv:3:1: documents/report.pdf differs from another published file only in capital letters"),
        "{}",
        run.stderr
    );
}
