//! The HTTP server: an accept thread, a few worker threads, and the long-poll loop.
//!
//! The accept thread hands each connection to the workers through a bounded channel. A
//! worker reads the request head ([`wire`]), checks the `Host` ([`host`]) and answers with a
//! file or page ([`http::answer`]); while one worker waits on a client that reads slowly or
//! not at all, the others go on answering. A request for [`http::WAIT_PATH`] is handed back
//! to the loop on the calling thread, which holds it until the build number changes, so
//! waiting pages occupy no worker. The loop also watches for Ctrl-C and stops the rest.

use super::watch::Status;
use super::wire::{self, Response};
use super::{host, http, interrupt};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Threads answering file requests. A page loads its stylesheet and images over about six
/// connections at once; eight leave room for a stuck download or two beside them.
const WORKERS: usize = 8;
/// Connections accepted but not yet taken by a worker; beyond this the system queues them.
const QUEUE: usize = 64;
/// Pages waiting for a rebuild at once; one more is told to try again in a second.
const MAX_WAITING: usize = 256;
/// How long a page's wait for a rebuild is held before it is answered anyway.
const WAIT_LIMIT: Duration = Duration::from_secs(25);
/// How often the loop wakes to answer waiting pages and look at the Ctrl-C flag, and how
/// often an idle worker looks at the stop flag.
const TICK: Duration = Duration::from_millis(20);
const WORKER_TICK: Duration = Duration::from_millis(100);
/// How long stopping waits for the threads; one still writing to a stuck client is left
/// to end with the process.
const STOP_LIMIT: Duration = Duration::from_secs(2);

/// A page waiting to hear of the next build.
struct Waiting {
    stream: TcpStream,
    since: u64,
    until: Instant,
}

/// What every worker needs.
struct Shared {
    out: PathBuf,
    status: Arc<Mutex<Status>>,
    parked: Sender<Waiting>,
    stop: Arc<AtomicBool>,
}

/// Serves `out` on `listener` until Ctrl-C.
pub fn run(listener: TcpListener, out: &Path, status: &Arc<Mutex<Status>>) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    let (parked_tx, parked_rx) = mpsc::channel::<Waiting>();

    let mut threads = Vec::with_capacity(WORKERS + 1);
    threads.push(spawn("khula-accept", {
        let stop = Arc::clone(&stop);
        move || accept(&listener, &jobs_tx, &stop)
    })?);
    for i in 0..WORKERS {
        let shared = Shared {
            out: out.to_path_buf(),
            status: Arc::clone(status),
            parked: parked_tx.clone(),
            stop: Arc::clone(&stop),
        };
        let jobs = Arc::clone(&jobs_rx);
        threads.push(spawn(&format!("khula-http-{i}"), move || {
            work(&jobs, &shared)
        })?);
    }
    drop(parked_tx);

    let waiting = wait_loop(&parked_rx, status);
    stop.store(true, Ordering::SeqCst);
    for w in waiting {
        let _ = Response::text(503, "stopped").send(&w.stream, false);
    }
    wake(local);
    join_within(threads, STOP_LIMIT);
    Ok(())
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new().name(name.to_string()).spawn(f)
}

fn accept(listener: &TcpListener, jobs: &SyncSender<TcpStream>, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match stream {
            Ok(stream) => {
                if jobs.send(stream).is_err() {
                    return;
                }
            }
            // Out of file handles, or a client gone before it was accepted: wait a little
            // rather than spin.
            Err(_) => std::thread::sleep(WORKER_TICK),
        }
    }
}

/// Ends the blocking `accept` by connecting to it once.
fn wake(local: SocketAddr) {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, local.port()), WORKER_TICK);
}

fn join_within(threads: Vec<JoinHandle<()>>, limit: Duration) {
    let until = Instant::now() + limit;
    while threads.iter().any(|t| !t.is_finished()) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    for t in threads {
        if t.is_finished() {
            let _ = t.join();
        }
    }
}

fn work(jobs: &Mutex<Receiver<TcpStream>>, shared: &Shared) {
    while !shared.stop.load(Ordering::SeqCst) {
        let job = jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .recv_timeout(WORKER_TICK);
        match job {
            Ok(stream) => handle(stream, shared),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Answers one connection: one request, one response.
fn handle(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let Ok(local) = stream.local_addr() else {
        return;
    };
    let head = match wire::read_head(&stream) {
        Ok(head) => head,
        Err(refusal) => {
            if let Some(response) = refusal.response() {
                let _ = response.send(&stream, false);
                wire::linger(&stream);
            }
            return;
        }
    };
    let head_only = head.method == "HEAD";
    if !head
        .host
        .as_deref()
        .is_some_and(|h| host::is_allowed(h, local))
    {
        let refusal = host::refusal(head.host.as_deref(), local);
        let _ = Response::text(403, &refusal).send(&stream, head_only);
        if head.has_body {
            wire::linger(&stream);
        }
        return;
    }
    let (path, query) = head.target.split_once('?').unwrap_or((&head.target, ""));
    if path == http::WAIT_PATH && head.method == "GET" {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let waiting = Waiting {
            stream,
            since,
            until: Instant::now() + WAIT_LIMIT,
        };
        if let Err(mpsc::SendError(w)) = shared.parked.send(waiting) {
            let _ = Response::text(503, "stopped").send(&w.stream, false);
        }
        return;
    }
    let now = shared
        .status
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let response = http::answer(&head.method, path, &shared.out, &now);
    let _ = response.send(&stream, head_only);
    if head.has_body {
        wire::linger(&stream);
    }
}

/// Holds waiting pages until the build number changes or their time is up; returns those
/// still waiting when Ctrl-C arrives.
fn wait_loop(parked: &Receiver<Waiting>, status: &Mutex<Status>) -> Vec<Waiting> {
    let mut waiting: Vec<Waiting> = Vec::new();
    while !interrupt::requested() {
        match parked.recv_timeout(TICK) {
            Ok(w) if waiting.len() < MAX_WAITING => waiting.push(w),
            Ok(w) => {
                let _ = Response::text(503, "too many pages are waiting").send(&w.stream, false);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        let version = status.lock().unwrap_or_else(|e| e.into_inner()).version;
        let now = Instant::now();
        let (ready, still): (Vec<Waiting>, Vec<Waiting>) = waiting
            .into_iter()
            .partition(|w| w.since != version || w.until <= now);
        waiting = still;
        for w in ready {
            // A few bytes into an idle connection: the write does not wait.
            let _ = http::version(version).send(&w.stream, false);
        }
    }
    waiting
}
