//! How long a round really takes, measured: the answers each lane got over a window, and
//! what that makes of the desktops waiting in it. The round note says it once the run keeps
//! a pace the gateway set, and again when it changes by more than half.

use std::time::{Duration, Instant};

use super::queue::Lane;

/// The shortest window a measure is taken over (a longer interval makes it longer).
const WINDOW: Duration = Duration::from_secs(5);
/// A measure said is said again once it changes by more than this share.
const CHANGE: f64 = 0.5;

/// One measure: the pace answers came at, a full round, and how often a pending desktop
/// is polled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub rate: f64,
    pub round: Duration,
    pub pending: Duration,
}

/// Answers counted since `since`, and the measure said last.
#[derive(Debug)]
pub struct Rounds {
    since: Instant,
    hot: u32,
    rest: u32,
    said: Option<Measure>,
}

impl Rounds {
    pub fn new(now: Instant) -> Rounds {
        Rounds {
            since: now,
            hot: 0,
            rest: 0,
            said: None,
        }
    }

    /// An answer (not a 429) for a desktop picked from `lane`.
    pub fn answered(&mut self, lane: Lane) {
        match lane {
            Lane::Hot => self.hot += 1,
            _ => self.rest += 1,
        }
    }

    /// Once a window has passed: the measure, given `open` desktops of which `hot` are hot,
    /// polled every `interval` at most; a new window begins.
    pub fn measure(
        &mut self,
        now: Instant,
        open: usize,
        hot: usize,
        interval: Duration,
    ) -> Option<Measure> {
        let span = now.saturating_duration_since(self.since);
        if span < WINDOW.max(interval.saturating_mul(2)) {
            return None;
        }
        let secs = span.as_secs_f64();
        let (hot_rate, rest_rate) = (f64::from(self.hot) / secs, f64::from(self.rest) / secs);
        *self = Rounds {
            since: now,
            hot: 0,
            rest: 0,
            said: self.said,
        };
        if rest_rate <= 0.0 {
            return None;
        }
        let every = |n: usize, rate: f64| interval.max(Duration::from_secs_f64(n as f64 / rate));
        let round = every(open.saturating_sub(hot), rest_rate);
        // Hot ones none of which came up in the window are polled no more often than the rest.
        let pending = match (hot, hot_rate > 0.0) {
            (0, _) => interval,
            (_, true) => every(hot, hot_rate),
            (_, false) => round,
        };
        Some(Measure {
            rate: hot_rate + rest_rate,
            round,
            pending,
        })
    }

    /// Whether `m` is worth saying: the first measure, or one that changed by more than half
    /// since the last said; if so, it is the one said now.
    pub fn worth_saying(&mut self, m: Measure) -> bool {
        let changed = |old: Duration, new: Duration| {
            let (old, new) = (old.as_secs_f64(), new.as_secs_f64());
            (new - old).abs() > CHANGE * old
        };
        let worth = self
            .said
            .is_none_or(|s| changed(s.round, m.round) || changed(s.pending, m.pending));
        if worth {
            self.said = Some(m);
        }
        worth
    }
}

/// A duration as a person reads it in a note: whole seconds from 2 s, else tens of ms.
pub fn rounded(d: Duration) -> Duration {
    match d.as_secs_f64() {
        s if s >= 2.0 => Duration::from_secs(s.round() as u64),
        s => Duration::from_millis(((s * 100.0).round() as u64).max(1) * 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(r: &mut Rounds, hot: u32, rest: u32) {
        (0..hot).for_each(|_| r.answered(Lane::Hot));
        (0..rest).for_each(|_| r.answered(Lane::Cold));
    }

    #[test]
    fn a_round_is_what_the_rest_got_and_pending_ones_what_the_hot_got() {
        let t0 = Instant::now();
        let mut r = Rounds::new(t0);
        let interval = Duration::from_secs(1);
        feed(&mut r, 75, 25);
        let early = t0 + Duration::from_secs(4);
        assert_eq!(
            r.measure(early, 1000, 100, interval),
            None,
            "a window is 5 s"
        );
        // 10 s: 7.5 hot answers a second for 100 hot, 2.5 for the 900 others.
        let m = r.measure(t0 + Duration::from_secs(10), 1000, 100, interval);
        let m = m.expect("a measure");
        assert!((m.rate - 10.0).abs() < 1e-9);
        assert_eq!(rounded(m.round), Duration::from_secs(360));
        assert_eq!(rounded(m.pending), Duration::from_secs(13));
    }

    #[test]
    fn a_measure_is_said_again_only_when_it_changes_by_more_than_half() {
        let m = |round: u64, pending: u64| Measure {
            rate: 20.0,
            round: Duration::from_secs(round),
            pending: Duration::from_secs(pending),
        };
        let mut r = Rounds::new(Instant::now());
        assert!(r.worth_saying(m(40, 8)), "the first is said");
        assert!(!r.worth_saying(m(59, 8)), "47% longer: the same news");
        assert!(!r.worth_saying(m(21, 11)));
        assert!(r.worth_saying(m(61, 8)), "more than half longer");
        assert!(
            !r.worth_saying(m(40, 8)),
            "a third shorter than the 61 s said"
        );
        assert!(r.worth_saying(m(61, 13)), "pending ones: 8 s -> 13 s");
        assert!(r.worth_saying(m(30, 13)), "half of 61 s, less 0.5 s");
    }

    #[test]
    fn notes_round_to_what_a_person_reads() {
        assert_eq!(
            rounded(Duration::from_millis(51_400)),
            Duration::from_secs(51)
        );
        assert_eq!(
            rounded(Duration::from_millis(523)),
            Duration::from_millis(520)
        );
        assert_eq!(
            rounded(Duration::from_micros(10)),
            Duration::from_millis(10)
        );
    }
}
