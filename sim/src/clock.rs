//! The simulator's clock for the state machine and token lifetimes: the machine's clock plus
//! an offset a test can advance, so a test moves a session to its next state at once instead
//! of racing a short real delay.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Clock {
    /// How far time has been advanced, in milliseconds.
    advanced_ms: AtomicU64,
}

impl Clock {
    /// Moves the simulated time forward (it never goes back).
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let _ = self
            .advanced_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |old| {
                Some(old.saturating_add(ms))
            });
    }

    pub fn advanced(&self) -> Duration {
        Duration::from_millis(self.advanced_ms.load(Ordering::SeqCst))
    }

    /// Now, for comparing ages and expiries.
    pub fn instant(&self) -> Instant {
        let now = Instant::now();
        now.checked_add(self.advanced()).unwrap_or(now)
    }

    /// Now, for the times written into records.
    pub fn timestamp(&self) -> jiff::Timestamp {
        let now = jiff::Timestamp::now();
        jiff::SignedDuration::try_from(self.advanced())
            .ok()
            .and_then(|d| now.checked_add(d).ok())
            .unwrap_or(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_both_clocks_forward() {
        let clock = Clock::default();
        let (before, stamp) = (clock.instant(), clock.timestamp());
        clock.advance(Duration::from_secs(3600));
        assert!(clock.instant().duration_since(before) >= Duration::from_secs(3600));
        assert!(clock.timestamp().as_second() - stamp.as_second() >= 3600);
        clock.advance(Duration::MAX);
        let _ = clock.instant(); // saturates, never panics
    }
}
