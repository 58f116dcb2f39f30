//! Rendering one remote-assistance record: a field-per-row table, one JSON object, or the code.

use std::io::Write;

use comfy_table::{Attribute, Cell, Color, Table};
use serde::Serialize;

use super::age::relative_age;
use super::format::OutputFormat;
use super::style::Style;
use super::table::{new_table, Stream};
use crate::api::model::{self, RemoteAssistance};
use crate::domain::{DesktopNames, Status, MASK};
use crate::text::sanitize;

/// The JSON object of docs/CONTRACT.md: `desktop_id` and the nine API fields of
/// [`RemoteAssistance`], absent ones as null, the password masked unless `show_password`.
#[derive(Serialize)]
pub struct RecordJson<'a> {
    pub desktop_id: &'a str,
    #[serde(flatten)]
    record: RemoteAssistance,
}

impl<'a> RecordJson<'a> {
    pub fn new(desktop_id: &'a str, r: &RemoteAssistance, show_password: bool) -> Self {
        let mut record = r.clone();
        record.share_space_passwd = record.share_space_passwd.map(|p| p.revealed(show_password));
        RecordJson { desktop_id, record }
    }
}

/// Writes the record in the chosen format. For `code` the caller has checked that one exists.
pub fn render_show(
    out: &mut dyn Write,
    format: OutputFormat,
    desktop_id: &str,
    names: Option<&DesktopNames>,
    record: &RemoteAssistance,
    style: Style,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => {
            let json = RecordJson::new(desktop_id, record, style.show_password);
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Code => {
            writeln!(out, "{}", sanitize(record.open_code().unwrap_or_default()))?;
        }
        OutputFormat::Table if record.status() == Some(&Status::None) => {
            writeln!(out, "{}", none_table(desktop_id, names, style))?;
        }
        OutputFormat::Table => writeln!(out, "{}", show_table(desktop_id, names, record, style))?,
    }
    out.flush()
}

/// The rows that name the desktop: its ID, and its computer name and user when known.
fn desktop_rows(desktop_id: &str, names: Option<&DesktopNames>) -> Vec<(&'static str, Cell)> {
    let mut rows = vec![("Desktop", Cell::new(sanitize(desktop_id)))];
    let names = names.cloned().unwrap_or_default();
    if let Some(name) = names.computer_name {
        rows.push(("Computer name", Cell::new(sanitize(&name))));
    }
    if let Some(user) = names.user_name {
        rows.push(("User", Cell::new(sanitize(&user))));
    }
    rows
}

/// A desktop without a session: what it is, and the command that asks for one.
fn none_table(desktop_id: &str, names: Option<&DesktopNames>, style: Style) -> Table {
    let mut table = new_table(style, Stream::Stdout);
    let mut rows = desktop_rows(desktop_id, names);
    rows.push(("Status", status_cell(Some(&Status::None), style)));
    rows.push((
        "Next step",
        Cell::new(format!("assist start {} --wait", sanitize(desktop_id))),
    ));
    for (label, value) in rows {
        table.add_row(vec![Cell::new(label).add_attribute(Attribute::Bold), value]);
    }
    table
}

fn show_table(
    desktop_id: &str,
    names: Option<&DesktopNames>,
    r: &RemoteAssistance,
    style: Style,
) -> Table {
    let mut table = new_table(style, Stream::Stdout);
    let text = |v: Option<&str>| v.map(sanitize).unwrap_or_else(|| "-".to_string());
    let password = match &r.share_space_passwd {
        Some(p) if style.show_password => sanitize(p.expose()),
        Some(_) => format!("{MASK} (--show-password reveals it)"),
        None => "-".to_string(),
    };
    let mut rows = desktop_rows(desktop_id, names);
    rows.extend([
        ("Status", status_cell(r.status(), style)),
        ("Invitation code", code_cell(r, style)),
        ("Space name", Cell::new(text(r.share_space_name.as_deref()))),
        ("Space ID", Cell::new(text(r.share_space_id.as_deref()))),
        ("Password", Cell::new(password)),
        (
            "Private link",
            Cell::new(text(r.private_share_link.as_deref())),
        ),
        (
            "Internet link",
            Cell::new(text(r.internet_share_link.as_deref())),
        ),
        ("Created", Cell::new(created(r.create_time.as_deref()))),
        ("Failed reason", failed_cell(r.failed_reason(), style)),
    ]);
    for (label, value) in rows {
        table.add_row(vec![Cell::new(label).add_attribute(Attribute::Bold), value]);
    }
    table
}

/// The time as received, and how long ago that was when it can be read as a time.
fn created(time: Option<&str>) -> String {
    match time {
        None => "-".to_string(),
        Some(t) => match relative_age(t, jiff::Timestamp::now()) {
            Some(age) => format!("{} ({age})", sanitize(t)),
            None => sanitize(t),
        },
    }
}

fn status_cell(status: Option<&Status>, style: Style) -> Cell {
    let cell = Cell::new(status_with_meaning(status));
    if !style.color {
        return cell;
    }
    match status {
        Some(Status::Open) => cell.fg(Color::Green).add_attribute(Attribute::Bold),
        Some(Status::WaitUserConfirm | Status::WaitUserAccess) => cell.fg(Color::Yellow),
        Some(Status::Close | Status::None) => cell.add_attribute(Attribute::Dim),
        _ => cell,
    }
}

/// `OPEN (the space is open: …)`, or `-` and what a missing status means.
fn status_with_meaning(status: Option<&Status>) -> String {
    format!(
        "{} ({})",
        status.map_or_else(|| "-".to_string(), |s| sanitize(s.as_str())),
        Status::meaning_of(status)
    )
}

fn code_cell(r: &RemoteAssistance, style: Style) -> Cell {
    let code = r.invitation_code.as_deref().map(sanitize);
    let cell = Cell::new(code.unwrap_or_else(|| "-".to_string()));
    if style.color && r.open_code().is_some() {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn failed_cell(reason: Option<&str>, style: Style) -> Cell {
    match reason {
        Some(reason) if style.color => Cell::new(sanitize(reason)).fg(Color::Red),
        Some(reason) => Cell::new(sanitize(reason)),
        None => Cell::new("-"),
    }
}

/// The answer to POST remote-assistance (`start` without `--wait`).
pub fn render_created(
    out: &mut dyn Write,
    format: OutputFormat,
    desktop_id: &str,
    created: &model::Created,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json | OutputFormat::Code => {
            let json = model::Created {
                desktop_id: created.desktop_id.clone().or(Some(desktop_id.to_string())),
                ..created.clone()
            };
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Table => {
            let mut table = new_table(Style::default(), Stream::Stdout);
            let text =
                |v: &Option<String>| v.as_deref().map(sanitize).unwrap_or_else(|| "-".into());
            for (label, value) in [
                ("Desktop", sanitize(desktop_id)),
                ("Status", status_with_meaning(created.status.as_ref())),
                ("Space ID", text(&created.share_space_id)),
                ("Initiator", text(&created.initiator_type)),
            ] {
                table.add_row(vec![label.to_string(), value]);
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()
}
