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

/// Every file below `dir` by its path relative to it, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_content_folder_or_a_folder_around_or_inside_it_is_never_the_output() {
    let s = Scratch::new();
    let before = tree(&s.root().join("content"));
    for out in [
        "content",
        "content/out",
        "content/base-nagar",
        ".",
        "./content/../content",
    ] {
        let run = s.run(&["build", "--content", "content", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("content folder"), "{}", run.stderr);
    }
    assert_eq!(tree(&s.root().join("content")), before, "content untouched");
    assert_eq!(s.check().code, 0);
}

#[test]
fn a_folder_khula_did_not_make_is_refused_unless_claimed() {
    let s = Scratch::new();
    let out = s.out();
    for (rel, text) in [
        ("home/notes.txt", "mine"),
        ("compare/mine.txt", "mine"),
        ("councils/list.txt", "mine"),
        ("base-nagar/letter.txt", "mine"),
        ("index.html", "<h1>my own site</h1>"),
    ] {
        std::fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
        std::fs::write(out.join(rel), text).unwrap();
    }
    let before = tree(&out);
    let run = s.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--claim-out"), "{}", run.stderr);
    assert_eq!(tree(&out), before, "nothing of the user's touched");
    // Said explicitly, the folder becomes Khula's; what is not at a path Khula writes stays.
    let run = s.run(&[
        "build",
        "--content",
        "content",
        "--out",
        "sites",
        "--claim-out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join(".khula-output").is_file());
    assert_eq!(read(&out.join("home/notes.txt")), "mine");
    // From now on it is Khula's own: no flag needed.
    assert_eq!(s.build().code, 0);
}

#[test]
fn an_output_made_by_an_earlier_version_is_still_khulas() {
    let s = Scratch::new();
    assert_eq!(s.build().code, 0);
    std::fs::remove_file(s.out().join(".khula-output")).unwrap();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(s.out().join(".khula-output").is_file());
}

#[test]
fn a_build_that_finds_no_council_does_not_unpublish_the_published_ones() {
    let s = Scratch::new();
    assert_eq!(s.build().code, 0);
    let published = tree(&s.out());
    std::fs::create_dir_all(s.root().join("empty")).unwrap();
    let run = s.run(&["build", "--content", "empty", "--out", "sites"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no council was found") && run.stderr.contains("--unpublish-all"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&s.out()), published);
    let run = s.run(&[
        "build",
        "--content",
        "empty",
        "--out",
        "sites",
        "--unpublish-all",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.out().join("base-nagar").exists());
}

/// A content folder of three councils, its output at one version (`old`) and at the next
/// (`new`), where every page of every council differs.
struct Versions {
    s: Scratch,
    old: PathBuf,
    new: PathBuf,
}

fn versions() -> Versions {
    let s = Scratch::new();
    let content = s.root().join("content");
    for slug in ["cha-nagar", "kha-nagar"] {
        copy_tree(&s.council(), &content.join(slug));
    }
    let old = s.root().join("old");
    let run = s.run(&["build", "--content", "content", "--out", "old"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for slug in ["base-nagar", "cha-nagar", "kha-nagar"] {
        let site = content.join(slug).join("site.yaml");
        let text = read(&site).replace("Base Nagar", "Naya Nagar");
        std::fs::write(&site, text).unwrap();
    }
    let new = s.root().join("new");
    let run = s.run(&["build", "--content", "content", "--out", "new"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Versions { s, old, new }
}

/// The part of `tree` below `folder/`.
fn folder_of(
    all: &std::collections::BTreeMap<String, Vec<u8>>,
    folder: &str,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let prefix = format!("{folder}/");
    all.iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_each_council_wholly_old_or_wholly_new() {
    let v = versions();
    let (old, new) = (tree(&v.old), tree(&v.new));
    let out = v.s.root().join("sites");
    let binary = env!("CARGO_BIN_EXE_khula");
    // How long a whole build takes here, to spread the kills over it.
    let started = std::time::Instant::now();
    copy_tree(&v.old, &out);
    assert_eq!(v.s.build().code, 0);
    // Publishing waits 40 ms after each folder, so that kills also fall between two.
    let pause = 40;
    let whole = started.elapsed().as_micros() as u64 + 5 * pause * 1000;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut mixed = 0;
    for round in 0..24 {
        std::fs::remove_dir_all(&out).unwrap();
        copy_tree(&v.old, &out);
        let mut child = std::process::Command::new(binary)
            .args(["build", "--content", "content", "--out", "sites", "--quiet"])
            .current_dir(v.s.root())
            .env("KHULA_TEST_PUBLISH_PAUSE_MS", pause.to_string())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = (seed >> 33) % (whole + whole / 4 + 1);
        std::thread::sleep(std::time::Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&out);
        let mut states = Vec::new();
        for folder in ["base-nagar", "cha-nagar", "kha-nagar", "compare"] {
            let got = folder_of(&now, folder);
            let state = if got == folder_of(&old, folder) {
                "old"
            } else if got == folder_of(&new, folder) {
                "new"
            } else {
                panic!(
                    "round {round}, after {delay} µs: {folder} is neither wholly old nor wholly new"
                )
            };
            states.push(state);
        }
        if states.contains(&"old") && states.contains(&"new") {
            mixed += 1;
        }
        // The next build finishes the work.
        let run = v.s.build();
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        let after = tree(&out);
        for folder in ["base-nagar", "cha-nagar", "kha-nagar", "compare"] {
            assert!(
                folder_of(&after, folder) == folder_of(&new, folder),
                "round {round}: {folder}"
            );
        }
        assert_eq!(
            after.get("index.html"),
            new.get("index.html"),
            "round {round}"
        );
        let leftovers: Vec<String> = std::fs::read_dir(v.s.root())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
    assert!(
        mixed > 0,
        "no kill fell between two councils' swaps; the test proves nothing"
    );
}

#[test]
fn two_builds_into_one_output_at_once_take_turns() {
    let v = versions();
    let out = v.s.root().join("sites");
    copy_tree(&v.old, &out);
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_khula"))
            .args(["build", "--content", "content", "--out", "sites"])
            .current_dir(v.s.root())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for run in [&a, &b] {
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        assert!(!stderr.contains("previous output was kept"), "{stderr}");
    }
    let mut got = tree(&out);
    got.remove(".khula-output");
    let mut want = tree(&v.new);
    want.remove(".khula-output");
    assert!(got == want, "the output is exactly one build's");
}

#[test]
fn names_too_long_for_a_disk_are_found_by_check_with_their_place() {
    let s = Scratch::new();
    let long = "a".repeat(200);
    s.write(
        "decisions.csv",
        format!(
            "date,title,ref\n2080-04-15,Long,{long}\n2080-05-01,Upper,X-1\n2080-05-02,Lower,x-1\n"
        )
        .as_bytes(),
    );
    s.write(
        &format!("pages/{long}.md"),
        b"---\ntitle: Long\n---\nText\n",
    );
    s.write(&format!("datasets/{long}.csv"), b"a,b\n1,2\n");
    let folder = s.root().join("content").join("b".repeat(100));
    copy_tree(&s.council(), &folder);
    let check = s.check();
    let build = s.build();
    assert_eq!((check.code, build.code), (1, 1), "{}", check.stderr);
    for want in [
        "base-nagar/decisions.csv:2:",
        "characters long",
        "base-nagar/decisions.csv:4:",
        "differs from ref X-1 (line 3) only in capital letters",
        "is not a valid page name",
        "is not a valid dataset name",
        "is not a valid council folder name",
    ] {
        assert!(check.stderr.contains(want), "{want}\n{}", check.stderr);
    }
    assert!(
        !build.stderr.contains("File name too long"),
        "{}",
        build.stderr
    );
}

#[test]
fn a_province_name_of_any_length_makes_a_list_page_that_fits_a_disk() {
    let s = Scratch::new();
    let site = s.council().join("site.yaml");
    let text = format!("{}province: {}\n", read(&site), "Sudurpashchim ".repeat(80));
    std::fs::write(&site, text).unwrap();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in files(&s.out(), "html") {
        let name = page.file_name().unwrap().to_string_lossy().len();
        assert!(name <= 80, "{}", page.display());
    }
}

#[test]
fn names_from_the_command_line_reach_the_terminal_escaped() {
    let s = Scratch::new();
    let run = s.run(&[
        "build",
        "--content",
        "content",
        "--out",
        "sites",
        "--site",
        "x\u{1b}]52;c;aGk=\u{7}",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    assert!(run.stderr.contains("\\u{1b}"), "{}", run.stderr);
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let s = Scratch::new();
    std::fs::write(s.root().join("sites"), "my notes").unwrap();
    let run = s.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is a file, not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&s.root().join("sites")), "my notes");
}
