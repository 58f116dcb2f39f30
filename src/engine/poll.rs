//! The poll loop behind `watch`, `sessions` and `start --wait`: a bounded worker pool,
//! requests paced to the gateway's quota (`pace.rs`), the budget spent on the desktops about
//! to change (`queue.rs`). What one answer does to its desktop is `desk.rs`; when the run is
//! over and how it ended, `settle.rs`; what it says besides the changes, `notes.rs`.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::desk::{handle, outcome, rejoin, Desk, Sched};
use super::directory::{Answer, Directory};
use super::notes::Voice;
use super::pace::Pacer;
use super::queue::{Lane, Queue};
use super::settle::{over, Settled};
use crate::api::model::RemoteAssistance;
use crate::api::{ApiError, Client};
use crate::domain::DesktopId;
use crate::messages::{msg, worded};
use crate::output::Reporter;

pub use super::plan::{Outcome, Plan, Seen};

const TICK: Duration = Duration::from_millis(50);

type Job = (usize, DesktopId);

/// A worker's answer, or the panic its request raised (what `catch_unwind` returns).
type Done = std::thread::Result<(usize, Result<RemoteAssistance, ApiError>)>;

fn spawn_workers(
    client: Arc<Client>,
    directory: Arc<Directory>,
    n: usize,
) -> (mpsc::Sender<Job>, mpsc::Receiver<Done>) {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    for _ in 0..n {
        let (client, job_rx, done_tx) = (client.clone(), job_rx.clone(), done_tx.clone());
        let directory = directory.clone();
        std::thread::spawn(move || loop {
            let job = match job_rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok((index, id)) = job else { return };
            let done = std::panic::catch_unwind(AssertUnwindSafe(|| {
                crate::testing::panic_if("worker");
                (index, assistance(&client, &directory, &id))
            }));
            if done_tx.send(done).is_err() {
                return;
            }
        });
    }
    (job_tx, done_rx)
}

/// One poll: the record, `NONE` for an existing desktop without one; a 404 left as the error
/// only for a desktop that does not exist.
fn assistance(
    client: &Client,
    directory: &Directory,
    id: &DesktopId,
) -> Result<RemoteAssistance, ApiError> {
    match directory.assistance(client, id)? {
        Answer::Record(record) => Ok(record),
        Answer::Missing(e) => Err(e),
    }
}

/// Polls until the plan says stop. Errors that end the run at once (401/403) are returned.
pub fn run(
    client: Arc<Client>,
    plan: &Plan,
    previous: &HashMap<String, Seen>,
    reporter: &mut dyn Reporter,
    interrupted: &AtomicBool,
) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let n = plan.ids.len().max(1);
    let mut desks = first_round(plan, previous, start);
    // The engine paces and retries itself: each of its requests is a single attempt, and
    // the client's own number of attempts is what `--once` allows a poll.
    let attempts = client.attempts();
    let client = Arc::new(client.single_attempts());
    let mut sched = Sched {
        queue: Queue::default(),
        // Where the lookup of the desktops' names was paced, the run goes on at its pace.
        pacer: plan.directory.take_pacer().unwrap_or_else(|| {
            Pacer::new(plan.max_rate, n as f64 / plan.interval.as_secs_f64(), start)
        }),
        open: desks.len(),
        attempts,
    };
    for i in 0..desks.len() {
        sched.queue.push(i, start, Lane::First);
    }
    // Says what it holds when dropped too, whichever way the loop ends.
    let mut voice = Voice::new(reporter);
    // A fleet that may grow keeps every worker it may need.
    let workers = match plan.membership {
        Some(_) => plan.concurrency,
        None => plan.concurrency.min(n),
    };
    let (jobs, done) = spawn_workers(client, plan.directory.clone(), workers);
    let mut in_flight = 0;
    // One request until the cloud accepted the credentials once: should it refuse them, that
    // refusal is the only one (bad signatures in a row lock an AK), then --concurrency.
    let mut proven = false;
    let mut next_look = start;
    loop {
        if let Some(listing) = &plan.membership {
            for desktops in listing.try_iter() {
                rejoin(&mut desks, &desktops, plan, &mut sched, &mut voice);
            }
        }
        let now = Instant::now();
        voice.tick(in_flight == 0 && !sched.queue.any_due(now));
        let signal = interrupted
            .load(Ordering::SeqCst)
            .then(super::signals::kind);
        if now >= next_look {
            next_look = now + TICK;
            if voice.gone() {
                // Nobody reads the changes any more (`watch --all | head -1` on a quiet
                // fleet): end as a failed write to a closed pipe would, but with what was
                // seen, so that a state file keeps it.
                return Ok(outcome(desks, crate::outcome::Outcome::Done, plan));
            }
        }
        let counts = (sched.open, sched.queue.len(Lane::Hot));
        voice.round(&sched.pacer, now, counts, plan.interval, plan.once);
        let past_deadline = plan.deadline.is_some_and(|d| now >= d);
        let settled = desks.iter().filter_map(|d| d.settled.as_ref());
        if let Some(end) = over(plan.rules(), signal, sched.open, past_deadline, settled) {
            return Ok(outcome(desks, end, plan));
        }
        let width = if proven { plan.concurrency } else { 1 };
        while in_flight < width {
            let Some((i, lane)) = next_job(&mut sched, &desks, now) else {
                break;
            };
            send(&mut desks[i], (i, lane), &jobs, now);
            in_flight += 1;
        }
        let wait = next_wake(&sched, plan.deadline, now);
        let (i, result) = match done.recv_timeout(wait) {
            Ok(Ok(answer)) => answer,
            // A bug in a request is a bug of this run: it ends as the panic it is (exit 1),
            // reported once by the hook, instead of leaving its desktop in flight for ever.
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(worded(msg!("err-poll-threads-stopped")));
            }
        };
        in_flight -= 1;
        proven = proven || accepted(&result);
        desks[i].in_flight = false;
        if matches!(desks[i].settled, Some(Settled::Left)) {
            continue;
        }
        let now = Instant::now();
        handle(
            &mut desks[i],
            result,
            plan,
            &mut sched,
            &mut voice,
            start,
            now,
        )?;
        let now = Instant::now();
        settled_or_queued(&desks[i], i, &mut sched, plan.interval, now);
        voice.tick(in_flight == 0 && !sched.queue.any_due(now));
    }
}

/// Every desktop, due at once: the first round goes out at once (bounded by --concurrency
/// and the pacer), so the operator sees every desktop promptly; later rounds keep to their
/// phase, spread evenly over the interval.
fn first_round(plan: &Plan, previous: &HashMap<String, Seen>, start: Instant) -> Vec<Desk> {
    let n = plan.ids.len().max(1);
    plan.ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let phase = plan.interval.mul_f64(i as f64 / n as f64);
            Desk::new(id.clone(), phase, start, previous.get(id.as_str()).cloned())
        })
        .collect()
}

/// Hands desktop `i`, picked from `lane`, to a worker.
fn send(desk: &mut Desk, (i, lane): (usize, Lane), jobs: &mpsc::Sender<Job>, now: Instant) {
    desk.in_flight = true;
    // The pacer counts what was sent after the gateway began refusing; `due` stays, so that
    // a throttled desktop keeps its turn.
    desk.sent = (now, lane);
    let _ = jobs.send((i, desk.id.clone()));
}

/// After an answer: a settled desktop leaves the run, another waits for its next turn (ahead
/// of the others when its state is about to change).
fn settled_or_queued(desk: &Desk, i: usize, sched: &mut Sched, interval: Duration, now: Instant) {
    match desk.settled {
        Some(_) => sched.open -= 1,
        None => sched.queue.push(i, desk.due, desk.lane(now, interval)),
    }
}

/// Whether an answer shows the cloud accepted the credentials: a record, or a 404 (which
/// only comes past authentication).
fn accepted(result: &Result<RemoteAssistance, ApiError>) -> bool {
    match result {
        Ok(_) => true,
        Err(e) => e.is_not_found(),
    }
}

/// The next desktop to poll now and its lane, if one is due and the pacer lets a request go.
/// Desktops that left the project are dropped from the queue as they come up.
fn next_job(sched: &mut Sched, desks: &[Desk], now: Instant) -> Option<(usize, Lane)> {
    let gone = |i: usize| desks[i].settled.is_some();
    sched.queue.pop_paced(now, &mut sched.pacer, gone)
}

/// How long the loop may wait for an answer: until the next desktop falls due (or the pacer
/// lets the next request go), the deadline, or a tick at most (signals, listings, notes).
fn next_wake(sched: &Sched, deadline: Option<Instant>, now: Instant) -> Duration {
    let due = sched
        .queue
        .next_due()
        .map(|due| match sched.pacer.next_permit() {
            Some(permit) => due.max(permit),
            None => due,
        });
    let until = |t: Option<Instant>| t.map_or(TICK, |t| t.saturating_duration_since(now));
    until(due)
        .min(until(deadline))
        .clamp(Duration::from_millis(1), TICK)
}
