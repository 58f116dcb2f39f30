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
use crate::outcome::Outcome as End;
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
                true => format!("the API gateway has no such API (asked for desktop {id})"),
                false => format!("the cloud refused to show desktop {id}"),
            };
            return Err(anyhow::Error::new(e).context(what));
        }
        Fate::NotFound => {
            sched.pacer.accepted(now, sent);
            desk.answered = true;
            let missing = msg!("engine-desktop-missing", id = &id, error = &e);
            voice.say(Level::Error, &missing);
            desk.settled = Some(Settled::NotFound);
        }
        Fate::Throttled => throttled(desk, &e, sched, voice, now),
        Fate::Retry => retry(desk, e, plan, sched.attempts, voice, now),
        Fate::GiveUp => {
            let failed = msg!("engine-desktop-failed", id = &id, error = &e);
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
        let line = msg!("engine-desktop-retrying", id = &id, error = &e);
        voice.hold(Held::Retrying, &desk.id, Some(&e), (Level::Warning, line));
    } else if plan.once && e.is_timeout() {
        let attempt = desk.streak + 1;
        let line = msg!(
            "engine-desktop-attempt",
            id = &id,
            error = &e,
            attempt = attempt,
            attempts = attempts
        );
        // A note, not a warning: the poll may still succeed.
        voice.hold(Held::Retrying, &desk.id, Some(&e), (Level::Note, line));
    }
    let base = if plan.once {
        ONCE_BACKOFF
    } else {
        plan.interval
    };
    desk.due = now + backoff(base, desk.streak, e.retry_after());
}

/// A 429: the gateway's quota, not this desktop's trouble. The pacer slows the whole run, the
/// desktop keeps its turn, ahead of every other (when the gateway asked, once it waited as
/// long), and the operator hears of it once, not per desktop.
fn throttled(desk: &mut Desk, e: &ApiError, sched: &mut Sched, voice: &mut Voice, now: Instant) {
    sched.pacer.throttled(now);
    desk.throttled += 1;
    desk.throttled_last = true;
    if let Some(wait) = e.retry_after() {
        desk.due = now + wait;
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
        match d.last {
            Some(seen) if plan.keep_seen => {
                out.seen.insert(id, seen);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::api::{NetKind, StatusError};
    use crate::domain::DesktopNames;
    use crate::engine::directory::Directory;
    use crate::engine::settle::over;
    use crate::messages;
    use crate::output::Reporter;

    const ID: &str = "d1";

    /// What a run told its command: each reported status, and each line as it is written.
    #[derive(Default)]
    struct Heard {
        changes: Vec<String>,
        lines: Vec<String>,
    }

    impl Reporter for Heard {
        fn change(
            &mut self,
            _id: &str,
            _names: Option<&DesktopNames>,
            record: &RemoteAssistance,
            _at: jiff::Timestamp,
        ) -> std::io::Result<()> {
            self.changes.push(record.status_text().to_string());
            Ok(())
        }

        fn say(&mut self, level: messages::Level, message: &messages::Message) {
            self.lines.push(messages::line(level, message));
        }
    }

    fn plan(until: &[Status], once: bool) -> Plan {
        Plan {
            ids: vec![DesktopId::parse(ID).unwrap()],
            interval: Duration::from_secs(2),
            concurrency: 1,
            max_rate: None,
            until: until.to_vec(),
            deadline: None,
            once,
            began: None,
            directory: Arc::new(Directory::new()),
            membership: None,
            keep_records: true,
            keep_seen: true,
        }
    }

    fn rec(json: &str) -> Result<RemoteAssistance, ApiError> {
        Ok(serde_json::from_str(json).unwrap())
    }

    fn http(status: u16) -> Result<RemoteAssistance, ApiError> {
        Err(ApiError::Status(Box::new(StatusError {
            status,
            ..StatusError::default()
        })))
    }

    fn timeout() -> Result<RemoteAssistance, ApiError> {
        Err(ApiError::Network {
            kind: NetKind::Timeout,
            url: "http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance".into(),
            detail: "operation timed out".into(),
        })
    }

    /// One desktop's run: after how many answers it settled, how the run ended (at the
    /// deadline if it never settled), what it reported and said, and a refusal if one came.
    struct Fed {
        settled_after: Option<usize>,
        end: String,
        heard: Heard,
        refused: Option<String>,
        outcome: Outcome,
    }

    /// Feeds the desktop its answers in order, one a second as the loop would hand them over,
    /// until it settles; then asks how the run ends.
    fn feed(plan: &Plan, answers: Vec<Result<RemoteAssistance, ApiError>>) -> Fed {
        let start = Instant::now();
        let mut heard = Heard::default();
        let mut desk = Desk::new(plan.ids[0].clone(), Duration::ZERO, start, None);
        let mut sched = Sched {
            queue: Queue::default(),
            pacer: Pacer::new(None, 1.0, start),
            open: 1,
            attempts: 3,
        };
        let (mut settled_after, mut refused) = (None, None);
        let mut voice = Voice::new(&mut heard);
        for (n, answer) in answers.into_iter().enumerate() {
            let now = start + Duration::from_secs(n as u64);
            if let Err(e) = handle(&mut desk, answer, plan, &mut sched, &mut voice, start, now) {
                refused = Some(format!("{e:#}"));
                break;
            }
            if desk.settled.is_some() {
                settled_after = Some(n + 1);
                sched.open -= 1;
                break;
            }
        }
        drop(voice);
        let end = over(plan.rules(), None, sched.open, true, desk.settled.as_ref());
        let end = end.unwrap_or(End::Done);
        let end_text = format!("{end:?}");
        let outcome = outcome(vec![desk], end, plan);
        Fed {
            settled_after,
            end: end_text,
            heard,
            refused,
            outcome,
        }
    }

    #[test]
    fn waiting_for_open_settles_when_the_user_accepts() {
        let fed = feed(
            &plan(&[Status::Open], false),
            vec![
                rec(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#),
                rec(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#),
                rec(r#"{"status":"WAIT_USER_ACCESS","invitation_code":"AB12CD34"}"#),
                rec(r#"{"status":"OPEN","invitation_code":"AB12CD34"}"#),
            ],
        );
        assert_eq!(fed.settled_after, Some(4));
        assert_eq!(fed.end, "Done");
        // The repeated WAIT_USER_CONFIRM is no change.
        assert_eq!(
            fed.heard.changes,
            ["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS", "OPEN"]
        );
        assert!(fed.heard.lines.is_empty(), "{:?}", fed.heard.lines);
        assert_eq!(fed.outcome.records[ID].status_text(), "OPEN");
        assert!(fed.outcome.pending.is_empty());
    }

    #[test]
    fn a_session_that_closes_while_waiting_ends_the_wait() {
        let fed = feed(
            &plan(&[Status::Open], false),
            vec![
                rec(r#"{"status":"WAIT_USER_CONFIRM"}"#),
                rec(r#"{"status":"CLOSE","failed_reason":"the user refused"}"#),
                rec(r#"{"status":"OPEN"}"#),
            ],
        );
        assert_eq!(fed.settled_after, Some(2));
        assert_eq!(fed.end, "Stopped(Ended)");
        assert_eq!(
            fed.heard.lines,
            ["desktop d1 ended CLOSE while waiting for OPEN"]
        );
    }

    #[test]
    fn once_settles_on_its_first_answer() {
        let fed = feed(&plan(&[], true), vec![rec(r#"{"status":"OPEN"}"#)]);
        assert_eq!((fed.settled_after, fed.end.as_str()), (Some(1), "Done"));
        let fed = feed(
            &plan(&[Status::Open], true),
            vec![rec(r#"{"status":"WAIT_USER_CONFIRM"}"#)],
        );
        // Not there yet: for cron, the one poll was the deadline.
        assert_eq!(fed.settled_after, Some(1));
        assert_eq!(fed.end, "Stopped(Deadline)");
        assert_eq!(fed.outcome.pending, [ID]);
        assert!(fed.outcome.unpolled.is_empty());
    }

    #[test]
    fn a_missing_desktop_is_dropped_and_named() {
        let fed = feed(&plan(&[], false), vec![http(404)]);
        assert_eq!(fed.settled_after, Some(1));
        assert_eq!(fed.end, "Stopped(NotFound)");
        assert_eq!(
            fed.heard.lines,
            ["error: desktop d1 does not exist (HTTP 404 Not Found); dropped from the watch"]
        );
    }

    #[test]
    fn refused_credentials_end_the_run_at_once() {
        let fed = feed(
            &plan(&[], false),
            vec![http(401), rec(r#"{"status":"OPEN"}"#)],
        );
        assert_eq!(
            fed.refused.as_deref(),
            Some("the cloud refused to show desktop d1: HTTP 401 Unauthorized")
        );
        assert!(fed.heard.changes.is_empty() && fed.heard.lines.is_empty());
    }

    #[test]
    fn a_watch_retries_passing_trouble_and_says_when_it_answers_again() {
        let fed = feed(
            &plan(&[], false),
            vec![
                http(503),
                http(503),
                rec(r#"{"status":"NONE"}"#),
                rec(r#"{"status":"NONE"}"#),
            ],
        );
        assert_eq!(fed.settled_after, None);
        // A watch without --until is done at its deadline.
        assert_eq!(fed.end, "Done");
        assert_eq!(fed.heard.changes, ["NONE"]);
        assert_eq!(
            fed.heard.lines,
            [
                "warning: desktop d1: HTTP 503 Service Unavailable; retrying with backoff",
                "note: desktop d1 answers again"
            ]
        );
    }

    #[test]
    fn once_says_each_silence_and_gives_up_after_its_attempts() {
        let fed = feed(&plan(&[], true), vec![timeout(), timeout(), timeout()]);
        assert_eq!(fed.settled_after, Some(3));
        assert!(fed.end.starts_with("Failed(Network"), "{}", fed.end);
        let silence = "desktop d1: timed out waiting for http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance: operation timed out";
        assert_eq!(
            fed.heard.lines,
            [
                format!("note: {silence}; attempt 2 of 3"),
                format!("note: {silence}; attempt 3 of 3"),
                format!("error: {silence}"),
            ]
        );
    }

    #[test]
    fn throttling_is_said_once_and_once_gives_up_on_a_gateway_that_never_relents() {
        let answers = (0..MAX + 3).map(|_| http(429)).collect();
        const MAX: usize = crate::engine::settle::MAX_THROTTLED as usize;
        let fed = feed(&plan(&[], true), answers);
        // 50 throttled answers, then two retries of the attempts, then the failure.
        assert_eq!(fed.settled_after, Some(MAX + 3));
        assert!(fed.end.starts_with("Failed(Status"), "{}", fed.end);
        assert_eq!(
            fed.heard.lines,
            [
                "note: the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts",
                "error: desktop d1: HTTP 429 Too Many Requests"
            ]
        );
        // A watch waits for the gateway as long as it takes.
        let fed = feed(&plan(&[], false), (0..200).map(|_| http(429)).collect());
        assert_eq!((fed.settled_after, fed.end.as_str()), (None, "Done"));
    }

    #[test]
    fn a_blank_answer_after_a_session_waits_for_the_next_to_confirm_it() {
        let fed = feed(
            &plan(&[Status::Close], false),
            vec![
                rec(r#"{"status":"OPEN"}"#),
                rec(r#"{}"#),
                rec(r#"{"status":"OPEN"}"#),
                rec(r#"{}"#),
                rec(r#"{}"#),
            ],
        );
        // The first blank was a fault (OPEN again); the second, confirmed, is NONE.
        assert_eq!(fed.heard.changes, ["OPEN", "NONE"]);
        assert_eq!(fed.settled_after, None);
        assert_eq!(fed.end, "Stopped(Deadline)");
        assert_eq!(fed.outcome.pending, [ID]);
        let seen = &fed.outcome.seen[ID];
        assert_eq!(
            (seen.status.as_ref(), seen.doubted),
            (Some(&Status::None), false)
        );
    }

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
