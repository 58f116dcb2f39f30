//! Rendering ListDesktops results: a table, a JSON array, IDs one per line, and the
//! candidates of an ambiguous selector.

use std::io::Write;

use crossterm::style::{ContentStyle, Stylize};
use serde::Serialize;

use super::format::OutputFormat;
use super::style::Style;
use super::table::{Cell, Column, Layout, Stream, Table};
use crate::api::model::Desktop;
use crate::text::sanitize;

/// One element of `assist desktops -o json`.
#[derive(Serialize)]
struct DesktopJson<'a> {
    desktop_id: Option<&'a str>,
    computer_name: Option<&'a str>,
    user_name: Option<&'a str>,
    ip_address: Option<&'a str>,
    status: Option<&'a str>,
    connect_status: Option<&'a str>,
    created: Option<&'a str>,
}

impl<'a> DesktopJson<'a> {
    fn new(d: &'a Desktop) -> Self {
        DesktopJson {
            desktop_id: d.desktop_id.as_deref(),
            computer_name: d.computer_name.as_deref(),
            user_name: d.user_name.as_deref(),
            ip_address: d.ip_address.as_deref(),
            status: d.status.as_deref(),
            connect_status: d.connect_status.as_deref(),
            created: d.created.as_deref(),
        }
    }
}

/// Writes the list: a table, a JSON array, or (`code`) the IDs one per line, for `watch`.
pub fn render_desktops(
    out: &mut dyn Write,
    format: OutputFormat,
    desktops: &[Desktop],
    style: Style,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => {
            let json: Vec<DesktopJson> = desktops.iter().map(DesktopJson::new).collect();
            crate::text::write_json_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        // `desktops` has no link to give (the command refuses `-o link`): IDs, like `code`.
        OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
            for d in desktops {
                writeln!(out, "{}", sanitize(d.id()))?;
            }
        }
        OutputFormat::Table => {
            let table = desktops_table(desktops, style, true);
            for line in table.lines(Layout::of(Stream::Stdout)) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

/// The desktops an ambiguous selector matched, for an error message on stderr (no colour:
/// it is part of a message, whatever the terminal).
pub fn candidates_table(desktops: &[Desktop]) -> String {
    desktops_table(desktops, Style::default(), false)
        .lines(Layout::of(Stream::Stderr))
        .join("\n")
}

/// The IDs never give way. The connection goes first, then the address; the name is cut
/// before the user is (whose desktop it is matters most), so that full IDs fit at 80 columns
/// and at 60.
const COLUMNS: [Column; 6] = [
    Column::keep("col-id"),
    Column::cut("col-name", 4),
    Column::cut("col-user", 3),
    Column::keep("col-ip").droppable(5),
    Column::keep("col-status").droppable(2),
    Column::cut("col-connect", 6),
];

fn desktops_table(desktops: &[Desktop], style: Style, connect: bool) -> Table {
    let columns = if connect { &COLUMNS[..] } else { &COLUMNS[..5] };
    let mut table = Table::new(columns, style);
    let text = |v: &Option<String>| v.as_deref().map(sanitize).unwrap_or_else(|| "-".into());
    for d in desktops {
        let users: Vec<String> = d.user_names().into_iter().map(sanitize).collect();
        let mut row = vec![
            Cell::new(sanitize(d.id())),
            Cell::new(text(&d.computer_name)),
            Cell::new(if users.is_empty() {
                "-".into()
            } else {
                users.join(", ")
            }),
            Cell::new(text(&d.ip_address)),
            status_cell(d.status.as_deref(), style),
        ];
        if connect {
            row.push(Cell::new(text(&d.connect_status)));
        }
        table.add_row(row);
    }
    table
}

/// ACTIVE green, ERROR red, SHUTOFF and HIBERNATED dim: what can be assisted stands out.
fn status_cell(status: Option<&str>, style: Style) -> Cell {
    let paint = ContentStyle::new();
    let paint = match status {
        _ if !style.color => paint,
        Some("ACTIVE") => paint.green(),
        Some("ERROR") => paint.red(),
        Some("SHUTOFF" | "HIBERNATED") => paint.dim(),
        _ => paint,
    };
    Cell::painted(status.map(sanitize).unwrap_or_else(|| "-".into()), paint)
}
