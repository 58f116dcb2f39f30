//! The polling engine behind `watch`, `sessions` and `start --wait`: a bounded worker pool,
//! requests paced to the gateway's quota (`pace.rs`), the budget spent on the desktops about to
//! change (`queue.rs`), per-desktop backoff, change detection, and the rules that decide when a
//! run is over.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::directory::{Answer, Directory};
use super::pace::Pacer;
use super::queue::Queue;
use super::summary::{Level, Summary};
use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::{ApiError, Client};
use crate::domain::{DesktopId, Status};
use crate::outcome::{Kind, Outcome as End};
use crate::output::Reporter;
use crate::text::sanitize;

const TICK: Duration = Duration::from_millis(50);
const BACKOFF_CAP: Duration = Duration::from_secs(60);
/// `--once`: the first retry of a failed poll waits about this long (then twice, ...).
const ONCE_BACKOFF: Duration = Duration::from_secs(1);
/// `--once`: a desktop throttled this many times in a row is given up on (a gateway that
/// refuses everything must not hold a one-shot run for ever).
const MAX_THROTTLED: u32 = 50;
/// A desktop whose state changed this many intervals ago is still "hot".
const HOT_INTERVALS: u32 = 3;

/// What one run polls, how often, and when it stops.
pub struct Plan {
    pub ids: Vec<DesktopId>,
    pub interval: Duration,
    pub concurrency: usize,
    pub max_rate: Option<f64>,
    /// Wanted statuses; empty means "watch until the deadline or Ctrl-C".
    pub until: Vec<Status>,
    pub deadline: Option<Instant>,
    pub once: bool,
    /// Which desktops exist (a 404 for one of them is `NONE`), and their names.
    pub directory: Arc<Directory>,
    /// `watch --all`: the project's desktops, listed again now and then; those new join the
    /// run, those gone leave it.
    pub membership: Option<mpsc::Receiver<Vec<Desktop>>>,
    /// Whether the outcome carries each desktop's last record (`start --wait`, `sessions`);
    /// a watch needs only what change detection keeps, whatever the size of the fleet.
    pub keep_records: bool,
    /// Whether the outcome carries what each desktop was last seen as (for a state file).
    pub keep_seen: bool,
}

/// The part of a record whose change is worth reporting (and remembering in a state file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Seen {
    pub status: Option<Status>,
    pub invitation_code: Option<String>,
    pub failed_reason: Option<String>,
    /// An all-null answer came after this active state and waits for the next answer to
    /// confirm it (see `blank.rs`); kept in the state file so that cron runs agree.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doubted: bool,
}

impl Seen {
    pub fn of(r: &RemoteAssistance) -> Seen {
        Seen {
            status: r.status.clone(),
            invitation_code: r.invitation_code.clone(),
            failed_reason: r.failed_reason().map(str::to_string),
            doubted: false,
        }
    }

    /// The same observation, whether or not a doubt hangs over it.
    fn same_as(&self, other: &Seen) -> bool {
        (&self.status, &self.invitation_code, &self.failed_reason)
            == (&other.status, &other.invitation_code, &other.failed_reason)
    }
}

#[derive(Debug)]
enum Settled {
    Reached,
    Ended,
    NotFound,
    /// Boxed to keep every desktop's slot small.
    Failed(Box<ApiError>),
    /// `--once --until`: seen once, not (yet) in a wanted status.
    Pending,
    /// No longer in the project's listing (`watch --all`): neither success nor failure.
    Left,
}

struct Desk {
    id: DesktopId,
    /// This desktop's offset within the interval: rounds after the first are spread evenly.
    phase: Duration,
    due: Instant,
    in_flight: bool,
    /// Failed polls in a row.
    streak: u32,
    /// 429s in a row.
    throttled: u32,
    last: Option<Seen>,
    /// When its state last changed (a first sighting is no change).
    changed: Option<Instant>,
    /// Boxed: most runs keep none, and a fleet's worth of empty slots adds up.
    record: Option<Box<RemoteAssistance>>,
    settled: Option<Settled>,
}

impl Desk {
    fn new(id: DesktopId, phase: Duration, due: Instant, last: Option<Seen>) -> Desk {
        Desk {
            id,
            phase,
            due,
            in_flight: false,
            streak: 0,
            throttled: 0,
            last,
            changed: None,
            record: None,
            settled: None,
        }
    }

    /// Whether its state is about to change: a session waits for its user, or it just changed.
    fn hot(&self, now: Instant, interval: Duration) -> bool {
        let status = self.last.as_ref().and_then(|l| l.status.as_ref());
        let pending = matches!(
            status,
            Some(Status::WaitUserConfirm | Status::WaitUserAccess)
        );
        let recent = interval.saturating_mul(HOT_INTERVALS);
        pending
            || self
                .changed
                .is_some_and(|t| now.saturating_duration_since(t) < recent)
    }
}

/// How a run ended, and what it saw.
pub struct Outcome {
    pub end: End,
    pub pending: Vec<String>,
    /// `--once`: the desktops the deadline came before (never answered, so not in `seen`
    /// beyond what an earlier run saw).
    pub unpolled: Vec<String>,
    pub seen: HashMap<String, Seen>,
    pub records: HashMap<String, RemoteAssistance>,
}

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

/// What the loop keeps besides the desktops: who waits, at what pace, how many are open.
struct Sched {
    queue: Queue,
    pacer: Pacer,
    /// Desktops not settled yet: the run is over at zero.
    open: usize,
    /// `--once`: attempts per poll (the client's own, which the engine takes over).
    attempts: u32,
    /// Whether the throttling note and the round-time note were said.
    said_throttled: bool,
    said_round: bool,
}

/// The client makes single attempts while the engine runs (it paces and retries itself), and
/// gets its own number back afterwards.
struct SingleAttempts(Arc<Client>, u32);

impl SingleAttempts {
    fn new(client: &Arc<Client>) -> SingleAttempts {
        let attempts = client.max_attempts();
        client.set_max_attempts(1);
        SingleAttempts(client.clone(), attempts)
    }
}

impl Drop for SingleAttempts {
    fn drop(&mut self) {
        self.0.set_max_attempts(self.1);
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
    // The first round goes out at once (bounded by --concurrency and the pacer), so the
    // operator sees every desktop promptly; later rounds keep to their phase.
    let mut desks: Vec<Desk> = plan
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let phase = plan.interval.mul_f64(i as f64 / n as f64);
            Desk::new(id.clone(), phase, start, previous.get(id.as_str()).cloned())
        })
        .collect();
    let single = SingleAttempts::new(&client);
    let mut sched = Sched {
        queue: Queue::default(),
        pacer: Pacer::new(plan.max_rate, n as f64 / plan.interval.as_secs_f64(), start),
        open: desks.len(),
        attempts: single.1,
        said_throttled: false,
        said_round: false,
    };
    for i in 0..desks.len() {
        sched.queue.push(i, start, false);
    }
    say_round(&mut sched, desks.len(), plan);
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
    // Said when dropped too, whichever way the loop ends.
    let mut summary = Summary::default();
    loop {
        if let Some(listing) = &plan.membership {
            for desktops in listing.try_iter() {
                rejoin(&mut desks, &desktops, plan, &mut sched);
            }
        }
        let now = Instant::now();
        summary.tick(in_flight == 0 && !sched.queue.any_due(now));
        if interrupted.load(Ordering::SeqCst) {
            return Ok(outcome(desks, End::Stopped(super::signals::kind()), plan));
        }
        if sched.open == 0 {
            let end = settled_end(&desks);
            return Ok(outcome(desks, end, plan));
        }
        if plan.deadline.is_some_and(|d| now >= d) {
            // `--once` promised one poll of each: desktops left unpolled are not "done".
            let end = if plan.until.is_empty() && !plan.once {
                End::Done
            } else {
                End::Stopped(Kind::Deadline)
            };
            return Ok(outcome(desks, end, plan));
        }
        let width = if proven { plan.concurrency } else { 1 };
        while in_flight < width {
            let Some(i) = next_job(&mut sched, &desks, now) else {
                break;
            };
            desks[i].in_flight = true;
            // While in flight, `due` says when it was sent (the pacer counts what was sent
            // after the gateway began refusing); an answer sets the next one.
            desks[i].due = now;
            in_flight += 1;
            let _ = jobs.send((i, desks[i].id.clone()));
        }
        let wait = next_wake(&sched, plan.deadline, now);
        let (i, result) = match done.recv_timeout(wait) {
            Ok(Ok(answer)) => answer,
            // A bug in a request is a bug of this run: it ends as the panic it is (exit 1),
            // reported once by the hook, instead of leaving its desktop in flight for ever.
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => {
                anyhow::bail!("every polling thread has stopped; the watch cannot go on")
            }
        };
        in_flight -= 1;
        proven = proven || accepted(&result);
        desks[i].in_flight = false;
        if matches!(desks[i].settled, Some(Settled::Left)) {
            continue;
        }
        handle(
            &mut desks[i],
            result,
            plan,
            &mut sched,
            reporter,
            start,
            &mut summary,
        )?;
        let now = Instant::now();
        match desks[i].settled {
            Some(_) => sched.open -= 1,
            None => {
                let hot = desks[i].hot(now, plan.interval);
                sched.queue.push(i, desks[i].due, hot);
            }
        }
        summary.tick(in_flight == 0 && !sched.queue.any_due(now));
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

/// The next desktop to poll now, if one is due and the pacer lets a request go.
fn next_job(sched: &mut Sched, desks: &[Desk], now: Instant) -> Option<usize> {
    loop {
        let (i, hot) = sched.queue.pop_due(now)?;
        // Desktops that left the project are dropped from the queue as they come up.
        if desks[i].settled.is_some() {
            continue;
        }
        if !sched.pacer.permit(now) {
            sched.queue.push(i, desks[i].due, hot);
            return None;
        }
        return Some(i);
    }
}

/// Said once on stderr when a whole round cannot fit in the interval at the pace the run
/// keeps: how long a round takes, and that pending desktops are polled every interval anyway.
fn say_round(sched: &mut Sched, desktops: usize, plan: &Plan) {
    if sched.said_round || plan.once {
        return;
    }
    let Some(rate) = sched.pacer.settled().or(sched.pacer.cap()) else {
        return;
    };
    let round = Duration::from_secs((desktops as f64 / rate).round() as u64);
    if round <= plan.interval {
        return;
    }
    sched.said_round = true;
    eprintln!(
        "note: {} desktops at ~{}/s: a full round takes ~{}; pending ones every {}",
        crate::text::thousands(desktops),
        crate::text::thousands(rate.round() as usize),
        crate::units::spoken(round),
        crate::units::spoken(plan.interval)
    );
}

/// A new listing of the project: its new desktops join (polled at once), those that left are
/// settled as `Left` with a note; both are said on stderr.
fn rejoin(desks: &mut Vec<Desk>, desktops: &[Desktop], plan: &Plan, sched: &mut Sched) {
    let listed: std::collections::HashSet<&str> = desktops.iter().map(Desktop::id).collect();
    for desk in desks.iter_mut() {
        if desk.settled.is_none() && !listed.contains(desk.id.as_str()) {
            eprintln!(
                "note: {} left the project; no longer watched",
                about(plan, &desk.id)
            );
            desk.settled = Some(Settled::Left);
            sched.open -= 1;
        }
    }
    let watched: std::collections::HashSet<String> = desks
        .iter()
        .filter(|d| !matches!(d.settled, Some(Settled::Left)))
        .map(|d| d.id.as_str().to_owned())
        .collect();
    for d in desktops {
        let Ok(id) = DesktopId::parse(d.id()) else {
            continue;
        };
        if watched.contains(id.as_str()) {
            continue;
        }
        plan.directory.add(d);
        eprintln!("note: {} joined the project; watching it", about(plan, &id));
        let now = Instant::now();
        let phase = plan.interval.mul_f64(fastrand::f64());
        sched.queue.push(desks.len(), now, false);
        sched.open += 1;
        desks.push(Desk::new(id, phase, now, None));
    }
}

/// `ID (NAME (USER))` for notes.
fn about(plan: &Plan, id: &DesktopId) -> String {
    match plan.directory.names(id.as_str()).and_then(|n| n.label()) {
        Some(label) => format!("desktop {} ({})", sanitize(id.as_str()), sanitize(&label)),
        None => format!("desktop {}", sanitize(id.as_str())),
    }
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

fn handle(
    desk: &mut Desk,
    result: Result<RemoteAssistance, ApiError>,
    plan: &Plan,
    sched: &mut Sched,
    reporter: &mut dyn Reporter,
    start: Instant,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let id = sanitize(desk.id.as_str());
    let now = Instant::now();
    let sent = desk.due;
    match result {
        Ok(record) => {
            sched.pacer.accepted(now, sent);
            say_round(sched, sched.open, plan);
            desk.throttled = 0;
            if desk.streak > 0 {
                let line = format!("note: desktop {id} answers again");
                summary.add(Level::Recovered, desk.id.as_str(), None, line);
                desk.streak = 0;
            }
            observe(desk, record, plan, reporter, now)?;
            desk.due = next_slot(start + desk.phase, plan.interval, Instant::now());
        }
        Err(e) if e.is_refused() => {
            return Err(
                anyhow::Error::new(e).context(format!("the cloud refused to show desktop {id}"))
            );
        }
        Err(e) if e.is_not_found() => {
            sched.pacer.accepted(now, sent);
            eprintln!("error: desktop {id} does not exist ({e}); dropped from the watch");
            desk.settled = Some(Settled::NotFound);
        }
        Err(e) if e.status() == Some(429) && !(plan.once && desk.throttled >= MAX_THROTTLED) => {
            throttled(desk, &e, plan, sched, now);
        }
        Err(e) if e.is_transient() && !(plan.once && desk.streak + 1 >= sched.attempts) => {
            desk.streak += 1;
            if desk.streak == 1 && !plan.once {
                let line = format!("warning: desktop {id}: {e}; retrying with backoff");
                summary.add(Level::Retrying, desk.id.as_str(), Some(&e), line);
            } else if plan.once && e.is_timeout() {
                // A long silence must not look like a hang, as in the client's own retries.
                let (next, of) = (desk.streak + 1, sched.attempts);
                let line = format!("note: desktop {id}: {e}; attempt {next} of {of}");
                summary.add(Level::Retrying, desk.id.as_str(), Some(&e), line);
            }
            let base = if plan.once {
                ONCE_BACKOFF
            } else {
                plan.interval
            };
            desk.due = now + backoff(base, desk.streak, e.retry_after());
        }
        Err(e) => {
            let line = format!("error: desktop {id}: {e}");
            summary.add(Level::Failed, desk.id.as_str(), Some(&e), line);
            desk.settled = Some(Settled::Failed(Box::new(e)));
        }
    }
    Ok(())
}

/// A 429: the gateway's quota, not this desktop's trouble. The pacer slows the whole run, the
/// desktop keeps its place in the queue (or waits as long as the gateway asked), and the
/// operator hears of it once, not per desktop.
fn throttled(desk: &mut Desk, e: &ApiError, plan: &Plan, sched: &mut Sched, now: Instant) {
    sched.pacer.throttled(now);
    desk.throttled += 1;
    if let Some(wait) = e.retry_after() {
        desk.due = now + wait;
    }
    if !sched.said_throttled {
        sched.said_throttled = true;
        eprintln!("note: the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts");
    }
    say_round(sched, sched.open, plan);
}

/// The first `origin + k * interval` after `now`.
fn next_slot(origin: Instant, interval: Duration, now: Instant) -> Instant {
    let elapsed = now.saturating_duration_since(origin);
    let k = (elapsed.as_secs_f64() / interval.as_secs_f64()).floor() + 1.0;
    origin + interval.mul_f64(k)
}

/// Exponential from the interval, capped, with jitter so that desktops do not retry in step;
/// the server's Retry-After wins when it sent one.
fn backoff(interval: Duration, streak: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wait) = retry_after {
        return wait;
    }
    let base = interval
        .saturating_mul(1 << streak.min(10))
        .min(BACKOFF_CAP);
    base.mul_f64(0.5 + fastrand::f64() / 2.0)
}

fn observe(
    desk: &mut Desk,
    mut record: RemoteAssistance,
    plan: &Plan,
    reporter: &mut dyn Reporter,
    now: Instant,
) -> anyhow::Result<()> {
    let blank = super::blank::normalize(&mut record);
    if let Some(last) = desk.last.as_mut().filter(|l| blank && !l.doubted) {
        if super::blank::is_active(last.status.as_ref()) {
            // Not reported, not recorded: the next answer says whether the session is gone.
            last.doubted = true;
            desk.settled = settle_unseen(plan);
            return Ok(());
        }
    }
    let seen = Seen::of(&record);
    if !desk.last.as_ref().is_some_and(|l| l.same_as(&seen)) {
        if desk.last.is_some() {
            desk.changed = Some(now);
        }
        let names = plan.directory.names(desk.id.as_str());
        reporter.change(
            desk.id.as_str(),
            names.as_ref(),
            &record,
            jiff::Timestamp::now(),
        )?;
    }
    desk.last = Some(seen);
    desk.settled = settle(&record, plan);
    if matches!(desk.settled, Some(Settled::Ended)) {
        // The reason is on the change line just above (or in the error that follows): once.
        eprintln!(
            "desktop {} ended {} while waiting for {}",
            sanitize(desk.id.as_str()),
            sanitize(record.status_text()),
            until_text(&plan.until)
        );
    }
    if plan.keep_records {
        desk.record = Some(Box::new(record));
    }
    Ok(())
}

/// `OPEN,CLOSE`: the wanted statuses as they were asked for.
fn until_text(until: &[Status]) -> String {
    until
        .iter()
        .map(Status::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

fn settle(record: &RemoteAssistance, plan: &Plan) -> Option<Settled> {
    if !plan.until.is_empty() {
        if plan.until.iter().any(|u| record.status() == Some(u)) {
            return Some(Settled::Reached);
        }
        let closed = record.status() == Some(&Status::Close) || record.failed_reason().is_some();
        if closed {
            return Some(Settled::Ended);
        }
    }
    settle_unseen(plan)
}

/// How a desktop settles that is in no wanted or final status (or whose answer was held
/// back): `--once` is over for it (not there yet when waiting for a status), a watch polls
/// it again.
fn settle_unseen(plan: &Plan) -> Option<Settled> {
    match (plan.once, plan.until.is_empty()) {
        (true, true) => Some(Settled::Reached),
        (true, false) => Some(Settled::Pending),
        (false, _) => None,
    }
}

/// The worst of what settled decides: a missing desktop, a failed request, an ended
/// assistance, then one still pending.
fn settled_end(desks: &[Desk]) -> End {
    let states: Vec<&Settled> = desks.iter().filter_map(|d| d.settled.as_ref()).collect();
    if states.iter().any(|s| matches!(s, Settled::NotFound)) {
        return End::Stopped(Kind::NotFound);
    }
    if let Some(e) = states.iter().find_map(|s| match s {
        Settled::Failed(e) => Some(e),
        _ => None,
    }) {
        return End::Failed(e.as_ref().clone());
    }
    if states.iter().any(|s| matches!(s, Settled::Ended)) {
        return End::Stopped(Kind::Ended);
    }
    // For cron, "not there yet" must not look like "done": the one poll was the deadline.
    if states.iter().any(|s| matches!(s, Settled::Pending)) {
        return End::Stopped(Kind::Deadline);
    }
    End::Done
}

/// What the run saw, moved out of the desktops (a fleet's worth of state is not copied).
fn outcome(desks: Vec<Desk>, end: End, plan: &Plan) -> Outcome {
    let end = match end {
        // At a deadline without --until, what settled (404s) still decides.
        End::Done if desks.iter().any(|d| d.settled.is_some()) => settled_end(&desks),
        end => end,
    };
    let mut out = Outcome {
        end,
        pending: Vec::new(),
        unpolled: Vec::new(),
        seen: HashMap::new(),
        records: HashMap::new(),
    };
    for d in desks {
        let id = d.id.as_str().to_owned();
        if !plan.until.is_empty() && matches!(d.settled, None | Some(Settled::Pending)) {
            out.pending.push(id.clone());
        }
        if plan.once && d.settled.is_none() {
            out.unpolled.push(id.clone());
        }
        if let Some(record) = d.record {
            out.records.insert(id.clone(), *record);
        }
        match d.last {
            Some(seen) if plan.keep_seen => {
                out.seen.insert(id, seen);
            }
            _ => {}
        }
    }
    out
}

/// SIGINT, SIGTERM and SIGHUP set the flag; the loop notices within one tick and ends with
/// the signal's exit code (130, 143, 129).
pub fn interrupt_flag() -> Arc<AtomicBool> {
    super::signals::flag()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_keep_their_phase() {
        let o = Instant::now();
        let i = Duration::from_secs(10);
        assert_eq!(next_slot(o, i, o), o + i);
        assert_eq!(
            next_slot(o, i, o + Duration::from_secs(25)),
            o + Duration::from_secs(30)
        );
        assert_eq!(
            next_slot(o + Duration::from_secs(5), i, o),
            o + Duration::from_secs(15)
        );
    }

    #[test]
    fn backoff_grows_is_capped_and_yields_to_retry_after() {
        let i = Duration::from_secs(1);
        assert!(backoff(i, 1, None) <= Duration::from_secs(2));
        assert!(backoff(i, 1, None) >= Duration::from_secs(1));
        assert!(backoff(i, 30, None) <= BACKOFF_CAP);
        assert_eq!(
            backoff(i, 3, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
    }
}
