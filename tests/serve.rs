//! `khula serve` as a reader meets it: the real binary on a free port over a copy of a
//! fixture council, spoken to over plain HTTP. Every wait polls against a deadline.

mod common;
use common::copy_tree;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a change may take to show; the issue asks for well under this.
const DEADLINE: Duration = Duration::from_secs(3);

/// A running `khula serve`, killed when dropped.
struct Served {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
    content: PathBuf,
    out: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Copies the contract fixture and serves it.
    fn start() -> Served {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_tree(
            &common::fixture("contract/dhangadhi"),
            &content.join("dhangadhi"),
        );
        Served::start_in(tmp, content)
    }

    /// Serves `content`, which lies inside `tmp`.
    fn start_in(tmp: tempfile::TempDir, content: PathBuf) -> Served {
        let out = tmp.path().join("preview");
        let mut child = Command::new(env!("CARGO_BIN_EXE_khula"))
            .args(["serve", "--port", "0", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .current_dir(tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("khula serve starts");
        let stderr = collect(child.stderr.take().unwrap());
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _ = tx.send(url.to_string());
                }
            }
        });
        let mut served = Served {
            child,
            addr: String::new(),
            stderr,
            content,
            out,
            _tmp: tmp,
        };
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no URL printed; stderr:\n{}", served.log()));
        served.addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        assert!(
            served.addr.starts_with("127.0.0.1:"),
            "serves on loopback: {url}"
        );
        served
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Reply {
        get(&self.addr, path)
    }

    /// Fetches `path` until `ok` holds for the reply, or panics at the deadline.
    fn poll(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let until = Instant::now() + DEADLINE;
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < until,
                "{what}: not seen at {path} within {DEADLINE:?}; last reply:\n{}\nserve said:\n{}",
                reply.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.content.join("dhangadhi").join(file);
        let text = common::read(&path);
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    log
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A plain HTTP/1.0 GET (so the reply is never chunked), with `path` sent as written.
fn get(addr: &str, path: &str) -> Reply {
    request(
        addr,
        &format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    )
}

/// Sends `head` as written and reads the whole reply; a reply cut short by a reset still
/// counts with what arrived.
fn request(addr: &str, head: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // A server that refuses a long head may stop reading it, so write from another thread.
    let mut writer = stream.try_clone().unwrap();
    let head = head.as_bytes().to_vec();
    let sent = std::thread::spawn(move || {
        let _ = writer.write_all(&head);
    });
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let _ = sent.join();
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let raw = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

const BUDGET: &str = "/dhangadhi/en/budget.html";

#[test]
fn serves_pages_with_types_folders_and_refusals() {
    let s = Served::start();
    let page = s.get(BUDGET);
    assert_eq!(page.status, 200, "{}", s.log());
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Education"));
    assert!(
        page.body.contains("/__khula/wait"),
        "reload script injected"
    );
    let on_disk = common::read(&s.out.join("dhangadhi/en/budget.html"));
    assert!(
        !on_disk.contains("__khula") && on_disk.contains("Education"),
        "built files stay free of the reload script"
    );

    let folder = s.get("/dhangadhi");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/dhangadhi/"));
    let index = s.get("/dhangadhi/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("धनगढी"), "{}", index.body);
    assert_eq!(s.get("/").status, 200);

    let pdf = s.get("/dhangadhi/documents/programme.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("Content-Type"), Some("application/pdf"));
    let css = common::files(&s.out.join("dhangadhi"), "css");
    let css = css[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        s.get(&format!("/dhangadhi/{css}")).header("Content-Type"),
        Some("text/css; charset=utf-8")
    );

    let missing = s.get("/dhangadhi/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Not found"));
    for evil in [
        "/../content/dhangadhi/site.yaml",
        "/dhangadhi/../../content/dhangadhi/site.yaml",
        "/%2e%2e/content/dhangadhi/site.yaml",
        "/dhangadhi/..%2f..%2fcontent%2fdhangadhi%2fsite.yaml",
    ] {
        let r = s.get(evil);
        assert_eq!(r.status, 403, "{evil}: {}", r.body);
        assert!(!r.body.contains("languages"), "{evil}");
    }
}

#[test]
fn an_edited_csv_value_shows_within_the_deadline() {
    let s = Served::start();
    assert!(s.get(BUDGET).body.contains("Education"));
    s.edit("budget.csv", "Education", "Irrigation canals");
    s.poll(BUDGET, "the edited sector", |r| {
        r.body.contains("Irrigation canals")
    });
    // An editor's swap file is not a change.
    std::fs::write(s.content.join("dhangadhi/.budget.csv.swp"), "x").unwrap();
    s.edit("budget.csv", "Health", "Public health");
    let page = s.poll(BUDGET, "the second edit", |r| {
        r.body.contains("Public health")
    });
    assert!(page.body.contains("Irrigation canals"));
}

#[test]
fn a_failed_rebuild_keeps_the_last_page_and_shows_a_banner_until_fixed() {
    let s = Served::start();
    let original = common::read(&s.content.join("dhangadhi/budget.csv"));
    s.edit("budget.csv", "\"1,23,45,678\"", "12abc");

    // What `check` says about the same file, as `path:line:column`.
    let check = common::khula(
        s.content.parent().unwrap(),
        &["check", "--content", s.content.to_str().unwrap()],
    );
    assert_eq!(check.code, 1, "{}", check.stderr);
    let headline = check
        .stderr
        .lines()
        .find(|l| l.contains("budget.csv:"))
        .expect("check names budget.csv");
    let at = headline.find("budget.csv:").unwrap();
    let location: String = headline[at..]
        .splitn(4, ':')
        .take(3)
        .collect::<Vec<_>>()
        .join(":");
    assert!(location.starts_with("budget.csv:2:"), "{location}");

    let page = s.poll(BUDGET, "the problems banner", |r| {
        r.body.contains("khula-serve-problems") && r.body.contains(&location)
    });
    assert!(
        page.body.contains("Education"),
        "last good page still served"
    );
    assert!(
        page.body.contains("&quot;12abc&quot; is not an amount"),
        "the message is shown, escaped"
    );
    // Every page shows it, including the site index and a missing page.
    assert!(s.get("/").body.contains(&location));
    assert!(s.get("/nowhere").body.contains(&location));

    std::fs::write(s.content.join("dhangadhi/budget.csv"), original).unwrap();
    let fixed = s.poll(BUDGET, "the banner gone", |r| {
        !r.body.contains("khula-serve-problems")
    });
    assert!(fixed.body.contains("Education"));
    assert!(s.log().contains(&location), "diagnostics printed");
}

#[test]
fn a_waiting_page_hears_of_the_next_build() {
    let s = Served::start();
    let version: u64 = s.get("/__khula/version").body.trim().parse().unwrap();
    let addr = s.addr.clone();
    let waiter = std::thread::spawn(move || get(&addr, &format!("/__khula/wait?since={version}")));
    s.edit("tax-rates.csv", "500", "750");
    let reply = waiter.join().unwrap();
    assert_eq!(reply.status, 200);
    let next: u64 = reply.body.trim().parse().unwrap();
    assert!(next > version, "{next} after {version}");
}

/// A reader whose browser asks for a large document and then stops reading holds one
/// connection, not the whole preview.
#[test]
fn a_client_that_never_reads_a_large_document_stalls_nobody() {
    // Far more than the socket buffers on both sides hold, so the sender must wait.
    const SIZE: usize = 32 * 1024 * 1024;
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &common::fixture("contract/dhangadhi"),
        &content.join("dhangadhi"),
    );
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(SIZE, b'%');
    std::fs::write(content.join("dhangadhi/documents/programme.pdf"), &pdf).unwrap();
    let s = Served::start_in(tmp, content);

    let mut stuck = TcpStream::connect(&s.addr).unwrap();
    stuck
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stuck,
        "GET /dhangadhi/documents/programme.pdf HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    // The start of the reply shows the document is being sent; then the client stops reading.
    let mut start = [0u8; 12];
    stuck.read_exact(&mut start).unwrap();
    assert_eq!(&start, b"HTTP/1.1 200");

    let addr = s.addr.clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(get(&addr, BUDGET));
    });
    let page = rx
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| {
            panic!(
                "a page was not answered while another client left a document unread; \
                 serve said:\n{}",
                s.log()
            )
        });
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Education"));

    // The patient client still gets the whole document once it reads again.
    let mut raw = start.to_vec();
    stuck.read_to_end(&mut raw).unwrap();
    let at = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of the head");
    let head = String::from_utf8_lossy(&raw[..at]).into_owned();
    assert!(
        head.lines()
            .any(|l| l.eq_ignore_ascii_case(&format!("content-length: {SIZE}"))),
        "{head}"
    );
    assert!(raw[at + 4..] == pdf[..], "the whole document arrives");
}

#[test]
fn only_requests_for_this_computer_are_answered() {
    let s = Served::start();
    let port = s.addr.rsplit(':').next().unwrap();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = request(
            &s.addr,
            &format!("GET {BUDGET} HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        );
        assert_eq!(r.status, 200, "{host}: {}", r.body);
        assert!(r.body.contains("Education"), "{host}");
    }
    // What a page on another site sees after pointing its own name at 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1".to_string(),
        "127.0.0.1:1".to_string(),
        String::new(),
    ] {
        for path in [BUDGET, "/__khula/version"] {
            let r = request(
                &s.addr,
                &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n"),
            );
            assert_eq!(r.status, 403, "{host:?} {path}: {}", r.body);
            assert!(!r.body.contains("Education"), "{host:?}");
        }
    }
    let bare = request(&s.addr, &format!("GET {BUDGET} HTTP/1.0\r\n\r\n"));
    assert_eq!(bare.status, 403, "no Host header: {}", bare.body);
    assert!(bare.body.contains("Host"), "{}", bare.body);
}

#[test]
fn a_request_with_a_megabyte_of_headers_is_refused_and_serving_goes_on() {
    let s = Served::start();
    let filler = "x".repeat(64 * 1024);
    let mut long = format!("GET {BUDGET} HTTP/1.1\r\nHost: {}\r\n", s.addr);
    for i in 0..16 {
        long.push_str(&format!("X-Filler-{i}: {filler}\r\n"));
    }
    long.push_str("\r\n");
    let r = request(&s.addr, &long);
    assert_eq!(r.status, 431, "{}", r.headers);

    let mut many = format!("GET {BUDGET} HTTP/1.1\r\nHost: {}\r\n", s.addr);
    for i in 0..500 {
        many.push_str(&format!("X-N-{i}: {i}\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(request(&s.addr, &many).status, 431);

    let page = s.get(BUDGET);
    assert_eq!(page.status, 200, "{}", s.log());
    assert!(page.body.contains("Education"));
}

/// Ctrl-C (SIGINT) ends serve with success and leaves no preview folder behind.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &common::fixture("contract/dhangadhi"),
        &content.join("dhangadhi"),
    );
    let temp = tmp.path().join("temp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_khula"))
        .args(["serve", "--port", "0"])
        .current_dir(tmp.path())
        .env("TMPDIR", &temp)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = collect(child.stderr.take().unwrap());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .find_map(|l| {
            l.ok()?
                .split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(str::to_string)
        })
        .expect("URL printed");
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    assert_eq!(get(addr, BUDGET).status, 200);
    assert!(!tmp.path().join("sites").exists(), "sites/ is not touched");
    assert_eq!(std::fs::read_dir(&temp).unwrap().count(), 1, "one preview");

    // What Ctrl-C in a terminal sends, without the `kill` program (not on every machine).
    let pid = rustix::process::Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let until = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("serve did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}: {}", stderr.lock().unwrap());
    assert_eq!(
        std::fs::read_dir(&temp).unwrap().count(),
        0,
        "the preview folder is removed"
    );
}

/// Save-to-visible time for the sample council `content/dhangadhi`: the median of several
/// edits, from writing the file to the first reply that shows the new value. Prints the
/// figures; run with `cargo test --release --test serve -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn save_to_visible_time() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dhangadhi"),
        &content.join("dhangadhi"),
    );
    let s = Served::start_in(tmp, content);
    let budget = s.content.join("dhangadhi/budget.csv");
    let original = common::read(&budget);
    let mut times = Vec::new();
    let mut previous = "Education".to_string();
    for i in 0..9 {
        let label = format!("Measured sector {i}");
        let text = common::read(&budget).replace(&previous, &label);
        let saved = Instant::now();
        std::fs::write(&budget, text).unwrap();
        s.poll(BUDGET, "the measured edit", |r| r.body.contains(&label));
        times.push(saved.elapsed());
        previous = label;
    }
    std::fs::write(&budget, original).unwrap();
    drop(s);
    times.sort();
    eprintln!(
        "save-to-visible over {} edits: median {:?}, min {:?}, max {:?}",
        times.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

/// Every published file below `dir` with its bytes and modification time.
fn published(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push((
                entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
                entry.metadata().unwrap().modified().unwrap(),
            ));
        }
    }
    files.sort();
    files
}

/// An edit rebuilds the council it was made in and leaves the other councils' published
/// files alone.
#[test]
fn an_edit_rebuilds_only_its_own_council() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &common::fixture("contract/dhangadhi"),
        &content.join("dhangadhi"),
    );
    copy_tree(
        &common::fixture("invalid/valid/base-nagar"),
        &content.join("base-nagar"),
    );
    let s = Served::start_in(tmp, content);
    assert_eq!(s.get(BUDGET).status, 200, "{}", s.log());
    let other = s.out.join("base-nagar");
    let before = published(&other);
    assert!(
        before.iter().any(|(p, ..)| p.ends_with("budget.html")),
        "{before:?}"
    );
    // A hidden file is no change to watch for, but it is part of base-nagar's files: a
    // build of every council would find base-nagar changed and publish it again.
    std::fs::write(s.content.join("base-nagar/.notes"), "x").unwrap();
    let version: u64 = s.get("/__khula/version").body.trim().parse().unwrap();
    s.edit("budget.csv", "Education", "Irrigation canals");
    s.poll("/__khula/version", "the rebuild", |r| {
        r.body.trim().parse::<u64>().is_ok_and(|v| v > version)
    });
    assert!(s.get(BUDGET).body.contains("Irrigation canals"));
    let after = published(&other);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.display().to_string())
        .collect();
    assert_eq!(before.len(), after.len(), "{}", s.log());
    assert!(changed.is_empty(), "base-nagar republished: {changed:?}");
    let log = s.log();
    let built: Vec<&str> = log.lines().filter(|l| l.starts_with("built ")).collect();
    assert!(
        built
            .last()
            .is_some_and(|l| l.starts_with("built dhangadhi in ")),
        "{log}"
    );
}

/// An edited template of a council's theme shows on the served pages.
#[test]
fn an_edited_theme_template_shows_within_the_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        &common::fixture("contract/dhangadhi"),
        &content.join("dhangadhi"),
    );
    let site = content.join("dhangadhi/site.yaml");
    let text = common::read(&site);
    std::fs::write(&site, format!("{text}\ntheme: my-theme\n")).unwrap();
    let templates = tmp.path().join("themes/my-theme/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let budget = |marker: &str| common::write_marked_budget_template(&templates, marker);
    budget("first theme");
    let s = Served::start_in(tmp, content);
    assert!(s.get(BUDGET).body.contains("first theme"), "{}", s.log());
    budget("second theme");
    s.poll(BUDGET, "the edited template", |r| {
        r.body.contains("second theme")
    });
    let on_disk = common::read(&s.out.join("dhangadhi/en/budget.html"));
    assert!(on_disk.contains("second theme"));
}
