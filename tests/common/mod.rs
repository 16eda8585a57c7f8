//! Helpers shared by the integration tests: run the real binary over fixture councils and
//! look at what a reader would get — files, parsed HTML, links.
#![allow(dead_code, reason = "each test binary uses only some of the helpers")]

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
}

/// Runs `khula` with `args` in `cwd`.
pub fn khula(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("khula runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Runs `khula build --content CONTENT --out OUT` in `cwd`, whatever its outcome.
pub fn build_into(cwd: &Path, content: &Path, out: &Path) -> Run {
    khula(
        cwd,
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// Builds the councils in `content` into a fresh temporary folder. Panics if the build fails.
pub fn build(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), content, &out);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    (tmp, out)
}

/// Copies the folder tree `from` to `to` (made as needed): folders and plain files.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn html(path: &Path) -> Html {
    Html::parse_document(&read(path))
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Text of every element matching `selector`, whitespace collapsed.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every file below `dir` with the extension `ext`.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Every `href`/`src` of every page below `dir` resolved as `file://` would: returns the
/// broken ones as "page -> target".
pub fn broken_links(dir: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in files(dir, "html") {
        let doc = html(&page);
        for (attr, selector) in [("href", "[href]"), ("src", "[src]")] {
            for el in doc.select(&sel(selector)) {
                let target = el.value().attr(attr).unwrap_or("");
                if target.starts_with("http:")
                    || target.starts_with("https:")
                    || target.starts_with("mailto:")
                    || target.starts_with("tel:")
                    || target.starts_with("sms:")
                    || target.starts_with("data:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let path = target.split('#').next().unwrap_or("");
                let resolved = page.parent().unwrap().join(path);
                if path.is_empty() || path.ends_with('/') || !resolved.is_file() {
                    broken.push(format!(
                        "{} -> {target}",
                        page.strip_prefix(dir).unwrap().display()
                    ));
                }
            }
        }
    }
    broken
}

/// Writes into `templates` the default theme's `budget.html` with `<p id="marker">marker</p>`
/// at the start of its content, so a test can see which version of a theme a page was made
/// with.
#[allow(
    dead_code,
    reason = "each test binary uses its own part of this module"
)]
pub fn write_marked_budget_template(templates: &Path, marker: &str) {
    let text = include_str!("../../themes/default/templates/budget.html").replacen(
        "{% block content %}",
        &format!("{{% block content %}}<p id=\"marker\">{marker}</p>"),
        1,
    );
    std::fs::write(templates.join("budget.html"), text).unwrap();
}
