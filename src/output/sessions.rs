//! Rendering the sessions of a fleet (`assist sessions`): a table, a JSON array, or the IDs;
//! and the same table as the live board draws it.

use std::io::Write;

use crossterm::style::{ContentStyle, Stylize};
use serde::Serialize;

use super::age::{age_seconds, relative_age};
use super::format::OutputFormat;
use super::style::{status_paint, Style};
use super::table::{lang_of, Cell, Column, Layout, Stream, Table};
use crate::api::model::RemoteAssistance;
use crate::domain::{DesktopNames, Status};
use crate::messages::Lang;
use crate::text::sanitize;

/// One desktop with a session, as listed.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub desktop_id: String,
    pub names: DesktopNames,
    pub record: RemoteAssistance,
}

impl SessionRow {
    /// Seconds since `create_time`, when the cloud gave one that reads as a time.
    pub fn age(&self, now: jiff::Timestamp) -> Option<i64> {
        self.record
            .create_time
            .as_deref()
            .and_then(|t| age_seconds(t, now))
    }
}

/// One element of `assist sessions -o json`.
#[derive(Serialize)]
struct SessionJson<'a> {
    desktop_id: &'a str,
    computer_name: Option<&'a str>,
    user_name: Option<&'a str>,
    status: Option<&'a str>,
    invitation_code: Option<&'a str>,
    create_time: Option<&'a str>,
    age_seconds: Option<i64>,
}

/// Writes the sessions: a table, a JSON array, (`code`) the desktop IDs one per line, or
/// (`link`) the internet links of the open ones.
pub fn render_sessions(
    out: &mut dyn Write,
    format: OutputFormat,
    rows: &[SessionRow],
    style: Style,
    now: jiff::Timestamp,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => {
            let json: Vec<SessionJson> = rows
                .iter()
                .map(|r| SessionJson {
                    desktop_id: &r.desktop_id,
                    computer_name: r.names.computer_name.as_deref(),
                    user_name: r.names.user_name.as_deref(),
                    status: r.record.status().map(Status::as_str),
                    invitation_code: r.record.invitation_code.as_deref(),
                    create_time: r.record.create_time.as_deref(),
                    age_seconds: r.age(now),
                })
                .collect();
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Code => {
            for r in rows {
                writeln!(out, "{}", sanitize(&r.desktop_id))?;
            }
        }
        OutputFormat::Link => {
            for link in rows.iter().filter_map(|r| r.record.open_link()) {
                writeln!(out, "{}", sanitize(link))?;
            }
        }
        // `sessions` prints its metrics itself (they cover every desktop, not the rows).
        OutputFormat::Prometheus => {}
        OutputFormat::Table => {
            let layout = Layout::of(Stream::Stdout);
            let table = sessions_table(rows, style, (now, lang_of(layout)), None);
            for line in table.lines(layout) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

/// IDs and codes never give way. The creation age goes first, then the name (whose session
/// it is, the user, outlasts the computer's name), then the user; the status is cut last
/// (never so far that two read the same), so that full IDs and codes fit at 80 columns and
/// at 60.
/// `WAIT_USER_C…` and `WAIT_USER_A…` still differ.
pub const STATUS_LEAST: usize = 12;

const COLUMNS: [Column; 6] = [
    Column::keep("col-id"),
    Column::cut("col-name", 5).at_least(8),
    Column::cut("col-user", 3),
    Column::cut("col-status", 1).at_least(STATUS_LEAST),
    Column::keep("col-code"),
    Column::keep("col-created").droppable(6),
];

/// The sessions as a table, their ages in `lang`; the row of `highlight` (the last change, on
/// the board) stands out.
pub fn sessions_table(
    rows: &[SessionRow],
    style: Style,
    (now, lang): (jiff::Timestamp, Lang),
    highlight: Option<&str>,
) -> Table {
    let mut table = Table::new(&COLUMNS, style);
    let text = |v: Option<&str>| v.map(sanitize).unwrap_or_else(|| "-".into());
    for r in rows {
        let lit = style.color && highlight == Some(r.desktop_id.as_str());
        let mark = |cell: Cell| {
            if lit {
                Cell::painted(cell.text, cell.paint.reverse())
            } else {
                cell
            }
        };
        table.add_row(vec![
            mark(Cell::new(sanitize(&r.desktop_id))),
            mark(Cell::new(text(r.names.computer_name.as_deref()))),
            mark(Cell::new(text(r.names.user_name.as_deref()))),
            mark(status_cell(r.record.status(), style)),
            mark(Cell::new(text(r.record.invitation_code.as_deref()))),
            mark(Cell::new(
                r.record
                    .create_time
                    .as_deref()
                    .and_then(|t| relative_age(t, now, lang))
                    .unwrap_or_else(|| "-".into()),
            )),
        ]);
    }
    table
}

/// OPEN green, waiting yellow, anything else as it is.
fn status_cell(status: Option<&Status>, style: Style) -> Cell {
    let paint = status_paint(status, style, ContentStyle::new().magenta());
    Cell::painted(
        status.map_or_else(|| "-".into(), |s| sanitize(s.as_str())),
        paint,
    )
}
