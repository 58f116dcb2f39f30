//! How the run's requests went, counted as each attempt is answered (or not): the numbers
//! that `sessions -o prometheus` and `--metrics-file` publish.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// The run's counters, shared by every handle of one client; each attempt counts once.
#[derive(Debug, Default)]
pub struct Tally {
    success: AtomicU64,
    client_error: AtomicU64,
    server_error: AtomicU64,
    network_error: AtomicU64,
    other: AtomicU64,
    throttled: AtomicU64,
    /// Milliseconds since the epoch of the last 2xx answer; 0 before the first.
    last_success_ms: AtomicI64,
}

/// A snapshot of the counters: attempts by outcome, the 429s among them, and when an
/// answer last succeeded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub success: u64,
    pub client_error: u64,
    pub server_error: u64,
    pub network_error: u64,
    pub other: u64,
    pub throttled: u64,
    pub last_success: Option<jiff::Timestamp>,
}

impl Counts {
    /// Each outcome label with its count, in a fixed order: every series is always there.
    pub fn by_outcome(&self) -> [(&'static str, u64); 5] {
        [
            ("success", self.success),
            ("client_error", self.client_error),
            ("server_error", self.server_error),
            ("network_error", self.network_error),
            ("other", self.other),
        ]
    }
}

impl Tally {
    /// An attempt the server answered with this HTTP status.
    pub(super) fn answered(&self, status: u16) {
        let counter = match status {
            200..=299 => {
                let now = jiff::Timestamp::now().as_millisecond();
                self.last_success_ms.fetch_max(now, Ordering::Relaxed);
                &self.success
            }
            400..=499 => &self.client_error,
            500..=599 => &self.server_error,
            _ => &self.other,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        if status == 429 {
            self.throttled.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// An attempt that got no answer (connect, TLS, timeout, a broken connection).
    pub(super) fn unanswered(&self) {
        self.network_error.fetch_add(1, Ordering::Relaxed);
    }

    pub fn counts(&self) -> Counts {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let ms = self.last_success_ms.load(Ordering::Relaxed);
        Counts {
            success: load(&self.success),
            client_error: load(&self.client_error),
            server_error: load(&self.server_error),
            network_error: load(&self.network_error),
            other: load(&self.other),
            throttled: load(&self.throttled),
            last_success: (ms > 0)
                .then(|| jiff::Timestamp::from_millisecond(ms).ok())
                .flatten(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_attempt_counts_once_by_its_class_and_429s_also_as_throttled() {
        let t = Tally::default();
        for status in [200, 204, 404, 429, 503, 302] {
            t.answered(status);
        }
        t.unanswered();
        let c = t.counts();
        assert_eq!(
            c.by_outcome(),
            [
                ("success", 2),
                ("client_error", 2),
                ("server_error", 1),
                ("network_error", 1),
                ("other", 1)
            ]
        );
        assert_eq!(c.throttled, 1);
        assert!(c.last_success.is_some());
        assert_eq!(Tally::default().counts().last_success, None);
    }
}
