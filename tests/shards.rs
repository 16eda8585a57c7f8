//! Building in shards: `khula build --shard K/N` on each machine, the outputs gathered into
//! one folder, then `khula build --site-pages` there. The union is byte for byte what one
//! build of every council writes.

mod common;

use common::{broken_links, copy_tree, fixture, khula};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The samples and the real councils together: nine councils of four countries.
fn content(root: &Path) -> PathBuf {
    let content = root.join("content");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    for entry in std::fs::read_dir(fixture("real")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            copy_tree(&path, &content.join(path.file_name().unwrap()));
        }
    }
    content
}

/// Every file below `dir` (path relative to it) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `khula build --shard k/n` of `root/content` into `root/out`.
fn build_shard(root: &Path, k: u32, n: u32, out: &str) -> common::Run {
    let shard = format!("{k}/{n}");
    khula(
        root,
        &[
            "build",
            "--content",
            "content",
            "--out",
            out,
            "--shard",
            &shard,
        ],
    )
}

/// Runs khula in `root` and requires success.
fn ok(root: &Path, args: &[&str]) -> String {
    let run = khula(root, args);
    assert_eq!(run.code, 0, "khula {args:?} failed:\n{}", run.stderr);
    run.stderr
}

/// Builds the content in `shards` shards, each into its own folder, and gathers them into
/// `merged`.
fn build_in_shards(root: &Path, shards: u32, extra: &[&str], merged: &str) {
    for k in 1..=shards {
        let shard = format!("{k}/{shards}");
        let out = format!("shard-{k}");
        let mut args = vec![
            "build",
            "--content",
            "content",
            "--out",
            &out,
            "--shard",
            &shard,
        ];
        args.extend(extra);
        ok(root, &args);
        let built = root.join(&out);
        for site_page in ["index.html", "councils", "compare", ".khula-site.json"] {
            assert!(
                !built.join(site_page).exists(),
                "shard {shard} wrote the site page {site_page}"
            );
        }
        copy_tree(&built, &root.join(merged));
    }
}

/// Four shards on one machine, gathered, then the site pages: byte for byte one build,
/// as a plain build and as a mirror.
#[test]
fn four_shards_and_the_site_pages_are_one_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    content(root);
    for (name, extra) in [
        ("plain", vec![]),
        (
            "mirror",
            vec!["--base-url", "https://ngo.example.org/mirrors/"],
        ),
    ] {
        let single = format!("single-{name}");
        let merged = format!("merged-{name}");
        let mut args = vec!["build", "--content", "content", "--out", &single];
        args.extend(&extra);
        ok(root, &args);
        build_in_shards(root, 4, &extra, &merged);
        // Each council is in one shard only.
        let councils: Vec<String> = std::fs::read_dir(root.join(&single))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                root.join(&single)
                    .join(n)
                    .join(".khula-build.json")
                    .exists()
            })
            .collect();
        assert_eq!(councils.len(), 9, "{councils:?}");
        for c in &councils {
            let holders = (1..=4)
                .filter(|k| root.join(format!("shard-{k}")).join(c).exists())
                .count();
            assert_eq!(holders, 1, "{c} is in {holders} shards");
        }
        // The step after the shards reads no council's content: it runs without it.
        std::fs::rename(root.join("content"), root.join("content-away")).unwrap();
        let mut args = vec!["build", "--out", &merged, "--site-pages"];
        args.extend(&extra);
        let said = ok(root, &args);
        assert!(said.contains("site pages of 9 councils"), "{said}");
        std::fs::rename(root.join("content-away"), root.join("content")).unwrap();

        let (one, union) = (tree(&root.join(&single)), tree(&root.join(&merged)));
        let differ: Vec<&String> = one
            .keys()
            .chain(union.keys())
            .filter(|k| one.get(*k) != union.get(*k))
            .collect();
        assert!(differ.is_empty(), "{name}: files differ: {differ:?}");
        assert!(one.contains_key("index.html") && one.keys().any(|k| k.starts_with("compare/")));
        assert_eq!(broken_links(&root.join(&merged)), Vec::<String>::new());
        for k in 1..=4 {
            std::fs::remove_dir_all(root.join(format!("shard-{k}"))).unwrap();
        }
    }
}

/// A shard rebuilt into an output that holds other shards' councils removes only its own
/// stale councils: the one whose shard the council's slug falls in.
#[test]
fn a_shard_prunes_only_its_own_councils() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let content = content(root);
    // All four shards into one shared folder.
    for k in 1..=4 {
        let run = build_shard(root, k, 4, "shared");
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let before = tree(&root.join("shared"));
    assert_eq!(
        before
            .keys()
            .filter(|k| k.ends_with("/.khula-build.json"))
            .count(),
        9
    );
    // Remove one council from the content: only its shard's build removes its portal.
    let gone = "kohalpur";
    std::fs::remove_dir_all(content.join(gone)).unwrap();
    let holder = (1..=4u32)
        .find(|k| {
            let run = build_shard(root, *k, 4, "shared");
            assert_eq!(run.code, 0, "{}", run.stderr);
            !root.join("shared").join(gone).exists()
        })
        .expect("the shard holding the council removes it");
    assert_eq!(holder, khula::build::Shard::of(gone, 4));
    let after = tree(&root.join("shared"));
    let lost: Vec<&String> = before
        .keys()
        .filter(|k| !after.contains_key(*k) && !k.starts_with(&format!("{gone}/")))
        .collect();
    assert!(lost.is_empty(), "shard {holder} removed {lost:?}");
    ok(root, &["build", "--out", "shared", "--site-pages"]);
    let index = std::fs::read_to_string(root.join("shared/index.html")).unwrap();
    assert!(index.contains("bhimdatta/") && !index.contains(&format!("{gone}/")));
}

/// The records alone, as a CI workflow gathers them, make the same site pages; when
/// councils are gone from the records, their lists and comparison pages are gone too.
#[test]
fn the_records_alone_make_the_site_pages_and_stale_ones_go() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    content(root);
    ok(root, &["build", "--content", "content", "--out", "single"]);
    build_in_shards(root, 3, &[], "merged");
    let records = root.join("records");
    for (path, bytes) in tree(&root.join("merged")) {
        if path.ends_with("/.khula-build.json") {
            let to = records.join(&path);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, bytes).unwrap();
        }
    }
    ok(root, &["build", "--out", "records", "--site-pages"]);
    let (one, site) = (tree(&root.join("single")), tree(&records));
    let site_pages: Vec<&String> = one
        .keys()
        .filter(|k| k.starts_with("councils/") || k.starts_with("compare/") || !k.contains('/'))
        .filter(|k| !k.starts_with(".khula"))
        .collect();
    assert!(site_pages.len() > 50, "{site_pages:?}");
    for k in &site_pages {
        assert!(one.get(*k) == site.get(*k), "{k} differs from one build's");
    }
    // Pakistan's councils leave: its list and its comparison pages go with them.
    for gone in ["gulberg-town", "central-karachi"] {
        std::fs::remove_dir_all(records.join(gone)).unwrap();
    }
    ok(root, &["build", "--out", "records", "--site-pages"]);
    let after = tree(&records);
    assert!(site.keys().any(|k| k.starts_with("compare/pk")));
    let stale: Vec<&String> = after
        .keys()
        .filter(|k| {
            k.starts_with("compare/pk") || k.starts_with("compare/ur/") || k.contains("pk-sindh")
        })
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    let index = String::from_utf8_lossy(&after["index.html"]).into_owned();
    assert!(!index.contains("gulberg-town/") && index.contains("sreepur/"));
}

/// What goes wrong is said plainly, and nothing is written.
#[test]
fn the_site_pages_step_explains_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    content(root);
    // No output yet.
    let run = khula(root, &["build", "--out", "nowhere", "--site-pages"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--shard K/N"), "{}", run.stderr);
    // An empty output.
    std::fs::create_dir(root.join("empty")).unwrap();
    let run = khula(root, &["build", "--out", "empty", "--site-pages"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no council"), "{}", run.stderr);
    // A damaged record, and shards built as a mirror under plain site pages.
    build_in_shards(
        root,
        2,
        &["--base-url", "https://ngo.example.org/m/"],
        "merged",
    );
    let run = khula(root, &["build", "--out", "merged", "--site-pages"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    std::fs::write(root.join("merged/sreepur/.khula-build.json"), "{").unwrap();
    let run = khula(
        root,
        &[
            "build",
            "--out",
            "merged",
            "--site-pages",
            "--base-url",
            "https://ngo.example.org/m/",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("sreepur") && run.stderr.contains("cannot be read"),
        "{}",
        run.stderr
    );
    assert!(!root.join("merged/index.html").exists());
    // Shards that do not make sense.
    for (args, says) in [
        (vec!["--shard", "5/4"], "from 1 to 4"),
        (vec!["--shard", "two"], "K/N"),
        (vec!["--shard", "1/2", "--site-pages"], "cannot be used"),
        (
            vec!["--shard", "1/2", "--site", "sreepur"],
            "cannot be used",
        ),
    ] {
        let mut all = vec!["build", "--content", "content", "--out", "x"];
        all.extend(args);
        let run = khula(root, &all);
        assert_eq!(run.code, 2, "{all:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{all:?}: {}", run.stderr);
    }
}
