//! `assist show`: GET one desktop's remote-assistance record and render it; a desktop without
//! a session is `NONE`, and only one that does not exist is "not found".

use std::sync::atomic::AtomicBool;

use crate::api::model::RemoteAssistance;
use crate::api::{model, ApiError, Client};
use crate::cli::ShowArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::{Answer, Directory};
use crate::messages::{msg, Message};
use crate::outcome::{Explain, Failure, Kind, Outcome};
use crate::output::{copy_code, render_show, render_show_detail, since, OutputFormat};
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let client = super::setup::client(settings)?;
    let (id, listed) = super::select::one_listed(&client, &args.target)?;
    let directory = Directory::listed(listed.as_slice());
    let answer = directory
        .assistance(&client, &id)
        .explain_with(|| msg!("err-read-assistance", desktop = &id))?;
    let record = match answer {
        Answer::Record(record) => record,
        Answer::Missing(e) => return Err(no_such_desktop(&id, client.project_id(), e).into()),
    };
    if settings.output == OutputFormat::Code && record.open_code().is_none() {
        return Err(no_code(&id, &record).into());
    }
    if settings.output == OutputFormat::Link && record.open_link().is_none() {
        return Err(no_link(&id, &record).into());
    }
    let names = directory
        .names(id.as_str())
        .or_else(|| listed_names(&client, &directory, &id, settings.output));
    let mut stdout = std::io::stdout().lock();
    if args.detail {
        let desktop = client
            .desktop_detail(&id)
            .explain_with(|| msg!("err-read-desktop-state", desktop = &id))?
            .value
            .desktop;
        let about = (id.as_str(), names.as_ref());
        render_show_detail(
            &mut stdout,
            settings.output,
            about,
            &record,
            settings.style,
            &desktop,
        )?;
    } else {
        render_show(
            &mut stdout,
            settings.output,
            id.as_str(),
            names.as_ref(),
            &record,
            settings.style,
        )?;
    }
    if args.copy {
        copy_code(record.open_code())?;
    }
    Ok(Outcome::Done)
}

/// The names of a desktop given by ID, for the table's name and user rows (`show --user`
/// has them from its listing): one ListDesktops by ID. JSON keeps its shape without them,
/// and a listing that fails only leaves the rows out.
fn listed_names(
    client: &Client,
    directory: &Directory,
    id: &DesktopId,
    format: OutputFormat,
) -> Option<DesktopNames> {
    if format != OutputFormat::Table {
        return None;
    }
    let never = AtomicBool::new(false);
    directory
        .look_up(client, std::slice::from_ref(id), 1, &never)
        .ok()?;
    directory.names(id.as_str())
}

/// GET said 404 and the project's listing does not have the desktop either.
pub fn no_such_desktop(id: &DesktopId, project: &str, e: ApiError) -> Failure {
    Failure::quoting(Kind::NotFound, &e.message(), |answer| {
        msg!(
            "err-no-such-desktop",
            desktop = id,
            project = sanitize(project),
            answer = answer
        )
    })
    .with_hint(not_found_hint(id))
}

/// A desktop's ID is a UUID: anything else was more likely a user or computer name typed
/// where the ID belongs (`show alice`), and the hint says how to select by it.
fn not_found_hint(id: &DesktopId) -> crate::messages::Message {
    let uuid_shaped = id.as_str().len() == 36
        && id.as_str().char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    match uuid_shaped {
        true => msg!("hint-desktop-not-found"),
        false => msg!("hint-id-looks-like-a-name", value = sanitize(id.as_str())),
    }
}

fn no_code(id: &DesktopId, record: &model::RemoteAssistance) -> Failure {
    Failure::new(Kind::NoCode, lacking("err-show-no-code", id, record))
        .with_hint(msg!("hint-show-no-code"))
}

fn no_link(id: &DesktopId, record: &model::RemoteAssistance) -> Failure {
    Failure::new(Kind::NoCode, lacking("err-show-no-link", id, record))
        .with_hint(msg!("hint-show-no-link"))
}

/// `desktop … has no <what>: status …`, and why when the cloud said; the status's meaning in
/// the words of the line around it.
fn lacking(what: &'static str, id: &DesktopId, record: &model::RemoteAssistance) -> Message {
    let status = record
        .status()
        .map_or_else(|| "none".into(), |s| sanitize(s.as_str()));
    let meaning = Message::new(crate::output::status_meaning(record.status()));
    let failed = record.failed_reason().map_or_else(
        || Message::new("err-text").arg("text", ""),
        |reason| msg!("err-show-failed-reason", reason = sanitize(reason)),
    );
    Message::new(what)
        .arg("desktop", id)
        .arg("status", status)
        .quote("meaning", meaning)
        .quote("failed", failed)
}

/// `already OPEN since 10:42, code D1F32AA6`, `already waiting for the user to accept since …`.
pub(super) fn already(r: &RemoteAssistance) -> String {
    let since = r
        .create_time
        .as_deref()
        .and_then(|t| since(t, jiff::Timestamp::now()))
        .map(|t| msg!("already-since", time = t).render())
        .unwrap_or_default();
    let what = match r.status() {
        Some(Status::Open) => {
            let code = r
                .open_code()
                .map(|c| msg!("already-code", code = sanitize(c)));
            let code = code.map(|c| c.render()).unwrap_or_default();
            msg!("already-open", since = since, code = code)
        }
        Some(Status::WaitUserConfirm) => msg!("already-waiting", since = since),
        Some(Status::WaitUserAccess) => msg!("already-accepted", since = since),
        _ => msg!(
            "already-other",
            status = sanitize(r.status_text()),
            since = since
        ),
    };
    msg!("already-new", what = what.render()).render()
}

/// The record on stdout, in the chosen format, with the desktop's names when known.
pub(super) fn print_record(
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
pub(super) fn opened(
    settings: &Settings,
    copy: bool,
    id: &DesktopId,
    record: &RemoteAssistance,
    directory: &Directory,
) -> anyhow::Result<Outcome> {
    if settings.output == OutputFormat::Link && record.open_link().is_none() {
        return Err(
            Failure::new(Kind::NoCode, msg!("err-open-without-link", desktop = id))
                .with_hint(msg!("hint-start-no-code"))
                .into(),
        );
    }
    print_record(settings, id, record, directory)?;
    if copy {
        copy_code(record.open_code())?;
    }
    Ok(Outcome::Done)
}
