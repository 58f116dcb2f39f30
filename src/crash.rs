//! A panic is a bug, and must look like one to a script: one line on stderr and exit 1 (never
//! an abort that skips cleanup), with the backtrace only when `RUST_BACKTRACE` asks for it.

use std::backtrace::{Backtrace, BacktraceStatus};
use std::io::Write;
use std::panic::PanicHookInfo;

/// Replaces the default hook (several lines, "thread 'main' panicked at") with one line;
/// `main` catches the unwind and exits 1.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut stderr = std::io::stderr().lock();
        // A closed stderr must not turn the panic into an abort: writes are best effort.
        let _ = writeln!(stderr, "{}", line(info));
        let backtrace = Backtrace::capture();
        if backtrace.status() == BacktraceStatus::Captured {
            let _ = writeln!(stderr, "{backtrace}");
        }
    }));
}

fn line(info: &PanicHookInfo) -> String {
    let payload = info.payload();
    let message = (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    // The message may quote input: escaped, so that it stays one line and cannot forge others.
    format!(
        "error: internal error: {}{place} (please report this)",
        crate::text::sanitize(message)
    )
}
