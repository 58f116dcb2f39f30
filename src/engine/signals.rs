//! The signals that end a watch or a wait: SIGINT (Ctrl-C), SIGTERM (`timeout`, `kill`,
//! systemd) and SIGHUP (a closed terminal) each set one flag that the polling loop checks, so
//! every one of them ends the run the same way (state saved), and the exit code says which
//! came (130, 143, 129). A second signal ends the program at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use crate::messages::{msg, Level, Message};
use crate::outcome::Kind;

/// The number of the last signal that came (0: none yet). An `Arc` because signal-hook 0.3
/// (the version crossterm depends on too: one copy in the binary) keeps a handle to it.
static WHICH: LazyLock<Arc<AtomicUsize>> = LazyLock::new(|| Arc::new(AtomicUsize::new(0)));

/// Catches SIGINT, SIGTERM and SIGHUP from now on (installed once per process) and returns
/// the flag they set: the poll loop notices within one tick and ends with the signal's exit
/// code (130, 143, 129). A signal that cannot be caught is told to `say`, the first time.
pub fn catch(mut say: impl FnMut(Level, &Message)) -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        install(&flag, &mut say);
        flag
    })
    .clone()
}

/// Whether a caught signal has come (never while none is caught): for a wait outside the
/// poll loop, such as a question, that must end as the signal asks.
pub fn came() -> bool {
    WHICH.load(Ordering::SeqCst) != 0
}

/// How the run stopped, once the flag is set: which signal it was.
pub fn kind() -> Kind {
    kind_of(WHICH.load(Ordering::SeqCst))
}

#[cfg(unix)]
fn kind_of(signal: usize) -> Kind {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    match i32::try_from(signal) {
        Ok(SIGTERM) => Kind::Terminated,
        Ok(SIGHUP) => Kind::HungUp,
        _ => Kind::Interrupted,
    }
}

#[cfg(not(unix))]
fn kind_of(_signal: usize) -> Kind {
    Kind::Interrupted
}

#[cfg(unix)]
fn install(flag: &Arc<AtomicBool>, say: &mut dyn FnMut(Level, &Message)) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // The shutdown goes first: it fires only once the flag is already set, i.e. on the
        // second signal, when the graceful stop did not come soon enough for the user.
        let exit_code = 128 + signal;
        let registered =
            signal_hook::flag::register_conditional_shutdown(signal, exit_code, flag.clone())
                .and_then(|_| {
                    signal_hook::flag::register_usize(signal, WHICH.clone(), signal as usize)
                })
                .and_then(|_| signal_hook::flag::register(signal, flag.clone()));
        if let Err(e) = registered {
            let uncaught = msg!("engine-signal-uncaught", signal = signal)
                .quote("error", crate::messages::os_error(&e));
            say(Level::Warning, &uncaught);
        }
    }
}

#[cfg(not(unix))]
fn install(flag: &Arc<AtomicBool>, say: &mut dyn FnMut(Level, &Message)) {
    let setter = flag.clone();
    if let Err(e) = ctrlc::set_handler(move || setter.store(true, Ordering::SeqCst)) {
        say(Level::Warning, &msg!("engine-ctrl-c-uncaught", error = e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn each_signal_names_its_own_stop() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        assert_eq!(kind_of(0), Kind::Interrupted);
        assert_eq!(kind_of(SIGINT as usize), Kind::Interrupted);
        assert_eq!(kind_of(SIGTERM as usize), Kind::Terminated);
        assert_eq!(kind_of(SIGHUP as usize), Kind::HungUp);
    }
}
