//! Ctrl-C (and, on Unix, SIGTERM and SIGHUP) during `khula serve`: the `ctrlc` crate's handler
//! only sets a flag, and the serve loop, which wakes several times a second, sees it and
//! shuts down in order.
//!
//! The flag is a process-wide static because the handler runs on its own thread, set up
//! once for the process, and can reach nothing else. A second Ctrl-C, when the first has
//! not ended the process yet, ends it at once.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The exit status of a process ended by a second Ctrl-C: 128 + SIGINT, as a shell reports
/// a program that Ctrl-C ended.
const SECOND_INTERRUPT_STATUS: i32 = 130;

/// True once Ctrl-C (or, on Unix, SIGTERM or SIGHUP) has been received.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Routes Ctrl-C to the flag instead of ending the process. Without a handler (one was set
/// already, or the platform has none) Ctrl-C keeps its default and ends the process.
pub fn install() {
    if let Err(e) = ctrlc::set_handler(on_interrupt) {
        eprintln!("warning: Ctrl-C will end the preview without cleaning up: {e}");
    }
}

#[expect(
    clippy::exit,
    reason = "a second Ctrl-C must end the process whatever the serve loop is doing"
)]
fn on_interrupt() {
    if REQUESTED.swap(true, Ordering::SeqCst) {
        std::process::exit(SECOND_INTERRUPT_STATUS);
    }
}
