//! `assist sessions`: which desktops of the project have a session open or pending, and since
//! when; `--cancel` closes them (the sweep of forgotten sessions); `--watch` keeps a live board.
//! The fleet is read with the watch engine: bounded concurrency, `--max-rate`, 429 pacing.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::select::{combined_filter, list_all};
use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::{ApiError, Client, DesktopFilter};
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::Directory;
use crate::engine::poll::{self, Plan};
use crate::messages::{self, msg, Level};
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::{render_sessions, OutputFormat, Reporter, SessionRow};
use crate::text::sanitize;

/// Refuses `--cancel` without `--yes` when there is no terminal to ask on, before any request.
pub fn refuse_unconfirmed(args: &SessionsArgs) -> Result<(), Failure> {
    if !args.notify.notify.is_empty() && !args.watch {
        return Err(Failure::new(
            Kind::Usage,
            "--notify tells of the changes `sessions --watch` sees",
        )
        .with_hint(msg!("hint-notify-needs-watch")));
    }
    if args.cancel && !args.yes && !can_ask() {
        return Err(Failure::new(
            Kind::Usage,
            "refusing to cancel sessions without confirmation: there is no terminal to ask on",
        )
        .with_hint(msg!("hint-cancel-needs-yes")));
    }
    Ok(())
}

fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

pub fn run(settings: &Settings, args: &SessionsArgs) -> anyhow::Result<Outcome> {
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
    let desktops = list_all(&client, &filter).context("could not list the desktops")?;
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
    if rows.is_empty() && settings.output == OutputFormat::Table {
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
        return sweep(&client, args, &rows, rec);
    }
    Ok(Outcome::Done)
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

/// `--cancel`: asks on a terminal (unless `--yes`), then closes each session, `--concurrency`
/// at a time, saying how each went; a failure makes the exit code that of the first one.
fn sweep(
    client: &Client,
    args: &SessionsArgs,
    rows: &[SessionRow],
    rec: Option<super::record::Recorder>,
) -> anyhow::Result<Outcome> {
    let mut rec = rec;
    if !args.yes && !confirmed(rows.len())? {
        messages::plain(&msg!("sessions-nothing-cancelled"));
        return Ok(Outcome::Done);
    }
    let results = crate::engine::fanout::in_parallel(rows, args.concurrency as usize, |row| {
        cancel_one(client, row)
    });
    let mut first_failure = None;
    let mut cancelled = 0;
    for (row, result) in rows.iter().zip(results) {
        let about = about(row);
        if let (Some(rec), Ok(id)) = (rec.as_mut(), DesktopId::parse(&row.desktop_id)) {
            rec.record(&id, row.names.label(), |e| {
                super::record::closed(e, &result)
            });
        }
        match result {
            Ok(_) => {
                cancelled += 1;
                messages::plain(&msg!("sessions-cancelled-one", session = &about));
            }
            Err(e) if e.is_not_found() => {
                messages::plain(&msg!("sessions-already-closed", session = &about));
            }
            Err(e) => {
                let failed = msg!("sessions-not-cancelled", session = &about, error = &e);
                messages::say(Level::Error, &failed);
                first_failure.get_or_insert(e);
            }
        }
    }
    let done = msg!("sessions-cancelled", done = cancelled, count = rows.len());
    messages::plain(&done);
    Ok(first_failure.map_or(Outcome::Done, Outcome::Failed))
}

fn cancel_one(client: &Client, row: &SessionRow) -> Result<crate::api::Answered<()>, ApiError> {
    let id = DesktopId::parse(&row.desktop_id).map_err(|e| ApiError::InvalidPath(e.to_string()))?;
    client.cancel_remote_assistance(&id)
}

fn about(row: &SessionRow) -> String {
    match row.names.label() {
        Some(label) => format!("{} ({})", sanitize(&row.desktop_id), sanitize(&label)),
        None => sanitize(&row.desktop_id),
    }
}

/// Asks on the terminal; only `y` or `yes` says yes.
fn confirmed(n: usize) -> anyhow::Result<bool> {
    messages::ask(&msg!("sessions-confirm", count = n))?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
