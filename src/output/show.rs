//! Rendering one remote-assistance record: a field-per-row table, one JSON object, or the code.

use std::io::Write;

use crossterm::style::{ContentStyle, Stylize};
use serde::Serialize;

use super::age::relative_age;
use super::format::OutputFormat;
use super::style::{status_paint, Style};
use super::table::{lang_of, pairs, word, Cell, Fit, Layout, Stream};
use crate::api::model::{self, RemoteAssistance};
use crate::api::tenant::DesktopState;
use crate::domain::{DesktopNames, Status, MASK};
use crate::messages::{msg, Lang};
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

/// Writes the record in the chosen format. For `code` and `link` the caller has checked that
/// one exists.
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
        OutputFormat::Link => {
            writeln!(out, "{}", sanitize(record.open_link().unwrap_or_default()))?;
        }
        // Only `sessions` prints metrics: every other command refuses `-o prometheus` first.
        OutputFormat::Prometheus => {}
        OutputFormat::Table => {
            let layout = Layout::of(Stream::Stdout);
            let rows = record_rows((desktop_id, names), record, style, lang_of(layout));
            for line in pairs(&refs(&rows), style, layout) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

/// `show --detail` as JSON: the record's object with the desktop's state after it.
#[derive(Serialize)]
struct DetailJson<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    desktop: serde_json::Value,
}

/// `show --detail`: the record, then the desktop's power and login state (`desktop` in JSON,
/// four more rows in the table; `code` and `link` as without it).
pub fn render_show_detail(
    out: &mut dyn Write,
    format: OutputFormat,
    (desktop_id, names): (&str, Option<&DesktopNames>),
    record: &RemoteAssistance,
    style: Style,
    desktop: &DesktopState,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => {
            let json = DetailJson {
                record: RecordJson::new(desktop_id, record, style.show_password),
                desktop: desktop.json(),
            };
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Table => {
            let layout = Layout::of(Stream::Stdout);
            let lang = lang_of(layout);
            let mut rows = record_rows((desktop_id, names), record, style, lang);
            rows.extend(state_rows(desktop, lang));
            for line in pairs(&refs(&rows), style, layout) {
                writeln!(out, "{line}")?;
            }
        }
        OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
            return render_show(out, format, desktop_id, names, record, style)
        }
    }
    out.flush()
}

/// The desktop's state as rows; what the cloud did not say is `-`.
fn state_rows(desktop: &DesktopState, lang: Lang) -> Vec<Row> {
    let text = |v: Option<String>| Cell::new(v.map_or_else(|| "-".to_string(), |v| sanitize(&v)));
    let maintenance = desktop
        .in_maintenance()
        .map(|m| word(if m { "word-yes" } else { "word-no" }, lang));
    vec![
        row("label-power", lang, text(desktop.status()), Fit::Keep),
        row("label-login", lang, text(desktop.login_status()), Fit::Keep),
        row("label-maintenance", lang, text(maintenance), Fit::Keep),
        row("label-task", lang, text(desktop.task_status()), Fit::Keep),
    ]
}

/// The rows that name the desktop: its ID, and its computer name and user when known.
fn desktop_rows(desktop_id: &str, names: Option<&DesktopNames>, lang: Lang) -> Vec<Row> {
    let id = Cell::new(sanitize(desktop_id));
    let mut rows = vec![row("label-desktop", lang, id, Fit::Keep)];
    let names = names.cloned().unwrap_or_default();
    if let Some(name) = names.computer_name {
        let name = Cell::new(sanitize(&name));
        rows.push(row("label-computer-name", lang, name, Fit::Cut));
    }
    if let Some(user) = names.user_name {
        rows.push(row(
            "label-user",
            lang,
            Cell::new(sanitize(&user)),
            Fit::Cut,
        ));
    }
    rows
}

/// A label (in the layout's language), its value, and whether the value may be cut to fit.
type Row = (String, Cell, Fit);

fn row(label: &'static str, lang: Lang, value: Cell, fit: Fit) -> Row {
    (word(label, lang), value, fit)
}

/// The rows as [`pairs`] takes them.
fn refs(rows: &[Row]) -> Vec<(&str, Cell, Fit)> {
    rows.iter()
        .map(|(label, value, fit)| (label.as_str(), value.clone(), *fit))
        .collect()
}

/// The record's rows: a desktop without a session has its own few.
fn record_rows(
    (desktop_id, names): (&str, Option<&DesktopNames>),
    record: &RemoteAssistance,
    style: Style,
    lang: Lang,
) -> Vec<Row> {
    if record.status() == Some(&Status::None) {
        none_rows(desktop_id, names, style, lang)
    } else {
        show_rows(desktop_id, names, record, (style, lang))
    }
}

/// A desktop without a session: what it is, and the command that asks for one.
fn none_rows(desktop_id: &str, names: Option<&DesktopNames>, style: Style, lang: Lang) -> Vec<Row> {
    let mut rows = desktop_rows(desktop_id, names, lang);
    let status = status_cell(Some(&Status::None), style, lang);
    rows.push(row("label-status", lang, status, Fit::Cut));
    let next = Cell::new(format!("assist start {} --wait", sanitize(desktop_id)));
    rows.push(row("label-next-step", lang, next, Fit::Keep));
    rows
}

fn show_rows(
    desktop_id: &str,
    names: Option<&DesktopNames>,
    r: &RemoteAssistance,
    (style, lang): (Style, Lang),
) -> Vec<Row> {
    let text = |v: Option<&str>| Cell::new(v.map(sanitize).unwrap_or_else(|| "-".to_string()));
    let password = match &r.share_space_passwd {
        Some(p) if style.show_password => sanitize(p.expose()),
        Some(_) => msg!("show-password-masked", mask = MASK).render_in(lang),
        None => "-".to_string(),
    };
    let mut rows = desktop_rows(desktop_id, names, lang);
    let created = Cell::new(created(r.create_time.as_deref(), lang));
    rows.extend([
        row(
            "label-status",
            lang,
            status_cell(r.status(), style, lang),
            Fit::Cut,
        ),
        row(
            "label-invitation-code",
            lang,
            code_cell(r, style),
            Fit::Keep,
        ),
        row(
            "label-space-name",
            lang,
            text(r.share_space_name.as_deref()),
            Fit::Cut,
        ),
        row(
            "label-space-id",
            lang,
            text(r.share_space_id.as_deref()),
            Fit::Keep,
        ),
        row("label-password", lang, Cell::new(password), Fit::Keep),
        row(
            "label-private-link",
            lang,
            text(r.private_share_link.as_deref()),
            Fit::Keep,
        ),
        row(
            "label-internet-link",
            lang,
            text(r.internet_share_link.as_deref()),
            Fit::Keep,
        ),
        row("label-created", lang, created, Fit::Cut),
        row(
            "label-failed-reason",
            lang,
            failed_cell(r.failed_reason(), style),
            Fit::Cut,
        ),
    ]);
    rows
}

/// The time as received, and how long ago that was when it can be read as a time.
fn created(time: Option<&str>, lang: Lang) -> String {
    match time {
        None => "-".to_string(),
        Some(t) => match relative_age(t, jiff::Timestamp::now(), lang) {
            Some(age) => with_note(&sanitize(t), &age, lang),
            None => sanitize(t),
        },
    }
}

fn status_cell(status: Option<&Status>, style: Style, lang: Lang) -> Cell {
    let paint = status_paint(status, style, ContentStyle::new());
    Cell::painted(status_with_meaning(status, lang), paint)
}

/// `OPEN (the space is open: …)`, or `-` and what a missing status means: the status is
/// data, its meaning words in `lang`.
fn status_with_meaning(status: Option<&Status>, lang: Lang) -> String {
    let shown = status.map_or_else(|| "-".to_string(), |s| sanitize(s.as_str()));
    with_note(&shown, &word(meaning_id(status), lang), lang)
}

/// A value and a note on it, in `lang`'s brackets: `OPEN (…)`, `OPEN（…）`.
fn with_note(value: &str, note: &str, lang: Lang) -> String {
    msg!("value-with-note", value = value, note = note).render_in(lang)
}

/// The catalogue id of what a status means for the operator, and what happens next.
pub fn meaning_id(status: Option<&Status>) -> &'static str {
    match status {
        Some(Status::Open) => "status-meaning-open",
        Some(Status::WaitUserConfirm) => "status-meaning-wait-user-confirm",
        Some(Status::WaitUserAccess) => "status-meaning-wait-user-access",
        Some(Status::Close) => "status-meaning-close",
        Some(Status::None) => "status-meaning-none",
        Some(Status::Other(_)) => "status-meaning-other",
        None => "status-meaning-missing",
    }
}

fn code_cell(r: &RemoteAssistance, style: Style) -> Cell {
    let code = r.invitation_code.as_deref().map(sanitize);
    let cell = Cell::new(code.unwrap_or_else(|| "-".to_string()));
    if style.color && r.open_code().is_some() {
        Cell::painted(cell.text, ContentStyle::new().bold())
    } else {
        cell
    }
}

fn failed_cell(reason: Option<&str>, style: Style) -> Cell {
    match reason {
        Some(reason) if style.color => Cell::painted(sanitize(reason), ContentStyle::new().red()),
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
        OutputFormat::Json | OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
            let json = model::Created {
                desktop_id: created.desktop_id.clone().or(Some(desktop_id.to_string())),
                ..created.clone()
            };
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Table => {
            let text = |v: &Option<String>| {
                Cell::new(v.as_deref().map(sanitize).unwrap_or_else(|| "-".into()))
            };
            let layout = Layout::of(Stream::Stdout);
            let lang = lang_of(layout);
            let status = Cell::new(status_with_meaning(created.status.as_ref(), lang));
            let rows = [
                row(
                    "label-desktop",
                    lang,
                    Cell::new(sanitize(desktop_id)),
                    Fit::Keep,
                ),
                row("label-status", lang, status, Fit::Cut),
                row(
                    "label-space-id",
                    lang,
                    text(&created.share_space_id),
                    Fit::Keep,
                ),
                row(
                    "label-initiator",
                    lang,
                    text(&created.initiator_type),
                    Fit::Cut,
                ),
            ];
            for line in pairs(&refs(&rows), Style::default(), layout) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

/// What `cancel` did, for scripts (`-o json`): the desktop and its new status. People read
/// the line on stderr; `code` and `link` have nothing to print.
pub fn render_cancelled(
    out: &mut dyn Write,
    format: OutputFormat,
    desktop_id: &str,
) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        let json = serde_json::json!({"desktop_id": desktop_id, "status": Status::Close.as_str()});
        crate::text::write_json_pretty(&mut *out, &json)?;
        writeln!(out)?;
    }
    out.flush()
}
