//! `khula serve`: build, serve the portals on this computer, and rebuild as files are saved.
//!
//! Three parts run side by side: the HTTP server ([`server`]: an accept thread, a few
//! workers that answer each request with [`http`], and the long-poll loop on the calling
//! thread), a watcher thread that collects file events and rebuilds the councils they touch
//! ([`watch`]), and the file watcher's own thread. A shared [`watch::Status`] carries the
//! build number and the problems of a failed build from the second to the first. Pages wait
//! on `/__khula/wait`; those requests are held in the loop, not in threads, and answered when
//! the build number changes.

mod host;
pub mod http;
mod interrupt;
mod server;
pub mod watch;
mod wire;

use crate::build::{self, Failure};
use notify::{RecursiveMode, Watcher};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use watch::{Changes, Rebuilder, Roots, Status};

/// The address served on unless `--bind` says otherwise: this computer only.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub themes: Option<PathBuf>,
    /// Where the preview is built; by default a fresh folder in the system's temporary
    /// folder, removed on exit, so a preview never touches the published `sites/`.
    pub out: Option<PathBuf>,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port.
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Print only problems, not every successful rebuild.
    pub quiet: bool,
}

/// Builds, serves and watches until Ctrl-C.
pub fn run(opts: &Options) -> Result<(), Failure> {
    interrupt::install();
    if !crate::fs::is_dir(&opts.content) {
        return Err(Failure::Usage(format!(
            "the content folder {} does not exist; pass --content DIR with one folder per council",
            opts.content.display()
        )));
    }
    if let Some(problem) = crate::load::council_folder_as_content(&opts.content, &opts.content) {
        return Err(Failure::Usage(problem.0));
    }
    let themes = build::themes_folder(&opts.content, opts.themes.as_deref());
    let (out, owned) = match &opts.out {
        Some(out) => (out.clone(), None),
        None => {
            let dir = std::env::temp_dir().join(format!("khula-serve-{}", std::process::id()));
            crate::fs::remove_dir_all_if_exists(&dir)
                .map_err(|e| Failure::Io(format!("{}: {e}", dir.display())))?;
            (dir.join("sites"), Some(dir))
        }
    };
    let roots = Roots::new(&opts.content, &themes);
    let out_abs = Roots::new(&out, &out).content;
    if out_abs
        .iter()
        .any(|o| roots.content.iter().any(|c| o.starts_with(c)))
    {
        return Err(Failure::Usage(format!(
            "the preview folder {} is inside the content folder; choose another --out",
            out.display()
        )));
    }
    let result = serve(opts, &themes, &out, roots);
    if let Some(dir) = owned {
        let _ = crate::fs::remove_dir_all_if_exists(&dir);
    }
    result
}

/// Watches the content folder and, when there is one, the themes folder, sending their
/// events to `tx`. A folder that cannot be watched is warned about.
fn watch_folders(
    tx: std::sync::mpsc::Sender<notify::Result<notify::Event>>,
    content: &Path,
    themes: &Path,
) -> Result<notify::RecommendedWatcher, Failure> {
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Failure::Io(format!("cannot watch for changes: {e}")))?;
    let mut watched = vec![content.to_path_buf()];
    if crate::fs::is_dir(themes) {
        watched.push(themes.to_path_buf());
    }
    for dir in &watched {
        if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
            eprintln!(
                "warning: {}: cannot watch for changes ({e}); restart serve after editing",
                dir.display()
            );
        }
    }
    Ok(watcher)
}

/// The address to open in a browser for the server on `bind` and `port`.
fn address(bind: IpAddr, port: u16) -> String {
    match bind {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{port}/"),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("http://[::1]:{port}/"),
        IpAddr::V4(ip) => format!("http://{ip}:{port}/"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}/"),
    }
}

/// Says where the portals are served and built.
fn greet(opts: &Options, url: &str, out: &Path) {
    println!("Serving {} at {url}", opts.content.display());
    if opts.bind.is_unspecified() {
        println!(
            "Listening on every network interface (--bind {}).",
            opts.bind
        );
    }
    if opts.out.is_none() {
        eprintln!(
            "The preview is built in {}; sites/ is not touched.",
            out.display()
        );
    }
    println!("Watching for changes. Press Ctrl-C to stop.");
}

fn serve(opts: &Options, themes: &Path, out: &Path, roots: Roots) -> Result<(), Failure> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = TcpListener::bind(addr)
        .map_err(|e| Failure::Usage(format!("cannot listen on {addr}: {e}")))?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());

    let status = Arc::new(Mutex::new(Status::default()));
    let mut rebuilder = Rebuilder {
        options: build::Options {
            content: opts.content.clone(),
            out: Some(out.to_path_buf()),
            themes: opts.themes.clone(),
            sites: Vec::new(),
            claim_out: false,
            unpublish_all: false,
            base_url: None,
            progress: false,
            shard: None,
            site_pages: false,
        },
        roots,
        folders: watch::council_folders(&opts.content),
        retry: Changes::default(),
        status: Arc::clone(&status),
        quiet: opts.quiet,
        memory: build::Memory::default(),
    };
    // Watch before the first build, so that nothing saved during it is missed.
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = watch_folders(tx, &opts.content, themes)?;

    rebuilder.rebuild(Changes {
        all: true,
        ..Changes::default()
    });

    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("khula-rebuild".into())
            .spawn(move || rebuilder.run(&rx, &stop))
            .map_err(|e| Failure::Io(format!("cannot start the rebuild thread: {e}")))?
    };

    let url = address(opts.bind, port);
    greet(opts, &url, out);
    let mut browser = if opts.open { open_browser(&url) } else { None };

    let served = server::run(listener, out, &status);

    stop.store(true, Ordering::SeqCst);
    drop(watcher);
    let _ = worker.join();
    if let Some(child) = browser.as_mut() {
        let _ = child.try_wait();
    }
    served.map_err(|e| Failure::Io(format!("serving {url}: {e}")))?;
    eprintln!("Stopped.");
    Ok(())
}

/// Opens `url` in the default browser; a failure only prints a note.
fn open_browser(url: &str) -> Option<std::process::Child> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    match command.arg(url).spawn() {
        Ok(child) => Some(child),
        Err(e) => {
            eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
            None
        }
    }
}
