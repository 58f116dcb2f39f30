//! A bot's rate limit: at most `n` messages in any `window`, for each of its windows, and
//! spread evenly (one every `window / n`) rather than spent in a burst, so that what comes
//! later still finds room and waits in one batch instead of a minute. The clock is an
//! argument, so the rules are tested in simulated time.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

pub struct Limiter {
    windows: Vec<(usize, Duration)>,
    /// The least time between two messages: the slowest window's share of one.
    spacing: Duration,
    /// When the latest messages went out, oldest first (as many as the largest `n`).
    sent: VecDeque<Instant>,
}

impl Limiter {
    pub fn new(windows: &[(usize, Duration)]) -> Limiter {
        let spacing = windows
            .iter()
            .map(|&(n, window)| window / n.max(1) as u32)
            .max()
            .unwrap_or_default();
        Limiter {
            windows: windows.to_vec(),
            spacing,
            sent: VecDeque::new(),
        }
    }

    /// The earliest moment from `now` on when one more message keeps every window, spread
    /// evenly unless `burst` (the run is ending: there is no later to keep room for).
    pub fn free_at(&self, now: Instant, burst: bool) -> Instant {
        let mut at = now;
        if let (Some(&last), false) = (self.sent.back(), burst) {
            at = at.max(last + self.spacing);
        }
        for &(n, window) in &self.windows {
            if n > 0 && self.sent.len() >= n {
                // The n-th latest message must have left the window.
                at = at.max(self.sent[self.sent.len() - n] + window);
            }
        }
        at
    }

    /// A message went out at `now` (a refused one too: the bot counted it).
    pub fn record(&mut self, now: Instant) {
        self.sent.push_back(now);
        let keep = self.windows.iter().map(|w| w.0).max().unwrap_or(0);
        while self.sent.len() > keep {
            self.sent.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_spread_and_every_window_is_kept() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut l = Limiter::new(&[(5, ms(1000)), (100, ms(61_000))]);
        assert_eq!(l.free_at(t0, false), t0);
        l.record(t0);
        assert_eq!(l.free_at(t0, false), t0 + ms(610));
        let mut now = t0;
        let mut count = 1;
        while now < t0 + ms(61_000) {
            now = l.free_at(now, false);
            l.record(now);
            count += 1;
        }
        // 100 in the first window, the 101st exactly when the first leaves it.
        assert_eq!(count, 101);
        assert_eq!(now, t0 + ms(61_000));
    }

    #[test]
    fn a_wecom_bot_gets_one_message_every_three_seconds() {
        let t0 = Instant::now();
        let mut l = Limiter::new(&[(20, Duration::from_secs(61))]);
        l.record(t0);
        assert_eq!(l.free_at(t0, false), t0 + Duration::from_millis(3050));
        // At the end of a run the rest of the minute's budget may go at once, never more.
        for _ in 0..19 {
            assert_eq!(l.free_at(t0, true), t0);
            l.record(t0);
        }
        assert_eq!(l.free_at(t0, true), t0 + Duration::from_secs(61));
    }
}
