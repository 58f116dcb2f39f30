//! `assist sessions`: which desktops of the project have a session open or pending, and since
//! when; `--cancel` closes them (the sweep of forgotten sessions); `--watch` keeps a live board.
//! The fleet is read with the watch engine: bounded concurrency, `--max-rate`, 429 pacing.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::select::{combined_filter, list_all, meets};
use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::{ApiError, Client, DesktopFilter};
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::Directory;
use crate::engine::poll::{self, Plan};
use crate::messages::{self, msg, os_error, Level, Message};
use crate::outcome::{explained, Explain, Failure, Kind, Outcome};
use crate::output::{
    render_sessions, write_metrics_file, Metrics, OutputFormat, Reporter, SessionRow,
};
use crate::text::sanitize;

/// Refuses `--cancel` without `--yes` when there is no terminal to ask on, before any request.
pub fn refuse_unconfirmed(args: &SessionsArgs) -> Result<(), Failure> {
    if !args.notify.notify.is_empty() && !args.watch {
        return Err(Failure::new(Kind::Usage, msg!("err-notify-needs-watch"))
            .with_hint(msg!("hint-notify-needs-watch")));
    }
    if args.cancel && !args.yes && !can_ask() {
        return Err(Failure::new(Kind::Usage, msg!("err-cancel-needs-yes"))
            .with_hint(msg!("hint-cancel-needs-yes")));
    }
    Ok(())
}

fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

pub fn run(settings: &Settings, args: &SessionsArgs) -> anyhow::Result<Outcome> {
    if args.watch && settings.output == OutputFormat::Prometheus {
        return Err(prometheus_board().into());
    }
    let (desktop_status, session_status) = split_status(args.status.as_deref());
    let filter = DesktopFilter {
        status: desktop_status,
        ..combined_filter(&args.select)
    };
    // The ticket check and the audit log come before any request.
    let rec = match args.cancel {
        true => Some(super::record::Recorder::prepare(settings, &args.audit)?),
        false => None,
    };
    let client = super::setup::client(settings)?;
    let mut desktops = list_all(&client, &filter).explain(msg!("err-list-desktops"))?;
    // Every filter again on this side: a server that ignored one must not widen the list,
    // let alone a sweep.
    desktops.retain(|d| meets(&filter, d));
    let directory = Arc::new(Directory::listed(&desktops));
    let client = Arc::new(client);
    let interrupted = crate::engine::signals::catch(crate::messages::say);
    if args.watch {
        return super::board::run(settings, args, client, &desktops, directory, &interrupted);
    }
    let (records, end) = read_all(&client, args, &desktops, directory.clone(), &interrupted)?;
    let now = jiff::Timestamp::now();
    let (rows, undated) = sessions_of(
        &desktops,
        &records,
        session_status.as_ref(),
        args.older_than,
        now,
    );
    if undated > 0 {
        messages::note(&msg!("sessions-undated", count = undated));
    }
    let metrics = Metrics::of(
        records.values(),
        desktops.len(),
        client.tally().counts(),
        now,
    );
    // Before the output: a path that cannot be written fails the run with nothing printed.
    if let Some(path) = &args.metrics_file {
        write_metrics(path, &metrics)?;
    }
    if settings.output == OutputFormat::Prometheus {
        let mut out = std::io::stdout().lock();
        out.write_all(metrics.render().as_bytes())?;
        out.flush()?;
    } else if rows.is_empty() && settings.output == OutputFormat::Table {
        messages::plain(&msg!("sessions-none", count = desktops.len()));
    } else {
        render_sessions(
            &mut std::io::stdout().lock(),
            settings.output,
            &rows,
            settings.style,
            now,
        )?;
    }
    if !matches!(end, Outcome::Done) {
        // Some desktops could not be read (said on stderr as it happened): the list may be short.
        messages::note(&msg!("sessions-incomplete"));
        return Ok(end);
    }
    if args.cancel && !rows.is_empty() {
        return sweep(&client, args, &rows, rec, &interrupted);
    }
    Ok(Outcome::Done)
}

/// `-o prometheus` prints the metrics once; the live board has none to give.
fn prometheus_board() -> Failure {
    Failure::new(Kind::Usage, msg!("err-prometheus-watch")).with_hint(msg!("hint-prometheus-watch"))
}

/// `--metrics-file`: the metrics, replaced atomically; a path that cannot be written is a
/// usage error naming it.
fn write_metrics(path: &std::path::Path, metrics: &Metrics) -> Result<(), Failure> {
    write_metrics_file(path, &metrics.render()).map_err(|e| {
        Failure::new(
            Kind::Usage,
            msg!("err-metrics-file", path = path.display()).quote("reason", os_error(&e)),
        )
        .with_hint(msg!("hint-metrics-file"))
    })
}

/// `--status`: a desktop state goes to the listing, a session state filters the sessions.
fn split_status(status: Option<&str>) -> (Option<String>, Option<Status>) {
    let Some(s) = status.map(str::trim).filter(|s| !s.is_empty()) else {
        return (None, None);
    };
    match Status::parse(s) {
        Status::Other(_) => (Some(s.to_ascii_uppercase()), None),
        known => (None, Some(known)),
    }
}

/// Polls every desktop once through the watch engine; the records, and how the run ended.
fn read_all(
    client: &Arc<Client>,
    args: &SessionsArgs,
    desktops: &[Desktop],
    directory: Arc<Directory>,
    interrupted: &AtomicBool,
) -> anyhow::Result<(HashMap<String, RemoteAssistance>, Outcome)> {
    let ids: Vec<DesktopId> = desktops
        .iter()
        .filter_map(|d| DesktopId::parse(d.id()).ok())
        .collect();
    if ids.is_empty() {
        return Ok((HashMap::new(), Outcome::Done));
    }
    let plan = Plan {
        interval: Duration::from_secs(1),
        concurrency: args.concurrency as usize,
        max_rate: args.max_rate,
        until: Vec::new(),
        deadline: None,
        once: true,
        began: None,
        directory,
        membership: None,
        keep_records: true,
        keep_seen: false,
        ids,
    };
    let mut progress = Progress::new(plan.ids.len());
    let outcome = poll::run(
        client.clone(),
        &plan,
        &HashMap::new(),
        &mut progress,
        interrupted,
    );
    progress.clear();
    let outcome = outcome?;
    Ok((outcome.records, outcome.end))
}

/// "checked 3,400 of 10,000 desktops", redrawn on one stderr line, for a person waiting on a
/// big fleet (a terminal only; at most ten times a second).
struct Progress {
    total: usize,
    checked: usize,
    shown: bool,
    last: Option<Instant>,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            checked: 0,
            shown: false,
            last: None,
            on: std::io::stderr().is_terminal() && total >= 50,
        }
    }

    fn clear(&mut self) {
        if self.shown {
            messages::clear_progress(60);
        }
    }
}

impl Reporter for Progress {
    fn change(
        &mut self,
        _id: &str,
        _names: Option<&DesktopNames>,
        _record: &RemoteAssistance,
        _at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        self.checked += 1;
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        if self.on && (due || self.checked == self.total) {
            messages::progress(&msg!(
                "sessions-progress",
                checked = crate::text::thousands(self.checked),
                total = crate::text::thousands(self.total),
            ));
            self.shown = true;
            self.last = Some(Instant::now());
        }
        Ok(())
    }
}

/// `3400` → `3,400`.
/// The desktops with an active session (and the wanted status, and older than asked), oldest
/// first, those without a creation time last; and how many `--older-than` left out for
/// having no creation time.
pub fn sessions_of(
    desktops: &[Desktop],
    records: &HashMap<String, RemoteAssistance>,
    status: Option<&Status>,
    older_than: Option<Duration>,
    now: jiff::Timestamp,
) -> (Vec<SessionRow>, usize) {
    let mut undated = 0;
    let mut rows: Vec<SessionRow> = desktops
        .iter()
        .filter_map(|d| {
            let record = records.get(d.id())?;
            let active = record.status().is_some_and(Status::is_active);
            let wanted = status.is_none_or(|s| record.status() == Some(s));
            (active && wanted).then(|| SessionRow {
                desktop_id: d.id().to_string(),
                names: d.names(),
                record: record.clone(),
            })
        })
        .filter(|row| match (older_than, row.age(now)) {
            (None, _) => true,
            (Some(limit), Some(age)) => age >= i64::try_from(limit.as_secs()).unwrap_or(i64::MAX),
            (Some(_), None) => {
                undated += 1;
                false
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &SessionRow| (r.age(now).is_none(), std::cmp::Reverse(r.age(now)));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.names.computer_name.cmp(&b.names.computer_name))
            .then_with(|| a.desktop_id.cmp(&b.desktop_id))
    });
    (rows, undated)
}

/// `--cancel`: asks on a terminal (unless `--yes`), then closes each session that is still
/// the one listed, `--concurrency` at a time, saying how each went; a failure makes the exit
/// code that of the first one.
fn sweep(
    client: &Client,
    args: &SessionsArgs,
    rows: &[SessionRow],
    rec: Option<super::record::Recorder>,
    interrupted: &AtomicBool,
) -> anyhow::Result<Outcome> {
    if !args.yes {
        let question = msg!("sessions-confirm", count = rows.len());
        match messages::confirm(&question, &|| interrupted.load(Ordering::SeqCst))? {
            messages::Answer::Yes => {}
            messages::Answer::No => {
                messages::plain(&msg!("sessions-nothing-cancelled"));
                return Ok(Outcome::Done);
            }
            messages::Answer::Stopped => {
                return Ok(Outcome::Stopped(crate::engine::signals::kind()));
            }
        }
    }
    // Each DELETE's lines are written as it goes and comes back; a signal (or an intent
    // that cannot be written) stops new ones, and those out finish and are recorded.
    let rec = rec.map(std::sync::Mutex::new);
    let unrecorded = AtomicBool::new(false);
    let results = crate::engine::fanout::in_parallel(rows, args.concurrency as usize, |row| {
        if interrupted.load(Ordering::SeqCst) || unrecorded.load(Ordering::SeqCst) {
            return None;
        }
        let step = match still_listed(client, row) {
            Ok(None) => Step::Sent(cancel_one(client, row, rec.as_ref())),
            Ok(Some(change)) => Step::Skipped(change),
            Err(e) => Step::Unread(e),
        };
        if matches!(step, Step::Sent(Err(_))) {
            unrecorded.store(true, Ordering::SeqCst);
        }
        Some(step)
    });
    let mut first_failure = None;
    let (mut cancelled, mut skipped) = (0, 0);
    let mut not_recorded = None;
    for (row, step) in rows.iter().zip(results) {
        let about = about(row);
        let result = match step {
            None => continue,
            Some(Step::Sent(Err(e))) => {
                not_recorded.get_or_insert(e);
                continue;
            }
            Some(Step::Sent(Ok(result))) => result,
            Some(Step::Skipped(change)) => {
                skipped += 1;
                skip(rec.as_ref(), row, &about, change);
                continue;
            }
            Some(Step::Unread(e)) => {
                let failed =
                    msg!("sessions-not-reread", session = &about).quote("error", e.message());
                messages::say(Level::Error, &failed);
                let why = msg!("session-why-unread").quote("error", e.message());
                skip(rec.as_ref(), row, &about, why);
                first_failure.get_or_insert(e);
                continue;
            }
        };
        match result {
            Ok(_) => {
                cancelled += 1;
                messages::plain(&msg!("sessions-cancelled-one", session = &about));
            }
            Err(e) if e.is_not_found() => {
                messages::plain(&msg!("sessions-already-closed", session = &about));
            }
            Err(e) => {
                let failed =
                    msg!("sessions-not-cancelled", session = &about).quote("error", e.message());
                messages::say(Level::Error, &failed);
                first_failure.get_or_insert(e);
            }
        }
    }
    let done = match skipped {
        0 => msg!("sessions-cancelled", done = cancelled, count = rows.len()),
        _ => msg!(
            "sessions-cancelled-skipped",
            done = cancelled,
            count = rows.len(),
            skipped = skipped
        ),
    };
    messages::plain(&done);
    if let Some(e) = not_recorded {
        return Err(explained(e, msg!("err-cancel-not-recorded")));
    }
    if interrupted.load(Ordering::SeqCst) {
        return Ok(Outcome::Stopped(crate::engine::signals::kind()));
    }
    Ok(first_failure.map_or(Outcome::Done, Outcome::Failed))
}

/// How one session of a sweep went before its answer is told.
enum Step {
    /// Its turn came: the DELETE's answer, or `Err` when its intent could not be written.
    Sent(Swept),
    /// Not sent: read again just before, the desktop's session is no longer the one listed
    /// (and confirmed); what changed.
    Skipped(Message),
    /// Not sent: the session could not be read again, so nobody knows what a DELETE would close.
    Unread(ApiError),
}

/// Reads the desktop's session again just before its DELETE: `None` when it is still the
/// session listed (same space, status and creation time: the filters that let it in still
/// hold), else what changed. Between the list and the answer to the prompt, a colleague may
/// have closed it and started another, which the sweep must not close in its place.
fn still_listed(client: &Client, row: &SessionRow) -> Result<Option<Message>, ApiError> {
    let id = DesktopId::parse(&row.desktop_id).map_err(|e| ApiError::InvalidPath(e.to_string()))?;
    let now = match client.remote_assistance(&id) {
        Ok(answer) => answer.value,
        Err(e) if e.is_not_found() => RemoteAssistance::default(),
        Err(e) => return Err(e),
    };
    Ok(change_between(&row.record, &now))
}

/// What differs between the session listed and the one read now, in words; `None`: the same.
fn change_between(listed: &RemoteAssistance, now: &RemoteAssistance) -> Option<Message> {
    let another =
        listed.share_space_id != now.share_space_id || listed.create_time != now.create_time;
    if now.status().is_some_and(Status::is_active) && another {
        return Some(match now.create_time.as_deref() {
            Some(created) => msg!("session-why-another", created = created),
            None => msg!("session-why-another-sometime"),
        });
    }
    if listed.status() != now.status() || another {
        let status = now.status().map_or("NONE", Status::as_str);
        return Some(msg!("session-why-status", status = status));
    }
    None
}

/// Says that a session was left alone and why, and records it in the audit log.
fn skip(rec: Option<&Rec>, row: &SessionRow, about: &str, why: Message) {
    // The audit log's detail is data: English, whatever the run's language.
    let detail = sanitize(&why.to_string());
    messages::plain(&msg!("sessions-skipped", session = about).quote("why", why));
    if let (Some(rec), Ok(id)) = (rec, DesktopId::parse(&row.desktop_id)) {
        lock(rec).record(&id, row.names.label(), |e| {
            e.action = crate::audit::Action::Skipped;
            e.detail = Some(detail);
        });
    }
}

/// One session's DELETE between its intent line and its outcome line; `Err` when the
/// intent could not be written (nothing sent).
fn cancel_one(client: &Client, row: &SessionRow, rec: Option<&Rec>) -> Swept {
    let id = match DesktopId::parse(&row.desktop_id) {
        Ok(id) => id,
        Err(e) => return Ok(Err(ApiError::InvalidPath(e.to_string()))),
    };
    match delete_recorded(client, &id, row, rec)? {
        Err(lost) if lost.may_have_arrived() => after_lost(client, &id, row, lost, rec),
        result => Ok(result),
    }
}

type Rec = std::sync::Mutex<super::record::Recorder>;
/// A DELETE's result; `Err` when its intent could not be written (nothing sent).
type Swept = Result<Result<(), ApiError>, crate::audit::LogError>;

/// The intent line, the DELETE, its outcome line.
fn delete_recorded(client: &Client, id: &DesktopId, row: &SessionRow, rec: Option<&Rec>) -> Swept {
    let session = row.record.share_space_id.as_deref();
    let intent = match rec {
        Some(r) => lock(r).intend(id, row.names.label(), super::record::DELETE, session)?,
        None => super::record::Intent::default(),
    };
    let result = client.cancel_remote_assistance(id);
    if let Some(r) = rec {
        lock(r).outcome(&intent, id, row.names.label(), |e| {
            super::record::closed(e, &result)
        });
    }
    Ok(result.map(|_| ()))
}

/// A DELETE whose answer was lost is not sent again blindly (docs/CONTRACT.md): a look tells
/// what happened. No active session: it went through. The session confirmed still active:
/// sent again, once. Another session: left alone, and the row fails with the lost answer.
fn after_lost(
    client: &Client,
    id: &DesktopId,
    row: &SessionRow,
    lost: ApiError,
    rec: Option<&Rec>,
) -> Swept {
    let now = match client.remote_assistance(id) {
        Ok(a) if a.value.status().is_some_and(Status::is_active) => a.value.share_space_id,
        Ok(_) => None,
        Err(e) if e.is_not_found() => None,
        Err(_) => return Ok(Err(lost)),
    };
    let Some(now) = now else {
        let said = msg!("sessions-lost-done", session = about(row));
        messages::plain(&said);
        if let Some(r) = rec {
            lock(r).record(id, row.names.label(), |e| {
                e.action = crate::audit::Action::Cancel;
                e.status = Some(Status::Close);
                e.detail = Some(said.to_string());
            });
        }
        return Ok(Ok(()));
    };
    if Some(&now) == row.record.share_space_id.as_ref() {
        return delete_recorded(client, id, row, rec);
    }
    let other = msg!(
        "sessions-lost-other",
        session = about(row),
        now = sanitize(&now)
    );
    messages::say(Level::Error, &other);
    Ok(Err(lost))
}

/// The recorder, even after another worker's panic (which the sweep re-raises anyway).
fn lock(rec: &Rec) -> std::sync::MutexGuard<'_, super::record::Recorder> {
    rec.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn about(row: &SessionRow) -> String {
    match row.names.label() {
        Some(label) => format!("{} ({})", sanitize(&row.desktop_id), sanitize(&label)),
        None => sanitize(&row.desktop_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn a_session_is_still_the_one_listed_only_with_the_same_space_status_and_time() {
        let rec = |space: Option<&str>, status: &str, time: Option<&str>| RemoteAssistance {
            share_space_id: space.map(str::to_string),
            status: Some(Status::parse(status)),
            create_time: time.map(str::to_string),
            ..RemoteAssistance::default()
        };
        let listed = rec(Some("s1"), "OPEN", Some("2025-01-01T00:00:00Z"));
        assert_eq!(change_between(&listed, &listed.clone()), None);
        let pending = rec(None, "WAIT_USER_CONFIRM", None);
        assert_eq!(change_between(&pending, &pending.clone()), None);
        let another = rec(
            Some("s2"),
            "WAIT_USER_CONFIRM",
            Some("2026-01-01T00:00:00Z"),
        );
        assert_eq!(
            change_between(&listed, &another)
                .map(|m| m.to_string())
                .as_deref(),
            Some("it is another session now (created 2026-01-01T00:00:00Z)")
        );
        let closed = rec(Some("s1"), "CLOSE", Some("2025-01-01T00:00:00Z"));
        assert_eq!(
            change_between(&listed, &closed)
                .map(|m| m.to_string())
                .as_deref(),
            Some("its status is now CLOSE")
        );
        assert_eq!(
            change_between(&listed, &RemoteAssistance::default())
                .map(|m| m.to_string())
                .as_deref(),
            Some("its status is now NONE")
        );
        let accepted = rec(None, "OPEN", None);
        assert_eq!(
            change_between(&pending, &accepted)
                .map(|m| m.to_string())
                .as_deref(),
            Some("its status is now OPEN")
        );
        let said = change_between(&listed, &another).map(|m| m.render_in(Lang::Zh));
        assert_eq!(
            said.as_deref(),
            Some("它现在是另一个会话（创建于 2026-01-01T00:00:00Z）")
        );
    }

    #[test]
    fn a_status_goes_where_it_belongs() {
        assert_eq!(split_status(Some("active")), (Some("ACTIVE".into()), None));
        assert_eq!(split_status(Some("open")), (None, Some(Status::Open)));
        assert_eq!(split_status(Some(" ")), (None, None));
    }

    #[test]
    fn sessions_are_the_active_ones_oldest_first_undated_last() {
        let now: jiff::Timestamp = "2026-01-01T12:00:00Z".parse().unwrap();
        let desk = |id: &str| Desktop {
            desktop_id: Some(id.into()),
            ..Desktop::default()
        };
        let rec = |status: &str, time: Option<&str>| RemoteAssistance {
            status: Some(Status::parse(status)),
            create_time: time.map(str::to_string),
            ..RemoteAssistance::default()
        };
        let desktops: Vec<Desktop> = ["a", "b", "c", "d", "e"].map(desk).to_vec();
        let records: HashMap<String, RemoteAssistance> = [
            ("a", rec("OPEN", Some("2026-01-01T11:00:00Z"))),
            ("b", rec("OPEN", Some("2026-01-01T08:00:00Z"))),
            ("c", rec("WAIT_USER_CONFIRM", None)),
            ("d", rec("CLOSE", Some("2026-01-01T01:00:00Z"))),
            ("e", rec("NONE", None)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let ids = |rows: &[SessionRow]| -> Vec<String> {
            rows.iter().map(|r| r.desktop_id.clone()).collect()
        };
        let (rows, undated) = sessions_of(&desktops, &records, None, None, now);
        assert_eq!(
            (ids(&rows), undated),
            (vec!["b".into(), "a".into(), "c".into()], 0)
        );
        let two_hours = Some(Duration::from_secs(7200));
        let (rows, undated) = sessions_of(&desktops, &records, None, two_hours, now);
        assert_eq!((ids(&rows), undated), (vec!["b".to_string()], 1));
        let (rows, _) = sessions_of(
            &desktops,
            &records,
            Some(&Status::WaitUserConfirm),
            None,
            now,
        );
        assert_eq!(ids(&rows), ["c"]);
    }
}
