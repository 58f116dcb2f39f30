//! The pace of a run's requests: a slow start (below any likely quota, doubling about every
//! second) until the gateway throttles (429), then the rate it lets through, learnt from what it
//! accepted while throttling, probed upwards slowly and never past `--max-rate`.
//!
//! Why a slow start: a run that begins as fast as `--concurrency` allows empties the gateway's
//! bucket at once and is refused many times before the first 429 comes back to slow it.
//!
//! Why not plain AIMD (halve on a 429, add a little per success): halving leaves a quarter of
//! the quota unused on average, and a token bucket answers 429 only once its burst is spent, so
//! the rate that "caused" the 429 says little. What the gateway accepted since it began
//! refusing is the quota itself (its bucket is empty then), so that is what the pacer measures.

use std::time::{Duration, Instant};

/// Below this, a run would crawl; a quota this small is not a Workspace one.
const FLOOR: f64 = 0.2;
/// Requests that may go at once after a quiet spell (the loop wakes every few milliseconds).
const SLACK: Duration = Duration::from_millis(20);
/// Cuts closer together than this answer the same congestion (the requests in flight).
const MIN_HOLD: Duration = Duration::from_millis(250);
/// Accepted calls an estimate needs before it is trusted.
const SAMPLES: u32 = 5;
/// Growth: a share of the rate per second, or a share per accepted call, whichever is less:
/// 1%/s (0.03% a call) near the learnt quota, ten times that far below it.
const SLOW: (f64, f64) = (0.01, 0.0003);
const FAST: (f64, f64) = (0.10, 0.003);
/// Below the quota by this share, growth is fast.
const NEAR: f64 = 0.9;
/// Where the pacer aims, as a share of the learnt quota.
const AIM: f64 = 0.97;
/// The slow start's first pace: below the quotas a gateway is likely to set per second.
const START: f64 = 10.0;
/// Its growth, added per accepted call: about twice the pace a second.
const START_GROWTH: f64 = 0.7;

/// The answers of the slow start's current second: a stray 429 among many accepted calls (a
/// neighbour's burst on a shared quota, a passing fault) is not the quota, and must not end the
/// slow start far below it.
#[derive(Debug, Clone, Copy)]
struct Window {
    since: Instant,
    accepted: u32,
    refused: u32,
}

impl Window {
    /// Starts a new second when the last one is over.
    fn roll(&mut self, now: Instant) {
        if now.saturating_duration_since(self.since) >= Duration::from_secs(1) {
            *self = Window {
                since: now,
                accepted: 0,
                refused: 0,
            };
        }
    }

    /// Whether this second's refusals say the pace is past the quota: three at least, and one
    /// answer in ten. A pace past the quota is refused far more often than that (a fifth past
    /// it, one call in six), while stray refusals seldom come three in a second.
    fn past_the_quota(&self) -> bool {
        self.refused >= 3 && 10 * self.refused >= self.accepted + self.refused
    }
}

/// A throttling episode: the gateway has been refusing since `since`, and accepted `accepted`
/// calls since then.
#[derive(Debug, Clone, Copy)]
struct Episode {
    since: Instant,
    accepted: u32,
    last_refusal: Instant,
    /// It ended the slow start: the pace was cut in half, blindly, so its calm says nothing.
    from_start: bool,
}

#[derive(Debug)]
pub struct Pacer {
    /// Requests per second; `None`: unlimited.
    rate: Option<f64>,
    /// `--max-rate`.
    cap: Option<f64>,
    /// What the run asks for (desktops per interval): no point in growing far past it.
    demand: f64,
    next: Instant,
    episode: Option<Episode>,
    last_cut: Option<Instant>,
    /// The quota as last measured.
    quota: Option<f64>,
    /// A throttling episode has ended: the pace is below the quota, whether or not it could
    /// be measured (at a few calls a second, an episode may be over before enough came).
    calmed: bool,
    /// No 429 yet: the slow start goes on.
    starting: bool,
    /// The slow start's answers in the current second.
    window: Window,
}

impl Pacer {
    pub fn new(cap: Option<f64>, demand: f64, now: Instant) -> Pacer {
        let cap = cap.filter(|c| *c > 0.0);
        let mut pacer = Pacer {
            rate: None,
            cap,
            demand: demand.max(FLOOR),
            next: now,
            episode: None,
            last_cut: None,
            quota: None,
            calmed: false,
            starting: true,
            window: Window {
                since: now,
                accepted: 0,
                refused: 0,
            },
        };
        pacer.rate = Some(pacer.bounded(cap.unwrap_or(f64::MAX).min(START)));
        pacer
    }

    /// Whether a request may go now (and if so, it is counted).
    pub fn permit(&mut self, now: Instant) -> bool {
        let Some(rate) = self.rate else { return true };
        if !self.ready(now) {
            return false;
        }
        let earliest = now.checked_sub(SLACK).unwrap_or(now);
        self.next = self.next.max(earliest) + Duration::from_secs_f64(1.0 / rate);
        true
    }

    /// Whether a request may go now (nothing counted).
    pub fn ready(&self, now: Instant) -> bool {
        self.rate.is_none() || now >= self.next
    }

    /// When the next request may go, if the pacer holds them back.
    pub fn next_permit(&self) -> Option<Instant> {
        self.rate.map(|_| self.next)
    }

    /// The pace the pacer keeps, when it keeps one.
    #[cfg(test)]
    fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// `--max-rate`.
    pub fn cap(&self) -> Option<f64> {
        self.cap
    }

    /// The gateway's quota as measured from its answers, once it has throttled.
    #[cfg(test)]
    fn learnt(&self) -> Option<f64> {
        self.quota
    }

    /// The pace the gateway allows, once the pacer knows it: measured, or held without a 429
    /// for a while after throttling.
    pub fn settled(&self) -> Option<f64> {
        match self.quota {
            Some(quota) => Some(quota),
            None if self.calmed => self.rate,
            None => None,
        }
    }

    /// A call sent at `sent` that the gateway accepted.
    pub fn accepted(&mut self, now: Instant, sent: Instant) {
        let quiet = self.quiet();
        if let Some(e) = self.episode.as_mut() {
            // Only calls sent since it began refusing say what it lets through: one sent
            // before and answered after would inflate the measure.
            if sent >= e.since {
                e.accepted += 1;
            }
            if now.saturating_duration_since(e.last_refusal) > quiet {
                self.calmed = !e.from_start;
                self.episode = None;
            }
        }
        let Some(rate) = self.rate else { return };
        if self.starting {
            self.window.roll(now);
            self.window.accepted += 1;
            self.rate = Some(self.bounded(rate + START_GROWTH));
            return;
        }
        // Unknown since the slow start's blind cut (which may have gone well below it), the
        // quota is probed for fast; once a later 429 came and went, slowly.
        let near = self.quota.map_or(self.calmed, |q| rate >= NEAR * q);
        // Calls come back at about `rate` a second, so adding g per call grows the rate by a
        // share g a second; at low rates growth is by a share per call instead, so that a
        // probe past the quota costs one 429 in many calls there too.
        let (per_second, per_call) = if near { SLOW } else { FAST };
        self.rate = Some(self.bounded(rate + per_second.min(per_call * rate)));
    }

    /// A 429: the gateway's bucket is empty.
    pub fn throttled(&mut self, now: Instant) {
        if self.starting {
            self.window.roll(now);
            self.window.refused += 1;
            if !self.window.past_the_quota() {
                return;
            }
        }
        let fresh = self.episode.is_none();
        let episode = self.episode.get_or_insert(Episode {
            since: now,
            accepted: 0,
            last_refusal: now,
            from_start: self.starting,
        });
        episode.last_refusal = now;
        let episode = *episode;
        let current = self.rate.unwrap_or(self.demand);
        if self
            .last_cut
            .is_some_and(|t| now.saturating_duration_since(t) < hold(current))
        {
            return;
        }
        self.last_cut = Some(now);
        let measured = measure(&episode, now);
        if measured.is_some() {
            self.quota = measured;
        }
        // Halving blindly, refusal after refusal, would end far below the quota (a per-minute
        // one takes seconds to measure): never below what the gateway accepts meanwhile.
        let floor = match measured {
            None => AIM * accepting(&episode, now),
            Some(_) => 0.0,
        };
        let cut = self.cut(current, measured, fresh).max(floor);
        self.rate = Some(self.bounded(cut));
    }

    /// The new pace after a 429 at `current`.
    fn cut(&mut self, current: f64, measured: Option<f64>, fresh: bool) -> f64 {
        if std::mem::replace(&mut self.starting, false) {
            // The slow start doubled past the quota within the last second or so.
            return 0.5 * current;
        }
        match (measured.or(self.quota), self.rate) {
            // What the gateway accepted while refusing: its quota, whatever we sent.
            (Some(quota), _) => (AIM * quota).min(0.95 * current),
            // A first refusal after a calm spell: the pace crept just past the quota.
            (None, Some(_)) if fresh => 0.9 * current,
            // Refusals go on (or came at once at full speed): nothing measured yet.
            (None, _) => 0.5 * current,
        }
    }

    /// How long without a 429 ends an episode: long enough for a few accepted calls.
    fn quiet(&self) -> Duration {
        hold(self.rate.unwrap_or(self.demand)).mul_f64(4.0)
    }

    fn bounded(&self, rate: f64) -> f64 {
        let ceiling = self.cap.unwrap_or(f64::MAX).min(2.0 * self.demand.max(1.0));
        rate.min(ceiling).max(FLOOR)
    }
}

/// Cuts wait at least for the answers to what went at the old rate.
fn hold(rate: f64) -> Duration {
    MIN_HOLD.max(Duration::from_secs_f64(2.0 / rate.max(FLOOR)))
}

/// The rate the gateway accepted since it began refusing, however few calls came, once a
/// second has passed (a call or two in a moment says little).
fn accepting(episode: &Episode, now: Instant) -> f64 {
    let span = now.saturating_duration_since(episode.since).as_secs_f64();
    match span >= 1.0 {
        true => f64::from(episode.accepted) / span,
        false => 0.0,
    }
}

/// The rate the gateway accepted since it began refusing: its quota, once enough calls came.
fn measure(episode: &Episode, now: Instant) -> Option<f64> {
    let span = now.saturating_duration_since(episode.since).as_secs_f64();
    (episode.accepted >= SAMPLES && span > 0.0).then(|| f64::from(episode.accepted) / span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Bucket;

    struct Run {
        achieved: f64,
        throttled_share: f64,
        /// The pace first said to be the gateway's, as a share of the quota.
        settled: f64,
    }

    fn assert_near_quota(run: &Run) {
        assert!(run.achieved >= 0.9, "achieved {:.3}", run.achieved);
        assert!(
            run.throttled_share <= 0.02,
            "throttled {:.3}",
            run.throttled_share
        );
        assert!(
            (0.8..=1.1).contains(&run.settled),
            "first said to be {:.2}x the quota",
            run.settled
        );
    }

    /// A run with more to ask than the quota allows, `workers` requests in flight at most, each
    /// answered after `latency`; measured from a 10 s warm-up to `length`.
    fn simulate(quota: f64, burst: f64, demand: f64, length: f64) -> Run {
        simulate_from(quota, burst, demand, length, 10.0)
    }

    /// The same, measured from `warm_up` seconds (0: from the start).
    fn simulate_from(quota: f64, burst: f64, demand: f64, length: f64, warm_up: f64) -> Run {
        let start = Instant::now();
        let step = Duration::from_micros(500);
        let latency = Duration::from_millis(2);
        let workers = 8;
        let warm_up = start + Duration::from_secs_f64(warm_up);
        let mut bucket = Bucket::new(quota, burst, start);
        let mut pacer = Pacer::new(None, demand, start);
        let mut flying: Vec<(Instant, Instant, bool)> = Vec::new();
        let (mut ok, mut refused) = (0u32, 0u32);
        let mut now = start;
        let mut first_settled = None;
        while now < start + Duration::from_secs_f64(length) {
            flying.retain(|&(at, sent, accepted)| {
                if at > now {
                    return true;
                }
                match accepted {
                    true => pacer.accepted(now, sent),
                    false => pacer.throttled(now),
                }
                false
            });
            while flying.len() < workers && pacer.permit(now) {
                let accepted = bucket.take(now);
                if now >= warm_up {
                    match accepted {
                        true => ok += 1,
                        false => refused += 1,
                    }
                }
                flying.push((now + latency, now, accepted));
            }
            now += step;
            if first_settled.is_none() {
                first_settled = pacer.settled();
            }
        }
        let measured = length - warm_up.saturating_duration_since(start).as_secs_f64();
        Run {
            achieved: f64::from(ok) / measured / quota,
            throttled_share: f64::from(refused) / f64::from(ok + refused).max(1.0),
            settled: first_settled.unwrap_or(0.0) / quota,
        }
    }

    #[test]
    fn under_a_per_second_quota_the_pace_settles_near_it() {
        let run = simulate(200.0, 200.0, 2000.0, 70.0);
        assert_near_quota(&run);
    }

    #[test]
    fn under_a_per_minute_quota_the_pace_settles_near_it() {
        let run = simulate(2.0, 120.0, 60.0, 190.0);
        assert_near_quota(&run);
    }

    #[test]
    fn a_small_burst_is_learnt_as_well() {
        let run = simulate(50.0, 1.0, 400.0, 60.0);
        assert_near_quota(&run);
    }

    #[test]
    fn a_slow_start_keeps_throttling_within_2_percent_counted_from_the_start() {
        // The gateway's bucket holds a second's worth (the simulator's default) or 5 calls.
        for (quota, burst) in [(20.0, 20.0), (20.0, 5.0), (200.0, 200.0), (200.0, 5.0)] {
            let run = simulate_from(quota, burst, 10.0 * quota, 60.0, 0.0);
            assert!(
                run.throttled_share <= 0.02,
                "{quota}/s, burst {burst}: {:.2}% throttled",
                100.0 * run.throttled_share
            );
            assert!(
                run.achieved >= 0.85,
                "{quota}/s: achieved {:.3}",
                run.achieved
            );
        }
    }

    #[test]
    fn without_throttling_the_pace_doubles_from_a_slow_start_up_to_the_demand_or_the_cap() {
        let now = Instant::now();
        let mut free = Pacer::new(None, 1000.0, now);
        assert_eq!(free.rate(), Some(START));
        for n in 1..=10 {
            free.accepted(now, now);
            assert!((free.rate().unwrap() - (START + START_GROWTH * f64::from(n))).abs() < 1e-9);
        }
        for _ in 0..10_000 {
            free.accepted(now, now);
        }
        assert_eq!(free.rate(), Some(2000.0), "twice the demand at most");
        let mut capped = Pacer::new(Some(4.0), 10.0, now);
        assert!(capped.permit(now));
        assert!(!capped.permit(now), "the next slot is 250 ms away");
        for _ in 0..1000 {
            capped.accepted(now, now);
        }
        assert_eq!(capped.rate(), Some(4.0), "never past --max-rate");
    }

    #[test]
    fn the_pace_is_settled_once_measured_or_once_calm_after_throttling() {
        let t0 = Instant::now();
        let mut p = Pacer::new(None, 100.0, t0);
        p.accepted(t0, t0);
        assert_eq!(p.settled(), None, "never throttled: nothing to say");
        refuse_until_the_start_ends(&mut p, t0);
        let t = t0 + Duration::from_millis(100);
        p.accepted(t, t);
        assert_eq!(p.settled(), None, "still throttling, nothing measured");
        let t = t0 + Duration::from_secs(10);
        p.accepted(t, t);
        assert_eq!(p.settled(), None, "calm after the slow start's blind cut");
        p.throttled(t);
        let t = t + Duration::from_secs(10);
        p.accepted(t, t);
        assert_eq!(
            p.settled(),
            p.rate(),
            "calm since a later 429: the pace holds"
        );
    }

    #[test]
    fn a_first_refusal_halves_and_a_measured_quota_sets_the_pace() {
        let t0 = Instant::now();
        let mut p = Pacer::new(None, 100.0, t0);
        for _ in 0..100 {
            p.accepted(t0, t0);
        }
        assert!((p.rate().unwrap() - 80.0).abs() < 1e-9);
        refuse_until_the_start_ends(&mut p, t0);
        let half = p.rate().unwrap();
        assert!((half - 40.0).abs() < 1e-9, "the slow start went past: half");
        p.throttled(t0 + Duration::from_millis(10));
        assert_eq!(p.rate(), Some(half), "the same congestion is cut once");
        // Answered after the first 429 but sent before it: not the gateway's pace.
        for _ in 0..20 {
            p.accepted(
                t0 + Duration::from_millis(50),
                t0 - Duration::from_millis(1),
            );
        }
        for i in 1..=10 {
            let t = t0 + Duration::from_millis(100 * i);
            p.accepted(t, t);
        }
        p.throttled(t0 + Duration::from_secs(1));
        let quota = p.learnt().expect("measured");
        assert!((quota - 10.0).abs() < 0.01, "10 accepted in 1 s: {quota}");
        assert!((p.rate().unwrap() - AIM * 10.0).abs() < 0.01);
    }

    /// Refusals at `t` until the slow start takes them for the quota.
    fn refuse_until_the_start_ends(p: &mut Pacer, t: Instant) {
        while p.starting {
            p.throttled(t);
        }
    }

    #[test]
    fn a_stray_429_among_many_accepted_calls_does_not_end_the_slow_start() {
        let t0 = Instant::now();
        let mut p = Pacer::new(None, 1000.0, t0);
        for i in 0..100 {
            let t = t0 + Duration::from_millis(5 * i);
            p.accepted(t, t);
        }
        let before = p.rate().unwrap();
        // One refusal, then another a second later among as many accepted: a shared quota's
        // neighbour or a passing fault, not this run's pace.
        p.throttled(t0 + Duration::from_millis(500));
        assert!(p.starting && p.rate() == Some(before), "one 429 in 101");
        for i in 0..100 {
            let t = t0 + Duration::from_millis(1000 + 5 * i);
            p.accepted(t, t);
        }
        p.throttled(t0 + Duration::from_millis(1500));
        assert!(p.starting, "one 429 a second is not the quota");
        assert!(p.rate().unwrap() > before, "the slow start goes on growing");
        // Past the quota, refusals come thick: the slow start ends with a cut.
        let t = t0 + Duration::from_millis(2100);
        p.throttled(t);
        p.throttled(t);
        assert!(p.starting, "two refusals are not yet enough");
        p.throttled(t);
        assert!(!p.starting, "three refusals in three answers");
        assert!(p.rate().unwrap() < before + 100.0 * START_GROWTH, "cut");
    }
}
