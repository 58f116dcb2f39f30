//! The notification queue: a thread of its own that the watch hands each change to and never
//! waits for. It keeps each target's rate limit by batching what waits, retries a failing
//! target with backoff, and at the end of the run flushes within [`FLUSH_LIMIT`].

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::change::Change;
use super::lane::{Lane, FLUSH_LIMIT};
use super::post::{Poster, REQUEST_TIMEOUT};
use super::wire;
use crate::config::notify::redacted_url;
use crate::messages::{self, msg, Level, Message};

pub enum Event {
    Change(Change),
    /// The run is over: send what waits, within the flush limit, and stop.
    Finish,
}

/// The running queue: where changes go, and the thread to wait for at the end.
pub struct Queue {
    pub tx: Sender<Event>,
    thread: Option<JoinHandle<()>>,
}

impl Queue {
    pub fn start(lanes: Vec<Lane>, poster: Poster, verbose: bool) -> Queue {
        let (tx, rx) = mpsc::channel();
        let flush = crate::testing::limit("ASSIST_TEST_NOTIFY_FLUSH", FLUSH_LIMIT);
        let thread = std::thread::spawn(move || {
            Worker {
                lanes,
                poster,
                verbose,
            }
            .run(&rx, flush)
        });
        Queue {
            tx,
            thread: Some(thread),
        }
    }

    /// Sends what waits (at most [`FLUSH_LIMIT`]) and ends the thread.
    pub fn finish(self) {
        drop(self);
    }
}

/// A run that ends with an error still tells what it saw: the flush happens however the
/// queue goes away.
impl Drop for Queue {
    fn drop(&mut self) {
        let _ = self.tx.send(Event::Finish);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Worker {
    lanes: Vec<Lane>,
    poster: Poster,
    verbose: bool,
}

impl Worker {
    fn run(&mut self, rx: &Receiver<Event>, flush: Duration) {
        let mut end: Option<Instant> = None;
        loop {
            let now = Instant::now();
            self.send_due(now, end);
            let next = self
                .lanes
                .iter()
                .filter_map(|l| l.due(Instant::now(), end.is_some()))
                .min();
            if let Some(end) = end {
                if next.is_none_or(|n| n > end) {
                    return self.give_up();
                }
            }
            let event = match next {
                Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match event {
                Ok(Event::Change(change)) => self.push(change),
                Ok(Event::Finish) | Err(RecvTimeoutError::Disconnected) if end.is_none() => {
                    end = Some(Instant::now() + flush);
                    // Changes sent before Finish are already in the channel: take them.
                    while let Ok(Event::Change(change)) = rx.try_recv() {
                        self.push(change);
                    }
                }
                // Everyone who could send has gone and the flush has begun: wait for the
                // next due message rather than spin on a closed channel.
                Err(RecvTimeoutError::Disconnected) => {
                    if let Some(at) = next {
                        std::thread::sleep(at.saturating_duration_since(Instant::now()));
                    }
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, change: Change) {
        let now = Instant::now();
        for lane in self.lanes.iter_mut().filter(|l| l.wants(&change)) {
            lane.push(change.clone(), now);
        }
    }

    /// Every message that is due, each lane in turn; within the flush, none past its end.
    fn send_due(&mut self, now: Instant, end: Option<Instant>) {
        let hurry = end.is_some();
        for i in 0..self.lanes.len() {
            while let Some(batch) = self.lanes[i].take(Instant::now().max(now), hurry) {
                let limit = end.map_or(REQUEST_TIMEOUT, |e| {
                    e.saturating_duration_since(Instant::now())
                });
                if limit.is_zero() {
                    self.lanes[i].failed(Instant::now(), batch, timeout_refusal());
                    break;
                }
                let lane = &mut self.lanes[i];
                let out = wire::request(
                    &lane.target,
                    lane.secret.as_ref(),
                    &batch,
                    jiff::Timestamp::now(),
                );
                let result = self.poster.post(&out, limit);
                let lane = &mut self.lanes[i];
                if self.verbose {
                    let shown = match &result {
                        Ok(status) => msg!("as-is", text = format!("HTTP {status}")),
                        Err(r) => r.reason.clone(),
                    };
                    messages::say(
                        Level::Detail,
                        &msg!(
                            "notify-detail",
                            target = &lane.target.name,
                            count = batch.len(),
                            url = redacted_url(&lane.target.url),
                        )
                        .quote("result", shown),
                    );
                }
                let said = match result {
                    Ok(_) => lane.sent(),
                    Err(why) => lane.failed(Instant::now(), batch, why),
                };
                say(said);
            }
        }
    }

    fn give_up(&self) {
        for lane in &self.lanes {
            if let Some(m) = lane.give_up() {
                messages::warn(&m);
            }
        }
    }
}

fn timeout_refusal() -> wire::Refusal {
    wire::Refusal {
        reason: msg!("notify-why-run-ended"),
        throttled: false,
        answered: false,
    }
}

fn say(message: Option<Message>) {
    if let Some(m) = message {
        match m.id() {
            "notify-recovered" => messages::note(&m),
            _ => messages::warn(&m),
        }
    }
}
