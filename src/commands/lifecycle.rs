//! `assist start` (POST, optionally waiting for OPEN) and `assist cancel` (DELETE).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use super::record::{answered, closed, Recorder};
use crate::api::model::RemoteAssistance;
use crate::audit::{Action, Entry};
use crate::cli::{CancelArgs, StartArgs};
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::Directory;
use crate::engine::poll::{self, Plan};
use crate::messages::{self, msg};
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::{
    copy_code, fitted_line, render_cancelled, render_created, render_show, since, OutputFormat,
    Reporter,
};
use crate::text::sanitize;

pub fn start(settings: &Settings, args: &StartArgs) -> anyhow::Result<Outcome> {
    if args.copy && !args.wait && !settings.output.needs_open() {
        // Without waiting there is no invitation code to copy yet: say so before any request.
        return Err(Failure::new(
            Kind::Usage,
            "--copy puts the invitation code on the clipboard, and `start` has one only once it waits for OPEN",
        )
        .with_hint(msg!("hint-copy-needs-wait"))
        .into());
    }
    refuse_notify_without_wait(settings, args)?;
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let (id, listed) = super::select::one_listed(&client, &args.target)?;
    let directory = Arc::new(Directory::listed(listed.as_slice()));
    let names = directory.names(id.as_str());
    let about = about(&id, names.as_ref());
    // Look first (one GET, on the connection the POST then uses): a session already open or
    // waiting for the user is reported, and waited on, rather than asked for again.
    if let Some(active) = active_session(&client, &id)? {
        if !args.new {
            // Signals are caught before any line that says a wait is coming.
            crate::engine::signals::catch(crate::messages::say);
            let said = msg!(
                "start-already",
                desktop = &about,
                already = already(&active)
            );
            messages::plain(&said);
            return existing(settings, args, &id, active, client, directory, rec);
        }
        if !args.yes && !replace_confirmed(&about, &active)? {
            messages::plain(&msg!("start-new-kept", desktop = &about));
            return Ok(Outcome::Done);
        }
        let closing = client.cancel_remote_assistance(&id);
        let label = names.as_ref().and_then(DesktopNames::label);
        rec.record(&id, label, |e| closed(e, &closing));
        closing.with_context(|| {
            format!("could not cancel the session already on desktop {about} (--new)")
        })?;
        let status = active.status_text();
        messages::plain(&msg!("start-replaced", desktop = &about, status = status));
    }
    let result = client.create_remote_assistance(&id);
    let label = names.as_ref().and_then(DesktopNames::label);
    rec.record(&id, label, |e| {
        e.action = Action::Start;
        answered(e, &result);
        if let Ok(created) = &result {
            e.status = created.value.status.clone();
        }
    });
    let created = match result {
        Ok(created) => created.value,
        // Someone started one between the look and the POST, and the cloud says so.
        Err(e) if e.status() == Some(409) => {
            let active = active_session(&client, &id)?.unwrap_or_default();
            let state = active
                .status()
                .map(|_| format!("; {}", already(&active)))
                .unwrap_or_default();
            let said = msg!(
                "start-conflict",
                desktop = &about,
                error = e,
                already = state
            );
            messages::plain(&said);
            return existing(settings, args, &id, active, client, directory, rec);
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!(
                "could not start remote assistance on desktop {}",
                id
            )))
        }
    };
    directory.exists(&id);
    // `-o code` and `-o link` ask for what only exists once the user accepted:
    // it implies --wait rather than sending a request and then failing.
    if !args.wait && !settings.output.needs_open() {
        render_created(
            &mut std::io::stdout().lock(),
            settings.output,
            id.as_str(),
            &created,
        )?;
        return Ok(Outcome::Done);
    }
    // The signals are caught before the line that says the wait began: a signal sent on
    // seeing it ends the wait as a signal should, never the process half-way.
    crate::engine::signals::catch(crate::messages::say);
    messages::plain(&msg!("start-asked", desktop = &about));
    wait_for_open(settings, args, &id, Arc::new(client), directory, rec)
}

/// `--notify` tells of what a wait sees: without one it is a usage error, and an unknown
/// target a config error, both before any request.
fn refuse_notify_without_wait(settings: &Settings, args: &StartArgs) -> anyhow::Result<()> {
    if !args.notify.notify.is_empty() && !args.wait && !settings.output.needs_open() {
        return Err(Failure::new(
            Kind::Usage,
            "--notify tells of the changes `start --wait` sees",
        )
        .with_hint(msg!("hint-notify-needs-wait"))
        .into());
    }
    settings.notify.select(&args.notify.notify)?;
    Ok(())
}

/// Refuses `--new` without `--yes` when there is no terminal to ask on, before any request:
/// it may close a session someone is using.
pub fn refuse_unconfirmed(args: &StartArgs) -> Result<(), Failure> {
    let can_ask = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if args.new && !args.yes && !can_ask {
        return Err(Failure::new(
            Kind::Usage,
            "refusing to replace a session (--new) without confirmation: there is no terminal to ask on",
        )
        .with_hint(msg!("hint-new-needs-yes")));
    }
    Ok(())
}

/// Asks on the terminal whether to close the session already there; only `y` or `yes`
/// says yes.
fn replace_confirmed(about: &str, active: &RemoteAssistance) -> anyhow::Result<bool> {
    let status = active.status_text();
    messages::ask(&msg!("start-new-confirm", desktop = about, status = status))?;
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// `a130ab3a-…` or `a130ab3a-… (FIN-PC-042 (alice))`, for messages.
fn about(id: &DesktopId, names: Option<&DesktopNames>) -> String {
    match names.and_then(DesktopNames::label) {
        Some(label) => format!("{id} ({})", sanitize(&label)),
        None => id.to_string(),
    }
}

/// The session on the desktop when it is open or waiting for the user. No record (whatever
/// the cloud answers for it) is `None`: the POST tells a desktop that does not exist. Refused
/// credentials end here; another failure only skips the look (the POST may still succeed).
fn active_session(
    client: &crate::api::Client,
    id: &DesktopId,
) -> anyhow::Result<Option<RemoteAssistance>> {
    match client.remote_assistance(id).map(|a| a.value) {
        Ok(r)
            if r.status()
                .is_some_and(|s| *s == Status::Open || s.is_pending()) =>
        {
            Ok(Some(r))
        }
        Ok(_) => Ok(None),
        Err(e) if e.is_not_found() => Ok(None),
        // A wrong endpoint or region: the POST would go to the same nowhere.
        Err(e) if e.is_no_such_api() => Err(anyhow::Error::new(e).context(format!(
            "the API gateway has no such API (asked for desktop {id})"
        ))),
        // A policy may allow asking (createRemoteAssistance) but not looking
        // (getRemoteAssistance): the look is a courtesy, so ask anyway, and say so.
        Err(e) if e.status() == Some(403) => {
            client.forgive_forbidden();
            messages::warn(&msg!("start-look-forbidden", desktop = id, error = e));
            Ok(None)
        }
        Err(e) if e.is_refused() => {
            Err(anyhow::Error::new(e).context(format!("the cloud refused to show desktop {}", id)))
        }
        Err(e) => {
            messages::warn(&msg!("start-not-checked", desktop = id, error = e));
            Ok(None)
        }
    }
}

/// `already OPEN since 10:42, code D1F32AA6`, `already waiting for the user to accept since …`.
fn already(r: &RemoteAssistance) -> String {
    let since = r
        .create_time
        .as_deref()
        .and_then(|t| since(t, jiff::Timestamp::now()))
        .map(|t| format!(" since {t}"))
        .unwrap_or_default();
    let what = match r.status() {
        Some(Status::Open) => format!(
            "already OPEN{since}{}",
            r.open_code()
                .map(|c| format!(", code {}", sanitize(c)))
                .unwrap_or_default()
        ),
        Some(Status::WaitUserConfirm) => format!("already waiting for the user to accept{since}"),
        Some(Status::WaitUserAccess) => {
            format!("already accepted; waiting for the user to enable access{since}")
        }
        _ => format!("already {}{since}", sanitize(r.status_text())),
    };
    format!("{what} (`--new` cancels it and asks again)")
}

/// A session that was already there: shown as it is, or (with `--wait` or `-o code`) waited
/// on until OPEN like a new one.
fn existing(
    settings: &Settings,
    args: &StartArgs,
    id: &DesktopId,
    active: RemoteAssistance,
    client: crate::api::Client,
    directory: Arc<Directory>,
    rec: &mut Recorder,
) -> anyhow::Result<Outcome> {
    let waits = args.wait || settings.output.needs_open();
    if active.open_code().is_some() {
        return opened(settings, args, id, &active, &directory);
    }
    if !waits {
        print_record(settings, id, &active, &directory)?;
        return Ok(Outcome::Done);
    }
    directory.exists(id);
    messages::plain(&msg!("start-waiting-on-existing"));
    wait_for_open(settings, args, id, Arc::new(client), directory, rec)
}

/// The record on stdout, in the chosen format, with the desktop's names when known.
fn print_record(
    settings: &Settings,
    id: &DesktopId,
    record: &RemoteAssistance,
    directory: &Directory,
) -> std::io::Result<()> {
    let names = directory.names(id.as_str());
    render_show(
        &mut std::io::stdout().lock(),
        settings.output,
        id.as_str(),
        names.as_ref(),
        record,
        settings.style,
    )
}

/// The space is OPEN: the record (or its code, or its link: exit 9 when the cloud gave none),
/// and the code onto the clipboard with `--copy`.
fn opened(
    settings: &Settings,
    args: &StartArgs,
    id: &DesktopId,
    record: &RemoteAssistance,
    directory: &Directory,
) -> anyhow::Result<Outcome> {
    if settings.output == OutputFormat::Link && record.open_link().is_none() {
        return Err(Failure::new(
            Kind::NoCode,
            format!(
                "desktop {} is OPEN but the cloud gave no internet share link",
                id
            ),
        )
        .with_hint(msg!("hint-start-no-code"))
        .into());
    }
    print_record(settings, id, record, directory)?;
    if args.copy {
        copy_code(record.open_code())?;
    }
    Ok(Outcome::Done)
}

/// Progress of `start --wait` goes to stderr, one line per change.
struct Progress;

impl Reporter for Progress {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        r: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        // The end (OPEN, or a reason) is what the command then prints or reports: not twice.
        if std::io::stderr().is_terminal() || r.status() != Some(&Status::Open) {
            let without_reason = RemoteAssistance {
                failed_reason: None,
                ..r.clone()
            };
            let width = crate::output::width(crate::output::Stream::Stderr).map(usize::from);
            let line = fitted_line(id, names, &without_reason, at, width);
            messages::plain(&msg!("start-change", line = line));
        }
        Ok(())
    }
}

fn wait_for_open(
    settings: &Settings,
    args: &StartArgs,
    id: &DesktopId,
    client: Arc<crate::api::Client>,
    directory: Arc<Directory>,
    rec: &mut Recorder,
) -> anyhow::Result<Outcome> {
    let interrupted = crate::engine::signals::catch(crate::messages::say);
    let plan = Plan {
        ids: vec![id.clone()],
        interval: args.interval,
        concurrency: 1,
        max_rate: None,
        until: vec![Status::Open],
        deadline: settings.deadline.map(|d| Instant::now() + d),
        once: false,
        began: None,
        directory: directory.clone(),
        membership: None,
        keep_records: true,
        keep_seen: false,
    };
    let targets = settings.notify.select(&args.notify.notify)?;
    let notifier = crate::notify::Notifier::start(targets, settings.verbose)?;
    let mut progress = notifier.listen(Progress);
    let outcome = poll::run(client, &plan, &HashMap::new(), &mut progress, &interrupted);
    drop(progress);
    notifier.finish();
    let outcome = outcome?;
    let record = outcome
        .records
        .get(id.as_str())
        .cloned()
        .unwrap_or_default();
    let label = directory
        .names(id.as_str())
        .as_ref()
        .and_then(DesktopNames::label);
    rec.record(id, label, |e| answer(e, &outcome.end, &record));
    match outcome.end {
        Outcome::Done => opened(settings, args, id, &record, &directory),
        Outcome::Stopped(Kind::Deadline) => Err(Failure::new(
            Kind::Deadline,
            format!(
                "the deadline passed ({}) and desktop {} is still pending at {}",
                crate::units::format_duration(settings.deadline.unwrap_or_default()),
                id,
                record
                    .status()
                    .map_or_else(|| "no answer".into(), |s| sanitize(s.as_str()))
            ),
        )
        .with_hint(msg!(
            "hint-still-pending",
            pending = still_pending(record.status())
        ))
        .into()),
        Outcome::Stopped(Kind::Ended) => {
            // Scripts get the final record on stdout, the reason also on stderr.
            if settings.output == OutputFormat::Json {
                print_record(settings, id, &record, &directory)?;
            }
            Err(Failure::new(
                Kind::Ended,
                format!(
                    "remote assistance on desktop {} ended {}{}",
                    id,
                    record
                        .status()
                        .map(|s| sanitize(s.as_str()))
                        .unwrap_or_default(),
                    record
                        .failed_reason()
                        .map(|r| format!(": {}", sanitize(r)))
                        .unwrap_or_default()
                ),
            )
            .into())
        }
        Outcome::Stopped(kind) if kind.is_signal() => {
            let signal = kind.signal_text();
            messages::plain(&msg!("start-stopped-request-open", signal = signal));
            Ok(Outcome::Stopped(kind))
        }
        end => Ok(end),
    }
}

/// The user's answer (or the deadline, or a stop) as an audit line.
fn answer(e: &mut Entry, end: &Outcome, record: &RemoteAssistance) {
    let (action, accepted) = match end {
        Outcome::Done => (Action::Accepted, Some(true)),
        Outcome::Stopped(Kind::Ended) => (Action::Declined, Some(false)),
        Outcome::Stopped(Kind::Deadline) => (Action::Deadline, None),
        _ => (Action::Stopped, None),
    };
    e.action = action;
    e.accepted = accepted;
    e.status = record.status().cloned();
    e.detail = record.failed_reason().map(sanitize);
}

/// What a session still pending at the deadline is waiting for.
fn still_pending(status: Option<&Status>) -> &'static str {
    match status {
        Some(Status::WaitUserAccess) => {
            "the user accepted but has not enabled access to their desktop yet"
        }
        _ => "the user has not accepted yet",
    }
}

pub fn cancel(settings: &Settings, args: &CancelArgs) -> anyhow::Result<Outcome> {
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    let result = client.cancel_remote_assistance(id);
    match result {
        Ok(_) => {
            rec.record(id, None, |e| closed(e, &result));
            messages::plain(&msg!("cancel-done", desktop = id));
            render_cancelled(&mut std::io::stdout().lock(), settings.output, id.as_str())?;
            Ok(Outcome::Done)
        }
        Err(e) if e.is_not_found() => {
            nothing_to_cancel(settings, &client, &Directory::new(), id, e, rec)
        }
        Err(e) => {
            rec.record(id, None, |entry| closed(entry, &Err(e.clone())));
            Err(anyhow::Error::new(e).context(format!(
                "could not cancel remote assistance on desktop {}",
                id
            )))
        }
    }
}

/// A DELETE answered 404. On a desktop that exists there is no active session: after a lost
/// first attempt it was probably that attempt that closed it; otherwise there was nothing to
/// cancel. Neither is an error (docs/CONTRACT.md); a desktop that does not exist still is.
fn nothing_to_cancel(
    settings: &Settings,
    client: &crate::api::Client,
    directory: &Directory,
    id: &DesktopId,
    e: crate::api::ApiError,
    rec: &mut Recorder,
) -> anyhow::Result<Outcome> {
    let lost = e.after_lost_attempt();
    let exists = directory.confirm(client, id).unwrap_or(true);
    let said = match (exists, lost) {
        (false, false) => {
            rec.record(id, None, |entry| closed(entry, &Err(e.clone())));
            return Err(super::show::no_such_desktop(id, client.project_id(), e).into());
        }
        (_, true) => msg!("cancel-probably-done", desktop = id),
        (true, false) => msg!("cancel-nothing", desktop = id),
    };
    rec.record(id, None, |entry| {
        closed(entry, &Err(e.clone()));
        entry.status = lost.then_some(Status::Close);
        entry.detail = Some(messages::line(messages::Level::Plain, &said));
    });
    messages::plain(&said);
    if lost {
        render_cancelled(&mut std::io::stdout().lock(), settings.output, id.as_str())?;
    }
    Ok(Outcome::Done)
}
