//! One desktop in a run and what each answer does to it: reported when it changed, settled
//! when the rules say so (`settle.rs`), retried with backoff, slowed down for the gateway's
//! quota; desktops joining and leaving a `watch --all`; what the run returns of them all.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use super::notes::{about, Voice};
use super::pace::Pacer;
use super::plan::{Outcome, Plan, Seen};
use super::queue::{Lane, Queue};
use super::settle::{earlier, fate, settle, settle_unseen, until_text, Before, Fate, Settled};
use super::summary::Level as Held;
use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::ApiError;
use crate::domain::{DesktopId, Status};
use crate::messages::{msg, Level};
use crate::outcome::{explained, Outcome as End};
use crate::text::sanitize;

const BACKOFF_CAP: Duration = Duration::from_secs(60);
/// `--once`: the first retry of a failed poll waits about this long (then twice, ...).
const ONCE_BACKOFF: Duration = Duration::from_secs(1);
/// A desktop whose state changed this many intervals ago is still "hot".
const HOT_INTERVALS: u32 = 3;

pub struct Desk {
    pub id: DesktopId,
    /// This desktop's offset within the interval: rounds after the first are spread evenly.
    phase: Duration,
    pub due: Instant,
    pub in_flight: bool,
    /// When its request in flight was sent, and from which lane it was picked.
    pub sent: (Instant, Lane),
    /// Whether it was answered in this run (a record, or "no such desktop").
    answered: bool,
    /// Whether its last request was throttled: it keeps its turn.
    throttled_last: bool,
    /// Failed polls in a row.
    streak: u32,
    /// 429s in a row.
    throttled: u32,
    last: Option<Seen>,
    /// What this run saw of it: an answer, and a session pending or open (a close after
    /// that is this session's end, not an earlier one's: `settle::earlier`).
    looked: bool,
    saw_active: bool,
    /// When its state last changed (a first sighting is no change).
    changed: Option<Instant>,
    /// Boxed: most runs keep none, and a fleet's worth of empty slots adds up.
    record: Option<Box<RemoteAssistance>>,
    pub settled: Option<Settled>,
}

impl Desk {
    pub fn new(id: DesktopId, phase: Duration, due: Instant, last: Option<Seen>) -> Desk {
        // A session a state file saw active was seen by this watch's earlier runs (cron).
        let saw_active = super::blank::is_active(last.as_ref().and_then(|l| l.status.as_ref()));
        Desk {
            id,
            phase,
            due,
            in_flight: false,
            sent: (due, Lane::First),
            answered: false,
            throttled_last: false,
            streak: 0,
            throttled: 0,
            last,
            looked: false,
            saw_active,
            changed: None,
            record: None,
            settled: None,
        }
    }

    /// Whether its state is about to change: a session waits for its user, or it just changed.
    pub fn hot(&self, now: Instant, interval: Duration) -> bool {
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

    /// Where it waits for its next turn.
    pub fn lane(&self, now: Instant, interval: Duration) -> Lane {
        match (self.throttled_last, self.answered) {
            (true, _) => Lane::Throttled,
            (false, false) => Lane::First,
            _ if self.hot(now, interval) => Lane::Hot,
            _ => Lane::Cold,
        }
    }
}

/// What the loop keeps besides the desktops: who waits, at what pace, how many are open.
pub struct Sched {
    pub queue: Queue,
    pub pacer: Pacer,
    /// Desktops not settled yet: the run is over at zero.
    pub open: usize,
    /// `--once`: attempts per poll (the client's own, which the engine takes over).
    pub attempts: u32,
}

/// One answer for `desk`, received at `now`. Errors that end the run at once (401/403) are
/// returned.
pub fn handle(
    desk: &mut Desk,
    result: Result<RemoteAssistance, ApiError>,
    plan: &Plan,
    sched: &mut Sched,
    voice: &mut Voice,
    start: Instant,
    now: Instant,
) -> anyhow::Result<()> {
    let (sent, lane) = desk.sent;
    desk.throttled_last = false;
    let e = match result {
        Ok(record) => {
            sched.pacer.accepted(now, sent);
            voice.answered(lane);
            desk.answered = true;
            desk.throttled = 0;
            if desk.streak > 0 {
                let back = msg!("engine-desktop-answers-again", id = desk.id.as_str());
                voice.hold(Held::Recovered, &desk.id, None, (Level::Note, back));
                desk.streak = 0;
            }
            observe(desk, record, plan, voice, now)?;
            desk.due = next_slot(start + desk.phase, plan.interval, now);
            return Ok(());
        }
        Err(e) => e,
    };
    let id = sanitize(desk.id.as_str());
    match fate(
        &e,
        plan.rules(),
        desk.streak,
        desk.throttled,
        sched.attempts,
    ) {
        Fate::Refused => {
            let what = match e.is_no_such_api() {
                true => msg!("err-no-such-api", desktop = id),
                false => msg!("err-show-refused", desktop = id),
            };
            return Err(explained(e, what));
        }
        Fate::NotFound => {
            sched.pacer.accepted(now, sent);
            desk.answered = true;
            let missing = msg!("engine-desktop-missing", id = &id).quote("error", e.message());
            voice.say(Level::Error, &missing);
            desk.settled = Some(Settled::NotFound);
        }
        Fate::Throttled => throttled(desk, &e, retry_floor(plan), sched, voice, now),
        Fate::Retry => retry(desk, e, plan, sched.attempts, voice, now),
        Fate::GiveUp => {
            let failed = msg!("engine-desktop-failed", id = &id).quote("error", e.message());
            voice.hold(Held::Failed, &desk.id, Some(&e), (Level::Error, failed));
            desk.settled = Some(Settled::Failed(Box::new(e)));
        }
    }
    Ok(())
}

/// Passing trouble: said when it starts (or, for `--once`, each silence: a long one must not
/// look like a hang, as in the client's own retries), and polled again after a backoff.
fn retry(
    desk: &mut Desk,
    e: ApiError,
    plan: &Plan,
    attempts: u32,
    voice: &mut Voice,
    now: Instant,
) {
    let id = sanitize(desk.id.as_str());
    desk.streak += 1;
    if desk.streak == 1 && !plan.once {
        let line = msg!("engine-desktop-retrying", id = &id).quote("error", e.message());
        voice.hold(Held::Retrying, &desk.id, Some(&e), (Level::Warning, line));
    } else if plan.once && e.is_timeout() {
        let attempt = desk.streak + 1;
        let line = msg!(
            "engine-desktop-attempt",
            id = &id,
            attempt = attempt,
            attempts = attempts
        )
        .quote("error", e.message());
        // A note, not a warning: the poll may still succeed.
        voice.hold(Held::Retrying, &desk.id, Some(&e), (Level::Note, line));
    }
    desk.due = now + backoff(retry_floor(plan), desk.streak, e.retry_after());
}

/// The shortest wait before a desktop is asked again after a failure: its interval (for
/// `--once`, [`ONCE_BACKOFF`]), whatever `Retry-After` said.
fn retry_floor(plan: &Plan) -> Duration {
    match plan.once {
        true => ONCE_BACKOFF,
        false => plan.interval,
    }
}

/// A 429: the gateway's quota, not this desktop's trouble. The pacer slows the whole run, the
/// desktop keeps its turn, ahead of every other (when the gateway asked, once it waited as
/// long, and never sooner than `floor`), and the operator hears of it once, not per desktop.
fn throttled(
    desk: &mut Desk,
    e: &ApiError,
    floor: Duration,
    sched: &mut Sched,
    voice: &mut Voice,
    now: Instant,
) {
    sched.pacer.throttled(now);
    desk.throttled += 1;
    desk.throttled_last = true;
    if let Some(wait) = e.retry_after() {
        desk.due = now + wait.max(floor);
    }
    voice.throttled();
}

/// The first `origin + k * interval` after `now`.
fn next_slot(origin: Instant, interval: Duration, now: Instant) -> Instant {
    let elapsed = now.saturating_duration_since(origin);
    let k = (elapsed.as_secs_f64() / interval.as_secs_f64()).floor() + 1.0;
    origin + interval.mul_f64(k)
}

/// Exponential from the interval, capped, with jitter so that desktops do not retry in step;
/// the server's Retry-After wins when it sent a longer one.
fn backoff(interval: Duration, streak: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wait) = retry_after {
        // Never sooner than `interval`: a server's `Retry-After: 0` must not spin a loop.
        return wait.max(interval);
    }
    let base = interval
        .saturating_mul(1 << streak.min(10))
        .min(BACKOFF_CAP);
    base.mul_f64(0.5 + fastrand::f64() / 2.0)
}

/// A record: reported if it changed, kept if asked, and settled as the rules say.
fn observe(
    desk: &mut Desk,
    mut record: RemoteAssistance,
    plan: &Plan,
    voice: &mut Voice,
    now: Instant,
) -> anyhow::Result<()> {
    let blank = super::blank::normalize(&mut record);
    if let Some(last) = desk.last.as_mut().filter(|l| blank && !l.doubted) {
        if super::blank::is_active(last.status.as_ref()) {
            // Not reported, not recorded: the next answer says whether the session is gone.
            last.doubted = true;
            desk.settled = settle_unseen(plan.rules());
            return Ok(());
        }
    }
    let seen = Seen::of(&record);
    let changed = !desk.last.as_ref().is_some_and(|l| l.same_as(&seen));
    if changed {
        if desk.last.is_some() {
            desk.changed = Some(now);
        }
        let names = plan.directory.names(desk.id.as_str());
        voice.change(
            desk.id.as_str(),
            names.as_ref(),
            &record,
            jiff::Timestamp::now(),
        )?;
    }
    let before = Before {
        saw_active: desk.saw_active,
        first_look: !desk.looked,
    };
    desk.last = Some(seen);
    desk.looked = true;
    desk.saw_active |= super::blank::is_active(record.status());
    desk.settled = settle(&record, plan.rules(), before);
    if changed && !plan.until.is_empty() && earlier(&record, plan.rules(), before) {
        // Said once, with the change line it explains: the wait goes on through it.
        let earlier = msg!(
            "engine-desktop-earlier",
            id = sanitize(desk.id.as_str()),
            status = sanitize(record.status_text()),
            until = until_text(&plan.until)
        );
        voice.say(Level::Note, &earlier);
    }
    if matches!(desk.settled, Some(Settled::Ended)) {
        // The reason is on the change line just above (or in the error that follows): once.
        let ended = msg!(
            "engine-desktop-ended",
            id = sanitize(desk.id.as_str()),
            status = sanitize(record.status_text()),
            until = until_text(&plan.until)
        );
        voice.say(Level::Plain, &ended);
    }
    if plan.keep_records {
        desk.record = Some(Box::new(record));
    }
    Ok(())
}

/// A new listing of the project: its new desktops join (polled at once), those that left are
/// settled as `Left` with a note; both are said.
pub fn rejoin(
    desks: &mut Vec<Desk>,
    desktops: &[Desktop],
    plan: &Plan,
    sched: &mut Sched,
    voice: &mut Voice,
) {
    let listed: HashSet<&str> = desktops.iter().map(Desktop::id).collect();
    for desk in desks.iter_mut() {
        if desk.settled.is_none() && !listed.contains(desk.id.as_str()) {
            let desktop = about(&plan.directory, &desk.id);
            voice.say(Level::Note, &msg!("engine-desktop-left", desktop = desktop));
            desk.settled = Some(Settled::Left);
            sched.open -= 1;
        }
    }
    let watched: HashSet<String> = desks
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
        let desktop = about(&plan.directory, &id);
        voice.say(
            Level::Note,
            &msg!("engine-desktop-joined", desktop = desktop),
        );
        let now = Instant::now();
        let phase = plan.interval.mul_f64(fastrand::f64());
        sched.queue.push(desks.len(), now, Lane::First);
        sched.open += 1;
        desks.push(Desk::new(id, phase, now, None));
    }
}

/// What the run saw, moved out of the desktops (a fleet's worth of state is not copied).
pub fn outcome(desks: Vec<Desk>, end: End, plan: &Plan) -> Outcome {
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
        // A desktop never answered was not seen: what earlier runs knew of it stands (a
        // state file must not learn "no session" from a poll that failed).
        match d.last {
            Some(seen) if plan.keep_seen && d.answered => {
                out.seen.insert(id, seen);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
