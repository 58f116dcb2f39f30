//! `assist settings` (the tenant's collaboration settings), `settings set` (read, change the
//! named keys, write the whole object back) and `assist message` (SendNotifications); and what
//! `start` asks of them before asking: the tenant's time to accept, the desktop's state, a
//! message first.

use std::io::{IsTerminal, Read};
use std::time::Duration;

use serde_json::Value;

use super::record::{answered, send_all, send_one, stopped_in_flight, Lines, Recorder, Sent};
use crate::api::{ApiError, Client};
use crate::audit::{Action, Entry};
use crate::cli::{MessageArgs, SettingsArgs, SettingsCommand, SettingsSetArgs, Target};
use crate::config::Settings;
use crate::domain::share::{self, shown, Key, ShareSettings};
use crate::domain::DesktopId;
use crate::messages::{self, msg, os_error, Message};
use crate::outcome::{explained, Failure, Kind, Outcome};
use crate::output::render_settings;
use crate::text::sanitize;

/// The longest message `assist` sends, in characters (the API documents no limit).
pub const MESSAGE_LIMIT: usize = 512;
/// Added to the tenant's time to accept before `start --wait` gives up: the cloud closes the
/// request then, and the answer saying so needs a poll or two to arrive.
pub const CONSENT_MARGIN: Duration = Duration::from_secs(5);

pub fn settings(settings: &Settings, args: &SettingsArgs) -> anyhow::Result<Outcome> {
    match &args.command {
        None => show(settings),
        Some(SettingsCommand::Set(set_args)) => set(settings, set_args),
    }
}

fn show(settings: &Settings) -> anyhow::Result<Outcome> {
    let client = super::setup::client(settings)?;
    let current = read(&client)?;
    render_settings(&mut std::io::stdout().lock(), settings.output, &current)?;
    Ok(Outcome::Done)
}

fn read(client: &Client) -> anyhow::Result<ShareSettings> {
    let answered = client
        .share_settings()
        .map_err(|e| explained(e, msg!("err-read-settings")))?;
    Ok(answered.value)
}

/// Checks every `KEY=VALUE` before any request.
fn assignments(args: &SettingsSetArgs) -> Result<Vec<(&'static Key, Value)>, Failure> {
    args.assignments
        .iter()
        .map(|a| share::assignment(a))
        .collect::<Result<_, _>>()
        .map_err(|e| {
            Failure::new(
                Kind::Usage,
                msg!("err-settings-value").quote("reason", refusal(&e)),
            )
            .with_hint(msg!("hint-settings-keys", keys = share::names()))
        })
}

/// A refused `KEY=VALUE` in words (English: exactly the refusal's own text).
fn refusal(r: &share::Refusal) -> Message {
    use share::Refusal as R;
    match r {
        R::NotKeyValue(text) => msg!("settings-not-key-value", text = format!("{text:?}")),
        R::UnknownKey {
            name,
            closest: Some(k),
        } => {
            msg!(
                "settings-unknown-near",
                name = format!("{name:?}"),
                closest = k
            )
        }
        R::UnknownKey {
            name,
            closest: None,
        } => {
            msg!("settings-unknown", name = format!("{name:?}"))
        }
        R::NotBool { key, raw } => msg!("settings-not-bool", key = key, raw = format!("{raw:?}")),
        R::NotSeconds { key, min, max, raw } => msg!(
            "settings-not-seconds",
            key = key,
            min = min,
            max = max,
            raw = format!("{raw:?}")
        ),
        R::NotOneOf { key, choices, raw } => msg!(
            "settings-not-one-of",
            key = key,
            choices = choices,
            raw = format!("{raw:?}")
        ),
        R::BadText { key } => msg!("settings-bad-text", key = key),
    }
}

/// Refuses `settings set` without `--yes` when there is no terminal to ask on.
pub fn refuse_unconfirmed(args: &SettingsArgs) -> Result<(), Failure> {
    let Some(SettingsCommand::Set(set)) = &args.command else {
        return Ok(());
    };
    assignments(set)?;
    if !set.yes && !can_ask() {
        return Err(Failure::new(Kind::Usage, msg!("err-settings-needs-yes"))
            .with_hint(msg!("hint-settings-needs-yes")));
    }
    Ok(())
}

fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn set(settings: &Settings, args: &SettingsSetArgs) -> anyhow::Result<Outcome> {
    let wanted = assignments(args)?;
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let current = read(&client)?;
    let mut changed = current.clone();
    let mut lines = Vec::new();
    for (key, value) in wanted {
        let old = current.values.get(key.name);
        if old != Some(&value) {
            let was = old.map_or_else(
                || Message::new("settings-not-set"),
                |v| value_words(key.name, v),
            );
            let change = Message::new("settings-change")
                .arg("key", key.name)
                .quote("was", was)
                .quote("now", value_words(key.name, &value));
            lines.push(change);
        }
        changed.values.insert(key.name.to_string(), value);
    }
    if lines.is_empty() {
        messages::plain(&msg!("settings-unchanged"));
        return Ok(Outcome::Done);
    }
    for line in &lines {
        messages::plain(line);
    }
    if !args.yes && !confirmed()? {
        messages::plain(&msg!("settings-kept"));
        return Ok(Outcome::Done);
    }
    let lines_of = Lines {
        desktops: &[],
        sends: super::record::PUT_SETTINGS,
        action: Action::Other("settings".into()),
        session: None,
    };
    let (text, putting) = (changed.to_text(), client.clone());
    let put = move || putting.update_share_space_config(&text);
    let (intent, result) = match send_one(rec, &lines_of, put)? {
        Sent::Answer(intent, result) => (intent, result),
        Sent::Stopped(kind) => return Ok(stopped_in_flight(msg!("in-flight-settings"), kind)),
    };
    rec.outcome_tenant(&intent, |e| {
        e.action = Action::Other("settings".into());
        answered(e, &result);
        // Data: English whatever the run's language.
        let english: Vec<String> = lines.iter().map(Message::to_string).collect();
        e.detail = Some(english.join("; "));
    });
    result.map_err(|e| explained(e, msg!("err-write-settings")))?;
    messages::plain(&msg!("settings-written", count = lines.len()));
    render_settings(&mut std::io::stdout().lock(), settings.output, &changed)?;
    Ok(Outcome::Done)
}

fn confirmed() -> anyhow::Result<bool> {
    messages::ask(&msg!("settings-confirm"))?;
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// The message's text: `-` reads stdin; trimmed; refused when empty or too long (exit 2).
pub fn message_text(raw: &str) -> Result<String, Failure> {
    let text = if raw == "-" {
        let mut all = String::new();
        std::io::stdin()
            .lock()
            .take(64 * 1024)
            .read_to_string(&mut all)
            .map_err(|e| {
                let said = msg!("err-message-stdin").quote("reason", os_error(&e));
                Failure::new(Kind::Usage, said)
            })?;
        all
    } else {
        raw.to_string()
    };
    let text = text.trim().to_string();
    let length = text.chars().count();
    if text.is_empty() || length > MESSAGE_LIMIT {
        return Err(Failure::new(
            Kind::Usage,
            msg!("err-message-length", limit = MESSAGE_LIMIT, length = length),
        )
        .with_hint(msg!("hint-message-length", limit = MESSAGE_LIMIT)));
    }
    Ok(text)
}

pub fn message(settings: &Settings, args: &MessageArgs) -> anyhow::Result<Outcome> {
    let (ids, raw) = match args.words.split_last() {
        Some((text, ids)) => (ids, text),
        None => return Err(Failure::new(Kind::Usage, msg!("err-message-missing")).into()),
    };
    let selector = super::select::Selector::of(&args.select);
    if selector.is_some() != ids.is_empty() {
        return Err(Failure::new(Kind::Usage, msg!("err-message-targets"))
            .with_hint(msg!("hint-message-usage"))
            .into());
    }
    let parsed: Vec<DesktopId> = ids
        .iter()
        .map(|id| super::select::desktop_id(id))
        .collect::<Result<_, _>>()?;
    let text = message_text(raw)?;
    let rec = &mut Recorder::prepare(settings, &args.audit)?;
    let client = super::setup::client(settings)?;
    let desktops = match selector {
        None => parsed,
        Some(_) => {
            let target = Target {
                desktop_id: None,
                select: args.select.clone(),
            };
            vec![super::select::one(&client, &target)?]
        }
    };
    send(&client, &desktops, &text, rec, args.audit_text)
}

/// Sends `text` to the users of `desktops` (one call), with an intent line per desktop before
/// it and an outcome line per desktop after it.
pub fn send(
    client: &Client,
    desktops: &[DesktopId],
    text: &str,
    rec: &mut Recorder,
    audit_text: bool,
) -> anyhow::Result<Outcome> {
    let about: Vec<(DesktopId, Option<String>)> =
        desktops.iter().map(|id| (id.clone(), None)).collect();
    let lines = Lines {
        desktops: &about,
        sends: super::record::POST_MESSAGE,
        action: Action::Other("message".into()),
        session: None,
    };
    let (sending, to, said_text) = (client.clone(), desktops.to_vec(), text.to_string());
    let post = move || sending.send_notifications(&to, &said_text);
    let (intents, result) = match send_all(rec, &lines, post)? {
        Sent::Answer(intents, result) => (intents, result),
        Sent::Stopped(kind) => return Ok(stopped_in_flight(msg!("in-flight-message"), kind)),
    };
    for (intent, id) in intents.iter().zip(desktops) {
        rec.outcome(intent, id, None, |e| said(e, &result, text, audit_text));
    }
    result.map_err(|e| explained(e, msg!("err-message-failed")))?;
    for id in desktops {
        messages::plain(&msg!("message-sent", desktop = id));
    }
    Ok(Outcome::Done)
}

/// The message as an audit line: that it went out and its length; the text only when asked.
fn said<T>(
    e: &mut Entry,
    result: &Result<crate::api::Answered<T>, ApiError>,
    text: &str,
    audit_text: bool,
) {
    e.action = Action::Other("message".into());
    answered(e, result);
    if result.is_ok() {
        let length = text.chars().count();
        e.detail = Some(match audit_text {
            true => format!("message ({length} characters): {}", sanitize(text)),
            false => format!("message of {length} characters"),
        });
    }
}

/// What the tenant's settings say about asking, read once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// The user must accept within this many seconds.
    Within(u64),
    /// The user must accept; the time is not given.
    Asked,
    /// The user is not asked.
    NotAsked,
    /// The settings could not be read (refused, not in this region): today's behaviour.
    Unknown,
}

/// The tenant's rule. A refusal or any failure is never an error here: the request goes out
/// as before, with a `-v` note.
pub fn consent(settings: &Settings, client: &Client) -> Consent {
    let single = client.single_attempts();
    match single.share_settings() {
        Ok(answered) => match answered.value.user_must_accept() {
            Some(false) => Consent::NotAsked,
            _ => answered
                .value
                .time_to_accept()
                .map_or(Consent::Asked, Consent::Within),
        },
        Err(e) => {
            if e.status() == Some(403) {
                client.forgive_forbidden();
            }
            if settings.verbose > 0 {
                messages::note(&msg!("consent-unknown").quote("error", e.message()));
            }
            Consent::Unknown
        }
    }
}

/// Says what the user will see after the request went out.
pub fn say_consent(consent: Consent, about: &str) {
    match consent {
        Consent::Within(seconds) => {
            messages::plain(&msg!("consent-within", desktop = about, seconds = seconds))
        }
        Consent::NotAsked => messages::plain(&msg!("consent-not-asked", desktop = about)),
        Consent::Asked | Consent::Unknown => {}
    }
}

/// Looks at the desktop before asking: a state in which nobody can accept is a warning, or
/// with `require` a refusal (exit 9) before anything is sent.
pub fn triage(
    settings: &Settings,
    client: &Client,
    id: &DesktopId,
    about: &str,
    require: bool,
) -> anyhow::Result<()> {
    let single = client.single_attempts();
    let state = match single.desktop_detail(id) {
        Ok(answered) => answered.value.desktop,
        Err(e) => {
            if e.status() == Some(403) {
                client.forgive_forbidden();
            }
            if settings.verbose > 0 {
                messages::note(&msg!("triage-unknown", desktop = id).quote("error", e.message()));
            }
            return Ok(());
        }
    };
    let Some(problem) = problem(&state) else {
        return Ok(());
    };
    if require {
        return Err(Failure::new(
            Kind::Ended,
            msg!("err-not-connected", desktop = &about).quote("problem", problem),
        )
        .with_hint(msg!("hint-require-connected"))
        .into());
    }
    messages::warn(&msg!("triage-warning", desktop = about).quote("problem", problem));
    Ok(())
}

/// Why nobody could accept on this desktop now, or `None` when nothing says so: words the
/// warning or the refusal quotes in the run's language (English in the error's own text).
pub fn problem(state: &crate::api::tenant::DesktopState) -> Option<Message> {
    if let Some(status) = state.status().filter(|s| !s.eq_ignore_ascii_case("ACTIVE")) {
        return Some(msg!("triage-desktop-status", status = status));
    }
    if state.in_maintenance() == Some(true) {
        return Some(msg!("triage-maintenance"));
    }
    if let Some(task) = state.task_status() {
        return Some(msg!("triage-busy", task = task));
    }
    match state.login_status() {
        Some(login) if !login.eq_ignore_ascii_case("CONNECTED") => {
            Some(msg!("triage-not-connected", login = login))
        }
        _ => None,
    }
}

/// Whether a session closed because its user let the time to accept pass: the cloud's words
/// are not documented (docs/WORKSPACE-API.md §8), so any reason that speaks of time running
/// out counts.
pub fn timed_out(reason: Option<&str>) -> bool {
    let Some(reason) = reason.map(str::to_ascii_lowercase) else {
        return false;
    };
    ["timed out", "timeout", "time out", "expired", "in time"]
        .iter()
        .any(|w| reason.contains(w))
}

/// A setting's value in words: yes and no in the run's language, the rest as it is shown.
fn value_words(key: &str, value: &Value) -> Message {
    match value {
        Value::Bool(true) => Message::new("word-yes"),
        Value::Bool(false) => Message::new("word-no"),
        other => Message::new("as-is").arg("text", shown(key, other)),
    }
}
