//! A panic is a bug, and must look like one to a script: one line on stderr and exit 1 (never
//! an abort that skips cleanup), with the backtrace only when `RUST_BACKTRACE` asks for it.

use std::backtrace::{Backtrace, BacktraceStatus};
use std::io::Write;
use std::panic::PanicHookInfo;

/// Replaces the default hook (several lines, "thread 'main' panicked at") with one line;
/// `main` catches the unwind and exits 1. `say` words the line from the panic's message and
/// its place (main gives the catalogue's words: this room is below the messages room's users).
pub fn install_hook(say: fn(&str, &str) -> String) {
    std::panic::set_hook(Box::new(move |info| {
        let mut stderr = std::io::stderr().lock();
        // A closed stderr must not turn the panic into an abort: writes are best effort.
        let _ = writeln!(stderr, "{}", line(info, say));
        let backtrace = Backtrace::capture();
        if backtrace.status() == BacktraceStatus::Captured {
            let _ = writeln!(stderr, "{backtrace}");
        }
    }));
}

fn line(info: &PanicHookInfo, say: fn(&str, &str) -> String) -> String {
    let payload = info.payload();
    let message = (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    // The message may quote input: `say` escapes it, so that it stays one line.
    say(message, &place)
}
