//! Ctrl-C without a crate: the handler only sets a flag, and the serve loop, which wakes
//! several times a second, sees it and shuts down in order.
//!
//! The flag is a process-wide static because a signal handler can reach nothing else. A
//! second Ctrl-C gets the default behaviour back and ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// True once Ctrl-C (or, on Unix, SIGTERM) has been received.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Routes Ctrl-C to the flag instead of ending the process.
pub fn install() {
    platform::install();
}

#[cfg(unix)]
mod platform {
    use super::REQUESTED;
    use std::os::raw::c_int;
    use std::sync::atomic::Ordering;

    const SIGINT: c_int = 2;
    const SIGTERM: c_int = 15;
    const SIG_DFL: usize = 0;

    unsafe extern "C" {
        // `sighandler_t signal(int, sighandler_t)` from the C library, which std already links.
        fn signal(signum: c_int, handler: usize) -> usize;
    }

    extern "C" fn on_signal(signum: c_int) {
        REQUESTED.store(true, Ordering::SeqCst);
        // Both calls are async-signal-safe; the next signal of this kind ends the process.
        // SAFETY: restoring the default disposition of a standard signal.
        unsafe {
            signal(signum, SIG_DFL);
        }
    }

    pub fn install() {
        let handler = on_signal as extern "C" fn(c_int) as usize;
        // SAFETY: the handler only touches an atomic and calls `signal`, both allowed in
        // a signal handler.
        unsafe {
            signal(SIGINT, handler);
            signal(SIGTERM, handler);
        }
    }
}

#[cfg(windows)]
mod platform {
    use super::REQUESTED;
    use std::sync::atomic::Ordering;

    type Bool = i32;
    type Handler = unsafe extern "system" fn(u32) -> Bool;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn SetConsoleCtrlHandler(handler: Option<Handler>, add: Bool) -> Bool;
    }

    unsafe extern "system" fn on_ctrl(_kind: u32) -> Bool {
        let again = REQUESTED.swap(true, Ordering::SeqCst);
        // Handled the first time; a second Ctrl-C falls through to the default (exit).
        Bool::from(!again)
    }

    pub fn install() {
        // SAFETY: registers a handler that only touches an atomic.
        unsafe {
            SetConsoleCtrlHandler(Some(on_ctrl), 1);
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod platform {
    pub fn install() {}
}
