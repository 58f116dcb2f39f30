//! The tests' model of a run under a quota, in simulated time: the gateway's token bucket,
//! and a fleet polled with the engine's own queue and pacer, its lanes chosen as `desk.rs`
//! chooses them.

use std::time::{Duration, Instant};

use super::pace::Pacer;
use super::queue::{Lane, Queue};

/// A gateway's token bucket.
pub struct Bucket {
    pub rate: f64,
    pub burst: f64,
    pub tokens: f64,
    pub at: Instant,
}

impl Bucket {
    /// A full bucket at `at`.
    pub fn new(rate: f64, burst: f64, at: Instant) -> Bucket {
        Bucket {
            rate,
            burst,
            tokens: burst,
            at,
        }
    }

    pub fn take(&mut self, now: Instant) -> bool {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + dt * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return true;
        }
        false
    }
}

/// A fleet under a quota: `pending` of its desktops (spread over it) wait for their user.
#[derive(Debug, Clone)]
pub struct Fleet {
    pub desktops: usize,
    pub pending: usize,
    /// Calls a second, and the bucket's size.
    pub quota: f64,
    pub burst: f64,
    pub interval: Duration,
    pub workers: usize,
    pub latency: Duration,
    pub length: Duration,
}

impl Default for Fleet {
    /// The benchmark's: 320 desktops, 100 pending, 20 calls/s, `--interval 5s`.
    fn default() -> Fleet {
        Fleet {
            desktops: 320,
            pending: 100,
            quota: 20.0,
            burst: 20.0,
            interval: Duration::from_secs(5),
            workers: 8,
            latency: Duration::from_millis(20),
            length: Duration::from_secs(90),
        }
    }
}

/// What a run of the model saw.
#[derive(Debug)]
pub struct FleetRun {
    /// When the last desktop was first answered, and how many never were.
    pub first_round: Duration,
    pub unanswered: usize,
    pub polls_per_pending: f64,
    pub polls_per_other: f64,
    /// Of all the calls, from the start.
    pub throttled_share: f64,
}

/// One desktop of the model.
#[derive(Clone)]
struct Desktop {
    due: Instant,
    phase: Duration,
    pending: bool,
    answered: Option<Instant>,
    throttled: bool,
    polls: u32,
}

impl Desktop {
    /// As `Desk::lane`: a pending desktop is hot once seen.
    fn lane(&self) -> Lane {
        match (self.throttled, self.answered.is_some(), self.pending) {
            (true, _, _) => Lane::Throttled,
            (false, false, _) => Lane::First,
            (false, true, true) => Lane::Hot,
            (false, true, false) => Lane::Cold,
        }
    }
}

/// A request in flight: the desktop, when it was sent and answered, and whether accepted.
type Flying = (usize, Instant, Instant, bool);

impl Fleet {
    pub fn run(&self) -> FleetRun {
        let start = Instant::now();
        let n = self.desktops;
        let every = (n / self.pending.max(1)).max(1);
        let mut desks: Vec<Desktop> = (0..n)
            .map(|i| Desktop {
                due: start,
                phase: self.interval.mul_f64(i as f64 / n as f64),
                pending: i % every == 0 && i / every < self.pending,
                answered: None,
                throttled: false,
                polls: 0,
            })
            .collect();
        let mut queue = Queue::default();
        (0..n).for_each(|i| queue.push(i, start, Lane::First));
        let demand = n as f64 / self.interval.as_secs_f64();
        let mut pacer = Pacer::new(None, demand, start);
        let mut bucket = Bucket::new(self.quota, self.burst, start);
        let (mut flying, mut calls, mut refused) = (Vec::<Flying>::new(), 0u32, 0u32);
        let step = Duration::from_micros(500);
        let mut now = start;
        while now < start + self.length {
            for (i, sent, _, accepted) in land(&mut flying, now) {
                let d = &mut desks[i];
                d.throttled = !accepted;
                match accepted {
                    true => {
                        pacer.accepted(now, sent);
                        d.answered.get_or_insert(now);
                        d.polls += 1;
                        d.due = next_slot(start + d.phase, self.interval, now);
                    }
                    false => pacer.throttled(now),
                }
                queue.push(i, d.due, d.lane());
            }
            while flying.len() < self.workers {
                let Some((i, _)) = queue.pop_paced(now, &mut pacer, |_| false) else {
                    break;
                };
                let accepted = bucket.take(now);
                calls += 1;
                refused += u32::from(!accepted);
                flying.push((i, now, now + self.latency, accepted));
            }
            now += step;
        }
        let first = desks.iter().filter_map(|d| d.answered).max().unwrap_or(now);
        let mean = |pending: bool| {
            let v: Vec<u32> = desks
                .iter()
                .filter(|d| d.pending == pending)
                .map(|d| d.polls)
                .collect();
            f64::from(v.iter().sum::<u32>()) / v.len().max(1) as f64
        };
        FleetRun {
            first_round: first.saturating_duration_since(start),
            unanswered: desks.iter().filter(|d| d.answered.is_none()).count(),
            polls_per_pending: mean(true),
            polls_per_other: mean(false),
            throttled_share: f64::from(refused) / f64::from(calls.max(1)),
        }
    }
}

/// The requests answered by `now`, taken out of those in flight.
fn land(flying: &mut Vec<Flying>, now: Instant) -> Vec<Flying> {
    let (landed, still): (Vec<Flying>, Vec<Flying>) =
        flying.drain(..).partition(|&(_, _, at, _)| at <= now);
    *flying = still;
    landed
}

/// As `desk.rs`: the first `origin + k * interval` after `now`.
fn next_slot(origin: Instant, interval: Duration, now: Instant) -> Instant {
    let elapsed = now.saturating_duration_since(origin);
    let k = (elapsed.as_secs_f64() / interval.as_secs_f64()).floor() + 1.0;
    origin + interval.mul_f64(k)
}
