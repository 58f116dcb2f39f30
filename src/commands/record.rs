//! What a change command writes to the audit log: the ticket check before any request, the
//! log opened before the request, an intent line written before each request (a change that
//! cannot be recorded is not made), and its outcome line after it.

use std::sync::atomic::Ordering;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use crate::api::{Answered, ApiError, Client};
use crate::audit::{Action, Entry, Log, LogError};
use crate::cli::AuditArgs;
use crate::config::{AuthSpec, Settings};
use crate::domain::DesktopId;
use crate::messages::{self, msg, Message};
use crate::outcome::{explained, Failure, Kind};

/// What a start's intent line says it is about to send.
pub const POST: &str = "POST remote-assistance";
/// What a cancel's intent line says it is about to send.
pub const DELETE: &str = "DELETE remote-assistance";
/// What a `settings set`'s intent line says it is about to send.
pub const PUT_SETTINGS: &str = "PUT share-space/configuration";
/// What a message's intent lines (one per desktop) say is about to be sent.
pub const POST_MESSAGE: &str = "POST notifications";

/// The intent line an outcome line follows (its `sha256-…`; none without a log).
#[derive(Debug, Clone, Default)]
pub struct Intent(Option<String>);

/// The log (unless `--no-audit` let a change go unrecorded) and what every line shares.
pub struct Recorder {
    log: Option<Log>,
    base: Entry,
}

impl Recorder {
    /// Refuses a change without `--ticket` when the profile requires one, and opens the log:
    /// both before any request.
    pub fn prepare(settings: &Settings, args: &AuditArgs) -> anyhow::Result<Recorder> {
        if settings.audit.require_ticket && args.ticket.is_none() {
            return Err(Failure::new(Kind::Usage, msg!("err-ticket-required"))
                .with_hint(msg!("hint-ticket-required"))
                .into());
        }
        let log = match (&settings.audit.log, args.no_audit) {
            (_, true) => {
                messages::warn(&msg!("audit-off"));
                None
            }
            (Some(path), false) => Some(Log::open(path)?),
            (None, false) => {
                return Err(Failure::new(Kind::Usage, msg!("err-no-data-dir"))
                    .with_hint(msg!("hint-audit-log-or-no-audit"))
                    .into())
            }
        };
        Ok(Recorder {
            log,
            base: base(settings, args),
        })
    }

    /// Writes the intent line before the request that `sends` (with the session it is about,
    /// when known). An error means the request must not be sent: it could not be recorded.
    pub fn intend(
        &mut self,
        desktop: &DesktopId,
        name: Option<String>,
        sends: &str,
        session: Option<&str>,
    ) -> Result<Intent, LogError> {
        self.intend_on(desktop.as_str(), name, sends, session)
    }

    /// The intent line about `desktop` (`""`: the tenant).
    fn intend_on(
        &mut self,
        desktop: &str,
        name: Option<String>,
        sends: &str,
        session: Option<&str>,
    ) -> Result<Intent, LogError> {
        let mut entry = self.entry(desktop, name);
        let Some(log) = &mut self.log else {
            return Ok(Intent(None));
        };
        entry.action = Action::Intent;
        entry.sends = Some(sends.to_string());
        entry.session = session.map(str::to_string);
        log.append(entry).map(|hash| Intent(Some(hash)))
    }

    /// Appends one line for `action` on `desktop`; a failure now (the change is made) is
    /// said on stderr rather than hiding the change's own result.
    pub fn record(
        &mut self,
        desktop: &DesktopId,
        name: Option<String>,
        fill: impl FnOnce(&mut Entry),
    ) {
        self.outcome(&Intent::default(), desktop, name, fill);
    }

    /// Appends the outcome line of `intent`'s change of the tenant (its settings), which
    /// names no desktop.
    pub fn outcome_tenant(&mut self, intent: &Intent, fill: impl FnOnce(&mut Entry)) {
        let entry = self.entry("", None);
        self.append(entry, intent, fill);
    }

    /// Appends the outcome line of `intent`'s request.
    pub fn outcome(
        &mut self,
        intent: &Intent,
        desktop: &DesktopId,
        name: Option<String>,
        fill: impl FnOnce(&mut Entry),
    ) {
        let entry = self.entry(desktop.as_str(), name);
        self.append(entry, intent, fill);
    }

    fn append(&mut self, mut entry: Entry, intent: &Intent, fill: impl FnOnce(&mut Entry)) {
        let Some(log) = &mut self.log else { return };
        entry.intent = intent.0.clone();
        fill(&mut entry);
        if let Err(e) = log.append(entry) {
            messages::warn(&msg!("audit-not-recorded").quote("error", e.message()));
        }
    }

    fn entry(&self, desktop: &str, name: Option<String>) -> Entry {
        Entry {
            time: jiff::Timestamp::now().to_string(),
            desktop_id: desktop.to_string(),
            desktop_name: name,
            ..self.base.clone()
        }
    }
}

/// The outcome of a request a signal left unanswered: it may have reached the server.
pub fn interrupted(entry: &mut Entry, action: Action, kind: Kind) {
    entry.action = action;
    let signal = match kind {
        Kind::Terminated => "SIGTERM",
        Kind::HungUp => "SIGHUP",
        _ => "SIGINT",
    };
    entry.detail = Some(format!(
        "interrupted ({signal}) before the answer came: the request may have reached the server"
    ));
}

/// A signal came while the request about `what` was out: its outcome lines say it may have
/// arrived; the run ends with the signal's code.
pub fn stopped_in_flight(what: Message, kind: Kind) -> crate::outcome::Outcome {
    let said = Message::new("audit-request-interrupted").quote("signal", kind.signal_message());
    messages::plain(&said.quote("what", what));
    crate::outcome::Outcome::Stopped(kind)
}

/// How a recorded request went: its answer (and the intent line(s) its outcome lines follow),
/// or a signal that came first (its outcome lines are written: the request may have arrived).
pub enum Sent<T, I = Intent> {
    Answer(I, T),
    Stopped(Kind),
}

/// The audit lines of one request: an intent line before it and an outcome line after it for
/// each desktop it names, or for the tenant when it names none (its settings).
pub struct Lines<'a> {
    pub desktops: &'a [(DesktopId, Option<String>)],
    pub sends: &'a str,
    /// The outcome lines' action, should a signal come while the request is out.
    pub action: Action,
    pub session: Option<&'a str>,
}

impl Lines<'_> {
    /// Each line's desktop and name; one `""` (the tenant) when the request names no desktop.
    fn about(&self) -> Vec<(String, Option<String>)> {
        match self.desktops {
            [] => vec![(String::new(), None)],
            all => all
                .iter()
                .map(|(id, name)| (id.as_str().to_string(), name.clone()))
                .collect(),
        }
    }
}

/// Writes every intent line of `lines`, then sends `request`; nothing is sent when one cannot
/// be written whole. SIGINT/SIGTERM/SIGHUP while the request is out end the wait at once.
pub fn send_all<T: Send + 'static>(
    rec: &mut Recorder,
    lines: &Lines,
    request: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<Sent<T, Vec<Intent>>> {
    let intents = intend_all(rec, lines)?;
    match unless_signalled(request) {
        Ok(answer) => Ok(Sent::Answer(intents, answer)),
        Err(kind) => {
            let action = &lines.action;
            for (intent, (desktop, name)) in intents.iter().zip(lines.about()) {
                let entry = rec.entry(&desktop, name);
                rec.append(entry, intent, |e| interrupted(e, action.clone(), kind));
            }
            Ok(Sent::Stopped(kind))
        }
    }
}

/// [`send_all`] for a request with one audit line pair (one desktop, or the tenant).
pub fn send_one<T: Send + 'static>(
    rec: &mut Recorder,
    lines: &Lines,
    request: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<Sent<T>> {
    Ok(match send_all(rec, lines, request)? {
        Sent::Answer(mut intents, answer) => {
            Sent::Answer(intents.pop().unwrap_or_default(), answer)
        }
        Sent::Stopped(kind) => Sent::Stopped(kind),
    })
}

/// The intent lines of `lines`, in order; the first that cannot be written stops them (an
/// intent written before it stays without outcome: `log` shows it as outcome unknown).
fn intend_all(rec: &mut Recorder, lines: &Lines) -> anyhow::Result<Vec<Intent>> {
    let mut intents = Vec::new();
    for (desktop, name) in lines.about() {
        let intent = rec.intend_on(&desktop, name, lines.sends, lines.session);
        intents.push(intent.map_err(|error| {
            let said = match desktop.as_str() {
                "" => msg!("err-not-recorded-settings"),
                id => msg!("err-not-recorded", desktop = id),
            };
            explained(error, said)
        })?);
    }
    Ok(intents)
}

/// Writes the intent line, then sends `request` to the desktop `id`.
pub fn send<T: Send + 'static>(
    rec: &mut Recorder,
    client: &Client,
    id: &DesktopId,
    name: Option<String>,
    action: Action,
    session: Option<&str>,
    request: fn(&Client, &DesktopId) -> T,
) -> anyhow::Result<Sent<T>> {
    let sends = if action == Action::Start {
        POST
    } else {
        DELETE
    };
    let desktops = [(id.clone(), name)];
    let lines = Lines {
        desktops: &desktops,
        sends,
        action,
        session,
    };
    let (client, desktop) = (client.clone(), id.clone());
    send_one(rec, &lines, move || request(&client, &desktop))
}

/// Runs `request` on its own thread and waits for its answer or a signal, whichever comes
/// first: a request held by a slow server must not hold up Ctrl-C, and the process may end
/// with the request still out (its thread ends with it).
fn unless_signalled<T: Send + 'static>(
    request: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Kind> {
    let interrupted = crate::engine::signals::catch(crate::messages::say);
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(request());
    });
    loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(answer) => return Ok(answer),
            Err(RecvTimeoutError::Timeout) if interrupted.load(Ordering::SeqCst) => {
                return Err(crate::engine::signals::kind())
            }
            Err(RecvTimeoutError::Timeout) => {}
            // The worker panicked: its panic is the run's (the hook reports it once).
            Err(RecvTimeoutError::Disconnected) => match worker.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(()) => return Err(crate::engine::signals::kind()),
            },
        }
    }
}

/// The HTTP status and request id of an answer (or of the error), into `entry`.
pub fn answered<T>(entry: &mut Entry, result: &Result<Answered<T>, ApiError>) {
    match result {
        Ok(a) => (entry.http_status, entry.request_id) = (Some(a.status), a.request_id.clone()),
        Err(e) => failed(entry, e),
    }
}

/// A DELETE's answer, into `entry`.
pub fn closed(entry: &mut Entry, result: &Result<Answered<()>, ApiError>) {
    entry.action = Action::Cancel;
    answered(entry, result);
}

fn failed(entry: &mut Entry, e: &ApiError) {
    entry.http_status = e.status();
    entry.request_id = e.request_id().map(str::to_string);
    entry.detail = Some(crate::text::sanitize(&e.to_string()));
}

fn base(settings: &Settings, args: &AuditArgs) -> Entry {
    let connection = settings.connection().ok();
    let (local_user, env_user) = crate::audit::local_user();
    Entry {
        local_user,
        env_user,
        operator: connection.map_or_else(|| "unknown".into(), |c| operator(&c.auth)),
        profile: settings.profile.as_ref().map(|p| p.value.clone()),
        project: connection.and_then(|c| c.project.as_ref().map(|p| p.value.clone())),
        ticket: args.ticket.clone(),
        reason: args.reason.clone(),
        ..Entry::default()
    }
}

/// The cloud identity without a secret: the IAM user, or the AK's first 4 characters.
fn operator(auth: &AuthSpec) -> String {
    match auth {
        AuthSpec::AkSk { ak, .. } => format!("ak:{}…", ak.chars().take(4).collect::<String>()),
        AuthSpec::Password { user, domain, .. } => format!("iam:{user}@{domain}"),
        AuthSpec::Token(_) => "token".into(),
    }
}
