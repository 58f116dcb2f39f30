//! One target's side of the queue: the changes waiting for it, its rate limit, its retries
//! and the failure episode it is in. Pure (the clock is an argument): the queue thread
//! drives it with the real one, the tests with a simulated one.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::change::Change;
use super::limit::Limiter;
use super::wire::{self, Refusal};
use crate::config::notify::NotifyTarget;
use crate::messages::{msg, Message};
use crate::secret::Secret;

/// How long the end of a run may wait for the last messages (tests shorten it).
pub const FLUSH_LIMIT: Duration = Duration::from_secs(10);
/// Changes gathered before a message goes: those of one round arrive within it.
pub const GATHER: Duration = Duration::from_millis(300);
/// Consecutive failures before the episode is reported.
const QUICK_TRIES: u32 = 3;
/// The longest wait between two tries.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// A target that never answers must not hold a long watch's memory: the oldest changes go
/// first (and are counted as not told).
const MAX_PENDING: usize = 10_000;

pub struct Lane {
    pub target: NotifyTarget,
    pub secret: Option<Secret>,
    limiter: Limiter,
    pending: VecDeque<Change>,
    /// When the first change now waiting arrived.
    since: Option<Instant>,
    retry_at: Option<Instant>,
    failures: u32,
    /// The current failure episode has been reported.
    warned: bool,
    last_error: Option<Message>,
    dropped: usize,
    backoff: Duration,
}

impl Lane {
    /// `backoff`: the wait after a first failure, doubled after each next one.
    pub fn new(target: NotifyTarget, secret: Option<Secret>, backoff: Duration) -> Lane {
        Lane {
            limiter: Limiter::new(wire::limits(target.kind)),
            target,
            secret,
            pending: VecDeque::new(),
            since: None,
            retry_at: None,
            failures: 0,
            warned: false,
            last_error: None,
            dropped: 0,
            backoff,
        }
    }

    /// Whether the target asked for this change (`statuses`).
    pub fn wants(&self, change: &Change) -> bool {
        self.target.statuses.as_ref().is_none_or(|wanted| {
            wanted
                .iter()
                .any(|s| s.as_str().eq_ignore_ascii_case(&change.status))
        })
    }

    pub fn push(&mut self, change: Change, now: Instant) {
        if self.pending.len() >= MAX_PENDING {
            self.pending.pop_front();
            self.dropped += 1;
        }
        self.pending.push_back(change);
        self.since.get_or_insert(now);
    }

    #[cfg(test)]
    pub fn waiting(&self) -> usize {
        self.pending.len()
    }

    /// When the next message may go: after the gathering time and the rate limit's even
    /// spread (unless `hurry`: the run is ending, what is left of the bot's budget may go at
    /// once), and any retry's wait; `None` when nothing waits.
    pub fn due(&self, now: Instant, hurry: bool) -> Option<Instant> {
        let since = self.since?;
        let mut at = self.limiter.free_at(now, hurry);
        if !hurry {
            at = at.max(since + GATHER);
        }
        Some(self.retry_at.map_or(at, |r| at.max(r)))
    }

    /// The changes of the next message, when it is due at `now`: as many of those waiting
    /// as one message carries. The attempt counts against the rate limit.
    pub fn take(&mut self, now: Instant, hurry: bool) -> Option<Vec<Change>> {
        if self.due(now, hurry)? > now {
            return None;
        }
        let waiting: Vec<Change> = self.pending.iter().cloned().collect();
        let n = wire::batch_len(&self.target, &waiting);
        let batch: Vec<Change> = self.pending.drain(..n).collect();
        if self.pending.is_empty() {
            self.since = None;
        }
        self.limiter.record(now);
        Some(batch)
    }

    /// The bot took the message: the episode, if any, is over (said once).
    pub fn sent(&mut self) -> Option<Message> {
        self.failures = 0;
        self.retry_at = None;
        let recovered = std::mem::take(&mut self.warned);
        recovered.then(|| msg!("notify-recovered", target = &self.target.name))
    }

    /// The message failed: its changes go back first in line, the next try waits longer,
    /// and the episode is reported once, after a few tries.
    pub fn failed(&mut self, now: Instant, batch: Vec<Change>, why: Refusal) -> Option<Message> {
        for change in batch.into_iter().rev() {
            self.pending.push_front(change);
        }
        self.since.get_or_insert(now);
        self.failures += 1;
        let mut wait = self.backoff * 2u32.saturating_pow(self.failures - 1);
        if why.throttled {
            // The bot counts by its own clock: leave it a good part of its window.
            wait = wait.max(self.backoff * 10);
        }
        self.retry_at = Some(now + wait.min(MAX_BACKOFF));
        self.last_error = Some(why.reason);
        if self.failures < QUICK_TRIES || self.warned {
            return None;
        }
        self.warned = true;
        let error = self.last_error.clone();
        let said = msg!(
            "notify-failing",
            target = &self.target.name,
            count = self.pending.len()
        );
        Some(said.quote("error", error.unwrap_or_else(|| msg!("as-is", text = "-"))))
    }

    /// The run is over and this is what could not be told: one warning, or none.
    pub fn give_up(&self) -> Option<Message> {
        let lost = self.pending.len() + self.dropped;
        (lost > 0).then(|| {
            let error = self.last_error.clone();
            msg!("notify-lost", target = &self.target.name, count = lost)
                .quote("error", error.unwrap_or_else(|| msg!("notify-why-no-room")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::notify::NotifyKind;
    use crate::notify::change::sample;
    use std::collections::HashSet;

    fn wecom() -> Lane {
        let target = NotifyTarget {
            name: "helpdesk".into(),
            kind: NotifyKind::Wecom,
            url: reqwest::Url::parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
                .unwrap(),
            secret: None,
            statuses: None,
            include_code: false,
            lang: None,
        };
        Lane::new(target, None, Duration::from_secs(1))
    }

    /// The check, in simulated time: 30 desktops changing 90 times within three
    /// seconds reach a WeCom bot as at most 20 messages, which together name all 30, and the
    /// last goes within the end-of-run flush's limit.
    #[test]
    fn ninety_changes_of_thirty_desktops_are_at_most_20_wecom_messages_naming_all() {
        let t0 = Instant::now();
        let mut lane = wecom();
        let mut messages: Vec<(Instant, Vec<Change>)> = Vec::new();
        let mut now = t0;
        for i in 0..90 {
            now = t0 + Duration::from_millis(33 * i);
            lane.push(
                sample(
                    (i % 30) as usize,
                    ["WAIT_USER_CONFIRM", "OPEN", "CLOSE"][(i / 30) as usize],
                ),
                now,
            );
            while let Some(batch) = lane.take(now, false) {
                messages.push((now, batch));
                assert_eq!(lane.sent(), None);
            }
        }
        // The run ends: what waits goes as soon as the limit allows.
        let end = now;
        while let Some(at) = lane.due(now, true) {
            now = at;
            let batch = lane.take(now, true).unwrap();
            messages.push((now, batch));
        }
        assert!(messages.len() <= 20, "{} messages", messages.len());
        assert!(now - end <= FLUSH_LIMIT, "{:?}", now - end);
        let named: HashSet<String> = messages
            .iter()
            .flat_map(|(_, b)| b.iter().map(|c| c.desktop_id.clone()))
            .collect();
        assert_eq!(named.len(), 30);
        let told: usize = messages.iter().map(|(_, b)| b.len()).sum();
        assert_eq!(told, 90, "every change is told");
        // While the run goes on, one message every 3 s at most.
        for pair in messages.windows(2).filter(|p| p[1].0 < end) {
            assert!(pair[1].0 - pair[0].0 >= Duration::from_millis(3050));
        }
    }

    #[test]
    fn a_failing_target_is_retried_with_backoff_and_reported_once_per_episode() {
        let t0 = Instant::now();
        let mut lane = wecom();
        lane.push(sample(1, "OPEN"), t0);
        let refusal = || Refusal {
            reason: msg!("as-is", text = "HTTP 500"),
            throttled: false,
            answered: true,
        };
        let mut now = t0 + GATHER;
        let mut said = Vec::new();
        for _ in 0..5 {
            let batch = lane.take(now, false).unwrap();
            said.extend(lane.failed(now, batch, refusal()));
            now = lane.due(now, false).unwrap();
        }
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].id(), "notify-failing");
        assert_eq!(lane.waiting(), 1);
        let batch = lane.take(now, false).unwrap();
        assert_eq!(batch.len(), 1);
        assert_eq!(lane.sent().map(|m| m.id()), Some("notify-recovered"));
        assert_eq!(lane.give_up(), None);
    }
}
