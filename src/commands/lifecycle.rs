//! `assist start` (POST, optionally waiting for OPEN) and `assist cancel` (DELETE).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::record::{answered, closed, send, Recorder, Sent};
use super::tenant;
use crate::api::model::RemoteAssistance;
use crate::api::Client;
use crate::audit::{Action, Entry};
use crate::cli::{CancelArgs, StartArgs, START_DEADLINE};
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::Directory;
use crate::engine::poll::{self, Plan};
use crate::hooks::Listeners;
use crate::messages::{self, msg, Message};
use crate::outcome::{explained, explained_quoting, Explain, Failure, Kind, Outcome};
use crate::output::{fitted_line, render_cancelled, render_created, OutputFormat, Reporter};
use crate::text::sanitize;

pub fn start(settings: &Settings, args: &StartArgs) -> anyhow::Result<Outcome> {
    if args.copy && !args.wait && !settings.output.needs_open() {
        // Without waiting there is no invitation code to copy yet: say so before any request.
        return Err(Failure::new(Kind::Usage, msg!("err-copy-needs-wait"))
            .with_hint(msg!("hint-copy-needs-wait"))
            .into());
    }
    let message = args.message.as_deref().map(tenant::message_text);
    let message = message.transpose()?;
    refuse_notify_without_wait(settings, args)?;
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let (id, listed) = super::select::one_listed(&client, &args.target)?;
    let directory = Arc::new(Directory::listed(listed.as_slice()));
    let names = directory.names(id.as_str());
    let about = about(&id, names.as_ref());
    // Look first (one GET, on the connection the POST then uses): a session already open or
    // waiting for the user is reported, and waited on, rather than asked for again.
    let active = active_session(&client, &id)?;
    if let Some(active) = active.clone() {
        if !args.new {
            // Signals are caught before any line that says a wait is coming.
            crate::engine::signals::catch(crate::messages::say);
            let said = msg!(
                "start-already",
                desktop = &about,
                already = super::show::already(&active)
            );
            messages::plain(&said);
            return existing(settings, args, &id, active, client, directory, rec);
        }
        if !args.yes {
            match replace_confirmed(&about, &active)? {
                messages::Answer::Yes => {}
                messages::Answer::No => {
                    messages::plain(&msg!("start-new-kept", desktop = &about));
                    return Ok(Outcome::Done);
                }
                messages::Answer::Stopped => {
                    return Ok(Outcome::Stopped(crate::engine::signals::kind()))
                }
            }
        }
    }
    // A request is about to go out (and, with --new, a session to close): the tenant's rule
    // (read once for the run), whether anyone can accept now, then the word to the user.
    let consent = tenant::consent(settings, &client);
    let asking = before_asking(
        settings,
        args,
        &client,
        &id,
        &about,
        message.as_deref(),
        rec,
    );
    if let Outcome::Stopped(kind) = asking? {
        return Ok(Outcome::Stopped(kind));
    }
    if let Some(active) = active {
        let label = names.as_ref().and_then(DesktopNames::label);
        let session = active.share_space_id.as_deref();
        let cancel = Client::cancel_remote_assistance;
        let (intent, closing) = match send(
            rec,
            &client,
            &id,
            label.clone(),
            Action::Cancel,
            session,
            cancel,
        )? {
            Sent::Answer(intent, closing) => (intent, closing),
            Sent::Stopped(kind) => return Ok(stopped_in_flight(&about, kind)),
        };
        rec.outcome(&intent, &id, label, |e| closed(e, &closing));
        closing.explain_with(|| msg!("err-replace-failed", desktop = &about))?;
        let status = active.status_text();
        messages::plain(&msg!("start-replaced", desktop = &about, status = status));
    }
    let label = names.as_ref().and_then(DesktopNames::label);
    let create = Client::create_remote_assistance;
    let (intent, result) = match send(
        rec,
        &client,
        &id,
        label.clone(),
        Action::Start,
        None,
        create,
    )? {
        Sent::Answer(intent, result) => (intent, result),
        Sent::Stopped(kind) => return Ok(stopped_in_flight(&about, kind)),
    };
    rec.outcome(&intent, &id, label, |e| {
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
                .map(|_| format!("; {}", super::show::already(&active)))
                .unwrap_or_default();
            let said = msg!("start-conflict", desktop = &about, already = state)
                .quote("error", e.message());
            messages::plain(&said);
            return existing(settings, args, &id, active, client, directory, rec);
        }
        Err(e) => return Err(explained(e, msg!("err-start-failed", desktop = &id))),
    };
    directory.exists(&id);
    tenant::say_consent(consent, &about);
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
    let limit = tenant_limit(settings, args, consent);
    wait_for_open(settings, args, &id, Arc::new(client), directory, rec, limit)
}

/// The tenant's time to accept, when it decides how long `--wait` waits: the user must
/// accept and neither `--deadline` nor `--timeout` was given.
fn tenant_limit(settings: &Settings, args: &StartArgs, consent: tenant::Consent) -> Option<u64> {
    let explicit = args.deadline.is_some() || settings.deadline != Some(START_DEADLINE);
    match consent {
        tenant::Consent::Within(seconds) if !explicit => Some(seconds),
        _ => None,
    }
}

/// Once a request is about to go out: whether anyone can accept on the desktop now (a
/// warning, or with `--require-connected` a refusal before anything is sent), then the word
/// to the user (`--message`; a signal while it is out ends the run, nothing asked).
fn before_asking(
    settings: &Settings,
    args: &StartArgs,
    client: &crate::api::Client,
    id: &DesktopId,
    about: &str,
    message: Option<&str>,
    rec: &mut Recorder,
) -> anyhow::Result<Outcome> {
    tenant::triage(settings, client, id, about, args.require_connected)?;
    match message {
        Some(text) => tenant::send(client, std::slice::from_ref(id), text, rec, args.audit_text),
        None => Ok(Outcome::Done),
    }
}

/// A signal came while a POST or DELETE was out: the run ends with the signal's code.
fn stopped_in_flight(about: &str, kind: Kind) -> Outcome {
    super::record::stopped_in_flight(msg!("in-flight-request", desktop = about), kind)
}

/// `--notify` tells of what a wait sees: without one it is a usage error, and an unknown
/// target a config error, both before any request.
fn refuse_notify_without_wait(settings: &Settings, args: &StartArgs) -> anyhow::Result<()> {
    if !args.notify.notify.is_empty() && !args.wait && !settings.output.needs_open() {
        return Err(Failure::new(Kind::Usage, msg!("err-notify-needs-wait"))
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
        return Err(Failure::new(Kind::Usage, msg!("err-new-needs-yes"))
            .with_hint(msg!("hint-new-needs-yes")));
    }
    Ok(())
}

/// Asks whether to close the session already there; only `y` or `yes` says yes. Ctrl-C ends
/// the question at once, nothing sent (by its default action, or as the caught signal).
fn replace_confirmed(about: &str, active: &RemoteAssistance) -> anyhow::Result<messages::Answer> {
    let status = active.status_text();
    let question = msg!("start-new-confirm", desktop = about, status = status);
    Ok(messages::confirm(&question, &crate::engine::signals::came)?)
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
fn active_session(client: &Client, id: &DesktopId) -> anyhow::Result<Option<RemoteAssistance>> {
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
        Err(e) if e.is_no_such_api() => Err(explained(e, msg!("err-no-such-api", desktop = id))),
        // A policy may allow asking (createRemoteAssistance) but not looking
        // (getRemoteAssistance): the look is a courtesy, so ask anyway, and say so.
        Err(e) if e.status() == Some(403) => {
            client.forgive_forbidden();
            messages::warn(&msg!("start-look-forbidden", desktop = id).quote("error", e.message()));
            Ok(None)
        }
        Err(e) if e.is_refused() => Err(explained(e, msg!("err-show-refused", desktop = id))),
        Err(e) => {
            messages::warn(&msg!("start-not-checked", desktop = id).quote("error", e.message()));
            Ok(None)
        }
    }
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
        return super::show::opened(settings, args.copy, id, &active, &directory);
    }
    if !waits {
        super::show::print_record(settings, id, &active, &directory)?;
        return Ok(Outcome::Done);
    }
    directory.exists(id);
    messages::plain(&msg!("start-waiting-on-existing"));
    wait_for_open(settings, args, id, Arc::new(client), directory, rec, None)
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
    limit: Option<u64>,
) -> anyhow::Result<Outcome> {
    let interrupted = crate::engine::signals::catch(crate::messages::say);
    let deadline = limit
        .map(|seconds| Duration::from_secs(seconds) + tenant::CONSENT_MARGIN)
        .or(settings.deadline);
    let plan = Plan {
        ids: vec![id.clone()],
        interval: args.interval,
        concurrency: 1,
        max_rate: None,
        until: vec![Status::Open],
        deadline: deadline.map(|d| Instant::now() + d),
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
    let mut reporter =
        Listeners::new(&mut progress).exec(args.exec.exec.as_deref(), args.exec.exec_timeout);
    let outcome = poll::run(client, &plan, &HashMap::new(), &mut reporter, &interrupted);
    reporter.finish(interrupted.load(std::sync::atomic::Ordering::SeqCst));
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
    let timed_out = limit.is_some() && unanswered(&outcome.end, &record);
    rec.record(id, label, |e| {
        answer(e, &outcome.end, &record);
        if timed_out {
            // The cloud's own close for lack of an answer is not a decline.
            (e.action, e.accepted) = (Action::Deadline, None);
        }
    });
    if let Some(seconds) = limit.filter(|_| timed_out) {
        return Err(Failure::new(
            Kind::Deadline,
            msg!("err-consent-timeout", desktop = id, seconds = seconds),
        )
        .with_hint(msg!("hint-consent-timeout"))
        .into());
    }
    match outcome.end {
        Outcome::Done => super::show::opened(settings, args.copy, id, &record, &directory),
        Outcome::Stopped(Kind::Deadline) => Err(Failure::new(
            Kind::Deadline,
            still_pending_at(settings, id, &record),
        )
        .with_hint(
            Message::new("hint-still-pending").quote("pending", still_pending(record.status())),
        )
        .into()),
        Outcome::Stopped(Kind::Ended) => {
            // Scripts get the final record on stdout, the reason also on stderr.
            if settings.output == OutputFormat::Json {
                super::show::print_record(settings, id, &record, &directory)?;
            }
            Err(Failure::new(Kind::Ended, ended(id, &record)).into())
        }
        Outcome::Stopped(kind) if kind.is_signal() => {
            let said = Message::new("start-stopped-request-open");
            messages::plain(&said.quote("signal", kind.signal_message()));
            Ok(Outcome::Stopped(kind))
        }
        end => Ok(end),
    }
}

/// The tenant's time to accept ran out: our deadline passed, or the cloud closed the request
/// with a reason that says so.
fn unanswered(end: &Outcome, record: &RemoteAssistance) -> bool {
    match end {
        Outcome::Stopped(Kind::Deadline) => true,
        Outcome::Stopped(Kind::Ended) => {
            record.status() == Some(&Status::Close) && tenant::timed_out(record.failed_reason())
        }
        _ => false,
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
fn still_pending(status: Option<&Status>) -> Message {
    match status {
        Some(Status::WaitUserAccess) => msg!("pending-access"),
        _ => msg!("pending-accept"),
    }
}

pub fn cancel(settings: &Settings, args: &CancelArgs) -> anyhow::Result<Outcome> {
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    // Look first: the intent line names the session about to be closed, and a DELETE whose
    // answer is lost can then tell that session from one started since.
    let meant = session_on(&client, id).ok().flatten();
    let (intent, result) = match delete(rec, &client, id, meant.as_deref())? {
        Sent::Answer(intent, result) => (intent, result),
        Sent::Stopped(kind) => return Ok(stopped_in_flight(id.as_str(), kind)),
    };
    match result {
        Ok(_) => {
            rec.outcome(&intent, id, None, |e| closed(e, &result));
            cancelled(settings, &msg!("cancel-done", desktop = id), id)
        }
        Err(e) if e.may_have_arrived() => {
            rec.outcome(&intent, id, None, |entry| closed(entry, &Err(e.clone())));
            after_lost(settings, &client, id, meant, e, rec)
        }
        Err(e) if e.is_not_found() => {
            nothing_to_cancel(&client, &Directory::new(), id, e, rec, &intent)
        }
        Err(e) => {
            rec.outcome(&intent, id, None, |entry| closed(entry, &Err(e.clone())));
            Err(explained(e, msg!("err-cancel-failed", desktop = id)))
        }
    }
}

/// The share space id of the session active on the desktop (an empty one when the cloud gave
/// none), `None` when none is; a policy that forbids looking is forgiven (the DELETE may still
/// be allowed).
fn session_on(client: &Client, id: &DesktopId) -> Result<Option<String>, crate::api::ApiError> {
    match client.remote_assistance(id) {
        Ok(a) if a.value.status().is_some_and(Status::is_active) => {
            Ok(Some(a.value.share_space_id.unwrap_or_default()))
        }
        Ok(_) => Ok(None),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => {
            if e.status() == Some(403) {
                client.forgive_forbidden();
            }
            Err(e)
        }
    }
}

/// One recorded DELETE: the intent line, the request, sent once.
fn delete(
    rec: &mut Recorder,
    client: &Client,
    id: &DesktopId,
    session: Option<&str>,
) -> anyhow::Result<Sent<Result<crate::api::Answered<()>, crate::api::ApiError>>> {
    let cancel = Client::cancel_remote_assistance;
    send(rec, client, id, None, Action::Cancel, session, cancel)
}

/// Said on stderr, `cancelled` on stdout in the chosen format: the session is closed.
fn cancelled(
    settings: &Settings,
    said: &messages::Message,
    id: &DesktopId,
) -> anyhow::Result<Outcome> {
    messages::plain(said);
    render_cancelled(&mut std::io::stdout().lock(), settings.output, id.as_str())?;
    Ok(Outcome::Done)
}

/// A DELETE whose answer was lost after it was sent (a reset, a timeout) is not sent again
/// blindly: a look tells what happened. No active session: the first request went through.
/// The session meant still active: it did not, and sending again is safe. Another session
/// active: someone started it since; it is left alone (the network error's exit code, 7).
fn after_lost(
    settings: &Settings,
    client: &Client,
    id: &DesktopId,
    meant: Option<String>,
    lost: crate::api::ApiError,
    rec: &mut Recorder,
) -> anyhow::Result<Outcome> {
    let now = session_on(client, id).map_err(|look| {
        explained_quoting(lost.clone(), &look.message(), |look| {
            msg!("err-cancel-lost-unknown", desktop = id, look = look)
        })
    })?;
    match (now, meant) {
        (None, _) => {
            let said = msg!("cancel-lost-done", desktop = id);
            rec.record(id, None, |e| {
                e.action = Action::Cancel;
                e.status = Some(Status::Close);
                e.detail = Some(said.to_string());
            });
            cancelled(settings, &said, id)
        }
        (Some(now), Some(meant)) if now == meant => {
            messages::plain(&msg!(
                "cancel-lost-again",
                desktop = id,
                session = sanitize(&now)
            ));
            let (intent, result) = match delete(rec, client, id, Some(&now))? {
                Sent::Answer(intent, result) => (intent, result),
                Sent::Stopped(kind) => return Ok(stopped_in_flight(id.as_str(), kind)),
            };
            rec.outcome(&intent, id, None, |e| closed(e, &result));
            result.explain_with(|| msg!("err-cancel-failed", desktop = id))?;
            cancelled(settings, &msg!("cancel-done", desktop = id), id)
        }
        (Some(now), meant) => {
            let said = match meant {
                Some(meant) => msg!(
                    "err-cancel-lost-other",
                    desktop = id,
                    now = sanitize(&now),
                    meant = sanitize(&meant)
                ),
                None => msg!(
                    "err-cancel-lost-other-unknown",
                    desktop = id,
                    now = sanitize(&now)
                ),
            };
            rec.record(id, None, |e| {
                e.action = Action::Cancel;
                e.session = Some(now.clone());
                // The audit log is data: English, whatever the run's language.
                e.detail = Some(said.to_string());
            });
            Err(explained(lost, said))
        }
    }
}

/// A DELETE answered 404. On a desktop that exists there is no active session: nothing to
/// cancel, which is not an error (docs/CONTRACT.md); a desktop that does not exist still is.
fn nothing_to_cancel(
    client: &crate::api::Client,
    directory: &Directory,
    id: &DesktopId,
    e: crate::api::ApiError,
    rec: &mut Recorder,
    intent: &super::record::Intent,
) -> anyhow::Result<Outcome> {
    let exists = directory.confirm(client, id).unwrap_or(true);
    if !exists {
        rec.outcome(intent, id, None, |entry| closed(entry, &Err(e.clone())));
        return Err(super::show::no_such_desktop(id, client.project_id(), e).into());
    }
    let said = msg!("cancel-nothing", desktop = id);
    rec.outcome(intent, id, None, |entry| {
        closed(entry, &Err(e.clone()));
        entry.detail = Some(said.to_string());
    });
    messages::plain(&said);
    Ok(Outcome::Done)
}

/// `start --wait` passed its deadline: the status the desktop is still at, if it answered.
fn still_pending_at(settings: &Settings, id: &DesktopId, record: &RemoteAssistance) -> Message {
    let deadline = crate::units::format_duration(settings.deadline.unwrap_or_default());
    match record.status() {
        Some(s) => msg!(
            "err-deadline-pending",
            deadline = deadline,
            desktop = id,
            status = sanitize(s.as_str())
        ),
        None => msg!("err-deadline-no-answer", deadline = deadline, desktop = id),
    }
}

/// The session ended in another final state, with the cloud's reason when it gave one.
fn ended(id: &DesktopId, record: &RemoteAssistance) -> Message {
    let status = record
        .status()
        .map(|s| sanitize(s.as_str()))
        .unwrap_or_default();
    match record.failed_reason() {
        Some(r) => msg!(
            "err-ended-reason",
            desktop = id,
            status = status,
            reason = sanitize(r)
        ),
        None => msg!("err-ended", desktop = id, status = status),
    }
}
